//! Writing the built site: every file goes into a staging folder beside the output folder,
//! which then replaces the previous output in one rename. A build that fails at any point
//! leaves the previous site as it was; nothing is written or deleted outside these folders.

use std::fs;
use std::path::{Component, Path, PathBuf};

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

/// Refuses an output folder that is the project, its sources, the home folder or `/`, or an
/// existing folder that versus did not make.
pub fn check_target(output: &Path, project: &Path) -> Result<PathBuf, Failure> {
    let refuse = |why: &str| {
        Failure::single(Diagnostic::error(
            output,
            format!("refusing to use this output folder: {why}"),
        ))
    };
    let output = &fs::canonicalize(output).unwrap_or_else(|_| output.to_path_buf());
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let parent = fs::canonicalize(parent).map_err(|e| Failure::io(parent, &e))?;
    let name = output
        .file_name()
        .ok_or_else(|| refuse("it has no folder name"))?;
    let target = parent.join(name);
    if forbidden(project).contains(&fs::canonicalize(&target).unwrap_or(target.clone())) {
        return Err(refuse(
            "it is the project, its content, themes or sources, the home folder or /",
        ));
    }
    if target.is_symlink() {
        return Err(refuse("it is a symbolic link"));
    }
    let is_ours = target.join(MARKER).is_file();
    let is_empty = fs::read_dir(&target)
        .map(|mut d| d.next().is_none())
        .unwrap_or(true);
    if target.exists() && !(is_ours || is_empty) {
        return Err(refuse(
            "it exists and was not made by versus (no .versus-output file); remove it or choose another",
        ));
    }
    Ok(target)
}

/// Writes `files` to `output` atomically (see the module comment).
pub fn write(output: &Path, project: &Path, files: &[OutputFile]) -> Result<(), Failure> {
    let target = check_target(output, project)?;
    let staging = sibling(&target, "staging");
    remove_ours(&staging)?;
    let written = write_all(&staging, files);
    if let Err(failure) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(failure);
    }
    swap(&staging, &target)
}

/// A hidden folder beside `target`, such as `.output.staging`.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{what}"))
}

fn remove_ours(path: &Path) -> Result<(), Failure> {
    if path.exists() {
        fs::remove_dir_all(path).map_err(|e| Failure::io(path, &e))?;
    }
    Ok(())
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<(), Failure> {
    fs::create_dir_all(staging).map_err(|e| Failure::io(staging, &e))?;
    fs::write(staging.join(MARKER), "").map_err(|e| Failure::io(staging, &e))?;
    for file in files {
        let path = staging.join(safe_relative(&file.path)?);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Failure::io(dir, &e))?;
        }
        fs::write(&path, &file.bytes).map_err(|e| Failure::io(&path, &e))?;
    }
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
}
