//! Readers for the HS nomenclature CSV (datasets/harmonized-system layout) and the UNSD HS2022↔HS2017 tables.
//!
//! They take text and return rows plus [`ImportIssue`]s; a malformed record never panics and never stops the read.

use std::collections::{HashMap, HashSet};

use tradetrail_model::{HsCode, HsCorrelation, ImportIssue};

use super::{Vintage, digits_only};

/// Source name written on every issue of the nomenclature readers.
pub const SOURCE_NAME: &str = "hs-nomenclature";

/// Relations the UNSD correlation table uses, HS2022 side first.
pub const RELATIONS: &[&str] = &["1:1", "1:n", "n:1", "n:n"];

/// Builds an issue of the nomenclature readers.
fn issue(file: &str, position: String, code: &str, message: String) -> ImportIssue {
    ImportIssue {
        source_name: SOURCE_NAME.to_owned(),
        source_file: file.to_owned(),
        source_position: position,
        code: code.to_owned(),
        message,
    }
}

/// A CSV reader over text that tolerates ragged rows, so that they come back as issues.
fn reader(csv: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv.as_bytes())
}

/// The index of each wanted column in the header, compared case-insensitively after trimming a BOM and spaces.
fn columns<const N: usize>(header: &csv::StringRecord, wanted: [&str; N]) -> [Option<usize>; N] {
    wanted.map(|w| {
        header.iter().position(|h| {
            h.trim_start_matches('\u{feff}')
                .trim()
                .eq_ignore_ascii_case(w)
        })
    })
}

/// The line of a record, as a position string.
fn line_of(record: &csv::StringRecord) -> String {
    record
        .position()
        .map_or_else(|| "?".to_owned(), |p| format!("line {}", p.line()))
}

/// Reads one HS vintage in the datasets/harmonized-system layout: `section,hscode,description,parent,level`.
///
/// `vintage` is `HS2017` or `HS2022` (any case).
/// Codes are kept as digit strings of 2, 4 or 6 digits; the structural `TOTAL` row is skipped without an issue.
/// A five-digit code is taken to have lost its leading zero and is restored.
/// Bad codes, missing descriptions, levels that disagree with the code length and duplicate codes come back as issues.
pub fn parse_nomenclature(
    vintage: &str,
    csv: &str,
    source_file: &str,
) -> (Vec<HsCode>, Vec<ImportIssue>) {
    let mut rows = Vec::new();
    let mut issues = Vec::new();
    let Some(vintage) = Vintage::parse(vintage) else {
        let msg = format!("vintage {vintage:?} is neither HS2017 nor HS2022");
        issues.push(issue(source_file, "argument".into(), "bad_vintage", msg));
        return (rows, issues);
    };
    let mut rdr = reader(csv);
    let header = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            issues.push(issue(
                source_file,
                "line 1".into(),
                "bad_header",
                e.to_string(),
            ));
            return (rows, issues);
        }
    };
    let [section, code_col, desc, parent, level] = columns(
        &header,
        ["section", "hscode", "description", "parent", "level"],
    );
    let (Some(code_col), Some(desc)) = (code_col, desc) else {
        let msg = format!(
            "header {:?} lacks hscode or description",
            header.iter().collect::<Vec<_>>()
        );
        issues.push(issue(source_file, "line 1".into(), "missing_column", msg));
        return (rows, issues);
    };
    let mut seen = HashSet::new();
    for result in rdr.records() {
        let Some(record) = readable(result, source_file, &mut issues) else {
            continue;
        };
        let pos = line_of(&record);
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::trim).unwrap_or("");
        let raw = field(Some(code_col));
        if raw.eq_ignore_ascii_case("TOTAL") || record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(code) = digits_only(raw)
            .map(restore_zero)
            .filter(|c| matches!(c.len(), 2 | 4 | 6))
        else {
            issues.push(issue(
                source_file,
                pos,
                "bad_code",
                format!("hscode {raw:?} is not a 2, 4 or 6 digit code"),
            ));
            continue;
        };
        let description = field(Some(desc));
        if description.is_empty() {
            issues.push(issue(
                source_file,
                pos,
                "missing_description",
                format!("hscode {code} has no description"),
            ));
            continue;
        }
        let level_raw = field(level);
        if !level_raw.is_empty() && level_raw.parse::<usize>().ok() != Some(code.len()) {
            let msg = format!(
                "hscode {code}: level {level_raw:?} disagrees with its {} digits; the digits win",
                code.len()
            );
            issues.push(issue(source_file, pos.clone(), "bad_level", msg));
        }
        if !seen.insert(code.clone()) {
            issues.push(issue(
                source_file,
                pos,
                "duplicate_code",
                format!("hscode {code} appears again; the first row is kept"),
            ));
            continue;
        }
        let parent = digits_only(field(parent)).map(restore_zero);
        let section = Some(field(section))
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        rows.push(HsCode {
            vintage: vintage.as_str().to_owned(),
            level: Some(code.len() as i64),
            code,
            parent,
            section,
            description: description.to_owned(),
        });
    }
    (rows, issues)
}

/// Restores a leading zero that a spreadsheet dropped: five digits become six, three become four, one becomes two.
fn restore_zero(code: String) -> String {
    if code.len() % 2 == 1 {
        format!("0{code}")
    } else {
        code
    }
}

/// Reads a UNSD HS2022↔HS2017 table: the correlation table (`hs2022,hs2017,relationship`) or the conversion table (`hs2022,hs2017`).
///
/// The correlation table's relation is kept as stated (`1:1`, `1:n`, `n:1`, `n:n`, HS2022 side first).
/// The conversion table states no relation, so it is derived from the table itself: `1:1` when the HS2017 code has one HS2022 code there, else `n:1`.
/// `share` is left empty: the UNSD tables give no trade weights, and [`super::Nomenclature`] splits equally.
/// Codes that are not six digits, unknown relations and repeated pairs come back as issues.
pub fn parse_correlation(csv: &str, source_file: &str) -> (Vec<HsCorrelation>, Vec<ImportIssue>) {
    let mut rows: Vec<HsCorrelation> = Vec::new();
    let mut issues = Vec::new();
    let mut rdr = reader(csv);
    let header = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            issues.push(issue(
                source_file,
                "line 1".into(),
                "bad_header",
                e.to_string(),
            ));
            return (rows, issues);
        }
    };
    let [new_col, old_col, rel_col] = columns(&header, ["hs2022", "hs2017", "relationship"]);
    let (Some(new_col), Some(old_col)) = (new_col, old_col) else {
        let msg = format!(
            "header {:?} lacks hs2022 or hs2017",
            header.iter().collect::<Vec<_>>()
        );
        issues.push(issue(source_file, "line 1".into(), "missing_column", msg));
        return (rows, issues);
    };
    let mut seen = HashSet::new();
    for result in rdr.records() {
        let Some(record) = readable(result, source_file, &mut issues) else {
            continue;
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let pos = line_of(&record);
        let field = |i: usize| record.get(i).map(str::trim).unwrap_or("");
        let six = |raw: &str| digits_only(raw).map(restore_zero).filter(|c| c.len() == 6);
        let (Some(hs2022), Some(hs2017)) = (six(field(new_col)), six(field(old_col))) else {
            let msg = format!(
                "pair ({:?}, {:?}) is not two six-digit codes",
                field(new_col),
                field(old_col)
            );
            issues.push(issue(source_file, pos, "bad_code", msg));
            continue;
        };
        let relation = match rel_col {
            Some(i) => {
                let raw = field(i).to_ascii_lowercase().replace(' ', "");
                if !RELATIONS.contains(&raw.as_str()) {
                    let msg = format!(
                        "{hs2022}-{hs2017}: relationship {:?} is not 1:1, 1:n, n:1 or n:n",
                        field(i)
                    );
                    issues.push(issue(source_file, pos, "bad_relation", msg));
                    continue;
                }
                raw
            }
            None => String::new(),
        };
        if !seen.insert((hs2022.clone(), hs2017.clone())) {
            issues.push(issue(
                source_file,
                pos,
                "duplicate_pair",
                format!("{hs2022}-{hs2017} appears again; the first row is kept"),
            ));
            continue;
        }
        rows.push(HsCorrelation {
            hs2022,
            hs2017,
            relation,
            share: None,
        });
    }
    if rel_col.is_none() {
        let mut per_old: HashMap<String, usize> = HashMap::new();
        for r in &rows {
            *per_old.entry(r.hs2017.clone()).or_default() += 1;
        }
        for r in &mut rows {
            r.relation = if per_old[&r.hs2017] == 1 {
                "1:1"
            } else {
                "n:1"
            }
            .to_owned();
        }
    }
    (rows, issues)
}

/// The record, or `None` after reporting an unreadable one as a `bad_record` issue with its line.
fn readable(
    result: csv::Result<csv::StringRecord>,
    source_file: &str,
    issues: &mut Vec<ImportIssue>,
) -> Option<csv::StringRecord> {
    match result {
        Ok(record) => Some(record),
        Err(e) => {
            let pos = e
                .position()
                .map_or("?".into(), |p| format!("line {}", p.line()));
            issues.push(issue(source_file, pos, "bad_record", e.to_string()));
            None
        }
    }
}
