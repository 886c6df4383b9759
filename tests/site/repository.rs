//! Git for tests that need a repository (history): commits by a fixed person at a fixed time,
//! so that a repository made in a test is the same every time. Shared by the site suite and
//! the browser suite (`#[path]`).

use std::path::Path;
use std::process::Command;

/// Runs git in `dir` as a fixed person at a fixed time (`date`, noon UTC); panics with git's
/// message if it fails.
pub fn git(dir: &Path, date: &str, args: &[&str]) {
    let when = format!("{date}T12:00:00+00:00");
    let output = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_AUTHOR_NAME", "Editor")
        .env("GIT_AUTHOR_EMAIL", "editor@example.org")
        .env("GIT_COMMITTER_NAME", "Editor")
        .env("GIT_COMMITTER_EMAIL", "editor@example.org")
        .env("GIT_AUTHOR_DATE", &when)
        .env("GIT_COMMITTER_DATE", &when)
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
