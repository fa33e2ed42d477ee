//! The one integration-test binary of tradetrail-ingest: modules per concern, linked once.

mod common;
mod corpus;
mod formats;
mod golden;
mod malformed;
mod props;
