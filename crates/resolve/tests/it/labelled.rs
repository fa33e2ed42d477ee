//! The labelled name pairs (nomenklatura name_bench, read from ../shared/data at test time): held-out F1 floors.
//!
//! The floors are what the current weights reach on the held-out half, which fitting never sees; the test prints both halves.

use tradetrail_resolve::eval::{eval_pairs, is_tuning, parse_pairs};

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/name-matching-pairs/nomenklatura_name_bench_cases.csv"
);

#[test]
fn held_out_f1_floors() {
    let Ok(text) = std::fs::read_to_string(PATH) else {
        println!("skipping: labelled pairs not found at {PATH}");
        return;
    };
    let pairs = parse_pairs(&text);
    assert_eq!(pairs.len(), 826);
    let tuning: Vec<_> = pairs.iter().filter(|p| is_tuning(p)).collect();
    let held: Vec<_> = pairs.iter().filter(|p| !is_tuning(p)).collect();
    let rt = eval_pairs(&tuning);
    let rh = eval_pairs(&held);
    for l in rt.lines() {
        println!("tuning   {l}");
    }
    for l in rh.lines() {
        println!("held-out {l}");
    }
    assert!(
        rh.overall.f1() >= 0.87,
        "overall held-out F1 {:.3}",
        rh.overall.f1()
    );
    assert!(
        rh.companies.f1() >= COMPANY_FLOOR,
        "company held-out F1 {:.3}",
        rh.companies.f1()
    );
    assert!(
        rh.persons.f1() >= 0.86,
        "person held-out F1 {:.3}",
        rh.persons.f1()
    );
}

/// The company floor the issue sets (0.92); the held-out half reaches 0.925 with the hand-set digit, pinyin and short-core rules, which the labelled set's fund-vintage "matches" still penalise.
const COMPANY_FLOOR: f64 = 0.92;
