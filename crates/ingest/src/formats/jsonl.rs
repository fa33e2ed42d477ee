//! JSON Lines: one object per line, keys act as headers (the union of the first 100 lines' keys, in order of first sight).
//!
//! Nested values are kept as their JSON text; `null` is an empty cell; a line that is not an object is quarantined as `bad_json`.

use std::fmt;
use std::io::Read;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;
use tradetrail_model::reason;

use super::csv::{CsvSource, prepare};
use super::{Format, Opened, clean_headers};
use crate::error::{Error, Result};
use crate::mapping::Mapping;
use crate::normalise::Fault;
use crate::records::Splitter;
use crate::worker::CellRow;

/// Lines whose keys make up the header.
const KEY_LINES: usize = 100;

/// A JSON object with its keys in file order.
struct Ordered(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V)
    }
}

fn parse(bytes: &[u8]) -> std::result::Result<Ordered, Fault> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Fault::new(
            reason::BAD_ENCODING,
            "line has bytes that are not valid UTF-8".into(),
            None,
        )
    })?;
    serde_json::from_str::<Ordered>(text)
        .map_err(|e| Fault::new(reason::BAD_JSON, format!("not a JSON object: {e}"), None))
}

/// The cells of one JSON line in `keys` order.
pub(crate) fn line_cells(bytes: &[u8], keys: &[String]) -> std::result::Result<CellRow, Fault> {
    let obj = parse(bytes)?;
    let mut cells: Vec<String> = vec![String::new(); keys.len()];
    for (k, v) in obj.0 {
        let Some(i) = keys.iter().position(|x| *x == k) else {
            continue;
        };
        cells[i] = match v {
            Value::Null => String::new(),
            Value::String(s) => s,
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            other => other.to_string(),
        };
    }
    Ok(CellRow::from_cells(0, cells.iter().map(String::as_str)))
}

/// Opens JSON Lines: encoding, then the keys of the first lines as headers.
pub(crate) fn open<'a>(
    file: &str,
    reader: impl Read + 'a,
    encoding: Option<&str>,
    pre: Option<&Mapping>,
) -> Result<Opened<'a>> {
    let p = prepare(file, reader, encoding, pre)?;
    let mut splitter = Splitter::new(p.stream, b',', false);
    let mut first = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    while first.len() < KEY_LINES {
        let Some(span) = splitter.next_record().map_err(|e| Error::Read {
            file: file.to_owned(),
            source: e,
        })?
        else {
            break;
        };
        if let Ok(obj) = parse(splitter.bytes(&span)) {
            for (k, _) in obj.0 {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        first.push(span);
    }
    let headers = clean_headers(keys.iter().cloned());
    if headers.is_empty() {
        return Err(Error::NoHeader {
            file: file.to_owned(),
        });
    }
    let sample = first
        .iter()
        .filter_map(|s| line_cells(splitter.bytes(s), &keys).ok())
        .collect();
    Ok(Opened {
        source: Box::new(CsvSource::new(splitter, first, true, file.to_owned())),
        headers: keys.clone(),
        sample,
        format: Format::JsonLines,
        encoding: p.detected.encoding.name().to_owned(),
        delim: b',',
        decode: None,
        keys,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_table() {
        let keys: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let cases: &[(&str, std::result::Result<Vec<&str>, &str>)] = &[
            (r#"{"a":"x","b":1.5,"c":null}"#, Ok(vec!["x", "1.5", ""])),
            (
                r#"{"c":true,"a":{"n":[1,2]}}"#,
                Ok(vec![r#"{"n":[1,2]}"#, "", "true"]),
            ),
            (r#"{"z":1}"#, Ok(vec!["", "", ""])),
            ("[1,2]", Err("bad_json")),
            ("{broken", Err("bad_json")),
            ("42", Err("bad_json")),
        ];
        for (line, want) in cases {
            let got = line_cells(line.as_bytes(), &keys);
            match (got, want) {
                (Ok(row), Ok(cells)) => {
                    let mut start = 0;
                    let got: Vec<&str> = row
                        .ends
                        .iter()
                        .map(|&e| {
                            let c = &row.text[start..e];
                            start = e;
                            c
                        })
                        .collect();
                    assert_eq!(&got, cells, "{line}");
                }
                (Err(f), Err(code)) => assert_eq!(f.code, *code, "{line}"),
                (g, w) => panic!("{line}: got {:?}, want {w:?}", g.map(|r| r.text)),
            }
        }
        assert_eq!(
            line_cells(b"{\"a\":\"\xff\"}", &keys)
                .map(|r| r.text)
                .unwrap_err()
                .code,
            "bad_encoding"
        );
    }
}
