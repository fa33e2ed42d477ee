//! The malformed-input corpus (`tests/corpus`): every file's expected outcome, row by row, from `tests/corpus/expected.toml`.
//!
//! For every file, stored + quarantined + duplicates = rows read; each bad row lands in quarantine with its line and reason, and chosen stored values are checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use arrow::array::{Array, AsArray};
use arrow::datatypes::Float64Type;
use serde::Deserialize;
use tradetrail_ingest::{IngestOptions, KnownRecords, Mapping, ingest_path};

use crate::common::{Collect, assert_adds_up, opts};

#[derive(Debug, Deserialize)]
struct Expected {
    /// The day ingests of the corpus are taken to run on (the latest plausible declaration date).
    ingest_day: String,
    file: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    what: String,
    /// A whole-file error the ingest must give instead of rows (a part of its message).
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    rows_read: u64,
    #[serde(default)]
    stored: u64,
    #[serde(default)]
    duplicates: u64,
    /// line -> reason of every quarantined row.
    #[serde(default)]
    quarantined: BTreeMap<String, String>,
    /// Stored values to check: "line:column" -> value (numbers as numbers, text as text).
    #[serde(default)]
    values: BTreeMap<String, toml::Value>,
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn day(iso: &str) -> i32 {
    let p: Vec<u32> = iso.split('-').map(|x| x.parse().unwrap()).collect();
    tradetrail_model::days_from_civil(p[0] as i32, p[1], p[2])
}

/// The stored value of a column on a line, as TOML for comparison.
fn stored_value(c: &Collect, line: u64, column: &str) -> Option<toml::Value> {
    let mut offset = 0;
    for b in &c.shipments {
        let lines = b
            .column_by_name("source_line")?
            .as_primitive::<arrow::datatypes::UInt64Type>();
        if let Some(i) = (0..lines.len()).find(|&i| lines.value(i) == line) {
            let col = b.column_by_name(column)?;
            if col.is_null(i) {
                return Some(toml::Value::String("<null>".into()));
            }
            return Some(match col.data_type() {
                arrow::datatypes::DataType::Float64 => {
                    toml::Value::Float(col.as_primitive::<Float64Type>().value(i))
                }
                arrow::datatypes::DataType::Date32 => {
                    toml::Value::String(tradetrail_model::iso_date(
                        col.as_primitive::<arrow::datatypes::Date32Type>().value(i),
                    ))
                }
                _ => toml::Value::String(col.as_string::<i32>().value(i).to_owned()),
            });
        }
        offset += b.num_rows();
    }
    let _ = offset;
    None
}

#[test]
fn every_corpus_file_has_its_expected_outcome() {
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(corpus("expected.toml")).unwrap()).unwrap();
    let mapping =
        Mapping::from_toml_str(&std::fs::read_to_string(corpus("mapping.toml")).unwrap()).unwrap();
    let mut seen = Vec::new();
    let mut failures = Vec::new();
    for case in &expected.file {
        let o = IngestOptions {
            mapping: Some(mapping.clone()),
            latest_date: Some(day(&expected.ingest_day)),
            ..opts()
        };
        let mut sink = Collect::default();
        seen.push(case.name.clone());
        let result = ingest_path(
            &corpus(&case.name),
            &o,
            &mut KnownRecords::new(),
            &mut sink,
            &(),
        );
        let r = match (result, &case.error) {
            (Ok(r), None) => r,
            (Err(e), Some(want)) if e.to_string().contains(want.as_str()) => continue,
            (Err(e), _) => {
                failures.push(format!("{}: error {e}", case.name));
                continue;
            }
            (Ok(r), Some(want)) => {
                failures.push(format!(
                    "{}: expected the error {want:?}, got {r:?}",
                    case.name
                ));
                continue;
            }
        };
        assert_adds_up(&r);
        let quarantined: BTreeMap<String, String> = sink
            .quarantined()
            .into_iter()
            .map(|(line, _, reason, _)| (line.to_string(), reason))
            .collect();
        let mut wrong = Vec::new();
        if (r.rows_read, r.stored, r.duplicates) != (case.rows_read, case.stored, case.duplicates) {
            wrong.push(format!(
                "rows_read/stored/duplicates {}/{}/{} (expected {}/{}/{})",
                r.rows_read, r.stored, r.duplicates, case.rows_read, case.stored, case.duplicates
            ));
        }
        if quarantined != case.quarantined {
            wrong.push(format!("quarantined {quarantined:?}"));
        }
        for (key, want) in &case.values {
            let (line, column) = key.split_once(':').expect("line:column");
            let got = stored_value(&sink, line.parse().unwrap(), column);
            let same = match (&got, want) {
                (Some(toml::Value::Float(a)), toml::Value::Float(b)) => (a - b).abs() < 1e-9,
                (Some(toml::Value::Float(a)), toml::Value::Integer(b)) => {
                    (a - *b as f64).abs() < 1e-9
                }
                (Some(g), w) => g == w,
                (None, _) => false,
            };
            if !same {
                wrong.push(format!("{key} = {got:?}, expected {want:?}"));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{} ({}):\n  {}",
                case.name,
                case.what,
                wrong.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    // Every file in the corpus folder has an expected outcome.
    let mut files: Vec<String> = std::fs::read_dir(corpus(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    files.sort();
    seen.sort();
    assert_eq!(files, seen, "every corpus file is listed in expected.toml");
}
