//! Scheme folding: the Latin spellings one Cyrillic word gets under different transliteration schemes fold to one form.
//!
//! A broker copying a Kazakh invoice writes `KAZTECH`, `KAZTEKH` or `KAZTEX` for `КАЗТЕХ`, and `SHETYSU` or `ZHETYSU` for `ЖЕТЫСУ`, whatever scheme the resolver tried.
//! The fold maps the renderings that published and informal schemes give one letter (ICAO 9303, BGN/PCGN, GOST 7.79, ISO 9, MVD, German and French practice) to one class:
//! Х as KH, H, X or CH; Ч as CH, TCH or TSCH; Ж and Ш as ZH, SH or SCH; Щ as SHCH, SHH or SCHTSCH; Ц and З as TS, TZ, CZ or Z; Й, Я, Ю and Ё as I, Y or J before or after a vowel; В as V or W.
//! It is lossy on purpose (Ж meets Ш, Ц meets З, Х meets Ч), so it is only used where one side of a pair was written in Cyrillic and the other is a Latin transliteration of it.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::tables::CYRILLIC_WORDS;
use crate::translit::cyrillic_variants;

/// Renderings folded to one class, longest first; classes are lower-case letters, which never occur in the upper-case input.
const RULES: &[(&str, char)] = &[
    ("SCHTSCH", 'q'),
    ("SHTSCH", 'q'),
    ("SHCH", 'q'),
    ("SHTCH", 'q'),
    ("SHH", 'q'),
    ("TSCH", 'x'),
    ("TCH", 'x'),
    ("SCH", 'w'),
    ("ZH", 'w'),
    ("SH", 'w'),
    ("KH", 'x'),
    ("CH", 'x'),
    ("TS", 'z'),
    ("TZ", 'z'),
    ("CZ", 'z'),
    ("H", 'x'),
    ("X", 'x'),
    ("Z", 'z'),
    ("W", 'V'),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'A' | 'E' | 'I' | 'O' | 'U' | 'Y')
}

/// The folded form of one upper-case Latin word; other characters pass through.
///
/// Glides are read after the digraphs: I, Y or J before a vowel, or after a vowel and not before one, is the class `j` (`IA`, `YA`, `JA` → `jA`; `TREID`, `TREYD`, `TREJD` → `TREjD`), and a word-initial YE or JE is E.
pub fn fold_word(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut mid: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    'outer: while i < chars.len() {
        for (from, to) in RULES {
            let n = from.len();
            if i + n <= chars.len() && chars[i..i + n].iter().copied().eq(from.chars()) {
                mid.push(*to);
                i += n;
                continue 'outer;
            }
        }
        mid.push(chars[i]);
        i += 1;
    }
    let mut out = String::with_capacity(mid.len());
    let mut prev: Option<char> = None;
    for (k, &c) in mid.iter().enumerate() {
        let next = mid.get(k + 1).copied();
        let glide = matches!(c, 'I' | 'Y' | 'J')
            && (next.is_some_and(|n| is_vowel(n) && n != 'I' && n != 'Y')
                || (prev.is_some_and(is_vowel) && !next.is_some_and(is_vowel)));
        prev = Some(c);
        // Е starting a word is E in most schemes and YE or JE in others.
        if k == 0 && matches!(c, 'Y' | 'J') && next == Some('E') {
            continue;
        }
        out.push(if c == 'J' || glide { 'j' } else { c });
    }
    out
}

/// The folded form of each word.
pub fn fold_words(words: &[String]) -> Vec<String> {
    words.iter().map(|w| fold_word(w)).collect()
}

/// Every scheme's spelling of the English loanwords written in Cyrillic (`ГРУПП` → GRUPP, `СЕРВИС` → SERVIS), folded, with the English word.
static LOANWORDS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    let mut words: Vec<(&String, &String)> = CYRILLIC_WORDS.iter().collect();
    words.sort();
    for (cyr, en) in words {
        for v in cyrillic_variants(cyr) {
            map.entry(fold_word(&v)).or_insert(en.as_str());
        }
    }
    map
});

/// The English word a Latin transliteration of a Cyrillic loanword stands for (`GRUPP` → GROUP, `KHOLDING` or `CHOLDING` → HOLDING), when it is one.
///
/// The Cyrillic side reads `ГРУПП` as GROUP (see `cyrillic_words.tsv`), so the Latin side must read the broker's GRUPP the same way.
pub fn loanword(word: &str) -> Option<&'static str> {
    if word.len() < 3 {
        return None;
    }
    LOANWORDS.get(&fold_word(word)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(words: &[&str]) {
        let f: Vec<String> = words.iter().map(|w| fold_word(w)).collect();
        assert!(f.iter().all(|x| *x == f[0]), "{words:?} -> {f:?}");
    }

    #[test]
    fn schemes_fold_together() {
        same(&["KAZTEKH", "KAZTEX", "KAZTECH"]);
        same(&["ZHETYSU", "SHETYSU", "SCHETYSU"]);
        same(&["KAZTREID", "KAZTREYD", "KAZTREJD"]);
        same(&["EVRAZIIA", "EVRAZIYA", "EVRAZIJA"]);
        same(&["PLIUS", "PLYUS", "PLJUS"]);
        same(&["TSENTR", "CZENTR", "ZENTR"]);
        same(&["SHCHIT", "SHHIT", "SCHTSCHIT"]);
        same(&["CHAIKA", "TSCHAJKA", "CHAYKA"]);
        same(&["EVRAZIYA", "YEVRAZIYA", "JEVRAZIJA"]);
        same(&["VOSTOK", "WOSTOK"]);
    }

    #[test]
    fn every_resolver_scheme_folds_to_one_form_on_plain_words() {
        for w in ["ГЕЛИОС", "КАЗТЕХ", "ЖЕТЫСУ", "ЛАЙН", "ЕВРАЗИЯ", "САРЫАРКА"]
        {
            let v = cyrillic_variants(w);
            let f: Vec<String> = v.iter().map(|x| fold_word(x)).collect();
            assert!(f.iter().all(|x| *x == f[0]), "{w}: {v:?} -> {f:?}");
        }
    }

    #[test]
    fn transliterated_loanwords_read_as_english() {
        assert_eq!(loanword("GRUPP"), Some("GROUP"));
        assert_eq!(loanword("SERVIS"), Some("SERVICE"));
        assert_eq!(loanword("CHOLDING"), Some("HOLDING"));
        assert_eq!(loanword("TREJD"), Some("TRADE"));
        assert_eq!(loanword("GELIOS"), None);
        assert_eq!(loanword("M"), None);
    }

    #[test]
    fn different_words_stay_apart() {
        assert_ne!(fold_word("GELIOS"), fold_word("GERMES"));
        assert_ne!(fold_word("KAZTREID"), fold_word("KAZTORG"));
        assert_ne!(fold_word("ALMATY"), fold_word("ASTANA"));
        assert_ne!(fold_word("VESTORG"), fold_word("VESTTORG"));
        assert_eq!(fold_word("M"), "M");
        assert_eq!(fold_word(""), "");
    }
}
