//! Text that may differ by language: written in configuration either as one string (the same
//! in every language, such as a product name) or as a table with one entry per language code.
//! And numbers as people write them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A number as people write it: `4`, not `4.0`; one too large to write out, or not finite, in
/// scientific notation (`1e300`, `inf`, `NaN`), so that a message about it stays one line.
pub fn format_number(value: f64) -> String {
    if value.is_finite() && value.abs() < 1e15 {
        Decimal(value).to_string()
    } else {
        format!("{value:e}")
    }
}

/// `value` with one decimal (`4.0`, `3.5`), as `format!("{value:.1}")` writes it.
pub fn one_decimal(value: f64) -> String {
    match whole_tenths(value) {
        Some(tenths) => {
            let mut text = String::with_capacity(8);
            // Writing into a String cannot fail.
            let _ = write_tenths(&mut text, tenths, true);
            text
        }
        None => format!("{value:.1}"),
    }
}

/// Appends `value` as `Display` writes it (see [`Decimal`]).
pub fn push_decimal(out: &mut String, value: f64) {
    // Writing into a String cannot fail.
    let _ = write_decimal(out, value);
}

/// An `f64` written as `Display` writes it, without the general float formatting where the
/// value is a whole number of tenths, as scores and radar points are: formatting those was
/// 5% of a build.
#[derive(Debug, Clone, Copy)]
pub struct Decimal(pub f64);

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_decimal(f, self.0)
    }
}

/// Writes `value` as `Display` writes it: its digits directly where it is whole tenths.
fn write_decimal(out: &mut impl std::fmt::Write, value: f64) -> std::fmt::Result {
    match whole_tenths(value) {
        Some(tenths) => write_tenths(out, tenths, false),
        None => write!(out, "{value}"),
    }
}

/// `value` in tenths, where it is the double nearest to a whole number of tenths (its
/// shortest decimal is then those digits) and neither zero (which has a sign to keep) nor
/// too large for the digits to be exact.
fn whole_tenths(value: f64) -> Option<i64> {
    let tenths = (value * 10.0).round();
    (tenths / 10.0 == value && tenths.abs() < 1e15 && value != 0.0).then_some(tenths as i64)
}

/// Writes `tenths / 10`, with its tenths digit when not zero or when `always_tenths`.
fn write_tenths(
    out: &mut impl std::fmt::Write,
    tenths: i64,
    always_tenths: bool,
) -> std::fmt::Result {
    if tenths < 0 {
        out.write_char('-')?;
    }
    let (whole, digit) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    out.write_str(itoa::Buffer::new().format(whole))?;
    if digit != 0 || always_tenths {
        out.write_char('.')?;
        out.write_char(char::from(b'0' + digit as u8))?;
    }
    Ok(())
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

    fn samples() -> impl Iterator<Item = f64> {
        let tenths = (-20_000..20_000).map(|k| f64::from(k) / 10.0);
        let others = [0.0, -0.0, 251.29999999999998, 1e-7, 123.45, 1e16, f64::NAN];
        tenths
            .chain(others)
            .chain([255.3 - 4.0, 47.3 - 8.0, 0.05, 2.25])
    }

    #[test]
    fn a_decimal_is_written_as_display_writes_the_float() {
        for v in samples() {
            assert_eq!(Decimal(v).to_string(), v.to_string(), "{v:?}");
        }
    }

    #[test]
    fn a_pushed_decimal_is_written_as_display_writes_the_float() {
        for v in samples() {
            let mut text = String::from("x");
            push_decimal(&mut text, v);
            assert_eq!(text, format!("x{v}"), "{v:?}");
        }
    }

    #[test]
    fn one_decimal_is_written_as_the_format_precision_writes_it() {
        for v in samples() {
            assert_eq!(one_decimal(v), format!("{v:.1}"), "{v:?}");
        }
    }

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
