//! Open data: the report's data as `/data.json` (described by `/data.schema.json`) and
//! `/data.csv`, with the licence and the sources, so readers can check and reuse it. Where the
//! repository's history is available, each item says when it was added and each rating lists
//! its earlier scores with the reasons given for changing them.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;

use super::OutputFile;
use super::routes::Route;
use crate::history::{Change, History};
use crate::model::{FactValue, Site, Source, Translated};
use crate::rank;
use crate::text::Text;

#[derive(Serialize)]
struct Data<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    title: &'a Text,
    license: Option<&'a Text>,
    url: &'a str,
    scale: Scale,
    criteria: Vec<Criterion<'a>>,
    sources: &'a [Source],
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Scale {
    min: i64,
    max: i64,
}

#[derive(Serialize)]
struct Criterion<'a> {
    id: &'a str,
    weight: f64,
    label: &'a Text,
    description: &'a Text,
}

#[derive(Serialize)]
struct Item<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    homepage: &'a str,
    facts: &'a BTreeMap<String, FactValue>,
    ratings: BTreeMap<&'a str, Rating<'a>>,
    overall: Option<f64>,
    rated_criteria: usize,
    /// The day its file was added, from history.
    #[serde(skip_serializing_if = "Option::is_none")]
    added: Option<String>,
}

#[derive(Serialize)]
struct Rating<'a> {
    score: f64,
    sources: &'a [String],
    evidence: &'static str,
    /// Every change to the score, oldest first; absent without history.
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<ScoreChange<'a>>>,
}

/// One change to a score: `from` is null where it was not rated before.
#[derive(Serialize)]
struct ScoreChange<'a> {
    date: String,
    from: Option<f64>,
    to: Option<f64>,
    reason: &'a str,
    commit: &'a str,
}

/// The files of the open data.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let overall = overall_scores(site);
    let data = Data {
        schema: "data.schema.json",
        title: &site.config.title,
        license: site.config.license.as_ref(),
        url: &site.config.base_url,
        scale: Scale {
            min: site.config.scale.min,
            max: site.config.scale.max,
        },
        criteria: site
            .config
            .criteria
            .iter()
            .map(|c| Criterion {
                id: &c.id,
                weight: c.weight,
                label: &c.label,
                description: &c.description,
            })
            .collect(),
        sources: &site.sources,
        items: site
            .items
            .iter()
            .zip(&overall)
            .map(|(item, o)| data_item(site, item, *o))
            .collect(),
    };
    vec![
        file(
            "data.json",
            serde_json::to_string_pretty(&data).unwrap_or_default() + "\n",
        ),
        file(
            "data.schema.json",
            serde_json::to_string_pretty(&schema()).unwrap_or_default() + "\n",
        ),
        file("data.csv", csv(site, &overall)),
    ]
}

fn file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

/// Each item's overall score and the number of criteria it rests on, in item order.
fn overall_scores(site: &Site) -> Vec<(Option<f64>, usize)> {
    let config = &site.config;
    let standings = rank::overall(
        &site.items,
        &config.weights(),
        config.overall_min_ratings,
        &config.default_language,
    );
    let mut scores = vec![(None, 0); site.items.len()];
    for s in standings {
        scores[s.item] = (s.score.map(rank::rounded), s.rests_on);
    }
    scores
}

fn data_item<'a>(
    site: &'a Site,
    item: &'a crate::model::Item,
    overall: (Option<f64>, usize),
) -> Item<'a> {
    let default = &site.config.default_language;
    Item {
        slug: &item.slug,
        name: &item.text_in(default, default).0.name,
        url: format!(
            "{}{}",
            site.config.base_url,
            Route::Item(item.slug.clone()).path(&site.config.items)
        ),
        homepage: &item.homepage,
        facts: &item.facts,
        ratings: item
            .ratings
            .iter()
            .map(|(id, r)| {
                (
                    id.as_str(),
                    Rating {
                        score: r.score,
                        sources: &r.sources,
                        evidence: r.evidence.name(),
                        history: score_history(site, &item.slug, id),
                    },
                )
            })
            .collect(),
        overall: overall.0,
        rated_criteria: overall.1,
        added: added(&site.history, &item.slug),
    }
}

/// The changes to the score of `slug` on `criterion`, when history is available.
fn score_history<'a>(
    site: &'a Site,
    slug: &str,
    criterion: &'a str,
) -> Option<Vec<ScoreChange<'a>>> {
    let history = &site.history;
    history.is_available().then(|| {
        (history.score_changes(slug, criterion))
            .filter_map(|event| match &event.change {
                Change::Score { from, to, .. } => {
                    let commit = &history.commits[event.commit];
                    Some(ScoreChange {
                        date: commit.date.to_string(),
                        from: *from,
                        to: *to,
                        reason: &commit.subject,
                        commit: &commit.id,
                    })
                }
                _ => None,
            })
            .collect()
    })
}

/// The day the item `slug` was added, from history.
fn added(history: &History, slug: &str) -> Option<String> {
    (history.events_of(history.item(slug)?))
        .find(|e| matches!(e.change, Change::Added))
        .map(|e| history.commits[e.commit].date.to_string())
}

/// One row per item: slug, name, every fact, every criterion's score, the overall score.
fn csv(site: &Site, overall: &[(Option<f64>, usize)]) -> String {
    let config = &site.config;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["slug".to_string(), "name".to_string()];
    header.extend(config.facts.iter().map(|f| f.id.clone()));
    header.extend(config.criteria.iter().map(|c| c.id.clone()));
    header.extend(["overall".to_string(), "rated_criteria".to_string()]);
    let _ = writer.write_record(&header);
    for (item, (score, rated)) in site.items.iter().zip(overall) {
        let mut row = vec![
            item.slug.clone(),
            item.text_in(&config.default_language, &config.default_language)
                .0
                .name
                .clone(),
        ];
        row.extend(config.facts.iter().map(|f| {
            item.facts
                .get(&f.id)
                .map(|v| v.to_text("; "))
                .unwrap_or_default()
        }));
        row.extend(config.criteria.iter().map(|c| {
            item.ratings
                .get(&c.id)
                .map(|r| r.score.to_string())
                .unwrap_or_default()
        }));
        row.extend([
            score.map(|s| format!("{s:.1}")).unwrap_or_default(),
            rated.to_string(),
        ]);
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The JSON Schema of `data.json`.
fn schema() -> serde_json::Value {
    let text = json!({ "oneOf": [{ "type": "string" }, { "type": "object", "additionalProperties": { "type": "string" } }] });
    let score_history = json!({ "type": "array",
        "description": "Every change to the score, oldest first, from the repository's history (absent when the build had none).",
        "items": { "type": "object", "required": ["date", "from", "to", "reason", "commit"],
            "properties": { "date": { "type": "string", "format": "date" },
                "from": { "type": ["number", "null"], "description": "null: not rated before." },
                "to": { "type": ["number", "null"], "description": "null: no longer rated." },
                "reason": { "type": "string", "description": "The subject of the commit that changed it." },
                "commit": { "type": "string" } } } });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "versus report data",
        "type": "object",
        "required": ["title", "scale", "criteria", "sources", "items"],
        "properties": {
            "title": text,
            "license": text,
            "url": { "type": "string", "format": "uri" },
            "scale": { "type": "object", "required": ["min", "max"], "properties": { "min": { "type": "integer" }, "max": { "type": "integer" } } },
            "criteria": { "type": "array", "items": { "type": "object", "required": ["id", "weight", "label"],
                "properties": { "id": { "type": "string" }, "weight": { "type": "number" }, "label": text, "description": text } } },
            "sources": { "type": "array", "items": { "type": "object", "required": ["id", "title"],
                "properties": { "id": { "type": "string" }, "title": { "type": "string" }, "url": { "type": ["string", "null"], "format": "uri" } } } },
            "items": { "type": "array", "items": { "type": "object", "required": ["slug", "name", "url", "facts", "ratings", "overall"],
                "properties": {
                    "slug": { "type": "string" }, "name": { "type": "string" }, "url": { "type": "string", "format": "uri" },
                    "homepage": { "type": "string", "format": "uri" },
                    "facts": { "type": "object", "additionalProperties": { "oneOf": [{ "type": "string" }, { "type": "number" }, { "type": "array", "items": { "type": "string" } }] } },
                    "ratings": { "type": "object", "description": "By criterion id; a criterion missing here is not rated.",
                        "additionalProperties": { "type": "object", "required": ["score", "sources", "evidence"],
                            "properties": { "score": { "type": "number" }, "sources": { "type": "array", "items": { "type": "string" } },
                                "evidence": { "enum": ["measured", "documented", "judgement"] },
                                "history": score_history } } },
                    "overall": { "type": ["number", "null"], "description": "Weighted mean of the ratings; null when rated on too few criteria." },
                    "rated_criteria": { "type": "integer" },
                    "added": { "type": "string", "format": "date", "description": "The day the item's file was added, from the repository's history." }
                } } }
        }
    })
}
