//! `tradetrail eval resolve --world DIR`: pairwise precision and recall of entity resolution over every party mention of a synthetic world, against its `truth/mentions.csv`.
//!
//! A pair is two mention occurrences (one name on one line); it is a true pair when both have the same true entity, and predicted when both got the same entity id.
//! Counts come from the contingency table of (true entity, predicted entity) per script, so no pair is ever listed: a 100k-line world has about 10^11 pairs.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use arrow::array::{Array, AsArray};
use tradetrail_ingest::IngestOptions;
use tradetrail_store::Workspace;

/// Script pairs reported, in order.
const CLASSES: [&str; 4] = ["same script", "latin-cyrillic", "latin-han", "cyrillic-han"];

fn script_index(s: &str) -> usize {
    match s {
        "cyrillic" => 1,
        "han" => 2,
        _ => 0,
    }
}

/// The class of a pair of scripts (indices from [`script_index`]).
fn class(a: usize, b: usize) -> usize {
    match (a.min(b), a.max(b)) {
        (x, y) if x == y => 0,
        (0, 1) => 1,
        (0, 2) => 2,
        _ => 3,
    }
}

/// Pairs by class within one group whose members are counted per script.
fn pairs(c: &[u64; 3]) -> [u64; 4] {
    let mut out = [0u64; 4];
    for a in 0..3 {
        out[0] += c[a] * c[a].saturating_sub(1) / 2;
        for b in a + 1..3 {
            out[class(a, b)] += c[a] * c[b];
        }
    }
    out
}

fn sum_pairs<K: std::hash::Hash + Eq>(groups: &HashMap<K, [u64; 3]>) -> [u64; 4] {
    let mut out = [0u64; 4];
    for c in groups.values() {
        for (o, p) in out.iter_mut().zip(pairs(c)) {
            *o += p;
        }
    }
    out
}

/// Ingests the world (files already in the workspace are skipped), builds entities and prints the figures.
pub fn run(world: &Path, home: Option<PathBuf>, examples: usize) -> anyhow::Result<()> {
    let temporary = home.is_none();
    let mut ws = ingest_world(world, home, "resolve")?;
    let home = ws.root().to_path_buf();
    let started = Instant::now();
    let built = crate::entities_build::build(&mut ws)?;
    crate::entities::print_built(&built);
    println!("entities build {:.1}s", started.elapsed().as_secs_f64());

    let rt = crate::runtime()?;
    let batches = rt.block_on(ws.query(
        "SELECT s.source_file, CAST(s.source_line AS VARCHAR), p.source_column, p.entity_id, p.name \
         FROM party_mentions p JOIN shipments s ON p.record_id = s.record_id",
    ))?;
    let mut predicted: HashMap<(String, u64, String), (String, String)> = HashMap::new();
    for b in &batches {
        let col = |i: usize| {
            arrow::compute::cast(b.column(i), &arrow::datatypes::DataType::Utf8).expect("text")
        };
        let (f, l, c, e, n) = (col(0), col(1), col(2), col(3), col(4));
        let (f, l, c, e, n) = (
            f.as_string::<i32>(),
            l.as_string::<i32>(),
            c.as_string::<i32>(),
            e.as_string::<i32>(),
            n.as_string::<i32>(),
        );
        for i in 0..b.num_rows() {
            if f.is_null(i) {
                continue;
            }
            let file = Path::new(f.value(i))
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let line = l.value(i).parse().unwrap_or(0);
            predicted.insert(
                (file, line, c.value(i).to_string()),
                (e.value(i).to_string(), n.value(i).to_string()),
            );
        }
    }

    let mut reader =
        csv::Reader::from_path(world.join("truth/mentions.csv")).context("truth/mentions.csv")?;
    let mut cells: HashMap<(String, String), [u64; 3]> = HashMap::new();
    let (mut found, mut missing) = (0u64, 0u64);
    let mut names: HashMap<(String, String), BTreeMap<String, u64>> = HashMap::new();
    for rec in reader.records() {
        let rec = rec?;
        let (file, line, role, column, truth, script) =
            (&rec[0], &rec[1], &rec[3], &rec[4], &rec[6], &rec[7]);
        let store_col = if column.to_ascii_uppercase().ends_with("_EN") {
            format!("{role}_name_en")
        } else {
            format!("{role}_name")
        };
        let key = (file.to_string(), line.parse().unwrap_or(0), store_col);
        let Some((pred, name)) = predicted.get(&key) else {
            missing += 1;
            continue;
        };
        found += 1;
        cells.entry((truth.to_string(), pred.clone())).or_default()[script_index(script)] += 1;
        if examples > 0 {
            *names
                .entry((truth.to_string(), pred.clone()))
                .or_default()
                .entry(name.clone())
                .or_default() += 1;
        }
    }
    let mut by_truth: HashMap<String, [u64; 3]> = HashMap::new();
    let mut by_pred: HashMap<String, [u64; 3]> = HashMap::new();
    for ((t, p), c) in &cells {
        for (s, n) in c.iter().enumerate() {
            by_truth.entry(t.clone()).or_default()[s] += n;
            by_pred.entry(p.clone()).or_default()[s] += n;
        }
    }
    let (tp, actual, pred) = (sum_pairs(&cells), sum_pairs(&by_truth), sum_pairs(&by_pred));
    println!(
        "party mentions: {found} matched to stored lines, {missing} on lines the store does not hold (malformed rows)"
    );
    println!(
        "true entities {}, predicted entities {}",
        by_truth.len(),
        by_pred.len()
    );
    println!(
        "{:<16} {:>14} {:>10} {:>10} {:>8}",
        "script pair", "true pairs", "precision", "recall", "F1"
    );
    let line = |label: &str, tp: u64, pr: u64, ac: u64| {
        let p = if pr == 0 { 1.0 } else { tp as f64 / pr as f64 };
        let r = if ac == 0 { 1.0 } else { tp as f64 / ac as f64 };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        println!("{label:<16} {ac:>14} {p:>10.4} {r:>10.4} {f:>8.4}");
    };
    for (i, label) in CLASSES.iter().enumerate() {
        line(label, tp[i], pred[i], actual[i]);
    }
    line(
        "overall",
        tp.iter().sum(),
        pred.iter().sum(),
        actual.iter().sum(),
    );
    if examples > 0 {
        print_examples(&cells, &names, examples);
    }
    drop(ws);
    if temporary {
        let _ = fs_err::remove_dir_all(&home);
    }
    Ok(())
}

/// A group holding several others: its id, the others with their mention counts, and the pairs lost.
type Mixed<'a> = (&'a str, Vec<(&'a str, u64)>, u64);

/// The largest wrong merges (a predicted entity holding several true ones) and splits (a true entity over several predicted ones).
fn print_examples(
    cells: &HashMap<(String, String), [u64; 3]>,
    names: &HashMap<(String, String), BTreeMap<String, u64>>,
    n: usize,
) {
    let total = |c: &[u64; 3]| c.iter().sum::<u64>();
    for (title, by_pred) in [("wrong merges", true), ("splits", false)] {
        let mut groups: BTreeMap<&str, Vec<(&str, u64)>> = BTreeMap::new();
        for ((t, p), c) in cells {
            let (k, v) = if by_pred {
                (p.as_str(), t.as_str())
            } else {
                (t.as_str(), p.as_str())
            };
            groups.entry(k).or_default().push((v, total(c)));
        }
        let mut bad: Vec<Mixed> = groups
            .into_iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(k, mut v)| {
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                let lost = v.iter().skip(1).map(|x| x.1 * v[0].1).sum();
                (k, v, lost)
            })
            .collect();
        bad.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        println!("\n{title} (largest first):");
        for (k, v, lost) in bad.into_iter().take(n) {
            println!("  {k}: ~{lost} pairs");
            for (other, count) in v.iter().take(4) {
                let key = if by_pred {
                    (other.to_string(), k.to_string())
                } else {
                    (k.to_string(), other.to_string())
                };
                let sample: Vec<&String> = names
                    .get(&key)
                    .map(|m| m.keys().take(3).collect())
                    .unwrap_or_default();
                println!("    {other} ({count}): {sample:?}");
            }
        }
    }
}

/// Opens the workspace (`home`, else a temporary folder named after `purpose`) and ingests every file of a synthetic world (files already there are skipped).
pub fn ingest_world(
    world: &Path,
    home: Option<PathBuf>,
    purpose: &str,
) -> anyhow::Result<Workspace> {
    let summary: serde_json::Value = serde_json::from_str(
        &fs_err::read_to_string(world.join("world.json")).context("the world's world.json")?,
    )?;
    let home = match home {
        Some(h) => h,
        None => {
            std::env::temp_dir().join(format!("tradetrail-eval-{purpose}-{}", std::process::id()))
        }
    };
    let mut ws = Workspace::open(&home).with_context(|| format!("workspace {}", home.display()))?;
    let started = Instant::now();
    for f in summary["files"]
        .as_array()
        .context("world.json lists files")?
    {
        let options = IngestOptions {
            dataset: f["dataset"].as_str().unwrap_or("synth").to_string(),
            profile: f["profile"].as_str().map(str::to_string),
            licence: Some("synthetic data generated by tradetrail synth".into()),
            ..IngestOptions::default()
        };
        let path = world.join(f["path"].as_str().context("file path")?);
        crate::ingest::ingest_one(&mut ws, &path, &options)?;
    }
    println!(
        "world {} in workspace {} (ingest {:.1}s)",
        world.display(),
        home.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ws)
}
