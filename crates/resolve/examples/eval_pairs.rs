//! Prints precision, recall and F1 on the labelled name pairs: tuning and held-out halves, overall, by kind and by script pair.
//!
//! Run: `cargo run --release -p tradetrail-resolve --example eval_pairs [--errors]` with `../shared/data` beside the repository.

use tradetrail_resolve::eval::{eval_pairs, is_tuning, parse_pairs};

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/name-matching-pairs/nomenklatura_name_bench_cases.csv"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("labelled pairs not found at {path}; skipping");
        return;
    };
    let show_errors = std::env::args().any(|a| a == "--errors");
    let pairs = parse_pairs(&text);
    for (label, tuning) in [("tuning", true), ("held-out", false)] {
        let half: Vec<_> = pairs.iter().filter(|p| is_tuning(p) == tuning).collect();
        let r = eval_pairs(&half);
        println!("== {label} ({} pairs)", half.len());
        for l in r.lines() {
            println!("  {l}");
        }
        if show_errors {
            for (p, prob) in &r.errors {
                println!(
                    "    {} {:.2} {} | {} | {}",
                    if p.is_match { "FN" } else { "FP" },
                    prob,
                    p.schema,
                    p.name1,
                    p.name2
                );
            }
        }
    }
    let all: Vec<_> = pairs.iter().collect();
    println!("== all ({} pairs)", all.len());
    for l in eval_pairs(&all).lines() {
        println!("  {l}");
    }
}
