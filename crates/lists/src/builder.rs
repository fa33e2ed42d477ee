//! The shared assembly line of every importer: a draft entry collects facts, the sink turns drafts into rows and records issues.
//!
//! Importers only read their format; naming, deduplication, country resolution, JSON columns and list counts live here once.

use std::collections::HashSet;

use tradetrail_model::{ImportIssue, ListEntry, ListName};

use crate::identifiers::Ids;
use crate::{ListFormat, ListImport, ListMeta, countries, script};

/// Name kinds as the `list_names.kind` column spells them.
pub(crate) mod kind {
    pub const PRIMARY: &str = "primary";
    pub const ALIAS: &str = "alias";
    pub const WEAK_ALIAS: &str = "weak_alias";
    pub const ORIGINAL_SCRIPT: &str = "original_script";
}

/// One entry being read: every fact an importer found, before it becomes rows.
#[derive(Debug, Default, Clone)]
pub(crate) struct Draft {
    pub source_id: String,
    pub entity_type: &'static str,
    pub name: String,
    pub position: String,
    names: Vec<(String, &'static str)>,
    programmes: Vec<String>,
    countries: Vec<&'static str>,
    unknown_countries: Vec<String>,
    pub listing_date: Option<i32>,
    pub ids: Ids,
    addresses: Vec<String>,
    pub remarks: Option<String>,
}

impl Draft {
    pub fn new(
        source_id: impl Into<String>,
        entity_type: &'static str,
        name: &str,
        position: impl Into<String>,
    ) -> Draft {
        Draft {
            source_id: source_id.into(),
            entity_type,
            name: clean(name),
            position: position.into(),
            ..Draft::default()
        }
    }

    /// Adds a name of the given kind; empty names and repeats are ignored.
    pub fn add_name(&mut self, name: &str, kind: &'static str) {
        let name = clean(name);
        if name.is_empty() || (name == self.name && kind != kind::ORIGINAL_SCRIPT) {
            return;
        }
        if !self.names.iter().any(|(n, k)| *n == name && *k == kind) {
            self.names.push((name, kind));
        }
    }

    /// Adds a programme or legal basis; repeats are ignored.
    pub fn add_programme(&mut self, p: &str) {
        let p = p.trim();
        if !p.is_empty() && !self.programmes.iter().any(|x| x == p) {
            self.programmes.push(p.to_string());
        }
    }

    /// Adds a country given as a code or a name; text that names no country is reported when the entry is pushed.
    pub fn add_country(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match countries::alpha2(text) {
            Some(code) => {
                if !self.countries.contains(&code) {
                    self.countries.push(code);
                }
            }
            None => {
                if !self.unknown_countries.iter().any(|t| t == text) {
                    self.unknown_countries.push(text.to_string());
                }
            }
        }
    }

    /// Adds an address; empty and repeated addresses are ignored.
    pub fn add_address(&mut self, address: &str) {
        let a = clean(address);
        if !a.is_empty() && !self.addresses.contains(&a) {
            self.addresses.push(a);
        }
    }

    /// Appends remark text, separated by `; `.
    pub fn add_remark(&mut self, text: &str) {
        let t = text.trim();
        if t.is_empty() {
            return;
        }
        match &mut self.remarks {
            Some(r) => {
                r.push_str("; ");
                r.push_str(t);
            }
            None => self.remarks = Some(t.to_string()),
        }
    }
}

/// Trims a name and collapses runs of white space into one space.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Turns byte offsets of a text into 1-based line numbers, counting forward from the last offset asked.
///
/// The csv crate's own line count drifts on CRLF files, so positions are computed from byte offsets.
pub(crate) struct Lines<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a [u8]) -> Lines<'a> {
        Lines {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The line of a record starting at a byte offset; offsets must not decrease between calls.
    ///
    /// After a CRLF record the reader reports the next record as starting at the `\n`, so the byte itself is counted.
    pub fn line_of(&mut self, byte: u64) -> u64 {
        let to = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .saturating_add(1)
            .min(self.text.len());
        if to > self.at {
            self.line += self.text[self.at..to]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            self.at = to;
        }
        self.line
    }
}

/// Collects the rows of one source file and counts them per list.
pub(crate) struct Sink {
    format: ListFormat,
    source_name: String,
    source_file: String,
    version: Option<String>,
    seen: HashSet<String>,
    out: ListImport,
}

impl Sink {
    pub fn new(format: ListFormat, source_name: &str, source_file: &str) -> Sink {
        Sink {
            format,
            source_name: source_name.to_string(),
            source_file: source_file.to_string(),
            version: None,
            seen: HashSet::new(),
            out: ListImport::default(),
        }
    }

    pub fn set_version(&mut self, version: Option<String>) {
        self.version = version.filter(|v| !v.trim().is_empty());
    }

    pub fn set_source_name(&mut self, name: &str) {
        self.source_name = name.to_string();
    }

    pub fn set_source_file(&mut self, file: &str) {
        self.source_file = file.to_string();
    }

    /// Records a problem with one record.
    pub fn issue(&mut self, position: impl Into<String>, code: &str, message: impl Into<String>) {
        self.out.issues.push(ImportIssue {
            source_name: self.source_name.clone(),
            source_file: self.source_file.clone(),
            source_position: position.into(),
            code: code.to_string(),
            message: message.into(),
        });
    }

    /// Turns a draft into an entry and its names, reporting unknown countries and duplicate ids.
    pub fn push(&mut self, list_id: &str, list_name: &str, mut d: Draft) {
        if d.name.is_empty() {
            // A nameless entry cannot be screened against; its first alias stands in, else it is an issue.
            match d.names.first().cloned() {
                Some((n, _)) => {
                    self.issue(
                        &d.position,
                        "missing_name",
                        format!(
                            "entry {} has no primary name; using alias {n:?}",
                            d.source_id
                        ),
                    );
                    d.names.remove(0);
                    d.name = n;
                }
                None => {
                    self.issue(
                        &d.position,
                        "missing_name",
                        format!("entry {} has no name and was skipped", d.source_id),
                    );
                    return;
                }
            }
        }
        for text in std::mem::take(&mut d.unknown_countries) {
            self.issue(
                &d.position,
                "unknown_country",
                format!(
                    "country {text:?} of entry {} is not an ISO 3166 country",
                    d.source_id
                ),
            );
        }
        let mut entry_id = format!("{list_id}:{}", d.source_id);
        if !self.seen.insert(entry_id.clone()) {
            let mut n = 2;
            while !self.seen.insert(format!("{entry_id}~{n}")) {
                n += 1;
            }
            self.issue(
                &d.position,
                "duplicate_id",
                format!(
                    "id {} repeats in list {list_id}; stored as {entry_id}~{n}",
                    d.source_id
                ),
            );
            entry_id = format!("{entry_id}~{n}");
        }
        self.count(list_id, list_name);
        let name_row = |name: &str, kind: &str| ListName {
            entry_id: entry_id.clone(),
            list_id: list_id.to_string(),
            name: name.to_string(),
            kind: kind.to_string(),
            script: script::detect_script(name).to_string(),
        };
        self.out.names.push(name_row(&d.name, kind::PRIMARY));
        for (n, k) in &d.names {
            self.out.names.push(name_row(n, k));
        }
        let join = |v: &[String]| (!v.is_empty()).then(|| v.join("; "));
        self.out.entries.push(ListEntry {
            entry_id,
            list_id: list_id.to_string(),
            list_name: list_name.to_string(),
            list_version: self.version.clone(),
            source_id: d.source_id,
            entity_type: d.entity_type.to_string(),
            name: d.name,
            programmes: join(&d.programmes),
            countries: (!d.countries.is_empty()).then(|| d.countries.join("; ")),
            listing_date: d.listing_date,
            identifiers: d.ids.to_json(),
            addresses: (!d.addresses.is_empty())
                .then(|| serde_json::Value::from(d.addresses).to_string()),
            remarks: d.remarks,
            source_file: self.source_file.clone(),
            source_position: d.position,
        });
    }

    fn count(&mut self, list_id: &str, list_name: &str) {
        match self.out.lists.iter_mut().find(|m| m.list_id == list_id) {
            Some(m) => m.entries += 1,
            None => self.out.lists.push(ListMeta {
                list_id: list_id.to_string(),
                list_name: list_name.to_string(),
                version: self.version.clone(),
                format: self.format.name().to_string(),
                entries: 1,
            }),
        }
    }

    pub fn finish(self) -> ListImport {
        self.out
    }
}
