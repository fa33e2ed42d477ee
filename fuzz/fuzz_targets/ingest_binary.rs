//! Fuzz target: any bytes given as a Parquet or XLSX file must not panic the ingest, and the row counts must add up.
//!
//! Both formats are read from a path (they are not streamable), so the input is written to a temporary file first; the first byte picks the format.

#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use tradetrail_ingest::{IngestOptions, KnownRecords, NullSink, ingest_path};

fuzz_target!(
    init: {
        // The ingest turns a panic inside calamine into a whole-file error (catch_unwind); libFuzzer's panic hook would abort first,
        // so the hook is silenced; a panic that escapes the ingest is still caught by libfuzzer-sys, which aborts, and counts as a crash.
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let suffix = if pick % 2 == 0 { ".parquet" } else { ".xlsx" };
    let Ok(mut file) = tempfile::Builder::new().suffix(suffix).tempfile() else { return };
    if file.write_all(rest).is_err() {
        return;
    }
    let opts = IngestOptions {
        dataset: "fuzz".into(),
        ingest_id: "fuzz".into(),
        max_field_bytes: 512,
        ..Default::default()
    };
    if let Ok(r) = ingest_path(file.path(), &opts, &mut KnownRecords::new(), &mut NullSink, &()) {
        assert_eq!(r.rows_read, r.stored + r.quarantined + r.duplicates);
    }
    }
);
