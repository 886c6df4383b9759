//! "X vs Y" pages and the "compare any two" picker: both items' ratings side by side with an
//! overlaid radar chart, where each one leads, their key facts, pros and cons, and which to
//! pick for each of the guide's goals.

use std::collections::BTreeMap;

use serde::Serialize;

use super::pages::{Page, PagingView, View, criteria, embeddable_json, generated, paging_view};
use super::paging;
use super::routes::Route;
use super::views::{self, CriterionView, Scope, ScoreView, Shared};
use crate::chart::{RadarChart, Series, radar_chart};
use crate::model::{Item, Translated};
use crate::rank;

/// One side of a pair page.
#[derive(Debug, Serialize)]
pub struct Side {
    name: String,
    href: String,
    summary: String,
    overall: Option<ScoreView>,
    pros: Vec<String>,
    cons: Vec<String>,
}

/// One criterion, both scores, and who leads.
#[derive(Debug, Serialize)]
pub struct Row {
    criterion: Shared<CriterionView>,
    a: Option<ScoreView>,
    b: Option<ScoreView>,
    a_href: String,
    b_href: String,
    /// The marker of a score changed lately, on either side.
    a_recent: Option<String>,
    b_recent: Option<String>,
    /// 0: a leads, 1: b leads, 2: tied, 3: cannot be compared.
    outcome: u8,
    verdict: String,
}

/// Which to pick for one of the guide's goals.
#[derive(Debug, Serialize)]
pub struct Goal {
    label: String,
    description: String,
    a: Option<ScoreView>,
    b: Option<ScoreView>,
    verdict: String,
    href: String,
}

#[derive(Debug, Serialize)]
pub struct PairView {
    a: Side,
    b: Side,
    radar: String,
    rows: Vec<Row>,
    goals: Vec<Goal>,
    /// Each fact's label and both items' values, joined.
    facts: Vec<(String, Shared<String>, Shared<String>)>,
}

/// A page of the picker: the items of this page of the list with links to their pair pages,
/// and what its script needs to compare any two (no item's data: the script reads every name
/// and score from the index of items, so that no page grows with the report).
#[derive(Debug, Serialize)]
pub struct PickerView {
    items: Vec<PickerItem>,
    paging: Option<PagingView>,
    data: String,
}

#[derive(Debug, Serialize)]
pub struct PickerItem {
    slug: String,
    name: String,
    href: String,
    pairs: Vec<views::Link>,
}

/// The pair page of items `a` and `b` (slugs).
pub fn pair(scope: &Scope, a: &str, b: &str) -> Page {
    let index = |slug| super::derived::item_index(scope.site, slug);
    let (Some(a), Some(b)) = (index(a), index(b)) else {
        return generated(String::new(), View::Empty);
    };
    let (first, second) = (&scope.site.items[a], &scope.site.items[b]);
    let names = [scope.item_name(first), scope.item_name(second)];
    let hrefs = item_hrefs(scope, [first, second]);
    let rows = rows(scope, [first, second], &names, &hrefs);
    let [a_href, b_href] = hrefs;
    let view = PairView {
        radar: radar_chart(&radar(scope, [first, second], &names, &rows)),
        a: side(scope, a, a_href),
        b: side(scope, b, b_href),
        goals: goals(scope, [first, second], &names),
        facts: facts(scope, [a, b]),
        rows,
    };
    let title = scope.fill(
        "pair_title",
        &[("a", names[0].clone()), ("b", names[1].clone())],
    );
    let (a_text, a_translated) = first.text_in(scope.lang, scope.default_lang());
    let (_, b_translated) = second.text_in(scope.lang, scope.default_lang());
    Page {
        description: Some(
            [
                &a_text.summary,
                " ",
                &second.text_in(scope.lang, scope.default_lang()).0.summary,
            ]
            .concat(),
        ),
        title,
        translated: a_translated && b_translated,
        view: View::Pair(Box::new(view)),
    }
}

/// The radar chart of the pair page of items `a` and `b` (indexes).
pub fn chart(scope: &Scope, a: usize, b: usize) -> RadarChart {
    let items = [&scope.site.items[a], &scope.site.items[b]];
    let names = items.map(|item| scope.item_name(item));
    radar(
        scope,
        items,
        &names,
        &rows(scope, items, &names, &item_hrefs(scope, items)),
    )
}

/// Both items' pages, made once for the page's links to them.
fn item_hrefs(scope: &Scope, items: [&Item; 2]) -> [String; 2] {
    items.map(|item| scope.href(&Route::Item(item.slug.clone())))
}

/// Both items' scores on each criterion, and who leads; `hrefs` are the items' pages.
fn rows(scope: &Scope, items: [&Item; 2], names: &[String; 2], hrefs: &[String; 2]) -> Vec<Row> {
    let shared = scope.derived.shared.at(scope);
    (scope.site.config.criteria.iter())
        .zip(&shared.criteria)
        .map(|(c, view)| row(scope, (c, view), items, names, hrefs))
        .collect()
}

/// One item's side; its facts are in the page's `facts`, beside the other's.
fn side(scope: &Scope, index: usize, href: String) -> Side {
    let item = &scope.site.items[index];
    let (text, _) = item.text_in(scope.lang, scope.default_lang());
    let max = scope.site.config.scale.max as f64;
    Side {
        name: text.name.clone(),
        href,
        summary: text.summary.clone(),
        // The overall ranking's score: the same weights and minimum, computed once a build.
        overall: (scope.derived.standing(index).score).map(|s| ScoreView::new(s, max, true)),
        pros: text.pros.clone(),
        cons: text.cons.clone(),
    }
}

fn row(
    scope: &Scope,
    (criterion, view): (&crate::config::Criterion, &Shared<CriterionView>),
    [a, b]: [&Item; 2],
    names: &[String; 2],
    hrefs: &[String; 2],
) -> Row {
    let max = scope.site.config.scale.max as f64;
    let score = |item: &Item| item.ratings.get(&criterion.id).map(|r| r.score);
    let (outcome, verdict) = verdict(scope, score(a), score(b), names);
    let evidence = |href: &String| [href, "#rating-", &criterion.id].concat();
    Row {
        criterion: view.clone(),
        a: score(a).map(|s| ScoreView::new(s, max, false)),
        b: score(b).map(|s| ScoreView::new(s, max, false)),
        a_href: evidence(&hrefs[0]),
        b_href: evidence(&hrefs[1]),
        a_recent: super::history::recent(scope, a, &criterion.id),
        b_recent: super::history::recent(scope, b, &criterion.id),
        outcome,
        verdict,
    }
}

/// Who leads, from two optional scores compared at the precision shown.
fn verdict(scope: &Scope, a: Option<f64>, b: Option<f64>, names: &[String; 2]) -> (u8, String) {
    match (a.map(rank::rounded), b.map(rank::rounded)) {
        (Some(x), Some(y)) if x > y => (0, scope.fill("pair_leads", &[("name", names[0].clone())])),
        (Some(x), Some(y)) if y > x => (1, scope.fill("pair_leads", &[("name", names[1].clone())])),
        (Some(_), Some(_)) => (2, scope.t("pair_tie")),
        _ => (3, scope.t("pair_incomparable")),
    }
}

fn goals(scope: &Scope, items: [&Item; 2], names: &[String; 2]) -> Vec<Goal> {
    let config = &scope.site.config;
    let max = config.scale.max as f64;
    config
        .presets
        .iter()
        .map(|preset| {
            let score =
                |item: &Item| rank::score_with(item, &preset.weights, config.overall_min_ratings);
            let (a, b) = (score(items[0]), score(items[1]));
            Goal {
                label: scope.text(&preset.label),
                description: scope.text(&preset.description),
                verdict: verdict(scope, a, b, names).1,
                a: a.map(|s| ScoreView::new(s, max, true)),
                b: b.map(|s| ScoreView::new(s, max, true)),
                href: [&scope.href(&Route::Choose), "#preset-", &preset.id].concat(),
            }
        })
        .collect()
}

/// Both items' facts (by index), beside each other.
fn facts(scope: &Scope, [a, b]: [usize; 2]) -> Vec<(String, Shared<String>, Shared<String>)> {
    let shared = &scope.derived.shared;
    let (a, b) = (shared.fact_texts(scope, a), shared.fact_texts(scope, b));
    (scope.site.config.facts.iter())
        .zip(a.into_iter().zip(b))
        .map(|(fact, (a, b))| (scope.text(&fact.label), a, b))
        .collect()
}

fn radar(scope: &Scope, items: [&Item; 2], names: &[String; 2], rows: &[Row]) -> RadarChart {
    let criteria = &scope.site.config.criteria;
    let series = items
        .iter()
        .zip(names)
        .map(|(item, name)| Series {
            name: name.clone(),
            values: criteria
                .iter()
                .map(|c| item.ratings.get(&c.id).map(|r| r.score))
                .collect(),
        })
        .collect();
    let labels: Vec<String> = criteria.iter().map(|c| scope.text(&c.label)).collect();
    let leads = |outcome: u8| {
        let labels: Vec<&str> = (rows.iter().zip(&labels))
            .filter(|(r, _)| r.outcome == outcome)
            .map(|(_, label)| label.as_str())
            .collect();
        if labels.is_empty() {
            scope.t("none")
        } else {
            labels.join(", ")
        }
    };
    let description = scope.fill(
        "pair_finding",
        &[
            ("a", names[0].clone()),
            ("b", names[1].clone()),
            ("a_leads", leads(0)),
            ("b_leads", leads(1)),
            ("ties", leads(2)),
        ],
    );
    RadarChart {
        id: "chart-pair".into(),
        title: scope.fill(
            "pair_title",
            &[("a", names[0].clone()), ("b", names[1].clone())],
        ),
        description,
        axes: labels,
        axis_notes: Vec::new(),
        max: scope.site.config.scale.max as f64,
        series,
    }
}

/// What the picker's script needs: each criterion's id and label (the scores it compares are
/// the index's, by id), where the index of items and the pair pages are (relative to the
/// page), and the words it shows.
#[derive(Debug, Serialize)]
struct PickerData {
    criteria: Vec<(String, String)>,
    listing: String,
    pairs: String,
    strings: BTreeMap<&'static str, String>,
}

/// Page `page` of the picker: the list of items in the report's order, `[lists] page_size` a
/// page.
pub fn picker(scope: &Scope, page: usize) -> Page {
    let site = scope.site;
    let items = paging::range(page, site.items.len(), site.config.lists.page_size)
        .map(|index| {
            let item = &site.items[index];
            PickerItem {
                slug: item.slug.clone(),
                name: scope.item_name(item),
                href: scope.href(&Route::Item(item.slug.clone())),
                pairs: pairs_of(scope, index),
            }
        })
        .collect();
    let root = scope.href(&Route::Home);
    let data = PickerData {
        criteria: criteria(scope)
            .into_iter()
            .map(|c| (c.id, c.label))
            .collect(),
        listing: [root.as_str(), super::listing::FILE].concat(),
        pairs: [root.as_str(), super::routes::PAIRS].concat(),
        strings: [
            "not_rated",
            "pair_leads",
            "pair_tie",
            "pair_incomparable",
            "col_criterion",
            "picker_same",
        ]
        .into_iter()
        .map(|k| (k, scope.t(k)))
        .collect(),
    };
    generated(
        scope.t("picker_title"),
        View::Picker(PickerView {
            items,
            paging: paging_view(scope, page, site.items.len(), Route::Picker),
            data: embeddable_json(&data),
        }),
    )
}

/// Links from the item at `index` to each of its pair pages, labelled with the other item.
pub fn pairs_of(scope: &Scope, index: usize) -> Vec<views::Link> {
    let items = &scope.site.items;
    scope
        .derived
        .partners(index)
        .iter()
        .map(|&other| views::Link {
            label: scope.item_name(&items[other]),
            href: scope.href(&Route::Pair(
                items[index].slug.clone(),
                items[other].slug.clone(),
            )),
        })
        .collect()
}
