//! `tradetrail reference`: import the HS nomenclature, the HS2017↔HS2022 correlation and the foreign-components catalogue.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use tradetrail_model::{
    ComponentBatchBuilder, HsCodeBatchBuilder, HsCorrelationBatchBuilder, ImportIssue,
    ImportIssueBatchBuilder,
};
use tradetrail_store::{ImportSpec, Table, Workspace, batches_to_table};

use crate::imports::{TableRows, batches, commit_import, digest_path};

/// Arguments of `tradetrail reference`.
#[derive(Debug, Args)]
pub struct ReferenceArgs {
    #[command(subcommand)]
    command: Option<ReferenceCommand>,
}

#[derive(Debug, Subcommand)]
enum ReferenceCommand {
    /// Import a reference file (or folder).
    Import {
        /// What the file is.
        kind: ReferenceKind,
        /// File, or folder for the components catalogue (components.csv, drones.csv, manufacturers.csv).
        path: std::path::PathBuf,
    },
    /// Show the imported references (the default).
    Show,
}

/// Kinds of reference file.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReferenceKind {
    /// HS2022 nomenclature CSV (code, description, parent, level, section).
    Hs2022,
    /// HS2017 nomenclature CSV.
    Hs2017,
    /// UNSD HS2022↔HS2017 correlation or conversion table (CSV).
    HsCorrelation,
    /// Foreign-components catalogue folder (components.csv, drones.csv, manufacturers.csv).
    Components,
}

impl ReferenceKind {
    fn name(self) -> &'static str {
        match self {
            ReferenceKind::Hs2022 => "hs2022",
            ReferenceKind::Hs2017 => "hs2017",
            ReferenceKind::HsCorrelation => "hs-correlation",
            ReferenceKind::Components => "components",
        }
    }
}

pub fn run(home: &Path, args: ReferenceArgs) -> anyhow::Result<ExitCode> {
    let mut ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    match args.command.unwrap_or(ReferenceCommand::Show) {
        ReferenceCommand::Import { kind, path } => import(&mut ws, kind, &path)?,
        ReferenceCommand::Show => {
            let imports = crate::runtime()?.block_on(ws.query(
                "SELECT import_id, name, format, rows, issues, source FROM imports WHERE kind = 'reference' ORDER BY name",
            ))?;
            println!("{}", batches_to_table(&imports));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Imports one reference file into its tables and prints the counts.
pub fn import(ws: &mut Workspace, kind: ReferenceKind, path: &Path) -> anyhow::Result<()> {
    let file = path.display().to_string();
    let read =
        |p: &Path| fs_err::read_to_string(p).with_context(|| format!("reading {}", p.display()));
    let (tables, issues) = match kind {
        ReferenceKind::Hs2022 | ReferenceKind::Hs2017 => {
            let vintage = if matches!(kind, ReferenceKind::Hs2022) {
                "HS2022"
            } else {
                "HS2017"
            };
            let (rows, issues) =
                tradetrail_refdata::hs::parse_nomenclature(vintage, &read(path)?, &file);
            println!("{file}: {} {vintage} codes", rows.len());
            let t = TableRows {
                table: Table::HsCodes,
                batches: batches(
                    &rows,
                    |b: &mut HsCodeBatchBuilder, r| b.push(r),
                    |b| b.finish(),
                ),
            };
            (vec![t], issues)
        }
        ReferenceKind::HsCorrelation => {
            let (rows, issues) = tradetrail_refdata::hs::parse_correlation(&read(path)?, &file);
            println!("{file}: {} correlation pairs", rows.len());
            let t = TableRows {
                table: Table::HsCorrelation,
                batches: batches(
                    &rows,
                    |b: &mut HsCorrelationBatchBuilder, r| b.push(r),
                    |b| b.finish(),
                ),
            };
            (vec![t], issues)
        }
        ReferenceKind::Components => {
            let components = read(&path.join("components.csv"))?;
            let drones = read(&path.join("drones.csv"))?;
            let manufacturers = read(&path.join("manufacturers.csv"))?;
            let source = "GUR War&Sanctions foreign-components catalogue (CC BY 4.0)";
            let (rows, issues) = tradetrail_refdata::components::parse_catalogue(
                &components,
                &drones,
                &manufacturers,
                source,
            );
            println!("{file}: {} component-in-platform rows", rows.len());
            let t = TableRows {
                table: Table::Components,
                batches: batches(
                    &rows,
                    |b: &mut ComponentBatchBuilder, r| b.push(r),
                    |b| b.finish(),
                ),
            };
            (vec![t], issues)
        }
    };
    let mut tables = tables;
    tables.push(issue_rows(&issues));
    if !issues.is_empty() {
        println!(
            "    {} records reported as issues (see: tradetrail query \"SELECT * FROM import_issues\")",
            issues.len()
        );
    }
    let spec = ImportSpec {
        kind: "reference".into(),
        name: kind.name().into(),
        format: kind.name().into(),
        source: file.clone(),
        digest: digest_path(path)?,
        version: None,
    };
    if commit_import(ws, spec, tables)?.is_none() {
        println!("{file}: already imported (same bytes), nothing changed");
    }
    Ok(())
}

fn issue_rows(issues: &[ImportIssue]) -> TableRows {
    TableRows {
        table: Table::ImportIssues,
        batches: batches(
            issues,
            |b: &mut ImportIssueBatchBuilder, r| b.push(r),
            |b| b.finish(),
        ),
    }
}
