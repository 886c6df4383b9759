//! Korean recall of the search index on a report (BENCHMARKS.md, "Search"): for every word of
//! the Korean item texts that carries a particle ("보안이"), three queries a Korean reader
//! types: the bare word ("보안"), the word with another particle ("보안은"), and the word
//! still being composed, its last jamo missing ("보아"). Each is run against three ways of
//! indexing the same texts: words split at spaces matched whole, the same matched by prefix
//! (as engines that split Korean only at spaces do), and `versus::search::tokens` with its
//! jamo prefixes. Prints the share of queries that find their item.
//!
//! cargo run --release --example search_recall [project folder]

use std::collections::BTreeSet;

use versus::model::Translated;
use versus::search::tokens::{is_hangul, jamo, terms};

const PARTICLES: &[&str] = &[
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "으로", "로", "와", "과", "도",
];

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let (site, _) =
        versus::load(&versus::Project::at(root), &Default::default()).expect("the report loads");
    let lang = "ko";
    let texts: Vec<String> = (site.items.iter())
        .map(|item| {
            let (t, _) = item.text_in(lang, &site.config.default_language);
            let notes = t.notes.values().cloned();
            let lists = t.pros.iter().chain(&t.cons).chain(&t.best_for).cloned();
            std::iter::once(t.summary.clone())
                .chain(lists)
                .chain(notes)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let spaced: Vec<BTreeSet<String>> = texts.iter().map(|t| space_words(t)).collect();
    let ours: Vec<BTreeSet<String>> = texts
        .iter()
        .map(|t| terms(t).map(|w| jamo(&w)).collect())
        .collect();
    let mut queries: [Vec<(String, usize)>; 3] = Default::default();
    for (doc, words) in spaced.iter().enumerate() {
        for word in words {
            let Some((stem, particle)) = split(word) else {
                continue;
            };
            let other = PARTICLES
                .iter()
                .find(|p| **p != particle && !p.starts_with('으'))
                .unwrap();
            let partial: String = jamo(stem)
                .chars()
                .rev()
                .skip(1)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            queries[0].push((stem.to_string(), doc));
            queries[1].push((format!("{stem}{other}"), doc));
            queries[2].push((partial, doc));
        }
    }
    println!(
        "{} Korean item texts; queries per kind: {}",
        texts.len(),
        queries[0].len()
    );
    for (kind, list) in ["bare word", "other particle", "being composed"]
        .iter()
        .zip(&queries)
    {
        let share = |found: &dyn Fn(&str, usize) -> bool| {
            let hits = list.iter().filter(|(q, d)| found(q, *d)).count();
            format!("{:5.1}%", 100.0 * hits as f64 / list.len().max(1) as f64)
        };
        let whole = share(&|q, d| spaced[d].contains(q));
        let prefix = share(&|q, d| spaced[d].iter().any(|w| w.starts_with(q)));
        let mine = share(&|q, d| {
            let forms: Vec<String> = terms(q).map(|t| jamo(&t)).chain([jamo(q)]).collect();
            forms
                .iter()
                .any(|f| ours[d].iter().any(|t| t.starts_with(f.as_str())))
        });
        println!("{kind:>15}: whole words {whole}, word prefixes {prefix}, versus {mine}");
    }
}

/// Words split at spaces, punctuation trimmed, lower-case.
fn space_words(text: &str) -> BTreeSet<String> {
    (text.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A Hangul word of two syllables or more before one of [`PARTICLES`].
fn split(word: &str) -> Option<(&str, &'static str)> {
    PARTICLES.iter().find_map(|p| {
        let stem = word.strip_suffix(p)?;
        (stem.chars().count() >= 2 && stem.chars().all(is_hangul)).then_some((stem, *p))
    })
}
