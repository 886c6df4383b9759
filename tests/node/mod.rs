//! What the test binaries that run outside tools share (tests/browser.rs, tests/publish.rs):
//! whether Node and a suite's packages are there (installing them with `npm ci` if not), and
//! skipping with a message when a tool is missing, which under CI is a failure instead.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output};

/// Node is installed and the suite in `suite` has `package` installed, running `npm ci` there
/// if not.
pub fn ready(suite: &Path, package: &str) -> Result<(), String> {
    if !runs("node") {
        return Err("node is not installed (apt-get install nodejs npm)".into());
    }
    if suite.join("node_modules").join(package).is_dir() {
        return Ok(());
    }
    if !runs("npm") {
        return Err("npm is not installed (apt-get install npm)".into());
    }
    let install = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(suite)
        .output()
        .map_err(|e| format!("npm ci: {e}"))?;
    if install.status.success() {
        Ok(())
    } else {
        Err(format!(
            "npm ci in {} failed:\n{}",
            suite.display(),
            printed(&install)
        ))
    }
}

fn runs(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Skips `what` (the tests) with `why`, printed past the test harness's capture; under CI,
/// fails.
pub fn skip(what: &str, why: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    if ci {
        panic!("{what} cannot run, and CI is set so this is a failure: {why}");
    }
    let _ = writeln!(
        std::io::stderr(),
        "\n{what} SKIPPED: {why}\n(.ci/run installs everything they need)\n"
    );
}

/// A process's stdout and stderr, one after the other.
pub fn printed(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
