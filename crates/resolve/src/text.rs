//! Text clean-up shared by every name: Unicode NFKC, upper-casing, quote and punctuation styles, and script detection.
//!
//! Every later step sees the same shape of text: upper case, one space between words, no quotes.
//! Dots and apostrophes inside a word are deleted (`A.B.C.` → `ABC`, `Int’l` → `INTL`), other punctuation separates words.
//! `&` becomes its own word, so `AT&T` and `AT and T` give the same words once `&` is read as `AND`.

use unicode_normalization::UnicodeNormalization;

/// The writing system of a character or of a whole name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    /// Latin letters, with or without diacritics.
    Latin,
    /// Cyrillic letters (Russian, Ukrainian, Kazakh, Serbian, ...).
    Cyrillic,
    /// Chinese characters (Han), including Japanese kanji.
    Han,
    /// Any other script with letters (Greek, Arabic, Hangul, Kana, ...).
    Other,
    /// No letters at all (digits or punctuation only, or empty).
    None,
}

impl Script {
    /// A short lower-case label for reports, e.g. `latin`.
    pub fn label(self) -> &'static str {
        match self {
            Script::Latin => "latin",
            Script::Cyrillic => "cyrillic",
            Script::Han => "han",
            Script::Other => "other",
            Script::None => "none",
        }
    }
}

/// Whether a character is a Han ideograph (CJK unified ideographs and their extensions, compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// The script of one character, or `None` for digits, punctuation and marks.
pub fn script_of(c: char) -> Script {
    if c.is_ascii_alphabetic() {
        return Script::Latin;
    }
    if c.is_ascii() || !c.is_alphabetic() {
        return Script::None;
    }
    let u = c as u32;
    if is_han(c) {
        Script::Han
    } else if (0x0400..=0x052F).contains(&u)
        || (0x1C80..=0x1C8F).contains(&u)
        || (0x2DE0..=0x2DFF).contains(&u)
        || (0xA640..=0xA69F).contains(&u)
    {
        Script::Cyrillic
    } else if u <= 0x024F
        || (0x1E00..=0x1EFF).contains(&u)
        || (0x2C60..=0x2C7F).contains(&u)
        || (0xA720..=0xA7FF).contains(&u)
    {
        Script::Latin
    } else {
        Script::Other
    }
}

/// The script most letters of `text` are written in; Han wins ties because one Han character carries a syllable.
pub fn dominant_script(text: &str) -> Script {
    let mut counts = [0usize; 4];
    for c in text.chars() {
        match script_of(c) {
            Script::Latin => counts[0] += 1,
            Script::Cyrillic => counts[1] += 1,
            Script::Han => counts[2] += 3,
            Script::Other => counts[3] += 1,
            Script::None => {}
        }
    }
    let order = [Script::Han, Script::Cyrillic, Script::Other, Script::Latin];
    let idx = |s: Script| match s {
        Script::Latin => 0,
        Script::Cyrillic => 1,
        Script::Han => 2,
        _ => 3,
    };
    let best = order
        .iter()
        .copied()
        .max_by_key(|s| (counts[idx(*s)], 4 - idx(*s)));
    match best {
        Some(s) if counts[idx(s)] > 0 => s,
        _ => Script::None,
    }
}

/// Characters deleted inside a word: apostrophes and similar marks.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ' | 'ʻ' | '´' | 'ʹ')
}

/// Step 1: NFKC, then upper case (full Unicode case mapping, so `ß` becomes `SS`).
pub fn fold_case(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    nfkc.to_uppercase()
}

/// Step 2: quotes and punctuation to spaces, dots and apostrophes inside words deleted, `&` split off, Han runs split from other letters.
pub fn clean_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev_kind = 0u8; // 0 space, 1 han, 2 other word char
    for (i, &c) in chars.iter().enumerate() {
        let word_char = c.is_alphanumeric() || c == '\u{0301}' || c.is_mark_like();
        if word_char {
            let kind = if is_han(c) { 1 } else { 2 };
            if prev_kind != 0 && prev_kind != kind {
                out.push(' ');
            }
            out.push(c);
            prev_kind = kind;
            continue;
        }
        let prev_alnum = i > 0 && chars[i - 1].is_alphanumeric();
        let next_alnum = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        // An apostrophe inside a word (O'BRIEN) is dropped; one between a word and a quote is a quote (`Crimea’‘Chernomorneftegaz’` is two words).
        if (is_apostrophe(c) || c == '.') && prev_alnum && next_alnum {
            continue;
        }
        if c == '&' || c == '+' {
            out.push_str(" & ");
            prev_kind = 0;
            continue;
        }
        if prev_kind != 0 {
            out.push(' ');
        }
        prev_kind = 0;
    }
    out
}

/// Helper trait: combining marks count as part of a word.
trait MarkLike {
    fn is_mark_like(&self) -> bool;
}

impl MarkLike for char {
    fn is_mark_like(&self) -> bool {
        matches!(*self as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31..=0x0E3A | 0x0E47..=0x0E4E | 0x17B4..=0x17D3 | 0x200C | 0x200D)
    }
}

/// Steps 1 and 2 together, then split into words.
pub fn words(text: &str) -> Vec<String> {
    clean_punctuation(&fold_case(text))
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_styles() {
        assert_eq!(words("ООО «ЛЕГИОН»"), vec!["ООО", "ЛЕГИОН"]);
        assert_eq!(words("ООО \"Легион\""), vec!["ООО", "ЛЕГИОН"]);
        assert_eq!(words("„Legion“ Co., Ltd."), vec!["LEGION", "CO", "LTD"]);
        assert_eq!(words("A.B.C. Company"), vec!["ABC", "COMPANY"]);
        assert_eq!(words("First Bank Int’l"), vec!["FIRST", "BANK", "INTL"]);
        assert_eq!(words("AT&T Inc."), vec!["AT", "&", "T", "INC"]);
        assert_eq!(words("DJI大疆"), vec!["DJI", "大疆"]);
        assert_eq!(
            words("Republic of Crimea’‘Chernomorneftegaz’"),
            vec!["REPUBLIC", "OF", "CRIMEA", "CHERNOMORNEFTEGAZ"]
        );
        assert_eq!(words("O’Brien & Sons’"), vec!["OBRIEN", "&", "SONS"]);
        assert_eq!(words("深圳市（大疆）"), vec!["深圳市", "大疆"]);
    }

    #[test]
    fn scripts() {
        assert_eq!(dominant_script("LEGION LLC"), Script::Latin);
        assert_eq!(dominant_script("ООО Легион"), Script::Cyrillic);
        assert_eq!(dominant_script("大疆 DJI"), Script::Han);
        assert_eq!(dominant_script("Բարակ"), Script::Other);
        assert_eq!(dominant_script("123"), Script::None);
        assert_eq!(script_of('é'), Script::Latin);
    }
}
