//! Trying external links (`check --external`): each address once, with the system's `curl`
//! (a HEAD request, then a GET where a server refuses HEAD), a few at a time, each with a
//! timeout. Nothing here is needed offline: an address that fails is a warning, never an
//! error, since other sites come and go.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Diagnostic;

/// How many addresses are tried at once.
const WORKERS: usize = 8;
/// Seconds an address may take.
const TIMEOUT: &str = "15";

/// Tries every address (each with the page, below `output`, that first links to it) and
/// warns about those that fail.
pub fn try_all(links: &BTreeMap<String, String>, output: &Path) -> Vec<Diagnostic> {
    if Command::new("curl").arg("--version").output().is_err() {
        return vec![Diagnostic::warning(
            output,
            "external links were not tried: `curl` is not installed",
        )];
    }
    let links: Vec<(&String, &String)> = links.iter().collect();
    let next = AtomicUsize::new(0);
    let found = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(links.len()) {
            scope.spawn(|| {
                while let Some((url, page)) = links.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(problem) = try_one(url) {
                        let warning = Diagnostic::warning(
                            output.join(page),
                            format!("external link \"{url}\": {problem}"),
                        );
                        found.lock().expect("no worker panics").push(warning);
                    }
                }
            });
        }
    });
    found.into_inner().expect("no worker panics")
}

/// Whether `url` answers with a success (after redirects).
fn try_one(url: &str) -> Result<(), String> {
    match status(url, true)? {
        // Some servers refuse HEAD: ask again with GET.
        403 | 405 | 501 => status(url, false),
        code => Ok(code),
    }
    .and_then(|code| match code {
        200..=399 => Ok(()),
        code => Err(format!("the server answered {code}")),
    })
}

fn status(url: &str, head: bool) -> Result<u16, String> {
    let mut curl = Command::new("curl");
    curl.args(["--silent", "--show-error", "--location", "--output"])
        .arg(if cfg!(windows) { "NUL" } else { "/dev/null" })
        .args(["--write-out", "%{http_code}", "--max-time", TIMEOUT]);
    if head {
        curl.arg("--head");
    }
    let output = curl
        .arg("--")
        .arg(url)
        .output()
        .map_err(|e| e.to_string())?;
    let code: u16 = String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or(0);
    if code == 0 {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(format!("could not be reached ({why})"));
    }
    Ok(code)
}
