//! Screening end to end: a synthetic world's listed parties are hit by `tradetrail screen`, reviews persist, and `tradetrail serve` answers a real Python yente client and an OpenRefine-style reconciliation client.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::ok;

/// The Python interpreter with `requests`: `$TRADETRAIL_PYTHON` (CI sets it and the test must run), else `python3` when it has `requests`.
pub fn python_with(modules: &str) -> Option<String> {
    if let Ok(p) = std::env::var("TRADETRAIL_PYTHON") {
        return Some(p);
    }
    let probe = Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .output();
    if probe.is_ok_and(|o| o.status.success()) {
        Some("python3".into())
    } else {
        eprintln!("skipped: no Python with {modules} (set TRADETRAIL_PYTHON; CI does)");
        None
    }
}

/// A small world ingested, resolved and its synthetic watchlists loaded; returns the first listed same-entity row (entry id, listed name, entity).
fn screened_world(dir: &Path) -> (std::path::PathBuf, Vec<String>) {
    let world = dir.join("world");
    ok(
        dir,
        &[
            "synth",
            "--seed",
            "11",
            "--lines",
            "4000",
            "--out",
            world.to_str().unwrap(),
        ],
    );
    let home = dir.join("ws");
    for f in ["ru_vendor.csv", "ru_customs.csv", "kz_imports.csv"] {
        ok(
            &home,
            &["ingest", world.join(f).to_str().unwrap(), "--dataset", f],
        );
    }
    ok(
        &home,
        &[
            "lists",
            "import",
            "ofac-sdn-csv",
            world.join("watchlist/ofac-sdn").to_str().unwrap(),
        ],
    );
    ok(
        &home,
        &[
            "lists",
            "import",
            "ftm-json",
            world
                .join("watchlist/synthetic.ftm.jsonl")
                .to_str()
                .unwrap(),
        ],
    );
    ok(&home, &["entities", "build"]);
    let mut r = csv::Reader::from_path(world.join("truth/watchlist.csv")).unwrap();
    let listed = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .find(|row| row[5] == "same_entity" && row[1].starts_with("us-ofac-sdn"))
        .expect("the world lists a party on its OFAC-layout list");
    (home, listed)
}

#[test]
fn batch_screening_finds_planted_parties_and_reviews_persist() {
    let dir = tempfile::tempdir().unwrap();
    let (home, listed) = screened_world(dir.path());
    let summary = ok(&home, &["screen"]);
    assert!(summary.contains("hits on"), "{summary}");
    let hits = ok(&home, &["screen", "hits", "--json"]);
    let rows: Vec<serde_json::Value> = hits
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let planted = rows
        .iter()
        .find(|h| h["entry_id"] == listed[1].as_str())
        .unwrap_or_else(|| panic!("no hit on planted entry {}: {hits}", listed[1]));
    assert_eq!(planted["status"], "open");
    let sum: f64 = planted["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["contribution"].as_f64().unwrap())
        .sum();
    assert!(sum > 0.0, "{planted}");
    let entity = planted["entity_id"].as_str().unwrap();

    // Clearing hides it, a re-run keeps it cleared, and `--all` shows it with its status.
    ok(
        &home,
        &[
            "screen", "review", entity, &listed[1], "clear", "--note", "test", "--who", "tester",
        ],
    );
    let again = ok(&home, &["screen", "hits", "--json"]);
    assert!(
        !again.contains(&format!("\"entry_id\":\"{}\"", listed[1])) || !again.contains(entity),
        "{again}"
    );
    ok(&home, &["screen"]);
    let all = ok(
        &home,
        &["screen", "hits", "--all", "--json", "--entity", entity],
    );
    assert!(all.contains("\"status\":\"cleared\""), "{all}");

    // Ad-hoc screening of the listed name.
    let adhoc = ok(&home, &["screen", "--name", &listed[4], "--json"]);
    let adhoc: Vec<serde_json::Value> = serde_json::from_str(&adhoc).unwrap();
    assert_eq!(adhoc[0]["entry_id"], listed[1].as_str(), "{adhoc:?}");
}

#[test]
fn yente_and_openrefine_clients_work_unchanged() {
    let Some(python) = python_with("requests") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (home, listed) = screened_world(dir.path());
    let mut server = Command::new(env!("CARGO_BIN_EXE_tradetrail"))
        .arg("--home")
        .arg(&home)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env_remove("TRADETRAIL_TOKEN")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/py/screen_client.py");
    let out = Command::new(&python)
        .args([script, &base, &listed[4], &listed[1]])
        .output()
        .unwrap();
    server.kill().ok();
    server.wait().ok();
    assert!(
        out.status.success(),
        "python client failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn serving_beyond_this_machine_needs_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::tradetrail(dir.path(), &["serve", "--bind", "0.0.0.0:0"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--token"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
