//! tradetrail-resolve: tells whether two party names (and their countries, addresses and identifiers) denote the same party, across Latin, Cyrillic and Chinese.
//!
//! The crate is pure: no IO at run time, every table embedded and parsed once.
//! Pipeline: [`normalise`] a name into a [`NormName`], compare two with [`score`] into an explained, calibrated [`Score`], find candidate pairs with [`block::Blocker`].
//! A Cyrillic name against a Latin one is compared on [`fold`]ed words, so any scheme's transliteration meets its original.
//! [`cluster`] turns distinct mentions (keyed by [`mention_key`]) into entities with stable ids, honouring analyst judgements.
//! Evaluation helpers in [`eval`] measure precision and recall on labelled pairs; [`train`] fits the weights on the tuning split.

pub mod abbrev;
pub mod block;
pub mod cluster;
pub mod eval;
pub mod features;
pub mod fold;
pub mod han;
pub mod ident;
pub mod industry;
pub mod legal;
pub mod mention;
pub mod normalise;
pub mod phonetic;
pub mod score;
pub mod tables;
pub mod text;
pub mod train;
pub mod translit;
pub mod weights;

pub use block::{Blocker, blocking_keys};
pub use cluster::{ClusterConfig, ClusterStats, Clustering, Constraints, cluster};
pub use ident::{Identifier, Scheme};
pub use mention::{entity_id, mention_key, parse_identifiers};
pub use normalise::{NormName, normalise};
pub use score::{
    Feature, Kind, Party, Prepared, Score, Verdict, fast_logit, fast_probability, score,
    score_prepared, sigmoid,
};
pub use text::Script;
