//! Questions about the aggregated edges: an entity's neighbourhood, and the flows between countries.

use std::collections::BTreeMap;

use crate::graph::{Category, Edge, Graph, NodeId};

/// The edges into and out of one node, highest value first.
#[derive(Debug, Clone)]
pub struct Neighbourhood<'g> {
    /// The node asked about.
    pub node: NodeId,
    /// Edges it sends.
    pub out: Vec<&'g Edge>,
    /// Edges it receives.
    pub inbound: Vec<&'g Edge>,
}

fn by_value(edges: &mut [&Edge]) {
    edges.sort_by(|a, b| {
        b.value_usd
            .total_cmp(&a.value_usd)
            .then((a.from, a.to).cmp(&(b.from, b.to)))
    });
}

fn carries(e: &Edge, category: Option<Category>) -> bool {
    category.is_none_or(|c| e.categories().any(|k| k == c))
}

/// The neighbourhood of `node`, optionally only edges that carried goods of `category`.
pub fn neighbours(g: &Graph, node: NodeId, category: Option<Category>) -> Neighbourhood<'_> {
    let mut out: Vec<&Edge> = g
        .out_edges(node)
        .iter()
        .filter(|e| carries(e, category))
        .collect();
    let mut inbound: Vec<&Edge> = g
        .edges
        .iter()
        .filter(|e| e.to == node && carries(e, category))
        .collect();
    by_value(&mut out);
    by_value(&mut inbound);
    Neighbourhood { node, out, inbound }
}

/// Lines and value between two countries (the countries of the sending and receiving entities).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CountryFlow {
    /// Sender's country (`??` when unknown).
    pub from: String,
    /// Recipient's country (`??` when unknown).
    pub to: String,
    /// Entity pairs.
    pub edges: u64,
    /// Lines.
    pub lines: u64,
    /// Value in USD.
    pub value_usd: f64,
}

/// Flows between countries, highest value first, optionally only edges that carried goods of `category`.
pub fn country_flows(g: &Graph, category: Option<Category>) -> Vec<CountryFlow> {
    let mut acc: BTreeMap<(&str, &str), (u64, u64, f64)> = BTreeMap::new();
    let country = |n: NodeId| match g.country(n) {
        "" => "??",
        c => c,
    };
    for e in g.edges.iter().filter(|e| carries(e, category)) {
        let a = acc.entry((country(e.from), country(e.to))).or_default();
        a.0 += 1;
        a.1 += u64::from(e.lines);
        a.2 += e.value_usd;
    }
    let mut out: Vec<CountryFlow> = acc
        .into_iter()
        .map(|((f, t), (edges, lines, value_usd))| CountryFlow {
            from: f.to_string(),
            to: t.to_string(),
            edges,
            lines,
            value_usd,
        })
        .collect();
    out.sort_by(|a, b| b.value_usd.total_cmp(&a.value_usd));
    out
}
