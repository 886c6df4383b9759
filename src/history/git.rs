//! The one place that runs `git`: where the work tree stands (`rev-parse`), the log of the
//! items folder (one streamed `git log` process, oldest commit first, each commit's changed
//! files with their blob ids and renames followed), and the contents of the blobs it names (one
//! `git cat-file --batch` process). Nothing here knows what an item is; [`super::replay`] makes
//! history of it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// A commit that touched the items folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    /// When it was committed, with the committer's offset (RFC 3339).
    pub time: String,
    /// The first line of its message: the reason given for the change.
    pub subject: String,
    /// Whether its parents were cut off by a shallow clone: its changes are not its own.
    pub boundary: bool,
    pub files: Vec<FileChange>,
}

/// One file changed by a commit, named relative to the items folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub status: Status,
    /// The file before (for a rename, its old name) and after.
    pub path: String,
    pub old_path: Option<String>,
    /// Blob ids before and after; `None` where the file did not exist.
    pub old_blob: Option<String>,
    pub new_blob: Option<String>,
}

/// What a commit did to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Added,
    Modified,
    Deleted,
    Renamed,
}

/// Where the work tree's history stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The commit checked out.
    pub commit: String,
    /// The folder as git names it, from the work tree's root (`content/items/`).
    pub prefix: String,
    /// Whether the clone is shallow.
    pub shallow: bool,
}

/// The commit checked out in the work tree holding `folder`; `Err` where git cannot say (not a
/// repository, git missing, no commit yet), which [`log`] then reports in git's own words.
pub fn head(folder: &Path) -> Result<Head, String> {
    let args = [
        "rev-parse",
        "--is-shallow-repository",
        "--show-prefix",
        "--verify",
        "-q",
        "HEAD",
    ];
    let out = String::from_utf8_lossy(&git(folder, &args)?).into_owned();
    match out.lines().collect::<Vec<_>>()[..] {
        [shallow, prefix, commit] => Ok(Head {
            commit: commit.to_string(),
            prefix: prefix.to_string(),
            shallow: shallow == "true",
        }),
        _ => Err(format!("git rev-parse said {out:?}")),
    }
}

/// The commits of `range` (a commit and its ancestors, or `old..new`) that changed a file in
/// `folder` (a folder inside a work tree), oldest first. Every commit of the range is walked
/// and diffed once against its first parent, the diff kept to the folder (`--relative`); a
/// path limit (`-- .`) would make git diff every commit twice, once to choose it and once to
/// print it. Merges show no changes of their own: each side's commits show theirs.
pub fn log(folder: &Path, range: &str, shallow: bool) -> Result<Vec<Commit>, String> {
    let format = "--format=%x01%H%x00%P%x00%cI%x00%s";
    let args = [
        "log",
        "--reverse",
        "-M",
        "--raw",
        "--no-abbrev",
        "--relative",
        "-z",
        format,
        range,
        "--",
    ];
    let out = git(folder, &args)?;
    Ok(parse_log(&String::from_utf8_lossy(&out), shallow))
}

/// Whether `new` descends from `old` in a line (no merge on the way): then the log of `new` is
/// the log of `old` followed by the log of `old..new`, and history read up to `old` can go on.
pub fn descends_in_line(folder: &Path, old: &str, new: &str) -> bool {
    let range = format!("{old}..{new}");
    let Ok(out) = git(folder, &["rev-list", "--parents", &range, "--"]) else {
        return false;
    };
    let text = String::from_utf8_lossy(&out);
    let mut expected = new;
    for line in text.lines() {
        match line.split(' ').collect::<Vec<_>>()[..] {
            [commit, parent] if commit == expected => expected = parent,
            _ => return false,
        }
    }
    expected == old
}

/// Runs git in `folder`, returning what it printed, or why it could not.
fn git(folder: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("git could not be run ({e})"))?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    let said = String::from_utf8_lossy(&output.stderr);
    Err(said.lines().next().unwrap_or("git failed").to_string())
}

/// Parses `git log -z --raw` output with the header format of [`log`]: commits start with
/// `\x01`, then id, parents, time and subject, each ended by NUL; then one raw record per
/// file (`:modes blobs status`, then one path, or two for a rename), each part ended by NUL.
pub fn parse_log(text: &str, shallow: bool) -> Vec<Commit> {
    let mut commits: Vec<Commit> = Vec::new();
    let mut tokens = text.split('\0').map(|t| t.trim_start_matches('\n'));
    while let Some(token) = tokens.next() {
        if let Some(id) = token.strip_prefix('\x01') {
            let parents = tokens.next().unwrap_or_default();
            commits.push(Commit {
                id: id.to_string(),
                boundary: shallow && parents.is_empty(),
                time: tokens.next().unwrap_or_default().to_string(),
                subject: tokens.next().unwrap_or_default().to_string(),
                files: Vec::new(),
            });
        } else if let Some(raw) = token.strip_prefix(':') {
            let Some(change) = file_change(raw, &mut tokens) else {
                continue;
            };
            if let Some(commit) = commits.last_mut() {
                commit.files.push(change);
            }
        }
    }
    commits.retain(|c| !c.files.is_empty());
    commits
}

/// One raw record: `100644 100644 <old> <new> <status>`, its path(s) taken from `tokens`.
fn file_change<'a>(raw: &str, tokens: &mut impl Iterator<Item = &'a str>) -> Option<FileChange> {
    let fields: Vec<&str> = raw.split(' ').collect();
    let [_, _, old, new, status] = fields[..] else {
        return None;
    };
    let blob = |id: &str| (!id.bytes().all(|b| b == b'0')).then(|| id.to_string());
    let status = match status.chars().next()? {
        'A' | 'C' => Status::Added,
        'D' => Status::Deleted,
        'R' => Status::Renamed,
        _ => Status::Modified,
    };
    let first = tokens.next()?.to_string();
    let (old_path, path) = if status == Status::Renamed {
        (Some(first), tokens.next()?.to_string())
    } else {
        (None, first)
    };
    Some(FileChange {
        status,
        path,
        old_path,
        old_blob: blob(old),
        new_blob: blob(new),
    })
}

/// The contents of the blobs `ids`, read through one `git cat-file --batch`; blobs larger than
/// `max_bytes` are left out. The ids are written on another thread while the contents are read,
/// so that neither side waits on a full pipe.
pub fn blobs(folder: &Path, ids: &[&str], max_bytes: usize) -> HashMap<String, Vec<u8>> {
    let child = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return HashMap::new();
    };
    let (Some(mut input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
        return HashMap::new();
    };
    let found = std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut request = String::new();
            for id in ids {
                request.push_str(id);
                request.push('\n');
            }
            let _ = input.write_all(request.as_bytes());
        });
        read_batch(BufReader::new(output), max_bytes)
    });
    let _ = child.wait();
    found
}

/// Reads `git cat-file --batch` answers: `<id> <type> <size>\n<contents>\n`, or `<id> missing`.
fn read_batch(mut output: impl BufRead, max_bytes: usize) -> HashMap<String, Vec<u8>> {
    let mut found = HashMap::new();
    let mut header = String::new();
    loop {
        header.clear();
        if output.read_line(&mut header).unwrap_or(0) == 0 {
            return found;
        }
        let fields: Vec<&str> = header.split_whitespace().collect();
        let [id, _, size] = fields[..] else {
            continue;
        };
        let Ok(size) = size.parse::<usize>() else {
            return found;
        };
        let mut contents = Vec::new();
        let read = (&mut output)
            .take(size as u64 + 1)
            .read_to_end(&mut contents);
        if read.is_err() || contents.len() != size + 1 {
            return found;
        }
        contents.pop();
        if size <= max_bytes {
            found.insert(id.to_string(), contents);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZERO: &str = "0000000000000000000000000000000000000000";

    #[test]
    fn parses_commits_with_additions_renames_and_edits() {
        let a = "a".repeat(40);
        let b = "b".repeat(40);
        let text = format!(
            "\x01c1\0\02026-03-01T10:00:00+09:00\0add x\0\n:000000 100644 {ZERO} {a} A\0x.md\0\
             \x01c2\0c1\02026-03-02T10:00:00Z\0rename\0\n:100644 100644 {a} {b} R090\0x.md\0y.md\0\
             :100644 100644 {b} {a} M\0y.ko.md\0\x01c3\0c2 c9\02026-03-03T10:00:00Z\0merge\0"
        );
        let commits = parse_log(&text, false);
        assert_eq!(commits.len(), 2, "a commit without files is dropped");
        assert_eq!(commits[0].subject, "add x");
        assert_eq!(commits[0].time, "2026-03-01T10:00:00+09:00");
        assert_eq!(
            commits[0].files,
            [FileChange {
                status: Status::Added,
                path: "x.md".into(),
                old_path: None,
                old_blob: None,
                new_blob: Some(a.clone()),
            }]
        );
        let rename = &commits[1].files[0];
        assert_eq!(rename.status, Status::Renamed);
        assert_eq!(
            (rename.old_path.as_deref(), rename.path.as_str()),
            (Some("x.md"), "y.md")
        );
        assert_eq!(commits[1].files[1].path, "y.ko.md");
        assert!(!commits[0].boundary);
        assert!(parse_log(&text, true)[0].boundary, "shallow: no parents");
    }

    #[test]
    fn reads_a_batch_of_blobs_and_leaves_out_large_ones() {
        let output = b"a blob 3\nabc\nb missing\nc blob 5\nhello\nd blob 2\nhi\n";
        let found = read_batch(&output[..], 4);
        assert_eq!(found.get("a").map(Vec::as_slice), Some(&b"abc"[..]));
        assert_eq!(found.get("d").map(Vec::as_slice), Some(&b"hi"[..]));
        assert!(!found.contains_key("b") && !found.contains_key("c"));
    }
}
