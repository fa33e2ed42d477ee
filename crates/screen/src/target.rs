//! A list entry as screening sees it: its names, countries and identifiers read once from the `list_entries` and `list_names` rows, and a fingerprint of its content.
//!
//! The fingerprint lets a cleared hit stay cleared until the entry itself changes.

use tradetrail_model::{ListEntry, ListName};
use tradetrail_resolve::{Identifier, Scheme};
use xxhash_rust::xxh3::Xxh3;

/// What kind of party a list entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryType {
    /// A company, organisation or other legal entity.
    Organisation,
    /// A natural person.
    Person,
    /// A ship.
    Vessel,
    /// An aircraft.
    Aircraft,
    /// The list does not say.
    Unknown,
}

impl EntryType {
    /// Reads the `entity_type` column (`organization`, `person`, `vessel`, `aircraft`, anything else is unknown).
    pub fn parse(text: &str) -> EntryType {
        match text {
            "organization" | "organisation" | "company" => EntryType::Organisation,
            "person" | "individual" => EntryType::Person,
            "vessel" => EntryType::Vessel,
            "aircraft" => EntryType::Aircraft,
            _ => EntryType::Unknown,
        }
    }

    /// The FollowTheMoney schema of entries of this type.
    pub fn ftm_schema(self) -> &'static str {
        match self {
            EntryType::Organisation => "Organization",
            EntryType::Person => "Person",
            EntryType::Vessel => "Vessel",
            EntryType::Aircraft => "Airplane",
            EntryType::Unknown => "LegalEntity",
        }
    }
}

/// One name of a list entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetName {
    /// The name as listed.
    pub name: String,
    /// `primary`, `alias`, `weak_alias` or `original_script`.
    pub kind: String,
    /// Dominant script as the list importer labelled it: `latin`, `cyrillic`, `han`, `arabic`, `other` or `mixed`.
    pub script: String,
}

/// A list entry ready to be indexed.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// `<list_id>:<source_id>`.
    pub entry_id: String,
    /// Machine name of the list.
    pub list_id: String,
    /// Human name of the list.
    pub list_name: String,
    /// Programmes or legal bases, `; `-separated as listed.
    pub programmes: String,
    /// Primary name as listed.
    pub caption: String,
    /// Person, organisation, vessel, aircraft or unknown.
    pub entry_type: EntryType,
    /// ISO alpha-2 countries linked to the entry.
    pub countries: Vec<String>,
    /// Listing date as days since 1970-01-01, when the list gives it.
    pub listing_date: Option<i32>,
    /// Every identifier as listed: scheme and value.
    pub identifiers: Vec<(String, String)>,
    /// The identifiers whose scheme has a validator (INN, OGRN, BIN, USCC, LEI): these decide a match or a non-match.
    pub decisive: Vec<Identifier>,
    /// Every name, primary first.
    pub names: Vec<TargetName>,
    /// Hash of the entry's content (names, countries, identifiers, programmes, date).
    pub fingerprint: u64,
}

/// The scheme of a list's identifier label when it has a validator.
pub fn decisive_scheme(scheme: &str) -> Option<Scheme> {
    match scheme.to_ascii_lowercase().as_str() {
        "inn" | "ru_inn" => Some(Scheme::Inn),
        "ogrn" | "ru_ogrn" => Some(Scheme::Ogrn),
        "bin" | "kz_bin" => Some(Scheme::Bin),
        "uscc" | "cn_uscc" => Some(Scheme::Uscc),
        "lei" => Some(Scheme::Lei),
        _ => None,
    }
}

/// Upper-case letters and digits only: the form two identifier values are compared in.
pub fn clean_id(value: &str) -> String {
    value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn split_list(text: Option<&str>) -> Vec<String> {
    text.unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl Target {
    /// Builds a target from its entry row and its name rows (in any order; the primary name goes first).
    pub fn from_rows(entry: &ListEntry, names: &[&ListName]) -> Target {
        let mut out_names: Vec<TargetName> = names
            .iter()
            .filter(|n| !n.name.trim().is_empty())
            .map(|n| TargetName {
                name: n.name.clone(),
                kind: n.kind.clone(),
                script: n.script.clone(),
            })
            .collect();
        out_names.sort_by_key(|n| (n.kind != "primary", n.kind == "weak_alias"));
        out_names.dedup_by(|a, b| a.name == b.name);
        if !out_names.iter().any(|n| n.name == entry.name) && !entry.name.trim().is_empty() {
            out_names.insert(
                0,
                TargetName {
                    name: entry.name.clone(),
                    kind: "primary".into(),
                    script: tradetrail_resolve::text::dominant_script(&entry.name)
                        .label()
                        .into(),
                },
            );
        }
        let identifiers: Vec<(String, String)> = entry
            .identifiers
            .as_deref()
            .and_then(|j| serde_json::from_str::<Vec<serde_json::Value>>(j).ok())
            .unwrap_or_default()
            .iter()
            .filter_map(|v| {
                let s = v.get("scheme")?.as_str()?;
                let x = v.get("value")?.as_str()?;
                Some((s.to_string(), x.to_string()))
            })
            .collect();
        let decisive = identifiers
            .iter()
            .filter_map(|(s, v)| Some(Identifier::new(decisive_scheme(s)?, v)))
            .filter(Identifier::is_valid)
            .collect();
        let countries = split_list(entry.countries.as_deref());
        let mut h = Xxh3::new();
        for part in [&entry.entry_id, &entry.name, &entry.entity_type] {
            h.update(part.as_bytes());
            h.update(&[0]);
        }
        for n in &out_names {
            h.update(n.name.as_bytes());
            h.update(&[1]);
        }
        for part in [&entry.countries, &entry.identifiers, &entry.programmes] {
            h.update(part.as_deref().unwrap_or("").as_bytes());
            h.update(&[2]);
        }
        h.update(&entry.listing_date.unwrap_or(i32::MIN).to_le_bytes());
        Target {
            entry_id: entry.entry_id.clone(),
            list_id: entry.list_id.clone(),
            list_name: entry.list_name.clone(),
            programmes: entry.programmes.clone().unwrap_or_default(),
            caption: entry.name.clone(),
            entry_type: EntryType::parse(&entry.entity_type),
            countries,
            listing_date: entry.listing_date,
            identifiers,
            decisive,
            names: out_names,
            fingerprint: h.digest(),
        }
    }
}

/// Groups name rows by entry and builds every target, in entry order.
pub fn targets_from_rows(entries: &[ListEntry], names: &[ListName]) -> Vec<Target> {
    let mut by_entry: std::collections::HashMap<&str, Vec<&ListName>> =
        std::collections::HashMap::new();
    for n in names {
        by_entry.entry(n.entry_id.as_str()).or_default().push(n);
    }
    let mut out: Vec<Target> = entries
        .iter()
        .map(|e| {
            let names = by_entry
                .get(e.entry_id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            Target::from_rows(e, names)
        })
        .collect();
    out.sort_by(|a, b| a.entry_id.cmp(&b.entry_id));
    out.dedup_by(|a, b| a.entry_id == b.entry_id);
    out
}
