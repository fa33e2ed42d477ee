//! Parquet via the `parquet` crate's Arrow reader: every column is turned into text, nulls into empty cells.
//!
//! The line number of a Parquet row is its 1-based row index in the file (there is no header line to count).

use std::fs::File;
use std::path::Path;

use arrow::array::{Array, ArrayRef, AsArray};
use arrow::datatypes::{DataType, Float32Type, Float64Type};
use arrow::util::display::{ArrayFormatter, FormatOptions};
use parquet::arrow::arrow_reader::{
    ArrowReaderOptions, ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder,
};

use super::{Format, Opened, number_text};
use crate::error::{Error, Result};
use crate::pipeline::Source;
use crate::worker::{Body, CellRow};

/// Rows per chunk.
const CHUNK_ROWS: usize = 8192;

struct ParquetSource {
    reader: ParquetRecordBatchReader,
    next_line: u64,
    file: String,
    pending: Option<Vec<CellRow>>,
}

/// One column as text cells.
fn column_text(col: &ArrayRef, file: &str) -> Result<Vec<String>> {
    let n = col.len();
    let mut out = Vec::with_capacity(n);
    match col.data_type() {
        DataType::Float64 => {
            let a = col.as_primitive::<Float64Type>();
            out.extend((0..n).map(|i| {
                if a.is_null(i) {
                    String::new()
                } else {
                    number_text(a.value(i))
                }
            }));
        }
        DataType::Float32 => {
            let a = col.as_primitive::<Float32Type>();
            out.extend((0..n).map(|i| {
                if a.is_null(i) {
                    String::new()
                } else {
                    number_text(f64::from(a.value(i)))
                }
            }));
        }
        _ => {
            let opts = FormatOptions::default();
            let f = ArrayFormatter::try_new(col.as_ref(), &opts).map_err(|e| Error::Parquet {
                file: file.to_owned(),
                message: e.to_string(),
            })?;
            out.extend((0..n).map(|i| {
                if col.is_null(i) {
                    String::new()
                } else {
                    f.value(i).to_string()
                }
            }));
        }
    }
    Ok(out)
}

impl Source for ParquetSource {
    fn next_body(&mut self) -> Result<Option<Body>> {
        if let Some(rows) = self.pending.take() {
            return Ok(Some(Body::Cells(rows)));
        }
        // The parquet crate asserts on some corrupt pages (an RLE run longer than its buffer, found by the ingest_binary fuzz target);
        // a file it cannot decode is a whole-file error, never a crash of the batch.
        let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.reader.next()))
            .map_err(|_| Error::Parquet {
                file: self.file.clone(),
                message: format!(
                    "corrupt data after line {}: the Parquet decoder failed on a page",
                    self.next_line
                ),
            })?;
        let Some(batch) = next else {
            return Ok(None);
        };
        let batch = batch.map_err(|e| Error::Parquet {
            file: self.file.clone(),
            message: e.to_string(),
        })?;
        let cols: Vec<Vec<String>> = batch
            .columns()
            .iter()
            .map(|c| column_text(c, &self.file))
            .collect::<Result<_>>()?;
        let rows = (0..batch.num_rows())
            .map(|r| {
                let line = self.next_line + r as u64;
                CellRow::from_cells(line, cols.iter().map(|c| c[r].as_str()))
            })
            .collect();
        self.next_line += batch.num_rows() as u64;
        Ok(Some(Body::Cells(rows)))
    }
}

/// Opens a Parquet file; headers are the schema's field names.
pub(crate) fn open<'a>(file: &str, path: &Path) -> Result<Opened<'a>> {
    let err = |m: String| Error::Parquet {
        file: file.to_owned(),
        message: m,
    };
    let f = File::open(path).map_err(|e| Error::Open {
        path: path.to_owned(),
        source: e,
    })?;
    // The embedded Arrow schema (the ARROW:schema key) is not needed, since every value is read as text,
    // and the parquet crate panics on some malformed ones (found by the ingest_binary fuzz target), so it is skipped.
    let options = ArrowReaderOptions::new().with_skip_arrow_metadata(true);
    let builder = ParquetRecordBatchReaderBuilder::try_new_with_options(f, options)
        .map_err(|e| err(e.to_string()))?;
    let headers: Vec<String> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let reader = builder
        .with_batch_size(CHUNK_ROWS)
        .build()
        .map_err(|e| err(e.to_string()))?;
    let mut source = ParquetSource {
        reader,
        next_line: 1,
        file: file.to_owned(),
        pending: None,
    };
    let sample = match source.next_body()? {
        Some(Body::Cells(rows)) => {
            let sample = rows
                .iter()
                .take(200)
                .map(|r| CellRow {
                    line: r.line,
                    text: r.text.clone(),
                    ends: r.ends.clone(),
                })
                .collect();
            source.pending = Some(rows);
            sample
        }
        _ => Vec::new(),
    };
    Ok(Opened {
        source: Box::new(source),
        headers,
        sample,
        format: Format::Parquet,
        encoding: "parquet".to_owned(),
        delim: b',',
        decode: None,
        keys: Vec::new(),
    })
}
