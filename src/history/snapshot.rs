//! What one version of an item file says that history follows: its name, each rating's score
//! and cited sources, and the sources its prose cites; and what changed between two versions.
//! Read leniently (unknown fields ignored, a version that does not parse is `None`): an old
//! version was valid under the rules of its day, which may not be today's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use super::Change;
use crate::content::frontmatter::{normalize, split};
use crate::content::parse::Block;
use crate::content::raw::RawValue;

/// One version of an item file, as far as history is concerned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub name: String,
    /// Score (if any) and cited sources, by criterion id.
    pub ratings: BTreeMap<String, (Option<f64>, Vec<String>)>,
    /// Sources cited by the item's prose.
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
struct Lenient {
    name: Option<String>,
    sources: Option<Vec<String>>,
    ratings: Option<BTreeMap<String, LenientRating>>,
}

#[derive(Deserialize)]
struct LenientRating {
    score: Option<RawValue>,
    sources: Option<Vec<String>>,
}

impl Snapshot {
    /// Reads a version of an item file; `None` if it has no front-matter that parses.
    pub fn parse(bytes: &[u8]) -> Option<Snapshot> {
        let text = normalize(std::str::from_utf8(bytes).ok()?);
        let parts = split(&text).ok()?;
        let block = Block::new(Path::new("history"), parts.front_matter, parts.format, 1);
        let raw: Lenient = block.parse().ok()?;
        let ratings = (raw.ratings.unwrap_or_default().into_iter())
            .map(|(id, r)| {
                let score = r.score.as_ref().and_then(RawValue::as_number);
                (id, (score, r.sources.unwrap_or_default()))
            })
            .collect();
        Some(Snapshot {
            name: raw.name.unwrap_or_default(),
            ratings,
            sources: raw.sources.unwrap_or_default(),
        })
    }

    /// What changed from `self` to `new`: scores first (in criterion order), then sources.
    pub fn differences(&self, new: &Snapshot) -> Vec<Change> {
        let criteria: BTreeSet<&String> = self.ratings.keys().chain(new.ratings.keys()).collect();
        let score = |s: &Snapshot, c: &str| s.ratings.get(c).and_then(|r| r.0);
        let mut found: Vec<Change> = (criteria.iter())
            .filter(|c| score(self, c) != score(new, c))
            .map(|c| Change::Score {
                criterion: c.to_string(),
                from: score(self, c),
                to: score(new, c),
            })
            .collect();
        for (criterion, (_, sources)) in &new.ratings {
            let before = self.ratings.get(criterion).map(|r| r.1.as_slice());
            found.extend(
                added(before.unwrap_or_default(), sources).map(|s| Change::Source {
                    criterion: Some(criterion.clone()),
                    source: s.clone(),
                }),
            );
        }
        found.extend(added(&self.sources, &new.sources).map(|s| Change::Source {
            criterion: None,
            source: s.clone(),
        }));
        found
    }
}

/// The entries of `new` not in `old`.
fn added<'a>(old: &'a [String], new: &'a [String]) -> impl Iterator<Item = &'a String> {
    new.iter().filter(move |s| !old.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "+++\nname = \"Alpha\"\nfuture_field = 1\n[ratings.speed]\nscore = 3\nsources = [\"a\"]\n[ratings.docs]\nreason = \"none\"\n+++\nbody\n";
    const V2: &str = "---\nname: Alpha\nsources: [c]\nratings:\n  speed:\n    score: 4\n    sources: [a, b]\n  docs:\n    score: 2\n    sources: [a]\n---\n";

    #[test]
    fn reads_toml_and_yaml_leniently() {
        let v1 = Snapshot::parse(V1.as_bytes()).expect("parses");
        assert_eq!(v1.name, "Alpha");
        assert_eq!(v1.ratings["speed"], (Some(3.0), vec!["a".to_string()]));
        assert_eq!(v1.ratings["docs"], (None, vec![]));
        assert!(Snapshot::parse(V2.as_bytes()).is_some());
        assert_eq!(Snapshot::parse(b"no front-matter"), None);
        assert_eq!(Snapshot::parse(b"+++\nname = \n+++\n"), None);
        assert_eq!(Snapshot::parse(&[0xff, 0xfe]), None);
    }

    #[test]
    fn finds_changed_scores_and_added_sources() {
        let v1 = Snapshot::parse(V1.as_bytes()).unwrap();
        let v2 = Snapshot::parse(V2.as_bytes()).unwrap();
        let source = |criterion: Option<&str>, source: &str| Change::Source {
            criterion: criterion.map(String::from),
            source: source.into(),
        };
        assert_eq!(
            v1.differences(&v2),
            [
                Change::Score {
                    criterion: "docs".into(),
                    from: None,
                    to: Some(2.0)
                },
                Change::Score {
                    criterion: "speed".into(),
                    from: Some(3.0),
                    to: Some(4.0)
                },
                source(Some("docs"), "a"),
                source(Some("speed"), "b"),
                source(None, "c"),
            ]
        );
        assert_eq!(v2.differences(&v2), []);
    }
}
