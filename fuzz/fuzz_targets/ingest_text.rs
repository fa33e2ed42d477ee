//! Fuzz target: any bytes as CSV, TSV or JSON Lines in any of the encodings users meet must not panic, and every row read must be stored, quarantined or a duplicate.
//!
//! The first byte picks the format, the encoding label and the built-in profile, so one corpus covers every text path of the ingest.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tradetrail_ingest::{Format, IngestOptions, KnownRecords, NullSink, ingest_reader};

const FORMATS: [(Format, &str); 3] = [
    (Format::Csv, "fuzz.csv"),
    (Format::Tsv, "fuzz.tsv"),
    (Format::JsonLines, "fuzz.jsonl"),
];
const ENCODINGS: [Option<&str>; 4] = [None, Some("utf-8"), Some("windows-1251"), Some("utf-16le")];
const PROFILES: [Option<&str>; 4] = [
    None,
    Some("canonical"),
    Some("ru-vendor"),
    Some("ru-customs"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (format, name) = FORMATS[usize::from(pick % 3)];
    let opts = IngestOptions {
        dataset: "fuzz".into(),
        ingest_id: "fuzz".into(),
        format: Some(format),
        encoding: ENCODINGS[usize::from((pick >> 2) % 4)].map(str::to_owned),
        profile: PROFILES[usize::from((pick >> 4) % 4)].map(str::to_owned),
        max_field_bytes: 512,
        batch_rows: 7,
        ..Default::default()
    };
    if let Ok(r) = ingest_reader(
        name,
        rest,
        &opts,
        &mut KnownRecords::new(),
        &mut NullSink,
        &(),
    ) {
        assert_eq!(r.rows_read, r.stored + r.quarantined + r.duplicates);
    }
});
