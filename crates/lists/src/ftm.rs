//! Reads FollowTheMoney entities as JSON lines (the OpenSanctions export format), one entry per dataset the entity is in.
//!
//! Thing schemas (Person, Company, Organization, LegalEntity, Vessel, Airplane) become entries.
//! Other schemas (Sanction, Address, Ownership, ...) are not list entries and are reported as `skipped_schema`.

use serde_json::Value;

use crate::builder::{Draft, Sink, kind};
use crate::{ListFormat, ListImport, dates, detect_script};

/// Property names holding identifiers, with their schemes.
const ID_PROPS: &[(&str, &str)] = &[
    ("innCode", "inn"),
    ("ogrnCode", "ogrn"),
    ("kppCode", "kpp"),
    ("okpoCode", "okpo"),
    ("registrationNumber", "registration_number"),
    ("taxNumber", "tax_id"),
    ("idNumber", "national_id"),
    ("leiCode", "lei"),
    ("swiftBic", "swift_bic"),
    ("imoNumber", "imo"),
    ("mmsi", "mmsi"),
    ("passportNumber", "passport"),
    ("uscCode", "uscc"),
    ("callSign", "call_sign"),
];

fn entity_type(schema: &str) -> Option<&'static str> {
    Some(match schema {
        "Person" => "person",
        "Company" | "Organization" | "LegalEntity" | "PublicBody" => "organization",
        "Vessel" => "vessel",
        "Airplane" => "aircraft",
        _ => return None,
    })
}

/// The string values of one property.
fn values<'a>(props: &'a Value, key: &str) -> impl Iterator<Item = &'a str> + 'a {
    props
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// Imports one JSON-lines file.
pub(crate) fn import(name: &str, bytes: &[u8]) -> ListImport {
    let mut sink = Sink::new(ListFormat::FtmJson, "ftm", name);
    for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = (i + 1).to_string();
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let v: Value = match serde_json::from_slice(raw) {
            Ok(v) => v,
            Err(e) => {
                sink.issue(&line, "bad_record", format!("not a JSON object: {e}"));
                continue;
            }
        };
        let (Some(id), Some(schema)) = (
            v.get("id").and_then(Value::as_str),
            v.get("schema").and_then(Value::as_str),
        ) else {
            sink.issue(&line, "bad_record", "entity lacks `id` or `schema`");
            continue;
        };
        let Some(et) = entity_type(schema) else {
            sink.issue(
                &line,
                "skipped_schema",
                format!("{id}: schema {schema} is not a list entry"),
            );
            continue;
        };
        let props = v.get("properties").cloned().unwrap_or(Value::Null);
        let mut names = values(&props, "name");
        let primary = names
            .next()
            .or_else(|| v.get("caption").and_then(Value::as_str))
            .unwrap_or("");
        let mut d = Draft::new(id, et, primary, line.clone());
        for n in names
            .chain(values(&props, "alias"))
            .chain(values(&props, "previousName"))
        {
            let k = if matches!(detect_script(n), "cyrillic" | "han" | "arabic") {
                kind::ORIGINAL_SCRIPT
            } else {
                kind::ALIAS
            };
            d.add_name(n, k);
        }
        for n in values(&props, "weakAlias") {
            d.add_name(n, kind::WEAK_ALIAS);
        }
        for key in [
            "country",
            "nationality",
            "citizenship",
            "jurisdiction",
            "flag",
            "mainCountry",
        ] {
            for c in values(&props, key) {
                d.add_country(c);
            }
        }
        for (key, scheme) in ID_PROPS {
            for x in values(&props, key) {
                d.ids.push(scheme, x);
            }
        }
        for a in values(&props, "address") {
            d.add_address(a);
        }
        for p in values(&props, "program").chain(values(&props, "programId")) {
            d.add_programme(p);
        }
        for n in values(&props, "notes") {
            d.add_remark(n);
        }
        let created = values(&props, "createdAt").next().map(str::to_string);
        let first_seen = v
            .get("first_seen")
            .and_then(Value::as_str)
            .map(str::to_string);
        d.listing_date = created
            .or(first_seen)
            .as_deref()
            .and_then(dates::parse_date);
        let datasets: Vec<String> = v
            .get("datasets")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        let lists = if datasets.is_empty() {
            vec!["ftm".to_string()]
        } else {
            datasets
        };
        for (n, list) in lists.iter().enumerate() {
            let draft = if n + 1 == lists.len() {
                std::mem::take(&mut d)
            } else {
                d.clone()
            };
            sink.push(list, list, draft);
        }
    }
    sink.finish()
}
