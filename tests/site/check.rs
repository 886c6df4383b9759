//! `versus check`: on the `bilingual` fixture, a broken link and a missing anchor (written in
//! Markdown: reported at their line and column), a missing translation, a source without a
//! URL, a missing asset (written in a template: reported at the built page), a score without
//! a source; each with its exact message, and the exit status.

use super::support::{Build, SiteTest};

const ALPHA: &str = "content/items/alpha.md";

/// The fixture's own findings, all warnings: alpha's translation predates its original,
/// gamma has none, and the source "survey" has no URL.
const FIXTURE_WARNINGS: [&str; 3] = [
    "content/items/alpha.ko.md: warning: translation older than its original content/items/alpha.md (by their `updated` dates)",
    "content/items/gamma.ko.md: warning: missing ko translation of content/items/gamma.md",
    concat!(
        "content/sources.toml:8:1: warning: source \"survey\" has no url: readers cannot look it up (add one if a public address exists)\n",
        "  |\n",
        "8 | id = \"survey\"\n",
        "  | ^",
    ),
];

fn check(site: &SiteTest, extra: &[&str]) -> Build {
    site.run("check", extra)
}

/// Asserts the exact stderr: these diagnostics (each possibly several lines), then `closing`.
fn assert_stderr(run: &Build, diagnostics: &[&str], closing: Option<&str>) {
    let expected: Vec<&str> = diagnostics
        .iter()
        .flat_map(|d| d.lines())
        .chain(closing)
        .collect();
    assert_eq!(run.stderr.lines().collect::<Vec<_>>(), expected, "stderr");
}

/// The last line of stdout, the summary, ends with these counts.
fn assert_counts(run: &Build, counts: &str) {
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("checked ") && last.ends_with(counts),
        "summary {last:?} should end with {counts:?}"
    );
}

#[test]
fn the_fixture_passes_with_its_warnings_listed() {
    let site = SiteTest::fixture("bilingual");
    let run = check(&site, &[]);
    assert_stderr(&run, &FIXTURE_WARNINGS, None);
    assert_eq!(run.status.code(), Some(0), "warnings alone pass");
    assert_counts(&run, ": 0 error(s), 3 warning(s)");
    assert!(
        run.stdout
            .contains("external links: 4, not tried (--external tries them)"),
        "{}",
        run.stdout
    );
    assert!(!site.path("output").exists(), "check writes nothing");
}

#[test]
fn strict_fails_on_warnings() {
    let site = SiteTest::fixture("bilingual");
    let run = check(&site, &["--strict"]);
    assert_stderr(
        &run,
        &FIXTURE_WARNINGS,
        Some("error: check failed with 3 warning(s) (--strict)"),
    );
    assert_eq!(run.status.code(), Some(1));
}

#[test]
fn broken_links_and_missing_anchors_are_placed_where_they_are_written() {
    let site = SiteTest::fixture("bilingual");
    site.edit(
        ALPHA,
        "[Beta](@/items/beta).",
        "[Beta](@/items/beta#nope), and [the old page](../../old/) is gone.",
    );
    let run = check(&site, &[]);
    let line = "29 | Alpha is quicker to learn than [Beta](@/items/beta#nope), and [the old page](../../old/) is gone.\n";
    assert_stderr(
        &run,
        &[
            FIXTURE_WARNINGS[0],
            &[
                "content/items/alpha.md:29:32: link to \"@/items/beta#nope\": items/beta/index.html has no element with id \"nope\"\n",
                "   |\n",
                line,
                "   |                                ^",
            ]
            .concat(),
            &[
                "content/items/alpha.md:29:63: link to \"../../old/\": no page old/index.html in the site\n",
                "   |\n",
                line,
                "   |                                                               ^",
            ]
            .concat(),
            FIXTURE_WARNINGS[1],
            FIXTURE_WARNINGS[2],
        ],
        Some("error: check failed with 2 error(s)"),
    );
    assert_eq!(run.status.code(), Some(1));
    assert_counts(&run, ": 2 error(s), 3 warning(s)");
}

#[test]
fn a_missing_asset_in_a_template_is_reported_on_every_page() {
    let site = SiteTest::fixture("bilingual");
    site.edit(
        "themes/default/templates/base.html",
        "highlight.css",
        "missing.css",
    );
    let run = check(&site, &[]);
    let missing: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("missing.css"))
        .collect();
    let pages = site
        .build()
        .stdout
        .lines()
        .last()
        .and_then(|l| l.strip_prefix("built "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("the build says how many pages");
    assert_eq!(
        missing.len(),
        pages,
        "one finding per page:\n{}",
        run.stderr
    );
    assert!(
        missing.contains(
            &"output/items/alpha/index.html: asset \"../../assets/missing.css\": no file assets/missing.css in the site"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.status.code(), Some(1));
}

#[test]
fn a_score_without_a_source_stops_the_check() {
    let site = SiteTest::fixture("bilingual");
    site.edit(ALPHA, "sources = [\"survey\"]", "sources = []");
    let run = check(&site, &[]);
    assert_stderr(
        &run,
        &[concat!(
            "content/items/alpha.md:20:1: rating \"docs\" cites no source: add `sources = [\"<source id>\"]`\n",
            "   |\n",
            "20 | [ratings.docs]\n",
            "   | ^",
        )],
        Some("error: check failed: the site does not build (1 error(s))"),
    );
    assert_eq!(run.status.code(), Some(1));
}

#[test]
fn the_shipped_report_has_no_broken_link() {
    let site = SiteTest::shipped();
    let run = check(&site, &[]);
    let headlines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.contains(" | ") && !l.ends_with(" |"))
        .collect();
    let no_url = |id: &str| {
        format!(
            "warning: source \"{id}\" has no url: readers cannot look it up (add one if a public address exists)"
        )
    };
    assert_eq!(
        headlines.len(),
        3,
        "only the sources without a URL:\n{}",
        run.stderr
    );
    for (line, id) in headlines
        .iter()
        .zip(["filatov-2024", "overview-table", "hashnode-beginners"])
    {
        assert!(
            line.starts_with("content/sources.toml:") && line.ends_with(&no_url(id)),
            "{line}"
        );
    }
    assert_eq!(run.status.code(), Some(0));
}

#[test]
fn the_same_broken_link_written_twice_is_reported_at_both_places() {
    let site = SiteTest::fixture("bilingual");
    site.edit(
        ALPHA,
        "[Beta](@/items/beta).",
        "[Beta](@/items/beta).\n\nSee [it](../../old/).\n\nAnd [again](../../old/).",
    );
    let run = check(&site, &[]);
    let places: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("no page old/index.html"))
        .collect();
    assert_eq!(
        places,
        [
            "content/items/alpha.md:31:5: link to \"../../old/\": no page old/index.html in the site",
            "content/items/alpha.md:33:5: link to \"../../old/\": no page old/index.html in the site",
        ]
    );
}

#[test]
fn thousands_of_broken_links_on_one_page_are_each_reported() {
    let site = SiteTest::fixture("bilingual");
    let links: String = (0..5000)
        .map(|n| format!("[x](../../gone-{n}/)\n"))
        .collect();
    site.edit(ALPHA, "[Beta](@/items/beta).", &links);
    let run = check(&site, &[]);
    assert_counts(&run, ": 5000 error(s), 3 warning(s)");
    assert!(run.stderr.contains(
        "content/items/alpha.md:5028:1: link to \"../../gone-4999/\": no page gone-4999/index.html in the site"
    ));
}
