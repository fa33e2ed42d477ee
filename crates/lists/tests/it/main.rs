//! The one integration-test binary of tradetrail-lists: real-data counts, golden samples, cross-script names and no-panic properties.

mod common;
mod counts;
mod golden;
mod props;
mod scripts;
