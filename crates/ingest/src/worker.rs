//! Turns one chunk of records into shipment rows and quarantine rows; runs on a rayon worker, one chunk per task.
//!
//! Delimited records without a quote character (nearly all of them) are split in place at the delimiters, nothing copied;
//! records with quotes are split into cells with one reused `csv_core::Reader`.
//! A record that ran away inside an open quote, or that spans several lines with the wrong cell count,
//! is re-read one physical line at a time, so one broken quote costs at most its own row.

use arrow::record_batch::RecordBatch;
use csv_core::{ReadRecordResult, ReaderBuilder, Terminator};
use encoding_rs::Encoding;
use tradetrail_model::{QuarantineRow, ShipmentBatchBuilder, ShipmentLine, reason};

use crate::normalise::{Cells, Fault, RowCtx};
use crate::records::{Span, SpanKind, ends_in_quote};
use crate::values::text::truncate_at;

/// Longest raw text kept in a quarantine row.
pub(crate) const MAX_RAW: usize = 1 << 20;

/// Records waiting to be processed.
pub(crate) enum Body {
    /// Delimited text: record spans into `data`.
    Delimited { data: Vec<u8>, spans: Vec<Span> },
    /// JSON Lines: line spans into `data`.
    JsonLines { data: Vec<u8>, spans: Vec<Span> },
    /// Rows already split into cells (Parquet, XLSX).
    Cells(Vec<CellRow>),
}

/// A row already split into cells: cell `i` is `text[ends[i-1]..ends[i]]`.
pub(crate) struct CellRow {
    pub line: u64,
    pub text: String,
    pub ends: Vec<usize>,
}

impl CellRow {
    /// Builds a row from cell strings.
    pub fn from_cells<'a>(line: u64, cells: impl IntoIterator<Item = &'a str>) -> CellRow {
        let mut text = String::new();
        let mut ends = Vec::new();
        for c in cells {
            text.push_str(c);
            ends.push(text.len());
        }
        CellRow { line, text, ends }
    }
}

/// What the file-level setup decided, shared by every chunk.
pub(crate) struct FileCtx {
    pub row: RowCtx,
    pub delim: u8,
    /// Single-byte encoding decoded per record; `None` for UTF-8 input.
    pub decode: Option<&'static Encoding>,
    /// JSON Lines keys, in header order.
    pub keys: Vec<String>,
}

/// The result of one chunk, in input order.
#[derive(Default)]
pub(crate) struct ChunkOut {
    pub batch: Option<RecordBatch>,
    pub hashes: Vec<u64>,
    pub lines: Vec<ShipmentLine>,
    pub quarantine: Vec<QuarantineRow>,
    pub rows_read: u64,
    pub bytes: u64,
}

/// Splits one record into cells with csv-core.
pub(crate) struct RowSplitter {
    rdr: csv_core::Reader,
    pub out: Vec<u8>,
    pub ends: Vec<usize>,
}

impl RowSplitter {
    pub fn new(delim: u8) -> Self {
        let rdr = ReaderBuilder::new()
            .delimiter(delim)
            .terminator(Terminator::Any(b'\n'))
            .build();
        RowSplitter {
            rdr,
            out: vec![0; 4096],
            ends: vec![0; 64],
        }
    }

    /// Splits `input` (one record without its terminator); the cells are in `out` and `ends`.
    pub fn split(&mut self, input: &[u8]) -> usize {
        self.rdr.reset();
        if self.out.len() < input.len() + 1 {
            self.out.resize(input.len() + 1, 0);
        }
        let (mut pos, mut outpos, mut nends) = (0, 0, 0);
        loop {
            let (res, nin, nout, nend) = self.rdr.read_record(
                &input[pos..],
                &mut self.out[outpos..],
                &mut self.ends[nends..],
            );
            pos += nin;
            outpos += nout;
            nends += nend;
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2 + 64, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record | ReadRecordResult::End => return nends,
            }
        }
    }
}

/// Reads `bytes` as UTF-8 with SIMD validation, or gives the offset of the first bad byte.
fn utf8(bytes: &[u8]) -> Result<&str, usize> {
    simdutf8::basic::from_utf8(bytes)
        .map_err(|_| simdutf8::compat::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0))
}

/// Raw text of a row for the quarantine table.
enum Raw<'a> {
    Bytes(&'a [u8]),
    Text(&'a str),
    /// Cells of a spreadsheet or Parquet row, shown joined by tabs.
    Cells(Cells<'a>),
}

impl Raw<'_> {
    fn text(&self) -> (String, bool) {
        match self {
            Raw::Bytes(b) => {
                let cut = b.len() > MAX_RAW;
                let s = String::from_utf8_lossy(&b[..b.len().min(MAX_RAW)]);
                let (t, c) = truncate_at(&s, MAX_RAW);
                (t.to_owned(), cut || c)
            }
            Raw::Text(s) => {
                let (t, c) = truncate_at(s, MAX_RAW);
                (t.to_owned(), c)
            }
            Raw::Cells(cells) => {
                let joined: Vec<&str> = (0..cells.len()).filter_map(|i| cells.get(i)).collect();
                Raw::Text(&joined.join("\t")).text()
            }
        }
    }
}

struct Worker<'c> {
    ctx: &'c FileCtx,
    split: Option<RowSplitter>,
    /// Cell ends of the unquoted fast path, reused between records.
    ends: Vec<usize>,
    line: ShipmentLine,
    scratch: Vec<u8>,
    lookups: crate::values::refs::Lookups,
    builder: ShipmentBatchBuilder,
    out: ChunkOut,
    keep: bool,
}

impl Worker<'_> {
    fn quarantine(&mut self, line: u64, line_end: u64, fault: Fault, raw: Raw<'_>) {
        let (raw, raw_truncated) = raw.text();
        let r = &self.ctx.row;
        self.out.quarantine.push(QuarantineRow {
            dataset: r.dataset.clone(),
            source_file: r.source_file.clone(),
            source_line: line,
            source_line_end: line_end,
            reason_code: fault.code.to_owned(),
            reason: fault.message,
            column_name: fault.column,
            raw,
            raw_truncated,
            ingest_id: r.ingest_id.clone(),
        });
    }

    /// Checks the cell count, normalises and files one row.
    fn row(&mut self, all: Cells<'_>, line: u64, line_end: u64, raw: Raw<'_>) {
        self.out.rows_read += 1;
        let want = self.ctx.row.headers.len();
        let mut n = all.ends.len();
        while n > want && all.get(n - 1).is_some_and(|c| c.trim().is_empty()) {
            n -= 1;
        }
        if n != want {
            let code = if n < want {
                reason::SHORT_ROW
            } else {
                reason::LONG_ROW
            };
            let msg = format!("row has {n} cells, header has {want}");
            return self.quarantine(line, line_end, Fault::new(code, msg, None), raw);
        }
        let cells = Cells {
            ends: &all.ends[..n],
            ..all
        };
        match self.ctx.row.normalise(
            &cells,
            line,
            &mut self.line,
            &mut self.scratch,
            &mut self.lookups,
        ) {
            Ok(hash) => {
                self.builder.push(&self.line);
                self.out.hashes.push(hash);
                if self.keep {
                    self.out.lines.push(self.line.clone());
                }
            }
            Err(fault) => self.quarantine(line, line_end, fault, raw),
        }
    }

    /// Splits a delimited record and files it; `None` when it should be re-read line by line.
    fn delimited(&mut self, bytes: &[u8], line: u64, line_end: u64, strict: bool) -> Option<()> {
        let decoded = self
            .ctx
            .decode
            .map(|enc| enc.decode_without_bom_handling(bytes).0);
        let input: &[u8] = decoded.as_deref().map_or(bytes, str::as_bytes);
        if !input.is_empty() && memchr::memchr(b'"', input).is_none() {
            return self.unquoted(input, decoded.as_deref(), bytes, line, line_end, strict);
        }
        let mut split = self
            .split
            .take()
            .unwrap_or_else(|| RowSplitter::new(self.ctx.delim));
        let n = split.split(input);
        let want = self.ctx.row.headers.len();
        if strict && n != want {
            self.split = Some(split);
            return None;
        }
        let end = if n == 0 { 0 } else { split.ends[n - 1] };
        let ends = &split.ends[..n];
        match utf8(&split.out[..end]) {
            Ok(text) => {
                let raw = decoded.as_deref().map_or(Raw::Bytes(bytes), Raw::Text);
                self.row(Cells { text, ends, gap: 0 }, line, line_end, raw);
            }
            Err(bad) => self.bad_utf8(ends, bad, line, line_end, bytes),
        }
        self.split = Some(split);
        Some(())
    }

    /// The fast path for a record without quotes: cells are read in place between delimiters, nothing is copied.
    fn unquoted(
        &mut self,
        input: &[u8],
        decoded: Option<&str>,
        bytes: &[u8],
        line: u64,
        line_end: u64,
        strict: bool,
    ) -> Option<()> {
        let mut ends = std::mem::take(&mut self.ends);
        ends.clear();
        ends.extend(memchr::memchr_iter(self.ctx.delim, input));
        ends.push(input.len());
        if strict && ends.len() != self.ctx.row.headers.len() {
            self.ends = ends;
            return None;
        }
        // Decoded text is a `str` already; only raw bytes need validating.
        match decoded.map_or_else(|| utf8(input), Ok) {
            Ok(text) => {
                let raw = decoded.map_or(Raw::Bytes(bytes), Raw::Text);
                self.row(
                    Cells {
                        text,
                        ends: &ends,
                        gap: 1,
                    },
                    line,
                    line_end,
                    raw,
                );
            }
            Err(bad) => self.bad_utf8(&ends, bad, line, line_end, bytes),
        }
        self.ends = ends;
        Some(())
    }

    /// Quarantines a row whose bytes are not UTF-8, naming the column where the first bad byte sits.
    fn bad_utf8(&mut self, ends: &[usize], bad: usize, line: u64, line_end: u64, bytes: &[u8]) {
        self.out.rows_read += 1;
        let col = ends.iter().position(|&e| e > bad).unwrap_or(0);
        let name = self
            .ctx
            .row
            .headers
            .get(col)
            .cloned()
            .unwrap_or_else(|| format!("#{}", col + 1));
        let msg = format!("column {name:?}: bytes that are not valid UTF-8");
        self.quarantine(
            line,
            line_end,
            Fault::new(reason::BAD_ENCODING, msg, Some(name)),
            Raw::Bytes(bytes),
        );
    }

    /// Re-reads a record one physical line at a time.
    fn by_line(&mut self, bytes: &[u8], first_line: u64) {
        for (k, l) in bytes.split(|&b| b == b'\n').enumerate() {
            let l = l.strip_suffix(b"\r").unwrap_or(l);
            if l.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
                continue;
            }
            let n = first_line + k as u64;
            if ends_in_quote(l, self.ctx.delim) {
                self.out.rows_read += 1;
                let msg = "a quoted cell opens on this line and does not close within it or the following lines".to_owned();
                self.quarantine(
                    n,
                    n,
                    Fault::new(reason::BROKEN_QUOTE, msg, None),
                    Raw::Bytes(l),
                );
            } else {
                let _ = self.delimited(l, n, n, false);
            }
        }
    }

    fn json(&mut self, bytes: &[u8], line: u64) {
        match crate::formats::jsonl::line_cells(bytes, &self.ctx.keys) {
            Ok(row) => {
                let cells = Cells {
                    text: &row.text,
                    ends: &row.ends,
                    gap: 0,
                };
                self.row(cells, line, line, Raw::Bytes(bytes))
            }
            Err(fault) => {
                self.out.rows_read += 1;
                self.quarantine(line, line, fault, Raw::Bytes(bytes));
            }
        }
    }
}

/// Processes one chunk; `keep` also returns the stored lines as values (dry runs).
pub(crate) fn process_chunk(ctx: &FileCtx, body: Body, keep: bool) -> ChunkOut {
    let mut w = Worker {
        ctx,
        split: Some(RowSplitter::new(ctx.delim)),
        ends: Vec::new(),
        line: ShipmentLine::default(),
        scratch: Vec::new(),
        lookups: Default::default(),
        builder: ShipmentBatchBuilder::default(),
        out: ChunkOut::default(),
        keep,
    };
    match body {
        Body::Delimited { data, spans } => {
            w.out.bytes = data.len() as u64;
            for s in spans {
                let bytes = &data[s.start..s.end];
                let multi = s.line_end > s.line;
                if s.kind == SpanKind::Runaway
                    || w.delimited(bytes, s.line, s.line_end, multi).is_none()
                {
                    w.by_line(bytes, s.line);
                }
            }
        }
        Body::JsonLines { data, spans } => {
            w.out.bytes = data.len() as u64;
            for s in spans {
                w.json(&data[s.start..s.end], s.line);
            }
        }
        Body::Cells(rows) => {
            for r in rows {
                w.out.bytes += r.text.len() as u64;
                let cells = Cells {
                    text: &r.text,
                    ends: &r.ends,
                    gap: 0,
                };
                w.row(cells, r.line, r.line, Raw::Cells(cells));
            }
        }
    }
    if !w.builder.is_empty() {
        w.out.batch = Some(w.builder.finish());
    }
    w.out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::RowSplitter;

    proptest! {
        /// The in-place split of a non-empty, quote-free record gives exactly the cells csv-core gives.
        #[test]
        fn in_place_split_agrees_with_csv_core(record in "[a-zА-Я0-9 ,;\t\r.]{1,80}", delim in prop::sample::select(vec![b',', b';', b'\t'])) {
            let input = record.as_bytes();
            let mut split = RowSplitter::new(delim);
            let n = split.split(input);
            let mut start = 0;
            let expected: Vec<&[u8]> = split.ends[..n].iter().map(|&e| { let c = &split.out[start..e]; start = e; c }).collect();
            let got: Vec<&[u8]> = input.split(|&b| b == delim).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
