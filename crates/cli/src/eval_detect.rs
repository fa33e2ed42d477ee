//! `tradetrail eval detect`: precision and recall of each detector against the planted anomalies of a tuning world and a held-out world, side by side.
//!
//! Each world is generated (or read from `--world DIR`), ingested into a temporary workspace, classified, resolved and screened against its synthetic watchlists exactly as the commands do,
//! and every detector is run, the graph and list detectors included.
//! A detector's predicted lines are the evidence rows of its findings; they are matched to `truth/anomalies.csv` by file name and line through the shipments' provenance columns.
//! The figures are printed, never asserted here: the detect test suite holds the floors on case files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use tradetrail_store::Workspace;
use tradetrail_synth::WorldConfig;

/// Each detector with the planted anomaly code it is scored against; detectors without planted truth are counted only.
pub const TRUTH_CODES: &[(&str, &str)] = &[
    ("TT-BRAND-EXIT", "brand_exit"),
    ("TT-CURRENCY", "currency_shift"),
    ("TT-LISTED-PARTY", "listed_party"),
    ("TT-LONG-CHAIN", "long_chain"),
    ("TT-MISCLASS-HS", "misclassified_hs"),
    ("TT-NEW-EXPORTER", "ephemeral_exporter"),
    ("TT-PASS-THROUGH", "pass_through"),
    ("TT-SHELL", "shell_address"),
    ("TT-STRUCTURING", "structuring"),
    ("TT-TRIANGLE", "country_triangle"),
    ("TT-UNDERVALUE", "under_declared_value"),
    ("TT-UNIT-WEIGHT", "understated_quantity"),
    ("TT-VAGUE", "vague_description"),
];

/// What to evaluate: generated worlds, or existing world folders.
#[derive(Debug, Clone)]
pub struct EvalDetect {
    /// Lines of each generated world.
    pub lines: u64,
    /// Seed of the tuning world.
    pub seed: u64,
    /// Seed of the held-out world.
    pub holdout_seed: u64,
    /// Existing worlds (from `tradetrail synth`) to score instead of generating two.
    pub worlds: Vec<PathBuf>,
    /// Folder for the generated worlds and temporary workspaces (default: the system's temporary folder).
    pub scratch: Option<PathBuf>,
}

type FileLine = (String, u64);

/// One world's scores: per detector, the predicted lines, the true lines and the findings.
#[derive(Debug, Default)]
struct WorldScore {
    predicted: BTreeMap<&'static str, BTreeSet<FileLine>>,
    findings: BTreeMap<&'static str, usize>,
    truth: BTreeMap<String, BTreeSet<FileLine>>,
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// Ingests, classifies and resolves one world in a fresh workspace, runs the detectors and collects predicted and true lines.
fn score_world(dir: &Path, workspace: &Path, name: &str) -> anyhow::Result<WorldScore> {
    let summary: serde_json::Value = serde_json::from_str(
        &fs_err::read_to_string(dir.join("world.json")).context("a synthetic world folder")?,
    )
    .with_context(|| format!("{}/world.json", dir.display()))?;
    let started = Instant::now();
    let _ = fs_err::remove_dir_all(workspace);
    let mut ws =
        Workspace::open(workspace).with_context(|| format!("workspace {}", workspace.display()))?;
    crate::eval_world::ingest_world(&mut ws, dir, &summary)?;
    crate::classify::classify_all(&mut ws)?;
    crate::entities_build::build(&mut ws)?;
    crate::demo::import_watchlists(&mut ws, dir)?;
    crate::screen::screen_all(&mut ws, tradetrail_screen::DEFAULT_THRESHOLD)?;
    let ctx = crate::detect_context::load_context(&ws)?;
    let outcome = tradetrail_detect::run(&ctx);
    let mut score = WorldScore::default();
    for f in &outcome.findings {
        *score.findings.entry(f.code).or_default() += 1;
        let set = score.predicted.entry(f.code).or_default();
        for &i in &f.lines {
            let l = ctx.line(i);
            set.insert((file_name(&l.file), l.line));
        }
    }
    let mut reader = csv::Reader::from_path(dir.join("truth/anomalies.csv"))
        .with_context(|| format!("{}/truth/anomalies.csv", dir.display()))?;
    for rec in reader.records() {
        let rec = rec.with_context(|| format!("{}/truth/anomalies.csv", dir.display()))?;
        let line = rec[1].parse().unwrap_or(0);
        score
            .truth
            .entry(rec[2].to_owned())
            .or_default()
            .insert((rec[0].to_owned(), line));
    }
    eprintln!(
        "{name}: {} ({} template set, seed {}): {} lines, {} findings, ingested, classified, resolved, screened and detected in {:.1}s",
        dir.display(),
        summary["template_set"].as_str().unwrap_or("?"),
        summary["config"]["seed"],
        ctx.lines.len(),
        outcome.findings.len(),
        started.elapsed().as_secs_f64()
    );
    drop(ws);
    let _ = fs_err::remove_dir_all(workspace);
    Ok(score)
}

/// (precision, recall, predicted lines, true lines) of one detector in one world.
fn figures(s: &WorldScore, code: &str, truth: &str) -> (f64, f64, usize, usize) {
    let empty = BTreeSet::new();
    let pred = s.predicted.get(code).unwrap_or(&empty);
    let actual = s.truth.get(truth).unwrap_or(&empty);
    let tp = pred.intersection(actual).count();
    let p = if pred.is_empty() {
        1.0
    } else {
        tp as f64 / pred.len() as f64
    };
    let r = if actual.is_empty() {
        1.0
    } else {
        tp as f64 / actual.len() as f64
    };
    (p, r, pred.len(), actual.len())
}

/// The side-by-side table.
fn table(names: &[String], scores: &[WorldScore]) -> String {
    let mut out = format!("{:<16} {:<21}", "detector", "planted code");
    for n in names {
        out.push_str(&format!(
            " | {:<9} {:>9} {:>9} {:>11}",
            n, "precision", "recall", "pred/true"
        ));
    }
    out.push('\n');
    for d in tradetrail_detect::registry() {
        let truth = TRUTH_CODES
            .iter()
            .find(|(c, _)| *c == d.code())
            .map(|(_, t)| *t);
        out.push_str(&format!(
            "{:<16} {:<21}",
            d.code(),
            truth.unwrap_or("(none planted)")
        ));
        for s in scores {
            match truth {
                Some(t) => {
                    let (p, r, np, nt) = figures(s, d.code(), t);
                    out.push_str(&format!(
                        " | {:<9} {p:>9.3} {r:>9.3} {:>11}",
                        "",
                        format!("{np}/{nt}")
                    ));
                }
                None => {
                    let n = s.findings.get(d.code()).copied().unwrap_or(0);
                    out.push_str(&format!(
                        " | {:<9} {:>9} {:>9} {:>11}",
                        "",
                        "-",
                        "-",
                        format!("{n} found")
                    ));
                }
            }
        }
        out.push('\n');
    }
    out
}

/// Runs the evaluation and prints the side-by-side table and the target.
pub fn run(args: &EvalDetect) -> anyhow::Result<()> {
    let scratch = args
        .scratch
        .clone()
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("tradetrail-eval-detect-{}", std::process::id()));
    let mut names = Vec::new();
    let mut scores = Vec::new();
    let outcome = (|| -> anyhow::Result<()> {
        if args.worlds.is_empty() {
            for (name, seed, holdout) in [
                ("tuning", args.seed, false),
                ("holdout", args.holdout_seed, true),
            ] {
                let dir = scratch.join(name);
                let cfg = WorldConfig {
                    seed,
                    lines: args.lines,
                    holdout,
                };
                tradetrail_synth::generate(&cfg, &dir, &|_| {})
                    .with_context(|| format!("generating the {name} world in {}", dir.display()))?;
                scores.push(score_world(
                    &dir,
                    &scratch.join(format!("{name}-ws")),
                    name,
                )?);
                names.push(name.to_owned());
                let _ = fs_err::remove_dir_all(&dir);
            }
        } else {
            for dir in &args.worlds {
                let name = dir
                    .file_name()
                    .map_or("world".into(), |n| n.to_string_lossy().into_owned());
                scores.push(score_world(
                    dir,
                    &scratch.join(format!("{name}-ws")),
                    &name,
                )?);
                names.push(name);
            }
        }
        Ok(())
    })();
    let _ = fs_err::remove_dir_all(&scratch);
    outcome?;
    println!(
        "SYNTHETIC worlds; thresholds were set on the tuning world only. Lines are matched to truth/anomalies.csv by file and line.\n"
    );
    println!("{}", table(&names, &scores));
    println!("issue target on each world: under-declaration recall >= 0.9 at precision >= 0.8");
    for (name, s) in names.iter().zip(&scores) {
        let (p, r, _, _) = figures(s, "TT-UNDERVALUE", "under_declared_value");
        let met = if p >= 0.8 && r >= 0.9 {
            "met"
        } else {
            "NOT MET"
        };
        println!("  {name}: precision {p:.3}, recall {r:.3}: {met}");
    }
    Ok(())
}
