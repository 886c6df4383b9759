//! Languages on the `bilingual` fixture: every page says its language, lists its twins in every
//! language (and `x-default`) at absolute addresses, and its language switcher leads to the
//! same page in the other language; an untranslated item says so.

use super::support::{SiteTest, attr, one, resolve, select, text, texts};

const BASE_URL: &str = "https://example.org/widgets/";
const LANGUAGES: [&str; 2] = ["en", "ko"];

/// Each built page: its file below the output, its language, and its path in any language
/// (`items/alpha/`, `` for the home page, `404.html`).
fn pages(site: &SiteTest) -> Vec<(String, &'static str, String)> {
    pages_in(site, &LANGUAGES)
}

/// [`pages`] for a site in these languages, the first being the default.
fn pages_in(site: &SiteTest, languages: &[&'static str]) -> Vec<(String, &'static str, String)> {
    site.tree("output")
        .site_pages()
        .into_iter()
        .map(|file| {
            let (lang, rest) = languages[1..]
                .iter()
                .find_map(|l| file.strip_prefix(&format!("{l}/")).map(|rest| (*l, rest)))
                .unwrap_or((languages[0], file));
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
    expected_alternates_in(&LANGUAGES, base, path)
}

fn expected_alternates_in(languages: &[&str], base: &str, path: &str) -> Vec<(String, String)> {
    let mut expected: Vec<(String, String)> = languages
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

/// The coverage report of a build's stdout: for each language, translated and total counts and
/// the missing files, as printed.
fn coverage_report(stdout: &str) -> Vec<(String, usize, usize, Vec<String>)> {
    let mut report: Vec<(String, usize, usize, Vec<String>)> = Vec::new();
    for line in stdout.lines() {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == ':')
            .filter(|w| !w.is_empty())
            .collect();
        match words.as_slice() {
            ["translation", lang, counts, "translated"] => {
                let (n, m) = counts.split_once('/').expect("N/M");
                report.push((
                    lang.to_string(),
                    n.parse().expect("a count"),
                    m.parse().expect("a count"),
                    Vec::new(),
                ));
            }
            ["missing", path] => report
                .last_mut()
                .expect("a missing file follows its language")
                .3
                .push(path.to_string()),
            _ => {}
        }
    }
    report
}

#[test]
fn the_coverage_report_counts_translations() {
    let site = SiteTest::fixture("bilingual");
    let build = site.build();
    build.assert_clean();
    assert_eq!(
        coverage_report(&build.stdout),
        vec![(
            "ko".to_string(),
            4,
            5,
            vec!["content/items/gamma.ko.md".to_string()]
        )],
        "stdout:\n{}",
        build.stdout
    );
}

#[test]
fn strict_fails_on_a_missing_translation() {
    let site = SiteTest::fixture("bilingual");
    let build = site.build_with(&["--strict"]);
    assert_eq!(build.status.code(), Some(1), "exit status");
    assert!(
        build
            .stderr
            .lines()
            .any(|l| l.trim() == "missing: content/items/gamma.ko.md"),
        "stderr names the missing file:\n{}",
        build.stderr
    );
    assert!(!site.path("output").exists(), "no output is written");
}

#[test]
fn a_third_language_is_configuration_and_files_only() {
    const THREE: [&str; 3] = ["en", "ko", "fr"];
    let site = SiteTest::fixture("bilingual");
    site.edit(
        "content/site.toml",
        "[[languages]]\ncode = \"ko\"\nname = \"한국어\"\n",
        "[[languages]]\ncode = \"ko\"\nname = \"한국어\"\n\n\
         [[languages]]\ncode = \"fr\"\nname = \"Français\"\n",
    );
    let en = String::from_utf8(site.read("themes/default/i18n/en.toml")).expect("UTF-8");
    let fr: String = en
        .lines()
        .filter(|l| !l.starts_with("nav_rankings "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        fr.lines().count() + 1,
        en.lines().count(),
        "one key dropped"
    );
    site.write("themes/default/i18n/fr.toml", fr);
    site.write(
        "content/items/alpha.fr.md",
        "+++\nname = \"Alpha en français\"\nsummary = \"Le premier widget.\"\n\
         best_for = [\"Vitesse\"]\npros = [\"Rapide\"]\ncons = [\"Nouveau\"]\n\n\
         [ratings.speed]\nnote = \"Rapide selon la revue.\"\n\n\
         [ratings.docs]\nnote = \"Apprécié dans le sondage.\"\n+++\n\n\
         ## Aperçu\n\nAlpha est plus simple que [Beta](@/items/beta).\n",
    );

    let build = site.build();
    assert!(
        build.status.success(),
        "the build failed:\n{}",
        build.stderr
    );
    assert!(
        build
            .stderr
            .lines()
            .any(|l| l.contains("warning") && l.contains("`nav_rankings`")),
        "a warning names the missing key:\n{}",
        build.stderr
    );

    let home = site.page("fr/index.html");
    assert_eq!(attr(one(&home, "html"), "lang"), "fr");

    let pages = pages_in(&site, &THREE);
    assert!(pages.iter().any(|(_, lang, _)| *lang == "fr"));
    for (page, lang, path) in &pages {
        assert_eq!(attr(one(&site.page(page), "html"), "lang"), *lang, "{page}");
        assert_eq!(
            alternates(&site, page),
            expected_alternates_in(&THREE, BASE_URL, path),
            "{page}"
        );
    }

    let alpha = site.page("fr/items/alpha/index.html");
    assert!(select(&alpha, "main .notice").is_empty(), "translated");
    assert_eq!(attr(one(&alpha, "main article"), "lang"), "fr");
    assert_eq!(text(one(&alpha, "main h1")), "Alpha en français");
    assert_eq!(text(one(&alpha, "main .lede")), "Le premier widget.");

    let beta = site.page("fr/items/beta/index.html");
    assert_eq!(select(&beta, "main .notice").len(), 1, "a notice");
    assert_eq!(attr(one(&beta, "main article"), "lang"), "en");

    // The French nav falls back to the English label of the missing key, never the key.
    let english = texts(&site.page("index.html"), "nav.main-nav a");
    let french = texts(&home, "nav.main-nav a");
    assert_eq!(
        french, english,
        "the nav is the English text where fr has none"
    );
    assert!(french.iter().any(|label| label == "Rankings"), "{french:?}");
    assert!(
        !french.iter().any(|label| label.contains("nav_")),
        "{french:?}"
    );
}

#[test]
fn a_third_language_says_once_what_to_write() {
    let site = SiteTest::fixture("bilingual");
    site.edit(
        "content/site.toml",
        "name = \"한국어\"\n",
        "name = \"한국어\"\n\n[[languages]]\ncode = \"ja\"\nname = \"日本語\"\n",
    );
    let build = site.build();
    assert_eq!(
        build.stderr,
        "themes/default/i18n/ja.toml: warning: no interface strings in ja: the en text is shown; \
         `versus init --strings ja` writes this file with the English strings to translate\n"
    );
    assert!(
        build
            .stdout
            .contains("translation ja: 0/5 translated\n  missing: content/items/alpha.ja.md\n"),
        "{}",
        build.stdout
    );
    assert!(
        build.stdout.contains(
            "  13 of 13 texts of site.toml are not in ja: title, description, item_label, \
             criteria.speed.label, criteria.speed.description, and 8 more\n"
        ),
        "{}",
        build.stdout
    );

    let new = site.run("new", &["alpha"]);
    assert_eq!(
        new.stdout,
        "created content/items/alpha.ja.md\nfill in every field, then build\n"
    );
    let strings = super::support::versus(site.root(), &["init", "--strings", "ja"]);
    assert!(strings.status.success(), "{}", strings.stderr);
    for (from, to) in [
        ("summary = \"\"", "summary = \"最初\""),
        ("[\"\"]", "[\"速い\"]"),
    ] {
        let text = String::from_utf8(site.read("content/items/alpha.ja.md")).expect("UTF-8");
        site.write("content/items/alpha.ja.md", text.replace(from, to));
    }
    // The preview cards' font covers Latin and Hangul only (themes/default/fonts/README.md):
    // a Japanese report draws its cards with a font of its own, or without cards.
    site.edit(
        "content/site.toml",
        "name = \"日本語\"\n",
        "name = \"日本語\"\n\n[cards]\nkinds = []\n",
    );
    let build = site.build();
    assert_eq!(
        build.stderr, "",
        "no warning once the strings file is there"
    );
    assert!(build.stdout.contains("translation ja: 1/5 translated\n"));
    let strict = site.build_with(&["--strict"]);
    assert_eq!(
        strict.status.code(),
        Some(1),
        "texts of site.toml missing in ja fail --strict"
    );
}
