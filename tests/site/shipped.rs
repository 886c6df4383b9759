//! The shipped report (`content/` with `themes/`, copied): it builds without a warning, has
//! every item in both languages, and every link in it resolves.

use super::support::{SiteTest, broken_links};

#[test]
fn the_shipped_report_builds_cleanly_with_fifteen_items_per_language() {
    let site = SiteTest::shipped();
    site.build().assert_clean();
    let output = site.tree("output");
    for prefix in ["", "ko/"] {
        let folder = format!("{prefix}frameworks/");
        let items = output
            .paths_ending("/index.html")
            .into_iter()
            .filter_map(|page| page.strip_prefix(&folder))
            .filter(|page| page.matches('/').count() == 1)
            .count();
        assert_eq!(items, 15, "item pages under {prefix}frameworks/");
    }
}

#[test]
fn every_link_of_the_shipped_report_resolves() {
    let site = SiteTest::shipped();
    site.build().assert_clean();
    assert_eq!(
        broken_links(&site.tree("output"), "https://example.github.io/versus/"),
        Vec::<String>::new()
    );
}
