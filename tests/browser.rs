//! Real-browser tests of the shipped report: builds it with the `versus` binary into a temporary
//! folder for a loopback address under a sub-path (as GitHub Pages serves a project site), then
//! runs the Node suite `tests/browser/run.mjs` on it: every page of every language in headless
//! Chromium, the language switcher, the layout at every width, axe, the Nu HTML Checker, and
//! screenshots written to `target/screenshots/`. The project is made a repository of two
//! commits (the report, then one score changed), so that the pages showing history (the
//! changes page, a rating's earlier score, the markers on lately changed scores) are among
//! those tested. A second build of the same report with lists of a few items shows the scripts
//! working over a long list's pages.
//!
//! Without Node, Chromium or Java the test is skipped with a message saying what to install;
//! under CI (`CI` set, as `.ci/run` and GitHub Actions do) anything missing is a failure.

use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

mod node;

use node::printed;

#[path = "site/repository.rs"]
mod repository;
use repository::git;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
/// The sub-path the site is served under, like `/<repo>/` on GitHub Pages.
const SUB_PATH: &str = "versus";
/// Items a page of a list shows in the second build, whose lists take several pages.
const PAGED_SIZE: usize = 6;
/// run.mjs's exit status when Chromium, Java or its packages are missing.
const MISSING: i32 = 3;

#[test]
fn shipped_site_in_a_real_browser() {
    let suite = Path::new(MANIFEST_DIR).join("tests/browser");
    if let Err(why) = node::ready(&suite, "playwright-core") {
        return node::skip("browser tests", &why);
    }
    let temp = tempfile::tempdir().expect("create a temporary folder");
    let root = temp.path().join("project");
    for folder in ["content", "themes"] {
        copy_dir(&Path::new(MANIFEST_DIR).join(folder), &root.join(folder));
    }
    with_history(&root);
    let site = build(&root, &temp.path().join("site"));
    // The same report with lists of a few items, to see a long list's pages at work.
    let paged_root = temp.path().join("paged");
    copy_dir(&root, &paged_root);
    let config = paged_root.join("content/site.toml");
    let mut toml = fs::read_to_string(&config).expect("read site.toml");
    toml.push_str(&format!("\n[lists]\npage_size = {PAGED_SIZE}\n"));
    // And pair pages only within groups, so that the picker compares some pairs itself.
    let all_up_to = "all_up_to = 50";
    assert!(
        toml.contains(all_up_to),
        "the shipped site.toml sets {all_up_to}"
    );
    let toml = toml.replacen(all_up_to, &format!("all_up_to = {PAGED_SIZE}"), 1);
    fs::write(&config, toml).expect("write site.toml");
    let paged = build(&paged_root, &temp.path().join("paged-site"));

    let run = Command::new("node")
        .arg(suite.join("run.mjs"))
        .arg(&site)
        .arg("--paged")
        .arg(&paged)
        .output()
        .expect("run node");
    let report = printed(&run);
    match run.status.code() {
        // Shown with `cargo test --test browser -- --nocapture`.
        Some(0) => println!("{report}"),
        Some(MISSING) => node::skip("browser tests", report.trim()),
        _ => panic!("the browser tests failed:\n{report}"),
    }
}

/// Builds the project at `root` into `site` for a loopback address under [`SUB_PATH`].
fn build(root: &Path, site: &Path) -> std::path::PathBuf {
    let base_url = format!("http://127.0.0.1:{}/{SUB_PATH}/", free_port());
    let build = Command::new(env!("CARGO_BIN_EXE_versus"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(site)
        .args(["--base-url", &base_url])
        .output()
        .expect("run versus");
    assert!(
        build.status.success(),
        "the build failed:\n{}",
        printed(&build)
    );
    site.to_path_buf()
}

/// Makes `root` a repository whose second commit changes the first score of the first item.
fn with_history(root: &Path) {
    git(root, "2026-11-01", &["init", "-q"]);
    git(root, "2026-11-01", &["add", "-A"]);
    git(root, "2026-11-01", &["commit", "-q", "-m", "The report"]);
    let items = root.join("content/frameworks");
    let mut files: Vec<_> = (fs::read_dir(&items).expect("the items folder"))
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md") && !p.to_string_lossy().ends_with(".ko.md")
        })
        .collect();
    files.sort();
    let text = fs::read_to_string(&files[0]).expect("an item");
    // The first score, one level up (5 becomes 1).
    let changed: Vec<String> = text
        .lines()
        .scan(false, |done, line| {
            let bumped = (line.strip_prefix("score = "))
                .and_then(|v| v.trim().parse::<u8>().ok())
                .filter(|_| !*done)
                .map(|v| format!("score = {}", v % 5 + 1));
            *done |= bumped.is_some();
            Some(bumped.unwrap_or_else(|| line.to_string()))
        })
        .collect();
    let changed = changed.join("\n") + "\n";
    fs::write(&files[0], changed).expect("write the item");
    git(
        root,
        "2026-11-20",
        &["commit", "-q", "-a", "-m", "Re-rated after a new benchmark"],
    );
}

/// A loopback port nothing listens on now (the OS picks it; it is free again once dropped).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener.local_addr().expect("the bound address").port()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    let entries = fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}
