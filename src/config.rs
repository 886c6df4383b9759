//! The site configuration (`content/site.toml`): title, languages, rating scale, criteria with
//! their rubrics and weights, the key facts every item states, and the base URL. Parsed
//! strictly, then checked; the result is what every later stage reads.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::content::parse::Block;
use crate::error::{Diagnostic, Diagnostics};
use crate::markdown::RawHtml;
use crate::schema;
use crate::suggest;
use crate::text::{Text, format_number};

/// A language the site is published in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub code: String,
    pub name: String,
}

/// The range every score lies in.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
}

/// The furthest a scale's ends may lie from 0.
pub const SCALE_LIMIT: i64 = 1000;
/// The most levels a scale may have above its minimum: each level has a rubric entry and a
/// gridline, so a scale of millions would make every chart and rubric table endless.
pub const SCALE_SPAN: i64 = 100;
/// The heaviest a criterion's or preset's weight may be: weights are relative, and bounded so
/// that no weighted sum of scores can overflow.
pub const MAX_WEIGHT: f64 = 1000.0;

impl Scale {
    /// Whether the scale is usable: `min` below `max`, both within [`SCALE_LIMIT`] of 0, at
    /// most [`SCALE_SPAN`] levels apart.
    pub fn check(&self) -> Result<(), String> {
        let Scale { min, max } = *self;
        if min >= max {
            return Err(format!("scale min {min} must be below max {max}"));
        }
        let within = |end: i64| (-SCALE_LIMIT..=SCALE_LIMIT).contains(&end);
        if !within(min) || !within(max) {
            return Err(format!(
                "scale {min}..{max} must lie within -{SCALE_LIMIT}..{SCALE_LIMIT}"
            ));
        }
        if max - min > SCALE_SPAN {
            return Err(format!(
                "scale {min}..{max} has {} levels: a scale has at most {} (one rubric entry and gridline each)",
                max - min + 1,
                SCALE_SPAN + 1
            ));
        }
        Ok(())
    }
}

/// Whether a weight is a number from 0 (excluded when `positive`) to [`MAX_WEIGHT`]: never
/// NaN or infinite.
fn weight_in_range(weight: f64, positive: bool) -> bool {
    weight.is_finite() && weight <= MAX_WEIGHT && (weight > 0.0 || !positive && weight == 0.0)
}

/// One criterion items are rated on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub weight: f64,
    pub label: Text,
    pub description: Text,
    /// What each level of the scale means for this criterion, by score.
    pub rubric: BTreeMap<String, Text>,
}

/// The type of a key fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Text,
    List,
    Url,
    Year,
    Number,
    Choice,
}

/// A key fact every item states (programming language, licence, ...).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: FactKind,
    pub label: Text,
    #[serde(default)]
    pub required: bool,
    /// A translation file may give this fact's text in its own language.
    #[serde(default)]
    pub translate: bool,
    /// The comparison table can be filtered by this fact.
    #[serde(default)]
    pub filter: bool,
    /// Shown as a column of the comparison table.
    #[serde(default = "yes")]
    pub table: bool,
    /// For `choice` facts: the allowed keys and their labels.
    #[serde(default)]
    pub choices: BTreeMap<String, Text>,
}

fn yes() -> bool {
    true
}

fn one() -> usize {
    1
}

/// A named weighting of the criteria for a reader's goal ("learning the fundamentals"), offered
/// on the choose page and precomputed at build time so that it works without JavaScript.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub id: String,
    pub label: Text,
    pub description: Text,
    /// Weight per criterion id; criteria left out weigh 0.
    pub weights: BTreeMap<String, f64>,
}

/// The whole site configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: Text,
    pub description: Text,
    pub base_url: String,
    pub default_language: String,
    /// Folder under `content/` holding one file per item; also the items' URL prefix.
    pub items: String,
    pub item_label: Text,
    pub license: Option<Text>,
    pub languages: Vec<Language>,
    pub scale: Scale,
    /// Fewest ratings an item needs for an overall score; below it, it is listed unranked.
    #[serde(default = "one")]
    pub overall_min_ratings: usize,
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub presets: Vec<Preset>,
    #[serde(default)]
    pub pairs: PairsConfig,
    #[serde(default)]
    pub charts: ChartsConfig,
    #[serde(default)]
    pub lists: ListsConfig,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub history: HistoryConfig,
    /// Where the project's files are kept, for "Edit this page" links.
    pub repository: Option<RepositoryConfig>,
    #[serde(default)]
    pub cards: PageKinds,
    /// Which charts can be downloaded (SVG, PNG) and embedded (`[downloads]`).
    #[serde(default)]
    pub downloads: PageKinds,
}

/// Which pages get a picture drawn at build time: a preview card of their own (`[cards]` in
/// site.toml; every other page shows the home page's card when shared), or their chart to
/// download and embed (`[downloads]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageKinds {
    /// The kinds of page with a picture of their own.
    #[serde(default = "every_kind")]
    pub kinds: Vec<PageKind>,
    /// Most pictures made in each language, taken in the order home, rankings, items (by
    /// overall rank), pairs; when absent, a default that bounds a large report's cold build
    /// ([`MOST_CARDS`], [`MOST_DOWNLOADS`]).
    pub max: Option<usize>,
}

/// A kind of page that can have its own preview card or chart download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Ranking,
    Item,
    Pair,
}

impl Default for PageKinds {
    fn default() -> Self {
        PageKinds {
            kinds: every_kind(),
            max: None,
        }
    }
}

impl PageKinds {
    /// Most pictures made in each language: `max`, or `default` where it is not written.
    pub fn most(&self, default: usize) -> usize {
        self.max.unwrap_or(default)
    }
}

/// Cards made in each language unless `[cards] max` says otherwise: every card of a report of
/// about a hundred items; at 10,000 items, 1,000 cards of 40,000 pages (a few seconds of CPU
/// in a cold build).
pub const MOST_CARDS: usize = 500;

/// Charts with downloads in each language unless `[downloads] max` says otherwise: a chart's
/// PNG is drawn at twice its size, so fewer than cards (home, rankings, the first items).
pub const MOST_DOWNLOADS: usize = 200;

fn every_kind() -> Vec<PageKind> {
    vec![
        PageKind::Home,
        PageKind::Ranking,
        PageKind::Item,
        PageKind::Pair,
    ]
}

/// How pages that list items are split (`[lists]` in site.toml): the comparison table, the
/// rankings, the A-Z list and the picker show `page_size` items a page, so that no page grows
/// with the report.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListsConfig {
    #[serde(default = "page_size")]
    pub page_size: usize,
}

impl Default for ListsConfig {
    fn default() -> Self {
        ListsConfig {
            page_size: page_size(),
        }
    }
}

fn page_size() -> usize {
    100
}

/// How rankings are drawn (`[charts]` in site.toml).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartsConfig {
    /// Most bars a ranking's chart shows: the first by rank. Past a few dozen a chart is no
    /// longer read, only scrolled; the ranking's table lists every item.
    #[serde(default = "most_bars")]
    pub bars: usize,
}

impl Default for ChartsConfig {
    fn default() -> Self {
        ChartsConfig { bars: most_bars() }
    }
}

fn most_bars() -> usize {
    30
}

/// How Markdown bodies become HTML (`[markdown]` in site.toml).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// What raw HTML written in a body becomes: shown as text (the default) or kept as markup.
    #[serde(default)]
    pub raw_html: RawHtml,
}

/// Which "X vs Y" pages are generated: every pair up to `all_up_to` items; past it, pairs of
/// items sharing a value of one of the `group_by` facts, nearest in the overall ranking first,
/// at most `per_item` for any item (the rule in `pairs.rs`; the picker compares the others in
/// the browser). Both numbers are bounded, so pair pages never grow as n².
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairsConfig {
    #[serde(default = "all_pairs_up_to")]
    pub all_up_to: usize,
    #[serde(default)]
    pub group_by: Vec<String>,
    #[serde(default = "pairs_per_item")]
    pub per_item: usize,
}

impl Default for PairsConfig {
    fn default() -> Self {
        PairsConfig {
            all_up_to: all_pairs_up_to(),
            group_by: Vec::new(),
            per_item: pairs_per_item(),
        }
    }
}

fn all_pairs_up_to() -> usize {
    50
}

/// Four: the two items ranked just above and the two just below in a large group, a short
/// "compare with" list on an item page; at most 2n pair pages.
fn pairs_per_item() -> usize {
    4
}

/// Largest `all_up_to`: 200 items make 19,900 pair pages, about what 10,000 items make with
/// the default `per_item`.
const MOST_ALL_PAIRS: usize = 200;

/// Largest `per_item`.
const MOST_PAIRS_PER_ITEM: usize = 50;

impl Config {
    /// Reads and checks `site.toml`.
    pub fn load(path: &Path) -> Result<Config, Vec<Diagnostic>> {
        let read: schema::Read<Config> = schema::read(path, schema::keys::SITE)?;
        let (text, mut config) = (read.text, read.value);
        let block = Block::toml_file(path, &text);
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(read.unknown);
        config.check(&block, &mut diagnostics);
        match crate::url::base_url(&config.base_url) {
            Ok(canonical) => config.base_url = canonical,
            Err(why) => diagnostics.push(
                Diagnostic::error(path, format!("base_url {why}")).at(block.locate(&["base_url"])),
            ),
        }
        if let Some(repository) = &mut config.repository {
            match crate::url::base_url(&repository.url) {
                Ok(canonical) => repository.url = canonical,
                Err(why) => diagnostics.push(
                    Diagnostic::error(path, format!("repository.url {why}"))
                        .at(block.locate(&["repository", "url"])),
                ),
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics.into_sorted());
        }
        Ok(config)
    }

    /// Codes of all languages, the default first.
    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    /// The configured criterion with this id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// Facts shown as columns of the comparison table, in configured order.
    pub fn table_facts(&self) -> impl Iterator<Item = &Fact> {
        self.facts.iter().filter(|f| f.table)
    }

    /// The configured fact with this id.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    /// The weights of the overall score: each criterion's configured weight.
    pub fn weights(&self) -> BTreeMap<String, f64> {
        self.criteria
            .iter()
            .map(|c| (c.id.clone(), c.weight))
            .collect()
    }

    /// Text in a language, falling back to the default language.
    pub fn text<'a>(&self, text: &'a Text, lang: &str) -> &'a str {
        text.get(lang, &self.default_language)
    }

    fn check(&self, block: &Block, out: &mut Diagnostics) {
        let error = |path: &[&str], message: String| {
            Diagnostic::error(block.path, message).at(block.locate(path))
        };
        if !self.language_codes().any(|c| c == self.default_language) {
            out.push(error(
                &["default_language"],
                format!(
                    "default_language \"{}\" is not one of the languages{}",
                    self.default_language,
                    suggest::did_you_mean(&self.default_language, self.language_codes())
                ),
            ));
        }
        if !is_slug(&self.items) {
            out.push(error(
                &["items"],
                format!(
                    "items \"{}\" must be a folder name of lowercase letters, digits and hyphens",
                    self.items
                ),
            ));
        }
        if let Err(why) = self.scale.check() {
            out.push(error(&["scale"], why));
        }
        if self.charts.bars == 0 {
            out.push(error(
                &["charts", "bars"],
                "charts.bars must be at least 1".to_string(),
            ));
        }
        let limited = [
            ("cards", &self.cards, "cards"),
            ("downloads", &self.downloads, "chart downloads"),
        ];
        for (table, kinds, what) in limited {
            if kinds.max == Some(0) {
                out.push(error(
                    &[table, "max"],
                    format!("{table}.max must be at least 1 (for no {what}, write kinds = [])"),
                ));
            }
        }
        if self.lists.page_size == 0 {
            out.push(error(
                &["lists", "page_size"],
                "lists.page_size must be at least 1".to_string(),
            ));
        }
        self.check_ids(block, out);
        self.check_criteria(block, out);
        self.check_facts(block, out);
        self.check_presets(block, out);
        self.check_pairs(block, out);
        crate::config_texts::check_languages(self, block, out);
    }

    fn check_pairs(&self, block: &Block, out: &mut Diagnostics) {
        let error = |key: &str, message: String| {
            Diagnostic::error(block.path, message).at(block.locate(&["pairs", key]))
        };
        for fact in &self.pairs.group_by {
            if self.fact(fact).is_none() {
                out.push(error(
                    "group_by",
                    format!("pairs.group_by: unknown fact \"{fact}\""),
                ));
            }
        }
        if self.pairs.all_up_to > MOST_ALL_PAIRS {
            out.push(error(
                "all_up_to",
                format!(
                    "pairs.all_up_to = {} is more than {MOST_ALL_PAIRS}: every pair of that many items \
                     is too many pages (past it, per_item bounds them)",
                    self.pairs.all_up_to
                ),
            ));
        }
        if self.pairs.per_item > MOST_PAIRS_PER_ITEM {
            out.push(error(
                "per_item",
                format!(
                    "pairs.per_item = {} is more than {MOST_PAIRS_PER_ITEM}",
                    self.pairs.per_item
                ),
            ));
        }
    }

    fn check_presets(&self, block: &Block, out: &mut Diagnostics) {
        for (n, preset) in self.presets.iter().enumerate() {
            let at = || block.locate_nth(&["presets", "weights"], n);
            for (id, weight) in &preset.weights {
                if self.criterion(id).is_none() {
                    let hint =
                        suggest::did_you_mean(id, self.criteria.iter().map(|c| c.id.as_str()));
                    out.push(
                        Diagnostic::error(
                            block.path,
                            format!("preset \"{}\": unknown criterion \"{id}\"{hint}", preset.id),
                        )
                        .at(at()),
                    );
                }
                if !weight_in_range(*weight, false) {
                    out.push(
                        Diagnostic::error(
                            block.path,
                            format!(
                                "preset \"{}\": weight of \"{id}\" must be a number from 0 to {MAX_WEIGHT}, found {}",
                                preset.id,
                                format_number(*weight)
                            ),
                        )
                        .at(at()),
                    );
                }
            }
            if !preset.weights.values().any(|w| *w > 0.0) {
                out.push(
                    Diagnostic::error(
                        block.path,
                        format!(
                            "preset \"{}\" gives no criterion a weight above 0",
                            preset.id
                        ),
                    )
                    .at(at()),
                );
            }
        }
    }

    fn check_ids(&self, block: &Block, out: &mut Diagnostics) {
        let groups: [(&str, Vec<&str>); 4] = [
            (
                "languages",
                self.languages.iter().map(|l| l.code.as_str()).collect(),
            ),
            (
                "criteria",
                self.criteria.iter().map(|c| c.id.as_str()).collect(),
            ),
            ("facts", self.facts.iter().map(|f| f.id.as_str()).collect()),
            (
                "presets",
                self.presets.iter().map(|p| p.id.as_str()).collect(),
            ),
        ];
        for (group, ids) in groups {
            let mut seen = BTreeSet::new();
            for (n, id) in ids.into_iter().enumerate() {
                if !is_id(id) {
                    out.push(
                        Diagnostic::error(
                            block.path,
                            format!(
                                "{group}: id \"{id}\" must be lowercase letters, digits, `-` or `_`"
                            ),
                        )
                        .at(block.locate_nth(&[group, "id"], n)),
                    );
                }
                if !seen.insert(id) {
                    out.push(
                        Diagnostic::error(
                            block.path,
                            format!("{group}: id \"{id}\" is declared twice"),
                        )
                        .at(block.locate_nth(&[group, "id"], n)),
                    );
                }
                if group == "criteria" && id == crate::render::routes::PAGE_FOLDER {
                    out.push(
                        Diagnostic::error(
                            block.path,
                            format!(
                                "criteria: id \"{id}\" is taken by the rankings' later pages (rankings/{id}/2/)"
                            ),
                        )
                        .at(block.locate_nth(&[group, "id"], n)),
                    );
                }
            }
        }
    }

    fn check_criteria(&self, block: &Block, out: &mut Diagnostics) {
        for (n, c) in self.criteria.iter().enumerate() {
            let at = || block.locate_nth(&["criteria", "rubric"], n);
            if !weight_in_range(c.weight, true) {
                out.push(
                    Diagnostic::error(
                        block.path,
                        format!(
                            "criterion \"{}\": weight must be a number above 0 and at most {MAX_WEIGHT}, found {}",
                            c.id,
                            format_number(c.weight)
                        ),
                    )
                    .at(block.locate_nth(&["criteria", "weight"], n)),
                );
            }
            for level in c.rubric.keys() {
                let in_scale = level
                    .parse::<i64>()
                    .is_ok_and(|l| (self.scale.min..=self.scale.max).contains(&l));
                if !in_scale {
                    out.push(Diagnostic::error(
                        block.path,
                        format!(
                            "criterion \"{}\": rubric level \"{level}\" is not a whole number in the scale {}..{}",
                            c.id, self.scale.min, self.scale.max
                        ),
                    ).at(at()));
                }
            }
        }
    }

    fn check_facts(&self, block: &Block, out: &mut Diagnostics) {
        for (n, f) in self.facts.iter().enumerate() {
            if (f.kind == FactKind::Choice) == f.choices.is_empty() {
                let message = if f.kind == FactKind::Choice {
                    "a choice fact needs a [facts.choices] table"
                } else {
                    "only facts of type \"choice\" take choices"
                };
                out.push(
                    Diagnostic::error(block.path, format!("fact \"{}\": {message}", f.id))
                        .at(block.locate_nth(&["facts", "id"], n)),
                );
            }
        }
    }
}

/// What the site shows of the repository's history (`[history]` in site.toml).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryConfig {
    /// A score changed within this many days before the latest commit is marked in the
    /// comparison table and on pair pages; 0 marks none.
    #[serde(default = "recent_days")]
    pub recent_days: u32,
    /// Most changes listed on the changes page, in an item's history and in each feed entry:
    /// history grows with every commit, pages must not.
    #[serde(default = "history_limit")]
    pub limit: usize,
    /// Most commits in each language's feed.
    #[serde(default = "feed_entries")]
    pub feed_entries: usize,
}

impl Default for HistoryConfig {
    fn default() -> Self {
        HistoryConfig {
            recent_days: recent_days(),
            limit: history_limit(),
            feed_entries: feed_entries(),
        }
    }
}

fn recent_days() -> u32 {
    30
}

fn history_limit() -> usize {
    200
}

fn feed_entries() -> usize {
    50
}

/// The repository the project is kept in (`[repository]` in site.toml): every item and page
/// then links to its file there ("Edit this page") and to a new issue ("Suggest a correction").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepositoryConfig {
    /// The repository's address: `https://github.com/<owner>/<repo>` (GitLab's form works too).
    pub url: String,
    /// The branch edits are proposed on.
    #[serde(default = "main_branch")]
    pub branch: String,
    /// The project's folder (holding `content/`) inside the repository; empty at its root.
    #[serde(default)]
    pub path: String,
}

fn main_branch() -> String {
    "main".to_string()
}

/// Lowercase ASCII letters, digits and hyphens: safe as a URL segment and a file name.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A configuration id: like a slug, `_` allowed too.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_is_bounded_in_range_and_levels() {
        let scale = |min, max| Scale { min, max }.check();
        assert_eq!(scale(1, 5), Ok(()));
        assert_eq!(scale(0, 100), Ok(()));
        assert_eq!(
            scale(5, 5),
            Err("scale min 5 must be below max 5".to_string())
        );
        assert_eq!(
            scale(i64::MIN, i64::MAX),
            Err(format!(
                "scale {}..{} must lie within -1000..1000",
                i64::MIN,
                i64::MAX
            ))
        );
        assert_eq!(
            scale(0, 1000),
            Err("scale 0..1000 has 1001 levels: a scale has at most 101 (one rubric entry and gridline each)".to_string())
        );
    }

    #[test]
    fn a_weight_is_finite_and_bounded() {
        for (weight, positive, ok) in [
            (1.0, true, true),
            (MAX_WEIGHT, true, true),
            (0.0, true, false),
            (0.0, false, true),
            (-1.0, false, false),
            (f64::NAN, false, false),
            (f64::INFINITY, true, false),
            (1e308, true, false),
        ] {
            assert_eq!(weight_in_range(weight, positive), ok, "{weight} {positive}");
        }
    }
}
