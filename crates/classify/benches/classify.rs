//! Measures single-threaded classification speed, in lines per second, over a generated world's ingested lines.
//!
//! `cargo bench -p tradetrail-classify --bench classify -- [--lines N]`; it prints figures and asserts nothing (benchmarks are programs, not timed tests).

#[path = "../tests/it/world.rs"]
mod world;

use std::hint::black_box;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args: Vec<String> = std::env::args().collect();
    let lines: u64 = args
        .iter()
        .position(|a| a == "--lines")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(200_000);
    let tmp = tempfile::tempdir()?;
    let w = world::build(11, lines, false, tmp.path())?;
    let rows: Vec<_> = w.lines.into_iter().map(|(l, _)| l).collect();
    let c = tradetrail_classify::classifier();
    let _ = c.classify(&rows[0]);
    let mut best = f64::MAX;
    let mut drones = 0;
    for _ in 0..3 {
        let t = Instant::now();
        drones = 0;
        for l in &rows {
            let r = black_box(c.classify(black_box(l)));
            drones += usize::from(r.category == tradetrail_classify::Category::Drone);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "classify: {} lines in {:.3} s = {:.0} lines/s single-threaded (best of 3; {drones} drones)",
        rows.len(),
        best,
        rows.len() as f64 / best
    );
    Ok(())
}
