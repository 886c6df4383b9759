//! Trying external links (`check --external`): each address once, with the system's `curl`
//! (a HEAD request, then a GET where a server refuses HEAD), a few at a time, each with a
//! timeout, at most [`MAX_TRIED`] of them. Nothing here is needed offline: an address that
//! fails is a warning, never an error, since other sites come and go.
//!
//! Addresses come from content, so curl is told to take each as one literal address: no
//! globbing (`[1-1000000]` or `{a,b}` would expand into millions of requests), no
//! configuration file, after `--` (never an option), http and https only, even on redirects.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Diagnostic;

/// How many addresses are tried at once.
const WORKERS: usize = 8;
/// The most addresses one check requests (two requests each at most): a site with more is
/// told so.
const MAX_TRIED: usize = 2000;
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
    let mut found = Vec::new();
    if links.len() > MAX_TRIED {
        found.push(Diagnostic::warning(
            output,
            format!(
                "{} external links: only the first {MAX_TRIED} were tried",
                links.len()
            ),
        ));
    }
    let links: Vec<(&String, &String)> = links.iter().take(MAX_TRIED).collect();
    let next = AtomicUsize::new(0);
    let found = Mutex::new(found);
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
    let output = curl(url, head).output().map_err(|e| e.to_string())?;
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

/// The curl command that requests `url` once, as one literal http(s) address.
fn curl(url: &str, head: bool) -> Command {
    let mut curl = Command::new("curl");
    // `--disable` must come first: it keeps curl from reading a configuration file.
    curl.args(["--disable", "--globoff", "--proto", "=http,https"])
        .args(["--proto-redir", "=http,https", "--max-redirs", "10"])
        .args(["--silent", "--show-error", "--location", "--output"])
        .arg(if cfg!(windows) { "NUL" } else { "/dev/null" })
        .args(["--write-out", "%{http_code}", "--max-time", TIMEOUT]);
    if head {
        curl.arg("--head");
    }
    curl.arg("--").arg(url);
    curl
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_takes_an_address_from_content_as_one_literal_http_address() {
        let url = "https://example.org/[1-1000000]/{a,b}";
        let command = curl(url, true);
        let args: Vec<&str> = command.get_args().filter_map(|a| a.to_str()).collect();
        assert_eq!(args[0], "--disable", "before any other option");
        for option in ["--globoff", "=http,https", "--proto-redir", "--max-redirs"] {
            assert!(args.contains(&option), "{option} in {args:?}");
        }
        assert_eq!(
            args[args.len() - 2..],
            ["--", url],
            "never read as an option"
        );
    }
}
