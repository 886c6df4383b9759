//! The keys of the project's TOML files (`site.toml`, `sources.toml`) and a check of a file
//! against them that reports every problem of its shape in one run, each at the line and
//! column of the key or value at fault, inside arrays of tables too: unknown keys (with the
//! closest known one), missing keys, values of the wrong type or outside a set of words.
//! Runs before the file is deserialised, so that serde, which stops at the first problem,
//! only ever sees a file of the right shape. The tables of keys (`keys`) are also what
//! docs/config.md documents, kept in step by a test.

pub mod keys;

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::content::parse::Block;
use crate::error::{Diagnostic, position_of};
use crate::suggest;

/// One key of a TOML file.
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// The value it has when left out, as written in TOML; empty for a required key.
    pub default: &'static str,
    /// What it means, for docs/config.md.
    pub about: &'static str,
    /// A value as it would be written.
    pub example: &'static str,
}

/// What a key's value must be.
#[derive(Debug)]
pub enum Kind {
    /// One string, or a table of strings by language code.
    Text,
    String,
    /// One of these words.
    Word(&'static [&'static str]),
    /// A whole number, at least 0.
    Count,
    Integer,
    /// An integer or a decimal number.
    Number,
    Bool,
    /// A list of strings.
    Strings,
    /// A table with these keys.
    Table(&'static [Key]),
    /// An array of tables (`[[criteria]]`), each with these keys.
    Tables(&'static [Key]),
    /// A table whose keys are the user's (rubric levels, choice keys), each value of a kind.
    Map(&'static Kind),
}

impl Kind {
    /// The kind in words, for messages and docs/config.md.
    pub fn describe(&self) -> String {
        match self {
            Kind::Text => "text".into(),
            Kind::String => "a string".into(),
            Kind::Word(words) => format!("one of {}", quoted(words)),
            Kind::Count => "a whole number from 0".into(),
            Kind::Integer => "a whole number".into(),
            Kind::Number => "a number".into(),
            Kind::Bool => "true or false".into(),
            Kind::Strings => "a list of strings".into(),
            Kind::Table(_) => "a table".into(),
            Kind::Tables(_) => "an array of tables".into(),
            Kind::Map(inner) => format!("a table of {}", plural(inner)),
        }
    }
}

fn plural(kind: &Kind) -> String {
    match kind {
        Kind::Text => "texts".into(),
        Kind::Number => "numbers".into(),
        other => other.describe(),
    }
}

fn quoted(words: &[&str]) -> String {
    let words: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    words.join(", ")
}

/// A TOML file read, checked and deserialised.
pub struct Read<T> {
    /// Its text, to locate fields afterwards.
    pub text: String,
    pub value: T,
    /// Its unknown keys, as errors: the rest of the file was read without them, so that the
    /// checks of its values can be reported with them in one run.
    pub unknown: Vec<Diagnostic>,
}

/// Reads the TOML file at `path`, checks its shape against `keys` and deserialises it without
/// its unknown keys; every problem of its shape if it has any other than unknown keys.
pub fn read<T: DeserializeOwned>(path: &Path, keys: &[Key]) -> Result<Read<T>, Vec<Diagnostic>> {
    let text = crate::content::walk::read_text(path).map_err(|d| vec![d])?;
    let block = Block::toml_file(path, &text);
    let mut document = DeTable::parse(&text).map_err(|e| vec![block.toml_error(&e)])?;
    let mut walk = Walk {
        path,
        text: &text,
        out: Vec::new(),
        only_unknown: true,
    };
    walk.table(document.get_ref(), keys, "", 0..0);
    let (mut problems, only_unknown) = (walk.out, walk.only_unknown);
    problems.sort();
    if !only_unknown {
        return Err(problems);
    }
    drop_unknown(document.get_mut(), keys);
    let span = document.span();
    let root = Spanned::new(span, DeValue::Table(document.into_inner()));
    let value =
        T::deserialize(ValueDeserializer::from(root)).map_err(|e| vec![block.toml_error(&e)])?;
    Ok(Read {
        value,
        unknown: problems,
        text,
    })
}

/// Removes the keys `keys` does not know, at every level they describe.
fn drop_unknown(table: &mut DeTable, keys: &[Key]) {
    let known = |name: &str| keys.iter().any(|k| k.name == name);
    let unknown: Vec<_> = (table.keys())
        .filter(|name| !known(name.get_ref()))
        .cloned()
        .collect();
    for name in unknown {
        table.remove(&name);
    }
    for (name, value) in table.iter_mut() {
        let Some(key) = keys.iter().find(|k| k.name == name.get_ref().as_ref()) else {
            continue;
        };
        match (&key.kind, value.get_mut()) {
            (Kind::Table(inner), DeValue::Table(t)) => drop_unknown(t, inner),
            (Kind::Tables(inner), DeValue::Array(tables)) => {
                for table in tables.iter_mut() {
                    if let DeValue::Table(t) = table.get_mut() {
                        drop_unknown(t, inner);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Checks the TOML file at `path` (its `text`) against `keys`: every problem of its shape.
#[cfg(test)]
pub fn check(path: &Path, text: &str, keys: &[Key]) -> Vec<Diagnostic> {
    let document = match DeTable::parse(text) {
        Ok(document) => document,
        Err(error) => return vec![Block::toml_file(path, text).toml_error(&error)],
    };
    let mut walk = Walk {
        path,
        text,
        out: Vec::new(),
        only_unknown: true,
    };
    walk.table(document.get_ref(), keys, "", 0..0);
    walk.out
}

/// A check under way: the file and the problems found so far.
struct Walk<'a> {
    path: &'a Path,
    text: &'a str,
    out: Vec<Diagnostic>,
    /// Whether every problem so far is an unknown key (which reading can leave out).
    only_unknown: bool,
}

impl Walk<'_> {
    fn error(&mut self, span: Range<usize>, message: String) {
        self.only_unknown = false;
        self.unknown_key(span, message);
    }

    fn unknown_key(&mut self, span: Range<usize>, message: String) {
        let at = position_of(self.text, span.start);
        self.out
            .push(Diagnostic::error(self.path, message).at(Some(at)));
    }

    /// The keys of `table` (written at `span`; a missing key is reported there), whose path
    /// in the file is `prefix`.
    fn table(&mut self, table: &DeTable, keys: &[Key], prefix: &str, span: Range<usize>) {
        let names: Vec<&str> = keys.iter().map(|k| k.name).collect();
        for (name, value) in table.iter() {
            let full = join(prefix, name.get_ref());
            match keys.iter().find(|k| k.name == name.get_ref().as_ref()) {
                Some(key) => self.value(value, &key.kind, &full),
                None => {
                    let hint = suggest::did_you_mean(name.get_ref(), names.iter().copied());
                    let hint = if hint.is_empty() {
                        format!(" (keys here: {})", names.join(", "))
                    } else {
                        hint
                    };
                    self.unknown_key(name.span(), format!("unknown key `{full}`{hint}"));
                }
            }
        }
        for key in keys.iter().filter(|k| k.required) {
            if !table.keys().any(|name| name.get_ref() == key.name) {
                let full = join(prefix, key.name);
                let message = format!("missing key `{full}` ({})", key.kind.describe());
                self.error(span.clone(), message);
            }
        }
    }

    fn value(&mut self, value: &Spanned<DeValue>, kind: &Kind, full: &str) {
        let span = value.span();
        match (kind, value.get_ref()) {
            (Kind::Text | Kind::String, DeValue::String(_))
            | (Kind::Integer, DeValue::Integer(_))
            | (Kind::Number, DeValue::Integer(_) | DeValue::Float(_))
            | (Kind::Bool, DeValue::Boolean(_)) => {}
            (Kind::Count, DeValue::Integer(n)) if !n.as_str().starts_with('-') => {}
            (Kind::Word(words), DeValue::String(word)) => {
                if !words.contains(&word.as_ref()) {
                    let hint = suggest::did_you_mean(word, words.iter().copied());
                    let message = format!(
                        "`{full}` = \"{word}\" must be one of {}{hint}",
                        quoted(words)
                    );
                    self.error(span, message);
                }
            }
            (Kind::Text, DeValue::Table(table)) => self.entries(table, &Kind::String, full),
            (Kind::Map(inner), DeValue::Table(table)) => self.entries(table, inner, full),
            (Kind::Table(keys), DeValue::Table(table)) => self.table(table, keys, full, span),
            (Kind::Tables(keys), DeValue::Array(tables)) => {
                for table in tables.iter() {
                    match table.get_ref() {
                        DeValue::Table(t) => self.table(t, keys, full, table.span()),
                        _ => self.wrong(table, kind, full),
                    }
                }
            }
            (Kind::Strings, DeValue::Array(list)) => {
                for entry in list.iter() {
                    self.value(entry, &Kind::String, &format!("{full}[]"));
                }
            }
            _ => self.wrong(value, kind, full),
        }
    }

    /// Every value of a table whose keys are the user's.
    fn entries(&mut self, table: &DeTable, kind: &Kind, full: &str) {
        for (name, value) in table.iter() {
            self.value(value, kind, &join(full, name.get_ref()));
        }
    }

    fn wrong(&mut self, value: &Spanned<DeValue>, kind: &Kind, full: &str) {
        let found = match value.get_ref() {
            DeValue::String(_) => "a string",
            DeValue::Integer(n) if n.as_str().starts_with('-') => "a negative number",
            DeValue::Integer(_) => "a whole number",
            DeValue::Float(_) => "a decimal number",
            DeValue::Boolean(_) => "a boolean",
            DeValue::Datetime(_) => "a date",
            DeValue::Array(_) => "a list",
            DeValue::Table(_) => "a table",
        };
        let message = format!("`{full}` must be {}, found {found}", kind.describe());
        self.error(value.span(), message);
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

#[cfg(test)]
mod tests;
