//! The one integration-test binary of tradetrail-resolve: must-pass pairs, hand-written case files, labelled-set floors, properties.

mod cases;
mod cluster;
mod labelled;
mod must_pass;
mod props;
