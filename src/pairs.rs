//! Which "X vs Y" pair pages exist (pure). Up to a configured number of items every pair gets a
//! page. Past it, pairs are chosen within groups (items with the same value of one of the
//! configured grouping facts, such as the programming language), nearest by overall rank
//! first, and no item gets more than `per_item` of them: there are at most `per_item × n / 2`
//! pair pages whatever the groups, so one large group costs no more than many small ones.
//! Other pairs are compared in the browser by the picker.
//!
//! The rule, exactly (past `all_up_to` items):
//! 1. Each group lists its members in the order of the overall ranking (unrated items last).
//! 2. Candidates are two members of one group at most `per_item` places apart in that order.
//!    They are taken by distance (every candidate one place apart, then two places, ...), and
//!    at one distance by group (fact in `group_by` order, then value) and place.
//! 3. A candidate gets a page unless it already has one or either item already has
//!    `per_item` pages.
//!
//! A group of at most `per_item + 1` items (and no item in another group) thus pairs every
//! two of its members, as before this rule had a bound.

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
    /// Past that, facts whose equal values make two items candidates for a pair.
    pub group_by: &'a [String],
    /// Past that, the most pair pages an item has.
    pub per_item: usize,
}

/// The pairs that get a page, in slug order of `a`, then `b`. `items` are in slug order;
/// `ranking` holds every item's index once, in the order of the overall ranking.
pub fn pairs(items: &[Item], ranking: &[usize], rule: &PairRule) -> Vec<Pair> {
    if items.len() <= rule.all_pairs_up_to {
        return all_pairs(items.len());
    }
    let groups = groups(items, ranking, rule.group_by);
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    let mut pairs = Vec::new();
    for distance in 1..=rule.per_item {
        for members in groups.values() {
            for (&x, &y) in members.iter().zip(members.iter().skip(distance)) {
                let full = |i: usize| partners[i].len() >= rule.per_item;
                if full(x) || full(y) || partners[x].contains(&y) {
                    continue;
                }
                partners[x].push(y);
                partners[y].push(x);
                pairs.push(Pair {
                    a: x.min(y),
                    b: x.max(y),
                });
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Each group's members in ranking order, groups by fact (in `group_by` order) and value.
fn groups(
    items: &[Item],
    ranking: &[usize],
    group_by: &[String],
) -> BTreeMap<(usize, String), Vec<usize>> {
    let mut groups: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for &index in ranking {
        for (fact, id) in group_by.iter().enumerate() {
            if let Some(key) = items[index].facts.get(id).and_then(FactValue::as_key) {
                groups.entry((fact, key)).or_default().push(index);
            }
        }
    }
    groups
}

fn all_pairs(n: usize) -> Vec<Pair> {
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| Pair { a, b }))
        .collect()
}

/// The slug of a pair page: both slugs in alphabetical order, `a-vs-b`.
pub fn pair_slug(a: &str, b: &str) -> String {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    [first, "-vs-", second].concat()
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

    fn rule(all_pairs_up_to: usize, group_by: &[String], per_item: usize) -> PairRule<'_> {
        PairRule {
            all_pairs_up_to,
            group_by,
            per_item,
        }
    }

    /// Items `item-000`, `item-001`, ... all in one language.
    fn one_group(n: usize) -> Vec<Item> {
        (0..n)
            .map(|i| item(&format!("item-{i:03}"), "go"))
            .collect()
    }

    fn degrees(n: usize, pairs: &[Pair]) -> Vec<usize> {
        let mut degrees = vec![0; n];
        for pair in pairs {
            degrees[pair.a] += 1;
            degrees[pair.b] += 1;
        }
        degrees
    }

    #[test]
    fn every_pair_up_to_the_limit() {
        let items = one_group(4);
        let group_by = ["language".to_string()];
        let ranking: Vec<usize> = (0..4).collect();
        assert_eq!(
            pairs(&items, &ranking, &rule(4, &group_by, 1)).len(),
            6,
            "n(n-1)/2, whatever per_item"
        );
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
        let ranking: Vec<usize> = (0..5).collect();
        assert_eq!(
            pairs(&items, &ranking, &rule(4, &group_by, 4)),
            [Pair { a: 0, b: 2 }, Pair { a: 1, b: 3 }]
        );
    }

    #[test]
    fn a_small_group_pairs_every_two_of_its_members() {
        let items = one_group(5);
        let group_by = ["language".to_string()];
        let ranking: Vec<usize> = (0..5).collect();
        assert_eq!(pairs(&items, &ranking, &rule(2, &group_by, 4)).len(), 10);
    }

    #[test]
    fn one_large_group_gives_each_item_its_nearest_in_the_ranking() {
        let n = 300;
        let items = one_group(n);
        let group_by = ["language".to_string()];
        // The ranking is not slug order: neighbours are by rank.
        let ranking: Vec<usize> = (0..n).map(|i| (i * 7) % n).collect();
        let place = |index: usize| ranking.iter().position(|&i| i == index).unwrap();
        let found = pairs(&items, &ranking, &rule(50, &group_by, 4));
        // One place apart: n - 1 pairs; two places apart: n - 2; then every item inside the
        // ranking has its four, and the two at each end have no candidate left.
        assert_eq!(found.len(), 2 * n - 3);
        assert!(degrees(n, &found).iter().all(|&d| (2..=4).contains(&d)));
        assert!(
            found
                .iter()
                .all(|p| place(p.a).abs_diff(place(p.b)) <= 2 && p.a < p.b)
        );
    }

    #[test]
    fn no_item_has_more_than_per_item_pairs_however_many_groups_it_shares() {
        let n = 200;
        let items: Vec<Item> = (0..n)
            .map(|i| {
                let mut item = item(&format!("item-{i:03}"), "go");
                item.facts
                    .insert("kind".into(), FactValue::Choice("micro".into()));
                item
            })
            .collect();
        let group_by = ["language".to_string(), "kind".to_string()];
        let ranking: Vec<usize> = (0..n).rev().collect();
        for per_item in [0, 1, 3, 10] {
            let found = pairs(&items, &ranking, &rule(50, &group_by, per_item));
            assert!(degrees(n, &found).iter().all(|&d| d <= per_item));
            assert!(found.len() <= per_item * n / 2, "at most per_item x n / 2");
            let mut unique = found.clone();
            unique.dedup();
            assert_eq!(unique, found, "each pair once, in order");
        }
    }

    #[test]
    fn pair_slugs_are_alphabetical() {
        assert_eq!(pair_slug("gin", "django"), "django-vs-gin");
        assert_eq!(pair_slug("django", "gin"), "django-vs-gin");
    }
}
