//! The name pipeline: raw text in, `NormName` out, as a sequence of named steps that each have their own module and tests.
//!
//! Steps: NFKC and case (`text`), punctuation (`text`), Han segmentation (`han`), legal forms (`legal`), transliteration (`translit`), abbreviations, numbers, aliases, places and generic words (`abbrev`), keys (`phonetic`).
//! A Cyrillic name yields one variant per transliteration scheme; other names yield one variant.
//! The pipeline is total: any input, including empty or binary-looking text, gives a `NormName` (possibly with no words).

use crate::abbrev::{self, Tag};
use crate::fold;
use crate::han::{self, HanPiece};
use crate::legal::{self, LegalForm};
use crate::phonetic;
use crate::tables::{ALIASES_MAP, CYRILLIC_WORDS};
use crate::text::{self, Script};
use crate::translit;

/// One Latin reading of a name.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// All words, Latin upper case, legal forms included.
    pub tokens: Vec<String>,
    /// What each word is.
    pub tags: Vec<Tag>,
    /// Distinctive words: no legal form, place prefix or generic word (falls back to the generic words if nothing else is left).
    pub core: Vec<String>,
    /// Words compared as the name: every word except legal forms.
    pub name: Vec<String>,
}

/// Keys of a name for blocking and cross-script comparison.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NameKeys {
    /// Core words sorted and joined without spaces, per variant.
    pub sorted: Vec<String>,
    /// Phonetic key of each core word, over all variants.
    pub phonetic: Vec<String>,
}

/// A normalised name.
#[derive(Debug, Clone, PartialEq)]
pub struct NormName {
    /// The text as given.
    pub original: String,
    /// The script most letters are written in.
    pub script: Script,
    /// The first variant's words (Latin, upper case).
    pub tokens: Vec<String>,
    /// The first variant's core words.
    pub core_tokens: Vec<String>,
    /// The main legal-form class (`llc`, `jsc`, ...), if a legal form was found.
    pub legal_form: Option<&'static str>,
    /// Every legal form found, in order.
    pub legal_forms: Vec<LegalForm>,
    /// Numbers written in the name (digits and number words).
    pub numbers: Vec<String>,
    /// Blocking and comparison keys.
    pub keys: NameKeys,
    /// Every Latin reading of the name; the first is the one in `tokens`.
    pub script_variants: Vec<Variant>,
}

/// A word before transliteration, with the tag known so far.
struct RawWord {
    text: String,
    tag: Option<Tag>,
    latin: bool,
}

/// Step: split Han words into dictionary pieces; other words pass through.
fn segment_han(words: Vec<String>) -> Vec<RawWord> {
    let mut out = Vec::with_capacity(words.len() + 4);
    for w in words {
        if !han::is_han_word(&w) {
            out.push(RawWord {
                text: w,
                tag: None,
                latin: false,
            });
            continue;
        }
        for piece in han::segment(&w) {
            let (text, tag) = match piece {
                HanPiece::Admin(t) => (t, Tag::Admin),
                HanPiece::Industry(t) => (t, Tag::Generic),
                HanPiece::Legal(_, t) => (t, Tag::Legal),
                HanPiece::Brand(t) => (t, Tag::Brand),
                HanPiece::Pinyin(t) => (t, Tag::Core),
            };
            for part in text.split(' ') {
                out.push(RawWord {
                    text: part.to_string(),
                    tag: Some(tag),
                    latin: true,
                });
            }
        }
    }
    out
}

/// Step: one Latin reading of the words under Cyrillic scheme `scheme`; a Latin transliteration of a Cyrillic loanword reads as the English word, as its Cyrillic spelling does.
fn latinise(words: &[RawWord], scheme: usize) -> (Vec<String>, Vec<Tag>) {
    let mut tokens = Vec::with_capacity(words.len() + 2);
    let mut tags = Vec::with_capacity(words.len() + 2);
    for w in words {
        let tag = w.tag.unwrap_or(Tag::Core);
        if w.latin {
            tokens.push(w.text.clone());
            tags.push(tag);
        } else if let Some(canon) = ALIASES_MAP.get(&w.text) {
            tokens.push(canon.clone());
            tags.push(Tag::Brand);
        } else if let Some(en) = CYRILLIC_WORDS.get(&w.text) {
            tokens.push(en.clone());
            tags.push(tag);
        } else if translit::has_cyrillic(&w.text) {
            let t = translit::cyrillic_scheme(&w.text, scheme);
            if !t.is_empty() {
                tokens.push(t);
                tags.push(tag);
            }
        } else {
            for t in translit::fold_to_latin(&w.text) {
                tokens.push(fold::loanword(&t).map_or(t, str::to_string));
                tags.push(tag);
            }
        }
    }
    (tokens, tags)
}

/// Step: abbreviations and numbers, brand aliases, place prefix, generic words; then the core.
fn finish(tokens: Vec<String>, tags: Vec<Tag>) -> Variant {
    let mut out_t = Vec::with_capacity(tokens.len() + 2);
    let mut out_g = Vec::with_capacity(tokens.len() + 2);
    for (t, g) in tokens.into_iter().zip(tags) {
        if g == Tag::Core {
            for e in abbrev::expand(vec![t]) {
                out_t.push(e);
                out_g.push(Tag::Core);
            }
        } else {
            out_t.push(t);
            out_g.push(g);
        }
    }
    // Number words spanning two tokens (FORTY FOUR) are merged on the Core run.
    let (mut tokens, mut tags) = merge_numbers(out_t, out_g);
    for (t, g) in tokens.iter_mut().zip(tags.iter_mut()) {
        if *g == Tag::Core {
            if let Some(c) = abbrev::brand_alias(t) {
                *t = c.to_string();
                *g = Tag::Brand;
            } else if abbrev::is_generic(t) {
                *g = Tag::Generic;
            }
        }
    }
    // Place words: at the start (SZ, HONG KONG) or anywhere for a known city, as long as a core word remains.
    let mut i = 0;
    while i < tokens.len() {
        if tags[i] == Tag::Core
            && let Some((canon, n)) = abbrev::admin_prefix(&tokens, i)
        {
            let n_ok = tags[i..i + n].iter().all(|g| *g == Tag::Core);
            let others = tags
                .iter()
                .enumerate()
                .filter(|(j, g)| g.is_core() && (*j < i || *j >= i + n))
                .count();
            if n_ok && others > 0 {
                tokens.splice(i..i + n, canon.iter().cloned());
                tags.splice(i..i + n, canon.iter().map(|_| Tag::Admin));
                i += canon.len();
                continue;
            }
        }
        i += 1;
    }
    let pick = |f: &dyn Fn(Tag) -> bool| -> Vec<String> {
        tokens
            .iter()
            .zip(&tags)
            .filter(|(_, g)| f(**g))
            .map(|(t, _)| t.clone())
            .collect()
    };
    let mut core = pick(&|g| g.is_core());
    if core.is_empty() {
        core = pick(&|g| g != Tag::Legal);
    }
    if core.is_empty() {
        core = tokens.clone();
    }
    let mut name = pick(&|g| g != Tag::Legal);
    if name.is_empty() {
        name = tokens.clone();
    }
    Variant {
        tokens,
        tags,
        core,
        name,
    }
}

/// Merge two-token numbers (`40 4` from FORTY FOUR) left by per-word expansion.
fn merge_numbers(tokens: Vec<String>, tags: Vec<Tag>) -> (Vec<String>, Vec<Tag>) {
    let mut out_t: Vec<String> = Vec::with_capacity(tokens.len());
    let mut out_g: Vec<Tag> = Vec::with_capacity(tokens.len());
    for (t, g) in tokens.into_iter().zip(tags) {
        if let (Some(prev), Ok(v)) = (out_t.last(), t.parse::<u32>())
            && let Ok(p) = prev.parse::<u32>()
            && p >= 20
            && p % 10 == 0
            && p < 100
            && v < 10
            && !t.starts_with('0')
        {
            let merged = (p + v).to_string();
            out_t.pop();
            out_t.push(merged);
            continue;
        }
        out_t.push(t);
        out_g.push(g);
    }
    out_g.truncate(out_t.len());
    (out_t, out_g)
}

/// Normalise a name: every step, every variant, and the keys.
pub fn normalise(name: &str) -> NormName {
    let script = text::dominant_script(name);
    let words = text::words(name);
    let mut raw = segment_han(words);
    let texts: Vec<String> = raw.iter().map(|w| w.text.clone()).collect();
    let (flags, mut forms) = legal::tag_legal(&texts);
    for (w, f) in raw.iter_mut().zip(flags) {
        if f {
            w.tag = Some(Tag::Legal);
        }
    }
    if forms.is_empty() {
        let han_legal: Vec<String> = raw
            .iter()
            .filter(|w| w.tag == Some(Tag::Legal))
            .map(|w| w.text.clone())
            .collect();
        if let Some(f) = legal::lookup(&han_legal) {
            forms.push(f);
        }
    }
    let n_schemes = if raw
        .iter()
        .any(|w| !w.latin && translit::has_cyrillic(&w.text))
    {
        translit::scheme_names().len()
    } else {
        1
    };
    let mut variants: Vec<Variant> = Vec::with_capacity(n_schemes);
    for s in 0..n_schemes {
        let (tokens, tags) = latinise(&raw, s);
        let v = finish(tokens, tags);
        if !variants.iter().any(|o| o.tokens == v.tokens) {
            variants.push(v);
        }
    }
    let first = variants.first().cloned().unwrap_or(Variant {
        tokens: vec![],
        tags: vec![],
        core: vec![],
        name: vec![],
    });
    let numbers = first
        .name
        .iter()
        .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
        .cloned()
        .collect();
    let mut keys = NameKeys::default();
    for v in &variants {
        let mut sorted = v.core.clone();
        sorted.sort();
        let k = sorted.concat();
        if !keys.sorted.contains(&k) {
            keys.sorted.push(k);
        }
        for t in &v.core {
            let p = phonetic::key(t);
            if !p.is_empty() && !keys.phonetic.contains(&p) {
                keys.phonetic.push(p);
            }
        }
    }
    NormName {
        original: name.to_string(),
        script,
        tokens: first.tokens.clone(),
        core_tokens: first.core.clone(),
        legal_form: legal::main_class(&forms),
        legal_forms: forms,
        numbers,
        keys,
        script_variants: variants,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dji_three_ways_share_the_core() {
        let a = normalise("SZ DJI TECHNOLOGY CO LTD");
        let b = normalise("深圳市大疆创新科技有限公司");
        let c = normalise("Shenzhen Dajiang Innovation Technology Co., Ltd.");
        assert_eq!(a.core_tokens, vec!["DJI"]);
        assert_eq!(b.core_tokens, vec!["DJI"]);
        assert_eq!(c.core_tokens, vec!["DJI"]);
        assert_eq!(b.script, Script::Han);
        assert_eq!(a.legal_form, Some("llc"));
        assert_eq!(b.legal_form, Some("llc"));
        assert_eq!(a.tokens[0], "SHENZHEN");
    }

    #[test]
    fn cyrillic_legal_and_variants() {
        let a = normalise("ООО \"ЛЕГИОН\"");
        assert_eq!(a.core_tokens, vec!["LEGION"]);
        assert_eq!(a.legal_form, Some("llc"));
        let b = normalise("ТОО «АСТАНА ТЕХНО ТРЕЙД»");
        assert_eq!(b.legal_form, Some("llp"));
        assert!(
            b.script_variants
                .iter()
                .any(|v| v.name == vec!["ASTANA", "TECHNOLOGY", "TRADING"]),
            "{:?}",
            b.script_variants
        );
    }

    #[test]
    fn institutional_words_read_as_their_translation() {
        let sorted = |s: &str| {
            let mut c = normalise(s).core_tokens;
            c.sort();
            c
        };
        assert_eq!(sorted("КОНЦЕРН КАЛАШНИКОВ"), sorted("KALASHNIKOV CONCERN"));
        assert_eq!(sorted("ЗАВОД КУПОЛ"), sorted("KUPOL FACTORY"));
        assert_eq!(sorted("ZAVOD KUPOL"), sorted("KUPOL PLANT"));
        assert_eq!(
            sorted("ЦЕНТРАЛЬНЫЙ НАУЧНО-ИССЛЕДОВАТЕЛЬСКИЙ ИНСТИТУТ БУРЕВЕСТНИК"),
            sorted("CENTRAL SCIENTIFIC RESEARCH INSTITUTE BUREVESTNIK")
        );
    }

    #[test]
    fn idempotent_on_its_own_output() {
        for s in [
            "SZ DJI TECHNOLOGY CO LTD",
            "ООО \"ЛЕГИОН\"",
            "Brigade Forty-Four",
            "深圳市星河科技有限公司",
        ] {
            let n = normalise(s);
            let again = normalise(&n.tokens.join(" "));
            assert_eq!(again.tokens, n.tokens, "{s}");
        }
    }
}
