//! The main navigation at the top of every page: its links (the table, the rankings, the guide
//! to choosing, then the free pages) and which of them the page is under. Each variant is made
//! once for a language, a depth and a current link, not once per page: every page shows it.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;

use super::routes::Route;
use super::views::{Link, Scope, Shared};
use crate::model::{Site, Translated};

/// A link of the navigation, and whether the page is under it.
#[derive(Debug, Serialize)]
pub struct NavLink {
    #[serde(flatten)]
    link: Link,
    current: bool,
}

/// The navigation of a site.
#[derive(Debug, Default)]
pub struct Nav {
    routes: Vec<Route>,
    /// Each variant made: a few dozen at most, as pages are at a handful of depths.
    made: Mutex<HashMap<Variant, Shared<Vec<NavLink>>>>,
}

/// A language, a root, and the place of the link the page is under (if any).
type Variant = (String, String, Option<usize>);

impl Nav {
    pub fn new(site: &Site) -> Nav {
        let pages = (site.pages.iter())
            .filter(|p| p.slug != "home")
            .map(|p| Route::Page(p.slug.clone()));
        Nav {
            routes: [Route::Table(1), Route::Rankings(1), Route::Choose]
                .into_iter()
                .chain(pages)
                .collect(),
            made: Mutex::default(),
        }
    }

    /// The navigation as the page of `current` shows it.
    pub fn for_page(&self, scope: &Scope, current: &Route) -> Shared<Vec<NavLink>> {
        let at = self
            .routes
            .iter()
            .position(|route| is_under(current, route));
        let key = (scope.lang.to_string(), scope.root.clone(), at);
        let lock = || self.made.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(nav) = lock().get(&key) {
            return nav.clone();
        }
        let links: Vec<NavLink> = (self.routes.iter().enumerate())
            .map(|(n, route)| NavLink {
                current: at == Some(n),
                link: Link {
                    href: scope.href(route),
                    label: label(scope, route),
                },
            })
            .collect();
        lock().entry(key).or_insert(Shared::new(&links)).clone()
    }
}

/// Whether the page of `current` is under the link to `route`: the link itself, the other
/// pages of a list, a criterion's ranking under the rankings, the pair pages, the picker and
/// the compare view under the table.
fn is_under(current: &Route, route: &Route) -> bool {
    route == current
        || matches!(
            (route, current),
            (Route::Rankings(_), Route::Rankings(_) | Route::Ranking(..))
                | (
                    Route::Table(_),
                    Route::Table(_) | Route::Pair(..) | Route::Picker(_) | Route::Compare
                )
        )
}

/// The label of a link: the interface's word for the generator's own pages, a free page's
/// title in the page's language.
fn label(scope: &Scope, route: &Route) -> String {
    match route {
        Route::Table(_) => scope.t("nav_compare"),
        Route::Rankings(_) => scope.t("nav_rankings"),
        Route::Choose => scope.t("nav_choose"),
        Route::Page(slug) => (scope.site.page(slug))
            .map(|page| {
                page.text_in(scope.lang, scope.default_lang())
                    .0
                    .title
                    .clone()
            })
            .unwrap_or_default(),
        _ => String::new(),
    }
}
