//! Industry words: a company's line of business as its name states it, so that two names differing in their activity can count against a match.
//!
//! Customs parties are often registered as families of companies on one trade name: `XIAMEN LIANCHUANG TECHNOLOGY` and `XIAMEN LIANCHUANG INDUSTRIAL` are two legal persons.
//! The rest of the pipeline treats these words as generic (they leave the core), which is right for blocking and for `LEGION` ~ `LEGION TRADING`, but loses the difference.
//! Here each side's activity words are read in canonical form (`TECH`, `TECHNOLOGIES`, `科技` and `KEJI` all read TECHNOLOGY) and compared as sets:
//! only when each side names an activity the other does not is there a conflict; a name with an activity word against one without is not one.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use crate::tables::ABBREVIATIONS;

const INDUSTRY: &str = include_str!("../data/industry.tsv");

/// Industry word → its canonical word.
static INDUSTRY_WORDS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    INDUSTRY
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let word = cols.next()?.trim();
            let canon = cols.next().map_or(word, str::trim);
            Some((word.to_string(), canon.to_string()))
        })
        .collect()
});

/// The canonical activity words among `words`, each once, sorted.
///
/// A word is first read through the abbreviation table (`SERVICE` from a Han name and `INDUSTRY` read as Latin names read them), then looked up.
pub fn activities<'a>(words: impl IntoIterator<Item = &'a String>) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    let mut add = |w: &str| {
        if let Some(c) = INDUSTRY_WORDS.get(w) {
            out.insert(c.as_str());
        }
    };
    for w in words {
        match ABBREVIATIONS.get(w) {
            Some(exp) => exp.iter().for_each(|e| add(e)),
            None => add(w),
        }
    }
    out
}

/// The activity words only one side names, when both sides name one the other lacks (`TECHNOLOGY` vs `INDUSTRIAL`), else `None`.
pub fn conflict(
    a: &BTreeSet<&'static str>,
    b: &BTreeSet<&'static str>,
) -> Option<(Vec<&'static str>, Vec<&'static str>)> {
    let only_a: Vec<&str> = a.difference(b).copied().collect();
    let only_b: Vec<&str> = b.difference(a).copied().collect();
    (!only_a.is_empty() && !only_b.is_empty()).then_some((only_a, only_b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::normalise;

    fn acts(name: &str) -> BTreeSet<&'static str> {
        let n = normalise(name);
        let v = &n.script_variants[0];
        activities(&v.name)
    }

    #[test]
    fn spellings_read_as_one_activity() {
        let t = acts("XIAMEN LIANCHUANG TECHNOLOGY CO LTD");
        for other in [
            "XIAMEN LIANCHUANG TECH CO LTD",
            "LIANCHUANG TECHNOLOGIES (XIAMEN) CO., LIMITED",
            "XIAMEN LIANCHUANG KEJI YOUXIAN GONGSI",
            "厦门市联创科技有限公司",
        ] {
            assert_eq!(acts(other), t, "{other}");
        }
        assert_eq!(
            acts("厦门联创实业有限公司"),
            acts("XIAMEN LIANCHUANG IND CO LTD")
        );
    }

    #[test]
    fn only_two_different_activities_conflict() {
        let c = |a: &str, b: &str| conflict(&acts(a), &acts(b)).is_some();
        assert!(c(
            "XIAMEN LIANCHUANG TECHNOLOGY",
            "XIAMEN LIANCHUANG INDUSTRIAL"
        ));
        assert!(c("ALPHA TRADING LLC", "ALPHA ELECTRONICS LLC"));
        assert!(!c("LEGION", "LEGION TRADING"));
        assert!(!c("SZ DJI TECHNOLOGY CO LTD", "深圳市大疆创新科技有限公司"));
        assert!(!c("ASTANA TECHNO TRADE LLP", "ТОО «АСТАНА ТЕХНО ТРЕЙД»"));
        assert!(!c(
            "NINGBO HUAXIN MACHINERY EQUIPMENT",
            "NINGBO HUAXIN MACHINERY"
        ));
    }
}
