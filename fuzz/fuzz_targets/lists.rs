//! Fuzz target: arbitrary bytes through every list importer (`import_bytes`) must never panic; the first byte picks the format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tradetrail_lists::{ListFormat, import_bytes};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = ListFormat::ALL[usize::from(pick) % ListFormat::ALL.len()];
    let _ = import_bytes(format, "fuzz", rest);
});
