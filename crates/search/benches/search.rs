//! Search benchmark: builds the index over a synthetic world and prints indexing rows/s, peak RSS and query latency percentiles; it asserts nothing about speed.
//!
//! Run: `cargo bench -p tradetrail-search --bench search` (1M lines).
//! Other sizes: `cargo bench -p tradetrail-search --bench search -- 10000000`.
//! The world and workspace go under `$TRADETRAIL_BENCH_DIR` (default: the system temp folder); put 10M-line runs on a disk with ~10 GB free.
//! An existing workspace there for the same size is reused, so a second run only rebuilds the index and queries it.
//! Peak RSS of the index build is VmHWM from /proc/self/status, reset just before the build (write 5 to /proc/self/clear_refs).

use std::path::{Path, PathBuf};
use std::time::Instant;

use tradetrail_ingest::{IngestOptions, KnownRecords, Sink};
use tradetrail_search::{BuildOptions, Filters, ensure, rebuild};
use tradetrail_store::{IngestCounts, IngestSource, IngestTxn, Workspace};
use tradetrail_synth::WorldConfig;

type BoxErr = Box<dyn std::error::Error + Send + Sync>;

struct StoreSink<'a>(&'a mut IngestTxn);

impl Sink for StoreSink<'_> {
    fn shipments(&mut self, batch: arrow::record_batch::RecordBatch) -> Result<(), BoxErr> {
        Ok(self.0.write_shipments(&batch)?)
    }
    fn quarantine(&mut self, batch: arrow::record_batch::RecordBatch) -> Result<(), BoxErr> {
        Ok(self.0.write_quarantine(&batch)?)
    }
}

fn vm_hwm_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Generates and ingests a world of `lines` into `root/workspace`, unless that workspace already holds it.
fn workspace(root: &Path, lines: u64) -> Result<Workspace, BoxErr> {
    let home = root.join("workspace");
    let mut ws = Workspace::open(&home)?;
    if !ws.manifest().ingests.is_empty() {
        println!("reusing workspace {}", home.display());
        return Ok(ws);
    }
    let world = root.join("world");
    let t = Instant::now();
    let cfg = WorldConfig {
        seed: 2023,
        lines,
        holdout: false,
    };
    let summary = tradetrail_synth::generate(&cfg, &world, &|_| {})?;
    println!("synth {lines} lines: {:.1}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    for file in &summary.files {
        let path = world.join(&file.path);
        let source = IngestSource {
            dataset: file.dataset.clone(),
            source_file: path.display().to_string(),
            digest: format!("bench-{}", file.path),
            bytes: std::fs::metadata(&path)?.len(),
            licence: None,
        };
        let Some(mut txn) = ws.begin_ingest(source)? else {
            continue;
        };
        let options = IngestOptions {
            dataset: file.dataset.clone(),
            profile: file.profile.clone(),
            ingest_id: txn.ingest_id().to_owned(),
            ..IngestOptions::default()
        };
        let report = tradetrail_ingest::ingest_path(
            &path,
            &options,
            &mut KnownRecords::new(),
            &mut StoreSink(&mut txn),
            &(),
        )?;
        let counts = IngestCounts {
            stored: report.stored,
            ..IngestCounts::default()
        };
        txn.commit(counts)?;
        ws.reload()?;
    }
    println!("ingest: {:.1}s", t.elapsed().as_secs_f64());
    std::fs::remove_dir_all(&world)?;
    Ok(ws)
}

fn filters(
    country: Option<&str>,
    hs: Option<&str>,
    since: Option<&str>,
    party: Option<&str>,
) -> Filters {
    Filters {
        since: since.map(str::to_owned),
        country: country.map(str::to_owned),
        hs_prefix: hs.map(str::to_owned),
        party: party.map(str::to_owned),
        ..Filters::default()
    }
}

fn main() -> Result<(), BoxErr> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let lines: u64 = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let base =
        std::env::var_os("TRADETRAIL_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let root = base.join(format!("tradetrail-search-bench-{lines}"));
    println!(
        "== search benchmark, {lines} lines, under {}",
        root.display()
    );
    let ws = workspace(&root, lines)?;

    let options = BuildOptions::default();
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let t = Instant::now();
    let report = rebuild(&ws, &options)?;
    let seconds = t.elapsed().as_secs_f64();
    println!(
        "index build: {} lines in {seconds:.1}s = {:.0} lines/s, {} threads, writer budget {} MB, peak RSS {:.0} MB",
        report.lines,
        report.lines as f64 / seconds,
        options.threads,
        options.memory_budget >> 20,
        vm_hwm_mb()
    );
    let (index, _) = ensure(&ws, &options)?;
    let size: u64 = walk_size(&tradetrail_search::index_dir(&ws));
    println!("index size on disk: {:.0} MB", size as f64 / 1e6);

    let none = Filters::default();
    let queries: Vec<(&str, &str, Filters)> = vec![
        ("ru", "квадрокоптер", none.clone()),
        ("ru", "квадрокоптеры mavic", none.clone()),
        ("ru", "запасные части", none.clone()),
        ("ru", "аккумулятор", none.clone()),
        ("en", "unmanned aerial vehicle", none.clone()),
        ("en", "batteries", none.clone()),
        ("zh", "无人机", none.clone()),
        ("zh", "御3", none.clone()),
        ("translit", "kvadrokopter mavic", none.clone()),
        ("translit", "мавик 3", none.clone()),
        (
            "filtered",
            "квадрокоптер",
            filters(Some("CN"), None, Some("2022-02-24"), None),
        ),
        ("filtered", "mavic", filters(None, Some("8806"), None, None)),
        (
            "filtered",
            "аккумулятор",
            filters(Some("AE"), Some("8507"), Some("2023-01-01"), None),
        ),
        (
            "filtered",
            "",
            filters(None, Some("880622"), Some("2023-01-01"), Some("trading")),
        ),
    ];
    let rounds = 20;
    let mut all: Vec<f64> = Vec::new();
    let mut by_kind: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    for (kind, q, f) in &queries {
        let first = index.search(q, f, 20)?;
        let mut times = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let t = Instant::now();
            std::hint::black_box(index.search(q, f, 20)?);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "  {kind:<9} {q:<26} {:>9} hits  p50 {:>7.2} ms",
            first.total,
            pct(&times, 50.0)
        );
        all.extend(&times);
        by_kind.entry(kind).or_default().extend(&times);
    }
    all.sort_by(f64::total_cmp);
    for (kind, t) in &mut by_kind {
        t.sort_by(f64::total_cmp);
        println!(
            "  {kind:<9} p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms",
            pct(t, 50.0),
            pct(t, 95.0),
            pct(t, 99.0)
        );
    }
    println!(
        "query latency over {} runs of {} queries (top 20 + count): p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
        all.len(),
        queries.len(),
        pct(&all, 50.0),
        pct(&all, 95.0),
        pct(&all, 99.0)
    );
    Ok(())
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn walk_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => walk_size(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}
