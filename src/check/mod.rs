//! `check`: builds the site in memory and verifies, before it is published, what a reader
//! would trip over. Errors: a link, `#anchor` or asset that leads nowhere (read from the built
//! pages, and placed at the Markdown line that wrote it where there is one). Warnings: a page
//! without its translation or older than its original, a source without a URL, an item whose
//! `updated` date is older than the last change to its scores (by history). A score
//! without a source never gets this far: validation refuses it, as it does for `build`.
//! External links are listed, and tried only when asked (`--external`).

mod external;
mod html;
mod links;
mod origin;
mod updated;

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Diagnostic, Failure, Position};
use crate::model::Site;
use crate::render::OutputFile;
use crate::{Project, coverage};
use html::Scan;
use links::Target;
use origin::Origins;

/// What `check` found.
#[derive(Debug)]
pub struct Findings {
    /// Errors and warnings, sorted by file and place.
    pub diagnostics: Vec<Diagnostic>,
    /// Every external address of the site, with the first file (below the site) linking to it.
    pub external: BTreeMap<String, String>,
    /// How many files of the built site were read.
    pub files: usize,
    /// What the check says once, neither error nor warning (history unavailable).
    pub notes: Vec<String>,
}

/// Builds the site in memory and checks it; `try_external` also requests every external
/// address. Content that does not build is a failure, as for `build`.
pub fn check(project: &Project, try_external: bool) -> Result<Findings, Failure> {
    let (site, warnings) = crate::load(project, &project.kept_history())?;
    let rendered = crate::render_site(project, &site, warnings, &project.highlighter())?;
    let base_url = site.config.base_url.as_str();
    let scans = scan_all(&rendered.files);
    let mut diagnostics = rendered.warnings;
    diagnostics.extend(broken_links(project, &site, &scans, base_url));
    diagnostics.extend(translations(&site, &project.content().join("site.toml")));
    diagnostics.extend(updated::stale(&site));
    diagnostics.extend(sources_without_url(
        &project.content().join("sources.toml"),
        &site,
    ));
    let external = external_links(&scans, base_url);
    if try_external {
        diagnostics.extend(external::try_all(&external, &project.output));
    }
    diagnostics.sort();
    diagnostics.dedup();
    Ok(Findings {
        diagnostics,
        external,
        files: rendered.files.len(),
        notes: site.history.note().into_iter().collect(),
    })
}

/// Every HTML page and stylesheet of the site, read.
fn scan_all(files: &[OutputFile]) -> BTreeMap<String, Scan> {
    files
        .iter()
        .map(|file| {
            let text = String::from_utf8_lossy(&file.bytes);
            let scan = if file.path.ends_with(".html") {
                html::scan_html(&text)
            } else if file.path.ends_with(".css") {
                html::scan_css(&text)
            } else {
                Scan::default()
            };
            (file.path.clone(), scan)
        })
        .collect()
}

/// Broken links, anchors and assets: at the Markdown that wrote them, else at the built page.
fn broken_links(
    project: &Project,
    site: &Site,
    scans: &BTreeMap<String, Scan>,
    base_url: &str,
) -> Vec<Diagnostic> {
    let mut origins = Origins::of(site, base_url);
    links::broken(scans, base_url)
        .into_iter()
        .map(|broken| {
            let what = match broken.reference.kind {
                html::Kind::Link => "link to",
                html::Kind::Asset => "asset",
            };
            match origins.take(broken.page, &broken.target) {
                Some(source) => Diagnostic::error(
                    source.path,
                    format!("{what} \"{}\": {}", source.url, broken.problem),
                )
                .at(Some(source.position)),
                None => Diagnostic::error(
                    project.output.join(broken.page),
                    format!("{what} \"{}\": {}", broken.reference.url, broken.problem),
                ),
            }
        })
        .collect()
}

/// Missing and outdated translations, at the translation's file; texts of site.toml not in a
/// language, at site.toml.
fn translations(site: &Site, config: &Path) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for language in coverage::coverage(site).0 {
        if let Some(summary) = language.untranslated_summary() {
            let shown = format!(
                "{summary} (the {} text is shown)",
                site.config.default_language
            );
            found.push(Diagnostic::warning(config, shown));
        }
        let original = |path: &Path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let suffix = format!(".{}.md", language.lang);
            path.with_file_name(format!("{}.md", name.trim_end_matches(&suffix)))
        };
        for path in &language.missing {
            found.push(Diagnostic::warning(
                path,
                format!(
                    "missing {} translation of {}",
                    language.lang,
                    original(path).display()
                ),
            ));
        }
        for path in &language.outdated {
            found.push(Diagnostic::warning(
                path,
                format!(
                    "translation older than its original {} (by their `updated` dates)",
                    original(path).display()
                ),
            ));
        }
    }
    found
}

/// Sources without an address, at their `id` line in `sources.toml`.
fn sources_without_url(path: &Path, site: &Site) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    site.sources
        .iter()
        .filter(|source| source.url.is_none())
        .map(|source| {
            Diagnostic::warning(
                path,
                format!(
                    "source \"{}\" has no url: readers cannot look it up (add one if a public address exists)",
                    source.id
                ),
            )
            .at(line_of_id(&text, &source.id))
        })
        .collect()
}

/// The place of the line `id = "<id>"` of a TOML file.
fn line_of_id(text: &str, id: &str) -> Option<Position> {
    let quoted = format!("\"{id}\"");
    text.lines().enumerate().find_map(|(index, line)| {
        let trimmed = line.trim_start();
        let value = trimmed.strip_prefix("id")?.trim_start().strip_prefix('=')?;
        (value.trim() == quoted).then(|| Position {
            line: index + 1,
            column: line.len() - trimmed.len() + 1,
        })
    })
}

/// Every external address, with the first file that links to it.
fn external_links(scans: &BTreeMap<String, Scan>, base_url: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for (page, scan) in scans {
        for reference in &scan.references {
            if let Target::External(url) = links::resolve(page, &reference.url, base_url) {
                found.entry(url).or_insert_with(|| page.clone());
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_a_source_id() {
        let text =
            "[[sources]]\nid = \"a\"\n\n[[sources]]\n  id=\"b\"\ntitle = \"id = \\\"c\\\"\"\n";
        assert_eq!(line_of_id(text, "b"), Some(Position { line: 5, column: 3 }));
        assert_eq!(line_of_id(text, "c"), None);
    }
}
