//! Delimited text (CSV, TSV, any delimiter): encoding and delimiter detection, title lines, the header, and the chunk source.

use std::io::Read;

use encoding_rs::Encoding;

use super::{Format, Opened, clean_headers};
use crate::encoding::{self, Detected, SNIFF_BYTES};
use crate::error::{Error, Result};
use crate::mapping::{Mapping, parse_delimiter};
use crate::pipeline::Source;
use crate::records::{Span, Splitter};
use crate::worker::{Body, CellRow, RowSplitter};

/// Records per chunk handed to one worker.
pub(crate) const CHUNK_ROWS: usize = 8192;
/// Bytes after which a chunk is handed over even with fewer records.
const CHUNK_BYTES: usize = 32 << 20;
/// Rows split during setup to settle the decimal mark.
const SAMPLE_ROWS: usize = 200;

/// The byte stream after encoding detection, ready for a splitter.
pub(crate) struct Prepared<'a> {
    pub stream: Box<dyn Read + 'a>,
    pub detected: Detected,
    /// The decoded first 64 KiB, for sniffing.
    pub head: String,
}

/// Detects the encoding (the explicit one, else the mapping's, else BOM, NULs, UTF-8 validity, profile, chardetng).
pub(crate) fn prepare<'a>(
    file: &str,
    mut reader: impl Read + 'a,
    encoding: Option<&str>,
    pre: Option<&Mapping>,
) -> Result<Prepared<'a>> {
    let prefix = encoding::read_prefix(&mut reader).map_err(|e| Error::Read {
        file: file.to_owned(),
        source: e,
    })?;
    let label = |l: &str| {
        encoding::for_label(l).ok_or_else(|| Error::UnknownEncoding {
            label: l.to_owned(),
        })
    };
    let user_mapping = pre.filter(|m| m.builtin.is_none());
    let given = match encoding.or(user_mapping.and_then(|m| m.file.encoding.as_deref())) {
        Some(l) => Some(label(l)?),
        None => None,
    };
    let hint = pre
        .and_then(|m| m.file.encoding.as_deref())
        .and_then(encoding::for_label);
    let detected = encoding::detect(&prefix, prefix.len() < SNIFF_BYTES, given, hint);
    let body = &prefix[detected.bom_len.min(prefix.len())..];
    let head = detected
        .encoding
        .decode_without_bom_handling(body)
        .0
        .into_owned();
    Ok(Prepared {
        stream: encoding::text_stream(prefix, reader, detected),
        detected,
        head,
    })
}

/// Picks the delimiter among `,` `;` tab `|`: the one whose count in the header line recurs in the next lines.
/// `preferred` (the profile's) wins when the header line contains it.
pub(crate) fn sniff_delimiter(lines: &[&str], preferred: Option<u8>) -> u8 {
    let count = |l: &str, d: u8| l.bytes().filter(|&b| b == d).count();
    let Some(header) = lines.first() else {
        return b',';
    };
    if let Some(p) = preferred
        && count(header, p) > 0
    {
        return p;
    }
    let mut best = ((0, 0), b',');
    for d in [b',', b';', b'\t', b'|'] {
        let c = count(header, d);
        if c == 0 {
            continue;
        }
        let agree = lines.iter().filter(|l| count(l, d) == c).count();
        if (agree, c) > best.0 {
            best = ((agree, c), d);
        }
    }
    best.1
}

/// The header line (`header_row`, 1-based, or the first non-blank line) and up to nine lines after it.
fn head_lines(head: &str, header_row: Option<u64>) -> Vec<&str> {
    let skip = header_row.map_or(0, |n| n.saturating_sub(1) as usize);
    let lines = head.lines().skip(skip).filter(|l| !l.trim().is_empty());
    // Without a header row, title lines (no delimiter at all) are skipped.
    let has_delim = |l: &&str| {
        header_row.is_some() || l.bytes().any(|b| matches!(b, b',' | b';' | b'\t' | b'|'))
    };
    lines.skip_while(|l| !has_delim(l)).take(10).collect()
}

/// Splits a record's bytes into owned cells (lossy), for headers and samples.
pub(crate) fn split_owned(
    splitter: &mut RowSplitter,
    bytes: &[u8],
    decode: Option<&'static Encoding>,
    line: u64,
) -> CellRow {
    let text = match decode {
        Some(enc) => enc.decode_without_bom_handling(bytes).0,
        None => String::from_utf8_lossy(bytes),
    };
    let n = splitter.split(text.as_bytes());
    let mut start = 0;
    let cells = splitter.ends[..n].iter().map(|&end| {
        let cell = String::from_utf8_lossy(&splitter.out[start..end]).into_owned();
        start = end;
        cell
    });
    let cells: Vec<String> = cells.collect();
    CellRow::from_cells(line, cells.iter().map(String::as_str))
}

/// Reads records of delimited text in chunks.
pub(crate) struct CsvSource<'a> {
    splitter: Splitter<Box<dyn Read + 'a>>,
    first: Vec<Span>,
    json: bool,
    file: String,
}

impl<'a> CsvSource<'a> {
    pub fn new(
        splitter: Splitter<Box<dyn Read + 'a>>,
        first: Vec<Span>,
        json: bool,
        file: String,
    ) -> Self {
        CsvSource {
            splitter,
            first,
            json,
            file,
        }
    }
}

impl Source for CsvSource<'_> {
    fn next_body(&mut self) -> Result<Option<Body>> {
        let mut spans = std::mem::take(&mut self.first);
        while spans.len() < CHUNK_ROWS && self.splitter.pending_bytes() < CHUNK_BYTES {
            match self.splitter.next_record() {
                Ok(Some(s)) => spans.push(s),
                Ok(None) => break,
                Err(e) => {
                    return Err(Error::Read {
                        file: self.file.clone(),
                        source: e,
                    });
                }
            }
        }
        if spans.is_empty() {
            return Ok(None);
        }
        let data = self.splitter.take_chunk();
        Ok(Some(if self.json {
            Body::JsonLines { data, spans }
        } else {
            Body::Delimited { data, spans }
        }))
    }
}

/// Opens delimited text: encoding, delimiter, title lines and header.
pub(crate) fn open<'a>(
    file: &str,
    reader: impl Read + 'a,
    format: Format,
    encoding: Option<&str>,
    pre: Option<&Mapping>,
) -> Result<Opened<'a>> {
    let p = prepare(file, reader, encoding, pre)?;
    let header_row = pre.and_then(|m| m.file.header_row);
    let explicit = pre
        .filter(|m| m.builtin.is_none())
        .and_then(|m| m.file.delimiter.as_deref())
        .and_then(parse_delimiter);
    let preferred = pre
        .and_then(|m| m.file.delimiter.as_deref())
        .and_then(parse_delimiter);
    let delim = match (explicit, format) {
        (Some(d), _) => d,
        (None, Format::Tsv) => b'\t',
        _ => sniff_delimiter(&head_lines(&p.head, header_row), preferred),
    };
    let decode = p.detected.per_record();
    let mut splitter = Splitter::new(p.stream, delim, true);
    let mut rows = RowSplitter::new(delim);
    let read_err = |e| Error::Read {
        file: file.to_owned(),
        source: e,
    };

    // Look ahead a few records to find the header past any title lines.
    let mut ahead: Vec<Span> = Vec::new();
    while ahead.len() < 10 + SAMPLE_ROWS {
        match splitter.next_record().map_err(read_err)? {
            Some(s) if header_row.is_some_and(|h| s.line < h) => {}
            Some(s) => ahead.push(s),
            None => break,
        }
    }
    let counts: Vec<usize> = ahead
        .iter()
        .take(10)
        .map(|s| rows.split(splitter.bytes(s)))
        .collect();
    let mut header_at = 0;
    if header_row.is_none() {
        while header_at + 1 < counts.len()
            && counts[header_at] <= 1
            && counts[header_at + 1..].iter().any(|&c| c >= 2)
        {
            header_at += 1;
        }
    }
    let Some(header_span) = ahead.get(header_at).copied() else {
        return Err(Error::NoHeader {
            file: file.to_owned(),
        });
    };
    let header = split_owned(
        &mut rows,
        splitter.bytes(&header_span),
        decode,
        header_span.line,
    );
    let headers = clean_headers((0..header.ends.len()).map(|i| {
        let start = if i == 0 { 0 } else { header.ends[i - 1] };
        header.text[start..header.ends[i]].to_owned()
    }));
    if headers.is_empty() {
        return Err(Error::NoHeader {
            file: file.to_owned(),
        });
    }
    let first: Vec<Span> = ahead.split_off(header_at + 1);
    let sample = first
        .iter()
        .take(SAMPLE_ROWS)
        .map(|s| split_owned(&mut rows, splitter.bytes(s), decode, s.line))
        .collect();
    Ok(Opened {
        source: Box::new(CsvSource::new(splitter, first, false, file.to_owned())),
        headers,
        sample,
        format,
        encoding: p.detected.encoding.name().to_owned(),
        delim,
        decode,
        keys: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_table() {
        let cases: &[(&[&str], Option<u8>, u8)] = &[
            (&["a,b,c", "1,2,3"], None, b','),
            (&["a;b;c"], None, b';'),
            (&["a\tb\tc"], None, b'\t'),
            (&["a|b|c"], None, b'|'),
            (
                &["Вес брутто, кг;Вес нетто, кг;Цена", "1,5;1,0;2", "2;3;4,5"],
                None,
                b';',
            ),
            (&["a;b,c;d"], Some(b','), b','),
            (&["abc"], None, b','),
            (&[], None, b','),
        ];
        for (lines, pref, want) in cases {
            assert_eq!(sniff_delimiter(lines, *pref), *want, "{lines:?}");
        }
    }
}
