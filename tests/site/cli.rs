//! The command line itself: finding the project, and what happens outside one.

use super::support::{SiteTest, versus};

#[test]
fn outside_a_project_it_says_what_to_do() {
    let empty = SiteTest::empty();
    let run = versus(empty.root(), &["build"]);
    assert_eq!(
        run.stderr,
        "error: no content/site.toml in this folder or any parent: `versus init` starts a report here; or run from a versus project, or pass --root\n"
    );
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn without_root_it_finds_the_project_from_a_subfolder() {
    let site = SiteTest::fixture("bilingual");
    let run = versus(&site.path("content/items"), &["build"]);
    run.assert_clean();
    let output = site.path("output");
    let last = run.stdout.lines().last().unwrap_or_default();
    // 136 files (the compare view's data of the three items in one file a language), 20
    // preview cards (10 in each language) and 20 charts to take away (an SVG, a PNG and an
    // embed page each).
    let prefix = format!("built 34 pages (216 files) into {} in ", output.display());
    assert!(
        last.starts_with(&prefix) && last.ends_with(" ms"),
        "the summary names the output: {last:?}"
    );
    assert!(
        output.join("items/alpha/index.html").is_file(),
        "built into the project's output/"
    );
}

#[test]
fn a_base_url_that_is_not_an_absolute_http_address_is_refused_before_anything_is_written() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let before = site.tree("output");
    for (given, why) in [
        (
            "example.github.io/dbs",
            r#""example.github.io/dbs" has no scheme: write the whole address, such as https://example.github.io/dbs/"#,
        ),
        (
            "javascript:alert(1)//",
            r#""javascript:alert(1)//" must be an absolute http:// or https:// address"#,
        ),
        (
            "https://example.org/a\"><b>\nx",
            r#""https://example.org/a\"><b>\nx" must not contain spaces, line breaks or control characters"#,
        ),
    ] {
        for command in ["build", "check", "serve"] {
            let run = site.run(command, &["--base-url", given]);
            assert_eq!(
                run.stderr,
                format!(
                    "error: invalid value '{given}' for '--base-url <BASE_URL>': {why}\n\nFor more information, try '--help'.\n"
                ),
                "{command} {given}"
            );
            assert_eq!(run.status.code(), Some(2), "{command} {given}");
        }
    }
    site.tree("output")
        .assert_same(&before, "the previous output");
}
