//! `init [DIR]`: starts a report in a folder, complete and building at once: `site.toml` with
//! every key written and commented, `sources.toml`, one example item and the home and
//! methodology pages in every language, the interface strings of any language the built-in
//! theme lacks, the Pages workflow of a content-only repository (which uses this repository's
//! Action) and a `.gitignore`. Checks its options first and writes every file or none
//! (`newfiles`); never overwrites a file, but keeps a `.gitignore` that is already there.

pub(crate) mod starter;

use std::path::{Path, PathBuf};

use crate::config::is_slug;
use crate::content::walk::{PAGES_FOLDER, check_slug};
use crate::error::{Diagnostic, Failure};
use crate::newfiles::{self, NewFile};

/// What `init` is asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The report's title; a placeholder naming the folder when `None`.
    pub title: Option<String>,
    /// Language codes, the default (the originals' language) first.
    pub languages: Vec<String>,
    /// The items folder under `content/`, also their address.
    pub items: String,
}

/// A language of the new report: its code and its name in itself.
#[derive(Debug, Clone)]
pub struct Lang {
    pub code: String,
    pub name: String,
}

/// Writes a new report into `dir` (made if missing) and returns the paths written.
pub fn init(dir: &Path, options: &Options) -> Result<Vec<PathBuf>, Failure> {
    let languages = languages(&options.languages)?;
    check_items(&options.items)?;
    let title = options.title.clone().unwrap_or_else(|| default_title(dir));
    let today = jiff::Zoned::now().date().to_string();
    let report = starter::Report {
        title: &title,
        languages: &languages,
        items: &options.items,
        today: &today,
    };
    let mut files: Vec<NewFile> = report
        .files()
        .into_iter()
        .map(|(path, text)| (dir.join(path), text.into_bytes()))
        .collect();
    let ignore = dir.join(".gitignore");
    if ignore.symlink_metadata().is_err() {
        files.push((ignore, starter::GITIGNORE.as_bytes().to_vec()));
    }
    newfiles::write_all(&files, "init")?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// The languages asked for, each with its name: a code is lowercase letters (a region after
/// a hyphen allowed, `pt-br`), and each is given once.
fn languages(codes: &[String]) -> Result<Vec<Lang>, Failure> {
    let invalid = |message: String| Failure::single(Diagnostic::error("--languages", message));
    if codes.is_empty() {
        return Err(invalid("name at least one language".into()));
    }
    let mut languages: Vec<Lang> = Vec::new();
    for code in codes {
        let valid = is_slug(code)
            && code.len() <= 8
            && code.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        if !valid {
            return Err(invalid(format!(
                "\"{code}\" is not a language code: write codes such as en, ko, ja, pt-br"
            )));
        }
        if languages.iter().any(|l| l.code == *code) {
            return Err(invalid(format!("\"{code}\" is named twice")));
        }
        languages.push(Lang {
            code: code.clone(),
            name: starter::language_name(code).to_string(),
        });
    }
    Ok(languages)
}

fn check_items(items: &str) -> Result<(), Failure> {
    let invalid = |message: String| Failure::single(Diagnostic::error("--items", message));
    check_slug(items).map_err(invalid)?;
    if items == PAGES_FOLDER {
        return Err(invalid(format!(
            "\"{PAGES_FOLDER}\" holds the free pages: name the items folder otherwise"
        )));
    }
    Ok(())
}

/// A title from the folder's name, to replace: `dbs` gives "dbs, compared".
fn default_title(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let name = absolute.file_name().map_or_else(
        || "Things".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("{name}, compared")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(languages: &[&str], items: &str) -> Options {
        Options {
            title: None,
            languages: languages.iter().map(|l| l.to_string()).collect(),
            items: items.to_string(),
        }
    }

    #[test]
    fn refuses_bad_options_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let message = |o: Options| init(dir.path(), &o).unwrap_err().to_string();
        assert_eq!(
            message(options(&["en", "EN"], "items")),
            "--languages: \"EN\" is not a language code: write codes such as en, ko, ja, pt-br\n"
        );
        assert_eq!(
            message(options(&["en", "en"], "items")),
            "--languages: \"en\" is named twice\n"
        );
        assert_eq!(
            message(options(&["en"], "pages")),
            "--items: \"pages\" holds the free pages: name the items folder otherwise\n"
        );
        assert_eq!(
            message(options(&["en"], "My Items")),
            "--items: \"My Items\" is not a valid slug: use lowercase ASCII letters, digits and hyphens\n"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
