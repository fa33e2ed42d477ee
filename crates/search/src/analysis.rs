//! How text becomes index terms: script-aware words, Russian and English stems, Han n-grams, and a folded Latin spelling for transliterated queries.
//!
//! Two analyzers are registered on every index, and the query side runs the same ones, so a query word and an indexed word always meet in the same form:
//! - `tt_text`: words lowercased, Cyrillic words stemmed with the Russian Snowball stemmer, Latin words with the English one, Han runs as n-grams;
//! - `tt_fold`: the same words respelled in Cyrillic, Russian-stemmed, then spelled in one folded Latin alphabet (`квадрокоптеры` and `kvadrokoptery` → `kvadrokopter`, `MAVIC` and `мавик` → `mavik`, `Alfa` and `Альфа` → `alf`).
//!
//! Han runs are indexed as every single character and every adjacent pair, so a one-character query (`御` of `御3`) and a longer one (`无人机` as `无人` + `人机`) both find their terms.

use crate::translit::{fold, to_cyrillic};
use tantivy::tokenizer::{
    Language, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Name of the stemmed analyzer.
pub const TEXT: &str = "tt_text";
/// Name of the stemmed analyzer used on query strings (Han runs as pairs only).
pub const TEXT_QUERY: &str = "tt_text_q";
/// Name of the folded-Latin analyzer.
pub const FOLD: &str = "tt_fold";
/// Name of the folded-Latin analyzer used on query strings.
pub const FOLD_QUERY: &str = "tt_fold_q";

/// The analyzers by name, for registering on an index.
pub fn analyzers() -> Vec<(&'static str, TextAnalyzer)> {
    let text = |han| {
        TextAnalyzer::builder(Words { han })
            .filter(Stemmer::new(Language::Russian))
            .filter(Stemmer::new(Language::English))
            .build()
    };
    let fold = |han| {
        TextAnalyzer::builder(Words { han })
            .filter(Map(to_cyrillic))
            .filter(Stemmer::new(Language::Russian))
            .filter(Map(fold))
            .build()
    };
    vec![
        (TEXT, text(HanGrams::Index)),
        (TEXT_QUERY, text(HanGrams::Query)),
        (FOLD, fold(HanGrams::Index)),
        (FOLD_QUERY, fold(HanGrams::Query)),
    ]
}

/// The terms an analyzer makes of `text`, in order, duplicates kept.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// How a run of Han characters becomes terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HanGrams {
    /// Every character and every adjacent pair.
    Index,
    /// The adjacent pairs, or the character when the run has one.
    Query,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Letter,
    Digit,
    Han,
    Gap,
}

pub(crate) fn class(c: char) -> Class {
    // ASCII and the Russian alphabet first: the general Unicode tables were the hottest code of an index build.
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Letter,
            '0'..='9' => Class::Digit,
            _ => Class::Gap,
        };
    }
    match c as u32 {
        0x0401 | 0x0410..=0x044F | 0x0451 => Class::Letter,
        0x3040..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F => Class::Han,
        _ if c.is_numeric() => Class::Digit,
        _ if c.is_alphabetic() => Class::Letter,
        _ => Class::Gap,
    }
}

/// Full-width ASCII to ASCII, `ё` to `е`, then lower case.
fn push_normal(c: char, out: &mut String) {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    match c {
        'ё' | 'Ё' => out.push('е'),
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        _ => out.extend(c.to_lowercase()),
    }
}

pub(crate) fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x052F)
}

/// In a mostly Cyrillic word, Latin letters that look Cyrillic are read as Cyrillic (`КВАДРОКОПТEР` with a Latin E).
fn fix_homoglyphs(word: &mut String) {
    let cyr = word.chars().filter(|c| is_cyrillic(*c)).count();
    let lat = word.chars().filter(char::is_ascii_alphabetic).count();
    if cyr == 0 || lat == 0 || lat > cyr {
        return;
    }
    *word = word
        .chars()
        .map(|c| match c {
            'a' => 'а',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'c' => 'с',
            'x' => 'х',
            'y' => 'у',
            'k' => 'к',
            'm' => 'м',
            't' => 'т',
            'b' => 'в',
            'h' => 'н',
            other => other,
        })
        .collect();
}

/// The word tokenizer: letter runs, digit runs and Han runs, split where the kind changes (`MAVIC3` → `mavic`, `3`).
#[derive(Debug, Clone)]
struct Words {
    han: HanGrams,
}

/// A token stream over tokens computed up front.
pub struct VecStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for Words {
    type TokenStream<'a> = VecStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        let mut tokens: Vec<Token> = Vec::new();
        let mut push = |from: usize, to: usize, text: String| {
            let position = tokens.len();
            tokens.push(Token {
                offset_from: from,
                offset_to: to,
                position,
                text,
                position_length: 1,
            });
        };
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let end_of = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
        let mut i = 0;
        while i < chars.len() {
            let kind = class(chars[i].1);
            let mut j = i + 1;
            while j < chars.len() && class(chars[j].1) == kind {
                j += 1;
            }
            match kind {
                Class::Gap => {}
                Class::Letter | Class::Digit => {
                    let mut word = String::with_capacity(end_of(j) - end_of(i));
                    chars[i..j].iter().for_each(|c| push_normal(c.1, &mut word));
                    fix_homoglyphs(&mut word);
                    push(end_of(i), end_of(j), word);
                }
                Class::Han => {
                    let run = &chars[i..j];
                    let one = |k: usize| run[k].1.to_string();
                    let two = |k: usize| format!("{}{}", run[k].1, run[k + 1].1);
                    let at = |k: usize| end_of(i + k);
                    if self.han == HanGrams::Index || run.len() == 1 {
                        (0..run.len()).for_each(|k| push(at(k), at(k + 1), one(k)));
                    }
                    (0..run.len().saturating_sub(1)).for_each(|k| push(at(k), at(k + 2), two(k)));
                }
            }
            i = j;
        }
        VecStream { tokens, next: 0 }
    }
}

/// Token filter applying a word function to every token.
#[derive(Clone, Copy)]
struct Map(fn(&str) -> String);

impl TokenFilter for Map {
    type Tokenizer<T: Tokenizer> = MapTokenizer<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> MapTokenizer<T> {
        MapTokenizer(tokenizer, self.0)
    }
}

#[derive(Clone)]
struct MapTokenizer<T>(T, fn(&str) -> String);

impl<T: Tokenizer> Tokenizer for MapTokenizer<T> {
    type TokenStream<'a> = MapStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapStream(self.0.token_stream(text), self.1)
    }
}

struct MapStream<S>(S, fn(&str) -> String);

impl<S: TokenStream> TokenStream for MapStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let token = self.0.token_mut();
        token.text = (self.1)(&token.text);
        true
    }
    fn token(&self) -> &Token {
        self.0.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(name: &str, text: &str) -> Vec<String> {
        let mut a = analyzers()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a)
            .expect("registered");
        terms(&mut a, text)
    }

    #[test]
    fn russian_forms_share_a_stem() {
        let stem = run(TEXT, "квадрокоптер");
        assert_eq!(run(TEXT, "КВАДРОКОПТЕРЫ"), stem);
        assert_eq!(run(TEXT, "квадрокоптера"), stem);
        assert_eq!(
            run(TEXT, "КВАДРОКОПТEР"),
            stem,
            "Latin E inside a Cyrillic word"
        );
    }

    #[test]
    fn transliterations_fold_together() {
        assert_eq!(run(FOLD, "мавик"), run(FOLD, "MAVIC"));
        assert_eq!(run(FOLD, "kvadrokopter"), run(FOLD, "квадрокоптеры"));
        assert_eq!(fold("джи"), fold("dji"));
        assert_eq!(run(FOLD, "MAVIC3"), vec!["mavik", "3"]);
        assert_eq!(run(FOLD, "Alfa"), run(FOLD, "Альфа"));
        assert_eq!(run(FOLD, "kvadrokoptery"), run(FOLD, "квадрокоптеры"));
        assert_eq!(run(FOLD, "matrice"), run(FOLD, "матрис"));
        assert_eq!(run(FOLD, "dji"), run(FOLD, "джи"));
    }

    #[test]
    fn han_runs_become_grams() {
        assert_eq!(run(TEXT, "御3"), vec!["御", "3"]);
        assert_eq!(run(TEXT_QUERY, "无人机"), vec!["无人", "人机"]);
        let indexed = run(TEXT, "大疆御3无人机");
        for t in ["御", "无人", "人机", "大疆"] {
            assert!(indexed.contains(&t.to_string()), "{t} in {indexed:?}");
        }
    }

    #[test]
    fn fullwidth_and_junk_do_not_panic() {
        assert_eq!(run(TEXT, "ＤＪＩ"), vec!["dji"]);
        assert!(run(TEXT, "\u{0}\u{FFFF}--").is_empty());
        let _ = fold("ʼ'\u{301}");
    }
}
