//! Screening benchmark over every official list in `../shared/data` (about 40k entries): single-query latency and batch throughput, side by side with nomenklatura's logic-v2 scoring the same candidates.
//!
//! `cargo bench -p tradetrail-screen --bench screen [-- QUERIES]`.
//! Queries are half list names with the noise screening sees (legal form dropped or changed, words reordered, a typo) and half invented company names that should not hit.
//! The nomenklatura side (`$NOMENKLATURA_PYTHON`, else /var/cache/tt-nomenklatura/bin/python, with `pip install nomenklatura`) scores, for each query, the same candidate entries our index generated, one pair at a time with `LogicV2.compare`: that is the per-query cost of a yente `/match`, without its Elasticsearch round trip.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use tradetrail_screen::{Index, Options, Query, QueryKind, targets_from_rows};

const WORDS: [&str; 24] = [
    "NORTH", "RIVER", "GOLDEN", "BAMBOO", "HARBOR", "MAPLE", "CRYSTAL", "PINE", "SILVER", "ORCHID",
    "QINGFENG", "HUAYU", "ALTYN", "DALA", "SEVER", "LUCH", "PRIMA", "VERDE", "KESTREL", "MERIDIAN",
    "AURORA", "ZENITH", "HALCYON", "TUNDRA",
];
const FORMS: [&str; 6] = ["LLC", "CO LTD", "LIMITED", "GMBH", "JSC", "ООО"];

fn queries(index: &Index, n: usize) -> Vec<Query> {
    let mut rng = ChaCha8Rng::seed_from_u64(20261129);
    let mut out = Vec::with_capacity(n);
    let orgs: Vec<_> = index
        .targets()
        .iter()
        .filter(|t| t.entry_type != tradetrail_screen::EntryType::Person)
        .collect();
    while out.len() < n {
        if out.len() % 2 == 0 {
            let t = orgs.choose(&mut rng).expect("organisations are listed");
            let mut words: Vec<String> = t.names[rng.random_range(0..t.names.len())]
                .name
                .split_whitespace()
                .map(str::to_string)
                .collect();
            match rng.random_range(0..4) {
                0 if words.len() > 1 => {
                    words.pop();
                }
                1 if words.len() > 1 => words.swap(0, 1),
                2 => {
                    let w = rng.random_range(0..words.len());
                    let mut chars: Vec<char> = words[w].chars().collect();
                    if chars.len() > 4 {
                        let i = rng.random_range(1..chars.len() - 1);
                        chars.swap(i, i + 1);
                        words[w] = chars.into_iter().collect();
                    }
                }
                _ => words.push(FORMS.choose(&mut rng).expect("forms").to_string()),
            }
            out.push(Query {
                names: vec![words.join(" ")],
                kind: QueryKind::Organisation,
                ..Query::default()
            });
        } else {
            let name = format!(
                "{} {} {}",
                WORDS.choose(&mut rng).expect("words"),
                WORDS.choose(&mut rng).expect("words"),
                FORMS.choose(&mut rng).expect("forms")
            );
            out.push(Query {
                names: vec![name],
                kind: QueryKind::Organisation,
                ..Query::default()
            });
        }
    }
    out
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p) as usize]
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(4000);
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    if !dir.is_dir() {
        println!("screen bench skipped: ../shared/data is absent");
        return;
    }
    let t = Instant::now();
    let lists = tradetrail_lists::import_mirror(&dir).expect("the official lists import");
    let read = t.elapsed();
    let t = Instant::now();
    let index = Index::build(targets_from_rows(&lists.entries, &lists.names));
    println!(
        "lists: {} entries, {} names (read {:.1}s, index built {:.1}s on {} threads)",
        index.targets().len(),
        index.name_count(),
        read.as_secs_f64(),
        t.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );
    let qs = queries(&index, n);
    let opts = Options::default();
    // Warm-up, then one query at a time on one thread.
    for q in qs.iter().take(200) {
        std::hint::black_box(index.screen(q, &opts));
    }
    let mut lat = Vec::with_capacity(qs.len());
    let (mut hits, t) = (0usize, Instant::now());
    for q in &qs {
        let s = Instant::now();
        hits += usize::from(!index.screen(q, &opts).is_empty());
        lat.push(s.elapsed().as_secs_f64() * 1e3);
    }
    let single = qs.len() as f64 / t.elapsed().as_secs_f64();
    lat.sort_by(f64::total_cmp);
    println!(
        "tradetrail, one thread:   {} queries, p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, {:.0} queries/s per core ({} with a hit at {})",
        qs.len(),
        pct(&lat, 0.5),
        pct(&lat, 0.95),
        pct(&lat, 0.99),
        single,
        hits,
        opts.threshold
    );
    let t = Instant::now();
    let found: usize = qs
        .par_iter()
        .map(|q| usize::from(!index.screen(q, &opts).is_empty()))
        .sum();
    let batch = qs.len() as f64 / t.elapsed().as_secs_f64();
    println!(
        "tradetrail, batch:        {:.0} queries/s on {} threads = {:.0} per core ({found} with a hit)",
        batch,
        rayon::current_num_threads(),
        batch / rayon::current_num_threads() as f64
    );

    let python = std::env::var("NOMENKLATURA_PYTHON")
        .unwrap_or_else(|_| "/var/cache/tt-nomenklatura/bin/python".into());
    let take = n.min(1000);
    let tmp = std::env::temp_dir().join(format!(
        "tradetrail-screen-bench-{}.jsonl",
        std::process::id()
    ));
    let mut f = std::fs::File::create(&tmp).expect("temporary file");
    for q in qs.iter().take(take) {
        let cands: Vec<serde_json::Value> = index
            .candidate_entries(q, 30)
            .iter()
            .map(|t| serde_json::json!({ "id": t.entry_id, "schema": t.entry_type.ftm_schema(), "names": t.names.iter().map(|n| &n.name).collect::<Vec<_>>() }))
            .collect();
        writeln!(
            f,
            "{}",
            serde_json::json!({ "name": q.names[0], "candidates": cands })
        )
        .expect("write");
    }
    drop(f);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/nomenklatura_match.py");
    match std::process::Command::new(&python)
        .arg(script)
        .arg(&tmp)
        .output()
    {
        Ok(out) if out.status.success() => print!("{}", String::from_utf8_lossy(&out.stdout)),
        Ok(out) => println!(
            "nomenklatura logic-v2: failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => println!(
            "nomenklatura logic-v2: skipped ({python}: {e}); `pip install nomenklatura` into a venv and set NOMENKLATURA_PYTHON"
        ),
    }
    std::fs::remove_file(&tmp).ok();
}
