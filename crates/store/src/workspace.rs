//! Opening a workspace directory, finding the default one, and cleaning up what a killed writer left behind.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use arrow::array::{Array, StringArray};

use crate::manifest::{Manifest, Table};
use crate::txn::{ImportSpec, ImportTxn, IngestSource, IngestTxn};
use crate::{Error, Result};

const MANIFEST: &str = "manifest.json";
const LOCK: &str = ".lock";
const STAGING: &str = "staging";
const TABLES: &str = "tables";

/// The per-user default workspace: `$XDG_DATA_HOME/tradetrail/default` or its platform equivalent.
pub fn default_home() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("tradetrail")
        .join("default")
}

/// An open workspace: a directory holding one investigation's tables.
#[derive(Debug)]
pub struct Workspace {
    root: PathBuf,
    manifest: Manifest,
}

impl Workspace {
    /// Opens (creating if needed) the workspace at `root` and reads its committed manifest.
    pub fn open(root: impl Into<PathBuf>) -> Result<Workspace> {
        let root = root.into();
        for table in Table::ALL {
            fs_err::create_dir_all(root.join(TABLES).join(table.name()))?;
        }
        let manifest = Manifest::load(&root.join(MANIFEST))?;
        Ok(Workspace { root, manifest })
    }

    /// The workspace directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The committed state as of the last open, reload or commit.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Re-reads the manifest from disk.
    pub fn reload(&mut self) -> Result<()> {
        self.manifest = Manifest::load(&self.root.join(MANIFEST))?;
        Ok(())
    }

    pub(crate) fn manifest_path(&self) -> PathBuf {
        self.root.join(MANIFEST)
    }

    pub(crate) fn table_dir(&self, table: Table) -> PathBuf {
        self.root.join(TABLES).join(table.name())
    }

    /// Absolute path of a part file named in the manifest.
    pub fn part_path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Starts writing one source file into the workspace.
    ///
    /// Takes the workspace's writer lock (failing with [`Error::Locked`] when another process holds it),
    /// removes whatever a killed writer left behind, and returns `None` when the same bytes were
    /// already ingested into the same dataset.
    pub fn begin_ingest(&mut self, source: IngestSource) -> Result<Option<IngestTxn>> {
        let lock = self.lock_for_writing()?;
        if self
            .manifest
            .find_ingest(&source.dataset, &source.digest)
            .is_some()
        {
            return Ok(None);
        }
        let id = self.manifest.next_ingest_id();
        let staging = self.staging_dir(&id)?;
        Ok(Some(IngestTxn::new(self, lock, source, id, staging)))
    }

    /// Starts importing a list or reference file; `None` when the import in force has the same bytes.
    pub fn begin_import(&mut self, spec: ImportSpec) -> Result<Option<ImportTxn>> {
        let lock = self.lock_for_writing()?;
        if self
            .manifest
            .find_import(&spec.kind, &spec.name)
            .is_some_and(|i| i.source_digest == spec.digest)
        {
            return Ok(None);
        }
        let id = self.manifest.next_import_id();
        let staging = self.staging_dir(&id)?;
        Ok(Some(ImportTxn::new(self, lock, spec, id, staging)))
    }

    /// Takes the writer lock, re-reads the manifest and removes what a killed writer left behind.
    fn lock_for_writing(&mut self) -> Result<std::fs::File> {
        let lock = fs_err::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.root.join(LOCK))?;
        match lock.file().try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(Error::Locked(self.root.clone())),
            Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
        }
        self.reload()?;
        self.collect_garbage()?;
        Ok(lock.into_parts().0)
    }

    fn staging_dir(&self, id: &str) -> Result<PathBuf> {
        let staging = self.root.join(STAGING).join(id);
        fs_err::create_dir_all(&staging)?;
        Ok(staging)
    }

    /// Removes staging folders and table files that no committed manifest names.
    ///
    /// Must only run while holding the writer lock.
    fn collect_garbage(&self) -> Result<()> {
        let staging = self.root.join(STAGING);
        if staging.exists() {
            fs_err::remove_dir_all(&staging)?;
        }
        let named: BTreeSet<&str> = self.manifest.all_files().map(|f| f.path.as_str()).collect();
        for table in Table::ALL {
            for entry in fs_err::read_dir(self.table_dir(table))? {
                let entry = entry?;
                let relative = format!(
                    "{TABLES}/{}/{}",
                    table.name(),
                    entry.file_name().to_string_lossy()
                );
                if !named.contains(relative.as_str()) {
                    fs_err::remove_file(entry.path())?;
                }
            }
        }
        Ok(())
    }

    /// Calls `f` with every record id already stored in `dataset`, for duplicate detection across files.
    ///
    /// Ids are streamed batch by batch, so memory does not grow with the dataset.
    pub fn for_each_record_id(&self, dataset: &str, mut f: impl FnMut(&str)) -> Result<()> {
        let parts = self
            .manifest
            .ingests
            .iter()
            .filter(|i| i.dataset == dataset)
            .flat_map(|i| i.files.iter().filter(|f| f.table == Table::Shipments))
            .map(|f| f.path.clone())
            .collect();
        for batch in self.scan_parts(Table::Shipments, parts, Some(&["record_id"]))? {
            let batch = batch?;
            let values = batch
                .column(0)
                .as_any()
                .downcast_ref::<StringArray>()
                .expect("record_id is a Utf8 column by schema");
            (0..values.len()).for_each(|i| f(values.value(i)));
        }
        Ok(())
    }

    /// The record ids already stored in `dataset`.
    pub fn record_ids(&self, dataset: &str) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        self.for_each_record_id(dataset, |id| ids.push(id.to_owned()))?;
        Ok(ids)
    }
}
