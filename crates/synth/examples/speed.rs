//! Measures generation speed: writes a world of N lines (default 1,000,000) to a temporary directory and prints lines per second.
//!
//! Run with `cargo run --release -p tradetrail-synth --example speed -- [lines] [out_dir]`.

use std::time::Instant;

use tradetrail_synth::{WorldConfig, generate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let lines: u64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let out = args.next().map_or_else(
        || std::env::temp_dir().join("tradetrail-synth-speed"),
        std::path::PathBuf::from,
    );
    let cfg = WorldConfig {
        seed: 42,
        lines,
        holdout: false,
    };
    let start = Instant::now();
    let summary = generate(&cfg, &out, &|_| {})?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} lines in {secs:.2} s = {:.0} lines/s, peak RSS {} into {}",
        summary.lines,
        summary.lines as f64 / secs,
        peak_rss(),
        out.display()
    );
    println!("{}", serde_json::to_string_pretty(&summary)?);
    Ok(())
}

/// Peak resident set size of this process (`VmHWM` in `/proc/self/status`), or `unknown` off Linux.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or_else(
            || "unknown".into(),
            |kb| format!("{:.1} MB", kb as f64 / 1024.0),
        )
}
