//! Writes the synthetic entries as FollowTheMoney entities in JSON lines, the OpenSanctions export format.
//!
//! Names may be Cyrillic or Han with Latin aliases, so cross-script screening can be shown.
//! Keys are written in a fixed order and empty properties are left out, so the bytes depend on the seed only.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{Entry, FTM_DATASET};
use crate::geo;

/// The day the synthetic export was last seen; fixed, so no clock enters the file.
const LAST_SEEN: &str = "2025-07-01T00:00:00";

/// FollowTheMoney properties, each a list of strings.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    name: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alias: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    previous_name: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    first_name: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    father_name: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    last_name: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    birth_date: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    birth_place: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    gender: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    nationality: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    country: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    inn_code: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ogrn_code: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    registration_number: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    usc_code: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tax_number: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    id_number: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    incorporation_date: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    address: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    program: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    topics: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    created_at: Vec<String>,
}

/// One FollowTheMoney entity line.
#[derive(Debug, Serialize)]
struct Entity<'a> {
    id: &'a str,
    schema: &'a str,
    caption: &'a str,
    properties: Properties,
    datasets: [&'a str; 1],
    referents: [&'a str; 0],
    first_seen: String,
    last_seen: &'a str,
    target: bool,
}

fn properties(e: &Entry) -> Properties {
    let mut p = Properties {
        name: vec![e.name.clone()],
        country: vec![e.country.to_ascii_lowercase()],
        program: e.programs.iter().map(|s| s.to_string()).collect(),
        topics: vec!["sanction".into()],
        created_at: vec![geo::iso_date(e.listed)],
        ..Properties::default()
    };
    for (kind, name) in &e.aliases {
        match *kind {
            "fka" => p.previous_name.push(name.clone()),
            _ => p.alias.push(name.clone()),
        }
    }
    for (scheme, value) in &e.ids {
        let v = value.clone();
        match *scheme {
            "INN" | "INN_KG" => p.inn_code.push(v),
            "OGRN" => p.ogrn_code.push(v),
            "TAX" | "UNP" => p.tax_number.push(v),
            "CNID" => p.id_number.push(v),
            "USCC" => p.usc_code.push(v),
            _ => p.registration_number.push(v),
        }
    }
    if let Some(a) = &e.address {
        p.address.push(a.full.clone());
    }
    if let Some(d) = e.established {
        p.incorporation_date.push(geo::iso_date(d));
    }
    if let Some(person) = &e.person {
        p.first_name.push(person.local[0].clone());
        if !person.local[1].is_empty() {
            p.father_name.push(person.local[1].clone());
        }
        p.last_name.push(person.local[2].clone());
        p.birth_date.push(geo::iso_date(person.dob));
        p.birth_place.push(person.pob.clone());
        p.gender.push(person.gender.to_ascii_lowercase());
        p.nationality.push(e.country.to_ascii_lowercase());
        p.address.clear();
    }
    p
}

/// Writes the entries, one JSON object per line.
pub fn write(path: &Path, entries: &[&Entry]) -> Result<(), crate::Error> {
    let mut out = std::io::BufWriter::new(fs_err::File::create(path)?);
    for e in entries {
        let line = Entity {
            id: &e.source_id,
            schema: e.schema,
            caption: &e.name,
            properties: properties(e),
            datasets: [FTM_DATASET],
            referents: [],
            first_seen: format!("{}T00:00:00", geo::iso_date(e.listed)),
            last_seen: LAST_SEEN,
            target: true,
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
