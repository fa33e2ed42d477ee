//! Planted malformed rows: each file has some, and the ingest quarantines exactly the truth lines with the truth reasons and stores every other row.

use std::collections::BTreeMap;

use arrow::record_batch::RecordBatch;
use tradetrail_ingest::{IngestOptions, KnownRecords, Sink};
use tradetrail_model::{QuarantineRow, ShipmentLine};

use crate::{scratch, small_world};

type BoxErr = Box<dyn std::error::Error + Send + Sync>;

#[derive(Default)]
struct Keep {
    stored: Vec<u64>,
    quarantined: Vec<QuarantineRow>,
}

impl Sink for Keep {
    fn shipments(&mut self, batch: RecordBatch) -> Result<(), BoxErr> {
        let rows = ShipmentLine::from_batch(&batch).ok_or("not a shipment batch")?;
        self.stored.extend(rows.iter().map(|l| l.source_line));
        Ok(())
    }
    fn quarantine(&mut self, batch: RecordBatch) -> Result<(), BoxErr> {
        self.quarantined
            .extend(QuarantineRow::from_batch(&batch).ok_or("not a quarantine batch")?);
        Ok(())
    }
}

#[test]
fn ingest_quarantines_exactly_the_planted_rows() {
    let dir = scratch("malformed");
    let summary = small_world(&dir, 7, 20_000, false);
    let truth = std::fs::read_to_string(dir.join("truth/malformed.csv")).unwrap();
    let mut planted: BTreeMap<&str, BTreeMap<u64, String>> = BTreeMap::new();
    for l in truth.lines().skip(1) {
        let c: Vec<&str> = l.splitn(4, ',').collect();
        planted
            .entry(c[0])
            .or_default()
            .insert(c[1].parse().unwrap(), c[2].to_string());
    }
    assert_eq!(
        summary.malformed,
        truth.lines().count() as u64 - 1,
        "world.json counts truth/malformed.csv"
    );
    assert_eq!(
        summary.malformed_by_code.values().sum::<u64>(),
        summary.malformed
    );
    for code in ["bad_number", "short_row", "bad_date", "bad_encoding"] {
        assert!(summary.malformed_by_code.contains_key(code), "{code}");
    }
    for f in &summary.files {
        let want = &planted[f.path.as_str()];
        assert!(
            want.len() >= 3,
            "{} has {} malformed rows",
            f.path,
            want.len()
        );
        assert_eq!(want.len() as u64, f.malformed);
        let opts = IngestOptions {
            dataset: f.dataset.clone(),
            profile: f.profile.clone(),
            ..Default::default()
        };
        let mut sink = Keep::default();
        let report = tradetrail_ingest::ingest_path(
            &dir.join(&f.path),
            &opts,
            &mut KnownRecords::new(),
            &mut sink,
            &(),
        )
        .unwrap();
        assert_eq!(
            report.encoding,
            if f.path == "ru_customs.csv" {
                "windows-1251"
            } else {
                "UTF-8"
            },
            "{}",
            f.path
        );
        let got: BTreeMap<u64, String> = sink
            .quarantined
            .iter()
            .map(|q| (q.source_line, q.reason_code.clone()))
            .collect();
        assert_eq!(&got, want, "{}: quarantined rows vs truth", f.path);
        assert_eq!(sink.quarantined.len(), want.len());
        assert_eq!(
            sink.stored.len() as u64,
            f.lines,
            "{}: every good row is stored",
            f.path
        );
        assert!(sink.stored.iter().all(|l| !want.contains_key(l)));
    }
    let _ = std::fs::remove_dir_all(dir);
}
