//! `tradetrail trace`: intermediary chains from a manufacturer, brand owner or exporter to recipients in a country, with the evidence rows of every hop.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use tradetrail_graph::{Category, Graph, GraphOptions, TraceQuery, TraceResult};
use tradetrail_model::iso_date;
use tradetrail_store::Workspace;

/// Arguments of `tradetrail trace`.
#[derive(Debug, Args)]
pub struct TraceArgs {
    /// Manufacturer, brand owner or exporter: an entity id, a name in any script, or a brand (then chains start where goods of the brand enter the data).
    #[arg(long)]
    pub from: Option<String>,
    /// Country of the end recipients (ISO alpha-2), e.g. RU.
    #[arg(long)]
    pub to_country: Option<String>,
    /// Goods class: drone, drone_part or chpl.
    #[arg(long)]
    pub goods: Option<String>,
    /// Most hops in a chain.
    #[arg(long, default_value_t = 12)]
    pub max_hops: usize,
    /// Most time goods stay with an intermediary: days (`120d`) or weeks (`16w`).
    #[arg(long, default_value = "120d")]
    pub window: String,
    /// Fewest hops in a chain: 2 or more leaves out direct shipments.
    #[arg(long, default_value_t = 1)]
    pub min_hops: usize,
    /// Only chains whose last hop is on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Chains printed (highest delivered value first).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print JSON lines instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Reads `120d`, `16w` or `120` as days.
pub fn parse_window(text: &str) -> anyhow::Result<i32> {
    let t = text.trim();
    let (num, mult) = match t.chars().last() {
        Some('d') => (&t[..t.len() - 1], 1),
        Some('w') => (&t[..t.len() - 1], 7),
        _ => (t, 1),
    };
    let n: i32 = num
        .parse()
        .with_context(|| format!("window {text:?}: expected days (120d) or weeks (16w)"))?;
    Ok(n * mult)
}

/// Reads a goods class name.
pub fn parse_goods(text: Option<&str>) -> anyhow::Result<Option<Category>> {
    text.map(|t| {
        Category::parse(t)
            .with_context(|| format!("goods {t:?}: expected drone, drone_part, chpl or other"))
    })
    .transpose()
}

/// Loads the workspace's graph and says how long it took.
pub fn load_graph(home: &Path) -> anyhow::Result<Graph> {
    let ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    let started = Instant::now();
    let g = tradetrail_graph::load(&ws, GraphOptions::default())
        .with_context(|| format!("building the trade graph of {}", home.display()))?;
    eprintln!(
        "graph: {} entities, {} edges, {} goods flows from {} lines ({} without both parties resolved) in {:.1}s",
        g.nodes.len(),
        g.edges.len(),
        g.flows.len(),
        g.stats.lines,
        g.stats.unresolved,
        started.elapsed().as_secs_f64()
    );
    Ok(g)
}

/// The trace query the arguments describe.
pub fn query_of(g: &Graph, args: &TraceArgs) -> anyhow::Result<TraceQuery> {
    let mut q = TraceQuery {
        to_country: args.to_country.clone(),
        category: parse_goods(args.goods.as_deref())?,
        max_hops: args.max_hops,
        window_days: parse_window(&args.window)?,
        limit: args.limit,
        min_hops: args.min_hops,
        delivered_since: args
            .since
            .as_deref()
            .map(|d| {
                tradetrail_ingest::values::date::parse_date(d, Some("%Y-%m-%d"))
                    .with_context(|| format!("--since {d:?}: expected YYYY-MM-DD"))
            })
            .transpose()?,
        all_entries: args.from.is_none(),
        ..TraceQuery::default()
    };
    if let Some(name) = &args.from {
        q.sources = tradetrail_graph::find_nodes(g, name);
        q.brand = tradetrail_graph::find_brand(g, name);
        if q.sources.is_empty() && q.brand.is_none() {
            anyhow::bail!("--from {name:?}: no entity or brand of that name in the workspace");
        }
        eprintln!(
            "from {name:?}: {} entities{}",
            q.sources.len(),
            q.brand
                .map(|b| format!(" and goods of brand {}", g.text(b)))
                .unwrap_or_default()
        );
    }
    Ok(q)
}

fn party(g: &Graph, n: u32) -> String {
    let c = g.country(n);
    format!("{} [{}]", g.name(n), if c.is_empty() { "??" } else { c })
}

/// Prints the paths of a trace as text or JSON lines.
pub fn print_paths(g: &Graph, r: &TraceResult, json: bool) {
    for (k, p) in r.paths.iter().enumerate() {
        if json {
            println!("{}", tradetrail_graph::path_json(g, p));
            continue;
        }
        println!(
            "\n#{} {} hops, delivered {:.2} USD{}",
            k + 1,
            p.flows.len(),
            p.delivered_usd,
            p.via_brand
                .map(|b| format!(" (goods of brand {} entering the data)", g.text(b)))
                .unwrap_or_default()
        );
        for &i in &p.flows {
            let f = &g.flows[i as usize];
            println!(
                "  {} {} -> {}: {} {} {} x{} {:.2} USD",
                iso_date(f.date),
                party(g, f.from),
                party(g, f.to),
                f.goods.category.as_str(),
                g.text(f.goods.brand),
                g.text(f.goods.model),
                f.quantity,
                f.value_usd
            );
            println!(
                "      evidence: {} {}:{} record {}",
                g.text(f.evidence.dataset),
                g.text(f.evidence.file),
                f.evidence.line,
                g.record_id(f.evidence.record)
            );
        }
    }
}

pub fn run(home: &Path, args: TraceArgs) -> anyhow::Result<ExitCode> {
    let g = load_graph(home)?;
    let q = query_of(&g, &args)?;
    let started = Instant::now();
    let r = tradetrail_graph::trace(&g, &q);
    eprintln!(
        "{} chains from {} starting flows ({} search steps{}) in {:.3}s; showing {}",
        r.found,
        r.starts,
        r.steps,
        if r.truncated {
            ", budget exhausted"
        } else {
            ""
        },
        started.elapsed().as_secs_f64(),
        r.paths.len()
    );
    print_paths(&g, &r, args.json);
    Ok(ExitCode::SUCCESS)
}
