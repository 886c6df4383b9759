//! Three to five items side by side, built in the browser (no page per combination): the
//! compare view's page (`compare/view/?items=a,b,c`), with what its script needs embedded
//! (criteria, presets, words), and the items' data (overall score and rank, ratings with
//! their sources, facts, pros and cons) in shards of about [`PER_SHARD`] items per language
//! (`compare/data/<n>.json`, by slug), fetched for the items chosen only. An item's shard is
//! the FNV-1a hash of its slug, mixed (see [`shard_of`]), modulo the number of shards, which
//! `compare.js` computes alike: a file per item was a quarter of the files of a large report,
//! and making files is most of what writing them costs.

use std::collections::BTreeMap;

use serde::Serialize;

use super::OutputFile;
use super::pages::{Page, View, embeddable_json, generated};
use super::routes::{Route, file_for, lang_prefix};
use super::views::{Scope, ScoreView, fact_view, rating_views};
use crate::model::Translated;

/// The folder of the items' data, below the language's root.
pub const DATA: &str = "compare/data/";
/// The most items compared at once.
pub const MOST: usize = 5;
/// Items per data file, on average: a few kilobytes each.
pub const PER_SHARD: usize = 8;

/// The compare view: its script's data, and links for readers without JavaScript.
#[derive(Debug, Serialize)]
pub struct CompareView {
    data: String,
    table: String,
    picker: String,
}

#[derive(Serialize)]
struct CompareData {
    /// (id, label) of each criterion.
    criteria: Vec<(String, String)>,
    presets: Vec<PresetData>,
    min_ratings: usize,
    max: i64,
    most: usize,
    /// How many files the items' data is in (see [`shard_of`]).
    shards: usize,
    /// The folder of the items' data, the language's root and its search index (whose item
    /// titles the script offers when adding by name), relative to the page.
    data: String,
    root: String,
    index: String,
    strings: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct PresetData {
    id: String,
    label: String,
    weights: BTreeMap<String, f64>,
    href: String,
}

/// One item's data for the compare view; addresses are relative to the language's root.
#[derive(Serialize)]
struct ItemData {
    name: String,
    href: String,
    summary: String,
    /// The overall score and rank, if the item is ranked.
    overall: Option<OverallData>,
    /// By criterion id: score, kind of evidence, sources (title, address) and note.
    ratings: BTreeMap<String, RatingData>,
    /// (label, value) of each fact the item has.
    facts: Vec<(String, String)>,
    pros: Vec<String>,
    cons: Vec<String>,
}

/// An item's place in the overall ranking.
#[derive(Serialize)]
struct OverallData {
    score: ScoreView,
    rank: Option<usize>,
    /// How many criteria the score rests on.
    rests_on: usize,
}

#[derive(Serialize)]
struct RatingData {
    score: f64,
    evidence: String,
    sources: Vec<(String, Option<String>)>,
    note: Option<String>,
}

/// The compare view's page.
pub fn page(scope: &Scope) -> Page {
    let config = &scope.site.config;
    let root = scope.href(&Route::Home);
    let data = CompareData {
        criteria: (config.criteria.iter())
            .map(|c| (c.id.clone(), scope.text(&c.label)))
            .collect(),
        presets: (config.presets.iter())
            .map(|p| PresetData {
                id: p.id.clone(),
                label: scope.text(&p.label),
                weights: p.weights.clone(),
                href: format!("{}#preset-{}", scope.href(&Route::Choose), p.id),
            })
            .collect(),
        min_ratings: config.overall_min_ratings,
        max: config.scale.max,
        most: MOST,
        shards: shards(scope.site.items.len()),
        data: format!("{root}{DATA}"),
        index: format!("{root}{}", super::search::FOLDER),
        root: root.clone(),
        strings: STRINGS.iter().map(|k| (*k, scope.t(k))).collect(),
    };
    generated(
        scope.t("compare_title"),
        View::Compare(CompareView {
            data: embeddable_json(&data),
            table: scope.href(&Route::Table(1)),
            picker: scope.href(&Route::Picker(1)),
        }),
    )
}

/// Interface strings the script shows.
const STRINGS: &[&str] = &[
    "compare_add",
    "compare_add_label",
    "compare_remove",
    "compare_more",
    "compare_full",
    "compare_unknown",
    "compare_radar",
    "compare_finding",
    "col_criterion",
    "key_facts",
    "ratings",
    "pair_goals",
    "pair_goal",
    "pair_pick",
    "pair_tie",
    "not_rated",
    "not_ranked",
    "overall_too_few",
    "overall_score",
    "overall_rank",
    "out_of",
    "rests_on",
    "pros",
    "cons",
    "chart_data",
    "compare_sources",
];

/// The items' data files in the scope's language, each made when asked for: by shard, each
/// item's data by its slug.
pub fn files(scope: Scope) -> impl Iterator<Item = OutputFile> {
    let prefix = lang_prefix(scope.lang, scope.default_lang());
    let items = &scope.site.items;
    let count = shards(items.len());
    let mut shards = vec![Vec::new(); count];
    for (index, item) in items.iter().enumerate() {
        shards[shard_of(&item.slug, count)].push(index);
    }
    (shards.into_iter().enumerate()).map(move |(shard, indexes)| {
        let data: BTreeMap<&str, ItemData> = (indexes.into_iter())
            .map(|index| (items[index].slug.as_str(), item_data(&scope, index)))
            .collect();
        OutputFile {
            path: file_for(&format!("{prefix}{DATA}{shard}.json")),
            bytes: serde_json::to_vec(&data).unwrap_or_default(),
        }
    })
}

/// How many data files `items` items are in.
fn shards(items: usize) -> usize {
    items.div_ceil(PER_SHARD).max(1)
}

/// The data file of the item `slug`, of `shards`: the 32-bit FNV-1a hash of its UTF-8 bytes,
/// mixed by MurmurHash3's finalizer (slugs such as `item-00042` differ in a few bits, which
/// FNV-1a alone spreads unevenly), modulo `shards`; `compare.js` computes it alike.
fn shard_of(slug: &str, shards: usize) -> usize {
    let hash = slug.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    mix(hash) as usize % shards
}

/// MurmurHash3's 32-bit finalizer: every bit of `hash` flips about half of the result's.
fn mix(mut hash: u32) -> u32 {
    hash ^= hash >> 16;
    hash = hash.wrapping_mul(0x85eb_ca6b);
    hash ^= hash >> 13;
    hash = hash.wrapping_mul(0xc2b2_ae35);
    hash ^ (hash >> 16)
}

fn item_data(scope: &Scope, index: usize) -> ItemData {
    let config = &scope.site.config;
    let item = &scope.site.items[index];
    let standing = scope.derived.standing(index);
    let (text, _) = item.text_in(scope.lang, scope.default_lang());
    let ratings = (config.criteria.iter())
        .zip(rating_views(scope, item))
        .filter_map(|(criterion, view)| {
            let score = view.score?;
            let sources = (item.ratings.get(&criterion.id))
                .map(|r| r.sources.iter().filter_map(|id| scope.site.source(id)))
                .into_iter()
                .flatten()
                .map(|s| (s.title.clone(), source_href(scope, &s.id, s.url.as_deref())))
                .collect();
            let rating = RatingData {
                score: score.value,
                evidence: view.evidence.unwrap_or_default(),
                sources,
                note: view.note,
            };
            Some((criterion.id.clone(), rating))
        })
        .collect();
    ItemData {
        name: text.name.clone(),
        href: Route::Item(item.slug.clone()).path(&config.items),
        summary: text.summary.clone(),
        overall: standing.score.map(|score| OverallData {
            score: ScoreView::new(score, config.scale.max as f64, true),
            rank: standing.rank,
            rests_on: standing.rests_on,
        }),
        ratings,
        facts: (config.facts.iter())
            .map(|f| fact_view(scope, f, item))
            .filter(|f| !f.values.is_empty())
            .map(|f| (f.label, f.values.join(", ")))
            .collect(),
        pros: text.pros.clone(),
        cons: text.cons.clone(),
    }
}

/// A source's entry on the sources page (relative to the language's root), else its address.
fn source_href(scope: &Scope, id: &str, url: Option<&str>) -> Option<String> {
    match scope.site.page("sources") {
        Some(_) => Some(format!(
            "{}#{id}",
            Route::Page("sources".into()).path(&scope.site.config.items)
        )),
        None => url.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_s_shard_is_its_mixed_fnv_1a_hash_modulo_the_shards() {
        // The published FNV-1a 32-bit values of "", "a" and "foobar".
        let hashes = [
            ("", 0x811c_9dc5_u32),
            ("a", 0xe40c_292c),
            ("foobar", 0xbf9c_f968),
        ];
        for (slug, hash) in hashes {
            assert_eq!(shard_of(slug, usize::MAX), mix(hash) as usize, "{slug:?}");
            assert_eq!(shard_of(slug, 7), mix(hash) as usize % 7, "{slug:?}");
        }
        // MurmurHash3's finalizer: zero stays zero; one bit in spreads over the word.
        assert_eq!(mix(0), 0);
        assert_eq!(mix(1), 0x514e_28b7);
        // What compare.js's shardOf gives (run in Node with 2^32 - 1 shards), a Hangul slug
        // hashed by its UTF-8 bytes among them.
        let in_script = [
            ("", 2_872_998_923),
            ("django", 1_903_525_377),
            ("장고", 287_055_314),
        ];
        for (slug, shard) in in_script {
            assert_eq!(shard_of(slug, u32::MAX as usize), shard, "{slug:?}");
        }
    }

    #[test]
    fn numbered_slugs_spread_evenly() {
        let slugs: Vec<String> = (0..1000).map(|n| format!("item-{n:05}")).collect();
        let count = shards(slugs.len());
        let mut sizes = vec![0; count];
        for slug in &slugs {
            sizes[shard_of(slug, count)] += 1;
        }
        assert!(sizes.iter().all(|&n| (1..=20).contains(&n)), "{sizes:?}");
    }

    #[test]
    fn about_eight_items_a_shard_and_never_none() {
        assert_eq!([0, 1, 8, 9, 10_000].map(shards), [1, 1, 1, 2, 1_250]);
    }
}
