//! The fuzz targets' work on stable Rust, in every `cargo test` (front-matter, Markdown, and
//! the configuration files `site.toml` and `sources.toml`): the kept corpus
//! (`fuzz/corpus/<target>/`) and every crasher the fuzzers found (`fuzz/regressions/<target>/`)
//! go through the very harness the targets run (`fuzz/harness.rs`, its properties included),
//! and so do inputs generated from the fuzzers' dictionaries with a fixed seed, so that the
//! same few thousand hostile combinations are tried on every run. Running the fuzzers
//! themselves needs nightly: see docs/fuzzing.md.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

#[path = "../../fuzz/harness.rs"]
mod harness;

const FUZZ: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz");

#[test]
fn the_front_matter_corpus_and_crashers_replay_cleanly() {
    let replayed = replay("frontmatter", harness::front_matter);
    assert!(replayed >= 50, "only {replayed} front-matter inputs");
}

#[test]
fn the_markdown_corpus_and_crashers_replay_cleanly() {
    let replayed = replay("markdown", harness::markdown);
    assert!(replayed >= 50, "only {replayed} Markdown inputs");
}

#[test]
fn the_configuration_corpus_and_crashers_replay_cleanly() {
    let replayed = replay("configuration", |input| {
        harness::configuration(input);
    });
    assert!(replayed >= 50, "only {replayed} configuration inputs");
}

#[test]
fn the_configuration_harness_loads_as_a_build_does() {
    let seed = |name: &str| {
        let input = fs::read(Path::new(FUZZ).join("corpus/configuration").join(name))
            .expect("a seed input");
        harness::configuration(&input)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(seed("site-fixture"), [""; 0], "the fixture loads");
    assert_eq!(seed("sources-fixture"), [""; 0]);
    assert_eq!(
        seed("site-weight-nan"),
        [
            "content/site.toml:23:10: criterion \"speed\": weight must be a number above 0 \
             and at most 1000, found NaN"
        ]
    );
    assert_eq!(
        seed("sources-duplicate-id"),
        ["content/sources.toml:8:6: source id \"review\" is declared twice"]
    );
    assert_eq!(
        seed("site-criterion-referenced-by-items-removed"),
        [
            "content/items/alpha.md:20:1: rating of unknown criterion \"docs\" (criteria: speed)",
            "content/items/beta.md:19:8: rating of unknown criterion \"docs\" (criteria: speed)"
        ],
        "the content is validated against the fuzzed configuration"
    );
    assert_eq!(
        seed("site-not-utf8"),
        ["content/site.toml:1:41: the file is not valid UTF-8: save it as UTF-8"]
    );
    let crasher = fs::read(
        Path::new(FUZZ).join("regressions/configuration/lone-carriage-returns-before-invalid-utf8"),
    )
    .expect("a regression input");
    assert_eq!(
        harness::configuration(&crasher)[0].to_string(),
        "content/site.toml:2:10: the file is not valid UTF-8: save it as UTF-8",
        "a lone CR is a line break, as everywhere else"
    );
}

#[test]
fn generated_front_matter_keeps_every_property() {
    generated("frontmatter", 0x5eed_f00d, 40, harness::front_matter);
}

#[test]
fn generated_configuration_keeps_every_property() {
    generated("configuration", 0xc0f1_9000, 60, |input| {
        harness::configuration(input);
    });
}

#[test]
fn generated_markdown_keeps_every_property() {
    generated("markdown", 0xfeed_beef, 60, harness::markdown);
}

/// Runs 1,500 inputs of up to `most` tokens of the target's dictionary, drawn from `seed`.
fn generated(target: &str, seed: u64, most: usize, run: fn(&[u8])) {
    let tokens = dictionary(target);
    let mut random = Random(seed);
    for case in 0..1500 {
        let input = random.input(&tokens, most);
        run_one(&format!("generated {target} #{case}"), &input, run);
    }
}

/// Runs every file of the target's corpus and regressions; returns how many there were.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let mut count = 0;
    for folder in ["corpus", "regressions"] {
        let dir = Path::new(FUZZ).join(folder).join(target);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.expect("an entry").path()).collect();
        files.sort();
        for file in files.iter().filter(|f| f.is_file()) {
            let input = fs::read(file).expect("read a fuzz input");
            run_one(&file.display().to_string(), &input, run);
            count += 1;
        }
    }
    count
}

/// Runs one input, naming it if it breaks a property.
fn run_one(name: &str, input: &[u8], run: fn(&[u8])) {
    if catch_unwind(AssertUnwindSafe(|| run(input))).is_err() {
        panic!(
            "{name} breaks a property (the panic is printed above); input: {:?}",
            String::from_utf8_lossy(input)
        );
    }
}

/// The tokens of `fuzz/dict/<target>.dict`, decoded from libFuzzer's `"..."` with `\xNN`
/// escapes, plus single characters that matter to the parsers.
fn dictionary(target: &str) -> Vec<Vec<u8>> {
    let path = Path::new(FUZZ).join("dict").join(format!("{target}.dict"));
    let text = fs::read_to_string(&path).expect("read a fuzz dictionary");
    let mut tokens: Vec<Vec<u8>> = text
        .lines()
        .filter_map(|line| line.strip_prefix('"')?.strip_suffix('"'))
        .map(unescape)
        .collect();
    tokens.extend(
        [
            " ", "\n", "a", "1", "\"", "'", ":", "=", "[", "]", ".", "\t", "\r\n", "ê",
        ]
        .map(|t| t.as_bytes().to_vec()),
    );
    tokens
}

fn unescape(token: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let bytes = token.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'\\', Some(b'x')) => {
                let hex = std::str::from_utf8(&bytes[i + 2..i + 4]).expect("two hex digits");
                out.push(u8::from_str_radix(hex, 16).expect("a hex byte"));
                i += 4;
            }
            (b'\\', Some(&c)) => {
                out.push(c);
                i += 2;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// A small deterministic generator (xorshift64): the same inputs on every run and machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A variant byte, then up to `most` tokens, some repeated many times (deep nesting and
    /// long runs are where parsers break).
    fn input(&mut self, tokens: &[Vec<u8>], most: usize) -> Vec<u8> {
        let mut input = vec![self.next() as u8];
        for _ in 0..self.below(most) + 1 {
            let token = &tokens[self.below(tokens.len())];
            let times = if self.below(8) == 0 {
                self.below(200) + 1
            } else {
                1
            };
            for _ in 0..times {
                input.extend_from_slice(token);
            }
        }
        input
    }
}
