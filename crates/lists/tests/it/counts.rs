//! Imports the real staged lists and checks that entry counts match what the sources state.

use tradetrail_lists::{ListFormat, import_path};

use crate::common::{by_type, issues_by_code, report, shared};

#[test]
fn ofac_sdn_legacy_csv() {
    let Some(dir) = shared("ofac-sdn") else {
        return;
    };
    let i = import_path(ListFormat::OfacSdnCsv, &dir).expect("import");
    report("ofac-sdn", &i);
    assert_eq!(i.entries.len(), 15_443);
    assert_eq!(i.lists[0].list_id, "us-ofac-sdn");
    let issues = issues_by_code(&i);
    eprintln!("types {:?}", by_type(&i));
    // SOURCE.md: add.csv has 1,577 orphan ent_nums and alt.csv 704; the issues count rows, not ent_nums.
    let distinct = |code: &str| {
        let ents: std::collections::HashSet<&str> = i
            .issues
            .iter()
            .filter(|x| x.code == code)
            .filter_map(|x| x.message.split("of ent_num ").nth(1)?.split(',').next())
            .collect();
        ents.len()
    };
    eprintln!(
        "orphan rows: {} alias, {} address; orphan ent_nums: {} alias, {} address",
        issues.get("orphan_alias").copied().unwrap_or(0),
        issues.get("orphan_address").copied().unwrap_or(0),
        distinct("orphan_alias"),
        distinct("orphan_address")
    );
    assert_eq!(distinct("orphan_alias"), 704);
    assert_eq!(distinct("orphan_address"), 1_577);
    let with_alias: std::collections::HashSet<&str> = i
        .names
        .iter()
        .filter(|n| n.kind == "alias")
        .map(|n| n.entry_id.as_str())
        .collect();
    eprintln!("entries with aliases: {}", with_alias.len());
    let with_addr = i.entries.iter().filter(|e| e.addresses.is_some()).count();
    eprintln!("entries with addresses: {with_addr}");
    let with_ids = i.entries.iter().filter(|e| e.identifiers.is_some()).count();
    eprintln!("entries with identifiers: {with_ids}");
}

#[test]
fn ofac_consolidated_legacy_csv() {
    let Some(dir) = shared("ofac-consolidated") else {
        return;
    };
    let i = import_path(ListFormat::OfacConsCsv, &dir).expect("import");
    report("ofac-cons csv", &i);
    assert_eq!(i.entries.len(), 442);
}

#[test]
fn un_consolidated_xml() {
    let Some(dir) = shared("un-consolidated/UN_consolidated.xml") else {
        return;
    };
    let i = import_path(ListFormat::UnXml, &dir).expect("import");
    report("un", &i);
    let types = by_type(&i);
    assert_eq!(i.entries.len(), 1_003);
    assert_eq!(types.get("person"), Some(&730));
    assert_eq!(types.get("organization"), Some(&273));
    assert_eq!(
        i.lists[0].version.as_deref(),
        Some("2026-02-27T00:00:09.554Z")
    );
}

#[test]
fn us_csl_csv() {
    let Some(file) = shared("us-csl/consolidated.csv") else {
        return;
    };
    let i = import_path(ListFormat::CslCsv, &file).expect("import");
    report("csl", &i);
    assert_eq!(i.entries.len(), 14_160);
    let count = |id: &str| {
        i.lists
            .iter()
            .find(|l| l.list_id == id)
            .map_or(0, |l| l.entries)
    };
    assert_eq!(count("us-csl-ofac-sdn"), 10_026);
    assert_eq!(count("us-csl-bis-entity-list"), 2_001);
    assert_eq!(count("us-csl-state-itar-debarred"), 727);
    assert_eq!(count("us-csl-bis-dpl"), 462);
    assert_eq!(count("us-csl-bis-meu"), 71);
    assert_eq!(count("us-csl-ofac-ns-cmic"), 68);
    assert_eq!(i.lists.len(), 13);
}

#[test]
fn ofac_enhanced_xml() {
    let Some(file) = shared("ofac-consolidated/CONS_ENHANCED.XML") else {
        return;
    };
    let i = import_path(ListFormat::OfacXml, &file).expect("import");
    report("ofac-xml", &i);
    // The XML (dataAsOf 2025-01-10) holds 443 entities; the newer legacy CSV 442.
    assert_eq!(i.entries.len(), 443);
    assert_eq!(i.lists[0].version.as_deref(), Some("2025-01-10T00:00:00"));
    let original = i
        .names
        .iter()
        .filter(|n| n.kind == "original_script")
        .count();
    eprintln!("original-script names: {original}");
    assert!(original > 0);
}

#[test]
fn eu_consolidated_acts() {
    let Some(dir) = shared("eu-russia-belarus-regimes") else {
        return;
    };
    for (file, rows) in [
        ("32014R0833.csv", 1_746),
        ("32014R0269.csv", 2_802),
        ("32006R0765.csv", 408),
    ] {
        let i = import_path(ListFormat::EuCsv, &dir.join(file)).expect("import");
        report(file, &i);
        assert_eq!(i.entries.len(), rows, "{file}");
    }
    let i = import_path(ListFormat::EuCsv, &dir.join("32014R0833.csv")).expect("import");
    let annex_iv = i
        .lists
        .iter()
        .find(|l| l.list_id == "eu-833-annex-iv")
        .expect("annex IV");
    assert_eq!(annex_iv.entries, 921);
    assert_eq!(
        i.lists
            .iter()
            .find(|l| l.list_id == "eu-833-annex-xlii")
            .map(|l| l.entries),
        Some(633)
    );
}

#[test]
fn us_restricted_party_json() {
    let Some(dir) = shared("us-restricted-party-lists-2026") else {
        return;
    };
    let i = import_path(ListFormat::UsRestrictedJson, &dir).expect("import");
    report("us-restricted", &i);
    // Each file states its count; lists.json names the 13 lists.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.file_name().unwrap() == "lists.json" || p.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
        let id = format!("us-{}-2026", v["list_id"].as_str().unwrap());
        let stated = v["count"].as_u64().unwrap();
        let got = i
            .lists
            .iter()
            .find(|l| l.list_id == id)
            .map_or(0, |l| l.entries);
        assert_eq!(got, stated, "{id}");
    }
    assert_eq!(i.lists.len(), 13);
    assert_eq!(
        i.lists
            .iter()
            .find(|l| l.list_id == "us-bis-entity-list-2026")
            .map(|l| l.entries),
        Some(3_409)
    );
    assert_eq!(i.issue_count("count_mismatch"), 0);
}

#[test]
fn the_whole_mirror_imports_every_list_once() {
    let Some(dir) = shared("") else {
        return;
    };
    let all = tradetrail_lists::import_mirror(&dir).expect("import");
    // The per-file tests pin each list; the mirror is their sum, with the restricted-party index file left out.
    assert_eq!(all.entries.len(), 41_934, "{:?}", all.lists);
    assert!(all.lists.iter().any(|l| l.list_id == "un-sc"));
    assert!(all.lists.iter().any(|l| l.list_id.starts_with("eu-833")));
}
