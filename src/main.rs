//! The `versus` command: parses arguments, runs the library, prints diagnostics as
//! `path:line:col: message`, and picks the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use versus::{Project, build, find_root};

#[derive(Parser)]
#[command(
    name = "versus",
    version,
    about = "Builds a comparison report from Markdown into a static website"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Builds the site from content/ into output/.
    Build {
        /// The project folder (holding content/); default: this folder or the nearest parent.
        #[arg(long)]
        root: Option<PathBuf>,
        /// Where to write the site; default: output/ in the project folder.
        #[arg(long)]
        output: Option<PathBuf>,
        /// The address the site is published at, overriding base_url in site.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Fail if any translation is missing or older than its original.
        #[arg(long)]
        strict: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            strict,
        } => run_build(root, output, base_url, strict),
    }
}

fn run_build(
    root: Option<PathBuf>,
    output: Option<PathBuf>,
    base_url: Option<String>,
    strict: bool,
) -> ExitCode {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let Some(root) = root.or_else(|| find_root(&here)) else {
        eprintln!(
            "error: no content/site.toml in this folder or any parent: run from a versus project or pass --root"
        );
        return ExitCode::from(2);
    };
    let root = relative_to(&root, &here);
    let mut project = Project::at(&root);
    project.base_url = base_url;
    project.strict = strict;
    if let Some(output) = output {
        project.output = output;
    }
    match build(&project) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{warning}");
            }
            print!("{}", report.coverage);
            println!(
                "built {} pages ({} files) into {} in {} ms{}",
                report.pages,
                report.files,
                project.output.display(),
                report.elapsed.as_millis(),
                match report.warnings.len() {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                }
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprint!("{failure}");
            let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: build failed with {errors} error(s); {} was left unchanged",
                project.output.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// Paths in messages read best relative to where the command runs (`content/a.md`).
fn relative_to(path: &std::path::Path, base: &std::path::Path) -> PathBuf {
    match path.strip_prefix(base) {
        Ok(rel) if rel.as_os_str().is_empty() => PathBuf::new(),
        Ok(rel) => rel.to_path_buf(),
        Err(_) => path.to_path_buf(),
    }
}
