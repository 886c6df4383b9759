//! The sources ratings cite (`content/sources.toml`): parsed strictly and checked (unique ids,
//! http(s) addresses only).

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use crate::config::is_id;
use crate::content::parse::Block;
use crate::error::Diagnostic;
use crate::schema;
use crate::text::Text;

/// A published source: an article, a benchmark, a survey.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    /// Language the source is written in.
    pub language: Option<String>,
    pub url: Option<String>,
    pub note: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    sources: Vec<Source>,
}

/// Reads and checks the sources file; a missing file means no sources.
pub fn load(path: &Path) -> Result<Vec<Source>, Vec<Diagnostic>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let read: schema::Read<SourcesFile> = schema::read(path, schema::keys::SOURCES)?;
    let block = Block::toml_file(path, &read.text);
    let mut problems = read.unknown;
    problems.extend(check(&read.value.sources, &block));
    let file = read.value;
    if problems.is_empty() {
        Ok(file.sources)
    } else {
        Err(problems)
    }
}

fn check(sources: &[Source], block: &Block) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (n, source) in sources.iter().enumerate() {
        let at = block.locate_nth(&["sources", "id"], n);
        if !is_id(&source.id) {
            problems.push(
                Diagnostic::error(
                    block.path,
                    format!(
                        "source id \"{}\" must be lowercase letters, digits, `-` or `_`",
                        source.id
                    ),
                )
                .at(at),
            );
        }
        if !seen.insert(&source.id) {
            problems.push(
                Diagnostic::error(
                    block.path,
                    format!("source id \"{}\" is declared twice", source.id),
                )
                .at(at),
            );
        }
        if let Some(url) = &source.url
            && let Err(message) = check_url(url)
        {
            problems.push(
                Diagnostic::error(block.path, format!("source \"{}\": {message}", source.id))
                    .at(block.locate_nth(&["sources", "url"], n)),
            );
        }
    }
    problems
}

/// Addresses in content must be absolute http(s) URLs: never `javascript:` or `data:`.
pub fn check_url(url: &str) -> Result<(), String> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    if scheme_ok && url.len() > "https://".len() && !url.chars().any(char::is_whitespace) {
        Ok(())
    } else {
        Err(format!(
            "URL \"{url}\" must be an absolute http:// or https:// address"
        ))
    }
}
