//! ISO 4217 currencies with their Russian (ОКВ) names, the local currency of each country, and annual USD exchange rates.
//!
//! Customs declarations state values in the contract currency; these facts let tradetrail read the currency cell and bring values to USD.
//! The tables live in `data/currencies.tsv` and `data/fx_annual.csv`, are compiled in, and are parsed once on first use.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::countries::{Index, data_lines, insert_key, resolve, split_aliases};

/// One ISO 4217 currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Currency {
    /// ISO 4217 alphabetic code (`USD`).
    pub code: &'static str,
    /// ISO 4217 numeric code (`840`).
    pub numeric: u16,
    /// English name after ISO 4217 (`US Dollar`).
    pub name_en: &'static str,
    /// Russian name after ОКВ, upper case (`ДОЛЛАР США`).
    pub name_ru: &'static str,
}

/// An exchange rate: how many US dollars one unit of a currency was worth over a period.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct FxRate {
    /// US dollars per one unit of the currency.
    pub usd_per_unit: f64,
    /// The period the rate is the average of, such as `2022` for a calendar-year average.
    pub period: &'static str,
    /// Where the rate comes from.
    pub source: &'static str,
}

/// Names the built-in rate source and its granularity.
pub const FX_SOURCE: &str = "Annual average exchange rates (national currency units per USD, 2015-2025) after IMF International Financial Statistics and central-bank published averages, rounded and approximate: one rate per currency and calendar year, used for every month of that year.";

const CURRENCY_DATA: &str = include_str!("../data/currencies.tsv");
const FX_DATA: &str = include_str!("../data/fx_annual.csv");

struct Table {
    currencies: Vec<Currency>,
    /// The raw `|`-separated alias field of each row, kept for tests and counts.
    #[cfg_attr(not(test), allow(dead_code))]
    aliases: Vec<&'static str>,
    /// The countries field of each row, kept for tests.
    #[cfg_attr(not(test), allow(dead_code))]
    countries: Vec<&'static str>,
    index: Index,
    /// Country alpha-2 code to row.
    local: HashMap<[u8; 2], u16>,
}

struct FxRow {
    year: i32,
    year_text: &'static str,
    units_per_usd: f64,
}

static TABLE: LazyLock<Table> = LazyLock::new(build);

/// Rows of the built-in rate table by currency code, sorted by year.
static FX: LazyLock<HashMap<&'static str, Vec<FxRow>>> = LazyLock::new(build_fx);

fn build() -> Table {
    let mut rows: Vec<(Currency, &'static str, &'static str)> = data_lines(CURRENCY_DATA)
        .map(|line| {
            let f: Vec<&'static str> = line.split('\t').collect();
            assert!(
                f.len() == 6,
                "currencies.tsv: expected 6 fields in {line:?}"
            );
            let numeric = f[1].parse().expect("currencies.tsv: numeric code");
            (
                Currency {
                    code: f[0],
                    numeric,
                    name_en: f[2],
                    name_ru: f[3],
                },
                f[4],
                f[5],
            )
        })
        .collect();
    rows.sort_by_key(|(c, _, _)| c.code);
    let mut index = Index::with_capacity(rows.len() * 10);
    let mut local = HashMap::new();
    // Codes and official names first, so that no alias can shadow them.
    for (i, (c, countries, _)) in rows.iter().enumerate() {
        let i = i as u16;
        for key in [c.code, c.name_en, c.name_ru] {
            insert_key(&mut index, key, i);
        }
        insert_key(&mut index, &format!("{:03}", c.numeric), i);
        insert_key(&mut index, &c.numeric.to_string(), i);
        for country in countries.split_whitespace() {
            let b = country.as_bytes();
            assert!(b.len() == 2, "currencies.tsv: country code {country:?}");
            local.entry([b[0], b[1]]).or_insert(i);
        }
    }
    for (i, (_, _, aliases)) in rows.iter().enumerate() {
        for alias in split_aliases(aliases) {
            insert_key(&mut index, alias, i as u16);
        }
    }
    let mut currencies = Vec::with_capacity(rows.len());
    let mut countries = Vec::with_capacity(rows.len());
    let mut aliases = Vec::with_capacity(rows.len());
    for (c, k, a) in rows {
        currencies.push(c);
        countries.push(k);
        aliases.push(a);
    }
    Table {
        currencies,
        aliases,
        countries,
        index,
        local,
    }
}

fn build_fx() -> HashMap<&'static str, Vec<FxRow>> {
    let mut fx: HashMap<&'static str, Vec<FxRow>> = HashMap::new();
    for line in data_lines(FX_DATA).skip(1) {
        let mut f = line.split(',').map(str::trim);
        let (Some(code), Some(year_text), Some(units), None) =
            (f.next(), f.next(), f.next(), f.next())
        else {
            panic!("fx_annual.csv: expected currency,year,units_per_usd in {line:?}");
        };
        let year = year_text.parse().expect("fx_annual.csv: year");
        let units_per_usd: f64 = units.parse().expect("fx_annual.csv: units_per_usd");
        assert!(
            units_per_usd > 0.0,
            "fx_annual.csv: rate must be positive in {line:?}"
        );
        fx.entry(code).or_default().push(FxRow {
            year,
            year_text,
            units_per_usd,
        });
    }
    for rows in fx.values_mut() {
        rows.sort_by_key(|r| r.year);
    }
    fx
}

/// Every currency in the table, sorted by code.
pub fn all() -> &'static [Currency] {
    &TABLE.currencies
}

/// Reads a currency cell as customs data writes it and returns the currency, or `None` when the text names no known currency.
///
/// Accepts ISO codes and numeric codes, English and Russian names and abbreviations (`ДОЛЛ. США`, `РУБ`), signs (`$`, `€`, `¥`) and Chinese names, in any case.
/// The old ruble code `RUR` (810) reads as `RUB`; the bare `¥` reads as the Chinese yuan.
/// Combined forms such as `840 USD` or `USD (ДОЛЛАР США)` resolve when every part names the same currency.
pub fn lookup(text: &str) -> Option<&'static Currency> {
    let table: &'static Table = &TABLE;
    resolve(text, &table.index, |a, b| (a == b).then_some(a))
        .map(|i| &table.currencies[usize::from(i)])
}

/// The ISO code of the currency a country uses at home (`RU` gives `RUB`, `DE` gives `EUR`), for the countries of this table's currencies.
pub fn local_currency(country_alpha2: &str) -> Option<&'static str> {
    let b = country_alpha2.trim().as_bytes();
    if b.len() != 2 {
        return None;
    }
    let table: &'static Table = &TABLE;
    let key = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()];
    table
        .local
        .get(&key)
        .map(|&i| table.currencies[usize::from(i)].code)
}

/// The US dollar value of one unit of `code` in the given month, from the built-in annual averages.
///
/// `code` is an ISO code in any case, or any text [`lookup`] reads.
/// The table is annual, so every month of a year gets that year's average and `period` names the year.
/// For years outside the table the nearest year's rate is returned, and `period` names the year used.
/// Returns `None` for currencies without rates.
pub fn usd_per_unit(code: &str, year: i32, _month: u32) -> Option<FxRate> {
    let rows = fx_rows(code)?;
    let at = rows.partition_point(|r| r.year < year);
    let row = match (at.checked_sub(1).map(|i| &rows[i]), rows.get(at)) {
        (Some(before), Some(after)) if year - before.year < after.year - year => before,
        (_, Some(after)) => after,
        (Some(before), None) => before,
        (None, None) => return None,
    };
    Some(FxRate {
        usd_per_unit: 1.0 / row.units_per_usd,
        period: row.year_text,
        source: FX_SOURCE,
    })
}

fn fx_rows(code: &str) -> Option<&'static [FxRow]> {
    let fx: &'static HashMap<&'static str, Vec<FxRow>> = &FX;
    let b = code.trim().as_bytes();
    if b.len() == 3 && b.iter().all(u8::is_ascii_alphabetic) {
        let key = [
            b[0].to_ascii_uppercase(),
            b[1].to_ascii_uppercase(),
            b[2].to_ascii_uppercase(),
        ];
        if let Some(rows) = std::str::from_utf8(&key).ok().and_then(|k| fx.get(k)) {
            return Some(rows);
        }
    }
    lookup(code).and_then(|c| fx.get(c.code)).map(Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Expected result, then the cells that must give it.
    #[rustfmt::skip]
    const CASES: &[(Option<&str>, &[&str])] = &[
        (Some("USD"), &[
            "USD", "usd", "840", "ДОЛЛАР США", "ДОЛЛ. США", "Доллар США", "$", "US$", "840 USD", "USD (ДОЛЛАР США)",
        ]),
        (Some("EUR"), &["ЕВРО", "€", "978"]),
        (Some("CNY"), &["КИТАЙСКИЙ ЮАНЬ", "ЮАНЬ", "RMB", "CNY", "¥", "人民币"]),
        (Some("RUB"), &["РУБЛЬ", "РУБ", "руб.", "RUR", "810", "643", "РОССИЙСКИЙ РУБЛЬ"]),
        (Some("KZT"), &["ТЕНГЕ", "398 - KZT"]),
        (Some("AED"), &["ДИРХАМ ОАЭ"]),
        (Some("TRY"), &["ТУРЕЦКАЯ ЛИРА"]),
        (Some("AMD"), &["ДРАМ", "АРМЯНСКИЙ ДРАМ"]),
        (Some("BYN"), &["БЕЛОРУССКИЙ РУБЛЬ"]),
        (Some("KGS"), &["КИРГИЗСКИЙ СОМ"]),
        (Some("UZS"), &["УЗБЕКСКИЙ СУМ"]),
        (Some("GBP"), &["ФУНТ СТЕРЛИНГОВ", "£"]),
        (Some("JPY"), &["ЯПОНСКАЯ ИЕНА", "円"]),
        (Some("KRW"), &["ВОНА"]),
        (Some("INR"), &["ИНДИЙСКАЯ РУПИЯ"]),
        (Some("CHF"), &["ШВЕЙЦАРСКИЙ ФРАНК"]),
        (Some("HKD"), &["HK$", "港元"]),
        (Some("AUD"), &["036"]),
        (Some("PLN"), &["zł"]),
        (None, &["", "  ", "NULL", "XXX", "НЕИЗВЕСТНО", "ДИНАР", "999", "USD EUR", "qwe!!rty 7"]),
    ];

    #[test]
    fn lookup_cases() {
        let mut failures = Vec::new();
        for &(want, inputs) in CASES {
            for &input in inputs {
                let got = lookup(input).map(|c| c.code);
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
                >= 25
        );
    }

    #[test]
    fn table_is_sorted_and_unique() {
        let all = all();
        assert!(all.len() >= 40);
        assert!(
            all.windows(2).all(|w| w[0].code < w[1].code),
            "sorted, unique codes"
        );
        let mut numeric: Vec<_> = all.iter().map(|c| c.numeric).collect();
        numeric.sort_unstable();
        numeric.dedup();
        assert_eq!(numeric.len(), all.len(), "numeric unique");
    }

    #[test]
    fn every_name_and_alias_resolves_to_its_own_currency() {
        let table: &Table = &TABLE;
        let mut clashes = Vec::new();
        for (c, aliases) in table.currencies.iter().zip(&table.aliases) {
            let numeric = c.numeric.to_string();
            let keys = [c.code, c.name_en, c.name_ru, numeric.as_str()];
            for key in keys.into_iter().chain(split_aliases(aliases)) {
                let got = lookup(key).map(|g| g.code);
                if got != Some(c.code) {
                    clashes.push(format!("{key:?} is {got:?}, listed under {}", c.code));
                }
            }
        }
        assert!(clashes.is_empty(), "{}", clashes.join("\n"));
        let alias_count: usize = table.aliases.iter().map(|a| split_aliases(a).count()).sum();
        let fx_rows: usize = FX.values().map(Vec::len).sum();
        println!(
            "currencies: {}, aliases: {alias_count}, fx rows: {fx_rows}",
            table.currencies.len()
        );
    }

    #[test]
    fn local_currencies() {
        let cases = [
            ("RU", "RUB"),
            ("kz", "KZT"),
            ("BY", "BYN"),
            ("AM", "AMD"),
            ("KG", "KGS"),
            ("CN", "CNY"),
            ("HK", "HKD"),
            ("AE", "AED"),
            ("TR", "TRY"),
            ("US", "USD"),
            ("DE", "EUR"),
            ("FR", "EUR"),
            ("HR", "EUR"),
            ("UZ", "UZS"),
            ("GB", "GBP"),
            ("JP", "JPY"),
            ("KR", "KRW"),
            ("IN", "INR"),
        ];
        for (country, want) in cases {
            assert_eq!(local_currency(country), Some(want), "{country}");
        }
        assert_eq!(local_currency("XX"), None);
        assert_eq!(local_currency(""), None);
        assert_eq!(local_currency("RUS"), None);
    }

    #[test]
    fn local_currency_countries_exist_once() {
        let table: &Table = &TABLE;
        let mut seen = Vec::new();
        for field in &table.countries {
            for country in field.split_whitespace() {
                assert!(
                    crate::countries::by_alpha2(country).is_some(),
                    "{country} is not a country"
                );
                seen.push(country);
            }
        }
        let n = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), n, "a country listed under two currencies");
    }

    #[test]
    fn fx_table_covers_the_required_currencies_and_years() {
        let required = [
            "USD", "RUB", "CNY", "EUR", "KZT", "BYN", "AMD", "KGS", "HKD", "AED", "TRY", "GBP",
            "JPY", "UZS", "INR", "KRW",
        ];
        for code in required {
            for year in 2015..=2025 {
                let rate = usd_per_unit(code, year, 6).unwrap_or_else(|| panic!("{code} {year}"));
                assert_eq!(rate.period, year.to_string());
                assert!(rate.usd_per_unit > 0.0 && rate.usd_per_unit.is_finite());
            }
        }
        for code in FX.keys() {
            assert!(
                lookup(code).is_some_and(|c| c.code == *code),
                "{code} has rates but no currency row"
            );
        }
    }

    #[test]
    fn fx_rates() {
        assert_eq!(
            usd_per_unit("USD", 2020, 1).map(|r| r.usd_per_unit),
            Some(1.0)
        );
        let rub = usd_per_unit("rub", 2022, 3).unwrap();
        assert!((1.0 / rub.usd_per_unit - 68.48).abs() < 1e-9);
        assert_eq!(rub.period, "2022");
        assert_eq!(rub.source, FX_SOURCE);
        let eur = usd_per_unit("ЕВРО", 2021, 12).unwrap();
        assert!(eur.usd_per_unit > 1.1 && eur.usd_per_unit < 1.25);
        assert_eq!(usd_per_unit("CNY", 2031, 1).unwrap().period, "2025");
        assert_eq!(usd_per_unit("KZT", 1999, 1).unwrap().period, "2015");
        assert_eq!(usd_per_unit("RUR", 2019, 1), usd_per_unit("RUB", 2019, 7));
        assert_eq!(usd_per_unit("XXX", 2020, 1), None);
        assert_eq!(usd_per_unit("MXN", 2020, 1), None);
        assert_eq!(usd_per_unit("", 2020, 1), None);
    }

    proptest! {
        #[test]
        fn lookup_never_panics(s in ".*") {
            let _ = lookup(&s);
            let _ = local_currency(&s);
        }

        #[test]
        fn usd_per_unit_never_panics(s in ".{0,12}", year in any::<i32>(), month in any::<u32>()) {
            if let Some(rate) = usd_per_unit(&s, year, month) {
                prop_assert!(rate.usd_per_unit > 0.0);
            }
        }
    }
}
