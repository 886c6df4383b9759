//! The search index of each language (see [`crate::search`]): every item (name, summary,
//! facts, pros, cons, notes) and every free page, each heading of a page a document of its
//! own, written below `search/` at the language's root for `search.js` to read.

use rayon::prelude::*;

use super::OutputFile;
use super::routes::{Route, lang_prefix};
use super::views::{Scope, fact_view};
use crate::markdown;
use crate::model::Translated;
use crate::search::{self, Document, Field, Kind, Passage};

/// The folder of each language's index, below the language's root.
pub const FOLDER: &str = "search/";

/// The index files of the scope's language.
pub fn files(scope: &Scope) -> Vec<OutputFile> {
    let folder = format!("{}{FOLDER}", lang_prefix(scope.lang, scope.default_lang()));
    let index = search::index(&documents(scope));
    (index.files.into_iter())
        .map(|(path, bytes)| OutputFile {
            path: format!("{folder}{path}"),
            bytes,
        })
        .collect()
}

/// Every document of the scope's language: the items in overall order, then the pages.
pub fn documents(scope: &Scope) -> Vec<Document> {
    let mut documents: Vec<Document> = (scope.derived.overall.par_iter())
        .map(|standing| item(scope, standing.item))
        .collect();
    for page in scope.site.pages.iter().filter(|p| p.slug != "home") {
        let (text, _) = page.text_in(scope.lang, scope.default_lang());
        let href = Route::Page(page.slug.clone()).path(&scope.site.config.items);
        documents.extend(page_documents(&text.title, &href, &text.body));
    }
    documents
}

fn item(scope: &Scope, index: usize) -> Document {
    let site = scope.site;
    let item = &site.items[index];
    let (text, _) = item.text_in(scope.lang, scope.default_lang());
    let default = &item.texts[scope.default_lang()];
    let passage = |field, label: String, text: String| Passage { field, label, text };
    let mut passages = vec![passage(Field::Summary, String::new(), text.summary.clone())];
    let lists = [
        ("best_for", &text.best_for),
        ("pros", &text.pros),
        ("cons", &text.cons),
    ];
    passages.extend(
        (lists.into_iter())
            .filter(|(_, list)| !list.is_empty())
            .map(|(key, list)| passage(Field::Detail, scope.t(key), list.join("; "))),
    );
    passages.extend(site.config.facts.iter().filter_map(|f| {
        let fact = fact_view(scope, f, item);
        (!fact.values.is_empty() && fact.url.is_none())
            .then(|| passage(Field::Detail, fact.label, fact.values.join(", ")))
    }));
    passages.extend(site.config.criteria.iter().filter_map(|c| {
        let note = text.notes.get(&c.id).or_else(|| default.notes.get(&c.id))?;
        Some(passage(Field::Text, scope.text(&c.label), note.clone()))
    }));
    Document {
        kind: Kind::Item,
        title: text.name.clone(),
        href: Route::Item(item.slug.clone()).path(&site.config.items),
        passages,
    }
}

/// A free page (its text before the first heading) and each of its sections.
fn page_documents(title: &str, href: &str, body: &str) -> Vec<Document> {
    let mut page = Document {
        kind: Kind::Page,
        title: title.to_string(),
        href: href.to_string(),
        passages: Vec::new(),
    };
    let mut sections = Vec::new();
    for section in markdown::sections(body) {
        let passage = Passage {
            field: Field::Text,
            label: String::new(),
            text: section.text,
        };
        match section.heading {
            None => page.passages.push(passage),
            Some(heading) => sections.push(Document {
                kind: Kind::Section,
                title: heading.text,
                href: format!("{href}#{}", heading.id),
                passages: vec![Passage {
                    label: title.to_string(),
                    ..passage
                }],
            }),
        }
    }
    std::iter::once(page).chain(sections).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_document_and_each_heading_another_labelled_with_the_page() {
        let found = page_documents("Guide", "guide/", "Intro.\n\n## 먼저 볼 것\n\nText.\n");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].kind, Kind::Page);
        assert_eq!(found[0].passages[0].text, "Intro.");
        assert_eq!(found[1].kind, Kind::Section);
        assert_eq!(found[1].title, "먼저 볼 것");
        assert_eq!(found[1].href, "guide/#먼저-볼-것");
        assert_eq!(found[1].passages[0].label, "Guide");
    }
}
