//! Finds where a key path (such as `ratings.performance.score`) is written in a front-matter
//! block, and which key a given line belongs to, so that errors found after parsing still
//! point at the file's own line and column. Works on the text, for TOML and YAML alike.

use super::frontmatter::Format;
use crate::error::Position;

/// One key written on one line, with its full path and the column where its value starts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeyLine {
    path: Vec<String>,
    line: usize,
    value_column: usize,
}

/// The position of the value of `path` (or of the nearest enclosing key that is written),
/// relative to the start of `text`.
pub fn locate(text: &str, format: Format, path: &[&str]) -> Option<Position> {
    let keys = key_lines(text, format);
    (1..=path.len()).rev().find_map(|len| {
        let wanted = &path[..len];
        keys.iter()
            .find(|k| k.path.iter().map(String::as_str).eq(wanted.iter().copied()))
            .map(|k| Position {
                line: k.line,
                column: k.value_column,
            })
    })
}

/// The dotted key path written on `line` (1-based) or on the nearest line above it.
pub fn field_at(text: &str, format: Format, line: usize) -> Option<String> {
    key_lines(text, format)
        .into_iter()
        .rev()
        .find(|k| k.line <= line)
        .map(|k| k.path.join("."))
}

fn key_lines(text: &str, format: Format) -> Vec<KeyLine> {
    match format {
        Format::Toml => toml_keys(text),
        Format::Yaml => yaml_keys(text),
    }
}

fn toml_keys(text: &str) -> Vec<KeyLine> {
    let mut table: Vec<String> = Vec::new();
    let mut keys = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_start();
        let indent = raw.chars().count() - line.chars().count();
        if let Some(header) = toml_header(line) {
            table = split_dotted(header);
            keys.push(KeyLine {
                path: table.clone(),
                line: index + 1,
                value_column: indent + 1,
            });
        } else if let Some((key, value_at)) = key_before(line, '=') {
            let mut path = table.clone();
            path.extend(split_dotted(key));
            keys.push(KeyLine {
                path,
                line: index + 1,
                value_column: indent + value_at + 1,
            });
        }
    }
    keys
}

fn toml_header(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('[')?;
    let inner = inner.strip_prefix('[').unwrap_or(inner);
    let end = inner.find(']')?;
    Some(inner[..end].trim())
}

fn yaml_keys(text: &str) -> Vec<KeyLine> {
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut keys = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let mut line = raw.trim_start();
        let mut indent = raw.chars().count() - line.chars().count();
        while let Some(rest) = line.strip_prefix("- ") {
            line = rest.trim_start();
            indent = raw.chars().count() - line.chars().count();
        }
        if line.starts_with('#') {
            continue;
        }
        let Some((key, value_at)) = key_before(line, ':') else {
            continue;
        };
        stack.retain(|(level, _)| *level < indent);
        stack.push((indent, unquote(key).to_string()));
        keys.push(KeyLine {
            path: stack.iter().map(|(_, k)| k.clone()).collect(),
            line: index + 1,
            value_column: indent + value_at + 1,
        });
    }
    keys
}

/// `key <sep> value` at the start of `line`: the key and the character column of the value.
fn key_before(line: &str, separator: char) -> Option<(&str, usize)> {
    if line.starts_with('#') || line.starts_with('"') && separator == ':' && !line.contains("\":") {
        return None;
    }
    let at = line.find(separator)?;
    let key = line[..at].trim();
    let valid = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.\"' ".contains(c));
    if !valid {
        return None;
    }
    let after = &line[at + separator.len_utf8()..];
    let skipped = after.len() - after.trim_start().len();
    let value_at = line[..at + separator.len_utf8() + skipped].chars().count();
    Some((key, value_at))
}

fn split_dotted(key: &str) -> Vec<String> {
    key.split('.')
        .map(|part| unquote(part.trim()).to_string())
        .collect()
}

fn unquote(key: &str) -> &str {
    key.trim_matches(|c| c == '"' || c == '\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = "name = \"A\"\n\n[ratings.performance]\nscore = 9\nnote = \"x\"\n";
    const YAML: &str = "name: A\nratings:\n  performance:\n    score: 9\npros:\n  - fast\n";

    #[test]
    fn locates_toml_keys_under_tables() {
        let p = locate(TOML, Format::Toml, &["ratings", "performance", "score"]).unwrap();
        assert_eq!((p.line, p.column), (4, 9));
    }

    #[test]
    fn locates_yaml_keys_by_indentation() {
        let p = locate(YAML, Format::Yaml, &["ratings", "performance", "score"]).unwrap();
        assert_eq!((p.line, p.column), (4, 12));
    }

    #[test]
    fn falls_back_to_the_nearest_written_parent() {
        let p = locate(TOML, Format::Toml, &["ratings", "performance", "sources"]).unwrap();
        assert_eq!(p.line, 3);
    }

    #[test]
    fn names_the_field_on_a_line() {
        assert_eq!(field_at(YAML, Format::Yaml, 6).as_deref(), Some("pros"));
        assert_eq!(
            field_at(TOML, Format::Toml, 4).as_deref(),
            Some("ratings.performance.score")
        );
    }
}
