//! Text that may differ by language: written in configuration either as one string (the same
//! in every language, such as a product name) or as a table with one entry per language code.
//! And numbers as people write them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A number as people write it: `4`, not `4.0`; one too large to write out, or not finite, in
/// scientific notation (`1e300`, `inf`, `NaN`), so that a message about it stays one line.
pub fn format_number(value: f64) -> String {
    if value.is_finite() && value.abs() < 1e15 {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

/// A label, description or note in one or several languages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Text {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

impl Text {
    /// The text in `lang`, else in `fallback` (the default language), else any.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        match self {
            Text::Same(s) => s,
            Text::PerLanguage(map) => map
                .get(lang)
                .or_else(|| map.get(fallback))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The language codes a per-language text is written in; none for one string.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        let map = match self {
            Text::Same(_) => None,
            Text::PerLanguage(map) => Some(map),
        };
        map.into_iter().flat_map(|m| m.keys().map(String::as_str))
    }

    /// Languages among `wanted` that a per-language text does not give.
    pub fn missing<'a>(&self, wanted: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
        match self {
            Text::Same(_) => Vec::new(),
            Text::PerLanguage(map) => wanted
                .into_iter()
                .filter(|lang| !map.contains_key(*lang))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_the_default_language() {
        let t: Text = toml::from_str::<BTreeMap<String, Text>>("t = { en = \"Kind\" }")
            .unwrap()
            .remove("t")
            .unwrap();
        assert_eq!(t.get("ko", "en"), "Kind");
        assert_eq!(t.missing(["en", "ko"]), vec!["ko"]);
        assert_eq!(Text::Same("Go".into()).get("ko", "en"), "Go");
    }
}
