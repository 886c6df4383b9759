//! Deserialises a front-matter block (TOML or YAML) into a raw struct, turning parser errors
//! into diagnostics placed at the file's own line and column and naming the field.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::frontmatter::Format;
use super::locate;
use crate::error::{Diagnostic, Position, position_of};

/// A front-matter block as found in a file: its text, language and where it starts.
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub format: Format,
    /// Line of the file on which `text` starts (1-based).
    pub first_line: usize,
}

/// Reads a whole TOML file (configuration, sources, string tables): its text, for locating
/// fields afterwards, and its parsed value.
pub fn read_toml<T: DeserializeOwned>(path: &Path) -> Result<(String, T), Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(path, format!("cannot read: {e}")))?;
    let value = Block::toml_file(path, &text).parse()?;
    Ok((text, value))
}

impl<'a> Block<'a> {
    /// A whole TOML file as one block.
    pub fn toml_file(path: &'a Path, text: &'a str) -> Block<'a> {
        Block {
            path,
            text,
            format: Format::Toml,
            first_line: 1,
        }
    }

    /// Deserialises the block, or explains why it cannot be.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        match self.format {
            Format::Toml => toml::from_str(self.text).map_err(|e| self.toml_error(&e)),
            Format::Yaml => serde_saphyr::from_str(self.text).map_err(|e| self.yaml_error(&e)),
        }
    }

    /// Where `path` is written, as a position in the file.
    pub fn locate(&self, path: &[&str]) -> Option<Position> {
        locate::locate(self.text, self.format, path).map(|p| self.in_file(p))
    }

    /// Position of the block's first line, for problems with no field to point at.
    pub fn start(&self) -> Position {
        Position {
            line: self.first_line,
            column: 1,
        }
    }

    fn in_file(&self, p: Position) -> Position {
        Position {
            line: p.line + self.first_line - 1,
            column: p.column,
        }
    }

    fn toml_error(&self, error: &toml::de::Error) -> Diagnostic {
        let position = error.span().map(|s| position_of(self.text, s.start));
        self.error_at(position, error.message())
    }

    fn yaml_error(&self, error: &serde_saphyr::Error) -> Diagnostic {
        let position = error.location().map(|l| Position {
            line: l.line() as usize,
            column: l.column() as usize,
        });
        self.error_at(position, &strip_yaml_location(&error.to_string()))
    }

    fn error_at(&self, position: Option<Position>, message: &str) -> Diagnostic {
        let field = position.and_then(|p| locate::field_at(self.text, self.format, p.line));
        let language = match self.format {
            Format::Toml => "TOML",
            Format::Yaml => "YAML",
        };
        let message = first_line(message);
        let message = match field {
            Some(field) if !message.contains(&format!("`{field}`")) => {
                format!("invalid {language} at `{field}`: {message}")
            }
            _ => format!("invalid {language}: {message}"),
        };
        Diagnostic::error(self.path, message).at(Some(
            self.in_file(position.unwrap_or(Position { line: 1, column: 1 })),
        ))
    }
}

fn first_line(message: &str) -> &str {
    message.trim().lines().next().unwrap_or("").trim()
}

/// serde-saphyr appends the position (and a placeholder file name) to its messages; the
/// diagnostic carries the position itself.
fn strip_yaml_location(message: &str) -> String {
    let message = first_line(message);
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let message = match message
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((position, rest)) if position.contains("column") => rest,
        _ => message,
    };
    let cut = [" at line ", " at <input>", "<input>:"]
        .iter()
        .filter_map(|marker| message.find(marker))
        .min()
        .unwrap_or(message.len());
    message[..cut].trim_end_matches([',', ' ']).to_string()
}
