//! Decides which mapping a file is read with (user file, named profile, best-matching profile, or synonyms)
//! and resolves it against the file's headers into column indices.

use std::collections::HashSet;

use tradetrail_model::SHIPMENT_COLUMNS;

use crate::error::{Error, Result};
use crate::fields::{Field, N_FIELDS};
use crate::mapping::{BUILTIN_PROFILES, Mapping};
use crate::synonyms::{field_for_header, normalise_header};
use crate::values::number::{Decimal, decimal_evidence};
use crate::worker::CellRow;

/// The mapping's columns resolved against the headers.
#[derive(Debug, Clone)]
pub(crate) struct ColumnPlan {
    pub cols: [Option<usize>; N_FIELDS],
    /// Read when the `cols` cell is empty (canonical: the normalised twin of a `_raw` column).
    pub fallback: [Option<usize>; N_FIELDS],
    pub pairs: Vec<(String, String)>,
    pub unmapped: Vec<String>,
    pub record_id_col: Option<usize>,
}

/// The mapping named by the options, if any, with its report label.
pub(crate) fn given_mapping(
    mapping: Option<&Mapping>,
    profile: Option<&str>,
) -> Result<Option<(Mapping, String)>> {
    if let Some(m) = mapping {
        return Ok(Some((m.clone(), "mapping file".to_owned())));
    }
    match profile {
        None => Ok(None),
        Some(name) => match Mapping::builtin(name) {
            Some(m) => Ok(Some((m, name.to_owned()))),
            None => Err(Error::UnknownProfile {
                name: name.to_owned(),
            }),
        },
    }
}

/// Headers a profile knows, normalised.
fn profile_headers(m: &Mapping) -> HashSet<String> {
    if m.builtin == Some("canonical") {
        SHIPMENT_COLUMNS
            .iter()
            .map(|c| normalise_header(c.name))
            .collect()
    } else {
        m.columns.iter().map(|(_, h)| normalise_header(h)).collect()
    }
}

/// Picks the built-in profile covering at least 60% of the headers (and three or more), else a synonym mapping.
pub(crate) fn auto_mapping(headers: &[String]) -> (Mapping, String) {
    let normalised: Vec<String> = headers
        .iter()
        .map(|h| normalise_header(h))
        .filter(|h| !h.is_empty())
        .collect();
    let mut best: Option<(usize, Mapping)> = None;
    for name in BUILTIN_PROFILES {
        let Some(m) = Mapping::builtin(name) else {
            continue;
        };
        let known = profile_headers(&m);
        let hits = normalised.iter().filter(|h| known.contains(*h)).count();
        if hits >= 3
            && hits * 10 >= normalised.len() * 6
            && best.as_ref().is_none_or(|(b, _)| hits > *b)
        {
            best = Some((hits, m));
        }
    }
    if let Some((_, m)) = best {
        let name = m.builtin.unwrap_or("auto").to_owned();
        return (m, name);
    }
    let mut m = Mapping::default();
    let mut taken = HashSet::new();
    for h in headers {
        if let Some(f) = field_for_header(h)
            && taken.insert(f)
        {
            m.columns.push((f, h.clone()));
        }
    }
    m.columns.sort_by_key(|(f, _)| *f);
    (m, "auto".to_owned())
}

/// Finds a header: exact (trimmed) first, then by normalised spelling.
fn find(headers: &[String], wanted: &str) -> Option<usize> {
    let w = wanted.trim();
    headers.iter().position(|h| h == w).or_else(|| {
        let n = normalise_header(w);
        (!n.is_empty()).then(|| headers.iter().position(|h| normalise_header(h) == n))?
    })
}

/// Resolves `mapping` against `headers`; the canonical profile prefers a `<field>_raw` column.
pub(crate) fn resolve(mapping: &Mapping, headers: &[String]) -> ColumnPlan {
    let canonical = mapping.builtin == Some("canonical");
    let mut cols = [None; N_FIELDS];
    let mut fallback = [None; N_FIELDS];
    let mut pairs = Vec::new();
    for (field, header) in &mapping.columns {
        let exact = |h: &str| headers.iter().position(|x| x == h);
        let idx = if canonical {
            exact(&format!("{}_raw", field.name())).or_else(|| exact(header))
        } else {
            find(headers, header)
        };
        if canonical && idx != exact(header) {
            fallback[*field as usize] = exact(header);
        }
        if let Some(i) = idx
            && cols[*field as usize].is_none()
        {
            cols[*field as usize] = Some(i);
            pairs.push((field.name().to_owned(), headers[i].clone()));
        }
    }
    let used: HashSet<usize> = cols.iter().chain(&fallback).flatten().copied().collect();
    // Columns tradetrail derives itself are expected in its own exports, not unmapped.
    let derived = |h: &str| canonical && SHIPMENT_COLUMNS.iter().any(|c| c.name == h);
    let record_id_col = canonical
        .then(|| headers.iter().position(|h| h == "record_id"))
        .flatten();
    let unmapped = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !used.contains(i) && !h.is_empty() && !derived(h))
        .map(|(_, h)| h.clone())
        .collect();
    ColumnPlan {
        cols,
        fallback,
        pairs,
        unmapped,
        record_id_col,
    }
}

/// The file-level decimal mark, from the numeric cells of the first rows, for settling `1,234`.
pub(crate) fn decimal_hint(
    sample: &[CellRow],
    cols: &[Option<usize>; N_FIELDS],
) -> Option<Decimal> {
    let (mut comma, mut point) = (0usize, 0usize);
    for row in sample {
        for f in Field::ALL.iter().filter(|f| f.is_numeric()) {
            let Some(i) = cols[*f as usize] else { continue };
            let Some(&end) = row.ends.get(i) else {
                continue;
            };
            let start = if i == 0 { 0 } else { row.ends[i - 1] };
            match row.text.get(start..end).and_then(decimal_evidence) {
                Some(Decimal::Comma) => comma += 1,
                Some(Decimal::Point) => point += 1,
                _ => {}
            }
        }
    }
    match comma.cmp(&point) {
        std::cmp::Ordering::Greater => Some(Decimal::Comma),
        std::cmp::Ordering::Less => Some(Decimal::Point),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn picks_profiles_and_synonyms() {
        let vendor = h(&[
            "RECORD_ID",
            "DECLARATION_NUMBER",
            "IMP_DATE",
            "HS_CODE",
            "SUPPLIER_NAME",
            "IMPORTER_NAME",
            "EXTRA",
        ]);
        assert_eq!(auto_mapping(&vendor).1, "ru-vendor");
        let customs = h(&[
            "Номер ДТ",
            "Дата ДТ",
            "Код ТН ВЭД",
            "Отправитель",
            "Получатель",
        ]);
        assert_eq!(auto_mapping(&customs).1, "ru-customs");
        let canonical = h(&[
            "record_id",
            "dataset",
            "hs_code_raw",
            "hs_code",
            "hs6",
            "sender_name",
        ]);
        assert_eq!(auto_mapping(&canonical).1, "canonical");
        let other = h(&["Shipper", "Consignee", "HS", "Примечание"]);
        let (m, label) = auto_mapping(&other);
        assert_eq!(label, "auto");
        let plan = resolve(&m, &other);
        assert_eq!(plan.cols[Field::SenderName as usize], Some(0));
        assert_eq!(plan.cols[Field::HsCode as usize], Some(2));
        assert_eq!(plan.unmapped, vec!["Примечание".to_owned()]);
    }

    #[test]
    fn canonical_prefers_raw_columns() {
        let headers = h(&[
            "record_id",
            "hs_code",
            "hs_code_raw",
            "sender_country",
            "sender_country_raw",
        ]);
        let m = Mapping::builtin("canonical").expect("profile");
        let plan = resolve(&m, &headers);
        assert_eq!(plan.cols[Field::HsCode as usize], Some(2));
        assert_eq!(plan.cols[Field::SenderCountry as usize], Some(4));
        assert_eq!(plan.record_id_col, Some(0));
    }

    #[test]
    fn unknown_profile_is_an_error() {
        assert!(matches!(
            given_mapping(None, Some("nope")),
            Err(Error::UnknownProfile { .. })
        ));
    }
}
