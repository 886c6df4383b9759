//! History kept between builds, so that a build reads from git only the commits made since
//! the last one: the last build's history in memory (`serve`), or the file a build leaves for
//! the next ([`FILE`]) in its output folder, or in the cache folder it was given (`--cache
//! DIR`, which CI can carry from run to run). What was read is kept with everything reading it
//! depended on ([`Key`]: the commit read up to, the items folder as git names it, the languages
//! that name item files, the version of versus); history kept under another key is not used,
//! so a kept history never changes a site, only how fast it is made. The `[history]` settings
//! are not part of it: they shape the pages, which every build renders anew.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::git::Head;
use super::replay::Replayed;
use super::{Commit, Event, History, Lineage, Status};
use crate::config::Config;

/// The file a build leaves for the next build: in its output folder (beside its marker), or in
/// its cache folder.
pub const FILE: &str = ".versus-history.json";

/// What reading history depended on, and the commit it was read up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    pub reading: Reading,
    pub head: String,
}

/// What reading history depended on, besides the commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// The version of versus and of this file's form: what replaying records may change.
    version: String,
    /// The items folder as git names it.
    prefix: String,
    default_language: String,
    languages: Vec<String>,
}

/// Raise when what replaying records changes within one version of versus.
const FORM: u32 = 2;

impl Key {
    pub fn new(head: &Head, config: &Config) -> Key {
        Key {
            reading: Reading {
                version: format!("{}/{FORM}", env!("CARGO_PKG_VERSION")),
                prefix: head.prefix.clone(),
                default_language: config.default_language.clone(),
                languages: config.language_codes().map(String::from).collect(),
            },
            head: head.commit.clone(),
        }
    }
}

/// The history of the last build of a process, or of the build that left its file in the
/// output folder; handed to the next build (`lib::load`) and taken back from it.
#[derive(Debug, Default)]
pub struct Kept(Mutex<Option<History>>);

impl Kept {
    /// The history a build left in `folder` (its output folder, or the cache folder it was
    /// given), if any: a file missing, unreadable or of another form is no history (the next
    /// build reads it whole).
    pub fn from_folder(folder: &Path) -> Kept {
        let stored = std::fs::read(folder.join(FILE)).ok();
        let history = stored.and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok());
        Kept(Mutex::new(history.and_then(Stored::into_history)))
    }

    /// The history kept, for a build to go on from.
    pub fn take(&self) -> Option<History> {
        self.slot().take()
    }

    /// Keeps `history` for the next build, if it can be gone on from.
    pub fn keep(&self, history: &History) {
        *self.slot() = history.key.is_some().then(|| history.clone());
    }

    /// The file to leave in the output folder, if there is history to keep.
    pub fn file(&self) -> Option<Vec<u8>> {
        let slot = self.slot();
        let stored = Stored::from_history(slot.as_ref()?)?;
        serde_json::to_vec(&stored).ok()
    }

    /// Writes the file into `folder` (the cache folder a build was given), whole or not at
    /// all: a build stopped midway leaves the previous file.
    pub fn save(&self, folder: &Path) -> std::io::Result<()> {
        let Some(bytes) = self.file() else {
            return Ok(());
        };
        std::fs::create_dir_all(folder)?;
        let path = folder.join(FILE);
        let partial = path.with_extension("partial");
        std::fs::write(&partial, bytes)?;
        std::fs::rename(&partial, path)
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<History>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The file's form: a history as replayed, its commits as git wrote them.
#[derive(Serialize, Deserialize)]
struct Stored {
    key: Key,
    /// Id, time as written and subject of each commit.
    commits: Vec<(String, String, String)>,
    events: Vec<Event>,
    lineages: Vec<Lineage>,
    alive: BTreeMap<String, usize>,
}

impl Stored {
    fn from_history(history: &History) -> Option<Stored> {
        Some(Stored {
            key: history.key.clone()?,
            commits: (history.commits.iter())
                .map(|c| (c.id.clone(), c.written.clone(), c.subject.clone()))
                .collect(),
            events: history.events.clone(),
            lineages: history.lineages.clone(),
            alive: history.alive.iter().map(|(s, l)| (s.clone(), *l)).collect(),
        })
    }

    /// The history stored, if every index in it points where it should.
    fn into_history(self) -> Option<History> {
        let commits: Vec<Commit> = (self.commits.into_iter())
            .map(|(id, written, subject)| Commit::new(id, written, subject))
            .collect::<Option<_>>()?;
        let replayed = Replayed {
            commits,
            events: self.events,
            lineages: self.lineages,
            alive: self.alive.into_iter().collect::<HashMap<_, _>>(),
        };
        replayed
            .is_whole()
            .then(|| History::from_replayed(replayed, Status::Complete, Some(self.key)))
    }
}

/// A score kept exactly: as its bits (a decimal in JSON may come back a bit off).
pub mod score {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(score: &Option<f64>, to: S) -> Result<S::Ok, S::Error> {
        score.map(f64::to_bits).serialize(to)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Option<f64>, D::Error> {
        Ok(Option::<u64>::deserialize(from)?.map(f64::from_bits))
    }
}
