//! The Atom feed of each language (`feed.xml`, `ko/feed.xml`): the changes of the changes page,
//! one entry per commit (newest first, at most `[history] feed_entries`), its subject as the
//! title and its changes as the content (at most `[history] limit`). Written by hand: Atom is a few elements, all escaped.

use super::OutputFile;
use super::history::{self, FEED, on_changes_page};
use super::routes::Route;
use super::views::Scope;
use crate::chart::escape;
use crate::history::Event;

/// The feed of the scope's language; the scope's root must be the site's absolute address.
pub fn file(scope: &Scope) -> Option<OutputFile> {
    let history = &scope.site.history;
    let latest = history.latest()?;
    let changes = scope.href(&Route::Changes);
    let site_title = scope.text(&scope.site.config.title);
    let mut xml = format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n",
            "  <title>{title}</title>\n",
            "  <id>{changes}</id>\n",
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{feed}\"/>\n",
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{changes}\"/>\n",
            "  <updated>{updated}</updated>\n",
            "  <author><name>{site}</name></author>\n",
        ),
        lang = escape(scope.lang),
        title = escape(&scope.fill("feed_title", &[("site", site_title.clone())])),
        changes = escape(&changes),
        feed = escape(&history::feed_href(scope)),
        updated = escape(&latest.written),
        site = escape(&site_title),
    );
    for commit in by_commit(scope)
        .iter()
        .take(scope.site.config.history.feed_entries)
    {
        xml.push_str(&entry(scope, &changes, commit));
    }
    xml.push_str("</feed>\n");
    let prefix = super::routes::lang_prefix(scope.lang, scope.default_lang());
    Some(OutputFile {
        path: format!("{prefix}{FEED}"),
        bytes: xml.into_bytes(),
    })
}

/// The listed changes, one group per commit, newest commit first.
fn by_commit<'a>(scope: &Scope<'a>) -> Vec<Vec<&'a Event>> {
    let mut groups: Vec<Vec<&Event>> = Vec::new();
    let listed =
        (scope.site.history.newest_first().into_iter()).filter(|e| on_changes_page(&e.change));
    for event in listed {
        match groups.last_mut() {
            Some(group) if group[0].commit == event.commit => group.push(event),
            _ => groups.push(vec![event]),
        }
    }
    groups
}

/// One commit's entry: its subject, time, and its changes as an HTML list.
fn entry(scope: &Scope, changes: &str, events: &[&Event]) -> String {
    let commit = &scope.site.history.commits[events[0].commit];
    let limit = scope.site.config.history.limit;
    let mut list = String::from("<ul>");
    // A commit may change every item: its entry lists as many changes as the changes page.
    for event in events.iter().take(limit) {
        let line = history::entry(scope, event);
        let item = match &line.href {
            Some(href) => format!("<a href=\"{}\">{}</a>", escape(href), escape(&line.item)),
            None => escape(&line.item),
        };
        list.push_str(&format!("<li>{item}: {}</li>", escape(&line.text)));
    }
    list.push_str("</ul>");
    if let Some(more) = history::more(scope, limit, events.len()) {
        list.push_str(&format!("<p>{}</p>", escape(&more)));
    }
    format!(
        concat!(
            "  <entry>\n",
            "    <title>{title}</title>\n",
            "    <id>{changes}#commit-{id}</id>\n",
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{changes}#d-{day}\"/>\n",
            "    <updated>{updated}</updated>\n",
            "    <content type=\"html\">{content}</content>\n",
            "  </entry>\n",
        ),
        title = escape(&commit.subject),
        changes = escape(changes),
        id = escape(&commit.id),
        day = commit.date,
        updated = escape(&commit.written),
        content = escape(&list),
    )
}
