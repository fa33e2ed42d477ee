//! The embedded reference tables (legal forms, Cyrillic schemes, Han readings and words, abbreviations, aliases), parsed once.
//!
//! Every table is a small text file in `data/`, compiled in with `include_str!` and parsed on first use into a `LazyLock`.
//! Lines starting with `#` are comments; columns are separated by tabs.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text;

const LEGAL_EXTRA: &str = include_str!("../data/legal_forms_extra.tsv");
const LEGAL_RIGOUR: &str = include_str!("../data/legal_forms_rigour.tsv");
const CYRILLIC: &str = include_str!("../data/cyrillic.tsv");
const HAN_PINYIN: &str = include_str!("../data/han_pinyin.tsv");
const HAN_WORDS: &str = include_str!("../data/han_words.tsv");
const ABBREV: &str = include_str!("../data/abbrev.tsv");
const GENERIC: &str = include_str!("../data/generic.txt");
const ALIASES: &str = include_str!("../data/aliases.tsv");
const CYR_WORDS: &str = include_str!("../data/cyrillic_words.tsv");

/// The data lines of a table: comments and blank lines dropped, split on tabs.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

/// A legal form: its class (`llc`, `jsc`, ...) and the short form used for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalEntry {
    /// Generic class, lower case, e.g. `llc`; `other` when the source gives none.
    pub class: &'static str,
    /// Short comparison form, e.g. `LLC`.
    pub compare: String,
}

/// Legal forms keyed by their words joined with one space, after the same cleaning as names.
pub struct LegalTable {
    /// Word sequence → entry.
    pub forms: HashMap<String, LegalEntry>,
    /// Longest alias, in words.
    pub max_words: usize,
    /// Two- and three-word aliases with one word of four letters or more replaced by `*`, with the word left out: for reading one typo.
    pub one_word_out: HashMap<String, Vec<(String, LegalEntry)>>,
}

pub static LEGAL: LazyLock<LegalTable> = LazyLock::new(|| {
    let mut forms = HashMap::new();
    let mut max_words = 1;
    for text in [LEGAL_EXTRA, LEGAL_RIGOUR] {
        for r in rows(text) {
            if r.len() < 3 {
                continue;
            }
            let ws = text::words(r[0]);
            if ws.is_empty() || ws.iter().all(|w| w.chars().all(|c| c.is_ascii_digit())) {
                continue;
            }
            max_words = max_words.max(ws.len());
            let class: &'static str = match r[1] {
                "llc" => "llc",
                "jsc" => "jsc",
                "llp" => "llp",
                "corp" => "corp",
                "sp" => "sp",
                "soe" => "soe",
                "ngo" => "ngo",
                "lp" => "lp",
                "gp" => "gp",
                "coop" => "coop",
                "fin" => "fin",
                "rel" => "rel",
                "jv" => "jv",
                "mil" => "mil",
                _ => "other",
            };
            forms.entry(ws.join(" ")).or_insert(LegalEntry {
                class,
                compare: r[2].to_uppercase(),
            });
        }
    }
    for (words, class, compare) in pinyin_legal_forms() {
        max_words = max_words.max(words.len());
        forms
            .entry(words.join(" "))
            .or_insert(LegalEntry { class, compare });
    }
    let mut one_word_out: HashMap<String, Vec<(String, LegalEntry)>> = HashMap::new();
    for (key, e) in &forms {
        let ws: Vec<&str> = key.split(' ').collect();
        if !(2..=3).contains(&ws.len()) {
            continue;
        }
        for (i, w) in ws.iter().enumerate() {
            if w.chars().count() < 4 || !w.chars().all(char::is_alphabetic) {
                continue;
            }
            let mut k = ws.clone();
            k[i] = "*";
            one_word_out
                .entry(k.join(" "))
                .or_default()
                .push((w.to_string(), e.clone()));
        }
    }
    // Fixed order, so the first candidate a typo reads as never depends on hashing.
    for v in one_word_out.values_mut() {
        v.sort_by(|a, b| (&a.0, a.1.class).cmp(&(&b.0, b.1.class)));
    }
    LegalTable {
        forms,
        max_words: max_words.min(8),
        one_word_out,
    }
});

/// One Cyrillic → Latin scheme in the iuliia shape: letters, context rules and word endings.
#[derive(Default)]
pub struct CyrScheme {
    /// Scheme name, e.g. `icao`.
    pub name: &'static str,
    /// Single letters.
    pub map: HashMap<char, String>,
    /// (previous letter or `None` at word start, letter) → Latin.
    pub prev: HashMap<(Option<char>, char), String>,
    /// (letter, next letter) → Latin.
    pub next: HashMap<(char, char), String>,
    /// Word ending → Latin.
    pub end: Vec<(String, String)>,
}

/// Letters outside Russian, the same in every scheme (Ukrainian, Belarusian, Kazakh, Kyrgyz, Serbian).
const EXTRA_LETTERS: &[(char, &str)] = &[
    ('і', "i"),
    ('ї', "yi"),
    ('є', "ye"),
    ('ґ', "g"),
    ('ў', "u"),
    ('ә', "a"),
    ('ғ', "gh"),
    ('қ', "k"),
    ('ң', "ng"),
    ('ө', "o"),
    ('ұ', "u"),
    ('ү', "u"),
    ('һ', "h"),
    ('ј', "j"),
    ('љ', "lj"),
    ('њ', "nj"),
    ('ћ', "c"),
    ('ђ', "dj"),
    ('џ', "dz"),
];

/// A plain "passport-like" scheme written by us: the letters most Russian passports and trade documents use.
const PASSPORT: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('й', "y"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "kh"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "shch"),
    ('ъ', ""),
    ('ы', "y"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
];

pub static CYR_SCHEMES: LazyLock<Vec<CyrScheme>> = LazyLock::new(|| {
    let names: [&'static str; 5] = ["icao", "gost779", "bgn", "mvd310", "mvd782"];
    let mut schemes: Vec<CyrScheme> = names
        .iter()
        .map(|n| CyrScheme {
            name: n,
            ..Default::default()
        })
        .collect();
    for r in rows(CYRILLIC) {
        if r.len() < 4 {
            continue;
        }
        let Some(s) = schemes.iter_mut().find(|s| s.name == r[0]) else {
            continue;
        };
        let key: Vec<char> = r[2].chars().collect();
        let val = r[3].to_string();
        match (r[1], key.as_slice()) {
            ("map", [c]) => {
                s.map.insert(*c, val);
            }
            ("prev", [c]) => {
                s.prev.insert((None, *c), val);
            }
            ("prev", [p, c]) => {
                s.prev.insert((Some(*p), *c), val);
            }
            ("next", [c, n]) => {
                s.next.insert((*c, *n), val);
            }
            ("end", _) => s.end.push((r[2].to_string(), val)),
            _ => {}
        }
    }
    let mut passport = CyrScheme {
        name: "passport",
        ..Default::default()
    };
    passport.map = PASSPORT.iter().map(|(c, s)| (*c, s.to_string())).collect();
    schemes.push(passport);
    for s in &mut schemes {
        for (c, l) in EXTRA_LETTERS {
            s.map.entry(*c).or_insert_with(|| l.to_string());
        }
    }
    schemes
});

/// Han character → toneless pinyin syllable, upper case; traditional forms resolved to their simplified reading.
pub static PINYIN: LazyLock<HashMap<char, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    let mut trad = Vec::new();
    for r in rows(HAN_PINYIN) {
        let (Some(c), Some(v)) = (r[0].chars().next(), r.get(1)) else {
            continue;
        };
        if let Some(s) = v.strip_prefix('=') {
            trad.push((c, s.chars().next()));
        } else {
            map.insert(c, *v);
        }
    }
    for (t, s) in trad {
        if let Some(p) = s.and_then(|s| map.get(&s).copied()) {
            map.insert(t, p);
        }
    }
    map
});

/// Traditional Han character → its simplified form, for the characters in the readings table.
pub static TRAD_TO_SIMP: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    rows(HAN_PINYIN)
        .filter_map(|r| {
            let t = r[0].chars().next()?;
            let s = r.get(1)?.strip_prefix('=')?.chars().next()?;
            Some((t, s))
        })
        .collect()
});

/// What a Han dictionary word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HanKind {
    /// Place prefix (深圳市 → SHENZHEN).
    Admin,
    /// Generic industry word (科技 → TECHNOLOGY).
    Industry,
    /// Legal form with its class (有限公司 → llc).
    Legal(&'static str),
    /// Brand alias (大疆 → DJI).
    Brand,
}

/// Han words by their text, with their kind and Latin words.
pub type HanWords = HashMap<String, (HanKind, String)>;

/// Han words: text → (kind, Latin words); the longest word, in characters.
pub static HAN_DICT: LazyLock<(HanWords, usize)> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for r in rows(HAN_WORDS) {
        if r.len() < 3 {
            continue;
        }
        let kind = match r[1] {
            "admin" => HanKind::Admin,
            "industry" => HanKind::Industry,
            k if k.starts_with("legal:") => HanKind::Legal(match &k[6..] {
                "jsc" => "jsc",
                "llc" => "llc",
                _ => "other",
            }),
            _ => continue,
        };
        map.insert(r[0].to_string(), (kind, r[2].to_string()));
    }
    for (alias, canon) in ALIAS_PAIRS.iter() {
        if alias.chars().all(text::is_han) {
            map.entry(alias.clone())
                .or_insert((HanKind::Brand, canon.clone()));
        }
    }
    let longest = map.keys().map(|k| k.chars().count()).max().unwrap_or(1);
    (map, longest)
});

/// Abbreviation → expansion words.
/// Also the pinyin spelling of every Han industry word of two or more characters (`KEJI` → `TECHNOLOGY`, `JINCHUKOU` → `IMPORT AND EXPORT`),
/// because brokers write Chinese names in pinyin as often as in English or in characters.
pub static ABBREVIATIONS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<String>> = rows(ABBREV)
        .filter(|r| r.len() >= 2)
        .map(|r| {
            (
                r[0].to_string(),
                r[1].split(' ').map(str::to_owned).collect(),
            )
        })
        .collect();
    for (spelling, english) in pinyin_words("industry") {
        // The English goes through the table once more, so an expansion is already canonical (产业 INDUSTRY -> INDUSTRIAL).
        let words: Vec<String> = english
            .split(' ')
            .flat_map(|w| map.get(w).cloned().unwrap_or_else(|| vec![w.to_owned()]))
            .collect();
        map.entry(spelling).or_insert(words);
    }
    map
});

/// (pinyin spelling, English) of the Han words of one kind: the syllables joined, for words of two or more characters
/// whose spelling has at least four letters (shorter ones collide with real name words).
fn pinyin_words(kind: &str) -> Vec<(String, String)> {
    rows(HAN_WORDS)
        .filter(|r| r.len() >= 3 && r[1].starts_with(kind) && r[0].chars().count() >= 2)
        .map(|r| (crate::han::pinyin_joined(r[0]), r[2].to_string()))
        .filter(|(p, _)| p.len() >= 4 && p.bytes().all(|b| b.is_ascii_uppercase()))
        .collect()
}

/// Pinyin spellings of the Han legal forms, written word by word as brokers do (有限公司 → `YOUXIAN GONGSI`, also `YOUXIANGONGSI`), with their class.
fn pinyin_legal_forms() -> Vec<(Vec<String>, &'static str, String)> {
    let mut out = Vec::new();
    for r in rows(HAN_WORDS) {
        let Some(class) = r.get(1).and_then(|k| k.strip_prefix("legal:")) else {
            continue;
        };
        let class: &'static str = match class {
            "jsc" => "jsc",
            "llc" => "llc",
            _ => "other",
        };
        let chars: Vec<char> = r[0].chars().collect();
        let words: Vec<String> = chars
            .chunks(2)
            .map(|c| crate::han::pinyin_joined(&c.iter().collect::<String>()))
            .collect();
        let compare = r[2].to_uppercase();
        if words.iter().all(|w| w.len() >= 4) {
            out.push((words.clone(), class, compare.clone()));
        }
        if words.len() > 1 {
            out.push((vec![words.concat()], class, compare));
        }
    }
    out
}

/// Place prefixes (`SZ` → `SHENZHEN`) and generic words.
pub struct GenericWords {
    /// Place word → canonical place words.
    pub admin: HashMap<String, Vec<String>>,
    /// Generic words and titles.
    pub generic: std::collections::HashSet<String>,
}

pub static GENERIC_WORDS: LazyLock<GenericWords> = LazyLock::new(|| {
    let mut admin = HashMap::new();
    let mut generic = std::collections::HashSet::new();
    for r in rows(GENERIC) {
        match (r[0], r.get(1), r.get(2)) {
            ("admin", Some(w), canon) => {
                let c = canon.unwrap_or(w);
                admin.insert(w.to_string(), c.split(' ').map(str::to_owned).collect());
            }
            ("generic", Some(w), _) => {
                generic.insert(w.to_string());
            }
            _ => {}
        }
    }
    // The English of every Han industry word is generic in Latin names too (COMMUNICATION, MACHINERY, ...).
    for r in rows(HAN_WORDS) {
        if r.len() >= 3 && r[1] == "industry" {
            generic.extend(r[2].split(' ').map(str::to_owned));
        }
    }
    GenericWords { admin, generic }
});

/// English loanwords written in Cyrillic (upper case) → Latin words.
pub static CYRILLIC_WORDS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    rows(CYR_WORDS)
        .filter(|r| r.len() >= 2)
        .map(|r| (r[0].to_uppercase(), r[1].to_string()))
        .collect()
});

/// Alias → canonical brand token, from `data/aliases.tsv` and the product catalogue's brands.
pub static ALIAS_PAIRS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let mut pairs: Vec<(String, String)> = rows(ALIASES)
        .filter(|r| r.len() >= 2)
        .map(|r| (r[0].to_uppercase(), r[1].to_string()))
        .collect();
    for brand in &tradetrail_refdata::products::catalogue().brands {
        let canon_words = text::words(&brand.name);
        let Some(canon) = canon_words.first() else {
            continue;
        };
        for alias in &brand.aliases {
            let ws = text::words(alias);
            if ws.len() == 1 && ws[0] != *canon && ws[0].chars().count() >= 3 {
                pairs.push((ws[0].clone(), canon.clone()));
            }
        }
    }
    pairs
});

/// Single-word alias (in any script, before transliteration) → canonical brand token.
pub static ALIASES_MAP: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (alias, canon) in ALIAS_PAIRS.iter() {
        let ws = text::words(alias);
        if !ws.is_empty() && !alias.chars().all(text::is_han) {
            map.entry(ws.join(" ")).or_insert_with(|| canon.clone());
        }
    }
    map
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse() {
        assert_eq!(LEGAL.forms["ООО"].class, "llc");
        assert_eq!(LEGAL.forms["CO LTD"].class, "llc");
        assert_eq!(LEGAL.forms["ТОО"].class, "llp");
        assert!(LEGAL.forms.len() > 1500);
        assert_eq!(CYR_SCHEMES.len(), 6);
        assert_eq!(PINYIN[&'疆'], "JIANG");
        assert_eq!(PINYIN[&'圳'], "ZHEN");
        assert!(PINYIN.len() > 3500 && PINYIN.len() < 6000);
        assert_eq!(HAN_DICT.0["大疆"].1, "DJI");
        assert_eq!(ABBREVIATIONS["TECH"], vec!["TECHNOLOGY"]);
        assert_eq!(GENERIC_WORDS.admin["SZ"], vec!["SHENZHEN"]);
        assert_eq!(ALIASES_MAP["DAJIANG"], "DJI");
        assert_eq!(ABBREVIATIONS["KEJI"], vec!["TECHNOLOGY"]);
        assert_eq!(ABBREVIATIONS["JINCHUKOU"], vec!["IMPORT", "AND", "EXPORT"]);
        assert_eq!(LEGAL.forms["YOUXIAN GONGSI"].class, "llc");
        assert_eq!(LEGAL.forms["YOUXIANGONGSI"].class, "llc");
        assert_eq!(LEGAL.forms["GUFEN YOUXIAN GONGSI"].class, "jsc");
    }
}
