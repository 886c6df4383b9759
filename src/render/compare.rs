//! Three to five items side by side, built in the browser (no page per combination): the
//! compare view's page (`compare/view/?items=a,b,c`), with what its script needs embedded
//! (criteria, presets, words), and one data file per item and language
//! (`compare/data/<slug>.json`: overall score and rank, ratings with their sources, facts,
//! pros and cons), fetched for the items chosen only.

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
            picker: scope.href(&Route::Picker),
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

/// Every item's data file in the scope's language, each made when asked for.
pub fn files(scope: Scope) -> impl Iterator<Item = OutputFile> {
    let prefix = lang_prefix(scope.lang, scope.default_lang());
    (0..scope.site.items.len()).map(move |index| OutputFile {
        path: file_for(&format!(
            "{prefix}{DATA}{}.json",
            scope.site.items[index].slug
        )),
        bytes: serde_json::to_vec(&item_data(&scope, index)).unwrap_or_default(),
    })
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
