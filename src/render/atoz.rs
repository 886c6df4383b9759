//! The list of every item from A to Z, with its summary, in pages of `[lists] page_size`:
//! where the header's search box leads when JavaScript is off, and a way in for readers who
//! know the name of what they look for.

use serde::Serialize;

use super::pages::{PagingView, paging_view};
use super::paging;
use super::routes::Route;
use super::views::Scope;
use crate::model::Translated;

/// A page of the A–Z list.
#[derive(Debug, Serialize)]
pub struct AtoZView {
    /// The items of this page, each group under the initial its names start with.
    groups: Vec<Group>,
    paging: Option<PagingView>,
    total: usize,
}

/// The items of a page whose names start with one letter.
#[derive(Debug, Serialize)]
struct Group {
    initial: String,
    entries: Vec<Entry>,
}

#[derive(Debug, Serialize)]
struct Entry {
    name: String,
    href: String,
    summary: String,
}

/// Page `page` of the A–Z list in the scope's language.
pub fn view(scope: &Scope, page: usize) -> AtoZView {
    let order = scope.derived.by_name(scope.lang);
    let shown = &order[paging::range(page, order.len(), scope.site.config.lists.page_size)];
    let mut groups: Vec<Group> = Vec::new();
    for &index in shown {
        let item = &scope.site.items[index];
        let (text, _) = item.text_in(scope.lang, scope.default_lang());
        let initial = initial(&text.name);
        let entry = Entry {
            name: text.name.clone(),
            href: scope.href(&Route::Item(item.slug.clone())),
            summary: text.summary.clone(),
        };
        match groups.last_mut() {
            Some(group) if group.initial == initial => group.entries.push(entry),
            _ => groups.push(Group {
                initial,
                entries: vec![entry],
            }),
        }
    }
    AtoZView {
        groups,
        paging: paging_view(scope, page, order.len(), Route::AtoZ),
        total: order.len(),
    }
}

/// The letter a name is listed under: its first letter, upper-case ("#" for a digit).
fn initial(name: &str) -> String {
    match name.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_numeric() => "#".to_string(),
        Some(c) => c.to_uppercase().collect(),
        None => "#".to_string(),
    }
}
