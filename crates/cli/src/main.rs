//! The tradetrail command line.
fn main() {}
