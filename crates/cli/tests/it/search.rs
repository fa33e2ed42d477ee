//! `tradetrail search` and `tradetrail eval classify` through the binary: the index is built on first use, filters apply, JSON output parses.

use crate::ok;

fn hits(home: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(home, &all)).expect("search --json prints one JSON object")
}

#[test]
fn search_builds_on_first_use_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["demo", "--lines", "4000"]);
    assert!(
        out.contains("search \"квадрокоптер mavic\""),
        "demo shows a search: {out}"
    );
    let any = hits(dir.path(), &["квадрокоптеры", "--limit", "3"]);
    assert!(any["total"].as_u64().unwrap() > 3, "{any}");
    assert_eq!(any["hits"].as_array().unwrap().len(), 3);
    let drones = hits(
        dir.path(),
        &[
            "kvadrokopter",
            "--category",
            "drone",
            "--since",
            "2022-02-24",
            "--hs",
            "88",
        ],
    );
    for h in drones["hits"].as_array().unwrap() {
        assert_eq!(h["category"], "drone", "{h}");
        assert!(h["date"].as_str().unwrap() >= "2022-02-24", "{h}");
        assert!(h["hs_code"].as_str().unwrap().starts_with("88"), "{h}");
    }
    let rebuilt = ok(dir.path(), &["search", "--rebuild"]);
    assert!(
        rebuilt.is_empty(),
        "a bare rebuild prints nothing on stdout: {rebuilt}"
    );
    let table = ok(dir.path(), &["search", "мавик", "--limit", "2"]);
    assert!(table.contains("lines match"), "{table}");
}

#[test]
fn eval_classify_prints_tuning_and_holdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["eval", "classify", "--lines", "3000"]);
    assert!(out.contains("tuning") && out.contains("holdout"), "{out}");
    assert!(out.contains("drone precision"), "{out}");
    assert!(out.contains("hard negatives as drone"), "{out}");
}
