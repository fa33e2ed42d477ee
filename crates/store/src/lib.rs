//! The workspace store: where one investigation's tables live on disk, and the only crate that writes them.
//!
//! A workspace is a directory (`--home`, `TRADETRAIL_HOME`, or a per-user default).
//! Its tables are Parquet files that DuckDB, Polars, pandas and Spark read directly.
//! Which files make up the tables is decided by one JSON manifest, replaced atomically:
//! a file that the manifest does not name does not exist for readers.
//! An ingest writes its files to a staging folder, moves them into place and then commits a new manifest,
//! so a kill at any moment leaves the workspace as it was before, or with the whole file.
//!
//! Queries run on Apache DataFusion over the manifest's files: see [`Workspace::session`].
//!
//! Layout of a workspace:
//! ```text
//! manifest.json                      the committed state (format_version, ingests and their files)
//! .lock                              held exclusively by the one writer
//! tables/shipments/<ingest>-<n>.parquet
//! tables/quarantine/<ingest>-<n>.parquet
//! staging/<ingest>/                  in-flight writes, removed on the next open
//! judgements.sqlite                  analyst state (SQLite, WAL): judgements on pairs of mentions, hit reviews, finding judgements and the audit log of all three
//! ```

mod audit;
mod error;
mod finding_judgements;
mod judgements;
mod manifest;
mod query;
mod reviews;
mod scan;
mod summary;
mod txn;
mod workspace;

pub use audit::{Audit, AuditEntry};
pub use error::{Error, Result};
pub use finding_judgements::{FindingAction, FindingJudgement, FindingJudgements};
pub use judgements::{Decision, JUDGEMENTS_FILE, Judgement, Judgements};
pub use manifest::{FORMAT_VERSION, ImportRecord, IngestRecord, Manifest, PartFile, Table};
pub use query::{ExportFormat, batches_to_table};
pub use reviews::{HitDecision, HitReview, HitReviews};
pub use scan::TableScan;
pub use summary::{SUMMARY_QUERIES, Summary, TopParty, ValueByChapter};
pub use txn::{ImportSpec, ImportTxn, IngestCounts, IngestSource, IngestTxn};
pub use workspace::{Workspace, default_home};
