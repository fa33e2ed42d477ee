//! Spelling a word in one folded Latin alphabet, whatever script it was written in, so transliterated queries meet the words they stand for.
//!
//! The fold analyzer respells Latin letters in Cyrillic ([`to_cyrillic`]), lets the Russian stemmer cut the ending, and spells the stem back in Latin with `deunicode`, merging letters that transliteration schemes write differently ([`fold`]).
//! So `kvadrokoptery` and `квадрокоптеры`, `Alfa` and `Альфа`, `MAVIC` and `мавик` each end on one term.

use crate::analysis::{Class, class, is_cyrillic};

/// The folded Latin spelling of one lowercased word: Cyrillic transliterated, then sounds that Latin spells several ways merged.
///
/// `мавик` and `mavic` both give `mavik`; `квадрокоптер` and `kvadrokopter` give `kvadrokopter`; `джи` and `dji` give `ji`.
/// Words with neither Cyrillic nor Latin letters (digits, Han) are returned unchanged.
pub fn fold(word: &str) -> String {
    if !word
        .chars()
        .any(|c| c.is_alphabetic() && class(c) == Class::Letter)
    {
        return word.to_owned();
    }
    let latin = deunicode::deunicode_with_tofu(word, "").to_ascii_lowercase();
    let b: Vec<u8> = latin.bytes().filter(u8::is_ascii_alphanumeric).collect();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let next = b.get(i + 1).copied().unwrap_or(0);
        let next2 = b.get(i + 2).copied().unwrap_or(0);
        let (piece, skip): (&[u8], usize) = match b[i] {
            b'd' if next == b'z' && next2 == b'h' => (b"j", 3),
            b'd' if next == b'j' => (b"j", 2),
            b'z' if next == b'h' => (b"j", 2),
            b'k' if next == b'h' => (b"h", 2),
            b'p' if next == b'h' => (b"f", 2),
            b'c' if next == b'h' => (b"ch", 2),
            b'c' if next == b'k' => (b"k", 2),
            b't' if next == b's' => (b"c", 2),
            b'c' if matches!(next, b'e' | b'i' | b'y') => (b"c", 1),
            b'c' | b'q' => (b"k", 1),
            b'x' => (b"ks", 1),
            b'w' => (b"v", 1),
            b'y' | b'j' => (b"i", 1),
            _ => (std::slice::from_ref(&b[i]), 1),
        };
        for &p in piece {
            if out.last() != Some(&p) || p.is_ascii_digit() {
                out.push(p);
            }
        }
        i += skip;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Latin letters of a word respelled in Cyrillic, so the Russian stemmer treats a transliterated word like the Cyrillic one (`alfa` → `алфа` → `алф`).
///
/// Only the fold analyzer uses it, before stemming; the result is folded back to Latin, so the exact Cyrillic chosen does not matter, only that both spellings of a word land on the same stem.
pub fn to_cyrillic(word: &str) -> String {
    if !word
        .chars()
        .any(|c| c.is_alphabetic() && !is_cyrillic(c) && class(c) == Class::Letter)
    {
        return word.to_owned();
    }
    let mut latin = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() || is_cyrillic(c) || class(c) != Class::Letter {
            latin.push(c);
        } else {
            latin.push_str(
                &deunicode::deunicode_char(c)
                    .unwrap_or("")
                    .to_ascii_lowercase(),
            );
        }
    }
    const PAIRS: [(&str, &str); 24] = [
        ("shch", "щ"),
        ("sch", "щ"),
        ("dzh", "дж"),
        ("sh", "ш"),
        ("ch", "ч"),
        ("zh", "ж"),
        ("kh", "х"),
        ("ts", "ц"),
        ("ya", "я"),
        ("yu", "ю"),
        ("ja", "я"),
        ("ju", "ю"),
        ("yo", "е"),
        ("ph", "ф"),
        ("ck", "к"),
        ("dj", "дж"),
        ("ce", "се"),
        ("ci", "си"),
        ("cy", "сы"),
        ("x", "кс"),
        ("j", "дж"),
        ("q", "к"),
        ("w", "в"),
        ("'", ""),
    ];
    const ONE: [char; 26] = [
        'а', 'б', 'к', 'д', 'е', 'ф', 'г', 'х', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', 'к', 'р',
        'с', 'т', 'у', 'в', 'в', 'к', 'ы', 'з',
    ];
    let mut out = String::with_capacity(latin.len() * 2);
    let mut rest = latin.as_str();
    'outer: while let Some(c) = rest.chars().next() {
        for (from, to) in PAIRS {
            if rest.starts_with(from) {
                out.push_str(to);
                rest = &rest[from.len()..];
                continue 'outer;
            }
        }
        match c {
            'a'..='z' => out.push(ONE[(c as u8 - b'a') as usize]),
            other => out.push(other),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}
