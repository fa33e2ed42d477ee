//! `tradetrail detect`: reads the shipments with their classifications and parties into a detection context, runs every detector and replaces the derived `findings` table in one commit.
//!
//! The context also holds the screening hits (with analysts' current reviews) when `tradetrail screen` ran, and the trade graph when entities are built.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use tradetrail_detect::{Context, Input, ListHit};
use tradetrail_model::{FindingBatchBuilder, ScreeningHit};
use tradetrail_store::{HitReviews, ImportSpec, Table, Workspace};

/// Adds what later stages found to a context holding lines and entities: the screening hits (with analysts' current reviews) and the trade graph.
pub fn add_hits_and_graph(ws: &Workspace, ctx: &mut Context) -> anyhow::Result<()> {
    if ws
        .manifest()
        .find_import("derived", "screening_hits")
        .is_some()
    {
        ctx.hits = load_hits(ws, ctx)?;
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
    Ok(())
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
    let ctx = crate::detect_context::load_context(ws)?;
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
