//! Transliteration to Latin: Cyrillic under several official schemes, other scripts through `deunicode`.
//!
//! Sanctions lists and customs declarations spell the same Russian name under different schemes (`ЩЕГЛОВ` → SHCHEGLOV, SCEGLOV, SHCHYEGLOV).
//! So a Cyrillic word gives one candidate per scheme: GOST 7.79, ICAO 9303, BGN/PCGN, MVD 310, MVD 782 and a plain passport style.
//! Latin with diacritics is folded to ASCII; Greek, Armenian, Georgian, Arabic, Hangul, Kana and the rest go through `deunicode`.

use crate::tables::{CYR_SCHEMES, CyrScheme};
use crate::text::{Script, script_of};

/// Names of the Cyrillic schemes, in the order their candidates are produced.
pub fn scheme_names() -> Vec<&'static str> {
    CYR_SCHEMES.iter().map(|s| s.name).collect()
}

/// One word under one scheme, upper-case Latin; non-Cyrillic letters pass through folded.
fn apply(scheme: &CyrScheme, word: &str) -> String {
    let lower: Vec<char> = word.to_lowercase().chars().collect();
    let mut ending = None;
    for (e, v) in &scheme.end {
        let ec: Vec<char> = e.chars().collect();
        if lower.len() > ec.len() && lower.ends_with(&ec) {
            ending = Some((lower.len() - ec.len(), v.as_str()));
            break;
        }
    }
    let stop = ending.map_or(lower.len(), |(i, _)| i);
    let mut out = String::with_capacity(word.len() * 2);
    for i in 0..stop {
        let c = lower[i];
        let prev = if i == 0 { None } else { Some(lower[i - 1]) };
        let next = lower.get(i + 1).copied();
        if let Some(v) = scheme.prev.get(&(prev, c)) {
            out.push_str(v);
        } else if let Some(v) = next.and_then(|n| scheme.next.get(&(c, n))) {
            out.push_str(v);
        } else if let Some(v) = scheme.map.get(&c) {
            out.push_str(v);
        } else {
            out.push_str(deunicode::deunicode_char(c).unwrap_or(""));
        }
    }
    if let Some((_, v)) = ending {
        out.push_str(v);
    }
    out.retain(|c| c.is_ascii_alphanumeric());
    out.to_ascii_uppercase()
}

/// Every scheme's spelling of a Cyrillic word, first the ICAO one, without duplicates.
pub fn cyrillic_variants(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(CYR_SCHEMES.len());
    for s in CYR_SCHEMES.iter() {
        let v = apply(s, word);
        if !v.is_empty() && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The Cyrillic spelling of `word` under scheme number `i` (see [`scheme_names`]).
pub fn cyrillic_scheme(word: &str, i: usize) -> String {
    CYR_SCHEMES
        .get(i)
        .map(|s| apply(s, word))
        .unwrap_or_default()
}

/// Fold a non-Cyrillic, non-Han word to upper-case ASCII words (diacritics dropped, other scripts romanised).
pub fn fold_to_latin(word: &str) -> Vec<String> {
    if word.is_ascii() {
        return vec![word.to_ascii_uppercase()];
    }
    let ascii = deunicode::deunicode_with_tofu(word, "");
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect()
}

/// Whether a word contains any Cyrillic letter.
pub fn has_cyrillic(word: &str) -> bool {
    word.chars().any(|c| script_of(c) == Script::Cyrillic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_give_candidates() {
        let v = cyrillic_variants("ЛЕГИОН");
        assert_eq!(v[0], "LEGION");
        let v = cyrillic_variants("Щеглова");
        assert!(v.contains(&"SHCHEGLOVA".to_string()), "{v:?}");
        let v = cyrillic_variants("Юлия");
        assert!(
            v.contains(&"IULIIA".to_string()) && v.contains(&"YULIYA".to_string()),
            "{v:?}"
        );
        assert_eq!(cyrillic_variants("Тоқаев")[0], "TOKAEV");
    }

    #[test]
    fn other_scripts_fold() {
        assert_eq!(fold_to_latin("ERDOĞAN"), vec!["ERDOGAN"]);
        assert_eq!(fold_to_latin("ОБАМА").len(), 1);
        assert_eq!(fold_to_latin("Օբամա"), vec!["OBAMA"]);
    }
}
