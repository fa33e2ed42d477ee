//! End-to-end benchmark: a synthetic world of N lines through every stage (synth, ingest, lists, classify, resolve, screen, graph and a 12-hop trace, detect, report), each stage its own `tradetrail` process.
//!
//! Run: `cargo bench --bench pipeline -- 1000000 10000000` (default: 1M lines).
//! It prints per-stage wall time, lines/s and peak RSS, and a Markdown table to record in `bench/runs/`; it asserts nothing about speed.
//! `TRADETRAIL_BENCH_DIR` sets the scratch folder (default: the system's temporary folder); the workspace is removed afterwards.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "common/mod.rs"]
mod common;
use common::{Run, machine, measure};

const BIN: &str = env!("CARGO_BIN_EXE_tradetrail");

fn tt(home: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--home").arg(home);
    c
}

/// Several commands as one stage: total time, highest peak RSS.
fn stage(runs: Vec<Run>) -> Run {
    Run {
        seconds: runs.iter().map(|r| r.seconds).sum(),
        peak_rss_mb: runs.iter().map(|r| r.peak_rss_mb).fold(0.0, f64::max),
        stdout: runs.into_iter().map(|r| r.stdout).collect(),
    }
}

fn run_world(dir: &Path, lines: u64) -> Vec<(&'static str, Run)> {
    let world = dir.join("world");
    let home = dir.join("workspace");
    let mut stages = Vec::new();
    let synth = measure(
        Command::new(BIN)
            .args([
                "synth",
                "--seed",
                "2023",
                "--lines",
                &lines.to_string(),
                "--out",
            ])
            .arg(&world),
    );
    stages.push(("synth", synth));

    let summary: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(world.join("world.json")).expect("world.json"),
    )
    .expect("world.json is JSON");
    let mut runs = Vec::new();
    for f in summary["files"].as_array().expect("files") {
        let mut c = tt(&home);
        c.args([
            "ingest",
            "--dataset",
            f["dataset"].as_str().unwrap_or("bench"),
        ]);
        if let Some(p) = f["profile"].as_str() {
            c.args(["--profile", p]);
        }
        c.arg(world.join(f["path"].as_str().expect("path")));
        runs.push(measure(&mut c));
    }
    stages.push(("ingest", stage(runs)));

    let lists = world.join("watchlist");
    stages.push((
        "lists",
        stage(vec![
            measure(
                tt(&home)
                    .args(["lists", "import", "ofac-sdn-csv"])
                    .arg(lists.join("ofac-sdn")),
            ),
            measure(
                tt(&home)
                    .args(["lists", "import", "ftm-json"])
                    .arg(lists.join("synthetic.ftm.jsonl")),
            ),
        ]),
    ));
    stages.push(("classify", measure(tt(&home).arg("classify"))));
    stages.push(("resolve", measure(tt(&home).args(["entities", "build"]))));
    stages.push(("screen", measure(tt(&home).arg("screen"))));
    stages.push((
        "graph + 12-hop trace",
        measure(tt(&home).args([
            "trace",
            "--from",
            "DJI",
            "--to-country",
            "RU",
            "--goods",
            "drone",
            "--max-hops",
            "12",
            "--window",
            "120d",
        ])),
    ));
    stages.push(("detect", measure(tt(&home).arg("detect"))));
    stages.push((
        "report",
        measure(tt(&home).args([
            "report",
            "--goods",
            "drones",
            "--to",
            "RU",
            "--since",
            "2022-02-24",
        ])),
    ));
    stages
}

fn main() {
    let sizes: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000_000]
    } else {
        sizes
    };
    let scratch = std::env::var_os("TRADETRAIL_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    println!(
        "pipeline benchmark on {}; scratch {}",
        machine(),
        scratch.display()
    );
    for lines in sizes {
        let dir = scratch.join(format!("tradetrail-pipeline-{lines}"));
        let _ = std::fs::remove_dir_all(&dir);
        let stages = run_world(&dir, lines);
        println!("\n== {lines} lines\n");
        println!("| stage | wall s | lines/s | peak RSS MB |");
        println!("|---|---:|---:|---:|");
        for (name, r) in &stages {
            println!(
                "| {name} | {:.1} | {:.0} | {:.0} |",
                r.seconds,
                lines as f64 / r.seconds,
                r.peak_rss_mb
            );
        }
        let total: f64 = stages.iter().map(|(_, r)| r.seconds).sum();
        let peak = stages
            .iter()
            .map(|(_, r)| r.peak_rss_mb)
            .fold(0.0, f64::max);
        println!(
            "| **all stages** | **{total:.1}** | **{:.0}** | **{peak:.0}** |",
            lines as f64 / total
        );
        if let Some((_, r)) = stages.last() {
            println!("\nreport: {}", r.stdout.lines().next().unwrap_or(""));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
