//! Name-pair scoring latency and throughput over the labelled pairs: prints median, p99 and pairs per second.
//!
//! Two figures: `cached` scores prepared (already normalised) names, the bulk-resolution path; `cold` normalises both names inside the timed call.
//! Run: `cargo bench -p tradetrail-resolve --bench score` with `../shared/data` beside the repository.

use std::hint::black_box;
use std::time::Instant;

use tradetrail_resolve::eval::{kind_of_schema, parse_pairs};
use tradetrail_resolve::score::{Party, Prepared, name_probability, score_prepared};
use tradetrail_resolve::{block, normalise};

fn percentile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * q).round() as usize]
}

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/name-matching-pairs/nomenklatura_name_bench_cases.csv"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("labelled pairs not found at {path}; skipping");
        return;
    };
    let pairs = parse_pairs(&text);
    let prepared: Vec<(Prepared, Prepared)> = pairs
        .iter()
        .map(|p| {
            let k = kind_of_schema(&p.schema);
            let a = Party {
                name: p.name1.clone(),
                kind: k,
                ..Party::default()
            };
            let b = Party {
                name: p.name2.clone(),
                kind: k,
                ..Party::default()
            };
            (Prepared::new(a), Prepared::new(b))
        })
        .collect();
    let rounds = 20;
    let report = |label: &str, f: &dyn Fn(usize) -> f64| {
        let mut lat = Vec::with_capacity(pairs.len() * rounds);
        let start = Instant::now();
        for _ in 0..rounds {
            for i in 0..pairs.len() {
                let t = Instant::now();
                black_box(f(i));
                lat.push(t.elapsed().as_secs_f64() * 1e6);
            }
        }
        let total = start.elapsed().as_secs_f64();
        let n = lat.len();
        let (p50, p99) = (percentile(&mut lat, 0.5), percentile(&mut lat, 0.99));
        println!(
            "{label:<34} pairs={n:<6} median={p50:>7.2} µs  p99={p99:>7.2} µs  throughput={:>9.0} pairs/s",
            n as f64 / total
        );
    };
    report("name probability, cached names", &|i| {
        let (a, b) = &prepared[i];
        name_probability(&a.name, &b.name, a.party.kind)
    });
    report("explained score, cached names", &|i| {
        let (a, b) = &prepared[i];
        score_prepared(a, b).probability
    });
    report("explained score, cold (normalise)", &|i| {
        let (a, b) = &prepared[i];
        score_prepared(
            &Prepared::new(a.party.clone()),
            &Prepared::new(b.party.clone()),
        )
        .probability
    });
    report("normalise one name", &|i| {
        normalise(&pairs[i].name1).tokens.len() as f64
    });
    nomenklatura_side_by_side(path);

    // Blocking recall on the labelled matches: a match is recalled when the two names share a blocking key.
    let matches: Vec<_> = pairs
        .iter()
        .zip(&prepared)
        .filter(|(p, _)| p.is_match)
        .collect();
    let mut hit = 0;
    for (_, (a, b)) in &matches {
        let ka = block::blocking_keys(&a.name);
        let kb = block::blocking_keys(&b.name);
        if ka.iter().any(|k| kb.contains(k)) {
            hit += 1;
        }
    }
    let mut bl = block::Blocker::new(60);
    for (a, b) in &prepared {
        bl.add_name(&a.name);
        bl.add_name(&b.name);
    }
    let (cands, stats) = bl.pairs();
    let cand: std::collections::HashSet<(u32, u32)> = cands.iter().copied().collect();
    let mut capped = 0;
    for (i, p) in pairs.iter().enumerate() {
        if p.is_match && cand.contains(&((2 * i) as u32, (2 * i + 1) as u32)) {
            capped += 1;
        }
    }
    println!(
        "blocking recall on {} labelled matches: shared key {:.3}; with Blocker(cap 60) over all {} names {:.3} ({} candidate pairs, {} oversized blocks)",
        matches.len(),
        hit as f64 / matches.len() as f64,
        pairs.len() * 2,
        capped as f64 / matches.len() as f64,
        stats.pairs,
        stats.oversized
    );
}

/// nomenklatura's logic-v2 on the same pairs, in the same run, through a Python that has it installed.
/// The interpreter is `$NOMENKLATURA_PYTHON`, else `/var/cache/tt-nomenklatura/bin/python`; without one the comparison is skipped with a message.
fn nomenklatura_side_by_side(pairs: &str) {
    let python = std::env::var("NOMENKLATURA_PYTHON")
        .unwrap_or_else(|_| "/var/cache/tt-nomenklatura/bin/python".into());
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/nomenklatura_logic_v2.py"
    );
    match std::process::Command::new(&python)
        .args([script, pairs, "5"])
        .output()
    {
        Ok(out) if out.status.success() => print!("{}", String::from_utf8_lossy(&out.stdout)),
        Ok(out) => println!(
            "nomenklatura logic-v2: skipped ({python} could not run it: {}); `pip install nomenklatura` into a venv and set NOMENKLATURA_PYTHON",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ),
        Err(e) => println!(
            "nomenklatura logic-v2: skipped (no Python at {python}: {e}); `pip install nomenklatura` into a venv and set NOMENKLATURA_PYTHON"
        ),
    }
}
