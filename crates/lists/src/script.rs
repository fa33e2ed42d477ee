//! Tells which writing system a name is in, so screening can pick a transliteration and reviewers can see original-script names.
//!
//! Hand-rolled Unicode block ranges: the four scripts that matter for the lists (Latin, Cyrillic, Han, Arabic) and "other".
//! Digits, punctuation and spaces carry no script and are ignored.

/// The script of one character, or `None` for characters without one (digits, punctuation, spaces).
fn char_script(c: char) -> Option<&'static str> {
    let u = c as u32;
    let s = match u {
        0x41..=0x5A | 0x61..=0x7A => "latin",
        0xC0..=0x24F
        | 0x1E00..=0x1EFF
        | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF
        | 0xFF21..=0xFF3A
        | 0xFF41..=0xFF5A
            if c.is_alphabetic() =>
        {
            "latin"
        }
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => "cyrillic",
        0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFF
        | 0x30000..=0x3134F => "han",
        0x600..=0x6FF | 0x750..=0x77F | 0x870..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF
            if c.is_alphabetic() =>
        {
            "arabic"
        }
        _ if c.is_alphabetic() => "other",
        _ => return None,
    };
    Some(s)
}

/// The dominant script of a name: `latin`, `cyrillic`, `han`, `arabic`, `other` or `mixed`.
///
/// A name is `mixed` when more than one script has letters in it, unless one script has at least nine in ten of them.
/// A name without letters (digits only, empty) is `other`.
pub fn detect_script(name: &str) -> &'static str {
    const SCRIPTS: [&str; 5] = ["latin", "cyrillic", "han", "arabic", "other"];
    let mut counts = [0usize; 5];
    for c in name.chars() {
        if let Some(s) = char_script(c) {
            let i = SCRIPTS.iter().position(|x| *x == s).unwrap_or(4);
            counts[i] += 1;
        }
    }
    let total: usize = counts.iter().sum();
    if total == 0 {
        return "other";
    }
    let (best, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(_, n)| **n)
        .unwrap_or((4, &0));
    if n == total || n * 10 >= total * 9 {
        SCRIPTS[best]
    } else {
        "mixed"
    }
}

#[cfg(test)]
mod tests {
    use super::detect_script;

    #[test]
    fn scripts_of_typical_names() {
        assert_eq!(detect_script("VTB BANK PJSC"), "latin");
        assert_eq!(detect_script("Société Générale"), "latin");
        assert_eq!(detect_script("Банк ВТБ"), "cyrillic");
        assert_eq!(detect_script("Уладзімір НАВУМАЎ"), "cyrillic");
        assert_eq!(detect_script("深圳市大疆创新科技有限公司"), "han");
        assert_eq!(detect_script("عزت ابراهيم الدوري"), "arabic");
        assert_eq!(detect_script("ООО «Ромашка» (Romashka LLC)"), "mixed");
        assert_eq!(detect_script("조선"), "other");
        assert_eq!(detect_script("12-34"), "other");
        assert_eq!(detect_script(""), "other");
    }
}
