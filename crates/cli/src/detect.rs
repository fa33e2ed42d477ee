//! `tradetrail detect`: reads the shipments with their classifications and parties into a detection context, runs every detector and replaces the derived `findings` table in one commit.
//!
//! The context also holds the screening hits (with analysts' current reviews) when `tradetrail screen` ran, and the trade graph when entities are built.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use arrow::array::{Array, ArrayRef, AsArray};
use arrow::datatypes::{DataType, Float64Type, UInt64Type};
use arrow::record_batch::RecordBatch;
use tradetrail_detect::{Context, Entity, Input, Line, ListHit};
use tradetrail_model::{FindingBatchBuilder, ScreeningHit};
use tradetrail_store::{HitReviews, ImportSpec, Table, Workspace};

/// Lines with their classification and their sender and recipient entities (the name column first, the Latin twin as fallback).
const LINES: &str = "SELECT s.record_id, s.dataset, s.source_file, s.source_line, s.declaration_date, s.reporting_country, \
    s.sender_country, s.dispatch_country, s.origin_country, s.trading_country, s.destination_country, s.hs6, s.quantity, s.net_kg, \
    s.value_usd, s.currency, c.category, c.product_id, c.brand, c.chpl_tier, c.misclassified, c.vague_score, \
    COALESCE(ps.entity_id, pse.entity_id) AS sender_entity, COALESCE(pr.entity_id, pre.entity_id) AS recipient_entity \
    FROM shipments s LEFT JOIN classifications c ON c.record_id = s.record_id \
    LEFT JOIN party_mentions ps ON ps.record_id = s.record_id AND ps.source_column = 'sender_name' \
    LEFT JOIN party_mentions pse ON pse.record_id = s.record_id AND pse.source_column = 'sender_name_en' \
    LEFT JOIN party_mentions pr ON pr.record_id = s.record_id AND pr.source_column = 'recipient_name' \
    LEFT JOIN party_mentions pre ON pre.record_id = s.record_id AND pre.source_column = 'recipient_name_en' \
    ORDER BY s.record_id";

const ENTITIES: &str = "SELECT entity_id, canonical_name, names_latin, names_cyrillic, names_han, names_other, identifiers, addresses \
    FROM entities ORDER BY entity_id";

fn column(batch: &RecordBatch, name: &str, to: &DataType) -> anyhow::Result<ArrayRef> {
    let col = batch
        .column_by_name(name)
        .with_context(|| format!("column {name}"))?;
    Ok(arrow::compute::cast(col, to)?)
}

fn texts(batch: &RecordBatch, name: &str) -> anyhow::Result<Vec<Option<String>>> {
    let a = column(batch, name, &DataType::Utf8)?;
    let a = a.as_string::<i32>();
    Ok((0..a.len())
        .map(|i| a.is_valid(i).then(|| a.value(i).to_owned()))
        .collect())
}

fn floats(batch: &RecordBatch, name: &str) -> anyhow::Result<Vec<Option<f64>>> {
    let a = column(batch, name, &DataType::Float64)?;
    let a = a.as_primitive::<Float64Type>();
    Ok((0..a.len())
        .map(|i| a.is_valid(i).then(|| a.value(i)))
        .collect())
}

fn json_list(text: &Option<String>) -> Vec<String> {
    text.as_deref()
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

/// Reads the detection context from the workspace's tables.
pub fn load_context(ws: &Workspace) -> anyhow::Result<Context> {
    let rt = crate::runtime()?;
    let mut ctx = Context::default();
    for (kind, name, input) in [
        ("derived", "classifications", Input::Classifications),
        ("derived", "entities", Input::Entities),
    ] {
        if ws.manifest().find_import(kind, name).is_some() {
            ctx.inputs.push(input);
        }
    }
    for b in rt.block_on(ws.query(ENTITIES))? {
        let [id, name, latin, cyr, han, other, ids, addresses] = [
            "entity_id",
            "canonical_name",
            "names_latin",
            "names_cyrillic",
            "names_han",
            "names_other",
            "identifiers",
            "addresses",
        ]
        .map(|c| texts(&b, c));
        let (id, name, ids, addresses) = (id?, name?, ids?, addresses?);
        let names = [latin?, cyr?, han?, other?];
        for i in 0..b.num_rows() {
            ctx.entities.push(Entity {
                id: id[i].clone().unwrap_or_default(),
                name: name[i].clone().unwrap_or_default(),
                names: names.iter().flat_map(|n| json_list(&n[i])).collect(),
                addresses: json_list(&addresses[i]),
                identifiers: json_list(&ids[i]),
            });
        }
    }
    let index: HashMap<String, u32> = ctx
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i as u32))
        .collect();
    let entity = |id: &Option<String>| id.as_deref().and_then(|id| index.get(id).copied());
    for b in rt.block_on(ws.query(LINES))? {
        let t = |c: &str| texts(&b, c);
        let f = |c: &str| floats(&b, c);
        let (record_id, dataset, file) = (t("record_id")?, t("dataset")?, t("source_file")?);
        let source_line = column(&b, "source_line", &DataType::UInt64)?;
        let source_line = source_line.as_primitive::<UInt64Type>();
        let dates = column(&b, "declaration_date", &DataType::Date32)?;
        let dates = dates.as_primitive::<arrow::datatypes::Date32Type>();
        let [
            reporting,
            sender_c,
            dispatch,
            origin,
            trading,
            destination,
            hs6,
            currency,
        ] = [
            "reporting_country",
            "sender_country",
            "dispatch_country",
            "origin_country",
            "trading_country",
            "destination_country",
            "hs6",
            "currency",
        ]
        .map(t);
        let [
            category,
            product,
            brand,
            chpl,
            misclassified,
            sender,
            recipient,
        ] = [
            "category",
            "product_id",
            "brand",
            "chpl_tier",
            "misclassified",
            "sender_entity",
            "recipient_entity",
        ]
        .map(t);
        let (quantity, net_kg, value, vague) = (
            f("quantity")?,
            f("net_kg")?,
            f("value_usd")?,
            f("vague_score")?,
        );
        let (reporting, sender_c, dispatch, origin, trading, destination, hs6, currency) = (
            reporting?,
            sender_c?,
            dispatch?,
            origin?,
            trading?,
            destination?,
            hs6?,
            currency?,
        );
        let (category, product, brand, chpl, misclassified, sender, recipient) = (
            category?,
            product?,
            brand?,
            chpl?,
            misclassified?,
            sender?,
            recipient?,
        );
        for i in 0..b.num_rows() {
            ctx.lines.push(Line {
                record_id: record_id[i].clone().unwrap_or_default(),
                dataset: dataset[i].clone().unwrap_or_default(),
                file: file[i].clone().unwrap_or_default(),
                line: source_line.value(i),
                date: dates.is_valid(i).then(|| dates.value(i)),
                reporting_country: reporting[i].clone(),
                sender_country: sender_c[i].clone(),
                dispatch_country: dispatch[i].clone(),
                origin_country: origin[i].clone(),
                trading_country: trading[i].clone(),
                destination_country: destination[i].clone(),
                hs6: hs6[i].clone(),
                quantity: quantity[i],
                net_kg: net_kg[i],
                value_usd: value[i],
                currency: currency[i].clone(),
                category: category[i].clone(),
                product_id: product[i].clone(),
                brand: brand[i].clone(),
                chpl_tier: chpl[i].clone(),
                misclassified: misclassified[i].clone(),
                vague_score: vague[i],
                sender: entity(&sender[i]),
                recipient: entity(&recipient[i]),
            });
        }
    }
    if ws
        .manifest()
        .find_import("derived", "screening_hits")
        .is_some()
    {
        ctx.hits = load_hits(ws, &ctx)?;
        ctx.inputs.push(Input::Screening);
    }
    if ctx.has(Input::Entities) {
        // An entities build over no lines leaves no party_mentions: the graph detectors are then skipped, not failed.
        match tradetrail_graph::load(ws, tradetrail_graph::GraphOptions::default()) {
            Ok(graph) => {
                ctx.graph = Some(Arc::new(graph));
                ctx.inputs.push(Input::Graph);
            }
            Err(tradetrail_graph::Error::Missing { .. }) => {}
            Err(e) => return Err(anyhow::Error::new(e).context("building the trade graph")),
        }
    }
    Ok(ctx)
}

/// The screening hits of the context's entities, each with the status analysts' reviews give it now (a review recorded after the screening run counts).
fn load_hits(ws: &Workspace, ctx: &Context) -> anyhow::Result<Vec<ListHit>> {
    let rt = crate::runtime()?;
    let mut rows: Vec<ScreeningHit> = Vec::new();
    for b in rt.block_on(ws.query("SELECT * FROM screening_hits ORDER BY entity_id, entry_id"))? {
        rows.extend(ScreeningHit::from_batch(&b).context("screening_hits has the hit schema")?);
    }
    let reviews: HashMap<(String, String), tradetrail_store::HitReview> =
        HitReviews::open(ws.root())?
            .current()?
            .into_iter()
            .map(|r| ((r.entity_id.clone(), r.entry_id.clone()), r))
            .collect();
    let index = ctx.entity_index();
    Ok(rows
        .into_iter()
        .filter_map(|h| {
            let status = reviews
                .get(&(h.entity_id.clone(), h.entry_id.clone()))
                .map_or(h.status.as_str(), |r| {
                    r.status(&h.entity_fingerprint, &h.entry_fingerprint)
                })
                .to_owned();
            Some(ListHit {
                entity: *index.get(h.entity_id.as_str())?,
                entry_id: h.entry_id,
                list_id: h.list_id,
                list_name: h.list_name,
                programmes: h.programmes,
                score: h.score.unwrap_or(0.0),
                listing_date: h.listing_date,
                status,
            })
        })
        .collect())
}

/// Runs every detector and writes the findings; returns the outcome, or `None` when the findings are up to date.
pub fn detect_all(ws: &mut Workspace) -> anyhow::Result<Option<tradetrail_detect::Outcome>> {
    // Up to date when neither the lines, their classifications and entities, the screening hits and their reviews, nor any detector's logic version changed.
    let reviews = HitReviews::open(ws.root())?.state()?;
    let derived = |name: &str| {
        ws.manifest()
            .find_import("derived", name)
            .map_or_else(|| "none".to_owned(), |i| i.import_id.clone())
    };
    let state = format!(
        "shipments-through-{}+classifications-{}+entities-{}+screening-{}+{reviews}+detectors-{}-{:016x}",
        ws.manifest().last_ingest_id(),
        derived("classifications"),
        derived("entities"),
        derived("screening_hits"),
        env!("CARGO_PKG_VERSION"),
        xxhash_rust::xxh3::xxh3_64(tradetrail_detect::logic_versions().as_bytes())
    );
    let spec = ImportSpec {
        kind: "derived".into(),
        name: "findings".into(),
        format: "tradetrail-detect".into(),
        source: "shipments, classifications, party_mentions, entities, screening_hits".into(),
        digest: state,
        version: Some(env!("CARGO_PKG_VERSION").into()),
    };
    if ws
        .manifest()
        .find_import("derived", "findings")
        .is_some_and(|i| i.source_digest == spec.digest)
    {
        return Ok(None);
    }
    let ctx = load_context(ws)?;
    let outcome = tradetrail_detect::run(&ctx);
    let Some(mut txn) = ws.begin_import(spec)? else {
        return Ok(None);
    };
    for chunk in outcome.findings.chunks(50_000) {
        let mut b = FindingBatchBuilder::default();
        for f in chunk {
            b.push(&f.to_row(&ctx));
        }
        txn.write(Table::Findings, &b.finish())?;
    }
    txn.commit()?;
    ws.reload()?;
    Ok(Some(outcome))
}

/// Prints what a detection run found, detector by detector.
pub fn print_outcome(outcome: &tradetrail_detect::Outcome) {
    for d in tradetrail_detect::registry() {
        let info = d.info();
        let found = outcome.ran.iter().find(|(c, _)| *c == info.code);
        let skipped = outcome.skipped.iter().find(|(c, _)| *c == info.code);
        let (count, what) = match (found, skipped) {
            (Some((_, n)), _) => (n.to_string(), info.title.to_owned()),
            (None, Some((_, input))) => ("-".into(), format!("skipped: needs {}", input.as_str())),
            (None, None) => continue,
        };
        println!(
            "  {:<16} {:<6} {count:>6}  {what}",
            info.code,
            info.severity.as_str()
        );
    }
}

pub fn run(home: &Path) -> anyhow::Result<ExitCode> {
    let mut ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    match detect_all(&mut ws)? {
        Some(outcome) => {
            println!("{} findings", outcome.findings.len());
            print_outcome(&outcome);
            if !outcome.skipped.is_empty() {
                println!(
                    "skipped detectors need `tradetrail classify`, `tradetrail entities build` and `tradetrail screen` first"
                );
            }
        }
        None => println!("findings are up to date"),
    }
    println!("next: tradetrail findings --severity high --limit 20");
    Ok(ExitCode::SUCCESS)
}
