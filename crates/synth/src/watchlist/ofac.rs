//! Writes the synthetic entries in OFAC's SDN legacy CSV layout: sdn.csv, add.csv, alt.csv and sdn_comments.csv, exactly as OFAC publishes them.
//!
//! No header rows, Windows-1252, CRLF line ends, a 0x1A byte at the end of each file, text fields quoted, `-0- ` for empty fields.
//! Remarks longer than [`REMARKS_MAX`] characters are cut mid-word and continued in sdn_comments.csv, as OFAC does.

use std::path::Path;

use super::variants::{country_name, id_label, latin, ofac_date};
use super::{Entry, FIRST_ENT_NUM};

/// Longest remarks cell in sdn.csv; the rest goes to sdn_comments.csv.
pub const REMARKS_MAX: usize = 1000;

/// OFAC's empty field.
const EMPTY: &str = "-0- ";

/// A quoted text field, or `-0- ` when empty; double quotes inside become single ones.
fn text(s: &str) -> String {
    if s.is_empty() {
        EMPTY.to_string()
    } else {
        format!("\"{}\"", s.replace('"', "'"))
    }
}

/// The remarks of an entry in OFAC's style, ending with a full stop.
pub fn remarks(e: &Entry) -> String {
    let mut items: Vec<String> = Vec::new();
    let country = country_name(e.country);
    if let Some(p) = &e.person {
        items.push(format!("DOB {}", ofac_date(p.dob)));
        items.push(format!("POB {}", p.pob));
        items.push(format!("nationality {country}"));
        items.push(format!("Gender {}", p.gender));
    } else {
        items.push(if e.programs.contains(&"RUSSIA-EO14024") {
            "Secondary sanctions risk: See Section 11 of Executive Order 14024.".into()
        } else {
            "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209".into()
        });
        if let Some(d) = e.established {
            items.push(format!("Organization Established Date {}", ofac_date(d)));
        }
    }
    items.extend(e.remarks.iter().cloned());
    for (scheme, value) in &e.ids {
        let (label, c) = id_label(scheme, e.country);
        items.push(format!("{label} {value} ({c})"));
    }
    let mut s = latin(&items.join("; "));
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// Splits remarks at [`REMARKS_MAX`] characters into the sdn.csv part and the continuation.
fn split_remarks(s: &str) -> (&str, Option<&str>) {
    match s.char_indices().nth(REMARKS_MAX) {
        Some((i, _)) => (&s[..i], Some(&s[i..])),
        None => (s, None),
    }
}

/// Encodes text as Windows-1252 with CRLF line ends and the closing 0x1A byte.
fn encode(lines: &[String]) -> Result<Vec<u8>, crate::Error> {
    let mut s = lines.join("\r\n");
    if !lines.is_empty() {
        s.push_str("\r\n");
    }
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(&s);
    if bad {
        return Err(crate::Error::Config(
            "an OFAC watchlist line is not encodable in Windows-1252".into(),
        ));
    }
    let mut out = bytes.into_owned();
    out.push(0x1a);
    Ok(out)
}

/// Writes the four files into `dir`.
pub fn write(dir: &Path, entries: &[&Entry]) -> Result<(), crate::Error> {
    let (mut sdn, mut add, mut alt, mut comments) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut add_num, mut alt_num) = (FIRST_ENT_NUM, FIRST_ENT_NUM);
    for e in entries {
        let ent = &e.source_id;
        let kind = if e.person.is_some() {
            "\"individual\""
        } else {
            EMPTY
        };
        let full = remarks(e);
        let (head, rest) = split_remarks(&full);
        let mut row = format!(
            "{ent},{},{kind},{}",
            text(&latin(&e.name)),
            text(&e.programs.join("] ["))
        );
        for _ in 0..7 {
            row.push(',');
            row.push_str(EMPTY);
        }
        row.push(',');
        row.push_str(&text(head));
        sdn.push(row);
        if let Some(rest) = rest {
            comments.push(format!("{ent},{}", text(rest)));
        }
        if let Some(a) = &e.address {
            add.push(format!(
                "{ent},{add_num},{},{},{},{EMPTY}",
                text(&latin(&a.street)),
                text(&latin(&a.city)),
                text(&country_name(e.country))
            ));
            add_num += 1;
        }
        for (kind, name) in &e.aliases {
            alt.push(format!(
                "{ent},{alt_num},{},{},{EMPTY}",
                text(kind),
                text(&latin(name))
            ));
            alt_num += 1;
        }
    }
    for (name, lines) in [
        ("sdn.csv", &sdn),
        ("add.csv", &add),
        ("alt.csv", &alt),
        ("sdn_comments.csv", &comments),
    ] {
        fs_err::write(dir.join(name), encode(lines)?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_remarks_split_and_fields_are_quoted() {
        let s = "x".repeat(REMARKS_MAX + 5);
        let (a, b) = split_remarks(&s);
        assert_eq!((a.len(), b.map(str::len)), (REMARKS_MAX, Some(5)));
        assert_eq!(text(""), "-0- ");
        assert_eq!(text("A \"B\""), "\"A 'B'\"");
        let bytes = encode(&["1,\"A\"".into()]).unwrap();
        assert_eq!(bytes, b"1,\"A\"\r\n\x1a");
    }
}
