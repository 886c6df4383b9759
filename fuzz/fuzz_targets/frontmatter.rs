//! Fuzzes the front-matter path: split, parse (TOML and YAML), validate. See `../harness.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::front_matter(data));
