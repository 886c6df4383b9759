//! Writes files that must not exist yet (`new`, `init`, `init --strings`, `theme export`):
//! every file or none. A path that already exists, even as a link leading nowhere, is refused
//! before anything is written, and a write that fails removes what was written before it, so
//! that "nothing was written" is always true. Never overwrites a user's file.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Failure};

/// A file to create: its path and its bytes.
pub type NewFile = (PathBuf, Vec<u8>);

/// Creates every file (and the folders they need), or none; `command` names the command in
/// the message for a file that exists (`` `new` never overwrites a file ``).
pub fn write_all(files: &[NewFile], command: &str) -> Result<(), Failure> {
    refuse_existing(files, command)?;
    let mut made_folders = Vec::new();
    let mut written = Vec::new();
    for (path, bytes) in files {
        let result = make_folders(path, &mut made_folders).and_then(|()| write_new(path, bytes));
        if let Err(failure) = result {
            undo(&written, &made_folders);
            return Err(failure);
        }
        written.push(path.as_path());
    }
    Ok(())
}

fn refuse_existing(files: &[NewFile], command: &str) -> Result<(), Failure> {
    let existing: Vec<Diagnostic> = files
        .iter()
        .filter(|(path, _)| path.symlink_metadata().is_ok())
        .map(|(path, _)| {
            Diagnostic::error(
                path,
                format!("already exists: `{command}` never overwrites a file"),
            )
        })
        .collect();
    if existing.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(existing))
    }
}

/// Creates the missing folders above `path`, remembering each one made (outermost first).
fn make_folders(path: &Path, made: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    let missing: Vec<&Path> = parent.ancestors().take_while(|p| !p.exists()).collect();
    for folder in missing.into_iter().rev() {
        if folder.as_os_str().is_empty() {
            continue;
        }
        std::fs::create_dir(folder).map_err(|e| Failure::io(folder, &e))?;
        made.push(folder.to_path_buf());
    }
    Ok(())
}

/// Creates `path`, failing if it appeared meanwhile.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| file.write_all(bytes))
        .map_err(|e| Failure::io(path, &e))
}

/// Removes the files written and the folders made for them, innermost first.
fn undo(written: &[&Path], made_folders: &[PathBuf]) {
    for path in written {
        let _ = std::fs::remove_file(path);
    }
    for folder in made_folders.iter().rev() {
        let _ = std::fs::remove_dir(folder);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("x/y/a.txt");
        let b = dir.path().join("x/b.txt");
        write_all(&[(a.clone(), b"a".to_vec())], "init").unwrap();
        let failure = write_all(
            &[
                (dir.path().join("x/z/c.txt"), b"c".to_vec()),
                (a.clone(), b"again".to_vec()),
            ],
            "init",
        )
        .unwrap_err();
        assert_eq!(
            failure.to_string(),
            format!(
                "{}: already exists: `init` never overwrites a file\n",
                a.display()
            )
        );
        assert!(!dir.path().join("x/z").exists(), "nothing was written");
        assert_eq!(std::fs::read(&a).unwrap(), b"a");
        // A folder that cannot be made (a file is in the way) undoes the files before it.
        let failure = write_all(
            &[
                (b.clone(), b"b".to_vec()),
                (a.join("under-a-file.txt"), b"c".to_vec()),
            ],
            "init",
        );
        assert!(failure.is_err());
        assert!(!b.exists(), "the first file was removed again");
    }
}
