//! Values derived once per build and shown by many pages: the overall ranking (on the home
//! page, the table and every item page), the ranking on each criterion (on each page of it),
//! the pair pages and each item's partners in them, the values the table's filters offer.
//! Deriving them per page made the build quadratic in the number of items.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Site;
use crate::pairs::{self, Pair, PairRule};
use crate::rank::{self, Standing};

use super::views::SharedViews;

/// What the pages of one build share, computed once from the site.
#[derive(Debug)]
pub struct Derived {
    /// The overall ranking under the configured weights.
    pub overall: Vec<Standing>,
    /// For each item (by index), its place in `overall`.
    place: Vec<usize>,
    /// The ranking on each criterion, by the criterion's id.
    by_criterion: BTreeMap<String, Vec<Standing>>,
    /// The pairs that get a page, by the rule in the configuration.
    pub pairs: Vec<Pair>,
    /// For each item, the other item of each of its pair pages, in the pages' order.
    partners: Vec<Vec<usize>>,
    /// Every item (by index) in the order of its name in each language, by language.
    by_name: BTreeMap<String, Vec<usize>>,
    /// For each fact the table filters by, the filter keys items give (on every page of the
    /// table and of each ranking).
    filter_keys: BTreeMap<String, BTreeSet<String>>,
    /// Views shown the same on many pages, made once per language and depth.
    pub shared: SharedViews,
}

impl Derived {
    pub fn new(site: &Site) -> Derived {
        let config = &site.config;
        let overall = rank::overall(
            &site.items,
            &config.weights(),
            config.overall_min_ratings,
            &config.default_language,
        );
        let mut place = vec![0; site.items.len()];
        for (position, standing) in overall.iter().enumerate() {
            place[standing.item] = position;
        }
        let rule = PairRule {
            all_pairs_up_to: config.pairs.all_up_to,
            group_by: &config.pairs.group_by,
            per_item: config.pairs.per_item,
        };
        let ranking: Vec<usize> = overall.iter().map(|standing| standing.item).collect();
        let pairs = pairs::pairs(&site.items, &ranking, &rule);
        let mut partners = vec![Vec::new(); site.items.len()];
        for pair in &pairs {
            partners[pair.a].push(pair.b);
            partners[pair.b].push(pair.a);
        }
        let by_criterion = (config.criteria.iter())
            .map(|c| {
                let ranking = rank::by_criterion(&site.items, &c.id, &config.default_language);
                (c.id.clone(), ranking)
            })
            .collect();
        let by_name = (config.language_codes())
            .map(|lang| (lang.to_string(), by_name(site, lang)))
            .collect();
        let filter_keys = (config.facts.iter().filter(|f| f.filter))
            .map(|fact| {
                let given = site.items.iter().filter_map(|i| i.facts.get(&fact.id));
                let keys = given.map(super::pages::filter_key).collect();
                (fact.id.clone(), keys)
            })
            .collect();
        Derived {
            by_name,
            filter_keys,
            overall,
            place,
            by_criterion,
            pairs,
            partners,
            shared: SharedViews::default(),
        }
    }

    /// The overall standing of the item at `index`.
    pub fn standing(&self, index: usize) -> &Standing {
        &self.overall[self.place[index]]
    }

    /// The ranking on the criterion `id` (empty for an unknown criterion).
    pub fn by_criterion(&self, id: &str) -> &[Standing] {
        self.by_criterion.get(id).map_or(&[], Vec::as_slice)
    }

    /// Every item (by index) in the order of its name in `lang`, A to Z.
    pub fn by_name(&self, lang: &str) -> &[usize] {
        self.by_name.get(lang).map_or(&[], Vec::as_slice)
    }

    /// The filter keys the items give for the fact `id` (none for a fact not filtered by).
    pub fn filter_keys(&self, id: &str) -> &BTreeSet<String> {
        static NONE: BTreeSet<String> = BTreeSet::new();
        self.filter_keys.get(id).unwrap_or(&NONE)
    }

    /// The items the item at `index` has a pair page with, in the pages' order.
    pub fn partners(&self, index: usize) -> &[usize] {
        &self.partners[index]
    }
}

/// The index of the item with `slug` (items are in slug order).
pub fn item_index(site: &Site, slug: &str) -> Option<usize> {
    site.items
        .binary_search_by(|item| item.slug.as_str().cmp(slug))
        .ok()
}

/// The items in the order of their names in `lang` (ignoring case), slugs breaking ties.
fn by_name(site: &Site, lang: &str) -> Vec<usize> {
    use crate::model::Translated;
    let default = &site.config.default_language;
    let mut keyed: Vec<(String, usize)> = (site.items.iter().enumerate())
        .map(|(i, item)| (item.text_in(lang, default).0.name.to_lowercase(), i))
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, i)| i).collect()
}
