//! Determinism: the same content gives the same bytes, build after build and folder after folder
//! (rendering runs in parallel, and no absolute path or time may leak into the output).

use super::support::SiteTest;

#[test]
fn building_twice_gives_byte_identical_trees() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    let first = site.tree("output");
    site.build().assert_clean();
    site.tree("output")
        .assert_same(&first, "a rebuild in the same folder");

    let elsewhere = SiteTest::fixture("bilingual");
    elsewhere.build().assert_clean();
    elsewhere
        .tree("output")
        .assert_same(&first, "a build in another folder");
}
