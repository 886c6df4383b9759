//! History as pages show it: under each rating what it was before and why, an item's list of
//! changes, a marker on scores changed lately (table and pair pages), and the changes page,
//! newest first and grouped by day. Every sentence is built from the theme's strings, so the
//! dates and words are the page's language; views only, from [`crate::history`].

use serde::Serialize;

use super::routes::Route;
use super::views::{Scope, ScoreView};
use crate::history::{Change, Commit, Event, History, Lineage};
use crate::model::Item;

/// A rating's history, under it on the item page.
#[derive(Debug, Serialize)]
pub struct RatingHistoryView {
    /// "Was 3 until March 2, 2026", for the latest change from a score.
    pub was: Option<String>,
    /// Why it changed then: the commit's subject.
    pub reason: Option<String>,
    /// Every change, newest first.
    pub changes: Vec<EntryView>,
}

/// An item's history: when it was added and its changes, newest first (at most `[history]
/// limit`).
#[derive(Debug, Serialize)]
pub struct ItemHistoryView {
    pub added: Option<String>,
    pub entries: Vec<EntryView>,
    /// Says that older changes are left out, when they are.
    pub more: Option<String>,
}

/// One change, as a line of a list.
#[derive(Debug, Serialize)]
pub struct EntryView {
    /// `added`, `removed`, `renamed`, `score`, `source` or `translated`, for styling.
    pub kind: &'static str,
    /// The item's name, and its page where it still exists.
    pub item: String,
    pub href: Option<String>,
    /// What changed, in words: "Speed: 3 → 4".
    pub text: String,
    pub reason: String,
    pub date: String,
    /// The date as `YYYY-MM-DD`, for `<time datetime>`.
    pub datetime: String,
}

/// The changes page: one group per day, newest first.
#[derive(Debug, Serialize)]
pub struct ChangesView {
    pub days: Vec<DayView>,
    /// Says how many changes are listed when not all are.
    pub more: Option<String>,
    /// The feed of the page's language.
    pub feed: String,
}

/// The changes of one day, by commit.
#[derive(Debug, Serialize)]
pub struct DayView {
    pub id: String,
    pub date: String,
    pub datetime: String,
    pub commits: Vec<CommitView>,
}

/// The changes one commit made, under its reason (the commit's subject), said once.
#[derive(Debug, Serialize)]
pub struct CommitView {
    pub reason: String,
    pub entries: Vec<EntryView>,
}

/// The history of one rating of `item`, if its score ever changed.
pub fn rating(scope: &Scope, item: &Item, criterion: &str) -> Option<RatingHistoryView> {
    let history = &scope.site.history;
    let events: Vec<&Event> = history.score_changes(&item.slug, criterion).collect();
    let last = events.last()?;
    let was = match &last.change {
        Change::Score {
            from: Some(from), ..
        } => Some(scope.fill(
            "history_was",
            &[
                ("score", score_text(scope, Some(*from))),
                ("date", date(scope, &history.commits[last.commit])),
            ],
        )),
        _ => None,
    };
    Some(RatingHistoryView {
        reason: was
            .as_ref()
            .map(|_| history.commits[last.commit].subject.clone()),
        was,
        changes: events.iter().rev().map(|e| entry(scope, e)).collect(),
    })
}

/// The history section of the item page of `item`.
pub fn item(scope: &Scope, item: &Item) -> Option<ItemHistoryView> {
    let history = &scope.site.history;
    let lineage = history.item(&item.slug)?;
    let limit = scope.site.config.history.limit;
    let events: Vec<&Event> = history.events_of(lineage).collect();
    let added = events
        .iter()
        .find(|e| matches!(e.change, Change::Added))
        .map(|e| date(scope, &history.commits[e.commit]));
    Some(ItemHistoryView {
        added,
        entries: (events.iter().rev().take(limit))
            .map(|e| entry(scope, e))
            .collect(),
        more: more(scope, limit, events.len()),
    })
}

/// The marker text of a score changed within `[history] recent_days` of the latest commit:
/// "Changed March 2, 2026".
pub fn recent(scope: &Scope, item: &Item, criterion: &str) -> Option<String> {
    let history = &scope.site.history;
    let days = scope.site.config.history.recent_days;
    let last = history.score_changes(&item.slug, criterion).last()?;
    let commit = &history.commits[last.commit];
    history
        .is_recent(commit, days)
        .then(|| scope.fill("history_changed", &[("date", date(scope, commit))]))
}

/// The date an item's file in the page's language last changed, when its `updated` field is
/// absent: "Changed March 2, 2026".
pub fn last_changed(scope: &Scope, item: &Item, lang: &str) -> Option<String> {
    let day = scope.site.history.last_changed(&item.slug, lang)?;
    let text = scope.date(Some(day))?;
    Some(scope.fill("history_changed", &[("date", text)]))
}

/// The changes page: the latest `[history] limit` changes to items, scores and sources.
pub fn changes(scope: &Scope) -> ChangesView {
    let history = &scope.site.history;
    let limit = scope.site.config.history.limit;
    let listed: Vec<&Event> = (history.newest_first().into_iter())
        .filter(|e| on_changes_page(&e.change))
        .collect();
    let mut days: Vec<DayView> = Vec::new();
    let mut last_commit = None;
    for event in listed.iter().take(limit) {
        let commit = &history.commits[event.commit];
        let datetime = commit.date.to_string();
        if days.last().is_none_or(|d| d.datetime != datetime) {
            days.push(DayView {
                id: format!("d-{datetime}"),
                date: date(scope, commit),
                datetime,
                commits: Vec::new(),
            });
            last_commit = None;
        }
        let Some(day) = days.last_mut() else {
            continue;
        };
        if last_commit != Some(event.commit) {
            day.commits.push(CommitView {
                reason: commit.subject.clone(),
                entries: Vec::new(),
            });
            last_commit = Some(event.commit);
        }
        if let Some(group) = day.commits.last_mut() {
            group.entries.push(entry(scope, event));
        }
    }
    ChangesView {
        days,
        more: more(scope, limit, listed.len()),
        feed: feed_href(scope),
    }
}

/// Whether a change is listed on the changes page and in the feeds: what readers of the
/// report follow (items, scores, sources), not the editors' renames and translations.
pub fn on_changes_page(change: &Change) -> bool {
    matches!(
        change,
        Change::Added | Change::Removed(_) | Change::Score { .. } | Change::Source { .. }
    )
}

/// The address of the page language's feed, relative to the page.
pub fn feed_href(scope: &Scope) -> String {
    format!("{}{}", scope.href(&Route::Home), FEED)
}

/// The feed's file name, in each language's folder.
pub const FEED: &str = "feed.xml";

/// One change as a line: the item, what changed, the reason and the day.
pub fn entry(scope: &Scope, event: &Event) -> EntryView {
    let history = &scope.site.history;
    let commit = &history.commits[event.commit];
    let lineage = history.lineage(event);
    let (item, href) = item_link(scope, history, lineage);
    let (kind, text) = describe(scope, &event.change);
    EntryView {
        kind,
        item,
        href,
        text,
        reason: commit.subject.clone(),
        date: date(scope, commit),
        datetime: commit.date.to_string(),
    }
}

/// The item's name in the page's language and its page, or its last name if it is gone (its
/// slug, for a file removed from the work tree but not from the commit: history did not read
/// the name of a version never changed since it was added).
fn item_link(scope: &Scope, history: &History, lineage: &Lineage) -> (String, Option<String>) {
    let current = (history.exists(lineage))
        .then(|| scope.site.item(&lineage.slug))
        .flatten();
    match current {
        Some(item) => (
            scope.item_name(item),
            Some(scope.href(&Route::Item(item.slug.clone()))),
        ),
        None if lineage.name.is_empty() => (lineage.slug.clone(), None),
        None => (lineage.name.clone(), None),
    }
}

/// A change's kind and its description in the page's language.
fn describe(scope: &Scope, change: &Change) -> (&'static str, String) {
    let criterion = |id: &str| {
        (scope.site.config.criterion(id)).map_or_else(|| id.to_string(), |c| scope.text(&c.label))
    };
    match change {
        Change::Added => ("added", scope.t("change_added")),
        Change::Removed(_) => ("removed", scope.t("change_removed")),
        Change::Renamed(from) => (
            "renamed",
            scope.fill("change_renamed", &[("slug", from.clone())]),
        ),
        Change::Score {
            criterion: id,
            from,
            to,
        } => (
            "score",
            scope.fill(
                "change_score",
                &[
                    ("criterion", criterion(id)),
                    ("from", score_text(scope, *from)),
                    ("to", score_text(scope, *to)),
                ],
            ),
        ),
        Change::Source {
            criterion: id,
            source,
        } => {
            let title = scope
                .site
                .source(source)
                .map_or_else(|| source.clone(), |s| s.title.clone());
            let text = match id {
                Some(id) => scope.fill(
                    "change_source",
                    &[("criterion", criterion(id)), ("source", title)],
                ),
                None => scope.fill("change_source_prose", &[("source", title)]),
            };
            ("source", text)
        }
        Change::Translated(lang) => {
            let language = (scope.site.config.languages.iter())
                .find(|l| &l.code == lang)
                .map_or_else(|| lang.clone(), |l| l.name.clone());
            (
                "translated",
                scope.fill("change_translated", &[("language", language)]),
            )
        }
    }
}

/// A score as shown, or "not rated".
fn score_text(scope: &Scope, score: Option<f64>) -> String {
    let max = scope.site.config.scale.max as f64;
    score.map_or_else(
        || scope.t("not_rated"),
        |s| ScoreView::new(s, max, false).text,
    )
}

/// A commit's day in the page's language.
fn date(scope: &Scope, commit: &Commit) -> String {
    scope.date(Some(commit.date)).unwrap_or_default()
}

/// "The latest 200 of 950 changes are listed", when `total` is more than `limit`.
pub fn more(scope: &Scope, limit: usize, total: usize) -> Option<String> {
    (total > limit).then(|| {
        scope.fill(
            "history_more",
            &[("shown", limit.to_string()), ("total", total.to_string())],
        )
    })
}
