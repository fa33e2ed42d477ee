//! Fitted weights of the name features, per kind of party, with the match threshold chosen on the tuning split.
//!
//! Regenerate with `cargo run --release -p tradetrail-resolve --example fit_weights` and paste its output here.
//! The fit uses only the tuning half of the labelled pairs (`eval::is_tuning`); the held-out half is never seen.

use crate::features::N_NAME;
use crate::score::Kind;

/// Weights of one kind of party.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Intercept.
    pub bias: f64,
    /// One weight per name feature, in `features::NAME_FEATURES` order.
    pub name: [f64; N_NAME],
    /// Probability at or above which the verdict is a match.
    pub threshold: f64,
}

/// Weights for organisations.
// ORG: 143 tuning pairs, tuning F1 0.916 at threshold 0.76, l2 0.001
pub const ORG: Weights = Weights {
    bias: 3.310,
    name: [0.000, 0.000, 0.000, 0.000, 0.000, 0.000, -0.824, 0.000, 0.000, -0.833, 0.000, -1.559, -4.344, 0.451],
    threshold: 0.76,
};

/// Weights for persons.
// PERSON: 265 tuning pairs, tuning F1 0.841 at threshold 0.39, l2 0.001
pub const PERSON: Weights = Weights {
    bias: 0.879,
    name: [0.000, 0.000, 0.000, 0.000, 2.717, 0.000, -0.944, 0.000, 0.000, 0.000, 0.000, 0.000, -3.613, 1.601],
    threshold: 0.39,
};

/// The weights for a kind of party.
pub fn for_kind(kind: Kind) -> &'static Weights {
    match kind {
        Kind::Organisation => &ORG,
        Kind::Person => &PERSON,
    }
}
