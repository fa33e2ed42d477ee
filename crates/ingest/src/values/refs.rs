//! The one place the ingest crate asks reference data: country and currency look-ups and USD rates from `tradetrail_refdata`.

use std::collections::HashMap;

use tradetrail_refdata::{countries, currencies};

/// The ISO alpha-2 code of a country written as a code, a number or an English, Russian or Chinese name.
pub fn country_alpha2(raw: &str) -> Option<&'static str> {
    countries::lookup(raw).map(|c| c.alpha2)
}

/// The ISO 4217 code of a currency written as a code, a number or a name.
pub fn currency_code(raw: &str) -> Option<&'static str> {
    currencies::lookup(raw).map(|c| c.code)
}

/// USD per one unit of `code` in the given month, when a documented rate is known.
pub fn usd_per_unit(code: &str, year: i32, month: u32) -> Option<f64> {
    if code == "USD" {
        return Some(1.0);
    }
    currencies::usd_per_unit(code, year, month).map(|r| r.usd_per_unit)
}

/// The local currency of a reporting country, for converting customs values.
pub fn local_currency(alpha2: &str) -> Option<&'static str> {
    currencies::local_currency(alpha2)
}

/// Per-worker memo of country and currency look-ups: the same few spellings repeat on millions of rows.
#[derive(Debug, Default)]
pub struct Lookups {
    countries: HashMap<Box<str>, Option<&'static str>>,
    currencies: HashMap<Box<str>, Option<&'static str>>,
}

fn memo(
    map: &mut HashMap<Box<str>, Option<&'static str>>,
    key: &str,
    f: fn(&str) -> Option<&'static str>,
) -> Option<&'static str> {
    if let Some(v) = map.get(key) {
        return *v;
    }
    let v = f(key);
    if map.len() > 50_000 {
        map.clear();
    }
    map.insert(key.into(), v);
    v
}

impl Lookups {
    /// [`country_alpha2`], remembered.
    pub fn country(&mut self, raw: &str) -> Option<&'static str> {
        memo(&mut self.countries, raw, country_alpha2)
    }

    /// [`currency_code`], remembered.
    pub fn currency(&mut self, raw: &str) -> Option<&'static str> {
        memo(&mut self.currencies, raw, currency_code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Китай", Some("CN")),
            ("cn", Some("CN")),
            ("156", Some("CN")),
            ("Atlantis", None),
        ];
        for (input, want) in cases {
            assert_eq!(country_alpha2(input), *want, "{input:?}");
        }
        let cases: &[(&str, Option<&str>)] = &[
            ("usd", Some("USD")),
            ("840", Some("USD")),
            ("RUR", Some("RUB")),
            ("шекели", None),
        ];
        for (input, want) in cases {
            assert_eq!(currency_code(input), *want, "{input:?}");
        }
        assert_eq!(local_currency("RU"), Some("RUB"));
        assert!(usd_per_unit("RUB", 2025, 3).is_some_and(|r| r > 0.0 && r < 1.0));
    }
}
