//! End to end on the `bilingual` fixture (English and Korean; items Alpha in TOML, Beta in YAML,
//! Gamma in TOML with no documentation rating and no Korean translation; one page, `about`):
//! which pages exist, what item and ranking pages show, charts, and that every link resolves.

use std::collections::BTreeSet;

use scraper::Html;

use super::support::{SiteTest, Tree, attr, broken_links, one, select, text, texts, within};

const BASE_URL: &str = "https://example.org/widgets/";

fn built() -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    site
}

#[test]
fn every_page_exists_in_both_languages() {
    let site = built();
    let english = [
        "index.html",
        "404.html",
        "a-z/index.html",
        "about/index.html",
        "choose/index.html",
        "compare/index.html",
        "compare/alpha-vs-beta/index.html",
        "compare/alpha-vs-gamma/index.html",
        "compare/beta-vs-gamma/index.html",
        "compare/pick/index.html",
        "compare/view/index.html",
        "items/alpha/index.html",
        "items/beta/index.html",
        "items/gamma/index.html",
        "rankings/index.html",
        "rankings/docs/index.html",
        "rankings/speed/index.html",
    ];
    // Each chart's page for an <iframe>: home, the rankings, items and pairs.
    let charted = english.iter().filter(|page| {
        ![
            "404",
            "a-z/",
            "about/",
            "choose/",
            "compare/index",
            "compare/pick/",
            "compare/view/",
        ]
        .iter()
        .any(|not| page.starts_with(not))
    });
    let embeds: Vec<String> = charted.map(|page| format!("embed/{page}")).collect();
    let expected: BTreeSet<String> = (english.iter().map(|p| p.to_string()))
        .chain(embeds)
        .flat_map(|page| [page.clone(), format!("ko/{page}")])
        .collect();
    let output = site.tree("output");
    let pages: BTreeSet<String> = output
        .paths_ending(".html")
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(pages, expected);
}

/// `(rank, name, score)` of each row of the standings table of a ranking page.
fn standings(page: &Html) -> Vec<[String; 3]> {
    select(page, "table.standings tbody tr")
        .into_iter()
        .map(|row| {
            let cells: Vec<String> = within(row, "td, th").into_iter().map(text).collect();
            [cells[0].clone(), cells[1].clone(), cells[2].clone()]
        })
        .collect()
}

fn rows(expected: &[[&str; 3]]) -> Vec<[String; 3]> {
    expected.iter().map(|row| row.map(String::from)).collect()
}

#[test]
fn an_item_page_shows_every_score() {
    let site = built();
    let alpha = site.page("items/alpha/index.html");
    assert_eq!(text(one(&alpha, "main h1")), "Alpha");
    assert_eq!(texts(&alpha, "#rating-speed .score"), ["4/5"]);
    assert_eq!(texts(&alpha, "#rating-docs .score"), ["5/5"]);
    assert!(
        select(&alpha, ".rating.unrated").is_empty(),
        "Alpha is rated on everything"
    );
}

#[test]
fn a_missing_rating_is_shown_as_not_rated_never_as_zero() {
    let site = built();
    for (page, not_rated) in [
        ("items/gamma/index.html", "not rated"),
        ("ko/items/gamma/index.html", "평가 없음"),
    ] {
        let gamma = site.page(page);
        assert_eq!(texts(&gamma, "#rating-speed .score"), ["2/5"], "{page}");
        let docs = one(&gamma, "#rating-docs");
        assert!(
            attr(docs, "class")
                .split_whitespace()
                .any(|c| c == "unrated"),
            "{page}"
        );
        assert_eq!(texts(&gamma, "#rating-docs .score"), [not_rated], "{page}");
        assert_eq!(
            texts(&gamma, "#rating-docs .note"),
            ["No source describes its documentation."],
            "{page}"
        );
        assert!(
            !text(docs).chars().any(|c| c.is_ascii_digit()),
            "{page}: no number at all: {}",
            text(docs)
        );
        assert!(
            within(docs, "svg").is_empty(),
            "{page}: no bar, not even an empty one"
        );
    }
    let compare = site.page("compare/index.html");
    let gamma_row = select(&compare, "table.compare tbody tr")
        .into_iter()
        .find(|row| text(within(*row, "th")[0]) == "Gamma")
        .expect("a row for Gamma");
    let scores: Vec<String> = within(gamma_row, "td").into_iter().map(text).collect();
    assert_eq!(
        scores[..3],
        ["2.0 #3", "2", "not rated"],
        "overall, speed, docs"
    );
}

#[test]
fn rankings_share_a_rank_between_equal_scores() {
    let site = built();
    let speed = site.page("rankings/speed/index.html");
    assert_eq!(
        standings(&speed),
        rows(&[["1", "Alpha", "4"], ["1", "Beta", "4"], ["3", "Gamma", "2"]])
    );
    let docs = site.page("rankings/docs/index.html");
    assert_eq!(
        standings(&docs),
        rows(&[
            ["1", "Alpha", "5"],
            ["2", "Beta", "3"],
            ["–", "Gamma", "not rated"]
        ])
    );
    let overall = site.page("rankings/index.html");
    assert_eq!(
        standings(&overall),
        rows(&[
            ["1", "Alpha", "4.3"],
            ["2", "Beta", "3.7"],
            ["3", "Gamma", "2.0"]
        ])
    );
}

#[test]
fn charts_are_images_with_a_title_and_a_description() {
    let site = built();
    for page in [
        "index.html",
        "rankings/index.html",
        "rankings/speed/index.html",
        "ko/rankings/docs/index.html",
    ] {
        let html = site.page(page);
        let charts = select(&html, "svg.chart");
        assert_eq!(charts.len(), 1, "{page}: one chart");
        let chart = charts[0];
        assert_eq!(attr(chart, "role"), "img", "{page}");
        let title = within(chart, "title");
        let desc = within(chart, "desc");
        assert_eq!(
            (title.len(), desc.len()),
            (1, 1),
            "{page}: one <title> and one <desc>"
        );
        assert!(
            !text(title[0]).is_empty() && !text(desc[0]).is_empty(),
            "{page}: they say something"
        );
        let labelled_by: Vec<&str> = attr(chart, "aria-labelledby").split_whitespace().collect();
        assert_eq!(
            labelled_by,
            [attr(title[0], "id"), attr(desc[0], "id")],
            "{page}"
        );
    }
    let speed = site.page("rankings/speed/index.html");
    assert_eq!(text(one(&speed, "svg.chart > title")), "Ranking by Speed");
    assert_eq!(
        text(one(&speed, "svg.chart > desc")),
        "Highest: Alpha, Beta, 4 out of 5. 3 of 3 are rated."
    );
}

#[test]
fn every_link_is_relative_and_resolves() {
    let site = SiteTest::fixture("bilingual");
    // Citations link to the sources page (see `citations_never_link_to_a_missing_page`).
    site.write(
        "content/pages/sources.md",
        "+++\ntitle = \"Sources\"\n+++\n\nWhere scores come from.\n",
    );
    site.build().assert_clean();
    let output = site.tree("output");
    assert_eq!(broken_links(&output, BASE_URL), Vec::<String>::new());
    assert_eq!(absolute_internal_links(&output), Vec::<String>::new());
}

/// Links from one page of the site to another that are not relative (404 pages aside: they are
/// served at any depth, so they link absolutely on purpose).
fn absolute_internal_links(output: &Tree) -> Vec<String> {
    let mut absolute = Vec::new();
    for page in output
        .paths_ending(".html")
        .into_iter()
        .filter(|p| !p.ends_with("404.html"))
    {
        let html = Html::parse_document(std::str::from_utf8(&output.0[page]).expect("UTF-8"));
        for element in select(
            &html,
            "a[href], link[rel=stylesheet], script[src], img[src]",
        ) {
            let href = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap_or_default();
            if href.starts_with(BASE_URL) || href.starts_with('/') {
                absolute.push(format!("{page}: {href}"));
            }
        }
    }
    absolute
}

#[test]
fn citations_never_link_to_a_missing_page() {
    let site = built();
    assert_eq!(
        broken_links(&site.tree("output"), BASE_URL),
        Vec::<String>::new()
    );
}

fn json(site: &SiteTest, path: &str) -> serde_json::Value {
    serde_json::from_slice(&site.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_compare_views_data_gives_each_items_overall_standing() {
    let site = built();
    for (lang, slug, score, rank, rests_on) in [
        ("", "alpha", "4.3", 1, 2),
        ("ko/", "beta", "3.7", 2, 2),
        ("", "gamma", "2.0", 3, 1),
    ] {
        let items = compare_data(&site, lang);
        let overall = &items[slug]["overall"];
        assert_eq!(overall["score"]["text"], score, "{lang}{slug}");
        assert_eq!(overall["rank"], rank, "{lang}{slug}");
        assert_eq!(overall["rests_on"], rests_on, "{lang}{slug}");
    }
}

/// Every item's compare data in a language, by slug, from its data files (`lang`: `ko/`, or
/// empty for the default language); each item is in exactly one.
fn compare_data(site: &SiteTest, lang: &str) -> serde_json::Map<String, serde_json::Value> {
    let folder = format!("output/{lang}compare/data");
    let mut items = serde_json::Map::new();
    for (file, bytes) in site.tree(&folder).0 {
        let Ok(serde_json::Value::Object(shard)) = serde_json::from_slice(&bytes) else {
            panic!("{folder}/{file} is not a JSON object");
        };
        for (slug, data) in shard {
            assert!(items.insert(slug.clone(), data).is_none(), "{slug} twice");
        }
    }
    assert_eq!(items.len(), 3, "{folder}: {:?}", items.keys());
    items
}

#[test]
fn the_search_index_says_how_many_of_its_documents_are_items() {
    let site = built();
    for lang in ["", "ko/"] {
        let meta = json(&site, &format!("output/{lang}search/meta.json"));
        assert_eq!(meta["items"], 3, "{lang}");
        assert_eq!(
            meta["documents"], 5,
            "{lang}: three items, the about page and its section"
        );
    }
}
