//! Diagnostics: every problem the generator reports carries its place (path, line, column)
//! as data, prints as `path:line:col: message`, and is collected so that one run lists them all.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors fail the build, warnings are listed after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem, tied to the file (and where known the line and column) it comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub position: Option<Position>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            position: None,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning about a whole file.
    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// The same diagnostic, placed at a position.
    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        let kind = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        write!(f, ": {kind}{}", self.message)
    }
}

/// Collects diagnostics across a whole run so that all of them are shown at once.
#[derive(Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file and position so that output is stable.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list.sort();
        self.list.dedup();
        self.list
    }
}

/// A failed run: every diagnostic it produced, errors and warnings alike.
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    pub fn new(diagnostics: Vec<Diagnostic>) -> Self {
        Failure { diagnostics }
    }

    /// A failure made of one error.
    pub fn single(diagnostic: Diagnostic) -> Self {
        Failure::new(vec![diagnostic])
    }

    /// A failure from an I/O error, naming the path it happened on.
    pub fn io(path: &Path, error: &std::io::Error) -> Self {
        Failure::single(Diagnostic::error(path, error.to_string()))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

/// Converts a byte offset in `text` into a 1-based line and column (in characters).
pub fn position_of(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Position { line, column }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\n이름 = 2\n";
        assert_eq!(position_of(text, 0), Position { line: 1, column: 1 });
        let offset = text.rfind('=').unwrap();
        assert_eq!(position_of(text, offset), Position { line: 2, column: 4 });
    }

    #[test]
    fn display_is_path_line_column_message() {
        let d = Diagnostic::error("content/a.md", "bad").at(Some(Position {
            line: 7,
            column: 15,
        }));
        assert_eq!(d.to_string(), "content/a.md:7:15: bad");
        assert_eq!(Diagnostic::warning("x", "w").to_string(), "x: warning: w");
    }
}
