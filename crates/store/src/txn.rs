//! Writes as transactions: Parquet parts written to staging, moved into place, then made visible by one manifest commit.
//!
//! [`IngestTxn`] adds one customs file to the shipment and quarantine tables.
//! [`ImportTxn`] adds a list or reference file to its tables and, in the same commit, retires the import it replaces.

use std::collections::BTreeMap;
use std::path::PathBuf;

use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;

use crate::manifest::{ImportRecord, IngestRecord, Manifest, PartFile, Table, sync_dir};
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
    /// Content digest of the file (`xxh3-128:` and 32 hex digits).
    pub digest: String,
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

/// What a list or reference import is, as the manifest records it.
#[derive(Debug, Clone)]
pub struct ImportSpec {
    /// `list` or `reference`.
    pub kind: String,
    /// What is imported; a later import with the same kind and name replaces this one.
    pub name: String,
    /// Format read.
    pub format: String,
    /// Path or URL read.
    pub source: String,
    /// Content digest of the bytes read.
    pub digest: String,
    /// Version or publication date of the source.
    pub version: Option<String>,
}

struct PartWriter {
    writer: Option<ArrowWriter<std::fs::File>>,
    current_rows: u64,
    parts: Vec<(PathBuf, u64)>,
}

/// Staged Parquet parts and the writer lock; nothing is visible until a commit.
struct Staged {
    root: PathBuf,
    manifest_path: PathBuf,
    id: String,
    staging: PathBuf,
    writers: BTreeMap<Table, PartWriter>,
    _lock: std::fs::File,
}

impl Staged {
    fn write(&mut self, table: Table, batch: &RecordBatch) -> Result<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        let part = self.writers.entry(table).or_insert_with(|| PartWriter {
            writer: None,
            current_rows: 0,
            parts: Vec::new(),
        });
        if part.writer.is_none() || part.current_rows >= ROWS_PER_PART {
            close_part(part)?;
            let path =
                self.staging
                    .join(format!("{}-{:04}.parquet", table.name(), part.parts.len()));
            let file = fs_err::File::create(&path)?.into_parts().0;
            let mut props = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_statistics_enabled(parquet::file::properties::EnabledStatistics::Chunk)
                .set_max_row_group_row_count(Some(ROWS_PER_GROUP))
                .set_created_by("tradetrail".into());
            let schema = table.schema();
            for column in plain_columns(&schema) {
                props = props.set_column_dictionary_enabled(ColumnPath::from(column), false);
            }
            let props = props.build();
            let writer =
                ArrowWriter::try_new(file, table.schema(), Some(props)).map_err(|source| {
                    Error::Parquet {
                        path: path.clone(),
                        source,
                    }
                })?;
            part.writer = Some(writer);
            part.parts.push((path, 0));
        }
        let (path, rows) = part.parts.last_mut().expect("opened above");
        let writer = part.writer.as_mut().expect("opened above");
        writer.write(batch).map_err(|source| Error::Parquet {
            path: path.clone(),
            source,
        })?;
        *rows += batch.num_rows() as u64;
        part.current_rows += batch.num_rows() as u64;
        Ok(())
    }

    /// Closes and syncs every part, moves it into its table folder, and returns the part files for the manifest.
    fn place_files(&mut self) -> Result<Vec<PartFile>> {
        let mut files = Vec::new();
        for (table, part) in &mut self.writers {
            close_part(part)?;
            let dir = PathBuf::from("tables").join(table.name());
            for (i, (path, rows)) in part.parts.iter().enumerate() {
                let name = format!("{}-{:04}.parquet", self.id, i);
                fs_err::rename(path, self.root.join(&dir).join(&name))?;
                files.push(PartFile {
                    table: *table,
                    path: format!("tables/{}/{}", table.name(), name),
                    rows: *rows,
                });
            }
            sync_dir(&self.root.join(&dir))?;
        }
        Ok(files)
    }

    /// Applies `change` to the committed manifest and replaces it atomically.
    fn commit_manifest(&self, change: impl FnOnce(&mut Manifest)) -> Result<()> {
        let mut manifest = Manifest::load(&self.manifest_path)?;
        change(&mut manifest);
        manifest.generation += 1;
        manifest.save_atomic(&self.manifest_path)?;
        // The commit is durable; the empty staging folder is only tidied.
        let _ = fs_err::remove_dir_all(&self.staging);
        Ok(())
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

/// An ingest in progress; nothing it writes is visible until [`IngestTxn::commit`].
///
/// Dropping it without committing leaves the workspace unchanged (the staging folder is removed on the next write).
pub struct IngestTxn {
    staged: Staged,
    source: IngestSource,
}

impl IngestTxn {
    pub(crate) fn new(
        ws: &Workspace,
        lock: std::fs::File,
        source: IngestSource,
        id: String,
        staging: PathBuf,
    ) -> IngestTxn {
        IngestTxn {
            staged: staged(ws, lock, id, staging),
            source,
        }
    }

    /// The id of this ingest, stamped on every row it writes.
    pub fn ingest_id(&self) -> &str {
        &self.staged.id
    }

    /// Appends a batch of shipment lines.
    pub fn write_shipments(&mut self, batch: &RecordBatch) -> Result<()> {
        self.staged.write(Table::Shipments, batch)
    }

    /// Appends a batch of quarantined rows.
    pub fn write_quarantine(&mut self, batch: &RecordBatch) -> Result<()> {
        self.staged.write(Table::Quarantine, batch)
    }

    /// Makes everything written visible at once and records the ingest in the manifest.
    pub fn commit(mut self, counts: IngestCounts) -> Result<IngestRecord> {
        let files = self.staged.place_files()?;
        let record = IngestRecord {
            ingest_id: self.staged.id.clone(),
            dataset: self.source.dataset.clone(),
            source_file: self.source.source_file.clone(),
            source_digest: self.source.digest.clone(),
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
        self.staged
            .commit_manifest(|m| m.ingests.push(record.clone()))?;
        Ok(record)
    }
}

/// A list or reference import in progress; nothing it writes is visible until [`ImportTxn::commit`].
pub struct ImportTxn {
    staged: Staged,
    spec: ImportSpec,
}

impl ImportTxn {
    pub(crate) fn new(
        ws: &Workspace,
        lock: std::fs::File,
        spec: ImportSpec,
        id: String,
        staging: PathBuf,
    ) -> ImportTxn {
        ImportTxn {
            staged: staged(ws, lock, id, staging),
            spec,
        }
    }

    /// The id of this import.
    pub fn import_id(&self) -> &str {
        &self.staged.id
    }

    /// Appends a batch to one of the reference tables.
    pub fn write(&mut self, table: Table, batch: &RecordBatch) -> Result<()> {
        self.staged.write(table, batch)
    }

    /// Makes everything written visible and retires the import of the same kind and name, in one commit.
    pub fn commit(mut self) -> Result<ImportRecord> {
        let files = self.staged.place_files()?;
        let mut rows = BTreeMap::new();
        for f in &files {
            *rows.entry(f.table.name().to_owned()).or_insert(0) += f.rows;
        }
        let record = ImportRecord {
            import_id: self.staged.id.clone(),
            kind: self.spec.kind.clone(),
            name: self.spec.name.clone(),
            format: self.spec.format.clone(),
            source: self.spec.source.clone(),
            source_digest: self.spec.digest.clone(),
            version: self.spec.version.clone(),
            issues: rows.get(Table::ImportIssues.name()).copied().unwrap_or(0),
            rows,
            files,
        };
        self.staged.commit_manifest(|m| {
            m.imports
                .retain(|i| !(i.kind == record.kind && i.name == record.name));
            m.imports.push(record.clone());
        })?;
        Ok(record)
    }
}

fn staged(ws: &Workspace, lock: std::fs::File, id: String, staging: PathBuf) -> Staged {
    Staged {
        root: ws.root().to_owned(),
        manifest_path: ws.manifest_path(),
        id,
        staging,
        writers: BTreeMap::new(),
        _lock: lock,
    }
}

/// Columns written without a dictionary: identifiers and measurements that are (nearly) unique per row.
///
/// A dictionary there costs a hash and a comparison per value and then falls back to plain encoding anyway;
/// profiling the 1M-line ingest put the writer's dictionary interning at a sixth of all CPU time.
fn plain_columns(schema: &arrow::datatypes::Schema) -> Vec<String> {
    use arrow::datatypes::DataType;
    let floats: Vec<&str> = schema
        .fields()
        .iter()
        .filter(|f| f.data_type() == &DataType::Float64)
        .map(|f| f.name().as_str())
        .collect();
    schema
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .filter(|name| {
            UNIQUE_COLUMNS.contains(name)
                || floats.contains(name)
                || name
                    .strip_suffix("_raw")
                    .is_some_and(|base| floats.contains(&base))
        })
        .map(str::to_owned)
        .collect()
}

/// Text columns that identify a row or a declaration, so that almost every value is new.
const UNIQUE_COLUMNS: &[&str] = &["record_id", "source_record_id", "declaration_number"];
