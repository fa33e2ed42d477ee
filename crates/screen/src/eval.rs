//! Recall on the real lists: hold one name of an entry out of the index, query with it, and count how often the entry ranks first, by the script of the held-out name.
//!
//! An entry with two or more names is a test case for each of its names except weak aliases (OFAC's own word for names too broad to screen on).
//! A query counts as same-script when another name of the entry is in the held-out name's script, and as cross-script when none is (a Cyrillic alias whose entry is otherwise Latin, say).
//! Lists repeat each other (the same party on OFAC's SDN list, in the Consolidated Screening List and in an EU annex), so a first place goes to the same party when the entry ranked first carries the held-out name itself: the same string, or the same distinctive words once case, legal forms and script are set aside (`Russian Imperial Legion` on an EU list, `RUSSIAN IMPERIAL LEGION` on OFAC's); such cases are counted apart.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::index::{Index, Options, Query, QueryKind};
use crate::target::EntryType;

/// Figures for one group of held-out names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Queries run.
    pub queries: u64,
    /// The entry itself ranked first.
    pub top1_entry: u64,
    /// Another listing of the same party (it carries the held-out name) ranked first.
    pub top1_duplicate: u64,
    /// The first result (entry or duplicate) also reaches the match threshold.
    pub top1_at_threshold: u64,
}

impl Counts {
    /// Top-1 recall: the entry or a duplicate listing of it first, whatever its score.
    pub fn recall(&self) -> f64 {
        (self.top1_entry + self.top1_duplicate) as f64 / self.queries.max(1) as f64
    }

    /// Top-1 recall counting only first places that reach the match threshold.
    pub fn recall_at_threshold(&self) -> f64 {
        self.top1_at_threshold as f64 / self.queries.max(1) as f64
    }

    fn add(&mut self, o: &Counts) {
        self.queries += o.queries;
        self.top1_entry += o.top1_entry;
        self.top1_duplicate += o.top1_duplicate;
        self.top1_at_threshold += o.top1_at_threshold;
    }
}

/// The held-out-alias report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AliasRecall {
    /// Per held-out script (`latin`, `cyrillic`, `han`, `arabic`, ...), same-script and cross-script apart: key `(script, cross)`.
    pub by_script: BTreeMap<(String, bool), Counts>,
    /// Entries with two or more names.
    pub entries: u64,
    /// Every missed query of each group, in entry order: held-out name, the entry's other names, and what ranked first.
    pub misses: BTreeMap<(String, bool), Vec<String>>,
}

impl AliasRecall {
    /// Totals over every same-script (`cross = false`) or cross-script (`cross = true`) group; Latin only for same-script when `latin_only`.
    pub fn total(&self, cross: bool, latin_only: bool) -> Counts {
        let mut c = Counts::default();
        for ((script, x), v) in &self.by_script {
            if *x == cross && (!latin_only || script == "latin") {
                c.add(v);
            }
        }
        c
    }
}

/// Runs the held-out-alias evaluation over every entry of the index with two or more names (sampling every `step`-th case to bound the time; 1 runs all).
pub fn held_out_alias_recall(index: &Index, step: usize) -> AliasRecall {
    let mut cases: Vec<(u32, u32)> = Vec::new();
    let mut entries = 0;
    for t in 0..index.targets().len() as u32 {
        let range = index.name_range(t);
        if range.len() < 2 {
            continue;
        }
        entries += 1;
        let target = &index.targets()[t as usize];
        for (i, n) in range.clone().zip(&target.names) {
            if n.kind != "weak_alias" {
                cases.push((t, i as u32));
            }
        }
    }
    let step = step.max(1);
    let opts = Options {
        limit: 1,
        threshold: 0.0,
        ..Options::default()
    };
    let results: Vec<((String, bool), Counts, Option<String>)> = cases
        .par_iter()
        .step_by(step)
        .map(|&(t, name)| {
            let target = &index.targets()[t as usize];
            let held = &target.names[name as usize - index.name_range(t).start];
            let cross = !target
                .names
                .iter()
                .any(|n| n.name != held.name && n.script == held.script);
            let kind = match target.entry_type {
                EntryType::Person => QueryKind::Person,
                EntryType::Organisation => QueryKind::Organisation,
                EntryType::Vessel => QueryKind::Vessel,
                EntryType::Aircraft => QueryKind::Aircraft,
                EntryType::Unknown => QueryKind::Any,
            };
            let q = Query {
                names: vec![held.name.clone()],
                kind,
                ..Query::default()
            };
            let hits = index.screen_excluding(&q, &opts, Some(name));
            let mut c = Counts {
                queries: 1,
                ..Counts::default()
            };
            if let Some(h) = hits.first() {
                let first = &index.targets()[h.target as usize];
                let right = if h.target == t {
                    c.top1_entry = 1;
                    true
                } else if first.names.iter().any(|n| n.name == held.name)
                    || h.features
                        .iter()
                        .any(|f| f.name == "name_exact_core" && f.value > 0.0)
                {
                    c.top1_duplicate = 1;
                    true
                } else {
                    false
                };
                if right && h.is_match {
                    c.top1_at_threshold = 1;
                }
            }
            let miss = (c.top1_entry + c.top1_duplicate == 0).then(|| {
                let others: Vec<&str> = target
                    .names
                    .iter()
                    .filter(|n| n.name != held.name)
                    .map(|n| n.name.as_str())
                    .take(3)
                    .collect();
                format!(
                    "{:?} of {} ({}) -> {}",
                    held.name,
                    target.entry_id,
                    others.join(" | "),
                    hits.first().map_or("nothing".to_string(), |h| format!(
                        "{} {:?} {:.2}",
                        h.entry_id, h.matched_name, h.score
                    ))
                )
            });
            ((held.script.clone(), cross), c, miss)
        })
        .collect();
    let mut out = AliasRecall {
        entries,
        ..AliasRecall::default()
    };
    for (k, c, miss) in results {
        out.by_script.entry(k.clone()).or_default().add(&c);
        if let Some(m) = miss {
            out.misses.entry(k).or_default().push(m);
        }
    }
    out
}
