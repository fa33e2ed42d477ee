//! One ingest as a transaction: Parquet parts written to staging, moved into place, then made visible by one manifest commit.

use std::collections::BTreeMap;
use std::path::PathBuf;

use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use tradetrail_model::{quarantine_schema, shipment_schema};

use crate::manifest::{IngestRecord, Manifest, PartFile, Table, sync_dir};
use crate::workspace::Workspace;
use crate::{Error, Result};

/// Rows per Parquet part before a new part is started.
const ROWS_PER_PART: u64 = 2_000_000;
/// Rows per Parquet row group.
const ROWS_PER_GROUP: usize = 128 * 1024;

/// The file an ingest reads, as the manifest records it.
#[derive(Debug, Clone)]
pub struct IngestSource {
    /// Dataset the file goes into.
    pub dataset: String,
    /// File as named on the command line.
    pub source_file: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Licence or terms of the data.
    pub licence: Option<String>,
}

/// The counts and reader facts an ingest reports when it commits.
#[derive(Debug, Clone, Default)]
pub struct IngestCounts {
    /// Format read.
    pub format: String,
    /// Encoding read.
    pub encoding: String,
    /// Profile or mapping used.
    pub profile: String,
    /// Rows read.
    pub rows_read: u64,
    /// Rows stored.
    pub stored: u64,
    /// Rows quarantined.
    pub quarantined: u64,
    /// Rows skipped as duplicates.
    pub duplicates: u64,
    /// Quarantined rows by reason.
    pub reasons: BTreeMap<String, u64>,
}

struct PartWriter {
    table: Table,
    writer: Option<ArrowWriter<std::fs::File>>,
    current_rows: u64,
    parts: Vec<(PathBuf, u64)>,
}

/// An ingest in progress; nothing it writes is visible until [`IngestTxn::commit`].
///
/// Dropping it without committing leaves the workspace unchanged (the staging folder is removed on the next ingest).
pub struct IngestTxn {
    root: PathBuf,
    manifest_path: PathBuf,
    source: IngestSource,
    ingest_id: String,
    staging: PathBuf,
    writers: [PartWriter; 2],
    _lock: std::fs::File,
}

impl IngestTxn {
    pub(crate) fn new(
        ws: &Workspace,
        lock: std::fs::File,
        source: IngestSource,
        ingest_id: String,
        staging: PathBuf,
    ) -> IngestTxn {
        let writer = |table| PartWriter {
            table,
            writer: None,
            current_rows: 0,
            parts: Vec::new(),
        };
        IngestTxn {
            root: ws.root().to_owned(),
            manifest_path: ws.manifest_path(),
            source,
            ingest_id,
            staging,
            writers: [writer(Table::Shipments), writer(Table::Quarantine)],
            _lock: lock,
        }
    }

    /// The id of this ingest, stamped on every row it writes.
    pub fn ingest_id(&self) -> &str {
        &self.ingest_id
    }

    /// Appends a batch of shipment lines (schema [`shipment_schema`]).
    pub fn write_shipments(&mut self, batch: &RecordBatch) -> Result<()> {
        self.write(0, batch)
    }

    /// Appends a batch of quarantined rows (schema [`quarantine_schema`]).
    pub fn write_quarantine(&mut self, batch: &RecordBatch) -> Result<()> {
        self.write(1, batch)
    }

    fn write(&mut self, which: usize, batch: &RecordBatch) -> Result<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        let staging = self.staging.clone();
        let part = &mut self.writers[which];
        if part.writer.is_none() || part.current_rows >= ROWS_PER_PART {
            close_part(part)?;
            let path = staging.join(format!(
                "{}-{:04}.parquet",
                part.table.name(),
                part.parts.len()
            ));
            let file = fs_err::File::create(&path)?.into_parts().0;
            let schema = match part.table {
                Table::Shipments => shipment_schema(),
                Table::Quarantine => quarantine_schema(),
            };
            let props = WriterProperties::builder()
                .set_compression(Compression::ZSTD(
                    ZstdLevel::try_new(1).expect("level 1 is valid"),
                ))
                .set_max_row_group_row_count(Some(ROWS_PER_GROUP))
                .set_created_by("tradetrail".into())
                .build();
            let writer = ArrowWriter::try_new(file, schema, Some(props)).map_err(|source| {
                Error::Parquet {
                    path: path.clone(),
                    source,
                }
            })?;
            part.writer = Some(writer);
            part.parts.push((path, 0));
        }
        let writer = part.writer.as_mut().expect("opened above");
        let path = &part.parts.last().expect("opened above").0;
        writer.write(batch).map_err(|source| Error::Parquet {
            path: path.clone(),
            source,
        })?;
        part.current_rows += batch.num_rows() as u64;
        part.parts.last_mut().expect("opened above").1 += batch.num_rows() as u64;
        Ok(())
    }

    /// Makes everything written visible at once and records the ingest in the manifest.
    pub fn commit(mut self, counts: IngestCounts) -> Result<IngestRecord> {
        for part in &mut self.writers {
            close_part(part)?;
        }
        let mut files = Vec::new();
        for part in &self.writers {
            let dir = PathBuf::from("tables").join(part.table.name());
            for (i, (path, rows)) in part.parts.iter().enumerate() {
                let name = format!("{}-{:04}.parquet", self.ingest_id, i);
                fs_err::rename(path, self.root.join(&dir).join(&name))?;
                files.push(PartFile {
                    table: part.table,
                    path: format!("tables/{}/{}", part.table.name(), name),
                    rows: *rows,
                });
            }
            sync_dir(&self.root.join(&dir))?;
        }
        let mut manifest = Manifest::load(&self.manifest_path)?;
        let record = IngestRecord {
            ingest_id: self.ingest_id.clone(),
            dataset: self.source.dataset.clone(),
            source_file: self.source.source_file.clone(),
            source_sha256: self.source.sha256.clone(),
            bytes: self.source.bytes,
            format: counts.format,
            encoding: counts.encoding,
            profile: counts.profile,
            licence: self.source.licence.clone(),
            rows_read: counts.rows_read,
            stored: counts.stored,
            quarantined: counts.quarantined,
            duplicates: counts.duplicates,
            reasons: counts.reasons,
            files,
        };
        manifest.generation += 1;
        manifest.ingests.push(record.clone());
        manifest.save_atomic(&self.manifest_path)?;
        // The commit is durable; the empty staging folder is only tidied.
        let _ = fs_err::remove_dir_all(&self.staging);
        Ok(record)
    }
}

fn close_part(part: &mut PartWriter) -> Result<()> {
    if let Some(writer) = part.writer.take() {
        let path = part.parts.last().map(|p| p.0.clone()).unwrap_or_default();
        let file = writer
            .into_inner()
            .map_err(|source| Error::Parquet { path, source })?;
        file.sync_all()?;
        part.current_rows = 0;
    }
    Ok(())
}
