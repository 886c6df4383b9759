//! Rankings (pure): orders items by one criterion or by the weighted overall score. Scores that
//! are equal at the precision shown share a rank; unrated items come last, never scored zero.

use std::collections::BTreeMap;

use crate::model::{Item, Translated};

/// Decimal places at which scores are shown and compared for ties.
pub const PRECISION: i32 = 1;

/// One item's place in a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Index of the item in the site's item list.
    pub item: usize,
    /// `None` when the item is not rated on what this ranking measures.
    pub score: Option<f64>,
    /// Shared by items whose scores are equal when rounded; `None` when unrated.
    pub rank: Option<usize>,
    /// How many criteria the score rests on (1 for a single criterion).
    pub rests_on: usize,
}

/// What an overall score under some weights rests on: how many criteria carry weight, and how
/// many of them an item must be rated on to be ranked (the configured minimum, capped at the
/// number of weighted criteria so that a goal weighing two criteria can rank anything).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Basis {
    pub weighted: usize,
    pub min_ratings: usize,
}

impl Basis {
    pub fn new(weights: &BTreeMap<String, f64>, min_ratings: usize) -> Basis {
        let weighted = weights.values().filter(|w| **w > 0.0).count();
        Basis {
            weighted,
            min_ratings: min_ratings.min(weighted),
        }
    }

    /// The basis of a ranking on one criterion.
    pub fn single() -> Basis {
        Basis {
            weighted: 1,
            min_ratings: 1,
        }
    }
}

/// The ranking of `items` on one criterion.
pub fn by_criterion(items: &[Item], criterion: &str, default_lang: &str) -> Vec<Standing> {
    let entries = items.iter().enumerate().map(|(index, item)| {
        let score = item.ratings.get(criterion).map(|r| r.score);
        (index, score, usize::from(score.is_some()))
    });
    order(items, entries, default_lang)
}

/// The ranking by weighted mean of each item's available ratings; items rated on fewer than
/// `min_ratings` of the weighted criteria get no score (too little evidence to rank them).
/// When fewer criteria than that carry weight, all of them are required.
pub fn overall(
    items: &[Item],
    weights: &BTreeMap<String, f64>,
    min_ratings: usize,
    default_lang: &str,
) -> Vec<Standing> {
    let min_ratings = Basis::new(weights, min_ratings).min_ratings;
    let entries = items.iter().enumerate().map(|(index, item)| {
        let (score, rests_on) = weighted_mean(item, weights);
        (index, score.filter(|_| rests_on >= min_ratings), rests_on)
    });
    order(items, entries, default_lang)
}

/// An item's score under `weights`, or `None` when rated on fewer than `min_ratings` of the
/// weighted criteria (capped at how many criteria carry weight), as in [`overall`].
pub fn score_with(item: &Item, weights: &BTreeMap<String, f64>, min_ratings: usize) -> Option<f64> {
    let min_ratings = Basis::new(weights, min_ratings).min_ratings;
    let (score, rests_on) = weighted_mean(item, weights);
    score.filter(|_| rests_on >= min_ratings)
}

/// Weighted mean of the ratings an item has among the weighted criteria, and how many it used.
pub fn weighted_mean(item: &Item, weights: &BTreeMap<String, f64>) -> (Option<f64>, usize) {
    let mut total = 0.0;
    let mut weight_sum = 0.0;
    let mut count = 0;
    for (criterion, weight) in weights.iter().filter(|(_, w)| **w > 0.0) {
        if let Some(rating) = item.ratings.get(criterion) {
            total += rating.score * weight;
            weight_sum += weight;
            count += 1;
        }
    }
    let score = (weight_sum > 0.0).then(|| total / weight_sum);
    (score, count)
}

/// Rounds a score to the precision shown.
pub fn rounded(score: f64) -> f64 {
    let factor = 10f64.powi(PRECISION);
    (score * factor).round() / factor
}

fn order(
    items: &[Item],
    entries: impl Iterator<Item = (usize, Option<f64>, usize)>,
    default_lang: &str,
) -> Vec<Standing> {
    // Names lowercased once per item, not once per comparison: large reports sort thousands.
    let mut entries: Vec<_> = entries
        .map(|(index, score, rests_on)| {
            let name = &items[index].text_in(default_lang, default_lang).0.name;
            (index, score, rests_on, name.to_lowercase())
        })
        .collect();
    entries.sort_by(|a, b| {
        let key = |s: Option<f64>| s.map(rounded);
        key(b.1)
            .partial_cmp(&key(a.1))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.3.cmp(&b.3))
    });
    let mut standings: Vec<Standing> = Vec::with_capacity(entries.len());
    for (position, (item, score, rests_on, _)) in entries.into_iter().enumerate() {
        let rank = score.map(|s| match standings.last() {
            Some(prev) if prev.score.map(rounded) == Some(rounded(s)) => {
                prev.rank.unwrap_or(position + 1)
            }
            _ => position + 1,
        });
        standings.push(Standing {
            item,
            score,
            rank,
            rests_on,
        });
    }
    standings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, ItemText, Rating};

    fn item(name: &str, ratings: &[(&str, f64)]) -> Item {
        let text = ItemText {
            name: name.to_string(),
            ..ItemText::default()
        };
        Item {
            slug: name.to_lowercase(),
            homepage: String::new(),
            facts: BTreeMap::new(),
            ratings: ratings
                .iter()
                .map(|(c, s)| {
                    let rating = Rating {
                        score: *s,
                        sources: vec!["s".into()],
                        evidence: Evidence::Judgement,
                    };
                    (c.to_string(), rating)
                })
                .collect(),
            sources: Vec::new(),
            texts: BTreeMap::from([("en".to_string(), text)]),
        }
    }

    fn ranks(standings: &[Standing]) -> Vec<(usize, Option<usize>)> {
        standings.iter().map(|s| (s.item, s.rank)).collect()
    }

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        let items = [
            item("A", &[("p", 4.0)]),
            item("B", &[("p", 5.0)]),
            item("C", &[("p", 4.0)]),
            item("D", &[("p", 3.0)]),
        ];
        let standings = by_criterion(&items, "p", "en");
        assert_eq!(
            ranks(&standings),
            vec![(1, Some(1)), (0, Some(2)), (2, Some(2)), (3, Some(4))]
        );
    }

    #[test]
    fn unrated_items_come_last_without_a_rank_or_a_zero() {
        let items = [item("Zed", &[]), item("Abc", &[("p", 2.0)])];
        let standings = by_criterion(&items, "p", "en");
        assert_eq!(ranks(&standings), vec![(1, Some(1)), (0, None)]);
        assert_eq!(standings[1].score, None);
        assert_eq!(standings[1].rests_on, 0);
    }

    #[test]
    fn overall_is_the_weighted_mean_of_available_ratings() {
        let weights = BTreeMap::from([("p".to_string(), 2.0), ("q".to_string(), 1.0)]);
        let items = [
            item("A", &[("p", 5.0), ("q", 2.0)]),
            item("B", &[("q", 4.0)]),
        ];
        let standings = overall(&items, &weights, 1, "en");
        assert_eq!(standings[0].item, 0);
        assert_eq!(standings[0].score, Some(4.0));
        assert_eq!(standings[0].rests_on, 2);
        assert_eq!(standings[1].score, Some(4.0));
        assert_eq!(standings[1].rests_on, 1);
        assert_eq!(standings[1].rank, Some(1), "equal scores tie");
    }

    #[test]
    fn too_few_ratings_give_no_overall_score() {
        let weights = BTreeMap::from([("p".to_string(), 1.0), ("q".to_string(), 1.0)]);
        let items = [
            item("A", &[("p", 5.0)]),
            item("B", &[("p", 3.0), ("q", 3.0)]),
        ];
        let standings = overall(&items, &weights, 2, "en");
        assert_eq!(ranks(&standings), vec![(1, Some(1)), (0, None)]);
        assert_eq!(standings[1].rests_on, 1, "the count is kept to explain why");
    }

    #[test]
    fn the_minimum_never_exceeds_the_weighted_criteria() {
        let weights = BTreeMap::from([("p".to_string(), 1.0), ("q".to_string(), 0.0)]);
        let items = [item("A", &[("p", 4.0)])];
        let standings = overall(&items, &weights, 4, "en");
        assert_eq!(standings[0].score, Some(4.0));
    }

    #[test]
    fn a_zero_weight_drops_a_criterion() {
        let weights = BTreeMap::from([("p".to_string(), 0.0), ("q".to_string(), 1.0)]);
        let items = [item("A", &[("p", 1.0), ("q", 3.0)])];
        assert_eq!(weighted_mean(&items[0], &weights), (Some(3.0), 1));
    }

    #[test]
    fn the_largest_weights_and_scores_configuration_allows_give_a_finite_mean() {
        use crate::config::{MAX_WEIGHT, SCALE_LIMIT};
        let top = SCALE_LIMIT as f64;
        let ids: Vec<String> = (0..1000).map(|n| format!("c{n}")).collect();
        let weights: BTreeMap<String, f64> = ids.iter().map(|c| (c.clone(), MAX_WEIGHT)).collect();
        let ratings: Vec<(&str, f64)> = ids.iter().map(|c| (c.as_str(), top)).collect();
        let (score, count) = weighted_mean(&item("A", &ratings), &weights);
        assert_eq!((score, count), (Some(top), 1000));
    }
}
