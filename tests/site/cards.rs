//! Preview cards: every page names a 1200×630 PNG card by its absolute address, each card in
//! the output is a real PNG of that size, unchanged cards are taken from the previous output,
//! a changed item gets a new card, and `[cards]` limits them.

use std::collections::BTreeSet;

use super::support::{SiteTest, attr, png_size, select};

fn cards(site: &SiteTest) -> BTreeSet<String> {
    let tree = site.tree("output");
    let paths = tree.paths_ending(".png");
    paths
        .into_iter()
        .filter(|p| p.contains("card-"))
        .map(String::from)
        .collect()
}

/// The `og:image` of a page, below the base URL.
fn og_image(site: &SiteTest, page: &str, base_url: &str) -> Option<String> {
    let html = site.page(page);
    let meta = select(&html, r#"meta[property="og:image"]"#);
    meta.first().map(|m| {
        let url = attr(*m, "content");
        url.strip_prefix(base_url)
            .unwrap_or_else(|| panic!("{url} is absolute"))
            .to_string()
    })
}

const BASE: &str = "https://example.org/widgets/";

#[test]
fn every_card_is_a_1200_by_630_png_of_modest_size() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let cards = cards(&site);
    // home, overall ranking, 2 criteria, 3 items, 3 pairs, in 2 languages
    assert_eq!(cards.len(), 2 * (1 + 1 + 2 + 3 + 3), "{cards:#?}");
    for card in &cards {
        let bytes = site.read(&format!("output/{card}"));
        assert_eq!(png_size(&bytes), (1200, 630), "{card}");
        assert!(
            (5_000..150_000).contains(&bytes.len()),
            "{card}: {} bytes",
            bytes.len()
        );
    }
}

#[test]
fn every_page_names_its_card_or_the_home_card() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let cards = cards(&site);
    let tree = site.tree("output");
    for page in tree.site_pages() {
        let card = og_image(&site, page, BASE).unwrap_or_else(|| panic!("{page}: no og:image"));
        assert!(cards.contains(&card), "{page}: {card} is not in the output");
        let html = site.page(page);
        let content = |css: &str| attr(select(&html, css)[0], "content").to_string();
        assert_eq!(content(r#"meta[property="og:image:width"]"#), "1200");
        assert_eq!(content(r#"meta[property="og:image:height"]"#), "630");
        assert_eq!(
            content(r#"meta[name="twitter:card"]"#),
            "summary_large_image"
        );
        assert!(
            !content(r#"meta[property="og:image:alt"]"#).is_empty(),
            "{page}"
        );
    }
    let item = og_image(&site, "items/alpha/index.html", BASE).unwrap();
    assert!(item.starts_with("items/alpha/card-"), "{item}");
    let korean = og_image(&site, "ko/items/alpha/index.html", BASE).unwrap();
    assert!(korean.starts_with("ko/items/alpha/card-"), "{korean}");
    let home = og_image(&site, "index.html", BASE).unwrap();
    assert_eq!(og_image(&site, "compare/index.html", BASE).unwrap(), home);
}

#[test]
fn unchanged_cards_are_reused_and_a_changed_item_gets_a_new_card() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let before = cards(&site);
    let alpha = og_image(&site, "items/alpha/index.html", BASE).unwrap();
    // A mark only a reused file can carry: the same name, other bytes.
    let marked = site.path(&format!("output/{alpha}"));
    let mut bytes = std::fs::read(&marked).unwrap();
    bytes.extend_from_slice(b"reused");
    std::fs::write(&marked, bytes).unwrap();
    let inode =
        |path: &std::path::Path| std::os::unix::fs::MetadataExt::ino(&path.metadata().unwrap());
    let was = inode(&marked);
    site.build().assert_clean();
    assert_eq!(cards(&site), before, "the same cards, by the same names");
    assert!(site.read(&format!("output/{alpha}")).ends_with(b"reused"));
    assert_eq!(inode(&marked), was, "linked, not read and written again");

    let text = String::from_utf8(site.read("content/items/alpha.md")).unwrap();
    let renamed = text.replacen("name = \"Alpha\"", "name = \"Alpha Prime\"", 1);
    assert_ne!(text, renamed, "the fixture names Alpha");
    site.write("content/items/alpha.md", renamed);
    site.build().assert_clean();
    let after = og_image(&site, "items/alpha/index.html", BASE).unwrap();
    assert_ne!(after, alpha, "a new card for the new name");
    assert!(
        !site.path(&format!("output/{alpha}")).exists(),
        "the old card is gone"
    );
}

#[test]
fn cards_config_limits_the_kinds_and_the_count() {
    let site = SiteTest::fixture("bilingual");
    let limited = "\n[cards]\nkinds = [\"home\", \"item\"]\nmax = 2\n";
    site.append("content/site.toml", limited);
    site.build().assert_clean();
    assert_eq!(
        cards(&site).len(),
        4,
        "home and the first item, in 2 languages"
    );
    let home = og_image(&site, "index.html", BASE).unwrap();
    assert_eq!(og_image(&site, "rankings/index.html", BASE).unwrap(), home);

    site.edit("content/site.toml", limited, "\n[cards]\nkinds = []\n");
    site.build().assert_clean();
    assert!(cards(&site).is_empty());
    assert_eq!(
        og_image(&site, "index.html", BASE),
        None,
        "no card, no og:image"
    );
}

#[test]
fn a_character_the_card_font_lacks_is_a_warning_naming_it() {
    let site = SiteTest::fixture("bilingual");
    let text = String::from_utf8(site.read("content/items/alpha.md")).unwrap();
    site.write(
        "content/items/alpha.md",
        text.replacen("name = \"Alpha\"", "name = \"Alpha 漢\"", 1),
    );
    let build = site.build();
    assert!(build.status.success(), "{}", build.stderr);
    assert!(
        build.stderr.contains("items/alpha/card-")
            && build.stderr.contains("the card font has no glyph for 漢"),
        "{}",
        build.stderr
    );
}
