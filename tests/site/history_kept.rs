//! The history a build keeps for the next (`.versus-history.json`), in its output folder or,
//! with `--cache DIR`, in DIR alone: used when the commit read is the one checked out, gone on
//! from when new commits follow it in a line, and never when it was read another way or history
//! was rewritten; in every case the site is the one a build without it makes.

use super::history::{add_item, commit, repository};
use super::repository::git;
use super::support::{SiteTest, Tree, one, text, texts};

const KEPT: &str = "output/.versus-history.json";

/// Builds the site into its output folder (going on from what the last build kept).
fn build(site: &SiteTest) -> Tree {
    site.build().assert_clean();
    site.tree("output")
}

/// Builds the site into a new folder, where no history was kept.
fn build_afresh(site: &SiteTest) -> Tree {
    let elsewhere = tempfile::tempdir().expect("a temporary folder");
    let output = elsewhere.path().join("fresh");
    site.build_with(&["--output".as_ref(), output.as_os_str()])
        .assert_clean();
    Tree::of(&output)
}

/// The kept history, parsed.
fn kept(site: &SiteTest) -> serde_json::Value {
    serde_json::from_slice(&site.read(KEPT)).expect("the kept history is JSON")
}

fn rewrite_kept(site: &SiteTest, change: impl FnOnce(&mut serde_json::Value)) {
    let mut value = kept(site);
    change(&mut value);
    site.write(KEPT, serde_json::to_vec(&value).unwrap());
}

fn head(site: &SiteTest) -> String {
    let out = std::process::Command::new("git")
        .current_dir(site.root())
        .args(["rev-parse", "HEAD"])
        .output()
        .expect("run git");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn a_build_keeps_its_history_and_the_next_one_uses_it_without_changing_the_site() {
    let site = repository();
    let first = build(&site);
    assert_eq!(kept(&site)["key"]["head"], head(&site));
    let second = build(&site);
    second.assert_same(&first, "built again from the kept history");
    build_afresh(&site).assert_same(&first, "built without a kept history");

    // Proof that it is used: a subject changed in the file shows on the next build.
    rewrite_kept(&site, |v| v["commits"][7][2] = "Kept subject".into());
    build(&site);
    let changes = site.page("changes/index.html");
    assert_eq!(texts(&changes, ".commit-reason")[0], "Kept subject");
}

#[test]
fn history_kept_another_way_is_not_used() {
    let site = repository();
    let fresh = build(&site);
    for (field, value) in [
        ("version", "0.0.0/0"),
        ("prefix", "elsewhere/"),
        ("default_language", "ko"),
    ] {
        rewrite_kept(&site, |v| {
            v["commits"][7][2] = "Kept subject".into();
            v["key"]["reading"][field] = value.into();
        });
        build(&site).assert_same(&fresh, field);
    }
    rewrite_kept(&site, |v| {
        v["key"]["reading"]["languages"] = serde_json::json!(["en"])
    });
    build(&site).assert_same(&fresh, "languages");
    site.write(KEPT, "{ not JSON");
    build(&site).assert_same(&fresh, "a broken file");
    rewrite_kept(&site, |v| v["events"][0]["commit"] = 99.into());
    build(&site).assert_same(&fresh, "an index out of bounds");
}

#[test]
fn new_commits_are_read_onto_the_kept_history_and_rewritten_history_is_read_whole() {
    let site = repository();
    build(&site);
    // In a line: the kept history goes on (the proof: the kept subject stays).
    rewrite_kept(&site, |v| v["commits"][7][2] = "Kept subject".into());
    site.edit("content/items/alpha.md", "score = 4", "score = 5");
    commit(&site, "2026-03-25", "Speed: faster again");
    let built = build(&site);
    let changes = site.page("changes/index.html");
    assert_eq!(
        texts(&changes, ".commit-reason")[..2],
        ["Speed: faster again", "Kept subject"]
    );
    assert_eq!(kept(&site)["key"]["head"], head(&site));
    site.write(KEPT, "{}");
    let afresh = build(&site);
    assert_ne!(built, afresh, "the kept subject is gone once read whole");
    build_afresh(&site).assert_same(&afresh, "gone on from the kept history");

    // Rewritten: the commit read last is no longer an ancestor.
    rewrite_kept(&site, |v| v["commits"][8][2] = "Kept subject".into());
    git(
        site.root(),
        "2026-03-26",
        &["reset", "-q", "--hard", "HEAD~1"],
    );
    site.edit("content/items/beta.md", "    score: 2", "    score: 1");
    commit(&site, "2026-03-26", "Docs: beta re-rated again");
    let rewritten = build(&site);
    build_afresh(&site).assert_same(&rewritten, "after a rewrite");

    // A merge (not a fast-forward): read whole.
    git(site.root(), "2026-03-27", &["checkout", "-q", "-b", "side"]);
    site.edit("content/items/alpha.md", "score = 4", "score = 3");
    commit(&site, "2026-03-27", "Speed: side branch");
    git(site.root(), "2026-03-28", &["checkout", "-q", "main"]);
    build(&site);
    rewrite_kept(&site, |v| v["commits"][0][2] = "Kept subject".into());
    git(
        site.root(),
        "2026-03-28",
        &["merge", "-q", "--no-ff", "--no-edit", "side"],
    );
    let merged = build(&site);
    build_afresh(&site).assert_same(&merged, "after a merge");
}

#[test]
fn items_added_before_the_kept_history_and_changed_after_it_show_as_when_read_whole() {
    let site = repository();
    add_item(&site, "epsilon", "Epsilon", "2026-03-22");
    add_item(&site, "zeta", "Zeta", "2026-03-22");
    build(&site);
    // Their first versions were not read (never changed then): the next read compares them.
    site.edit("content/items/epsilon.md", "    score: 4", "    score: 5");
    std::fs::remove_file(site.path("content/items/zeta.md")).unwrap();
    commit(
        &site,
        "2026-03-23",
        "Speed: epsilon measured; zeta withdrawn",
    );
    let gone_on = build(&site);
    let changes = site.page("changes/index.html");
    assert_eq!(
        texts(&changes, "#d-2026-03-23 ~ .commit li"),
        ["Epsilon: Speed: 4 → 5", "Zeta: removed"]
    );
    let removed = one(&changes, "#d-2026-03-23 ~ .commit .removed-name");
    assert_eq!(text(removed), "Zeta", "named from the version removed");
    build_afresh(&site).assert_same(&gone_on, "versions first read in a second part");
}

#[test]
fn with_a_cache_folder_the_history_is_kept_there_not_in_the_site() {
    let site = repository();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cache = dir.path().join("cache");
    let kept_in_cache = cache.join(".versus-history.json");
    let with_cache = |output: &str| {
        let output = dir.path().join(output);
        (site.build_with(&[
            "--cache".as_ref(),
            cache.as_os_str(),
            "--output".as_ref(),
            output.as_os_str(),
        ]))
        .assert_clean();
        Tree::of(&output)
    };
    let first = with_cache("first");
    assert!(
        !first.0.contains_key(".versus-history.json"),
        "not in the site"
    );
    let value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&kept_in_cache).unwrap()).expect("JSON");
    assert_eq!(value["key"]["head"], head(&site));
    let mut without_cache = build_afresh(&site);
    without_cache.0.remove(".versus-history.json");
    first.assert_same(
        &without_cache,
        "the site alone, as a build without the cache makes it",
    );

    // Proof that it is used, by a build into a new output folder (as CI builds).
    let mut value = value;
    value["commits"][7][2] = "Kept subject".into();
    std::fs::write(&kept_in_cache, serde_json::to_vec(&value).unwrap()).unwrap();
    let second = with_cache("second");
    let changes = scraper::Html::parse_document(
        std::str::from_utf8(&second.0["changes/index.html"]).unwrap(),
    );
    assert_eq!(texts(&changes, ".commit-reason")[0], "Kept subject");

    // `check` reads it and writes nothing there.
    let before = Tree::of(&cache);
    let checked = site.run("check", &["--cache".as_ref(), cache.as_os_str()]);
    assert!(checked.status.success(), "{}", checked.stderr);
    Tree::of(&cache).assert_same(&before, "the cache after check");
}
