//! Fuzz target: any bytes fed to `ingest_reader` as a CSV must not panic, and the row counts must add up.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tradetrail_ingest::{IngestOptions, KnownRecords, NullSink, ingest_reader};

fuzz_target!(|data: &[u8]| {
    let opts = IngestOptions {
        dataset: "fuzz".into(),
        ingest_id: "fuzz".into(),
        max_field_bytes: 256,
        ..Default::default()
    };
    if let Ok(r) = ingest_reader(
        "fuzz.csv",
        data,
        &opts,
        &mut KnownRecords::new(),
        &mut NullSink,
        &(),
    ) {
        assert_eq!(r.rows_read, r.stored + r.quarantined + r.duplicates);
    }
});
