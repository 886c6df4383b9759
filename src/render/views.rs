//! Typed views handed to templates: for each kind of page, exactly the values its template
//! shows, already in the page's language and with links relative to the page.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;

use super::routes::{Route, lang_prefix};
use crate::config::{Criterion, Fact, FactKind};
use crate::markdown::Heading;
use crate::model::validate::format_number;
use crate::model::{FactValue, Item, Site, Source, Translated};
use crate::rank::{self, Standing};
use crate::theme::Strings;

/// What every page needs to know to build its views: the site, the language, where it is.
pub struct Scope<'a> {
    pub site: &'a Site,
    pub lang: &'a str,
    pub strings: &'a Strings,
    /// Relative link from this page to the site root (`../../`), or an absolute one.
    pub root: String,
    /// What every page of the build shares (the overall ranking, the pair pages).
    pub derived: &'a super::derived::Derived,
}

impl Scope<'_> {
    pub fn default_lang(&self) -> &str {
        &self.site.config.default_language
    }

    /// Relative link from this page to a route in this page's language.
    pub fn href(&self, route: &Route) -> String {
        let prefix = lang_prefix(self.lang, self.default_lang());
        let path = route.path(&self.site.config.items);
        // Joined, not formatted: pages ask for two dozen links each (1.4% of a build in `fmt`).
        let href = [self.root.as_str(), &prefix, &path].concat();
        if href.is_empty() {
            "./".to_string()
        } else {
            href
        }
    }

    /// An interface string; keys are checked when the theme loads.
    pub fn t(&self, key: &str) -> String {
        self.strings.get(key).cloned().unwrap_or_default()
    }

    /// A configured text in this page's language.
    pub fn text(&self, text: &crate::text::Text) -> String {
        self.site.config.text(text, self.lang).to_string()
    }

    /// `template` with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, values: &[(&str, String)]) -> String {
        fill_in(self.strings.get(key).map_or("", String::as_str), values)
    }

    pub fn item_name(&self, item: &Item) -> String {
        item.text_in(self.lang, self.default_lang()).0.name.clone()
    }

    pub fn date(&self, date: Option<jiff::civil::Date>) -> Option<String> {
        date.map(|d| d.strftime(&self.t("date_format")).to_string())
    }
}

/// `template` with each `{name}` that `values` names replaced by its value, in one pass (a
/// value is never filled in again); other braces are kept as they are.
fn fill_in(template: &str, values: &[(&str, String)]) -> String {
    let length = template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>();
    let mut out = String::with_capacity(length);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            (values.iter().find(|(n, _)| *n == name)).map(|(_, value)| (value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A view converted for templates once and shown on many pages: converting a page's view
/// hands tera this value (an `Arc` clone) instead of converting the same view again. Most of
/// an item or pair page's view is its criteria, the same on every such page of a language.
#[derive(Debug)]
pub struct Shared<T> {
    value: tera::Value,
    view: PhantomData<fn() -> T>,
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared {
            value: self.value.clone(),
            view: PhantomData,
        }
    }
}

impl<T: Serialize> Shared<T> {
    pub fn new(view: &T) -> Shared<T> {
        Shared {
            value: tera::Value::from_serializable(view),
            view: PhantomData,
        }
    }
}

impl<T> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// Views that are the same on every page of one language at one depth (the same root), made
/// once per build for each: the criteria, and the sources as cited; and each item's facts as
/// the table and the rankings show them, on a dozen pages of a language.
#[derive(Debug, Default)]
pub struct SharedViews {
    places: Mutex<HashMap<(String, String), Arc<Place>>>,
    table_facts: Mutex<HashMap<String, PerItem<Shared<Vec<FactView>>>>>,
    fact_texts: Mutex<HashMap<String, PerItem<Vec<Shared<String>>>>>,
}

/// A view of each item in one language, by item index; made by the first page to ask.
type PerItem<T> = Arc<OnceLock<Vec<T>>>;

/// The shared views of one language and root.
#[derive(Debug)]
pub struct Place {
    /// In the configuration's order.
    pub criteria: Vec<Shared<CriterionView>>,
    sources: HashMap<String, Shared<SourceView>>,
}

impl Place {
    pub fn source(&self, id: &str) -> Option<Shared<SourceView>> {
        self.sources.get(id).cloned()
    }
}

impl SharedViews {
    /// The shared views for the scope's language and root.
    pub fn at(&self, scope: &Scope) -> Arc<Place> {
        let key = (scope.lang.to_string(), scope.root.clone());
        let lock = || self.places.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(place) = lock().get(&key) {
            return place.clone();
        }
        let place = Arc::new(Place {
            criteria: (scope.site.config.criteria.iter())
                .map(|c| Shared::new(&criterion_view(scope, c)))
                .collect(),
            sources: (scope.site.sources.iter())
                .map(|s| (s.id.clone(), Shared::new(&source_view(scope, s))))
                .collect(),
        });
        lock().entry(key).or_insert(place).clone()
    }

    /// The table facts of the item at `index`, in the scope's language.
    pub fn table_facts(&self, scope: &Scope, index: usize) -> Shared<Vec<FactView>> {
        let facts: Vec<&Fact> = scope.site.config.table_facts().collect();
        per_item(&self.table_facts, scope, index, |item| {
            let views: Vec<FactView> = facts.iter().map(|f| fact_view(scope, f, item)).collect();
            Shared::new(&views)
        })
    }

    /// Each fact of the item at `index` as the pair pages show it (its values joined, empty
    /// where it has none), in the configuration's order and the scope's language: an item is
    /// on several pair pages.
    pub fn fact_texts(&self, scope: &Scope, index: usize) -> Vec<Shared<String>> {
        per_item(&self.fact_texts, scope, index, |item| {
            (scope.site.config.facts.iter())
                .map(|f| Shared::new(&fact_view(scope, f, item).values.join(", ")))
                .collect()
        })
    }
}

/// The view `make` makes of the item at `index`, made for every item of the scope's language
/// the first time one is asked for.
fn per_item<T: Clone>(
    languages: &Mutex<HashMap<String, PerItem<T>>>,
    scope: &Scope,
    index: usize,
    make: impl Fn(&Item) -> T,
) -> T {
    let all = {
        let mut languages = languages.lock().unwrap_or_else(|e| e.into_inner());
        languages.entry(scope.lang.to_string()).or_default().clone()
    };
    let all = all.get_or_init(|| scope.site.items.iter().map(make).collect());
    all[index].clone()
}

/// A link with a label.
#[derive(Debug, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
}

/// A score as shown: text, and the share of the scale it fills (0–100) for bars.
#[derive(Debug, Serialize)]
pub struct ScoreView {
    pub text: String,
    pub value: f64,
    pub percent: f64,
}

impl ScoreView {
    pub fn new(score: f64, max: f64, overall: bool) -> ScoreView {
        let rounded = rank::rounded(score);
        let text = if overall {
            crate::text::one_decimal(rounded)
        } else {
            format_number(rounded)
        };
        ScoreView {
            text,
            value: rounded,
            percent: (score / max * 100.0).clamp(0.0, 100.0),
        }
    }
}

/// A source as cited.
#[derive(Debug, Serialize)]
pub struct SourceView {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
    /// Link to its entry on the sources page, else to the source itself.
    pub href: Option<String>,
}

pub fn source_view(scope: &Scope, source: &Source) -> SourceView {
    SourceView {
        id: source.id.clone(),
        title: source.title.clone(),
        author: source.author.clone(),
        publisher: source.publisher.clone(),
        date: source.date.clone(),
        url: source.url.clone(),
        note: source.note.as_ref().map(|n| scope.text(n)),
        href: match scope.site.page("sources") {
            Some(_) => {
                Some([&scope.href(&Route::Page("sources".into())), "#", &source.id].concat())
            }
            None => source.url.clone(),
        },
    }
}

/// A key fact of an item, as shown.
#[derive(Debug, Serialize)]
pub struct FactView {
    pub id: String,
    pub label: String,
    pub values: Vec<String>,
    pub url: Option<String>,
}

pub fn fact_view(scope: &Scope, fact: &Fact, item: &Item) -> FactView {
    let value = item.fact(&fact.id, scope.lang, scope.default_lang());
    let values = match value {
        Some(FactValue::Text(s) | FactValue::Url(s)) => vec![s.clone()],
        Some(FactValue::List(list)) => list.clone(),
        Some(FactValue::Number(n)) => vec![format_number(*n)],
        Some(FactValue::Choice(key)) => vec![
            fact.choices
                .get(key)
                .map(|t| scope.text(t))
                .unwrap_or_default(),
        ],
        None => Vec::new(),
    };
    FactView {
        id: fact.id.clone(),
        label: scope.text(&fact.label),
        url: (fact.kind == FactKind::Url)
            .then(|| values.first().cloned())
            .flatten(),
        values,
    }
}

/// A criterion, as listed in tables and on the methodology page.
#[derive(Debug, Serialize)]
pub struct CriterionView {
    pub id: String,
    pub label: String,
    pub description: String,
    pub weight: String,
    pub href: String,
    pub rubric: Vec<RubricLevel>,
}

/// What one score means for a criterion.
#[derive(Debug, Serialize)]
pub struct RubricLevel {
    pub score: i64,
    pub meaning: String,
}

pub fn criterion_view(scope: &Scope, criterion: &Criterion) -> CriterionView {
    let scale = scope.site.config.scale;
    let rubric = (scale.min..=scale.max)
        .rev()
        .filter_map(|level| {
            let text = criterion.rubric.get(&level.to_string())?;
            Some(RubricLevel {
                score: level,
                meaning: scope.text(text),
            })
        })
        .collect();
    CriterionView {
        id: criterion.id.clone(),
        label: scope.text(&criterion.label),
        description: scope.text(&criterion.description),
        weight: format_number(criterion.weight),
        href: scope.href(&Route::Ranking(criterion.id.clone(), 1)),
        rubric,
    }
}

/// One rating of an item, with its evidence.
#[derive(Debug, Serialize)]
pub struct RatingView {
    pub criterion: Shared<CriterionView>,
    pub score: Option<ScoreView>,
    pub evidence: Option<String>,
    pub sources: Vec<Shared<SourceView>>,
    pub note: Option<String>,
    pub reason: String,
    /// Anchor of this rating on the item page.
    pub anchor: String,
    /// Its earlier scores, from the repository's history.
    pub history: Option<super::history::RatingHistoryView>,
}

pub fn rating_views(scope: &Scope, item: &Item) -> Vec<RatingView> {
    let (text, _) = item.text_in(scope.lang, scope.default_lang());
    let default_text = &item.texts[scope.default_lang()];
    let max = scope.site.config.scale.max as f64;
    let shared = scope.derived.shared.at(scope);
    (scope.site.config.criteria.iter())
        .zip(&shared.criteria)
        .map(|(criterion, criterion_view)| {
            let rating = item.ratings.get(&criterion.id);
            let localized = |map: fn(
                &crate::model::ItemText,
            )
                -> &std::collections::BTreeMap<String, String>| {
                map(text)
                    .get(&criterion.id)
                    .or_else(|| map(default_text).get(&criterion.id))
                    .cloned()
            };
            RatingView {
                criterion: criterion_view.clone(),
                score: rating.map(|r| ScoreView::new(r.score, max, false)),
                evidence: rating.map(|r| scope.t(&["evidence_", r.evidence.name()].concat())),
                sources: rating
                    .map(|r| {
                        (r.sources.iter())
                            .filter_map(|id| shared.source(id))
                            .collect()
                    })
                    .unwrap_or_default(),
                note: localized(|t| &t.notes),
                reason: localized(|t| &t.reasons).unwrap_or_else(|| scope.t("not_rated_reason")),
                anchor: ["rating-", &criterion.id].concat(),
                history: super::history::rating(scope, item, &criterion.id),
            }
        })
        .collect()
}

/// An item's place in a ranking, as shown in tables.
#[derive(Debug, Serialize)]
pub struct StandingView {
    pub rank: Option<usize>,
    pub name: String,
    pub slug: String,
    pub href: String,
    pub score: Option<ScoreView>,
    pub rests_on: usize,
    /// How many criteria carry weight in this ranking: `rests_on` is out of this many.
    pub weighted: usize,
    /// Link to the evidence behind the score (the rating on the item page).
    pub evidence_href: String,
    pub note: Option<String>,
    pub reason: Option<String>,
    /// What stands in place of a missing score: "not rated", or "not ranked" overall.
    pub absent: String,
    pub facts: Shared<Vec<FactView>>,
}

/// The views of a ranking's standings: of one criterion, or overall on `basis`.
pub fn standing_views(
    scope: &Scope,
    standings: &[Standing],
    criterion: Option<&str>,
    basis: rank::Basis,
) -> Vec<StandingView> {
    let max = scope.site.config.scale.max as f64;
    standings
        .iter()
        .map(|s| {
            let item = &scope.site.items[s.item];
            let href = scope.href(&Route::Item(item.slug.clone()));
            let (text, _) = item.text_in(scope.lang, scope.default_lang());
            let anchor = criterion.map_or("ratings".to_string(), |c| ["rating-", c].concat());
            StandingView {
                rank: s.rank,
                name: text.name.clone(),
                slug: item.slug.clone(),
                evidence_href: [&href, "#", &anchor].concat(),
                href,
                score: s.score.map(|v| ScoreView::new(v, max, criterion.is_none())),
                rests_on: s.rests_on,
                weighted: basis.weighted,
                note: criterion.and_then(|c| {
                    text.notes
                        .get(c)
                        .or_else(|| item.texts[scope.default_lang()].notes.get(c))
                        .cloned()
                }),
                absent: scope.t(if criterion.is_some() {
                    "not_rated"
                } else {
                    "not_ranked"
                }),
                reason: s.score.is_none().then(|| match criterion {
                    Some(c) => text
                        .reasons
                        .get(c)
                        .cloned()
                        .unwrap_or_else(|| scope.t("not_rated_reason")),
                    None => scope.fill(
                        "overall_too_few",
                        &[
                            ("n", s.rests_on.to_string()),
                            ("total", basis.weighted.to_string()),
                            ("min", basis.min_ratings.to_string()),
                        ],
                    ),
                }),
                facts: scope.derived.shared.table_facts(scope, s.item),
            }
        })
        .collect()
}

/// A document rendered from Markdown, with its table of contents.
#[derive(Debug, Default, Serialize)]
pub struct ProseView {
    pub html: String,
    pub toc: Vec<Heading>,
}

impl Serialize for Heading {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Heading", 3)?;
        s.serialize_field("level", &self.level)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("text", &self.text)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::fill_in;

    #[test]
    fn placeholders_are_filled_once_and_other_braces_kept() {
        let values = [("a", "Django {b}".to_string()), ("b", "Flask".to_string())];
        assert_eq!(
            fill_in("{a} vs {b}, {c} {a", &values),
            "Django {b} vs Flask, {c} {a"
        );
        assert_eq!(fill_in("", &values), "");
        assert_eq!(fill_in("{}{b}}", &values), "{}Flask}");
    }
}
