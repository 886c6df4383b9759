//! One rebuild of the served site: the whole site rendered into memory (no incremental
//! state to go stale), then swapped in for the requests to see; or, if it does not build, its
//! errors kept beside the last good build. Either way open pages are told.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::RwLock;
use std::time::Instant;

use super::live::{Clients, Message};
use crate::Project;
use crate::config::Config;
use crate::highlight::Highlighter;
use crate::report::{self, Console};
use crate::url::base_path;

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
}

impl Default for State {
    /// Nothing built yet, served at the root until `site.toml` says otherwise.
    fn default() -> State {
        State {
            files: BTreeMap::new(),
            base_path: "/".into(),
            build: 0,
            errors: None,
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
}

/// Everything a rebuild needs, kept for the life of the server.
pub struct Builder {
    pub project: Project,
    /// Where the server listens: pages' absolute addresses point there.
    pub address: SocketAddr,
    pub highlighter: Highlighter,
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
        let message = match crate::render_with(&local, &self.highlighter) {
            Ok((rendered, _)) => {
                console.diagnostics(&rendered.warnings);
                let mut state = shared.write();
                state.files = rendered
                    .files
                    .into_iter()
                    .map(|f| (f.path, f.bytes))
                    .collect();
                state.base_path = base;
                state.build += 1;
                state.errors = None;
                console.info(&format!(
                    "built {} pages in {} ms",
                    rendered.pages,
                    start.elapsed().as_millis()
                ));
                Message::Reload(state.build)
            }
            Err(failure) => {
                console.diagnostics(&failure.diagnostics);
                console.error("the site does not build: still serving the last good build");
                let text = report::render_plain(&failure.diagnostics);
                let mut state = shared.write();
                state.base_path = base;
                state.errors = Some(text.clone());
                Message::Errors(text)
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
