//! Talking to the person at the terminal: diagnostics print as `path:line:col: message` (the
//! form editors jump to), followed, where the place is known, by the offending source line
//! with a caret under the column, in rustc's style (annotate-snippets). Colours only when the
//! stream is a terminal; `--quiet` keeps only errors, `--verbose` adds detail.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::error::{Diagnostic, Position, Severity};

const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// How much a command prints besides its errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, warnings and a summary.
    Normal,
    /// Also what each step did.
    Verbose,
}

/// Where a command's messages go: results to stdout, diagnostics to stderr.
#[derive(Debug, Clone, Copy)]
pub struct Console {
    pub verbosity: Verbosity,
    /// Colour diagnostics (stderr is a terminal).
    pub color: bool,
}

impl Console {
    /// A console that colours diagnostics if stderr is a terminal.
    pub fn new(verbosity: Verbosity) -> Console {
        Console {
            verbosity,
            color: std::io::stderr().is_terminal(),
        }
    }

    /// Prints diagnostics to stderr: errors always, warnings unless quiet.
    pub fn diagnostics<'a>(&self, list: impl IntoIterator<Item = &'a Diagnostic>) {
        let shown = list
            .into_iter()
            .filter(|d| d.is_error() || self.verbosity > Verbosity::Quiet);
        let mut files = SourceFiles::default();
        let text: String = shown.map(|d| files.render(d, self.color)).collect();
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    /// Prints an error that has no place in a file.
    pub fn error(&self, message: &str) {
        let (red, reset) = if self.color { (RED, RESET) } else { ("", "") };
        eprintln!("{red}error{reset}: {message}");
    }

    /// Prints what the command is for (the address `serve` listens on), even when quiet.
    pub fn result(&self, line: &str) {
        println!("{line}");
    }

    /// Prints a line of the normal output (summaries) unless quiet.
    pub fn info(&self, line: &str) {
        if self.verbosity > Verbosity::Quiet {
            println!("{line}");
        }
    }

    /// Prints a line only when verbose.
    pub fn detail(&self, line: &str) {
        if self.verbosity == Verbosity::Verbose {
            println!("{line}");
        }
    }
}

/// A diagnostic as printed: its `path:line:col: message` line and, where the place is known
/// and the file readable, the source line with a caret. Ends with a newline.
pub fn render(diagnostic: &Diagnostic, color: bool) -> String {
    SourceFiles::default().render(diagnostic, color)
}

/// Every diagnostic of a list, rendered without colour (for the browser's error overlay).
pub fn render_plain(diagnostics: &[Diagnostic]) -> String {
    let mut files = SourceFiles::default();
    diagnostics.iter().map(|d| files.render(d, false)).collect()
}

/// The files diagnostics point into, each read once and split into lines once however many
/// diagnostics it has: thousands of errors in one large file print in linear time.
#[derive(Default)]
struct SourceFiles {
    /// By path: the file's lines, or `None` if it cannot be read.
    read: HashMap<PathBuf, Option<Vec<String>>>,
}

impl SourceFiles {
    fn render(&mut self, diagnostic: &Diagnostic, color: bool) -> String {
        let mut out = headline(diagnostic, color);
        out.push('\n');
        let snippet = diagnostic.position.and_then(|at| {
            let line = self.line(&diagnostic.path, at.line)?;
            Some(snippet(line, at, diagnostic.severity, color))
        });
        if let Some(snippet) = snippet {
            out.push_str(&snippet);
            out.push('\n');
        }
        out
    }

    /// Line `number` (1-based) of a file, without its line ending or byte-order mark; invalid
    /// UTF-8 shows as U+FFFD, so that a line with a bad byte can still be shown.
    fn line(&mut self, path: &Path, number: usize) -> Option<&str> {
        let lines = self
            .read
            .entry(path.to_path_buf())
            .or_insert_with(|| source_lines(path));
        let line = lines.as_ref()?.get(number.checked_sub(1)?)?;
        Some(line.as_str())
    }
}

fn source_lines(path: &Path) -> Option<Vec<String>> {
    let bytes = std::fs::read(path).ok()?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let text = String::from_utf8_lossy(bytes);
    let lines = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r').to_string());
    Some(lines.collect())
}

/// `path:line:col: message`, exactly the diagnostic's `Display`; on a terminal the same text
/// with the place in bold (red for an error) and `warning:` in yellow.
fn headline(diagnostic: &Diagnostic, color: bool) -> String {
    let plain = diagnostic.to_string();
    if !color {
        return plain;
    }
    let place = plain.len() - diagnostic.message.len();
    let (place, message) = plain.split_at(place);
    match diagnostic.severity {
        Severity::Error => format!("{RED}{place}{RESET}{message}"),
        Severity::Warning => {
            let place = place.trim_end_matches("warning: ");
            format!("{BOLD}{place}{RESET}{YELLOW}warning:{RESET} {message}")
        }
    }
}

/// The source line `line`, at `at`, with a caret under its column.
fn snippet(line: &str, at: Position, severity: Severity, color: bool) -> String {
    let start = line
        .char_indices()
        .nth(at.column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let end = line[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let report = [Group::with_level(level).element(
        Snippet::source(line)
            .line_start(at.line)
            .annotation(AnnotationKind::Primary.span(start..end)),
    )];
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&report)
}

/// How long each stage of a build took, for `--verbose`: `time by stage: load 12 ms, ...`.
pub fn stages(stages: &[(&str, std::time::Duration)]) -> String {
    let stages: Vec<String> = (stages.iter())
        .map(|(stage, time)| format!("{stage} {} ms", time.as_millis()))
        .collect();
    format!("time by stage: {}", stages.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn a_diagnostic_shows_its_line_with_a_caret() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "\u{feff}+++\r\nname = \"알파\r\nscore = 6\r\n").unwrap();
        let d = Diagnostic::error(&path, "bad score").at(at(3, 9));
        let expected = format!(
            "{}:3:9: bad score\n  |\n3 | score = 6\n  |         ^\n",
            path.display()
        );
        assert_eq!(render(&d, false), expected);
        let wide = Diagnostic::warning(&path, "unclosed").at(at(2, 12));
        let expected = format!(
            "{}:2:12: warning: unclosed\n  |\n2 | name = \"알파\n  |             ^\n",
            path.display()
        );
        assert_eq!(
            render(&wide, false),
            expected,
            "a caret after wide characters"
        );
    }

    #[test]
    fn without_a_readable_line_only_the_headline_is_printed() {
        let d = Diagnostic::error("<built-in theme>/templates/x.html", "bad").at(at(1, 1));
        assert_eq!(
            render(&d, false),
            "<built-in theme>/templates/x.html:1:1: bad\n"
        );
        let whole_file = Diagnostic::warning("content/x.md", "w");
        assert_eq!(render(&whole_file, false), "content/x.md: warning: w\n");
    }

    #[test]
    fn a_file_with_many_diagnostics_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "x = 1\n".repeat(10_000)).unwrap();
        let mut files = SourceFiles::default();
        for line in 1..=10_000 {
            let d = Diagnostic::error(&path, "bad").at(at(line, 5));
            assert!(files.render(&d, false).contains("x = 1"));
        }
        assert_eq!(files.read.len(), 1, "one file read, split once");
    }

    #[test]
    fn colours_keep_the_text() {
        let d = Diagnostic::warning("x.md", "w").at(at(2, 3));
        let coloured = render(&d, true);
        assert!(coloured.contains(YELLOW), "{coloured:?}");
        let strip = |s: String| {
            [BOLD, RED, YELLOW, RESET]
                .iter()
                .fold(s, |s, c| s.replace(c, ""))
        };
        assert_eq!(strip(coloured), "x.md:2:3: warning: w\n");
        let error = Diagnostic::error("x.md", "e").at(at(1, 1));
        assert_eq!(strip(render(&error, true)), "x.md:1:1: e\n");
    }
}
