//! Fuzzes the configuration: `site.toml` or `sources.toml` loaded as a build loads them. See
//! `../harness.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::configuration(data);
});
