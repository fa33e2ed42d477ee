//! `tradetrail eval screen`: recall on the real lists by held-out alias, and false hits per 1,000 innocent parties of a tuning and a held-out synthetic world.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;
use tradetrail_lists::{ListFormat, ListImport, import_path};
use tradetrail_screen::eval::held_out_alias_recall;
use tradetrail_screen::{Index, Options, Query, QueryKind, targets_from_rows};
use tradetrail_synth::WorldConfig;

/// What `eval screen` runs on.
pub struct EvalScreen {
    /// The shared data folder with the official list files.
    pub data: PathBuf,
    /// Lines of each generated world.
    pub lines: u64,
    /// Tuning world seed.
    pub seed: u64,
    /// Held-out world seed.
    pub holdout_seed: u64,
    /// Run every n-th held-out-alias case.
    pub step: usize,
    /// False hits to print per world, with their features.
    pub examples: usize,
}

/// Every official list file present in the shared-data layout, imported with the project's importers.
pub fn shared_lists(dir: &Path) -> anyhow::Result<ListImport> {
    let all = tradetrail_lists::import_mirror(dir)
        .with_context(|| format!("lists under {}", dir.display()))?;
    anyhow::ensure!(
        !all.entries.is_empty(),
        "no official list file found under {}",
        dir.display()
    );
    Ok(all)
}

pub fn run(args: &EvalScreen) -> anyhow::Result<()> {
    let t = Instant::now();
    let real = shared_lists(&args.data)?;
    let read = t.elapsed();
    let t = Instant::now();
    let index = Index::build(targets_from_rows(&real.entries, &real.names));
    println!(
        "real lists: {} entries, {} names from {} (read {:.1}s, index built {:.1}s)",
        index.targets().len(),
        index.name_count(),
        args.data.display(),
        read.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let recall = held_out_alias_recall(&index, args.step);
    let n: u64 = recall.by_script.values().map(|c| c.queries).sum();
    println!(
        "\nheld-out alias recall ({} entries with 2+ names; {n} queries{}, {:.0} queries/s):",
        recall.entries,
        if args.step > 1 {
            format!(", every {}th case", args.step)
        } else {
            String::new()
        },
        n as f64 / t.elapsed().as_secs_f64()
    );
    println!(
        "  {:<10} {:<12} {:>8} {:>8} {:>8} {:>8} {:>10}",
        "script", "other names", "queries", "entry", "dupl.", "top-1", "at thresh."
    );
    for ((script, cross), c) in &recall.by_script {
        println!(
            "  {:<10} {:<12} {:>8} {:>8} {:>8} {:>8.3} {:>10.3}",
            script,
            if *cross {
                "other script"
            } else {
                "same script"
            },
            c.queries,
            c.top1_entry,
            c.top1_duplicate,
            c.recall(),
            c.recall_at_threshold()
        );
    }
    if args.examples > 0 {
        for ((script, cross), misses) in &recall.misses {
            for m in misses.iter().take(args.examples) {
                println!(
                    "    missed {script}{}: {m}",
                    if *cross { " (cross-script)" } else { "" }
                );
            }
        }
    }
    let latin = recall.total(false, true);
    let cross = recall.total(true, false);
    println!(
        "  Latin (same script): top-1 {:.3} (target >= 0.95), at threshold {:.3}; cross-script: top-1 {:.3} (target >= 0.85), at threshold {:.3}",
        latin.recall(),
        latin.recall_at_threshold(),
        cross.recall(),
        cross.recall_at_threshold()
    );

    for (title, seed, holdout) in [
        ("tuning world", args.seed, false),
        ("held-out world", args.holdout_seed, true),
    ] {
        let dir = tempfile::tempdir()?;
        let cfg = WorldConfig {
            seed,
            lines: args.lines,
            holdout,
        };
        tradetrail_synth::generate(&cfg, dir.path(), &|_| {})
            .context("generating a synthetic world")?;
        false_hits(title, &cfg, dir.path(), &real, args.examples)?;
    }
    Ok(())
}

/// Screens every party of a world against the world's synthetic watchlists, then against those plus the real lists, and counts hits on innocent parties.
fn false_hits(
    title: &str,
    cfg: &WorldConfig,
    world: &Path,
    real: &ListImport,
    max_examples: usize,
) -> anyhow::Result<()> {
    let mut synthetic = ListImport::default();
    synthetic.extend(import_path(
        ListFormat::OfacSdnCsv,
        &world.join("watchlist/ofac-sdn"),
    )?);
    synthetic.extend(import_path(
        ListFormat::FtmJson,
        &world.join("watchlist/synthetic.ftm.jsonl"),
    )?);
    let mut listed: HashMap<String, HashSet<String>> = HashMap::new();
    let mut lookalikes: HashSet<String> = HashSet::new();
    let mut r = csv::Reader::from_path(world.join("truth/watchlist.csv"))?;
    for row in r.records() {
        let row = row?;
        match &row[5] {
            "same_entity" => {
                listed
                    .entry(row[3].to_string())
                    .or_default()
                    .insert(row[1].to_string());
            }
            "lookalike" => {
                lookalikes.insert(row[3].to_string());
            }
            _ => {}
        }
    }
    let mut parties = Vec::new();
    let mut r = csv::Reader::from_path(world.join("truth/entities.csv"))?;
    for row in r.records() {
        let row = row?;
        let names: Vec<String> = [&row[2], &row[3]]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect();
        let ids: Vec<String> = row[5]
            .split(';')
            .filter_map(|s| s.split_once(':'))
            .map(|(_, v)| v.to_string())
            .collect();
        let kind = if &row[1] == "person" {
            QueryKind::Person
        } else {
            QueryKind::Organisation
        };
        let query = Query {
            names,
            kind,
            countries: vec![row[4].to_string()],
            identifiers: ids,
            ..Query::default()
        };
        parties.push((row[0].to_string(), !row[13].is_empty(), query));
    }
    println!(
        "\n{title} (seed {}, {} lines, {} parties):",
        cfg.seed,
        cfg.lines,
        parties.len()
    );
    let mut both = real.clone();
    both.extend(synthetic.clone());
    for (label, lists) in [
        ("its synthetic watchlists", &synthetic),
        ("its synthetic watchlists and the real lists", &both),
    ] {
        let index = Index::build(targets_from_rows(&lists.entries, &lists.names));
        let opts = Options::default();
        let t = Instant::now();
        let results: Vec<Vec<tradetrail_screen::Hit>> = parties
            .par_iter()
            .map(|(_, _, q)| index.screen(q, &opts))
            .collect();
        let secs = t.elapsed().as_secs_f64();
        let (mut innocent, mut false_hit, mut identical, mut on_lookalike, mut planted, mut found) =
            (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
        let mut examples = Vec::new();
        for ((id, brand_owner, q), hits) in parties.iter().zip(&results) {
            match listed.get(id) {
                Some(entries) => {
                    planted += 1;
                    found += u64::from(hits.iter().any(|h| entries.contains(&h.entry_id)));
                }
                // Real brand owners (DJI, Autel, ...) are really listed on some US lists: their hits are true.
                None if *brand_owner => {}
                None => {
                    innocent += 1;
                    let Some(h) = hits.first() else { continue };
                    false_hit += 1;
                    on_lookalike += u64::from(lookalikes.contains(id));
                    let same_core = h
                        .features
                        .iter()
                        .any(|f| f.name == "name_exact_core" && f.value > 0.0);
                    identical += u64::from(same_core);
                    if examples.len() < max_examples {
                        let terms: Vec<String> = h
                            .features
                            .iter()
                            .filter(|f| f.contribution.abs() > 0.05)
                            .map(|f| format!("{} {:+.2}", f.name, f.contribution))
                            .collect();
                        examples.push(format!(
                            "{} ~ {} {} [{}] ({:.2}: {})",
                            q.names.join(" / "),
                            h.entry_id,
                            h.caption,
                            h.matched_name,
                            h.score,
                            terms.join(", ")
                        ));
                    }
                }
            }
        }
        println!(
            "  against {label} ({} entries, {:.0} parties/s): false hits at {}: {false_hit} of {innocent} innocent parties = {:.2} per 1,000 (target <= 5); {identical} of them share the distinctive name exactly, {on_lookalike} are planted look-alikes; planted listed parties found with their entry: {found} of {planted}",
            index.targets().len(),
            parties.len() as f64 / secs,
            opts.threshold,
            1000.0 * false_hit as f64 / innocent.max(1) as f64
        );
        for e in examples {
            println!("    e.g. {e}");
        }
    }
    Ok(())
}
