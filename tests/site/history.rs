//! History from git (issue 18): a fixture repository made in a temporary folder, commit by
//! commit with fixed dates (an item added, a score changed twice, a source cited, an item
//! removed, one renamed, a translation updated), then the item pages, the changes page, the
//! feeds (parsed as XML), data.json and `check`'s warning; the same site without git, and as
//! a shallow clone. Nothing here reads this repository's own history.

use super::repository::git;
use super::support::{SiteTest, attr, one, select, text, texts};

const ITEMS: &str = "content/items";
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Stages everything and commits it on `date` with `subject`.
pub(super) fn commit(site: &SiteTest, date: &str, subject: &str) {
    git(site.root(), date, &["add", "-A"]);
    git(site.root(), date, &["commit", "-q", "-m", subject]);
}

/// The `bilingual` fixture as a repository whose history makes its items what they are:
///
/// - 2026-01-10 alpha (speed 2), beta and omega added;
/// - 2026-02-01 alpha's speed 2 → 3; 2026-03-02 3 → 4;
/// - 2026-03-05 alpha's documentation cites "review" too; omega removed; beta's note edited
///   (its Korean translation is now older);
/// - 2026-03-10 delta added; 2026-03-12 delta renamed gamma;
/// - 2026-03-15 alpha's Korean translation updated;
/// - 2026-03-20 beta's documentation 3 → 2.
pub(super) fn repository() -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    let item = |slug: &str| format!("{ITEMS}/{slug}.md");
    let gamma = String::from_utf8(site.read(&item("gamma"))).unwrap();
    std::fs::remove_file(site.path(&item("gamma"))).unwrap();
    let beta = String::from_utf8(site.read(&item("beta"))).unwrap();
    site.write(&item("omega"), beta.replace("name: Beta", "name: Omega"));
    site.edit(&item("alpha"), "score = 4", "score = 2");
    site.write(".gitignore", "output/\n");
    git(site.root(), "2026-01-10", &["init", "-q"]);
    commit(&site, "2026-01-10", "Add alpha, beta and omega");
    site.edit(&item("alpha"), "score = 2", "score = 3");
    commit(&site, "2026-02-01", "Speed: measured again");
    site.edit(&item("alpha"), "score = 3", "score = 4");
    commit(&site, "2026-03-02", "Speed: new benchmark");
    site.edit(
        &item("alpha"),
        "sources = [\"survey\"]",
        "sources = [\"survey\", \"review\"]",
    );
    std::fs::remove_file(site.path(&item("omega"))).unwrap();
    site.edit(&item("beta"), "note: Adequate.", "note: Adequate enough.");
    commit(
        &site,
        "2026-03-05",
        "Docs: cite the review; omega withdrawn",
    );
    site.write(&item("delta"), &gamma);
    commit(&site, "2026-03-10", "Add delta");
    git(
        site.root(),
        "2026-03-12",
        &["mv", &item("delta"), &item("gamma")],
    );
    commit(&site, "2026-03-12", "Rename delta to gamma");
    site.edit(
        &format!("{ITEMS}/alpha.ko.md"),
        "리뷰에서 빠름.",
        "리뷰에서 빠릅니다.",
    );
    commit(&site, "2026-03-15", "Korean: alpha's notes reworded");
    site.edit(&item("beta"), "    score: 3", "    score: 2");
    commit(&site, "2026-03-20", "Docs: beta re-rated");
    site
}

/// Adds the item `slug` named `name` (beta's file under another name) on `date`.
pub(super) fn add_item(site: &SiteTest, slug: &str, name: &str, date: &str) {
    let beta = String::from_utf8(site.read(&format!("{ITEMS}/beta.md"))).unwrap();
    site.write(
        &format!("{ITEMS}/{slug}.md"),
        beta.replace("name: Beta", &format!("name: {name}")),
    );
    commit(site, date, &format!("Add {slug}"));
}

/// The one line a build printed about history.
fn the_note(stdout: &str) -> &str {
    let notes: Vec<&str> = (stdout.lines())
        .filter(|l| l.starts_with("history:"))
        .collect();
    assert_eq!(notes.len(), 1, "said once: {stdout}");
    notes[0]
}

fn build(site: &SiteTest) -> String {
    let run = site.build();
    assert!(run.status.success(), "{}", run.stderr);
    run.stdout
}

#[test]
fn item_pages_show_each_rating_s_earlier_scores_and_the_item_s_history() {
    let site = repository();
    let stdout = build(&site);
    assert!(!stdout.contains("history:"), "nothing to say: {stdout}");
    let alpha = site.page("items/alpha/index.html");
    assert_eq!(
        text(one(&alpha, "#rating-speed .was")),
        "Was 3 until March 2, 2026: Speed: new benchmark"
    );
    assert_eq!(
        texts(&alpha, "#rating-speed .history-list li"),
        [
            "March 2, 2026 Speed: 3 → 4 — Speed: new benchmark",
            "February 1, 2026 Speed: 2 → 3 — Speed: measured again",
        ]
    );
    assert!(
        select(&alpha, "#rating-docs .rating-history").is_empty(),
        "a score that never changed has no history"
    );
    assert_eq!(
        texts(&alpha, "#history .history-list li"),
        [
            "March 15, 2026 한국어 translation updated — Korean: alpha's notes reworded",
            "March 5, 2026 Documentation: cites A review of widgets — Docs: cite the review; omega withdrawn",
            "March 2, 2026 Speed: 3 → 4 — Speed: new benchmark",
            "February 1, 2026 Speed: 2 → 3 — Speed: measured again",
            "January 10, 2026 added — Add alpha, beta and omega",
        ]
    );
    assert_eq!(text(one(&alpha, "#history p")), "Added January 10, 2026.");

    let korean = site.page("ko/items/alpha/index.html");
    assert_eq!(
        text(one(&korean, "#rating-speed .was")),
        "2026년 3월 2일까지 3점: Speed: new benchmark"
    );
    assert_eq!(
        text(one(&korean, "#history p")),
        "2026년 1월 10일에 추가되었습니다."
    );

    let gamma = site.page("items/gamma/index.html");
    assert_eq!(
        texts(&gamma, "#history .history-list li"),
        [
            "March 12, 2026 renamed from delta — Rename delta to gamma",
            "March 10, 2026 added — Add delta",
        ],
        "the rename is followed"
    );
    assert!(
        text(one(&gamma, ".item-header .meta")).ends_with("· Changed March 12, 2026"),
        "no `updated` field: the last commit that touched the file"
    );
}

#[test]
fn the_changes_page_lists_changes_by_day_newest_first_in_each_language() {
    let site = repository();
    build(&site);
    let page = site.page("changes/index.html");
    let days: Vec<&str> = select(&page, ".changes-day h2 time")
        .into_iter()
        .map(|t| attr(t, "datetime"))
        .collect();
    assert_eq!(
        days,
        [
            "2026-03-20",
            "2026-03-10",
            "2026-03-05",
            "2026-03-02",
            "2026-02-01",
            "2026-01-10"
        ],
        "renames and translations are not listed"
    );
    assert_eq!(
        texts(&page, "#d-2026-03-05 ~ .commit .commit-reason"),
        ["Docs: cite the review; omega withdrawn"],
        "the reason, once for the commit's changes"
    );
    assert_eq!(
        texts(&page, "#d-2026-03-05 ~ .commit li"),
        [
            "Alpha: Documentation: cites A review of widgets",
            "Omega: removed",
        ]
    );
    assert_eq!(
        texts(&page, "#d-2026-03-20 ~ .commit li"),
        ["Beta: Documentation: 3 → 2"]
    );
    let linked: Vec<&str> = select(&page, ".changes a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert!(linked.contains(&"../items/alpha/"), "{linked:?}");
    assert!(
        texts(&page, ".changes .removed-name")
            .iter()
            .all(|n| n == "Omega"),
        "a removed item is named, not linked"
    );
    let korean = site.page("ko/changes/index.html");
    assert_eq!(
        texts(&korean, ".changes-day h2")[0],
        "2026년 3월 20일",
        "Korean dates in Korean form"
    );
    assert_eq!(
        texts(&korean, "#d-2026-03-20 ~ .commit li"),
        ["Beta: 문서: 3 → 2"]
    );
    let home = site.page("index.html");
    let footer: Vec<&str> = select(&home, ".site-footer a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(footer, ["changes/"], "linked from the footer");
}

#[test]
fn an_item_never_changed_since_it_was_added_is_named_from_its_file() {
    let site = repository();
    add_item(&site, "epsilon", "Epsilon", "2026-03-22");
    build(&site);
    let page = site.page("changes/index.html");
    assert_eq!(
        texts(&page, "#d-2026-03-22 ~ .commit li"),
        ["Epsilon: added"]
    );
    let link = one(&page, "#d-2026-03-22 ~ .commit li a");
    assert_eq!(attr(link, "href"), "../items/epsilon/");

    // Gone from the work tree, not from the commit: history never read its name.
    std::fs::remove_file(site.path(&format!("{ITEMS}/epsilon.md"))).unwrap();
    build(&site);
    let page = site.page("changes/index.html");
    assert_eq!(
        texts(&page, "#d-2026-03-22 ~ .commit li"),
        ["epsilon: added"],
        "named by its slug, not linked"
    );
    assert!(select(&page, "#d-2026-03-22 ~ .commit li a").is_empty());
}

#[test]
fn each_language_has_an_atom_feed_linked_from_every_page() {
    let site = repository();
    build(&site);
    for (feed, lang, page) in [
        ("feed.xml", "en", "items/beta/index.html"),
        ("ko/feed.xml", "ko", "ko/compare/index.html"),
    ] {
        let xml = String::from_utf8(site.read(&format!("output/{feed}"))).unwrap();
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().namespace(), Some(ATOM));
        assert_eq!(root.tag_name().name(), "feed");
        let child = |node: roxmltree::Node<'_, '_>, name: &str| {
            node.children()
                .find(|n| n.has_tag_name((ATOM, name)))
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(child(root, "updated"), "2026-03-20T12:00:00Z");
        let prefix = if lang == "en" { "" } else { "ko/" };
        assert_eq!(
            child(root, "id"),
            format!("https://example.org/widgets/{prefix}changes/")
        );
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .collect();
        let titles: Vec<String> = entries.iter().map(|e| child(*e, "title")).collect();
        assert_eq!(
            titles,
            [
                "Docs: beta re-rated",
                "Add delta",
                "Docs: cite the review; omega withdrawn",
                "Speed: new benchmark",
                "Speed: measured again",
                "Add alpha, beta and omega",
            ]
        );
        for entry in &entries {
            for field in ["id", "updated", "content"] {
                assert!(!child(*entry, field).is_empty(), "{feed}: entry {field}");
            }
        }
        let content = child(entries[0], "content");
        assert!(content.contains("3 → 2"), "{content}");
        let html = site.page(page);
        let link = one(&html, "link[rel=alternate][type='application/atom+xml']");
        assert_eq!(
            attr(link, "href"),
            format!("https://example.org/widgets/{feed}")
        );
    }
}

#[test]
fn data_json_carries_each_rating_s_history_and_recent_changes_are_marked() {
    let site = repository();
    build(&site);
    let data: serde_json::Value = serde_json::from_slice(&site.read("output/data.json")).unwrap();
    let alpha = &data["items"][0];
    assert_eq!(alpha["added"], "2026-01-10");
    let speed = &alpha["ratings"]["speed"]["history"];
    assert_eq!(speed.as_array().map(Vec::len), Some(2));
    assert_eq!(speed[0]["date"], "2026-02-01");
    assert_eq!(
        (speed[0]["from"].as_f64(), speed[0]["to"].as_f64()),
        (Some(2.0), Some(3.0))
    );
    assert_eq!(speed[1]["reason"], "Speed: new benchmark");
    assert_eq!(alpha["ratings"]["docs"]["history"], serde_json::json!([]));
    assert_eq!(
        data["items"][2]["added"], "2026-03-10",
        "gamma, through its rename"
    );
    let schema: serde_json::Value =
        serde_json::from_slice(&site.read("output/data.schema.json")).unwrap();
    let rating =
        &schema["properties"]["items"]["items"]["properties"]["ratings"]["additionalProperties"];
    assert_eq!(rating["properties"]["history"]["type"], "array");

    // 30 days before the latest commit (2026-03-20): alpha's speed (03-02) and beta's
    // documentation (03-20) changed lately; alpha's speed change of 02-01 is older.
    let table = site.page("compare/index.html");
    assert_eq!(
        texts(&table, ".compare .recent .visually-hidden"),
        ["(Changed March 2, 2026)", "(Changed March 20, 2026)"]
    );
    let pair = site.page("compare/alpha-vs-beta/index.html");
    assert_eq!(select(&pair, ".pair-table .recent").len(), 2);
}

#[test]
fn translations_are_judged_against_the_last_commit_and_check_warns_of_a_stale_updated() {
    let site = repository();
    let stdout = build(&site);
    assert!(
        stdout.contains("older than its original: content/items/beta.ko.md"),
        "beta changed after its translation: {stdout}"
    );
    assert!(
        !stdout.contains("alpha.ko.md"),
        "alpha's translation was committed after its `updated` date: {stdout}"
    );
    let run = site.run::<&str>("check", &[]);
    assert!(
        run.stderr.contains(
            "content/items/alpha.md:5:11: warning: updated = 2025-01-15 is older than the last change to a score (2026-03-02: Speed: new benchmark): review the item and update the date"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("beta.md:"),
        "beta has no `updated`: {}",
        run.stderr
    );
}

#[test]
fn without_git_the_build_says_so_once_and_shows_no_history() {
    let site = SiteTest::fixture("bilingual");
    let run = site.build();
    run.assert_clean();
    let note = the_note(&run.stdout);
    assert!(note.starts_with("history: unavailable ("), "{note}");
    assert!(!site.path("output/changes").exists());
    assert!(!site.path("output/feed.xml").exists());
    let alpha = site.page("items/alpha/index.html");
    for css in [
        ".rating-history",
        "#history",
        "link[type='application/atom+xml']",
        ".site-footer a",
    ] {
        assert!(select(&alpha, css).is_empty(), "{css}");
    }
    let data: serde_json::Value = serde_json::from_slice(&site.read("output/data.json")).unwrap();
    assert!(
        data["items"][0]["ratings"]["speed"]
            .get("history")
            .is_none()
    );
    assert!(data["items"][0].get("added").is_none());
}

#[test]
fn a_shallow_clone_shows_only_what_its_commits_did() {
    let origin = repository();
    let clone = SiteTest::empty();
    let url = format!("file://{}", origin.root().display());
    let target = clone.path("site");
    git(
        clone.root(),
        "2026-03-21",
        &[
            "clone",
            "-q",
            "--depth",
            "2",
            &url,
            target.to_str().unwrap(),
        ],
    );
    let run = super::support::versus(&target, &["build", "--root", target.to_str().unwrap()]);
    assert!(run.status.success(), "{}", run.stderr);
    let note = the_note(&run.stdout);
    assert!(note.starts_with("history: shallow clone"), "{note}");
    let read = |page: &str| {
        let bytes = std::fs::read(target.join("output").join(page)).unwrap();
        scraper::Html::parse_document(std::str::from_utf8(&bytes).unwrap())
    };
    let changes = read("changes/index.html");
    assert_eq!(
        texts(&changes, ".changes li"),
        ["Beta: Documentation: 3 → 2"],
        "the boundary commit's files are not its additions"
    );
    let alpha = read("items/alpha/index.html");
    assert!(select(&alpha, ".rating-history").is_empty());
    assert!(
        select(&alpha, "#history p").is_empty(),
        "no date of addition is claimed"
    );
}

#[test]
fn a_configured_repository_gives_every_item_and_page_edit_links() {
    let site = SiteTest::fixture("bilingual");
    let repository = "\n[repository]\nurl = \"https://github.com/o/widgets\"\n";
    site.append("content/site.toml", repository);
    site.build().assert_clean();
    for (page, file) in [
        ("items/alpha/index.html", "content/items/alpha.md"),
        ("ko/items/alpha/index.html", "content/items/alpha.ko.md"),
        ("ko/items/gamma/index.html", "content/items/gamma.md"),
        ("ko/about/index.html", "content/pages/about.ko.md"),
    ] {
        let html = site.page(page);
        let links: Vec<&str> = select(&html, ".edit-links a")
            .into_iter()
            .map(|a| attr(a, "href"))
            .collect();
        assert_eq!(links.len(), 2, "{page}");
        assert_eq!(
            links[0],
            format!("https://github.com/o/widgets/edit/main/{file}")
        );
        assert!(
            links[1].starts_with("https://github.com/o/widgets/issues/new?title=Correction"),
            "{}",
            links[1]
        );
    }
    assert!(select(&site.page("compare/index.html"), ".edit-links").is_empty());
}

#[test]
fn history_limit_bounds_each_feed_entry() {
    let site = repository();
    site.append("content/site.toml", "\n[history]\nlimit = 1\n");
    build(&site);
    let xml = String::from_utf8(site.read("output/feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let first = (doc.descendants())
        .rfind(|n| n.has_tag_name((ATOM, "content")))
        .and_then(|n| n.text())
        .expect("the first commit's entry");
    let list = scraper::Html::parse_fragment(first);
    assert_eq!(select(&list, "li").len(), 1, "{first}");
    assert_eq!(
        text(one(&list, "p")),
        "The latest 1 of 3 changes are listed."
    );
}
