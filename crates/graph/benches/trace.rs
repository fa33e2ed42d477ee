//! Benchmark: 12-hop chain queries on a graph of 10M shipment lines; prints build time, memory and query times, never asserts.
//!
//! `cargo bench -p tradetrail-graph --bench trace -- --home WS` loads a real workspace (ingested, classified, entities built).
//! Without `--home` it builds the graph from a seeded generator of the same shape as a 10M-line synthetic world (`--lines N`, default 10M):
//! about 65k parties (exporters in CN and HK, intermediaries in HK, AE, TR, AM, KG, KZ and BY, importers in RU and KZ),
//! 7% of lines drones, drone parts or CHPL components (18 brands, 12 models each, quantities 1-400), the rest background trade,
//! 10% of goods lines sent on by intermediaries, and 200 planted chains of 12 hops (3-25 days apart, quantity kept within 0.93-1.0).

use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tradetrail_graph::{
    Category, Graph, GraphBuilder, GraphOptions, LineFacts, TraceQuery, find_brand, trace,
};

const BRANDS: [&str; 18] = [
    "DJI",
    "Autel",
    "Mugin",
    "Skydroid",
    "Caddx",
    "RushFPV",
    "Parrot",
    "Yuneec",
    "Potensic",
    "GEPRC",
    "Eachine",
    "Hubsan",
    "FIMI",
    "MJX",
    "Syma",
    "Walksnail",
    "iFlight",
    "T-Motor",
];
const MID: [&str; 7] = ["HK", "AE", "TR", "AM", "KG", "KZ", "BY"];

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn generate(lines: u64) -> Graph {
    let mut r = ChaCha8Rng::seed_from_u64(2026);
    let (exporters, mids, importers) = (3_000u32, 2_000u32, 60_000u32);
    let mut b = GraphBuilder::new(GraphOptions::default());
    let id = |k: u32| format!("E{k:06}");
    for k in 0..exporters + mids + importers {
        let country = if k < exporters {
            if k % 5 == 0 { "HK" } else { "CN" }
        } else if k < exporters + mids {
            MID[(k % 7) as usize]
        } else if k % 5 == 0 {
            "KZ"
        } else {
            "RU"
        };
        b.add_node(&id(k), &format!("PARTY {k} TRADING"), country);
    }
    let models: Vec<Vec<String>> = BRANDS
        .iter()
        .map(|b| (0..12).map(|m| format!("{b} M{m}")).collect())
        .collect();
    let day0 = tradetrail_model::days_from_civil(2019, 1, 1);
    let push = |b: &mut GraphBuilder,
                n: u64,
                s: u32,
                t: u32,
                date: i32,
                goods: Option<(usize, usize)>,
                q: f64| {
        let (cat, brand, model) = match goods {
            Some((br, m)) => (
                Some(if m < 8 {
                    Category::Drone
                } else {
                    Category::DronePart
                }),
                BRANDS[br],
                models[br][m].as_str(),
            ),
            None => (Some(Category::Other), "", ""),
        };
        let (rid, sid, tid) = (format!("R{n:09}"), id(s), id(t));
        b.add_line(&LineFacts {
            record_id: &rid,
            dataset: "bench",
            file: "bench.csv",
            line: n + 2,
            date: Some(date),
            sender: Some(&sid),
            recipient: Some(&tid),
            hs6: if goods.is_some() { "880621" } else { "640399" },
            category: cat,
            brand,
            model,
            product: model,
            quantity: Some(q),
            value_usd: Some(q * 350.0),
            origin: "CN",
            dispatch: "CN",
            trading: "CN",
            sender_country: "CN",
            reporter: "RU",
        });
    };
    let chains = 200u64;
    for n in 0..lines.saturating_sub(chains * 12) {
        let goods = r.random_bool(0.07);
        let onward = goods && r.random_bool(0.1);
        let s = if onward {
            exporters + r.random_range(0..mids)
        } else {
            // Skewed: a few exporters send most lines.
            let u: f64 = r.random();
            (u * u * f64::from(exporters)) as u32
        };
        let t = if !onward && goods && r.random_bool(0.1) {
            exporters + r.random_range(0..mids)
        } else {
            exporters + mids + r.random_range(0..importers)
        };
        let date = day0 + r.random_range(0..2190);
        let g = goods.then(|| (r.random_range(0..BRANDS.len()), r.random_range(0..12)));
        let q = f64::from(r.random_range(1..400u32));
        push(&mut b, n, s, t, date, g, q);
    }
    for c in 0..chains {
        let mut date = day0 + 1200 + r.random_range(0..600);
        let mut q = f64::from(r.random_range(20..300u32));
        let goods = (r.random_range(0..BRANDS.len()), r.random_range(0..8));
        let mut firms = vec![r.random_range(0..exporters)];
        while firms.len() < 12 {
            let m = exporters + r.random_range(0..mids);
            if !firms.contains(&m) {
                firms.push(m);
            }
        }
        firms.push(exporters + mids + r.random_range(0..importers));
        for (h, w) in firms.windows(2).enumerate() {
            push(
                &mut b,
                lines + c * 12 + h as u64,
                w[0],
                w[1],
                date,
                Some(goods),
                q,
            );
            date += r.random_range(3..25);
            q = (q * r.random_range(0.93..1.0)).round().max(1.0);
        }
    }
    b.finish()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let started = Instant::now();
    let g = match arg("--home") {
        Some(home) => {
            let ws = tradetrail_store::Workspace::open(&home).expect("workspace");
            tradetrail_graph::load(&ws, GraphOptions::default()).expect("graph")
        }
        None => generate(arg("--lines").map_or(10_000_000, |n| n.parse().expect("--lines N"))),
    };
    println!(
        "graph from {} lines: {} nodes, {} edges, {} goods flows; built in {:.1}s, peak RSS {:.0} MB",
        g.stats.lines,
        g.nodes.len(),
        g.edges.len(),
        g.flows.len(),
        started.elapsed().as_secs_f64(),
        rss_mb()
    );
    let mut queries: Vec<(String, TraceQuery)> = Vec::new();
    // The exporters that send most goods flows, as `--from` would name them.
    let mut senders: Vec<(usize, u32)> = (0..g.nodes.len() as u32)
        .map(|n| (g.out_flows(n).len(), n))
        .collect();
    senders.sort_unstable_by(|a, b| b.cmp(a));
    for &(_, n) in senders.iter().take(3) {
        queries.push((
            format!(
                "--from {} --to-country RU --max-hops 12 --window 120d",
                g.entity_id(n)
            ),
            TraceQuery {
                sources: vec![n],
                to_country: Some("RU".into()),
                ..TraceQuery::default()
            },
        ));
    }
    for brand in ["DJI", "Autel"] {
        if let Some(b) = find_brand(&g, brand) {
            queries.push((
                format!("--from {brand} --to-country RU --goods drone --max-hops 12 --window 120d (brand entries)"),
                TraceQuery { brand: Some(b), to_country: Some("RU".into()), category: Some(Category::Drone), ..TraceQuery::default() },
            ));
        }
    }
    queries.push((
        "every entry flow, no country, max-hops 12 (the eval's query)".into(),
        TraceQuery {
            all_entries: true,
            limit: usize::MAX,
            ..TraceQuery::default()
        },
    ));
    for (label, q) in &queries {
        let t = Instant::now();
        let r = trace(&g, q);
        let longest = r.paths.iter().map(|p| p.flows.len()).max().unwrap_or(0);
        println!(
            "{:>8.3}s  {} chains (longest {} hops) from {} starts, {} steps{}  [{label}]",
            t.elapsed().as_secs_f64(),
            r.found,
            longest,
            r.starts,
            r.steps,
            if r.truncated { ", TRUNCATED" } else { "" }
        );
    }
    println!("peak RSS {:.0} MB", rss_mb());
}
