//! Finds the Markdown files of a site (items under `content/<items>/`, pages under
//! `content/pages/`), tells originals from translations by their file names, and reads each
//! one as normalised UTF-8 text. Symbolic links are refused rather than followed.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::frontmatter::normalize;
use crate::config::{Config, is_slug};
use crate::error::{Diagnostic, Position, position_of};

/// What a content file describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Item,
    Page,
}

/// A content file read from disk.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub kind: Kind,
    pub slug: String,
    /// The file's language: the default language for an original.
    pub lang: String,
    pub is_translation: bool,
    pub path: PathBuf,
    pub text: String,
}

/// Folder under `content/` that holds the free pages.
pub const PAGES_FOLDER: &str = "pages";

/// Reads every content file; problems with single files are returned beside the good ones.
pub fn read_all(content: &Path, config: &Config) -> (Vec<ContentFile>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut found = Vec::new();
    for (kind, folder) in [
        (Kind::Item, config.items.as_str()),
        (Kind::Page, PAGES_FOLDER),
    ] {
        let dir = content.join(folder);
        if !dir.is_dir() {
            if kind == Kind::Item {
                problems.push(Diagnostic::error(&dir, "the items folder does not exist"));
            }
            continue;
        }
        for entry in WalkDir::new(&dir)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name()
        {
            match entry {
                Ok(entry) => found.push((kind, entry)),
                Err(e) => problems.push(Diagnostic::error(&dir, e.to_string())),
            }
        }
    }
    let results: Vec<Result<Option<ContentFile>, Diagnostic>> = found
        .par_iter()
        .map(|(kind, entry)| read_one(*kind, entry, config))
        .collect();
    let mut files = Vec::new();
    for result in results {
        match result {
            Ok(Some(file)) => files.push(file),
            Ok(None) => {}
            Err(d) => problems.push(d),
        }
    }
    (files, problems)
}

fn read_one(
    kind: Kind,
    entry: &walkdir::DirEntry,
    config: &Config,
) -> Result<Option<ContentFile>, Diagnostic> {
    let path = entry.path();
    let Some(stem) = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".md"))
    else {
        return Ok(None);
    };
    if entry.path_is_symlink() {
        return Err(Diagnostic::error(
            path,
            "symbolic links are not followed: put the file itself in content/",
        ));
    }
    if entry.file_type().is_dir() {
        return Ok(None);
    }
    let (slug, lang) = name_parts(path, stem, config)?;
    let text = read_text(path)?;
    Ok(Some(ContentFile {
        kind,
        is_translation: lang != config.default_language,
        slug,
        lang,
        path: path.to_path_buf(),
        text,
    }))
}

/// `django.md` is the original of `django`; `django.ko.md` its Korean translation.
fn name_parts(path: &Path, stem: &str, config: &Config) -> Result<(String, String), Diagnostic> {
    let (slug, lang) = match stem.split_once('.') {
        Some((slug, lang)) => (slug, lang),
        None => (stem, config.default_language.as_str()),
    };
    if !is_slug(slug) {
        return Err(Diagnostic::error(
            path,
            format!(
                "file name \"{slug}\" is not a valid slug: use lowercase ASCII letters, digits and hyphens"
            ),
        ));
    }
    if !config.language_codes().any(|c| c == lang)
        || stem.ends_with(&format!(".{}", config.default_language))
    {
        let codes: Vec<&str> = config.language_codes().collect();
        return Err(Diagnostic::error(
            path,
            format!(
                "file name ends in \".{lang}.md\" but \"{lang}\" is not a translation language (configured: {})",
                codes.join(", ")
            ),
        ));
    }
    Ok((slug.to_string(), lang.to_string()))
}

/// Reads a file as UTF-8 text with BOM and CRLF normalised, naming the first bad byte.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::error(path, format!("cannot read: {e}")))?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(normalize(text)),
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let Position { line, column } = position_of(good, good.len());
            Err(
                Diagnostic::error(path, "the file is not valid UTF-8: save it as UTF-8")
                    .at(Some(Position { line, column })),
            )
        }
    }
}
