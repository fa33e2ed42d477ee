//! Helpers shared by the integration tests: a sink that keeps batches and readers for their columns.

use arrow::array::{Array, AsArray};
use arrow::datatypes::UInt64Type;
use arrow::record_batch::RecordBatch;
use tradetrail_ingest::{FileReport, IngestOptions, Sink};

/// Keeps every batch it is given.
#[derive(Default)]
pub struct Collect {
    pub shipments: Vec<RecordBatch>,
    pub quarantine: Vec<RecordBatch>,
}

impl Sink for Collect {
    fn shipments(
        &mut self,
        b: RecordBatch,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        self.shipments.push(b);
        Ok(())
    }
    fn quarantine(
        &mut self,
        b: RecordBatch,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        self.quarantine.push(b);
        Ok(())
    }
}

fn strings(batches: &[RecordBatch], col: &str) -> Vec<Option<String>> {
    batches
        .iter()
        .flat_map(|b| {
            let a = b
                .column_by_name(col)
                .expect("column exists")
                .as_string::<i32>()
                .clone();
            (0..a.len()).map(move |i| (!a.is_null(i)).then(|| a.value(i).to_owned()))
        })
        .collect()
}

fn lines(batches: &[RecordBatch], col: &str) -> Vec<u64> {
    batches
        .iter()
        .flat_map(|b| {
            b.column_by_name(col)
                .expect("column exists")
                .as_primitive::<UInt64Type>()
                .values()
                .to_vec()
        })
        .collect()
}

impl Collect {
    /// A text column of the stored shipment lines.
    pub fn ship(&self, col: &str) -> Vec<Option<String>> {
        strings(&self.shipments, col)
    }

    /// `source_line` of the stored lines.
    pub fn ship_lines(&self) -> Vec<u64> {
        lines(&self.shipments, "source_line")
    }

    /// (source_line, source_line_end, reason_code, column_name) of quarantined rows.
    pub fn quarantined(&self) -> Vec<(u64, u64, String, Option<String>)> {
        let a = lines(&self.quarantine, "source_line");
        let b = lines(&self.quarantine, "source_line_end");
        let r = strings(&self.quarantine, "reason_code");
        let c = strings(&self.quarantine, "column_name");
        a.into_iter()
            .zip(b)
            .zip(r)
            .zip(c)
            .map(|(((a, b), r), c)| (a, b, r.unwrap_or_default(), c))
            .collect()
    }

    /// A text column of the quarantined rows.
    pub fn quar(&self, col: &str) -> Vec<Option<String>> {
        strings(&self.quarantine, col)
    }
}

/// Options with a fixed dataset and ingest id.
pub fn opts() -> IngestOptions {
    IngestOptions {
        dataset: "test".into(),
        ingest_id: "run-1".into(),
        ..Default::default()
    }
}

/// Asserts the accounting invariant of a report.
pub fn assert_adds_up(r: &FileReport) {
    assert_eq!(
        r.rows_read,
        r.stored + r.quarantined + r.duplicates,
        "{r:?}"
    );
    assert_eq!(r.reasons.values().sum::<u64>(), r.quarantined, "{r:?}");
}

/// Path of a test data file.
pub fn data(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}
