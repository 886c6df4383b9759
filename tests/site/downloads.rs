//! Charts to take away: under every chart, links to its SVG and PNG (files in the output) and
//! the code to embed its page; the SVG is well-formed XML with the chart's title, the source
//! and the licence; the PNG is twice the SVG's size; the embed page has the chart, its data
//! table and a link back to the top window; `[downloads]` limits which charts have them.

use super::support::{SiteTest, attr, one, png_size, resolve, select, text, within};

const BASE: &str = "https://example.org/widgets/";

/// Every page with a chart (home, rankings, items, pairs), in both languages.
fn charted() -> Vec<String> {
    let pages = [
        "",
        "rankings/",
        "rankings/speed/",
        "rankings/docs/",
        "items/alpha/",
        "items/beta/",
        "items/gamma/",
        "compare/alpha-vs-beta/",
        "compare/alpha-vs-gamma/",
        "compare/beta-vs-gamma/",
    ];
    ["", "ko/"]
        .iter()
        .flat_map(|lang| pages.iter().map(move |p| format!("{lang}{p}index.html")))
        .collect()
}

/// A bilingual site with a licence.
fn licensed() -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    let config = String::from_utf8(site.read("content/site.toml")).unwrap();
    let licence = "license = { en = \"Data: CC BY 4.0\", ko = \"데이터: CC BY 4.0\" }\n";
    site.write("content/site.toml", format!("{licence}{config}"));
    site
}

/// The page's download links and embed code: (svg, png, embed page), as output paths.
fn links(site: &SiteTest, page: &str) -> Option<(String, String, String, String)> {
    let html = site.page(page);
    let box_ = select(&html, ".chart-figure .chart-links")
        .into_iter()
        .next()?;
    let target = |css: &str| {
        let href = attr(within(box_, css)[0], "href");
        match resolve(page, href, BASE) {
            Some(Ok((file, _))) => file,
            other => panic!("{page}: {href} resolves to {other:?}"),
        }
    };
    let snippet = text(within(box_, "details.chart-embed pre code")[0]);
    Some((
        target("a[download][href$='.svg']"),
        target("a[download][href$='.png']"),
        target("details.chart-embed a"),
        snippet,
    ))
}

/// The text of every `<text>` of a picture (its `<tspan>`s joined), in order.
fn drawn(site: &SiteTest, svg: &str) -> Vec<String> {
    let source = String::from_utf8(site.read(&format!("output/{svg}"))).unwrap();
    let doc = roxmltree::Document::parse(&source).unwrap_or_else(|e| panic!("{svg}: {e}"));
    (doc.descendants())
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect()
        })
        .collect()
}

#[test]
fn every_chart_has_an_svg_a_png_and_an_embed_page() {
    let site = licensed();
    site.build().assert_clean();
    for page in charted() {
        let korean = page.starts_with("ko/");
        let (svg, png, embed, snippet) =
            links(&site, &page).unwrap_or_else(|| panic!("{page}: no chart links"));
        let folder = embed.trim_end_matches("index.html");
        assert!(
            svg.starts_with(folder) && png.starts_with(folder),
            "{page}: {svg} {png}"
        );
        let expected = if korean { "ko/embed/" } else { "embed/" };
        assert!(folder.starts_with(expected), "{page}: {folder}");

        let source = String::from_utf8(site.read(&format!("output/{svg}"))).unwrap();
        let doc = roxmltree::Document::parse(&source).unwrap_or_else(|e| panic!("{svg}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        let texts = drawn(&site, &svg);
        let title = (root.children())
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert!(
            texts.iter().any(|t| t == title),
            "{svg}: the title drawn: {texts:?}"
        );
        let address = format!("{BASE}{}", page.trim_end_matches("index.html"));
        let source_line = texts.iter().find(|t| t.contains(&address));
        let named = if korean {
            "위젯 비교"
        } else {
            "Widgets, compared"
        };
        assert!(
            source_line.is_some_and(|t| t.contains(named)),
            "{svg}: {texts:?}"
        );
        let licence = if korean {
            "데이터: CC BY 4.0"
        } else {
            "Data: CC BY 4.0"
        };
        assert!(texts.iter().any(|t| t == licence), "{svg}: {texts:?}");
        let style = root.descendants().find(|n| n.has_tag_name("style"));
        assert!(
            style
                .and_then(|s| s.text())
                .is_some_and(|s| s.contains("fill:#"))
        );

        let width: u32 = root.attribute("width").unwrap().parse().unwrap();
        let height: f64 = root.attribute("height").unwrap().parse().unwrap();
        let bytes = site.read(&format!("output/{png}"));
        assert_eq!(png_size(&bytes), (2 * width, 2 * height as u32), "{png}");
        assert!(bytes.len() < 400_000, "{png}: {} bytes", bytes.len());

        let iframe = scraper::Html::parse_fragment(&snippet);
        let frame = one(&iframe, "iframe");
        assert_eq!(attr(frame, "src"), format!("{BASE}{folder}"), "{page}");
        assert_eq!(attr(frame, "title"), title);
    }
}

#[test]
fn an_embed_page_has_the_chart_its_data_and_a_link_back() {
    let site = licensed();
    site.build().assert_clean();
    let html = site.page("ko/embed/compare/alpha-vs-beta/index.html");
    assert_eq!(attr(one(&html, "html"), "lang"), "ko");
    assert!(
        select(&html, "header, nav, footer").is_empty(),
        "no site header"
    );
    assert_eq!(select(&html, "figure svg.radar-chart").len(), 1);
    let head: Vec<String> = select(&html, "table thead th")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(head.len(), 3, "criterion and both items: {head:?}");
    let rows = select(&html, "table tbody tr");
    assert_eq!(rows.len(), 2, "a row per criterion");
    for row in rows {
        assert_eq!(within(row, "th[scope=row]").len(), 1);
        assert_eq!(within(row, "td").len(), 2);
    }
    let back = one(&html, "a[target=_top]");
    let target = resolve(
        "ko/embed/compare/alpha-vs-beta/index.html",
        attr(back, "href"),
        BASE,
    );
    assert_eq!(
        target,
        Some(Ok((
            "ko/compare/alpha-vs-beta/index.html".to_string(),
            String::new()
        )))
    );
    assert!(text(one(&html, "main")).contains("데이터: CC BY 4.0"));

    let home = site.page("embed/index.html");
    let bars = select(&home, "table tbody tr").len();
    assert_eq!(bars, 3, "a row per bar");
    assert_eq!(select(&home, "svg.bar-chart").len(), 1);
}

#[test]
fn without_a_licence_a_picture_has_no_licence_line() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let (svg, _, _, _) = links(&site, "items/alpha/index.html").unwrap();
    let texts = drawn(&site, &svg);
    assert_eq!(
        texts.len(),
        texts.iter().filter(|t| !t.contains("CC BY")).count()
    );
    assert!(
        texts
            .last()
            .unwrap()
            .starts_with("Source: Widgets, compared"),
        "{texts:?}"
    );
}

#[test]
fn unchanged_pngs_are_reused_and_downloads_config_limits_them() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let (_, png, _, _) = links(&site, "items/alpha/index.html").unwrap();
    let marked = site.path(&format!("output/{png}"));
    let mut bytes = std::fs::read(&marked).unwrap();
    bytes.extend_from_slice(b"reused");
    std::fs::write(&marked, bytes).unwrap();
    site.build().assert_clean();
    assert!(site.read(&format!("output/{png}")).ends_with(b"reused"));

    site.append(
        "content/site.toml",
        "\n[downloads]\nkinds = [\"item\"]\nmax = 1\n",
    );
    site.build().assert_clean();
    let with: Vec<String> = charted()
        .into_iter()
        .filter(|page| links(&site, page).is_some())
        .collect();
    assert_eq!(with.len(), 2, "the first item, in 2 languages: {with:?}");
    let tree = site.tree("output");
    assert_eq!(
        tree.paths_ending(".svg")
            .iter()
            .filter(|p| p.contains("embed/"))
            .count(),
        2
    );
}
