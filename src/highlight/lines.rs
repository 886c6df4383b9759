//! Lines already parsed, for the highlighter. What syntect finds in a line depends only on the
//! line's text and the parser's state before it, so a line met again in the same state (a
//! closing brace, a blank line, the import every example starts with) is not matched against
//! the grammar again: its scope operations and the state after it are taken from here. The
//! result is the same by construction; only the regular expressions are skipped.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

use syntect::parsing::{ParseState, ParsingError, ScopeStackOp, SyntaxSet};

/// Lines kept at most by each thread, and lines seen: the memo is emptied when either is
/// full, so its memory stays bounded whatever the report's code (a kept line holds two parse
/// states of at most `MAX_DEPTH` levels, about a kilobyte each: a few MB a thread).
const MAX_LINES: usize = 2_048;
const MAX_SEEN: usize = 65_536;
/// States kept for one line's text: a line met in ever new states (an opening bracket nested
/// deeper each time) would otherwise cost two clones and a longer search each time.
const MAX_STATES_PER_LINE: usize = 8;
/// Longer lines are always parsed: they are rarely met twice, and would loosen that bound.
const MAX_LINE_LEN: usize = 200;
/// Lines inside more scopes than this are always parsed. A kept line holds two copies of the
/// parse state, whose size grows with the nesting (syntect stops it at about a hundred
/// levels, 10 KB); ordinary code is a few scopes deep.
const MAX_DEPTH: usize = 32;

/// A line's scope operations, as syntect's parser gives them.
pub type Ops = Vec<(usize, ScopeStackOp)>;

/// Parsed lines of one set of syntaxes (parse states name its contexts). Each thread keeps
/// its own: a parse state may hold a regex engine's match, which cannot cross threads.
pub struct ParsedLines {
    syntaxes_id: u64,
}

impl Default for ParsedLines {
    fn default() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        ParsedLines {
            syntaxes_id: NEXT.fetch_add(1, Ordering::Relaxed),
        }
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::default();
}

/// One thread's lines, for the syntaxes of one [`ParsedLines`]. A line is kept from the
/// second time its text is met: keeping every line (two parse states cloned, one compared) made
/// code whose lines never recur half as slow again to highlight.
#[derive(Default)]
struct Memo {
    syntaxes_id: u64,
    /// Hashes of the texts of lines met once.
    seen: HashSet<u64>,
    hasher: RandomState,
    /// By the line's text, each state it was parsed from (seldom more than a few).
    by_text: HashMap<String, Vec<Parsed>>,
    lines: usize,
}

struct Parsed {
    before: ParseState,
    ops: Ops,
    after: ParseState,
}

impl ParsedLines {
    /// The scope operations of `line` (with its line ending) parsed from `state`, which is
    /// moved on to the state after the line, exactly as `state.parse_line` would. `depth` is
    /// how many scopes are open before the line (the parse state's own depth is not public;
    /// in the bundled grammars nesting opens scopes).
    pub fn parse(
        &self,
        state: &mut ParseState,
        line: &str,
        syntaxes: &SyntaxSet,
        depth: usize,
    ) -> Result<Ops, ParsingError> {
        if line.len() > MAX_LINE_LEN || depth > MAX_DEPTH {
            return state.parse_line(line, syntaxes);
        }
        MEMO.with_borrow_mut(|memo| {
            let full = memo.lines >= MAX_LINES || memo.seen.len() >= MAX_SEEN;
            if memo.syntaxes_id != self.syntaxes_id || full {
                *memo = Memo {
                    syntaxes_id: self.syntaxes_id,
                    ..Memo::default()
                };
            }
            memo.parse(state, line, syntaxes)
        })
    }
}

impl Memo {
    fn parse(
        &mut self,
        state: &mut ParseState,
        line: &str,
        syntaxes: &SyntaxSet,
    ) -> Result<Ops, ParsingError> {
        let kept = self.by_text.get(line).map_or(&[][..], Vec::as_slice);
        if let Some(parsed) = kept.iter().find(|p| p.before == *state) {
            *state = parsed.after.clone();
            return Ok(parsed.ops.clone());
        }
        let met_before = !kept.is_empty() || !self.seen.insert(self.hasher.hash_one(line));
        if !met_before || kept.len() >= MAX_STATES_PER_LINE {
            return state.parse_line(line, syntaxes);
        }
        let before = state.clone();
        let ops = state.parse_line(line, syntaxes)?;
        let after = state.clone();
        self.lines += 1;
        let parsed = Parsed {
            before,
            ops: ops.clone(),
            after,
        };
        self.by_text
            .entry(line.to_string())
            .or_default()
            .push(parsed);
        Ok(ops)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::util::LinesWithEndings;

    /// Every line's operations, parsed afresh by syntect alone.
    fn parsed_by_syntect(code: &str, lang: &str, syntaxes: &SyntaxSet) -> Vec<Ops> {
        let mut state = ParseState::new(syntaxes.find_syntax_by_token(lang).unwrap());
        (LinesWithEndings::from(code))
            .map(|line| state.parse_line(line, syntaxes).unwrap())
            .collect()
    }

    fn parsed_with_memo(
        code: &str,
        lang: &str,
        syntaxes: &SyntaxSet,
        memo: &ParsedLines,
    ) -> Vec<Ops> {
        let mut state = ParseState::new(syntaxes.find_syntax_by_token(lang).unwrap());
        (LinesWithEndings::from(code))
            .map(|line| memo.parse(&mut state, line, syntaxes, 0).unwrap())
            .collect()
    }

    #[test]
    fn a_line_met_again_in_another_state_is_parsed_in_that_state() {
        let syntaxes = two_face::syntax::extra_newlines();
        let memo = ParsedLines::default();
        // The same lines as code, inside a block comment and inside a string: each gives other
        // scopes, and the memo must not hand one state's operations to another.
        let blocks = [
            ("fn main() {\n    let x = 1;\n}\n", "rust"),
            (
                "/*\nfn main() {\n    let x = 1;\n}\n*/\nfn main() {\n    let x = 1;\n}\n",
                "rust",
            ),
            ("let s = \"\nfn main() {\n    let x = 1;\n}\n\";\n", "rust"),
            ("fn main() {\n    let x = 1;\n}\n", "js"),
            ("fn main() {\n    let x = 1;\n}\n", "rust"),
        ];
        for (code, lang) in blocks {
            assert_eq!(
                parsed_with_memo(code, lang, &syntaxes, &memo),
                parsed_by_syntect(code, lang, &syntaxes),
                "{lang}: {code}"
            );
        }
        let states = MEMO.with_borrow(|memo| memo.by_text["fn main() {\n"].len());
        assert!(
            states >= 3,
            "one entry per state the line was met in: {states}"
        );
    }

    #[test]
    fn a_line_is_kept_from_its_second_meeting_and_in_a_few_states_at_most() {
        let syntaxes = two_face::syntax::extra_newlines();
        let memo = ParsedLines::default();
        // Each bracket opens a block inside the one before: the same text in ever new states.
        let code = format!("let once = 1;\nfn f() {}", "{\n".repeat(40));
        assert_eq!(
            parsed_with_memo(&code, "rust", &syntaxes, &memo),
            parsed_by_syntect(&code, "rust", &syntaxes)
        );
        MEMO.with_borrow(|memo| {
            assert!(!memo.by_text.contains_key("let once = 1;\n"));
            assert_eq!(memo.by_text["{\n"].len(), MAX_STATES_PER_LINE);
        });
    }

    #[test]
    fn a_line_deep_inside_scopes_is_never_kept() {
        let syntaxes = two_face::syntax::extra_newlines();
        let memo = ParsedLines::default();
        let mut state = ParseState::new(syntaxes.find_syntax_by_token("rust").unwrap());
        for _ in 0..3 {
            memo.parse(&mut state, "x;\n", &syntaxes, MAX_DEPTH + 1)
                .unwrap();
        }
        MEMO.with_borrow(|memo| assert!(memo.by_text.is_empty() && memo.seen.is_empty()));
    }
}
