//! Fuzzes Markdown rendering, with either raw-HTML policy. See `../harness.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::markdown(data));
