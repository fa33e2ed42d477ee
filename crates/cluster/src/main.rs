//! `tradetrail-cluster`: runs a Ballista scheduler or executor that knows tradetrail's functions, and runs SQL or the equality check on such a cluster.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use tradetrail_cluster::check::{self, Query};
use tradetrail_cluster::session::{self, ExecutorOptions};
use tradetrail_report::{Goods, Scope};
use tradetrail_store::Workspace;

/// Scale-out on Apache DataFusion Ballista for a tradetrail workspace.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs a scheduler; executors register with it and clients send it SQL.
    Scheduler {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:50050")]
        bind: SocketAddr,
    },
    /// Runs an executor for a scheduler.
    Executor {
        /// The scheduler's address, HOST:PORT.
        #[arg(long)]
        scheduler: String,
        /// Address of this executor's Arrow Flight service (shuffle data).
        #[arg(long, default_value = "127.0.0.1:50051")]
        bind: SocketAddr,
        /// Port of this executor's gRPC service (tasks); default: the Flight port plus one.
        #[arg(long)]
        grpc_port: Option<u16>,
        /// Folder for shuffle files (default: a temporary folder).
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// Concurrent tasks (default: the machine's cores).
        #[arg(long, default_value_t = 0)]
        vcores: usize,
    },
    /// Runs one SQL statement over the workspace's tables on the cluster (or embedded) and prints the result.
    Query {
        /// The scheduler, df://HOST:PORT.
        #[arg(long, required_unless_present = "embedded")]
        scheduler: Option<String>,
        /// Run on this machine instead (same tables and functions).
        #[arg(long)]
        embedded: bool,
        /// The workspace folder; its path must be the same on every executor.
        #[arg(long, env = "TRADETRAIL_HOME")]
        workspace: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// The statement.
        sql: String,
    },
    /// Runs the report's SQL sections and the function queries on the embedded engine and on the cluster, and says per query whether the results are equal.
    Check {
        /// The scheduler, df://HOST:PORT.
        #[arg(long)]
        scheduler: String,
        /// The workspace folder; its path must be the same on every executor.
        #[arg(long, env = "TRADETRAIL_HOME")]
        workspace: PathBuf,
        /// Goods of the report scope: drones, drone, drone_part, chpl or all.
        #[arg(long, default_value = "drones")]
        goods: String,
        /// Destination country of the report scope.
        #[arg(long, default_value = "RU")]
        to: String,
        /// First day of the report scope.
        #[arg(long)]
        since: Option<String>,
        /// Last day of the report scope.
        #[arg(long)]
        until: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
}

fn main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let level = match cli.command {
        Command::Scheduler { .. } | Command::Executor { .. } => "info",
        _ => "warn",
    };
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(level)).init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Deep plans recurse deeply while planning, as in Ballista's own binaries.
        .thread_stack_size(32 * 1024 * 1024)
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(run(cli.command))
}

async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Scheduler { bind } => {
            session::run_scheduler(bind).await?;
        }
        Command::Executor {
            scheduler,
            bind,
            grpc_port,
            work_dir,
            vcores,
        } => {
            let scheduler = resolve(&scheduler)?;
            session::run_executor(ExecutorOptions {
                scheduler,
                bind,
                grpc_port: grpc_port.unwrap_or(bind.port() + 1),
                work_dir,
                vcores,
            })
            .await?;
        }
        Command::Query {
            scheduler,
            embedded,
            workspace,
            format,
            sql,
        } => {
            let ws = open(&workspace)?;
            let ctx = match (embedded, scheduler) {
                (false, Some(s)) => session::remote(&ws, &s).await?,
                _ => session::embedded(&ws)?,
            };
            let batches = ctx.sql(&sql).await?.collect().await?;
            match format {
                Format::Table => println!("{}", tradetrail_store::batches_to_table(&batches)),
                Format::Csv => {
                    let mut writer = arrow::csv::WriterBuilder::new()
                        .with_header(true)
                        .build(std::io::stdout().lock());
                    for b in &batches {
                        writer.write(b).context("writing CSV to stdout")?;
                    }
                }
            }
        }
        Command::Check {
            scheduler,
            workspace,
            goods,
            to,
            since,
            until,
        } => {
            let ws = open(&workspace)?;
            let scope = Scope::new(
                Goods::parse(&goods)?,
                &to,
                since.as_deref(),
                until.as_deref(),
            )?;
            let mut queries: Vec<Query> = check::report_queries(&ws, &scope).await?;
            queries.extend(check::udf_queries());
            let embedded = session::embedded(&ws)?;
            let cluster = session::remote(&ws, &scheduler).await?;
            println!("query\trows_embedded\trows_cluster\tequal");
            let mut differing = 0;
            for q in &queries {
                let o = check::compare(&embedded, &cluster, q).await;
                let equal = if o.equal() { "yes" } else { "no" };
                println!("{}\t{}\t{}\t{equal}", o.id, o.rows_embedded, o.rows_cluster);
                if let Some(d) = &o.difference {
                    differing += 1;
                    eprintln!("{}: {d}", o.id);
                }
            }
            println!(
                "{} of {} queries equal on the embedded engine and the cluster",
                queries.len() - differing,
                queries.len()
            );
            if differing > 0 {
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn open(workspace: &std::path::Path) -> anyhow::Result<Workspace> {
    Workspace::open(workspace).with_context(|| format!("workspace {}", workspace.display()))
}

/// The first address a HOST:PORT names.
fn resolve(address: &str) -> anyhow::Result<SocketAddr> {
    use std::net::ToSocketAddrs;
    let trimmed = address.trim_start_matches("df://");
    trimmed
        .to_socket_addrs()
        .with_context(|| format!("scheduler address {address}"))?
        .next()
        .with_context(|| format!("scheduler address {address}: no address"))
}
