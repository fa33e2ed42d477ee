//! Word-level rewriting of Latin words: abbreviations, number words, brand aliases, place prefixes and generic words.
//!
//! `IMP & EXP` → IMPORT AND EXPORT, `INTL` → INTERNATIONAL, `1ST`/`FIRST` → 1, `FORTY FOUR` → 44, `DAJIANG` → DJI.
//! A place word (`SZ`, `SHENZHEN`, `HONG KONG`) at the start of a company name is a prefix, not part of its identity.

use crate::tables::{ABBREVIATIONS, ALIASES_MAP, GENERIC_WORDS};

/// What a word contributes to a name's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// A distinctive word: compared, and used for blocking.
    Core,
    /// A brand alias resolved to its canonical token (`DJI`): distinctive.
    Brand,
    /// A place prefix (`SHENZHEN`): kept in the words, left out of the core.
    Admin,
    /// A generic industry word, stopword or title: kept in the words, left out of the core.
    Generic,
    /// Part of a legal form: left out of the words that are compared.
    Legal,
}

impl Tag {
    /// Whether the word belongs to the core.
    pub fn is_core(self) -> bool {
        matches!(self, Tag::Core | Tag::Brand)
    }
}

const UNITS: &[(&str, u32)] = &[
    ("ZERO", 0),
    ("ONE", 1),
    ("TWO", 2),
    ("THREE", 3),
    ("FOUR", 4),
    ("FIVE", 5),
    ("SIX", 6),
    ("SEVEN", 7),
    ("EIGHT", 8),
    ("NINE", 9),
    ("TEN", 10),
    ("ELEVEN", 11),
    ("TWELVE", 12),
    ("THIRTEEN", 13),
    ("FOURTEEN", 14),
    ("FIFTEEN", 15),
    ("SIXTEEN", 16),
    ("SEVENTEEN", 17),
    ("EIGHTEEN", 18),
    ("NINETEEN", 19),
    ("FIRST", 1),
    ("SECOND", 2),
    ("THIRD", 3),
    ("FOURTH", 4),
    ("FIFTH", 5),
    ("SIXTH", 6),
    ("SEVENTH", 7),
    ("EIGHTH", 8),
    ("NINTH", 9),
    ("TENTH", 10),
];
const TENS: &[(&str, u32)] = &[
    ("TWENTY", 20),
    ("THIRTY", 30),
    ("FORTY", 40),
    ("FOURTY", 40),
    ("FIFTY", 50),
    ("SIXTY", 60),
    ("SEVENTY", 70),
    ("EIGHTY", 80),
    ("NINETY", 90),
    ("HUNDRED", 100),
];

/// The value of a number word or an ordinal like `1ST`, if the word is one.
fn number_value(word: &str) -> Option<(u32, bool)> {
    if let Some((_, v)) = UNITS.iter().find(|(w, _)| *w == word) {
        return Some((*v, false));
    }
    if let Some((_, v)) = TENS.iter().find(|(w, _)| *w == word) {
        return Some((*v, true));
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !digits.is_empty()
        && digits.len() <= 6
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "ST" | "ND" | "RD" | "TH" | "ERS" | "S")
    {
        return digits.parse().ok().map(|v| (v, false));
    }
    None
}

/// Rewrite one word list: abbreviations expanded, `&` read as AND, number words and ordinals as digits (`FORTY FOUR` → 44).
pub fn expand(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 2);
    let mut pending_tens: Option<u32> = None;
    for w in words {
        if let Some((v, is_tens)) = number_value(&w) {
            match (pending_tens.take(), is_tens) {
                (Some(t), false) if v < 10 => {
                    out.pop();
                    out.push((t + v).to_string());
                }
                (_, true) => {
                    out.push(v.to_string());
                    pending_tens = Some(v);
                }
                _ => out.push(v.to_string()),
            }
            continue;
        }
        pending_tens = None;
        match ABBREVIATIONS.get(&w) {
            Some(exp) => out.extend(exp.iter().cloned()),
            None => out.push(w),
        }
    }
    out
}

/// A brand alias's canonical token, e.g. `DAJIANG` → `DJI`.
pub fn brand_alias(word: &str) -> Option<&'static str> {
    ALIASES_MAP.get(word).map(String::as_str)
}

/// Whether a word is generic (industry word, stopword, title).
pub fn is_generic(word: &str) -> bool {
    GENERIC_WORDS.generic.contains(word)
}

/// If the words at `at` form a place prefix, its canonical words and how many words it covers.
pub fn admin_prefix(words: &[String], at: usize) -> Option<(Vec<String>, usize)> {
    if at + 1 < words.len() {
        let two = format!("{} {}", words[at], words[at + 1]);
        if two == "HONG KONG" {
            return Some((vec!["HONG".into(), "KONG".into()], 2));
        }
    }
    GENERIC_WORDS
        .admin
        .get(words.get(at)?)
        .map(|c| (c.clone(), 1))
}

/// Whether `core` is one word of two to six letters spelling the initials of three or more words of `name` (function words left out).
///
/// A name that starts with or contains a place (`DONGGUAN JINPENG INDUSTRIAL`) is not expanded: the initials of a place, a trade name and an industry word are a coincidence, not an acronym (`DJI`).
pub fn is_acronym_of(core: &[String], name: &[String]) -> bool {
    const FUNCTION_WORDS: [&str; 12] = [
        "AND", "OF", "THE", "FOR", "DE", "DER", "DES", "DU", "LA", "LE", "DEL", "S",
    ];
    let [word] = core else {
        return false;
    };
    if !(2..=6).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let words: Vec<&String> = name
        .iter()
        .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
        .collect();
    let spelled = words.len() >= 3
        && words.len() == word.len()
        && words
            .iter()
            .zip(word.bytes())
            .all(|(w, c)| w.as_bytes().first() == Some(&c));
    // Checked last: it runs for few pairs, and a place lookup allocates.
    spelled && !(0..name.len()).any(|at| admin_prefix(name, at).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_not_read_over_places() {
        let words = |t: &str| t.split(' ').map(String::from).collect::<Vec<_>>();
        assert!(is_acronym_of(
            &words("PLA"),
            &words("PEOPLES LIBERATION ARMY")
        ));
        assert!(!is_acronym_of(
            &words("DJI"),
            &words("DONGGUAN JINPENG INDISTRIAL")
        ));
    }

    fn ex(s: &str) -> Vec<String> {
        expand(crate::text::words(s))
    }

    #[test]
    fn abbreviations_and_numbers() {
        assert_eq!(ex("IMP & EXP"), ex("IMPORT AND EXPORT"));
        assert_eq!(ex("INTL TRDG CO"), ex("INTERNATIONAL TRADING COMPANY"));
        assert_eq!(ex("Brigade Forty-Four"), ex("Brigade 44"));
        assert_eq!(ex("Brigade Fourty-four"), ex("Brigade 44"));
        assert_eq!(ex("1st International Bank"), ex("First International Bank"));
        assert_eq!(ex("3 Percenters"), ex("Three Percenters"));
        assert_eq!(
            ex("Guangzhou Haige Comm Grp"),
            ex("Guangzhou Haige Communications Group")
        );
    }

    /// An expansion is already canonical, so that normalising a normalised name changes nothing.
    #[test]
    fn expansions_are_fixed_points() {
        for (from, to) in ABBREVIATIONS.iter() {
            assert_eq!(
                &expand(to.clone()),
                to,
                "{from} expands to a word that is rewritten again"
            );
        }
    }

    #[test]
    fn aliases_and_places() {
        assert_eq!(brand_alias("DAJIANG"), Some("DJI"));
        assert_eq!(admin_prefix(&ex("SZ DJI"), 0).map(|p| p.1), Some(1));
        assert_eq!(
            admin_prefix(&ex("HONG KONG XINGHE"), 0).map(|p| p.1),
            Some(2)
        );
        assert!(is_generic("TECHNOLOGY"));
    }
}
