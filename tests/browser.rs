//! Real-browser tests of the shipped report: builds it with the `versus` binary into a temporary
//! folder for a loopback address under a sub-path (as GitHub Pages serves a project site), then
//! runs the Node suite `tests/browser/run.mjs` on it: every page of every language in headless
//! Chromium, the language switcher, axe, the Nu HTML Checker, and screenshots written to
//! `target/screenshots/`.
//!
//! Without Node, Chromium or Java the test is skipped with a message saying what to install;
//! under CI (`CI` set, as `.ci/run` and GitHub Actions do) anything missing is a failure.

use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

mod node;

use node::printed;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
/// The sub-path the site is served under, like `/<repo>/` on GitHub Pages.
const SUB_PATH: &str = "versus";
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
    let site = temp.path().join("site");
    let base_url = format!("http://127.0.0.1:{}/{SUB_PATH}/", free_port());
    let build = Command::new(env!("CARGO_BIN_EXE_versus"))
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--output")
        .arg(&site)
        .args(["--base-url", &base_url])
        .output()
        .expect("run versus");
    assert!(
        build.status.success(),
        "the build failed:\n{}",
        printed(&build)
    );

    let run = Command::new("node")
        .arg(suite.join("run.mjs"))
        .arg(&site)
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
