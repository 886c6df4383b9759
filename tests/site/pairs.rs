//! Side-by-side pages: one page per pair at `compare/<a>-vs-<b>/` (slugs in alphabetical
//! order), linked from both items and back; past the configured item count, only pairs that
//! share a group get a page; the picker reaches every pair page with plain links.

use std::collections::BTreeSet;

use super::support::{SiteTest, attr, one, select, text};

/// The pair slugs that have a page in one language's `compare/` folder.
pub(super) fn pair_pages(site: &SiteTest, lang_root: &str) -> BTreeSet<String> {
    site.tree("output")
        .paths_ending("/index.html")
        .into_iter()
        .filter_map(|p| p.strip_prefix(&format!("{lang_root}compare/")))
        .filter_map(|p| p.strip_suffix("/index.html"))
        .filter(|p| p.contains("-vs-"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_shipped_report_has_a_page_for_every_pair_in_every_language() {
    let site = SiteTest::shipped();
    site.build().assert_clean();
    let items = site
        .tree("output")
        .paths_ending("/index.html")
        .into_iter()
        .filter(|p| p.starts_with("frameworks/"))
        .count();
    assert_eq!(items, 15);
    for lang_root in ["", "ko/"] {
        let pairs = pair_pages(&site, lang_root);
        assert_eq!(
            pairs.len(),
            items * (items - 1) / 2,
            "n(n-1)/2 pair pages in {lang_root:?}"
        );
        for pair in &pairs {
            let (a, b) = pair.split_once("-vs-").unwrap();
            assert!(a < b, "{pair}: slugs in alphabetical order");
        }
    }
}

#[test]
fn every_pair_page_links_to_both_items_and_both_items_link_back() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let pairs = pair_pages(&site, "");
    assert_eq!(
        pairs,
        BTreeSet::from([
            "alpha-vs-beta".into(),
            "alpha-vs-gamma".into(),
            "beta-vs-gamma".into()
        ])
    );
    for lang_root in ["", "ko/"] {
        // Links are relative: up to the site's root, then down into the language's folder.
        let up = if lang_root.is_empty() {
            "../../"
        } else {
            "../../../"
        };
        for pair in &pairs {
            let (a, b) = pair.split_once("-vs-").unwrap();
            let html = site.page(&format!("{lang_root}compare/{pair}/index.html"));
            let sides: Vec<&str> = select(&html, ".side h2 a")
                .into_iter()
                .map(|l| attr(l, "href"))
                .collect();
            let item = |slug: &str| format!("{up}{lang_root}items/{slug}/");
            assert_eq!(sides, [item(a), item(b)], "{lang_root}{pair}");
            for (item, other) in [(a, b), (b, a)] {
                let page = site.page(&format!("{lang_root}items/{item}/index.html"));
                let links: Vec<&str> = select(&page, "#compare a")
                    .into_iter()
                    .map(|l| attr(l, "href"))
                    .collect();
                let expected = format!("{up}{lang_root}compare/{pair}/");
                assert!(
                    links.contains(&expected.as_str()),
                    "{lang_root}{item} links to its pair with {other}"
                );
            }
        }
    }
}

#[test]
fn a_pair_page_says_who_leads_on_each_criterion() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let html = site.page("compare/alpha-vs-gamma/index.html");
    let verdicts: Vec<String> = select(&html, ".pair-table tbody .verdict")
        .into_iter()
        .map(|v| text(v).trim().to_string())
        .collect();
    assert_eq!(
        verdicts,
        ["Alpha leads", "Not comparable: not rated for both"]
    );
    let svg = one(&html, "svg.radar-chart");
    assert_eq!(attr(svg, "role"), "img");
    assert_eq!(
        select(&html, "svg.radar-chart g.series").len(),
        2,
        "both items overlaid"
    );
}

#[test]
fn past_the_limit_only_pairs_that_share_a_group_get_a_page() {
    let site = SiteTest::fixture("bilingual");
    site.edit(
        "content/items/beta.md",
        "license: Apache-2.0",
        "license: MIT",
    );
    site.write("content/site.toml", {
        let mut config = String::from_utf8(site.read("content/site.toml")).unwrap();
        config.push_str("\n[pairs]\nall_up_to = 2\ngroup_by = [\"license\"]\n");
        config
    });
    site.build().assert_clean();
    assert_eq!(
        pair_pages(&site, ""),
        BTreeSet::from(["alpha-vs-beta".into()]),
        "only alpha and beta share a licence"
    );
    assert_eq!(
        pair_pages(&site, "ko/"),
        BTreeSet::from(["alpha-vs-beta".into()])
    );
    let picker = site.page("compare/pick/index.html");
    let links: Vec<&str> = select(&picker, ".picker-list a")
        .into_iter()
        .map(|l| attr(l, "href"))
        .collect();
    assert_eq!(
        links, ["../../compare/alpha-vs-beta/"; 2],
        "the picker lists only pages that exist"
    );
    // Other pairs are compared by the picker's script from the index of items.
    let data: serde_json::Value =
        serde_json::from_str(&text(one(&picker, "#picker-data"))).unwrap();
    assert_eq!(data["listing"], "../../items.json");
    assert_eq!(data["pairs"], "../../compare/");
    let index: serde_json::Value = serde_json::from_slice(&site.read("output/items.json")).unwrap();
    let speed = (index["criteria"].as_array().unwrap().iter())
        .position(|c| c == "speed")
        .unwrap();
    let gamma = (index["items"].as_array().unwrap().iter())
        .find(|e| e[1] == "items/gamma/")
        .unwrap();
    assert_eq!(gamma[5][speed], 2.0);
}
