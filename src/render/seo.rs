//! Files for search engines and hosts, made beside the pages by `render`: `sitemap.xml` (every
//! page in every language, each with its language alternates), `robots.txt` pointing at it,
//! `.nojekyll` (so GitHub Pages publishes the files as they are), and `CNAME` when the base URL
//! names a custom domain. Pure: from the configuration and the routes to output files.

use crate::chart::escape;
use crate::config::Config;
use crate::render::OutputFile;
use crate::render::routes::{Route, lang_prefix};

/// Most URLs one sitemap file may list (sitemaps.org); a larger site gets a sitemap index.
pub const SITEMAP_LIMIT: usize = 50_000;

const URLSET_OPEN: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    "\n",
    r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">"#,
    "\n"
);

/// The search-engine and host files for a site whose pages are `routes` in every language.
pub fn files(config: &Config, routes: &[Route]) -> Vec<OutputFile> {
    let site = Addresses {
        base_url: &config.base_url,
        languages: config.language_codes().collect(),
        default: &config.default_language,
    };
    let pages: Vec<String> = routes
        .iter()
        .filter(|r| **r != Route::NotFound)
        .map(|r| r.path(&config.items))
        .collect();
    generate(&site, &pages, SITEMAP_LIMIT)
}

/// Where the pages of a site live: the base URL and the languages, in configured order.
struct Addresses<'a> {
    base_url: &'a str,
    languages: Vec<&'a str>,
    default: &'a str,
}

impl Addresses<'_> {
    /// Absolute URL of the page at `path` (below a language's root) in `lang`.
    fn url(&self, lang: &str, path: &str) -> String {
        format!("{}{}{path}", self.base_url, lang_prefix(lang, self.default))
    }
}

fn generate(site: &Addresses, pages: &[String], limit: usize) -> Vec<OutputFile> {
    let mut files = vec![
        text_file(".nojekyll", String::new()),
        text_file(
            "robots.txt",
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
                site.base_url
            ),
        ),
    ];
    files.extend(sitemaps(site, pages, limit));
    if let Some(domain) = custom_domain(site.base_url) {
        files.push(text_file("CNAME", format!("{domain}\n")));
    }
    files
}

/// `sitemap.xml`; past `limit` URLs, an index of `sitemap-1.xml`, `sitemap-2.xml`, ...
fn sitemaps(site: &Addresses, pages: &[String], limit: usize) -> Vec<OutputFile> {
    let entries: Vec<String> = pages
        .iter()
        .flat_map(|path| {
            site.languages
                .iter()
                .map(move |lang| entry(site, lang, path))
        })
        .collect();
    if entries.len() <= limit {
        return vec![text_file("sitemap.xml", urlset(&entries))];
    }
    let parts: Vec<&[String]> = entries.chunks(limit).collect();
    let mut index = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
        "\n"
    ));
    let mut files = Vec::new();
    for (n, part) in parts.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let loc = escape(&format!("{}{name}", site.base_url));
        index.push_str(&format!("  <sitemap><loc>{loc}</loc></sitemap>\n"));
        files.push(text_file(&name, urlset(part)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, text_file("sitemap.xml", index));
    files
}

fn urlset(entries: &[String]) -> String {
    let mut xml = String::from(URLSET_OPEN);
    for entry in entries {
        xml.push_str(entry);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// One `<url>`: the page in `lang`, with every language's version of it and the default's as
/// `x-default` (search engines want each version to list all of them, itself included).
fn entry(site: &Addresses, lang: &str, path: &str) -> String {
    let mut xml = format!(
        "  <url>\n    <loc>{}</loc>\n",
        escape(&site.url(lang, path))
    );
    let alternates = site
        .languages
        .iter()
        .map(|l| (*l, *l))
        .chain([("x-default", site.default)]);
    for (hreflang, lang) in alternates {
        xml.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
            escape(hreflang),
            escape(&site.url(lang, path))
        ));
    }
    xml.push_str("  </url>\n");
    xml
}

/// The domain for a `CNAME` file: the base URL's host when it is a domain name of the owner's
/// (not `*.github.io`, not an IP address or a name without a dot such as `localhost`), on the
/// default port, with the site at its root. A custom domain with a sub-path means the site is a
/// project under a user's or organisation's domain, which the project must not claim.
pub fn custom_domain(base_url: &str) -> Option<&str> {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority.rsplit('@').next()?;
    let lower = host.to_ascii_lowercase();
    let is_domain = lower.contains('.')
        && !lower.contains(':')
        && !lower.starts_with('[')
        && !lower.ends_with('.')
        && !lower.chars().all(|c| c.is_ascii_digit() || c == '.');
    let is_github = lower == "github.io" || lower.ends_with(".github.io");
    (is_domain && !is_github && (path.is_empty() || path == "/")).then_some(host)
}

fn text_file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const XHTML: &str = "http://www.w3.org/1999/xhtml";

    fn addresses(base_url: &str) -> Addresses<'_> {
        Addresses {
            base_url,
            languages: vec!["en", "ko"],
            default: "en",
        }
    }

    fn pages() -> Vec<String> {
        ["", "frameworks/gin/", "compare/"]
            .map(String::from)
            .to_vec()
    }

    fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
        let found = files.iter().find(|f| f.path == path);
        std::str::from_utf8(&found.unwrap_or_else(|| panic!("no {path}")).bytes).unwrap()
    }

    /// Each `<url>` of a sitemap: its `<loc>` and its alternates as (hreflang, href).
    fn parse(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
        let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "urlset");
        assert_eq!(root.tag_name().namespace(), Some(SITEMAP));
        root.children()
            .filter(|n| n.is_element())
            .map(|url| {
                assert_eq!(url.tag_name().name(), "url");
                let loc = url
                    .children()
                    .find(|n| n.has_tag_name((SITEMAP, "loc")))
                    .and_then(|n| n.text())
                    .expect("a <loc>")
                    .to_string();
                let links = url
                    .children()
                    .filter(|n| n.has_tag_name((XHTML, "link")))
                    .map(|n| {
                        assert_eq!(n.attribute("rel"), Some("alternate"));
                        let attr = |a| n.attribute(a).unwrap().to_string();
                        (attr("hreflang"), attr("href"))
                    })
                    .collect();
                (loc, links)
            })
            .collect()
    }

    #[test]
    fn sitemap_lists_every_page_in_every_language_with_its_alternates() {
        let files = generate(
            &addresses("https://u.github.io/versus/"),
            &pages(),
            SITEMAP_LIMIT,
        );
        let urls = parse(file(&files, "sitemap.xml"));
        let locs: Vec<&str> = urls.iter().map(|(loc, _)| loc.as_str()).collect();
        assert_eq!(
            locs,
            [
                "https://u.github.io/versus/",
                "https://u.github.io/versus/ko/",
                "https://u.github.io/versus/frameworks/gin/",
                "https://u.github.io/versus/ko/frameworks/gin/",
                "https://u.github.io/versus/compare/",
                "https://u.github.io/versus/ko/compare/",
            ]
        );
        let gin = [
            ("en", "https://u.github.io/versus/frameworks/gin/"),
            ("ko", "https://u.github.io/versus/ko/frameworks/gin/"),
            ("x-default", "https://u.github.io/versus/frameworks/gin/"),
        ]
        .map(|(l, h)| (l.to_string(), h.to_string()));
        assert_eq!(urls[2].1, gin);
        assert_eq!(urls[3].1, gin, "the Korean page lists the same alternates");
    }

    #[test]
    fn urls_are_escaped_in_xml() {
        let files = generate(
            &addresses("https://example.org/a&b<c>/"),
            &pages(),
            SITEMAP_LIMIT,
        );
        let xml = file(&files, "sitemap.xml");
        assert!(xml.contains("https://example.org/a&amp;b&lt;c&gt;/ko/"));
        let urls = parse(xml);
        assert_eq!(urls[1].0, "https://example.org/a&b<c>/ko/");
        assert_eq!(urls[1].1[2].1, "https://example.org/a&b<c>/");
    }

    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let files = generate(&addresses("https://u.github.io/v/"), &pages(), 4);
        let index = roxmltree::Document::parse(file(&files, "sitemap.xml")).unwrap();
        assert_eq!(index.root_element().tag_name().name(), "sitemapindex");
        let parts: Vec<&str> = index
            .descendants()
            .filter(|n| n.has_tag_name((SITEMAP, "loc")))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            parts,
            [
                "https://u.github.io/v/sitemap-1.xml",
                "https://u.github.io/v/sitemap-2.xml"
            ]
        );
        assert_eq!(parse(file(&files, "sitemap-1.xml")).len(), 4);
        assert_eq!(parse(file(&files, "sitemap-2.xml")).len(), 2);
    }

    #[test]
    fn robots_points_at_the_sitemap_and_jekyll_is_off() {
        let files = generate(&addresses("https://u.github.io/versus/"), &pages(), 10);
        assert_eq!(
            file(&files, "robots.txt"),
            "User-agent: *\nAllow: /\n\nSitemap: https://u.github.io/versus/sitemap.xml\n"
        );
        assert_eq!(file(&files, ".nojekyll"), "");
        assert!(files.iter().all(|f| f.path != "CNAME"));
    }

    #[test]
    fn cname_only_for_a_custom_domain_at_its_root() {
        let files = generate(&addresses("https://compare.example.com/"), &pages(), 10);
        assert_eq!(file(&files, "CNAME"), "compare.example.com\n");
        for (url, domain) in [
            ("https://Compare.Example.com", Some("Compare.Example.com")),
            ("http://example.com/", Some("example.com")),
            ("https://u.github.io/versus/", None),
            ("https://u.github.io/", None),
            ("https://U.GitHub.IO/", None),
            ("https://example.com/versus/", None),
            ("http://127.0.0.1:8000/versus/", None),
            ("http://127.0.0.1/", None),
            ("http://localhost/", None),
            ("http://example.com:8080/", None),
            ("http://[::1]/", None),
            ("ftp://example.com/", None),
        ] {
            assert_eq!(custom_domain(url), domain, "{url}");
        }
    }
}
