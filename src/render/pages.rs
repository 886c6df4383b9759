//! One builder per kind of page: gathers the typed view its template shows (home, item,
//! comparison table, rankings, free pages, 404).

use std::collections::BTreeMap;

use serde::Serialize;

use super::Renderer;
use super::routes::Route;
use super::views::{
    self, CriterionView, FactView, Link, ProseView, RatingView, Scope, ScoreView, SourceView,
    StandingView,
};
use crate::chart::{Bar, BarChart, bar_chart};
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
    Ranking(RankingView),
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
    standings: Vec<StandingView>,
    criteria: Vec<CriterionView>,
    item_count: usize,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    name: String,
    summary: String,
    homepage: String,
    updated: Option<String>,
    facts: Vec<FactView>,
    overall: Option<ScoreView>,
    overall_rank: Option<usize>,
    rests_on: usize,
    scale_max: i64,
    ratings: Vec<RatingView>,
    best_for: Vec<String>,
    pros: Vec<String>,
    cons: Vec<String>,
    prose: ProseView,
    sources: Vec<SourceView>,
}

#[derive(Debug, Serialize)]
pub struct TableView {
    criteria: Vec<CriterionView>,
    facts: Vec<Link>,
    rows: Vec<TableRow>,
}

#[derive(Debug, Serialize)]
pub struct TableRow {
    #[serde(flatten)]
    standing: StandingView,
    scores: Vec<Option<ScoreView>>,
}

#[derive(Debug, Serialize)]
pub struct RankingView {
    criterion: Option<CriterionView>,
    chart: String,
    standings: Vec<StandingView>,
    criteria: Vec<CriterionView>,
    scale_max: i64,
    criteria_count: usize,
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
        Route::Table => generated(scope.t("table_title"), View::Table(table(scope))),
        Route::Rankings => generated(
            scope.t("rankings_title"),
            View::Ranking(ranking(scope, None)),
        ),
        Route::Ranking(id) => {
            let view = ranking(scope, Some(id));
            let label = view
                .criterion
                .as_ref()
                .map(|c| c.label.clone())
                .unwrap_or_default();
            generated(
                scope.fill("ranking_title", &[("criterion", label)]),
                View::Ranking(view),
            )
        }
        Route::Page(slug) => prose_page(scope, slug, renderer, warnings),
        Route::NotFound => generated(scope.t("not_found_title"), View::Empty),
    };
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(std::mem::take(warnings));
    }
    Ok(page)
}

fn generated(title: String, view: View) -> Page {
    Page {
        title,
        description: None,
        translated: true,
        view,
    }
}

fn weights(scope: &Scope) -> BTreeMap<String, f64> {
    scope
        .site
        .config
        .criteria
        .iter()
        .map(|c| (c.id.clone(), c.weight))
        .collect()
}

fn overall_standings(scope: &Scope) -> Vec<Standing> {
    rank::overall(
        &scope.site.items,
        &weights(scope),
        scope.site.config.overall_min_ratings,
        scope.default_lang(),
    )
}

fn criteria(scope: &Scope) -> Vec<CriterionView> {
    scope
        .site
        .config
        .criteria
        .iter()
        .map(|c| views::criterion_view(scope, c))
        .collect()
}

fn home(scope: &Scope, renderer: &Renderer, warnings: &mut Vec<Diagnostic>) -> Page {
    let standings = overall_standings(scope);
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
    let view = HomeView {
        intro,
        chart: chart(
            scope,
            &standings,
            "overall",
            scope.t("overall_chart_title"),
            None,
        ),
        standings: views::standing_views(scope, &standings, None),
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
    let Some(item) = scope.site.item(slug) else {
        return generated(String::new(), View::Empty);
    };
    let (text, translated) = item.text_in(scope.lang, scope.default_lang());
    let (prose, problems) = renderer.prose(scope, &text.body, text.body_line, &text.path, "item-");
    warnings.extend(problems);
    let standings = overall_standings(scope);
    let standing = standings
        .iter()
        .find(|s| scope.site.items[s.item].slug == slug);
    let max = scope.site.config.scale.max as f64;
    let view = ItemView {
        name: text.name.clone(),
        summary: text.summary.clone(),
        homepage: item.homepage.clone(),
        updated: scope.date(text.updated),
        facts: scope
            .site
            .config
            .facts
            .iter()
            .map(|f| views::fact_view(scope, f, item))
            .collect(),
        overall: standing
            .and_then(|s| s.score)
            .map(|v| ScoreView::new(v, max, true)),
        overall_rank: standing.and_then(|s| s.rank),
        rests_on: standing.map_or(0, |s| s.rests_on),
        scale_max: scope.site.config.scale.max,
        ratings: views::rating_views(scope, item),
        best_for: text.best_for.clone(),
        pros: text.pros.clone(),
        cons: text.cons.clone(),
        prose,
        sources: item
            .sources
            .iter()
            .filter_map(|id| scope.site.source(id))
            .map(|s| views::source_view(scope, s))
            .collect(),
    };
    Page {
        title: text.name.clone(),
        description: Some(text.summary.clone()),
        translated,
        view: View::Item(Box::new(view)),
    }
}

fn table(scope: &Scope) -> TableView {
    let standings = overall_standings(scope);
    let max = scope.site.config.scale.max as f64;
    let rows = views::standing_views(scope, &standings, None)
        .into_iter()
        .zip(&standings)
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
            TableRow { standing, scores }
        })
        .collect();
    TableView {
        criteria: criteria(scope),
        facts: scope
            .site
            .config
            .table_facts()
            .map(|f| Link {
                label: scope.text(&f.label),
                href: f.id.clone(),
            })
            .collect(),
        rows,
    }
}

fn ranking(scope: &Scope, criterion: Option<&str>) -> RankingView {
    let standings = match criterion {
        Some(id) => rank::by_criterion(&scope.site.items, id, scope.default_lang()),
        None => overall_standings(scope),
    };
    let criterion_view = criterion
        .and_then(|id| scope.site.config.criterion(id))
        .map(|c| views::criterion_view(scope, c));
    let (id, title) = match &criterion_view {
        Some(c) => (
            c.id.clone(),
            scope.fill("ranking_title", &[("criterion", c.label.clone())]),
        ),
        None => ("overall".to_string(), scope.t("overall_chart_title")),
    };
    RankingView {
        chart: chart(scope, &standings, &id, title, criterion),
        standings: views::standing_views(scope, &standings, criterion),
        criterion: criterion_view,
        criteria: criteria(scope),
        scale_max: scope.site.config.scale.max,
        criteria_count: scope.site.config.criteria.len(),
    }
}

/// The bar chart of a ranking, with a description stating its main finding.
fn chart(
    scope: &Scope,
    standings: &[Standing],
    id: &str,
    title: String,
    criterion: Option<&str>,
) -> String {
    let max = scope.site.config.scale.max as f64;
    let bars = standings
        .iter()
        .map(|s| Bar {
            label: scope.item_name(&scope.site.items[s.item]),
            value: s.score,
            shown: s.score.map_or_else(
                || scope.t("not_rated"),
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
    bar_chart(&BarChart {
        id: format!("chart-{id}"),
        title,
        description,
        max,
        bars,
    })
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
