//! The ground truth: every anomaly and chain hop points at an existing row, hard negatives exist, DJI is about half of drone value, holdout wording is disjoint.

use std::collections::{HashMap, HashSet};

use crate::{scratch, small_world};

fn rows(dir: &std::path::Path) -> HashMap<String, u64> {
    let mut n = HashMap::new();
    for f in ["ru_vendor.csv", "kz_imports.csv"] {
        n.insert(
            f.to_string(),
            String::from_utf8_lossy(&std::fs::read(dir.join(f)).unwrap())
                .lines()
                .count() as u64,
        );
    }
    let bytes = std::fs::read(dir.join("ru_customs.csv")).unwrap();
    n.insert(
        "ru_customs.csv".into(),
        encoding_rs::WINDOWS_1251.decode(&bytes).0.lines().count() as u64,
    );
    n
}

#[test]
fn truth_points_at_existing_lines_and_covers_every_structure() {
    let dir = scratch("truth");
    let summary = small_world(&dir, 21, 5_000, false);
    let last = rows(&dir);
    let anomalies = std::fs::read_to_string(dir.join("truth/anomalies.csv")).unwrap();
    let mut codes = HashSet::new();
    for l in anomalies.lines().skip(1) {
        let c: Vec<&str> = l.splitn(4, ',').collect();
        let line: u64 = c[1].parse().unwrap();
        assert!(line >= 2 && line <= last[c[0]], "{l}");
        codes.insert(c[2].to_string());
    }
    for code in [
        "under_declared_value",
        "understated_quantity",
        "misclassified_hs",
        "vague_description",
        "shell_address",
        "ephemeral_exporter",
        "structuring",
        "currency_shift",
        "brand_exit",
        "country_triangle",
        "pass_through",
        "long_chain",
        "listed_party",
    ] {
        assert!(codes.contains(code), "no {code} in a 5,000-line world");
    }
    let chains = std::fs::read_to_string(dir.join("truth/chains.jsonl")).unwrap();
    assert_eq!(chains.lines().count() as u64, summary.chains);
    for l in chains.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let hops = v["hops"].as_array().unwrap();
        assert!((1..=11).contains(&hops.len()));
        let mut visible = 0;
        let mut prev = String::new();
        for h in hops {
            let date = h["date"].as_str().unwrap().to_string();
            assert!(date >= prev, "hops out of order in {l}");
            prev = date;
            if let Some(f) = h["file"].as_str() {
                let line = h["line"].as_u64().unwrap();
                assert!(line >= 2 && line <= last[f]);
                visible += 1;
            }
        }
        assert!(visible >= 1);
    }
    assert!(summary.hard_negative_lines > 0);
    let total: f64 = summary.drone_value_usd_by_brand.values().sum();
    let dji = summary.drone_value_usd_by_brand["DJI"] / total;
    assert!((0.3..0.7).contains(&dji), "DJI share {dji}");
    assert!(summary.drone_value_usd_by_brand.len() >= 12);
    let bg = summary.lines_by_category["other"] - summary.hard_negative_lines;
    assert!(bg as f64 >= 0.85 * summary.lines as f64);
    let mentions = std::fs::read_to_string(dir.join("truth/mentions.csv")).unwrap();
    assert!(
        mentions.contains(",han\n")
            && mentions.contains(",cyrillic\n")
            && mentions.contains(",latin\n")
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn holdout_and_tuning_use_disjoint_description_templates() {
    let (a, b) = (scratch("tun"), scratch("hold"));
    small_world(&a, 5, 4_000, false);
    small_world(&b, 5, 4_000, true);
    let templates = |d: &std::path::Path| -> HashSet<String> {
        let t = std::fs::read_to_string(d.join("truth/lines.csv")).unwrap();
        t.lines()
            .skip(1)
            .filter_map(|l| l.split(',').nth(18))
            .filter(|t| *t != "background")
            .map(|t| t.split_once(':').map_or(t, |(_, r)| r).to_string())
            .collect()
    };
    let (ta, tb) = (templates(&a), templates(&b));
    assert!(!ta.is_empty() && !tb.is_empty());
    let set = |d: &std::path::Path| std::fs::read_to_string(d.join("world.json")).unwrap();
    assert!(
        set(&a).contains("\"template_set\": \"tuning\"")
            && set(&b).contains("\"template_set\": \"holdout\"")
    );
    let ht = tradetrail_synth::templates::set(true).description_templates();
    for t in tradetrail_synth::templates::set(false).description_templates() {
        assert!(!ht.contains(&t), "{t} in both sets");
    }
    for d in [a, b] {
        let _ = std::fs::remove_dir_all(d);
    }
}
