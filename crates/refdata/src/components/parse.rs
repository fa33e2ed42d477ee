//! Readers for the GUR "War & Sanctions" catalogue files as staged by cognis-digital/awesome-drone-warfare-osint: components, platforms, manufacturers.
//!
//! They take text and return rows plus [`ImportIssue`]s; a malformed record never panics and never stops the read.

use std::collections::{BTreeMap, HashMap};

use tradetrail_model::{Component, ImportIssue};

use crate::countries;

/// Source name written on every issue of these readers.
pub const SOURCE_NAME: &str = "gur-war-components";

/// The attribution to put in [`Component::source`] for the staged catalogue, as its SOURCE.md states it.
pub const GUR_SOURCE: &str = "GUR War&Sanctions catalogue (war-sanctions.gur.gov.ua) via cognis-digital/awesome-drone-warfare-osint (CC BY 4.0)";

/// One weapon or drone platform of the catalogue (`drones.csv`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Platform {
    /// Catalogue id, e.g. `uav-mugin-5-pro`.
    pub id: String,
    /// Display name, e.g. `UAV Mugin 5 Pro`.
    pub name: String,
    /// Other names the catalogue gives.
    pub aka: Vec<String>,
    /// Role as catalogued, e.g. `loitering_munition`.
    pub role: Option<String>,
    /// Page documenting the platform.
    pub source_url: Option<String>,
}

/// Builds an issue of these readers.
fn issue(file: &str, position: String, code: &str, message: String) -> ImportIssue {
    ImportIssue {
        source_name: SOURCE_NAME.to_owned(),
        source_file: file.to_owned(),
        source_position: position,
        code: code.to_owned(),
        message,
    }
}

/// The records of a CSV text with its header, each with its line; bad records become issues.
fn records(
    text: &str,
    file: &str,
    issues: &mut Vec<ImportIssue>,
) -> (Vec<String>, Vec<(String, csv::StringRecord)>) {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
            .collect(),
        Err(e) => {
            issues.push(issue(file, "line 1".into(), "bad_header", e.to_string()));
            return (Vec::new(), Vec::new());
        }
    };
    let mut out = Vec::new();
    for result in rdr.records() {
        match result {
            Ok(r) if r.iter().all(|f| f.trim().is_empty()) => {}
            Ok(r) => {
                let pos = r
                    .position()
                    .map_or("?".into(), |p| format!("line {}", p.line()));
                out.push((pos, r));
            }
            Err(e) => {
                let pos = e
                    .position()
                    .map_or("?".into(), |p| format!("line {}", p.line()));
                issues.push(issue(file, pos, "bad_record", e.to_string()));
            }
        }
    }
    (header, out)
}

/// A trimmed field by column name, `None` when absent or empty.
fn get<'r>(header: &[String], record: &'r csv::StringRecord, name: &str) -> Option<&'r str> {
    let i = header.iter().position(|h| h == name)?;
    Some(record.get(i)?.trim()).filter(|v| !v.is_empty())
}

/// Reads a JSON array of strings such as `["uav-mugin-5-pro"]`; an empty cell is an empty list.
fn string_list(cell: Option<&str>) -> Result<Vec<String>, String> {
    let Some(cell) = cell else {
        return Ok(Vec::new());
    };
    let list: Vec<String> = serde_json::from_str(cell)
        .map_err(|e| format!("{cell:?} is not a JSON array of strings: {e}"))?;
    Ok(list
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect())
}

/// Reads `drones.csv`: one [`Platform`] per row with an `id` and a `display_name`.
pub fn parse_platforms(drones_csv: &str) -> (Vec<Platform>, Vec<ImportIssue>) {
    const FILE: &str = "drones.csv";
    let mut issues = Vec::new();
    let (header, rows) = records(drones_csv, FILE, &mut issues);
    let mut platforms = Vec::new();
    for (pos, r) in rows {
        let (Some(id), Some(name)) = (get(&header, &r, "id"), get(&header, &r, "display_name"))
        else {
            issues.push(issue(
                FILE,
                pos,
                "bad_record",
                "platform without id or display_name".into(),
            ));
            continue;
        };
        let aka = string_list(get(&header, &r, "aka")).unwrap_or_else(|e| {
            issues.push(issue(
                FILE,
                pos.clone(),
                "bad_field",
                format!("aka of {id}: {e}"),
            ));
            Vec::new()
        });
        platforms.push(Platform {
            id: id.to_owned(),
            name: name.to_owned(),
            aka,
            role: get(&header, &r, "role").map(str::to_owned),
            source_url: get(&header, &r, "primary_source_url").map(str::to_owned),
        });
    }
    (platforms, issues)
}

/// Manufacturer name (lower case) to its ISO country code, from `manufacturers.csv`.
fn manufacturer_countries(
    manufacturers_csv: &str,
    issues: &mut Vec<ImportIssue>,
) -> HashMap<String, String> {
    let (header, rows) = records(manufacturers_csv, "manufacturers.csv", issues);
    rows.iter()
        .filter_map(|(_, r)| {
            let name = get(&header, r, "name")?.to_lowercase();
            let country = countries::lookup(get(&header, r, "country")?)?;
            Some((name, country.alpha2.to_owned()))
        })
        .collect()
}

/// Reads the catalogue into one [`Component`] row per (component, platform it was found in).
///
/// `found_in_drones` is a JSON array of platform ids; the platform's display name comes from `drones.csv`.
/// The manufacturer's country is normalised to ISO alpha-2; `UNK` and empty cells fall back to `manufacturers.csv`, else stay empty.
/// A name marking of `(unspecified)` is left empty rather than shown as a name.
/// `source` is the attribution written on every row, normally [`GUR_SOURCE`].
/// Records without id or platform, unknown platforms and countries, and repeated (component, platform) pairs come back as issues; repeats are reported once per pair.
pub fn parse_catalogue(
    components_csv: &str,
    drones_csv: &str,
    manufacturers_csv: &str,
    source: &str,
) -> (Vec<Component>, Vec<ImportIssue>) {
    const FILE: &str = "components.csv";
    let (platforms, mut issues) = parse_platforms(drones_csv);
    let names: HashMap<&str, &str> = platforms
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let makers = manufacturer_countries(manufacturers_csv, &mut issues);
    let (header, rows) = records(components_csv, FILE, &mut issues);
    let mut out = Vec::new();
    let mut seen: HashMap<(String, String), Vec<String>> = HashMap::new();
    for (pos, r) in rows {
        let field = |name: &str| get(&header, &r, name).map(str::to_owned);
        let Some(component_id) = field("component_id") else {
            issues.push(issue(
                FILE,
                pos,
                "bad_record",
                "component without component_id".into(),
            ));
            continue;
        };
        let found_in = match string_list(get(&header, &r, "found_in_drones")) {
            Ok(list) if !list.is_empty() => list,
            Ok(_) => {
                issues.push(issue(
                    FILE,
                    pos,
                    "no_platform",
                    format!("{component_id} names no platform in found_in_drones"),
                ));
                continue;
            }
            Err(e) => {
                issues.push(issue(
                    FILE,
                    pos,
                    "bad_field",
                    format!("found_in_drones of {component_id}: {e}"),
                ));
                continue;
            }
        };
        let manufacturer = field("manufacturer");
        let country_raw = field("manufacturer_country").filter(|c| !c.eq_ignore_ascii_case("UNK"));
        let manufacturer_country = match country_raw.as_deref().map(countries::lookup) {
            Some(Some(c)) => Some(c.alpha2.to_owned()),
            Some(None) => {
                let msg = format!(
                    "{component_id}: manufacturer_country {:?} is not a country",
                    country_raw.unwrap_or_default()
                );
                issues.push(issue(FILE, pos.clone(), "unknown_country", msg));
                None
            }
            None => manufacturer
                .as_deref()
                .and_then(|m| makers.get(&m.to_lowercase()).cloned()),
        };
        let name = field("name_marking").filter(|n| !n.eq_ignore_ascii_case("(unspecified)"));
        for platform_id in found_in {
            let positions = seen
                .entry((component_id.clone(), platform_id.clone()))
                .or_default();
            positions.push(pos.clone());
            if positions.len() > 1 {
                continue;
            }
            let platform_name = names.get(platform_id.as_str()).map(|n| (*n).to_owned());
            if platform_name.is_none() {
                let msg = format!(
                    "{component_id} names platform {platform_id:?}, which drones.csv does not list"
                );
                issues.push(issue(FILE, pos.clone(), "orphan_platform", msg));
            }
            out.push(Component {
                component_id: component_id.clone(),
                platform_id,
                platform_name,
                name: name.clone(),
                category: field("category"),
                manufacturer: manufacturer.clone(),
                manufacturer_country: manufacturer_country.clone(),
                part_number: field("oem_part_number"),
                sanctions_status: field("sanctions_status"),
                source_url: field("source_url"),
                source: source.to_owned(),
                last_verified: field("last_verified"),
            });
        }
    }
    let repeated: BTreeMap<_, _> = seen.into_iter().filter(|(_, p)| p.len() > 1).collect();
    for ((component, platform), positions) in repeated {
        let msg = format!(
            "{component} in {platform} appears {} times ({}, ...); the first record is kept",
            positions.len(),
            positions[..positions.len().min(3)].join(", ")
        );
        issues.push(issue(FILE, positions[0].clone(), "duplicate_record", msg));
    }
    (out, issues)
}
