//! Reads the detection context from the workspace in bounded memory: whole-table scans, one batch at a time, joined in Rust by record id instead of by SQL.
//!
//! A SQL join of the lines with their classifications and four party columns, sorted by record id, held the join tables, the sort and every result batch at once (13 GB at 10M lines).
//! Here the lines are read once into compact [`Line`]s (repeated text interned), sorted by record id, and the classifications and party mentions are streamed onto them through a hash index of the record ids.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Context as _;
use arrow::array::{Array, ArrayRef, AsArray};
use arrow::datatypes::{DataType, Date32Type, Float64Type, UInt64Type};
use arrow::record_batch::RecordBatch;
use rayon::prelude::*;
use tradetrail_detect::{Context, Entity, Input, Line, Text};
use tradetrail_store::{Table, Workspace};
use xxhash_rust::xxh3::xxh3_64;

/// Shares one allocation between equal values of low-cardinality columns (countries, codes, brands, files).
#[derive(Default)]
struct Interner(HashMap<Box<str>, Text>);

impl Interner {
    fn get(&mut self, s: &str) -> Text {
        if let Some(t) = self.0.get(s) {
            return t.clone();
        }
        let t: Text = Arc::from(s);
        self.0.insert(s.into(), t.clone());
        t
    }
}

fn column(batch: &RecordBatch, name: &str, to: &DataType) -> anyhow::Result<ArrayRef> {
    let col = batch
        .column_by_name(name)
        .with_context(|| format!("column {name}"))?;
    Ok(arrow::compute::cast(col, to)?)
}

/// A text column as shared values: interned when `intern` is given, one allocation per value otherwise.
fn texts(
    batch: &RecordBatch,
    name: &str,
    intern: Option<&mut Interner>,
) -> anyhow::Result<Vec<Option<Text>>> {
    let a = column(batch, name, &DataType::Utf8)?;
    let a = a.as_string::<i32>();
    let mut out = Vec::with_capacity(a.len());
    match intern {
        Some(interner) => {
            for i in 0..a.len() {
                out.push(a.is_valid(i).then(|| interner.get(a.value(i))));
            }
        }
        None => {
            for i in 0..a.len() {
                out.push(a.is_valid(i).then(|| Text::from(a.value(i))));
            }
        }
    }
    Ok(out)
}

fn floats(batch: &RecordBatch, name: &str) -> anyhow::Result<Vec<Option<f64>>> {
    let a = column(batch, name, &DataType::Float64)?;
    let a = a.as_primitive::<Float64Type>();
    Ok((0..a.len())
        .map(|i| a.is_valid(i).then(|| a.value(i)))
        .collect())
}

fn json_list(text: Option<&str>) -> Vec<String> {
    text.and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

const LINE_COLUMNS: [&str; 16] = [
    "record_id",
    "dataset",
    "source_file",
    "source_line",
    "declaration_date",
    "reporting_country",
    "sender_country",
    "dispatch_country",
    "origin_country",
    "trading_country",
    "destination_country",
    "hs6",
    "quantity",
    "net_kg",
    "value_usd",
    "currency",
];

const CLASS_COLUMNS: [&str; 7] = [
    "record_id",
    "category",
    "product_id",
    "brand",
    "chpl_tier",
    "misclassified",
    "vague_score",
];

/// The party columns that give a line its sender and recipient: the name column wins over its Latin twin.
const PARTY_SLOTS: [(&str, bool, u8); 4] = [
    ("sender_name", true, 2),
    ("sender_name_en", true, 1),
    ("recipient_name", false, 2),
    ("recipient_name_en", false, 1),
];

fn read_entities(ws: &Workspace, ctx: &mut Context) -> anyhow::Result<()> {
    let cols = [
        "entity_id",
        "canonical_name",
        "names_latin",
        "names_cyrillic",
        "names_han",
        "names_other",
        "identifiers",
        "addresses",
    ];
    for b in ws.scan(Table::Entities, Some(&cols))? {
        let b = b?;
        let s: Vec<&arrow::array::StringArray> = (0..cols.len())
            .map(|i| b.column(i).as_string::<i32>())
            .collect();
        let get = |c: usize, i: usize| s[c].is_valid(i).then(|| s[c].value(i));
        for i in 0..b.num_rows() {
            ctx.entities.push(Entity {
                id: get(0, i).unwrap_or_default().to_owned(),
                name: get(1, i).unwrap_or_default().to_owned(),
                names: (2..6).flat_map(|c| json_list(get(c, i))).collect(),
                identifiers: json_list(get(6, i)),
                addresses: json_list(get(7, i)),
            });
        }
    }
    ctx.entities.par_sort_by(|a, b| a.id.cmp(&b.id));
    Ok(())
}

fn read_lines(ws: &Workspace, ctx: &mut Context, interner: &mut Interner) -> anyhow::Result<()> {
    // Sized once from the manifest: growing by doubling would hold two copies of the lines while it moves them.
    let rows: u64 = ws.manifest().files(Table::Shipments).map(|f| f.rows).sum();
    ctx.lines.reserve_exact(usize::try_from(rows).unwrap_or(0));
    for b in ws.scan(Table::Shipments, Some(&LINE_COLUMNS))? {
        let b = b?;
        let record_id = texts(&b, "record_id", None)?;
        let mut t = |c: &str| texts(&b, c, Some(&mut *interner));
        let (dataset, file) = (t("dataset")?, t("source_file")?);
        let countries = [
            t("reporting_country")?,
            t("sender_country")?,
            t("dispatch_country")?,
            t("origin_country")?,
            t("trading_country")?,
            t("destination_country")?,
        ];
        let (hs6, currency) = (t("hs6")?, t("currency")?);
        let source_line = column(&b, "source_line", &DataType::UInt64)?;
        let source_line = source_line.as_primitive::<UInt64Type>();
        let dates = column(&b, "declaration_date", &DataType::Date32)?;
        let dates = dates.as_primitive::<Date32Type>();
        let (quantity, net_kg, value) = (
            floats(&b, "quantity")?,
            floats(&b, "net_kg")?,
            floats(&b, "value_usd")?,
        );
        let empty = || Text::from("");
        for i in 0..b.num_rows() {
            ctx.lines.push(Line {
                record_id: record_id[i].clone().unwrap_or_else(empty),
                dataset: dataset[i].clone().unwrap_or_else(empty),
                file: file[i].clone().unwrap_or_else(empty),
                line: source_line.value(i),
                date: dates.is_valid(i).then(|| dates.value(i)),
                reporting_country: countries[0][i].clone(),
                sender_country: countries[1][i].clone(),
                dispatch_country: countries[2][i].clone(),
                origin_country: countries[3][i].clone(),
                trading_country: countries[4][i].clone(),
                destination_country: countries[5][i].clone(),
                hs6: hs6[i].clone(),
                quantity: quantity[i],
                net_kg: net_kg[i],
                value_usd: value[i],
                currency: currency[i].clone(),
                ..Line::default()
            });
        }
    }
    // In place (a stable sort would allocate a buffer as large as the lines); ties, if two datasets share a record id, go by source.
    ctx.lines.par_sort_unstable_by(|a, b| {
        (&a.record_id, &a.dataset, &a.file, a.line).cmp(&(
            &b.record_id,
            &b.dataset,
            &b.file,
            b.line,
        ))
    });
    Ok(())
}

/// Finds a line by record id: a hash of the id to its index, checked against the line, with binary search over the sorted lines when two ids share a hash.
///
/// Record ids are random hashes, so a plain binary search misses the cache at every step (minutes at 10M lines); this index costs about 16 bytes a line.
struct LineIndex(HashMap<u64, u32>);

const SHARED_HASH: u32 = u32::MAX;

impl LineIndex {
    fn new(lines: &[Line]) -> LineIndex {
        let mut map = HashMap::with_capacity(lines.len());
        for (i, l) in lines.iter().enumerate() {
            map.entry(xxh3_64(l.record_id.as_bytes()))
                .and_modify(|at| *at = SHARED_HASH)
                .or_insert(i as u32);
        }
        LineIndex(map)
    }

    fn find(&self, lines: &[Line], record_id: &str) -> Option<usize> {
        match self.0.get(&xxh3_64(record_id.as_bytes())).copied() {
            None => None,
            Some(SHARED_HASH) => lines
                .binary_search_by(|l| (*l.record_id).cmp(record_id))
                .ok(),
            Some(at) => (*lines[at as usize].record_id == *record_id).then_some(at as usize),
        }
    }
}

fn read_classifications(
    ws: &Workspace,
    ctx: &mut Context,
    interner: &mut Interner,
    index: &LineIndex,
) -> anyhow::Result<()> {
    for b in ws.scan(Table::Classifications, Some(&CLASS_COLUMNS))? {
        let b = b?;
        let ids = b.column(0).as_string::<i32>();
        let mut t = |c: &str| texts(&b, c, Some(&mut *interner));
        let (category, product, brand, chpl, misclassified) = (
            t("category")?,
            t("product_id")?,
            t("brand")?,
            t("chpl_tier")?,
            t("misclassified")?,
        );
        let vague = floats(&b, "vague_score")?;
        for i in 0..b.num_rows() {
            let Some(at) = index.find(&ctx.lines, ids.value(i)) else {
                continue;
            };
            let l = &mut ctx.lines[at];
            l.category = category[i].clone();
            l.product_id = product[i].clone();
            l.brand = brand[i].clone();
            l.chpl_tier = chpl[i].clone();
            l.misclassified = misclassified[i].clone();
            l.vague_score = vague[i];
        }
    }
    Ok(())
}

fn read_parties(ws: &Workspace, ctx: &mut Context, line_index: &LineIndex) -> anyhow::Result<()> {
    let Context {
        lines, entities, ..
    } = ctx;
    let index: HashMap<&str, u32> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect();
    // Which column set each line's sender and recipient so far (0 none, 1 Latin twin, 2 name column).
    let mut rank = vec![[0u8; 2]; lines.len()];
    for b in ws.scan(
        Table::PartyMentions,
        Some(&["record_id", "source_column", "entity_id"]),
    )? {
        let b = b?;
        let (ids, cols, entity_ids) = (
            b.column(0).as_string::<i32>(),
            b.column(1).as_string::<i32>(),
            b.column(2).as_string::<i32>(),
        );
        for i in 0..b.num_rows() {
            let Some(&(_, sender, priority)) =
                PARTY_SLOTS.iter().find(|(c, _, _)| *c == cols.value(i))
            else {
                continue;
            };
            let (Some(at), Some(&entity)) = (
                line_index.find(lines, ids.value(i)),
                index.get(entity_ids.value(i)),
            ) else {
                continue;
            };
            let slot = usize::from(!sender);
            if priority > rank[at][slot] {
                rank[at][slot] = priority;
                if sender {
                    lines[at].sender = Some(entity);
                } else {
                    lines[at].recipient = Some(entity);
                }
            }
        }
    }
    Ok(())
}

/// Reads the detection context from the workspace's tables: entities, lines with their classification and parties, screening hits and the trade graph.
pub fn load_context(ws: &Workspace) -> anyhow::Result<Context> {
    let mut ctx = Context::default();
    for (kind, name, input) in [
        ("derived", "classifications", Input::Classifications),
        ("derived", "entities", Input::Entities),
    ] {
        if ws.manifest().find_import(kind, name).is_some() {
            ctx.inputs.push(input);
        }
    }
    let mut interner = Interner::default();
    read_entities(ws, &mut ctx).context("reading entities")?;
    read_lines(ws, &mut ctx, &mut interner).context("reading shipments")?;
    let index = LineIndex::new(&ctx.lines);
    read_classifications(ws, &mut ctx, &mut interner, &index).context("reading classifications")?;
    drop(interner);
    read_parties(ws, &mut ctx, &index).context("reading party mentions")?;
    drop(index);
    crate::detect::add_hits_and_graph(ws, &mut ctx)?;
    Ok(ctx)
}
