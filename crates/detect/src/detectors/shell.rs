//! `TT-SHELL`: several distinct entities that share one address or one identifier, shipping controlled goods.

use std::collections::BTreeMap;

use tradetrail_resolve::score::name_probability;
use tradetrail_resolve::{Kind, NormName, normalise};

use crate::context::{Context, Input};
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::{Detector, Info};

/// Shell cluster at a shared address or shared identifiers.
///
/// **Flags** a group of resolved entities linked by a shared normalised address or a shared identifier (linked transitively), of which at least one ships controlled goods,
/// when the group holds at least three distinct parties: members whose names look alike (name-match probability at least 0.5, as a typo or a second spelling of one company does) count once.
/// The evidence is every line on which a member is the sender or the recipient of controlled goods.
/// Score: `log1p(members)` plus a point per shared identifier.
///
/// **Why it matters:** company-formation addresses hosting many trading shells are how procurement networks multiply counterparties; the NYT's chip investigation (2024) found a cluster of
/// shells at one Hong Kong address (135 Bonham Strand), and the domain notes compute it as features 13 and 14.
///
/// **Known false positives:** business centres and logistics hubs, group companies at their head office, one company split into several entities by resolution.
pub struct ShellCluster;

/// The least distinct parties of a cluster.
pub const MIN_MEMBERS: usize = 3;
/// Members whose names match at least this well count as one party.
pub const SAME_NAME: f64 = 0.5;

/// The number of distinct parties among the members: look-alike names are one party.
fn distinct_parties(ctx: &Context, members: &[u32]) -> usize {
    let names: Vec<NormName> = members
        .iter()
        .map(|&e| normalise(&ctx.entity(e).name))
        .collect();
    let mut parent: Vec<u32> = (0..names.len() as u32).collect();
    for a in 0..names.len() {
        for b in a + 1..names.len() {
            if name_probability(&names[a], &names[b], Kind::Organisation) >= SAME_NAME {
                let (x, y) = (find(&mut parent, a as u32), find(&mut parent, b as u32));
                parent[x.max(y) as usize] = x.min(y);
            }
        }
    }
    (0..names.len() as u32)
        .filter(|&i| find(&mut parent, i) == i)
        .count()
}

/// An address folded for comparison: upper case, letters and digits only, single spaces.
pub fn address_key(address: &str) -> String {
    let mut out = String::new();
    for w in address
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_uppercase));
    }
    out
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        parent[x as usize] = parent[parent[x as usize] as usize];
        x = parent[x as usize];
    }
    x
}

impl Detector for ShellCluster {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-SHELL",
            title: "three or more entities sharing an address or an identifier",
            severity: Severity::High,
            needs: &[Input::Classifications, Input::Entities],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let mut keys: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (i, e) in ctx.entities.iter().enumerate() {
            let addresses = e
                .addresses
                .iter()
                .map(|a| address_key(a))
                .filter(|a| a.len() >= 10)
                .map(|a| format!("address:{a}"));
            let ids = e
                .identifiers
                .iter()
                .map(|id| format!("id:{}", id.trim().to_uppercase()));
            for k in addresses.chain(ids) {
                let v = keys.entry(k).or_default();
                if v.last() != Some(&(i as u32)) {
                    v.push(i as u32);
                }
            }
        }
        let mut parent: Vec<u32> = (0..ctx.entities.len() as u32).collect();
        for members in keys.values().filter(|m| m.len() > 1) {
            for &m in &members[1..] {
                let (a, b) = (find(&mut parent, members[0]), find(&mut parent, m));
                parent[a.max(b) as usize] = a.min(b);
            }
        }
        let mut clusters: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for e in 0..ctx.entities.len() as u32 {
            let root = find(&mut parent, e);
            clusters.entry(root).or_default().push(e);
        }
        let mut lines_of: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (i, l) in ctx.lines.iter().enumerate() {
            if !l.is_controlled_goods() {
                continue;
            }
            for e in [l.sender, l.recipient].into_iter().flatten() {
                lines_of.entry(e).or_default().push(i as u32);
            }
        }
        let mut found = Vec::new();
        for members in clusters.values().filter(|m| m.len() >= MIN_MEMBERS) {
            let parties = distinct_parties(ctx, members);
            if parties < MIN_MEMBERS {
                continue;
            }
            let evidence: Vec<u32> = members
                .iter()
                .flat_map(|e| lines_of.get(e).cloned().unwrap_or_default())
                .collect();
            if evidence.is_empty() {
                continue;
            }
            let shared: Vec<&String> = keys
                .iter()
                .filter(|(_, m)| m.len() > 1 && members.contains(&m[0]))
                .map(|(k, _)| k)
                .collect();
            let ids = shared.iter().filter(|k| k.starts_with("id:")).count();
            let first = shared.first().map_or(String::new(), |k| k.to_string());
            found.push(Finding::new(
                self.info(),
                (SubjectKind::Address, first.clone()),
                Some(members[0]),
                format!(
                    "{} entities ({parties} distinct names) share {}: {}",
                    members.len(),
                    first,
                    members
                        .iter()
                        .take(6)
                        .map(|&e| ctx.entity(e).name.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                vec![
                    Feature::new("distinct_parties", parties as f64, (parties as f64).ln_1p()),
                    Feature::new("shared_identifiers", ids as f64, ids as f64),
                ],
                evidence,
            ));
        }
        found
    }
}
