//! Full-text search over shipment lines: ranked (BM25) results for words in Russian, English or Chinese, written in any script, with filters.
//!
//! The index is a tantivy index in the workspace folder (`index/search/`), derived from the `shipments` table and, when it exists, the `classifications` table.
//! It is rebuilt whole when either changes, into a fresh folder that is swapped in by an atomic rename of a pointer file, so a kill at any moment leaves the previous index usable.
//!
//! What makes a query find a line:
//! - descriptions (with the English description, brand, manufacturer, model and article) are indexed twice: Russian- and English-stemmed words, and a folded Latin spelling, see [`analysis`];
//! - so `квадрокоптеры` finds `квадрокоптер`, `kvadrokopter mavic` finds `квадрокоптер MAVIC`, `мавик` finds `MAVIC`, and `无人机` or `御3` find Han descriptions;
//! - every query word must match (in either form); filters narrow without changing the score.
//!
//! ```no_run
//! use tradetrail_search::{BuildOptions, Filters, ensure};
//! use tradetrail_store::Workspace;
//!
//! let ws = Workspace::open("/tmp/case")?;
//! let (index, _built) = ensure(&ws, &BuildOptions::default())?;
//! let hits = index.search("квадрокоптер mavic", &Filters::default(), 10)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod analysis;
mod build;
mod dates;
mod error;
mod query;
mod schema;
mod translit;

pub use build::{BuildOptions, BuildReport, ensure, index_dir, open_current, rebuild, state_of};
pub use dates::{days_to_iso, iso_to_days};
pub use error::{Error, Result};
pub use query::{Filters, Hit, Results, SearchIndex};
