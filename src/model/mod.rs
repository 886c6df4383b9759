//! The domain: a complete, valid site (configuration, sources, items with their ratings and
//! translations, free pages). Only `validate` builds these values, so every later stage can
//! rely on them: every rating is on the scale, every source id exists, every fact has its type.

pub mod source;
pub mod validate;

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::config::Config;
pub use source::Source;

/// Everything the site is built from.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub sources: Vec<Source>,
    /// Items in slug order.
    pub items: Vec<Item>,
    /// Free pages in slug order.
    pub pages: Vec<Page>,
    /// How the items got here, from the repository's history (read by `lib::load`).
    pub history: crate::history::History,
}

impl Site {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The item with `slug`: a binary search, as pages of history and pairs look items up
    /// by slug thousands of times on a large report.
    pub fn item(&self, slug: &str) -> Option<&Item> {
        let found = self.items.binary_search_by(|i| i.slug.as_str().cmp(slug));
        found.ok().map(|i| &self.items[i])
    }

    pub fn page(&self, slug: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.slug == slug)
    }
}

/// How a rating's evidence was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    Measured,
    Documented,
    Judgement,
}

impl Evidence {
    pub const NAMES: [&'static str; 3] = ["measured", "documented", "judgement"];

    pub fn parse(s: &str) -> Option<Evidence> {
        match s {
            "measured" => Some(Evidence::Measured),
            "documented" => Some(Evidence::Documented),
            "judgement" => Some(Evidence::Judgement),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Evidence::Measured => "measured",
            Evidence::Documented => "documented",
            Evidence::Judgement => "judgement",
        }
    }
}

/// A score with its evidence. Criteria an item has no score for have no `Rating`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    pub score: f64,
    pub sources: Vec<String>,
    pub evidence: Evidence,
}

/// The value of a key fact, checked against its declared type.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum FactValue {
    Text(String),
    List(Vec<String>),
    Url(String),
    Number(f64),
    Choice(String),
}

impl FactValue {
    /// A single value as text (numbers as people write them); `None` for a list.
    pub fn as_key(&self) -> Option<String> {
        match self {
            FactValue::Text(s) | FactValue::Url(s) | FactValue::Choice(s) => Some(s.clone()),
            FactValue::Number(n) => Some(validate::format_number(*n)),
            FactValue::List(_) => None,
        }
    }

    /// The value as text, a list's entries joined by `separator`.
    pub fn to_text(&self, separator: &str) -> String {
        match self {
            FactValue::List(list) => list.join(separator),
            single => single.as_key().unwrap_or_default(),
        }
    }
}

/// Text of an item in one language.
#[derive(Debug, Clone, Default)]
pub struct ItemText {
    pub path: PathBuf,
    pub name: String,
    pub summary: String,
    pub best_for: Vec<String>,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    /// Translated text facts; other facts come from the default language.
    pub facts: BTreeMap<String, FactValue>,
    /// Per criterion: the note explaining a score.
    pub notes: BTreeMap<String, String>,
    /// Per criterion: why it is not rated.
    pub reasons: BTreeMap<String, String>,
    pub updated: Option<Date>,
    pub body: String,
    /// Line of the file on which the body starts.
    pub body_line: usize,
}

/// One compared item.
#[derive(Debug, Clone)]
pub struct Item {
    pub slug: String,
    pub homepage: String,
    pub facts: BTreeMap<String, FactValue>,
    /// Scores by criterion id; a criterion missing here is not rated.
    pub ratings: BTreeMap<String, Rating>,
    /// Every source the item cites, ratings' first, in order of first use.
    pub sources: Vec<String>,
    /// Text by language code; the default language is always present.
    pub texts: BTreeMap<String, ItemText>,
}

/// Something that exists in the default language and may be translated.
pub trait Translated {
    type Text;
    fn texts(&self) -> &BTreeMap<String, Self::Text>;

    /// The text in `lang` if translated, else in the default language; and whether it was.
    fn text_in<'a>(&'a self, lang: &str, default: &str) -> (&'a Self::Text, bool) {
        match self.texts().get(lang) {
            Some(text) => (text, true),
            None => (&self.texts()[default], false),
        }
    }
}

impl Translated for Item {
    type Text = ItemText;
    fn texts(&self) -> &BTreeMap<String, ItemText> {
        &self.texts
    }
}

impl Item {
    /// A fact as shown in `lang`: the translated text where there is one.
    pub fn fact<'a>(&'a self, id: &str, lang: &str, default: &str) -> Option<&'a FactValue> {
        self.texts
            .get(lang)
            .and_then(|t| t.facts.get(id))
            .or_else(|| self.texts[default].facts.get(id))
            .or_else(|| self.facts.get(id))
    }
}

/// Text of a free page in one language.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    pub path: PathBuf,
    pub title: String,
    pub description: Option<String>,
    pub updated: Option<Date>,
    pub body: String,
    pub body_line: usize,
}

/// A free page (`content/pages/<slug>.md`) and its translations.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub texts: BTreeMap<String, PageText>,
}

impl Translated for Page {
    type Text = PageText;
    fn texts(&self) -> &BTreeMap<String, PageText> {
        &self.texts
    }
}
