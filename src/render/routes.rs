//! The URL scheme: where each page of the site lives, per language, and how one page links to
//! another with relative URLs (so the site works under any base path).

/// A page of the site, independent of language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Route {
    Home,
    Item(String),
    Table,
    Rankings,
    Ranking(String),
    Choose,
    /// A pair page; the two slugs in alphabetical order.
    Pair(String, String),
    Picker,
    Page(String),
    NotFound,
    /// What changed, newest first (only when the repository's history is available).
    Changes,
}

/// Top-level paths the generator itself uses; pages cannot take them.
pub const RESERVED: &[&str] = &[
    "compare", "rankings", "choose", "assets", "data", "404", "changes",
];

impl Route {
    /// Whether the page lists every item (rankings, the table, the picker...): the largest
    /// pages of a large report.
    pub fn lists_every_item(&self) -> bool {
        !matches!(
            self,
            Route::Item(_) | Route::Pair(..) | Route::Page(_) | Route::NotFound
        )
    }

    /// Path of the page below the language's root: `frameworks/django/`, `` for the home page.
    pub fn path(&self, items: &str) -> String {
        match self {
            Route::Home => String::new(),
            Route::Item(slug) => format!("{items}/{slug}/"),
            Route::Table => "compare/".into(),
            Route::Rankings => "rankings/".into(),
            Route::Ranking(id) => format!("rankings/{id}/"),
            Route::Choose => "choose/".into(),
            Route::Pair(a, b) => format!("compare/{}/", crate::pairs::pair_slug(a, b)),
            Route::Picker => "compare/pick/".into(),
            Route::Page(slug) => format!("{slug}/"),
            Route::NotFound => "404.html".into(),
            Route::Changes => "changes/".into(),
        }
    }
}

/// Path prefix of a language: none for the default language, `ko/` for Korean.
pub fn lang_prefix(lang: &str, default: &str) -> String {
    if lang == default {
        String::new()
    } else {
        format!("{lang}/")
    }
}

/// The file a page path is written to.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The relative link from a page at `from` (a site path) to the site's root: `../../`.
pub fn root_from(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_relative_roots() {
        let path = format!(
            "{}{}",
            lang_prefix("ko", "en"),
            Route::Item("gin".into()).path("frameworks")
        );
        assert_eq!(path, "ko/frameworks/gin/");
        assert_eq!(root_from(&path), "../../../");
        assert_eq!(file_for(&path), "ko/frameworks/gin/index.html");
        assert_eq!(root_from(""), "");
        assert_eq!(file_for(""), "index.html");
    }
}
