//! Golden tests per built-in profile: small hand-written files, parsed rows snapshotted with insta.

use tradetrail_ingest::{DryRun, IngestOptions, KnownRecords, dry_run, ingest_path};

use crate::common::{Collect, assert_adds_up, data, opts};

/// The parts of a dry run worth pinning: report, rows and quarantined rows (file paths made relative).
fn snapshot_of(d: &DryRun) -> serde_json::Value {
    let mut rows = serde_json::to_value(&d.rows).expect("rows serialise");
    let mut quarantined = serde_json::to_value(&d.quarantined).expect("rows serialise");
    for list in [&mut rows, &mut quarantined] {
        for row in list.as_array_mut().into_iter().flatten() {
            if let Some(obj) = row.as_object_mut() {
                obj.retain(|_, v| !v.is_null());
                obj.remove("source_file");
            }
        }
    }
    serde_json::json!({
        "format": d.report.format.name(),
        "encoding": d.report.encoding,
        "profile": d.report.profile,
        "mapping": d.report.mapping,
        "unmapped": d.report.unmapped,
        "rows_read": d.report.rows_read,
        "stored": d.report.stored,
        "quarantined": d.report.quarantined,
        "duplicates": d.report.duplicates,
        "reasons": d.report.reasons,
        "rows": rows,
        "quarantine": quarantined,
    })
}

#[test]
fn ru_customs_cp1251_semicolons_decimal_commas() {
    let path = data("ru-customs/declarations_cp1251.csv");
    let d = dry_run(&path, &opts(), 100).expect("dry run");
    assert_eq!(d.report.profile, "ru-customs");
    assert_eq!(d.report.encoding, "windows-1251");
    insta::assert_yaml_snapshot!("ru_customs", snapshot_of(&d));
    // Naming the profile gives the same rows.
    let named = IngestOptions {
        profile: Some("ru-customs".into()),
        ..opts()
    };
    assert_eq!(dry_run(&path, &named, 100).expect("dry run").rows, d.rows);
}

#[test]
fn ru_vendor_nulls_and_duplicates() {
    let path = data("ru-vendor/vendor_export.csv");
    let d = dry_run(&path, &opts(), 100).expect("dry run");
    assert_eq!(d.report.profile, "ru-vendor");
    insta::assert_yaml_snapshot!("ru_vendor", snapshot_of(&d));
    let mut sink = Collect::default();
    let r = ingest_path(&path, &opts(), &mut KnownRecords::new(), &mut sink, &()).expect("ingest");
    assert_adds_up(&r);
    assert_eq!(
        (r.rows_read, r.stored, r.quarantined, r.duplicates),
        (5, 3, 1, 1)
    );
}

#[test]
fn canonical_export_reingests() {
    let path = data("canonical/export.csv");
    let d = dry_run(&path, &opts(), 100).expect("dry run");
    assert_eq!(d.report.profile, "canonical");
    insta::assert_yaml_snapshot!("canonical", snapshot_of(&d));
    // The stored record ids are kept, so re-ingesting an export into the same dataset finds its duplicates.
    let mut known = KnownRecords::new();
    known.insert(0x0123_4567_89ab_cdef);
    let r = ingest_path(&path, &opts(), &mut known, &mut Collect::default(), &()).expect("ingest");
    assert_eq!((r.stored, r.duplicates), (1, 1));
}

#[test]
fn dry_run_mapping_toml_round_trips() {
    let path = data("ru-customs/declarations_cp1251.csv");
    let d = dry_run(&path, &opts(), 2).expect("dry run");
    assert!(d.rows.len() <= 2);
    let m =
        tradetrail_ingest::Mapping::from_toml_str(&d.mapping_toml).expect("printed mapping parses");
    let with = IngestOptions {
        mapping: Some(m),
        ..opts()
    };
    let again = dry_run(&path, &with, 100).expect("dry run with the printed mapping");
    assert_eq!(again.report.profile, "mapping file");
    let full = dry_run(&path, &opts(), 100).expect("dry run");
    assert_eq!(again.rows, full.rows);
}
