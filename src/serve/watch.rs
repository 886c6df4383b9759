//! Watching the project for `serve`: any change under `content/` (which holds the
//! configuration) or `themes/` rebuilds the site, once per burst of changes (an editor's save
//! is often several events). A `themes/` folder created while serving is watched from then on.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::rebuild::{Builder, Shared};
use crate::error::{Diagnostic, Failure};
use crate::report::Console;

/// How long the files must stay unchanged before the rebuild starts: an editor's save (write,
/// or write and rename) is over within a few milliseconds, and every millisecond here is one
/// more before the edit shows.
const SETTLE: Duration = Duration::from_millis(50);

type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// The folders whose changes matter, made absolute (events name absolute paths).
struct Watched {
    root: PathBuf,
    content: PathBuf,
    themes: PathBuf,
}

/// Starts watching in a thread of its own, which rebuilds on every change for as long as the
/// process runs.
pub fn start(builder: Builder, shared: Arc<Shared>, console: Console) -> Result<(), Failure> {
    let root = absolute(&builder.project.root)?;
    let watched = Watched {
        content: root.join("content"),
        themes: root.join("themes"),
        root,
    };
    let (sender, receiver) = channel();
    let mut watcher =
        new_debouncer(SETTLE, None, sender).map_err(|e| failure(&watched.root, &e))?;
    watch(&mut watcher, &watched.root, RecursiveMode::NonRecursive)?;
    watch(&mut watcher, &watched.content, RecursiveMode::Recursive)?;
    if watched.themes.is_dir() {
        watch(&mut watcher, &watched.themes, RecursiveMode::Recursive)?;
    }
    std::thread::spawn(move || {
        for paths in changes(&receiver, &console) {
            if paths.iter().any(|p| p == &watched.themes) && watched.themes.is_dir() {
                let _ = watch(&mut watcher, &watched.themes, RecursiveMode::Recursive);
            }
            let relevant = paths
                .iter()
                .any(|p| p.starts_with(&watched.content) || p.starts_with(&watched.themes));
            if relevant {
                builder.rebuild(&shared, &console);
            }
        }
    });
    Ok(())
}

/// Each burst of changes: the paths it touched, together with any bursts already waiting
/// (so that a slow rebuild is followed by one rebuild, not one per burst).
fn changes<'a>(
    receiver: &'a Receiver<DebounceEventResult>,
    console: &'a Console,
) -> impl Iterator<Item = Vec<PathBuf>> + 'a {
    receiver.iter().map(move |first| {
        let mut paths = Vec::new();
        for result in std::iter::once(first).chain(receiver.try_iter()) {
            match result {
                Ok(events) => paths.extend(
                    events
                        .into_iter()
                        // Reading files is an event too: a rebuild must not cause another.
                        .filter(|e| {
                            !matches!(e.event.kind, EventKind::Access(_) | EventKind::Other)
                        })
                        .flat_map(|e| e.event.paths),
                ),
                Err(errors) => {
                    for error in errors {
                        console.error(&format!("watching for changes: {error}"));
                    }
                }
            }
        }
        paths
    })
}

fn watch(watcher: &mut Watcher, path: &Path, mode: RecursiveMode) -> Result<(), Failure> {
    watcher.watch(path, mode).map_err(|e| failure(path, &e))
}

fn absolute(path: &Path) -> Result<PathBuf, Failure> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    std::fs::canonicalize(path).map_err(|e| Failure::io(path, &e))
}

fn failure(path: &Path, error: &dyn std::fmt::Display) -> Failure {
    Failure::single(Diagnostic::error(
        path,
        format!("cannot watch for changes: {error}"),
    ))
}
