//! `TT-SHELL`: several distinct entities that share one address or one identifier, shipping controlled goods.

use std::collections::{BTreeMap, BTreeSet};

use crate::context::{Context, Input};
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::{Detector, Info};

/// Shell cluster at a shared address or shared identifiers.
///
/// **Flags** a group of resolved entities linked by a shared normalised address or a shared identifier (linked transitively), of which at least one ships controlled goods,
/// when the group holds at least three distinct parties and no one party makes up more than half of it:
/// members whose names share a distinctive word (not a legal form, trade or city word common to many names; one typo allowed) count as one party,
/// since resolution can leave one company's spellings as several entities at its own address.
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

/// A name word found in more than this share of all entity names is generic and does not tell parties apart.
pub const GENERIC_SHARE: f64 = 0.05;

/// Words of company names that say what or where a company is, not which one it is.
const GENERIC: &[&str] = &[
    "LIMITED",
    "LMITED",
    "COMPANY",
    "CORP",
    "CORPORATION",
    "INTERNATIONAL",
    "INTL",
    "TRADING",
    "TRADE",
    "IMPORT",
    "EXPORT",
    "TECHNOLOGY",
    "TECHNOLOGIES",
    "TECH",
    "INDUSTRIAL",
    "INDUSTRY",
    "ELECTRONICS",
    "ELECTRONIC",
    "SUPPLY",
    "CHAIN",
    "MANAGEMENT",
    "INTELLIGENT",
    "DAILY",
    "NECESSITIES",
    "MACHINERY",
    "EQUIPMENT",
    "AUTO",
    "PARTS",
    "GARMENT",
    "FURNITURE",
    "HONG",
    "KONG",
    "CHINA",
    "SHENZHEN",
    "GUANGZHOU",
    "SHANGHAI",
    "BEIJING",
    "NINGBO",
    "XIAMEN",
    "HANGZHOU",
    "DONGGUAN",
    "SHANTOU",
    "YIWU",
    "FOSHAN",
    "SUZHOU",
    "TIANJIN",
    "QINGDAO",
    "GROUP",
    "HOLDING",
    "HOLDINGS",
    "PRIVATE",
    "TICARET",
    "OBSHCHESTVO",
];

/// The distinctive words of a name: letters and digits, upper case, four characters or more.
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_uppercase)
        .collect()
}

/// True when two words are equal, or one edit apart and five characters or more (a typo).
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 5 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

/// Name groups among the members: members sharing a distinctive word (typos allowed) are one party; returns the group sizes.
fn name_groups(ctx: &Context, members: &[u32], generic: &BTreeSet<String>) -> Vec<usize> {
    let names: Vec<Vec<String>> = members
        .iter()
        .map(|&e| {
            words(&ctx.entity(e).name)
                .into_iter()
                .filter(|w| !generic.contains(w))
                .collect()
        })
        .collect();
    let mut parent: Vec<u32> = (0..names.len() as u32).collect();
    for a in 0..names.len() {
        for b in a + 1..names.len() {
            if names[a]
                .iter()
                .any(|x| names[b].iter().any(|y| same_word(x, y)))
            {
                let (x, y) = (find(&mut parent, a as u32), find(&mut parent, b as u32));
                parent[x.max(y) as usize] = x.min(y);
            }
        }
    }
    let mut sizes: BTreeMap<u32, usize> = BTreeMap::new();
    for i in 0..names.len() as u32 {
        *sizes.entry(find(&mut parent, i)).or_default() += 1;
    }
    sizes.into_values().collect()
}

/// The [`GENERIC`] words, and words found in more than [`GENERIC_SHARE`] of the entity names.
fn generic_words(ctx: &Context) -> BTreeSet<String> {
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    for e in &ctx.entities {
        let w: BTreeSet<String> = words(&e.name).into_iter().collect();
        for x in w {
            *df.entry(x).or_default() += 1;
        }
    }
    let limit = (ctx.entities.len() as f64 * GENERIC_SHARE).max(3.0);
    df.into_iter()
        .filter(|(w, n)| *n as f64 > limit || GENERIC.contains(&w.as_str()))
        .map(|(w, _)| w)
        .collect()
}

impl Detector for ShellCluster {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-SHELL",
            title: "three or more entities sharing an address or an identifier",
            severity: Severity::High,
            version: 1,
            needs: &[Input::Classifications, Input::Entities],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let generic = generic_words(ctx);
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
            let groups = name_groups(ctx, members, &generic);
            let (parties, largest) = (groups.len(), groups.iter().copied().max().unwrap_or(0));
            if parties < MIN_MEMBERS || 2 * largest > members.len() {
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
