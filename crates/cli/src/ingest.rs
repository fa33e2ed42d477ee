//! `tradetrail ingest`: reads files into the workspace, one atomic ingest per file, and reports what happened to every row.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use tradetrail_ingest::{FileReport, IngestOptions, KnownRecords, Mapping};
use tradetrail_store::{IngestCounts, IngestSource, IngestTxn, Workspace};
use xxhash_rust::xxh3::Xxh3;

use crate::progress::Bar;

/// Arguments of `tradetrail ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files to read: CSV, TSV, JSON Lines, Parquet or XLSX.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Dataset the rows belong to, e.g. ru-imports-vendorX-2023.
    #[arg(long)]
    pub dataset: String,
    /// Built-in column layout: canonical, ru-vendor or ru-customs (default: detected from the headers).
    #[arg(long, conflicts_with = "mapping")]
    pub profile: Option<String>,
    /// A TOML mapping file for any other layout (see `--dry-run`, which prints one to start from).
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// Encoding label (utf-8, utf-16, windows-1251, ...); default: detected.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Licence or terms the data is held under, recorded on every row.
    #[arg(long)]
    pub licence: Option<String>,
    /// ISO code of the country whose customs produced the records, when the layout does not say.
    #[arg(long)]
    pub reporting_country: Option<String>,
    /// Print the mapping, the unmapped columns and the first parsed rows; store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Rows shown by --dry-run.
    #[arg(long, default_value_t = 5)]
    pub sample: usize,
}

/// What happened to one file.
pub struct Outcome {
    /// The file.
    pub path: PathBuf,
    /// The reader's report, or None when the file was skipped as already ingested.
    pub report: Option<FileReport>,
}

pub fn run(home: &Path, args: IngestArgs) -> anyhow::Result<ExitCode> {
    let mapping = match &args.mapping {
        Some(path) => {
            let text = fs_err::read_to_string(path)?;
            Some(
                Mapping::from_toml_str(&text)
                    .with_context(|| format!("mapping file {}", path.display()))?,
            )
        }
        None => None,
    };
    let options = IngestOptions {
        dataset: args.dataset.clone(),
        profile: args.profile.clone(),
        mapping,
        encoding: args.encoding.clone(),
        licence: args.licence.clone(),
        reporting_country: args.reporting_country.clone(),
        ..IngestOptions::default()
    };
    if args.dry_run {
        for path in &args.files {
            crate::inspect::print_dry_run(path, &options, args.sample)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    let mut failed = 0;
    for path in &args.files {
        match ingest_one(&mut ws, path, &options) {
            Ok(outcome) => print_outcome(&outcome),
            Err(err) => {
                failed += 1;
                eprintln!("error: {}: {err:#}", path.display());
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Ingests one file as one transaction; a file already ingested into the dataset is skipped.
/// The day after today (UTC), as a `Date32` day: the latest plausible declaration date, with a day's grace for time zones.
/// The binary is the only place that reads the clock for the ingest; the library takes the day as an option.
pub fn tomorrow() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    i32::try_from(secs / 86_400).unwrap_or(i32::MAX - 1) + 1
}

pub fn ingest_one(
    ws: &mut Workspace,
    path: &Path,
    options: &IngestOptions,
) -> anyhow::Result<Outcome> {
    let (digest, bytes) = file_digest(path)?;
    let source = IngestSource {
        dataset: options.dataset.clone(),
        source_file: path.display().to_string(),
        digest,
        bytes,
        licence: options.licence.clone(),
    };
    let Some(txn) = ws.begin_ingest(source)? else {
        return Ok(Outcome {
            path: path.to_owned(),
            report: None,
        });
    };
    let mut known = KnownRecords::new();
    ws.for_each_record_id(&options.dataset, |id| {
        if let Some(hash) = tradetrail_ingest::record_hash_from_id(id) {
            known.insert(hash);
        }
    })?;
    let options = IngestOptions {
        ingest_id: txn.ingest_id().to_owned(),
        latest_date: options.latest_date.or(Some(tomorrow())),
        ..options.clone()
    };
    let bar = Bar::bytes(bytes, &file_label(path));
    // Parquet is written on its own thread, so that reading and parsing go on while a batch is compressed.
    let (report, txn) = std::thread::scope(|scope| -> anyhow::Result<_> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(4);
        let writer = scope.spawn(move || -> tradetrail_store::Result<IngestTxn> {
            let mut txn = txn;
            for batch in rx {
                match batch {
                    Batch::Shipments(b) => txn.write_shipments(&b)?,
                    Batch::Quarantine(b) => txn.write_quarantine(&b)?,
                }
            }
            Ok(txn)
        });
        let mut sink = ChannelSink(tx);
        let report = tradetrail_ingest::ingest_path(path, &options, &mut known, &mut sink, &bar);
        drop(sink);
        let txn = writer
            .join()
            .map_err(|_| anyhow::anyhow!("the store writer thread panicked"))?;
        // A store error explains a failed send better than the reader's error does.
        let txn = txn?;
        Ok((report?, txn))
    })?;
    bar.finish();
    txn.commit(IngestCounts {
        format: format!("{:?}", report.format).to_lowercase(),
        encoding: report.encoding.clone(),
        profile: report.profile.clone(),
        rows_read: report.rows_read,
        stored: report.stored,
        quarantined: report.quarantined,
        duplicates: report.duplicates,
        reasons: report.reasons.clone(),
    })?;
    ws.reload()?;
    Ok(Outcome {
        path: path.to_owned(),
        report: Some(report),
    })
}

pub fn print_outcome(outcome: &Outcome) {
    let name = outcome.path.display();
    let Some(r) = &outcome.report else {
        println!("{name}: already ingested into this dataset, skipped");
        return;
    };
    println!(
        "{name}: read {} | stored {} | quarantined {} | duplicate {}   ({:?}, {}, profile {})",
        r.rows_read, r.stored, r.quarantined, r.duplicates, r.format, r.encoding, r.profile
    );
    for (reason, n) in &r.reasons {
        println!("    quarantined {n:>8}  {reason}");
    }
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn file_digest(path: &Path) -> anyhow::Result<(String, u64)> {
    let mut file = fs_err::File::open(path)?;
    let mut hasher = Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((crate::imports::format_digest(hasher.digest128()), total))
}

/// A batch on its way to the store writer thread.
enum Batch {
    Shipments(arrow::record_batch::RecordBatch),
    Quarantine(arrow::record_batch::RecordBatch),
}

/// Hands batches to the store writer thread; fails when that thread has stopped on an error.
struct ChannelSink(std::sync::mpsc::SyncSender<Batch>);

type SinkResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

impl tradetrail_ingest::Sink for ChannelSink {
    fn shipments(&mut self, batch: arrow::record_batch::RecordBatch) -> SinkResult {
        Ok(self
            .0
            .send(Batch::Shipments(batch))
            .map_err(|_| "the store writer stopped")?)
    }
    fn quarantine(&mut self, batch: arrow::record_batch::RecordBatch) -> SinkResult {
        Ok(self
            .0
            .send(Batch::Quarantine(batch))
            .map_err(|_| "the store writer stopped")?)
    }
}
