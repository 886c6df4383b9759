//! Finds where a key path (such as `ratings.performance.score`) is written in a front-matter
//! block, and which key a given line belongs to, so that errors found after parsing still
//! point at the file's own line and column. Works on the text, for TOML and YAML alike.

use std::collections::BTreeMap;

use super::frontmatter::Format;
use crate::error::Position;

/// Where each key path of a block is written, in order, for blocks asked about many times (one
/// question per problem found): built once, each question is then a lookup, so that a file with
/// thousands of problems is reported in linear time.
#[derive(Debug, Clone, Default)]
pub struct KeyIndex {
    /// By key path, its segments joined with NUL (which no key contains): every place it is
    /// written (one per table of an array of tables, such as `[[criteria]]`).
    places: BTreeMap<String, Vec<Position>>,
}

impl KeyIndex {
    pub fn new(text: &str, format: Format) -> KeyIndex {
        let mut places: BTreeMap<String, Vec<Position>> = BTreeMap::new();
        for_each_key(text, format, |key_path, position| {
            places
                .entry(key_path.join("\0"))
                .or_default()
                .push(position);
        });
        KeyIndex { places }
    }

    /// The position of the value of `path`, or of the nearest enclosing key that is written.
    pub fn locate(&self, path: &[&str]) -> Option<Position> {
        (1..=path.len())
            .rev()
            .find_map(|len| self.places.get(&path[..len].join("\0"))?.first().copied())
    }

    /// [`locate`](Self::locate) in the `n`th table (from 0) of the array of tables `path[0]`:
    /// where the `n`th `[[criteria]]` writes `weight`, or else where that table starts. An
    /// array written another way is located as a whole.
    pub fn locate_nth(&self, path: &[&str], n: usize) -> Option<Position> {
        let tables = self.places.get(*path.first()?);
        let Some(&start) = tables.and_then(|t| t.get(n)) else {
            return self.locate(path);
        };
        let end = tables.and_then(|t| t.get(n + 1)).copied();
        let within = |places: &Vec<Position>| {
            // Places are in the order of the text: the first at or after the table's start.
            let first = places.get(places.partition_point(|p| *p < start))?;
            end.is_none_or(|end| *first < end).then_some(*first)
        };
        (2..=path.len())
            .rev()
            .find_map(|len| within(self.places.get(&path[..len].join("\0"))?))
            .or(Some(start))
    }
}

/// The position of the value of `path` (or of the nearest enclosing key that is written),
/// relative to the start of `text`.
pub fn locate(text: &str, format: Format, path: &[&str]) -> Option<Position> {
    KeyIndex::new(text, format).locate(path)
}

/// The dotted key path written on `line` (1-based) or on the nearest line above it.
pub fn field_at(text: &str, format: Format, line: usize) -> Option<String> {
    let mut field = None;
    for_each_key(text, format, |key_path, position| {
        if position.line <= line {
            field = Some(key_path.join("."));
        }
    });
    field
}

/// Calls `visit` with the full path of every key written in `text`, in order, and the
/// position of its value (of the line, for a TOML table header).
fn for_each_key<'t>(text: &'t str, format: Format, visit: impl FnMut(&[&'t str], Position)) {
    match format {
        Format::Toml => toml_keys(text, visit),
        Format::Yaml => yaml_keys(text, visit),
    }
}

fn toml_keys<'t>(text: &'t str, mut visit: impl FnMut(&[&'t str], Position)) {
    let mut table: Vec<&str> = Vec::new();
    let mut path: Vec<&str> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_start();
        let indent = raw.chars().count() - line.chars().count();
        if let Some(header) = toml_header(line) {
            table.clear();
            table.extend(split_dotted(header));
            visit(
                &table,
                Position {
                    line: index + 1,
                    column: indent + 1,
                },
            );
        } else if let Some((key, value_at)) = key_before(line, '=') {
            path.clear();
            path.extend(&table);
            path.extend(split_dotted(key));
            visit(
                &path,
                Position {
                    line: index + 1,
                    column: indent + value_at + 1,
                },
            );
        }
    }
}

fn toml_header(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('[')?;
    let inner = inner.strip_prefix('[').unwrap_or(inner);
    let end = inner.find(']')?;
    Some(inner[..end].trim())
}

fn yaml_keys<'t>(text: &'t str, mut visit: impl FnMut(&[&'t str], Position)) {
    let mut stack: Vec<(usize, &str)> = Vec::new();
    let mut path: Vec<&str> = Vec::new();
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
        stack.push((indent, unquote(key)));
        path.clear();
        path.extend(stack.iter().map(|(_, k)| *k));
        visit(
            &path,
            Position {
                line: index + 1,
                column: indent + value_at + 1,
            },
        );
    }
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

fn split_dotted(key: &str) -> impl Iterator<Item = &str> {
    key.split('.').map(|part| unquote(part.trim()))
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
    fn locates_a_key_in_the_nth_table_of_an_array() {
        let text = "[[criteria]]\nid = \"a\"\n\n[[criteria]]\nid = \"b\"\nweight = inf\n";
        let index = KeyIndex::new(text, Format::Toml);
        let at = |path: &[&str], n| index.locate_nth(path, n).map(|p| (p.line, p.column));
        assert_eq!(at(&["criteria", "weight"], 1), Some((6, 10)));
        assert_eq!(
            at(&["criteria", "weight"], 0),
            Some((1, 1)),
            "the table, where it does not write the key (the next table's is not its own)"
        );
        assert_eq!(at(&["criteria", "id"], 1), Some((5, 6)));
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
