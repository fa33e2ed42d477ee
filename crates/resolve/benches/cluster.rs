//! Resolution of many party mentions: prints the time to normalise and to cluster them, candidate pairs and peak RSS; never a timed test.
//!
//! The mentions are generated here, seeded: companies with a city, a two-syllable core and a line of business, each written in several ways
//! (legal-form spellings, city abbreviation or suffix, typos, Cyrillic for the Russian ones, with and without an identifier).
//! Run: `cargo bench -p tradetrail-resolve --bench cluster -- 1000000` (the argument is the number of distinct mentions; default 1,000,000).

use std::time::Instant;

use rayon::prelude::*;
use tradetrail_resolve::{ClusterConfig, Constraints, Party, Prepared, cluster};

const SYLLABLES: [&str; 48] = [
    "XING", "HE", "HUA", "RUI", "YI", "DA", "ZHUO", "YUE", "JING", "CHENG", "WAN", "TONG", "YONG",
    "SHENG", "JIN", "PENG", "HAI", "NA", "TAI", "KANG", "LONG", "FENG", "BAO", "LI", "MING", "QI",
    "XIN", "YUAN", "DONG", "FANG", "GUANG", "HONG", "JIA", "LIN", "MEI", "NAN", "PING", "SHUN",
    "TIAN", "WEI", "XIANG", "YANG", "ZHONG", "AN", "BO", "CHANG", "DE", "FU",
];
const CITIES: [(&str, &str); 8] = [
    ("SHENZHEN", "SZ"),
    ("GUANGZHOU", "GZ"),
    ("NINGBO", "NB"),
    ("HANGZHOU", "HZ"),
    ("XIAMEN", "XM"),
    ("DONGGUAN", "DG"),
    ("YIWU", "YW"),
    ("SHANTOU", "SHANTOU"),
];
const TRADES: [&str; 10] = [
    "TECHNOLOGY",
    "ELECTRONICS",
    "TRADING",
    "INDUSTRIAL",
    "GARMENT",
    "MACHINERY",
    "AUTO PARTS",
    "LOGISTICS",
    "INTELLIGENT TECHNOLOGY",
    "SUPPLY CHAIN MANAGEMENT",
];
const RU_WORDS: [&str; 16] = [
    "ЛЕГИОН",
    "ЗЕНИТ",
    "ВЕСТСТАР",
    "СТАНДАРТ",
    "ГЕОКОМ",
    "ИНТЕГРАЛ",
    "ВОЯЖ",
    "АЛЬФА",
    "ВЕКТОР",
    "МЕРИДИАН",
    "ПРОГРЕСС",
    "ТЕХНО",
    "СИНТЕЗ",
    "ОРБИТА",
    "ГАРАНТ",
    "КРИСТАЛЛ",
];

/// A small seeded generator (SplitMix64): the bench needs no dependency for randomness.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn typo(r: &mut Rng, s: &str) -> String {
    let mut c: Vec<char> = s.chars().collect();
    if c.len() > 4 {
        let i = 1 + r.below(c.len() - 2);
        if c[i].is_alphabetic() {
            c.remove(i);
        }
    }
    c.into_iter().collect()
}

/// One mention of company `e`, variant drawn from `r`.
fn mention(e: usize, r: &mut Rng) -> Party {
    let mut g = Rng(e as u64 * 7919 + 13);
    if e.is_multiple_of(5) {
        // A Russian company: Cyrillic or Latin, with its INN-shaped number on some lines.
        let w = RU_WORDS[g.below(RU_WORDS.len())];
        let n = e / 5;
        let name = match r.below(3) {
            0 => format!("ООО «{w} {n}»"),
            1 => format!("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"{w} {n}\""),
            _ => format!("ООО \"{w} {n}\""),
        };
        return Party::org(&name).with_country("RU");
    }
    let core = format!(
        "{}{}",
        SYLLABLES[g.below(SYLLABLES.len())],
        SYLLABLES[g.below(SYLLABLES.len())].to_lowercase()
    )
    .to_uppercase();
    let (city, abbr) = CITIES[g.below(CITIES.len())];
    let trade = TRADES[g.below(TRADES.len())];
    let tag = e / 7;
    let form = ["CO LTD", "CO.,LTD.", "COMPANY LIMITED", "CO., LTD"][r.below(4)];
    let mut name = match r.below(3) {
        0 => format!("{city} {core} {trade} {tag} {form}"),
        1 => format!("{core} {trade} ({city}) {tag} {form}"),
        _ => format!("{abbr} {core} {trade} {tag} {form}"),
    };
    if r.below(4) == 0 {
        name = typo(r, &name);
    }
    let address = format!(
        "ROOM {}, NO. {} ROAD {}, {city}",
        r.below(3000),
        g.below(900),
        r.below(50)
    );
    Party::org(&name).with_country("CN").with_address(&address)
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let companies = n / 8;
    let started = Instant::now();
    let mut r = Rng(2026);
    // About one generated mention in eight repeats another; generate more and keep `n` distinct ones, sorted as `entities build` gives them.
    let mut seen = std::collections::HashSet::new();
    let mut parties: Vec<Party> = (0..)
        .map(|i| mention(i % companies, &mut r))
        .filter(|p| seen.insert((p.name.clone(), p.address.clone())))
        .take(n)
        .collect();
    drop(seen);
    parties.sort_by(|a, b| (&a.name, &a.address).cmp(&(&b.name, &b.address)));
    let generated = started.elapsed().as_secs_f64();
    let threads = rayon::current_num_threads();
    println!(
        "{} distinct party mentions of {companies} companies generated in {generated:.1}s; {threads} threads",
        parties.len()
    );

    let started = Instant::now();
    let prepared: Vec<Prepared> = parties.into_par_iter().map(Prepared::new).collect();
    let t_norm = started.elapsed().as_secs_f64();
    let weight = vec![1u64; prepared.len()];
    let started = Instant::now();
    let c = cluster(
        &prepared,
        &weight,
        &Constraints::default(),
        &ClusterConfig::default(),
    );
    let t_cluster = started.elapsed().as_secs_f64();
    let s = c.stats;
    println!(
        "normalise {t_norm:.1}s + cluster {t_cluster:.1}s = {:.1}s for {} mentions ({:.0} mentions/s); {} candidate pairs, {} match edges, {} name-group edges, {} merges, {} refused, {} clusters; oversized blocks {} of {}",
        t_norm + t_cluster,
        s.mentions,
        s.mentions as f64 / (t_norm + t_cluster),
        s.candidate_pairs,
        s.match_edges,
        s.name_group_edges,
        s.merges,
        s.refused_identifiers + s.refused_judgements + s.refused_representatives,
        s.clusters,
        s.oversized_blocks,
        s.blocks
    );
    println!("peak RSS {:.0} MB", peak_rss_mb());
}
