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
// ORG: 126 tuning pairs, tuning F1 0.966 at threshold 0.41, l2 0.0001
pub const ORG: Weights = Weights {
    bias: 5.089,
    name: [
        0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 1.500, 0.000, -1.000, -12.000, -0.185,
        -8.247, 1.095, -2.729, -12.000, -6.000, -12.000,
    ],
    threshold: 0.41,
};

/// Weights for persons.
// PERSON: 260 tuning pairs, tuning F1 0.854 at threshold 0.40, l2 0.0001
pub const PERSON: Weights = Weights {
    bias: 0.221,
    name: [
        0.000, 0.000, 0.000, 0.000, 3.822, 0.000, -0.686, 1.500, 0.000, 0.000, -12.000, 0.000,
        -4.048, 3.427, 0.000, -12.000, -6.000, -12.000,
    ],
    threshold: 0.40,
};

/// The weights for a kind of party.
pub fn for_kind(kind: Kind) -> &'static Weights {
    match kind {
        Kind::Organisation => &ORG,
        Kind::Person => &PERSON,
    }
}
