//! Fuzz target: the reference-data parsers (HS nomenclature, HS2017-HS2022 correlation, the components catalogue) must never panic on any text.
//!
//! The first byte picks the parser; the components catalogue's three files are cut from the rest at the first two NUL bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tradetrail_refdata::{components, hs};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    match pick % 4 {
        0 => drop(hs::parse_nomenclature("HS2022", &text, "fuzz.csv")),
        1 => drop(hs::parse_nomenclature("HS2017", &text, "fuzz.csv")),
        2 => drop(hs::parse_correlation(&text, "fuzz.csv")),
        _ => {
            let mut parts = text.splitn(3, '\0');
            let c = parts.next().unwrap_or("");
            let d = parts.next().unwrap_or("");
            let m = parts.next().unwrap_or("");
            drop(components::parse_catalogue(c, d, m, "fuzz"));
        }
    }
});
