//! `versus init`: the path a new user follows from an empty folder (init, new, build, check,
//! build for the published address), a third language, and a folder that is not empty.

use std::path::Path;

use super::support::{SiteTest, one, select, versus};

/// Replaces what `new` left to fill in, in an item of the starter report.
fn fill_in(root: &Path, slug: &str, name: &str) {
    let edit = |file: &str, pairs: &[(&str, &str)]| {
        let path = root.join("content/databases").join(file);
        let mut text = std::fs::read_to_string(&path).expect("read the new item");
        for (from, to) in pairs {
            assert!(text.contains(from), "{from:?} in {file}");
            text = text.replace(from, to);
        }
        std::fs::write(&path, text).expect("write the item");
    };
    edit(
        &format!("{slug}.md"),
        &[
            ("name = \"\"", &format!("name = \"{name}\"")),
            ("summary = \"\"", "summary = \"A database.\""),
            ("homepage = \"\"", "homepage = \"https://example.org/db\""),
            ("license = \"\"", "license = \"MIT\""),
            ("kind = \"\"", "kind = \"open\""),
            (
                "score = 0\nsources = []\nevidence = \"\"",
                "score = 3\nsources = [\"example-review\"]\nevidence = \"judgement\"",
            ),
            ("[\"\"]", "[\"Something\"]"),
        ],
    );
    edit(
        &format!("{slug}.ko.md"),
        &[
            ("summary = \"\"", "summary = \"데이터베이스.\""),
            ("[\"\"]", "[\"무언가\"]"),
        ],
    );
}

#[test]
fn a_new_user_goes_from_an_empty_folder_to_a_published_build() {
    let site = SiteTest::empty();
    let root = site.root();
    let init = versus(
        root,
        &["init", "--languages", "en,ko", "--items", "databases"],
    );
    assert_eq!(init.stderr, "");
    assert!(init.stdout.starts_with("created content/site.toml\n"));
    assert!(
        init.stdout
            .ends_with("created .gitignore\nnext: versus serve (then versus new <slug> for each item you compare)\n"),
        "{}",
        init.stdout
    );
    versus(root, &["build"]).assert_clean();

    for (slug, name) in [("mysql", "MySQL"), ("sqlite", "SQLite")] {
        let new = versus(root, &["new", slug]);
        assert_eq!(
            new.stdout,
            format!(
                "created content/databases/{slug}.md\ncreated content/databases/{slug}.ko.md\nfill in every field, then build\n"
            )
        );
        fill_in(root, slug, name);
    }
    let build = versus(root, &["build"]);
    build.assert_clean();
    // A new folder is not a repository yet: the build says so once, and shows no history.
    let lines: Vec<&str> = build.stdout.lines().collect();
    assert!(lines[0].starts_with("history: unavailable"), "{lines:?}");
    assert_eq!(lines[1], "translation ko: 5/5 translated");
    assert!(lines[2].starts_with("built "), "{lines:?}");
    let check = versus(root, &["check"]);
    assert_eq!((check.status.code(), check.stderr.as_str()), (Some(0), ""));
    assert!(check.stdout.ends_with(": 0 error(s), 0 warning(s)\n"));

    versus(
        root,
        &["build", "--base-url", "https://someone.github.io/dbs"],
    )
    .assert_clean();
    let page = site.page("databases/mysql/index.html");
    let canonical = one(&page, "link[rel=canonical]");
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://someone.github.io/dbs/databases/mysql/")
    );
    assert_eq!(
        select(&site.page("compare/index.html"), "tbody tr").len(),
        3
    );
}

#[test]
fn the_workflow_init_writes_uses_the_action_of_this_version() {
    let site = SiteTest::empty();
    versus(site.root(), &["init"]).assert_clean();
    let workflow = String::from_utf8(site.read(".github/workflows/pages.yml")).expect("UTF-8");
    let repository = env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/");
    let uses = format!("uses: {repository}@v{}\n", env!("CARGO_PKG_VERSION"));
    assert!(workflow.contains(&uses), "{uses} in:\n{workflow}");
}

#[test]
fn a_third_language_starts_from_the_english_text_and_strings() {
    let site = SiteTest::empty();
    let init = versus(site.root(), &["init", "--languages", "en,ko,ja"]);
    assert!(
        init.stdout
            .contains("created themes/default/i18n/ja.toml\n")
    );
    let example = String::from_utf8(site.read("content/items/example.ja.md")).expect("UTF-8");
    assert!(
        example
            .starts_with("+++\n# Translate this file into 日本語 (ja): it is the English text.\n")
    );
    let build = versus(site.root(), &["build"]);
    build.assert_clean();
    assert!(build.stdout.contains("translation ja: 3/3 translated\n"));
    assert_eq!(
        one(&site.page("ja/index.html"), "html")
            .value()
            .attr("lang"),
        Some("ja")
    );
}

#[test]
fn init_never_overwrites_and_keeps_a_gitignore() {
    let site = SiteTest::empty();
    site.write(".gitignore", "target/\n");
    site.write("content/site.toml", "# mine\n");
    let init = versus(site.root(), &["init"]);
    assert_eq!(
        init.stderr,
        "content/site.toml: already exists: `init` never overwrites a file\nerror: nothing was written (1 error(s))\n"
    );
    assert_eq!(init.status.code(), Some(1));
    assert_eq!(
        super::support::entries(site.root()),
        [".gitignore", "content"],
        "nothing else was written"
    );
    std::fs::remove_file(site.path("content/site.toml")).expect("remove");
    versus(site.root(), &["init"]).assert_clean();
    assert_eq!(site.read(".gitignore"), b"target/\n", "kept as it was");
}

#[test]
fn init_strings_writes_a_table_to_translate_once() {
    let site = SiteTest::empty();
    versus(site.root(), &["init"]).assert_clean();
    let strings = versus(site.root(), &["init", "--strings", "fr"]);
    assert_eq!(
        strings.stdout.lines().next(),
        Some("created themes/default/i18n/fr.toml")
    );
    let again = versus(site.root(), &["init", "--strings", "fr"]);
    assert_eq!(
        again.stderr,
        "themes/default/i18n/fr.toml: already exists: `init --strings` never overwrites a file\nerror: nothing was written (1 error(s))\n"
    );
}
