//! Reads vendor exports of customs declarations into canonical shipment lines and quarantined rows, losing nothing.
//!
//! Every row read ends up in exactly one place: stored as a [`tradetrail_model::ShipmentLine`],
//! quarantined as a [`tradetrail_model::QuarantineRow`] with a reason, or counted as a duplicate,
//! so `rows_read == stored + quarantined + duplicates` for every file.
//! Bad rows never fail a file; only whole-file problems are an [`Error`].
//!
//! Formats: CSV/TSV (any delimiter), JSON Lines, Parquet, XLSX.
//! Encodings: UTF-8 (with or without BOM), UTF-16, Windows-1251 and any `encoding_rs` label.
//! Columns are mapped by a built-in profile, a user mapping file ([`Mapping`]) or Russian/English header synonyms.
//! Text input is streamed in chunks normalised in parallel with rayon, so memory stays flat in the file size.

#![warn(missing_docs)]

mod driver;
mod encoding;
mod error;
mod fields;
mod formats;
mod known;
mod mapping;
mod normalise;
mod pipeline;
mod plan;
mod records;
mod synonyms;
pub mod values;
mod worker;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use arrow::record_batch::RecordBatch;
use tradetrail_model::{QuarantineRow, ShipmentLine};

pub use error::{Error, Result};
pub use fields::Field;
pub use formats::Format;
pub use known::{KnownRecords, record_hash_from_id};
pub use mapping::{BUILTIN_PROFILES, Defaults, FileSection, Mapping, Values};
pub use synonyms::{field_for_header, normalise_header};
pub use values::number::Decimal;

use driver::{choose_format, open_path, open_text, run};
use formats::Counting;

/// How to ingest one file.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Dataset the rows are stored in; part of every record id.
    pub dataset: String,
    /// Id of this ingest run, stored on every row.
    pub ingest_id: String,
    /// Built-in profile (`canonical`, `ru-vendor`, `ru-customs`); `None` detects it from the headers.
    pub profile: Option<String>,
    /// A parsed user mapping file; overrides `profile`.
    pub mapping: Option<Mapping>,
    /// Input format; `None` takes it from the mapping, the extension, the profile or the content.
    pub format: Option<Format>,
    /// Encoding label; `None` detects it.
    pub encoding: Option<String>,
    /// Licence the data is held under.
    pub licence: Option<String>,
    /// Reporting country; overrides the profile's default.
    pub reporting_country: Option<String>,
    /// Most rows per Arrow batch handed to the sink (batches are handed on once this many rows are pending).
    pub batch_rows: usize,
    /// Largest cell in bytes; a larger one quarantines its row as `oversized_field`.
    pub max_field_bytes: usize,
    /// Earliest plausible declaration date (`Date32` day); an earlier one quarantines its row as `implausible_date`.
    pub earliest_date: i32,
    /// Latest plausible declaration date (`Date32` day), usually the day of the ingest; `None` accepts any later date.
    /// The library never reads a clock: the binary passes today's date here.
    pub latest_date: Option<i32>,
}

/// 1990-01-01: no customs service this tool reads kept electronic declarations before it.
pub const EARLIEST_DATE: i32 = 7305;

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            dataset: "default".to_owned(),
            ingest_id: String::new(),
            profile: None,
            mapping: None,
            format: None,
            encoding: None,
            licence: None,
            reporting_country: None,
            batch_rows: 65_536,
            max_field_bytes: 64 * 1024,
            earliest_date: EARLIEST_DATE,
            latest_date: None,
        }
    }
}

/// Receives the batches of one ingest; the CLI implements it over the store.
pub trait Sink {
    /// Takes a batch of shipment lines (schema [`tradetrail_model::shipment_schema`]).
    fn shipments(
        &mut self,
        batch: RecordBatch,
    ) -> std::result::Result<(), Box<dyn std::error::Error + Send + Sync>>;
    /// Takes a batch of quarantined rows (schema [`tradetrail_model::quarantine_schema`]).
    fn quarantine(
        &mut self,
        batch: RecordBatch,
    ) -> std::result::Result<(), Box<dyn std::error::Error + Send + Sync>>;
}

/// A sink that drops everything (dry runs, fuzzing, speed tests).
#[derive(Debug, Default, Clone, Copy)]
pub struct NullSink;

impl Sink for NullSink {
    fn shipments(
        &mut self,
        _: RecordBatch,
    ) -> std::result::Result<(), Box<dyn std::error::Error + Send + Sync>> {
        Ok(())
    }
    fn quarantine(
        &mut self,
        _: RecordBatch,
    ) -> std::result::Result<(), Box<dyn std::error::Error + Send + Sync>> {
        Ok(())
    }
}

/// Progress of one file, called on the ingesting thread after each chunk.
pub trait Progress {
    /// `bytes` of (decoded) input and `rows` read since the last call.
    fn advance(&self, bytes: u64, rows: u64);
}

impl Progress for () {
    fn advance(&self, _: u64, _: u64) {}
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    /// The file, as named by the caller.
    pub source_file: String,
    /// Format read.
    pub format: Format,
    /// Encoding read (`xlsx`/`parquet` for binary formats).
    pub encoding: String,
    /// Built-in profile name, `mapping file` or `auto`.
    pub profile: String,
    /// (canonical field, input column) pairs used.
    pub mapping: Vec<(String, String)>,
    /// Input columns no field was read from.
    pub unmapped: Vec<String>,
    /// Rows read (blank lines and the header are not rows).
    pub rows_read: u64,
    /// Rows stored as shipment lines.
    pub stored: u64,
    /// Rows quarantined.
    pub quarantined: u64,
    /// Rows dropped as exact duplicates of stored rows.
    pub duplicates: u64,
    /// Quarantined rows per reason code.
    pub reasons: BTreeMap<String, u64>,
    /// Bytes read from the file.
    pub bytes: u64,
}

/// A preview of how a file would be read, without storing anything.
#[derive(Debug, Clone)]
pub struct DryRun {
    /// The counts and mapping for the sampled rows.
    pub report: FileReport,
    /// The effective mapping as a TOML file the user can save, edit and pass back.
    pub mapping_toml: String,
    /// The first rows as they would be stored.
    pub rows: Vec<ShipmentLine>,
    /// The first quarantined rows among the sampled ones.
    pub quarantined: Vec<QuarantineRow>,
}

/// Ingests one file of any supported format.
pub fn ingest_path(
    path: &Path,
    opts: &IngestOptions,
    known: &mut KnownRecords,
    sink: &mut dyn Sink,
    progress: &dyn Progress,
) -> Result<FileReport> {
    let pre = plan::given_mapping(opts.mapping.as_ref(), opts.profile.as_deref())?;
    let (opened, count) = open_path(path, opts, pre.as_ref().map(|(m, _)| m))?;
    let name = path.display().to_string();
    let (mut report, _, _) = run(&name, opened, opts, pre, known, sink, progress, None)?;
    report.bytes = match count {
        Some(c) => c.get(),
        None => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    };
    Ok(report)
}

/// Ingests CSV, TSV or JSON Lines from a stream; `name` is recorded as the source file and its extension is a format hint.
pub fn ingest_reader(
    name: &str,
    reader: impl Read,
    opts: &IngestOptions,
    known: &mut KnownRecords,
    sink: &mut dyn Sink,
    progress: &dyn Progress,
) -> Result<FileReport> {
    let pre = plan::given_mapping(opts.mapping.as_ref(), opts.profile.as_deref())?;
    let (mut reader, count) = Counting::new(reader);
    let mut prefix = Vec::new();
    (&mut reader)
        .take(4096)
        .read_to_end(&mut prefix)
        .map_err(|e| Error::Read {
            file: name.to_owned(),
            source: e,
        })?;
    let format = choose_format(name, opts, pre.as_ref().map(|(m, _)| m), &prefix);
    let joined = std::io::Cursor::new(prefix).chain(reader);
    let opened = open_text(name, joined, format, opts, pre.as_ref().map(|(m, _)| m))?;
    let (mut report, _, _) = run(name, opened, opts, pre, known, sink, progress, None)?;
    report.bytes = count.get();
    Ok(report)
}

/// Reads the first `sample_rows` rows of a file and shows how they would be stored, without storing anything.
pub fn dry_run(path: &Path, opts: &IngestOptions, sample_rows: usize) -> Result<DryRun> {
    let pre = plan::given_mapping(opts.mapping.as_ref(), opts.profile.as_deref())?;
    let (opened, count) = open_path(path, opts, pre.as_ref().map(|(m, _)| m))?;
    let name = path.display().to_string();
    let mut known = KnownRecords::new();
    let limit = Some(sample_rows.max(1) as u64);
    let (mut report, tally, effective) = run(
        &name,
        opened,
        opts,
        pre,
        &mut known,
        &mut NullSink,
        &(),
        limit,
    )?;
    report.bytes = count.map_or(0, |c| c.get());
    Ok(DryRun {
        report,
        mapping_toml: effective.to_toml_string(),
        rows: tally.lines,
        quarantined: tally.quarantine_rows,
    })
}
