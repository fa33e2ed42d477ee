//! Transshipment: third countries named in declaration fields, routes made of chained declarations in different countries' data, and pass-through entities.
//!
//! Field routes follow feature 22 of the domain notes (origin, dispatch, trading and sender country; three or more distinct is a triangle),
//! chained routes are traced paths whose flows come from at least two reporting countries,
//! and pass-through follows feature 29 (outflow over inflow of the same goods near 1, median dwell under a month).

use std::collections::BTreeMap;

use tradetrail_refdata::controls::is_transshipment_risk;

use crate::graph::{Category, Flow, Graph, NodeId, Sym};
use crate::trace::{TraceQuery, out_between, trace};

/// One route as the declaration fields tell it, aggregated over lines.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldRoute {
    /// Country of origin.
    pub origin: String,
    /// Country of dispatch.
    pub dispatch: String,
    /// Trading country.
    pub trading: String,
    /// Sender's country.
    pub sender: String,
    /// Reporting (importing) country.
    pub reporter: String,
    /// Goods class.
    pub category: &'static str,
    /// Distinct countries among origin, dispatch, trading and sender.
    pub distinct: usize,
    /// Fields naming a transshipment-risk third country (not origin, not reporter).
    pub risk_fields: Vec<&'static str>,
    /// Lines.
    pub lines: u64,
    /// Value in USD.
    pub value_usd: f64,
    /// First and last date (days).
    pub first: i32,
    /// Last date (days).
    pub last: i32,
    /// Record ids of the first lines.
    pub evidence: Vec<String>,
}

/// Routes where the declaration fields name a third country, highest value first.
pub fn field_routes(g: &Graph, category: Option<Category>) -> Vec<FieldRoute> {
    let mut acc: BTreeMap<(Sym, Sym, Sym, Sym, Sym, Category), FieldRoute> = BTreeMap::new();
    for f in g
        .flows
        .iter()
        .filter(|f| category.is_none_or(|c| f.goods.category == c))
    {
        let c = f.countries;
        let fields = [
            ("dispatch", c.dispatch),
            ("trading", c.trading),
            ("sender", c.sender),
        ];
        let third = |s: Sym| s != 0 && s != c.origin && s != c.reporter;
        if c.origin == 0 || !fields.iter().any(|(_, s)| third(*s)) {
            continue;
        }
        let key = (
            c.origin,
            c.dispatch,
            c.trading,
            c.sender,
            c.reporter,
            f.goods.category,
        );
        let r = acc.entry(key).or_insert_with(|| {
            let mut set = vec![c.origin, c.dispatch, c.trading, c.sender];
            set.retain(|s| *s != 0);
            set.sort_unstable();
            set.dedup();
            FieldRoute {
                origin: g.text(c.origin).into(),
                dispatch: g.text(c.dispatch).into(),
                trading: g.text(c.trading).into(),
                sender: g.text(c.sender).into(),
                reporter: g.text(c.reporter).into(),
                category: f.goods.category.as_str(),
                distinct: set.len(),
                risk_fields: fields
                    .iter()
                    .filter(|(_, s)| third(*s) && is_transshipment_risk(g.text(*s)))
                    .map(|(n, _)| *n)
                    .collect(),
                lines: 0,
                value_usd: 0.0,
                first: i32::MAX,
                last: i32::MIN,
                evidence: Vec::new(),
            }
        });
        r.lines += 1;
        r.value_usd += f64::from(f.value_usd);
        r.first = r.first.min(f.date);
        r.last = r.last.max(f.date);
        if r.evidence.len() < 3 {
            r.evidence.push(g.record_id(f.evidence.record).into());
        }
    }
    let mut out: Vec<FieldRoute> = acc.into_values().collect();
    out.sort_by(|a, b| b.value_usd.total_cmp(&a.value_usd));
    out
}

/// A country sequence made of traced chains whose flows come from at least two reporting countries.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChainedRoute {
    /// Countries of the first sender and of every recipient, e.g. `["CN", "KZ", "RU"]`.
    pub countries: Vec<String>,
    /// Reporting countries of the flows, in order.
    pub reporters: Vec<String>,
    /// Chains on this route.
    pub chains: u64,
    /// Delivered value in USD.
    pub value_usd: f64,
    /// Flow indices of the highest-value chain.
    pub example: Vec<u32>,
}

/// Routes of chains that cross countries' data (e.g. Kazakh imports then Russian imports), highest value first.
pub fn chained_routes(g: &Graph, query: &TraceQuery) -> Vec<ChainedRoute> {
    let mut q = query.clone();
    q.limit = usize::MAX;
    let country = |n: NodeId, fallback: Sym| match g.country(n) {
        "" => g.text(fallback).to_string(),
        c => c.to_string(),
    };
    let mut acc: BTreeMap<(Vec<String>, Vec<String>), ChainedRoute> = BTreeMap::new();
    for p in trace(g, &q).paths {
        let flows: Vec<&Flow> = p.flows.iter().map(|&i| &g.flows[i as usize]).collect();
        let mut reporters: Vec<String> = flows
            .iter()
            .map(|f| g.text(f.countries.reporter).to_string())
            .collect();
        let mut distinct = reporters.clone();
        distinct.sort();
        distinct.dedup();
        if flows.len() < 2 || distinct.len() < 2 {
            continue;
        }
        let mut countries = vec![country(flows[0].from, flows[0].countries.sender)];
        countries.extend(flows.iter().map(|f| country(f.to, f.countries.reporter)));
        reporters.dedup();
        let r = acc
            .entry((countries.clone(), reporters.clone()))
            .or_insert_with(|| ChainedRoute {
                countries,
                reporters,
                chains: 0,
                value_usd: 0.0,
                example: p.flows.clone(),
            });
        r.chains += 1;
        r.value_usd += p.delivered_usd;
    }
    let mut out: Vec<ChainedRoute> = acc.into_values().collect();
    out.sort_by(|a, b| b.value_usd.total_cmp(&a.value_usd));
    out
}

/// Thresholds of [`pass_through`].
#[derive(Debug, Clone)]
pub struct PassThroughParams {
    /// Most days between goods coming in and the same goods going out.
    pub window_days: i32,
    /// Lowest outflow / inflow ratio flagged.
    pub min_ratio: f64,
    /// Highest outflow / inflow ratio flagged.
    pub max_ratio: f64,
    /// Highest median dwell (days) flagged.
    pub max_dwell_days: i32,
    /// Lowest share of inflows matched by an outflow within the window.
    pub min_matched: f64,
}

impl Default for PassThroughParams {
    fn default() -> Self {
        PassThroughParams {
            window_days: 42,
            min_ratio: 0.7,
            max_ratio: 1.3,
            max_dwell_days: 30,
            min_matched: 0.5,
        }
    }
}

/// Inflow and outflow of one entity for one kind of goods.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PassThrough {
    /// The entity.
    pub node: NodeId,
    /// Goods class.
    pub category: &'static str,
    /// Brand (empty when unknown).
    pub brand: String,
    /// Model (empty when unknown).
    pub model: String,
    /// Flows in and out.
    pub in_lines: u64,
    /// Flows out.
    pub out_lines: u64,
    /// Quantity in.
    pub in_quantity: f64,
    /// Quantity out.
    pub out_quantity: f64,
    /// Value in, USD.
    pub in_value_usd: f64,
    /// Value out, USD.
    pub out_value_usd: f64,
    /// Outflow over inflow (quantities when both are known, else values).
    pub ratio: f64,
    /// Share of inflows followed by a consistent outflow within the window.
    pub matched: f64,
    /// Median days from an inflow to its first consistent outflow.
    pub dwell_median_days: Option<i32>,
    /// True when ratio, matched share and dwell are all within the thresholds.
    pub flagged: bool,
}

/// Pass-through figures of one entity, one row per (category, brand, model) it both received and sent.
pub fn pass_through_of(g: &Graph, node: NodeId, p: &PassThroughParams) -> Vec<PassThrough> {
    type Key = (Category, Sym, Sym);
    let key = |f: &Flow| (f.goods.category, f.goods.brand, f.goods.model);
    let mut groups: BTreeMap<Key, (Vec<&Flow>, Vec<&Flow>)> = BTreeMap::new();
    for f in g.in_flows(node) {
        groups.entry(key(f)).or_default().0.push(f);
    }
    for f in g.out_flows(node) {
        if let Some(e) = groups.get_mut(&key(f)) {
            e.1.push(f);
        }
    }
    let mut out = Vec::new();
    for ((cat, brand, model), (ins, outs)) in groups {
        if outs.is_empty() {
            continue;
        }
        let sum = |v: &[&Flow], q: bool| -> f64 {
            v.iter()
                .map(|f| f64::from(if q { f.quantity } else { f.value_usd }))
                .sum()
        };
        let (iq, oq, iv, ov) = (
            sum(&ins, true),
            sum(&outs, true),
            sum(&ins, false),
            sum(&outs, false),
        );
        let ratio = if iq > 0.0 && oq > 0.0 {
            oq / iq
        } else if iv > 0.0 {
            ov / iv
        } else {
            0.0
        };
        let mut dwell: Vec<i32> = ins
            .iter()
            .filter_map(|f| {
                let range = out_between(g, node, f.date, f.date + p.window_days);
                g.flows[range]
                    .iter()
                    .find(|o| o.to != f.from && o.goods.consistent(&f.goods))
                    .map(|o| o.date - f.date)
            })
            .collect();
        dwell.sort_unstable();
        let matched = dwell.len() as f64 / ins.len() as f64;
        let median = (!dwell.is_empty()).then(|| dwell[dwell.len() / 2]);
        let flagged = ratio >= p.min_ratio
            && ratio <= p.max_ratio
            && matched >= p.min_matched
            && median.is_some_and(|d| d <= p.max_dwell_days);
        out.push(PassThrough {
            node,
            category: cat.as_str(),
            brand: g.text(brand).into(),
            model: g.text(model).into(),
            in_lines: ins.len() as u64,
            out_lines: outs.len() as u64,
            in_quantity: iq,
            out_quantity: oq,
            in_value_usd: iv,
            out_value_usd: ov,
            ratio,
            matched,
            dwell_median_days: median,
            flagged,
        });
    }
    out
}

/// Pass-through figures of every entity that both received and sent the same goods; flagged rows first, then by value out.
pub fn pass_through(g: &Graph, p: &PassThroughParams) -> Vec<PassThrough> {
    let mut out: Vec<PassThrough> = (0..g.nodes.len() as NodeId)
        .filter(|&n| !g.out_flows(n).is_empty() && g.in_flows(n).len() > 0)
        .flat_map(|n| pass_through_of(g, n, p))
        .collect();
    out.sort_by(|a, b| {
        b.flagged
            .cmp(&a.flagged)
            .then(b.out_value_usd.total_cmp(&a.out_value_usd))
            .then(a.node.cmp(&b.node))
    });
    out
}
