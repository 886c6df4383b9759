//! Languages on the `bilingual` fixture: every page says its language, lists its twins in every
//! language (and `x-default`) at absolute addresses, and its language switcher leads to the
//! same page in the other language; an untranslated item says so.

use super::support::{SiteTest, attr, one, resolve, select, text};

const BASE_URL: &str = "https://example.org/widgets/";
const LANGUAGES: [&str; 2] = ["en", "ko"];

/// Each built page: its file below the output, its language, and its path in any language
/// (`items/alpha/`, `` for the home page, `404.html`).
fn pages(site: &SiteTest) -> Vec<(String, &'static str, String)> {
    site.tree("output")
        .paths_ending(".html")
        .into_iter()
        .map(|file| {
            let (lang, rest) = match file.strip_prefix("ko/") {
                Some(rest) => ("ko", rest),
                None => ("en", file),
            };
            let path = rest.strip_suffix("index.html").unwrap_or(rest).to_string();
            (file.to_string(), lang, path)
        })
        .collect()
}

/// The address of a page in a language.
fn url(base: &str, lang: &str, path: &str) -> String {
    match lang {
        "en" => format!("{base}{path}"),
        _ => format!("{base}{lang}/{path}"),
    }
}

/// The file of a page in a language.
fn file(lang: &str, path: &str) -> String {
    let prefix = if lang == "en" {
        String::new()
    } else {
        format!("{lang}/")
    };
    match path {
        "" => format!("{prefix}index.html"),
        p if p.ends_with('/') => format!("{prefix}{p}index.html"),
        p => format!("{prefix}{p}"),
    }
}

fn alternates(site: &SiteTest, page: &str) -> Vec<(String, String)> {
    select(&site.page(page), "link[rel=alternate][hreflang]")
        .into_iter()
        .map(|l| (attr(l, "hreflang").to_string(), attr(l, "href").to_string()))
        .collect()
}

fn expected_alternates(base: &str, path: &str) -> Vec<(String, String)> {
    let mut expected: Vec<(String, String)> = LANGUAGES
        .iter()
        .map(|lang| (lang.to_string(), url(base, lang, path)))
        .collect();
    expected.push(("x-default".to_string(), url(base, "en", path)));
    expected
}

#[test]
fn every_page_declares_its_language() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    for (page, lang, _) in pages(&site) {
        assert_eq!(attr(one(&site.page(&page), "html"), "lang"), lang, "{page}");
    }
}

#[test]
fn every_page_lists_its_twins_in_every_language_and_a_default() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    for (page, _, path) in pages(&site) {
        assert_eq!(
            alternates(&site, &page),
            expected_alternates(BASE_URL, &path),
            "{page}"
        );
    }
}

#[test]
fn the_base_url_option_moves_every_alternate() {
    let site = SiteTest::fixture("bilingual");
    site.build_with(&["--base-url", "https://mirror.example.net/w"])
        .assert_clean();
    let base = "https://mirror.example.net/w/";
    assert_eq!(
        alternates(&site, "ko/items/beta/index.html"),
        expected_alternates(base, "items/beta/")
    );
    let beta = site.page("ko/items/beta/index.html");
    assert_eq!(
        attr(one(&beta, "link[rel=canonical]"), "href"),
        "https://mirror.example.net/w/ko/items/beta/"
    );
}

#[test]
fn the_language_switcher_leads_to_the_same_page_in_the_other_language() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    for (page, lang, path) in pages(&site) {
        let html = site.page(&page);
        let current = one(&html, "nav.languages [aria-current]");
        assert_eq!(
            attr(current, "lang"),
            lang,
            "{page}: the current language is marked"
        );
        let links = select(&html, "nav.languages a[hreflang]");
        let other = LANGUAGES
            .iter()
            .find(|l| **l != lang)
            .expect("two languages");
        assert_eq!(links.len(), 1, "{page}: one link, to the other language");
        assert_eq!(attr(links[0], "hreflang"), *other, "{page}");
        let target = resolve(&page, attr(links[0], "href"), BASE_URL);
        let expected = (file(other, &path), String::new());
        assert_eq!(target, Some(Ok(expected)), "{page}");
    }
}

#[test]
fn an_untranslated_item_is_shown_in_the_default_language_and_says_so() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let gamma = site.page("ko/items/gamma/index.html");
    assert_eq!(select(&gamma, "main .notice").len(), 1, "a notice");
    assert_eq!(attr(one(&gamma, "main article"), "lang"), "en");
    assert_eq!(text(one(&gamma, "main h1")), "Gamma");

    let alpha = site.page("ko/items/alpha/index.html");
    assert!(
        select(&alpha, "main .notice").is_empty(),
        "no notice on a translated item"
    );
    assert_eq!(attr(one(&alpha, "main article"), "lang"), "ko");
    assert_eq!(text(one(&alpha, "main h1")), "알파");
}
