//! Reads OFAC's Enhanced XML export (CONS_ENHANCED.XML, SDN_ENHANCED.XML): entities with names in several scripts, addresses, documents and features.
//!
//! Non-Latin translations of a name become `original_script` names; low-quality aliases become weak aliases.
//! Identity documents and identifier-like features (IMO, USCC, established date, ...) become identifiers.

use std::path::PathBuf;

use crate::builder::{Draft, Sink, kind};
use crate::identifiers::{is_known_label, scheme_for_label};
use crate::xml::{Found, Node, stream};
use crate::{Error, ListFormat, ListImport, dates};

/// Entity children this importer reads or knowingly ignores.
const KNOWN: &[&str] = &[
    "generalInfo",
    "sanctionsLists",
    "sanctionsPrograms",
    "sanctionsTypes",
    "legalAuthorities",
    "names",
    "addresses",
    "features",
    "identityDocuments",
    "relationships",
];

/// Imports one Enhanced XML file.
pub(crate) fn import(name: &str, bytes: &[u8]) -> Result<ListImport, Error> {
    let sdn = name.to_ascii_uppercase().contains("SDN");
    let mut list = if sdn {
        (
            "us-ofac-sdn",
            "OFAC Specially Designated Nationals and Blocked Persons List",
        )
    } else {
        ("us-ofac-cons", "OFAC Consolidated Sanctions List (non-SDN)")
    };
    let mut sink = Sink::new(ListFormat::OfacXml, list.0, name);
    let mut wrong_root = None;
    stream(
        name,
        bytes,
        &["entity", "publicationInfo"],
        &mut sink,
        |found, sink| match found {
            Found::Root(root) => {
                if root.name != "sanctionsData" {
                    wrong_root = Some(root.name.clone());
                }
            }
            Found::Record(_, node) if node.name == "publicationInfo" => {
                sink.set_version(Some(node.text_of("dataAsOf").to_string()));
                let filters = node
                    .child("filters")
                    .and_then(|f| f.child("sanctionsLists"));
                if let Some(lists) = filters {
                    let names: Vec<&str> =
                        lists.all("sanctionsList").map(|l| l.text.trim()).collect();
                    if names == ["SDN List"] {
                        list = (
                            "us-ofac-sdn",
                            "OFAC Specially Designated Nationals and Blocked Persons List",
                        );
                        sink.set_source_name(list.0);
                    }
                }
            }
            Found::Record(path, node) => {
                if wrong_root.is_none() {
                    entity(&path, &node, list, sink);
                }
            }
        },
    )?;
    if let Some(root) = wrong_root {
        return Err(Error::WrongFormat {
            path: PathBuf::from(name),
            format: ListFormat::OfacXml.name(),
            message: format!("root element is <{root}>, expected <sanctionsData>"),
        });
    }
    Ok(sink.finish())
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

fn is_true(node: &Node, child: &str) -> bool {
    node.text_of(child).eq_ignore_ascii_case("true")
}

/// Children of `node/outer/inner`.
fn nested<'a>(
    node: &'a Node,
    outer: &'a str,
    inner: &'a str,
) -> impl Iterator<Item = &'a Node> + 'a {
    node.all(outer).flat_map(move |o| o.all(inner))
}

fn entity(path: &str, node: &Node, list: (&str, &str), sink: &mut Sink) {
    let id = node.attr("id").unwrap_or_default().to_string();
    let id = if id.is_empty() {
        sink.issue(
            path,
            "bad_record",
            "entity has no id attribute; its path stands in",
        );
        path.to_string()
    } else {
        id
    };
    let general = node.child("generalInfo");
    let et = general.map_or("unknown", |g| entity_type(g.text_of("entityType")));
    let mut d = Draft::new(id, et, "", path);
    if let Some(g) = general {
        d.add_remark(g.text_of("remarks"));
    }
    // Names: the primary name's primary translation is the entry name.
    for name in nested(node, "names", "name") {
        let primary = is_true(name, "isPrimary");
        let weak = is_true(name, "isLowQuality");
        for t in nested(name, "translations", "translation") {
            let full = t.text_of("formattedFullName");
            let latin_primary = is_true(t, "isPrimary");
            let k = if !latin_primary || !t.text_of("script").eq_ignore_ascii_case("latin") {
                kind::ORIGINAL_SCRIPT
            } else if primary {
                if d.name.is_empty() {
                    d.name = crate::builder::clean(full);
                    continue;
                }
                kind::ALIAS
            } else if weak {
                kind::WEAK_ALIAS
            } else {
                kind::ALIAS
            };
            d.add_name(full, k);
        }
    }
    let mut earliest: Option<i32> = None;
    for l in nested(node, "sanctionsLists", "sanctionsList") {
        if let Some(day) = l.attr("datePublished").and_then(dates::parse_date) {
            earliest = Some(earliest.map_or(day, |e: i32| e.min(day)));
        }
    }
    d.listing_date = earliest;
    for p in nested(node, "sanctionsPrograms", "sanctionsProgram") {
        d.add_programme(&p.text);
    }
    for a in nested(node, "addresses", "address") {
        let country = a.text_of("country");
        let parts: Vec<String> = nested(a, "translations", "translation")
            .filter(|t| is_true(t, "isPrimary"))
            .flat_map(|t| nested(t, "addressParts", "addressPart"))
            .map(|p| p.text_of("value").to_string())
            .filter(|v| !v.is_empty())
            .chain((!country.is_empty()).then(|| country.to_string()))
            .collect();
        d.add_address(&parts.join(", "));
        d.add_country(country);
    }
    for f in nested(node, "features", "feature") {
        let label = f.text_of("type");
        let value = f.text_of("value");
        if label.contains("Nationality")
            || label.contains("Citizenship")
            || label.starts_with("Vessel Flag")
        {
            d.add_country(value);
        } else if is_known_label(label) {
            d.ids.push(&scheme_for_label(label, "", value), value);
        } else if label.starts_with("Vessel Registration Identification") || label.contains("IMO") {
            d.ids.push("imo", value.trim_start_matches("IMO").trim());
        }
    }
    for doc in nested(node, "identityDocuments", "identityDocument") {
        let number = doc.text_of("documentNumber");
        let label = doc.text_of("type");
        let country = doc.text_of("issuingCountry");
        if !number.is_empty() {
            d.ids
                .push(&scheme_for_label(label, country, number), number);
        }
    }
    for child in &node.children {
        if !KNOWN.contains(&child.name.as_str()) {
            sink.issue(
                path,
                "unknown_field",
                format!("unknown element <{}> in entity", child.name),
            );
        }
    }
    sink.push(list.0, list.1, d);
}
