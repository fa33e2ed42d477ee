//! Input formats: how each is recognised, and what opening one yields (headers, a first sample, a chunk source).

pub(crate) mod csv;
pub(crate) mod jsonl;
pub(crate) mod parquet;
pub(crate) mod xlsx;

use std::cell::Cell;
use std::io::{self, Read};
use std::path::Path;
use std::rc::Rc;

use encoding_rs::Encoding;

use crate::pipeline::Source;
use crate::worker::CellRow;

/// An input file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Delimited text, delimiter given or sniffed.
    Csv,
    /// Tab-separated text.
    Tsv,
    /// One JSON object per line.
    #[serde(rename = "jsonl", alias = "ndjson", alias = "jsonlines")]
    JsonLines,
    /// Apache Parquet.
    Parquet,
    /// Excel 2007+ workbook.
    Xlsx,
}

impl Format {
    /// The name used in mapping files.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::JsonLines => "jsonl",
            Format::Parquet => "parquet",
            Format::Xlsx => "xlsx",
        }
    }

    /// The format a file extension stands for.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" | "txt" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "jsonl" | "ndjson" => Format::JsonLines,
            "parquet" | "pq" => Format::Parquet,
            "xlsx" | "xlsm" => Format::Xlsx,
            _ => return None,
        })
    }

    /// Guesses the format from the first bytes of the content.
    pub fn sniff(prefix: &[u8]) -> Format {
        if prefix.starts_with(b"PAR1") {
            return Format::Parquet;
        }
        if prefix.starts_with(b"PK\x03\x04") {
            return Format::Xlsx;
        }
        let text = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
        match text.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Format::JsonLines,
            _ => Format::Csv,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What opening a file yields before any data row is processed.
pub(crate) struct Opened<'a> {
    pub source: Box<dyn Source + 'a>,
    pub headers: Vec<String>,
    /// The first rows, split, for settling the decimal mark.
    pub sample: Vec<CellRow>,
    pub format: Format,
    pub encoding: String,
    pub delim: u8,
    pub decode: Option<&'static Encoding>,
    pub keys: Vec<String>,
}

/// Counts the bytes read from the underlying file.
pub(crate) struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R> Counting<R> {
    pub fn new(inner: R) -> (Self, Rc<Cell<u64>>) {
        let count = Rc::new(Cell::new(0));
        (
            Counting {
                inner,
                count: Rc::clone(&count),
            },
            count,
        )
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// A number as text without float artefacts: `12.0` → `12`, `0.1` stays `0.1`.
pub(crate) fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Trims header cells, drops a BOM and trailing empty headers.
pub(crate) fn clean_headers(raw: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut headers: Vec<String> = raw
        .into_iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names_and_content() {
        let cases: &[(&str, Option<Format>)] = &[
            ("a.csv", Some(Format::Csv)),
            ("a.TXT", Some(Format::Csv)),
            ("a.tsv", Some(Format::Tsv)),
            ("a.jsonl", Some(Format::JsonLines)),
            ("a.ndjson", Some(Format::JsonLines)),
            ("a.parquet", Some(Format::Parquet)),
            ("a.xlsx", Some(Format::Xlsx)),
            ("a.bin", None),
            ("a", None),
        ];
        for (p, want) in cases {
            assert_eq!(Format::from_extension(Path::new(p)), *want, "{p}");
        }
        assert_eq!(Format::sniff(b"PAR1xxxx"), Format::Parquet);
        assert_eq!(Format::sniff(b"PK\x03\x04xx"), Format::Xlsx);
        assert_eq!(Format::sniff(b"  {\"a\":1}"), Format::JsonLines);
        assert_eq!(Format::sniff(b"a,b"), Format::Csv);
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(0.1), "0.1");
        assert_eq!(number_text(-3.5), "-3.5");
    }
}
