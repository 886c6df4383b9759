//! The static search index (pure): documents in, the files `search.js` reads out. It is split
//! so that a query loads little whatever the size of the report:
//!
//! - `meta.json`: how many documents (and how many of them, first, are items), how many a
//!   chunk holds, and the keys of the shards;
//! - `t/<key>.json`: the terms whose jamo spelling (see [`tokens::jamo`]) starts with the
//!   shard's key (their first two letters or jamo), each with its postings;
//! - `d/<n>.json`: documents `n × CHUNK ..`, as shown in results (kind, title, address and
//!   passages, the matching words marked in the browser).
//!
//! A query term loads one shard (a prefix of two letters or jamo names it), then the chunks of
//! the few documents it shows. Postings are delta-coded document numbers, each times four
//! plus the weight class of the field the term was found in, so they stay small numbers.

pub mod tokens;

use std::borrow::Cow;
use std::collections::BTreeMap;

use ahash::AHashMap as HashMap;

use serde::Serialize;

/// Documents per chunk file: the results of a query load at most one chunk each.
pub const CHUNK: usize = 16;
/// Letters (or jamo) of a term naming its shard.
const KEY_LENGTH: usize = 2;

/// Where a term was found, from least to most telling: the weight class of a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// Notes and prose.
    Text = 0,
    /// Facts, pros, cons.
    Detail = 1,
    /// The summary, a section's heading.
    Summary = 2,
    /// The document's title.
    Title = 3,
}

/// What kind of page a result leads to (shown beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Item,
    Page,
    Section,
}

/// A passage of a document: a label (a fact's name, "Pros"...; may be empty) and its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    #[serde(skip)]
    pub field: Field,
    pub label: String,
    pub text: String,
}

/// A document of the index: a page, or a section of one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub kind: Kind,
    pub title: String,
    /// The address below the language's root.
    pub href: String,
    pub passages: Vec<Passage>,
}

/// The index of one language, as files below its folder.
#[derive(Debug)]
pub struct Index {
    /// (path below the index's folder, JSON).
    pub files: Vec<(String, Vec<u8>)>,
}

#[derive(Serialize)]
struct Meta<'a> {
    documents: usize,
    /// How many documents, from the first, are items (the compare view offers their titles).
    items: usize,
    chunk: usize,
    key_length: usize,
    shards: Vec<&'a str>,
}

/// Builds the index of `documents`, found in that order when scores tie.
pub fn index(documents: &[Document]) -> Index {
    let postings = postings(documents);
    let mut shards: BTreeMap<String, BTreeMap<&str, &[u32]>> = BTreeMap::new();
    for (term, list) in &postings {
        let key: String = tokens::jamo(term).chars().take(KEY_LENGTH).collect();
        shards.entry(key).or_default().insert(term, list);
    }
    let meta = Meta {
        documents: documents.len(),
        items: (documents.iter())
            .take_while(|d| d.kind == Kind::Item)
            .count(),
        chunk: CHUNK,
        key_length: KEY_LENGTH,
        shards: shards.keys().map(String::as_str).collect(),
    };
    let mut files = vec![("meta.json".to_string(), json(&meta))];
    files.extend(
        (shards.iter()).map(|(key, terms)| (format!("t/{}.json", shard_name(key)), json(terms))),
    );
    files.extend(
        (documents.chunks(CHUNK).enumerate())
            .map(|(n, chunk)| (format!("d/{n}.json"), json(&chunk))),
    );
    Index { files }
}

/// The file name of a shard: its letters' code points in hexadecimal, so that any script
/// makes a plain ASCII name (`ㅈㅏ` is `3148-314f`).
pub fn shard_name(key: &str) -> String {
    let codes: Vec<String> = key.chars().map(|c| format!("{:x}", c as u32)).collect();
    codes.join("-")
}

/// Every term's postings: for each document it is in (in order), the delta from the previous
/// one times four plus the best field it was found in.
fn postings(documents: &[Document]) -> HashMap<String, Vec<u32>> {
    // ahash: every word of every page is looked up twice here (SipHash was 2% of a build).
    let mut postings: HashMap<String, (u32, Vec<u32>)> = HashMap::new();
    let mut found: HashMap<Cow<str>, Field> = HashMap::new();
    for (number, document) in documents.iter().enumerate() {
        found.clear();
        let title = std::iter::once((Field::Title, document.title.as_str()));
        let passages = (document.passages.iter()).map(|p| (p.field, p.text.as_str()));
        for (field, text) in title.chain(passages) {
            for term in tokens::terms(text) {
                let best = found.entry(term).or_insert(field);
                *best = (*best).max(field);
            }
        }
        let number = number as u32;
        for (term, field) in found.drain() {
            // A term met before is looked up, not copied.
            let (last, list) = match postings.get_mut(&*term) {
                Some(entry) => entry,
                None => postings.entry(term.into_owned()).or_default(),
            };
            let delta = if list.is_empty() {
                number
            } else {
                number - *last
            };
            list.push(delta * 4 + field as u32);
            *last = number;
        }
    }
    (postings.into_iter())
        .map(|(term, (_, list))| (term, list))
        .collect()
}

fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(title: &str, text: &str) -> Document {
        Document {
            kind: Kind::Item,
            title: title.into(),
            href: format!("items/{}/", title.to_lowercase()),
            passages: vec![Passage {
                field: Field::Detail,
                label: String::new(),
                text: text.into(),
            }],
        }
    }

    #[test]
    fn postings_are_deltas_with_the_best_field() {
        let docs = [
            document("Django", "frameworks"),
            document("Flask", "a framework"),
            document("Gin", "Django-like"),
        ];
        let postings = postings(&docs);
        assert_eq!(postings["framework"], [1, 4 + 1]);
        assert_eq!(postings["frameworks"], [1]);
        assert_eq!(postings["django"], [3, 2 * 4 + 1]);
        assert!(!postings.contains_key("a"));
    }

    #[test]
    fn shards_are_named_by_the_first_two_jamo_of_their_terms() {
        let docs = [document("장고", "서울은 django")];
        let index = index(&docs);
        let names: Vec<&str> = index.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "meta.json",
                "t/64-6a.json",
                "t/3145-3153.json",
                "t/3148-314f.json",
                "d/0.json"
            ]
        );
        let meta = String::from_utf8(index.files[0].1.clone()).unwrap();
        assert_eq!(
            meta,
            r#"{"documents":1,"items":1,"chunk":16,"key_length":2,"shards":["dj","ㅅㅓ","ㅈㅏ"]}"#
        );
        let seoul = String::from_utf8(index.files[2].1.clone()).unwrap();
        assert_eq!(seoul, r#"{"서울":[1],"서울은":[1]}"#);
    }
}
