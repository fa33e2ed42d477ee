//! Imports the real staged lists and checks that entry counts match what the sources state.

use tradetrail_lists::{ListFormat, import_path};

use crate::common::{by_type, issues_by_code, report, shared};

#[test]
fn ofac_sdn_legacy_csv() {
    let Some(dir) = shared("ofac-sdn") else { return };
    let i = import_path(ListFormat::OfacSdnCsv, &dir).expect("import");
    report("ofac-sdn", &i);
    assert_eq!(i.entries.len(), 15_443);
    assert_eq!(i.lists[0].list_id, "us-ofac-sdn");
    let issues = issues_by_code(&i);
    eprintln!("types {:?}", by_type(&i));
    // SOURCE.md: add.csv has 1,577 orphan ent_nums and alt.csv 704; the issues count rows, not ent_nums.
    assert!(issues.get("orphan_alias").copied().unwrap_or(0) >= 704);
    assert!(issues.get("orphan_address").copied().unwrap_or(0) >= 1_577);
    let with_alias: std::collections::HashSet<&str> =
        i.names.iter().filter(|n| n.kind == "alias").map(|n| n.entry_id.as_str()).collect();
    eprintln!("entries with aliases: {}", with_alias.len());
    let with_addr = i.entries.iter().filter(|e| e.addresses.is_some()).count();
    eprintln!("entries with addresses: {with_addr}");
    let with_ids = i.entries.iter().filter(|e| e.identifiers.is_some()).count();
    eprintln!("entries with identifiers: {with_ids}");
}

#[test]
fn ofac_consolidated_legacy_csv() {
    let Some(dir) = shared("ofac-consolidated") else { return };
    let i = import_path(ListFormat::OfacConsCsv, &dir).expect("import");
    report("ofac-cons csv", &i);
    assert_eq!(i.entries.len(), 442);
}

#[test]
fn un_consolidated_xml() {
    let Some(dir) = shared("un-consolidated/UN_consolidated.xml") else { return };
    let i = import_path(ListFormat::UnXml, &dir).expect("import");
    report("un", &i);
    let types = by_type(&i);
    assert_eq!(i.entries.len(), 1_003);
    assert_eq!(types.get("person"), Some(&730));
    assert_eq!(types.get("organization"), Some(&273));
    assert_eq!(i.lists[0].version.as_deref(), Some("2026-02-27T00:00:09.554Z"));
}

#[test]
fn us_csl_csv() {
    let Some(file) = shared("us-csl/consolidated.csv") else { return };
    let i = import_path(ListFormat::CslCsv, &file).expect("import");
    report("csl", &i);
    assert_eq!(i.entries.len(), 14_160);
    let count = |id: &str| i.lists.iter().find(|l| l.list_id == id).map_or(0, |l| l.entries);
    assert_eq!(count("us-ofac-sdn"), 10_026);
    assert_eq!(count("us-bis-entity-list"), 2_001);
    assert_eq!(count("us-state-itar-debarred"), 727);
    assert_eq!(count("us-bis-dpl"), 462);
    assert_eq!(count("us-bis-meu"), 71);
    assert_eq!(count("us-ofac-ns-cmic"), 68);
    assert_eq!(i.lists.len(), 13);
}
