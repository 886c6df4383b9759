//! Which "X vs Y" pair pages exist (pure). Up to a configured number of items every pair gets a
//! page; past it, only pairs that share a group (the same value of one of the configured
//! grouping facts, such as the programming language), so the number of pages never grows as
//! n² for large reports. Other pairs are compared in the browser by the picker.

use std::collections::BTreeMap;

use crate::model::{FactValue, Item};

/// Two items, by index into the site's items, in slug order (`a` before `b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
}

/// The rule deciding which pairs get a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRule<'a> {
    /// With at most this many items, every pair gets a page.
    pub all_pairs_up_to: usize,
    /// Past that, facts whose equal values make two items a pair.
    pub group_by: &'a [String],
}

/// The pairs that get a page, in slug order of `a`, then `b`. `items` are in slug order.
pub fn pairs(items: &[Item], rule: &PairRule) -> Vec<Pair> {
    if items.len() <= rule.all_pairs_up_to {
        return all_pairs(items.len());
    }
    let mut groups: BTreeMap<(&str, String), Vec<usize>> = BTreeMap::new();
    for (index, item) in items.iter().enumerate() {
        for fact in rule.group_by {
            if let Some(key) = item.facts.get(fact).and_then(FactValue::as_key) {
                groups.entry((fact.as_str(), key)).or_default().push(index);
            }
        }
    }
    let mut pairs: Vec<Pair> = groups
        .values()
        .flat_map(|members| {
            members
                .iter()
                .enumerate()
                .flat_map(move |(i, &a)| members[i + 1..].iter().map(move |&b| Pair { a, b }))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

fn all_pairs(n: usize) -> Vec<Pair> {
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| Pair { a, b }))
        .collect()
}

/// The slug of a pair page: both slugs in alphabetical order, `a-vs-b`.
pub fn pair_slug(a: &str, b: &str) -> String {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    format!("{first}-vs-{second}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemText;

    fn item(slug: &str, language: &str) -> Item {
        Item {
            slug: slug.into(),
            homepage: String::new(),
            facts: BTreeMap::from([("language".to_string(), FactValue::Choice(language.into()))]),
            ratings: BTreeMap::new(),
            sources: Vec::new(),
            texts: BTreeMap::from([("en".to_string(), ItemText::default())]),
        }
    }

    #[test]
    fn every_pair_up_to_the_limit() {
        let items: Vec<Item> = ["a", "b", "c", "d"].iter().map(|s| item(s, "go")).collect();
        let group_by = ["language".to_string()];
        let rule = PairRule {
            all_pairs_up_to: 4,
            group_by: &group_by,
        };
        assert_eq!(pairs(&items, &rule).len(), 6, "n(n-1)/2");
    }

    #[test]
    fn past_the_limit_only_pairs_within_a_group() {
        let items = vec![
            item("a", "go"),
            item("b", "rust"),
            item("c", "go"),
            item("d", "rust"),
            item("e", "zig"),
        ];
        let group_by = ["language".to_string()];
        let rule = PairRule {
            all_pairs_up_to: 4,
            group_by: &group_by,
        };
        assert_eq!(
            pairs(&items, &rule),
            [Pair { a: 0, b: 2 }, Pair { a: 1, b: 3 }]
        );
    }

    #[test]
    fn pair_slugs_are_alphabetical() {
        assert_eq!(pair_slug("gin", "django"), "django-vs-gin");
        assert_eq!(pair_slug("django", "gin"), "django-vs-gin");
    }
}
