//! What each preview card shows, before layout: the page's own data in its language (a name,
//! its overall score, its strongest criteria; both items of a pair; a ranking's first items).
//! Pure: from the model and the derived rankings to a typed view the card template fills.

use serde::Serialize;

use crate::model::Translated;
use crate::rank::Standing;
use crate::render::views::{Scope, ScoreView};

/// How many bars a card's small chart shows.
pub const BARS: usize = 5;

/// The data of one card.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    /// `home`, `ranking`, `item` or `pair`.
    pub kind: &'static str,
    pub lang: String,
    pub site: String,
    /// The site's address without its scheme, shown at the foot of the card.
    pub address: String,
    pub title: String,
    pub subtitle: String,
    /// The card's big figure (an overall score, a leader's score, a count) and what it is.
    pub figure: String,
    pub figure_label: String,
    pub chart_title: String,
    pub bars: Vec<CardBar>,
    /// The names of a pair's two series, in the colours of their bars.
    pub legend: Vec<String>,
    /// The card described in words, for `og:image:alt`.
    pub alt: String,
}

/// One bar of a card's chart; a pair's second item has a bar of its own.
#[derive(Debug, Clone, Serialize)]
pub struct CardBar {
    pub label: String,
    pub shown: String,
    pub percent: f64,
    pub second: Option<BarValue>,
}

/// A value on a bar: its text and how much of the scale it fills (0–100).
#[derive(Debug, Clone, Serialize)]
pub struct BarValue {
    pub shown: String,
    pub percent: f64,
}

/// The home page's card: the site, its description, the first items overall.
pub fn home(scope: &Scope) -> CardView {
    let config = &scope.site.config;
    let figure = scope.site.items.len().to_string();
    let label = scope.fill(
        "card_compared",
        &[("criteria", config.criteria.len().to_string())],
    );
    let bars = standing_bars(scope, &scope.derived.overall, true);
    let title = scope.text(&config.title);
    finish(
        scope,
        "home",
        (title, scope.text(&config.description)),
        (figure, label),
        (scope.t("card_top"), bars, Vec::new()),
    )
}

/// A ranking's card: overall (`criterion` none) or on one criterion.
pub fn ranking(scope: &Scope, criterion: Option<&str>) -> CardView {
    let config = &scope.site.config;
    let (title, subtitle, standings) = match criterion.and_then(|id| config.criterion(id)) {
        Some(c) => (
            scope.fill("ranking_title", &[("criterion", scope.text(&c.label))]),
            scope.text(&c.description),
            scope.derived.by_criterion(&c.id),
        ),
        None => (
            scope.t("rankings_title"),
            scope.text(&config.description),
            scope.derived.overall.as_slice(),
        ),
    };
    let overall = criterion.is_none();
    let (figure, label) = match standings.first().filter(|s| s.score.is_some()) {
        Some(first) => (
            score_text(scope, first.score, overall),
            scope.fill(
                "card_leader",
                &[("name", scope.item_name(&scope.site.items[first.item]))],
            ),
        ),
        None => (String::new(), String::new()),
    };
    let bars = standing_bars(scope, standings, overall);
    finish(
        scope,
        "ranking",
        (title, subtitle),
        (figure, label),
        (scope.t("card_top"), bars, Vec::new()),
    )
}

/// An item's card: its name, summary, overall score and place, its highest-rated criteria.
pub fn item(scope: &Scope, index: usize) -> CardView {
    let item = &scope.site.items[index];
    let (text, _) = item.text_in(scope.lang, scope.default_lang());
    let standing = scope.derived.standing(index);
    let (figure, label) = match (standing.score, standing.rank) {
        (Some(score), Some(rank)) => (
            score_text(scope, Some(score), true),
            scope.fill(
                "card_overall",
                &[
                    ("max", scope.site.config.scale.max.to_string()),
                    ("rank", rank.to_string()),
                    ("total", scope.site.items.len().to_string()),
                ],
            ),
        ),
        _ => (String::new(), scope.t("not_ranked")),
    };
    let mut rated: Vec<(usize, f64)> = (scope.site.config.criteria.iter().enumerate())
        .filter_map(|(i, c)| item.ratings.get(&c.id).map(|r| (i, r.score)))
        .collect();
    rated.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let bars = (rated.iter().take(BARS))
        .map(|&(i, score)| criterion_bar(scope, i, score, None))
        .collect();
    finish(
        scope,
        "item",
        (text.name.clone(), text.summary.clone()),
        (figure, label),
        (scope.t("card_top_criteria"), bars, Vec::new()),
    )
}

/// A pair's card: both names and overall scores, and their ratings side by side.
pub fn pair(scope: &Scope, a: usize, b: usize) -> CardView {
    let items = &scope.site.items;
    let (name_a, name_b) = (scope.item_name(&items[a]), scope.item_name(&items[b]));
    let overall = |i: usize| {
        let score = scope.derived.standing(i).score;
        score.map_or_else(
            || scope.t("not_ranked"),
            |s| score_text(scope, Some(s), true),
        )
    };
    let both: Vec<(usize, f64, f64)> = (scope.site.config.criteria.iter().enumerate())
        .filter_map(|(i, c)| {
            let score = |item: usize| items[item].ratings.get(&c.id).map(|r| r.score);
            Some((i, score(a)?, score(b)?))
        })
        .collect();
    let bars = (both.iter().take(BARS))
        .map(|&(i, sa, sb)| criterion_bar(scope, i, sa, Some(sb)))
        .collect();
    let title = scope.fill(
        "pair_title",
        &[("a", name_a.clone()), ("b", name_b.clone())],
    );
    let subtitle = scope.fill("card_pair", &[("n", both.len().to_string())]);
    let figure = format!("{} · {}", overall(a), overall(b));
    finish(
        scope,
        "pair",
        (title, subtitle),
        (figure, scope.t("overall_score")),
        (scope.t("ratings"), bars, vec![name_a, name_b]),
    )
}

/// The view with the parts every card shares, and its description in words.
fn finish(
    scope: &Scope,
    kind: &'static str,
    (title, subtitle): (String, String),
    (figure, figure_label): (String, String),
    (chart_title, bars, legend): (String, Vec<CardBar>, Vec<String>),
) -> CardView {
    let config = &scope.site.config;
    let listed: Vec<String> = (bars.iter())
        .map(|b| match &b.second {
            Some(second) => format!("{} {} · {}", b.label, b.shown, second.shown),
            None => format!("{} {}", b.label, b.shown),
        })
        .collect();
    let alt = scope.fill(
        "card_alt",
        &[
            ("title", title.clone()),
            (
                "figure",
                format!("{figure} {figure_label}").trim().to_string(),
            ),
            ("chart", chart_title.clone()),
            ("bars", listed.join(", ")),
        ],
    );
    let address = (config.base_url.split_once("://"))
        .map_or(config.base_url.as_str(), |(_, rest)| rest)
        .trim_end_matches('/')
        .to_string();
    CardView {
        kind,
        lang: scope.lang.to_string(),
        site: scope.text(&config.title),
        address,
        title,
        subtitle,
        figure,
        figure_label,
        chart_title,
        bars,
        legend,
        alt,
    }
}

/// The first items of a ranking as bars (unrated ones left out: the chart shows scores).
fn standing_bars(scope: &Scope, standings: &[Standing], overall: bool) -> Vec<CardBar> {
    let max = scope.site.config.scale.max as f64;
    (standings.iter())
        .filter_map(|s| s.score.map(|score| (s, score)))
        .take(BARS)
        .map(|(s, score)| CardBar {
            label: scope.item_name(&scope.site.items[s.item]),
            shown: score_text(scope, Some(score), overall),
            percent: ScoreView::new(score, max, overall).percent,
            second: None,
        })
        .collect()
}

/// The bar of criterion number `index` at `score` (and a second item's `other`).
fn criterion_bar(scope: &Scope, index: usize, score: f64, other: Option<f64>) -> CardBar {
    let max = scope.site.config.scale.max as f64;
    let value = |v: f64| ScoreView::new(v, max, false);
    CardBar {
        label: scope.text(&scope.site.config.criteria[index].label),
        shown: value(score).text,
        percent: value(score).percent,
        second: other.map(|v| BarValue {
            shown: value(v).text,
            percent: value(v).percent,
        }),
    }
}

fn score_text(scope: &Scope, score: Option<f64>, overall: bool) -> String {
    let max = scope.site.config.scale.max as f64;
    score.map_or_else(String::new, |v| ScoreView::new(v, max, overall).text)
}
