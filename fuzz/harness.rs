//! What the fuzz targets run on each input, with the properties they check: shared by the
//! cargo-fuzz targets (`fuzz_targets/`) and by the stable-Rust test that replays the kept
//! corpus and every crasher found (`tests/site/fuzzing.rs` includes this file by path).
//! A broken property panics, which libFuzzer reports as a crash.
//!
//! The first byte of an input picks a variant (which kind of file, which raw-HTML policy,
//! which configuration file); the rest is the file's text.

// Each target uses a part of this file.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use versus::config::Config;
use versus::content::frontmatter::{normalize, split};
use versus::content::parse::Block;
use versus::content::raw::{RawItem, RawItemTranslation, RawPage};
use versus::content::walk::{ContentFile, Kind};
use versus::error::Diagnostic;
use versus::highlight::Highlighter;
use versus::markdown::{self, Context, RawHtml};
use versus::model::Source;
use versus::model::validate::validate;
use versus::render::routes::RESERVED;
use versus::{Project, load};

/// The configuration and an item of the `bilingual` test fixture: fuzzed files are validated
/// against them, and a fuzzed translation has an original to attach to.
const SITE: &str = include_str!("../tests/fixtures/bilingual/content/site.toml");
const ALPHA: &str = include_str!("../tests/fixtures/bilingual/content/items/alpha.md");

/// The front-matter path: normalising, splitting, parsing into every raw type, and validating
/// the file as an item, a translation or a page. Checks that the split is consistent with the
/// text and that every diagnostic points inside the file.
pub fn front_matter(data: &[u8]) {
    let Some((&variant, rest)) = data.split_first() else {
        return;
    };
    let text = normalize(&String::from_utf8_lossy(rest));
    if let Ok(parts) = split(&text) {
        let start = parts.offset;
        assert!(
            text[start..].starts_with(parts.front_matter),
            "the front-matter is where the split says"
        );
        assert!(text.ends_with(parts.body), "the body ends the file");
        assert!(start + parts.front_matter.len() <= text.len() - parts.body.len());
        let block = Block::new(Path::new("fuzz.md"), parts.front_matter, parts.format, 2);
        let _ = block.parse::<RawItem>();
        let _ = block.parse::<RawItemTranslation>();
        let _ = block.parse::<RawPage>();
        for path in [
            &["ratings", "speed", "score"][..],
            &["facts", "license"],
            &["name"],
        ] {
            if let Some(at) = block.locate(path) {
                assert_inside(&text, at.line, at.column, "a located key");
            }
        }
    }
    let (kind, slug, lang) = match variant % 3 {
        0 => (Kind::Item, "fuzz", "en"),
        1 => (Kind::Item, "alpha", "ko"),
        _ => (Kind::Page, "fuzz", "en"),
    };
    let path = PathBuf::from(format!("content/x/{slug}.{lang}.md"));
    let fuzzed = ContentFile {
        kind,
        slug: slug.to_string(),
        lang: lang.to_string(),
        is_translation: lang != "en",
        path: path.clone(),
        text: text.clone(),
    };
    let original = ContentFile {
        kind: Kind::Item,
        slug: "alpha".to_string(),
        lang: "en".to_string(),
        is_translation: false,
        path: PathBuf::from("content/x/alpha.md"),
        text: ALPHA.to_string(),
    };
    let diagnostics = match validate(config(), sources(), &[original, fuzzed], RESERVED) {
        Ok((_, warnings)) => warnings,
        Err(errors) => errors,
    };
    for diagnostic in diagnostics.iter().filter(|d| d.path == path) {
        if let Some(at) = diagnostic.position {
            assert_inside(&text, at.line, at.column, &diagnostic.to_string());
        }
    }
}

/// The files of the project that fuzzed configuration is loaded with: the `bilingual`
/// fixture's configuration files (these two first), an item in TOML with its translation, an
/// item in YAML, a page.
const PROJECT: &[(&str, &str)] = &[
    ("site.toml", SITE),
    (
        "sources.toml",
        include_str!("../tests/fixtures/bilingual/content/sources.toml"),
    ),
    ("items/alpha.md", ALPHA),
    (
        "items/alpha.ko.md",
        include_str!("../tests/fixtures/bilingual/content/items/alpha.ko.md"),
    ),
    (
        "items/beta.md",
        include_str!("../tests/fixtures/bilingual/content/items/beta.md"),
    ),
    (
        "pages/home.md",
        include_str!("../tests/fixtures/bilingual/content/pages/home.md"),
    ),
];

/// The configuration path: the input is written as `content/site.toml` (an even first byte)
/// or `content/sources.toml` (odd) of a project otherwise the [`PROJECT`]'s, and loaded as a
/// build loads it (`versus::load`: reading, parsing, checking the configuration and the
/// sources, validating the content against them). Checks that every error names its place:
/// a line and column inside the fuzzed file for any error in it, and otherwise a line and
/// column or a file or folder of the project. Returns the errors, with paths below the
/// project's root.
pub fn configuration(data: &[u8]) -> Vec<Diagnostic> {
    let Some((&variant, rest)) = data.split_first() else {
        return Vec::new();
    };
    let name = if variant % 2 == 0 {
        "site.toml"
    } else {
        "sources.toml"
    };
    let root = scratch_project();
    let content = root.join("content");
    for (file, text) in &PROJECT[..2] {
        let bytes = if *file == name { rest } else { text.as_bytes() };
        // A new file each time: rewriting one in place makes ext4 flush it to disk on close.
        let _ = fs::remove_file(content.join(file));
        fs::write(content.join(file), bytes).expect("write a configuration file");
    }
    let fuzzed = content.join(name);
    let text = normalize(&String::from_utf8_lossy(rest));
    let diagnostics = match load(&Project::at(&root), &Default::default()) {
        Ok((_, warnings)) => warnings,
        Err(failure) => failure.diagnostics,
    };
    let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
    for error in &errors {
        match error.position {
            Some(at) if error.path == fuzzed => {
                assert_inside(&text, at.line, at.column, &error.to_string());
            }
            Some(_) => {}
            // A problem with a whole file or folder (missing, unreadable, linked) is placed by
            // its path; anything the configuration's text says wrong is placed in it.
            None => assert!(
                error.path != fuzzed && error.path.starts_with(&content),
                "an error without a line and column: {error}"
            ),
        }
    }
    errors
        .into_iter()
        .map(|error| Diagnostic {
            path: error
                .path
                .strip_prefix(&root)
                .unwrap_or(&error.path)
                .to_path_buf(),
            ..error
        })
        .collect()
}

/// A project folder of this thread's own (the tests run on several threads), removed when the
/// thread ends.
fn scratch_project() -> PathBuf {
    struct Scratch(PathBuf);
    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }
    thread_local! {
        static SCRATCH: Scratch = {
            let thread = format!("{:?}", std::thread::current().id());
            let name: String = thread.chars().filter(char::is_ascii_digit).collect();
            let root = std::env::temp_dir()
                .join(format!("versus-fuzz-{}-{name}", std::process::id()));
            for folder in ["items", "pages"] {
                fs::create_dir_all(root.join("content").join(folder)).expect("a scratch project");
            }
            for (file, text) in PROJECT {
                fs::write(root.join("content").join(file), text).expect("a scratch project");
            }
            Scratch(root)
        };
    }
    SCRATCH.with(|scratch| scratch.0.clone())
}

/// The Markdown path: rendering with either raw-HTML policy. Checks that every problem points
/// inside the source, and, when raw HTML is escaped, that the HTML has only elements and
/// attributes the renderer writes itself and links only with allowed schemes.
pub fn markdown(data: &[u8]) {
    let Some((&variant, rest)) = data.split_first() else {
        return;
    };
    let source = String::from_utf8_lossy(rest);
    let raw_html = if variant % 2 == 0 {
        RawHtml::Escape
    } else {
        RawHtml::Allow
    };
    let resolve = |path: &str| {
        let page = path.split('#').next().unwrap_or_default();
        ["items/alpha", "compare", ""]
            .contains(&page)
            .then(|| format!("../{path}"))
            .ok_or_else(|| "no such page in this site".to_string())
    };
    // Each input is a run of its own: the highlighter keeps the blocks of two runs only.
    highlighter().start_run();
    let context = Context {
        resolve: &resolve,
        highlighter: highlighter(),
        footnote_prefix: "f-",
        raw_html,
    };
    let rendered = markdown::render(&source, &context);
    for problem in &rendered.problems {
        assert!(
            problem.offset <= source.len(),
            "a problem inside the source"
        );
    }
    if raw_html == RawHtml::Escape {
        assert_safe_html(&rendered.html);
    }
}

/// Elements pulldown-cmark and the code highlighter write; nothing else may appear when raw
/// HTML is escaped.
const ELEMENTS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "input",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "span",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "dl",
    "dt",
    "dd",
    "sub",
    "s",
];
const ATTRIBUTES: &[&str] = &[
    "href", "src", "alt", "title", "id", "class", "tabindex", "start", "type", "checked",
    "disabled",
];

/// Scans the HTML's tags: every element and attribute known, every link's scheme allowed.
fn assert_safe_html(html: &str) {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            ELEMENTS.contains(&name.as_str()),
            "element <{name}> written from escaped content: {html}"
        );
        for (attribute, value) in attributes(tag) {
            assert!(
                ATTRIBUTES.contains(&attribute),
                "attribute {attribute} on <{name}>: {html}"
            );
            if attribute == "href" || attribute == "src" {
                assert_safe_url(value, html);
            }
        }
        rest = &rest[end..];
    }
}

/// The `name="value"` pairs of a tag's text (pulldown-cmark always quotes with `"`).
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].rsplit(' ').next().unwrap_or_default();
        let after = &rest[eq + 2..];
        let close = after.find('"').unwrap_or(after.len());
        found.push((name, &after[..close]));
        rest = &after[(close + 1).min(after.len())..];
    }
    found
}

/// A link as a browser reads it (spaces and controls before it ignored, tabs and newlines
/// anywhere dropped) has no scheme, or http, https or mailto.
fn assert_safe_url(url: &str, html: &str) {
    let url: String = url
        .replace("&amp;", "&")
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(colon) = url.find(':') else {
        return;
    };
    let candidate = &url[..colon];
    let is_scheme = candidate
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    assert!(
        !is_scheme
            || ["http", "https", "mailto"].contains(&candidate.to_ascii_lowercase().as_str()),
        "a link with the scheme {candidate:?}: {url} in {html}"
    );
}

/// A 1-based line and column inside `text` (the column may be one past the line's end).
fn assert_inside(text: &str, line: usize, column: usize, what: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        line >= 1 && line <= lines.len(),
        "{what}: line {line} of {}",
        lines.len()
    );
    let width = lines[line - 1].chars().count();
    assert!(
        column >= 1 && column <= width + 1,
        "{what}: column {column} of a line of {width}"
    );
}

fn config() -> Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            Block::toml_file(Path::new("site.toml"), SITE)
                .parse()
                .unwrap_or_else(|d: Diagnostic| panic!("the fixture's site.toml: {d}"))
        })
        .clone()
}

fn sources() -> Vec<Source> {
    ["review", "survey"]
        .into_iter()
        .map(|id| Source {
            id: id.to_string(),
            title: format!("The {id}"),
            author: None,
            publisher: None,
            date: None,
            language: None,
            url: Some(format!("https://example.org/{id}")),
            note: None,
        })
        .collect()
}

/// Loading syntaxes takes a while: once per process.
fn highlighter() -> &'static Highlighter {
    static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
    HIGHLIGHTER.get_or_init(Highlighter::default)
}
