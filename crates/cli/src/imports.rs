//! Writing imported list and reference rows into the workspace as one import transaction, and hashing what was read.

use std::io::Read;
use std::path::Path;

use arrow::record_batch::RecordBatch;
use tradetrail_store::{ImportRecord, ImportSpec, Table, Workspace};
use xxhash_rust::xxh3::Xxh3;

/// Rows per batch written to a reference table.
const BATCH: usize = 50_000;

/// One table's rows, already turned into Arrow batches.
pub struct TableRows {
    /// Target table.
    pub table: Table,
    /// Its batches.
    pub batches: Vec<RecordBatch>,
}

/// Builds batches of at most [`BATCH`] rows from `rows` with `push` into a builder.
pub fn batches<R, B: Default>(
    rows: &[R],
    push: impl Fn(&mut B, &R),
    finish: impl Fn(&mut B) -> RecordBatch,
) -> Vec<RecordBatch> {
    rows.chunks(BATCH)
        .map(|chunk| {
            let mut builder = B::default();
            for row in chunk {
                push(&mut builder, row);
            }
            finish(&mut builder)
        })
        .collect()
}

/// Writes `tables` as one import; `Ok(None)` when the same bytes are already the import in force.
pub fn commit_import(
    ws: &mut Workspace,
    spec: ImportSpec,
    tables: Vec<TableRows>,
) -> anyhow::Result<Option<ImportRecord>> {
    let Some(mut txn) = ws.begin_import(spec)? else {
        return Ok(None);
    };
    for t in tables {
        for batch in &t.batches {
            txn.write(t.table, batch)?;
        }
    }
    let record = txn.commit()?;
    ws.reload()?;
    Ok(Some(record))
}

/// Content digest of a file, or of every file in a folder in name order (see [`digest_bytes`]).
pub fn digest_path(path: &Path) -> anyhow::Result<String> {
    let mut hasher = Xxh3::new();
    let mut files = Vec::new();
    if path.is_dir() {
        for entry in fs_err::read_dir(path)? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                files.push(entry.path());
            }
        }
        files.sort();
    } else {
        files.push(path.to_owned());
    }
    let mut buf = vec![0u8; 1 << 20];
    for file in files {
        hasher.update(
            file.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
                .as_bytes(),
        );
        let mut f = fs_err::File::open(&file)?;
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
    }
    Ok(format_digest(hasher.digest128()))
}

/// Content digest of bytes: XXH3-128, which tells files apart for idempotent re-imports at memory speed; it is not a cryptographic signature.
pub fn digest_bytes(bytes: &[u8]) -> String {
    format_digest(xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Writes a digest as `xxh3-128:` and 32 hex digits.
pub fn format_digest(digest: u128) -> String {
    format!("xxh3-128:{digest:032x}")
}

/// Downloads a URL into memory, naming the URL in any error.
pub fn download(url: &str) -> anyhow::Result<Vec<u8>> {
    use anyhow::Context;
    let mut response = ureq::get(url)
        .call()
        .with_context(|| format!("downloading {url}"))?;
    let bytes = response
        .body_mut()
        .with_config()
        .limit(512 * 1024 * 1024)
        .read_to_vec()
        .with_context(|| format!("reading {url}"))?;
    Ok(bytes)
}
