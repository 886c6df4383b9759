//! The integration test suite: one binary, one module per feature (mdBook's layout). Every test
//! copies a fixture site from `tests/fixtures/<case>/` (or the shipped `content/`) together with
//! the real `themes/` into a temporary folder, runs the `versus` binary on it and checks what it
//! printed and wrote.

mod site {
    mod bad_content;
    mod bad_input;
    mod build;
    mod charts;
    mod check;
    mod cli;
    mod determinism;
    mod fuzzing;
    mod history;
    mod i18n;
    mod output_safety;
    mod pairs;
    mod repository;
    mod scaffold;
    mod security;
    mod serve;
    mod shipped;
    mod support;
    mod themes;
}
