//! Property tests: `classify` never panics on arbitrary text, and every catalogue model spelling survives the spelling mutations declarations show (spaces dropped, hyphens added, Cyrillic look-alike letters).

use proptest::prelude::*;
use tradetrail_classify::{Category, classify};
use tradetrail_model::ShipmentLine;
use tradetrail_refdata::products::catalogue;

fn line(desc: &str, brand: &str, model: &str, hs: &str) -> ShipmentLine {
    ShipmentLine {
        description: Some(desc.to_string()),
        brand: (!brand.is_empty()).then(|| brand.to_string()),
        model: (!model.is_empty()).then(|| model.to_string()),
        hs_code: Some(hs.to_string()),
        hs6: hs.get(..6).map(str::to_string),
        declaration_date: Some(19_500),
        ..Default::default()
    }
}

proptest! {
    #[test]
    fn never_panics(d in any::<String>(), e in "\\PC{0,40}", b in "[A-ZА-Я0-9 大疆-]{0,12}", m in any::<String>(), hs in "[0-9. ]{0,12}", date in any::<i32>()) {
        let mut l = line(&d, &b, &m, &hs);
        l.description_en = Some(e);
        l.declaration_date = Some(date);
        let c = classify(&l);
        prop_assert!((0.0..=1.0).contains(&c.confidence));
        prop_assert!((0.0..=1.0).contains(&c.vague_score));
    }
}

/// The spelling mutations: spaces dropped, hyphen between letters and digits with spaces after letters dropped, Cyrillic look-alike letters.
fn mutations(m: &str) -> Vec<String> {
    let squeeze = m.replace(' ', "");
    let mut hyphen = String::new();
    let mut prev: Option<char> = None;
    for c in m.chars() {
        if prev.is_some_and(|p| p.is_alphabetic()) && c.is_ascii_digit() {
            hyphen.push('-');
        }
        if c != ' ' || prev.is_none_or(|p| !p.is_alphabetic()) {
            hyphen.push(c);
        }
        prev = Some(c);
    }
    let cyr: String = m
        .chars()
        .map(|c| match c {
            'A' => 'А',
            'B' => 'В',
            'E' => 'Е',
            'K' => 'К',
            'M' => 'М',
            'H' => 'Н',
            'O' => 'О',
            'P' => 'Р',
            'C' => 'С',
            'T' => 'Т',
            'X' => 'Х',
            o => o,
        })
        .collect();
    vec![m.to_string(), squeeze, hyphen, cyr]
}

#[test]
fn model_spellings_survive_mutations() {
    let mut fails = Vec::new();
    let mut total = 0;
    for p in &catalogue().products {
        for a in std::iter::once(&p.model.to_uppercase()).chain(&p.aliases) {
            for m in mutations(a) {
                total += 1;
                let desc = format!("ТОВАР {} {m}", p.brand.to_uppercase());
                let c = classify(&line(&desc, "", &m, &p.hs6_expected[0]));
                let c2 = classify(&line(&desc, "", "", &p.hs6_expected[0]));
                if c.product_id.as_deref() != Some(p.id.as_str())
                    || c2.product_id.as_deref() != Some(p.id.as_str())
                {
                    fails.push(format!(
                        "{} {a:?} -> {m:?}: model field {:?}, text {:?}",
                        p.id, c.product_id, c2.product_id
                    ));
                }
            }
        }
    }
    for f in &fails {
        println!("{f}");
    }
    println!("{} of {total} spellings missed", fails.len());
    assert!(
        fails.len() * 100 <= total * 3,
        "{} of {total} spellings missed",
        fails.len()
    );
    let c = classify(&line("КВАДРОКОПТЕР", "", "", "9503000000"));
    assert_eq!(c.category, Category::Drone);
}
