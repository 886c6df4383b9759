//! The `versus` command: parses arguments, runs the library, prints diagnostics (through
//! `report`: `path:line:col: message` and the source line), and picks the exit code: 0 done,
//! 1 the content or site has errors, 2 no project to work on.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use versus::error::Failure;
use versus::report::{Console, Verbosity};
use versus::{Project, find_root};

/// Faster than the system allocator for rendering's many small allocations (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "versus",
    version,
    about = "Builds a comparison report from Markdown into a static website"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: the files written, each request served.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Args)]
struct Root {
    /// The project folder (holding content/); default: this folder or the nearest parent.
    #[arg(long)]
    root: Option<PathBuf>,
}

#[derive(Args)]
struct Site {
    #[command(flatten)]
    root: Root,
    /// The address the site is published at, overriding base_url in site.toml.
    #[arg(long, value_parser = versus::url::base_url)]
    base_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Builds the site from content/ into output/.
    Build {
        #[command(flatten)]
        site: Site,
        /// Where to write the site; default: output/ in the project folder.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Fail if any translation is missing or older than its original.
        #[arg(long)]
        strict: bool,
        /// Keep highlighted code and the history read from git in DIR between builds, so a
        /// rebuild highlights only the code that changed and reads only the new commits (without
        /// it, nothing is written outside the output folder, which keeps the history).
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
    },
    /// Serves the site on 127.0.0.1, rebuilding and reloading open pages on every change.
    Serve {
        #[command(flatten)]
        site: Site,
        /// The port to listen on; if it is taken, a free one is used.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; another than 127.0.0.1 lets other machines read the site.
        #[arg(long, default_value_t = versus::serve::LOOPBACK)]
        bind: std::net::IpAddr,
    },
    /// Builds the site in memory and checks links, anchors, assets, translations and sources.
    Check {
        #[command(flatten)]
        site: Site,
        /// Fail on warnings too (missing translations, sources without a URL).
        #[arg(long)]
        strict: bool,
        /// Also request every external link (needs a network and `curl`).
        #[arg(long)]
        external: bool,
        /// Start from what `build --cache DIR` kept in DIR (the history read from git,
        /// highlighted code); nothing is written there.
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
    },
    /// Starts a report in DIR (default: this folder): site.toml with every key, sources, an
    /// example item and pages in every language, and the Pages workflow. Never overwrites.
    Init {
        /// The folder to start the report in; made if missing.
        dir: Option<PathBuf>,
        /// The report's title (default: "<folder name>, compared").
        #[arg(long)]
        title: Option<String>,
        /// Language codes, the originals' language first.
        #[arg(long, value_delimiter = ',', default_value = "en,ko")]
        languages: Vec<String>,
        /// The folder under content/ holding one file per item; also their address.
        #[arg(long, default_value = "items")]
        items: String,
        /// Only write themes/default/i18n/<LANG>.toml: the built-in English interface strings,
        /// to translate into LANG.
        #[arg(long, value_name = "LANG", conflicts_with_all = ["title", "languages", "items"])]
        strings: Option<String>,
    },
    /// The built-in theme (templates, static files, interface strings).
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
    /// Writes a new item, in every configured language, ready to fill in.
    New {
        /// The item's slug: its file name and address (lowercase letters, digits, hyphens).
        slug: String,
        #[command(flatten)]
        root: Root,
    },
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Writes the built-in theme's files into DIR (default: themes/default of the project) to
    /// edit; a file already there is kept. The build uses a project's file in place of the
    /// built-in one of the same path.
    Export {
        /// Where to write; default: themes/default in the project folder (or this folder).
        dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let console = Console::new(match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    });
    match cli.command {
        Command::Build {
            site,
            output,
            strict,
            cache,
        } => with_project(&console, site, |mut project| {
            project.strict = strict;
            project.cache = cache;
            if let Some(output) = output {
                project.output = output;
            }
            run_build(&console, &project)
        }),
        Command::Serve { site, port, bind } => with_project(&console, site, |project| {
            finish(
                &console,
                versus::serve::serve(&project, bind, port, &console),
                "serve",
            )
        }),
        Command::Check {
            site,
            strict,
            external,
            cache,
        } => with_project(&console, site, |mut project| {
            project.cache = cache;
            run_check(&console, &project, strict, external)
        }),
        Command::Init {
            dir,
            title,
            languages,
            items,
            strings,
        } => match strings {
            Some(lang) => run_strings(&console, dir, &lang),
            None => {
                let options = versus::init::Options {
                    title,
                    languages,
                    items,
                };
                run_init(&console, &dir.unwrap_or_default(), &options)
            }
        },
        Command::Theme {
            command: ThemeCommand::Export { dir },
        } => run_export(&console, dir),
        Command::New { slug, root } => with_project(
            &console,
            Site {
                root,
                base_url: None,
            },
            |project| run_new(&console, &project, &slug),
        ),
    }
}

/// Finds the project and runs `command` on it.
fn with_project(
    console: &Console,
    site: Site,
    command: impl FnOnce(Project) -> ExitCode,
) -> ExitCode {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let Some(root) = site.root.root.or_else(|| find_root(&here)) else {
        console.error(
            "no content/site.toml in this folder or any parent: `versus init` starts a report here; or run from a versus project, or pass --root",
        );
        return ExitCode::from(2);
    };
    let mut project = Project::at(relative_to(&root, &here));
    project.base_url = site.base_url;
    command(project)
}

fn run_build(console: &Console, project: &Project) -> ExitCode {
    match versus::build(project) {
        Ok(report) => {
            console.diagnostics(&report.warnings);
            for file in &report.files {
                console.detail(&format!("wrote {}", project.output.join(file).display()));
            }
            console.detail(&versus::report::stages(&report.stages));
            for note in &report.notes {
                console.info(note);
            }
            if console.verbosity > Verbosity::Quiet {
                print!("{}", report.coverage);
            }
            console.info(&format!(
                "built {} pages ({} files) into {} in {} ms{}",
                report.pages,
                report.files.len(),
                project.output.display(),
                report.elapsed.as_millis(),
                match report.warnings.len() {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                }
            ));
            ExitCode::SUCCESS
        }
        Err(failure) => fail(console, &failure, |errors| {
            format!(
                "build failed with {errors} error(s); {} was left unchanged",
                project.output.display()
            )
        }),
    }
}

fn run_check(console: &Console, project: &Project, strict: bool, external: bool) -> ExitCode {
    let findings = match versus::check::check(project, external) {
        Ok(findings) => findings,
        Err(failure) => {
            return fail(console, &failure, |errors| {
                format!("check failed: the site does not build ({errors} error(s))")
            });
        }
    };
    console.diagnostics(&findings.diagnostics);
    for note in &findings.notes {
        console.info(note);
    }
    let heading = if external {
        "tried"
    } else {
        "not tried (--external tries them)"
    };
    console.info(&format!(
        "external links: {}, {heading}",
        findings.external.len()
    ));
    for (url, page) in &findings.external {
        console.info(&format!("  {url}  (first on {page})"));
    }
    let errors = findings.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = findings.diagnostics.len() - errors;
    console.info(&format!(
        "checked {} files: {errors} error(s), {warnings} warning(s)",
        findings.files
    ));
    if errors > 0 {
        console.error(&format!("check failed with {errors} error(s)"));
        ExitCode::FAILURE
    } else if strict && warnings > 0 {
        console.error(&format!(
            "check failed with {warnings} warning(s) (--strict)"
        ));
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_new(console: &Console, project: &Project, slug: &str) -> ExitCode {
    match versus::scaffold::new_item(project, slug) {
        Ok(paths) => {
            print_created(console, &paths);
            console.info("fill in every field, then build");
            ExitCode::SUCCESS
        }
        Err(failure) => fail(console, &failure, |errors| {
            format!("nothing was written ({errors} error(s))")
        }),
    }
}

fn run_init(console: &Console, dir: &Path, options: &versus::init::Options) -> ExitCode {
    match versus::init::init(dir, options) {
        Ok(paths) => {
            print_created(console, &paths);
            let cd = if dir.as_os_str().is_empty() || dir == Path::new(".") {
                String::new()
            } else {
                format!("cd {} && ", dir.display())
            };
            console.info(&format!(
                "next: {cd}versus serve (then versus new <slug> for each item you compare)"
            ));
            ExitCode::SUCCESS
        }
        Err(failure) => fail(console, &failure, |errors| {
            format!("nothing was written ({errors} error(s))")
        }),
    }
}

/// The folder given, or the nearest project's (relative to here), or this folder.
fn project_or_here(dir: Option<PathBuf>) -> PathBuf {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    dir.or_else(|| find_root(&here).map(|root| relative_to(&root, &here)))
        .unwrap_or_default()
}

/// `init --strings LANG`: the string table to translate, in the project's own theme folder.
fn run_strings(console: &Console, dir: Option<PathBuf>, lang: &str) -> ExitCode {
    let root = project_or_here(dir);
    match versus::theme::write_strings(&Project::at(root).theme(), lang) {
        Ok(path) => {
            print_created(console, std::slice::from_ref(&path));
            console.info("translate each value; a key left out shows the default language's text");
            ExitCode::SUCCESS
        }
        Err(failure) => fail(console, &failure, |errors| {
            format!("nothing was written ({errors} error(s))")
        }),
    }
}

fn run_export(console: &Console, dir: Option<PathBuf>) -> ExitCode {
    let dir = dir.unwrap_or_else(|| Project::at(project_or_here(None)).theme());
    match versus::theme::export(&dir) {
        Ok((written, kept)) => {
            print_created(console, &written);
            for path in &kept {
                console.info(&format!("kept {} (already there)", path.display()));
            }
            console.info("edit any of them; delete a file to use the built-in one again");
            ExitCode::SUCCESS
        }
        Err(failure) => fail(console, &failure, |errors| {
            format!("nothing was written ({errors} error(s))")
        }),
    }
}

fn print_created(console: &Console, paths: &[PathBuf]) {
    for path in paths {
        console.info(&format!("created {}", path.display()));
    }
}

/// The exit of a command that runs until stopped, such as `serve`.
fn finish(console: &Console, result: Result<(), Failure>, what: &str) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => fail(console, &failure, |errors| {
            format!("{what} stopped ({errors} error(s))")
        }),
    }
}

/// Prints a failure's diagnostics and a closing line made from the number of errors.
fn fail(console: &Console, failure: &Failure, closing: impl FnOnce(usize) -> String) -> ExitCode {
    console.diagnostics(&failure.diagnostics);
    let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
    console.error(&closing(errors));
    ExitCode::FAILURE
}

/// Paths in messages read best relative to where the command runs (`content/a.md`).
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    match path.strip_prefix(base) {
        Ok(rel) if rel.as_os_str().is_empty() => PathBuf::new(),
        Ok(rel) => rel.to_path_buf(),
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn quiet_and_verbose_work_on_every_command_and_exclude_each_other() {
        for args in [
            &["versus", "build", "--quiet"][..],
            &["versus", "serve", "-v", "--port", "0"],
            &["versus", "check", "--external", "-q"],
            &["versus", "-q", "new", "hono"],
        ] {
            assert!(Cli::try_parse_from(args).is_ok(), "{args:?}");
        }
        assert!(Cli::try_parse_from(["versus", "check", "-q", "-v"]).is_err());
    }
}
