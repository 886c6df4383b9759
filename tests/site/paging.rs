//! Lists split into pages: past `[lists] page_size` items, the comparison table and every
//! ranking take several linked pages of at most that many items, in the same order as one long
//! list would have; the choose page shows the first places of each goal and reads the items
//! from the index of items (`items.json`) rather than carrying them; and no page grows with the
//! number of items.

use super::support::{SiteTest, attr, broken_links, one, select, text};

/// The bilingual fixture with `extra` copies of its item Gamma and lists of `page_size`.
fn report(extra: usize, page_size: usize) -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    let gamma = String::from_utf8(site.read("content/items/gamma.md")).expect("UTF-8");
    for n in 0..extra {
        let copy = gamma.replace("name = \"Gamma\"", &format!("name = \"Gamma {n:04}\""));
        site.write(&format!("content/items/gamma-{n:04}.md"), copy);
    }
    let mut config = String::from_utf8(site.read("content/site.toml")).expect("UTF-8");
    config.push_str(&format!("\n[lists]\npage_size = {page_size}\n"));
    site.write("content/site.toml", config);
    site
}

/// The row names of the comparison table's page at `path`.
fn rows(site: &SiteTest, path: &str) -> Vec<String> {
    texts_of(site, path, "#compare tbody th")
}

fn texts_of(site: &SiteTest, path: &str, css: &str) -> Vec<String> {
    let html = site.page(path);
    select(&html, css)
        .into_iter()
        .map(|e| text(e).trim().to_string())
        .collect()
}

#[test]
fn a_long_table_takes_linked_pages_in_overall_order() {
    let site = report(7, 4);
    site.build().assert_clean();
    let single = report(7, 100);
    single.build().assert_clean();
    let whole = rows(&single, "compare/index.html");
    assert_eq!(whole.len(), 10);
    let pages = [
        "compare/index.html",
        "compare/page/2/index.html",
        "compare/page/3/index.html",
    ];
    let paged: Vec<String> = pages.iter().flat_map(|p| rows(&site, p)).collect();
    assert_eq!(paged, whole, "the pages together are the one long table");
    assert_eq!(rows(&site, pages[2]).len(), 2);
    assert!(!site.path("output/compare/page/4").exists());

    let second = site.page(pages[1]);
    assert_eq!(text(one(&second, "nav.pages p")).trim(), "5–8 of 10");
    assert_eq!(
        attr(one(&second, "nav.pages a[rel=prev]"), "href"),
        "../../../compare/"
    );
    assert_eq!(
        attr(one(&second, "nav.pages a[rel=next]"), "href"),
        "../../../compare/page/3/"
    );
    assert_eq!(text(one(&second, "nav.pages a[aria-current=page]")), "2");
    let title = text(one(&second, "title"));
    assert!(title.starts_with("Comparison table (Page 2)"), "{title}");
    let table = one(&second, "#compare");
    assert_eq!(attr(table, "data-listing"), "../../../items.json");
    let korean = site.page("ko/compare/page/2/index.html");
    assert_eq!(text(one(&korean, "nav.pages p")).trim(), "전체 10개 중 5–8");
    assert_eq!(
        broken_links(&site.tree("output"), "https://example.org/widgets/"),
        Vec::<String>::new()
    );
}

#[test]
fn rankings_take_pages_in_order_and_the_chart_stays_on_the_first() {
    let site = report(7, 4);
    site.build().assert_clean();
    let single = report(7, 100);
    single.build().assert_clean();
    let names = "table.standings tbody th";
    for list in ["rankings", "rankings/speed"] {
        let first = site.page(&format!("{list}/index.html"));
        assert_eq!(select(&first, "figure.chart-figure").len(), 1, "{list}");
        let third = site.page(&format!("{list}/page/3/index.html"));
        assert!(select(&third, "figure.chart-figure").is_empty(), "{list}");
        let paged: Vec<String> = ["index.html", "page/2/index.html", "page/3/index.html"]
            .iter()
            .flat_map(|p| texts_of(&site, &format!("{list}/{p}"), names))
            .collect();
        let whole = texts_of(&single, &format!("{list}/index.html"), names);
        assert_eq!((paged.len(), &paged), (10, &whole), "{list}");
    }
}

#[test]
fn the_choose_page_shows_each_goal_s_first_places_and_reads_the_items_from_the_index() {
    let site = report(7, 4);
    site.build().assert_clean();
    let html = site.page("choose/index.html");
    for table in select(&html, "section.preset table.standings") {
        assert_eq!(super::support::within(table, "tbody tr").len(), 4);
    }
    let data: serde_json::Value =
        serde_json::from_str(&text(one(&html, "script#choose-data"))).expect("JSON");
    assert_eq!(data["items"], serde_json::json!([]));
    assert_eq!(data["listing"], "../items.json");
    let listing: serde_json::Value =
        serde_json::from_slice(&site.read("output/items.json")).expect("JSON");
    let items = listing["items"].as_array().expect("items");
    assert_eq!(items.len(), 10);
    assert_eq!(listing["criteria"], serde_json::json!(["speed", "docs"]));
    let korean: serde_json::Value =
        serde_json::from_slice(&site.read("output/ko/items.json")).expect("JSON");
    assert_eq!(korean["items"].as_array().map(Vec::len), Some(10));
}

#[test]
fn no_page_grows_with_the_number_of_items() {
    let largest = |extra: usize| {
        let site = report(extra, 20);
        site.build().assert_clean();
        let tree = site.tree("output");
        tree.paths_ending(".html")
            .into_iter()
            .map(|p| (tree.0[p].len(), p.to_string()))
            .max()
            .expect("pages")
    };
    let (small, small_page) = largest(100);
    let (large, large_page) = largest(400);
    assert!(
        (large as f64) < small as f64 * 1.15,
        "the largest page grew from {small} bytes ({small_page}) at 103 items to {large} bytes ({large_page}) at 403"
    );
}
