//! XLSX workbooks via calamine: the first sheet unless the mapping names one; line numbers are sheet row numbers.
//!
//! Numbers become text without float artefacts (`12.0` → `12`), date cells become `yyyy-mm-dd`,
//! and plain numbers in date columns are read as Excel serial dates.
//! calamine reads a whole sheet into memory; spreadsheets are small next to the CSV exports this crate streams.

use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};

use super::{Format, Opened, clean_headers, number_text};
use crate::error::{Error, Result};
use crate::mapping::Mapping;
use crate::pipeline::Source;
use crate::values::date::excel_serial_to_iso;
use crate::worker::{Body, CellRow};

/// Rows per chunk.
const CHUNK_ROWS: usize = 8192;

/// The text of one cell; `date` reads plain numbers as serial dates.
pub(crate) fn cell_text(cell: &Data, date: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) if date => excel_serial_to_iso(*i as f64).unwrap_or_else(|| i.to_string()),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if date => excel_serial_to_iso(*f).unwrap_or_else(|| number_text(*f)),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            excel_serial_to_iso(dt.as_f64()).unwrap_or_else(|| number_text(dt.as_f64()))
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

struct XlsxSource {
    range: Range<Data>,
    next: usize,
    first_row: u64,
    width: usize,
    date_cols: Vec<usize>,
}

impl Source for XlsxSource {
    fn next_body(&mut self) -> Result<Option<Body>> {
        let mut rows = Vec::new();
        for (k, row) in self
            .range
            .rows()
            .enumerate()
            .skip(self.next)
            .take(CHUNK_ROWS)
        {
            self.next = k + 1;
            if row.iter().all(|c| cell_text(c, false).trim().is_empty()) {
                continue;
            }
            let mut cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, c)| cell_text(c, self.date_cols.contains(&i)))
                .collect();
            // Trailing empty cells past the header are not data.
            while cells.len() > self.width && cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            rows.push(CellRow::from_cells(
                self.first_row + k as u64,
                cells.iter().map(String::as_str),
            ));
        }
        Ok((!rows.is_empty()).then_some(Body::Cells(rows)))
    }

    fn set_date_columns(&mut self, cols: &[usize]) {
        self.date_cols = cols.to_vec();
    }
}

/// Opens a workbook and finds the header row.
pub(crate) fn open<'a>(file: &str, path: &Path, pre: Option<&Mapping>) -> Result<Opened<'a>> {
    let err = |m: String| Error::Spreadsheet {
        file: file.to_owned(),
        message: m,
    };
    let mut wb: Xlsx<_> =
        open_workbook(path).map_err(|e: calamine::XlsxError| err(e.to_string()))?;
    let names = wb.sheet_names();
    let sheet = match pre.and_then(|m| m.file.sheet.clone()) {
        Some(s) if names.contains(&s) => s,
        Some(s) => return Err(err(format!("no sheet named {s:?}; sheets are {names:?}"))),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| err("the workbook has no sheet".into()))?,
    };
    // calamine 0.38 panics (an arithmetic overflow) on some malformed cell references, found by the ingest_binary fuzz target;
    // a workbook it cannot read is a whole-file error, never a crash of the batch.
    let range =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| wb.worksheet_range(&sheet)))
            .map_err(|_| {
                err(format!(
                    "sheet {sheet:?} could not be read: the XLSX reader failed on a malformed cell"
                ))
            })?
            .map_err(|e| err(e.to_string()))?;
    let start_row = u64::from(range.start().map_or(0, |(r, _)| r)) + 1;
    let header_row = pre.and_then(|m| m.file.header_row);
    let mut header_idx = None;
    for (k, row) in range.rows().enumerate() {
        let line = start_row + k as u64;
        let filled = row
            .iter()
            .filter(|c| !cell_text(c, false).trim().is_empty())
            .count();
        let ok = match header_row {
            Some(h) => line == h,
            None => filled >= 2 || (filled == 1 && range.rows().nth(k + 1).is_none()),
        };
        if ok {
            header_idx = Some(k);
            break;
        }
    }
    let Some(h) = header_idx else {
        return Err(Error::NoHeader {
            file: file.to_owned(),
        });
    };
    let headers = clean_headers(
        range
            .rows()
            .nth(h)
            .into_iter()
            .flatten()
            .map(|c| cell_text(c, false)),
    );
    if headers.is_empty() {
        return Err(Error::NoHeader {
            file: file.to_owned(),
        });
    }
    let mut source = XlsxSource {
        range,
        next: h + 1,
        first_row: start_row,
        width: headers.len(),
        date_cols: Vec::new(),
    };
    let sample = match source.next_body()? {
        Some(Body::Cells(rows)) => {
            source.next = h + 1;
            rows.into_iter().take(200).collect()
        }
        _ => Vec::new(),
    };
    Ok(Opened {
        source: Box::new(source),
        headers,
        sample,
        format: Format::Xlsx,
        encoding: "xlsx".to_owned(),
        delim: b',',
        decode: None,
        keys: Vec::new(),
    })
}
