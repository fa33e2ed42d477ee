//! Chinese company names: segmentation into place prefixes, brand aliases, industry words and legal forms, and pinyin for the rest.
//!
//! `深圳市大疆创新科技有限公司` becomes SHENZHEN (place) · DJI (brand) · TECHNOLOGY (industry) · COMPANY LIMITED (legal, llc).
//! The dictionary is matched longest-first from left to right; characters between dictionary words form one run whose pinyin syllables are joined (`星河` → XINGHE), as registry English names write them.
//! Traditional characters read like their simplified forms, so HK and TW spellings give the same pinyin.

use crate::tables::{HAN_DICT, HanKind, PINYIN, TRAD_TO_SIMP};
use crate::text::is_han;

/// One piece of a segmented Han run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HanPiece {
    /// Place prefix, in Latin words (`SHENZHEN`).
    Admin(String),
    /// Generic industry word in English (`TECHNOLOGY`).
    Industry(String),
    /// Legal form: class and English words.
    Legal(&'static str, String),
    /// Brand alias resolved to its canonical token (`DJI`).
    Brand(String),
    /// Pinyin of a run of other characters, syllables joined (`XINGHE`).
    Pinyin(String),
}

/// Pinyin of a run of characters, syllables joined; characters without a reading are skipped.
pub fn pinyin_joined(run: &str) -> String {
    let mut out = String::with_capacity(run.len() * 2);
    for c in run.chars() {
        if let Some(p) = PINYIN.get(&c) {
            out.push_str(p);
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if let Some(d) = deunicode::deunicode_char(c) {
            // Rare characters outside our table: deunicode's romanisation (pinyin for most Han).
            out.extend(
                d.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|x| x.to_ascii_uppercase()),
            );
        }
    }
    out
}

/// Pinyin of a run of characters, one syllable per word.
pub fn pinyin_syllables(run: &str) -> Vec<String> {
    run.chars()
        .filter_map(|c| PINYIN.get(&c))
        .map(|p| p.to_string())
        .collect()
}

/// Split a run of Han characters into dictionary words and pinyin runs.
pub fn segment(run: &str) -> Vec<HanPiece> {
    let (dict, longest) = &*HAN_DICT;
    let chars: Vec<char> = run
        .chars()
        .map(|c| TRAD_TO_SIMP.get(&c).copied().unwrap_or(c))
        .collect();
    let mut pieces = Vec::new();
    let mut rest = String::new();
    let mut i = 0;
    while i < chars.len() {
        let mut hit = None;
        let max = (*longest).min(chars.len() - i);
        for len in (1..=max).rev() {
            let w: String = chars[i..i + len].iter().collect();
            if let Some((kind, latin)) = dict.get(&w) {
                // A one-character word only counts at the end of the name, so it cannot split a given name.
                if len == 1 && i + 1 != chars.len() {
                    continue;
                }
                hit = Some((len, *kind, latin.clone()));
                break;
            }
        }
        match hit {
            Some((len, kind, latin)) => {
                if !rest.is_empty() {
                    pieces.push(HanPiece::Pinyin(pinyin_joined(&rest)));
                    rest.clear();
                }
                pieces.push(match kind {
                    HanKind::Admin => HanPiece::Admin(latin),
                    HanKind::Industry => HanPiece::Industry(latin),
                    HanKind::Legal(class) => HanPiece::Legal(class, latin),
                    HanKind::Brand => HanPiece::Brand(latin),
                });
                i += len;
            }
            None => {
                rest.push(chars[i]);
                i += 1;
            }
        }
    }
    if !rest.is_empty() {
        let p = pinyin_joined(&rest);
        if !p.is_empty() {
            pieces.push(HanPiece::Pinyin(p));
        }
    }
    pieces
}

/// How many pinyin syllables a Latin word splits into, if it is a run of valid syllables (`XINGHE` → 2).
pub fn pinyin_syllable_count(word: &str) -> Option<usize> {
    use std::collections::HashSet;
    use std::sync::LazyLock;
    static SYLLABLES: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| PINYIN.values().copied().collect());
    let n = word.len();
    if n == 0 || n > 24 || !word.is_ascii() {
        return None;
    }
    let mut best: Vec<Option<usize>> = vec![None; n + 1];
    best[0] = Some(0);
    for end in 1..=n {
        for start in end.saturating_sub(6)..end {
            if let Some(c) = best[start]
                && SYLLABLES.contains(&word[start..end])
                && best[end].is_none_or(|b| c + 1 < b)
            {
                best[end] = Some(c + 1);
            }
        }
    }
    best[n]
}

/// Whether a word is written only in Han characters.
pub fn is_han_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_han)
}

/// Whether two names differ in a word that reads as Chinese pinyin of two or more syllables on both sides (`XINGHE` vs `XINHE`).
///
/// Only Chinese trade names count: every core word on both sides must read as pinyin, so `JPMORGAN CHASE` ~ `JPMORGON CHACE` or `BANK OF CHINA` ~ `BANK OF CHIMA` stay typos.
pub fn pinyin_mismatch(a: &[String], b: &[String]) -> bool {
    let pinyin = |w: &String| pinyin_syllable_count(w).is_some();
    if !a.iter().all(pinyin) || !b.iter().all(pinyin) {
        return false;
    }
    let only_b: Vec<&String> = b.iter().filter(|t| !a.contains(t)).collect();
    for x in a.iter().filter(|t| !b.contains(t)) {
        let best = only_b
            .iter()
            .map(|y| (crate::features::token_sim(x, y), *y))
            .max_by(|p, q| p.0.total_cmp(&q.0));
        if let Some((sim, y)) = best {
            let multi = |w: &str| pinyin_syllable_count(w).is_some_and(|n| n >= 2);
            if sim >= 0.7 && multi(x) && multi(y) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dji_segments() {
        let p = segment("深圳市大疆创新科技有限公司");
        assert_eq!(
            p,
            vec![
                HanPiece::Admin("SHENZHEN".into()),
                HanPiece::Brand("DJI".into()),
                HanPiece::Industry("TECHNOLOGY".into()),
                HanPiece::Legal("llc", "COMPANY LIMITED".into()),
            ]
        );
    }

    #[test]
    fn unknown_run_is_pinyin() {
        let p = segment("深圳市星河科技有限公司");
        assert_eq!(p[1], HanPiece::Pinyin("XINGHE".into()));
        assert_eq!(pinyin_joined("大疆"), "DAJIANG");
        assert_eq!(pinyin_syllables("习近平"), vec!["XI", "JIN", "PING"]);
        assert_eq!(pinyin_syllable_count("XINGHE"), Some(2));
        assert_eq!(pinyin_syllable_count("XINHE"), Some(2));
        assert_eq!(pinyin_syllable_count("SIEMENS"), None);
    }

    #[test]
    fn traditional_reads_like_simplified() {
        assert_eq!(pinyin_joined("貿易"), pinyin_joined("贸易"));
        let p = segment("香港星河貿易有限公司");
        assert_eq!(p[0], HanPiece::Admin("HONG KONG".into()));
    }
}
