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
        let small = dir.path().join(format!("small{round}.csv"));
        std::fs::write(&small, "DECLARATION_NUMBER,IMP_DATE,SUPPLIER_NAME,HS_CODE,TOTAL_VALUE_USD\n10012020/310325/5016594,2025-03-31,A,8806221000,1\n").unwrap();
        ok(
            &home,
            &[
                "ingest",
                small.to_str().unwrap(),
                "--dataset",
                "d",
                "--profile",
                "ru-vendor",
            ],
        );

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
