//! Reads the UN Security Council consolidated list XML (INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY records).
//!
//! Names in original script (NAME_ORIGINAL_SCRIPT) become `original_script` names; aliases of quality `Low` become weak aliases.
//! The UN reference number (e.g. `KPe.001`) and identity documents become identifiers.

use std::path::PathBuf;

use crate::builder::{Draft, Sink, kind};
use crate::identifiers::scheme_for_label;
use crate::xml::{Found, Node, stream};
use crate::{Error, ListFormat, ListImport, dates};

const LIST_ID: &str = "un-sc";
const LIST_NAME: &str = "UN Security Council Consolidated List";

/// Record children this importer reads or knowingly ignores; any other child is reported.
const KNOWN: &[&str] = &[
    "DATAID",
    "VERSIONNUM",
    "FIRST_NAME",
    "SECOND_NAME",
    "THIRD_NAME",
    "FOURTH_NAME",
    "UN_LIST_TYPE",
    "REFERENCE_NUMBER",
    "LISTED_ON",
    "GENDER",
    "COMMENTS1",
    "DESIGNATION",
    "TITLE",
    "NATIONALITY",
    "LIST_TYPE",
    "LAST_DAY_UPDATED",
    "INDIVIDUAL_ALIAS",
    "ENTITY_ALIAS",
    "INDIVIDUAL_ADDRESS",
    "ENTITY_ADDRESS",
    "INDIVIDUAL_DATE_OF_BIRTH",
    "INDIVIDUAL_PLACE_OF_BIRTH",
    "INDIVIDUAL_DOCUMENT",
    "NAME_ORIGINAL_SCRIPT",
    "SORT_KEY",
    "SORT_KEY_LAST_MOD",
    "SUBMITTED_BY",
    "DELISTED_ON",
];

/// Imports one UN consolidated list file.
pub(crate) fn import(name: &str, bytes: &[u8]) -> Result<ListImport, Error> {
    let mut sink = Sink::new(ListFormat::UnXml, LIST_ID, name);
    let mut wrong_root = None;
    stream(
        name,
        bytes,
        &["INDIVIDUAL", "ENTITY"],
        &mut sink,
        |found, sink| match found {
            Found::Root(root) => {
                if root.name != "CONSOLIDATED_LIST" {
                    wrong_root = Some(root.name.clone());
                }
                sink.set_version(root.attr("dateGenerated").map(str::to_string));
            }
            Found::Record(path, node) => {
                if wrong_root.is_none() {
                    record(&path, &node, sink);
                }
            }
        },
    )?;
    if let Some(root) = wrong_root {
        return Err(Error::WrongFormat {
            path: PathBuf::from(name),
            format: ListFormat::UnXml.name(),
            message: format!("root element is <{root}>, expected <CONSOLIDATED_LIST>"),
        });
    }
    Ok(sink.finish())
}

/// Joins the non-empty texts of several parts with `sep`.
fn join(parts: &[&str], sep: &str) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

fn record(path: &str, node: &Node, sink: &mut Sink) {
    let person = node.name == "INDIVIDUAL";
    let mut id = node.text_of("DATAID").to_string();
    if id.is_empty() {
        sink.issue(
            path,
            "bad_record",
            "record has no DATAID; its path stands in as id",
        );
        id = path.to_string();
    }
    let name = join(
        &[
            node.text_of("FIRST_NAME"),
            node.text_of("SECOND_NAME"),
            node.text_of("THIRD_NAME"),
            node.text_of("FOURTH_NAME"),
        ],
        " ",
    );
    let mut d = Draft::new(
        id,
        if person { "person" } else { "organization" },
        &name,
        path,
    );
    d.add_programme(node.text_of("UN_LIST_TYPE"));
    d.ids.push("un_reference", node.text_of("REFERENCE_NUMBER"));
    let listed = node.text_of("LISTED_ON");
    d.listing_date = dates::parse_date(listed);
    if !listed.is_empty() && d.listing_date.is_none() {
        sink.issue(
            path,
            "bad_value",
            format!("LISTED_ON {listed:?} is not a date"),
        );
    }
    d.add_name(node.text_of("NAME_ORIGINAL_SCRIPT"), kind::ORIGINAL_SCRIPT);
    d.add_remark(node.text_of("COMMENTS1"));
    for child in &node.children {
        match child.name.as_str() {
            "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => {
                let k = match child.text_of("QUALITY") {
                    q if q.eq_ignore_ascii_case("low") => kind::WEAK_ALIAS,
                    _ => kind::ALIAS,
                };
                d.add_name(child.text_of("ALIAS_NAME"), k);
            }
            "NATIONALITY" => {
                for v in child.all("VALUE") {
                    d.add_country(&v.text);
                }
            }
            "INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS" => {
                let country = child.text_of("COUNTRY");
                d.add_address(&join(
                    &[
                        child.text_of("STREET"),
                        child.text_of("CITY"),
                        child.text_of("STATE_PROVINCE"),
                        child.text_of("ZIP_CODE"),
                        country,
                    ],
                    ", ",
                ));
                d.add_country(country);
            }
            "INDIVIDUAL_DOCUMENT" => {
                let number = child.text_of("NUMBER");
                let label = match child.text_of("TYPE_OF_DOCUMENT") {
                    "" => child.text_of("TYPE_OF_DOCUMENT2"),
                    t => t,
                };
                let country = match child.text_of("ISSUING_COUNTRY") {
                    "" => child.text_of("COUNTRY_OF_ISSUE"),
                    c => c,
                };
                if !number.is_empty() {
                    let scheme = if label.is_empty() {
                        "document".to_string()
                    } else {
                        scheme_for_label(label, country, number)
                    };
                    d.ids.push(&scheme, number);
                }
            }
            other if KNOWN.contains(&other) => {}
            other => sink.issue(
                path,
                "unknown_field",
                format!("unknown element <{other}> in {}", node.name),
            ),
        }
    }
    sink.push(LIST_ID, LIST_NAME, d);
}
