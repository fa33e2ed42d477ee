//! Scale-out on Apache DataFusion Ballista: the same DataFusion plans the embedded engine runs, executed by a scheduler and executors that know tradetrail's functions.
//!
//! - [`udf`]: tradetrail's own SQL functions (`tt_name_key`, `tt_name_script`, `tt_match_score`, `tt_goods_category`), built on the resolver and the classifier.
//! - [`session`]: the embedded session, the cluster client, and the scheduler and executor processes, each with the functions registered.
//! - [`codec`]: lets the workspace's in-memory tables travel in a plan from the client to the scheduler.
//! - [`check`]: the report's SQL sections and the function queries, run on both engines and compared row by row.
//!
//! The cluster reads the workspace's Parquet files by absolute path, so every executor must see the workspace at the same path (a shared file system on a real cluster).

pub mod check;
pub mod codec;
pub mod session;
pub mod udf;

/// What went wrong on the way to a cluster's result.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Opening the workspace or registering its tables failed.
    #[error(transparent)]
    Store(#[from] tradetrail_store::Error),
    /// Building the report whose sections are checked failed.
    #[error(transparent)]
    Report(#[from] tradetrail_report::Error),
    /// The scheduler could not be reached or refused the session.
    #[error("scheduler {scheduler}: {source}")]
    Connect {
        /// The scheduler's address as given.
        scheduler: String,
        /// What DataFusion said.
        source: datafusion::error::DataFusionError,
    },
    /// A query failed to plan or run.
    #[error("query {query}: {source}")]
    Query {
        /// The query's id.
        query: String,
        /// What DataFusion or Ballista said.
        source: datafusion::error::DataFusionError,
    },
    /// A query's result could not be read into rows.
    #[error("query {query}: reading the result: {message}")]
    Rows {
        /// The query's id.
        query: String,
        /// What failed.
        message: String,
    },
    /// A scheduler or executor process failed.
    #[error("{0}")]
    Ballista(String),
}

/// Results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
