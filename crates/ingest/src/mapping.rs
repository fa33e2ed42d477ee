//! Column mappings: the built-in profiles and the user's TOML mapping file, parsed, validated and printed back.
//!
//! A mapping file has four optional tables:
//!
//! ```toml
//! [file]
//! format = "csv"            # csv | tsv | jsonl | parquet | xlsx
//! delimiter = ";"           # one character; "\t" for tabs
//! encoding = "windows-1251" # any encoding_rs label
//! sheet = "Лист1"           # xlsx only; default the first sheet
//! header_row = 3            # 1-based line (sheet row) of the header; earlier lines are titles
//!
//! [defaults]
//! reporting_country = "RU"
//! direction = "import"
//! currency = "USD"
//! licence = "vendor terms 2025"
//!
//! [values]
//! null = ["НЕ ИЗВЕСТНО"]   # extra null markers besides "", NULL, N/A, - and —
//! decimal = "comma"        # comma | point | auto
//! date_format = "%d.%m.%Y" # tried before the built-in formats
//!
//! [columns]
//! sender_name = "Отправитель"
//! hs_code = "Код ТН ВЭД"
//! ```
//!
//! Every key under `[columns]` must be a canonical field name; the value is the header as written in the file.

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::fields::Field;
use crate::formats::Format;
use crate::values::number::Decimal;

/// The `[file]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSection {
    /// Input format.
    pub format: Option<Format>,
    /// Field delimiter, one ASCII character.
    pub delimiter: Option<String>,
    /// Encoding label.
    pub encoding: Option<String>,
    /// Sheet name (XLSX).
    pub sheet: Option<String>,
    /// 1-based line of the header row.
    pub header_row: Option<u64>,
}

/// The `[defaults]` table: values for rows that do not carry them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Reporting country, any country spelling.
    pub reporting_country: Option<String>,
    /// Direction, any direction spelling.
    pub direction: Option<String>,
    /// Invoice currency, any currency spelling.
    pub currency: Option<String>,
    /// Licence the data is held under.
    pub licence: Option<String>,
}

/// The `[values]` table: how cells are read.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    /// Extra null markers.
    #[serde(default)]
    pub null: Vec<String>,
    /// Decimal mark.
    pub decimal: Option<Decimal>,
    /// Date format tried first (`%d %m %Y %y`).
    pub date_format: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    #[serde(default)]
    file: FileSection,
    #[serde(default)]
    defaults: Defaults,
    #[serde(default)]
    values: Values,
    #[serde(default)]
    columns: toml::Table,
}

/// A column mapping with file and value settings, from a built-in profile or a user's TOML file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping {
    /// `[file]`.
    pub file: FileSection,
    /// `[defaults]`.
    pub defaults: Defaults,
    /// `[values]`.
    pub values: Values,
    /// `[columns]`: canonical field and the header it is read from, in canonical order.
    pub columns: Vec<(Field, String)>,
    /// The built-in profile name, when this mapping is one.
    pub builtin: Option<&'static str>,
}

/// Names of the built-in profiles.
pub const BUILTIN_PROFILES: &[&str] = &["canonical", "ru-vendor", "ru-customs"];

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Mapping {
    /// Parses a mapping file; errors name the line, column and key at fault.
    pub fn from_toml_str(text: &str) -> Result<Mapping> {
        let raw: RawMapping = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            Error::Mapping {
                line,
                column,
                message: e.message().to_owned(),
            }
        })?;
        let at_key = |key: &str| {
            let offset = text.find(&format!("\n{key}")).map_or(0, |o| o + 1);
            line_col(text, offset)
        };
        let mut columns = Vec::new();
        for (key, value) in &raw.columns {
            let Some(field) = Field::from_name(key) else {
                let (line, column) = at_key(key);
                return Err(Error::Mapping {
                    line,
                    column,
                    message: format!("unknown canonical field {key:?} in [columns]"),
                });
            };
            let Some(header) = value.as_str() else {
                let (line, column) = at_key(key);
                return Err(Error::Mapping {
                    line,
                    column,
                    message: format!("[columns] {key} must be a string (the input header)"),
                });
            };
            columns.push((field, header.to_owned()));
        }
        columns.sort_by_key(|(f, _)| *f);
        if let Some(d) = &raw.file.delimiter
            && parse_delimiter(d).is_none()
        {
            let (line, column) = at_key("delimiter");
            return Err(Error::Mapping {
                line,
                column,
                message: format!("delimiter {d:?} is not one ASCII character"),
            });
        }
        if let Some(e) = &raw.file.encoding
            && crate::encoding::for_label(e).is_none()
        {
            let (line, column) = at_key("encoding");
            return Err(Error::Mapping {
                line,
                column,
                message: format!("unknown encoding {e:?}"),
            });
        }
        Ok(Mapping {
            file: raw.file,
            defaults: raw.defaults,
            values: raw.values,
            columns,
            builtin: None,
        })
    }

    /// A built-in profile by name: `canonical`, `ru-vendor` or `ru-customs`.
    pub fn builtin(name: &str) -> Option<Mapping> {
        let (name, text) = match name {
            "canonical" => ("canonical", include_str!("../profiles/canonical.toml")),
            "ru-vendor" => ("ru-vendor", include_str!("../profiles/ru-vendor.toml")),
            "ru-customs" => ("ru-customs", include_str!("../profiles/ru-customs.toml")),
            _ => return None,
        };
        let mut m = Mapping::from_toml_str(text).ok()?;
        if name == "canonical" {
            m.columns = Field::ALL
                .iter()
                .map(|f| (*f, f.name().to_owned()))
                .collect();
        }
        m.builtin = Some(name);
        Some(m)
    }

    /// Prints the mapping as a TOML file the user can save, edit and pass back.
    pub fn to_toml_string(&self) -> String {
        let q = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let mut out = String::new();
        let f = &self.file;
        out.push_str("[file]\n");
        if let Some(v) = f.format {
            out.push_str(&format!("format = {}\n", q(v.name())));
        }
        for (k, v) in [
            ("delimiter", &f.delimiter),
            ("encoding", &f.encoding),
            ("sheet", &f.sheet),
        ] {
            if let Some(v) = v {
                out.push_str(&format!("{k} = {}\n", q(v)));
            }
        }
        if let Some(h) = f.header_row {
            out.push_str(&format!("header_row = {h}\n"));
        }
        out.push_str("\n[defaults]\n");
        let d = &self.defaults;
        for (k, v) in [
            ("reporting_country", &d.reporting_country),
            ("direction", &d.direction),
            ("currency", &d.currency),
            ("licence", &d.licence),
        ] {
            if let Some(v) = v {
                out.push_str(&format!("{k} = {}\n", q(v)));
            }
        }
        out.push_str("\n[values]\n");
        if !self.values.null.is_empty() {
            let list: Vec<String> = self.values.null.iter().map(|s| q(s)).collect();
            out.push_str(&format!("null = [{}]\n", list.join(", ")));
        }
        if let Some(dec) = self.values.decimal {
            let name = match dec {
                Decimal::Comma => "comma",
                Decimal::Point => "point",
                Decimal::Auto => "auto",
            };
            out.push_str(&format!("decimal = {}\n", q(name)));
        }
        if let Some(df) = &self.values.date_format {
            out.push_str(&format!("date_format = {}\n", q(df)));
        }
        out.push_str("\n[columns]\n");
        for (field, header) in &self.columns {
            out.push_str(&format!("{} = {}\n", field.name(), q(header)));
        }
        out
    }

    /// The header mapped to `field`, if any.
    pub fn column_for(&self, field: Field) -> Option<&str> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, h)| h.as_str())
    }
}

/// The delimiter byte of a `[file] delimiter` value.
pub(crate) fn parse_delimiter(s: &str) -> Option<u8> {
    match s {
        "\\t" | "tab" | "TAB" => Some(b'\t'),
        _ => {
            let b = s.as_bytes();
            (b.len() == 1 && b[0].is_ascii() && !matches!(b[0], b'"' | b'\n' | b'\r')).then(|| b[0])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        for name in BUILTIN_PROFILES {
            let m = Mapping::builtin(name).expect("built-in profile parses");
            assert!(!m.columns.is_empty(), "{name}");
        }
        let m = Mapping::builtin("ru-customs").expect("ru-customs");
        assert_eq!(m.column_for(Field::HsCode), Some("Код ТН ВЭД"));
        assert_eq!(m.values.decimal, Some(Decimal::Comma));
        assert!(Mapping::builtin("nope").is_none());
    }

    #[test]
    fn round_trips_through_toml() {
        for name in BUILTIN_PROFILES {
            let m = Mapping::builtin(name).expect("profile");
            let text = m.to_toml_string();
            let back = Mapping::from_toml_str(&text).expect("printed mapping parses");
            assert_eq!(back.columns, m.columns, "{name}");
            assert_eq!(back.values, m.values, "{name}");
            assert_eq!(back.file, m.file, "{name}");
        }
    }

    #[test]
    fn errors_name_the_key() {
        let cases: &[(&str, &str, usize)] = &[
            (
                "[columns]\nsender_name = \"A\"\nsendr_name = \"B\"\n",
                "sendr_name",
                3,
            ),
            ("[file]\nformatt = \"csv\"\n", "formatt", 2),
            ("[file]\nformat = \"docx\"\n", "docx", 2),
            ("[values]\ndecimal = \"both\"\n", "both", 2),
            ("[columns\n", "", 1),
            ("[file]\ndelimiter = \";;\"\n", "delimiter", 2),
            ("[file]\nencoding = \"klingon\"\n", "klingon", 2),
        ];
        for (text, needle, want_line) in cases {
            match Mapping::from_toml_str(text) {
                Err(Error::Mapping { line, message, .. }) => {
                    assert!(message.contains(needle), "{text:?}: {message}");
                    assert_eq!(line, *want_line, "{text:?}: {message}");
                }
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }
}
