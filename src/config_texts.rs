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
}

/// One table of an array of tables (`[[criteria]]`): the texts under it.
struct Table<'a> {
    array: &'a str,
    n: usize,
    id: &'a str,
}

impl<'a> Table<'a> {
    /// Table `n` (from 0) of `array`, the one whose `id` is `id`.
    fn of(array: &'a str, n: usize, id: &'a str) -> Self {
        Table { array, n, id }
    }

    fn text(&self, rest: &[&'a str], text: &'a Text) -> ConfigText<'a> {
        let mut path = vec![self.array];
        path.extend_from_slice(rest);
        ConfigText {
            key: format!("{}.{}.{}", self.array, self.id, rest.join(".")),
            path,
            nth: Some(self.n),
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
        let table = Table::of("criteria", n, &c.id);
        texts.push(table.text(&["label"], &c.label));
        texts.push(table.text(&["description"], &c.description));
        let rubric = c.rubric.iter();
        texts.extend(rubric.map(|(level, t)| table.text(&["rubric", level], t)));
    }
    for (n, f) in config.facts.iter().enumerate() {
        let table = Table::of("facts", n, &f.id);
        texts.push(table.text(&["label"], &f.label));
        let choices = f.choices.iter();
        texts.extend(choices.map(|(key, t)| table.text(&["choices", key], t)));
    }
    for (n, p) in config.presets.iter().enumerate() {
        let table = Table::of("presets", n, &p.id);
        texts.push(table.text(&["label"], &p.label));
        texts.push(table.text(&["description"], &p.description));
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
