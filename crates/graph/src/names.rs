//! Finding the nodes and brands a user names: through the resolver's normalisation, so `SZ DJI`, `深圳大疆` and `DJI Technology Co., Ltd.` meet.

use std::collections::{BTreeSet, HashSet};

use tradetrail_resolve::normalise;

use crate::graph::{Graph, NodeId, Sym};

/// Every Latin word the resolver reads in `text`, over all its variants.
fn words(text: &str) -> HashSet<String> {
    let n = normalise(text);
    n.script_variants
        .iter()
        .flat_map(|v| v.name.iter().cloned())
        .chain(n.tokens.iter().cloned())
        .collect()
}

/// The distinctive words of `text` (first variant's core, else its words).
fn core(text: &str) -> Vec<String> {
    let n = normalise(text);
    if n.core_tokens.is_empty() {
        n.tokens
    } else {
        n.core_tokens
    }
}

/// Nodes whose entity id is `query`, or whose canonical name contains every distinctive word of `query`.
pub fn find_nodes(g: &Graph, query: &str) -> Vec<NodeId> {
    if let Some(n) = g.node_of(query.trim()) {
        return vec![n];
    }
    let want = core(query);
    if want.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, node) in g.nodes.iter().enumerate() {
        let name = g.text(node.name);
        let latin = name.is_ascii();
        if latin {
            let upper = name.to_ascii_uppercase();
            if !want.iter().any(|w| upper.contains(w.as_str())) {
                continue;
            }
        }
        let have = words(name);
        if want.iter().all(|w| have.contains(w)) {
            out.push(i as NodeId);
        }
    }
    out
}

/// The brand of the goods `query` names: the brand whose distinctive words all appear in the query, longest first.
pub fn find_brand(g: &Graph, query: &str) -> Option<Sym> {
    let have = words(query);
    let brands: BTreeSet<Sym> = g
        .flows
        .iter()
        .map(|f| f.goods.brand)
        .filter(|b| *b != 0)
        .collect();
    brands
        .into_iter()
        .filter_map(|b| {
            let c = core(g.text(b));
            (!c.is_empty() && c.iter().all(|w| have.contains(w))).then_some((c.len(), b))
        })
        .max_by_key(|(len, b)| (*len, std::cmp::Reverse(*b)))
        .map(|(_, b)| b)
}
