//! Splits a Markdown file into its front-matter (TOML between `+++` lines, or YAML between
//! `---` lines) and its body, keeping the byte offsets so that parser errors map back to the
//! file's own lines.

/// The language a front-matter block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

impl Format {
    fn fence(self) -> &'static str {
        match self {
            Format::Toml => "+++",
            Format::Yaml => "---",
        }
    }
}

/// A file split into front-matter and body; `offset` is where the front-matter text starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    pub front_matter: &'a str,
    pub offset: usize,
    pub body: &'a str,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    Empty,
    NoFrontMatter,
    Unclosed(Format),
}

impl std::fmt::Display for SplitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SplitError::Empty => write!(f, "the file is empty"),
            SplitError::NoFrontMatter => write!(
                f,
                "no front-matter: the file must start with a `+++` (TOML) or `---` (YAML) line"
            ),
            SplitError::Unclosed(format) => write!(
                f,
                "the front-matter opened with `{0}` is never closed: add a line `{0}` after it",
                format.fence()
            ),
        }
    }
}

/// The byte-order mark some editors write at the start of a UTF-8 file.
pub const BOM: &str = "\u{feff}";

/// Normalises text as read from disk: drops a byte-order mark and turns CRLF, and a lone CR
/// (a line break to YAML and Markdown alike), into LF, so that files saved by any editor parse
/// the same way and every position counts lines as the parsers do.
pub fn normalize(text: &str) -> String {
    text.strip_prefix(BOM)
        .unwrap_or(text)
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

/// [`normalize`] for text already owned, which is returned as it is (not copied twice) when
/// there is nothing to change, as in most files.
pub fn normalized(text: String) -> String {
    if text.starts_with(BOM) || text.contains('\r') {
        normalize(&text)
    } else {
        text
    }
}

/// Splits normalised text (see [`normalize`]) into front-matter and body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let format = [Format::Toml, Format::Yaml]
        .into_iter()
        .find(|f| first_line(text).trim_end() == f.fence())
        .ok_or(SplitError::NoFrontMatter)?;
    let offset = first_line(text).len() + 1;
    let rest = text.get(offset..).unwrap_or("");
    let close = find_fence(rest, format.fence()).ok_or(SplitError::Unclosed(format))?;
    let after_fence = offset + close + format.fence().len();
    let body_start = text[after_fence..]
        .find('\n')
        .map_or(text.len(), |i| after_fence + i + 1);
    Ok(Split {
        format,
        front_matter: &rest[..close],
        offset,
        body: &text[body_start..],
    })
}

fn first_line(text: &str) -> &str {
    text.split('\n').next().unwrap_or("")
}

/// Byte offset (within `rest`) of the line that is exactly `fence`.
fn find_fence(rest: &str, fence: &str) -> Option<usize> {
    let mut start = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some(start);
        }
        start += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_and_keeps_offset() {
        let s = split("+++\nname = \"A\"\n+++\nBody\n").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.front_matter, "name = \"A\"\n");
        assert_eq!(s.offset, 4);
        assert_eq!(s.body, "Body\n");
    }

    #[test]
    fn splits_yaml() {
        let s = split("---\nname: A\n---\n").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.front_matter, "name: A\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = normalize("\u{feff}+++\r\nname = \"A\"\r\n+++\r\nBody\r\n");
        let s = split(&text).unwrap();
        assert_eq!(s.front_matter, "name = \"A\"\n");
        assert_eq!(s.body, "Body\n");
    }

    #[test]
    fn a_lone_carriage_return_is_a_line_break() {
        // Found by fuzzing: YAML counts a lone CR as a line break, so its error positions
        // pointed past the end of a file whose lines were counted by LF alone.
        assert_eq!(normalize("---\rname: A\r\n---\r"), "---\nname: A\n---\n");
    }

    #[test]
    fn reports_what_is_wrong() {
        assert_eq!(split(" \n"), Err(SplitError::Empty));
        assert_eq!(split("# Title\n"), Err(SplitError::NoFrontMatter));
        assert_eq!(
            split("+++\nname = 1\n"),
            Err(SplitError::Unclosed(Format::Toml))
        );
    }
}
