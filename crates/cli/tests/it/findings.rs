//! `tradetrail detect`, `tradetrail findings` and `tradetrail eval detect` through the binary: findings are stored with evidence, filters apply, and a new ingest makes them stale.

use crate::{ok, scalar, tradetrail};

fn findings(home: &std::path::Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["findings", "--json"];
    if !args.contains(&"--limit") {
        all.extend_from_slice(&["--limit", "100000"]);
    }
    all.extend_from_slice(args);
    ok(home, &all)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn findings_are_stored_filtered_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let out = tradetrail(home, &["findings"]);
    assert!(!out.status.success(), "no findings before detect");
    assert!(String::from_utf8_lossy(&out.stderr).contains("tradetrail detect"));

    let demo = ok(home, &["demo", "--lines", "6000"]);
    assert!(demo.contains("ran the red-flag detectors"), "{demo}");
    assert!(ok(home, &["detect"]).contains("up to date"));

    let all = findings(home, &[]);
    let stored = scalar(home, "SELECT COUNT(*) FROM findings");
    assert_eq!(all.len() as u64, stored);
    assert!(stored > 0);
    for f in &all {
        let rows = f["evidence_rows"].as_array().expect("evidence rows");
        assert!(!rows.is_empty(), "{f}");
        assert!(
            rows.iter()
                .all(|r| r["line"].as_u64().is_some() && r["file"].is_string()),
            "{f}"
        );
        let sum: f64 = f["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["contribution"].as_f64().unwrap())
            .sum();
        assert!(
            (sum - f["score"].as_f64().unwrap()).abs() < 1e-3,
            "score is the sum of the features: {f}"
        );
    }
    // Evidence rows point at stored lines.
    let first = &all[0]["evidence_rows"][0];
    let sql = format!(
        "SELECT COUNT(*) FROM shipments WHERE record_id = '{}' AND source_line = {}",
        first["record_id"].as_str().unwrap(),
        first["line"]
    );
    assert_eq!(scalar(home, &sql), 1);

    let high = findings(home, &["--severity", "high"]);
    assert!(high.iter().all(|f| f["severity"] == "high"));
    let medium_up = findings(home, &["--severity", "medium"]);
    assert!(medium_up.len() >= high.len());
    let under = findings(home, &["--code", "tt-undervalue"]);
    assert!(under.iter().all(|f| f["code"] == "TT-UNDERVALUE"));
    let since = findings(home, &["--since", "2023-01-01", "--until", "2023-12-31"]);
    assert!(
        since
            .iter()
            .all(|f| f["last_date"].as_str().unwrap() >= "2023-01-01"
                && f["first_date"].as_str().unwrap() <= "2023-12-31")
    );
    if let Some(e) = all.iter().find_map(|f| f["entity_id"].as_str()) {
        let of = findings(home, &["--entity", e]);
        assert!(!of.is_empty() && of.iter().all(|f| f["entity_id"] == e));
    }
    assert!(findings(home, &["--limit", "2"]).len() <= 2);
    let text = ok(home, &["findings", "--limit", "1"]);
    assert!(
        text.contains("features:") && text.contains("evidence:"),
        "{text}"
    );
    assert!(
        !tradetrail(home, &["findings", "--severity", "urgent"])
            .status
            .success()
    );
    assert!(
        !tradetrail(home, &["findings", "--since", "2023"])
            .status
            .success()
    );

    // A new ingest makes the findings stale: detect rebuilds them.
    let world = dir.path().join("extra");
    ok(
        home,
        &[
            "synth",
            "--seed",
            "99",
            "--lines",
            "500",
            "--out",
            world.to_str().unwrap(),
        ],
    );
    ok(
        home,
        &[
            "ingest",
            world.join("ru_vendor.csv").to_str().unwrap(),
            "--dataset",
            "extra",
        ],
    );
    ok(home, &["classify"]);
    ok(home, &["entities", "build"]);
    let again = ok(home, &["detect"]);
    assert!(
        again.contains("findings") && !again.contains("up to date"),
        "{again}"
    );
}

#[test]
fn eval_detect_prints_tuning_and_holdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(
        dir.path(),
        &[
            "eval",
            "detect",
            "--lines",
            "4000",
            "--scratch",
            dir.path().to_str().unwrap(),
        ],
    );
    assert!(out.contains("tuning") && out.contains("holdout"), "{out}");
    assert!(
        out.contains("TT-UNDERVALUE") && out.contains("under_declared_value"),
        "{out}"
    );
    assert!(out.contains("recall"), "{out}");
}
