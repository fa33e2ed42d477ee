//! A loopback Ballista cluster (one scheduler, two executors, each its own process) runs the report's SQL sections and tradetrail's functions, and must give the embedded engine's results.
//!
//! The workspace comes from `tradetrail demo` (synthetic world, ingest, classify, entities, screen, detect), run by the workspace's `tradetrail` binary,
//! which `cargo test --workspace` builds next to `tradetrail-cluster` (`TRADETRAIL_BIN` names another one).

mod cluster;

use std::path::{Path, PathBuf};
use std::process::Command;

use cluster::LoopbackCluster;

/// The `tradetrail` binary built beside this package's binary.
fn tradetrail_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("TRADETRAIL_BIN") {
        return PathBuf::from(p);
    }
    let ours = Path::new(env!("CARGO_BIN_EXE_tradetrail-cluster"));
    let bin = ours.with_file_name(format!("tradetrail{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: build the workspace (`cargo test --workspace` does) or set TRADETRAIL_BIN",
        bin.display()
    );
    bin
}

/// A demo workspace of `lines` synthetic shipment lines with every derived table.
fn demo_workspace(home: &Path, lines: u64) {
    let out = Command::new(tradetrail_bin())
        .arg("--home")
        .arg(home)
        .args(["demo", "--lines", &lines.to_string()])
        .env_remove("TRADETRAIL_HOME")
        .output()
        .expect("the tradetrail binary runs");
    assert!(
        out.status.success(),
        "tradetrail demo failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Runs `tradetrail-cluster` and returns its stdout, asserting success.
fn cluster_cli(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tradetrail-cluster"))
        .args(args)
        .env_remove("TRADETRAIL_HOME")
        .env("RUST_LOG", "warn")
        .output()
        .expect("the tradetrail-cluster binary runs");
    assert!(
        out.status.success(),
        "tradetrail-cluster {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// CSV output with the header kept first and the rows sorted.
fn sorted_csv(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.len() > 1 {
        lines[1..].sort();
    }
    lines
}

#[test]
fn a_loopback_cluster_gives_the_embedded_results() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("workspace");
    demo_workspace(&home, 8000);
    let home_text = home.to_str().unwrap();

    let cluster = LoopbackCluster::start(&dir.path().join("cluster"), 2);
    let url = cluster.url();

    // One statement with a tradetrail function through `query`, on the cluster and embedded.
    let sql = "SELECT tt_name_script(name) AS script, tt_name_key(name) AS name_key, COUNT(*) AS mentions \
               FROM party_mentions GROUP BY 1, 2 ORDER BY mentions DESC, name_key LIMIT 20";
    let on_cluster = cluster_cli(&[
        "query",
        "--scheduler",
        &url,
        "--workspace",
        home_text,
        "--format",
        "csv",
        sql,
    ]);
    let embedded = cluster_cli(&[
        "query",
        "--embedded",
        "--workspace",
        home_text,
        "--format",
        "csv",
        sql,
    ]);
    assert!(on_cluster.lines().count() > 5, "{on_cluster}");
    assert_eq!(sorted_csv(&on_cluster), sorted_csv(&embedded));

    // Every report section and every function query, compared by `check`.
    let report = cluster_cli(&["check", "--scheduler", &url, "--workspace", home_text]);
    let rows: Vec<Vec<&str>> = report
        .lines()
        .skip(1)
        .filter(|l| l.contains('\t'))
        .map(|l| l.split('\t').collect())
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    for id in [
        "totals",
        "by_brand",
        "by_month",
        "by_model",
        "by_exporter",
        "by_importer",
        "by_route",
        "findings_by_code",
        "findings",
        "hits",
        "sources",
        "quarantine",
        "lists",
        "udf_name_script",
        "udf_name_key",
        "udf_match_score",
        "udf_goods_category",
    ] {
        assert!(ids.contains(&id), "check ran no query {id}: {report}");
    }
    for r in &rows {
        assert_eq!(r[3], "yes", "{} differs on the cluster: {report}", r[0]);
    }
    let rows_of = |id: &str| -> usize {
        rows.iter().find(|r| r[0] == id).unwrap()[1]
            .parse()
            .unwrap()
    };
    assert!(rows_of("by_brand") > 1, "{report}");
    assert!(rows_of("udf_match_score") > 100, "{report}");

    // Both executors ran tasks: the work was spread, not done by one process.
    let tasks = cluster.tasks_per_executor();
    assert!(
        tasks.iter().all(|&n| n > 0),
        "tasks per executor {tasks:?}; logs in {}",
        dir.path().display()
    );
}
