//! `new <slug>`: writes a new item, ready to fill in: `content/<items>/<slug>.md` with every
//! front-matter field present and commented (its facts and criteria from `site.toml`, the
//! source ids from `sources.toml`), and one `<slug>.<lang>.md` per other language with the
//! fields a translation carries. For an item that exists, writes only the translations it
//! lacks (a language added to `site.toml` later). Refuses a slug that is not one, and never
//! overwrites a file.
//!
//! Placeholders that must be replaced (a score below the scale, an empty URL, year 0, no sources, no
//! evidence) fail the build with a message naming the field, so an item cannot be published
//! half filled by accident.

use std::path::PathBuf;

use crate::Project;
use crate::config::{Config, Fact, FactKind};
use crate::content::walk::{check_slug, refuse_linked_folder};
use crate::error::{Diagnostic, Failure};
use crate::model::source::{self, Source};
use crate::newfiles::{self, NewFile};

/// Writes the files of a new item and returns their paths, original first.
pub fn new_item(project: &Project, slug: &str) -> Result<Vec<PathBuf>, Failure> {
    let content = project.content();
    let config = Config::load(&content.join("site.toml")).map_err(Failure::new)?;
    let folder = content.join(&config.items);
    check_slug(slug).map_err(|why| {
        Failure::single(Diagnostic::error(folder.join(format!("{slug}.md")), why))
    })?;
    // The same rule as `build`, which refuses to read through a linked items folder.
    refuse_linked_folder(&folder).map_err(Failure::single)?;
    let sources = source::load(&content.join("sources.toml")).map_err(Failure::new)?;
    let today = jiff::Zoned::now().date().to_string();
    let files: Vec<(PathBuf, String)> = config
        .language_codes()
        .map(|lang| {
            if lang == config.default_language {
                let text = original(&config, &sources, slug, &today);
                (folder.join(format!("{slug}.md")), text)
            } else {
                let text = translation(&config, lang, slug, &today);
                (folder.join(format!("{slug}.{lang}.md")), text)
            }
        })
        .collect();
    let original_path = folder.join(format!("{slug}.md"));
    let files: Vec<NewFile> = missing_translations(files, &original_path)
        .into_iter()
        .map(|(path, text)| (path, text.into_bytes()))
        .collect();
    newfiles::write_all(&files, "new")?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// For an item whose original exists, only the translations it lacks; else every file (and
/// the files that exist are refused).
fn missing_translations(
    files: Vec<(PathBuf, String)>,
    original: &std::path::Path,
) -> Vec<(PathBuf, String)> {
    let exists = |path: &std::path::Path| path.symlink_metadata().is_ok();
    let lacking: Vec<(PathBuf, String)> = (files.iter())
        .filter(|(path, _)| path != original && !exists(path))
        .cloned()
        .collect();
    if exists(original) && !lacking.is_empty() {
        lacking
    } else {
        files
    }
}

/// The original, in the default language: every field.
fn original(config: &Config, sources: &[Source], slug: &str, today: &str) -> String {
    let lang = config.default_language.as_str();
    let mut out = String::from("+++\n");
    let label = config.text(&config.item_label, lang);
    comment(
        &mut out,
        &format!(
            "{label} \"{slug}\". Fill in every field, then build; docs/content.md explains each."
        ),
    );
    text_fields(&mut out, today, true);
    field(
        &mut out,
        "Official site: an http:// or https:// address.",
        "homepage = \"\"",
    );
    field(
        &mut out,
        "Sources the prose cites besides those of the ratings (ids below).",
        "sources = []",
    );
    out.push_str("\n[facts]\n");
    for fact in &config.facts {
        fact_field(&mut out, config, lang, fact);
    }
    ratings_intro(&mut out, config, sources);
    for criterion in &config.criteria {
        out.push_str(&format!("\n[ratings.{}]\n", criterion.id));
        comment(
            &mut out,
            &format!(
                "{}: {}",
                config.text(&criterion.label, lang),
                config.text(&criterion.description, lang)
            ),
        );
        for (level, meaning) in &criterion.rubric {
            comment(
                &mut out,
                &format!("  {level}: {}", config.text(meaning, lang)),
            );
        }
        // Below the scale, so that a score left unfilled fails the build.
        let placeholder = config.scale.min - 1;
        out.push_str(&format!(
            "score = {placeholder}\nsources = []\nevidence = \"\"\nnote = \"\"\n"
        ));
    }
    out.push_str("+++\n\n");
    out
}

/// A translation: only the text fields, in `lang`.
fn translation(config: &Config, lang: &str, slug: &str, today: &str) -> String {
    let name = config
        .languages
        .iter()
        .find(|l| l.code == lang)
        .map_or(lang, |l| l.name.as_str());
    let mut out = String::from("+++\n");
    comment(
        &mut out,
        &format!(
            "{name} ({lang}) text of {slug}.md. Only text is translated: scores, sources, \
             URLs and years live in {slug}.md."
        ),
    );
    field(
        &mut out,
        "The name in this language, only if it differs (remove the # to give one).",
        "# name = \"\"",
    );
    text_fields(&mut out, today, false);
    let translated: Vec<&Fact> = config.facts.iter().filter(|f| f.translate).collect();
    if !translated.is_empty() {
        out.push_str("\n[facts]\n");
        for fact in translated {
            fact_field(&mut out, config, lang, fact);
        }
    }
    for criterion in &config.criteria {
        out.push_str(&format!("\n[ratings.{}]\n", criterion.id));
        comment(
            &mut out,
            &format!(
                "{}: why this score, in this language.",
                config.text(&criterion.label, lang)
            ),
        );
        out.push_str("note = \"\"\n");
    }
    out.push_str("+++\n\n");
    out
}

/// The text fields every language has (the name only in the original).
fn text_fields(out: &mut String, today: &str, with_name: bool) {
    if with_name {
        field(out, "The name shown everywhere.", "name = \"\"");
    }
    field(out, "One line: what it is.", "summary = \"\"");
    field(
        out,
        "When this file was last reviewed (YYYY-MM-DD).",
        &format!("updated = {today}"),
    );
    field(
        out,
        "Situations it suits: short phrases.",
        "best_for = [\"\"]",
    );
    field(out, "Strengths: short phrases.", "pros = [\"\"]");
    field(out, "Weaknesses: short phrases.", "cons = [\"\"]");
}

fn fact_field(out: &mut String, config: &Config, lang: &str, fact: &Fact) {
    let (kind, value) = match fact.kind {
        FactKind::Text => ("text".to_string(), "\"\""),
        FactKind::List => ("a list of text".to_string(), "[\"\"]"),
        FactKind::Url => ("an http:// or https:// address".to_string(), "\"\""),
        FactKind::Year => ("a four-digit year".to_string(), "0"),
        FactKind::Number => ("a number".to_string(), "0"),
        FactKind::Choice => {
            let keys: Vec<&str> = fact.choices.keys().map(String::as_str).collect();
            (format!("one of {}", keys.join(", ")), "\"\"")
        }
    };
    let label = config.text(&fact.label, lang);
    if fact.required {
        field(
            out,
            &format!("{label} ({kind})."),
            &format!("{} = {value}", fact.id),
        );
    } else {
        field(
            out,
            &format!("{label} ({kind}, optional: remove the # to give it)."),
            &format!("# {} = {value}", fact.id),
        );
    }
}

fn ratings_intro(out: &mut String, config: &Config, sources: &[Source]) {
    let ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    out.push('\n');
    comment(
        out,
        &format!(
            "Ratings: one table per criterion, `score` on the scale {}..{}.\n\
             `sources`: ids from content/sources.toml: {}.\n\
             `evidence`: measured, documented or judgement. `note`: why this score.\n\
             To leave a criterion unrated, keep only `reason = \"why\"` in its table.",
            config.scale.min,
            config.scale.max,
            ids.join(", ")
        ),
    );
}

fn field(out: &mut String, explanation: &str, line: &str) {
    comment(out, explanation);
    out.push_str(line);
    out.push('\n');
}

fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        out.push_str(&format!("# {line}\n"));
    }
}
