//! Ingest benchmark: synthetic worlds of 1M and 10M lines through `tradetrail ingest`, side by side with DuckDB's `read_csv`.
//!
//! Run: `cargo bench -p tradetrail --bench ingest` (sizes default to 1M and 10M lines; pass sizes to change them,
//! e.g. `cargo bench -p tradetrail --bench ingest -- 200000`).
//! It prints rows/s, MB/s and peak RSS for each run; it asserts nothing about speed.
//! DuckDB comes from PyPI (`pip install duckdb`), installed on first use; without it the comparison is skipped with a message.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "common/mod.rs"]
mod common;
use common::{Run, measure};

const BIN: &str = env!("CARGO_BIN_EXE_tradetrail");

fn lines_in(path: &Path) -> u64 {
    let bytes = std::fs::read(path).expect("file is readable");
    bytes.iter().filter(|&&b| b == b'\n').count() as u64 - 1
}

fn duckdb_available() -> bool {
    let probe = |py: &str| {
        Command::new(py)
            .args(["-c", "import duckdb"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if probe("python3") {
        return true;
    }
    eprintln!("installing duckdb from PyPI for the comparison...");
    let _ = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "duckdb"])
        .status();
    probe("python3")
}

/// Loads the CSV into an in-memory DuckDB table; returns the run, the load time and the rows DuckDB kept.
///
/// `ignore_errors` is needed: the world's few malformed rows would otherwise fail DuckDB's whole load (it skips them silently).
fn duckdb_load(csv: &Path) -> Option<(Run, f64, u64)> {
    let script = format!(
        "import duckdb, time\ncon = duckdb.connect()\ncon.execute('SET enable_progress_bar = false')\nt = time.perf_counter()\ncon.execute(\"CREATE TABLE t AS SELECT * FROM read_csv('{}', header=true, ignore_errors=true)\")\ns = time.perf_counter() - t\nprint(con.execute('SELECT COUNT(*) FROM t').fetchone()[0])\nprint(s)\n",
        csv.display()
    );
    let run = measure(Command::new("python3").args(["-c", &script]));
    // The last two lines are the rows kept and the time; anything before them is DuckDB's own output.
    let mut tail = run.stdout.lines().rev();
    let inner: f64 = tail.next()?.trim().parse().ok()?;
    let kept: u64 = tail.next()?.trim().parse().ok()?;
    Some((run, inner, kept))
}

fn main() {
    let sizes: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000_000, 10_000_000]
    } else {
        sizes
    };
    let scratch = std::env::var_os("TRADETRAIL_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let duckdb = duckdb_available();
    println!(
        "ingest benchmark on {} cores; scratch {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        scratch.display()
    );
    for lines in sizes {
        let dir = scratch.join(format!("tradetrail-bench-{lines}"));
        let _ = std::fs::remove_dir_all(&dir);
        let world = dir.join("world");
        let synth = measure(
            Command::new(BIN)
                .args([
                    "synth",
                    "--seed",
                    "1",
                    "--lines",
                    &lines.to_string(),
                    "--out",
                ])
                .arg(&world),
        );
        println!(
            "\n== {lines} lines: synth {:.1}s ({:.0} lines/s, peak RSS {:.0} MB)",
            synth.seconds,
            lines as f64 / synth.seconds,
            synth.peak_rss_mb
        );

        let vendor = world.join("ru_vendor.csv");
        let vendor_rows = lines_in(&vendor);
        let vendor_mb = std::fs::metadata(&vendor).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let home = dir.join("case-vendor");
        let run = measure(
            Command::new(BIN)
                .arg("--home")
                .arg(&home)
                .args(["ingest", "--dataset", "bench"])
                .arg(&vendor),
        );
        println!(
            "tradetrail ingest ru_vendor.csv: {vendor_rows} rows, {vendor_mb:.0} MB in {:.2}s = {:.0} rows/s, {:.1} MB/s, peak RSS {:.0} MB",
            run.seconds,
            vendor_rows as f64 / run.seconds,
            vendor_mb / run.seconds,
            run.peak_rss_mb
        );
        if duckdb {
            if let Some((run, inner, kept)) = duckdb_load(&vendor) {
                println!(
                    "duckdb read_csv ru_vendor.csv:   {vendor_rows} rows ({kept} kept; ignore_errors skips the rest silently) in {inner:.2}s (process {:.2}s) = {:.0} rows/s, {:.1} MB/s, peak RSS {:.0} MB",
                    run.seconds,
                    vendor_rows as f64 / inner,
                    vendor_mb / inner,
                    run.peak_rss_mb
                );
            }
        } else {
            println!("duckdb comparison skipped: python3 with duckdb is not available");
        }

        let home = dir.join("case-all");
        let files = ["ru_vendor.csv", "ru_customs.csv", "kz_imports.csv"].map(|f| world.join(f));
        let total_mb: f64 = files
            .iter()
            .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0) as f64 / 1e6)
            .sum();
        let run = measure(
            Command::new(BIN)
                .arg("--home")
                .arg(&home)
                .args(["ingest", "--dataset", "bench"])
                .args(&files),
        );
        println!(
            "tradetrail ingest whole world (3 files, UTF-8 and Windows-1251): {lines} rows, {total_mb:.0} MB in {:.2}s = {:.0} rows/s, {:.1} MB/s, peak RSS {:.0} MB",
            run.seconds,
            lines as f64 / run.seconds,
            total_mb / run.seconds,
            run.peak_rss_mb
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
