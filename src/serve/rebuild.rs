//! One rebuild of the served site: the whole site rendered into memory (no incremental
//! state to go stale), then swapped in for the requests to see; or, if it does not build, its
//! errors kept beside the last good build. Either way open pages are told. The pages open in
//! a browser are rendered first and shown as soon as they are made, before the rest of the
//! site: on a large site the editor sees an edit long before the whole rebuild is done.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use super::live::{Clients, Message};
use crate::Project;
use crate::config::Config;
use crate::highlight::Highlighter;
use crate::render::{Delivery, OutputFile};
use crate::report::{self, Console};
use crate::url::base_path;

/// The longest a rebuild waits for the pages shown early to reload before it makes the rest.
const RELOAD_LIMIT: Duration = Duration::from_millis(300);

/// The site as last built, with what requests need to answer from it.
#[derive(Debug)]
pub struct State {
    /// Files of the last good build, by path below the site's root.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The path the site is served under, as its base URL says (`/versus/`).
    pub base_path: String,
    /// How many good builds there were: pages know which one they show.
    pub build: u64,
    /// The diagnostics of the last build, as printed, if it failed.
    pub errors: Option<String>,
    /// Pages of the build under way shown before it is complete (pages open in a browser,
    /// made first), by path; they belong to build number `build + 1`.
    pub early: BTreeMap<String, Vec<u8>>,
}

impl State {
    /// A file of the site as served now, and the number of the build it comes from.
    pub fn file(&self, path: &str) -> Option<(&[u8], u64)> {
        match self.early.get(path) {
            Some(bytes) => Some((bytes, self.build + 1)),
            None => self
                .files
                .get(path)
                .map(|bytes| (bytes.as_slice(), self.build)),
        }
    }

    /// The number of the build the page at `path` (if any) is served from.
    pub fn build_of(&self, path: Option<&str>) -> u64 {
        match path {
            Some(path) if self.early.contains_key(path) => self.build + 1,
            _ => self.build,
        }
    }
}

impl Default for State {
    /// Nothing built yet, served at the root until `site.toml` says otherwise.
    fn default() -> State {
        State {
            files: BTreeMap::new(),
            base_path: "/".into(),
            build: 0,
            errors: None,
            early: BTreeMap::new(),
        }
    }
}

/// What request threads and the rebuilding thread share.
#[derive(Debug, Default)]
pub struct Shared {
    pub state: RwLock<State>,
    pub clients: Clients,
}

impl Shared {
    /// The state, for reading; a state is whole even if a thread panicked while writing it,
    /// since every write replaces fields with finished values.
    pub fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Serves a good build in place of the last; what open pages are told.
    fn swap_in(&self, rendered: crate::render::Rendered, base_path: String) -> Message {
        let mut state = self.write();
        state.files = (rendered.files.into_iter())
            .map(|f| (f.path, f.bytes))
            .collect();
        state.early.clear();
        state.base_path = base_path;
        state.build += 1;
        state.errors = None;
        Message::Reload(state.build)
    }

    /// Keeps serving the last good build beside the errors of this one; what open pages are
    /// told. Pages shown early came from this build: they go back to the last good one.
    fn keep_errors(&self, failure: &crate::error::Failure, base_path: String) -> Message {
        let text = report::render_plain(&failure.diagnostics);
        let mut state = self.write();
        state.base_path = base_path;
        state.errors = Some(text.clone());
        if !std::mem::take(&mut state.early).is_empty() {
            self.clients.broadcast(&Message::Reload(state.build));
        }
        Message::Errors(text)
    }

    /// Serves a page of the build under way before the build is complete, and reloads the
    /// pages showing it.
    fn show_early(&self, file: &OutputFile) {
        let next = {
            let mut state = self.write();
            state.early.insert(file.path.clone(), file.bytes.clone());
            state.build + 1
        };
        self.clients.reload(&file.path, next);
    }
}

/// Everything a rebuild needs, kept for the life of the server.
pub struct Builder {
    pub project: Project,
    /// Where the server listens: pages' absolute addresses point there.
    pub address: SocketAddr,
    pub highlighter: Highlighter,
    /// The history of the last build: a rebuild reads from git only the commits made since.
    pub history: crate::history::Kept,
}

impl Builder {
    /// Rebuilds the site, swaps it in (or keeps the errors), and tells the open pages.
    pub fn rebuild(&self, shared: &Shared, console: &Console) {
        let start = Instant::now();
        let base = self
            .base_path()
            .unwrap_or_else(|| shared.read().base_path.clone());
        let local = Project {
            base_url: Some(format!("http://{}{base}", self.address)),
            ..self.project.clone()
        };
        let open = shared.clients.open_pages();
        let early = |file: OutputFile| {
            if open.contains(&file.path) {
                shared.show_early(&file);
                console.detail(&format!(
                    "{} shown after {} ms",
                    file.path,
                    start.elapsed().as_millis()
                ));
            }
            crate::kept_in_memory(file)
        };
        // The rest of the site waits for the open pages to reload: on a small machine, a
        // browser loading a page while every core renders takes half as long again.
        let await_return = || shared.clients.await_return(RELOAD_LIMIT);
        let delivery = Delivery {
            first: &open,
            after_first: &await_return,
            keep: &early,
            reuse: None,
        };
        let message = match crate::render_into(&local, &self.highlighter, &self.history, &delivery)
        {
            Ok((rendered, _)) => {
                console.diagnostics(&rendered.warnings);
                console.detail(&report::stages(&rendered.stages));
                console.info(&format!(
                    "built {} pages in {} ms",
                    rendered.pages,
                    start.elapsed().as_millis()
                ));
                shared.swap_in(rendered, base)
            }
            Err(failure) => {
                console.diagnostics(&failure.diagnostics);
                console.error("the site does not build: still serving the last good build");
                shared.keep_errors(&failure, base)
            }
        };
        shared.clients.broadcast(&message);
    }

    /// The base path the site is published under: from `--base-url`, else from `site.toml`;
    /// `None` while `site.toml` does not load.
    fn base_path(&self) -> Option<String> {
        let url = match &self.project.base_url {
            Some(url) => url.clone(),
            None => {
                Config::load(&self.project.content().join("site.toml"))
                    .ok()?
                    .base_url
            }
        };
        let path = base_path(&url);
        Some(if path.ends_with('/') {
            path.to_string()
        } else {
            format!("{path}/")
        })
    }
}
