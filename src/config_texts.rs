//! The texts of site.toml that may differ by language (titles, labels, descriptions, rubric
//! levels, choices): each with the key a reader knows it by and the place it is written, so
//! that coverage can count them per language and the configuration's check can refuse a
//! language code that is not one of the report's languages.

use crate::config::Config;
use crate::content::parse::Block;
use crate::error::{Diagnostic, Diagnostics};
use crate::suggest;
use crate::text::Text;

/// One text of site.toml.
pub struct ConfigText<'a> {
    /// The key as messages name it: `criteria.speed.label`.
    pub key: String,
    /// The keys leading to it in the file, for locating it: `["criteria", "label"]`.
    path: Vec<&'a str>,
    /// Which table of an array of tables (`[[criteria]]`) holds it.
    nth: Option<usize>,
    pub text: &'a Text,
}

impl<'a> ConfigText<'a> {
    fn top(key: &'a str, text: &'a Text) -> Self {
        ConfigText {
            key: key.to_string(),
            path: vec![key],
            nth: None,
            text,
        }
    }

    fn nth(array: &'a str, n: usize, id: &str, rest: &[&'a str], text: &'a Text) -> Self {
        let mut path = vec![array];
        path.extend_from_slice(rest);
        ConfigText {
            key: format!("{array}.{id}.{}", rest.join(".")),
            path,
            nth: Some(n),
            text,
        }
    }
}

/// Every text of site.toml that may differ by language, in the file's order of sections.
pub fn texts(config: &Config) -> Vec<ConfigText<'_>> {
    let mut texts = vec![
        ConfigText::top("title", &config.title),
        ConfigText::top("description", &config.description),
        ConfigText::top("item_label", &config.item_label),
    ];
    texts.extend(config.license.iter().map(|t| ConfigText::top("license", t)));
    for (n, c) in config.criteria.iter().enumerate() {
        texts.push(ConfigText::nth("criteria", n, &c.id, &["label"], &c.label));
        let description = &c.description;
        texts.push(ConfigText::nth("criteria", n, &c.id, &["description"], description));
        for (level, text) in &c.rubric {
            texts.push(ConfigText::nth("criteria", n, &c.id, &["rubric", level], text));
        }
    }
    for (n, f) in config.facts.iter().enumerate() {
        texts.push(ConfigText::nth("facts", n, &f.id, &["label"], &f.label));
        for (key, text) in &f.choices {
            texts.push(ConfigText::nth("facts", n, &f.id, &["choices", key], text));
        }
    }
    for (n, p) in config.presets.iter().enumerate() {
        texts.push(ConfigText::nth("presets", n, &p.id, &["label"], &p.label));
        let description = &p.description;
        texts.push(ConfigText::nth("presets", n, &p.id, &["description"], description));
    }
    texts
}

/// An error for each language code in a per-language text that is not one of the report's
/// languages (`kr` for `ko`): such a text would never be shown.
pub fn check_languages(config: &Config, block: &Block, out: &mut Diagnostics) {
    let known: Vec<&str> = config.language_codes().collect();
    for text in texts(config) {
        for code in text.text.languages().filter(|code| !known.contains(code)) {
            let mut path = text.path.clone();
            path.push(code);
            let place = match text.nth {
                Some(n) => block.locate_nth(&path, n),
                None => block.locate(&path),
            };
            let message = format!(
                "{}: `{code}` is not one of the languages ({}){}",
                text.key,
                known.join(", "),
                suggest::did_you_mean(code, known.iter().copied())
            );
            out.push(Diagnostic::error(block.path, message).at(place));
        }
    }
}
