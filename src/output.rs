//! Writing the built site: every file goes into a staging folder beside the output folder,
//! which then replaces the previous output in one rename. A build that fails at any point
//! leaves the previous site as it was; nothing is written or deleted outside these folders,
//! and no folder versus did not make (marked by [`MARKER`]) is ever deleted or replaced.
//! Debug builds read one test hook, [`FAIL_AFTER_VARIABLE`], to fail in the middle of writing.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Diagnostic, Failure};
use crate::render::OutputFile;

/// A file in every output folder, marking it as made by versus (and so safe to replace).
pub const MARKER: &str = ".versus-output";

/// Folders the output may never be, given the project's root.
fn forbidden(project: &Path) -> Vec<PathBuf> {
    let project = if project.as_os_str().is_empty() {
        Path::new(".")
    } else {
        project
    };
    let mut list = vec![
        project.to_path_buf(),
        project.join("content"),
        project.join("themes"),
        project.join("src"),
        PathBuf::from("/"),
    ];
    list.extend(std::env::var_os("HOME").map(PathBuf::from));
    list.iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect()
}

/// Refuses an output folder that is the project, its sources, the home folder or `/`, one that
/// holds the project or lies inside `content/` or `themes/`, a symbolic link, or an existing
/// folder that versus did not make. Returns the folder as an absolute path.
pub fn check_target(output: &Path, project: &Path) -> Result<PathBuf, Failure> {
    let refuse = |why: &str| {
        Failure::single(Diagnostic::error(
            output,
            format!("refusing to use this output folder: {why}"),
        ))
    };
    let target = absolute(output)?;
    let resolved = fs::canonicalize(&target).unwrap_or_else(|_| target.clone());
    if forbidden(project).contains(&resolved) {
        return Err(refuse(
            "it is the project, its content, themes or sources, the home folder or /",
        ));
    }
    let project = canonical(project)?;
    if project.starts_with(&resolved) {
        return Err(refuse(
            "it holds the project, whose files a build would replace",
        ));
    }
    if ["content", "themes"]
        .iter()
        .any(|source| resolved.starts_with(project.join(source)))
    {
        return Err(refuse(
            "it is inside content/ or themes/, which the site is built from",
        ));
    }
    if target.file_name().is_none() {
        return Err(refuse("it has no folder name"));
    }
    if target.is_symlink() {
        return Err(refuse("it is a symbolic link"));
    }
    if target.exists() && !is_ours_or_empty(&target) {
        return Err(refuse(
            "it exists and was not made by versus (no .versus-output file); remove it or choose another",
        ));
    }
    Ok(target)
}

/// The output folder as an absolute path, its last component as written (so that a symbolic
/// link is seen as one); `.`, `..` and `/`, which have no name of their own, resolved whole.
fn absolute(output: &Path) -> Result<PathBuf, Failure> {
    match output.file_name() {
        Some(name) => {
            let parent = output
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            Ok(canonical(parent)?.join(name))
        }
        None => canonical(output),
    }
}

fn canonical(path: &Path) -> Result<PathBuf, Failure> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    fs::canonicalize(path).map_err(|e| Failure::io(path, &e))
}

/// A folder holding versus's marker, or nothing at all.
fn is_ours_or_empty(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
        || fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
}

/// A build's output being written: a staging folder beside the output folder that files go
/// into as they are rendered, from any thread, and that replaces the output folder only when
/// [`Staging::finish`] is called. Dropped unfinished (a build that failed), it is removed and
/// the previous output stays as it was.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    folder: PathBuf,
    written: AtomicUsize,
    finished: bool,
}

impl Staging {
    /// Checks the output folder (see [`check_target`]) and makes an empty staging folder.
    pub fn begin(output: &Path, project: &Path) -> Result<Staging, Failure> {
        let target = check_target(output, project)?;
        let folder = sibling(&target, "staging");
        remove_ours(&folder)?;
        fs::create_dir_all(&folder).map_err(|e| Failure::io(&folder, &e))?;
        let staging = Staging {
            target,
            folder,
            written: AtomicUsize::new(0),
            finished: false,
        };
        let marker = staging.folder.join(MARKER);
        fs::write(&marker, "").map_err(|e| Failure::io(&marker, &e))?;
        Ok(staging)
    }

    /// Writes one file below the staging folder, making its folders. A failure names the file
    /// in the output folder, where the user will look for it, not in the staging folder.
    pub fn write(&self, file: &OutputFile) -> Result<(), Failure> {
        let relative = safe_relative(&file.path)?;
        let path = self.folder.join(&relative);
        let failed = |e: std::io::Error| Failure::io(&self.target.join(&relative), &e);
        injected_failure(self.written.fetch_add(1, Ordering::Relaxed), &path)?;
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(failed)?;
        }
        fs::write(&path, &file.bytes).map_err(failed)
    }

    /// Takes `previous` (a file of the last build's output, named by its content's hash) as
    /// the file `path` of this one: hard-linked into the staging folder, so its bytes are
    /// neither read nor written again; copied where linking fails (another file system).
    /// Returns `false`, taking nothing, when `previous` is not a regular file.
    pub fn link(&self, previous: &Path, path: &str) -> Result<bool, Failure> {
        let is_file = fs::symlink_metadata(previous).is_ok_and(|m| m.file_type().is_file());
        if !is_file {
            return Ok(false);
        }
        let relative = safe_relative(path)?;
        let staged = self.folder.join(&relative);
        let failed = |e: std::io::Error| Failure::io(&self.target.join(&relative), &e);
        injected_failure(self.written.fetch_add(1, Ordering::Relaxed), &staged)?;
        if let Some(dir) = staged.parent() {
            fs::create_dir_all(dir).map_err(failed)?;
        }
        if fs::hard_link(previous, &staged).is_err() {
            fs::copy(previous, &staged).map_err(failed)?;
        }
        Ok(true)
    }

    /// Replaces the output folder with the staging folder, once every file of `files` (the
    /// paths written) has a path of its own.
    pub fn finish(mut self, files: &[OutputFile]) -> Result<(), Failure> {
        check_unique(files)?;
        swap(&self.folder, &self.target)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.folder);
        }
    }
}

/// Refuses two files at one path: the second would silently replace the first (two items,
/// pages or generated pages given the same address).
pub fn check_unique(files: &[OutputFile]) -> Result<(), Failure> {
    let mut seen = BTreeSet::new();
    let twice: BTreeSet<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|path| !seen.insert(*path))
        .collect();
    if twice.is_empty() {
        return Ok(());
    }
    Err(Failure::new(
        twice
            .into_iter()
            .map(|path| {
                Diagnostic::error(
                    path,
                    "two files of the site would be written here (two items, pages or generated pages have the same address): rename one",
                )
            })
            .collect(),
    ))
}

/// A hidden folder beside `target`, such as `.output.staging`.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{what}"))
}

/// Removes a staging or old folder left by an earlier build, but never a folder versus did
/// not make.
fn remove_ours(path: &Path) -> Result<(), Failure> {
    if path.is_symlink() || (path.exists() && !is_ours_or_empty(path)) {
        return Err(Failure::single(Diagnostic::error(
            path,
            "refusing to remove this folder: it was not made by versus (no .versus-output file)",
        )));
    }
    if path.exists() {
        fs::remove_dir_all(path).map_err(|e| Failure::io(path, &e))?;
    }
    Ok(())
}

/// Environment variable that makes a debug build fail after writing this many files, to test
/// that a build failing while writing leaves the previous output intact. Release builds never
/// read it.
pub const FAIL_AFTER_VARIABLE: &str = "VERSUS_TEST_FAIL_WRITE_AFTER";

#[cfg(debug_assertions)]
fn injected_failure(written: usize, next: &Path) -> Result<(), Failure> {
    let limit = std::env::var(FAIL_AFTER_VARIABLE).ok();
    match limit.and_then(|n| n.parse::<usize>().ok()) {
        Some(limit) if written >= limit => Err(Failure::single(Diagnostic::error(
            next,
            format!("injected failure after writing {limit} files ({FAIL_AFTER_VARIABLE})"),
        ))),
        _ => Ok(()),
    }
}

#[cfg(not(debug_assertions))]
fn injected_failure(_written: usize, _next: &Path) -> Result<(), Failure> {
    Ok(())
}

/// A path below the output folder: relative, with no `..`, root or prefix component.
fn safe_relative(path: &str) -> Result<PathBuf, Failure> {
    let candidate = Path::new(path);
    let safe = !path.is_empty()
        && candidate
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(candidate.to_path_buf())
    } else {
        Err(Failure::single(Diagnostic::error(
            path,
            "refusing to write outside the output folder",
        )))
    }
}

fn swap(staging: &Path, target: &Path) -> Result<(), Failure> {
    let old = sibling(target, "old");
    remove_ours(&old)?;
    if target.exists() {
        fs::rename(target, &old).map_err(|e| Failure::io(target, &e))?;
    }
    if let Err(e) = fs::rename(staging, target) {
        if old.exists() {
            let _ = fs::rename(&old, target);
        }
        return Err(Failure::io(target, &e));
    }
    remove_ours(&old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_escape_are_refused() {
        for bad in ["../x", "/etc/passwd", "a/../../b", ""] {
            assert!(safe_relative(bad).is_err(), "{bad}");
        }
        assert!(safe_relative("ko/frameworks/gin/index.html").is_ok());
    }

    #[test]
    fn two_files_at_one_path_are_refused_naming_the_path() {
        let file = |path: &str| OutputFile {
            path: path.to_string(),
            bytes: Vec::new(),
        };
        assert!(check_unique(&[file("a/index.html"), file("b/index.html")]).is_ok());
        let twice = [file("a/index.html"), file("b"), file("a/index.html")];
        let failure = check_unique(&twice).expect_err("a path written twice");
        let paths: Vec<_> = failure.diagnostics.iter().map(|d| d.path.clone()).collect();
        assert_eq!(paths, [PathBuf::from("a/index.html")]);
    }

    #[test]
    fn staging_replaces_the_output_when_finished_and_vanishes_when_dropped() {
        let project = tempfile::tempdir().expect("temporary folder");
        let output = project.path().join("output");
        let file = |path: &str, text: &str| OutputFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        };
        let staging = Staging::begin(&output, project.path()).expect("begin");
        staging.write(&file("a/index.html", "one")).expect("write");
        staging.finish(&[file("a/index.html", "")]).expect("finish");
        assert_eq!(
            fs::read_to_string(output.join("a/index.html")).unwrap(),
            "one"
        );

        let staging = Staging::begin(&output, project.path()).expect("begin again");
        staging.write(&file("b/index.html", "two")).expect("write");
        drop(staging);
        let mut left: Vec<_> = fs::read_dir(project.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["output"], "no staging folder left");
        assert!(output.join("a/index.html").is_file() && !output.join("b").exists());
    }

    #[test]
    fn a_linked_file_outlives_the_output_it_came_from_and_a_symlink_is_not_taken() {
        let project = tempfile::tempdir().expect("temporary folder");
        let output = project.path().join("output");
        let card = OutputFile {
            path: "a/card-1.png".to_string(),
            bytes: b"png".to_vec(),
        };
        let staging = Staging::begin(&output, project.path()).expect("begin");
        staging.write(&card).expect("write");
        staging.finish(std::slice::from_ref(&card)).expect("finish");

        let outside = project.path().join("secret");
        fs::write(&outside, "secret").unwrap();
        std::os::unix::fs::symlink(&outside, output.join("a/card-2.png")).unwrap();
        let staging = Staging::begin(&output, project.path()).expect("begin again");
        assert!(
            staging
                .link(&output.join("a/card-1.png"), &card.path)
                .expect("link")
        );
        assert!(
            !staging
                .link(&output.join("a/card-2.png"), "a/card-2.png")
                .expect("no link")
        );
        assert!(
            !staging
                .link(&output.join("a/none.png"), "a/none.png")
                .expect("absent")
        );
        assert!(staging.link(&output.join("a/card-1.png"), "../x").is_err());
        staging
            .finish(std::slice::from_ref(&card))
            .expect("finish again");
        assert_eq!(fs::read(output.join("a/card-1.png")).unwrap(), b"png");
        assert!(
            !output.join("a/card-2.png").exists(),
            "the symbolic link is not carried over"
        );
    }
}
