//! Reads the EU consolidated-act CSV (OpenSanctions' transcription of Regulations 833/2014, 269/2014, 765/2006 and other regimes, 45 columns).
//!
//! Regulation 833/2014 is a set of distinct lists, one per annex (`eu-833-annex-iv` is the export-control end-user list).
//! Every other act is one list (`eu-269`, `eu-765`).
//! Aliases in a non-Latin script become `original_script` names.

use std::path::PathBuf;

use crate::builder::{Draft, Sink, kind};
use crate::{Error, ListFormat, ListImport, dates, detect_script};

/// Identifier columns and their schemes.
const ID_COLUMNS: &[(&str, &str)] = &[
    ("registrationNumber", "registration_number"),
    ("taxNumber", "tax_id"),
    ("idNumber", "national_id"),
    ("innCode", "inn"),
    ("ogrnCode", "ogrn"),
    ("kppCode", "kpp"),
    ("okpoCode", "okpo"),
    ("leiCode", "lei"),
    ("swiftBic", "swift_bic"),
    ("imoNumber", "imo"),
    ("mmsi", "mmsi"),
    ("passportNumber", "passport"),
];

/// `32014R0833` → (`833`, `2014`).
fn act(celex: &str) -> Option<(String, String)> {
    let year = celex.get(1..5)?;
    let number = celex.get(6..)?.trim_start_matches('0');
    (!number.is_empty()).then(|| (number.to_string(), year.to_string()))
}

/// The list id and name of a row from its act and annex.
fn list_of(celex: &str, annex: &str) -> (String, String) {
    let Some((number, year)) = act(celex) else {
        return (
            format!("eu-{}", celex.to_lowercase()),
            format!("EU act {celex}"),
        );
    };
    if number == "833" && !annex.is_empty() {
        let slug = annex.to_lowercase().replace(['.', ' '], "-");
        (
            format!("eu-833-annex-{slug}"),
            format!("EU Regulation 833/{year} Annex {annex}"),
        )
    } else {
        (
            format!("eu-{number}"),
            format!("EU Regulation {number}/{year}"),
        )
    }
}

fn entity_type(schema: &str) -> &'static str {
    match schema {
        "Person" => "person",
        "LegalEntity" | "Company" | "Organization" | "PublicBody" => "organization",
        "Vessel" => "vessel",
        "Airplane" => "aircraft",
        _ => "unknown",
    }
}

/// A lower-case, dash-separated form of a name, at most 60 characters, for rows without a record id.
fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let s: String = words.join("-").chars().take(60).collect();
    if s.is_empty() { "unnamed".into() } else { s }
}

fn split(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// Imports one act file.
pub(crate) fn import(name: &str, bytes: &[u8]) -> Result<ListImport, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let mut lines = crate::builder::Lines::new(bytes);
    let header = reader.headers().cloned().unwrap_or_default();
    let col = |n: &str| header.iter().position(|h| h.trim() == n);
    let (Some(c_celex), Some(c_name), Some(c_id)) = (col("celex"), col("name"), col("recordId"))
    else {
        return Err(Error::WrongFormat {
            path: PathBuf::from(name),
            format: ListFormat::EuCsv.name(),
            message: "header lacks the celex, recordId and name columns".into(),
        });
    };
    let mut sink = Sink::new(ListFormat::EuCsv, "eu", name);
    for record in reader.records() {
        let Some((record, line)) =
            crate::csv_rows::checked(record, header.len(), &mut lines, &mut sink)
        else {
            continue;
        };
        let get = |n: &str| col(n).and_then(|i| record.get(i)).unwrap_or("").trim();
        let celex = record.get(c_celex).unwrap_or("").trim();
        let annex = get("annex");
        let (list_id, list_name) = list_of(celex, annex);
        // recordId counts within an annex and some annexes leave it empty; the name stands in then.
        let record_id = record.get(c_id).unwrap_or("").trim();
        let local = if record_id.is_empty() {
            slug(record.get(c_name).unwrap_or(""))
        } else {
            record_id.to_string()
        };
        let id = if list_id.contains("-annex-") || annex.is_empty() {
            local
        } else {
            format!("{annex}/{local}")
        };
        let schema = get("schema");
        let et = entity_type(schema);
        if et == "unknown" && schema != "Asset" {
            sink.issue(&line, "unknown_field", format!("unknown schema {schema:?}"));
        }
        let mut d = Draft::new(id, et, record.get(c_name).unwrap_or(""), line.clone());
        for (column, k) in [
            ("alias", kind::ALIAS),
            ("previousName", kind::ALIAS),
            ("weakAlias", kind::WEAK_ALIAS),
        ] {
            for a in split(get(column)) {
                let k = if matches!(detect_script(a), "cyrillic" | "han" | "arabic") {
                    kind::ORIGINAL_SCRIPT
                } else {
                    k
                };
                d.add_name(a, k);
            }
        }
        for column in ["country", "nationality", "jurisdiction", "flag"] {
            for c in split(get(column)) {
                d.add_country(c);
            }
        }
        for (column, scheme) in ID_COLUMNS {
            for v in split(get(column)) {
                d.ids.push(scheme, v);
            }
        }
        for a in split(get("address")) {
            d.add_address(a);
        }
        d.add_programme(get("programKey"));
        d.add_programme(get("measure"));
        let start = get("startDate");
        d.listing_date = dates::parse_date(start);
        if !start.is_empty() && d.listing_date.is_none() {
            sink.issue(
                &line,
                "bad_value",
                format!("startDate {start:?} is not a date"),
            );
        }
        d.add_remark(get("reason"));
        d.add_remark(get("notes"));
        sink.push(&list_id, &list_name, d);
    }
    Ok(sink.finish())
}
