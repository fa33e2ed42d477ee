//! The checks every CSV list importer makes on a record before reading its cells: readable, and as many cells as the header.

use crate::builder::{Lines, Sink};

/// A CSV record of either kind, as far as the checks need it.
pub(crate) trait Record {
    /// Where the record starts.
    fn position(&self) -> Option<&csv::Position>;
    /// Number of cells.
    fn cells(&self) -> usize;
}

impl Record for csv::ByteRecord {
    fn position(&self) -> Option<&csv::Position> {
        csv::ByteRecord::position(self)
    }
    fn cells(&self) -> usize {
        self.len()
    }
}

impl Record for csv::StringRecord {
    fn position(&self) -> Option<&csv::Position> {
        csv::StringRecord::position(self)
    }
    fn cells(&self) -> usize {
        self.len()
    }
}

/// Returns the record with its line number, or reports it as a `bad_record` issue and returns `None`.
pub(crate) fn checked<R: Record>(
    record: csv::Result<R>,
    header_cells: usize,
    lines: &mut Lines<'_>,
    sink: &mut Sink,
) -> Option<(R, String)> {
    let record = match record {
        Ok(r) => r,
        Err(e) => {
            let line = e.position().map_or(0, |p| lines.line_of(p.byte()));
            sink.issue(
                line.to_string(),
                "bad_record",
                format!("unreadable CSV record: {e}"),
            );
            return None;
        }
    };
    let line = record
        .position()
        .map_or(0, |p| lines.line_of(p.byte()))
        .to_string();
    if record.cells() != header_cells {
        let message = format!(
            "{} fields, header has {header_cells}; row skipped",
            record.cells()
        );
        sink.issue(&line, "bad_record", message);
        return None;
    }
    Some((record, line))
}
