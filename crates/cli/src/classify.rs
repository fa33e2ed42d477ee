//! `tradetrail classify`: classifies every stored shipment line and replaces the derived `classifications` table in one commit.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use futures::StreamExt;
use rayon::prelude::*;
use tradetrail_classify::classify;
use tradetrail_model::{LineClass, LineClassBatchBuilder, ShipmentLine};
use tradetrail_store::{ImportSpec, Table, Workspace, batches_to_table};

/// Classifies every line; returns the number of lines classified, or `None` when the table is already up to date.
pub fn classify_all(ws: &mut Workspace) -> anyhow::Result<Option<u64>> {
    // The table is up to date when neither the stored ingests nor the classifier changed.
    let last = ws.manifest().last_ingest_id();
    let state = format!(
        "shipments-through-{last}+classifier-{}",
        env!("CARGO_PKG_VERSION")
    );
    let spec = ImportSpec {
        kind: "derived".into(),
        name: "classifications".into(),
        format: "tradetrail-classify".into(),
        source: "shipments".into(),
        digest: state,
        version: Some(env!("CARGO_PKG_VERSION").into()),
    };
    let rt = crate::runtime()?;
    let ctx = rt.block_on(ws.session())?;
    let Some(mut txn) = ws.begin_import(spec)? else {
        return Ok(None);
    };
    let mut lines = 0u64;
    rt.block_on(async {
        let df = ctx.sql("SELECT * FROM shipments").await?;
        let mut stream = df.execute_stream().await?;
        while let Some(batch) = stream.next().await {
            let rows =
                ShipmentLine::from_batch(&batch?).context("shipments have the shipment schema")?;
            let classes: Vec<LineClass> = rows.par_iter().map(line_class).collect();
            let mut builder = LineClassBatchBuilder::default();
            for c in &classes {
                builder.push(c);
            }
            txn.write(Table::Classifications, &builder.finish())?;
            lines += classes.len() as u64;
        }
        anyhow::Ok(())
    })?;
    txn.commit()?;
    ws.reload()?;
    Ok(Some(lines))
}

fn line_class(line: &ShipmentLine) -> LineClass {
    let c = classify(line);
    let evidence: Vec<serde_json::Value> = c
        .evidence
        .iter()
        .map(|e| serde_json::json!({"feature": e.feature, "field": e.field, "text": e.text, "weight": e.weight}))
        .collect();
    LineClass {
        record_id: line.record_id.clone(),
        category: c.category.as_str().to_owned(),
        confidence: Some(c.confidence),
        product_id: c.product_id,
        brand: c.brand,
        model: c.model,
        hs6_declared: c.hs6_declared,
        hs6_described: c.hs6_described,
        chpl_tier: c.chpl_tier,
        hard_negative: c.hard_negative,
        misclassified: c.misclassified.map(|m| {
            format!(
                "declared {} but the goods imply {}: {}",
                m.declared, m.expected, m.reason
            )
        }),
        vague_score: Some(c.vague_score),
        evidence: serde_json::Value::Array(evidence).to_string(),
    }
}

/// The drone headline: value of drones and drone parts to `country` since `since`, by brand, with first and last shipment.
pub const DRONES_BY_BRAND: &str = "SELECT COALESCE(c.brand, '(no brand)') AS brand, COUNT(*) AS lines, \
    ROUND(SUM(s.value_usd)) AS value_usd, COUNT(DISTINCT s.sender_name) AS exporters_as_written, \
    COUNT(DISTINCT c.model) AS models, CAST(MIN(s.declaration_date) AS VARCHAR) AS first, CAST(MAX(s.declaration_date) AS VARCHAR) AS last \
    FROM shipments s JOIN classifications c ON s.record_id = c.record_id \
    WHERE c.category IN ('drone', 'drone_part') AND s.reporting_country = 'RU' AND s.declaration_date >= DATE '2022-02-24' \
    GROUP BY 1 ORDER BY value_usd DESC";

/// The drone headline once entities are built: exporters counted as resolved entities, not as spellings.
pub const DRONES_BY_BRAND_RESOLVED: &str = "SELECT COALESCE(c.brand, '(no brand)') AS brand, COUNT(*) AS lines, \
    ROUND(SUM(s.value_usd)) AS value_usd, COUNT(DISTINCT s.sender_name) AS exporters_as_written, COUNT(DISTINCT p.entity_id) AS exporters_resolved, \
    COUNT(DISTINCT c.model) AS models, CAST(MIN(s.declaration_date) AS VARCHAR) AS first, CAST(MAX(s.declaration_date) AS VARCHAR) AS last \
    FROM shipments s JOIN classifications c ON s.record_id = c.record_id \
    LEFT JOIN party_mentions p ON p.record_id = s.record_id AND p.source_column = 'sender_name' \
    WHERE c.category IN ('drone', 'drone_part') AND s.reporting_country = 'RU' AND s.declaration_date >= DATE '2022-02-24' \
    GROUP BY 1 ORDER BY value_usd DESC";

/// Prints the classification counts and the drone headline table.
pub fn print_headline(ws: &Workspace) -> anyhow::Result<()> {
    let rt = crate::runtime()?;
    let counts = rt.block_on(ws.query(
        "SELECT category, COUNT(*) AS lines, SUM(CASE WHEN misclassified IS NOT NULL THEN 1 ELSE 0 END) AS misclassified, \
         SUM(CASE WHEN hard_negative THEN 1 ELSE 0 END) AS look_alikes FROM classifications GROUP BY category ORDER BY category",
    ))?;
    println!("{}", batches_to_table(&counts));
    let resolved = ws.manifest().find_import("derived", "entities").is_some();
    let (query, how) = if resolved {
        (
            DRONES_BY_BRAND_RESOLVED,
            "exporters counted as written and as resolved entities",
        )
    } else {
        (
            DRONES_BY_BRAND,
            "exporters counted as written; `tradetrail entities build` resolves them",
        )
    };
    println!("drones and drone parts imported into RU since 2022-02-24, by brand ({how}):");
    println!("{}", batches_to_table(&rt.block_on(ws.query(query))?));
    println!("query: {query}");
    Ok(())
}

pub fn run(home: &Path) -> anyhow::Result<ExitCode> {
    let mut ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    match classify_all(&mut ws)? {
        Some(n) => println!("classified {n} lines"),
        None => println!("classifications are up to date"),
    }
    print_headline(&ws)?;
    Ok(ExitCode::SUCCESS)
}
