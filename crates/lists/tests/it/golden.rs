//! Golden tests: each format's small hand-written sample under tests/data, imported and pinned with an insta snapshot.
//!
//! Every sample holds at least one malformed record, so the snapshot also pins the issue it becomes and its position.

use tradetrail_lists::{ListFormat, ListImport, import_path};

use crate::common::sample;

/// The import with absolute file paths reduced to file names, so snapshots do not depend on the checkout.
fn portable(mut i: ListImport) -> ListImport {
    let base = |p: &mut String| {
        if let Some(name) = std::path::Path::new(p.as_str()).file_name() {
            *p = name.to_string_lossy().into_owned();
        }
    };
    i.entries.iter_mut().for_each(|e| base(&mut e.source_file));
    i.issues.iter_mut().for_each(|e| base(&mut e.source_file));
    i
}

fn golden(format: ListFormat, rel: &str) -> ListImport {
    let i = import_path(format, &sample(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    portable(i)
}

#[test]
fn ofac_sdn_csv() {
    let i = golden(ListFormat::OfacSdnCsv, "ofac-sdn-csv");
    assert_eq!(i.entries.len(), 4);
    assert_eq!(i.issue_count("orphan_alias"), 1);
    assert_eq!(i.issue_count("orphan_address"), 1);
    assert_eq!(i.issue_count("bad_record"), 1);
    insta::assert_yaml_snapshot!(i);
}

#[test]
fn ofac_xml() {
    let i = golden(ListFormat::OfacXml, "ofac-xml/CONS_ENHANCED.XML");
    assert_eq!(i.entries.len(), 2);
    assert_eq!(i.issue_count("unknown_field"), 1);
    insta::assert_yaml_snapshot!(i);
}

#[test]
fn un_xml() {
    let i = golden(ListFormat::UnXml, "un-xml/un_sample.xml");
    assert_eq!(i.entries.len(), 3);
    assert_eq!(i.issue_count("bad_xml"), 1);
    insta::assert_yaml_snapshot!(i);
}

#[test]
fn csl_csv() {
    let i = golden(ListFormat::CslCsv, "csl-csv/consolidated.csv");
    assert_eq!(i.entries.len(), 4);
    assert_eq!(i.issue_count("bad_record"), 1);
    insta::assert_yaml_snapshot!(i);
}

#[test]
fn us_restricted_json() {
    let i = golden(ListFormat::UsRestrictedJson, "us-restricted-json");
    assert_eq!(i.entries.len(), 2);
    assert_eq!(i.issue_count("count_mismatch"), 1);
    insta::assert_yaml_snapshot!(i);
}

#[test]
fn eu_csv() {
    let i = golden(ListFormat::EuCsv, "eu-csv/32014R0833.csv");
    assert_eq!(i.entries.len(), 4);
    assert_eq!(i.issue_count("bad_record"), 1);
    insta::assert_yaml_snapshot!(i);
}

#[test]
fn ftm_json() {
    let i = golden(ListFormat::FtmJson, "ftm-json/entities.ftm.json");
    assert_eq!(i.entries.len(), 4, "the company is in two datasets");
    assert_eq!(i.issue_count("skipped_schema"), 1);
    assert_eq!(i.issue_count("bad_record"), 1);
    insta::assert_yaml_snapshot!(i);
}
