//! `tradetrail entities build`: every party mention of every stored line gets an entity, written as the derived `party_mentions` and `entities` tables in one commit.
//!
//! Lines are read twice, in the store's order, one batch at a time: the first pass folds mentions into the distinct list and keeps only a distinct index per mention; the second writes `party_mentions`.
//! Memory grows with the distinct mentions, not with the lines.
//! Identical mentions (same folded name, country, identifiers and address) are resolved once.
//! Distinct mentions are sorted by their stable key before clustering, so entity ids depend on the data and the judgements, never on run order.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::Context;
use arrow::array::Array;
use rayon::prelude::*;
use tradetrail_model::{
    EntityBatchBuilder, EntityRow, PartyMention, PartyMentionBatchBuilder, ShipmentLine,
};
use tradetrail_resolve::text::dominant_script;
use tradetrail_resolve::{
    ClusterConfig, ClusterStats, Constraints, Party, Prepared, cluster, entity_id, mention_key,
    parse_identifiers,
};
use tradetrail_store::{Decision, ImportSpec, Judgements, Table, Workspace};

/// The party columns of a shipment line: role, name column, and which facts go with it.
pub const PARTY_COLUMNS: [(&str, &str); 5] = [
    ("sender", "sender_name"),
    ("sender", "sender_name_en"),
    ("recipient", "recipient_name"),
    ("recipient", "recipient_name_en"),
    ("declarant", "declarant_name"),
];

/// The name a party column gives, trimmed, or `None` when it names no one: the one rule both passes of the build count mentions by.
fn mention_name(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|n| !n.is_empty())
}

/// Every party named on a line, as (index into [`PARTY_COLUMNS`], party).
pub fn line_parties(line: &ShipmentLine) -> Vec<(usize, Party)> {
    let recipient_country = line
        .destination_country
        .clone()
        .or_else(|| line.reporting_country.clone());
    let facts = [
        (
            &line.sender_name,
            &line.sender_country,
            &line.sender_id,
            &line.sender_address,
        ),
        (
            &line.sender_name_en,
            &line.sender_country,
            &line.sender_id,
            &line.sender_address,
        ),
        (
            &line.recipient_name,
            &recipient_country,
            &line.recipient_id,
            &line.recipient_address,
        ),
        (
            &line.recipient_name_en,
            &recipient_country,
            &line.recipient_id,
            &line.recipient_address,
        ),
        (
            &line.declarant_name,
            &line.reporting_country,
            &line.declarant_id,
            &None,
        ),
    ];
    let mut out = Vec::new();
    for (i, (name, country, id, address)) in facts.into_iter().enumerate() {
        let Some(name) = mention_name(name.as_deref()) else {
            continue;
        };
        let identifiers = id
            .as_deref()
            .map(|t| parse_identifiers(t, country.as_deref()))
            .unwrap_or_default();
        out.push((
            i,
            Party {
                name: name.to_string(),
                country: country.clone(),
                identifiers,
                address: address.clone().filter(|a| !a.trim().is_empty()),
                ..Party::default()
            },
        ));
    }
    out
}

/// A distinct mention and what the lines say about it.
struct Distinct {
    key: String,
    party: Party,
    lines: u64,
    roles: u8,
}

/// What a build did.
pub struct Built {
    /// Party mentions on lines.
    pub line_mentions: u64,
    /// Distinct mentions.
    pub distinct: usize,
    /// Entities.
    pub entities: usize,
    /// Clustering counts.
    pub stats: ClusterStats,
}

/// Rebuilds both tables; returns `None` when they are up to date with the shipments, the resolver and the judgements.
pub fn build(ws: &mut Workspace) -> anyhow::Result<Option<Built>> {
    let judgements = Judgements::open(ws.root())?;
    let last = ws.manifest().last_ingest_id();
    let spec = ImportSpec {
        kind: "derived".into(),
        name: "entities".into(),
        format: "tradetrail-resolve".into(),
        source: "shipments".into(),
        digest: format!(
            "shipments-through-{last}+resolver-{}+{}",
            env!("CARGO_PKG_VERSION"),
            judgements.state()?
        ),
        version: Some(env!("CARGO_PKG_VERSION").into()),
    };
    let Some(mut txn) = ws.begin_import(spec)? else {
        return Ok(None);
    };

    // Pass one: every line's mentions, folded into the distinct list; per mention only its distinct index is kept.
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut distinct: Vec<Distinct> = Vec::new();
    let mut mention_at: Vec<u32> = Vec::new();
    for batch in ws.scan(Table::Shipments, None)? {
        let lines =
            ShipmentLine::from_batch(&batch?).context("shipments have the shipment schema")?;
        let parsed: Vec<Vec<(usize, Party, String)>> = lines
            .par_iter()
            .map(|l| {
                line_parties(l)
                    .into_iter()
                    .map(|(c, p)| {
                        let k = mention_key(&p);
                        (c, p, k)
                    })
                    .collect()
            })
            .collect();
        for (col, party, key) in parsed.into_iter().flatten() {
            let role_bit = match PARTY_COLUMNS[col].0 {
                "sender" => 1,
                "recipient" => 2,
                _ => 4,
            };
            let at = match index.get(&key) {
                Some(&at) => at,
                None => {
                    let at = distinct.len() as u32;
                    index.insert(key.clone(), at);
                    distinct.push(Distinct {
                        key,
                        party,
                        lines: 0,
                        roles: 0,
                    });
                    at
                }
            };
            let d = &mut distinct[at as usize];
            d.lines += 1;
            d.roles |= role_bit;
            mention_at.push(at);
        }
    }
    drop(index);

    // Sort distinct mentions by key so labels (smallest member) and entity ids are stable.
    let mut order: Vec<u32> = (0..distinct.len() as u32).collect();
    order.sort_unstable_by(|a, b| distinct[*a as usize].key.cmp(&distinct[*b as usize].key));
    let mut rank = vec![0u32; distinct.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let mut sorted: Vec<Option<Distinct>> = distinct.into_iter().map(Some).collect();
    let distinct: Vec<Distinct> = order
        .iter()
        .map(|&i| sorted[i as usize].take().expect("each index once"))
        .collect();
    let by_key: HashMap<&str, u32> = distinct
        .iter()
        .enumerate()
        .map(|(i, d)| (d.key.as_str(), i as u32))
        .collect();
    let mut constraints = Constraints::default();
    for j in judgements.current()? {
        let (Some(&a), Some(&b)) = (
            by_key.get(j.mention_a.as_str()),
            by_key.get(j.mention_b.as_str()),
        ) else {
            continue;
        };
        match j.decision {
            Decision::Same => constraints.same.push((a, b)),
            Decision::NotSame => constraints.not_same.push((a, b)),
            Decision::Unsure => {}
        }
    }
    let prepared: Vec<Prepared> = distinct
        .par_iter()
        .map(|d| Prepared::new(d.party.clone()))
        .collect();
    let weight: Vec<u64> = distinct.iter().map(|d| d.lines).collect();
    let clustering = cluster(&prepared, &weight, &constraints, &ClusterConfig::default());
    drop(prepared);
    let ids: Vec<String> = clustering
        .label
        .iter()
        .map(|&l| entity_id(&distinct[l as usize].key))
        .collect();

    // Pass two: the same scan again, writing each mention with its entity, in line order.
    let line_mentions = write_mentions(ws, &mut txn, &mention_at, &rank, &distinct, &ids)?;
    drop(mention_at);
    let entities = entity_rows(&distinct, &clustering.label, &ids);
    for chunk in entities.chunks(100_000) {
        let mut b = EntityBatchBuilder::default();
        for e in chunk {
            b.push(e);
        }
        txn.write(Table::Entities, &b.finish())?;
    }
    txn.commit()?;
    ws.reload()?;
    Ok(Some(Built {
        line_mentions,
        distinct: distinct.len(),
        entities: entities.len(),
        stats: clustering.stats,
    }))
}

/// Writes `party_mentions`: one row per named party of every line, read in the same order as pass one, so the n-th mention is `mention_at[n]`.
fn write_mentions(
    ws: &Workspace,
    txn: &mut tradetrail_store::ImportTxn,
    mention_at: &[u32],
    rank: &[u32],
    distinct: &[Distinct],
    ids: &[String],
) -> anyhow::Result<u64> {
    let mut columns = vec!["record_id"];
    columns.extend(PARTY_COLUMNS.iter().map(|(_, c)| *c));
    let mut next = mention_at.iter();
    let mut b = PartyMentionBatchBuilder::default();
    let mut written = 0u64;
    for batch in ws.scan(Table::Shipments, Some(&columns))? {
        let batch = batch?;
        let strings: Vec<&arrow::array::StringArray> = (0..columns.len())
            .map(|i| {
                batch
                    .column(i)
                    .as_any()
                    .downcast_ref::<arrow::array::StringArray>()
                    .with_context(|| format!("shipments.{} is text", columns[i]))
            })
            .collect::<anyhow::Result<_>>()?;
        for row in 0..batch.num_rows() {
            for (c, (role, column)) in PARTY_COLUMNS.iter().enumerate() {
                let names = strings[c + 1];
                let Some(name) = mention_name(names.is_valid(row).then(|| names.value(row))) else {
                    continue;
                };
                let at = rank[*next
                    .next()
                    .context("shipments changed between the two passes of the build")?
                    as usize] as usize;
                b.push(&PartyMention {
                    record_id: strings[0].value(row).to_owned(),
                    role: (*role).into(),
                    source_column: (*column).into(),
                    mention_key: distinct[at].key.clone(),
                    entity_id: ids[at].clone(),
                    name: name.to_owned(),
                    script: dominant_script(name).label().into(),
                });
                written += 1;
            }
        }
        if b.len() >= 100_000 {
            txn.write(Table::PartyMentions, &b.finish())?;
        }
    }
    anyhow::ensure!(
        next.next().is_none(),
        "shipments changed between the two passes of the build"
    );
    if !b.is_empty() {
        txn.write(Table::PartyMentions, &b.finish())?;
    }
    Ok(written)
}

fn json(values: impl IntoIterator<Item = String>) -> Option<String> {
    let v: Vec<String> = values.into_iter().collect();
    (!v.is_empty()).then(|| serde_json::Value::from(v).to_string())
}

/// One row per cluster, sorted by entity id.
fn entity_rows(distinct: &[Distinct], label: &[u32], ids: &[String]) -> Vec<EntityRow> {
    let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, &l) in label.iter().enumerate() {
        members.entry(ids[l as usize].as_str()).or_default().push(i);
    }
    members
        .into_iter()
        .map(|(id, ms)| {
            let mut names: BTreeMap<&'static str, BTreeMap<&str, u64>> = BTreeMap::new();
            let (mut countries, mut idents, mut addresses) =
                (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
            let mut roles = 0u8;
            let mut lines = 0u64;
            for &m in &ms {
                let d = &distinct[m];
                *names
                    .entry(dominant_script(&d.party.name).label())
                    .or_default()
                    .entry(d.party.name.as_str())
                    .or_default() += d.lines;
                countries.extend(d.party.country.clone());
                idents.extend(d.party.identifiers.iter().map(|i| {
                    let mark = if i.is_valid() { "" } else { " (invalid)" };
                    format!("{}:{}{mark}", i.scheme.label(), i.value)
                }));
                addresses.extend(d.party.address.clone());
                roles |= d.roles;
                lines += d.lines;
            }
            let ranked = |script: &str| -> Vec<String> {
                let mut v: Vec<(&str, u64)> = names
                    .get(script)
                    .map(|m| m.iter().map(|(n, c)| (*n, *c)).collect())
                    .unwrap_or_default();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                v.into_iter().map(|(n, _)| n.to_string()).collect()
            };
            let (latin, cyrillic, han) = (ranked("latin"), ranked("cyrillic"), ranked("han"));
            let mut other = ranked("other");
            other.extend(ranked("none"));
            let canonical = latin
                .first()
                .or(cyrillic.first())
                .or(han.first())
                .or(other.first())
                .cloned()
                .unwrap_or_default();
            let role_names = ["sender", "recipient", "declarant"]
                .iter()
                .enumerate()
                .filter(|(b, _)| roles & (1 << b) != 0)
                .map(|(_, r)| r.to_string());
            EntityRow {
                entity_id: id.to_string(),
                canonical_name: canonical,
                names_latin: json(latin),
                names_cyrillic: json(cyrillic),
                names_han: json(han),
                names_other: json(other),
                countries: json(countries),
                identifiers: json(idents),
                addresses: json(addresses),
                roles: json(role_names).unwrap_or_else(|| "[]".into()),
                mentions: Some(ms.len() as i64),
                lines: Some(lines as i64),
            }
        })
        .collect()
}
