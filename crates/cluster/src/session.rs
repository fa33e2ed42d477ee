//! The four places tradetrail's functions and codec must be known: the embedded session, the cluster client, the Ballista scheduler and each executor.
//!
//! The client plans SQL against the workspace's tables and sends the logical plan to the scheduler, which plans it physically (so it needs the functions and the codec);
//! executors decode the physical plan of each task (so they need the functions too).
//! Parquet tables travel as absolute paths: on a real cluster the workspace sits on a shared file system mounted at the same path everywhere.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use ballista::prelude::{SessionConfigExt, SessionContextExt};
use ballista_core::registry::BallistaFunctionRegistry;
use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::{SchedulerConfig, TaskDistributionPolicy};
use ballista_scheduler::scheduler_process::start_server;
use datafusion::execution::SessionState;
use datafusion::execution::registry::FunctionRegistry;
use datafusion::prelude::{SessionConfig, SessionContext};
use tradetrail_store::Workspace;

use crate::codec::logical_codec;
use crate::{Error, Result, udf};

/// Registers every tradetrail function in a session.
pub fn register_functions(ctx: &SessionContext) {
    for f in udf::functions() {
        ctx.register_udf(f.as_ref().clone());
    }
}

/// A session on this machine with the workspace's tables and tradetrail's functions: the reference a cluster's results are checked against.
pub fn embedded(ws: &Workspace) -> Result<SessionContext> {
    let config = SessionConfig::new().with_information_schema(true);
    let ctx = SessionContext::new_with_config(config);
    register_functions(&ctx);
    ws.register_tables(&ctx)?;
    Ok(ctx)
}

/// A session whose queries run on the Ballista cluster behind `scheduler` (`df://HOST:PORT`), with the workspace's tables and tradetrail's functions.
pub async fn remote(ws: &Workspace, scheduler: &str) -> Result<SessionContext> {
    let config = SessionConfig::new_with_ballista()
        .with_information_schema(true)
        .with_ballista_logical_extension_codec(logical_codec());
    let state = datafusion::execution::SessionStateBuilder::new()
        .with_config(config)
        .with_default_features()
        .build();
    let ctx = SessionContext::remote_with_state(scheduler, state)
        .await
        .map_err(|source| Error::Connect {
            scheduler: scheduler.to_owned(),
            source,
        })?;
    register_functions(&ctx);
    ws.register_tables(&ctx)?;
    Ok(ctx)
}

/// The scheduler's session for each client session: Ballista's defaults plus tradetrail's functions.
fn scheduler_session(config: SessionConfig) -> datafusion::common::Result<SessionState> {
    let mut state = ballista_core::utils::default_session_builder(config)?;
    for f in udf::functions() {
        state.register_udf(f)?;
    }
    Ok(state)
}

/// Runs a scheduler on `bind` until the process is stopped; tasks go to executors in turn (round robin), so a small query still spreads.
pub async fn run_scheduler(bind: SocketAddr) -> Result<()> {
    let config = SchedulerConfig::default()
        .with_hostname(bind.ip().to_string())
        .with_port(bind.port())
        .with_task_distribution(TaskDistributionPolicy::RoundRobin)
        .with_override_session_builder(Arc::new(scheduler_session));
    let mut config = config;
    config.bind_host = bind.ip().to_string();
    config.override_logical_codec = Some(logical_codec());
    let cluster = BallistaCluster::new_from_config(&config)
        .await
        .map_err(|e| Error::Ballista(format!("scheduler on {bind}: {e}")))?;
    start_server(cluster, bind, Arc::new(config))
        .await
        .map_err(|e| Error::Ballista(format!("scheduler on {bind}: {e}")))
}

/// Where an executor listens and which scheduler it serves.
#[derive(Debug, Clone)]
pub struct ExecutorOptions {
    /// The scheduler's gRPC address.
    pub scheduler: SocketAddr,
    /// The Arrow Flight address shuffle data is fetched from.
    pub bind: SocketAddr,
    /// The gRPC port the scheduler pushes tasks to.
    pub grpc_port: u16,
    /// Where shuffle files are written; a temporary folder when absent.
    pub work_dir: Option<PathBuf>,
    /// Concurrent tasks; the machine's cores when 0.
    pub vcores: usize,
}

/// The executor's function registry: DataFusion's built-ins plus tradetrail's functions.
fn executor_functions() -> BallistaFunctionRegistry {
    let mut registry = BallistaFunctionRegistry::default();
    for f in udf::functions() {
        registry.scalar_functions.insert(f.name().to_owned(), f);
    }
    registry
}

/// Runs an executor until the process is stopped.
pub async fn run_executor(options: ExecutorOptions) -> Result<()> {
    let host = options.bind.ip().to_string();
    let config = ExecutorProcessConfig {
        bind_host: host.clone(),
        external_host: Some(host),
        port: options.bind.port(),
        grpc_port: options.grpc_port,
        scheduler_host: options.scheduler.ip().to_string(),
        scheduler_port: options.scheduler.port(),
        scheduler_connect_timeout_seconds: 30,
        vcores: options.vcores,
        work_dir: options
            .work_dir
            .as_ref()
            .map(|p| p.to_string_lossy().into_owned()),
        override_function_registry: Some(Arc::new(executor_functions())),
        override_logical_codec: Some(logical_codec()),
        executor_heartbeat_interval_seconds: 5,
        ..Default::default()
    };
    start_executor_process(Arc::new(config))
        .await
        .map_err(|e| Error::Ballista(format!("executor on {}: {e}", options.bind)))
}
