//! The theme: templates, static files and interface strings (one table per language) read
//! from `themes/<name>/`. Checks the string tables against the default language's, so a
//! missing key is a warning naming it and never a raw key shown to a reader.

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use crate::error::{Diagnostic, Failure};

/// Interface strings of one language, by key.
pub type Strings = BTreeMap<String, String>;

/// A loaded theme.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (path under `templates/`) and source.
    pub templates: Vec<(String, String)>,
    /// Path under `static/` and contents.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Interface strings by language, complete for every configured language.
    pub strings: BTreeMap<String, Strings>,
}

impl Theme {
    /// Reads the theme folder; `languages` lists the codes, default first.
    pub fn load(dir: &Path, languages: &[&str]) -> Result<(Theme, Vec<Diagnostic>), Failure> {
        if !dir.is_dir() {
            return Err(Failure::single(Diagnostic::error(
                dir,
                "theme folder not found",
            )));
        }
        let templates = files_under(&dir.join("templates"))?
            .into_iter()
            .map(|(name, bytes)| (name, String::from_utf8_lossy(&bytes).into_owned()))
            .collect();
        let static_files = files_under(&dir.join("static"))?;
        let (strings, warnings) = load_strings(&dir.join("i18n"), languages)?;
        Ok((
            Theme {
                templates,
                static_files,
                strings,
            },
            warnings,
        ))
    }
}

fn files_under(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Failure::single(Diagnostic::error(dir, e.to_string())))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let bytes = std::fs::read(path).map_err(|e| Failure::io(path, &e))?;
        let name = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        files.push((name, bytes));
    }
    Ok(files)
}

fn load_strings(
    dir: &Path,
    languages: &[&str],
) -> Result<(BTreeMap<String, Strings>, Vec<Diagnostic>), Failure> {
    let mut warnings = Vec::new();
    let mut tables = BTreeMap::new();
    let mut default: Option<Strings> = None;
    for lang in languages {
        let path = dir.join(format!("{lang}.toml"));
        let mut table = read_table(&path)?;
        match &default {
            None => default = Some(table.clone()),
            Some(base) => {
                for (key, value) in base {
                    if !table.contains_key(key) {
                        warnings.push(Diagnostic::warning(
                            &path,
                            format!("missing string `{key}`: the {} text is shown", languages[0]),
                        ));
                        table.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        tables.insert(lang.to_string(), table);
    }
    Ok((tables, warnings))
}

fn read_table(path: &Path) -> Result<Strings, Failure> {
    if !path.exists() {
        return Ok(Strings::new());
    }
    crate::content::parse::read_toml(path)
        .map(|(_, table)| table)
        .map_err(Failure::single)
}
