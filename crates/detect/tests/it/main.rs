//! The detect crate's integration tests: every detector against its case file, and the findings of every case as snapshots.

mod cases;
