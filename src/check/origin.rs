//! Which Markdown file a link of a built page was written in, and where: so that `check`
//! reports a broken link at `content/...md:line:col` where an editor can fix it, and only
//! links that come from templates at the built page.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::links::{Target, resolve};
use crate::error::{Position, position_of};
use crate::model::{Site, Translated};
use crate::render::routes::{Route, file_for, lang_prefix};

/// A link as written in a Markdown body, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink<'a> {
    pub path: &'a Path,
    pub url: String,
    pub position: Position,
}

/// The links written in the Markdown shown on each page, by the page's file and then by where
/// they lead (each resolved once), in the order they are written.
pub struct Origins<'a> {
    pages: BTreeMap<String, BTreeMap<Target, VecDeque<SourceLink<'a>>>>,
}

impl<'a> Origins<'a> {
    /// The Markdown of every item and free page, in every language.
    pub fn of(site: &'a Site, base_url: &str) -> Origins<'a> {
        let default = site.config.default_language.as_str();
        let mut pages = BTreeMap::new();
        for lang in site.config.language_codes() {
            let prefix = lang_prefix(lang, default);
            let items = site.items.iter().map(|item| {
                let (text, _) = item.text_in(lang, default);
                let route = Route::Item(item.slug.clone());
                (route, &text.path, text.body.as_str(), text.body_line)
            });
            let free_pages = site.pages.iter().map(|page| {
                let (text, _) = page.text_in(lang, default);
                let route = match page.slug.as_str() {
                    "home" => Route::Home,
                    slug => Route::Page(slug.to_string()),
                };
                (route, &text.path, text.body.as_str(), text.body_line)
            });
            for (route, path, body, body_line) in items.chain(free_pages) {
                let page = file_for(&format!("{prefix}{}", route.path(&site.config.items)));
                let mut by_target: BTreeMap<Target, VecDeque<SourceLink>> = BTreeMap::new();
                for link in links_in(path, body, body_line) {
                    let target = match link.url.strip_prefix("@/") {
                        Some(site_path) => site_link(&prefix, site_path),
                        None => resolve(&page, &link.url, base_url),
                    };
                    by_target.entry(target).or_default().push_back(link);
                }
                pages.insert(page, by_target);
            }
        }
        Origins { pages }
    }

    /// The Markdown link on `page` that leads to `target`, if one does: the first not yet
    /// taken, so that the same broken link written twice is reported at both places (the
    /// page's links are met in the order they are written); the last again once all are taken.
    pub fn take(&mut self, page: &str, target: &Target) -> Option<SourceLink<'a>> {
        let links = self.pages.get_mut(page)?.get_mut(target)?;
        match links.len() {
            0 => None,
            1 => links.front().cloned(),
            _ => links.pop_front(),
        }
    }
}

/// Where an `@/path#fragment` link of a page in the language at `prefix` leads.
fn site_link(prefix: &str, site_path: &str) -> Target {
    let (path, fragment) = match site_path.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_string())),
        None => (site_path, None),
    };
    let path = path.trim_end_matches('/');
    let folder = if path.is_empty() {
        String::new()
    } else {
        format!("{path}/")
    };
    Target::Internal {
        file: file_for(&format!("{prefix}{folder}")),
        fragment: fragment.filter(|f| !f.is_empty()),
    }
}

/// Every link and image of a Markdown body, placed in its file.
fn links_in<'a>(path: &'a Path, body: &str, body_line: usize) -> Vec<SourceLink<'a>> {
    Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let mut position = position_of(body, range.start);
                position.line += body_line - 1;
                Some(SourceLink {
                    path,
                    url: dest_url.to_string(),
                    position,
                })
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_placed_at_their_line_and_column_in_the_file() {
        let links = links_in(
            Path::new("a.md"),
            "\nSee [it](@/about#x) and ![i](p.png).\n",
            10,
        );
        let found: Vec<(&str, usize, usize)> = links
            .iter()
            .map(|l| (l.url.as_str(), l.position.line, l.position.column))
            .collect();
        assert_eq!(found, [("@/about#x", 11, 5), ("p.png", 11, 25)]);
    }

    #[test]
    fn site_links_lead_to_the_page_in_the_same_language() {
        assert_eq!(
            site_link("ko/", "about#method"),
            Target::Internal {
                file: "ko/about/index.html".into(),
                fragment: Some("method".into())
            }
        );
        assert_eq!(
            site_link("", "/"),
            Target::Internal {
                file: "index.html".into(),
                fragment: None
            }
        );
    }
}
