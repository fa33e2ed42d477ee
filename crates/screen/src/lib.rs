//! tradetrail-screen: screens parties against sanctions and export-control lists with an in-process index, no external search server.
//!
//! [`Target`]s are list entries read from the `list_entries` and `list_names` tables; [`Index::build`] prepares every name once with the resolver's normalisation and indexes its keys (words, phonetic keys, sorted core, character trigrams, over every Latin reading, so Cyrillic and Chinese names meet Latin ones) and the entries' identifier values.
//! [`Index::screen`] gathers candidates by key rarity, scores them with the resolution scorer, adds country and identifier terms, and returns explained [`Hit`]s.
//! Identifiers decide when both sides have one: a shared value is a match, two different valid ones of a scheme with a validator are not.
//! [`eval`] measures recall on the real lists by holding names out.

pub mod eval;
pub mod explain;
pub mod index;
pub mod keys;
pub mod target;
pub mod terms;

pub use explain::{Hit, HitFeature};
pub use index::{DEFAULT_THRESHOLD, Index, Options, Query, QueryKind};
pub use target::{EntryType, Target, TargetName, targets_from_rows};
