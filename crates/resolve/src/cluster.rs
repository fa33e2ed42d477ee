//! Clustering: distinct party mentions in, one cluster per real party out, with analyst judgements honoured and chaining guarded.
//!
//! Candidate pairs come from the blocker and are scored in parallel per mention, so memory holds only the match edges, never all blocked pairs at once.
//! Edges are merged by union-find in a fixed order: shared valid identifiers, identical names, score edges by falling probability, then analyst must-links.
//! A merge is refused when it would put two different valid identifiers of one scheme in one cluster (unless an analyst said same),
//! when an analyst said the two sides are not the same, or, for score edges, when the two clusters' representatives (their most frequent mentions) score below a floor.
//! The last guard stops chains such as `XINGHE ~ XINHE ~ XINHUA` from gluing different companies through one ambiguous link.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::block::{Blocker, blocking_keys};
use crate::ident::Scheme;
use crate::score::{Prepared, fast_probability, probability_at_least};
use crate::weights;

/// Settings of one clustering run.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterConfig {
    /// Blocks larger than this give no pairs.
    pub max_block: usize,
    /// Probability at or above which a scored pair is a match edge.
    pub threshold: f64,
    /// Probability the two clusters' representatives must reach for a score edge to merge them.
    pub representative_floor: f64,
}

impl Default for ClusterConfig {
    fn default() -> ClusterConfig {
        ClusterConfig {
            max_block: 100,
            threshold: weights::ORG.threshold,
            representative_floor: 0.05,
        }
    }
}

/// Analyst judgements as pairs of mention indices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Constraints {
    /// Pairs an analyst called the same party (must-link).
    pub same: Vec<(u32, u32)>,
    /// Pairs an analyst called different parties (cannot-link).
    pub not_same: Vec<(u32, u32)>,
}

/// What one clustering run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClusterStats {
    /// Distinct mentions clustered.
    pub mentions: usize,
    /// Blocks, and blocks over the cap.
    pub blocks: usize,
    /// Blocks over the cap (treated as stopwords).
    pub oversized_blocks: usize,
    /// Candidate pairs scored.
    pub candidate_pairs: u64,
    /// Edges from a shared valid identifier.
    pub identifier_edges: usize,
    /// Edges between mentions that differ only by address.
    pub name_group_edges: usize,
    /// Scored pairs at or above the threshold.
    pub match_edges: usize,
    /// Merges done.
    pub merges: usize,
    /// Merges refused for conflicting identifiers.
    pub refused_identifiers: usize,
    /// Merges refused for an analyst's not-same.
    pub refused_judgements: usize,
    /// Merges refused because the representatives did not match.
    pub refused_representatives: usize,
    /// Clusters at the end.
    pub clusters: usize,
}

/// The outcome: for every mention, the index of the smallest mention of its cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clustering {
    /// Cluster label of each mention: the smallest member index, so sorting mentions by key makes labels stable.
    pub label: Vec<u32>,
    /// Counts.
    pub stats: ClusterStats,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum EdgeKind {
    Identifier,
    SameName,
    Scored,
    /// Last, so an analyst's same joins two finished clusters instead of seeding one whose representative then refuses the rest.
    Judged,
}

struct Edge {
    kind: EdgeKind,
    p: f64,
    i: u32,
    j: u32,
}

#[derive(Default)]
struct Node {
    parent: u32,
    size: u32,
    rep: u32,
    ids: Vec<(Scheme, String)>,
    cannot: Vec<u32>,
}

/// Clusters prepared mentions; `weight[i]` is how many lines mention `i` (it picks representatives).
pub fn cluster(
    mentions: &[Prepared],
    weight: &[u64],
    constraints: &Constraints,
    cfg: &ClusterConfig,
) -> Clustering {
    let n = mentions.len();
    let mut stats = ClusterStats {
        mentions: n,
        ..ClusterStats::default()
    };
    // Mentions that differ only by address are one name group: linked directly, and only the group's first mention is blocked and scored.
    let group_keys: Vec<String> = mentions.par_iter().map(name_group_key).collect();
    let mut group_of: HashMap<&str, u32> = HashMap::new();
    let mut edges: Vec<Edge> = Vec::new();
    let mut is_rep = vec![false; n];
    for (i, g) in group_keys.iter().enumerate() {
        match group_of.get(g.as_str()) {
            Some(&first) => edges.push(Edge {
                kind: EdgeKind::SameName,
                p: 1.0,
                i: first,
                j: i as u32,
            }),
            None => {
                group_of.insert(g.as_str(), i as u32);
                is_rep[i] = true;
            }
        }
    }
    stats.name_group_edges = edges.len();
    let keys: Vec<Vec<u64>> = mentions
        .par_iter()
        .enumerate()
        .map(|(i, m)| {
            if is_rep[i] {
                blocking_keys(&m.name)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut blocker = Blocker::new(cfg.max_block);
    for k in &keys {
        blocker.add(k);
    }
    (stats.blocks, stats.oversized_blocks) = blocker.block_counts();

    // Score each mention against its later block mates, in parallel, keeping only match edges.
    let scored: Vec<(u64, Vec<Edge>)> = (0..n)
        .into_par_iter()
        .map_init(Vec::new, |cands: &mut Vec<u32>, i| {
            cands.clear();
            for k in &keys[i] {
                cands.extend(blocker.members(*k).iter().filter(|&&j| j as usize > i));
            }
            cands.sort_unstable();
            cands.dedup();
            let edges = cands
                .iter()
                .filter_map(|&j| {
                    probability_at_least(&mentions[i], &mentions[j as usize], cfg.threshold).map(
                        |p| Edge {
                            kind: EdgeKind::Scored,
                            p,
                            i: i as u32,
                            j,
                        },
                    )
                })
                .collect();
            (cands.len() as u64, edges)
        })
        .collect();
    drop(blocker);
    for (pairs, e) in scored {
        stats.candidate_pairs += pairs;
        edges.extend(e);
    }
    stats.match_edges = edges.len() - stats.name_group_edges;

    // Mentions sharing a valid identifier are linked whatever their names (a star per identifier).
    let mut by_id: HashMap<(Scheme, &str), u32> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        for id in m.party.identifiers.iter().filter(|x| x.is_valid()) {
            match by_id.get(&(id.scheme, id.value.as_str())) {
                Some(&first) => {
                    edges.push(Edge {
                        kind: EdgeKind::Identifier,
                        p: 1.0,
                        i: first,
                        j: i as u32,
                    });
                    stats.identifier_edges += 1;
                }
                None => {
                    by_id.insert((id.scheme, id.value.as_str()), i as u32);
                }
            }
        }
    }
    for &(i, j) in &constraints.same {
        if (i as usize) < n && (j as usize) < n {
            edges.push(Edge {
                kind: EdgeKind::Judged,
                p: 1.0,
                i,
                j,
            });
        }
    }
    edges.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.p.total_cmp(&a.p))
            .then((a.i, a.j).cmp(&(b.i, b.j)))
    });

    let mut nodes: Vec<Node> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut ids: Vec<(Scheme, String)> = m
                .party
                .identifiers
                .iter()
                .filter(|x| x.is_valid())
                .map(|x| (x.scheme, x.value.clone()))
                .collect();
            ids.sort_unstable_by(|a, b| (a.0 as u8, &a.1).cmp(&(b.0 as u8, &b.1)));
            ids.dedup();
            Node {
                parent: i as u32,
                size: 1,
                rep: i as u32,
                ids,
                cannot: Vec::new(),
            }
        })
        .collect();
    for &(i, j) in &constraints.not_same {
        if (i as usize) < n && (j as usize) < n && i != j {
            nodes[i as usize].cannot.push(j);
            nodes[j as usize].cannot.push(i);
        }
    }
    for e in &edges {
        let (a, b) = (find(&mut nodes, e.i), find(&mut nodes, e.j));
        if a == b {
            continue;
        }
        if e.kind != EdgeKind::Judged
            && ids_conflict(&nodes[a as usize].ids, &nodes[b as usize].ids)
        {
            stats.refused_identifiers += 1;
            continue;
        }
        if judged_apart(&mut nodes, a, b) {
            stats.refused_judgements += 1;
            continue;
        }
        if e.kind == EdgeKind::Scored {
            let (ra, rb) = (nodes[a as usize].rep, nodes[b as usize].rep);
            let same_pair = (ra.min(rb), ra.max(rb)) == (e.i.min(e.j), e.i.max(e.j));
            if !same_pair
                && fast_probability(&mentions[ra as usize], &mentions[rb as usize])
                    < cfg.representative_floor
            {
                stats.refused_representatives += 1;
                continue;
            }
        }
        union(&mut nodes, a, b, weight);
        stats.merges += 1;
    }

    let mut smallest = vec![u32::MAX; n];
    let roots: Vec<u32> = (0..n as u32).map(|i| find(&mut nodes, i)).collect();
    for (i, &r) in roots.iter().enumerate() {
        smallest[r as usize] = smallest[r as usize].min(i as u32);
    }
    let label: Vec<u32> = roots.iter().map(|&r| smallest[r as usize]).collect();
    stats.clusters = label
        .iter()
        .enumerate()
        .filter(|(i, l)| **l as usize == *i)
        .count();
    Clustering { label, stats }
}

/// Folded name, kind, country and identifiers: what two mentions share when they differ only by address.
fn name_group_key(m: &Prepared) -> String {
    let mut ids: Vec<String> = m
        .party
        .identifiers
        .iter()
        .map(|i| format!("{}:{}", i.scheme.label(), i.value))
        .collect();
    ids.sort_unstable();
    format!(
        "{}\u{1f}{:?}\u{1f}{}\u{1f}{}",
        crate::mention::fold(&m.party.name),
        m.party.kind,
        m.country.unwrap_or(""),
        ids.join(",")
    )
}

fn find(nodes: &mut [Node], mut x: u32) -> u32 {
    while nodes[x as usize].parent != x {
        let p = nodes[x as usize].parent;
        nodes[x as usize].parent = nodes[p as usize].parent;
        x = nodes[x as usize].parent;
    }
    x
}

/// The registry a scheme belongs to: a company registered in one country's registry is a different legal person from one registered in another's.
fn jurisdiction(s: Scheme) -> Option<&'static str> {
    match s {
        Scheme::Inn | Scheme::Ogrn => Some("RU"),
        Scheme::Bin => Some("KZ"),
        Scheme::Uscc => Some("CN"),
        Scheme::HkCr => Some("HK"),
        Scheme::Lei | Scheme::Other => None,
    }
}

/// Two clusters conflict when, for some scheme, both hold valid values and share none,
/// or when both hold national registry numbers and from no common country (an INN holder is not a BIN holder).
fn ids_conflict(a: &[(Scheme, String)], b: &[(Scheme, String)]) -> bool {
    let ja: Vec<&str> = a.iter().filter_map(|x| jurisdiction(x.0)).collect();
    let jb: Vec<&str> = b.iter().filter_map(|x| jurisdiction(x.0)).collect();
    if !ja.is_empty() && !jb.is_empty() && !ja.iter().any(|j| jb.contains(j)) {
        return true;
    }
    a.iter().any(|(s, _)| {
        let mut xs = a.iter().filter(|x| x.0 == *s);
        let ys: Vec<&(Scheme, String)> = b.iter().filter(|y| y.0 == *s).collect();
        !ys.is_empty() && !xs.any(|x| ys.iter().any(|y| y.1 == x.1))
    })
}

fn judged_apart(nodes: &mut [Node], a: u32, b: u32) -> bool {
    let (small, other) = if nodes[a as usize].cannot.len() <= nodes[b as usize].cannot.len() {
        (a, b)
    } else {
        (b, a)
    };
    let list = nodes[small as usize].cannot.clone();
    list.into_iter().any(|m| find(nodes, m) == other)
}

fn union(nodes: &mut [Node], a: u32, b: u32, weight: &[u64]) {
    let (big, small) = if nodes[a as usize].size >= nodes[b as usize].size {
        (a, b)
    } else {
        (b, a)
    };
    let moved = std::mem::take(&mut nodes[small as usize]);
    let w = |i: u32| weight.get(i as usize).copied().unwrap_or(1);
    let target = &mut nodes[big as usize];
    let (ra, rb) = (target.rep, moved.rep);
    if (w(rb), std::cmp::Reverse(rb)) > (w(ra), std::cmp::Reverse(ra)) {
        target.rep = rb;
    }
    target.size += moved.size;
    for id in moved.ids {
        if !target.ids.contains(&id) {
            target.ids.push(id);
        }
    }
    target.cannot.extend(moved.cannot);
    nodes[small as usize] = Node {
        parent: big,
        size: 0,
        rep: small,
        ids: Vec::new(),
        cannot: Vec::new(),
    };
}
