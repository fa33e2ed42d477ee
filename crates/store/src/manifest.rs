//! The manifest: the one file that says which Parquet files make up each table, replaced atomically on every commit.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Version of the on-disk layout this build writes and the highest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The tables of a workspace that are stored as Parquet parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    /// Canonical shipment lines.
    Shipments,
    /// Rows that could not be stored, with the reason.
    Quarantine,
    /// Sanctions and export-control list entries.
    ListEntries,
    /// Every name of every list entry.
    ListNames,
    /// Problems found while importing lists and reference files.
    ImportIssues,
    /// HS nomenclature codes of each vintage.
    HsCodes,
    /// HS2022↔HS2017 correlation pairs.
    HsCorrelation,
    /// Foreign components documented in weapon and drone platforms.
    Components,
    /// The classification of every shipment line (derived).
    Classifications,
    /// Every party named on every line, with its entity (derived).
    PartyMentions,
    /// Resolved parties (derived).
    Entities,
    /// Entities that matched list entries, with their review state (derived).
    ScreeningHits,
    /// Red flags raised by the detectors, with their evidence (derived).
    Findings,
}

impl Table {
    /// Every Parquet-backed table.
    pub const ALL: [Table; 13] = [
        Table::Shipments,
        Table::Quarantine,
        Table::ListEntries,
        Table::ListNames,
        Table::ImportIssues,
        Table::HsCodes,
        Table::HsCorrelation,
        Table::Components,
        Table::Classifications,
        Table::PartyMentions,
        Table::Entities,
        Table::ScreeningHits,
        Table::Findings,
    ];

    /// The SQL name and folder name of the table.
    pub fn name(self) -> &'static str {
        match self {
            Table::Shipments => "shipments",
            Table::Quarantine => "quarantine",
            Table::ListEntries => "list_entries",
            Table::ListNames => "list_names",
            Table::ImportIssues => "import_issues",
            Table::HsCodes => "hs_codes",
            Table::HsCorrelation => "hs_correlation",
            Table::Components => "components",
            Table::Classifications => "classifications",
            Table::PartyMentions => "party_mentions",
            Table::Entities => "entities",
            Table::ScreeningHits => "screening_hits",
            Table::Findings => "findings",
        }
    }

    /// The table with this SQL name.
    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The Arrow schema of the table.
    pub fn schema(self) -> arrow::datatypes::SchemaRef {
        use tradetrail_model as m;
        match self {
            Table::Shipments => m::shipment_schema(),
            Table::Quarantine => m::quarantine_schema(),
            Table::ListEntries => m::list_entry_schema(),
            Table::ListNames => m::list_name_schema(),
            Table::ImportIssues => m::import_issue_schema(),
            Table::HsCodes => m::hs_code_schema(),
            Table::HsCorrelation => m::hs_correlation_schema(),
            Table::Components => m::component_schema(),
            Table::Classifications => m::line_class_schema(),
            Table::PartyMentions => m::party_mention_schema(),
            Table::Entities => m::entity_schema(),
            Table::ScreeningHits => m::screening_hit_schema(),
            Table::Findings => m::finding_schema(),
        }
    }

    /// Columns that give the table a stable order for exports.
    pub fn order_by(self) -> &'static str {
        match self {
            Table::Shipments | Table::Quarantine => "dataset, source_file, source_line",
            Table::ListEntries => "entry_id",
            Table::ListNames => "entry_id, kind, name",
            Table::ImportIssues => "source_name, source_file, source_position",
            Table::HsCodes => "vintage, code",
            Table::HsCorrelation => "hs2022, hs2017",
            Table::Components => "platform_id, component_id",
            Table::Classifications => "record_id",
            Table::PartyMentions => "record_id, role, source_column",
            Table::Entities => "entity_id",
            Table::ScreeningHits => "entity_id, score DESC, entry_id",
            Table::Findings => "code, finding_id",
        }
    }
}

/// One Parquet file of a table, relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartFile {
    /// Table the file belongs to.
    pub table: Table,
    /// Path relative to the workspace root, with `/` separators.
    pub path: String,
    /// Rows in the file.
    pub rows: u64,
}

/// What one committed ingest of one file did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestRecord {
    /// Sequential id, unique in the workspace (`ing-000001`).
    pub ingest_id: String,
    /// Dataset the file went into.
    pub dataset: String,
    /// File as named on the command line.
    pub source_file: String,
    /// Content digest of the file's bytes; the same file is never ingested twice into one dataset.
    pub source_digest: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Format read, e.g. csv.
    pub format: String,
    /// Encoding read, e.g. windows-1251.
    pub encoding: String,
    /// Profile or mapping used.
    pub profile: String,
    /// Licence or terms of the data, as given.
    pub licence: Option<String>,
    /// Rows read from the file.
    pub rows_read: u64,
    /// Rows stored in the shipments table.
    pub stored: u64,
    /// Rows stored in the quarantine table.
    pub quarantined: u64,
    /// Rows identical to rows already stored, not stored again.
    pub duplicates: u64,
    /// Quarantined rows by reason code.
    pub reasons: BTreeMap<String, u64>,
    /// The Parquet files this ingest added.
    pub files: Vec<PartFile>,
}

/// What one committed import of a list or reference file did.
///
/// A later import of the same kind and name replaces it: its files leave the tables in the same commit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// Sequential id, unique in the workspace (`imp-000002`).
    pub import_id: String,
    /// `list` for sanctions and export-control lists, `reference` for nomenclatures and catalogues.
    pub kind: String,
    /// What was imported, e.g. `us-ofac-sdn` or `hs2022`; the key for replacement.
    pub name: String,
    /// Format read, e.g. ofac-sdn-csv.
    pub format: String,
    /// Path or URL read.
    pub source: String,
    /// Content digest of the bytes read (of all files, in name order, for a folder).
    pub source_digest: String,
    /// Version or publication date of the source, when known.
    pub version: Option<String>,
    /// Rows written per table.
    pub rows: BTreeMap<String, u64>,
    /// Problems reported (rows in `import_issues`).
    pub issues: u64,
    /// The Parquet files this import added.
    pub files: Vec<PartFile>,
}

/// The committed state of a workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Layout version, see [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Incremented on every commit.
    pub generation: u64,
    /// Every committed ingest, oldest first.
    pub ingests: Vec<IngestRecord>,
    /// Every list and reference import in force, oldest first.
    #[serde(default)]
    pub imports: Vec<ImportRecord>,
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest {
            format_version: FORMAT_VERSION,
            generation: 0,
            ingests: Vec::new(),
            imports: Vec::new(),
        }
    }
}

impl Manifest {
    /// Reads the manifest at `path`, or an empty one when there is none yet.
    pub fn load(path: &Path) -> Result<Manifest> {
        let text = match fs_err::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(e) => return Err(e.into()),
        };
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| Error::Manifest {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        if manifest.format_version > FORMAT_VERSION {
            return Err(Error::FormatVersion {
                path: path.to_owned(),
                found: manifest.format_version,
                supported: FORMAT_VERSION,
            });
        }
        Ok(manifest)
    }

    /// Writes the manifest to `path` atomically: a synced temporary file renamed over the old one, then the folder synced.
    pub fn save_atomic(&self, path: &Path) -> Result<()> {
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).expect("the manifest always serialises");
        {
            let mut file = fs_err::File::create(&tmp)?;
            file.write_all(&json)?;
            file.sync_all()?;
        }
        fs_err::rename(&tmp, path)?;
        sync_dir(path.parent().unwrap_or(Path::new(".")))?;
        Ok(())
    }

    /// Every part file of `table`, in commit order.
    pub fn files(&self, table: Table) -> impl Iterator<Item = &PartFile> {
        self.all_files().filter(move |f| f.table == table)
    }

    /// Every part file the manifest names.
    pub fn all_files(&self) -> impl Iterator<Item = &PartFile> {
        let ingested = self.ingests.iter().flat_map(|i| i.files.iter());
        ingested.chain(self.imports.iter().flat_map(|i| i.files.iter()))
    }

    /// The import in force for this kind and name, if any.
    pub fn find_import(&self, kind: &str, name: &str) -> Option<&ImportRecord> {
        self.imports
            .iter()
            .find(|i| i.kind == kind && i.name == name)
    }

    /// The committed ingest of the same bytes into the same dataset, if any.
    pub fn find_ingest(&self, dataset: &str, digest: &str) -> Option<&IngestRecord> {
        self.ingests
            .iter()
            .find(|i| i.dataset == dataset && i.source_digest == digest)
    }

    /// The id of the newest committed ingest, or `none`: what a derived table records to know whether it is up to date.
    pub fn last_ingest_id(&self) -> &str {
        self.ingests.last().map_or("none", |i| i.ingest_id.as_str())
    }

    /// The id the next ingest gets.
    pub fn next_ingest_id(&self) -> String {
        format!("ing-{:06}", self.generation + 1)
    }

    /// The id the next import gets.
    pub fn next_import_id(&self) -> String {
        format!("imp-{:06}", self.generation + 1)
    }
}

/// Makes a rename or file creation in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    fs_err::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
