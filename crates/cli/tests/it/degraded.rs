//! A degraded environment: the disk fills up in the middle of an ingest (a 1 MB tmpfs as the workspace); the error is clear and the workspace keeps its previous state.

use std::path::Path;
use std::process::Command;

use crate::{ok, scalar, tradetrail};

/// Unmounts the tmpfs when the test ends, whatever happens.
struct Mounted(std::path::PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn mount_tmpfs(dir: &Path, size: &str) -> Option<Mounted> {
    std::fs::create_dir_all(dir).unwrap();
    let status = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .status()
        .ok()?;
    status.success().then(|| Mounted(dir.to_path_buf()))
}

#[test]
fn a_full_disk_during_ingest_gives_a_clear_error_and_no_corruption() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("workspace");
    let Some(_mount) = mount_tmpfs(&home, "1m") else {
        // Mounting needs root (CI runs as root on this project's machines).
        let root = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| o.stdout == b"0\n")
            .unwrap_or(false);
        assert!(
            !(root && std::env::var_os("CI").is_some()),
            "CI runs as root and must be able to mount a tmpfs"
        );
        eprintln!("SKIPPED: the disk-full test needs to mount a tmpfs (run as root)");
        return;
    };
    let world = dir.path().join("world");
    ok(
        &dir.path().join("scratch"),
        &[
            "synth",
            "--seed",
            "11",
            "--lines",
            "40000",
            "--out",
            world.to_str().unwrap(),
        ],
    );
    crate::ingest_one_row(&home, &dir.path().join("small.csv"), 1);

    let big = world.join("ru_vendor.csv");
    let out = tradetrail(&home, &["ingest", big.to_str().unwrap(), "--dataset", "d"]);
    assert!(
        !out.status.success(),
        "an ingest that cannot be written fails"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("No space left on device") || err.contains("space"),
        "the error says the disk is full: {err}"
    );
    assert!(!err.contains("panicked"), "no panic: {err}");

    // The workspace holds exactly its previous state and answers queries.
    assert_eq!(scalar(&home, "SELECT COUNT(*) FROM shipments"), 1);
    assert_eq!(scalar(&home, "SELECT COUNT(*) FROM ingests"), 1);
    // Once space is freed (here: a smaller file), the next writer cleans up the partial parts and commits.
    crate::ingest_one_row(&home, &dir.path().join("tiny.csv"), 2);
    assert_eq!(scalar(&home, "SELECT COUNT(*) FROM shipments"), 2);
}
