//! What content and configuration cannot do: inject markup, scripts or styles into a page, its
//! embedded JSON, its SVG or the sitemap (the `hostile` fixture tries, with `<script>`, quotes,
//! `</script>`, `]]>` and `<!--` in every name, note, source, fact and label); link to a
//! `javascript:` or `data:` URL (the bad-content corpus); need an inline script or style, so
//! that pages work under a strict Content-Security-Policy; write outside the output folder, or
//! build into a folder it may not replace; or half-write a site: a build that fails in the
//! middle of writing leaves the previous output as it was.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use scraper::Html;

use super::support::{Build, SiteTest, Tree, attr, entries, one, select, text};

/// The hostile fixture's strings, exactly as written in its content.
const NAME: &str = "Alpha </script><script>alert('name')</script> \"q\" ]]> &amp; <!-- {{ x }}";
const SUMMARY: &str = "Summary \"><img src=x onerror=alert('summary')> </title></textarea>";
const NOTE: &str = "Note </script><svg onload=alert('note')> ]]> ' \"";
const REASON: &str = "Reason <iframe src=javascript:alert('reason')></iframe>";
const LICENSE: &str = "MIT <b onmouseover=alert('fact')>bold</b> ]]>";
const SOURCE_TITLE: &str = "Source </script><script>alert('source')</script> ]]> \"&\"";
const CRITERION: &str = "Speed <script>alert('criterion')</script> \"]]>";
/// The fixture's `base_url`, `https://example.org/a&b'c]]>/`, as it is parsed once and written
/// everywhere: `>` percent-encoded, the rest as given.
const BASE_URL: &str = "https://example.org/a&b'c]]%3E/";

#[test]
fn hostile_content_arrives_as_text_in_every_page() {
    let site = SiteTest::fixture("hostile");
    let build = site.build();
    assert!(build.status.success(), "{}", build.stderr);
    let output = site.tree("output");
    let pages = output.paths_ending(".html");
    assert!(pages.len() > 20, "{pages:?}");
    for page in &pages {
        let html = parse(&output, page);
        assert_no_injected_markup(page, &html);
    }

    for page in &pages {
        let html = parse(&output, page);
        let injected = select(
            &html,
            "b, kbd, svg script, svg foreignObject, .prose img[onerror]",
        );
        assert!(injected.is_empty(), "{page}: content made an element");
    }

    let item = site.page("items/alpha/index.html");
    assert_eq!(texts_of(&item, "h1"), [NAME]);
    assert_eq!(
        texts_of(&item, "head > title"),
        [format!(
            "{NAME} · Widgets </title><script>alert('title')</script>"
        )]
    );
    assert_eq!(
        attr(one(&item, "meta[name=description]"), "content"),
        SUMMARY
    );
    assert_eq!(
        attr(one(&item, "link[rel=canonical]"), "href"),
        format!("{BASE_URL}items/alpha/")
    );
    let all_text = text_and_attributes(&item);
    for value in [
        NAME,
        SUMMARY,
        NOTE,
        REASON,
        LICENSE,
        SOURCE_TITLE,
        CRITERION,
    ] {
        assert!(all_text.contains(value), "{value:?} is on the item page");
    }
    let body = text(one(&item, ".prose"));
    for written in [
        "<script>alert('body')</script>",
        "<img src=x onerror=\"alert('body image')\">",
        "<pre class=\"code\"><script>alert('disguised')</script></pre>",
        "</script><script>alert('code')</script>",
    ] {
        assert!(
            body.contains(written),
            "{written:?} is shown as text: {body}"
        );
    }

    let home = site.page("index.html");
    let chart_text: String = select(&home, "svg")
        .into_iter()
        .map(|svg| svg.text().collect::<String>())
        .collect();
    assert!(
        chart_text.contains(NAME),
        "the chart names the item: {chart_text}"
    );
}

#[test]
fn hostile_content_survives_json_csv_and_xml_intact() {
    let site = SiteTest::fixture("hostile");
    assert!(site.build().status.success());
    let korean = format!("{NAME} 한국어");
    // The picker embeds no item, only the criteria: its items come from items.json.
    for (page, id, expected) in [
        ("choose/index.html", "choose-data", [NAME, CRITERION]),
        (
            "ko/choose/index.html",
            "choose-data",
            [korean.as_str(), CRITERION],
        ),
        ("compare/pick/index.html", "picker-data", [CRITERION; 2]),
    ] {
        let html = site.page(page);
        let data = one(&html, &format!("script#{id}"));
        let json: serde_json::Value = serde_json::from_str(&data.text().collect::<String>())
            .unwrap_or_else(|e| panic!("{page}: the embedded JSON parses: {e}"));
        let strings = json_strings(&json);
        for text in expected {
            assert!(strings.contains(text), "{page}: {text:?} in {strings:?}");
        }
    }
    let listing: serde_json::Value =
        serde_json::from_slice(&site.read("output/items.json")).expect("items.json parses");
    assert_eq!(listing["items"][0][0], NAME, "the picker's names, intact");

    let data: serde_json::Value =
        serde_json::from_slice(&site.read("output/data.json")).expect("data.json parses");
    assert_eq!(data["items"][0]["name"], NAME);
    assert_eq!(data["sources"][0]["title"], SOURCE_TITLE);
    assert_eq!(data["items"][0]["facts"]["license"], LICENSE);

    let csv = site.read("output/data.csv");
    let mut rows = csv::Reader::from_reader(csv.as_slice());
    let first = rows.records().next().expect("a row").expect("a CSV record");
    assert_eq!(&first[1], NAME);
    assert_eq!(&first[2], LICENSE);

    let xml = String::from_utf8(site.read("output/sitemap.xml")).expect("UTF-8");
    let sitemap = roxmltree::Document::parse(&xml).expect("sitemap.xml parses");
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(!locs.is_empty());
    assert!(locs.iter().all(|l| l.starts_with(BASE_URL)), "{locs:?}");
    assert!(locs.contains(&format!("{BASE_URL}items/alpha/").as_str()));
    let robots = String::from_utf8(site.read("output/robots.txt")).expect("UTF-8");
    assert!(robots.contains(&format!("Sitemap: {BASE_URL}sitemap.xml")));
}

#[test]
fn raw_html_in_bodies_is_escaped_unless_the_site_allows_it() {
    const RAW: &str = "\n<details><summary>More</summary>\n\nHidden <kbd>K</kbd>.\n\n</details>\n";
    let site = SiteTest::fixture("bilingual");
    site.write(
        "content/items/gamma.md",
        [site.read("content/items/gamma.md"), RAW.into()].concat(),
    );
    site.build().assert_clean();
    let page = site.page("items/gamma/index.html");
    assert!(select(&page, ".prose details, .prose kbd").is_empty());
    assert!(text(one(&page, ".prose")).contains("<details><summary>More</summary>"));

    let config = String::from_utf8(site.read("content/site.toml")).expect("UTF-8");
    site.write(
        "content/site.toml",
        format!("{config}\n[markdown]\nraw_html = \"allow\"\n"),
    );
    site.build().assert_clean();
    let page = site.page("items/gamma/index.html");
    assert_eq!(select(&page, ".prose details summary").len(), 1);
    assert_eq!(texts_of(&page, ".prose kbd"), ["K"]);
}

#[test]
fn a_mistyped_raw_html_policy_is_an_error() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let config = String::from_utf8(site.read("content/site.toml")).expect("UTF-8");
    site.write(
        "content/site.toml",
        format!("{config}\n[markdown]\nraw_html = \"yes\"\n"),
    );
    site.build().assert_fails_with(&[concat!(
        "content/site.toml:51:12: `markdown.raw_html` = \"yes\" must be one of \"escape\", \"allow\"\n",
        "   |\n",
        "51 | raw_html = \"yes\"\n",
        "   |            ^",
    )]);
}

#[test]
fn the_shipped_pages_need_no_inline_script_or_style() {
    let site = SiteTest::shipped();
    site.build().assert_clean();
    let output = site.tree("output");
    for page in output.paths_ending(".html") {
        let html = parse(&output, page);
        assert_no_injected_markup(page, &html);
        for script in select(&html, "script") {
            let element = script.value();
            let data = element.attr("type") == Some("application/json");
            assert!(
                element.attr("src").is_some() || data,
                "{page}: an inline script: {}",
                script.html()
            );
        }
        let raw = std::str::from_utf8(&output.0[page]).expect("UTF-8");
        let policy = one(&html, "meta[http-equiv=Content-Security-Policy]");
        assert_eq!(attr(policy, "content"), CSP, "{page}");
        assert_eq!(raw.matches("http-equiv").count(), 1, "{page}");
    }
}

/// The policy of the default theme's base template.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http:; object-src 'none'; base-uri 'none'; form-action 'self'";

/// Elements that content never produces; attributes that would run script or style.
fn assert_no_injected_markup(page: &str, html: &Html) {
    for forbidden in [
        "iframe", "object", "embed", "style", "textarea", "base", "frame",
    ] {
        assert!(
            select(html, forbidden).is_empty(),
            "{page}: a <{forbidden}> element was injected"
        );
    }
    for script in select(html, "script") {
        let src = script.value().attr("src").unwrap_or_default();
        let data = script.value().attr("type") == Some("application/json");
        assert!(
            (src.ends_with(".js") && script.inner_html().is_empty()) || data,
            "{page}: an unexpected script: {}",
            script.html()
        );
    }
    for element in select(html, "*") {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.starts_with("on") && name != "style",
                "{page}: <{} {name}={value:?}>",
                element.value().name()
            );
            if ["href", "src", "action"].contains(&name) {
                let scheme = value
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                assert!(
                    !value.contains(':') || ["http", "https", "mailto"].contains(&scheme.as_str()),
                    "{page}: {name}={value:?}"
                );
            }
        }
    }
}

fn parse(output: &Tree, page: &str) -> Html {
    Html::parse_document(std::str::from_utf8(&output.0[page]).expect("UTF-8 pages"))
}

/// The exact texts (not collapsed) of the elements matching a selector.
fn texts_of(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .into_iter()
        .map(|e| e.text().collect())
        .collect()
}

/// Every text node and attribute value of a page, joined by newlines.
fn text_and_attributes(html: &Html) -> String {
    let mut all: Vec<String> = Vec::new();
    for element in select(html, "*") {
        all.extend(element.value().attrs().map(|(_, v)| v.to_string()));
        all.extend(
            element
                .children()
                .filter_map(|c| c.value().as_text().map(|t| t.to_string())),
        );
    }
    all.join("\n")
}

/// Every string in a JSON value.
fn json_strings(value: &serde_json::Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::String(s) => {
                found.insert(s.clone());
            }
            serde_json::Value::Array(list) => stack.extend(list),
            serde_json::Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    found
}

const FORBIDDEN: &str = "refusing to use this output folder: it is the project, its content, themes or sources, the home folder or /";

/// `versus build --root <site> --output <output>` from the site's folder with `env` set.
fn build_into(site: &SiteTest, output: impl AsRef<OsStr>, env: &[(&str, &Path)]) -> Build {
    let mut command = Command::new(env!("CARGO_BIN_EXE_versus"));
    command
        .current_dir(site.root())
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(output)
        .env_remove("RUST_BACKTRACE");
    for (name, value) in env {
        command.env(name, value);
    }
    let run = command.output().expect("run the versus binary");
    Build {
        status: run.status,
        stdout: String::from_utf8(run.stdout).expect("UTF-8"),
        stderr: String::from_utf8(run.stderr).expect("UTF-8"),
    }
}

#[test]
fn the_root_folder_is_refused() {
    let site = SiteTest::fixture("bilingual");
    build_into(&site, "/", &[]).assert_fails_for("/", &[&format!("/: {FORBIDDEN}")]);
}

#[test]
fn the_themes_folder_is_refused() {
    let site = SiteTest::fixture("bilingual");
    let before = site.tree("themes");
    build_into(&site, "themes", &[]).assert_fails_for("themes", &[&format!("themes: {FORBIDDEN}")]);
    site.tree("themes").assert_same(&before, "the themes");
}

#[test]
fn the_home_folder_is_refused() {
    let site = SiteTest::fixture("bilingual");
    // An empty folder as home: without the rule it would be a fine place to build into.
    let home = SiteTest::empty();
    let path = home.root().to_str().expect("a UTF-8 path");
    build_into(&site, path, &[("HOME", home.root())])
        .assert_fails_for(path, &[&format!("{path}: {FORBIDDEN}")]);
    assert_eq!(Tree::of(home.root()).0.len(), 0, "nothing was written home");
}

#[test]
fn a_folder_holding_the_project_is_refused() {
    let site = SiteTest::fixture("bilingual");
    let before = site.tree("");
    for output in [
        "..",
        site.root()
            .parent()
            .and_then(Path::to_str)
            .expect("a parent"),
    ] {
        build_into(&site, output, &[]).assert_fails_for(
            output,
            &[&format!(
                "{output}: refusing to use this output folder: it holds the project, whose files a build would replace"
            )],
        );
    }
    site.tree("").assert_same(&before, "the project");
}

#[test]
fn a_folder_inside_content_or_themes_is_refused() {
    let site = SiteTest::fixture("bilingual");
    for output in ["content/public", "themes/default/out", "content/items/x"] {
        build_into(&site, output, &[]).assert_fails_for(
            output,
            &[&format!(
                "{output}: refusing to use this output folder: it is inside content/ or themes/, which the site is built from"
            )],
        );
        assert!(!site.path(output).exists(), "{output} was not made");
    }
}

#[test]
fn an_output_that_is_a_symbolic_link_is_refused() {
    let site = SiteTest::fixture("bilingual");
    let elsewhere = SiteTest::empty();
    std::os::unix::fs::symlink(elsewhere.root(), site.path("public")).expect("a symlink");
    build_into(&site, "public", &[]).assert_fails_for(
        "public",
        &["public: refusing to use this output folder: it is a symbolic link"],
    );
    assert!(
        Tree::of(elsewhere.root()).0.is_empty(),
        "nothing written through the link"
    );
}

#[test]
fn a_staging_folder_versus_did_not_make_is_never_deleted() {
    let site = SiteTest::fixture("bilingual");
    site.write(".output.staging/notes.txt", "mine");
    let staging = site.path(".output.staging");
    let build = site.build();
    assert_eq!(build.status.code(), Some(1));
    assert_eq!(
        build.stderr.lines().next(),
        Some(
            format!(
                "{}: refusing to remove this folder: it was not made by versus (no .versus-output file)",
                staging.display()
            )
            .as_str()
        )
    );
    assert_eq!(site.read(".output.staging/notes.txt"), b"mine");
}

#[test]
fn a_build_that_fails_while_writing_leaves_the_previous_output() {
    let site = SiteTest::fixture("bilingual");
    let first = site.build();
    first.assert_clean();
    let before = site.tree("output");
    let files = before.0.len() - 1; // the marker is not one of the site's files
    site.edit(
        "content/items/alpha.md",
        "name = \"Alpha\"",
        "name = \"Alpha Two\"",
    );
    for fail_after in [0, files / 2, files - 1] {
        let count = fail_after.to_string();
        let run = build_into(
            &site,
            "output",
            &[("VERSUS_TEST_FAIL_WRITE_AFTER", Path::new(&count))],
        );
        assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "injected failure after writing {fail_after} files (VERSUS_TEST_FAIL_WRITE_AFTER)"
            )),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr
                .ends_with("error: build failed with 1 error(s); output was left unchanged\n")
        );
        site.tree("output")
            .assert_same(&before, "the previous output");
        let entries = entries(site.root());
        assert_eq!(entries, ["content", "output", "themes"], "no staging left");
    }
    site.build().assert_clean();
    let page = site.page("items/alpha/index.html");
    assert_eq!(texts_of(&page, "h1"), ["Alpha Two"]);
}

#[test]
fn two_pages_at_one_address_fail_check_and_serve_too() {
    let site = SiteTest::fixture("bilingual");
    let gamma = String::from_utf8(site.read("content/items/gamma.md")).expect("UTF-8");
    for (slug, name) in [
        ("a", "A"),
        ("b-vs-c", "B vs C"),
        ("a-vs-b", "A vs B"),
        ("c", "C"),
    ] {
        site.write(
            &format!("content/items/{slug}.md"),
            gamma.replace("name = \"Gamma\"", &format!("name = \"{name}\"")),
        );
    }
    let check = site.run::<&str>("check", &[]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        check.stderr.starts_with(
            "compare/a-vs-b-vs-c/index.html: two files of the site would be written here"
        ),
        "{}",
        check.stderr
    );
}
