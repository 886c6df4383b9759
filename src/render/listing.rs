//! The index of items that scripts read when a list spans several pages: in each language,
//! every item's name, address, overall score and rank, scores, table facts and filter keys, in
//! overall order, as `items.json` at the language's root. The comparison table sorts and
//! filters the whole report from it, and the choose page ranks every item from it, so that no
//! page has to carry every item.

use serde::Serialize;

use super::OutputFile;
use super::pages::filter_key;
use super::routes::{Route, file_for, lang_prefix};
use super::views::{Scope, fact_view};

/// The name of the index, at each language's root.
pub const FILE: &str = "items.json";

#[derive(Serialize)]
struct Listing {
    /// The criteria, in the order of each entry's scores.
    criteria: Vec<String>,
    /// The table's facts, in the order of each entry's fact texts.
    facts: Vec<String>,
    /// The filterable facts, in the order of each entry's filter keys.
    filters: Vec<String>,
    items: Vec<Entry>,
}

/// One item, as an array to keep a large report's index small: name, path below the
/// language's root, overall score, rank, how many criteria the score rests on, the scores,
/// the facts as shown, and the filter keys.
#[derive(Serialize)]
struct Entry(
    String,
    String,
    Option<f64>,
    Option<usize>,
    usize,
    Vec<Option<f64>>,
    Vec<String>,
    Vec<String>,
);

/// The index in the scope's language, at the language's root.
pub fn file(scope: &Scope) -> OutputFile {
    let config = &scope.site.config;
    let table_facts: Vec<_> = config.table_facts().collect();
    let filters: Vec<_> = config.facts.iter().filter(|f| f.filter).collect();
    let items = (scope.derived.overall.iter())
        .map(|standing| {
            let item = &scope.site.items[standing.item];
            Entry(
                scope.item_name(item),
                Route::Item(item.slug.clone()).path(&config.items),
                standing.score.map(crate::rank::rounded),
                standing.rank,
                standing.rests_on,
                (config.criteria.iter())
                    .map(|c| item.ratings.get(&c.id).map(|r| r.score))
                    .collect(),
                (table_facts.iter())
                    .map(|f| fact_view(scope, f, item).values.join(", "))
                    .collect(),
                (filters.iter())
                    .map(|f| item.facts.get(&f.id).map(filter_key).unwrap_or_default())
                    .collect(),
            )
        })
        .collect();
    let listing = Listing {
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        facts: table_facts.iter().map(|f| f.id.clone()).collect(),
        filters: filters.iter().map(|f| f.id.clone()).collect(),
        items,
    };
    OutputFile {
        path: file_for(&format!(
            "{}{FILE}",
            lang_prefix(scope.lang, scope.default_lang())
        )),
        bytes: serde_json::to_vec(&listing).unwrap_or_default(),
    }
}
