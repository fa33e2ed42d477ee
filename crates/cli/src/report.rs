//! `tradetrail report`: writes the investigation report for goods to a country as HTML with charts, Markdown and JSON, and prints its headline.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use tradetrail_graph::GraphOptions;
use tradetrail_report::{Goods, Inputs, Report, Scope};
use tradetrail_store::Workspace;

/// Arguments of `tradetrail report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Goods: drones (drones and drone parts), drone, drone_part, chpl or all.
    #[arg(long, default_value = "drones")]
    pub goods: String,
    /// Destination country (ISO alpha-2).
    #[arg(long, default_value = "RU")]
    pub to: String,
    /// First day counted (YYYY-MM-DD), e.g. 2022-02-24.
    #[arg(long)]
    pub since: Option<String>,
    /// Last day counted (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Folder the report files are written to (default: reports/<goods>-to-<country>[-since-<date>] in the workspace).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Skip the trade graph (and so the top chains), for a faster report on very large workspaces.
    #[arg(long)]
    pub no_graph: bool,
}

/// The files written.
#[derive(Debug)]
pub struct Written {
    /// The report.
    pub report: Report,
    /// report.html, report.md and report.json.
    pub files: Vec<PathBuf>,
}

/// Builds the report of a scope and writes its three files into `out`.
pub fn write(ws: &Workspace, scope: &Scope, out: &Path, graph: bool) -> anyhow::Result<Written> {
    let g = if graph {
        Some(
            tradetrail_graph::load(ws, GraphOptions::default())
                .with_context(|| format!("building the trade graph of {}", ws.root().display()))?,
        )
    } else {
        None
    };
    let report = crate::runtime()?
        .block_on(tradetrail_report::build(
            ws,
            scope,
            Inputs { graph: g.as_ref() },
        ))
        .with_context(|| format!("building the report in {}", ws.root().display()))?;
    fs_err::create_dir_all(out)?;
    let mut files = Vec::new();
    for (name, text) in [
        ("report.html", tradetrail_report::html::render(&report)),
        ("report.md", tradetrail_report::markdown::render(&report)),
        ("report.json", report.to_json()),
    ] {
        let path = out.join(name);
        let tmp = out.join(format!(".{name}.tmp"));
        fs_err::write(&tmp, text)?;
        fs_err::rename(&tmp, &path)?;
        files.push(path);
    }
    Ok(Written { report, files })
}

/// The default folder of a scope's report inside the workspace.
pub fn default_out(ws: &Workspace, scope: &Scope) -> PathBuf {
    let goods = serde_json::to_value(scope.goods)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "goods".into());
    let mut name = format!("{goods}-to-{}", scope.to.to_ascii_lowercase());
    if let Some(s) = &scope.since {
        name.push_str(&format!("-since-{s}"));
    }
    if let Some(u) = &scope.until {
        name.push_str(&format!("-until-{u}"));
    }
    ws.root().join("reports").join(name)
}

/// Prints the headline and where the files are.
pub fn print_written(w: &Written) {
    println!("{}: {}", w.report.scope_text, w.report.headline.text);
    let findings = w.report.section("findings_by_code").map_or(0.0, |s| {
        (0..s.table.rows.len())
            .filter_map(|r| s.table.number(r, "findings"))
            .sum::<f64>()
    });
    let hits = w.report.section("hits").map_or(0, |s| s.table.rows.len());
    let chains = w.report.section("chains").map_or(0, |s| s.table.rows.len());
    println!(
        "   {} lines; {chains} top chains, {findings} findings and {hits} open watchlist hits on its parties",
        w.report.headline.lines
    );
    for f in &w.files {
        println!("   wrote {}", f.display());
    }
}

pub fn run(home: &Path, args: ReportArgs) -> anyhow::Result<ExitCode> {
    let ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    let scope = Scope::new(
        Goods::parse(&args.goods)?,
        &args.to,
        args.since.as_deref(),
        args.until.as_deref(),
    )?;
    let out = args.out.unwrap_or_else(|| default_out(&ws, &scope));
    let written = write(&ws, &scope, &out, !args.no_graph)?;
    print_written(&written);
    Ok(ExitCode::SUCCESS)
}
