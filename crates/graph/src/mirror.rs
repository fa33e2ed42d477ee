//! Aggregate and mirror flows: trade statistics by reporter, partner, HS6 and month (as national statistics and Comtrade publish them).
//!
//! [`parse`] reads a CSV (`reporter,partner,flow,hs6,month,value_usd,kg`); a bad row is an [`Issue`] with its line, never an error.
//! [`mirror_gaps`] compares A's declared exports to B with B's declared imports from A (domain notes 4.3, features 24 and 25);
//! [`surges`] compares monthly flows after 2022-02-24 with the 2017-2021 baseline (feature 26).

use std::collections::BTreeMap;
use std::io::Read;

use serde::Serialize;

/// Imports or exports, as the reporter declared them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The reporter's imports from the partner.
    Import,
    /// The reporter's exports to the partner.
    Export,
}

/// One aggregate statistic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AggregateRow {
    /// Reporting country, ISO alpha-2.
    pub reporter: String,
    /// Partner country, ISO alpha-2.
    pub partner: String,
    /// Imports or exports.
    pub flow: Direction,
    /// HS6 code.
    pub hs6: String,
    /// Month as `(year, month)`.
    pub month: (i32, u32),
    /// Value in USD.
    pub value_usd: f64,
    /// Net weight in kg, when given.
    pub kg: Option<f64>,
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// 1-based physical line.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

fn month(text: &str) -> Option<(i32, u32)> {
    let t = text.trim();
    let (y, m) = t
        .split_once('-')
        .or_else(|| (t.len() == 6).then(|| t.split_at(4)))?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    ((1900..=2100).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

/// Reads aggregate statistics; columns are found by header name (`value` or `value_usd`, `kg` or `net_kg`; `flow` is import/export, M/X).
pub fn parse(input: impl Read) -> Result<(Vec<AggregateRow>, Vec<Issue>), csv::Error> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers: Vec<String> = r
        .headers()?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let cols = [
        col(&["reporter"]),
        col(&["partner"]),
        col(&["flow", "direction"]),
        col(&["hs6", "hs", "commodity"]),
        col(&["month", "period"]),
        col(&["value_usd", "value"]),
    ];
    let kg = col(&["kg", "net_kg", "netweight"]);
    let (mut rows, mut issues) = (Vec::new(), Vec::new());
    for (k, rec) in r.records().enumerate() {
        let line = k as u64 + 2;
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                issues.push(Issue {
                    line,
                    message: e.to_string(),
                });
                continue;
            }
        };
        let cell = |c: Option<usize>| c.and_then(|i| rec.get(i)).map(str::trim).unwrap_or("");
        let bad = |m: &str| Issue {
            line,
            message: m.to_string(),
        };
        let flow = match cell(cols[2]).to_ascii_lowercase().as_str() {
            "import" | "imports" | "m" => Direction::Import,
            "export" | "exports" | "x" => Direction::Export,
            other => {
                issues.push(bad(&format!("flow {other:?} is not import or export")));
                continue;
            }
        };
        let Some(m) = month(cell(cols[4])) else {
            issues.push(bad(&format!("month {:?} is not yyyy-mm", cell(cols[4]))));
            continue;
        };
        let Ok(value_usd) = cell(cols[5]).parse::<f64>() else {
            issues.push(bad(&format!("value {:?} is not a number", cell(cols[5]))));
            continue;
        };
        let (reporter, partner) = (
            cell(cols[0]).to_ascii_uppercase(),
            cell(cols[1]).to_ascii_uppercase(),
        );
        if reporter.len() != 2 || partner.len() != 2 {
            issues.push(bad("reporter and partner must be ISO alpha-2 codes"));
            continue;
        }
        rows.push(AggregateRow {
            reporter,
            partner,
            flow,
            hs6: cell(cols[3])
                .chars()
                .filter(char::is_ascii_digit)
                .take(6)
                .collect(),
            month: m,
            value_usd,
            kg: cell(kg).parse().ok(),
        });
    }
    Ok((rows, issues))
}

/// Declared exports of A to B against B's declared imports from A, for one HS6 and month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MirrorGap {
    /// Exporting reporter A.
    pub exporter: String,
    /// Importing partner B.
    pub importer: String,
    /// HS6 code.
    pub hs6: String,
    /// `yyyy-mm`.
    pub month: String,
    /// A's declared exports to B, USD.
    pub exports_usd: f64,
    /// B's declared imports from A, USD (0 when B reported none).
    pub imports_usd: f64,
    /// `(exports - imports / cif_fob) / exports`: the share of exports the partner does not show.
    pub gap_share: f64,
    /// True when the importer reported any imports that month (else there is no mirror to compare with).
    pub importer_reported: bool,
    /// True when the importer reported that month and the gap share exceeds the threshold (ghost trade).
    pub flagged: bool,
}

/// Mirror comparison of every (exporter, importer, HS6, month) with declared exports; `cif_fob` is the import/export valuation ratio (about 1.05-1.10), `threshold` the flagged gap share (0.4).
pub fn mirror_gaps(rows: &[AggregateRow], cif_fob: f64, threshold: f64) -> Vec<MirrorGap> {
    type Key = (String, String, String, (i32, u32));
    let mut acc: BTreeMap<Key, (f64, f64)> = BTreeMap::new();
    let reported: std::collections::BTreeSet<(&str, (i32, u32))> = rows
        .iter()
        .filter(|r| r.flow == Direction::Import)
        .map(|r| (r.reporter.as_str(), r.month))
        .collect();
    for r in rows {
        let (key, slot) = match r.flow {
            Direction::Export => (
                (
                    r.reporter.clone(),
                    r.partner.clone(),
                    r.hs6.clone(),
                    r.month,
                ),
                0,
            ),
            Direction::Import => (
                (
                    r.partner.clone(),
                    r.reporter.clone(),
                    r.hs6.clone(),
                    r.month,
                ),
                1,
            ),
        };
        let e = acc.entry(key).or_default();
        if slot == 0 {
            e.0 += r.value_usd
        } else {
            e.1 += r.value_usd
        }
    }
    let mut out: Vec<MirrorGap> = acc
        .into_iter()
        .filter(|(_, (x, _))| *x > 0.0)
        .map(|((a, b, hs6, (y, m)), (x, i))| {
            let gap_share = (x - i / cif_fob) / x;
            let importer_reported = reported.contains(&(b.as_str(), (y, m)));
            MirrorGap {
                exporter: a,
                importer: b,
                hs6,
                month: format!("{y:04}-{m:02}"),
                exports_usd: x,
                imports_usd: i,
                gap_share,
                importer_reported,
                flagged: importer_reported && gap_share > threshold,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.flagged
            .cmp(&a.flagged)
            .then((b.exports_usd - b.imports_usd).total_cmp(&(a.exports_usd - a.imports_usd)))
    });
    out
}

/// A lane's monthly mean after 2022-02-24 against 2017-2021.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Surge {
    /// Reporter.
    pub reporter: String,
    /// Partner.
    pub partner: String,
    /// Imports or exports.
    pub flow: Direction,
    /// HS6 code.
    pub hs6: String,
    /// Mean monthly value 2017-01..2021-12 (60 months), USD.
    pub baseline_monthly_usd: f64,
    /// Mean monthly value from 2022-03 to the last month of the data, USD.
    pub post_monthly_usd: f64,
    /// Post over baseline minus one (`inf` when the baseline is zero).
    pub change: f64,
    /// True when there is a baseline, the change exceeds the threshold and one side is a transshipment-risk country or Russia.
    pub flagged: bool,
}

/// Surges of every lane: `threshold` is the flagged change (1.0 = +100%).
pub fn surges(rows: &[AggregateRow], threshold: f64) -> Vec<Surge> {
    type Key = (String, String, Direction, String);
    let last = rows.iter().map(|r| r.month).max().unwrap_or((2022, 3));
    let post_months = f64::from(((last.0 - 2022) * 12 + last.1 as i32 - 3 + 1).max(1));
    let mut acc: BTreeMap<Key, (f64, f64)> = BTreeMap::new();
    for r in rows {
        let e = acc
            .entry((r.reporter.clone(), r.partner.clone(), r.flow, r.hs6.clone()))
            .or_default();
        if (2017..=2021).contains(&r.month.0) {
            e.0 += r.value_usd;
        } else if r.month >= (2022, 3) {
            e.1 += r.value_usd;
        }
    }
    let risky = |c: &str| c == "RU" || tradetrail_refdata::controls::is_transshipment_risk(c);
    let mut out: Vec<Surge> = acc
        .into_iter()
        .map(|((reporter, partner, flow, hs6), (pre, post))| {
            let (b, p) = (pre / 60.0, post / post_months);
            let change = if b > 0.0 {
                p / b - 1.0
            } else if p > 0.0 {
                f64::INFINITY
            } else {
                0.0
            };
            let flagged = b > 0.0 && change > threshold && (risky(&reporter) || risky(&partner));
            Surge {
                reporter,
                partner,
                flow,
                hs6,
                baseline_monthly_usd: b,
                post_monthly_usd: p,
                change,
                flagged,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.flagged
            .cmp(&a.flagged)
            .then(b.change.total_cmp(&a.change))
    });
    out
}
