//! `versus new <slug>`: writes an item in every configured language with every field, which
//! fails the build naming each placeholder until filled, then builds; refuses an invalid slug
//! and never overwrites.

use super::support::{SiteTest, one, text};

const DELTA: &str = "content/items/delta.md";
const DELTA_KO: &str = "content/items/delta.ko.md";

/// Fills in the placeholders `new` wrote.
fn fill_in(site: &SiteTest) {
    site.edit(DELTA, "name = \"\"", "name = \"Delta\"");
    site.edit(DELTA, "summary = \"\"", "summary = \"The fourth widget.\"");
    site.edit(
        DELTA,
        "homepage = \"\"",
        "homepage = \"https://delta.example.org/\"",
    );
    site.edit(DELTA, "license = \"\"", "license = \"MIT\"");
    let text = String::from_utf8(site.read(DELTA)).expect("UTF-8");
    site.write(
        DELTA,
        text.replace(
            "score = 0\nsources = []\nevidence = \"\"",
            "score = 3\nsources = [\"review\"]\nevidence = \"judgement\"",
        ),
    );
    site.edit(DELTA_KO, "summary = \"\"", "summary = \"네 번째 위젯.\"");
    // Lists (best for, pros, cons) start with one empty entry to fill in.
    for file in [DELTA, DELTA_KO] {
        let text = String::from_utf8(site.read(file)).expect("UTF-8");
        site.write(file, text.replace("[\"\"]", "[\"Something\"]"));
    }
}

#[test]
fn new_writes_every_language_and_builds_once_filled_in() {
    let site = SiteTest::fixture("bilingual");
    let run = site.run("new", &["delta"]);
    assert_eq!(
        run.stdout,
        "created content/items/delta.md\ncreated content/items/delta.ko.md\nfill in every field, then build\n"
    );
    assert_eq!(run.status.code(), Some(0));
    let original = String::from_utf8(site.read(DELTA)).expect("UTF-8");
    for field in [
        "name = \"\"",
        "summary = \"\"",
        "homepage = \"\"",
        "best_for = [\"\"]",
        "[facts]\n# Licence (text).\nlicense = \"\"",
        "# first_release = 0",
        "`sources`: ids from content/sources.toml: review, survey.",
        "[ratings.speed]\n# Speed: How fast it is.\n#   1: Slow.\n#   5: Fast.\nscore = 0\nsources = []\nevidence = \"\"\nnote = \"\"",
        "[ratings.docs]",
    ] {
        assert!(original.contains(field), "{field:?} in:\n{original}");
    }
    let translation = String::from_utf8(site.read(DELTA_KO)).expect("UTF-8");
    assert!(
        translation
            .contains("[ratings.speed]\n# 속도: why this score, in this language.\nnote = \"\"")
    );
    assert!(
        !translation.contains("score ="),
        "a translation has no scores"
    );

    let unfilled = site.build();
    let errors: Vec<&str> = unfilled
        .stderr
        .lines()
        .filter(|l| l.starts_with("content/"))
        .collect();
    assert_eq!(
        errors,
        [
            "content/items/delta.md:4:8: `name` is empty: write it",
            "content/items/delta.md:6:11: `summary` is empty: write it",
            "content/items/delta.md:10:12: `best_for` has an empty entry: write it or remove it",
            "content/items/delta.md:12:8: `pros` has an empty entry: write it or remove it",
            "content/items/delta.md:14:8: `cons` has an empty entry: write it or remove it",
            "content/items/delta.md:16:12: `homepage` is empty: write it",
            "content/items/delta.md:22:11: fact `license` is empty: write it",
            "content/items/delta.md:31:1: rating \"speed\" cites no source: add `sources = [\"<source id>\"]`",
            "content/items/delta.md:35:9: rating \"speed\" = 0 is outside the scale 1..5",
            "content/items/delta.md:37:12: rating \"speed\": evidence \"\" must be one of measured, documented, judgement",
            "content/items/delta.md:40:1: rating \"docs\" cites no source: add `sources = [\"<source id>\"]`",
            "content/items/delta.md:44:9: rating \"docs\" = 0 is outside the scale 1..5",
            "content/items/delta.md:46:12: rating \"docs\": evidence \"\" must be one of measured, documented, judgement",
        ],
        "an unfilled item does not build"
    );

    fill_in(&site);
    site.build().assert_clean();
    assert_eq!(
        text(one(&site.page("items/delta/index.html"), "h1")),
        "Delta"
    );
    assert_eq!(
        text(one(&site.page("ko/items/delta/index.html"), ".lede")),
        "네 번째 위젯."
    );
}

#[test]
fn new_never_overwrites() {
    let site = SiteTest::fixture("bilingual");
    let before = site.tree("content");
    let run = site.run("new", &["alpha"]);
    assert_eq!(
        run.stderr,
        "content/items/alpha.md: already exists: `new` never overwrites a file\n\
         content/items/alpha.ko.md: already exists: `new` never overwrites a file\n\
         error: nothing was written (2 error(s))\n"
    );
    assert_eq!(run.status.code(), Some(1));
    site.tree("content").assert_same(&before, "the content");

    site.write("content/items/delta.ko.md", "+++\n+++\n");
    let run = site.run("new", &["delta"]);
    assert_eq!(
        run.stderr,
        "content/items/delta.ko.md: already exists: `new` never overwrites a file\n\
         error: nothing was written (1 error(s))\n"
    );
    assert!(
        !site.path(DELTA).exists(),
        "nothing is written when one file exists"
    );
}

#[test]
fn new_refuses_a_slug_that_is_not_one() {
    let site = SiteTest::fixture("bilingual");
    for slug in ["Delta", "del ta", "../delta", "-delta", "delta.ko"] {
        let run = site.run("new", &["--", slug]);
        assert_eq!(
            run.stderr,
            format!(
                "content/items/{slug}.md: \"{slug}\" is not a valid slug: use lowercase ASCII letters, digits and hyphens\n\
                 error: nothing was written (1 error(s))\n"
            )
        );
        assert_eq!(run.status.code(), Some(1));
    }
    assert_eq!(
        std::fs::read_dir(site.path("content/items"))
            .unwrap()
            .count(),
        5,
        "no file was added"
    );
}

#[test]
fn new_refuses_a_linked_items_folder_as_build_does() {
    let site = SiteTest::fixture("bilingual");
    let elsewhere = tempfile::tempdir().expect("a temporary folder");
    std::fs::remove_dir_all(site.path("content/items")).expect("remove items");
    std::os::unix::fs::symlink(elsewhere.path(), site.path("content/items")).expect("link");
    let run = site.run("new", &["delta"]);
    assert_eq!(
        run.stderr,
        "content/items: symbolic links are not followed: put the folder itself in content/\n\
         error: nothing was written (1 error(s))\n"
    );
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).expect("read").count(),
        0,
        "nothing written through the link"
    );
}

#[test]
fn new_writes_nothing_when_a_translation_is_a_link_leading_nowhere() {
    let site = SiteTest::fixture("bilingual");
    std::os::unix::fs::symlink("/nonexistent/delta.ko.md", site.path(DELTA_KO)).expect("link");
    let run = site.run("new", &["delta"]);
    assert_eq!(
        run.stderr,
        "content/items/delta.ko.md: already exists: `new` never overwrites a file\n\
         error: nothing was written (1 error(s))\n"
    );
    assert!(!site.path(DELTA).exists(), "and indeed nothing was written");
}

#[test]
fn new_refuses_a_slug_too_long_for_a_comparison_page() {
    let site = SiteTest::fixture("bilingual");
    let slug = "a".repeat(101);
    let run = site.run("new", &[slug.as_str()]);
    assert_eq!(
        run.stderr,
        format!(
            "content/items/{slug}.md: the slug is 101 characters long: a slug has at most 100 (a comparison page's address joins two)\n\
             error: nothing was written (1 error(s))\n"
        )
    );
}
