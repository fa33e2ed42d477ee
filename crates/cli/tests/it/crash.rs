//! Crash safety: kill -9 an ingest at seeded random moments; the workspace must hold the previous state or the whole file.

use std::process::Command;
use std::time::Duration;

use crate::{ok, scalar};

/// A tiny deterministic generator for kill delays (no clock, no crate).
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn kill_during_ingest_leaves_previous_state_or_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let world = dir.path().join("world");
    let reference = dir.path().join("reference");
    ok(
        &reference,
        &[
            "synth",
            "--seed",
            "5",
            "--lines",
            "60000",
            "--out",
            world.to_str().unwrap(),
        ],
    );
    let file = world.join("ru_vendor.csv");
    let file = file.to_str().unwrap();

    ok(&reference, &["ingest", file, "--dataset", "d"]);
    let full = scalar(&reference, "SELECT COUNT(*) FROM shipments");
    assert!(full > 0);

    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut saw_partial_run = false;
    for round in 0..6 {
        let home = dir.path().join(format!("case{round}"));
        // A first, committed file so that "the previous state" is not empty.
        crate::ingest_one_row(&home, &dir.path().join(format!("small{round}.csv")), 1);

        let delay = 50 + next(&mut seed) % 1500;
        let mut child = Command::new(env!("CARGO_BIN_EXE_tradetrail"))
            .args([
                "--home",
                home.to_str().unwrap(),
                "ingest",
                file,
                "--dataset",
                "d",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL on Unix.
        let _ = child.wait();
        saw_partial_run |= !finished;

        let lines = scalar(&home, "SELECT COUNT(*) FROM shipments");
        assert!(
            lines == 1 || lines == full + 1,
            "round {round} (kill after {delay} ms): {lines} lines, expected 1 or {}",
            full + 1
        );
        let read = scalar(&home, "SELECT COUNT(*) FROM ingests");
        assert_eq!(
            read,
            if lines == 1 { 1 } else { 2 },
            "manifest and tables agree"
        );

        // The next writer cleans up and completes the file.
        ok(&home, &["ingest", file, "--dataset", "d"]);
        assert_eq!(
            scalar(&home, "SELECT COUNT(*) FROM shipments"),
            full + 1,
            "round {round}: re-run completes"
        );
        assert!(
            !home.join("staging").exists()
                || std::fs::read_dir(home.join("staging"))
                    .unwrap()
                    .next()
                    .is_none()
        );
    }
    assert!(saw_partial_run, "at least one kill landed mid-ingest");
}

/// Runs `tradetrail ARGS` and kills it with SIGKILL after `delay_ms`; returns its stdout up to then and whether it finished first.
fn run_and_kill(home: &std::path::Path, args: &[&str], delay_ms: u64) -> (String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tradetrail"))
        .arg("--home")
        .arg(home)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    std::thread::sleep(Duration::from_millis(delay_ms));
    let finished = child.try_wait().unwrap().is_some_and(|s| s.success());
    let _ = child.kill();
    let _ = child.wait();
    (reader.join().unwrap(), finished)
}

/// SQLite's own integrity check of the analyst database.
fn integrity(home: &std::path::Path) -> String {
    let db = rusqlite::Connection::open(home.join("judgements.sqlite")).unwrap();
    db.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
        .unwrap()
}

/// The judgement ids stored.
fn judgement_ids(home: &std::path::Path) -> Vec<i64> {
    let db = rusqlite::Connection::open(home.join("judgements.sqlite")).unwrap();
    let mut st = db.prepare("SELECT id FROM judgements ORDER BY id").unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn kill_during_judgements_keeps_every_acknowledged_one_and_a_whole_store() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    ok(home, &["demo", "--lines", "4000"]);
    let keys = ok(
        home,
        &[
            "query",
            "--output",
            "csv",
            "SELECT DISTINCT mention_key FROM party_mentions ORDER BY mention_key LIMIT 40",
        ],
    );
    let keys: Vec<&str> = keys.lines().skip(1).collect();
    assert!(keys.len() >= 20);
    let entities = scalar(home, "SELECT COUNT(*) FROM entities");
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut acknowledged = Vec::new();
    let mut killed_mid_way = 0;
    for round in 0..10 {
        let a = keys[(next(&mut seed) % keys.len() as u64) as usize];
        let b = keys[(next(&mut seed) % keys.len() as u64) as usize];
        if a == b {
            continue;
        }
        let decision = ["same", "not-same", "unsure"][(next(&mut seed) % 3) as usize];
        let delay = 20 + next(&mut seed) % 1200;
        let (out, finished) = run_and_kill(home, &["entities", "judge", a, b, decision], delay);
        killed_mid_way += usize::from(!finished);
        // "judgement N: ..." is printed once the write has committed: that is the acknowledgement.
        if let Some(id) = out
            .lines()
            .find_map(|l| l.strip_prefix("judgement "))
            .and_then(|l| l.split(':').next())
            .and_then(|n| n.parse::<i64>().ok())
        {
            acknowledged.push(id);
        }
        assert_eq!(
            integrity(home),
            "ok",
            "round {round}, kill after {delay} ms"
        );
        let stored = judgement_ids(home);
        for id in &acknowledged {
            assert!(
                stored.contains(id),
                "round {round}: acknowledged judgement {id} lost"
            );
        }
        assert!(
            stored.len() <= round + 1,
            "no judgement appears from nowhere"
        );
        // The derived tables are whole: the manifest names complete files and queries run.
        assert!(scalar(home, "SELECT COUNT(*) FROM entities") > 0);
    }
    assert!(killed_mid_way > 0, "at least one kill landed mid-way");
    // The next writer rebuilds the entities with every stored judgement applied.
    ok(home, &["entities", "build"]);
    assert!(scalar(home, "SELECT COUNT(*) FROM entities") > 0);
    let _ = entities;
}

#[test]
fn kill_during_list_update_leaves_the_old_list_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let world = dir.path().join("world");
    ok(
        home,
        &[
            "synth",
            "--seed",
            "3",
            "--lines",
            "3000",
            "--out",
            world.to_str().unwrap(),
        ],
    );
    let small = world.join("watchlist/ofac-sdn");
    // A large list makes the kill window wide; the real OFAC SDN list when the shared data is present.
    let shared =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ofac-sdn");
    let large = if shared.join("sdn.csv").exists() {
        shared
    } else {
        eprintln!(
            "../shared/data/ofac-sdn absent: the list-update kill test uses the synthetic list only"
        );
        small.clone()
    };
    let (small, large) = (small.to_str().unwrap(), large.to_str().unwrap());
    ok(
        home,
        &["lists", "import", "ofac-sdn-csv", small, "--name", "sdn"],
    );
    let before = scalar(home, "SELECT COUNT(*) FROM list_entries");
    let probe = dir.path().join("probe");
    ok(
        &probe,
        &["lists", "import", "ofac-sdn-csv", large, "--name", "sdn"],
    );
    let after = scalar(&probe, "SELECT COUNT(*) FROM list_entries");
    let mut seed = 0xD1B5_4A32_D192_ED03u64;
    let mut saw_partial = false;
    for round in 0..6 {
        // Back to the small list, then kill an update to the large one.
        ok(
            home,
            &["lists", "import", "ofac-sdn-csv", small, "--name", "sdn"],
        );
        let delay = 30 + next(&mut seed) % 1500;
        let (_, finished) = run_and_kill(
            home,
            &["lists", "import", "ofac-sdn-csv", large, "--name", "sdn"],
            delay,
        );
        saw_partial |= !finished;
        let n = scalar(home, "SELECT COUNT(*) FROM list_entries");
        assert!(
            n == before || n == after,
            "round {round} (kill after {delay} ms): {n} entries, expected {before} or {after}"
        );
        let names = scalar(home, "SELECT COUNT(DISTINCT entry_id) FROM list_names");
        assert_eq!(
            names, n,
            "round {round}: names and entries come from one import"
        );
    }
    assert!(
        saw_partial || before == after,
        "at least one kill landed mid-update"
    );
}
