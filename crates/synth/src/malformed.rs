//! Malformed rows planted among the good ones, so the ingest's quarantine has something to show.
//!
//! About one row in a thousand (at least three per non-empty file) is followed by an extra physical row copied from it and broken
//! in one way: a number cell that is no number (`bad_number`), a row cut after a few cells (`short_row`), an impossible date (`bad_date`),
//! or, in the UTF-8 files, one cell written in Windows-1251 (`bad_encoding`).
//! The draws come from their own `malformed` stream, so the good rows are the same as without them; `truth/malformed.csv` lists every planted row.

use std::collections::BTreeMap;
use std::path::Path;

use tradetrail_model::reason;

use crate::sample::{self, Rng};
use crate::writers::{CUSTOMS_HEADERS, Csv, KZ_HEADERS, Line, VENDOR_HEADERS};

/// Share of good rows followed by a malformed one.
const RATE: f64 = 0.001;
/// Malformed rows each non-empty file gets at least.
const MIN_PER_FILE: u64 = 3;
/// Good rows a file must have before a `bad_encoding` row, so the ingest's encoding sniffing still sees a UTF-8 file.
const ENCODING_AFTER: u64 = 50;

/// Per file (vendor, customs, kz): file name, delimiter, headers, quantity and weight columns, date column, ISO dates, UTF-8.
struct Layout {
    name: &'static str,
    delim: char,
    headers: &'static [&'static str],
    numbers: [usize; 3],
    date: usize,
    iso: bool,
    utf8: bool,
}

const LAYOUTS: [Layout; 3] = [
    Layout {
        name: "ru_vendor.csv",
        delim: ',',
        headers: VENDOR_HEADERS,
        numbers: [21, 23, 24],
        date: 2,
        iso: true,
        utf8: true,
    },
    Layout {
        name: "ru_customs.csv",
        delim: ';',
        headers: CUSTOMS_HEADERS,
        numbers: [26, 28, 29],
        date: 1,
        iso: false,
        utf8: false,
    },
    Layout {
        name: "kz_imports.csv",
        delim: ';',
        headers: KZ_HEADERS,
        numbers: [14, 16, 17],
        date: 1,
        iso: false,
        utf8: true,
    },
];

/// Plants malformed rows after good ones (writer thread) and writes `truth/malformed.csv`.
pub struct Planter {
    rng: Rng,
    truth: Csv,
    good: [u64; 3],
    last: [String; 3],
    /// Malformed rows per file.
    pub per_file: [u64; 3],
    /// Malformed rows per reason code.
    pub by_code: BTreeMap<&'static str, u64>,
}

impl Planter {
    /// Creates `truth/malformed.csv`; `rng` is the `malformed` stream.
    pub fn create(dir: &Path, rng: Rng) -> std::io::Result<Self> {
        Ok(Self {
            rng,
            truth: Csv::create(
                &dir.join("malformed.csv"),
                ',',
                false,
                &["file", "line", "reason_code", "detail"],
            )?,
            good: [0; 3],
            last: Default::default(),
            per_file: [0; 3],
            by_code: BTreeMap::new(),
        })
    }

    /// Called after each good row `text` of file `fi` is written: sometimes writes a malformed copy after it.
    pub fn after(&mut self, fi: usize, text: &str, file: &mut Csv) -> std::io::Result<()> {
        self.good[fi] += 1;
        if self.good[fi] > 10 && sample::chance(&mut self.rng, RATE) {
            self.plant(fi, text, file)?;
        }
        if self.per_file[fi] < MIN_PER_FILE {
            self.last[fi].clear();
            self.last[fi].push_str(text);
        }
        Ok(())
    }

    /// Tops every non-empty file up to the minimum with malformed rows at its end.
    pub fn top_up(&mut self, files: &mut [Csv; 3]) -> std::io::Result<()> {
        for (fi, file) in files.iter_mut().enumerate() {
            if self.good[fi] == 0 {
                continue;
            }
            let last = std::mem::take(&mut self.last[fi]);
            while self.per_file[fi] < MIN_PER_FILE {
                self.plant(fi, &last, file)?;
            }
        }
        Ok(())
    }

    /// Writes one malformed copy of `text` and its truth row.
    fn plant(&mut self, fi: usize, text: &str, file: &mut Csv) -> std::io::Result<()> {
        let lay = &LAYOUTS[fi];
        let mut cells = split(text.trim_end_matches(['\n', '\r']), lay.delim);
        let kinds: &[&str] = if lay.utf8 && self.good[fi] >= ENCODING_AFTER {
            &[
                reason::BAD_NUMBER,
                reason::SHORT_ROW,
                reason::BAD_DATE,
                reason::BAD_ENCODING,
            ]
        } else {
            &[reason::BAD_NUMBER, reason::SHORT_ROW, reason::BAD_DATE]
        };
        let mut code = *sample::pick(&mut self.rng, kinds);
        let mut line = Line::new(lay.delim, false);
        let detail;
        let written;
        if code == reason::BAD_ENCODING
            && let Some((col, bytes)) = encoded(&mut self.rng, &cells, &mut line)
        {
            detail = format!(
                "column {:?}: Windows-1251 bytes in a UTF-8 file",
                lay.headers[col]
            );
            written = file.bytes(&bytes)?;
        } else {
            if code == reason::BAD_ENCODING {
                code = reason::BAD_NUMBER;
            }
            match code {
                reason::SHORT_ROW => {
                    let keep = sample::int(&mut self.rng, 2, 6) as usize;
                    cells.truncate(keep);
                    detail = format!(
                        "row cut after {keep} cells, header has {}",
                        lay.headers.len()
                    );
                }
                reason::BAD_DATE => {
                    let cell = &cells[lay.date];
                    let year = if lay.iso {
                        cell.get(..4)
                    } else {
                        cell.get(6..10)
                    }
                    .unwrap_or("2023")
                    .to_string();
                    let bad = match (lay.iso, sample::index(&mut self.rng, 2)) {
                        (true, 0) => format!("{year}-13-01"),
                        (true, _) => format!("{year}-02-30"),
                        (false, 0) => format!("31.02.{year}"),
                        (false, _) => format!("30.02.{year}"),
                    };
                    detail = format!("column {:?}: {bad:?}", lay.headers[lay.date]);
                    cells[lay.date] = bad;
                }
                _ => {
                    let col = *sample::pick(&mut self.rng, &lay.numbers);
                    let bad = bad_number(&mut self.rng, &cells[col]);
                    detail = format!("column {:?}: {bad:?}", lay.headers[col]);
                    cells[col] = bad;
                }
            }
            for c in &cells {
                line.cell(c);
            }
            written = file.text(line.finish())?;
        }
        self.truth
            .row(&[lay.name, &written.to_string(), code, &detail])?;
        self.per_file[fi] += 1;
        *self.by_code.entry(code).or_default() += 1;
        Ok(())
    }

    /// Flushes `truth/malformed.csv`.
    pub fn close(self) -> std::io::Result<()> {
        self.truth.finish()
    }
}

/// A number cell that is no number: a digit replaced by the letter O (`1O5`) or stray commas (`12,3,4`).
fn bad_number(r: &mut Rng, cell: &str) -> String {
    let digits: String = cell.chars().take_while(char::is_ascii_digit).collect();
    let digits = if digits.is_empty() { "12" } else { &digits };
    if sample::chance(r, 0.5) {
        if digits.len() >= 2 {
            let at = 1 + sample::index(r, digits.len() - 1);
            format!("{}O{}", &digits[..at], &digits[at + 1..])
        } else {
            format!("1O{digits}")
        }
    } else {
        format!("{digits},{},{}", sample::int(r, 0, 9), sample::int(r, 0, 9))
    }
}

/// The row with one Cyrillic cell written as Windows-1251 bytes; `None` when no cell can be.
fn encoded(r: &mut Rng, cells: &[String], line: &mut Line) -> Option<(usize, Vec<u8>)> {
    let n = cells.len();
    let from = sample::index(r, n);
    let col = (0..n).map(|k| (from + k) % n).find(|&i| {
        let c = &cells[i];
        c.chars().any(|ch| ('\u{410}'..='\u{44f}').contains(&ch))
            && crate::translit::cp1251_ok(c)
            && std::str::from_utf8(&encoding_rs::WINDOWS_1251.encode(c).0).is_err()
    })?;
    line.clear();
    let mut range = 0..0;
    for (i, c) in cells.iter().enumerate() {
        let start = line.buf.len() + usize::from(i > 0);
        line.cell(c);
        if i == col {
            range = start..line.buf.len();
        }
    }
    let text = line.finish();
    let mut bytes = Vec::with_capacity(text.len());
    bytes.extend_from_slice(&text.as_bytes()[..range.start]);
    bytes.extend_from_slice(&encoding_rs::WINDOWS_1251.encode(&text[range.clone()]).0);
    bytes.extend_from_slice(&text.as_bytes()[range.end..]);
    Some((col, bytes))
}

/// Splits one CSV line written by [`Line`] back into its cells.
fn split(text: &str, delim: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let (mut quoted, mut was_quoted) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cur.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == '"' && cur.is_empty() && !was_quoted {
            quoted = true;
            was_quoted = true;
        } else if c == delim {
            cells.push(std::mem::take(&mut cur));
            was_quoted = false;
        } else {
            cur.push(c);
        }
    }
    cells.push(cur);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_undoes_line() {
        let mut l = Line::new(',', false);
        for c in ["a", "b,c", "d\"e", "", "ж"] {
            l.cell(c);
        }
        let t = l.finish().trim_end().to_string();
        assert_eq!(split(&t, ','), ["a", "b,c", "d\"e", "", "ж"]);
    }
}
