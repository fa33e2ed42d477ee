//! Screening's own calibration terms: evidence the resolver's pair score does not weigh the way screening needs, each a named feature with a weight set on the tuning world (seed 7) only.
//!
//! The resolver's organisation weights carry a prior of +5.3, fitted on customs mentions that mostly are the same company.
//! A list entry and a declared party are a different question: many unrelated companies share one distinctive word (顺腾 SHUNTENG, 鸿运 HONGYUN, 启明 QIMING) and differ by their city or by the words around it.
//! Two terms carry that: `one_shared_word` when the names agree on one distinctive word only and the query's city is not in the entry, and `entry_place_conflict` when the query's city is none of the cities the entry's names give.

use tradetrail_resolve::NormName;
use tradetrail_resolve::features::NameFeatures;
use tradetrail_resolve::score::cities;

/// Weight of two names whose only distinctive word is the same while the query's city is one the entry never gives (`YIWU HONGYUN TECHNOLOGY` ~ `鸿运科技有限公司`).
///
/// Set on the tuning world: such a pair has a logit of 8.0 (9.5 across scripts) before the country term, so any weight below -5.2 keeps a country conflict under the match threshold across scripts, and any weight above -7.1 keeps a pair with no country above it; -6 is the middle.
/// Identical names (`ALPHA TRADING LTD` ~ `ALPHA TRADING LIMITED`) do not carry it: evaders move, and the analyst decides.
pub const W_ONE_SHARED_WORD: f64 = -6.0;

/// Weight of a query city that none of the entry's names gives, when they give one: the resolver's place-conflict weight, since Chinese companies are registered per city.
pub const W_ENTRY_PLACE_CONFLICT: f64 = -12.0;

/// The words of a name's first reading that are compared as the name (legal forms aside).
fn name_words(n: &NormName) -> &[String] {
    n.script_variants
        .first()
        .map_or(&[][..], |v| v.name.as_slice())
}

/// `one_shared_word`: the best pair's distinctive words are one and the same word, and the query name gives a city while the entry's names give none.
pub fn one_shared_word(
    a: &NormName,
    b: &NormName,
    f: &NameFeatures,
) -> Option<(&'static str, f64, f64, String)> {
    one_shared_word_of_entry(a, b, f, std::iter::empty())
}

/// [`one_shared_word`] for an entry: not when another of the entry's names gives a city (then `entry_place_conflict` decides).
pub fn one_shared_word_of_entry<'a>(
    a: &NormName,
    b: &NormName,
    f: &NameFeatures,
    mut entry_names: impl Iterator<Item = &'a NormName>,
) -> Option<(&'static str, f64, f64, String)> {
    let exact_single = f.values[0] > 0.0 && f.core_a.len() == 1 && f.core_b.len() == 1;
    let (wa, wb) = (name_words(a), name_words(b));
    let differ = exact_single
        && !cities(a).is_empty()
        && cities(b).is_empty()
        && entry_names.all(|n| cities(n).is_empty());
    differ.then(|| {
        (
            "one_shared_word",
            1.0,
            W_ONE_SHARED_WORD,
            format!(
                "{} ~ {}: only {} in common, which many unrelated companies share, and the entry gives no city",
                wa.join(" "),
                wb.join(" "),
                f.core_a[0]
            ),
        )
    })
}

/// `entry_place_conflict`: the query name gives a city, the entry's names give cities, and none is the query's; `None` when the best pair already carries the resolver's `place_conflict`.
pub fn entry_place_conflict<'a>(
    query: &NormName,
    best: &NormName,
    entry_names: impl Iterator<Item = &'a NormName>,
) -> Option<(&'static str, f64, f64, String)> {
    let q = cities(query);
    if q.is_empty() || tradetrail_resolve::score::place_conflict(query, best).is_some() {
        return None;
    }
    let mut entry: Vec<&str> = Vec::new();
    for n in entry_names {
        for c in cities(n) {
            if q.contains(&c) {
                return None;
            }
            if !entry.contains(&c) {
                entry.push(c);
            }
        }
    }
    (!entry.is_empty()).then(|| {
        (
            "entry_place_conflict",
            1.0,
            W_ENTRY_PLACE_CONFLICT,
            format!(
                "{} vs {} in the entry's other names: different cities",
                q.join(" "),
                entry.join(" ")
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tradetrail_resolve::features::name_features;
    use tradetrail_resolve::normalise;

    fn shared(a: &str, b: &str) -> bool {
        let (x, y) = (normalise(a), normalise(b));
        one_shared_word(&x, &y, &name_features(&x, &y)).is_some()
    }

    #[test]
    fn one_shared_word_only_with_a_city_the_entry_does_not_give() {
        assert!(shared("YIWU HONGYUN TECHNOLOGY CO LTD", "鸿运科技有限公司"));
        assert!(shared(
            "SHENZHEN QIMING IMPORT AND EXPORT CO LTD",
            "QIMING IMPORT AND EXPORT CO., LIMITED"
        ));
        assert!(!shared("ALPHA TRADING LTD", "ALPHA TRADING LIMITED"));
        assert!(!shared("ООО «ОРИОН»", "ORION LLC"));
        assert!(!shared("ALPHA BETA LLC", "ALPHA LLC"));
        assert!(!shared("HONGYUN TECHNOLOGY CO LTD", "鸿运科技有限公司"));
    }

    #[test]
    fn a_city_the_entry_never_gives_conflicts() {
        let q = normalise("DONGGUAN SHUNTENG ELECTRONICS CO LTD");
        let names = [
            normalise("宁波顺腾电子有限公司"),
            normalise("SHUNTENG ELECTRONICS CO., LTD."),
        ];
        assert!(entry_place_conflict(&q, &names[1], names.iter()).is_some());
        let same = [normalise("东莞市顺腾电子有限公司"), names[1].clone()];
        assert!(entry_place_conflict(&q, &same[1], same.iter()).is_none());
        let none = [names[1].clone()];
        assert!(entry_place_conflict(&q, &none[0], none.iter()).is_none());
    }
}
