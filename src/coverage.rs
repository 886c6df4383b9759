//! Translation coverage (pure): for each language other than the default, how many items and
//! pages are translated, which translations are missing, which are older than their original
//! (by their `updated` dates; an item file without one is dated by the last commit that changed
//! it, where the repository's history is available), and which texts of site.toml (labels,
//! descriptions, rubrics, choices) are not written in it.

use std::fmt;
use std::path::PathBuf;

use crate::model::{Site, Translated};

/// Coverage of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageCoverage {
    pub lang: String,
    pub translated: usize,
    pub total: usize,
    /// Translation files that do not exist yet.
    pub missing: Vec<PathBuf>,
    /// Translation files whose `updated` date is older than their original's.
    pub outdated: Vec<PathBuf>,
    /// How many texts site.toml gives per language.
    pub texts: usize,
    /// Those of them it does not give in this language, by key (`criteria.speed.label`).
    pub untranslated_texts: Vec<String>,
}

impl LanguageCoverage {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.outdated.is_empty() && self.untranslated_texts.is_empty()
    }
}

/// Coverage of every translation language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage(pub Vec<LanguageCoverage>);

impl Coverage {
    pub fn is_complete(&self) -> bool {
        self.0.iter().all(LanguageCoverage::is_complete)
    }
}

/// One translatable document: where its original is, its date, and its translations' dates.
struct Document<'a> {
    path: &'a PathBuf,
    updated: Option<jiff::civil::Date>,
    translation: Option<(&'a PathBuf, Option<jiff::civil::Date>)>,
}

/// Measures translation coverage of the site.
pub fn coverage(site: &Site) -> Coverage {
    let default = site.config.default_language.as_str();
    let languages = site.config.language_codes().filter(|l| *l != default);
    Coverage(
        languages
            .map(|lang| language(site, lang, default))
            .collect(),
    )
}

fn language(site: &Site, lang: &str, default: &str) -> LanguageCoverage {
    let dated = |item: &crate::model::Item, lang: &str, updated: Option<jiff::civil::Date>| {
        updated.or_else(|| site.history.last_changed(&item.slug, lang))
    };
    let items = site.items.iter().map(|i| {
        let original = &i.texts[default];
        Document {
            path: &original.path,
            updated: dated(i, default, original.updated),
            translation: (i.texts.get(lang)).map(|t| (&t.path, dated(i, lang, t.updated))),
        }
    });
    let pages = site.pages.iter().map(|p| {
        let original = &p.texts()[default];
        Document {
            path: &original.path,
            updated: original.updated,
            translation: p.texts.get(lang).map(|t| (&t.path, t.updated)),
        }
    });
    let texts = crate::config_texts::texts(&site.config);
    let mut result = LanguageCoverage {
        lang: lang.to_string(),
        translated: 0,
        total: 0,
        missing: Vec::new(),
        outdated: Vec::new(),
        texts: texts.len(),
        untranslated_texts: (texts.into_iter())
            .filter(|t| !t.text.missing([lang]).is_empty())
            .map(|t| t.key)
            .collect(),
    };
    for doc in items.chain(pages) {
        result.total += 1;
        match doc.translation {
            None => result
                .missing
                .push(doc.path.with_extension(format!("{lang}.md"))),
            Some((path, updated)) => {
                result.translated += 1;
                if matches!((updated, doc.updated), (Some(t), Some(o)) if t < o)
                    || (updated.is_none() && doc.updated.is_some())
                {
                    result.outdated.push(path.clone());
                }
            }
        }
    }
    result
}

/// Most keys a line names; past them it counts the rest.
const NAMED_KEYS: usize = 5;

impl LanguageCoverage {
    /// `N of M texts of site.toml are not in <lang>: a, b, and K more`, or `None`.
    pub fn untranslated_summary(&self) -> Option<String> {
        let missing = &self.untranslated_texts;
        if missing.is_empty() {
            return None;
        }
        let mut keys: Vec<String> = missing.iter().take(NAMED_KEYS).cloned().collect();
        if missing.len() > NAMED_KEYS {
            keys.push(format!("and {} more", missing.len() - NAMED_KEYS));
        }
        Some(format!(
            "{} of {} texts of site.toml are not in {}: {}",
            missing.len(),
            self.texts,
            self.lang,
            keys.join(", ")
        ))
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for lang in &self.0 {
            writeln!(
                f,
                "translation {}: {}/{} translated",
                lang.lang, lang.translated, lang.total
            )?;
            for path in &lang.missing {
                writeln!(f, "  missing: {}", path.display())?;
            }
            for path in &lang.outdated {
                writeln!(f, "  older than its original: {}", path.display())?;
            }
            if let Some(summary) = lang.untranslated_summary() {
                writeln!(f, "  {summary}")?;
            }
        }
        Ok(())
    }
}
