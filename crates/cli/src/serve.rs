//! `tradetrail serve`: the HTTP API over the workspace (screening in yente's and OpenRefine's shapes), bound to 127.0.0.1 unless a token protects it.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::Args;
use tradetrail_server::AppState;
use tradetrail_store::Workspace;

/// Arguments of `tradetrail serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (printed on start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Bearer token every request must carry; required to listen beyond this machine.
    #[arg(long, env = "TRADETRAIL_TOKEN", hide_env_values = true)]
    token: Option<String>,
}

pub fn run(home: &Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    if !args.bind.ip().is_loopback() && args.token.is_none() {
        bail!(
            "refusing to listen on {} without authentication: give --token (or TRADETRAIL_TOKEN), or bind to 127.0.0.1",
            args.bind
        );
    }
    let ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    let started = std::time::Instant::now();
    let index = crate::screen::load_index(&ws)?;
    eprintln!(
        "screening index: {} entries, {} names, built in {:.1}s",
        index.targets().len(),
        index.name_count(),
        started.elapsed().as_secs_f64()
    );
    let rt = crate::runtime()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("listening on {}", args.bind))?;
        let addr = listener.local_addr()?;
        let state = Arc::new(AppState {
            index,
            token: args.token,
            base_url: format!("http://{addr}"),
        });
        println!("listening on http://{addr}");
        std::io::stdout().flush()?;
        tradetrail_server::serve(listener, state)
            .await
            .context("serving")?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
