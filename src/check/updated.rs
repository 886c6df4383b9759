//! `updated` dates against history: an item whose `updated` field is older than the last
//! commit that changed one of its scores says it was reviewed before its scores last moved.
//! A warning at the field, naming that commit.

use std::path::Path;

use crate::content::frontmatter::{normalize, split};
use crate::content::parse::Block;
use crate::error::Diagnostic;
use crate::history::Change;
use crate::model::Site;

/// Every item whose `updated` date is older than the last change to one of its scores.
pub fn stale(site: &Site) -> Vec<Diagnostic> {
    let history = &site.history;
    let default = &site.config.default_language;
    site.items
        .iter()
        .filter_map(|item| {
            let text = &item.texts[default];
            let updated = text.updated?;
            let lineage = history.item(&item.slug)?;
            let last = (history.events_of(lineage))
                .filter(|e| matches!(e.change, Change::Score { .. }))
                .map(|e| &history.commits[e.commit])
                .last()?;
            (last.date > updated).then(|| {
                Diagnostic::warning(
                    &text.path,
                    format!(
                        "updated = {updated} is older than the last change to a score ({}: {}): review the item and update the date",
                        last.date, last.subject
                    ),
                )
                .at(updated_line(&text.path))
            })
        })
        .collect()
}

/// Where the `updated` field is written in the file at `path`.
fn updated_line(path: &Path) -> Option<crate::error::Position> {
    let text = normalize(&std::fs::read_to_string(path).ok()?);
    let parts = split(&text).ok()?;
    Block::new(path, parts.front_matter, parts.format, 2).locate(&["updated"])
}
