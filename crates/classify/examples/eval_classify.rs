//! Evaluates the classifier on a tuning world and a held-out world side by side, against the worlds' ground truth.
//!
//! `cargo run --release -p tradetrail-classify --example eval_classify -- [--lines N] [--seeds A B] [--errors K]`
//! `--errors K` prints up to K wrong lines of the tuning world only: the held-out world is scored, never inspected.

#[path = "../tests/it/world.rs"]
mod world;

use tradetrail_classify::eval::{Metrics, side_by_side};

fn arg<T: std::str::FromStr>(args: &[String], name: &str, at: usize) -> Option<T> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1 + at)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args: Vec<String> = std::env::args().collect();
    let lines: u64 = arg(&args, "--lines", 0).unwrap_or(100_000);
    let seed_a: u64 = arg(&args, "--seeds", 0).unwrap_or(7);
    let seed_b: u64 = arg(&args, "--seeds", 1).unwrap_or(4242);
    let errors: usize = arg(&args, "--errors", 0).unwrap_or(0);
    let tmp = tempfile::tempdir()?;
    let mut results: Vec<Metrics> = Vec::new();
    for (name, seed, holdout) in [("tuning", seed_a, false), ("holdout", seed_b, true)] {
        let t = std::time::Instant::now();
        let w = world::build(seed, lines, holdout, &tmp.path().join(name))?;
        eprintln!(
            "{name}: seed {seed}, {} lines joined, {} unmatched, built in {:.1?}",
            w.lines.len(),
            w.unmatched,
            t.elapsed()
        );
        let t = std::time::Instant::now();
        let m = world::score(&w);
        eprintln!("{name}: classified in {:.1?}", t.elapsed());
        if !holdout {
            let c = tradetrail_classify::classifier();
            let mut best = f64::MAX;
            for _ in 0..3 {
                let t = std::time::Instant::now();
                for (l, _) in &w.lines {
                    std::hint::black_box(c.classify(std::hint::black_box(l)));
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            eprintln!(
                "{name}: {:.0} lines/s single-threaded (best of 3)",
                w.lines.len() as f64 / best
            );
        }
        if !holdout && errors > 0 {
            print_errors(&w, errors);
        }
        results.push(m);
    }
    println!(
        "{}",
        side_by_side(&["tuning", "holdout"], &[&results[0], &results[1]])
    );
    Ok(())
}

/// Prints wrong lines of a tuning world: category, brand or model errors on drone goods, and flag errors.
fn print_errors(w: &world::World, max: usize) {
    let mut n = 0;
    for (line, t) in &w.lines {
        let c = tradetrail_classify::classify(line);
        let cat_wrong = c.category.as_str() != t.category;
        let model_wrong =
            t.category == "drone" && !t.vague && c.model.as_deref() != Some(t.model.as_str());
        let mis_wrong = c.misclassified.is_some() != t.misclassified;
        let vague_wrong = (c.vague_score >= tradetrail_classify::VAGUE_THRESHOLD) != t.vague;
        if !(cat_wrong || model_wrong || mis_wrong || vague_wrong) {
            continue;
        }
        n += 1;
        if n > max {
            break;
        }
        println!(
            "--- truth {} {} {} hn={} mis={} vague={} | got {:?} {:?} {:?} hn={} mis={:?} vague={:.2}\n    desc={:?} en={:?} brand={:?} manuf={:?} model={:?} hs={:?} date={:?}",
            t.category,
            t.brand,
            t.model,
            t.is_hard_negative,
            t.misclassified,
            t.vague,
            c.category,
            c.brand,
            c.model,
            c.hard_negative,
            c.misclassified.as_ref().map(|m| &m.reason),
            c.vague_score,
            line.description,
            line.description_en,
            line.brand,
            line.manufacturer,
            line.model,
            line.hs_code,
            line.declaration_date
        );
    }
}
