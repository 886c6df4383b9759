//! One builder per kind of page: gathers the typed view its template shows (home, item,
//! comparison table, rankings, free pages, 404).

use std::collections::BTreeMap;

use serde::Serialize;

use super::Renderer;
use super::listing;
use super::paging;
use super::routes::Route;
use super::views::{
    self, CriterionView, FactView, Link, ProseView, RatingView, Scope, ScoreView, Shared,
    SourceView, StandingView,
};
use crate::chart::{Bar, BarChart, Chart, RadarChart, Series, bar_chart, radar_chart};
use crate::config::FactKind;
use crate::error::Diagnostic;
use crate::model::Translated;
use crate::rank::{self, Standing};

/// A page's title, description and view.
pub struct Page {
    pub title: String,
    pub description: Option<String>,
    /// Whether the main content exists in the page's language.
    pub translated: bool,
    pub view: View,
}

/// The view of one kind of page.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum View {
    Home(HomeView),
    Item(Box<ItemView>),
    Table(TableView),
    Ranking(Box<RankingView>),
    Choose(ChooseView),
    Pair(Box<super::pair::PairView>),
    Picker(super::pair::PickerView),
    AtoZ(super::atoz::AtoZView),
    Compare(super::compare::CompareView),
    Changes(super::history::ChangesView),
    Prose(PageView),
    Empty,
}

#[derive(Debug, Serialize)]
pub struct PageView {
    prose: ProseView,
    sources: Vec<SourceView>,
    criteria: Vec<CriterionView>,
}

#[derive(Debug, Serialize)]
pub struct HomeView {
    intro: ProseView,
    chart: String,
    /// Says the chart (and the standings, which are its data) show only the first items.
    chart_note: Option<String>,
    standings: Vec<StandingView>,
    criteria: Vec<CriterionView>,
    item_count: usize,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    name: String,
    slug: String,
    summary: String,
    homepage: String,
    updated: Option<String>,
    /// When its file last changed, from history, where `updated` is not given.
    changed: Option<String>,
    facts: Vec<FactView>,
    overall: Option<ScoreView>,
    overall_rank: Option<usize>,
    rests_on: usize,
    scale_max: i64,
    ratings: Vec<RatingView>,
    radar: String,
    /// Links to this item's pair pages.
    compare: Vec<Link>,
    best_for: Vec<String>,
    pros: Vec<String>,
    cons: Vec<String>,
    prose: ProseView,
    sources: Vec<Shared<SourceView>>,
    history: Option<super::history::ItemHistoryView>,
}

#[derive(Debug, Serialize)]
pub struct TableView {
    criteria: Vec<CriterionView>,
    facts: Vec<FactColumn>,
    rows: Vec<TableRow>,
    /// Facts the table can be filtered by, with their choices.
    filters: Vec<FilterView>,
    /// Links to the table's other pages, when it has several.
    paging: Option<PagingView>,
    /// Rows a page shows, and a row's script shows at a time from the whole report.
    page_size: usize,
    scale_max: i64,
}

/// A fact shown in the comparison table, which it can be sorted by.
#[derive(Debug, Serialize)]
pub struct FactColumn {
    id: String,
    label: String,
    /// Sorted as numbers (a year, a number), not as text.
    numeric: bool,
}

/// A fact the comparison table can be filtered by.
#[derive(Debug, Serialize)]
pub struct FilterView {
    id: String,
    label: String,
    /// (value key, label) pairs.
    options: Vec<(String, String)>,
}

#[derive(Debug, Serialize)]
pub struct TableRow {
    #[serde(flatten)]
    standing: StandingView,
    scores: Vec<Option<ScoreView>>,
    /// Per criterion, the marker of a score changed lately ("Changed March 2, 2026").
    recent: Vec<Option<String>>,
    /// (fact id, value key) for each filterable fact, for the table's filters.
    keys: Vec<(String, String)>,
}

/// The links between the pages of a list.
#[derive(Debug, Serialize)]
pub struct PagingView {
    /// Which items this page shows: "101–200 of 10,000".
    summary: String,
    previous: Option<String>,
    next: Option<String>,
    /// The pages linked to, `number` none for a gap.
    pages: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
pub struct PageLink {
    number: Option<usize>,
    href: Option<String>,
    current: bool,
}

#[derive(Debug, Serialize)]
pub struct RankingView {
    criterion: Option<CriterionView>,
    /// The chart of the first items, on the first page only.
    chart: Option<String>,
    /// Says the chart shows only the first items (the standings list every one).
    chart_note: Option<String>,
    standings: Vec<StandingView>,
    /// Links to the ranking's other pages, when it has several.
    paging: Option<PagingView>,
    criteria: Vec<CriterionView>,
    scale_max: i64,
    /// For the overall ranking: every item's score on every criterion, the parts of the mean.
    composition: Option<TableView>,
}

/// The choose page: presets precomputed (for readers without JavaScript) and the data the
/// in-browser ranking is recomputed from.
#[derive(Debug, Serialize)]
pub struct ChooseView {
    criteria: Vec<CriterionView>,
    presets: Vec<PresetView>,
    /// The data for the in-browser ranking, as JSON safe to embed in HTML.
    data: String,
}

#[derive(Debug, Serialize)]
pub struct PresetView {
    id: String,
    label: String,
    description: String,
    weights: Vec<Link>,
    /// The first items of the goal's ranking (a page of a list's worth).
    standings: Vec<StandingView>,
    /// Says the ranking shows only its first items.
    note: Option<String>,
}

/// What the in-browser ranking needs, serialised into the page.
#[derive(Debug, Serialize)]
struct ChooseData {
    criteria: Vec<ChooseCriterion>,
    /// Every item, on a report that fits one page of a list; on a larger one, none, and
    /// `listing` says where the script reads them from.
    items: Vec<ChooseItem>,
    listing: Option<String>,
    /// How many places the live ranking shows.
    page_size: usize,
    presets: BTreeMap<String, BTreeMap<String, f64>>,
    min_ratings: usize,
    max: i64,
    strings: BTreeMap<&'static str, String>,
}

#[derive(Debug, Serialize)]
struct ChooseCriterion {
    id: String,
    label: String,
    weight: f64,
}

#[derive(Debug, Serialize)]
struct ChooseItem {
    name: String,
    href: String,
    ratings: BTreeMap<String, f64>,
}

/// Builds the view of the page at `route` in the scope's language.
pub fn build(
    scope: &Scope,
    route: &Route,
    renderer: &Renderer,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Page, Vec<Diagnostic>> {
    let page = match route {
        Route::Home => home(scope, renderer, warnings),
        Route::Item(slug) => item(scope, slug, renderer, warnings),
        Route::Table(page) => paged(
            scope,
            scope.t("table_title"),
            *page,
            View::Table(table(scope, *page)),
        ),
        Route::Rankings(page) => paged(
            scope,
            scope.t("rankings_title"),
            *page,
            View::Ranking(Box::new(ranking(scope, None, *page))),
        ),
        Route::Ranking(id, page) => {
            let view = ranking(scope, Some(id), *page);
            let label = view
                .criterion
                .as_ref()
                .map(|c| c.label.clone())
                .unwrap_or_default();
            let title = scope.fill("ranking_title", &[("criterion", label)]);
            paged(scope, title, *page, View::Ranking(Box::new(view)))
        }
        Route::Pair(a, b) => super::pair::pair(scope, a, b),
        Route::Picker(page) => super::pair::picker(scope, *page),
        Route::Compare => super::compare::page(scope),
        Route::AtoZ(page) => paged(
            scope,
            scope.t("az_title"),
            *page,
            View::AtoZ(super::atoz::view(scope, *page)),
        ),
        Route::Choose => generated(scope.t("choose_title"), View::Choose(choose(scope))),
        Route::Page(slug) => prose_page(scope, slug, renderer, warnings),
        Route::NotFound => generated(scope.t("not_found_title"), View::Empty),
        Route::Changes => generated(
            scope.t("changes_title"),
            View::Changes(super::history::changes(scope)),
        ),
    };
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(std::mem::take(warnings));
    }
    Ok(page)
}

/// A generated page of a list: its title names the page past the first.
fn paged(scope: &Scope, title: String, page: usize, view: View) -> Page {
    if page <= 1 {
        return generated(title, view);
    }
    let number = scope.fill("list_page", &[("n", page.to_string())]);
    generated(format!("{title} ({number})"), view)
}

pub(super) fn generated(title: String, view: View) -> Page {
    Page {
        title,
        description: None,
        translated: true,
        view,
    }
}

pub(super) fn criteria(scope: &Scope) -> Vec<CriterionView> {
    scope
        .site
        .config
        .criteria
        .iter()
        .map(|c| views::criterion_view(scope, c))
        .collect()
}

fn home(scope: &Scope, renderer: &Renderer, warnings: &mut Vec<Diagnostic>) -> Page {
    let standings = &scope.derived.overall;
    let (intro, translated, title, description) = match scope.site.page("home") {
        Some(page) => {
            let (text, translated) = page.text_in(scope.lang, scope.default_lang());
            let (prose, problems) =
                renderer.prose(scope, &text.body, text.body_line, &text.path, "home-");
            warnings.extend(problems);
            (
                prose,
                translated,
                text.title.clone(),
                text.description.clone(),
            )
        }
        None => (ProseView::default(), true, String::new(), None),
    };
    let shown = &standings[..charted(scope, standings)];
    let view = HomeView {
        intro,
        chart: bar_chart(&ranking_chart(scope, None)),
        chart_note: chart_note(scope, standings, "home_chart_first"),
        standings: views::standing_views(scope, shown, None, overall_basis(scope)),
        criteria: criteria(scope),
        item_count: scope.site.items.len(),
    };
    Page {
        title,
        description,
        translated,
        view: View::Home(view),
    }
}

fn item(scope: &Scope, slug: &str, renderer: &Renderer, warnings: &mut Vec<Diagnostic>) -> Page {
    let Some(index) = super::derived::item_index(scope.site, slug) else {
        return generated(String::new(), View::Empty);
    };
    let item = &scope.site.items[index];
    let (text, translated) = item.text_in(scope.lang, scope.default_lang());
    let (prose, problems) = renderer.prose(scope, &text.body, text.body_line, &text.path, "item-");
    warnings.extend(problems);
    let standing = scope.derived.standing(index);
    let max = scope.site.config.scale.max as f64;
    let view = ItemView {
        name: text.name.clone(),
        slug: item.slug.clone(),
        summary: text.summary.clone(),
        homepage: item.homepage.clone(),
        updated: scope.date(text.updated),
        changed: match text.updated {
            Some(_) => None,
            None => super::history::last_changed(scope, item, content_lang(scope, translated)),
        },
        facts: scope
            .site
            .config
            .facts
            .iter()
            .map(|f| views::fact_view(scope, f, item))
            .collect(),
        overall: standing.score.map(|v| ScoreView::new(v, max, true)),
        overall_rank: standing.rank,
        rests_on: standing.rests_on,
        scale_max: scope.site.config.scale.max,
        ratings: views::rating_views(scope, item),
        radar: radar_chart(&radar(scope, item)),
        compare: super::pair::pairs_of(scope, index),
        best_for: text.best_for.clone(),
        pros: text.pros.clone(),
        cons: text.cons.clone(),
        prose,
        sources: {
            let shared = scope.derived.shared.at(scope);
            (item.sources.iter())
                .filter_map(|id| shared.source(id))
                .collect()
        },
        history: super::history::item(scope, item),
    };
    Page {
        title: text.name.clone(),
        description: Some(text.summary.clone()),
        translated,
        view: View::Item(Box::new(view)),
    }
}

/// The language a page's main content is in: its own, or the default where not translated.
fn content_lang<'a>(scope: &'a Scope, translated: bool) -> &'a str {
    if translated {
        scope.lang
    } else {
        scope.default_lang()
    }
}

/// Page `page` of the comparison table: the items in overall order.
fn table(scope: &Scope, page: usize) -> TableView {
    let all = &scope.derived.overall;
    let standings = &all[paging::range(page, all.len(), scope.site.config.lists.page_size)];
    let max = scope.site.config.scale.max as f64;
    let rows = views::standing_views(scope, standings, None, overall_basis(scope))
        .into_iter()
        .zip(standings)
        .map(|(standing, s)| {
            let item = &scope.site.items[s.item];
            let scores = scope
                .site
                .config
                .criteria
                .iter()
                .map(|c| {
                    item.ratings
                        .get(&c.id)
                        .map(|r| ScoreView::new(r.score, max, false))
                })
                .collect();
            let keys = filter_facts(scope)
                .map(|f| {
                    (
                        f.id.clone(),
                        item.facts.get(&f.id).map(filter_key).unwrap_or_default(),
                    )
                })
                .collect();
            let recent = (scope.site.config.criteria.iter())
                .map(|c| super::history::recent(scope, item, &c.id))
                .collect();
            TableRow {
                standing,
                scores,
                recent,
                keys,
            }
        })
        .collect();
    TableView {
        criteria: criteria(scope),
        facts: scope
            .site
            .config
            .table_facts()
            .map(|f| FactColumn {
                id: f.id.clone(),
                label: scope.text(&f.label),
                numeric: matches!(f.kind, FactKind::Year | FactKind::Number),
            })
            .collect(),
        rows,
        filters: filter_facts(scope).map(|f| filter_view(scope, f)).collect(),
        paging: paging_view(scope, page, all.len(), Route::Table),
        page_size: scope.site.config.lists.page_size,
        scale_max: scope.site.config.scale.max,
    }
}

/// The basis of the overall score: every criterion at its configured weight.
fn overall_basis(scope: &Scope) -> rank::Basis {
    let config = &scope.site.config;
    rank::Basis::new(&config.weights(), config.overall_min_ratings)
}

fn filter_facts<'a>(scope: &'a Scope) -> impl Iterator<Item = &'a crate::config::Fact> {
    scope.site.config.facts.iter().filter(|f| f.filter)
}

/// A filter's options: a choice fact's choices that items use, or the distinct values given.
fn filter_view(scope: &Scope, fact: &crate::config::Fact) -> FilterView {
    let used = scope.derived.filter_keys(&fact.id);
    let options = if fact.choices.is_empty() {
        used.iter().map(|v| (v.clone(), v.clone())).collect()
    } else {
        fact.choices
            .iter()
            .filter(|(k, _)| used.contains(*k))
            .map(|(k, t)| (k.clone(), scope.text(t)))
            .collect()
    };
    FilterView {
        id: fact.id.clone(),
        label: scope.text(&fact.label),
        options,
    }
}

/// The key a fact's value is filtered by in the comparison table.
pub(super) fn filter_key(value: &crate::model::FactValue) -> String {
    value.to_text(", ")
}

/// Page `page` of the overall ranking, or of the ranking on `criterion`; the chart (of the
/// first items) is on the first page.
fn ranking(scope: &Scope, criterion: Option<&str>, page: usize) -> RankingView {
    let standings: &[Standing] = match criterion {
        Some(id) => scope.derived.by_criterion(id),
        None => &scope.derived.overall,
    };
    let shown = &standings[paging::range(page, standings.len(), scope.site.config.lists.page_size)];
    let criterion_view = criterion
        .and_then(|id| scope.site.config.criterion(id))
        .map(|c| views::criterion_view(scope, c));
    let first = page <= 1;
    RankingView {
        chart: first.then(|| bar_chart(&ranking_chart(scope, criterion))),
        chart_note: first
            .then(|| chart_note(scope, standings, "chart_first"))
            .flatten(),
        standings: views::standing_views(
            scope,
            shown,
            criterion,
            criterion.map_or_else(|| overall_basis(scope), |_| rank::Basis::single()),
        ),
        paging: paging_view(scope, page, standings.len(), |n| match criterion {
            Some(id) => Route::Ranking(id.to_string(), n),
            None => Route::Rankings(n),
        }),
        criterion: criterion_view,
        criteria: criteria(scope),
        scale_max: scope.site.config.scale.max,
        composition: criterion.is_none().then(|| table(scope, page)),
    }
}

/// The navigation between the pages of a list of `items`, or `None` when one page holds them.
pub(super) fn paging_view(
    scope: &Scope,
    page: usize,
    items: usize,
    route: impl Fn(usize) -> Route,
) -> Option<PagingView> {
    let size = scope.site.config.lists.page_size;
    let total = paging::count(items, size);
    if total == 1 {
        return None;
    }
    let shown = paging::range(page, items, size);
    let link = |n: usize| scope.href(&route(n));
    Some(PagingView {
        summary: scope.fill(
            "list_shown",
            &[
                ("first", (shown.start + 1).to_string()),
                ("last", shown.end.to_string()),
                ("total", items.to_string()),
            ],
        ),
        previous: (page > 1).then(|| link(page - 1)),
        next: (page < total).then(|| link(page + 1)),
        pages: paging::numbers(page, total)
            .into_iter()
            .map(|n| PageLink {
                number: n,
                href: n.map(link),
                current: n == Some(page),
            })
            .collect(),
    })
}

/// How many of a ranking's items its chart shows: the first, up to `[charts] bars`.
fn charted(scope: &Scope, standings: &[Standing]) -> usize {
    standings.len().min(scope.site.config.charts.bars)
}

/// The interface string `key` saying how many items a chart shows, if not all.
fn chart_note(scope: &Scope, standings: &[Standing], key: &str) -> Option<String> {
    let shown = charted(scope, standings);
    (shown < standings.len()).then(|| {
        scope.fill(
            key,
            &[
                ("shown", shown.to_string()),
                ("total", standings.len().to_string()),
            ],
        )
    })
}

/// The chart a page shows, if it shows one: a ranking's on the home page and a ranking's
/// first page, the ratings' radar on an item's or a pair's page.
pub fn chart_of(scope: &Scope, route: &Route) -> Option<Chart> {
    let index = |slug: &str| super::derived::item_index(scope.site, slug);
    match route {
        Route::Home | Route::Rankings(1) => Some(Chart::Bar(ranking_chart(scope, None))),
        Route::Ranking(id, 1) => {
            (scope.site.config.criterion(id)).map(|c| Chart::Bar(ranking_chart(scope, Some(&c.id))))
        }
        Route::Item(slug) => index(slug).map(|i| Chart::Radar(radar(scope, &scope.site.items[i]))),
        Route::Pair(a, b) => {
            let (a, b) = (index(a)?, index(b)?);
            Some(Chart::Radar(super::pair::chart(scope, a, b)))
        }
        _ => None,
    }
}

/// The bar chart of the overall ranking (`criterion` none) or of one criterion's: its first
/// items (see [`charted`]), with a description stating its main finding over the whole
/// ranking.
fn ranking_chart(scope: &Scope, criterion: Option<&str>) -> BarChart {
    let (standings, id, title): (&[Standing], &str, String) =
        match criterion.and_then(|id| scope.site.config.criterion(id)) {
            Some(c) => (
                scope.derived.by_criterion(&c.id),
                &c.id,
                scope.fill("ranking_title", &[("criterion", scope.text(&c.label))]),
            ),
            None => (
                &scope.derived.overall,
                "overall",
                scope.t("overall_chart_title"),
            ),
        };
    let max = scope.site.config.scale.max as f64;
    let bars = standings[..charted(scope, standings)]
        .iter()
        .map(|s| Bar {
            label: scope.item_name(&scope.site.items[s.item]),
            value: s.score,
            shown: s.score.map_or_else(
                || {
                    scope.t(if criterion.is_some() {
                        "not_rated"
                    } else {
                        "not_ranked"
                    })
                },
                |v| ScoreView::new(v, max, criterion.is_none()).text,
            ),
        })
        .collect();
    let leaders: Vec<String> = standings
        .iter()
        .filter(|s| s.rank == Some(1))
        .map(|s| scope.item_name(&scope.site.items[s.item]))
        .collect();
    let top = standings
        .first()
        .and_then(|s| s.score)
        .map(|v| ScoreView::new(v, max, criterion.is_none()).text);
    let rated = standings.iter().filter(|s| s.score.is_some()).count();
    let description = scope.fill(
        "chart_finding",
        &[
            ("leaders", leaders.join(", ")),
            ("score", top.unwrap_or_default()),
            ("max", scope.site.config.scale.max.to_string()),
            ("rated", rated.to_string()),
            ("total", standings.len().to_string()),
        ],
    );
    BarChart {
        id: format!("chart-{id}"),
        title,
        description,
        max,
        bars,
    }
}

/// The radar chart of an item's ratings, described by its highest, lowest and unrated criteria.
fn radar(scope: &Scope, item: &crate::model::Item) -> RadarChart {
    let criteria = &scope.site.config.criteria;
    let max = scope.site.config.scale.max as f64;
    let values: Vec<Option<f64>> = criteria
        .iter()
        .map(|c| item.ratings.get(&c.id).map(|r| r.score))
        .collect();
    let labels: Vec<String> = criteria.iter().map(|c| scope.text(&c.label)).collect();
    let notes = values
        .iter()
        .map(|v| {
            v.map_or_else(
                || scope.t("not_rated"),
                |v| ScoreView::new(v, max, false).text,
            )
        })
        .collect();
    let name = scope.item_name(item);
    RadarChart {
        id: "chart-radar".into(),
        title: scope.fill("radar_title", &[("name", name.clone())]),
        description: radar_finding(scope, &labels, &values, max),
        axes: labels,
        axis_notes: notes,
        max,
        series: vec![Series { name, values }],
    }
}

fn radar_finding(scope: &Scope, labels: &[String], values: &[Option<f64>], max: f64) -> String {
    let rated: Vec<(&String, f64)> = labels
        .iter()
        .zip(values)
        .filter_map(|(l, v)| v.map(|v| (l, v)))
        .collect();
    let extreme = |pick: fn(f64, f64) -> f64| rated.iter().map(|(_, v)| *v).reduce(pick);
    let (Some(high), Some(low)) = (extreme(f64::max), extreme(f64::min)) else {
        return scope.t("radar_none");
    };
    let named = |score: f64| {
        rated
            .iter()
            .filter(|(_, v)| *v == score)
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let unrated: Vec<&str> = labels
        .iter()
        .zip(values)
        .filter(|(_, v)| v.is_none())
        .map(|(l, _)| l.as_str())
        .collect();
    let text = |v: f64| ScoreView::new(v, max, false).text;
    scope.fill(
        "radar_finding",
        &[
            ("best", named(high)),
            ("high", text(high)),
            ("worst", named(low)),
            ("low", text(low)),
            (
                "unrated",
                if unrated.is_empty() {
                    scope.t("none")
                } else {
                    unrated.join(", ")
                },
            ),
        ],
    )
}

fn choose(scope: &Scope) -> ChooseView {
    let config = &scope.site.config;
    let presets = config
        .presets
        .iter()
        .map(|preset| {
            let standings = rank::overall(
                &scope.site.items,
                &preset.weights,
                config.overall_min_ratings,
                scope.default_lang(),
            );
            let weights = config
                .criteria
                .iter()
                .filter_map(|c| {
                    preset
                        .weights
                        .get(&c.id)
                        .filter(|w| **w > 0.0)
                        .map(|w| (c, w))
                })
                .map(|(c, w)| Link {
                    label: scope.text(&c.label),
                    href: crate::model::validate::format_number(*w),
                })
                .collect();
            PresetView {
                id: preset.id.clone(),
                label: scope.text(&preset.label),
                description: scope.text(&preset.description),
                weights,
                standings: views::standing_views(
                    scope,
                    &standings[paging::range(1, standings.len(), config.lists.page_size)],
                    None,
                    rank::Basis::new(&preset.weights, config.overall_min_ratings),
                ),
                note: (standings.len() > config.lists.page_size).then(|| {
                    scope.fill(
                        "list_first",
                        &[
                            ("shown", config.lists.page_size.to_string()),
                            ("total", standings.len().to_string()),
                        ],
                    )
                }),
            }
        })
        .collect();
    ChooseView {
        criteria: criteria(scope),
        presets,
        data: choose_data(scope),
    }
}

fn choose_data(scope: &Scope) -> String {
    let config = &scope.site.config;
    let paginated = scope.site.items.len() > config.lists.page_size;
    let data = ChooseData {
        criteria: config
            .criteria
            .iter()
            .map(|c| ChooseCriterion {
                id: c.id.clone(),
                label: scope.text(&c.label),
                weight: c.weight,
            })
            .collect(),
        items: (scope.site.items.iter())
            .filter(|_| !paginated)
            .map(|item| ChooseItem {
                name: scope.item_name(item),
                href: scope.href(&Route::Item(item.slug.clone())),
                ratings: item
                    .ratings
                    .iter()
                    .map(|(id, r)| (id.clone(), r.score))
                    .collect(),
            })
            .collect(),
        listing: paginated.then(|| format!("{}{}", scope.href(&Route::Home), listing::FILE)),
        page_size: config.lists.page_size,
        presets: config
            .presets
            .iter()
            .map(|p| (p.id.clone(), p.weights.clone()))
            .collect(),
        min_ratings: config.overall_min_ratings,
        max: config.scale.max,
        strings: [
            "not_ranked",
            "overall_too_few",
            "choose_status",
            "rests_on",
            "list_more",
        ]
        .into_iter()
        .map(|key| (key, scope.t(key)))
        .collect(),
    };
    embeddable_json(&data)
}

/// JSON that can sit inside a `<script type="application/json">` element: `<` is escaped, so
/// no value can close the element.
pub fn embeddable_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

fn prose_page(
    scope: &Scope,
    slug: &str,
    renderer: &Renderer,
    warnings: &mut Vec<Diagnostic>,
) -> Page {
    let Some(page) = scope.site.page(slug) else {
        return generated(String::new(), View::Empty);
    };
    let (text, translated) = page.text_in(scope.lang, scope.default_lang());
    let (prose, problems) = renderer.prose(scope, &text.body, text.body_line, &text.path, "page-");
    warnings.extend(problems);
    let sources = scope
        .site
        .sources
        .iter()
        .map(|s| views::source_view(scope, s))
        .collect();
    Page {
        title: text.title.clone(),
        description: text.description.clone(),
        translated,
        view: View::Prose(PageView {
            prose,
            sources,
            criteria: criteria(scope),
        }),
    }
}
