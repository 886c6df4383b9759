//! Finds the Markdown files of a site (items under `content/<items>/`, pages under
//! `content/pages/`), tells originals from translations by their file names, and reads each
//! one as normalised UTF-8 text. What is read stays inside `content/`: symbolic links (to a
//! file or to a folder) are refused rather than followed, and so are devices, pipes and files
//! too large to be content. Hidden files (an editor's lock or backup files) are skipped.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::frontmatter::{BOM, normalize, normalized};
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

/// The largest file `content/` may hold, in bytes (10 MB): far above any real item or page,
/// and small enough that one file cannot make a build slow or exhaust memory.
pub const MAX_FILE_BYTES: u64 = 10_000_000;

const NOT_FOLLOWED: &str = "symbolic links are not followed: put the file itself in content/";

/// Reads every content file; problems with single files are returned beside the good ones.
pub fn read_all(content: &Path, config: &Config) -> (Vec<ContentFile>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut found = Vec::new();
    for (kind, folder) in [
        (Kind::Item, config.items.as_str()),
        (Kind::Page, PAGES_FOLDER),
    ] {
        let dir = content.join(folder);
        if let Err(linked) = refuse_linked_folder(&dir) {
            problems.push(linked);
            continue;
        }
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
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Err(Diagnostic::error(
            path,
            "the file name is not valid UTF-8: name content files with lowercase ASCII letters, digits and hyphens",
        ));
    };
    let Some(stem) = name.strip_suffix(".md").filter(|_| !name.starts_with('.')) else {
        return Ok(None);
    };
    if entry.path_is_symlink() {
        return Err(Diagnostic::error(path, NOT_FOLLOWED));
    }
    if entry.file_type().is_dir() {
        return Ok(None);
    }
    let (slug, lang) = name_parts(stem, config).map_err(|m| Diagnostic::error(path, m))?;
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
fn name_parts(stem: &str, config: &Config) -> Result<(String, String), String> {
    let default = config.default_language.as_str();
    let translations: Vec<&str> = config.language_codes().filter(|c| *c != default).collect();
    let (slug, lang) = match stem.rsplit_once('.') {
        None => (stem, default),
        Some((slug, lang)) if translations.contains(&lang) => (slug, lang),
        Some((slug, lang)) if lang == default && is_slug(slug) => {
            return Err(format!(
                "\"{lang}\" is the default language: name the file {slug}.md"
            ));
        }
        Some(_) => {
            let languages = if translations.is_empty() {
                "none".to_string()
            } else {
                translations.join(", ")
            };
            return Err(format!(
                "\"{stem}\" is not a valid slug: use lowercase ASCII letters, digits and hyphens (a translation is <slug>.<language>.md, for the languages: {languages})"
            ));
        }
    };
    check_slug(slug)?;
    Ok((slug.to_string(), lang.to_string()))
}

/// The longest slug: a comparison page's folder joins two (`<a>-vs-<b>`), and a file name may
/// be at most 255 bytes on common file systems.
pub const MAX_SLUG_LEN: usize = 100;

/// Whether `slug` can name an item or page: a slug ([`is_slug`]) of at most [`MAX_SLUG_LEN`]
/// characters; the error says why not.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if !is_slug(slug) {
        return Err(format!(
            "\"{slug}\" is not a valid slug: use lowercase ASCII letters, digits and hyphens"
        ));
    }
    if slug.len() > MAX_SLUG_LEN {
        return Err(format!(
            "the slug is {} characters long: a slug has at most {MAX_SLUG_LEN} (a comparison page's address joins two)",
            slug.len()
        ));
    }
    Ok(())
}

/// The folder `dir` of `content/` (itself, or its items or pages folder) if it is a real
/// folder, not a symbolic link: nothing versus reads or writes leaves `content/`.
pub fn refuse_linked_folder(dir: &Path) -> Result<(), Diagnostic> {
    if dir.is_symlink() {
        Err(Diagnostic::error(
            dir,
            "symbolic links are not followed: put the folder itself in content/",
        ))
    } else {
        Ok(())
    }
}

/// Reads a file of `content/` as UTF-8 text with BOM and CRLF normalised, naming the first bad
/// byte. Refuses a symbolic link, anything but a regular file (reading a pipe would wait
/// forever) and a file over [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let cannot_read = |e: std::io::Error| Diagnostic::error(path, format!("cannot read: {e}"));
    let kind = std::fs::symlink_metadata(path).map_err(cannot_read)?;
    if kind.is_symlink() {
        return Err(Diagnostic::error(path, NOT_FOLLOWED));
    }
    if !kind.is_file() {
        return Err(Diagnostic::error(
            path,
            "not a regular file (a device, pipe or socket): content files must be plain files",
        ));
    }
    if kind.len() > MAX_FILE_BYTES {
        return Err(too_large(path, kind.len()));
    }
    // Sized from the metadata, so that the text is read into one buffer that is never copied.
    let mut bytes = Vec::with_capacity(kind.len() as usize);
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    if bytes.starts_with(BOM.as_bytes()) {
        bytes.drain(..BOM.len());
    }
    match String::from_utf8(bytes) {
        Ok(text) => refuse_nul(path, normalized(text)),
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            // Placed in the text as the build reads it: a lone CR is a line break there too.
            let good = normalize(std::str::from_utf8(&bytes[..valid]).unwrap_or(""));
            let Position { line, column } = position_of(&good, good.len());
            Err(
                Diagnostic::error(path, "the file is not valid UTF-8: save it as UTF-8")
                    .at(Some(Position { line, column })),
            )
        }
    }
}

/// Text with no NUL character: HTML forbids it in a page, so a file holding one is refused at
/// its place rather than copied into the site.
fn refuse_nul(path: &Path, text: String) -> Result<String, Diagnostic> {
    match text.find('\0') {
        None => Ok(text),
        Some(offset) => Err(Diagnostic::error(
            path,
            "the file holds a NUL character (U+0000), which no page may contain: remove it",
        )
        .at(Some(position_of(&text, offset)))),
    }
}

fn too_large(path: &Path, size: u64) -> Diagnostic {
    let megabytes = |bytes: u64| bytes as f64 / 1_000_000.0;
    Diagnostic::error(
        path,
        format!(
            "the file is {:.1} MB: a content file may be at most {:.0} MB",
            megabytes(size),
            megabytes(MAX_FILE_BYTES)
        ),
    )
}
