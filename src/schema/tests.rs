//! Keeps the tables of keys in step with the structs serde fills (every key of the tables is
//! read, every required one is required) and with docs/config.md (one row per key, with its
//! kind, default and meaning). `VERSUS_BLESS=1` prints the rows docs/config.md must hold.

use std::collections::BTreeSet;
use std::path::Path;

use super::keys::{SITE, SOURCES};
use super::{Key, Kind, check};
use crate::config::Config;
use crate::init::{Lang, starter::Report};

fn starter() -> Report<'static> {
    static LANGUAGES: std::sync::LazyLock<Vec<Lang>> = std::sync::LazyLock::new(|| {
        ["en", "ko"]
            .map(|code| Lang {
                code: code.into(),
                name: code.into(),
            })
            .to_vec()
    });
    Report {
        title: "Things",
        languages: &LANGUAGES,
        items: "items",
        today: "2026-01-01",
    }
}

/// The text `init` writes for a file of the new report.
fn starter_file(name: &str) -> String {
    let files = starter().files();
    let (_, text) = files
        .into_iter()
        .find(|(path, _)| path.ends_with(name))
        .expect("init writes it");
    uncommented(&text, "# [repository]")
}

/// `text` with the table opening at the line `opening` uncommented, up to the next blank line:
/// the starter writes the optional `[repository]` commented out (a new report has no address
/// yet), and every key in it must still be right.
fn uncommented(text: &str, opening: &str) -> String {
    let mut inside = false;
    let lines = text.lines().map(|line| {
        inside = line == opening || (inside && !line.is_empty());
        if inside {
            line.strip_prefix("# ").unwrap_or(line)
        } else {
            line
        }
    });
    lines.collect::<Vec<_>>().join("\n") + "\n"
}

/// Every key path of `keys` (`criteria.weight`), with its key.
fn paths<'k>(keys: &'k [Key], prefix: &str, out: &mut Vec<(String, &'k Key)>) {
    for key in keys {
        let path = super::join(prefix, key.name);
        out.push((path.clone(), key));
        if let Kind::Table(inner) | Kind::Tables(inner) = &key.kind {
            paths(inner, &path, out);
        }
    }
}

/// Every key path written in a TOML document, user-named keys (rubric levels) left out.
fn written(value: &toml::Value, prefix: &str, keys: &[Key], out: &mut BTreeSet<String>) {
    let tables: Vec<&toml::Table> = match value {
        toml::Value::Table(t) => vec![t],
        toml::Value::Array(a) => a.iter().filter_map(toml::Value::as_table).collect(),
        _ => return,
    };
    for table in tables {
        for (name, value) in table {
            let Some(key) = keys.iter().find(|k| k.name == name) else {
                continue;
            };
            let path = super::join(prefix, name);
            if let Kind::Table(inner) | Kind::Tables(inner) = &key.kind {
                written(value, &path, inner, out);
            }
            out.insert(path);
        }
    }
}

#[test]
fn the_starter_files_write_every_key_and_serde_reads_them() {
    for (file, keys) in [("site.toml", SITE), ("sources.toml", SOURCES)] {
        let text = starter_file(file);
        assert_eq!(check(Path::new(file), &text, keys), [], "{file}");
        let mut all = Vec::new();
        paths(keys, "", &mut all);
        let all: BTreeSet<String> = all.into_iter().map(|(p, _)| p).collect();
        let mut found = BTreeSet::new();
        written(&toml::from_str(&text).unwrap(), "", keys, &mut found);
        assert_eq!(found, all, "init writes every key of {file}");
    }
    let config: Result<Config, _> = toml::from_str(&starter_file("site.toml"));
    assert!(config.is_ok(), "{config:?}");
}

/// Removes the key at `path` from every table it is in.
fn remove(value: &mut toml::Value, path: &[&str]) {
    match value {
        toml::Value::Array(list) => list.iter_mut().for_each(|v| remove(v, path)),
        toml::Value::Table(table) if path.len() == 1 => {
            table.remove(path[0]);
        }
        toml::Value::Table(table) => {
            if let Some(inner) = table.get_mut(path[0]) {
                remove(inner, &path[1..]);
            }
        }
        _ => {}
    }
}

#[test]
fn serde_requires_exactly_the_required_keys() {
    let document: toml::Value = toml::from_str(&starter_file("site.toml")).unwrap();
    let mut all = Vec::new();
    paths(SITE, "", &mut all);
    for (path, key) in all {
        let mut without = document.clone();
        remove(&mut without, &path.split('.').collect::<Vec<_>>());
        let text = toml::to_string(&without).unwrap();
        let parsed = toml::from_str::<Config>(&text);
        match (key.required, parsed) {
            (true, Ok(_)) => panic!("`{path}` is required in the table of keys, not in Config"),
            (true, Err(e)) => assert!(e.message().contains("missing field"), "{path}: {e}"),
            (false, Err(e)) => panic!("`{path}` is optional in the table of keys: {e}"),
            (false, Ok(_)) => {}
        }
        let problems = check(Path::new("site.toml"), &text, SITE);
        assert_eq!(problems.is_empty(), !key.required, "{path}: {problems:?}");
    }
}

/// The row of docs/config.md for each key.
fn rows(keys: &[Key]) -> Vec<String> {
    let mut all = Vec::new();
    paths(keys, "", &mut all);
    all.into_iter()
        .map(|(path, key)| {
            let default = if key.required {
                "required".to_string()
            } else {
                format!("`{}`", key.default)
                    .replace("`none`", "none")
                    .replace("`see its keys`", "see its keys")
            };
            format!(
                "| `{path}` | {} | {default} | {} | `{}` |",
                key.kind.describe(),
                key.about,
                key.example
            )
        })
        .collect()
}

#[test]
fn docs_config_md_has_a_row_for_every_key() {
    let doc_path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/config.md");
    let doc = std::fs::read_to_string(doc_path).unwrap_or_default();
    let documented: BTreeSet<&str> = doc.lines().filter(|l| l.starts_with("| `")).collect();
    let expected: Vec<String> = rows(SITE).into_iter().chain(rows(SOURCES)).collect();
    if std::env::var_os("VERSUS_BLESS").is_some() {
        println!("{}", expected.join("\n"));
    }
    let expected: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
    let missing: Vec<_> = expected.difference(&documented).collect();
    let stale: Vec<_> = documented.difference(&expected).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "docs/config.md is out of step with src/schema/keys.rs\nmissing rows:\n{missing:#?}\nrows of no key:\n{stale:#?}"
    );
}
