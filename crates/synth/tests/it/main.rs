//! Integration tests of the synthetic world generator, in one test binary.

mod determinism;
mod files;
mod lists;
mod malformed;
mod truth;
mod watchlist;

use std::path::Path;

use tradetrail_synth::{WorldConfig, WorldSummary, generate};

/// Generates a small world into a fresh directory under the target's temp area.
pub fn small_world(dir: &Path, seed: u64, lines: u64, holdout: bool) -> WorldSummary {
    let _ = std::fs::remove_dir_all(dir);
    generate(
        &WorldConfig {
            seed,
            lines,
            holdout,
        },
        dir,
        &|_| {},
    )
    .expect("generation succeeds")
}

/// A scratch directory unique to a test name.
pub fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("tradetrail-synth-it-{}-{name}", std::process::id()))
}
