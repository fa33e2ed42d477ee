//! ISO 3166-1 countries with their Russian (ОКСМ) and English names, and a fast reader for the country cells of customs data.
//!
//! The table lives in `data/countries.tsv`, is compiled in, and is parsed once on first use.
//! [`lookup`] accepts codes, names in English, Russian and Chinese, and the combined forms vendors write (`156 КИТАЙ`, `CN (China)`).

use std::collections::HashMap;
use std::sync::LazyLock;

/// One ISO 3166-1 country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case (`CN`).
    pub alpha2: &'static str,
    /// ISO 3166-1 alpha-3 code, upper case (`CHN`).
    pub alpha3: &'static str,
    /// ISO 3166-1 numeric code (`156`).
    pub numeric: u16,
    /// English short name after ISO 3166-1 (`China`).
    pub name_en: &'static str,
    /// Russian short name after ОКСМ, upper case as ОКСМ writes it (`КИТАЙ`).
    pub name_ru: &'static str,
}

const DATA: &str = include_str!("../data/countries.tsv");

/// Inputs longer than this many bytes are not country cells and are rejected without work.
pub(crate) const MAX_INPUT: usize = 300;

/// At most this many words are tried as combined forms; longer cells must match whole.
const MAX_TOKENS: usize = 8;

/// A normalised-key index from names and codes to row numbers.
pub(crate) type Index = HashMap<String, u16>;

struct Table {
    countries: Vec<Country>,
    /// The raw `|`-separated alias field of each row, kept for tests and counts.
    #[cfg_attr(not(test), allow(dead_code))]
    aliases: Vec<&'static str>,
    index: Index,
}

static TABLE: LazyLock<Table> = LazyLock::new(build);

fn build() -> Table {
    let mut rows: Vec<(Country, &'static str)> = data_lines(DATA)
        .map(|line| {
            let f: Vec<&'static str> = line.split('\t').collect();
            assert!(f.len() == 6, "countries.tsv: expected 6 fields in {line:?}");
            let numeric = f[2].parse().expect("countries.tsv: numeric code");
            let country = Country {
                alpha2: f[0],
                alpha3: f[1],
                numeric,
                name_en: f[3],
                name_ru: f[4],
            };
            (country, f[5])
        })
        .collect();
    rows.sort_by_key(|(c, _)| c.alpha2);
    let mut index = Index::with_capacity(rows.len() * 10);
    // Codes and official names first, so that no alias can shadow them.
    for (i, (c, _)) in rows.iter().enumerate() {
        let i = i as u16;
        for key in [c.alpha2, c.alpha3, c.name_en, c.name_ru] {
            insert_key(&mut index, key, i);
        }
        insert_key(&mut index, &format!("{:03}", c.numeric), i);
        insert_key(&mut index, &c.numeric.to_string(), i);
    }
    for (i, (_, aliases)) in rows.iter().enumerate() {
        for alias in split_aliases(aliases) {
            insert_key(&mut index, alias, i as u16);
        }
    }
    let (countries, aliases) = rows.into_iter().unzip();
    Table {
        countries,
        aliases,
        index,
    }
}

/// The non-empty, non-comment lines of a compiled-in data file.
pub(crate) fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The aliases of a `|`-separated field, without empty entries.
pub(crate) fn split_aliases(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|a| !a.is_empty())
}

/// Adds the normalised form of `key`; the first row to claim a key keeps it.
pub(crate) fn insert_key(index: &mut Index, key: &str, row: u16) {
    let mut norm = String::new();
    normalize_into(key, &mut norm);
    if !norm.is_empty() {
        index.entry(norm).or_insert(row);
    }
}

/// Every ISO 3166-1 country (249), sorted by alpha-2 code.
pub fn all() -> &'static [Country] {
    &TABLE.countries
}

/// The country with this ISO alpha-2 code, in any case; surrounding spaces are ignored.
pub fn by_alpha2(code: &str) -> Option<&'static Country> {
    let b = code.trim().as_bytes();
    if b.len() != 2 {
        return None;
    }
    let key = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()];
    let all = all();
    all.binary_search_by(|c| c.alpha2.as_bytes().cmp(&key[..]))
        .ok()
        .map(|i| &all[i])
}

/// Reads a country cell as customs data writes it and returns the country, or `None` when the text names no country.
///
/// Accepts alpha-2, alpha-3 and numeric codes, English, Russian and Chinese names and aliases, in any case.
/// Punctuation, repeated spaces, Ё/Е and Latin accents are ignored.
/// Combined forms such as `156 КИТАЙ`, `CN - КИТАЙ`, `CN (China)` and `КИТАЙ (CN)` resolve when every part names the same country.
/// `CN` combined with Hong Kong, Macao or Taiwan resolves to the latter.
/// Costs one String allocation and a few hash look-ups.
pub fn lookup(text: &str) -> Option<&'static Country> {
    let table: &'static Table = &TABLE;
    resolve(text, &table.index, merge_countries).map(|i| &table.countries[usize::from(i)])
}

/// Two parts of a combined cell agree when they name the same country, or China and one of its special territories.
fn merge_countries(a: u16, b: u16) -> Option<u16> {
    if a == b {
        return Some(a);
    }
    let countries = &TABLE.countries;
    let (ca, cb) = (
        countries[usize::from(a)].alpha2,
        countries[usize::from(b)].alpha2,
    );
    let territory = |c: &str| matches!(c, "HK" | "MO" | "TW");
    match (ca, cb) {
        ("CN", t) if territory(t) => Some(b),
        (t, "CN") if territory(t) => Some(a),
        _ => None,
    }
}

/// Resolves `text` against `index`: first the whole normalised text, then splits into two or three parts that `merge` accepts.
pub(crate) fn resolve(
    text: &str,
    index: &Index,
    merge: fn(u16, u16) -> Option<u16>,
) -> Option<u16> {
    if text.len() > MAX_INPUT {
        return None;
    }
    let mut norm = String::with_capacity(text.len());
    normalize_into(text, &mut norm);
    if norm.is_empty() {
        return None;
    }
    if let Some(&row) = index.get(norm.as_str()) {
        return Some(row);
    }
    let mut bounds = [(0usize, 0usize); MAX_TOKENS];
    let mut n = 0;
    for (start, word) in norm.split(' ').scan(0usize, |pos, w| {
        let start = *pos;
        *pos += w.len() + 1;
        Some((start, w))
    }) {
        if n == MAX_TOKENS {
            return None;
        }
        bounds[n] = (start, start + word.len());
        n += 1;
    }
    if n < 2 {
        return None;
    }
    // The words a..b (exclusive) as one key.
    let part = |a: usize, b: usize| index.get(&norm[bounds[a].0..bounds[b - 1].1]).copied();
    for k in 1..n {
        if let (Some(x), Some(y)) = (part(0, k), part(k, n))
            && let Some(m) = merge(x, y)
        {
            return Some(m);
        }
    }
    for i in 1..n - 1 {
        for j in i + 1..n {
            if let (Some(x), Some(y), Some(z)) = (part(0, i), part(i, j), part(j, n))
                && let Some(m) = merge(x, y).and_then(|m| merge(m, z))
            {
                return Some(m);
            }
        }
    }
    None
}

/// Writes the matching key of `text` into `out`: upper case, words of letters, digits and currency signs separated by single spaces.
///
/// Apostrophes are dropped (`D'IVOIRE` becomes `DIVOIRE`); every other non-word character separates words.
/// Ё becomes Е and common Latin accents are removed (`Türkiye` becomes `TURKIYE`).
pub(crate) fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    let mut gap = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() || is_currency_sign(ch) {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            for up in ch.to_uppercase() {
                out.push(fold(up));
            }
        } else if !matches!(ch, '\'' | '’' | '‘' | '`' | 'ʼ' | '´') {
            gap = true;
        }
    }
}

fn is_currency_sign(ch: char) -> bool {
    matches!(
        ch,
        '$' | '€'
            | '£'
            | '¥'
            | '￥'
            | '₽'
            | '₸'
            | '₺'
            | '₹'
            | '₩'
            | '₴'
            | '₪'
            | '₫'
            | '฿'
            | '₾'
            | '₼'
            | '₮'
            | '₱'
            | '֏'
    )
}

/// Maps an upper-case letter to its matching form: Ё to Е, accented Latin letters to their base letter.
fn fold(c: char) -> char {
    match c {
        'Ё' => 'Е',
        'À'..='Å' => 'A',
        'Ç' | 'Č' | 'Ć' => 'C',
        'È'..='Ë' | 'Ě' => 'E',
        'Ì'..='Ï' | 'İ' => 'I',
        'Ñ' | 'Ń' => 'N',
        'Ò'..='Ö' | 'Ø' | 'Ő' => 'O',
        'Ù'..='Ü' | 'Ű' => 'U',
        'Ý' => 'Y',
        'Ş' | 'Š' | 'Ś' => 'S',
        'Ğ' => 'G',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        'Ł' => 'L',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Expected result, then the cells that must give it.
    #[rustfmt::skip]
    const CASES: &[(Option<&str>, &[&str])] = &[
        (Some("CN"), &[
            "CN", "cn", " Cn ", "CHN", "chn", "156", "China", "CHINA", "People's Republic of China",
            "Peoples Republic of China", "КИТАЙ", "Китай", "КНР", "中国", "156 КИТАЙ", "CN - КИТАЙ",
            "CN (China)", "КИТАЙ (CN)", "156 КИТАЙ (CN)", "CN-КИТАЙ", "  --КИТАЙ;; ", "\"КИТАЙ\"",
        ]),
        (Some("BE"), &["056", "56"]),
        (Some("RU"), &["643", "RUS", "Russian Federation", "Russia", "РОССИЯ", "РФ", "俄罗斯"]),
        (Some("KZ"), &["398", "KAZ", "Kazakhstan", "КАЗАХСТАН", "РЕСПУБЛИКА КАЗАХСТАН", "哈萨克斯坦", "398 - КАЗАХСТАН"]),
        (Some("HK"), &[
            "Hong Kong", "ГОНКОНГ", "СЯНГАН", "香港", "中国香港", "HK (ГОНКОНГ)", "КИТАЙ (ГОНКОНГ)", "CN / 香港",
        ]),
        (Some("TR"), &["Türkiye", "Turkey", "ТУРЦИЯ"]),
        (Some("AE"), &[
            "United Arab Emirates", "UAE", "ОАЭ", "ОБЪЕДИНЕННЫЕ АРАБСКИЕ ЭМИРАТЫ", "ОБЪЕДИНЁННЫЕ АРАБСКИЕ ЭМИРАТЫ",
            "AE, UNITED ARAB EMIRATES",
        ]),
        (Some("KR"), &["Korea, Republic of", "South Korea", "КОРЕЯ, РЕСПУБЛИКА", "корея,  республика"]),
        (Some("US"), &["USA", "United States of America", "США", "СОЕДИНЕННЫЕ ШТАТЫ", "СОЕДИНЁННЫЕ ШТАТЫ", "美国"]),
        (Some("GB"), &["United Kingdom", "UK", "Great Britain", "ВЕЛИКОБРИТАНИЯ"]),
        (Some("KG"), &["Kyrgyzstan", "Kyrgyz Republic", "КИРГИЗИЯ", "КЫРГЫЗСТАН"]),
        (Some("MD"), &["Moldova, Republic of"]),
        (Some("IR"), &["Iran, Islamic Republic of"]),
        (Some("VN"), &["Viet Nam", "Vietnam"]),
        (Some("TW"), &["Taiwan, Province of China", "ТАЙВАНЬ (КИТАЙ)"]),
        (Some("CI"), &["Côte d'Ivoire", "Cote d’Ivoire", "КОТ Д'ИВУАР"]),
        (Some("CW"), &["Curaçao"]),
        (Some("DE"), &["Germany", "ГЕРМАНИЯ"]),
        (Some("AM"), &["АРМЕНИЯ"]),
        (Some("BY"), &["БЕЛАРУСЬ", "БЕЛОРУССИЯ"]),
        (Some("UZ"), &["УЗБЕКИСТАН"]),
        (Some("PK"), &["ПАКИСТАН"]),
        (Some("IN"), &["ИНДИЯ"]),
        (Some("JP"), &["ЯПОНИЯ"]),
        (Some("KP"), &["КОРЕЯ, НАРОДНО-ДЕМОКРАТИЧЕСКАЯ РЕСПУБЛИКА"]),
        (Some("PG"), &["ПАПУА-НОВАЯ ГВИНЕЯ", "ПАПУА НОВАЯ ГВИНЕЯ"]),
        (None, &[
            "", "   ", "NULL", "XX", "ZZZ", "НЕИЗВЕСТНО", "НЕ УКАЗАНО", "0", "0156", "999", "asdkjh 23!!",
            "CN - ГЕРМАНИЯ", "MADE IN CHINA", "-", "()",
        ]),
    ];

    #[test]
    fn lookup_cases() {
        let mut failures = Vec::new();
        for &(want, inputs) in CASES {
            for &input in inputs {
                let got = lookup(input).map(|c| c.alpha2);
                if got != want {
                    failures.push(format!("{input:?}: got {got:?}, want {want:?}"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(
            CASES
                .iter()
                .filter(|c| c.0.is_some())
                .map(|c| c.1.len())
                .sum::<usize>()
                >= 60
        );
    }

    #[test]
    fn table_is_complete_sorted_and_unique() {
        let all = all();
        assert_eq!(all.len(), 249);
        assert!(
            all.windows(2).all(|w| w[0].alpha2 < w[1].alpha2),
            "sorted, unique alpha2"
        );
        let mut alpha3: Vec<_> = all.iter().map(|c| c.alpha3).collect();
        let mut numeric: Vec<_> = all.iter().map(|c| c.numeric).collect();
        alpha3.sort_unstable();
        alpha3.dedup();
        numeric.sort_unstable();
        numeric.dedup();
        assert_eq!(alpha3.len(), all.len(), "alpha3 unique");
        assert_eq!(numeric.len(), all.len(), "numeric unique");
        for c in all {
            assert!(
                c.alpha2.len() == 2 && c.alpha2.bytes().all(|b| b.is_ascii_uppercase()),
                "{c:?}"
            );
            assert!(
                c.alpha3.len() == 3 && c.alpha3.bytes().all(|b| b.is_ascii_uppercase()),
                "{c:?}"
            );
            assert!(c.numeric > 0 && c.numeric < 1000, "{c:?}");
            assert!(!c.name_en.is_empty() && !c.name_ru.is_empty(), "{c:?}");
            assert_eq!(
                c.name_ru,
                c.name_ru.to_uppercase(),
                "ОКСМ names are upper case"
            );
        }
    }

    #[test]
    fn every_name_and_alias_resolves_to_its_own_country() {
        let table: &Table = &TABLE;
        let mut clashes = Vec::new();
        for (c, aliases) in table.countries.iter().zip(&table.aliases) {
            let numeric = c.numeric.to_string();
            let keys = [c.alpha2, c.alpha3, c.name_en, c.name_ru, numeric.as_str()];
            for key in keys.into_iter().chain(split_aliases(aliases)) {
                let got = lookup(key).map(|g| g.alpha2);
                if got != Some(c.alpha2) {
                    clashes.push(format!("{key:?} is {got:?}, listed under {}", c.alpha2));
                }
            }
        }
        assert!(clashes.is_empty(), "{}", clashes.join("\n"));
        let alias_count: usize = table.aliases.iter().map(|a| split_aliases(a).count()).sum();
        println!(
            "countries: {}, aliases: {alias_count}, index keys: {}",
            table.countries.len(),
            table.index.len()
        );
    }

    #[test]
    fn by_alpha2_ignores_case() {
        assert_eq!(by_alpha2("kz").map(|c| c.numeric), Some(398));
        assert_eq!(by_alpha2("Ru").map(|c| c.alpha3), Some("RUS"));
        assert_eq!(by_alpha2("XX"), None);
        assert_eq!(by_alpha2("ДА"), None);
        assert_eq!(by_alpha2(""), None);
        assert_eq!(by_alpha2("CHN"), None);
    }

    #[test]
    fn normalises_keys() {
        let mut s = String::new();
        normalize_into("  Côte d'Ivoire (the) ", &mut s);
        assert_eq!(s, "COTE DIVOIRE THE");
        normalize_into("ёлка--ЁЛКА", &mut s);
        assert_eq!(s, "ЕЛКА ЕЛКА");
        normalize_into("US$ 5", &mut s);
        assert_eq!(s, "US$ 5");
    }

    proptest! {
        #[test]
        fn lookup_never_panics(s in ".*") {
            let _ = lookup(&s);
        }

        #[test]
        fn lookup_never_panics_on_word_soup(s in "[A-Za-zА-Яа-яЁё0-9 ,.()'-]{0,80}") {
            let _ = lookup(&s);
        }
    }
}
