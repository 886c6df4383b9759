//! Deserialises a front-matter block (TOML or YAML) into a raw struct, turning parser errors
//! into diagnostics placed at the file's own line and column and naming the field.

use std::cell::OnceCell;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::frontmatter::Format;
use super::locate;
use crate::error::{Diagnostic, Position, position_of};

/// A front-matter block as found in a file: its text, language and where it starts.
#[derive(Debug, Clone)]
pub struct Block<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub format: Format,
    /// Line of the file on which `text` starts (1-based).
    pub first_line: usize,
    /// Where its keys are written, indexed on the first question.
    keys: OnceCell<locate::KeyIndex>,
}

impl<'a> Block<'a> {
    /// A block of `text` in `format`, starting on line `first_line` of the file at `path`.
    pub fn new(path: &'a Path, text: &'a str, format: Format, first_line: usize) -> Block<'a> {
        Block {
            path,
            text,
            format,
            first_line,
            keys: OnceCell::new(),
        }
    }

    /// A whole TOML file as one block.
    pub fn toml_file(path: &'a Path, text: &'a str) -> Block<'a> {
        Block::new(path, text, Format::Toml, 1)
    }

    /// Deserialises the block, or explains why it cannot be.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        match self.format {
            Format::Toml => toml::from_str(self.text).map_err(|e| self.toml_error(&e)),
            Format::Yaml => serde_saphyr::from_str_with_options(self.text, yaml_options())
                .map_err(|e| self.yaml_error(&e)),
        }
    }

    /// Deserialises the block, reporting each key `T` does not read (rather than the first
    /// alone, as `deny_unknown_fields` would) at its place, with the closest of the keys
    /// `known` gives for the table it is in (by the path of that table).
    pub fn parse_all_keys<T: DeserializeOwned>(
        &self,
        known: impl Fn(&[String]) -> &'static [&'static str],
    ) -> Result<(T, Vec<Diagnostic>), Diagnostic> {
        let mut unknown: Vec<Vec<String>> = Vec::new();
        let mut note = |path: serde_ignored::Path| unknown.push(key_path(&path));
        let value = match self.format {
            Format::Toml => toml::Deserializer::parse(self.text)
                .and_then(|de| serde_ignored::deserialize(de, &mut note))
                .map_err(|e| self.toml_error(&e)),
            Format::Yaml => serde_saphyr::with_deserializer_from_str_with_options(
                self.text,
                yaml_options(),
                |de| serde_ignored::deserialize(de, &mut note),
            )
            .map_err(|e| self.yaml_error(&e)),
        }?;
        let diagnostics = unknown
            .iter()
            .map(|path| self.unknown_key(path, known(&path[..path.len() - 1])))
            .collect();
        Ok((value, diagnostics))
    }

    fn unknown_key(&self, path: &[String], known: &[&str]) -> Diagnostic {
        let name = path.last().map_or("", String::as_str);
        let hint = match crate::suggest::did_you_mean(name, known.iter().copied()) {
            hint if hint.is_empty() => format!(" (fields here: {})", known.join(", ")),
            hint => hint,
        };
        let at: Vec<&str> = path.iter().map(String::as_str).collect();
        Diagnostic::error(
            self.path,
            format!("unknown field `{}`{hint}", path.join(".")),
        )
        .at(Some(
            self.locate(&at).map_or(self.start(), |p| self.key_start(p)),
        ))
    }

    /// Where the key of the value at `value` starts: the first character of its line.
    fn key_start(&self, value: Position) -> Position {
        let line = self.text.lines().nth(value.line - self.first_line);
        let indent = line.map_or(0, |l| l.chars().take_while(|c| c.is_whitespace()).count());
        Position {
            line: value.line,
            column: indent + 1,
        }
    }

    /// Where `path` is written, as a position in the file.
    pub fn locate(&self, path: &[&str]) -> Option<Position> {
        self.keys
            .get_or_init(|| locate::KeyIndex::new(self.text, self.format))
            .locate(path)
            .map(|p| self.in_file(p))
    }

    /// Where `path` is written in the `n`th table of an array of tables (see
    /// [`locate::KeyIndex::locate_nth`]), as a position in the file.
    pub fn locate_nth(&self, path: &[&str], n: usize) -> Option<Position> {
        self.keys
            .get_or_init(|| locate::KeyIndex::new(self.text, self.format))
            .locate_nth(path, n)
            .map(|p| self.in_file(p))
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

    /// A TOML parser's error as a diagnostic at its place in the file.
    pub fn toml_error(&self, error: &toml::de::Error) -> Diagnostic {
        let position = error.span().map(|s| position_of(self.text, s.start));
        self.error_at(position, error.message())
    }

    fn yaml_error(&self, error: &serde_saphyr::Error) -> Diagnostic {
        let position = error.location().map(|l| Position {
            line: l.line() as usize,
            column: l.column() as usize,
        });
        let message = over_budget(error).unwrap_or_else(|| {
            let message = strip_yaml_location(&error.to_string());
            match message.as_str() {
                // The parser's own guard against deep flow collections (`[[[[...`).
                "recursion limit exceeded" => too_deep(),
                "expected sequence start" => self.found("expected a list", position),
                "expected mapping start" => self.found("expected a table", position),
                "expected string scalar" => self.found("expected text", position),
                _ => message,
            }
        });
        self.error_at(position, &message)
    }

    /// `expected`, and what is written at `position` instead: serde-saphyr's type errors name
    /// only what the parser expected.
    fn found(&self, expected: &str, position: Option<Position>) -> String {
        let written = position.and_then(|p| {
            let line = self.text.lines().nth(p.line.checked_sub(1)?)?;
            let value: String = line.chars().skip(p.column.checked_sub(1)?).collect();
            let value = value.split(" #").next().unwrap_or("").trim().to_string();
            Some(match value.chars().next()? {
                '[' => "a list".to_string(),
                '{' => "a table".to_string(),
                _ if value.chars().count() > 40 => {
                    format!("`{}...`", value.chars().take(40).collect::<String>())
                }
                _ => format!("`{value}`"),
            })
        });
        match written {
            Some(written) => format!("{expected}, found {written}"),
            None => expected.to_string(),
        }
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

/// The keys of a path serde_ignored reports (list indices and wrappers left out).
fn key_path(path: &serde_ignored::Path) -> Vec<String> {
    use serde_ignored::Path as P;
    match path {
        P::Root => Vec::new(),
        P::Map { parent, key } => {
            let mut keys = key_path(parent);
            keys.push(key.clone());
            keys
        }
        P::Seq { parent, .. }
        | P::Some { parent }
        | P::NewtypeStruct { parent }
        | P::NewtypeVariant { parent } => key_path(parent),
    }
}

/// How deep YAML front-matter may nest: an item needs four levels (`ratings`, a criterion, its
/// `sources`, a source id).
const YAML_MAX_DEPTH: usize = 16;
/// How many values YAML front-matter may hold, aliases (`*name`) expanded: an item holds a few
/// hundred. A "billion laughs" document, whose aliases expand to billions, stops here.
const YAML_MAX_VALUES: usize = 10_000;

/// serde-saphyr's budget, tightened from its defaults (made for large configuration files) to
/// the size of front-matter, so that hostile YAML fails at once with a clear error.
fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: YAML_MAX_DEPTH,
            flow_nesting_limit: YAML_MAX_DEPTH,
            max_nodes: YAML_MAX_VALUES,
            max_events: 4 * YAML_MAX_VALUES,
            max_aliases: YAML_MAX_VALUES,
            max_anchors: YAML_MAX_VALUES,
            max_recorded_anchor_events: YAML_MAX_VALUES,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: YAML_MAX_VALUES,
            max_replay_stack_depth: YAML_MAX_DEPTH,
        },
    }
}

fn too_deep() -> String {
    format!("the YAML nests deeper than {YAML_MAX_DEPTH} levels")
}

/// The message for YAML stopped by [`yaml_options`]' limits, in words rather than the budget's
/// field names; `None` for any other error.
fn over_budget(error: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let mut error = error;
    while let E::WithSnippet { error: inner, .. } | E::AliasError { error: inner, .. } = error {
        error = inner;
    }
    let too_big = || {
        format!(
            "the YAML holds more than {YAML_MAX_VALUES} values, aliases (`*name`) expanded: front-matter must stay small"
        )
    };
    match error {
        E::Budget { breach, .. } => Some(match breach {
            B::Depth { .. } => too_deep(),
            B::Documents { .. } => "the front-matter holds more than one YAML document".into(),
            _ => too_big(),
        }),
        E::AliasReplayStackDepthExceeded { .. } => Some(too_deep()),
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => Some(too_big()),
        _ => None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::raw::RawItem;

    #[test]
    fn a_block_with_thousands_of_keys_is_located_in_linear_time() {
        // Found by hostile input: 5,000 unknown facts took half a minute to report, each one
        // located by reading the whole front-matter again.
        let text: String = (0..20_000).map(|i| format!("f{i} = \"x\"\n")).collect();
        let text = format!("[facts]\n{text}");
        let block = Block::new(Path::new("a.md"), &text, Format::Toml, 2);
        let start = std::time::Instant::now();
        for i in (0..20_000).step_by(7) {
            let at = block.locate(&["facts", &format!("f{i}")]).expect("written");
            assert_eq!((at.line, at.column), (i + 3, format!("f{i} = ").len() + 1));
        }
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }

    #[test]
    fn hostile_yaml_stops_at_the_budget_with_a_clear_message() {
        let parse = |yaml: &str| {
            Block::new(Path::new("a.md"), yaml, Format::Yaml, 2)
                .parse::<RawItem>()
                .expect_err("refused")
                .message
        };
        let deep = format!("facts:\n  license: {}{}\n", "[".repeat(40), "]".repeat(40));
        assert_eq!(
            parse(&deep),
            "invalid YAML at `facts.license`: the YAML nests deeper than 16 levels"
        );
        let mut laughs = String::from("facts:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, previous) in ["b", "c", "d", "e", "f", "g"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f"])
        {
            let refs = vec![format!("*{previous}"); 9].join(", ");
            laughs.push_str(&format!("  {name}: &{name} [{refs}]\n"));
        }
        assert!(
            parse(&laughs).ends_with(
                "the YAML holds more than 10000 values, aliases (`*name`) expanded: front-matter must stay small"
            ),
            "{}",
            parse(&laughs)
        );
        assert_eq!(
            parse("pros: Fast\n"),
            "invalid YAML at `pros`: expected a list, found `Fast`"
        );
    }
}
