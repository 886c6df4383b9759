//! The integration test suite: one binary, one module per feature (mdBook's layout). Every test
//! copies a fixture site from `tests/fixtures/<case>/` (or the shipped `content/`) together with
//! the real `themes/` into a temporary folder, runs the `versus` binary on it and checks what it
//! printed and wrote.

mod site {
    mod bad_content;
    mod bad_input;
    mod build;
    mod cards;
    mod charts;
    mod check;
    mod cli;
    mod config;
    mod determinism;
    mod downloads;
    mod fuzzing;
    mod highlight_cache;
    mod history;
    mod history_kept;
    mod i18n;
    mod init;
    mod output_safety;
    mod paging;
    mod pair_bound;
    mod pairs;
    mod repository;
    mod scaffold;
    mod security;
    mod serve;
    mod shipped;
    mod support;
    mod themes;
}
