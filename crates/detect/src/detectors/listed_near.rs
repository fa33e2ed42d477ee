//! `TT-LISTED-NEAR`: an unlisted party within three hops of a listed party in the trade graph of controlled goods.

use std::collections::{BTreeMap, VecDeque};

use tradetrail_graph::{Category, Edge, Graph, NodeId};

use crate::context::{Context, Input};
use crate::detectors::listed_party::{CONFIRMED, hits_by_entity};
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::{Detector, Info};

/// Proximity to a listed party.
///
/// **Flags** an entity with no screening hit of its own that trades controlled goods (drones, drone parts, CHPL components) with a listed party,
/// directly or through at most [`MAX_HOPS`] hops of such trade in either direction, listed parties being the entities with a screening hit
/// at or above screening's default threshold that no analyst cleared.
/// The search does not walk on through hubs (entities with more than [`HUB_DEGREE`] trading partners), which would put most of the graph within three hops.
/// The evidence is the shortest path to the nearest listed party (entity ids), the list entries of that party, and up to [`LINES_PER_HOP`] lines of each hop.
/// Score: `0.5^(d-1)` for a distance of `d` hops (the domain notes' decay), the listed party's hit score, and a point when an analyst confirmed its hit.
///
/// **Why it matters:** networks survive designations through unlisted counterparties and successors; the domain notes compute the shortest path to a listed party over shipping edges,
/// restricted to three hops as Sayari does, as feature 17, and The Wire China (April 2023) found unlisted firms still shipping around two Entity-Listed Shenzhen firms.
///
/// **Known false positives:** a listed party's ordinary suppliers (a component maker with many customers), customers of a large listed firm, and every party two or three hops away
/// through a busy distributor that is not quite a hub.
pub struct ListedNear;

/// Most hops from a listed party.
pub const MAX_HOPS: usize = 3;
/// Trading partners (in controlled goods) above which the search does not walk on through an entity.
pub const HUB_DEGREE: usize = 25;
/// Most evidence lines per hop of the path.
pub const LINES_PER_HOP: usize = 5;

/// True when the edge carried controlled goods.
fn controlled(e: &Edge) -> bool {
    e.categories().any(|c| c != Category::Other)
}

/// The undirected neighbours of every node over edges of controlled goods, sorted.
fn neighbours(g: &Graph) -> Vec<Vec<NodeId>> {
    let mut adj: Vec<Vec<NodeId>> = vec![Vec::new(); g.nodes.len()];
    for e in g.edges.iter().filter(|e| controlled(e) && e.from != e.to) {
        adj[e.from as usize].push(e.to);
        adj[e.to as usize].push(e.from);
    }
    for a in &mut adj {
        a.sort_unstable();
        a.dedup();
    }
    adj
}

impl Detector for ListedNear {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-LISTED-NEAR",
            title: "an unlisted party within three hops of a listed party in the trade graph",
            severity: Severity::Medium,
            version: 1,
            needs: &[Input::Entities, Input::Screening, Input::Graph],
        }
    }

    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let Some(g) = ctx.graph.as_deref() else {
            return Vec::new();
        };
        let hits = hits_by_entity(ctx);
        let entities = ctx.entity_index();
        let adj = neighbours(g);
        // Multi-source breadth-first search from every listed node, in node order, so each reached node keeps the path to the first listed party that reached it.
        let mut sources: Vec<(NodeId, u32)> = hits
            .keys()
            .filter_map(|&e| Some((g.node_of(&ctx.entity(e).id)?, e)))
            .collect();
        sources.sort_unstable();
        let mut prev: BTreeMap<NodeId, (NodeId, usize, u32)> = BTreeMap::new();
        let mut queue = VecDeque::new();
        for &(n, e) in &sources {
            prev.insert(n, (n, 0, e));
            queue.push_back(n);
        }
        while let Some(n) = queue.pop_front() {
            let (_, d, source) = prev[&n];
            if d >= MAX_HOPS || (d > 0 && adj[n as usize].len() > HUB_DEGREE) {
                continue;
            }
            for &m in &adj[n as usize] {
                if let std::collections::btree_map::Entry::Vacant(v) = prev.entry(m) {
                    v.insert((n, d + 1, source));
                    queue.push_back(m);
                }
            }
        }
        let lanes = ctx.by_lane();
        let mut found = Vec::new();
        for (&n, &(_, d, source)) in prev.iter().filter(|(_, (_, d, _))| *d > 0) {
            let Some(&e) = entities.get(g.entity_id(n)) else {
                continue;
            };
            if hits.contains_key(&e) {
                continue;
            }
            let mut path = vec![n];
            while let Some(&(p, pd, _)) = prev.get(path.last().unwrap_or(&n))
                && pd > 0
            {
                path.push(p);
            }
            let ids: Vec<String> = path.iter().map(|&p| g.entity_id(p).to_owned()).collect();
            let mut lines = Vec::new();
            for w in ids.windows(2) {
                let (Some(&a), Some(&b)) =
                    (entities.get(w[0].as_str()), entities.get(w[1].as_str()))
                else {
                    continue;
                };
                let mut hop: Vec<u32> = [(a, b), (b, a)]
                    .iter()
                    .flat_map(|k| lanes.get(k).cloned().unwrap_or_default())
                    .filter(|&i| ctx.line(i).is_controlled_goods())
                    .collect();
                hop.sort_by_key(|&i| (ctx.line(i).date, i));
                lines.extend(hop.into_iter().take(LINES_PER_HOP));
            }
            if lines.is_empty() {
                continue;
            }
            let listed = &hits[&source];
            let best = listed[0];
            let mut features = vec![
                Feature::new("hops_to_listed", d as f64, 0.5f64.powi(d as i32 - 1)),
                Feature::new("listed_hit_score", best.score, best.score),
            ];
            if listed.iter().any(|h| h.confirmed()) {
                features.push(Feature::new("listed_confirmed", 1.0, CONFIRMED));
            }
            found.push(
                Finding::new(
                    self.info(),
                    (SubjectKind::Entity, ctx.entity(e).id.clone()),
                    Some(e),
                    format!(
                        "{} is {d} hop{} from {} ({} on {}, score {:.2}) in the trade of controlled goods: {}",
                        ctx.entity(e).name,
                        if d == 1 { "" } else { "s" },
                        ctx.entity(source).name,
                        best.entry_id,
                        best.list_name,
                        best.score,
                        ids.join(" > ")
                    ),
                    features,
                    lines,
                )
                .with_evidence(listed.iter().map(|h| h.entry_id.clone()).collect(), vec![ids]),
            );
        }
        found
    }
}
