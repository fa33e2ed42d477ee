//! End-to-end tests of the `tradetrail` binary: the demo, ingest accounting, idempotency and crash safety under kill -9.

mod abuse;
mod abuse_access;
mod crash;
mod degraded;
mod entities;
mod findings;
mod reference;
mod report;
mod search;
mod serve;
mod trace;
mod web;
mod web_browser;
mod workflow;

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary with `args` against workspace `home` and returns its output.
pub fn tradetrail(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tradetrail"))
        .arg("--home")
        .arg(home)
        .args(args)
        .env_remove("TRADETRAIL_HOME")
        .output()
        .expect("the tradetrail binary runs")
}

/// Runs the binary and asserts it succeeded; returns stdout.
pub fn ok(home: &Path, args: &[&str]) -> String {
    let out = tradetrail(home, args);
    assert!(
        out.status.success(),
        "tradetrail {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// One number from `tradetrail query` printed as CSV.
pub fn scalar(home: &Path, sql: &str) -> u64 {
    let out = ok(home, &["query", "--output", "csv", sql]);
    let value = out
        .lines()
        .nth(1)
        .unwrap_or_else(|| panic!("no result row for {sql}: {out}"));
    value
        .trim()
        .parse::<f64>()
        .unwrap_or_else(|_| panic!("not a number: {value:?}")) as u64
}

/// Writes a one-row vendor CSV (the `ru-vendor` layout) and ingests it into dataset `d`: a small committed state for crash and disk tests.
pub fn ingest_one_row(home: &Path, file: &Path, n: u32) {
    std::fs::write(
        file,
        format!("DECLARATION_NUMBER,IMP_DATE,SUPPLIER_NAME,HS_CODE,TOTAL_VALUE_USD\n10012020/310325/{:07},2025-03-31,SUPPLIER {n},8806221000,{n}\n", 5_016_594 + n),
    )
    .unwrap();
    ok(
        home,
        &[
            "ingest",
            file.to_str().unwrap(),
            "--dataset",
            "d",
            "--profile",
            "ru-vendor",
        ],
    );
}

/// Percent-encodes every byte but the unreserved characters of RFC 3986.
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|c| match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (c as char).to_string()
            }
            _ => format!("%{c:02X}"),
        })
        .collect()
}
