//! Errors of the search index: every message names the index folder or the workspace table that failed.

use std::path::PathBuf;

/// What can go wrong while building, opening or querying the search index.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A filesystem operation failed; the message carries the path (from `fs-err`).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// Tantivy failed on the index in this folder.
    #[error("search index {path}: {source}")]
    Index {
        /// Index folder.
        path: PathBuf,
        /// Underlying error.
        source: tantivy::TantivyError,
    },
    /// Reading the workspace tables failed.
    #[error("reading the workspace for the search index: {0}")]
    Store(#[from] tradetrail_store::Error),
    /// A query over the workspace tables failed.
    #[error("reading table {table} for the search index: {message}")]
    Table {
        /// Table name.
        table: &'static str,
        /// What failed.
        message: String,
    },
    /// A filter value could not be read.
    #[error("bad filter {name}: {message}")]
    Filter {
        /// Filter name, e.g. `since`.
        name: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// The build was stopped on purpose by [`crate::BuildOptions::abort_after`] (tests of interrupted builds).
    #[error("search index build stopped after {0} lines (abort_after)")]
    Aborted(u64),
}

/// Result with the search [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Attaches the index folder to a tantivy error.
pub(crate) fn at(path: &std::path::Path) -> impl FnOnce(tantivy::TantivyError) -> Error + '_ {
    move |source| Error::Index {
        path: path.to_owned(),
        source,
    }
}
