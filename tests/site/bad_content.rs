//! The bad-content corpus, `tests/bad-content/`: one folder per case, each holding the files
//! that break the `bilingual` fixture (laid over a copy of it, paths from the site's root), the
//! exact stderr the build must print (`expected.txt`; empty for a case that must build with no
//! error or warning), and for what git cannot hold (symbolic links, pipes, permissions, a 50 MB
//! file) a `setup.txt` of one action per line:
//!
//! - `remove <path>`: deletes a file or folder of the fixture;
//! - `symlink <link> <target>`: makes a symbolic link, its target as written;
//! - `fifo <path>`: makes a named pipe (reading one would wait forever);
//! - `unreadable <path>`: takes every permission away; skipped, with a message, where the
//!   file stays readable anyway (as root);
//! - `grow <path> <bytes>`: appends Markdown paragraphs until the file is exactly that size.
//!
//! Every case is built twice, once clean and once broken: the broken build must exit with 1
//! (never 101, a panic) within a time limit, print exactly `expected.txt`, and leave the first
//! build's output byte for byte as it was, with no staging folder beside it.
//! `VERSUS_BLESS=1 cargo test --test site bad_content` rewrites every `expected.txt` from what
//! the build printed; review the diff before committing it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::support::{SiteTest, entries};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad-content");
/// Files of a case folder that are not laid over the site.
const CASE_FILES: [&str; 2] = ["expected.txt", "setup.txt"];
/// The longest one broken build may take (a build that hangs, on a pipe say, fails the case).
const DEADLINE: Duration = Duration::from_secs(60);

#[test]
fn every_case_of_the_bad_content_corpus() {
    let cases = case_folders();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let bless = std::env::var_os("VERSUS_BLESS").is_some();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = cases
            .chunks(cases.len().div_ceil(4))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|case| run_case(case, bless).err())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker thread"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn case_folders() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(CORPUS)
        .expect("read tests/bad-content")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// Runs one case; `Err` says what went wrong, naming the case.
fn run_case(case: &Path, bless: bool) -> Result<(), String> {
    let name = case.file_name().expect("a name").to_string_lossy();
    let fail = |why: String| format!("bad-content/{name}: {why}");
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let before = site.tree("output");
    overlay(case, case, site.root());
    if !setup(case, &site).map_err(fail)? {
        eprintln!(
            "bad-content/{name}: skipped: this user reads files without read permission (root?)"
        );
        return Ok(());
    }
    let beside = entries(site.root());
    let (code, stderr) = build_within(&site, DEADLINE).map_err(fail)?;
    let expected_path = case.join("expected.txt");
    if bless {
        fs::write(&expected_path, &stderr).expect("write expected.txt");
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    if code == Some(101) {
        return Err(fail(format!("the build panicked:\n{stderr}")));
    }
    if stderr != expected {
        return Err(fail(format!(
            "stderr differs\n--- expected\n{expected}--- printed\n{stderr}---"
        )));
    }
    let expected_code = if expected.is_empty() { 0 } else { 1 };
    if code != Some(expected_code) {
        return Err(fail(format!(
            "exit code {code:?}, expected {expected_code}"
        )));
    }
    if expected_code == 1 {
        if site.tree("output") != before {
            return Err(fail("the previous output was changed".into()));
        }
        if entries(site.root()) != beside {
            return Err(fail("the build left files beside the output".into()));
        }
    }
    Ok(())
}

/// Copies the case's files (all but [`CASE_FILES`]) to the same paths below `root`.
fn overlay(case: &Path, dir: &Path, root: &Path) {
    for entry in fs::read_dir(dir).expect("read a case folder") {
        let path = entry.expect("an entry").path();
        let relative = path.strip_prefix(case).expect("below the case");
        if path.is_dir() {
            overlay(case, &path, root);
        } else if !CASE_FILES.iter().any(|f| Path::new(f) == relative) {
            let target = root.join(relative);
            fs::create_dir_all(target.parent().expect("a folder")).expect("create a folder");
            fs::copy(&path, &target).expect("copy a case file");
        }
    }
}

/// Runs the case's `setup.txt`; `Ok(false)` if the case cannot be made on this machine.
fn setup(case: &Path, site: &SiteTest) -> Result<bool, String> {
    let Ok(text) = fs::read_to_string(case.join("setup.txt")) else {
        return Ok(true);
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let path = |i: usize| {
            words
                .get(i)
                .map(|w| site.path(w))
                .ok_or_else(|| format!("setup.txt: `{line}` needs more words"))
        };
        match words[0] {
            "remove" if path(1)?.is_dir() => fs::remove_dir_all(path(1)?),
            "remove" => fs::remove_file(path(1)?),
            "symlink" => std::os::unix::fs::symlink(words.get(2).unwrap_or(&""), path(1)?),
            "fifo" => mkfifo(&path(1)?),
            "unreadable" => {
                use std::os::unix::fs::PermissionsExt;
                let file = path(1)?;
                fs::set_permissions(&file, fs::Permissions::from_mode(0o000))
                    .map_err(|e| e.to_string())?;
                if fs::read(&file).is_ok() {
                    return Ok(false);
                }
                Ok(())
            }
            "grow" => {
                let size: usize = words
                    .get(2)
                    .and_then(|w| w.parse().ok())
                    .ok_or_else(|| format!("setup.txt: `{line}` needs a size"))?;
                grow(&path(1)?, size);
                Ok(())
            }
            other => return Err(format!("setup.txt: unknown action `{other}`")),
        }
        .map_err(|e| format!("setup.txt: `{line}`: {e}"))?;
    }
    Ok(true)
}

fn mkfifo(path: &Path) -> std::io::Result<()> {
    let status = Command::new("mkfifo").arg(path).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "mkfifo exited with {status}"
        )))
    }
}

/// Appends ASCII Markdown to `path` until it is exactly `size` bytes.
fn grow(path: &Path, size: usize) {
    let mut text = fs::read(path).expect("read the file to grow");
    let paragraph =
        b"Some *emphasis*, **strong** text, `code` and [a link](https://example.org/).\n\n";
    while text.len() < size {
        text.extend_from_slice(paragraph);
    }
    text.truncate(size);
    fs::write(path, text).expect("write the grown file");
}

/// `versus build` on the site, killed if it outlives `deadline`: its exit code and stderr.
fn build_within(site: &SiteTest, deadline: Duration) -> Result<(Option<i32>, String), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_versus"))
        .current_dir(site.root())
        .args(["build", "--root"])
        .arg(site.root())
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the versus binary");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the build") {
            break status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("the build took longer than {deadline:?}"));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stderr = reader
        .join()
        .expect("the stderr reader")
        .map_err(|e| format!("stderr is not UTF-8: {e}"))?;
    Ok((status.code(), stderr))
}
