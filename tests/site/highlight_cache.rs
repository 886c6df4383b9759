//! `build --cache DIR` keeps highlighted code in DIR: a second build reads it and
//! writes the same site, and a cache that is damaged, or written by another binary, is not
//! trusted (the site is still the same).

use std::fs;

use super::support::SiteTest;

const CACHE: &str = ".versus-cache/highlighted-blocks";

#[test]
fn a_warm_build_writes_the_same_site_and_a_bad_cache_is_ignored() {
    let site = SiteTest::fixture("bilingual");
    site.edit(
        "content/items/alpha.md",
        "Alpha is quicker",
        "```rust\nfn main() {}\n```\n\nAlpha is quicker",
    );
    site.build_with(&["--cache", ".versus-cache"])
        .assert_clean();
    let cold = site.tree("output");
    let saved = site.read(CACHE);
    assert!(
        String::from_utf8_lossy(&saved).contains("fn main() {}"),
        "the block is kept"
    );

    site.build_with(&["--cache", ".versus-cache"])
        .assert_clean();
    site.tree("output")
        .assert_same(&cold, "a build from the cache");

    for (what, bytes) in [
        ("one byte changed", {
            let mut bytes = saved.clone();
            *bytes.last_mut().unwrap() ^= 0x20;
            bytes
        }),
        ("cut short", saved[..saved.len() / 2].to_vec()),
        ("not a cache", b"<span>stale</span>".to_vec()),
    ] {
        fs::write(site.path(CACHE), bytes).unwrap();
        site.build_with(&["--cache", ".versus-cache"])
            .assert_clean();
        site.tree("output").assert_same(&cold, what);
        assert_eq!(site.read(CACHE), saved, "{what}: written again");
    }
}
