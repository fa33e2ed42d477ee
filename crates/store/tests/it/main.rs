//! Integration tests of the workspace store: commits are atomic, aborted ingests leave no trace, queries see committed rows only.

mod judgements;

use tradetrail_model::{QuarantineBatchBuilder, QuarantineRow, ShipmentBatchBuilder, ShipmentLine};
use tradetrail_store::{ExportFormat, IngestCounts, IngestSource, Workspace};

fn source(dataset: &str, sha: &str) -> IngestSource {
    IngestSource {
        dataset: dataset.into(),
        source_file: format!("{sha}.csv"),
        digest: sha.into(),
        bytes: 10,
        licence: Some("synthetic".into()),
    }
}

fn lines(ingest_id: &str, n: u64) -> arrow::record_batch::RecordBatch {
    let mut b = ShipmentBatchBuilder::default();
    for i in 0..n {
        b.push(&ShipmentLine {
            record_id: format!("{i:016x}"),
            dataset: "d".into(),
            source_file: "f.csv".into(),
            source_line: i + 2,
            ingest_id: ingest_id.into(),
            hs6: Some("880622".into()),
            sender_name: Some(format!("SENDER {}", i % 3)),
            recipient_name: Some("ООО \"ЛЕГИОН\"".into()),
            value_usd: Some(100.0),
            declaration_date: Some(19_100 + i as i32),
            ..Default::default()
        });
    }
    b.finish()
}

fn quarantined(ingest_id: &str) -> arrow::record_batch::RecordBatch {
    let mut b = QuarantineBatchBuilder::default();
    b.push(&QuarantineRow {
        dataset: "d".into(),
        source_file: "f.csv".into(),
        source_line: 9,
        source_line_end: 9,
        reason_code: "bad_number".into(),
        reason: "QUANTITY: \"12,3,4\" is not a number".into(),
        raw: "x".into(),
        ingest_id: ingest_id.into(),
        ..Default::default()
    });
    b.finish()
}

async fn count(ws: &Workspace, sql: &str) -> u64 {
    let batches = ws.query(sql).await.unwrap();
    let col =
        arrow::compute::cast(batches[0].column(0), &arrow::datatypes::DataType::UInt64).unwrap();
    col.as_any()
        .downcast_ref::<arrow::array::UInt64Array>()
        .unwrap()
        .value(0)
}

#[tokio::test]
async fn commit_makes_rows_visible_and_reingest_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM shipments").await, 0);

    let mut txn = ws
        .begin_ingest(source("d", "aa"))
        .unwrap()
        .expect("new file");
    let id = txn.ingest_id().to_owned();
    txn.write_shipments(&lines(&id, 5)).unwrap();
    txn.write_quarantine(&quarantined(&id)).unwrap();
    let record = txn
        .commit(IngestCounts {
            rows_read: 6,
            stored: 5,
            quarantined: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(record.files.len(), 2);

    ws.reload().unwrap();
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM shipments").await, 5);
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM quarantine").await, 1);
    assert_eq!(count(&ws, "SELECT SUM(rows_read) FROM ingests").await, 6);
    assert_eq!(ws.record_ids("d").unwrap().len(), 5);

    assert!(
        ws.begin_ingest(source("d", "aa")).unwrap().is_none(),
        "same bytes, same dataset"
    );
    assert!(
        ws.begin_ingest(source("other", "aa")).unwrap().is_some(),
        "same bytes, other dataset"
    );
}

#[tokio::test]
async fn dropped_ingest_leaves_nothing_and_is_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    {
        let mut txn = ws.begin_ingest(source("d", "bb")).unwrap().unwrap();
        let id = txn.ingest_id().to_owned();
        txn.write_shipments(&lines(&id, 3)).unwrap();
        // Dropped without commit, as after a kill.
    }
    // A stray file in a table folder, as after a kill between move and commit.
    std::fs::write(
        dir.path().join("tables/shipments/ing-999999-0000.parquet"),
        b"partial",
    )
    .unwrap();
    ws.reload().unwrap();
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM shipments").await, 0);

    let txn = ws.begin_ingest(source("d", "cc")).unwrap().unwrap();
    assert!(
        !dir.path()
            .join("tables/shipments/ing-999999-0000.parquet")
            .exists()
    );
    txn.commit(IngestCounts::default()).unwrap();
    ws.reload().unwrap();
    assert_eq!(ws.manifest().generation, 1);
}

#[tokio::test]
async fn second_writer_is_refused_while_first_holds_lock() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let mut other = Workspace::open(dir.path()).unwrap();
    let _txn = ws.begin_ingest(source("d", "dd")).unwrap().unwrap();
    let err = other.begin_ingest(source("d", "ee")).err().expect("locked");
    assert!(err.to_string().contains("locked"), "{err}");
}

#[tokio::test]
async fn summary_and_exports_read_committed_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let mut txn = ws.begin_ingest(source("d", "ff")).unwrap().unwrap();
    let id = txn.ingest_id().to_owned();
    txn.write_shipments(&lines(&id, 6)).unwrap();
    txn.commit(IngestCounts::default()).unwrap();
    ws.reload().unwrap();

    let summary = ws.summary().await.unwrap();
    assert_eq!(summary.lines, 6);
    assert_eq!(summary.value_usd, 600.0);
    assert_eq!(summary.chapters[0].chapter, "88");
    assert_eq!(summary.top_shippers.len(), 3);
    assert_eq!(summary.first_date.as_deref(), Some("2022-04-18"));

    for (format, name) in [
        (ExportFormat::Csv, "x.csv"),
        (ExportFormat::JsonLines, "x.jsonl"),
        (ExportFormat::Parquet, "x.parquet"),
    ] {
        let out = dir.path().join(name);
        assert_eq!(ws.export_table("shipments", format, &out).await.unwrap(), 6);
        assert!(out.metadata().unwrap().len() > 0);
    }
    let csv = std::fs::read_to_string(dir.path().join("x.csv")).unwrap();
    assert!(csv.starts_with("record_id,dataset,source_file,source_line"));
}

#[tokio::test]
async fn a_newer_import_replaces_the_old_one_in_one_commit() {
    use tradetrail_model::{ListEntry, ListEntryBatchBuilder};
    use tradetrail_store::{ImportSpec, Table};
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let spec = |sha: &str| ImportSpec {
        kind: "list".into(),
        name: "us-ofac-sdn".into(),
        format: "ofac-sdn-csv".into(),
        source: "sdn.csv".into(),
        digest: sha.into(),
        version: None,
    };
    for (sha, n) in [("v1", 3), ("v2", 5)] {
        let mut txn = ws.begin_import(spec(sha)).unwrap().expect("new bytes");
        let mut b = ListEntryBatchBuilder::default();
        for i in 0..n {
            b.push(&ListEntry {
                entry_id: format!("us-ofac-sdn:{i}"),
                list_id: "us-ofac-sdn".into(),
                name: format!("N{i}"),
                ..Default::default()
            });
        }
        txn.write(Table::ListEntries, &b.finish()).unwrap();
        txn.commit().unwrap();
    }
    assert!(
        ws.begin_import(spec("v2")).unwrap().is_none(),
        "same bytes are not imported twice"
    );
    ws.reload().unwrap();
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM list_entries").await, 5);
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM imports").await, 1);
}
