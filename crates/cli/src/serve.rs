//! `tradetrail serve`: the investigation workspace (JSON API under `/api/`, web UI at `/`) and screening in yente's and OpenRefine's shapes, bound to 127.0.0.1 unless tokens protect it.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::Args;
use tradetrail_server::api::Data;
use tradetrail_server::{AppState, Auth, Limits, Principal, Role};
use tradetrail_store::Workspace;

/// Arguments of `tradetrail serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (printed on start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Bearer token with the analyst role, named `analyst`; required (or --token-file) to listen beyond this machine.
    #[arg(long, env = "TRADETRAIL_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// File of tokens, one `TOKEN ROLE NAME` per line (ROLE: read-only or analyst); `#` starts a comment.
    #[arg(long)]
    token_file: Option<PathBuf>,
    /// Longest a request may run, in seconds, before it is answered 503.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Longest the server waits for a request's headers, in seconds (on a new or an idle keep-alive connection) before it closes the connection.
    #[arg(long, default_value_t = 10)]
    header_timeout: u64,
}

fn auth(args: &ServeArgs) -> anyhow::Result<Auth> {
    let mut tokens = Vec::new();
    if let Some(path) = &args.token_file {
        let text = fs_err::read_to_string(path)?;
        tokens = tradetrail_server::auth::parse_token_file(&text)
            .map_err(|e| anyhow::anyhow!("token file {}: {e}", path.display()))?;
    }
    if let Some(t) = &args.token {
        tokens.push((
            t.clone(),
            Principal {
                name: "analyst".into(),
                role: Role::Analyst,
            },
        ));
    }
    if tokens.is_empty() {
        let who = std::env::var("TRADETRAIL_ANALYST")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_else(|_| "local".into());
        Ok(Auth::local(&who))
    } else {
        Ok(Auth::tokens(tokens))
    }
}

pub fn run(home: &Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let auth = auth(&args)?;
    if !args.bind.ip().is_loopback() && !auth.required() {
        bail!(
            "refusing to listen on {} without authentication: give --token (or TRADETRAIL_TOKEN) or --token-file, or bind to 127.0.0.1",
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
        let data = Data::open(ws)
            .await
            .with_context(|| format!("opening the workspace {} for the API", home.display()))?;
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("listening on {}", args.bind))?;
        let addr = listener.local_addr()?;
        let state = Arc::new(AppState {
            index,
            auth,
            base_url: format!("http://{addr}"),
            data: Some(data),
            limits: Limits {
                timeout: std::time::Duration::from_secs(args.timeout.max(1)),
                header_timeout: std::time::Duration::from_secs(args.header_timeout.max(1)),
                ..Limits::default()
            },
        });
        println!("listening on http://{addr} (web UI at http://{addr}/)");
        std::io::stdout().flush()?;
        tradetrail_server::serve(listener, state)
            .await
            .context("serving")?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
