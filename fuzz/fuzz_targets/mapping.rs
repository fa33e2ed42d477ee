//! Fuzz target: any text as a TOML mapping file must parse or be refused without a panic, and an accepted mapping must ingest a small file with the counts adding up.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tradetrail_ingest::{IngestOptions, KnownRecords, Mapping, NullSink, ingest_reader};

const SAMPLE: &[u8] = "id;decl;date;hs;description;qty;net;value;country\n\
R1;10012020/010325/0000001;01.03.2025;8806221000;Квадрокоптер DJI Mavic 3;2;1,5;4 400,00;CN\n\
R2;10012020/010325/0000002;2025-03-02;880622;drone parts;NULL;-1;1e309;КИТАЙ\n\
R3;;;;;;;;\n"
    .as_bytes();

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(mapping) = Mapping::from_toml_str(&text) else {
        return;
    };
    let opts = IngestOptions {
        dataset: "fuzz".into(),
        ingest_id: "fuzz".into(),
        mapping: Some(mapping),
        max_field_bytes: 512,
        ..Default::default()
    };
    if let Ok(r) = ingest_reader(
        "fuzz.csv",
        SAMPLE,
        &opts,
        &mut KnownRecords::new(),
        &mut NullSink,
        &(),
    ) {
        assert_eq!(r.rows_read, r.stored + r.quarantined + r.duplicates);
    }
});
