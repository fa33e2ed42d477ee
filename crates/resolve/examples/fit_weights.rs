//! Fits the name-feature weights on the tuning half of the labelled pairs and prints them as Rust for `src/weights.rs`.
//!
//! Run: `cargo run --release -p tradetrail-resolve --example fit_weights` with `../shared/data` beside the repository.
//! Only pairs with `eval::is_tuning` are used; the held-out half is never read for fitting.

use tradetrail_resolve::eval::{is_tuning, kind_of_schema, parse_pairs};
use tradetrail_resolve::features::{
    HAND_WEIGHTS, N_NAME, NAME_FEATURES, SIGNS, decided_by_hand, name_features,
};
use tradetrail_resolve::normalise;
use tradetrail_resolve::score::{Kind, sigmoid};
use tradetrail_resolve::train::{best_threshold, fit_logistic};

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/name-matching-pairs/nomenklatura_name_bench_cases.csv"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("labelled pairs not found at {path}; nothing to fit");
        return;
    };
    let pairs = parse_pairs(&text);
    let l2: f64 = std::env::var("L2")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.001);
    for (kind, label) in [(Kind::Organisation, "ORG"), (Kind::Person, "PERSON")] {
        let mut x = Vec::new();
        let mut y = Vec::new();
        for p in pairs
            .iter()
            .filter(|p| is_tuning(p) && kind_of_schema(&p.schema) == kind)
        {
            let f = name_features(&normalise(&p.name1), &normalise(&p.name2));
            // Pairs a hand-set rule decides are left out: their labels would only pull the bias against the rule.
            if decided_by_hand(&f.values) {
                continue;
            }
            x.push(f.values.to_vec());
            y.push(p.is_match);
        }
        let mut init = [0.0; N_NAME];
        for (j, v) in HAND_WEIGHTS {
            init[j] = v;
        }
        let (b, w) = fit_logistic(&x, &y, &SIGNS, &init, l2, 20000);
        let probs: Vec<f64> = x
            .iter()
            .map(|xi| sigmoid(b + xi.iter().zip(&w).map(|(a, c)| a * c).sum::<f64>()))
            .collect();
        let (t, f1) = best_threshold(&probs, &y);
        println!(
            "// {label}: {} tuning pairs, tuning F1 {f1:.3} at threshold {t:.2}, l2 {l2}",
            x.len()
        );
        for (n, wi) in NAME_FEATURES.iter().zip(&w) {
            println!("//   {n:<24} {wi:+.3}");
        }
        let ws: Vec<String> = w.iter().map(|v| format!("{v:.3}")).collect();
        println!(
            "pub const {label}: Weights = Weights {{\n    bias: {b:.3},\n    name: [{}],\n    threshold: {t:.2},\n}};\n",
            ws.join(", ")
        );
    }
}
