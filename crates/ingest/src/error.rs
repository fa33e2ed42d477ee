//! Whole-file failures; a bad row is never an error, it is quarantined.

use std::path::PathBuf;

/// Why a whole file (or a mapping) could not be ingested.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened.
    #[error("cannot open {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// The IO error.
        source: std::io::Error,
    },
    /// Reading the file failed part-way.
    #[error("cannot read {file}: {source}")]
    Read {
        /// The file.
        file: String,
        /// The IO error.
        source: std::io::Error,
    },
    /// The file is not a spreadsheet calamine can open, or the sheet is missing.
    #[error("{file} is not a readable spreadsheet: {message}")]
    Spreadsheet {
        /// The file.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// The file is not a readable Parquet file.
    #[error("{file} is not a readable Parquet file: {message}")]
    Parquet {
        /// The file.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// The file has no header row.
    #[error("{file} has no header row")]
    NoHeader {
        /// The file.
        file: String,
    },
    /// The format cannot be read from a stream (Parquet and XLSX need a path).
    #[error("{file}: {format} cannot be read from a stream, give a path")]
    NotStreamable {
        /// The file.
        file: String,
        /// The format.
        format: String,
    },
    /// A profile name that is not built in.
    #[error("unknown profile {name:?}; built-in profiles are canonical, ru-vendor and ru-customs")]
    UnknownProfile {
        /// The name given.
        name: String,
    },
    /// An encoding label `encoding_rs` does not know.
    #[error("unknown encoding {label:?}")]
    UnknownEncoding {
        /// The label given.
        label: String,
    },
    /// The mapping file is not valid TOML or has an unknown key or a bad value.
    #[error("mapping, line {line}, column {column}: {message}")]
    Mapping {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong, naming the key.
        message: String,
    },
    /// The sink refused a batch.
    #[error("storing rows from {file} failed: {source}")]
    Sink {
        /// The file.
        file: String,
        /// The sink's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// Result of whole-file operations.
pub type Result<T> = std::result::Result<T, Error>;
