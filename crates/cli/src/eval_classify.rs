//! `tradetrail eval classify`: the classifier scored against the ground truth of a tuning world and a held-out world, side by side.
//!
//! Each world is generated (or read from `--world DIR`), its declaration files are read with the ingest crate exactly as `tradetrail ingest` reads them, every line is classified and joined to `truth/` by file and line.
//! Nothing is written to a workspace; generated worlds go to a temporary folder that is removed afterwards.
//! The figures are printed, never asserted here: the classify test suite holds the floors.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use arrow::record_batch::RecordBatch;
use rayon::prelude::*;
use tradetrail_classify::Category;
use tradetrail_classify::eval::{Metrics, TruthTable, parse_truth, side_by_side};
use tradetrail_ingest::{IngestOptions, KnownRecords, Sink};
use tradetrail_model::ShipmentLine;
use tradetrail_synth::WorldConfig;

type BoxErr = Box<dyn std::error::Error + Send + Sync>;

/// What to evaluate: generated worlds, or existing world folders.
#[derive(Debug, Clone)]
pub struct EvalClassify {
    /// Lines of each generated world.
    pub lines: u64,
    /// Seed of the tuning world.
    pub seed: u64,
    /// Seed of the held-out world.
    pub holdout_seed: u64,
    /// Existing worlds (from `tradetrail synth`) to score instead of generating two.
    pub worlds: Vec<PathBuf>,
}

/// Classifies each ingested batch and scores it against the truth as it arrives, so memory does not grow with the world.
struct Scorer<'a> {
    file: String,
    truth: &'a TruthTable,
    metrics: Metrics,
    unmatched: u64,
}

impl Sink for Scorer<'_> {
    fn shipments(&mut self, batch: RecordBatch) -> Result<(), BoxErr> {
        let lines = ShipmentLine::from_batch(&batch).ok_or("batch without the shipment schema")?;
        let classes: Vec<_> = lines
            .par_iter()
            .map(tradetrail_classify::classify)
            .collect();
        for (line, class) in lines.iter().zip(&classes) {
            match self.truth.get(&(self.file.clone(), line.source_line)) {
                Some(t) => self.metrics.add(class, t),
                None => self.unmatched += 1,
            }
        }
        Ok(())
    }
    fn quarantine(&mut self, _: RecordBatch) -> Result<(), BoxErr> {
        Ok(())
    }
}

/// Scores one world folder; prints how it went on stderr.
fn score_world(dir: &Path, name: &str) -> anyhow::Result<Metrics> {
    let summary: serde_json::Value = serde_json::from_str(
        &fs_err::read_to_string(dir.join("world.json")).context("a synthetic world folder")?,
    )
    .with_context(|| format!("{}/world.json", dir.display()))?;
    let files: Vec<(String, Option<String>)> = summary["files"]
        .as_array()
        .map(|files| {
            files
                .iter()
                .filter_map(|f| {
                    let path = f["path"].as_str()?.to_owned();
                    Some((path, f["profile"].as_str().map(str::to_owned)))
                })
                .collect()
        })
        .unwrap_or_default();
    let truth = parse_truth(
        &fs_err::read_to_string(dir.join("truth/lines.csv"))?,
        &fs_err::read_to_string(dir.join("truth/anomalies.csv"))?,
    )
    .map_err(anyhow::Error::msg)
    .with_context(|| format!("truth of {}", dir.display()))?;
    let started = Instant::now();
    let mut metrics = Metrics::default();
    let mut unmatched = 0;
    for (file, profile) in &files {
        let path = dir.join(file);
        let options = IngestOptions {
            dataset: "eval".into(),
            profile: profile.clone(),
            ..IngestOptions::default()
        };
        let name = Path::new(file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        let mut scorer = Scorer {
            file: name,
            truth: &truth,
            metrics,
            unmatched: 0,
        };
        tradetrail_ingest::ingest_path(&path, &options, &mut KnownRecords::new(), &mut scorer, &())
            .with_context(|| format!("reading {}", path.display()))?;
        metrics = scorer.metrics;
        unmatched += scorer.unmatched;
    }
    eprintln!(
        "{name}: {} ({} template set, seed {}): {} lines scored, {unmatched} without a truth row, read and classified in {:.1}s",
        dir.display(),
        summary["template_set"].as_str().unwrap_or("?"),
        summary["config"]["seed"],
        metrics.lines,
        started.elapsed().as_secs_f64()
    );
    Ok(metrics)
}

/// Runs the evaluation and prints the side-by-side table and the targets.
pub fn run(args: &EvalClassify) -> anyhow::Result<()> {
    let mut names: Vec<String> = Vec::new();
    let mut results: Vec<Metrics> = Vec::new();
    if args.worlds.is_empty() {
        let tmp =
            std::env::temp_dir().join(format!("tradetrail-eval-classify-{}", std::process::id()));
        let outcome = (|| -> anyhow::Result<()> {
            for (name, seed, holdout) in [
                ("tuning", args.seed, false),
                ("holdout", args.holdout_seed, true),
            ] {
                let dir = tmp.join(name);
                let cfg = WorldConfig {
                    seed,
                    lines: args.lines,
                    holdout,
                };
                let started = Instant::now();
                tradetrail_synth::generate(&cfg, &dir, &|_| {})
                    .with_context(|| format!("generating the {name} world in {}", dir.display()))?;
                eprintln!(
                    "{name}: generated {} lines in {:.1}s",
                    args.lines,
                    started.elapsed().as_secs_f64()
                );
                results.push(score_world(&dir, name)?);
                names.push(name.to_owned());
            }
            Ok(())
        })();
        let _ = fs_err::remove_dir_all(&tmp);
        outcome?;
    } else {
        for dir in &args.worlds {
            let name = dir
                .file_name()
                .map_or("world".into(), |n| n.to_string_lossy().into_owned());
            results.push(score_world(dir, &name)?);
            names.push(name);
        }
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let metrics: Vec<&Metrics> = results.iter().collect();
    println!("SYNTHETIC worlds; the classifier was built on the tuning templates only.\n");
    println!("{}", side_by_side(&refs, &metrics));
    println!(
        "issue targets on the held-out world (drone P and R >= 0.97, brand >= 0.98 and model >= 0.90 on drone lines, <= 1% hard negatives as drones):"
    );
    for (name, m) in refs.iter().zip(&results) {
        let (brand_all, brand) = m.brand_accuracy();
        let (model_all, model) = m.model_accuracy();
        let (p, r, hn) = (
            m.precision(Category::Drone),
            m.recall(Category::Drone),
            m.hard_negative_as_drone(),
        );
        let verdict = |ok: bool| if ok { "met" } else { "NOT MET" };
        println!(
            "  {name}: drone precision {p:.4} {}, recall {r:.4} {}; brand {brand:.4} {} and model {model:.4} {} on drone lines that name the goods \
             (all drone lines, vague ones included: {brand_all:.4}, {model_all:.4}); hard negatives as drones {hn:.4} {}",
            verdict(p >= 0.97),
            verdict(r >= 0.97),
            verdict(brand >= 0.98),
            verdict(model >= 0.90),
            verdict(hn <= 0.01),
        );
    }
    Ok(())
}
