//! Lists split into pages (pure): how many pages a list of items takes, which items a page
//! shows, and which page numbers its navigation links to, so that no page of a large report
//! grows with the number of items.

use std::ops::Range;

/// How many pages `items` take at `size` a page: at least one, even for no items.
pub fn count(items: usize, size: usize) -> usize {
    items.div_ceil(size.max(1)).max(1)
}

/// The positions of the items on page `page` (1-based) of a list of `items`.
pub fn range(page: usize, items: usize, size: usize) -> Range<usize> {
    let start = (page.max(1) - 1).saturating_mul(size).min(items);
    start..start.saturating_add(size).min(items)
}

/// The page numbers a page's navigation shows, `None` standing for a gap: the first and last
/// pages, and the pages next to the current one (at most seven entries whatever the total).
pub fn numbers(current: usize, total: usize) -> Vec<Option<usize>> {
    let near = current.saturating_sub(1).max(1)..=(current + 1).min(total);
    let mut shown: Vec<usize> = [1, total].into_iter().chain(near).collect();
    shown.sort_unstable();
    shown.dedup();
    let mut numbers = Vec::with_capacity(shown.len() * 2);
    for (i, &page) in shown.iter().enumerate() {
        if i > 0 && page > shown[i - 1] + 1 {
            numbers.push(None);
        }
        numbers.push(Some(page));
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_takes_whole_pages_and_at_least_one() {
        assert_eq!(count(0, 100), 1);
        assert_eq!(count(100, 100), 1);
        assert_eq!(count(101, 100), 2);
        assert_eq!(count(10_000, 100), 100);
    }

    #[test]
    fn each_page_shows_its_share_and_the_last_the_rest() {
        assert_eq!(range(1, 250, 100), 0..100);
        assert_eq!(range(3, 250, 100), 200..250);
        assert_eq!(range(4, 250, 100), 250..250);
        assert_eq!(range(1, 15, 100), 0..15);
    }

    #[test]
    fn navigation_shows_the_ends_and_the_neighbours_with_gaps_between() {
        assert_eq!(numbers(1, 1), vec![Some(1)]);
        assert_eq!(numbers(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            numbers(50, 100),
            vec![Some(1), None, Some(49), Some(50), Some(51), None, Some(100)]
        );
        assert_eq!(
            numbers(2, 100),
            vec![Some(1), Some(2), Some(3), None, Some(100)]
        );
        assert_eq!(numbers(100, 100), vec![Some(1), None, Some(99), Some(100)]);
    }
}
