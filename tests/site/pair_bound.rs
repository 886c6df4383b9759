//! Pair pages are bounded by construction: past `all_up_to`, no item has more than
//! `[pairs] per_item` pair pages (4 by default), so a report whose items all share every group
//! has at most `per_item × n / 2` of them, not n(n-1)/2, and the picker stays linear too.

use std::collections::BTreeMap;

use super::pairs::pair_pages;
use super::support::{SiteTest, attr, one, select, text};

/// Items in the fixture `one-group`: every one of the same language and kind.
const ITEMS: usize = 300;

/// The fixture with `ITEMS` items written into it, all in one group, scores varied.
fn one_group(extra_config: &str) -> SiteTest {
    let site = SiteTest::fixture("one-group");
    for i in 0..ITEMS {
        site.write(
            &format!("content/items/gadget-{i:03}.md"),
            format!(
                r#"+++
name = "Gadget {i}"
summary = "Gadget number {i}."
homepage = "https://example.org/{i}/"
best_for = ["Tests"]
pros = ["Small"]
cons = ["Synthetic"]

[facts]
language = "go"
kind = "micro"

[ratings.speed]
score = {speed}
sources = ["review"]
evidence = "measured"
note = "Measured."

[ratings.docs]
score = {docs}
sources = ["review"]
evidence = "judgement"
note = "Judged."
+++

Gadget {i}.
"#,
                speed = 1 + i * 7 % 5,
                docs = 1 + i * 3 % 5,
            ),
        );
    }
    if !extra_config.is_empty() {
        site.edit("content/site.toml", "all_up_to = 50", extra_config);
    }
    site
}

/// Each item's links to pair pages, from its own page.
fn compare_links(site: &SiteTest) -> BTreeMap<String, usize> {
    (0..ITEMS)
        .map(|i| {
            let slug = format!("gadget-{i:03}");
            let page = site.page(&format!("items/{slug}/index.html"));
            (slug, select(&page, "#compare a[href*='-vs-']").len())
        })
        .collect()
}

#[test]
fn items_that_all_share_every_group_get_at_most_per_item_pair_pages_each() {
    let site = one_group("");
    site.build().assert_clean();
    let per_item = 4;
    let pairs = pair_pages(&site, "");
    // Every two items share both groups: the rule without a bound made n(n-1)/2 = 44,850.
    assert!(
        pairs.len() <= per_item * ITEMS / 2,
        "{} pair pages for {ITEMS} items",
        pairs.len()
    );
    assert!(pairs.len() >= ITEMS, "most items have several");
    let links = compare_links(&site);
    assert!(
        links.values().all(|&n| (1..=per_item).contains(&n)),
        "every item links to 1 to {per_item} pair pages: {links:?}"
    );
    assert_eq!(links.values().sum::<usize>(), 2 * pairs.len());

    // The picker lists the pages that exist, `page_size` (100) items a page, and carries no
    // item's data (its script reads the index of items): each page's size is bounded by the
    // page size, not by the items or the pairs of the group.
    let pickers = [
        "compare/pick/",
        "compare/pick/page/2/",
        "compare/pick/page/3/",
    ];
    let mut links = 0;
    for path in pickers {
        let picker = site.page(&format!("{path}index.html"));
        let items = select(&picker, ".picker-list > li").len();
        assert_eq!(items, 100, "{path}: {items} items");
        links += select(&picker, ".picker-list a").len();
        assert!(attr(select(&picker, ".picker-list a")[0], "href").contains("-vs-"));
        let data: serde_json::Value =
            serde_json::from_str(&text(one(&picker, "#picker-data"))).unwrap();
        let keys: Vec<&String> = data.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["criteria", "listing", "pairs", "strings"], "{path}");
        let bytes = site.read(&format!("output/{path}index.html")).len();
        assert!(bytes < 100_000, "{path}: {bytes} bytes");
    }
    assert_eq!(links, 2 * pairs.len());
    assert!(!site.path("output/compare/pick/page/4/index.html").exists());

    // No page of the site, in either language, comes near the bound of about 1 MB that a
    // 10,000-item report must keep: the largest is a page of 100 items.
    let tree = site.tree("output");
    let (largest, path) = (tree.paths_ending(".html").into_iter())
        .map(|p| (tree.0[p].len(), p))
        .max()
        .unwrap();
    assert!(largest < 200_000, "{path}: {largest} bytes");
}

#[test]
fn per_item_sets_the_bound() {
    let site = one_group("all_up_to = 50\nper_item = 1");
    site.build().assert_clean();
    let pairs = pair_pages(&site, "");
    // One place apart in the ranking, each item taken once: a matching of the ranking.
    assert_eq!(pairs.len(), ITEMS / 2);
    assert!(compare_links(&site).values().all(|&n| n == 1));
}

#[test]
fn the_bounds_of_the_pair_rule_are_checked() {
    let site = one_group("all_up_to = 201\nper_item = 51");
    site.build().assert_fails_with(&[
        "content/site.toml:53:13: pairs.all_up_to = 201 is more than 200: every pair of that \
         many items is too many pages (past it, per_item bounds them)\n   |\n53 | all_up_to = \
         201\n   |             ^",
        "content/site.toml:54:12: pairs.per_item = 51 is more than 50\n   |\n54 | per_item = \
         51\n   |            ^",
    ]);
}
