//! The `tradetrail` binary: parses the command line, runs one command, maps the outcome to an exit code.
//!
//! Exit codes: 0 when the command ran, 2 when it failed (a message on stderr names what failed).
//! `ingest` fails only when a whole file cannot be read; bad rows are quarantined, not errors.

mod classify;
mod demo;
mod detect;
mod detect_context;
mod entities;
mod entities_build;
mod eval;
mod eval_classify;
mod eval_detect;
mod eval_screen;
mod eval_trace;
mod eval_world;
mod findings;
mod graph;
mod imports;
mod ingest;
mod inspect;
mod lists;
mod matching;
mod product;
mod progress;
mod reference;
mod report;
mod screen;
mod search;
mod serve;
mod trace;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Follows dual-use goods through customs data.
#[derive(Debug, Parser)]
#[command(name = "tradetrail", version, about, long_about = None)]
struct Cli {
    /// Workspace directory (one per investigation); default: $TRADETRAIL_HOME, else a per-user data folder.
    #[arg(long, global = true, env = "TRADETRAIL_HOME")]
    home: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a synthetic world, ingest it and print a first summary.
    Demo(demo::DemoArgs),
    /// Read customs declaration files into the workspace.
    Ingest(ingest::IngestArgs),
    /// Write a synthetic, labelled world of customs declarations.
    Synth(demo::SynthArgs),
    /// Print what the workspace holds.
    Stats(inspect::StatsArgs),
    /// Run one SQL statement over the workspace tables (shipments, quarantine, ingests).
    Query(inspect::QueryArgs),
    /// Write a table or a query result to CSV, Parquet or JSON Lines.
    Export(inspect::ExportArgs),
    /// Sanctions and export-control lists: import, show, update.
    Lists(lists::ListsArgs),
    /// Reference data: HS nomenclature, HS correlation, the foreign-components catalogue.
    Reference(reference::ReferenceArgs),
    /// What is known about a drone or component: catalogue facts and documented foreign components.
    Product(product::ProductArgs),
    /// Compare two party names (any script) and explain the verdict feature by feature.
    Match(matching::MatchArgs),
    /// Print quality figures on labelled data.
    Eval(eval::EvalArgs),
    /// Classify every stored line (drone, drone part, CHPL component, other) and print the drone totals by brand.
    Classify,
    /// Ranked full-text search over the stored lines (Russian, English, Chinese, transliterated), with filters.
    Search(search::SearchArgs),
    /// Resolve party mentions into entities; search, show, merge, split and judge them.
    Entities(entities::EntitiesArgs),
    /// Screen every resolved entity (or one --name) against the loaded sanctions and export-control lists; list and review hits.
    Screen(screen::ScreenArgs),
    /// Serve the HTTP API: yente-compatible /match and /search, and the Reconciliation API for OpenRefine.
    Serve(serve::ServeArgs),
    /// Run every red-flag detector over the classified, resolved lines and store the findings.
    Detect,
    /// List the stored findings with filters, strongest first, with their evidence.
    Findings(findings::FindingsArgs),
    /// Intermediary chains from a manufacturer, brand owner or exporter to recipients in a country, ranked by value, with evidence rows.
    Trace(trace::TraceArgs),
    /// The trade graph: neighbourhoods, country flows, transshipment routes, pass-through entities, mirror flows, exports.
    Graph(graph::GraphArgs),
    /// The investigation report for goods to a country: totals by brand, model, exporter, importer and route, chains, findings, hits, components and methods, as HTML with charts, Markdown and JSON.
    Report(report::ReportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Output piped into `head` ends quietly, as a Unix tool should, instead of panicking in println!.
    // Not for the server: a client that hangs up while its answer is written (vectored socket writes raise SIGPIPE) would kill it for everyone.
    if !matches!(cli.command, Command::Serve(_)) {
        sigpipe::reset();
    }
    let home = cli.home.clone();
    let result = match cli.command {
        Command::Demo(args) => demo::run_demo(home, args),
        Command::Ingest(args) => ingest::run(&workspace_home(home), args),
        Command::Synth(args) => demo::run_synth(args),
        Command::Stats(args) => inspect::stats(&workspace_home(home), args),
        Command::Query(args) => inspect::query(&workspace_home(home), args),
        Command::Export(args) => inspect::export(&workspace_home(home), args),
        Command::Lists(args) => lists::run(&workspace_home(home), args),
        Command::Reference(args) => reference::run(&workspace_home(home), args),
        Command::Product(args) => product::run(&workspace_home(home), args),
        Command::Match(args) => matching::run(args),
        Command::Eval(args) => eval::run(args, home),
        Command::Classify => classify::run(&workspace_home(home)),
        Command::Search(args) => search::run(&workspace_home(home), args),
        Command::Entities(args) => entities::run(&workspace_home(home), args),
        Command::Screen(args) => screen::run(&workspace_home(home), args),
        Command::Serve(args) => serve::run(&workspace_home(home), args),
        Command::Detect => detect::run(&workspace_home(home)),
        Command::Findings(args) => findings::run(&workspace_home(home), args),
        Command::Trace(args) => trace::run(&workspace_home(home), args),
        Command::Graph(args) => graph::run(&workspace_home(home), args),
        Command::Report(args) => report::run(&workspace_home(home), args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn workspace_home(home: Option<PathBuf>) -> PathBuf {
    home.unwrap_or_else(tradetrail_store::default_home)
}

/// A tokio runtime for the DataFusion parts of a command.
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}
