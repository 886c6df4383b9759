//! Reading the built pages for `check`: the ids a page defines (targets of `#anchors`) and
//! every address it refers to, from HTML with a WHATWG tokenizer (html5gum: entities decoded,
//! `<script>` and `<style>` read as raw text) and from CSS `url(...)`.

use std::collections::BTreeSet;

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Whether an address is followed by a reader (a link) or loaded by the page (an asset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Link,
    Asset,
}

/// One address a page refers to, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub kind: Kind,
    pub url: String,
}

/// What `check` needs from one file of the site.
#[derive(Debug, Default)]
pub struct Scan {
    pub ids: BTreeSet<String>,
    pub references: Vec<Reference>,
}

/// Attributes holding addresses, by element: what a reader follows is a link, the rest is
/// loaded with the page.
fn kind_of(element: &str, attribute: &str, rel: Option<&str>) -> Option<Kind> {
    match (element, attribute) {
        ("a" | "area", "href") => Some(Kind::Link),
        ("link", "href") if matches!(rel, Some("canonical" | "alternate")) => Some(Kind::Link),
        ("link" | "use" | "image", "href")
        | ("script" | "img" | "source" | "video" | "audio" | "iframe" | "embed" | "track", "src")
        | ("video", "poster")
        | ("object", "data") => Some(Kind::Asset),
        _ => None,
    }
}

/// Reads an HTML page.
pub fn scan_html(html: &str) -> Scan {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut scan = Scan::default();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let value = |key: &[u8]| {
            tag.attributes
                .get(key)
                .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        };
        if let Some(id) = value(b"id") {
            scan.ids.insert(id);
        }
        let rel = value(b"rel");
        for (key, raw) in &tag.attributes {
            let key = String::from_utf8_lossy(key);
            if let Some(kind) = kind_of(&name, &key, rel.as_deref()) {
                let url = String::from_utf8_lossy(&raw.value).trim().to_string();
                scan.references.push(Reference { kind, url });
            }
            if key == "srcset" {
                scan.references
                    .extend(srcset(&String::from_utf8_lossy(&raw.value)));
            }
        }
    }
    scan
}

/// The addresses of a `srcset` list (`a.png 1x, b.png 2x`).
fn srcset(value: &str) -> impl Iterator<Item = Reference> + '_ {
    value
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
        .map(|url| Reference {
            kind: Kind::Asset,
            url: url.to_string(),
        })
}

/// Reads a stylesheet: the addresses of its `url(...)`s (fonts, images).
pub fn scan_css(css: &str) -> Scan {
    let mut scan = Scan::default();
    let mut rest = css;
    while let Some(start) = rest.find("url(") {
        rest = &rest[start + 4..];
        let Some(end) = rest.find(')') else { break };
        let url = rest[..end].trim().trim_matches(['"', '\'']).trim();
        if !url.is_empty() {
            scan.references.push(Reference {
                kind: Kind::Asset,
                url: url.to_string(),
            });
        }
        rest = &rest[end..];
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(scan: &Scan) -> Vec<(Kind, &str)> {
        scan.references
            .iter()
            .map(|r| (r.kind, r.url.as_str()))
            .collect()
    }

    #[test]
    fn finds_ids_links_and_assets_but_not_inside_scripts() {
        let scan = scan_html(
            "<!doctype html><link rel=stylesheet href=\"a.css\"><link rel=\"canonical\" href=\"https://x/\">\
             <h2 id=\"scale\">S</h2><a href=\"../b/?q=1&amp;r=2#scale\">b</a>\
             <script>let s = '<a href=\"nope\" id=\"no\">';</script><img src=i.png srcset=\"i.png 1x, j.png 2x\">",
        );
        assert_eq!(scan.ids, BTreeSet::from(["scale".to_string()]));
        assert_eq!(
            urls(&scan),
            [
                (Kind::Asset, "a.css"),
                (Kind::Link, "https://x/"),
                (Kind::Link, "../b/?q=1&r=2#scale"),
                (Kind::Asset, "i.png"),
                (Kind::Asset, "i.png"),
                (Kind::Asset, "j.png"),
            ]
        );
    }

    #[test]
    fn finds_urls_in_css() {
        let scan = scan_css("a{background:url( \"img/x.svg\" )} @font-face{src:url(f.woff2)}");
        assert_eq!(
            urls(&scan),
            [(Kind::Asset, "img/x.svg"), (Kind::Asset, "f.woff2")]
        );
    }
}
