//! The URL scheme: where each page of the site lives, per language, and how one page links to
//! another with relative URLs (so the site works under any base path).

/// A page of the site, independent of language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Route {
    Home,
    Item(String),
    /// A page of the comparison table (1 is the first; a large report has several).
    Table(usize),
    /// A page of the overall ranking.
    Rankings(usize),
    /// A page of the ranking on one criterion.
    Ranking(String, usize),
    Choose,
    /// A pair page; the two slugs in alphabetical order.
    Pair(String, String),
    /// A page of the picker: two items to compare, and each item's pair pages.
    Picker(usize),
    /// A page of the list of every item from A to Z (where the search box leads without
    /// JavaScript).
    AtoZ(usize),
    /// Three to five items side by side, chosen in the address (built in the browser).
    Compare,
    Page(String),
    NotFound,
    /// What changed, newest first (only when the repository's history is available).
    Changes,
}

/// Top-level paths the generator itself uses; pages cannot take them.
pub const RESERVED: &[&str] = &[
    "compare", "rankings", "choose", "assets", "data", "404", "a-z", "search", "changes", "embed",
];

impl Route {
    /// Whether the page lists many items (rankings, the table, the picker...): the largest
    /// pages of a large report.
    pub fn lists_items(&self) -> bool {
        !matches!(
            self,
            Route::Item(_) | Route::Pair(..) | Route::Page(_) | Route::NotFound
        )
    }

    /// Path of the page below the language's root: `frameworks/django/`, `` for the home page.
    pub fn path(&self, items: &str) -> String {
        match self {
            Route::Home => String::new(),
            // Joined, not formatted: the hrefs of every page are made of these.
            Route::Item(slug) => [items, "/", slug, "/"].concat(),
            Route::Table(page) => paged("compare/", *page),
            Route::Rankings(page) => paged("rankings/", *page),
            Route::Ranking(id, page) => paged(&format!("rankings/{id}/"), *page),
            Route::Choose => "choose/".into(),
            Route::Pair(a, b) => [PAIRS, &crate::pairs::pair_slug(a, b), "/"].concat(),
            Route::Picker(page) => paged("compare/pick/", *page),
            Route::AtoZ(page) => paged("a-z/", *page),
            Route::Compare => "compare/view/".into(),
            Route::Page(slug) => format!("{slug}/"),
            Route::NotFound => "404.html".into(),
            Route::Changes => "changes/".into(),
        }
    }
}

/// The path of page `page` of a list at `first`: the first page at `first` itself, the others
/// below it (`rankings/page/2/`). A criterion cannot be called `page`, so no ranking's path
/// meets these.
fn paged(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}{PAGE_FOLDER}/{page}/")
    }
}

/// The folder of the pair pages (`compare/<a>-vs-<b>/`), below the language's root.
pub const PAIRS: &str = "compare/";

/// The folder below a list's first page that holds its other pages.
pub const PAGE_FOLDER: &str = "page";

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

    #[test]
    fn a_list_s_first_page_is_its_folder_and_the_others_are_below_it() {
        assert_eq!(Route::Table(1).path("items"), "compare/");
        assert_eq!(Route::Table(3).path("items"), "compare/page/3/");
        assert_eq!(Route::Rankings(2).path("items"), "rankings/page/2/");
        assert_eq!(
            Route::Ranking("speed".into(), 2).path("items"),
            "rankings/speed/page/2/"
        );
        assert_eq!(
            Route::Ranking("speed".into(), 1).path("items"),
            "rankings/speed/"
        );
    }
}
