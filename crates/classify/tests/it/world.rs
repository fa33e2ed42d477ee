//! Builds an evaluation world: generates a synthetic world, ingests its three files with the ingest crate and joins every line to `truth/`.
//!
//! Shared by the integration tests, the `eval_classify` example and the benchmark (included with `#[path]`), so all three measure the same thing.

#![allow(dead_code)]

use std::path::Path;

use arrow::record_batch::RecordBatch;
use tradetrail_classify::eval::{Metrics, Truth, TruthTable, parse_truth};
use tradetrail_ingest::{IngestOptions, KnownRecords, Sink};
use tradetrail_model::ShipmentLine;
use tradetrail_synth::WorldConfig;

type BoxErr = Box<dyn std::error::Error + Send + Sync>;

/// A sink that keeps every shipment line.
#[derive(Default)]
pub struct Collect(pub Vec<ShipmentLine>);

impl Sink for Collect {
    fn shipments(&mut self, batch: RecordBatch) -> Result<(), BoxErr> {
        self.0.extend(
            ShipmentLine::from_batch(&batch).ok_or("batch does not have the shipment schema")?,
        );
        Ok(())
    }
    fn quarantine(&mut self, _: RecordBatch) -> Result<(), BoxErr> {
        Ok(())
    }
}

/// The declaration files of a world and the profile each is read with.
pub const FILES: [(&str, Option<&str>); 3] = [
    ("ru_vendor.csv", Some("ru-vendor")),
    ("ru_customs.csv", Some("ru-customs")),
    ("kz_imports.csv", None),
];

/// Ingested lines joined to their truth.
pub struct World {
    /// Every stored line with its truth row, in file order.
    pub lines: Vec<(ShipmentLine, Truth)>,
    /// Lines with no truth row (should be zero).
    pub unmatched: usize,
}

/// Generates a world into `dir`, ingests it and joins the truth.
pub fn build(seed: u64, lines: u64, holdout: bool, dir: &Path) -> Result<World, BoxErr> {
    let cfg = WorldConfig {
        seed,
        lines,
        holdout,
    };
    tradetrail_synth::generate(&cfg, dir, &|_| {})?;
    let truth = read_truth(dir)?;
    let mut out = World {
        lines: Vec::new(),
        unmatched: 0,
    };
    for (name, profile) in FILES {
        let opts = IngestOptions {
            dataset: "eval".into(),
            profile: profile.map(str::to_string),
            ..Default::default()
        };
        let mut sink = Collect::default();
        tradetrail_ingest::ingest_path(
            &dir.join(name),
            &opts,
            &mut KnownRecords::new(),
            &mut sink,
            &(),
        )?;
        for l in sink.0 {
            match truth.get(&(name.to_string(), l.source_line)) {
                Some(t) => out.lines.push((l, t.clone())),
                None => out.unmatched += 1,
            }
        }
    }
    Ok(out)
}

/// Reads `truth/lines.csv` and `truth/anomalies.csv` into truth rows keyed by (file name, line).
pub fn read_truth(dir: &Path) -> Result<TruthTable, BoxErr> {
    let lines = std::fs::read_to_string(dir.join("truth/lines.csv"))?;
    let anomalies = std::fs::read_to_string(dir.join("truth/anomalies.csv"))?;
    Ok(parse_truth(&lines, &anomalies)?)
}

/// Classifies every line of a world and scores it.
pub fn score(world: &World) -> Metrics {
    let mut m = Metrics::default();
    for (line, truth) in &world.lines {
        m.add(&tradetrail_classify::classify(line), truth);
    }
    m
}
