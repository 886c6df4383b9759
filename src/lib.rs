//! versus: a static site generator for comparison reports.
//!
//! The pipeline, one stage per module: `config` (site.toml) → `content` (read files, split
//! and parse front-matter) → `model::validate` (raw into valid) → `rank` (derived values) →
//! `render` (pages in every language) → `output` (staged, then swapped into place). `build`,
//! `check` and `serve` share every stage up to `render`; only `build` writes the site to disk.

pub mod chart;
pub mod check;
pub mod config;
pub mod config_texts;
pub mod content;
pub mod contrast;
pub mod coverage;
pub mod error;
pub mod highlight;
pub mod history;
pub mod init;
pub mod markdown;
pub mod model;
pub mod newfiles;
pub mod output;
pub mod pairs;
pub mod rank;
pub mod raster;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod suggest;
pub mod text;
pub mod theme;
pub mod url;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use error::{Diagnostic, Failure};
use highlight::Highlighter;
use model::Site;
use render::{Delivery, Rendered, Renderer};
use theme::Theme;

/// Where a build reads from and writes to.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project's root: holds `content/` and `themes/`.
    pub root: PathBuf,
    /// The output folder.
    pub output: PathBuf,
    /// Overrides `base_url` from site.toml.
    pub base_url: Option<String>,
    /// Fail on any translation gap (missing or outdated translation).
    pub strict: bool,
    /// Where `build` keeps highlighted code and the history read from git between builds,
    /// when asked to (`--cache DIR`), and where `check` reads them from.
    pub cache: Option<PathBuf>,
}

impl Project {
    /// A project rooted at `root`, writing to `root/output`.
    pub fn at(root: impl Into<PathBuf>) -> Project {
        let root = root.into();
        Project {
            output: root.join("output"),
            root,
            base_url: None,
            strict: false,
            cache: None,
        }
    }

    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    /// The project's own theme folder, whose files override the built-in theme's.
    pub fn theme(&self) -> PathBuf {
        self.root.join("themes").join("default")
    }

    /// The history the last build kept: in the cache folder if there is one, else in the
    /// output folder.
    pub fn kept_history(&self) -> history::Kept {
        history::Kept::from_folder(self.cache.as_deref().unwrap_or(&self.output))
    }

    /// A highlighter starting from the code the last build highlighted, if it kept it.
    pub fn highlighter(&self) -> Highlighter {
        (self.cache.as_deref()).map_or_else(Highlighter::default, Highlighter::with_cache)
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    /// The files written, as paths below the output folder.
    pub files: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    pub coverage: coverage::Coverage,
    pub elapsed: Duration,
    /// How long each stage took, in order: load, history, search index (part of render),
    /// render (with writing, for a build), swap.
    pub stages: Vec<(&'static str, Duration)>,
    /// What the build says once, neither error nor warning (history unavailable).
    pub notes: Vec<String>,
}

/// How the command line's base URL is named in messages about it.
const BASE_URL_OPTION: &str = "--base-url";

/// Loads and validates the content: configuration, sources, items and pages; and the items'
/// history, read from git while the files are, going on from the history `kept` (which keeps
/// the one read, for the next build).
pub fn load(project: &Project, kept: &history::Kept) -> Result<(Site, Vec<Diagnostic>), Failure> {
    let content = project.content();
    let mut config = config::Config::load(&content.join("site.toml")).map_err(Failure::new)?;
    if let Some(given) = &project.base_url {
        config.base_url = url::base_url(given)
            .map_err(|why| Failure::single(Diagnostic::error(BASE_URL_OPTION, why)))?;
    }
    let items = content.join(&config.items);
    let (history, loaded) = std::thread::scope(|scope| {
        let reading = config.clone();
        let history = scope.spawn(move || history::History::read(&items, &reading, kept.take()));
        let loaded = load_files(&content, config);
        let history = history
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (history, loaded)
    });
    kept.keep(&history);
    let (validated, problems) = loaded?;
    match validated {
        Ok((mut site, warnings)) if !problems.iter().any(Diagnostic::is_error) => {
            site.history = history;
            Ok((site, warnings))
        }
        Ok((_, warnings)) => Err(Failure::new(merge(problems, warnings))),
        Err(more) => Err(Failure::new(merge(problems, more))),
    }
}

/// What validating the content files said, and the problems reading them.
type Validated = (
    Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>>,
    Vec<Diagnostic>,
);

/// Reads and validates the files of `content`: sources, items and pages.
fn load_files(content: &Path, config: config::Config) -> Result<Validated, Failure> {
    let (files, problems) = content::walk::read_all(content, &config);
    // A broken sources file would make every citation look unknown: report it alone.
    let sources = model::source::load(&content.join("sources.toml"))
        .map_err(|broken| Failure::new(merge(problems.clone(), broken)))?;
    let validated = model::validate::validate(config, sources, &files, render::routes::RESERVED);
    Ok((validated, problems))
}

/// Renders the whole site into memory, with its translation coverage.
pub fn render(project: &Project) -> Result<(Rendered, coverage::Coverage), Failure> {
    render_with(project, &Highlighter::default())
}

/// [`render`] with syntaxes already loaded, for a process that renders many times (`serve`).
pub fn render_with(
    project: &Project,
    highlighter: &Highlighter,
) -> Result<(Rendered, coverage::Coverage), Failure> {
    let kept = history::Kept::default();
    render_into(project, highlighter, &kept, &Delivery::to(&kept_in_memory))
}

/// A file of a site held in memory whole: with no spare capacity (up to half a page).
pub fn kept_in_memory(mut file: render::OutputFile) -> Result<render::OutputFile, Failure> {
    file.bytes.shrink_to_fit();
    Ok(file)
}

/// [`render_with`], each file delivered as it is made (see [`Delivery`]), going on from the
/// history `kept` by an earlier build (see [`load`]).
pub fn render_into(
    project: &Project,
    highlighter: &Highlighter,
    kept: &history::Kept,
    delivery: &Delivery,
) -> Result<(Rendered, coverage::Coverage), Failure> {
    let start = Instant::now();
    let (site, warnings) = load(project, kept)?;
    let loaded = start.elapsed();
    let coverage = coverage::coverage(&site);
    if project.strict && !coverage.is_complete() {
        let message = format!("--strict: translations are missing or out of date\n{coverage}");
        return Err(Failure::single(Diagnostic::error(
            project.content(),
            message.trim_end(),
        )));
    }
    let mut rendered = render_site_into(project, &site, warnings, highlighter, delivery)?;
    rendered.stages.insert(0, ("load", loaded));
    // Read while the files were loaded: part of the load's time, not after it.
    (rendered.stages).insert(1, ("history (alongside load)", site.history.elapsed));
    rendered.notes.extend(site.history.note());
    Ok((rendered, coverage))
}

/// Renders a loaded site (every page, the theme's static files); `warnings` are those of
/// loading it, returned with the rendering's own.
pub fn render_site(
    project: &Project,
    site: &Site,
    warnings: Vec<Diagnostic>,
    highlighter: &Highlighter,
) -> Result<Rendered, Failure> {
    let delivery = Delivery::to(&kept_in_memory);
    render_site_into(project, site, warnings, highlighter, &delivery)
}

fn render_site_into(
    project: &Project,
    site: &Site,
    mut warnings: Vec<Diagnostic>,
    highlighter: &Highlighter,
    delivery: &Delivery,
) -> Result<Rendered, Failure> {
    let start = Instant::now();
    let codes: Vec<&str> = site.config.language_codes().collect();
    let (theme, theme_warnings) = Theme::load(&project.theme(), &codes)?;
    warnings.extend(theme_warnings);
    highlighter.start_run();
    let mut rendered = Renderer::new(site, &theme, highlighter)?
        .reusing(&project.output)
        .render_all_into(delivery)
        // Every page of a broken template reports the same error: list it once.
        .map_err(|failure| Failure::new(merge(failure.diagnostics, Vec::new())))?;
    rendered.warnings = merge(warnings, std::mem::take(&mut rendered.warnings));
    rendered.stages.push(("render", start.elapsed()));
    output::check_unique(&rendered.files)?;
    Ok(rendered)
}

/// Builds the site and writes it to the output folder. Each file is written as soon as it is
/// rendered, into a staging folder that replaces the output folder once the whole site is
/// made: the site is never held in memory whole, and a failed build leaves the output as it was.
/// The history read from git is kept for the next build ([`history::KEPT_FILE`]), which then
/// reads only the commits made since. With a cache folder (`--cache DIR`), highlighted code and
/// that history are read from it and kept there, and the output folder holds the site alone;
/// without one, nothing is written outside the output folder, where the history is kept.
pub fn build(project: &Project) -> Result<Report, Failure> {
    let start = Instant::now();
    let staging = output::Staging::begin(&project.output, &project.root)?;
    let kept = project.kept_history();
    let write = |file: render::OutputFile| {
        staging.write(&file)?;
        Ok(render::OutputFile {
            path: file.path,
            bytes: Vec::new(),
        })
    };
    let highlighter = project.highlighter();
    let link = |previous: &Path, path: &str| {
        let linked = staging.link(previous, path)?;
        Ok(linked.then(|| render::OutputFile {
            path: path.to_string(),
            bytes: Vec::new(),
        }))
    };
    let delivery = Delivery {
        reuse: Some(&link),
        ..Delivery::to(&write)
    };
    let (mut rendered, coverage) = render_into(project, &highlighter, &kept, &delivery)?;
    if project.cache.is_none()
        && let Some(bytes) = kept.file()
    {
        let path = history::KEPT_FILE.to_string();
        staging.write(&render::OutputFile { path, bytes })?;
    }
    let swapping = Instant::now();
    staging.finish(&rendered.files)?;
    rendered.stages.push(("swap", swapping.elapsed()));
    if let Some(cache) = &project.cache {
        rendered
            .warnings
            .extend(save_cache(cache, &highlighter, &kept));
    }
    Ok(Report {
        pages: rendered.pages,
        files: rendered.files.into_iter().map(|f| f.path).collect(),
        warnings: rendered.warnings,
        coverage,
        elapsed: start.elapsed(),
        stages: rendered.stages,
        notes: rendered.notes,
    })
}

/// Keeps in the cache folder what the next build goes on from: the highlighted code and the
/// history read. Failing to is a warning: the site is made all the same.
fn save_cache(cache: &Path, highlighter: &Highlighter, kept: &history::Kept) -> Vec<Diagnostic> {
    let saved = [
        ("highlighted code", highlighter.save(cache)),
        ("history", kept.save(cache)),
    ];
    (saved.into_iter())
        .filter_map(|(what, result)| {
            let e = result.err()?;
            let message = format!("{what} not kept for the next build: {e}");
            Some(Diagnostic::warning(cache, message))
        })
        .collect()
}

fn merge(mut a: Vec<Diagnostic>, b: Vec<Diagnostic>) -> Vec<Diagnostic> {
    a.extend(b);
    a.sort();
    a.dedup();
    a
}

/// The project root for a path given on the command line: the folder holding `content/`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|p| p.join("content").join("site.toml").is_file())
        .map(Path::to_path_buf)
}
