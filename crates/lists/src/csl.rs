//! Reads the US Consolidated Screening List CSV (trade.gov), which bundles thirteen Commerce, State and Treasury lists in one file.
//!
//! Each row's `source` column names its component list, which becomes the entry's list id, prefixed with the source (`us-csl-bis-entity-list`, `us-csl-ofac-sdn`, ...), so that entries never collide with the same list imported from its own publisher.
//! Multi-valued cells (alt_names, addresses, programs, ids) are `;`-separated.

use std::path::PathBuf;

use crate::builder::{Draft, Sink, kind};
use crate::identifiers::{is_known_label, scheme_for_label};
use crate::{Error, ListFormat, ListImport, dates};

/// The component lists, by the abbreviation in parentheses of the `source` column.
const COMPONENTS: &[(&str, &str)] = &[
    ("(SDN)", "us-csl-ofac-sdn"),
    ("(EL)", "us-csl-bis-entity-list"),
    ("(DTC)", "us-csl-state-itar-debarred"),
    ("(DPL)", "us-csl-bis-dpl"),
    ("(SSI)", "us-csl-ofac-ssi"),
    ("(UVL)", "us-csl-bis-uvl"),
    ("(ISN)", "us-csl-state-isn"),
    ("(PLC)", "us-csl-ofac-plc"),
    ("(MEU)", "us-csl-bis-meu"),
    ("(CMIC)", "us-csl-ofac-ns-cmic"),
    ("(CAP)", "us-csl-ofac-capta"),
    ("(NS-MBS List)", "us-csl-ofac-ns-mbs"),
    ("(FSE)", "us-csl-ofac-fse"),
];

/// The list id of a `source` cell; unknown sources get a slug of their text.
fn list_id(source: &str) -> (String, bool) {
    if let Some((_, id)) = COMPONENTS.iter().find(|(abbr, _)| source.contains(abbr)) {
        return (id.to_string(), true);
    }
    let slug: String = source
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    (
        format!("us-csl-{}", if slug.is_empty() { "unknown" } else { &slug }),
        false,
    )
}

fn entity_type(t: &str) -> &'static str {
    match t.trim().to_ascii_lowercase().as_str() {
        "individual" => "person",
        "entity" => "organization",
        "vessel" => "vessel",
        "aircraft" => "aircraft",
        _ => "unknown",
    }
}

/// The values of a `;`-separated cell.
fn split(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// Reads one item of the `ids` cell: `RU, 7736640919, Tax ID No.` or `Male, Gender`.
fn add_ids(cell: &str, d: &mut Draft) {
    for item in split(cell) {
        let parts: Vec<&str> = item.split(", ").map(str::trim).collect();
        let Some(label) = parts.last() else { continue };
        if parts.len() < 2 || !is_known_label(label) {
            continue;
        }
        let (country, value) = if parts.len() >= 3
            && parts[0].len() == 2
            && parts[0].chars().all(|c| c.is_ascii_uppercase())
        {
            (parts[0], parts[1..parts.len() - 1].join(", "))
        } else {
            ("", parts[..parts.len() - 1].join(", "))
        };
        d.ids
            .push(&scheme_for_label(label, country, &value), &value);
    }
}

/// Imports one CSL CSV file.
pub(crate) fn import(name: &str, bytes: &[u8]) -> Result<ListImport, Error> {
    let mut sink = Sink::new(ListFormat::CslCsv, "us-csl", name);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let mut lines = crate::builder::Lines::new(bytes);
    let header = reader.headers().cloned().unwrap_or_default();
    let col = |n: &str| header.iter().position(|h| h.trim() == n);
    let (Some(c_source), Some(c_name)) = (col("source"), col("name")) else {
        return Err(Error::WrongFormat {
            path: PathBuf::from(name),
            format: ListFormat::CslCsv.name(),
            message: "header has no `source` and `name` columns".into(),
        });
    };
    let cols = [
        "_id",
        "type",
        "programs",
        "title",
        "addresses",
        "start_date",
        "call_sign",
        "vessel_flag",
        "remarks",
        "alt_names",
        "citizenships",
        "nationalities",
        "ids",
        "entity_number",
    ]
    .map(col);
    let [
        c_id,
        c_type,
        c_programs,
        c_title,
        c_addresses,
        c_start,
        c_call,
        c_flag,
        c_remarks,
        c_alt,
        c_citizen,
        c_nation,
        c_ids,
        c_entnum,
    ] = cols;
    let mut unknown_sources: Vec<String> = Vec::new();
    for record in reader.byte_records() {
        let Some((record, line)) =
            crate::csv_rows::checked(record, header.len(), &mut lines, &mut sink)
        else {
            continue;
        };
        if std::str::from_utf8(record.as_slice()).is_err() {
            sink.issue(
                &line,
                "bad_encoding",
                "row is not valid UTF-8; invalid bytes replaced",
            );
        }
        let get = |c: Option<usize>| {
            c.and_then(|i| record.get(i))
                .map(|b| String::from_utf8_lossy(b).trim().to_string())
                .unwrap_or_default()
        };
        let source = get(Some(c_source));
        let (lid, known) = list_id(&source);
        if !known && !unknown_sources.contains(&source) {
            sink.issue(
                &line,
                "unknown_field",
                format!("unknown source list {source:?}, stored as {lid}"),
            );
            unknown_sources.push(source.clone());
        }
        let mut id = get(c_id);
        if id.is_empty() {
            id = get(c_entnum);
        }
        if id.is_empty() {
            sink.issue(
                &line,
                "bad_record",
                "row has no _id; its line number stands in",
            );
            id = format!("line-{line}");
        }
        let mut d = Draft::new(
            id,
            entity_type(&get(c_type)),
            &get(Some(c_name)),
            line.clone(),
        );
        for p in split(&get(c_programs)) {
            d.add_programme(p);
        }
        for a in split(&get(c_alt)) {
            d.add_name(a, kind::ALIAS);
        }
        for a in split(&get(c_addresses)) {
            d.add_address(a);
            if let Some((_, last)) = a.rsplit_once(", ")
                && last.len() == 2
            {
                d.add_country(last);
            }
        }
        for c in split(&get(c_citizen)).chain(split(&get(c_nation))) {
            d.add_country(c);
        }
        d.add_country(&get(c_flag));
        let start = get(c_start);
        d.listing_date = dates::parse_date(&start);
        if !start.is_empty() && d.listing_date.is_none() {
            sink.issue(
                &line,
                "bad_value",
                format!("start_date {start:?} is not a date"),
            );
        }
        d.ids.push("call_sign", &get(c_call));
        add_ids(&get(c_ids), &mut d);
        d.add_remark(&get(c_title));
        d.add_remark(&get(c_remarks));
        let list_name = source
            .split(" - ")
            .next()
            .unwrap_or(&source)
            .trim()
            .to_string();
        sink.push(&lid, &list_name, d);
    }
    Ok(sink.finish())
}
