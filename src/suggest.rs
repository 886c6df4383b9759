//! "Did you mean": the known name closest to a mistyped one (a key, a criterion, a source id,
//! a fact choice, an evidence kind, a page address), for the end of an error message. Pure.

/// How alike two names must be (Jaro-Winkler, from 0 to 1) for one to be suggested for the
/// other: close enough for a typo or a transposition (`prso`, `performnce`, `judgment`), not
/// so loose that an unrelated name is offered.
const ALIKE: f64 = 0.8;

/// The known name most like `given`, if one is alike enough.
pub fn closest<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .filter(|name| *name != given)
        .map(|name| (strsim::jaro_winkler(given, name), name))
        .filter(|(score, _)| *score >= ALIKE)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// `: did you mean "x"?` for the closest known name, or nothing: to end a message with.
pub fn did_you_mean<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    closest(given, known).map_or_else(String::new, |name| format!(": did you mean \"{name}\"?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_transpositions_find_their_name() {
        let criteria = ["performance", "learning", "scalability"];
        assert_eq!(closest("performnce", criteria), Some("performance"));
        assert_eq!(closest("prso", ["pros", "cons", "summary"]), Some("pros"));
        assert_eq!(
            closest("judgment", ["measured", "documented", "judgement"]),
            Some("judgement")
        );
        assert_eq!(
            closest("databases/sqlit", ["databases/sqlite", "databases/mysql"]),
            Some("databases/sqlite")
        );
        assert_eq!(
            closest("db-engine", ["db_engine", "license"]),
            Some("db_engine")
        );
    }

    #[test]
    fn nothing_is_offered_for_an_unrelated_name() {
        assert_eq!(closest("zzz", ["performance", "learning"]), None);
        assert_eq!(did_you_mean("zzz", ["pros"]), "");
        assert_eq!(did_you_mean("prso", ["pros"]), ": did you mean \"pros\"?");
    }
}
