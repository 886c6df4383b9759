//! Where the output may go: never the project, its content or a folder versus did not make, and
//! a refused build deletes nothing. A folder versus made is replaced whole.

use super::support::{SiteTest, versus};

const NOT_OURS: &str = "refusing to use this output folder: it exists and was not made by versus (no .versus-output file); remove it or choose another";
const FORBIDDEN: &str = "refusing to use this output folder: it is the project, its content, themes or sources, the home folder or /";

/// Runs `versus build --root <site> --output <output>` from `cwd` and checks that it is refused
/// with `why` and that no file of the project changed.
fn assert_refused(site: &SiteTest, cwd: &std::path::Path, output: &str, why: &str) {
    let before = site.tree("");
    let root = site.root().to_str().expect("a UTF-8 path");
    let run = versus(cwd, &["build", "--root", root, "--output", output]);
    run.assert_fails_for(output, &[&format!("{output}: {why}")]);
    site.tree("").assert_same(&before, "the project");
}

#[test]
fn the_project_folder_is_refused() {
    let site = SiteTest::fixture("bilingual");
    let elsewhere = SiteTest::empty();
    let root = site.root().to_str().expect("a UTF-8 path");
    assert_refused(&site, elsewhere.root(), root, FORBIDDEN);
}

#[test]
fn the_project_folder_is_refused_from_inside_it() {
    let site = SiteTest::fixture("bilingual");
    let root = site.root().to_str().expect("a UTF-8 path");
    assert_refused(&site, site.root(), root, FORBIDDEN);
    assert_refused(&site, site.root(), ".", FORBIDDEN);
}

#[test]
fn the_content_folder_is_refused() {
    let site = SiteTest::fixture("bilingual");
    assert_refused(&site, site.root(), "content", FORBIDDEN);
    let content = site.path("content");
    assert_refused(
        &site,
        site.root(),
        content.to_str().expect("a UTF-8 path"),
        FORBIDDEN,
    );
}

#[test]
fn a_folder_versus_did_not_make_is_refused() {
    let site = SiteTest::fixture("bilingual");
    site.write("notes/todo.txt", "keep me");
    assert_refused(&site, site.root(), "notes", NOT_OURS);
}

#[test]
fn its_own_output_is_replaced_whole() {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    site.write("output/stale.html", "from an earlier build");
    site.build().assert_clean();
    assert!(
        !site.path("output/stale.html").exists(),
        "files of the previous build are gone"
    );
    assert!(site.path("output/items/alpha/index.html").is_file());
}
