//! Raw front-matter: exactly what a file says, every field optional, unknown fields refused
//! (each one reported, through [`Fields`], rather than only the first as serde's
//! `deny_unknown_fields` would). Validation (in `model::validate`) turns these into the
//! complete domain types.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// Any scalar or list value, as written; facts are checked against their declared type later.
#[derive(Debug, Clone, PartialEq)]
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

/// What serde's untagged enums report for a value none of their variants takes, kept word for
/// word from when `RawValue` was one.
const NO_VARIANT: &str = "data did not match any variant of untagged enum RawValue";

/// The single key under which `toml` hands a date to `deserialize_any`, as a one-entry table
/// holding the date's text (private to `toml_datetime`, which does not export it).
const TOML_DATE_KEY: &str = "$__toml_private_datetime";

/// Accepts each shape directly. The derived untagged enum this replaces tried every variant in
/// turn on a buffered copy of the value, building (and throwing away) a formatted error for each
/// one that did not fit: about a sixth of loading a large site. What it accepted, and what it
/// reported, are unchanged, but for YAML's local tags (`!name value`): serde-saphyr showed them
/// to the buffering only, so they are now read past, as in every other field.
impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawValue, D::Error> {
        let Shape(value) = Shape::deserialize(deserializer)?;
        value.ok_or_else(|| de::Error::custom(NO_VARIANT))
    }
}

/// A value read to its end, as a [`RawValue`] or `None` if it is none (a null, a table, or a
/// list holding one). It never fails by itself, so only the value as a whole is reported, at
/// the place the parser gives the whole value, as the untagged enum did.
struct Shape(Option<RawValue>);

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shape, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    /// As serde's buffering said it: `toml` names it for an integer past 64 bits.
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Shape, E> {
        Ok(Shape(Some(RawValue::Bool(value))))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Shape, E> {
        Ok(Shape(Some(RawValue::Integer(value))))
    }

    /// Past `i64`, a whole number is kept as a decimal one, as the untagged enum did.
    fn visit_u64<E>(self, value: u64) -> Result<Shape, E> {
        let value = i64::try_from(value).map_or(RawValue::Float(value as f64), RawValue::Integer);
        Ok(Shape(Some(value)))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Shape, E> {
        Ok(Shape(Some(RawValue::Float(value))))
    }

    fn visit_str<E>(self, value: &str) -> Result<Shape, E> {
        Ok(Shape(Some(RawValue::Text(value.to_owned()))))
    }

    fn visit_string<E>(self, value: String) -> Result<Shape, E> {
        Ok(Shape(Some(RawValue::Text(value))))
    }

    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        let mut fits = true;
        while let Some(Shape(element)) = seq.next_element()? {
            match element {
                Some(value) => list.push(value),
                None => fits = false,
            }
        }
        Ok(Shape(fits.then_some(RawValue::List(list))))
    }

    /// A table is a date if it is `toml`'s one-entry form of one; any other is read to its end.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let first: Option<(Shape, Shape)> = map.next_entry()?;
        let mut more = false;
        while map.next_entry::<Shape, Shape>()?.is_some() {
            more = true;
        }
        let date = match first {
            Some((Shape(Some(RawValue::Text(key))), Shape(Some(RawValue::Text(text)))))
                if key == TOML_DATE_KEY && !more =>
            {
                text.parse().ok()
            }
            _ => None,
        };
        Ok(Shape(date.map(RawValue::Date)))
    }
}

/// The fields a kind of front-matter reads, by the path of the table they are in: every other
/// key is reported as unknown.
pub trait Fields {
    fn known(table: &[String]) -> &'static [&'static str];
}

const RATING_FIELDS: &[&str] = &["score", "sources", "evidence", "note", "reason"];

/// Under `ratings.<criterion>`, a rating's fields; anywhere else, `top`.
fn item_fields(table: &[String], top: &'static [&'static str]) -> &'static [&'static str] {
    match table {
        [ratings, _] if ratings == "ratings" => RATING_FIELDS,
        _ => top,
    }
}

impl Fields for RawItem {
    fn known(table: &[String]) -> &'static [&'static str] {
        item_fields(
            table,
            &[
                "name", "summary", "homepage", "updated", "best_for", "pros", "cons", "sources",
                "facts", "ratings",
            ],
        )
    }
}

impl Fields for RawItemTranslation {
    fn known(table: &[String]) -> &'static [&'static str] {
        item_fields(
            table,
            &[
                "name", "summary", "updated", "best_for", "pros", "cons", "facts", "ratings",
            ],
        )
    }
}

impl Fields for RawPage {
    fn known(_: &[String]) -> &'static [&'static str] {
        &["title", "description", "updated"]
    }
}

/// An item file in the default language.
#[derive(Debug, Default, Deserialize)]
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
pub struct RawPage {
    pub title: Option<String>,
    pub description: Option<String>,
    pub updated: Option<RawValue>,
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::frontmatter::Format;
    use crate::content::parse::Block;

    /// The fact `x` of an item's front-matter, or the message reporting it.
    fn fact(text: &str, format: Format) -> Result<RawValue, String> {
        let item: RawItem = Block::new(Path::new("a.md"), text, format, 2)
            .parse()
            .map_err(|d| d.message)?;
        Ok(item
            .facts
            .unwrap_or_default()
            .remove("x")
            .expect("the fact"))
    }

    fn toml(value: &str) -> Result<RawValue, String> {
        fact(&format!("[facts]\nx = {value}\n"), Format::Toml)
    }

    fn yaml(value: &str) -> Result<RawValue, String> {
        fact(&format!("facts:\n  x: {value}\n"), Format::Yaml)
    }

    #[test]
    fn the_known_fields_are_those_serde_reads() {
        let item = "name = \"A\"\nsummary = \"s\"\nhomepage = \"https://a.example/\"\n\
            updated = 2025-01-15\nbest_for = [\"x\"]\npros = [\"x\"]\ncons = [\"x\"]\n\
            sources = [\"s\"]\nhobby = 1\n[facts]\nx = 1\n[ratings.speed]\nscore = 4\n\
            sources = [\"s\"]\nevidence = \"measured\"\nnote = \"n\"\nreason = \"r\"\nnotes = 1\n";
        let block = Block::new(Path::new("a.md"), item, Format::Toml, 2);
        let (_, unknown) = block.parse_all_keys::<RawItem>(RawItem::known).unwrap();
        let messages: Vec<String> = unknown.into_iter().map(|d| d.message).collect();
        assert_eq!(
            messages,
            [
                "unknown field `hobby` (fields here: name, summary, homepage, updated, best_for, pros, cons, sources, facts, ratings)",
                "unknown field `ratings.speed.notes`: did you mean \"note\"?",
            ]
        );
    }

    #[test]
    fn every_shape_is_read_as_written() {
        let text = |s: &str| RawValue::Text(s.to_string());
        assert_eq!(toml("true"), Ok(RawValue::Bool(true)));
        assert_eq!(toml("-3"), Ok(RawValue::Integer(-3)));
        assert_eq!(toml("2.5"), Ok(RawValue::Float(2.5)));
        assert_eq!(toml("\"a\""), Ok(text("a")));
        let date = "2025-01-15".parse().expect("a date");
        assert_eq!(toml("2025-01-15"), Ok(RawValue::Date(date)));
        assert_eq!(
            toml("[1, [\"a\"]]"),
            Ok(RawValue::List(vec![
                RawValue::Integer(1),
                RawValue::List(vec![text("a")])
            ]))
        );
        assert_eq!(yaml("2025-01-15"), Ok(text("2025-01-15")));
        assert_eq!(
            yaml("18446744073709551615"),
            Ok(RawValue::Float(u64::MAX as f64))
        );
    }

    #[test]
    fn a_value_of_no_shape_is_reported_as_the_untagged_enum_did() {
        let no_variant = |language: &str| {
            Err(format!(
                "invalid {language} at `facts.x`: data did not match any variant of untagged enum RawValue"
            ))
        };
        assert_eq!(toml("{ a = 1 }"), no_variant("TOML"));
        assert_eq!(toml("[1, { a = 1 }]"), no_variant("TOML"));
        assert_eq!(yaml("~"), no_variant("YAML"));
        assert_eq!(yaml("[a, [~]]"), no_variant("YAML"));
        assert_eq!(
            toml("18446744073709551616"),
            Err("invalid TOML at `facts.x`: invalid type: integer `18446744073709551616` as i128, expected any value".into())
        );
    }
}
