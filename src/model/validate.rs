//! Turns raw content files into a valid [`Site`]: checks every field against the schema and the
//! configuration (types, scale, criteria, facts, source ids, translations) and collects every
//! problem of every file, each placed at its file, line and column. Files are checked in
//! parallel, each on its own, and their results gathered in file order, so that a run reports
//! the same problems whatever the threads do.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::source::check_url;
use super::{Evidence, FactValue, Item, ItemText, Page, PageText, Rating, Site, Source};
use crate::config::{Config, FactKind};
use crate::content::frontmatter::split;
use crate::content::parse::Block;
use crate::content::raw::{Fields, RawItem, RawItemTranslation, RawPage, RawRating, RawValue};
use crate::content::walk::{ContentFile, Kind};
use crate::error::{Diagnostic, Diagnostics, Position, position_of};
use crate::suggest;
pub use crate::text::format_number;

/// Validates everything; returns the site and its warnings, or every diagnostic.
pub fn validate(
    config: Config,
    sources: Vec<Source>,
    files: &[ContentFile],
    reserved: &[&str],
) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut out = Diagnostics::default();
    let context = Context {
        config: &config,
        sources: &sources,
    };
    let (mut items, mut pages) = context.originals(files, &mut out);
    context.translations(files, &mut items, &mut pages, &mut out);
    check_site(&config, &items, &pages, reserved, &mut out);
    if out.has_errors() {
        return Err(out.into_sorted());
    }
    let site = Site {
        config,
        sources,
        items: items.into_values().collect(),
        pages: pages.into_values().collect(),
        history: crate::history::History::default(),
    };
    Ok((site, out.into_sorted()))
}

/// Per-criterion texts (notes or reasons), by criterion id.
type Texts = BTreeMap<String, String>;

/// What an original file describes.
enum Original {
    Item(Item),
    Page(Page),
}

/// A translation's text, for its item or page.
enum Translated {
    Item(ItemText),
    Page(PageText),
}

/// One file checked on its own (in parallel with the others): its value, `None` if it could not
/// be parsed, and its diagnostics.
struct Checked<T> {
    value: Option<T>,
    diagnostics: Diagnostics,
}

impl<T> Checked<T> {
    fn run(check: impl FnOnce(&mut Diagnostics) -> Option<T>) -> Checked<T> {
        let mut diagnostics = Diagnostics::default();
        let value = check(&mut diagnostics);
        Checked { value, diagnostics }
    }

    /// Adds the diagnostics to the run's (taken in file order) and returns the value, unless
    /// the file has errors: a broken file is reported, not used.
    fn keep(self, out: &mut Diagnostics) -> Option<T> {
        let broken = self.diagnostics.has_errors();
        out.extend(self.diagnostics.into_sorted());
        self.value.filter(|_| !broken)
    }
}

struct Context<'a> {
    config: &'a Config,
    sources: &'a [Source],
}

/// A parsed file: its raw struct, its front-matter block and its body.
struct Parsed<'f, T> {
    raw: T,
    block: Block<'f>,
    body: &'f str,
    body_line: usize,
}

/// Parses a file's front-matter; every unknown key is reported into `out`, and the file is
/// still checked, so that its other errors are reported with them.
fn parse<'f, T: DeserializeOwned + Fields>(
    file: &'f ContentFile,
    out: &mut Diagnostics,
) -> Option<Parsed<'f, T>> {
    let parsed = parse_block(file);
    parsed
        .map_err(|d| out.push(d))
        .ok()
        .map(|(parsed, unknown)| {
            out.extend(unknown);
            parsed
        })
}

fn parse_block<T: DeserializeOwned + Fields>(
    file: &ContentFile,
) -> Result<(Parsed<'_, T>, Vec<Diagnostic>), Diagnostic> {
    let parts = split(&file.text).map_err(|e| {
        Diagnostic::error(&file.path, e.to_string()).at(Some(Position { line: 1, column: 1 }))
    })?;
    let block = Block::new(&file.path, parts.front_matter, parts.format, 2);
    let (raw, unknown) = block.parse_all_keys(T::known)?;
    let body_offset = file.text.len() - parts.body.len();
    let parsed = Parsed {
        raw,
        block,
        body: parts.body,
        body_line: position_of(&file.text, body_offset).line,
    };
    Ok((parsed, unknown))
}

/// A required value that is present but says nothing: empty text, or a list with an empty entry.
trait Blank {
    fn is_blank(&self) -> bool;
    fn blank_message(&self, field: &str) -> String;
}

impl Blank for String {
    fn is_blank(&self) -> bool {
        self.trim().is_empty()
    }

    fn blank_message(&self, field: &str) -> String {
        format!("`{field}` is empty: write it")
    }
}

impl Blank for Vec<String> {
    fn is_blank(&self) -> bool {
        self.iter().any(Blank::is_blank)
    }

    fn blank_message(&self, field: &str) -> String {
        format!("`{field}` has an empty entry: write it or remove it")
    }
}

/// Reports problems of one file at the places its fields are written.
struct Reporter<'b, 'f> {
    block: &'b Block<'f>,
    out: &'b mut Diagnostics,
}

impl Reporter<'_, '_> {
    fn error(&mut self, at: &[&str], message: impl Into<String>) {
        let position = self.block.locate(at).or(Some(self.block.start()));
        self.out
            .push(Diagnostic::error(self.block.path, message).at(position));
    }

    fn warning(&mut self, at: &[&str], message: impl Into<String>) {
        let position = self.block.locate(at).or(Some(self.block.start()));
        self.out
            .push(Diagnostic::warning(self.block.path, message).at(position));
    }

    fn required<T>(&mut self, value: Option<T>, field: &str) -> T
    where
        T: Default + Blank,
    {
        match value {
            Some(value) if value.is_blank() => {
                self.error(&[field], value.blank_message(field));
                value
            }
            Some(value) => value,
            None => {
                self.error(&[], format!("missing required field `{field}`"));
                T::default()
            }
        }
    }

    fn date(&mut self, value: Option<&RawValue>, field: &str) -> Option<Date> {
        let value = value?;
        let parsed = value.as_text().and_then(|t| t.parse::<Date>().ok());
        if parsed.is_none() {
            self.error(
                &[field],
                format!("`{field}` must be a date written YYYY-MM-DD"),
            );
        }
        parsed
    }
}

impl Context<'_> {
    /// The items and pages of the original files, by slug.
    fn originals(
        &self,
        files: &[ContentFile],
        out: &mut Diagnostics,
    ) -> (BTreeMap<String, Item>, BTreeMap<String, Page>) {
        let checked: Vec<Checked<Original>> = files
            .par_iter()
            .filter(|file| !file.is_translation)
            .map(|file| Checked::run(|out| self.original(file, out)))
            .collect();
        let mut items = BTreeMap::new();
        let mut pages = BTreeMap::new();
        for original in checked {
            match original.keep(out) {
                Some(Original::Item(item)) => {
                    items.insert(item.slug.clone(), item);
                }
                Some(Original::Page(page)) => {
                    pages.insert(page.slug.clone(), page);
                }
                None => {}
            }
        }
        (items, pages)
    }

    fn original(&self, file: &ContentFile, out: &mut Diagnostics) -> Option<Original> {
        match file.kind {
            Kind::Item => self.item(file, out).map(Original::Item),
            Kind::Page => self.page(file, out).map(Original::Page),
        }
    }

    /// Adds the text of every translation to its item or page.
    fn translations(
        &self,
        files: &[ContentFile],
        items: &mut BTreeMap<String, Item>,
        pages: &mut BTreeMap<String, Page>,
        out: &mut Diagnostics,
    ) {
        for (file, translation) in self.check_translations(files, items, pages) {
            match translation.keep(out) {
                Some(Translated::Item(text)) => {
                    if let Some(item) = items.get_mut(&file.slug) {
                        item.texts.insert(file.lang.clone(), text);
                    }
                }
                Some(Translated::Page(text)) => {
                    if let Some(page) = pages.get_mut(&file.slug) {
                        page.texts.insert(file.lang.clone(), text);
                    }
                }
                None => {}
            }
        }
    }

    fn check_translations<'f>(
        &self,
        files: &'f [ContentFile],
        items: &BTreeMap<String, Item>,
        pages: &BTreeMap<String, Page>,
    ) -> Vec<(&'f ContentFile, Checked<Translated>)> {
        files
            .par_iter()
            .filter(|file| file.is_translation)
            .map(|file| {
                let check = |out: &mut _| self.translation(file, items, pages, out);
                (file, Checked::run(check))
            })
            .collect()
    }

    fn item(&self, file: &ContentFile, out: &mut Diagnostics) -> Option<Item> {
        let parsed: Parsed<RawItem> = parse(file, out)?;
        let mut r = Reporter {
            block: &parsed.block,
            out,
        };
        let raw = parsed.raw;
        let homepage = r.required(raw.homepage, "homepage");
        if !homepage.is_empty()
            && let Err(message) = check_url(&homepage)
        {
            r.error(&["homepage"], format!("homepage: {message}"));
        }
        let facts = self.facts(raw.facts.unwrap_or_default(), &mut r);
        let (ratings, notes, reasons) = self.ratings(raw.ratings.unwrap_or_default(), &mut r);
        let sources = self.cited_sources(&ratings, raw.sources.unwrap_or_default(), &mut r);
        let text = ItemText {
            path: file.path.clone(),
            name: r.required(raw.name, "name"),
            summary: r.required(raw.summary, "summary"),
            best_for: r.required(raw.best_for, "best_for"),
            pros: r.required(raw.pros, "pros"),
            cons: r.required(raw.cons, "cons"),
            facts: BTreeMap::new(),
            notes,
            reasons,
            updated: r.date(raw.updated.as_ref(), "updated"),
            body: parsed.body.to_string(),
            body_line: parsed.body_line,
        };
        Some(Item {
            slug: file.slug.clone(),
            homepage,
            facts,
            ratings,
            sources,
            texts: BTreeMap::from([(file.lang.clone(), text)]),
        })
    }

    fn facts(
        &self,
        mut given: BTreeMap<String, RawValue>,
        r: &mut Reporter,
    ) -> BTreeMap<String, FactValue> {
        let mut facts = BTreeMap::new();
        for fact in &self.config.facts {
            match given.remove(&fact.id) {
                Some(value) => match fact_value(fact.kind, &fact.choices, &value) {
                    Ok(v) => {
                        facts.insert(fact.id.clone(), v);
                    }
                    Err(message) => {
                        r.error(
                            &["facts", &fact.id],
                            format!("fact `{}` {message}", fact.id),
                        );
                    }
                },
                None if fact.required => {
                    r.error(
                        &["facts"],
                        format!("missing required fact `{}` (under [facts])", fact.id),
                    );
                }
                None => {}
            }
        }
        for id in given.keys() {
            let known: Vec<&str> = self.config.facts.iter().map(|f| f.id.as_str()).collect();
            let hint = match suggest::did_you_mean(id, known.iter().copied()) {
                hint if hint.is_empty() => format!(" (declared facts: {})", known.join(", ")),
                hint => hint,
            };
            r.error(&["facts", id], format!("unknown fact `{id}`{hint}"));
        }
        facts
    }

    fn ratings(
        &self,
        given: BTreeMap<String, RawRating>,
        r: &mut Reporter,
    ) -> (BTreeMap<String, Rating>, Texts, Texts) {
        let mut ratings = BTreeMap::new();
        let mut notes = BTreeMap::new();
        let mut reasons = BTreeMap::new();
        for (id, raw) in given {
            if !self.known_criterion(&id, r) {
                continue;
            }
            if let Some(rating) = self.rating(&id, &raw, r) {
                ratings.insert(id.clone(), rating);
            }
            notes.extend(raw.note.map(|n| (id.clone(), n)));
            reasons.extend(raw.reason.map(|n| (id.clone(), n)));
        }
        (ratings, notes, reasons)
    }

    fn known_criterion(&self, id: &str, r: &mut Reporter) -> bool {
        if self.config.criterion(id).is_some() {
            return true;
        }
        let known: Vec<&str> = self.config.criteria.iter().map(|c| c.id.as_str()).collect();
        r.error(
            &["ratings", id],
            format!(
                "rating of unknown criterion \"{id}\" (criteria: {}){}",
                known.join(", "),
                suggest::did_you_mean(id, known.iter().copied())
            ),
        );
        false
    }

    fn rating(&self, id: &str, raw: &RawRating, r: &mut Reporter) -> Option<Rating> {
        let Some(score) = &raw.score else {
            if raw.sources.is_some() || raw.evidence.is_some() || raw.note.is_some() {
                r.error(&["ratings", id], format!("rating \"{id}\" has no score: give `score`, or only a `reason` for leaving it unrated"));
            }
            return None;
        };
        if raw.reason.is_some() {
            r.error(&["ratings", id, "reason"], format!("rating \"{id}\" has a score and a `reason`: a reason is only for criteria left unrated"));
        }
        let scale = self.config.scale;
        let Some(value) = score.as_number() else {
            r.error(
                &["ratings", id, "score"],
                format!(
                    "rating \"{id}\": score must be a number, found {}",
                    score.describe()
                ),
            );
            return None;
        };
        if !value.is_finite() {
            r.error(
                &["ratings", id, "score"],
                format!(
                    "rating \"{id}\": score must be a number, found {}",
                    format_number(value)
                ),
            );
            return None;
        }
        if value < scale.min as f64 || value > scale.max as f64 {
            r.error(
                &["ratings", id, "score"],
                format!(
                    "rating \"{id}\" = {} is outside the scale {}..{}",
                    format_number(value),
                    scale.min,
                    scale.max
                ),
            );
        }
        let sources = raw.sources.clone().unwrap_or_default();
        if sources.is_empty() {
            r.error(
                &["ratings", id],
                format!("rating \"{id}\" cites no source: add `sources = [\"<source id>\"]`"),
            );
        }
        for source in &sources {
            self.known_source(source, &["ratings", id, "sources"], r);
        }
        let evidence = match raw.evidence.as_deref().map(|e| (e, Evidence::parse(e))) {
            Some((_, Some(e))) => e,
            Some((e, None)) => {
                r.error(
                    &["ratings", id, "evidence"],
                    format!(
                        "rating \"{id}\": evidence \"{e}\" must be one of {}{}",
                        Evidence::NAMES.join(", "),
                        suggest::did_you_mean(e, Evidence::NAMES)
                    ),
                );
                Evidence::Judgement
            }
            None => {
                r.error(
                    &["ratings", id],
                    format!(
                        "rating \"{id}\" has no `evidence` ({})",
                        Evidence::NAMES.join(", ")
                    ),
                );
                Evidence::Judgement
            }
        };
        Some(Rating {
            score: value,
            sources,
            evidence,
        })
    }

    fn known_source(&self, id: &str, at: &[&str], r: &mut Reporter) -> bool {
        let known = self.sources.iter().any(|s| s.id == id);
        if !known {
            let ids = self.sources.iter().map(|s| s.id.as_str());
            let hint = suggest::did_you_mean(id, ids);
            r.error(
                at,
                format!("source \"{id}\" does not exist in sources.toml{hint}"),
            );
        }
        known
    }

    fn cited_sources(
        &self,
        ratings: &BTreeMap<String, Rating>,
        extra: Vec<String>,
        r: &mut Reporter,
    ) -> Vec<String> {
        for id in &extra {
            self.known_source(id, &["sources"], r);
        }
        let mut seen = BTreeSet::new();
        self.config
            .criteria
            .iter()
            .filter_map(|c| ratings.get(&c.id))
            .flat_map(|rating| rating.sources.iter().cloned())
            .chain(extra)
            .filter(|id| seen.insert(id.clone()))
            .collect()
    }

    fn page(&self, file: &ContentFile, out: &mut Diagnostics) -> Option<Page> {
        let text = page_text(file, out)?;
        Some(Page {
            slug: file.slug.clone(),
            texts: BTreeMap::from([(file.lang.clone(), text)]),
        })
    }

    /// The text of a translation, checked against its original's item or page.
    fn translation(
        &self,
        file: &ContentFile,
        items: &BTreeMap<String, Item>,
        pages: &BTreeMap<String, Page>,
        out: &mut Diagnostics,
    ) -> Option<Translated> {
        let original = file.path.with_file_name(format!("{}.md", file.slug));
        let attached = match file.kind {
            Kind::Item => items
                .get(&file.slug)
                .map(|item| self.item_translation(file, item, out).map(Translated::Item)),
            Kind::Page => pages
                .get(&file.slug)
                .map(|_| page_text(file, out).map(Translated::Page)),
        };
        // An original that exists but failed validation has reported its own errors.
        if attached.is_none() && !original.exists() {
            out.push(Diagnostic::error(
                &file.path,
                format!(
                    "translation without an original: {} does not exist",
                    original.display()
                ),
            ));
        }
        attached.flatten()
    }

    fn item_translation(
        &self,
        file: &ContentFile,
        item: &Item,
        out: &mut Diagnostics,
    ) -> Option<ItemText> {
        let parsed: Parsed<RawItemTranslation> = parse(file, out)?;
        let mut r = Reporter {
            block: &parsed.block,
            out,
        };
        let raw = parsed.raw;
        let default = &item.texts[&self.config.default_language];
        let original = default.path.display().to_string();
        for (field, set) in [
            ("homepage", raw.homepage.is_some()),
            ("sources", raw.sources.is_some()),
        ] {
            if set {
                r.error(
                    &[field],
                    format!(
                        "`{field}` belongs only in {original}: a translation carries text only"
                    ),
                );
            }
        }
        let facts = self.translated_facts(raw.facts.unwrap_or_default(), &original, &mut r);
        let (notes, reasons) =
            self.translated_ratings(raw.ratings.unwrap_or_default(), &original, &mut r);
        let text = ItemText {
            path: file.path.clone(),
            name: raw.name.unwrap_or_else(|| default.name.clone()),
            summary: r.required(raw.summary, "summary"),
            best_for: r.required(raw.best_for, "best_for"),
            pros: r.required(raw.pros, "pros"),
            cons: r.required(raw.cons, "cons"),
            facts,
            notes,
            reasons,
            updated: r.date(raw.updated.as_ref(), "updated"),
            body: parsed.body.to_string(),
            body_line: parsed.body_line,
        };
        self.warn_untranslated(item, default, &text, &mut r);
        Some(text)
    }

    fn translated_facts(
        &self,
        given: BTreeMap<String, RawValue>,
        original: &str,
        r: &mut Reporter,
    ) -> BTreeMap<String, FactValue> {
        let mut facts = BTreeMap::new();
        for (id, value) in given {
            match self.config.fact(&id) {
                Some(fact) if fact.translate => {
                    match fact_value(fact.kind, &fact.choices, &value) {
                        Ok(v) => {
                            facts.insert(id, v);
                        }
                        Err(message) => r.error(&["facts", &id], format!("fact `{id}` {message}")),
                    }
                }
                Some(_) => r.error(
                    &["facts", &id],
                    format!("fact `{id}` is not translatable: it belongs only in {original}"),
                ),
                None => {
                    let known = self.config.facts.iter().map(|f| f.id.as_str());
                    let hint = suggest::did_you_mean(&id, known);
                    r.error(&["facts", &id], format!("unknown fact `{id}`{hint}"));
                }
            }
        }
        facts
    }

    fn translated_ratings(
        &self,
        given: BTreeMap<String, RawRating>,
        original: &str,
        r: &mut Reporter,
    ) -> (Texts, Texts) {
        let mut notes = BTreeMap::new();
        let mut reasons = BTreeMap::new();
        for (id, raw) in given {
            if !self.known_criterion(&id, r) {
                continue;
            }
            for (field, set) in [
                ("score", raw.score.is_some()),
                ("sources", raw.sources.is_some()),
                ("evidence", raw.evidence.is_some()),
            ] {
                if set {
                    r.error(&["ratings", &id, field], format!("rating \"{id}\": `{field}` belongs only in {original}: a translation gives only `note` and `reason`"));
                }
            }
            notes.extend(raw.note.map(|n| (id.clone(), n)));
            reasons.extend(raw.reason.map(|n| (id.clone(), n)));
        }
        (notes, reasons)
    }

    fn warn_untranslated(
        &self,
        item: &Item,
        default: &ItemText,
        text: &ItemText,
        r: &mut Reporter,
    ) {
        let facts = self
            .config
            .facts
            .iter()
            .filter(|f| {
                f.translate && item.facts.contains_key(&f.id) && !text.facts.contains_key(&f.id)
            })
            .map(|f| format!("facts.{}", f.id));
        let notes = default
            .notes
            .keys()
            .filter(|k| !text.notes.contains_key(*k))
            .map(|k| format!("ratings.{k}.note"));
        let reasons = default
            .reasons
            .keys()
            .filter(|k| !text.reasons.contains_key(*k))
            .map(|k| format!("ratings.{k}.reason"));
        let missing: Vec<String> = facts.chain(notes).chain(reasons).collect();
        if !missing.is_empty() {
            r.warning(
                &[],
                format!(
                    "not translated, shown in the default language: {}",
                    missing.join(", ")
                ),
            );
        }
    }
}

fn page_text(file: &ContentFile, out: &mut Diagnostics) -> Option<PageText> {
    let parsed: Parsed<RawPage> = parse(file, out)?;
    let mut r = Reporter {
        block: &parsed.block,
        out,
    };
    let text = PageText {
        path: file.path.clone(),
        title: r.required(parsed.raw.title, "title"),
        description: parsed.raw.description,
        updated: r.date(parsed.raw.updated.as_ref(), "updated"),
        body: parsed.body.to_string(),
        body_line: parsed.body_line,
    };
    Some(text)
}

/// The largest magnitude of a `number` fact: every whole number up to it is exact in an `f64`
/// and written in at most 16 digits.
const MAX_FACT_NUMBER: f64 = 1e15;

/// Checks a fact's value against its declared type.
fn fact_value(
    kind: FactKind,
    choices: &BTreeMap<String, crate::text::Text>,
    value: &RawValue,
) -> Result<FactValue, String> {
    let wrong = |expected: &str| Err(format!("must be {expected}, found {}", value.describe()));
    match (kind, value) {
        (FactKind::Text, RawValue::Text(s)) if s.trim().is_empty() => {
            Err("is empty: write it".to_string())
        }
        (FactKind::Text, RawValue::Text(s)) => Ok(FactValue::Text(s.clone())),
        (FactKind::List, RawValue::List(list)) => list
            .iter()
            .map(|v| match v {
                RawValue::Text(s) if s.trim().is_empty() => {
                    Err("has an empty entry: write it or remove it".to_string())
                }
                RawValue::Text(s) => Ok(s.clone()),
                other => Err(format!(
                    "must be a list of text, found {} in it",
                    other.describe()
                )),
            })
            .collect::<Result<_, _>>()
            .map(FactValue::List),
        (FactKind::Url, RawValue::Text(s)) => check_url(s).map(|()| FactValue::Url(s.clone())),
        (FactKind::Year, RawValue::Integer(y)) if (1000..=9999).contains(y) => {
            Ok(FactValue::Number(*y as f64))
        }
        (FactKind::Year, RawValue::Integer(y)) => Err(format!("= {y} is not a four-digit year")),
        (FactKind::Number, v) => match v.as_number() {
            Some(n) if n.is_finite() && n.abs() <= MAX_FACT_NUMBER => Ok(FactValue::Number(n)),
            Some(n) => Err(format!(
                "= {} must be a number from -{MAX_FACT_NUMBER:e} to {MAX_FACT_NUMBER:e}",
                format_number(n)
            )),
            None => wrong("a number"),
        },
        (FactKind::Choice, RawValue::Text(s)) if choices.contains_key(s) => {
            Ok(FactValue::Choice(s.clone()))
        }
        (FactKind::Choice, RawValue::Text(s)) => {
            let keys: Vec<&str> = choices.keys().map(String::as_str).collect();
            let hint = suggest::did_you_mean(s, keys.iter().copied());
            Err(format!(
                "= \"{s}\" is not one of: {}{hint}",
                keys.join(", ")
            ))
        }
        (FactKind::Text | FactKind::Url | FactKind::Choice, _) => wrong("text"),
        (FactKind::List, _) => wrong("a list of text"),
        (FactKind::Year, _) => wrong("a year (a whole number)"),
    }
}

fn check_site(
    config: &Config,
    items: &BTreeMap<String, Item>,
    pages: &BTreeMap<String, Page>,
    reserved: &[&str],
    out: &mut Diagnostics,
) {
    let mut names: BTreeMap<&str, &Path> = BTreeMap::new();
    for item in items.values() {
        let text = &item.texts[&config.default_language];
        if let Some(first) = names.insert(&text.name, &text.path) {
            out.push(Diagnostic::error(
                &text.path,
                format!(
                    "duplicate item name \"{}\": {} has it too",
                    text.name,
                    first.display()
                ),
            ));
        }
    }
    for page in pages.values() {
        let taken = reserved.contains(&page.slug.as_str())
            || page.slug == config.items
            || config.language_codes().any(|c| c == page.slug);
        if taken {
            let text = &page.texts[&config.default_language];
            out.push(Diagnostic::error(
                &text.path,
                format!(
                    "page slug \"{}\" is taken by a generated page: rename the file",
                    page.slug
                ),
            ));
        }
    }
}
