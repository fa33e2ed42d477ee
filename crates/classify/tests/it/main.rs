//! The integration tests of tradetrail-classify: case files, a held-out world evaluation and a no-panic property.

mod cases;
mod props;
mod world;
mod world_eval;
