//! Whole-table passes without a query engine: a table's part files read in manifest order, batch by batch, with only the columns asked for.
//!
//! Stages that visit every line (resolution, detection) use this instead of a SQL `SELECT`:
//! the order is the same on every run (files in commit order, rows in file order), and memory holds one batch at a time.
//! A column missing from an older part file is read as nulls of the table's type, as DataFusion does over the same files.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{ArrayRef, new_null_array};
use arrow::datatypes::{Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use crate::manifest::Table;
use crate::workspace::Workspace;
use crate::{Error, Result};

/// Rows per batch of a scan.
const SCAN_BATCH_ROWS: usize = 8192;

/// An iterator over a table's rows, batch by batch; see [`Workspace::scan`].
pub struct TableScan {
    table: Table,
    schema: SchemaRef,
    files: VecDeque<PathBuf>,
    current: Option<(PathBuf, ParquetRecordBatchReader)>,
}

impl Workspace {
    /// Reads `table` in manifest order, yielding batches with exactly `columns` (all of the table's columns when `None`), in that order.
    ///
    /// Fails at once when a column is not in the table's schema.
    pub fn scan(&self, table: Table, columns: Option<&[&str]>) -> Result<TableScan> {
        let files = self
            .manifest()
            .files(table)
            .map(|f| f.path.clone())
            .collect();
        self.scan_parts(table, files, columns)
    }

    /// Like [`Workspace::scan`], over some of the table's part files (paths relative to the workspace root), in the order given.
    pub(crate) fn scan_parts(
        &self,
        table: Table,
        parts: Vec<String>,
        columns: Option<&[&str]>,
    ) -> Result<TableScan> {
        let full = table.schema();
        let schema = match columns {
            None => full,
            Some(names) => {
                let fields = names
                    .iter()
                    .map(|n| {
                        full.field_with_name(n)
                            .cloned()
                            .map_err(|_| Error::UnknownColumn {
                                table: table.name().to_owned(),
                                column: (*n).to_owned(),
                            })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Arc::new(Schema::new(fields))
            }
        };
        Ok(TableScan {
            table,
            schema,
            files: parts.iter().map(|p| self.part_path(p)).collect(),
            current: None,
        })
    }
}

impl TableScan {
    fn open(&self, path: &Path) -> Result<ParquetRecordBatchReader> {
        let parquet_err = |source| Error::Parquet {
            path: path.to_owned(),
            source,
        };
        let file = fs_err::File::open(path)?;
        let builder =
            ParquetRecordBatchReaderBuilder::try_new(file.into_parts().0).map_err(parquet_err)?;
        let roots: Vec<usize> = self
            .schema
            .fields()
            .iter()
            .filter_map(|f| builder.schema().index_of(f.name()).ok())
            .collect();
        let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
        builder
            .with_projection(mask)
            .with_batch_size(SCAN_BATCH_ROWS)
            .build()
            .map_err(parquet_err)
    }

    /// Puts the file's batch into the scan's schema: columns by name, in order, nulls for a column the file lacks.
    fn conform(&self, path: &Path, batch: RecordBatch) -> Result<RecordBatch> {
        let rows = batch.num_rows();
        let columns: Vec<ArrayRef> = self
            .schema
            .fields()
            .iter()
            .map(|f| {
                batch
                    .column_by_name(f.name())
                    .cloned()
                    .unwrap_or_else(|| new_null_array(f.data_type(), rows))
            })
            .collect();
        RecordBatch::try_new(self.schema.clone(), columns).map_err(|source| Error::Parquet {
            path: path.to_owned(),
            source: source.into(),
        })
    }
}

impl Iterator for TableScan {
    type Item = Result<RecordBatch>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((path, reader)) = &mut self.current {
                match reader.next() {
                    Some(Ok(batch)) => {
                        let path = path.clone();
                        return Some(self.conform(&path, batch));
                    }
                    Some(Err(source)) => {
                        let path = path.clone();
                        self.current = None;
                        self.files.clear();
                        return Some(Err(Error::Parquet {
                            path,
                            source: source.into(),
                        }));
                    }
                    None => self.current = None,
                }
            }
            let path = self.files.pop_front()?;
            match self.open(&path) {
                Ok(reader) => self.current = Some((path, reader)),
                Err(e) => {
                    self.files.clear();
                    return Some(Err(e));
                }
            }
        }
    }
}

impl std::fmt::Debug for TableScan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableScan")
            .field("table", &self.table.name())
            .field("files_left", &self.files.len())
            .finish()
    }
}
