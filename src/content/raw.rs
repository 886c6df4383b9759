//! Raw front-matter: exactly what a file says, every field optional, unknown fields refused.
//! Validation (in `model::validate`) turns these into the complete domain types.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Any scalar or list value, as written; facts are checked against their declared type later.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum RawValue {
    Bool(bool),
    Integer(i64),
    Float(f64),
    Date(toml::value::Datetime),
    Text(String),
    List(Vec<RawValue>),
}

impl RawValue {
    /// What kind of value this is, in words, for error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            RawValue::Bool(_) => "a boolean",
            RawValue::Integer(_) => "an integer",
            RawValue::Float(_) => "a decimal number",
            RawValue::Date(_) => "a date",
            RawValue::Text(_) => "text",
            RawValue::List(_) => "a list",
        }
    }

    /// The value as a number, if it is one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            RawValue::Integer(i) => Some(*i as f64),
            RawValue::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The value as text: strings, and dates written unquoted in TOML.
    pub fn as_text(&self) -> Option<String> {
        match self {
            RawValue::Text(s) => Some(s.clone()),
            RawValue::Date(d) => Some(d.to_string()),
            _ => None,
        }
    }
}

/// An item file in the default language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub name: Option<String>,
    pub summary: Option<String>,
    pub homepage: Option<String>,
    pub updated: Option<RawValue>,
    pub best_for: Option<Vec<String>>,
    pub pros: Option<Vec<String>>,
    pub cons: Option<Vec<String>>,
    pub sources: Option<Vec<String>>,
    pub facts: Option<BTreeMap<String, RawValue>>,
    pub ratings: Option<BTreeMap<String, RawRating>>,
}

/// One rating as written in the default-language file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRating {
    pub score: Option<RawValue>,
    pub sources: Option<Vec<String>>,
    pub evidence: Option<String>,
    pub note: Option<String>,
    pub reason: Option<String>,
}

/// A translation of an item: its text fields only. Fields that belong to the default-language
/// file are accepted here only so that setting one can be reported clearly.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItemTranslation {
    pub name: Option<String>,
    pub summary: Option<String>,
    pub updated: Option<RawValue>,
    pub best_for: Option<Vec<String>>,
    pub pros: Option<Vec<String>>,
    pub cons: Option<Vec<String>>,
    pub facts: Option<BTreeMap<String, RawValue>>,
    pub ratings: Option<BTreeMap<String, RawRating>>,
    pub homepage: Option<RawValue>,
    pub sources: Option<RawValue>,
}

/// A free page (home introduction, guide, methodology, ...), in any language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: Option<String>,
    pub description: Option<String>,
    pub updated: Option<RawValue>,
}
