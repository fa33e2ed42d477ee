//! Importers for the official sanctions and export-control list formats, turning each file into list entries, names and import issues.
//!
//! One module per format reads the source as its publisher writes it.
//! Every entry comes out as a [`ListEntry`] with all its names as [`ListName`] rows.
//! Whole-file failures (cannot open, not XML, a required file missing) are [`Error`]s.
//! Every record-level problem (a malformed row, an orphaned alias, an unknown country) is an [`ImportIssue`], never dropped silently.

#![warn(missing_docs)]

mod builder;
mod countries;
mod csl;
mod csv_rows;
mod dates;
mod eu_csv;
mod ftm;
mod identifiers;
mod ofac_csv;
mod ofac_xml;
mod script;
mod sources;
mod un_xml;
mod us_restricted;
mod xml;

use std::path::{Path, PathBuf};

pub use script::detect_script;
pub use sources::{OfficialSource, official_sources};
pub use tradetrail_model::{ImportIssue, ListEntry, ListName};

/// A list file format this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListFormat {
    /// OFAC SDN legacy CSV: sdn.csv, add.csv, alt.csv, sdn_comments.csv (no header, cp1252).
    OfacSdnCsv,
    /// OFAC consolidated (non-SDN) legacy CSV: cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv.
    OfacConsCsv,
    /// OFAC Enhanced XML (CONS_ENHANCED.XML, SDN_ENHANCED.XML).
    OfacXml,
    /// UN Security Council consolidated list XML.
    UnXml,
    /// US Consolidated Screening List CSV (trade.gov).
    CslCsv,
    /// US restricted-party lists as JSON files ({list_id, count, entities}).
    UsRestrictedJson,
    /// EU consolidated-act CSV (OpenSanctions transcription, 45 columns).
    EuCsv,
    /// FollowTheMoney entities as JSON lines (OpenSanctions export).
    FtmJson,
}

impl ListFormat {
    /// Every format, in the order of the documentation.
    pub const ALL: [ListFormat; 8] = [
        ListFormat::OfacSdnCsv,
        ListFormat::OfacConsCsv,
        ListFormat::OfacXml,
        ListFormat::UnXml,
        ListFormat::CslCsv,
        ListFormat::UsRestrictedJson,
        ListFormat::EuCsv,
        ListFormat::FtmJson,
    ];

    /// The format's command-line name, e.g. `ofac-sdn-csv`.
    pub fn name(&self) -> &'static str {
        match self {
            ListFormat::OfacSdnCsv => "ofac-sdn-csv",
            ListFormat::OfacConsCsv => "ofac-cons-csv",
            ListFormat::OfacXml => "ofac-xml",
            ListFormat::UnXml => "un-xml",
            ListFormat::CslCsv => "csl-csv",
            ListFormat::UsRestrictedJson => "us-restricted-json",
            ListFormat::EuCsv => "eu-csv",
            ListFormat::FtmJson => "ftm-json",
        }
    }

    /// The format with this command-line name, in any case.
    pub fn parse(s: &str) -> Option<ListFormat> {
        let s = s.trim();
        ListFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
    }
}

impl std::fmt::Display for ListFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One list found in an import, with how many entries it contributed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ListMeta {
    /// Machine name of the list, e.g. `us-ofac-sdn`.
    pub list_id: String,
    /// Human name of the list.
    pub list_name: String,
    /// Version or publication date of the file, when the file states it.
    pub version: Option<String>,
    /// Name of the format it was read from.
    pub format: String,
    /// Number of entries imported for this list.
    pub entries: u64,
}

/// Everything one import produced.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ListImport {
    /// The lists found, in order of first appearance.
    pub lists: Vec<ListMeta>,
    /// One row per entry.
    pub entries: Vec<ListEntry>,
    /// Every name of every entry, the primary name included.
    pub names: Vec<ListName>,
    /// Every record that was malformed, orphaned or only partly understood.
    pub issues: Vec<ImportIssue>,
}

impl ListImport {
    /// Appends another import, merging list counts by list id.
    pub fn extend(&mut self, other: ListImport) {
        for meta in other.lists {
            match self.lists.iter_mut().find(|m| m.list_id == meta.list_id) {
                Some(m) => m.entries += meta.entries,
                None => self.lists.push(meta),
            }
        }
        self.entries.extend(other.entries);
        self.names.extend(other.names);
        self.issues.extend(other.issues);
    }

    /// Number of issues with this code.
    pub fn issue_count(&self, code: &str) -> usize {
        self.issues.iter().filter(|i| i.code == code).count()
    }
}

/// A failure that concerns a whole file, never a single record.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not XML (or has no root element).
    #[error("{} is not XML: {message}", path.display())]
    NotXml {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// The file is not the JSON the format expects.
    #[error("{} is not valid JSON for this format: {message}", path.display())]
    NotJson {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// The file lacks what every file of the format has (a header row, a root element).
    #[error("{} is not a {format} file: {message}", path.display())]
    WrongFormat {
        /// The file.
        path: PathBuf,
        /// The expected format.
        format: &'static str,
        /// What was missing.
        message: String,
    },
    /// A folder lacks the file the format cannot do without.
    #[error("{}: required file {file} is missing", path.display())]
    MissingFile {
        /// The folder.
        path: PathBuf,
        /// The file name that was looked for.
        file: String,
    },
}

pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Imports a list from a file, or from a folder for the multi-file formats (OFAC legacy CSV, US restricted-party JSON).
pub fn import_path(format: ListFormat, path: &Path) -> Result<ListImport, Error> {
    match format {
        ListFormat::OfacSdnCsv => ofac_csv::import_path(ofac_csv::Flavour::Sdn, path),
        ListFormat::OfacConsCsv => ofac_csv::import_path(ofac_csv::Flavour::Cons, path),
        ListFormat::UsRestrictedJson => us_restricted::import_path(path),
        _ => {
            let file = if path.is_dir() {
                single_file_in(format, path)?
            } else {
                path.to_path_buf()
            };
            let bytes = read_file(&file)?;
            import_bytes(format, &file.to_string_lossy(), &bytes)
        }
    }
}

/// Imports one file given as bytes; `name` is the file name used in positions and issues.
///
/// The multi-file OFAC CSV formats read the bytes as the file their name says (sdn.csv when unsure), so aliases alone come out as orphans.
pub fn import_bytes(format: ListFormat, name: &str, bytes: &[u8]) -> Result<ListImport, Error> {
    match format {
        ListFormat::OfacSdnCsv => Ok(ofac_csv::import_single(ofac_csv::Flavour::Sdn, name, bytes)),
        ListFormat::OfacConsCsv => Ok(ofac_csv::import_single(
            ofac_csv::Flavour::Cons,
            name,
            bytes,
        )),
        ListFormat::OfacXml => ofac_xml::import(name, bytes),
        ListFormat::UnXml => un_xml::import(name, bytes),
        ListFormat::CslCsv => csl::import(name, bytes),
        ListFormat::UsRestrictedJson => us_restricted::import_file(name, bytes, None),
        ListFormat::EuCsv => eu_csv::import(name, bytes),
        ListFormat::FtmJson => Ok(ftm::import(name, bytes)),
    }
}

/// The one file of a single-file format inside a folder, chosen by [`detect_format`].
fn single_file_in(format: ListFormat, dir: &Path) -> Result<PathBuf, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .find(|p| detect_format(p) == Some(format))
        .ok_or_else(|| Error::MissingFile {
            path: dir.to_path_buf(),
            file: format!("a {} file", format.name()),
        })
}

/// Imports every official list file found in a mirror laid out as `tradetrail lists update --from` and the shared reference data keep them: `ofac-sdn/`, `ofac-consolidated/CONS_ENHANCED.XML`, `un-consolidated/UN_consolidated.xml`, `us-csl/consolidated.csv`, the US restricted-party JSON files and the EU regulation CSV files.
///
/// Missing parts are skipped; an error names the file that could not be read.
pub fn import_mirror(dir: &Path) -> Result<ListImport, Error> {
    let mut all = ListImport::default();
    let fixed = [
        (ListFormat::OfacSdnCsv, "ofac-sdn"),
        (ListFormat::OfacXml, "ofac-consolidated/CONS_ENHANCED.XML"),
        (ListFormat::UnXml, "un-consolidated/UN_consolidated.xml"),
        (ListFormat::CslCsv, "us-csl/consolidated.csv"),
    ];
    for (format, part) in fixed {
        let path = dir.join(part);
        if path.exists() {
            all.extend(import_path(format, &path)?);
        }
    }
    for (format, folder, ext) in [
        (
            ListFormat::UsRestrictedJson,
            "us-restricted-party-lists-2026",
            "json",
        ),
        (ListFormat::EuCsv, "eu-russia-belarus-regimes", "csv"),
    ] {
        let Ok(read) = std::fs::read_dir(dir.join(folder)) else {
            continue;
        };
        let mut files: Vec<std::path::PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == ext) && !p.ends_with("lists.json"))
            .collect();
        files.sort();
        for f in files {
            all.extend(import_path(format, &f)?);
        }
    }
    Ok(all)
}

/// Guesses the format of a file or folder from its name and, for files, its first bytes.
pub fn detect_format(path: &Path) -> Option<ListFormat> {
    if path.is_dir() {
        let has = |n: &str| path.join(n).is_file() || path.join(n.to_uppercase()).is_file();
        if has("sdn.csv") {
            return Some(ListFormat::OfacSdnCsv);
        }
        if has("cons_prim.csv") {
            return Some(ListFormat::OfacConsCsv);
        }
        if has("lists.json") || has("bis_entity_list.json") {
            return Some(ListFormat::UsRestrictedJson);
        }
        return None;
    }
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    match name.as_str() {
        "sdn.csv" | "add.csv" | "alt.csv" | "sdn_comments.csv" => {
            return Some(ListFormat::OfacSdnCsv);
        }
        "cons_prim.csv" | "cons_add.csv" | "cons_alt.csv" | "cons_comments.csv" => {
            return Some(ListFormat::OfacConsCsv);
        }
        _ => {}
    }
    let mut head = vec![0u8; 4096];
    let n = {
        use std::io::Read;
        let mut f = std::fs::File::open(path).ok()?;
        f.read(&mut head).ok()?
    };
    detect_bytes(&name, &head[..n])
}

/// Guesses a format from a lower-case file name and the first bytes of the file.
fn detect_bytes(name: &str, head: &[u8]) -> Option<ListFormat> {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        if text.contains("CONSOLIDATED_LIST") {
            return Some(ListFormat::UnXml);
        }
        if text.contains("sanctionsData") || text.contains("ENHANCED_XML") {
            return Some(ListFormat::OfacXml);
        }
        return None;
    }
    if text.starts_with("_id,source,") {
        return Some(ListFormat::CslCsv);
    }
    if text.starts_with("celex,") {
        return Some(ListFormat::EuCsv);
    }
    if text.starts_with('{') {
        if text.contains("\"schema\"") && text.contains("\"properties\"") {
            return Some(ListFormat::FtmJson);
        }
        if text.contains("\"entities\"") || text.contains("\"list_id\"") || name == "lists.json" {
            return Some(ListFormat::UsRestrictedJson);
        }
    }
    None
}
