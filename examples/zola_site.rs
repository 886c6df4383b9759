//! Zola's side of the benchmark (see BENCHMARKS.md): turns a `versus` report, such as the one
//! `examples/synth.rs` writes, into a Zola site with the templates of `bench/zola/`, so that
//! Zola 0.21 builds the same items, in the same languages, with the same code highlighted.
//!
//! ```sh
//! cargo run --release --example zola_site -- /dev/shm/versus-bench/site-1000 /dev/shm/zola-1000
//! zola --root /dev/shm/zola-1000 build --output-dir /dev/shm/zola-out
//! ```
//!
//! What changes on the way, and why: Zola's front-matter knows `title` and `description` and
//! keeps everything else under `[extra]`; a translation carries only its text, as in `versus`,
//! so the converter gives it the original's facts and scores (what `versus` does when it
//! loads, and Hugo's template does for its pages); `@/` links name Zola's files
//! (`@/items/x.md`, `@/items/x.ko.md`); the sources page gets a heading per source, the anchors
//! items link to. Only TOML front-matter is read (what `synth` writes).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::ExitCode;

use toml::{Table, Value};

/// The Zola site's configuration and templates, beside this example.
const TEMPLATES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/zola");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [from, to] = args.as_slice() else {
        eprintln!("usage: zola_site VERSUS_PROJECT ZOLA_SITE   (writes ZOLA_SITE afresh)");
        return ExitCode::from(2);
    };
    match convert(Path::new(from), Path::new(to)) {
        Ok(pages) => {
            println!("wrote a Zola site of {pages} content files into {to}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("zola_site: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T> = std::result::Result<T, String>;

/// What the converter needs of the report's `site.toml`.
struct Report {
    items: String,
    default_lang: String,
    langs: Vec<String>,
    /// Every content file, `<folder>/<stem>` (`items/x`, `items/x.ko`, `pages/home`).
    files: BTreeSet<String>,
}

impl Report {
    /// The file an `@/` link in a page of `lang` leads to in Zola's terms, or `None`.
    fn link(&self, path: &str, lang: &str) -> Option<String> {
        let (path, fragment) = path.split_once('#').map_or((path, ""), |(p, f)| (p, f));
        let path = path.trim_matches('/');
        let stem = match path {
            "" | "home" => "_index".to_string(),
            "compare" => format!("{}/_index", self.items),
            p if p.starts_with(&format!("{}/", self.items)) => p.to_string(),
            p => format!("pages/{p}"),
        };
        let translated = format!("{stem}.{lang}");
        let stem = if lang != self.default_lang
            && (stem.ends_with("_index") || self.files.contains(&translated))
        {
            translated
        } else if stem.ends_with("_index") || self.files.contains(&stem) {
            stem
        } else {
            return None;
        };
        let hash = if fragment.is_empty() { "" } else { "#" };
        Some(format!("@/{stem}.md{hash}{fragment}"))
    }
}

/// Writes the Zola site; returns the number of content files.
fn convert(from: &Path, to: &Path) -> Result<usize> {
    let content = from.join("content");
    let site = read_toml(&content.join("site.toml"))?;
    let text = |key: &str| site.get(key).and_then(Value::as_str).map(str::to_string);
    let items = text("items").unwrap_or_else(|| "items".into());
    let files = stems(&content.join(&items), &items)?
        .into_iter()
        .chain(stems(&content.join("pages"), "pages")?)
        .collect();
    let report = Report {
        items,
        default_lang: text("default_language").unwrap_or_else(|| "en".into()),
        langs: (site
            .get("languages")
            .and_then(Value::as_array)
            .into_iter()
            .flatten())
        .filter_map(|l| l.get("code").and_then(Value::as_str).map(str::to_string))
        .collect(),
        files,
    };
    if to.exists() {
        fs::remove_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    copy_dir(Path::new(TEMPLATES), to)?;
    let sources = read_toml(&content.join("sources.toml"))?;
    let mut written = 0;
    for stem in &report.files {
        let (folder, name) = stem.split_once('/').expect("stems are folder/name");
        let (slug, lang) = split_lang(name, &report);
        let (front, body) = read_item(&content.join(format!("{stem}.md")))?;
        let original = if lang == report.default_lang {
            None
        } else {
            Some(read_item(&content.join(format!("{folder}/{slug}.md")))?.0)
        };
        let front = zola_front(front, original);
        let mut body = rewrite_links(&body, &lang, &report);
        if folder == "pages" && slug == "sources" {
            body.push_str(&source_headings(&sources));
        }
        let out = match (folder, slug) {
            ("pages", "home") => to.join("content").join(zola_name("_index", &lang, &report)),
            _ => to
                .join("content")
                .join(folder)
                .join(zola_name(slug, &lang, &report)),
        };
        write(&out, &format!("+++\n{front}+++\n{body}"))?;
        written += 1;
    }
    for lang in &report.langs {
        let title = |key: &str| format!("+++\ntitle = \"{key}\"\nsort_by = \"title\"\n+++\n");
        for (folder, title) in [
            (report.items.as_str(), title("Compare")),
            ("pages", title("")),
        ] {
            let name = zola_name("_index", lang, &report);
            write(&to.join("content").join(folder).join(name), &title)?;
            written += 1;
        }
    }
    Ok(written)
}

/// `name` and its language: `x.ko` is `("x", "ko")`, `x` is in the default language.
fn split_lang<'a>(name: &'a str, report: &Report) -> (&'a str, String) {
    match name.rsplit_once('.') {
        Some((slug, lang)) if report.langs.iter().any(|l| l == lang) => (slug, lang.to_string()),
        _ => (name, report.default_lang.clone()),
    }
}

/// Zola's file name of `slug` in `lang`.
fn zola_name(slug: &str, lang: &str, report: &Report) -> String {
    if lang == report.default_lang {
        format!("{slug}.md")
    } else {
        format!("{slug}.{lang}.md")
    }
}

/// `<prefix>/<stem>` of each `*.md` in `dir`.
fn stems(dir: &Path, prefix: &str) -> Result<Vec<String>> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut stems = Vec::new();
    for entry in entries {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        if let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".md")) {
            stems.push(format!("{prefix}/{stem}"));
        }
    }
    Ok(stems)
}

/// An item's or page's front-matter and body.
fn read_item(path: &Path) -> Result<(Table, String)> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let rest = text
        .strip_prefix("+++\n")
        .ok_or_else(|| format!("{}: only TOML front-matter (+++) is read", path.display()))?;
    let (front, body) = rest
        .split_once("\n+++\n")
        .ok_or_else(|| format!("{}: front-matter is not closed", path.display()))?;
    let front = front
        .parse::<Table>()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((front, body.to_string()))
}

fn read_toml(path: &Path) -> Result<Table> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.parse::<Table>()
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Zola's front-matter: the name as `title`, the summary as `description`, the rest in `extra`,
/// a translation completed from its original (its own text first).
fn zola_front(mut front: Table, original: Option<Table>) -> String {
    if let Some(original) = original {
        front = merged(original, front);
    }
    let mut zola = Table::new();
    for (from, to) in [
        ("name", "title"),
        ("title", "title"),
        ("summary", "description"),
    ] {
        if let Some(value) = front.remove(from) {
            zola.insert(to.into(), value);
        }
    }
    if let Some(Value::String(description)) = front.remove("description") {
        zola.insert("description".into(), Value::String(description));
    }
    zola.insert("extra".into(), Value::Table(dates_as_text(front)));
    toml::to_string(&zola).expect("a table serializes")
}

/// `over` laid on `base`, tables merged key by key.
fn merged(mut base: Table, over: Table) -> Table {
    for (key, value) in over {
        let value = match (base.remove(&key), value) {
            (Some(Value::Table(b)), Value::Table(o)) => Value::Table(merged(b, o)),
            (_, value) => value,
        };
        base.insert(key, value);
    }
    base
}

/// Dates written as text, as templates show them.
fn dates_as_text(table: Table) -> Table {
    table
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                Value::Datetime(d) => Value::String(d.to_string()),
                Value::Table(t) => Value::Table(dates_as_text(t)),
                v => v,
            };
            (k, v)
        })
        .collect()
}

/// `body` with every `](@/path)` link naming Zola's file; a link to nothing is left as it is
/// (Zola then reports it).
fn rewrite_links(body: &str, lang: &str, report: &Report) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut rest = body;
    while let Some(at) = rest.find("](@/") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let end = rest.find(')').unwrap_or(rest.len());
        match report.link(&rest[2..end], lang) {
            Some(link) => out.push_str(&link),
            None => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A heading per source, with the source's id as its anchor (`versus` lists them so).
fn source_headings(sources: &Table) -> String {
    let mut out = String::from("\n");
    let list = sources.get("sources").and_then(Value::as_array);
    for source in list.into_iter().flatten() {
        let field = |k: &str| source.get(k).and_then(Value::as_str).unwrap_or_default();
        out.push_str(&format!(
            "\n## {} {{#{}}}\n\n{}\n",
            field("title"),
            field("id"),
            field("url")
        ));
    }
    out
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        Report {
            items: "items".into(),
            default_lang: "en".into(),
            langs: vec!["en".into(), "ko".into()],
            files: ["items/a", "items/a.ko", "items/b", "pages/sources"]
                .map(String::from)
                .into(),
        }
    }

    #[test]
    fn links_name_zola_files_in_the_page_language() {
        let r = report();
        let body = "[A](@/items/a), [B](@/items/b), [t](@/compare), [s](@/sources#x), [n](@/nope)";
        assert_eq!(
            rewrite_links(body, "ko", &r),
            "[A](@/items/a.ko.md), [B](@/items/b.md), [t](@/items/_index.ko.md), \
             [s](@/pages/sources.md#x), [n](@/nope)"
        );
        assert_eq!(
            rewrite_links("[A](@/items/a)", "en", &r),
            "[A](@/items/a.md)"
        );
    }

    #[test]
    fn a_translation_takes_the_original_s_scores_and_keeps_its_notes() {
        let original: Table =
            "name = \"A\"\nsummary = \"en\"\n[ratings.speed]\nscore = 4\nnote = \"en\"\n"
                .parse()
                .unwrap();
        let translation: Table = "summary = \"ko\"\n[ratings.speed]\nnote = \"ko\"\n"
            .parse()
            .unwrap();
        let front: Table = zola_front(translation, Some(original)).parse().unwrap();
        assert_eq!(front["title"].as_str(), Some("A"));
        assert_eq!(front["description"].as_str(), Some("ko"));
        let speed = &front["extra"]["ratings"]["speed"];
        assert_eq!(speed["score"].as_integer(), Some(4));
        assert_eq!(speed["note"].as_str(), Some("ko"));
    }
}
