//! `tradetrail eval trace`: planted intermediary chains of a synthetic world recovered by the tracer, against `truth/chains.jsonl`.
//!
//! The world is ingested, classified and resolved exactly as the commands do it; then every chain is traced from every entry flow (no source named, no country).
//! Only visible hops (file and line not null) can be recovered: a chain's visible hops fall into runs of consecutive hops (an invisible hop, e.g. into Belarus, splits them).
//! A chain is recovered when every run appears, in order and contiguous, inside one traced path.
//! Hop-level precision: for each run, the traced path that contains it (else the one with most of its hops) is the tracer's answer, and its hops that are not hops of the chain count against it.
//! The figures are printed, never asserted here: the CLI test suite holds the floors.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use tradetrail_graph::{Graph, GraphOptions, TraceQuery};

/// Recall and precision of chain recovery, overall and for chains that cross the Kazakh and Russian files.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct TraceScores {
    /// Planted chains with at least one visible hop.
    pub chains: u64,
    /// Chains whose every visible run was found.
    pub recovered: u64,
    /// Chains with visible hops in the Kazakh file and in a Russian file.
    pub cross_file: u64,
    /// Cross-file chains recovered.
    pub cross_file_recovered: u64,
    /// Cross-file chains whose linking intermediary is written in different scripts in the two files.
    pub cross_script: u64,
    /// Cross-script chains recovered.
    pub cross_script_recovered: u64,
    /// Visible hops with no flow in the graph (line not classified as goods of interest, or a party not resolved).
    pub hops_missing: u64,
    /// Hops in the paths matched to chains.
    pub answered_hops: u64,
    /// Of those, hops of the chain.
    pub correct_hops: u64,
    /// Traced paths of two or more hops.
    pub multi_hop_paths: u64,
    /// Hops of those paths that are planted hops of some chain.
    pub multi_hop_planted: u64,
    /// Hops of those paths.
    pub multi_hop_hops: u64,
}

#[derive(serde::Deserialize)]
struct TruthHop {
    from_entity: String,
    to_entity: String,
    file: Option<String>,
    line: Option<u64>,
}

#[derive(serde::Deserialize)]
struct TruthChain {
    hops: Vec<TruthHop>,
}

fn base(file: &str) -> &str {
    Path::new(file)
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or(file)
}

/// Scripts of each (file, line, role) mention of the truth, for the lines asked.
fn scripts(
    world: &Path,
    wanted: &BTreeSet<(String, u64)>,
) -> anyhow::Result<HashMap<(String, u64, String), String>> {
    let mut out = HashMap::new();
    let mut r =
        csv::Reader::from_path(world.join("truth/mentions.csv")).context("truth/mentions.csv")?;
    for rec in r.records() {
        let rec = rec?;
        let key = (rec[0].to_string(), rec[1].parse().unwrap_or(0));
        if wanted.contains(&key) {
            out.insert((key.0, key.1, rec[3].to_string()), rec[7].to_string());
        }
    }
    Ok(out)
}

/// Scores the tracer on a world already ingested, classified and resolved into `g`.
pub fn score(g: &Graph, world: &Path) -> anyhow::Result<TraceScores> {
    let text = fs_err::read_to_string(world.join("truth/chains.jsonl"))?;
    let chains: Vec<TruthChain> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .context("truth/chains.jsonl")?;
    let mut flow_of: HashMap<(&str, u32), u32> = HashMap::new();
    for (i, f) in g.flows.iter().enumerate() {
        flow_of.insert((base(g.text(f.evidence.file)), f.evidence.line), i as u32);
    }
    let q = TraceQuery {
        all_entries: true,
        limit: usize::MAX,
        budget: u64::MAX,
        ..TraceQuery::default()
    };
    let r = tradetrail_graph::trace(g, &q);
    let mut at: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
    for (p, path) in r.paths.iter().enumerate() {
        for (k, &f) in path.flows.iter().enumerate() {
            at.entry(f).or_default().push((p, k));
        }
    }
    let mut s = TraceScores::default();
    let mut planted: BTreeSet<u32> = BTreeSet::new();
    let mut wanted = BTreeSet::new();
    for c in &chains {
        for h in &c.hops {
            if let (Some(f), Some(l)) = (&h.file, h.line) {
                wanted.insert((f.clone(), l));
                if let Some(&i) = flow_of.get(&(f.as_str(), l as u32)) {
                    planted.insert(i);
                }
            }
        }
    }
    let script = scripts(world, &wanted)?;
    for c in &chains {
        // Runs of consecutive visible hops, as (file, line) lists.
        let mut runs: Vec<Vec<(&str, u64)>> = Vec::new();
        let mut prev_visible = false;
        for h in &c.hops {
            match (&h.file, h.line) {
                (Some(f), Some(l)) => {
                    if !prev_visible {
                        runs.push(Vec::new());
                    }
                    if let Some(r) = runs.last_mut() {
                        r.push((f.as_str(), l));
                    }
                    prev_visible = true;
                }
                _ => prev_visible = false,
            }
        }
        if runs.is_empty() {
            continue;
        }
        s.chains += 1;
        let files: BTreeSet<&str> = runs.iter().flatten().map(|(f, _)| *f).collect();
        let cross = files.contains("kz_imports.csv") && files.iter().any(|f| f.starts_with("ru_"));
        // The intermediary that links a Kazakh hop to a Russian hop, written in two scripts?
        let mut cross_script = false;
        for w in c.hops.windows(2) {
            if let ([Some(fa), Some(fb)], [Some(la), Some(lb)]) =
                ([&w[0].file, &w[1].file], [w[0].line, w[1].line])
                && fa == "kz_imports.csv"
                && fb.starts_with("ru_")
                && w[0].to_entity == w[1].from_entity
            {
                let a = script.get(&(fa.clone(), la, "recipient".into()));
                let b = script.get(&(fb.clone(), lb, "sender".into()));
                cross_script |= a.is_some() && b.is_some() && a != b;
            }
        }
        let ours: BTreeSet<u32> = runs
            .iter()
            .flatten()
            .filter_map(|(f, l)| flow_of.get(&(*f, *l as u32)).copied())
            .collect();
        let mut all_found = true;
        for run in &runs {
            let flows: Vec<Option<u32>> = run
                .iter()
                .map(|(f, l)| flow_of.get(&(*f, *l as u32)).copied())
                .collect();
            s.hops_missing += flows.iter().filter(|f| f.is_none()).count() as u64;
            let mut best: Option<(bool, usize, usize, usize)> = None; // (contains, hits, -len, path)
            for f in flows.iter().flatten() {
                for &(p, _) in at.get(f).map(Vec::as_slice).unwrap_or(&[]) {
                    let path = &r.paths[p].flows;
                    let contains = flows.iter().all(Option::is_some)
                        && path
                            .windows(flows.len())
                            .any(|w| w.iter().zip(&flows).all(|(a, b)| Some(*a) == *b));
                    let hits = path.iter().filter(|x| ours.contains(x)).count();
                    let cand = (contains, hits, usize::MAX - path.len(), p);
                    if best.is_none_or(|b| (cand.0, cand.1, cand.2) > (b.0, b.1, b.2)) {
                        best = Some(cand);
                    }
                }
            }
            match best {
                Some((contains, hits, _, p)) => {
                    all_found &= contains;
                    s.answered_hops += r.paths[p].flows.len() as u64;
                    s.correct_hops += hits as u64;
                }
                None => all_found = false,
            }
        }
        s.recovered += u64::from(all_found);
        if cross {
            s.cross_file += 1;
            s.cross_file_recovered += u64::from(all_found);
        }
        if cross_script {
            s.cross_script += 1;
            s.cross_script_recovered += u64::from(all_found);
        }
    }
    for p in r.paths.iter().filter(|p| p.flows.len() >= 2) {
        s.multi_hop_paths += 1;
        s.multi_hop_hops += p.flows.len() as u64;
        s.multi_hop_planted += p.flows.iter().filter(|f| planted.contains(f)).count() as u64;
    }
    Ok(s)
}

/// Prints the scores.
pub fn print(s: &TraceScores) {
    let pct = |a: u64, b: u64| format!("{a}/{b} = {:.3}", a as f64 / b.max(1) as f64);
    println!("chains with visible hops: {}", s.chains);
    println!(
        "  recall (every visible run inside one traced path): {}",
        pct(s.recovered, s.chains)
    );
    println!(
        "  hop-level precision (hops of the matched paths that are the chain's): {}",
        pct(s.correct_hops, s.answered_hops)
    );
    println!(
        "  chains across the Kazakh and Russian files: recall {}",
        pct(s.cross_file_recovered, s.cross_file)
    );
    println!(
        "    of which the linking intermediary is written in different scripts: recall {}",
        pct(s.cross_script_recovered, s.cross_script)
    );
    println!(
        "  visible hops with no goods flow in the graph: {}",
        s.hops_missing
    );
    println!(
        "  all traced paths of 2+ hops: {}; their hops that are planted: {}",
        s.multi_hop_paths,
        pct(s.multi_hop_planted, s.multi_hop_hops)
    );
}

/// Generates (or reads) a held-out world, runs the pipeline, traces and prints the scores.
pub fn run(
    world: Option<PathBuf>,
    lines: u64,
    seed: u64,
    home: Option<PathBuf>,
) -> anyhow::Result<TraceScores> {
    let scratch =
        std::env::temp_dir().join(format!("tradetrail-eval-trace-{}", std::process::id()));
    let world = match world {
        Some(w) => w,
        None => {
            let dir = scratch.join("world");
            let cfg = tradetrail_synth::WorldConfig {
                seed,
                lines,
                holdout: true,
            };
            tradetrail_synth::generate(&cfg, &dir, &|_| {})
                .context("generating the held-out world")?;
            println!("held-out world: {lines} lines, seed {seed}");
            dir
        }
    };
    let temporary = home.is_none();
    let home = home.unwrap_or_else(|| scratch.join("ws"));
    let mut ws = tradetrail_store::Workspace::open(&home)
        .with_context(|| format!("workspace {}", home.display()))?;
    let summary: serde_json::Value = serde_json::from_str(
        &fs_err::read_to_string(world.join("world.json")).context("the world's world.json")?,
    )?;
    crate::eval_world::ingest_world(&mut ws, &world, &summary)?;
    let started = Instant::now();
    crate::classify::classify_all(&mut ws)?;
    crate::entities_build::build(&mut ws)?;
    println!(
        "classify and entities build {:.1}s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let g = tradetrail_graph::load(&ws, GraphOptions::default())?;
    println!(
        "graph: {} entities, {} edges, {} goods flows ({:.1}s)",
        g.nodes.len(),
        g.edges.len(),
        g.flows.len(),
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let s = score(&g, &world)?;
    println!(
        "traced and scored in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    print(&s);
    drop(ws);
    // The generated world always goes; the workspace only when no --home kept it.
    let _ = fs_err::remove_dir_all(scratch.join("world"));
    if temporary {
        let _ = fs_err::remove_dir_all(&scratch);
    }
    Ok(s)
}
