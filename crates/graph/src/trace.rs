//! Chains: time-respecting paths of flows that carry the same goods from a source through intermediaries to a recipient country.
//!
//! A path is a sequence of flows where each flow leaves the recipient of the previous one on or after the day it arrived, within the window,
//! with consistent goods (same category, and the same product, model and brand wherever the lines name them) and a plausible quantity.
//! The search is a depth-first walk over the per-sender flow lists (sorted by date, so each step is a binary search), bounded by a step budget.

use std::collections::HashSet;

use crate::graph::{Category, Flow, Goods, Graph, NodeId, Sym};

/// What to trace.
#[derive(Debug, Clone)]
pub struct TraceQuery {
    /// Start at the flows these nodes send.
    pub sources: Vec<NodeId>,
    /// Also start at the entry flows of goods of this brand (flows with no consistent flow into their sender before them).
    pub brand: Option<Sym>,
    /// With no sources and no brand: start at every entry flow.
    pub all_entries: bool,
    /// Paths end at a recipient in this country (ISO alpha-2); `None` = any maximal path.
    pub to_country: Option<String>,
    /// Goods class every flow must carry; `None` = any class kept in the graph.
    pub category: Option<Category>,
    /// Most flows in a path.
    pub max_hops: usize,
    /// Most days between a flow into an intermediary and the flow out of it.
    pub window_days: i32,
    /// Plausible quantity ratio (next / previous), lower bound.
    pub min_ratio: f32,
    /// Plausible quantity ratio (next / previous), upper bound.
    pub max_ratio: f32,
    /// Fewest flows in a path returned (1 keeps direct shipments, 2 or more keeps only chains through intermediaries).
    pub min_hops: usize,
    /// Keep only paths whose last flow is on or after this day (`Date32` day number).
    pub delivered_since: Option<i32>,
    /// Most paths returned (the highest-value ones).
    pub limit: usize,
    /// Most search steps before the search stops and says it was truncated.
    pub budget: u64,
}

impl Default for TraceQuery {
    fn default() -> Self {
        TraceQuery {
            sources: Vec::new(),
            brand: None,
            all_entries: false,
            to_country: None,
            category: None,
            max_hops: 12,
            window_days: 120,
            min_ratio: 0.5,
            max_ratio: 1.1,
            min_hops: 1,
            delivered_since: None,
            limit: 100,
            budget: 5_000_000,
        }
    }
}

/// One traced chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// Indices into [`Graph::flows`], in order.
    pub flows: Vec<u32>,
    /// Set when the path starts at an entry flow of this brand rather than at a named source.
    pub via_brand: Option<Sym>,
    /// Value of the last flow (what was delivered), USD.
    pub delivered_usd: f64,
}

/// Paths found and what the search did.
#[derive(Debug, Clone, Default)]
pub struct TraceResult {
    /// Paths, highest delivered value first.
    pub paths: Vec<Path>,
    /// Paths found before the limit was applied.
    pub found: usize,
    /// Flows the search started from.
    pub starts: usize,
    /// Search steps taken.
    pub steps: u64,
    /// True when the budget ran out.
    pub truncated: bool,
}

fn merge(acc: Goods, g: &Goods) -> Goods {
    let pick = |a: Sym, b: Sym| if a == 0 { b } else { a };
    Goods {
        category: acc.category,
        brand: pick(acc.brand, g.brand),
        model: pick(acc.model, g.model),
        product: pick(acc.product, g.product),
    }
}

fn plausible(prev: f32, next: f32, q: &TraceQuery) -> bool {
    prev <= 0.0 || next <= 0.0 || (next >= prev * q.min_ratio && next <= prev * q.max_ratio)
}

/// Flows sent by `node` on days `from..=to`, as a range of indices into [`Graph::flows`].
pub fn out_between(g: &Graph, node: NodeId, from: i32, to: i32) -> std::ops::Range<usize> {
    let out = g.out_flows(node);
    let a = out.partition_point(|f| f.date < from);
    let b = out.partition_point(|f| f.date <= to);
    let base = g.out_offset(node);
    base + a..base + b
}

/// True when some flow into `f`'s sender could be the goods `f` passes on.
pub fn has_predecessor(g: &Graph, f: &Flow, q: &TraceQuery) -> bool {
    g.in_flows(f.from).any(|p| {
        p.date <= f.date
            && p.date >= f.date - q.window_days
            && p.from != f.to
            && p.goods.consistent(&f.goods)
            && plausible(p.quantity, f.quantity, q)
    })
}

fn accepts(f: &Flow, q: &TraceQuery) -> bool {
    q.category.is_none_or(|c| f.goods.category == c)
}

struct Walk<'a> {
    g: &'a Graph,
    q: &'a TraceQuery,
    target: Option<Sym>,
    path: Vec<u32>,
    nodes: Vec<NodeId>,
    out: Vec<Path>,
    via: Option<Sym>,
    steps: u64,
    truncated: bool,
}

impl Walk<'_> {
    fn arrived(&self, f: &Flow) -> bool {
        match self.target {
            None => true,
            Some(t) => {
                let c = self.g.nodes[f.to as usize].country;
                c == t || (c == 0 && f.countries.reporter == t)
            }
        }
    }

    /// Extends the path; returns true when a path was emitted at or below this step.
    fn extend(&mut self, acc: Goods) -> bool {
        self.steps += 1;
        if self.steps > self.q.budget {
            self.truncated = true;
            return false;
        }
        let last = self.g.flows[*self.path.last().unwrap_or(&0) as usize];
        let mut emitted = false;
        if self.path.len() < self.q.max_hops {
            let range = out_between(self.g, last.to, last.date, last.date + self.q.window_days);
            for i in range {
                let f = &self.g.flows[i];
                if !accepts(f, self.q)
                    || !acc.consistent(&f.goods)
                    || !plausible(last.quantity, f.quantity, self.q)
                    || self.nodes.contains(&f.to)
                {
                    continue;
                }
                self.path.push(i as u32);
                self.nodes.push(f.to);
                emitted |= self.extend(merge(acc, &f.goods));
                self.path.pop();
                self.nodes.pop();
                if self.truncated {
                    return emitted;
                }
            }
        }
        if !emitted && self.arrived(&last) {
            self.out.push(Path {
                flows: self.path.clone(),
                via_brand: self.via,
                delivered_usd: f64::from(last.value_usd),
            });
            emitted = true;
        }
        emitted
    }
}

/// Traces chains: see the module documentation.
pub fn trace(g: &Graph, q: &TraceQuery) -> TraceResult {
    let target = match &q.to_country {
        Some(c) => match g.strings.get(&c.to_ascii_uppercase()) {
            Some(s) => Some(s),
            None => return TraceResult::default(),
        },
        None => None,
    };
    let mut starts: Vec<(u32, Option<Sym>)> = Vec::new();
    let sources: HashSet<NodeId> = q.sources.iter().copied().collect();
    for &s in &q.sources {
        let base = g.out_offset(s);
        for (k, f) in g.out_flows(s).iter().enumerate() {
            if accepts(f, q)
                && q.brand
                    .is_none_or(|b| f.goods.brand == b || f.goods.brand == 0)
            {
                starts.push(((base + k) as u32, None));
            }
        }
    }
    if q.brand.is_some() || (q.all_entries && q.sources.is_empty()) {
        for (i, f) in g.flows.iter().enumerate() {
            if accepts(f, q)
                && q.brand.is_none_or(|b| f.goods.brand == b)
                && !sources.contains(&f.from)
                && !has_predecessor(g, f, q)
            {
                starts.push((i as u32, q.brand));
            }
        }
    }
    let mut walk = Walk {
        g,
        q,
        target,
        path: Vec::with_capacity(q.max_hops),
        nodes: Vec::with_capacity(q.max_hops + 1),
        out: Vec::new(),
        via: None,
        steps: 0,
        truncated: false,
    };
    for &(i, via) in &starts {
        let f = &g.flows[i as usize];
        walk.path.clear();
        walk.nodes.clear();
        walk.path.push(i);
        walk.nodes.extend([f.from, f.to]);
        walk.via = via;
        walk.extend(f.goods);
        if walk.truncated {
            break;
        }
    }
    let mut paths = walk.out;
    paths.retain(|p| {
        p.flows.len() >= q.min_hops
            && q.delivered_since.is_none_or(|since| {
                p.flows
                    .last()
                    .is_some_and(|&i| g.flows[i as usize].date >= since)
            })
    });
    paths.sort_by(|a, b| {
        b.delivered_usd
            .total_cmp(&a.delivered_usd)
            .then(b.flows.len().cmp(&a.flows.len()))
            .then(a.flows.cmp(&b.flows))
    });
    paths.dedup_by(|a, b| a.flows == b.flows);
    let found = paths.len();
    paths.truncate(q.limit);
    TraceResult {
        paths,
        found,
        starts: starts.len(),
        steps: walk.steps,
        truncated: walk.truncated,
    }
}
