//! Legal forms: found at either end of a name, tagged with their class, and taken out of the words that are compared.
//!
//! `ООО "ЛЕГИОН"` and `LEGION LLC` both become LEGION with class `llc`; `TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY` peels to TACTICAL MISSILES (jsc, corp).
//! Stripping repeats a few times from the end and from the start, but never removes the last remaining word.

use crate::tables::LEGAL;

/// A legal form found in a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalForm {
    /// Generic class: `llc`, `jsc`, `llp`, `corp`, `sp`, `soe`, ..., or `other`.
    pub class: &'static str,
    /// Short comparison form, e.g. `LLC` or `OJSC`.
    pub compare: String,
}

/// The legal form written as exactly these words, if any.
pub fn lookup(words: &[String]) -> Option<LegalForm> {
    let key = words.join(" ");
    LEGAL.forms.get(&key).map(|e| LegalForm {
        class: e.class,
        compare: e.compare.clone(),
    })
}

/// The legal form of two or three words written with one typo in one word of four letters or more (`JOYNT STOCK COMPANY`), if any.
///
/// Only multi-word forms are read this way: one edit in a short or single-word form (`AKG`, `LLP`) would turn name words into legal forms.
fn lookup_one_typo(words: &[String]) -> Option<LegalForm> {
    if !(2..=3).contains(&words.len()) {
        return None;
    }
    for (i, w) in words.iter().enumerate() {
        if w.chars().count() < 4 {
            continue;
        }
        let mut key = String::with_capacity(32);
        for (j, x) in words.iter().enumerate() {
            if j > 0 {
                key.push(' ');
            }
            key.push_str(if i == j { "*" } else { x });
        }
        let Some(cands) = LEGAL.one_word_out.get(&key) else {
            continue;
        };
        for (missing, e) in cands {
            if rapidfuzz::distance::levenshtein::distance(w.chars(), missing.chars()) == 1 {
                return Some(LegalForm {
                    class: e.class,
                    compare: e.compare.clone(),
                });
            }
        }
    }
    None
}

/// Longest legal form ending the word list (leaving at least one word), with its length in words; a two- or three-word form may carry one typo.
fn longest_suffix(words: &[String]) -> Option<(usize, LegalForm)> {
    let max = LEGAL.max_words.min(words.len().saturating_sub(1));
    (1..=max).rev().find_map(|n| {
        let tail = &words[words.len() - n..];
        lookup(tail)
            .or_else(|| lookup_one_typo(tail))
            .map(|f| (n, f))
    })
}

/// Longest legal form starting the word list (leaving at least one word), with its length in words.
fn longest_prefix(words: &[String]) -> Option<(usize, LegalForm)> {
    let max = LEGAL.max_words.min(words.len().saturating_sub(1));
    (1..=max)
        .rev()
        .find_map(|n| lookup(&words[..n]).map(|f| (n, f)))
}

/// Mark which words are legal forms: up to three from the end, two from the start; returns a flag per word and the forms found.
pub fn tag_legal(words: &[String]) -> (Vec<bool>, Vec<LegalForm>) {
    let mut flags = vec![false; words.len()];
    let mut forms = Vec::new();
    let (mut lo, mut hi) = (0usize, words.len());
    for _ in 0..3 {
        match longest_suffix(&words[lo..hi]) {
            Some((n, f)) => {
                for flag in &mut flags[hi - n..hi] {
                    *flag = true;
                }
                hi -= n;
                forms.push(f);
            }
            None => break,
        }
    }
    for _ in 0..2 {
        match longest_prefix(&words[lo..hi]) {
            Some((n, f)) => {
                for flag in &mut flags[lo..lo + n] {
                    *flag = true;
                }
                lo += n;
                forms.insert(0, f);
            }
            None => break,
        }
    }
    (flags, forms)
}

/// The most telling class among forms found: a specific class beats `other`.
pub fn main_class(forms: &[LegalForm]) -> Option<&'static str> {
    forms
        .iter()
        .map(|f| f.class)
        .find(|c| *c != "other")
        .or_else(|| forms.first().map(|f| f.class))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn strip(name: &str) -> (Vec<String>, Option<&'static str>) {
        let ws = words(name);
        let (flags, forms) = tag_legal(&ws);
        let kept = ws
            .into_iter()
            .zip(flags)
            .filter(|(_, f)| !f)
            .map(|(w, _)| w)
            .collect();
        (kept, main_class(&forms))
    }

    #[test]
    fn forms_in_many_languages() {
        assert_eq!(
            strip("ООО \"ЛЕГИОН\""),
            (vec!["ЛЕГИОН".to_string()], Some("llc"))
        );
        assert_eq!(
            strip("LEGION LLC"),
            (vec!["LEGION".to_string()], Some("llc"))
        );
        assert_eq!(
            strip("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"БАЙ\""),
            (vec!["БАЙ".to_string()], Some("llc"))
        );
        assert_eq!(strip("ТОО «АСТАНА ТЕХНО ТРЕЙД»").1, Some("llp"));
        assert_eq!(strip("ASTANA TECHNO TRADE LLP").1, Some("llp"));
        assert_eq!(
            strip("SZ DJI TECHNOLOGY CO LTD").0,
            words("SZ DJI TECHNOLOGY")
        );
        assert_eq!(
            strip("Shenzhen Dajiang Innovation Technology Co., Ltd.")
                .0
                .len(),
            4
        );
        assert_eq!(
            strip("JSC TACTICAL MISSILES CORP.").0,
            words("TACTICAL MISSILES")
        );
        assert_eq!(
            strip("TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY").0,
            words("TACTICAL MISSILES")
        );
        assert_eq!(
            strip("FABERLIC EUROPE Sp. z o.o.").0,
            words("FABERLIC EUROPE")
        );
        assert_eq!(strip("ABC LTD. ŞTİ.").0, words("ABC"));
        assert_eq!(strip("ARMCO ՍՊԸ").1, Some("llc"));
        assert_eq!(strip("GULF TRADE FZ-LLC").0, words("GULF TRADE"));
        assert_eq!(strip("LIMITED").0, words("LIMITED"));
        assert_eq!(
            strip("TACTICAL MISSILES CORPORATION JOYNT STOCK COMPANY"),
            (words("TACTICAL MISSILES"), Some("jsc"))
        );
        assert_eq!(strip("SIEMENS AKG").0, words("SIEMENS AKG"));
    }
}
