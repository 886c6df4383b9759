//! Code highlighting: the only module that knows syntect. Highlights with CSS classes (no
//! inline styles) and produces the stylesheet for a light and a dark theme.
//!
//! Highlighting is most of a build's work, so a block is never highlighted twice: results are
//! kept by (language, code) for the run, and for the next one (`serve` rebuilds after every
//! save, and most blocks have not changed). The same block in two languages' pages of an item
//! is highlighted once.
//!
//! `build --cache DIR` also keeps them on disk, in a folder the user names
//! ([`Highlighter::with_cache`], [`Highlighter::save`]; without it nothing is written outside
//! the output folder): a block is a pure function of its code, its language and the
//! highlighter, so a rebuild highlights only the blocks that changed. The file names the binary
//! that wrote it (its version, size and modification time): another build of versus, with
//! other grammars or other rules, starts cold instead of trusting it, and so does a file that
//! is not intact (a hash of its contents).
//!
//! Within a run, lines met again in the same parser state are not parsed again either
//! ([`lines`]).

mod lines;

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use syntect::highlighting::ThemeSet;

use crate::contrast::{Rgb, readable_css};
use lines::ParsedLines;
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";
/// Background of code blocks in the default theme (`--surface` in style.css), light and dark.
const LIGHT_BACKGROUND: Rgb = (0xf6, 0xf7, 0xf9);
const DARK_BACKGROUND: Rgb = (0x17, 0x1e, 0x26);

/// Loaded syntax definitions and the blocks already highlighted; load once per process and
/// share.
pub struct Highlighter {
    syntaxes: SyntaxSet,
    parsed_lines: ParsedLines,
    done: Mutex<Done>,
}

/// A block's highlighted HTML, or `None` for an unknown language; computed by the first
/// thread to ask, which the others wait for.
type Slot = Arc<OnceLock<Option<String>>>;

/// Blocks highlighted in this run, and those of the previous run not yet asked for in this one:
/// memory stays bounded by two runs' blocks however long `serve` runs.
#[derive(Default)]
struct Done {
    current: HashMap<(String, String), Slot>,
    previous: HashMap<(String, String), Slot>,
    /// Whether `current` and `previous` together hold just the blocks of the cache file they
    /// were read from: no block highlighted since, none forgotten.
    as_in_file: bool,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter {
            // two-face extends syntect's defaults with TypeScript, TOML, Elixir and more.
            syntaxes: two_face::syntax::extra_newlines(),
            parsed_lines: ParsedLines::default(),
            done: Mutex::default(),
        }
    }
}

/// Common names for languages whose syntect token differs.
fn token(lang: &str) -> &str {
    match lang {
        "javascript" | "node" => "js",
        "typescript" => "ts",
        "csharp" | "c#" => "cs",
        "shell" | "bash" | "console" => "sh",
        "golang" => "go",
        "elixir" | "ex" => "ex",
        other => other,
    }
}

impl Highlighter {
    /// Highlighted HTML for a code block (the inside of `<code>`), or `None` if the language is
    /// unknown (the caller then shows the code as plain escaped text and warns).
    pub fn highlight(&self, code: &str, lang: &str) -> Option<String> {
        let slot = {
            let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
            let key = (lang.to_string(), code.to_string());
            match done.previous.remove(&key) {
                Some(slot) => done.current.entry(key).or_insert(slot).clone(),
                None => {
                    let slot = done.current.entry(key).or_default().clone();
                    done.as_in_file &= slot.get().is_some();
                    slot
                }
            }
        };
        slot.get_or_init(|| self.highlight_uncached(code, lang))
            .clone()
    }

    /// A highlighter that starts with the blocks a previous build saved in `folder`, as if it
    /// had highlighted them in the run before; with none if the file is missing, was written
    /// by another binary, or is damaged.
    pub fn with_cache(folder: &Path) -> Highlighter {
        let highlighter = Highlighter::default();
        if let Some(blocks) = cache::read(&folder.join(cache::FILE)) {
            let mut done = highlighter.done.lock().unwrap_or_else(|e| e.into_inner());
            done.current = blocks
                .into_iter()
                .map(|(key, html)| (key, Arc::new(OnceLock::from(html))))
                .collect();
            done.as_in_file = true;
        }
        highlighter
    }

    /// Saves the blocks of this run into `folder` (created if need be) for the next build:
    /// written beside, then renamed into place, so a build stopped halfway leaves the old file.
    /// When the run asked for just the blocks read from there, the file is left as it is (at
    /// 10,000 items it is 100 MB).
    pub fn save(&self, folder: &Path) -> io::Result<()> {
        let done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        if done.as_in_file && done.previous.is_empty() {
            return Ok(());
        }
        let mut blocks: Vec<_> = (done.current.iter())
            .filter_map(|(key, slot)| Some((key, slot.get()?)))
            .collect();
        // In order, so that the same blocks make the same file.
        blocks.sort_unstable_by(|a, b| a.0.cmp(b.0));
        cache::write(&folder.join(cache::FILE), blocks.into_iter())
    }

    /// Starts a new run (a build or a rebuild): blocks of the run before last are forgotten.
    pub fn start_run(&self) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        done.as_in_file &= done.previous.is_empty();
        done.previous = std::mem::take(&mut done.current);
    }

    /// What syntect's `ClassedHTMLGenerator` makes of the block, with each line parsed
    /// through [`ParsedLines`].
    fn highlight_uncached(&self, code: &str, lang: &str) -> Option<String> {
        let syntax = self
            .syntaxes
            .find_syntax_by_token(token(&lang.to_ascii_lowercase()))?;
        let mut state = ParseState::new(syntax);
        let mut scopes = ScopeStack::new();
        let mut html = String::new();
        let mut open_spans = 0;
        for line in LinesWithEndings::from(code) {
            let depth = scopes.as_slice().len();
            let ops = (self.parsed_lines)
                .parse(&mut state, line, &self.syntaxes, depth)
                .ok()?;
            let (spans, opened) =
                line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut scopes).ok()?;
            open_spans += opened;
            html.push_str(&spans);
        }
        for _ in 0..open_spans {
            html.push_str("</span>");
        }
        // Kept for the whole build: without its spare capacity (the string grows by doubling),
        // a cold 10,000-item build peaks about 25 MB lower.
        html.shrink_to_fit();
        Some(html)
    }

    /// The stylesheet for highlighted code: a light theme, and a dark one for dark mode.
    pub fn stylesheet() -> String {
        let themes = ThemeSet::load_defaults();
        let css = |name: &str| {
            themes
                .themes
                .get(name)
                .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
                .unwrap_or_default()
        };
        // Each theme only in its own scheme (so no light rule outlives dark mode), and every
        // colour made readable on the code blocks' background of that scheme.
        format!(
            "/* Code highlighting: generated by versus from syntect themes. */\n@media not (prefers-color-scheme: dark) {{\n{}\n}}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
            readable_css(&css(LIGHT_THEME), LIGHT_BACKGROUND),
            readable_css(&css(DARK_THEME), DARK_BACKGROUND)
        )
    }
}

/// The file of highlighted blocks: a header naming the binary and the hash of the rest, then
/// each block as (language, code, HTML or nothing), lengths first.
mod cache {
    use super::*;
    use std::io::{Seek, Write};

    pub const FILE: &str = "highlighted-blocks";
    const MAGIC: &[u8; 8] = b"vshl0001";

    type Blocks = Vec<((String, String), Option<String>)>;

    /// The running executable, by its version, size and modification time (to the
    /// nanosecond): what makes a block's HTML (grammars, syntect, the class style) is all inside
    /// it, and any new build of it is a new file. Reading it whole to hash its bytes would cost
    /// about 0.1 s a build (1 s for a debug build). `None` if it cannot be examined: then
    /// nothing is cached.
    fn binary() -> Option<u64> {
        static BINARY: OnceLock<Option<u64>> = OnceLock::new();
        *BINARY.get_or_init(|| {
            let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            let identity = format!(
                "{} {} {}",
                env!("CARGO_PKG_VERSION"),
                meta.len(),
                modified.as_nanos()
            );
            Some(hash(identity.as_bytes()))
        })
    }

    fn hash(bytes: &[u8]) -> u64 {
        let mut hasher = DefaultHasher::new();
        hasher.write(bytes);
        hasher.finish()
    }

    pub fn read(path: &Path) -> Option<Blocks> {
        let bytes = std::fs::read(path).ok()?;
        let (header, body) = bytes.split_at_checked(24)?;
        let field = |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().unwrap());
        if &header[..8] != MAGIC || field(8) != binary()? || field(16) != hash(body) {
            return None;
        }
        let mut reader = Reader(body);
        let mut blocks = Vec::new();
        while !reader.0.is_empty() {
            let key = (reader.text()?, reader.text()?);
            let html = match reader.take(1)? {
                [0] => None,
                [1] => Some(reader.text()?),
                _ => return None,
            };
            blocks.push((key, html));
        }
        Some(blocks)
    }

    /// Writes `blocks` to `path` as they come (beside it first, then renamed into place): the
    /// hash of the body goes in the header once the body is written, so the file is never held
    /// whole in memory (100 MB at 10,000 items).
    pub fn write<'a>(
        path: &Path,
        blocks: impl Iterator<Item = (&'a (String, String), &'a Option<String>)>,
    ) -> io::Result<()> {
        let Some(binary) = binary() else {
            return Ok(());
        };
        let folder = path.parent().expect("the cache file is in a folder");
        std::fs::create_dir_all(folder)?;
        let partial = path.with_extension("partial");
        let mut out = Hashing {
            file: io::BufWriter::new(std::fs::File::create(&partial)?),
            hasher: DefaultHasher::new(),
        };
        out.file.write_all(MAGIC)?;
        out.file.write_all(&binary.to_le_bytes())?;
        out.file.write_all(&[0; 8])?;
        for ((lang, code), html) in blocks {
            out.put(lang)?;
            out.put(code)?;
            out.body(&[u8::from(html.is_some())])?;
            if let Some(html) = html {
                out.put(html)?;
            }
        }
        let mut file = out.file.into_inner().map_err(|e| e.into_error())?;
        file.seek(io::SeekFrom::Start(16))?;
        file.write_all(&out.hasher.finish().to_le_bytes())?;
        drop(file);
        std::fs::rename(&partial, path)
    }

    /// The cache file being written, and the hash of its body so far.
    struct Hashing {
        file: io::BufWriter<std::fs::File>,
        hasher: DefaultHasher,
    }

    impl Hashing {
        fn body(&mut self, bytes: &[u8]) -> io::Result<()> {
            self.hasher.write(bytes);
            self.file.write_all(bytes)
        }

        fn put(&mut self, text: &str) -> io::Result<()> {
            self.body(&(text.len() as u64).to_le_bytes())?;
            self.body(text.as_bytes())
        }
    }

    struct Reader<'a>(&'a [u8]);

    impl Reader<'_> {
        fn take(&mut self, n: usize) -> Option<&[u8]> {
            let (taken, rest) = self.0.split_at_checked(n)?;
            self.0 = rest;
            Some(taken)
        }

        fn text(&mut self) -> Option<String> {
            let len = u64::from_le_bytes(self.take(8)?.try_into().ok()?);
            let bytes = self.take(usize::try_from(len).ok()?)?;
            String::from_utf8(bytes.to_vec()).ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_classes_and_refuses_unknown_languages() {
        let h = Highlighter::default();
        for lang in [
            "rust", "go", "java", "csharp", "python", "ruby", "php", "js", "ts", "elixir", "toml",
            "yaml", "sh",
        ] {
            assert!(h.highlight("x\n", lang).is_some(), "{lang}");
        }
        let html = h.highlight("fn main() {}\n", "rust").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
        assert!(h.highlight("x", "no-such-language").is_none());
    }

    #[test]
    fn blocks_sharing_lines_are_highlighted_as_syntect_alone_highlights_them() {
        use syntect::html::ClassedHTMLGenerator;
        let h = Highlighter::default();
        let by_syntect = |code: &str, lang: &str| {
            let syntax = h.syntaxes.find_syntax_by_token(lang).unwrap();
            let mut g =
                ClassedHTMLGenerator::new_with_class_style(syntax, &h.syntaxes, CLASS_STYLE);
            for line in LinesWithEndings::from(code) {
                g.parse_html_for_line_which_includes_newline(line).unwrap();
            }
            g.finalize()
        };
        let blocks = [
            (
                "def f():\n    \"\"\"\n    return 1\n    \"\"\"\n    return 1\n",
                "python",
            ),
            ("def g():\n    return 1\n", "python"),
            ("/* open\nconst x = 1;\n*/\nconst x = 1;\n", "js"),
            ("const x = 1;\n", "js"),
            ("[a]\nx = 1\n", "toml"),
        ];
        // Three times: a line is kept the second time it is met, and the third time every line
        // comes from the parsed lines.
        for (code, lang) in blocks.iter().chain(&blocks).chain(&blocks) {
            assert_eq!(
                h.highlight_uncached(code, lang).unwrap(),
                by_syntect(code, lang),
                "{code}"
            );
        }
    }

    #[test]
    fn a_block_is_highlighted_once_and_kept_for_one_more_run() {
        let h = Highlighter::default();
        let first = h.highlight("let x = 1;\n", "rust");
        assert_eq!(h.highlight("let x = 1;\n", "rust"), first);
        assert_eq!(h.done.lock().unwrap().current.len(), 1);
        h.start_run();
        assert_eq!(
            h.highlight("let x = 1;\n", "rust"),
            first,
            "from the previous run"
        );
        h.start_run();
        h.start_run();
        let done = h.done.lock().unwrap();
        assert!(
            done.current.is_empty() && done.previous.is_empty(),
            "unused blocks go"
        );
    }

    #[test]
    fn a_saved_run_is_the_next_highlighter_s_previous_run() {
        let dir = tempfile::tempdir().unwrap();
        let h = Highlighter::default();
        let html = h.highlight("let x = 1;\n", "rust");
        assert_eq!(h.highlight("x", "no-such-language"), None);
        h.save(dir.path()).unwrap();
        let warm = Highlighter::with_cache(dir.path());
        warm.start_run();
        assert_eq!(warm.done.lock().unwrap().previous.len(), 2);
        assert_eq!(warm.highlight("let x = 1;\n", "rust"), html);
        assert_eq!(warm.highlight("x", "no-such-language"), None);
    }

    #[test]
    fn a_run_that_changed_no_block_leaves_the_file_and_any_change_rewrites_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(cache::FILE);
        let first = Highlighter::default();
        first.highlight("let x = 1;\n", "rust");
        first.save(dir.path()).unwrap();
        let saved = std::fs::read(&path).unwrap();
        // A build from the saved file asking for `blocks`: whether it wrote the file again.
        let rewrites = |blocks: &[&str]| {
            std::fs::write(&path, &saved).unwrap();
            let h = Highlighter::with_cache(dir.path());
            h.start_run();
            for code in blocks {
                h.highlight(code, "rust");
            }
            std::fs::write(&path, b"left as it was").unwrap();
            h.save(dir.path()).unwrap();
            std::fs::read(&path).unwrap() != b"left as it was"
        };
        assert!(!rewrites(&["let x = 1;\n"]), "the same blocks");
        assert!(rewrites(&["let x = 1;\n", "let y = 2;\n"]), "a new block");
        assert!(rewrites(&[]), "a block no longer asked for");
    }

    #[test]
    fn a_damaged_or_foreign_cache_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let h = Highlighter::default();
        h.highlight("let x = 1;\n", "rust");
        h.save(dir.path()).unwrap();
        let path = dir.path().join(cache::FILE);
        let good = std::fs::read(&path).unwrap();
        let cached = |bytes: &[u8]| {
            std::fs::write(&path, bytes).unwrap();
            let warm = Highlighter::with_cache(dir.path());
            warm.done.lock().unwrap().current.len()
        };
        assert_eq!(cached(&good), 1);
        let mut changed = good.clone();
        *changed.last_mut().unwrap() ^= 1;
        assert_eq!(cached(&changed), 0, "a changed byte of HTML");
        let mut foreign = good.clone();
        foreign[8] ^= 1;
        assert_eq!(cached(&foreign), 0, "written by another binary");
        assert_eq!(cached(&good[..good.len() - 3]), 0, "cut short");
        assert_eq!(cached(b""), 0);
    }
}
