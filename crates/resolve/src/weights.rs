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
// ORG: 143 tuning pairs, tuning F1 0.902 at threshold 0.49, l2 0.0001
pub const ORG: Weights = Weights {
    bias: 5.317,
    name: [
        0.000, 0.000, 2.707, 0.000, 0.000, 0.000, 0.000, 1.500, 0.000, -2.137, -6.000, -0.064,
        -10.655, 0.225, -4.839, -6.000,
    ],
    threshold: 0.49,
};

/// Weights for persons.
// PERSON: 265 tuning pairs, tuning F1 0.820 at threshold 0.44, l2 0.0001
pub const PERSON: Weights = Weights {
    bias: 2.086,
    name: [
        0.000, 0.000, 0.000, 0.000, 3.505, 0.000, -1.110, 1.500, 0.000, 0.000, -6.000, 0.000,
        -5.476, 3.294, 0.000, -6.000,
    ],
    threshold: 0.44,
};

/// The weights for a kind of party.
pub fn for_kind(kind: Kind) -> &'static Weights {
    match kind {
        Kind::Organisation => &ORG,
        Kind::Person => &PERSON,
    }
}
