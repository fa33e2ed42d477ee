//! The user's path through the binary: synth, dry-run, ingest, re-ingest, stats, query, export, demo.

use crate::{ok, scalar, tradetrail};

#[test]
fn synth_ingest_query_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let world = dir.path().join("world");
    let home = dir.path().join("case");
    ok(
        &home,
        &[
            "synth",
            "--seed",
            "11",
            "--lines",
            "3000",
            "--out",
            world.to_str().unwrap(),
        ],
    );

    let files: Vec<_> = ["ru_vendor.csv", "ru_customs.csv", "kz_imports.csv"]
        .iter()
        .map(|f| world.join(f).to_string_lossy().into_owned())
        .collect();
    for f in &files {
        assert!(std::path::Path::new(f).exists(), "{f} written");
    }

    let dry = ok(
        &home,
        &["ingest", &files[2], "--dataset", "kz", "--dry-run"],
    );
    assert!(
        dry.contains("sender_name"),
        "dry run shows the mapping:\n{dry}"
    );
    assert_eq!(
        scalar(&home, "SELECT COUNT(*) FROM shipments"),
        0,
        "dry run stores nothing"
    );

    let mut args = vec!["ingest"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--dataset", "world"]);
    let first = ok(&home, &args);
    assert!(first.contains("stored"), "{first}");
    let stored = scalar(&home, "SELECT COUNT(*) FROM shipments");
    let read = scalar(&home, "SELECT SUM(rows_read) FROM ingests");
    let accounted = scalar(
        &home,
        "SELECT SUM(stored) + SUM(quarantined) + SUM(duplicates) FROM ingests",
    );
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(world.join("world.json")).unwrap()).unwrap();
    let malformed = summary["malformed"]
        .as_u64()
        .expect("world.json counts malformed rows");
    assert!(
        malformed >= 9,
        "at least 3 malformed rows per file, got {malformed}"
    );
    assert_eq!(
        read,
        3000 + malformed,
        "every generated line is read, planted malformed rows included"
    );
    assert_eq!(
        scalar(&home, "SELECT COUNT(*) FROM quarantine"),
        malformed,
        "exactly the planted malformed rows are quarantined"
    );
    assert_eq!(
        accounted, read,
        "every row is stored, quarantined or a duplicate"
    );
    assert!(
        stored > 2900,
        "a clean synthetic world stores nearly every row, got {stored}"
    );

    let again = ok(&home, &args);
    assert!(again.contains("already ingested"), "{again}");
    assert_eq!(
        scalar(&home, "SELECT COUNT(*) FROM shipments"),
        stored,
        "re-ingest is idempotent"
    );

    let stats = ok(&home, &["stats"]);
    assert!(stats.contains("value by HS chapter"), "{stats}");

    let out = dir.path().join("shipments.csv");
    let msg = ok(
        &home,
        &[
            "export",
            "shipments",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(msg.contains(&format!("wrote {stored} rows")), "{msg}");
    let header = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert!(
        header.starts_with("record_id,dataset,source_file,source_line"),
        "{header}"
    );
}

#[test]
fn demo_runs_and_prints_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["demo", "--lines", "4000"]);
    assert!(out.contains("SYNTHETIC"), "{out}");
    assert!(out.contains("loaded the SYNTHETIC watchlists"), "{out}");
    assert!(
        scalar(dir.path(), "SELECT COUNT(*) FROM list_entries") > 0,
        "the synthetic watchlists are loaded"
    );
    assert!(out.contains("top shippers"), "{out}");
    assert!(out.contains("value by HS chapter"), "{out}");
    assert!(
        out.contains("drones and drone parts imported into RU since 2022-02-24"),
        "{out}"
    );
    assert_eq!(
        scalar(dir.path(), "SELECT COUNT(*) FROM classifications"),
        scalar(dir.path(), "SELECT COUNT(*) FROM shipments"),
        "every stored line is classified"
    );
    let again = ok(dir.path(), &["classify"]);
    assert!(again.contains("classifications are up to date"), "{again}");
    assert!(
        out.contains("5. resolved"),
        "the demo resolves entities:\n{out}"
    );
    assert!(
        scalar(
            dir.path(),
            "SELECT COUNT(*) FROM party_mentions WHERE entity_id IS NULL"
        ) == 0
            && scalar(dir.path(), "SELECT COUNT(*) FROM entities") > 0,
        "every party mention has an entity"
    );
}

#[test]
fn unreadable_file_fails_with_its_name_and_others_still_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "DECLARATION_NUMBER,IMP_DATE,SUPPLIER_NAME,HS_CODE,TOTAL_VALUE_USD\n10012020/310325/5016594,2025-03-31,SZ DJI TECHNOLOGY CO LTD,8806221000,1500\n").unwrap();
    let missing = dir.path().join("missing.csv");
    let out = tradetrail(
        dir.path(),
        &[
            "ingest",
            missing.to_str().unwrap(),
            good.to_str().unwrap(),
            "--dataset",
            "d",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.csv"));
    assert_eq!(scalar(dir.path(), "SELECT COUNT(*) FROM shipments"), 1);
}
