//! Charts, rankings readers can weight, and open data: every chart is an image with an
//! accessible name and a data table beside it; the choose page precomputes every preset for
//! readers without JavaScript and embeds the data its script recomputes from; the data files
//! carry the same scores as the pages.

use scraper::{ElementRef, Html};

use super::support::{SiteTest, attr, one, select, text, within};

const PRESETS: &str = r#"[[presets]]
id = "docs-first"
label = { en = "Documentation first", ko = "문서 우선" }
description = { en = "Only documentation counts.", ko = "문서만 봅니다." }
weights = { docs = 3 }

[[presets]]
id = "speed-only"
label = { en = "Speed only", ko = "속도만" }
description = { en = "Only speed counts.", ko = "속도만 봅니다." }
weights = { speed = 1 }

[[facts]]
id = "license""#;

fn site_with_presets() -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    site.edit("content/site.toml", "[[facts]]\nid = \"license\"", PRESETS);
    site.build().assert_clean();
    site
}

/// The element that follows `element` among its siblings.
fn next_element(element: ElementRef) -> Option<ElementRef> {
    element.next_siblings().find_map(ElementRef::wrap)
}

fn assert_chart_is_described(page: &str, svg: ElementRef) {
    assert_eq!(attr(svg, "role"), "img", "{page}");
    assert!(
        select_links(svg).is_empty(),
        "{page}: no links or controls inside a chart"
    );
    for id in attr(svg, "aria-labelledby").split_whitespace() {
        let named = within(svg, &format!("[id='{id}']"));
        assert_eq!(named.len(), 1, "{page}: #{id} is inside the chart");
        assert!(
            !text(named[0]).trim().is_empty(),
            "{page}: #{id} says something"
        );
    }
}

fn select_links(svg: ElementRef) -> Vec<ElementRef> {
    within(svg, "a, button, input")
}

#[test]
fn every_chart_has_an_accessible_name_and_a_data_table_beside_it() {
    let site = site_with_presets();
    let mut charts = 0;
    for lang_root in ["", "ko/"] {
        for page in [
            "",
            "rankings/",
            "rankings/speed/",
            "rankings/docs/",
            "items/alpha/",
            "items/gamma/",
        ] {
            let path = format!("{lang_root}{page}index.html");
            let html = site.page(&path);
            for figure in select(&html, "figure.chart-figure") {
                let svg = within(figure, "svg.chart");
                assert_eq!(svg.len(), 1, "{path}: one chart per figure");
                assert_chart_is_described(&path, svg[0]);
                let beside = next_element(figure)
                    .unwrap_or_else(|| panic!("{path}: nothing beside the chart"));
                let table = within(beside, "table");
                assert_eq!(table.len(), 1, "{path}: a data table right after the chart");
                let anchored = beside.value().attr("id").or(table[0].value().attr("id"));
                assert!(
                    anchored.is_some_and(|id| !id.is_empty()),
                    "{path}: the table has its own anchor"
                );
                charts += 1;
            }
        }
    }
    assert_eq!(
        charts, 12,
        "a chart on each of the six pages, in both languages"
    );
}

#[test]
fn chart_descriptions_state_the_finding_in_the_page_language() {
    let site = site_with_presets();
    let desc = |path: &str| {
        let html = site.page(path);
        text(one(&html, "svg.bar-chart desc"))
    };
    assert_eq!(
        desc("rankings/speed/index.html"),
        "Highest: Alpha, Beta, 4 out of 5. 3 of 3 are rated."
    );
    assert_eq!(
        desc("ko/rankings/docs/index.html"),
        "최고점: 알파, 5점 만점에 5점. 전체 3개 중 2개 평가됨."
    );
}

#[test]
fn a_chart_shows_the_first_items_up_to_its_limit_and_says_so() {
    let site = SiteTest::fixture("bilingual");
    site.edit(
        "content/site.toml",
        "[[facts]]\nid = \"license\"",
        "[charts]\nbars = 2\n\n[[facts]]\nid = \"license\"",
    );
    site.build().assert_clean();
    let bars = |html: &Html| within(one(html, "svg.bar-chart"), "g.row").len();
    let rows = |html: &Html| select(html, "table.standings tbody tr").len();
    let note = |html: &Html| text(one(html, "figure.chart-figure figcaption"));

    let ranking = site.page("rankings/speed/index.html");
    assert_eq!(
        (bars(&ranking), rows(&ranking)),
        (2, 3),
        "the table lists all"
    );
    assert_eq!(
        note(&ranking),
        "The chart shows the first 2 of 3; the table below lists every one."
    );
    let home = site.page("ko/index.html");
    assert_eq!(
        (bars(&home), rows(&home)),
        (2, 2),
        "the table is the chart's data"
    );
    assert_eq!(
        note(&home),
        "차트와 표에는 3개 중 상위 2개만 나옵니다. 전체는 비교표에 있습니다."
    );

    site.edit("content/site.toml", "bars = 2", "bars = 3");
    site.build().assert_clean();
    let ranking = site.page("rankings/speed/index.html");
    assert_eq!(bars(&ranking), 3);
    assert!(
        select(&ranking, "figcaption").is_empty(),
        "nothing left out, nothing said"
    );

    site.edit("content/site.toml", "bars = 3", "bars = 0");
    site.build().assert_fails_with(&[concat!(
        "content/site.toml:40:8: charts.bars must be at least 1\n",
        "   |\n",
        "40 | bars = 0\n",
        "   |        ^",
    )]);
}

/// The rows of a precomputed ranking table: (rank, name, score) as shown.
fn ranking_rows(html: &Html, table: &str) -> Vec<(String, String, String)> {
    select(html, &format!("#{table} tbody tr"))
        .into_iter()
        .map(|row| {
            let cell = |css: &str| text(within(row, css)[0]).trim().to_string();
            (cell("td:nth-child(1)"), cell("th"), cell("td:nth-child(3)"))
        })
        .collect()
}

#[test]
fn the_choose_page_precomputes_every_preset_for_readers_without_javascript() {
    let site = site_with_presets();
    let html = site.page("choose/index.html");
    let row = |rank: &str, name: &str, score: &str| {
        (rank.to_string(), name.to_string(), score.to_string())
    };
    assert_eq!(
        ranking_rows(&html, "preset-docs-first-data"),
        [
            row("1", "Alpha", "5.0"),
            row("2", "Beta", "3.0"),
            row("–", "Gamma", "not ranked")
        ]
    );
    assert_eq!(
        ranking_rows(&html, "preset-speed-only-data"),
        [
            row("1", "Alpha", "4.0"),
            row("1", "Beta", "4.0"),
            row("3", "Gamma", "2.0")
        ]
    );
    let links: Vec<&str> = select(&html, "nav.presets a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(
        links,
        ["#preset-docs-first", "#preset-speed-only"],
        "one click each, without JavaScript"
    );
    let korean = site.page("ko/choose/index.html");
    assert_eq!(text(one(&korean, "#preset-docs-first-title")), "문서 우선");
}

#[test]
fn the_choose_page_embeds_the_data_its_script_ranks_from() {
    let site = site_with_presets();
    let html = site.page("ko/choose/index.html");
    let json = text(one(&html, "script#choose-data"));
    let data: serde_json::Value = serde_json::from_str(&json).expect("the embedded data is JSON");
    let names: Vec<&str> = data["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["알파", "Beta", "Gamma"],
        "names in the page's language"
    );
    assert_eq!(data["items"][0]["ratings"]["docs"], 5.0);
    assert!(
        data["items"][2]["ratings"].get("docs").is_none(),
        "unrated stays absent, never 0"
    );
    assert_eq!(data["presets"]["docs-first"]["docs"], 3.0);
    assert_eq!(
        data["criteria"][0]["label"], "속도",
        "labels in the page's language"
    );
    let inputs = select(&html, "#weights input[type=range]");
    assert_eq!(inputs.len(), 2, "one weight per criterion");
}

#[test]
fn open_data_carries_the_same_scores_as_the_pages() {
    let site = site_with_presets();
    let data: serde_json::Value = serde_json::from_slice(&site.read("output/data.json")).unwrap();
    let schema: serde_json::Value =
        serde_json::from_slice(&site.read("output/data.schema.json")).unwrap();
    assert_eq!(schema["title"], "versus report data");
    let alpha = &data["items"][0];
    assert_eq!(alpha["slug"], "alpha");
    assert_eq!(alpha["ratings"]["speed"]["score"], 4.0);
    assert_eq!(alpha["ratings"]["speed"]["sources"][0], "review");
    assert_eq!(alpha["overall"], 4.3);
    assert_eq!(
        data["items"][2]["overall"], 2.0,
        "gamma rests on its one rating"
    );
    let csv = String::from_utf8(site.read("output/data.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "slug",
            "name",
            "license",
            "first_release",
            "speed",
            "docs",
            "overall",
            "rated_criteria"
        ]
    );
    let gamma = &rows[3];
    assert_eq!(
        (gamma[0], gamma[4], gamma[5], gamma[6], gamma[7]),
        ("gamma", "2", "", "2.0", "1")
    );
}

#[test]
fn the_methodology_page_links_the_open_data_in_both_languages() {
    let site = SiteTest::shipped();
    site.build().assert_clean();
    for page in ["methodology/index.html", "ko/methodology/index.html"] {
        let html = site.page(page);
        let links: Vec<&str> = select(&html, ".open-data a")
            .into_iter()
            .map(|a| attr(a, "href"))
            .collect();
        assert_eq!(links.len(), 3, "{page}");
        for link in links {
            let file = site.path(&format!("output/{}", link.trim_start_matches("../")));
            assert!(file.is_file(), "{page}: {link} exists");
        }
    }
}
