//! Building the index crash-safely: a fresh generation folder, filled and synced, then named by an atomically replaced pointer file.
//!
//! Layout under the workspace:
//! ```text
//! index/search/CURRENT              the generation in force ("gen-000003"), replaced by rename
//! index/search/gen-000003/          a complete tantivy index and its state.json
//! index/search/gen-000004.building/ a build in progress (or killed); removed by the next build
//! index/search/.lock                held by the one builder
//! ```
//! The state string names the last ingest, the classifications import and the schema version, so an index is rebuilt exactly when what it covers changed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use futures::StreamExt;
use tantivy::{Index, IndexWriter, TantivyDocument};
use tradetrail_store::Workspace;

use crate::error::at;
use crate::query::SearchIndex;
use crate::schema::{self, Columns};
use crate::{Error, Result, analysis};

const CURRENT: &str = "CURRENT";
const STATE: &str = "state.json";
const BUILDING: &str = ".building";

/// How to build the index.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Indexing threads (tantivy writer workers).
    pub threads: usize,
    /// Total memory budget of the writer, in bytes, shared by its threads.
    pub memory_budget: usize,
    /// Stop with [`Error::Aborted`] after this many lines, leaving the half-built folder behind as a kill would (for tests).
    pub abort_after: Option<u64>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        BuildOptions {
            threads: cores.clamp(1, 2),
            memory_budget: 256 << 20,
            abort_after: None,
        }
    }
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Lines indexed.
    pub lines: u64,
    /// Lines that had a category from the `classifications` table.
    pub categorised: u64,
    /// Wall time in seconds.
    pub seconds: f64,
    /// The state the new index covers.
    pub state: String,
}

/// The folder holding the index generations of a workspace.
pub fn index_dir(ws: &Workspace) -> PathBuf {
    ws.root().join("index").join("search")
}

/// The state an index built now would cover: last ingest, classifications import, schema version.
pub fn state_of(ws: &Workspace) -> String {
    let m = ws.manifest();
    let last = m.last_ingest_id();
    let classes = m
        .find_import("derived", "classifications")
        .map_or("none".to_owned(), |i| {
            format!("{}:{}", i.import_id, i.source_digest)
        });
    format!(
        "shipments-through-{last}+classifications-{classes}+search-schema-{}",
        schema::SCHEMA_VERSION
    )
}

/// The index in force, when there is one (whatever state it covers).
pub(crate) fn current(dir: &Path) -> Result<Option<(PathBuf, String)>> {
    let pointer = dir.join(CURRENT);
    let Ok(name) = fs_err::read_to_string(&pointer) else {
        return Ok(None);
    };
    let generation = dir.join(name.trim());
    let Ok(state) = fs_err::read_to_string(generation.join(STATE)) else {
        return Ok(None);
    };
    let state: serde_json::Value = serde_json::from_str(&state).unwrap_or_default();
    let state = state["state"].as_str().unwrap_or_default().to_owned();
    Ok(Some((generation, state)))
}

/// Opens the index generation in force, whatever state it covers; `None` when none was built.
pub fn open_current(ws: &Workspace) -> Result<Option<SearchIndex>> {
    match current(&index_dir(ws))? {
        Some((generation, state)) => Ok(Some(SearchIndex::open(&generation, state)?)),
        None => Ok(None),
    }
}

/// Opens the index, building it first when it is missing or covers an older state; the report says whether it was built.
pub fn ensure(
    ws: &Workspace,
    options: &BuildOptions,
) -> Result<(SearchIndex, Option<BuildReport>)> {
    let dir = index_dir(ws);
    let wanted = state_of(ws);
    if let Some((generation, state)) = current(&dir)?
        && state == wanted
    {
        return Ok((SearchIndex::open(&generation, state)?, None));
    }
    let report = rebuild(ws, options)?;
    let (generation, state) = current(&dir)?.ok_or_else(|| Error::Table {
        table: "shipments",
        message: format!(
            "{} names no index after a build",
            dir.join(CURRENT).display()
        ),
    })?;
    Ok((SearchIndex::open(&generation, state)?, Some(report)))
}

/// Builds a new index generation from the workspace and swaps it in.
pub fn rebuild(ws: &Workspace, options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let dir = index_dir(ws);
    fs_err::create_dir_all(&dir)?;
    let lock = fs_err::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".lock"))?;
    lock.file().lock()?;
    let state = state_of(ws);
    let previous = fs_err::read_to_string(dir.join(CURRENT)).unwrap_or_default();
    let number = previous
        .trim()
        .strip_prefix("gen-")
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(0)
        + 1;
    let name = format!("gen-{number:06}");
    remove_other_generations(&dir, previous.trim())?;
    let building = dir.join(format!("{name}{BUILDING}"));
    fs_err::create_dir_all(&building)?;
    let (lines, categorised) = fill(ws, &building, options)?;
    write_synced(
        &building.join(STATE),
        &serde_json::to_vec_pretty(&serde_json::json!({"state": state, "lines": lines}))
            .unwrap_or_default(),
    )?;
    let finished = dir.join(&name);
    fs_err::rename(&building, &finished)?;
    sync_dir(&dir)?;
    write_synced(&dir.join(format!("{CURRENT}.tmp")), name.as_bytes())?;
    fs_err::rename(dir.join(format!("{CURRENT}.tmp")), dir.join(CURRENT))?;
    sync_dir(&dir)?;
    remove_other_generations(&dir, &name)?;
    Ok(BuildReport {
        lines,
        categorised,
        seconds: started.elapsed().as_secs_f64(),
        state,
    })
}

/// Removes every generation and half-built folder except `keep`.
fn remove_other_generations(dir: &Path, keep: &str) -> Result<()> {
    for entry in fs_err::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("gen-") && name != keep && entry.path().is_dir() {
            fs_err::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = fs_err::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

fn sync_dir(dir: &Path) -> Result<()> {
    fs_err::File::open(dir)?.sync_all()?;
    Ok(())
}

/// Indexes every shipment line into a new tantivy index in `path`; returns (lines, lines with a category).
fn fill(ws: &Workspace, path: &Path, options: &BuildOptions) -> Result<(u64, u64)> {
    let (schema, fields) = schema::schema();
    let index = Index::create_in_dir(path, schema).map_err(at(path))?;
    for (name, analyzer) in analysis::analyzers() {
        index.tokenizers().register(name, analyzer);
    }
    let threads = options.threads.max(1);
    // tantivy needs at least 15 MB per thread.
    let budget = options.memory_budget.max(threads * (16 << 20));
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(threads, budget)
        .map_err(at(path))?;
    let categories = read_categories(ws)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (mut lines, mut categorised) = (0u64, 0u64);
    let table_err = |e: &dyn std::fmt::Display| Error::Table {
        table: "shipments",
        message: e.to_string(),
    };
    rt.block_on(async {
        let ctx = ws.session().await?;
        let df = ctx
            .sql(&format!("SELECT {} FROM shipments", schema::select_list()))
            .await
            .map_err(|e| table_err(&e))?;
        let mut stream = df.execute_stream().await.map_err(|e| table_err(&e))?;
        while let Some(batch) = stream.next().await {
            let batch = batch.map_err(|e| table_err(&e))?;
            let cols = Columns::new(&batch)?;
            for row in 0..batch.num_rows() {
                let category = categories.get(cols.record_id(row));
                categorised += u64::from(category.is_some());
                writer
                    .add_document(cols.document(&fields, row, category))
                    .map_err(at(path))?;
                lines += 1;
                if options.abort_after.is_some_and(|n| lines >= n) {
                    return Err(Error::Aborted(lines));
                }
            }
        }
        Ok(())
    })?;
    writer.commit().map_err(at(path))?;
    writer.wait_merging_threads().map_err(at(path))?;
    Ok((lines, categorised))
}

/// Categories by record id, kept as sorted 64-bit keys (hash with the category in the low 3 bits): 8 bytes a line.
struct Categories(Vec<u64>);

/// Category names as the index stores them; `chpl_component` (the column's documented spelling) is stored as `component`, what the classifier writes.
const CATEGORY_NAMES: [&str; 4] = ["drone", "drone_part", "component", "other"];

impl Categories {
    fn get(&self, record_id: &str) -> Option<&'static str> {
        let key = schema::rid_hash(record_id) & !7;
        let i = self.0.partition_point(|e| e & !7 < key);
        let e = *self.0.get(i)?;
        (e & !7 == key).then(|| CATEGORY_NAMES.get((e & 7) as usize).copied())?
    }
}

fn read_categories(ws: &Workspace) -> Result<Categories> {
    let mut keys = Vec::new();
    if ws
        .manifest()
        .files(tradetrail_store::Table::Classifications)
        .next()
        .is_none()
    {
        return Ok(Categories(keys));
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let table_err = |e: &dyn std::fmt::Display| Error::Table {
        table: "classifications",
        message: e.to_string(),
    };
    rt.block_on(async {
        let ctx = ws.session().await?;
        let df = ctx
            .sql("SELECT record_id, category FROM classifications")
            .await
            .map_err(|e| table_err(&e))?;
        let mut stream = df.execute_stream().await.map_err(|e| table_err(&e))?;
        while let Some(batch) = stream.next().await {
            use arrow::array::{Array, AsArray};
            let batch = batch.map_err(|e| table_err(&e))?;
            let utf8 = |i: usize| {
                arrow::compute::cast(batch.column(i), &arrow::datatypes::DataType::Utf8)
                    .map_err(|e| table_err(&e))
            };
            let (r, c) = (utf8(0)?, utf8(1)?);
            let (r, c) = (r.as_string::<i32>(), c.as_string::<i32>());
            for i in 0..batch.num_rows() {
                if r.is_null(i) || c.is_null(i) {
                    continue;
                }
                let name = match c.value(i) {
                    "chpl_component" => "component",
                    other => other,
                };
                let Some(code) = CATEGORY_NAMES.iter().position(|n| *n == name) else {
                    continue;
                };
                keys.push((schema::rid_hash(r.value(i)) & !7) | code as u64);
            }
        }
        Ok::<(), Error>(())
    })?;
    keys.sort_unstable();
    Ok(Categories(keys))
}
