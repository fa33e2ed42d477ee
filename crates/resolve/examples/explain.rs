//! Prints the explained score of two organisation names given on the command line.
//!
//! Run: `cargo run -p tradetrail-resolve --example explain -- "SZ DJI TECHNOLOGY CO LTD" "深圳市大疆创新科技有限公司"`.

use tradetrail_resolve::{Party, normalise, score};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (a, b) = (
        args.first().cloned().unwrap_or_default(),
        args.get(1).cloned().unwrap_or_default(),
    );
    for n in [&a, &b] {
        let nn = normalise(n);
        println!(
            "{n}: tokens {:?} core {:?} legal {:?} variants {}",
            nn.tokens,
            nn.core_tokens,
            nn.legal_form,
            nn.script_variants.len()
        );
    }
    let s = score(&Party::org(&a), &Party::org(&b));
    println!("p={:.3} {:?}", s.probability, s.verdict);
    for f in &s.features {
        println!(
            "  {:<24} value {:.3} × weight {:+.3} = {:+.3}  {}",
            f.name, f.value, f.weight, f.contribution, f.detail
        );
    }
}
