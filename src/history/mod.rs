//! The report's history, read from Git at build time: for each item when it was added, every
//! change to a score with the date and the commit's subject as the reason, sources newly cited,
//! translations updated, renames followed; and the site-wide list of changes for the changes
//! page and the feeds. A stage of its own beside loading (`lib::load`, on a thread of its own
//! while the files load): the content is what the files say now, history is what the commits
//! say about how it got there. A build goes on from the history an earlier one kept
//! ([`Kept`]), reading only the commits made since.
//!
//! Without a repository (a downloaded archive) history is unavailable and the site shows none;
//! in a shallow clone the commits whose parents were cut off are left out, as their changes
//! are not their own. Everything here is a function of the commits, never of the clock.

mod cache;
mod git;
mod replay;
mod snapshot;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::content::walk::MAX_FILE_BYTES;
pub use cache::{FILE as KEPT_FILE, Kept};
use replay::{Names, Replayed};
use snapshot::Snapshot;

/// Whether history could be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Status {
    /// Not read (a site made without loading, as in tests of later stages).
    #[default]
    Unread,
    /// Read from the whole history.
    Complete,
    /// Read from a shallow clone: what happened before its first commits is unknown.
    Shallow,
    /// No history: why (git missing, not a repository...).
    Unavailable(String),
}

/// A commit as history shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub time: jiff::Timestamp,
    /// The day it was committed, in the committer's own time zone.
    pub date: Date,
    /// The first line of its message: the reason for its changes.
    pub subject: String,
    /// The commit's time as written by git (RFC 3339, with its offset), for feeds.
    pub written: String,
}

impl Commit {
    fn from_log(commit: &git::Commit) -> Option<Commit> {
        Commit::new(
            commit.id.clone(),
            commit.time.clone(),
            commit.subject.clone(),
        )
    }

    /// A commit with the time as git wrote it; `None` if that is not a time.
    fn new(id: String, written: String, subject: String) -> Option<Commit> {
        Some(Commit {
            id,
            time: written.parse().ok()?,
            date: written.get(..10)?.parse().ok()?,
            subject,
            written,
        })
    }
}

/// What one commit did to one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// The item was added. Its name is not kept: a version never changed since is the file as
    /// it is now (history does not read it), and a later one names the lineage.
    Added,
    /// The item was removed; its last name.
    Removed(String),
    /// The item's file was renamed from this slug.
    Renamed(String),
    /// A criterion's score changed; `None` where it was or is not rated.
    Score {
        criterion: String,
        #[serde(with = "cache::score")]
        from: Option<f64>,
        #[serde(with = "cache::score")]
        to: Option<f64>,
    },
    /// A source newly cited, by a rating or (`None`) by the prose.
    Source {
        criterion: Option<String>,
        source: String,
    },
    /// The translation into this language was added or changed.
    Translated(String),
}

/// A change, the commit that made it and the item it was made to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Index into [`History::commits`].
    pub commit: usize,
    /// Index of the item's lineage.
    pub lineage: usize,
    pub change: Change,
}

/// One item through its renames.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Lineage {
    /// Its slug now (or when it was removed).
    pub slug: String,
    /// Its name in the latest version history read; empty where none was: an item added and
    /// never changed since, whose file is as it is now (pages name it from the loaded content).
    pub name: String,
    /// Its events, oldest first (indices into [`History::events`]).
    pub events: Vec<usize>,
    /// The last commit that touched each language's file.
    pub touched: BTreeMap<String, usize>,
}

/// The report's history.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub status: Status,
    /// Commits that changed an item, oldest first.
    pub commits: Vec<Commit>,
    /// Every change, in the commits' order.
    pub events: Vec<Event>,
    lineages: Vec<Lineage>,
    /// The lineage of each existing item file, by slug.
    alive: HashMap<String, usize>,
    /// The latest commit (index into `commits`).
    latest: Option<usize>,
    /// What reading it depended on, when a later build may go on from it (see [`Kept`]).
    key: Option<cache::Key>,
    /// How long reading it took (git and parsing), for `--verbose` and the benchmark.
    pub elapsed: std::time::Duration,
}

impl History {
    /// Reads the history of the items folder `items` of a site configured by `config`, going
    /// on from `prior` (a previous build's) where it was read the same way up to an ancestor.
    pub fn read(items: &Path, config: &Config, prior: Option<History>) -> History {
        let start = std::time::Instant::now();
        let mut history = History::read_log(items, config, prior);
        history.elapsed = start.elapsed();
        history
    }

    fn read_log(items: &Path, config: &Config, prior: Option<History>) -> History {
        let names = Names {
            default: &config.default_language,
            languages: config.language_codes().collect(),
        };
        let head = git::head(items);
        let shallow = head.as_ref().is_ok_and(|h| h.shallow);
        // A shallow clone's history changes as it deepens: it is read whole every time.
        let key = (head.as_ref().ok())
            .filter(|h| !h.shallow)
            .map(|h| cache::Key::new(h, config));
        let (range, onto) = match &key {
            Some(key) => match resume(items, key, prior) {
                Resume::Same(prior) => return prior,
                Resume::Read { range, onto } => (range, onto),
            },
            None => (
                head.map_or_else(|_| "HEAD".to_string(), |h| h.commit),
                Replayed::default(),
            ),
        };
        let status = if shallow {
            Status::Shallow
        } else {
            Status::Complete
        };
        match read_range(items, &range, shallow, onto, &names) {
            Ok(replayed) => History::from_replayed(replayed, status, key),
            Err(why) => History {
                status: Status::Unavailable(why),
                ..History::default()
            },
        }
    }

    fn from_replayed(replayed: Replayed, status: Status, key: Option<cache::Key>) -> History {
        let latest = (0..replayed.commits.len()).max_by_key(|&c| replayed.commits[c].time);
        History {
            status,
            commits: replayed.commits,
            events: replayed.events,
            lineages: replayed.lineages,
            alive: replayed.alive,
            latest,
            key,
            elapsed: std::time::Duration::ZERO,
        }
    }

    fn into_replayed(self) -> Replayed {
        Replayed {
            commits: self.commits,
            events: self.events,
            lineages: self.lineages,
            alive: self.alive,
        }
    }

    /// Whether the site shows history: it was read (maybe from a shallow clone), and some
    /// commit changed an item.
    pub fn is_available(&self) -> bool {
        matches!(self.status, Status::Complete | Status::Shallow) && !self.commits.is_empty()
    }

    /// What a build says once about history, when it has something to say.
    pub fn note(&self) -> Option<String> {
        match &self.status {
            Status::Unavailable(why) => Some(format!(
                "history: unavailable ({why}); pages show no history, and there is no changes page or feed"
            )),
            Status::Shallow => Some(
                "history: shallow clone; changes before its first commit are not shown (fetch the whole history, e.g. `fetch-depth: 0`)"
                    .to_string(),
            ),
            Status::Unread | Status::Complete => None,
        }
    }

    /// The history of the item with `slug`, if it has one.
    pub fn item(&self, slug: &str) -> Option<&Lineage> {
        self.alive.get(slug).map(|&l| &self.lineages[l])
    }

    /// The item a change was made to.
    pub fn lineage(&self, event: &Event) -> &Lineage {
        &self.lineages[event.lineage]
    }

    /// Whether the item a change was made to still exists under its slug.
    pub fn exists(&self, lineage: &Lineage) -> bool {
        self.alive
            .get(&lineage.slug)
            .is_some_and(|&l| std::ptr::eq(&self.lineages[l], lineage))
    }

    /// The events of an item, oldest first.
    pub fn events_of<'a>(&'a self, lineage: &'a Lineage) -> impl Iterator<Item = &'a Event> {
        lineage.events.iter().map(|&e| &self.events[e])
    }

    /// The changes to one criterion's score of the item `slug`, oldest first.
    pub fn score_changes<'a>(
        &'a self,
        slug: &str,
        criterion: &'a str,
    ) -> impl Iterator<Item = &'a Event> {
        (self.item(slug).into_iter())
            .flat_map(|l| self.events_of(l))
            .filter(
                move |e| matches!(&e.change, Change::Score { criterion: c, .. } if c == criterion),
            )
    }

    /// The day of the last commit that touched the file of `slug` in `lang`.
    pub fn last_changed(&self, slug: &str, lang: &str) -> Option<Date> {
        let commit = *self.item(slug)?.touched.get(lang)?;
        Some(self.commits[commit].date)
    }

    /// The latest commit: the "now" that recent changes are measured from (never the clock,
    /// so that a build depends on the commit only).
    pub fn latest(&self) -> Option<&Commit> {
        self.latest.map(|c| &self.commits[c])
    }

    /// Whether `commit` falls within `days` days before the latest commit.
    pub fn is_recent(&self, commit: &Commit, days: u32) -> bool {
        let Some(latest) = self.latest() else {
            return false;
        };
        let span = jiff::SignedDuration::from_hours(24 * i64::from(days));
        days > 0 && latest.time.duration_since(commit.time) < span
    }

    /// Every event, newest commit first (in a commit, in the order it made them).
    pub fn newest_first(&self) -> Vec<&Event> {
        let mut events: Vec<&Event> = self.events.iter().collect();
        events.sort_by_key(|e| std::cmp::Reverse((self.commits[e.commit].time, e.commit)));
        events
    }
}

/// Where reading history read as `key` says goes on from `prior`.
enum Resume {
    /// `prior` was read up to the same commit: it is the history.
    Same(History),
    /// The commits of `range` are read onto `onto`.
    Read { range: String, onto: Replayed },
}

/// Goes on from `prior` if it was read the same way up to the commit of `key` or up to an
/// ancestor in line with it; otherwise the whole history up to `key` is read.
fn resume(items: &Path, key: &cache::Key, prior: Option<History>) -> Resume {
    let old = (prior.as_ref().and_then(|p| p.key.as_ref()))
        .filter(|k| k.reading == key.reading)
        .map(|k| k.head.clone());
    match (prior, old) {
        (Some(prior), Some(old)) if old == key.head => Resume::Same(prior),
        (Some(prior), Some(old)) if git::descends_in_line(items, &old, &key.head) => Resume::Read {
            range: format!("{old}..{}", key.head),
            onto: prior.into_replayed(),
        },
        _ => Resume::Read {
            range: key.head.clone(),
            onto: Replayed::default(),
        },
    }
}

/// Replays the commits of `range` onto what was replayed before them.
fn read_range(
    items: &Path,
    range: &str,
    shallow: bool,
    onto: Replayed,
    names: &Names,
) -> Result<Replayed, String> {
    let log = git::log(items, range, shallow)?;
    let snapshots = snapshots(items, &log, names);
    Ok(replay::replay(onto, log, &snapshots, names))
}

/// The versions of the originals that replaying `log` compares, parsed (`None`: it does not
/// parse).
fn snapshots(
    items: &Path,
    log: &[git::Commit],
    names: &Names,
) -> HashMap<String, Option<Snapshot>> {
    let wanted = wanted(log, names);
    let blobs = git::blobs(items, &wanted, MAX_FILE_BYTES as usize);
    // On this thread, not rayon's: its threads are loading the content files meanwhile, and
    // a few blobs (the commits since the last build) would wait for all of them.
    blobs
        .into_iter()
        .map(|(id, bytes)| (id, Snapshot::parse(&bytes)))
        .collect()
}

/// The blobs of the originals that replaying `log` reads, sorted: every version a commit
/// changed, renamed or removed, and every version it made by changing or renaming one. A
/// version made by adding a file is read only if a later commit changes it (its old blob
/// then): otherwise it is the file as it is now, and most of a report's versions are that.
/// Which blobs are read never changes what replaying records, so reading history in two parts
/// (the kept history, then the commits since) records what reading it whole does.
fn wanted<'a>(log: &'a [git::Commit], names: &Names) -> Vec<&'a str> {
    let wanted: HashSet<&str> = (log.iter())
        .filter(|c| !c.boundary)
        .flat_map(|c| &c.files)
        .filter(|f| names.is_original(&f.path))
        .flat_map(|f| {
            let made = f
                .new_blob
                .as_deref()
                .filter(|_| f.status != git::Status::Added);
            [f.old_blob.as_deref(), made]
        })
        .flatten()
        .collect();
    let mut wanted: Vec<&str> = wanted.into_iter().collect();
    wanted.sort_unstable();
    wanted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        status: git::Status,
        path: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> git::FileChange {
        git::FileChange {
            status,
            path: path.into(),
            old_path: None,
            old_blob: old.map(String::from),
            new_blob: new.map(String::from),
        }
    }

    #[test]
    fn reads_only_the_versions_a_commit_changed_renamed_or_removed() {
        use git::Status::{Added, Deleted, Modified, Renamed};
        let commit = |files| git::Commit {
            id: "c".into(),
            time: "2026-03-01T10:00:00Z".into(),
            subject: "s".into(),
            boundary: false,
            files,
        };
        let log = [
            commit(vec![
                change(Added, "kept.md", None, Some("a1")),
                change(Added, "changed.md", None, Some("b1")),
                change(Added, "gone.md", None, Some("c1")),
                change(Added, "moved.md", None, Some("d1")),
                change(Added, "changed.ko.md", None, Some("k1")),
            ]),
            commit(vec![
                change(Modified, "changed.md", Some("b1"), Some("b2")),
                change(Deleted, "gone.md", Some("c1"), None),
                change(Renamed, "moved-to.md", Some("d1"), Some("d2")),
                change(Modified, "changed.ko.md", Some("k1"), Some("k2")),
            ]),
        ];
        let names = Names {
            default: "en",
            languages: vec!["en", "ko"],
        };
        assert_eq!(wanted(&log, &names), ["b1", "b2", "c1", "d1", "d2"]);
    }
}
