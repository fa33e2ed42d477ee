//! `tradetrail search`: ranked full-text search over the stored lines, building or refreshing the index when the workspace changed.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use tradetrail_search::{BuildOptions, BuildReport, Filters, Hit, ensure, rebuild};
use tradetrail_store::Workspace;

/// Arguments of `tradetrail search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find, in Russian, English or Chinese, in any script (`квадрокоптер mavic`, `kvadrokopter`, `无人机`); every word must match.
    pub query: Option<String>,
    /// First declaration date, YYYY-MM-DD.
    #[arg(long)]
    pub since: Option<String>,
    /// Last declaration date, YYYY-MM-DD.
    #[arg(long)]
    pub until: Option<String>,
    /// Country code matched against origin, dispatch, trading, destination and sender country.
    #[arg(long)]
    pub country: Option<String>,
    /// Leading digits of the commodity code, e.g. 8806 or 8806.22.
    #[arg(long)]
    pub hs: Option<String>,
    /// Words of a sender, recipient or declarant name, in any script.
    #[arg(long)]
    pub party: Option<String>,
    /// drone, drone_part, chpl or other (from `tradetrail classify`).
    #[arg(long)]
    pub category: Option<String>,
    /// Results to print.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print one JSON object (total and hits) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Rebuild the index even when it is up to date.
    #[arg(long)]
    pub rebuild: bool,
}

/// Builds the index when it is missing or stale and reports it; returns the report.
pub fn build_index(ws: &Workspace, force: bool) -> anyhow::Result<Option<BuildReport>> {
    let options = BuildOptions::default();
    let report = if force {
        Some(rebuild(ws, &options)?)
    } else {
        ensure(ws, &options)?.1
    };
    Ok(report)
}

fn describe(report: &BuildReport) -> String {
    format!(
        "indexed {} lines ({} with a category) in {:.1}s, {:.0} lines/s",
        report.lines,
        report.categorised,
        report.seconds,
        report.lines as f64 / report.seconds.max(1e-9)
    )
}

pub fn run(home: &Path, args: SearchArgs) -> anyhow::Result<ExitCode> {
    let ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    let options = BuildOptions::default();
    let index = if args.rebuild {
        let report = rebuild(&ws, &options).context("rebuilding the search index")?;
        eprintln!("search index: {}", describe(&report));
        ensure(&ws, &options)?.0
    } else {
        let (index, report) = ensure(&ws, &options).context("opening the search index")?;
        if let Some(report) = report {
            eprintln!("search index: {}", describe(&report));
        }
        index
    };
    let query = args.query.clone().unwrap_or_default();
    if query.trim().is_empty() && args.rebuild && no_filters(&args) {
        return Ok(ExitCode::SUCCESS);
    }
    let filters = Filters {
        since: args.since,
        until: args.until,
        country: args.country,
        hs_prefix: args.hs,
        party: args.party,
        category: args.category,
    };
    let results = index.search(&query, &filters, args.limit)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} lines match; the best {}:",
        results.total,
        results.hits.len()
    );
    for (i, hit) in results.hits.iter().enumerate() {
        print_hit(i + 1, hit);
    }
    Ok(ExitCode::SUCCESS)
}

fn no_filters(args: &SearchArgs) -> bool {
    [
        &args.since,
        &args.until,
        &args.country,
        &args.hs,
        &args.party,
        &args.category,
    ]
    .iter()
    .all(|f| f.is_none())
}

fn print_hit(rank: usize, hit: &Hit) {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    println!(
        "{rank:>3}. {:.2}  {}  {}  hs {}  {}  {}",
        hit.score,
        or_dash(&hit.date),
        hit.record_id,
        or_dash(&hit.hs_code),
        or_dash(&hit.category),
        hit.value_usd.map_or("-".into(), |v| format!("{v:.0} USD"))
    );
    println!("     {}", hit.description);
    println!(
        "     {} → {}{}",
        or_dash(&hit.sender),
        or_dash(&hit.recipient),
        hit.declarant
            .as_ref()
            .map_or(String::new(), |d| format!(" (declarant {d})"))
    );
}
