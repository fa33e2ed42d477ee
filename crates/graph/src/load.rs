//! Reading the graph from a workspace: the only IO of this crate, through the store's DataFusion session, streamed batch by batch.
//!
//! Order: `entities` (nodes), `classifications` (goods of interest only, keyed by a 64-bit record-id hash),
//! `party_mentions` (sender and recipient entity per record-id hash), then `shipments` with only the columns the graph uses.
//! Memory is the two hash maps and the graph, never a whole table.

use std::collections::HashMap;

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::{DataType, Float64Type, Int32Type, UInt64Type};
use futures::StreamExt;
use tradetrail_store::{Table, Workspace};
use xxhash_rust::xxh3::xxh3_64;

use crate::builder::{GraphBuilder, GraphOptions, LineFacts};
use crate::graph::{Category, Graph, Interner, Sym};
use crate::{Error, Result};

type Cols = Vec<arrow::array::ArrayRef>;

fn stream(
    rt: &tokio::runtime::Runtime,
    ws: &Workspace,
    table: &'static str,
    sql: &str,
    types: &[DataType],
    mut f: impl FnMut(&Cols, usize) -> Result<()>,
) -> Result<()> {
    let err = |e: &dyn std::fmt::Display| Error::Table {
        table,
        message: e.to_string(),
    };
    rt.block_on(async {
        let ctx = ws.session().await?;
        let df = ctx.sql(sql).await.map_err(|e| err(&e))?;
        let mut s = df.execute_stream().await.map_err(|e| err(&e))?;
        while let Some(batch) = s.next().await {
            let batch: RecordBatch = batch.map_err(|e| err(&e))?;
            let cols = types
                .iter()
                .enumerate()
                .map(|(i, t)| arrow::compute::cast(batch.column(i), t).map_err(|e| err(&e)))
                .collect::<Result<Cols>>()?;
            f(&cols, batch.num_rows())?;
        }
        Ok(())
    })
}

fn text(c: &arrow::array::ArrayRef, i: usize) -> &str {
    let s = c.as_string::<i32>();
    if s.is_null(i) { "" } else { s.value(i) }
}

fn float(c: &arrow::array::ArrayRef, i: usize) -> Option<f64> {
    let a = c.as_primitive::<Float64Type>();
    (!a.is_null(i)).then(|| a.value(i))
}

fn has(ws: &Workspace, t: Table) -> bool {
    ws.manifest().files(t).next().is_some()
}

/// Builds the graph of a workspace; needs `tradetrail entities build` (and uses `tradetrail classify` when it ran).
pub fn load(ws: &Workspace, options: GraphOptions) -> Result<Graph> {
    if !has(ws, Table::PartyMentions) {
        return Err(Error::Missing {
            table: "party_mentions",
            command: "entities build",
        });
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let utf8 = DataType::Utf8;
    let mut b = GraphBuilder::new(options.clone());
    if has(ws, Table::Entities) {
        let types = [utf8.clone(), utf8.clone(), utf8.clone()];
        let sql = "SELECT entity_id, canonical_name, countries FROM entities";
        stream(&rt, ws, "entities", sql, &types, |c, n| {
            for i in 0..n {
                let countries: Vec<String> =
                    serde_json::from_str(text(&c[2], i)).unwrap_or_default();
                let country = countries.first().map_or("", String::as_str);
                b.add_node(text(&c[0], i), text(&c[1], i), country);
            }
            Ok(())
        })?;
    }
    // Entity ids and goods names the loader keeps before the builder sees the lines.
    let mut local = Interner::default();
    let mut goods: HashMap<u64, (Category, Sym, Sym, Sym)> = HashMap::new();
    if has(ws, Table::Classifications) {
        let types = vec![utf8.clone(); 5];
        let sql = "SELECT record_id, category, brand, model, product_id FROM classifications WHERE category <> 'other'";
        stream(&rt, ws, "classifications", sql, &types, |c, n| {
            for i in 0..n {
                let Some(cat) = Category::parse(text(&c[1], i)) else {
                    continue;
                };
                if !options.flow_categories.contains(&cat) {
                    continue;
                }
                let (brand, model, product) = (
                    local.intern(text(&c[2], i)),
                    local.intern(text(&c[3], i)),
                    local.intern(text(&c[4], i)),
                );
                goods.insert(
                    xxh3_64(text(&c[0], i).as_bytes()),
                    (cat, brand, model, product),
                );
            }
            Ok(())
        })?;
    }
    // Sender and recipient entity per line; a native-script column wins over its `_en` twin.
    let mut parties: HashMap<u64, [Sym; 2]> = HashMap::new();
    let types = vec![utf8.clone(); 4];
    let sql = "SELECT record_id, role, entity_id, source_column FROM party_mentions WHERE role IN ('sender', 'recipient')";
    stream(&rt, ws, "party_mentions", sql, &types, |c, n| {
        for i in 0..n {
            let slot = usize::from(text(&c[1], i) == "recipient");
            let entry = parties
                .entry(xxh3_64(text(&c[0], i).as_bytes()))
                .or_insert([0, 0]);
            if entry[slot] == 0 || !text(&c[3], i).ends_with("_en") {
                entry[slot] = local.intern(text(&c[2], i));
            }
        }
        Ok(())
    })?;
    let mut types = vec![utf8.clone(); 4];
    types.extend([
        DataType::UInt64,
        DataType::Int32,
        DataType::Float64,
        DataType::Float64,
    ]);
    types.extend(vec![utf8.clone(); 5]);
    let sql = "SELECT record_id, dataset, source_file, hs6, source_line, CAST(declaration_date AS INT), quantity, value_usd, \
               origin_country, dispatch_country, trading_country, sender_country, reporting_country FROM shipments";
    stream(&rt, ws, "shipments", sql, &types, |c, n| {
        let lines = c[4].as_primitive::<UInt64Type>();
        let dates = c[5].as_primitive::<Int32Type>();
        for i in 0..n {
            let rid = text(&c[0], i);
            let key = xxh3_64(rid.as_bytes());
            let p = parties.get(&key).copied().unwrap_or([0, 0]);
            let g = goods.get(&key).copied();
            let known = |s: Sym| (s != 0).then(|| local.text(s));
            let facts = LineFacts {
                record_id: rid,
                dataset: text(&c[1], i),
                file: text(&c[2], i),
                hs6: text(&c[3], i),
                line: if lines.is_null(i) { 0 } else { lines.value(i) },
                date: (!dates.is_null(i)).then(|| dates.value(i)),
                sender: known(p[0]),
                recipient: known(p[1]),
                category: g.map(|g| g.0),
                brand: g.map_or("", |g| local.text(g.1)),
                model: g.map_or("", |g| local.text(g.2)),
                product: g.map_or("", |g| local.text(g.3)),
                quantity: float(&c[6], i),
                value_usd: float(&c[7], i),
                origin: text(&c[8], i),
                dispatch: text(&c[9], i),
                trading: text(&c[10], i),
                sender_country: text(&c[11], i),
                reporter: text(&c[12], i),
            };
            b.add_line(&facts);
        }
        Ok(())
    })?;
    Ok(b.finish())
}
