//! `tradetrail graph`: an entity's neighbourhood, flows between countries, transshipment routes, pass-through entities, mirror flows and exports of the trade graph.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use tradetrail_graph::export::Selection;
use tradetrail_graph::{Graph, PassThroughParams, TraceQuery, mirror};
use tradetrail_model::iso_date;

use crate::trace::{load_graph, parse_goods, parse_window};

/// Arguments of `tradetrail graph`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    #[command(subcommand)]
    command: GraphCommand,
}

/// Export formats of `tradetrail graph export`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// GraphML, for Gephi and networkx.
    Graphml,
    /// FollowTheMoney JSON lines: Company and EconomicActivity entities.
    Ftm,
    /// CSV edge list.
    Csv,
}

#[derive(Debug, Subcommand)]
enum GraphCommand {
    /// Who an entity sent to and received from, highest value first.
    Neighbours {
        /// Entity id or name (any script).
        name: String,
        /// Only edges that carried this goods class (drone, drone_part, chpl).
        #[arg(long)]
        goods: Option<String>,
        /// Rows per direction.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Lines and value between countries (of the sending and receiving entities).
    Countries {
        /// Only edges that carried this goods class.
        #[arg(long)]
        goods: Option<String>,
        /// Rows printed.
        #[arg(long, default_value_t = 30)]
        limit: usize,
    },
    /// Third-country routes: from declaration fields, and from chains across countries' data.
    Routes {
        /// Goods class.
        #[arg(long, default_value = "drone")]
        goods: String,
        /// Window of the chained routes (days `120d` or weeks `16w`).
        #[arg(long, default_value = "120d")]
        window: String,
        /// Rows printed per kind.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Entities whose outflow matches their inflow of the same goods within weeks.
    PassThrough {
        /// Print every row, not only flagged ones.
        #[arg(long)]
        all: bool,
        /// Rows printed.
        #[arg(long, default_value_t = 30)]
        limit: usize,
    },
    /// Mirror gaps and surges in aggregate statistics (CSV: reporter,partner,flow,hs6,month,value_usd,kg).
    Mirror {
        /// The aggregate statistics file.
        file: PathBuf,
        /// Rows printed per kind.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Write the graph as GraphML, FollowTheMoney JSON lines or a CSV edge list.
    Export {
        /// Output format.
        #[arg(long, value_enum)]
        format: Format,
        /// Only edges and lines of this goods class.
        #[arg(long)]
        goods: Option<String>,
        /// Output file.
        out: PathBuf,
    },
}

fn party(g: &Graph, n: u32) -> String {
    format!("{} [{}] {}", g.name(n), g.country(n), g.entity_id(n))
}

fn neighbours(g: &Graph, name: &str, goods: Option<&str>, limit: usize) -> anyhow::Result<()> {
    let nodes = tradetrail_graph::find_nodes(g, name);
    if nodes.is_empty() {
        anyhow::bail!("no entity named {name:?} in the workspace");
    }
    for n in nodes.into_iter().take(5) {
        let hood = tradetrail_graph::neighbours(g, n, parse_goods(goods)?);
        println!("\n{}", party(g, n));
        for (title, edges, out) in [
            ("sends to", &hood.out, true),
            ("receives from", &hood.inbound, false),
        ] {
            println!("  {title} ({}):", edges.len());
            for e in edges.iter().take(limit) {
                let other = if out { e.to } else { e.from };
                let brands: Vec<&str> = e.brands.iter().map(|&b| g.text(b)).collect();
                println!(
                    "    {:>14.2} USD {:>5} lines {}..{} {} {}",
                    e.value_usd,
                    e.lines,
                    iso_date(e.first),
                    iso_date(e.last),
                    party(g, other),
                    brands.join(",")
                );
            }
        }
    }
    Ok(())
}

fn routes(g: &Graph, goods: &str, window: &str, limit: usize) -> anyhow::Result<()> {
    let category = parse_goods(Some(goods))?;
    let fields = tradetrail_graph::field_routes(g, category);
    println!(
        "routes from declaration fields (origin/dispatch/trading/sender -> reporter): {}",
        fields.len()
    );
    for r in fields.iter().take(limit) {
        println!(
            "  {:>14.2} USD {:>5} lines  {} -> dispatch {} trading {} sender {} -> {}  ({} countries; risk fields: {})",
            r.value_usd,
            r.lines,
            r.origin,
            r.dispatch,
            r.trading,
            r.sender,
            r.reporter,
            r.distinct,
            r.risk_fields.join(",")
        );
    }
    let q = TraceQuery {
        all_entries: true,
        category,
        window_days: parse_window(window)?,
        ..TraceQuery::default()
    };
    let chained = tradetrail_graph::chained_routes(g, &q);
    println!(
        "\nroutes from chained declarations in different countries' data: {}",
        chained.len()
    );
    for r in chained.iter().take(limit) {
        println!(
            "  {:>14.2} USD {:>4} chains  {}  (data of {})",
            r.value_usd,
            r.chains,
            r.countries.join(" -> "),
            r.reporters.join(", ")
        );
    }
    Ok(())
}

fn pass_through(g: &Graph, all: bool, limit: usize) {
    let rows = tradetrail_graph::pass_through(g, &PassThroughParams::default());
    let flagged = rows.iter().filter(|r| r.flagged).count();
    println!(
        "{} entity-goods pairs received and sent, {flagged} flagged as pass-through",
        rows.len()
    );
    for r in rows.iter().filter(|r| all || r.flagged).take(limit) {
        println!(
            "  {} {} {} {}: in {} lines {:.0} units, out {} lines {:.0} units, ratio {:.2}, matched {:.0}%, median dwell {} days",
            party(g, r.node),
            r.category,
            r.brand,
            r.model,
            r.in_lines,
            r.in_quantity,
            r.out_lines,
            r.out_quantity,
            r.ratio,
            r.matched * 100.0,
            r.dwell_median_days.map_or("-".into(), |d| d.to_string())
        );
    }
}

fn mirror_report(file: &Path, limit: usize) -> anyhow::Result<()> {
    let input = fs_err::File::open(file)?;
    let (rows, issues) =
        mirror::parse(input).with_context(|| format!("aggregate statistics {}", file.display()))?;
    println!(
        "{}: {} rows, {} rows not read",
        file.display(),
        rows.len(),
        issues.len()
    );
    for i in issues.iter().take(5) {
        println!("  line {}: {}", i.line, i.message);
    }
    let gaps = mirror::mirror_gaps(&rows, 1.075, 0.4);
    println!(
        "\nmirror gaps (exports not seen in the partner's imports, CIF/FOB 1.075, flagged above 40%): {} flagged of {}",
        gaps.iter().filter(|g| g.flagged).count(),
        gaps.len()
    );
    for m in gaps.iter().take(limit) {
        println!(
            "  {} -> {} {} {}: exports {:.0} USD, partner imports {:.0} USD, gap {:.0}%{}",
            m.exporter,
            m.importer,
            m.hs6,
            m.month,
            m.exports_usd,
            m.imports_usd,
            m.gap_share * 100.0,
            if m.flagged { "  FLAGGED" } else { "" }
        );
    }
    let s = mirror::surges(&rows, 1.0);
    println!(
        "\nsurges after 2022-02-24 against 2017-2021 (flagged above +100% on a lane with RU or a transshipment country): {} flagged of {}",
        s.iter().filter(|s| s.flagged).count(),
        s.len()
    );
    for x in s.iter().take(limit) {
        println!(
            "  {} {:?} {} {}: {:.0} -> {:.0} USD/month ({:+.0}%){}",
            x.reporter,
            x.flow,
            x.partner,
            x.hs6,
            x.baseline_monthly_usd,
            x.post_monthly_usd,
            x.change * 100.0,
            if x.flagged { "  FLAGGED" } else { "" }
        );
    }
    Ok(())
}

pub fn run(home: &Path, args: GraphArgs) -> anyhow::Result<ExitCode> {
    if let GraphCommand::Mirror { file, limit } = &args.command {
        mirror_report(file, *limit)?;
        return Ok(ExitCode::SUCCESS);
    }
    let g = load_graph(home)?;
    match args.command {
        GraphCommand::Neighbours { name, goods, limit } => {
            neighbours(&g, &name, goods.as_deref(), limit)?
        }
        GraphCommand::Countries { goods, limit } => {
            for c in tradetrail_graph::country_flows(&g, parse_goods(goods.as_deref())?)
                .iter()
                .take(limit)
            {
                println!(
                    "{} -> {}: {:.2} USD, {} lines, {} entity pairs",
                    c.from, c.to, c.value_usd, c.lines, c.edges
                );
            }
        }
        GraphCommand::Routes {
            goods,
            window,
            limit,
        } => routes(&g, &goods, &window, limit)?,
        GraphCommand::PassThrough { all, limit } => pass_through(&g, all, limit),
        GraphCommand::Mirror { .. } => {}
        GraphCommand::Export { format, goods, out } => {
            let sel = Selection {
                category: parse_goods(goods.as_deref())?,
            };
            let file = fs_err::File::create(&out)?;
            let mut w = std::io::BufWriter::new(file);
            match format {
                Format::Graphml => tradetrail_graph::export::graphml(&g, &sel, &mut w),
                Format::Ftm => tradetrail_graph::export::ftm(&g, &sel, &mut w),
                Format::Csv => tradetrail_graph::export::csv_edges(&g, &sel, &mut w),
            }
            .with_context(|| format!("writing {}", out.display()))?;
            w.flush()
                .with_context(|| format!("writing {}", out.display()))?;
            println!("wrote {}", out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
