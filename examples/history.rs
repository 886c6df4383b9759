//! The history of a synthetic report, for the benchmark of history (BENCHMARKS.md): reads the
//! items of a site written by `synth` and prints a `git fast-import` stream of COMMITS + 1
//! commits: the first adds every file of `content/`, each later one changes one score of one
//! item (every fifth also its Korean translation), an hour apart. Deterministic.
//!
//! ```sh
//! cargo run --release --example history -- SITE COMMITS | git -C SITE fast-import --quiet
//! git -C SITE reset -q --hard   # the work tree as the last commit left it
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// 2026-01-01T00:00:00Z: the first commit's time.
const START: u64 = 1_767_225_600;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(site), Some(Ok(commits))) = (args.first(), args.get(1).map(|n| n.parse::<u64>()))
    else {
        eprintln!("usage: history SITE COMMITS   (prints a git fast-import stream)");
        return ExitCode::from(2);
    };
    match stream(
        Path::new(site),
        commits,
        &mut io::BufWriter::new(io::stdout().lock()),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("history: {e}");
            ExitCode::FAILURE
        }
    }
}

fn stream(site: &Path, commits: u64, out: &mut impl Write) -> io::Result<()> {
    let mut files = BTreeMap::new();
    read_all(&site.join("content"), "content", &mut files)?;
    let mut originals: Vec<String> = (files.keys())
        .filter(|p| p.starts_with("content/items/") && !p.ends_with(".ko.md"))
        .cloned()
        .collect();
    originals.sort();
    // The first version of every item: each changed score starts one level lower.
    let all: Vec<(String, String)> = files.into_iter().collect();
    header(out, 0, &format!("Add {} items", originals.len()))?;
    for (path, text) in &all {
        file(out, path, text)?;
    }
    let mut current: BTreeMap<String, String> = all.into_iter().collect();
    for k in 1..=commits {
        let path = &originals[(k as usize * 7919) % originals.len()];
        let text = bump(&current[path], k as usize % 7);
        header(out, k, &format!("Commit {k}: a score revised"))?;
        file(out, path, &text)?;
        if k % 5 == 0 {
            let ko = path.replace(".md", ".ko.md");
            let translated = format!("{}\n번역 {k}.\n", current[&ko]);
            file(out, &ko, &translated)?;
            current.insert(ko, translated);
        }
        current.insert(path.clone(), text);
    }
    Ok(())
}

/// The text with its `nth` score raised by one level (5 wraps to 1).
fn bump(text: &str, nth: usize) -> String {
    let mut seen = 0;
    let lines: Vec<String> = (text.lines())
        .map(|line| match line.strip_prefix("score = ") {
            Some(score) if score.parse::<u8>().is_ok() => {
                seen += 1;
                if seen - 1 == nth {
                    format!("score = {}", score.parse::<u8>().unwrap_or(1) % 5 + 1)
                } else {
                    line.to_string()
                }
            }
            _ => line.to_string(),
        })
        .collect();
    lines.join("\n") + "\n"
}

fn header(out: &mut impl Write, k: u64, subject: &str) -> io::Result<()> {
    let when = START + k * 3600;
    writeln!(out, "commit refs/heads/main")?;
    writeln!(out, "committer Bench <bench@example.org> {when} +0000")?;
    writeln!(out, "data {}\n{subject}", subject.len())
}

fn file(out: &mut impl Write, path: &str, text: &str) -> io::Result<()> {
    writeln!(out, "M 644 inline {path}\ndata {}\n{text}", text.len())
}

fn read_all(dir: &Path, prefix: &str, files: &mut BTreeMap<String, String>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
        if entry.file_type()?.is_dir() {
            read_all(&entry.path(), &name, files)?;
        } else {
            files.insert(name, fs::read_to_string(entry.path())?);
        }
    }
    Ok(())
}
