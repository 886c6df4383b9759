//! Turns the log of the items folder into history: walks the commits oldest first, follows
//! each item through renames (a lineage per item), and records what each commit did to it
//! (added, removed, renamed, a score changed, a source cited, a translation updated).

use std::collections::HashMap;

use super::git::{self, FileChange, Status};
use super::snapshot::Snapshot;
use super::{Change, Commit, Event, Lineage};

/// How item files are named: which languages a `<slug>.<lang>.md` may carry.
pub struct Names<'a> {
    pub default: &'a str,
    pub languages: Vec<&'a str>,
}

impl Names<'_> {
    /// Whether `path` names an item's original (not a translation).
    pub fn is_original(&self, path: &str) -> bool {
        self.parse(path)
            .is_some_and(|(_, lang)| lang == self.default)
    }

    /// The slug and language of an item file named `path` (relative to the items folder).
    fn parse<'p>(&self, path: &'p str) -> Option<(&'p str, String)> {
        let stem = path.strip_suffix(".md").filter(|s| !s.contains('/'))?;
        match stem.rsplit_once('.') {
            Some((slug, lang)) if lang != self.default && self.languages.contains(&lang) => {
                Some((slug, lang.to_string()))
            }
            Some(_) => None,
            None => Some((stem, self.default.to_string())),
        }
    }
}

/// The outcome of replaying a log.
#[derive(Debug, Default)]
pub struct Replayed {
    pub commits: Vec<Commit>,
    pub events: Vec<Event>,
    pub lineages: Vec<Lineage>,
    /// The lineage of each item file that exists after the last commit, by slug.
    pub alive: HashMap<String, usize>,
}

impl Replayed {
    /// Whether every index points into what it indexes (a history read back from a file).
    pub fn is_whole(&self) -> bool {
        let (commits, events, lineages) =
            (self.commits.len(), self.events.len(), self.lineages.len());
        (self.events.iter()).all(|e| e.commit < commits && e.lineage < lineages)
            && self.lineages.iter().all(|l| {
                l.events.iter().all(|&e| e < events) && l.touched.values().all(|&c| c < commits)
            })
            && self.alive.values().all(|&l| l < lineages)
    }
}

/// Replays `log` (oldest first) onto `onto` (what the commits before it made);
/// `snapshots` holds every parsed version of the originals that `log` names.
pub fn replay(
    onto: Replayed,
    log: Vec<git::Commit>,
    snapshots: &HashMap<String, Option<Snapshot>>,
    names: &Names,
) -> Replayed {
    let mut state = Replay {
        out: onto,
        snapshots,
        names,
    };
    for commit in log {
        state.commit(commit);
    }
    state.out
}

struct Replay<'a> {
    out: Replayed,
    snapshots: &'a HashMap<String, Option<Snapshot>>,
    names: &'a Names<'a>,
}

impl Replay<'_> {
    fn commit(&mut self, commit: git::Commit) {
        let Some(parsed) = Commit::from_log(&commit) else {
            return;
        };
        if commit.boundary {
            return;
        }
        let index = self.out.commits.len();
        self.out.commits.push(parsed);
        let mut files: Vec<(&FileChange, &str, String)> = (commit.files.iter())
            .filter_map(|f| self.names.parse(&f.path).map(|(s, l)| (f, s, l)))
            .collect();
        // Originals first, so that a translation renamed with its original follows it.
        files.sort_by_key(|(_, _, lang)| lang != self.names.default);
        for (file, slug, lang) in files {
            if lang == self.names.default {
                self.original(index, file, slug);
            } else {
                self.translation(index, file, slug, lang);
            }
        }
    }

    fn original(&mut self, commit: usize, file: &FileChange, slug: &str) {
        let old = snapshot(self.snapshots, file.old_blob.as_deref());
        let new = snapshot(self.snapshots, file.new_blob.as_deref());
        let lineage = match (file.status, &file.old_path) {
            (Status::Renamed, Some(from)) => {
                let from_slug = self.names.parse(from).map_or(from.as_str(), |(s, _)| s);
                let lineage = self.take(from_slug);
                self.push(commit, lineage, Change::Renamed(from_slug.to_string()));
                lineage
            }
            _ => self.lineage(slug),
        };
        self.out.lineages[lineage].slug = slug.to_string();
        self.out.alive.insert(slug.to_string(), lineage);
        // Never from an added version: whether its blob was read depends on later commits.
        if let Some(version) = new.filter(|_| file.status != Status::Added).or(old) {
            self.out.lineages[lineage].name = version.name.clone();
        }
        let default = self.names.default.to_string();
        match file.status {
            Status::Added => self.push(commit, lineage, Change::Added),
            Status::Deleted => {
                let name = self.out.lineages[lineage].name.clone();
                self.push(commit, lineage, Change::Removed(name));
                self.out.alive.remove(slug);
                return;
            }
            Status::Modified | Status::Renamed => {
                if let (Some(old), Some(new)) = (old, new) {
                    for change in old.differences(new) {
                        self.push(commit, lineage, change);
                    }
                }
            }
        }
        self.out.lineages[lineage].touched.insert(default, commit);
    }

    fn translation(&mut self, commit: usize, file: &FileChange, slug: &str, lang: String) {
        if file.status == Status::Deleted {
            return;
        }
        let Some(&lineage) = self.out.alive.get(slug) else {
            return;
        };
        self.out.lineages[lineage]
            .touched
            .insert(lang.clone(), commit);
        // A translation added with its item is part of adding it.
        let added_now = (self.out.lineages[lineage].events.iter().rev())
            .map(|&e| &self.out.events[e])
            .take_while(|e| e.commit == commit)
            .any(|e| matches!(e.change, Change::Added));
        if !added_now {
            self.push(commit, lineage, Change::Translated(lang));
        }
    }

    /// The lineage of the item file `slug`, begun if it has none.
    fn lineage(&mut self, slug: &str) -> usize {
        if let Some(&lineage) = self.out.alive.get(slug) {
            return lineage;
        }
        self.out.lineages.push(Lineage {
            slug: slug.to_string(),
            ..Lineage::default()
        });
        self.out.lineages.len() - 1
    }

    /// The lineage of `slug`, which leaves that name (renamed).
    fn take(&mut self, slug: &str) -> usize {
        let lineage = self.lineage(slug);
        self.out.alive.remove(slug);
        lineage
    }

    fn push(&mut self, commit: usize, lineage: usize, change: Change) {
        self.out.lineages[lineage]
            .events
            .push(self.out.events.len());
        self.out.events.push(Event {
            commit,
            lineage,
            change,
        });
    }
}

/// The parsed version `blob` of an original, if it parsed.
fn snapshot<'s>(
    snapshots: &'s HashMap<String, Option<Snapshot>>,
    blob: Option<&str>,
) -> Option<&'s Snapshot> {
    snapshots.get(blob?)?.as_ref()
}
