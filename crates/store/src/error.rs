//! Errors of the store: every message names the workspace path, file or table that failed.

use std::path::PathBuf;

/// What can go wrong while opening, writing or querying a workspace.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A filesystem operation failed; the message carries the path (from `fs-err`).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The manifest could not be parsed.
    #[error("cannot read manifest {path}: {message}")]
    Manifest {
        /// Manifest path.
        path: PathBuf,
        /// Parser message.
        message: String,
    },
    /// The manifest was written by a newer tradetrail.
    #[error("workspace {path} has format version {found}, this tradetrail reads up to {supported}")]
    FormatVersion {
        /// Workspace path.
        path: PathBuf,
        /// Version found on disk.
        found: u32,
        /// Highest version this build reads.
        supported: u32,
    },
    /// Another process holds the workspace's writer lock.
    #[error("workspace {0} is locked by another tradetrail process")]
    Locked(PathBuf),
    /// Writing or reading a Parquet file failed.
    #[error("parquet file {path}: {source}")]
    Parquet {
        /// File path.
        path: PathBuf,
        /// Underlying error.
        source: parquet::errors::ParquetError,
    },
    /// Arrow rejected a batch (schema mismatch between writer and batch).
    #[error("arrow: {0}")]
    Arrow(#[from] arrow::error::ArrowError),
    /// A query failed to plan or run.
    #[error("query failed: {0}")]
    Query(#[from] datafusion::error::DataFusionError),
    /// The judgement database could not be opened, read or written.
    #[error("judgement database {path}: {source}")]
    Judgements {
        /// Database path.
        path: PathBuf,
        /// Underlying error.
        source: rusqlite::Error,
    },
    /// The user named a table that does not exist.
    #[error(
        "unknown table {0:?}; tables are: shipments, quarantine, list_entries, list_names, import_issues, hs_codes, hs_correlation, components, classifications, party_mentions, entities, screening_hits, findings, ingests, imports"
    )]
    UnknownTable(String),
    /// A stage asked a table for a column its schema does not have.
    #[error("table {table} has no column {column:?}")]
    UnknownColumn {
        /// Table name.
        table: String,
        /// Column asked for.
        column: String,
    },
}

/// Result with the store's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
