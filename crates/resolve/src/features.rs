//! Pairwise name features: each a number with a name a user can read, computed on the best-matching Latin readings of two names.
//!
//! The features are the terms of the score: `score` multiplies each by a fitted weight and adds them up.
//! A Cyrillic name and a Latin one are compared on scheme-folded readings (`fold.rs`), so the scheme a broker used costs no edits.
//! Token alignment is greedy on Jaro-Winkler similarity, with initials (`V` ~ `VLADIMIR`) and split words (`GOOD WILL` ~ `GOODWILL`) handled first.
//! An acronym of three or more words (`PLA`) and a name run together (`VANDERBILT`) read as the words they stand for; every feature is listed in `FEATURES.md`.

use std::borrow::Cow;

use rapidfuzz::distance::{jaro_winkler, levenshtein};

use crate::abbrev;
use crate::fold;
use crate::industry;
use crate::normalise::{NormName, Variant};
use crate::text::Script;

/// Number of name features.
pub const N_NAME: usize = 18;

/// Names of the name features, in vector order.
pub const NAME_FEATURES: [&str; N_NAME] = [
    "name_exact_core",
    "token_set_similarity",
    "jaro_winkler_core",
    "levenshtein",
    "weakest_token",
    "extra_tokens_one_side",
    "mismatched_tokens",
    "cross_script_key_match",
    "rare_token_overlap",
    "generic_only_overlap",
    "numbers_mismatch",
    "legal_form_conflict",
    "edit_distance",
    "initials_used",
    "extra_generic_tokens",
    "pinyin_word_mismatch",
    "industry_conflict",
    "short_core_differs",
];

/// Sign each weight must keep when fitted: 1 evidence for a match, -1 evidence against, 0 free.
pub const SIGNS: [i8; N_NAME] = [1, 1, 1, 1, 1, -1, -1, 2, 1, -1, 2, -1, -1, 1, -1, 2, 2, 2];

/// Weights set by hand, not fitted (sign code 2): cross-script keys (too few labelled pairs), digits that must agree, and pinyin words that differ.
/// The labelled set calls fund-vintage swaps (`Fund III` ~ `Fund IV`) matches; for customs parties different numbers or different pinyin words mean different companies.
/// A core of four letters or fewer (`BD`, `ABC`) has no room for a typo: any difference there is another name.
/// Two different lines of business on one trade name (`TECHNOLOGY` vs `INDUSTRIAL`) are sister companies in customs data, which the labelled set has too few pairs of to fit.
pub const HAND_WEIGHTS: [(usize, f64); 5] =
    [(7, 1.5), (10, -12.0), (15, -12.0), (16, -6.0), (17, -12.0)];

/// Whether a hand-set negative rule (different numbers, pinyin words or short cores) fires on these feature values: such pairs are decided by the rule and left out of fitting.
pub fn decided_by_hand(values: &[f64]) -> bool {
    HAND_WEIGHTS
        .iter()
        .any(|&(j, w)| w < 0.0 && values.get(j).is_some_and(|v| *v != 0.0))
}

/// Name features of a pair, with the readings they were computed on.
#[derive(Debug, Clone, PartialEq)]
pub struct NameFeatures {
    /// Feature values, in [`NAME_FEATURES`] order.
    pub values: [f64; N_NAME],
    /// The core words compared on each side.
    pub core_a: Vec<String>,
    /// The core words compared on each side.
    pub core_b: Vec<String>,
    /// The activity words each side names (see [`industry`]), canonical and sorted.
    pub industry_a: Vec<&'static str>,
    /// The activity words each side names (see [`industry`]), canonical and sorted.
    pub industry_b: Vec<&'static str>,
}

/// Similarity of two words: exact 1, initials 0.9 on a shared first letter, numbers exact only, else Jaro-Winkler.
pub fn token_sim(x: &str, y: &str) -> f64 {
    if x == y {
        return 1.0;
    }
    let (bx, by) = (x.as_bytes(), y.as_bytes());
    if bx.is_empty() || by.is_empty() {
        return 0.0;
    }
    if bx.len() == 1 || by.len() == 1 {
        return if bx[0] == by[0] { 0.9 } else { 0.0 };
    }
    let xd = bx.iter().all(u8::is_ascii_digit);
    let yd = by.iter().all(u8::is_ascii_digit);
    if xd || yd {
        return 0.0;
    }
    jaro_winkler::similarity(x.bytes(), y.bytes())
}

/// Join adjacent words of `b` that spell one word of `a` (`GOOD WILL` → `GOODWILL`).
fn merge_split_words(a: &[String], b: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if i + 1 < b.len()
            && a.iter().any(|w| {
                w.len() == b[i].len() + b[i + 1].len()
                    && w.starts_with(&b[i])
                    && w.ends_with(&b[i + 1])
            })
        {
            out.push(format!("{}{}", b[i], b[i + 1]));
            i += 2;
        } else {
            out.push(b[i].clone());
            i += 1;
        }
    }
    out
}

/// Greedy one-to-one alignment: the similarities of the aligned pairs and whether an initial was used.
fn align(a: &[String], b: &[String]) -> (Vec<f64>, bool) {
    let mut cells: Vec<(f64, usize, usize)> = Vec::with_capacity(a.len() * b.len());
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            cells.push((token_sim(x, y), i, j));
        }
    }
    cells.sort_by(|p, q| q.0.total_cmp(&p.0));
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut sims = Vec::with_capacity(a.len().min(b.len()));
    let mut initials = false;
    for (s, i, j) in cells {
        if used_a[i] || used_b[j] {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        if s > 0.0 && (a[i].len() == 1) != (b[j].len() == 1) {
            initials = true;
        }
        sims.push(s);
    }
    (sims, initials)
}

/// Levenshtein similarity and distance of two strings.
fn lev(x: &str, y: &str) -> (f64, usize) {
    let d = levenshtein::distance(x.bytes(), y.bytes());
    let n = x.len().max(y.len()).max(1);
    (1.0 - d as f64 / n as f64, d)
}

/// A cheap closeness of two readings, to choose which readings to compare.
fn closeness(a: &Variant, b: &Variant) -> f64 {
    let mut x = a.core.clone();
    let mut y = b.core.clone();
    x.sort();
    y.sort();
    lev(&x.concat(), &y.concat()).0
}

/// The features of two names on their closest pair of readings.
pub fn name_features(a: &NormName, b: &NormName) -> NameFeatures {
    let empty = Variant {
        tokens: vec![],
        tags: vec![],
        core: vec![],
        name: vec![],
    };
    // A Cyrillic name against a Latin one: the Latin side is some scheme's transliteration, so both are compared scheme-folded.
    let folded = transliterated_pair(a, b);
    let (xa, xb): (Cow<[Variant]>, Cow<[Variant]>) = if folded {
        (
            Cow::Owned(a.script_variants.iter().map(fold_variant).collect()),
            Cow::Owned(b.script_variants.iter().map(fold_variant).collect()),
        )
    } else {
        (
            Cow::Borrowed(a.script_variants.as_slice()),
            Cow::Borrowed(b.script_variants.as_slice()),
        )
    };
    let mut best = (f64::MIN, 0, 0);
    if xa.len() > 1 || xb.len() > 1 {
        for (i, va) in xa.iter().enumerate() {
            for (j, vb) in xb.iter().enumerate() {
                let c = closeness(va, vb);
                if c > best.0 {
                    best = (c, i, j);
                }
            }
        }
    }
    let (va, vb) = (
        xa.get(best.1).unwrap_or(&empty),
        xb.get(best.2).unwrap_or(&empty),
    );
    let mut core_a = merge_split_words(&vb.core, &va.core);
    let mut core_b = merge_split_words(&core_a, &vb.core);
    // Words run together or split apart (`VANDERBILT` ~ `VAN DER BILT`): the whole names agree once spaces are dropped.
    if core_a != core_b
        && va.name.len() != vb.name.len()
        && va
            .name
            .iter()
            .flat_map(|w| w.bytes())
            .eq(vb.name.iter().flat_map(|w| w.bytes()))
    {
        core_a = vec![va.name.concat()];
        core_b = core_a.clone();
    }
    // An acronym against the name it abbreviates (`PLA` ~ `PEOPLES LIBERATION ARMY`): the acronym stands for the whole name.
    if abbrev::is_acronym_of(&core_a, &vb.name) {
        core_b = core_a.clone();
    } else if abbrev::is_acronym_of(&core_b, &va.name) {
        core_a = core_b.clone();
    }
    let mut v = [0.0; N_NAME];
    if core_a.is_empty() || core_b.is_empty() {
        return NameFeatures {
            values: v,
            core_a,
            core_b,
            industry_a: Vec::new(),
            industry_b: Vec::new(),
        };
    }
    let mut sa = core_a.clone();
    let mut sb = core_b.clone();
    sa.sort();
    sb.sort();
    v[0] = f64::from(u8::from(sa == sb));
    let (sims, initials) = align(&core_a, &core_b);
    let total = (core_a.len() + core_b.len()) as f64;
    v[1] = 2.0 * sims.iter().sum::<f64>() / total;
    v[2] = jaro_winkler::similarity(core_a.join(" ").bytes(), core_b.join(" ").bytes());
    let (l1, d1) = lev(&core_a.concat(), &core_b.concat());
    let (l2, d2) = lev(&sa.concat(), &sb.concat());
    v[3] = l1.max(l2);
    v[4] = sims.iter().copied().fold(1.0, f64::min);
    v[5] = (core_a.len().abs_diff(core_b.len()) as f64).min(3.0);
    v[6] = (sims.iter().filter(|s| **s < 0.8).count() as f64).min(3.0);
    let shared_key = a
        .keys
        .sorted
        .iter()
        .any(|k| !k.is_empty() && b.keys.sorted.contains(k))
        || (folded && sorted_core(va) == sorted_core(vb));
    v[7] = f64::from(u8::from(
        a.script != b.script
            && a.script != Script::None
            && b.script != Script::None
            && (shared_key || v[0] > 0.0),
    ));
    let exact_shared = core_a.iter().filter(|t| core_b.contains(t)).count();
    v[8] = exact_shared as f64 / core_a.len().max(core_b.len()) as f64;
    let name_shared = va.name.iter().any(|t| vb.name.contains(t));
    v[9] = f64::from(u8::from(name_shared && sims.iter().all(|s| *s < 0.8)));
    fn nums(x: &Variant) -> Vec<&String> {
        let mut n: Vec<&String> = x
            .name
            .iter()
            .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
            .collect();
        n.sort();
        n
    }
    v[10] = f64::from(u8::from(nums(va) != nums(vb)));
    v[11] = f64::from(u8::from(
        matches!((a.legal_form, b.legal_form), (Some(x), Some(y)) if x != y && !matches!(x, "other" | "corp") && !matches!(y, "other" | "corp")),
    ));
    v[12] = (d1.min(d2) as f64).min(4.0) / 4.0;
    v[13] = f64::from(u8::from(initials));
    let generic = |x: &Variant| -> Vec<String> {
        x.tokens
            .iter()
            .zip(&x.tags)
            .filter(|(_, g)| **g == crate::abbrev::Tag::Generic)
            .map(|(t, _)| t.clone())
            .collect()
    };
    let (ga, gb) = (generic(va), generic(vb));
    let extra = ga.iter().filter(|t| !gb.contains(t)).count()
        + gb.iter().filter(|t| !ga.contains(t)).count();
    v[14] = (extra as f64).min(2.0);
    v[15] = f64::from(u8::from(crate::han::pinyin_mismatch(&core_a, &core_b)));
    // Activity words are read on the unfolded readings: scheme folding would respell TECHNOLOGY.
    let acts = |n: &NormName, i: usize| {
        n.script_variants
            .get(i)
            .map(|v| industry::activities(&v.name))
            .unwrap_or_default()
    };
    let (ia, ib) = (acts(a, best.1), acts(b, best.2));
    // A known brand's English name need not translate its Chinese one (道通智能航空技术 is AUTEL ROBOTICS): looked for only when the activities conflict.
    fn brands(n: &NormName, i: usize) -> impl Iterator<Item = &String> {
        n.script_variants.get(i).into_iter().flat_map(|v| {
            v.tokens
                .iter()
                .zip(&v.tags)
                .filter(|(_, g)| **g == abbrev::Tag::Brand)
                .map(|(t, _)| t)
        })
    }
    let conflict = industry::conflict(&ia, &ib).is_some() && {
        // A brand on either side (tagged so from the alias tables) that the other side writes too.
        let (ta, tb) = (
            a.script_variants.get(best.1).map(|v| &v.tokens),
            b.script_variants.get(best.2).map(|v| &v.tokens),
        );
        let shared_brand = brands(a, best.1).any(|t| tb.is_some_and(|x| x.contains(t)))
            || brands(b, best.2).any(|t| ta.is_some_and(|x| x.contains(t)));
        !shared_brand
    };
    v[16] = f64::from(u8::from(conflict));
    let (la, lb) = (
        sa.iter().map(String::len).sum::<usize>(),
        sb.iter().map(String::len).sum::<usize>(),
    );
    let same_letters = sa
        .iter()
        .flat_map(|w| w.bytes())
        .eq(sb.iter().flat_map(|w| w.bytes()));
    v[17] = f64::from(u8::from(!same_letters && la.min(lb) <= 4));
    NameFeatures {
        values: v,
        core_a,
        core_b,
        industry_a: ia.into_iter().collect(),
        industry_b: ib.into_iter().collect(),
    }
}

/// Whether one name is written in Cyrillic and the other in Latin letters, so the Latin one may be a transliteration under any scheme.
fn transliterated_pair(a: &NormName, b: &NormName) -> bool {
    matches!(
        (a.script, b.script),
        (Script::Cyrillic, Script::Latin) | (Script::Latin, Script::Cyrillic)
    )
}

/// A reading with every word scheme-folded (see [`fold`]).
fn fold_variant(v: &Variant) -> Variant {
    Variant {
        tokens: fold::fold_words(&v.tokens),
        tags: v.tags.clone(),
        core: fold::fold_words(&v.core),
        name: fold::fold_words(&v.name),
    }
}

/// The core words sorted and joined.
fn sorted_core(v: &Variant) -> String {
    let mut c = v.core.clone();
    c.sort();
    c.concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::normalise;

    fn f(a: &str, b: &str) -> [f64; N_NAME] {
        name_features(&normalise(a), &normalise(b)).values
    }

    #[test]
    fn exact_core_across_scripts() {
        let v = f("SZ DJI TECHNOLOGY CO LTD", "深圳市大疆创新科技有限公司");
        assert_eq!(v[0], 1.0);
        assert_eq!(v[7], 1.0);
        let v = f("ООО \"ЛЕГИОН\"", "LEGION LLC");
        assert_eq!(v[0], 1.0);
    }

    #[test]
    fn split_words_and_initials() {
        assert_eq!(f("Goodwill Company", "Good Will Company")[0], 1.0);
        let v = f("V. Putin", "Vladimir Putin");
        assert_eq!(v[13], 1.0);
        assert!(v[4] >= 0.9);
    }

    #[test]
    fn numbers_and_forms() {
        assert_eq!(f("Management Company 23", "Management Company")[10], 1.0);
        assert_eq!(f("Deutsche Bank AG", "Deutsche Bank GmbH")[11], 1.0);
        assert_eq!(f("XINGHE", "XINHE")[0], 0.0);
    }

    #[test]
    fn acronyms_and_run_together_words() {
        assert_eq!(f("PLA", "People’s Liberation Army")[0], 1.0);
        assert_eq!(f("vanderbilt corp", "van der bilt corp")[0], 1.0);
        assert_eq!(f("ABC TRADING", "ALPHA TRADING")[0], 0.0);
    }

    #[test]
    fn industry_words_that_differ() {
        assert_eq!(
            f(
                "XIAMEN LIANCHUANG TECHNOLOGY",
                "XIAMEN LIANCHUANG INDUSTRIAL"
            )[16],
            1.0
        );
        assert_eq!(f("XIAMEN LIANCHUANG TECH", "厦门联创科技有限公司")[16], 0.0);
        assert_eq!(f("LEGION", "LEGION TRADING")[16], 0.0);
    }
}
