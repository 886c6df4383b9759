//! Themes: the default theme is built into the binary, so a project with only `content/`
//! builds the same site; a project's own `themes/default/` overrides one template, one static
//! file or one interface string and changes nothing else; a template error names the
//! template's file, line and column.

use super::support::{SiteTest, Tree, one, text};

/// The `bilingual` fixture built with the real theme folder copied beside it.
fn with_theme_folder() -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    site.build().assert_clean();
    site
}

/// The `bilingual` fixture with no theme folder, after `prepare` adds overrides, built.
fn built_in(prepare: impl FnOnce(&SiteTest)) -> SiteTest {
    let site = SiteTest::fixture_without_theme("bilingual");
    prepare(&site);
    site.build().assert_clean();
    site
}

#[test]
fn a_project_with_only_content_builds_the_same_site() {
    let site = built_in(|_| {});
    assert!(!site.path("themes").exists());
    site.tree("output").assert_same(
        &with_theme_folder().tree("output"),
        "the built-in theme's output",
    );
}

/// `page` with its `<footer ...>...</footer>` replaced by `footer`.
fn replace_footer(page: &str, footer: &str) -> String {
    let start = page.find("<footer").expect("a footer");
    let end = page[start..].find("</footer>").expect("a closed footer") + start + "</footer>".len();
    format!("{}{footer}{}", &page[..start], &page[end..])
}

#[test]
fn overriding_one_partial_changes_only_what_it_renders() {
    const MINE: &str = "<footer class=\"site-footer\">Our own footer</footer>\n";
    let site = built_in(|site| site.write("themes/default/templates/partials/footer.html", MINE));
    let Tree(expected) = with_theme_folder().tree("output");
    let Tree(actual) = site.tree("output");
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &expected {
        let want = if path.ends_with(".html") && !path.contains("embed/") {
            let page = std::str::from_utf8(bytes).expect("UTF-8 pages");
            replace_footer(page, MINE.trim_end()).into_bytes()
        } else {
            bytes.clone()
        };
        assert!(actual[path] == want, "{path} differs beyond its footer");
    }
}

#[test]
fn overriding_a_static_file_replaces_only_it() {
    let site = built_in(|site| site.write("themes/default/static/style.css", "body{}\n"));
    let Tree(mut expected) = with_theme_folder().tree("output");
    expected.insert("assets/style.css".into(), b"body{}\n".to_vec());
    site.tree("output")
        .assert_same(&Tree(expected), "the output");
}

#[test]
fn overriding_one_string_keeps_the_others() {
    let site = built_in(|site| {
        site.write("themes/default/i18n/ko.toml", "homepage = \"누리집\"\n");
    });
    let ko = site.page("ko/items/alpha/index.html");
    assert_eq!(text(one(&ko, ".item-header .meta a")), "누리집");
    assert_eq!(
        text(one(&ko, "a.skip")),
        "본문으로 건너뛰기",
        "other strings stay"
    );
    let en = site.page("items/alpha/index.html");
    assert_eq!(text(one(&en, ".item-header .meta a")), "Official site");
}

#[test]
fn a_template_error_names_the_template_line_and_column() {
    let site = SiteTest::fixture_without_theme("bilingual");
    site.write(
        "themes/default/templates/item.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.name </h1>\n{% endblock content %}\n",
    );
    site.build().assert_fails_with(&[concat!(
        "themes/default/templates/item.html:3:18: template error: Found `</` but expected }}.\n",
        "  |\n",
        "3 | <h1>{{ page.name </h1>\n",
        "  |                  ^",
    )]);
}

#[test]
fn theme_export_writes_the_built_in_theme_and_keeps_the_projects_files() {
    let site = SiteTest::fixture_without_theme("bilingual");
    site.write("themes/default/static/style.css", "/* mine */\n");
    let export = super::support::versus(site.root(), &["theme", "export"]);
    assert!(export.status.success(), "{}", export.stderr);
    assert!(
        export
            .stdout
            .contains("created themes/default/templates/base.html\n")
    );
    assert!(
        export
            .stdout
            .contains("kept themes/default/static/style.css (already there)\n")
    );
    assert_eq!(
        site.read("themes/default/static/style.css"),
        b"/* mine */\n"
    );
    let exported = site.tree("themes/default");
    let shipped =
        Tree::of(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"));
    assert_eq!(
        exported.0.keys().collect::<Vec<_>>(),
        shipped.0.keys().collect::<Vec<_>>(),
        "every file of the built-in theme"
    );
    assert_eq!(
        exported.0["templates/base.html"],
        shipped.0["templates/base.html"]
    );
}
