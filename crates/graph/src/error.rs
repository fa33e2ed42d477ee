//! Errors of the graph crate: every message names the workspace table or file that failed.

/// What can go wrong while loading the graph or reading aggregate statistics.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Opening or reading the workspace failed.
    #[error("reading the workspace for the trade graph: {0}")]
    Store(#[from] tradetrail_store::Error),
    /// A query over a workspace table failed.
    #[error("reading table {table} for the trade graph: {message}")]
    Table {
        /// Table name.
        table: &'static str,
        /// What failed.
        message: String,
    },
    /// The workspace has no derived table the graph needs.
    #[error("the workspace has no {table} table: run `tradetrail {command}` first")]
    Missing {
        /// Table name.
        table: &'static str,
        /// Command that builds it.
        command: &'static str,
    },
    /// A filesystem or output stream operation failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// Writing CSV failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
