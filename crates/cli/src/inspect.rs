//! `tradetrail stats`, `query`, `export` and the `ingest --dry-run` listing: reading the workspace from the terminal.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use tradetrail_ingest::IngestOptions;
use tradetrail_store::{ExportFormat, Summary, Workspace, batches_to_table};

/// Arguments of `tradetrail stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Output formats of `tradetrail query`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QueryOutput {
    /// An aligned text table.
    Table,
    /// CSV with a header row.
    Csv,
    /// One JSON object per row.
    Jsonl,
}

/// Arguments of `tradetrail query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// One SQL statement (DataFusion dialect) over shipments, quarantine and ingests.
    pub sql: String,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t = QueryOutput::Table)]
    pub output: QueryOutput,
}

/// File formats of `tradetrail export`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FileFormat {
    /// CSV with a header row.
    Csv,
    /// Apache Parquet.
    Parquet,
    /// One JSON object per line.
    Jsonl,
}

/// Arguments of `tradetrail export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Table to export: shipments, quarantine or ingests.
    pub table: String,
    /// File format.
    #[arg(long, value_enum)]
    pub format: FileFormat,
    /// Output file (default: <table>.<format> in the current folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn stats(home: &Path, args: StatsArgs) -> anyhow::Result<ExitCode> {
    let ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    let summary = crate::runtime()?.block_on(ws.summary())?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        println!("workspace {}", home.display());
        print_summary(&summary);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn print_summary(s: &Summary) {
    println!(
        "{} shipment lines, {} quarantined, {} to {}",
        s.lines,
        s.quarantined,
        s.first_date.as_deref().unwrap_or("-"),
        s.last_date.as_deref().unwrap_or("-")
    );
    for (dataset, n) in &s.datasets {
        println!("  dataset {dataset}: {n} lines");
    }
    println!(
        "total value ${} ({} lines without a USD value)",
        money(s.value_usd),
        s.lines_without_usd
    );
    println!("\nvalue by HS chapter:");
    for c in &s.chapters {
        println!(
            "  {}  ${:>16}  {:>9} lines",
            c.chapter,
            money(c.value_usd),
            c.lines
        );
    }
    for (title, parties) in [
        ("top shippers", &s.top_shippers),
        ("top consignees", &s.top_consignees),
    ] {
        println!("\n{title} by value:");
        for p in parties {
            println!(
                "  ${:>16}  {:>7} lines  {}",
                money(p.value_usd),
                p.lines,
                p.name
            );
        }
    }
    if !s.quarantine_reasons.is_empty() {
        println!("\nquarantined rows by reason:");
        for (reason, n) in &s.quarantine_reasons {
            println!("  {n:>9}  {reason}");
        }
    }
}

/// Formats dollars with thousands separators and no cents.
pub fn money(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

pub fn query(home: &Path, args: QueryArgs) -> anyhow::Result<ExitCode> {
    let ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    let batches = crate::runtime()?.block_on(ws.query(&args.sql))?;
    let stdout = std::io::stdout();
    match args.output {
        QueryOutput::Table => println!("{}", batches_to_table(&batches)),
        QueryOutput::Csv => {
            let mut w = arrow::csv::WriterBuilder::new()
                .with_header(true)
                .build(stdout.lock());
            for b in &batches {
                w.write(b)?;
            }
        }
        QueryOutput::Jsonl => {
            let mut w = arrow::json::LineDelimitedWriter::new(stdout.lock());
            for b in &batches {
                w.write(b)?;
            }
            w.finish()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(home: &Path, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    let (format, ext) = match args.format {
        FileFormat::Csv => (ExportFormat::Csv, "csv"),
        FileFormat::Parquet => (ExportFormat::Parquet, "parquet"),
        FileFormat::Jsonl => (ExportFormat::JsonLines, "jsonl"),
    };
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("{}.{ext}", args.table)));
    let rows = crate::runtime()?.block_on(ws.export_table(&args.table, format, &out))?;
    println!("wrote {rows} rows of {} to {}", args.table, out.display());
    Ok(ExitCode::SUCCESS)
}

pub fn print_dry_run(path: &Path, options: &IngestOptions, sample: usize) -> anyhow::Result<()> {
    let dry = tradetrail_ingest::dry_run(path, options, sample)
        .with_context(|| format!("{}", path.display()))?;
    let r = &dry.report;
    println!(
        "{}: {:?}, {}, profile {}",
        path.display(),
        r.format,
        r.encoding,
        r.profile
    );
    println!("\nmapping (canonical field <- input column):");
    for (field, column) in &r.mapping {
        println!("  {field:<24} <- {column}");
    }
    if r.unmapped.is_empty() {
        println!("\nevery input column is mapped");
    } else {
        println!("\nunmapped input columns: {}", r.unmapped.join(", "));
    }
    println!("\nfirst parsed rows:");
    for row in &dry.rows {
        println!("{}", serde_json::to_string(row)?);
    }
    for q in &dry.quarantined {
        println!(
            "quarantined line {}: {} ({})",
            q.source_line, q.reason, q.reason_code
        );
    }
    println!(
        "\nmapping file to save and edit (use with --mapping FILE):\n{}",
        dry.mapping_toml
    );
    Ok(())
}
