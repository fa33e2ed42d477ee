//! Reads OFAC's legacy four-file CSV layout (sdn.csv, add.csv, alt.csv, sdn_comments.csv and the cons_* twins of the non-SDN list).
//!
//! The files have no header, are Windows-1252, write `-0-` for empty and end with a 0x1A byte.
//! Addresses, aliases and comment continuations join the main file on `ent_num`.
//! Rows whose `ent_num` is not in the main file are orphans: they are counted as issues, never dropped silently.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::builder::{Draft, Sink, kind};
use crate::identifiers;
use crate::{Error, ListFormat, ListImport, read_file};

/// Which of OFAC's two lists the files hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    /// The SDN list: sdn.csv, add.csv, alt.csv, sdn_comments.csv.
    Sdn,
    /// The consolidated non-SDN list: cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv.
    Cons,
}

/// The four roles a file plays, in the order of [`Flavour::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Primary,
    Address,
    Alias,
    Comment,
}

const ROLES: [Role; 4] = [Role::Primary, Role::Address, Role::Alias, Role::Comment];

impl Flavour {
    fn files(self) -> [&'static str; 4] {
        match self {
            Flavour::Sdn => ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"],
            Flavour::Cons => [
                "cons_prim.csv",
                "cons_add.csv",
                "cons_alt.csv",
                "cons_comments.csv",
            ],
        }
    }

    fn list(self) -> (&'static str, &'static str) {
        match self {
            Flavour::Sdn => (
                "us-ofac-sdn",
                "OFAC Specially Designated Nationals and Blocked Persons List",
            ),
            Flavour::Cons => ("us-ofac-cons", "OFAC Consolidated Sanctions List (non-SDN)"),
        }
    }

    fn format(self) -> ListFormat {
        match self {
            Flavour::Sdn => ListFormat::OfacSdnCsv,
            Flavour::Cons => ListFormat::OfacConsCsv,
        }
    }
}

/// Imports the four files from a folder, or from the folder of the given file.
pub(crate) fn import_path(flavour: Flavour, path: &Path) -> Result<ListImport, Error> {
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    };
    let listing: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    let find = |name: &str| {
        listing
            .iter()
            .find(|p| {
                p.file_name()
                    .is_some_and(|f| f.to_string_lossy().eq_ignore_ascii_case(name))
            })
            .cloned()
    };
    let names = flavour.files();
    let mut files: Vec<Option<(String, Vec<u8>)>> = Vec::new();
    for name in names {
        match find(name) {
            Some(p) => files.push(Some((p.to_string_lossy().into_owned(), read_file(&p)?))),
            None => files.push(None),
        }
    }
    if files[0].is_none() {
        return Err(Error::MissingFile {
            path: dir,
            file: names[0].to_string(),
        });
    }
    let borrowed: Vec<Option<(&str, &[u8])>> = files
        .iter()
        .map(|f| f.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())))
        .collect();
    Ok(build(flavour, &borrowed))
}

/// Imports one file of the layout; its name says its role (the main file when unsure).
pub(crate) fn import_single(flavour: Flavour, name: &str, bytes: &[u8]) -> ListImport {
    let base = Path::new(name)
        .file_name()
        .map(|f| f.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let role = flavour.files().iter().position(|f| *f == base).unwrap_or(0);
    let mut files: Vec<Option<(&str, &[u8])>> = vec![None; 4];
    files[role] = Some((name, bytes));
    build(flavour, &files)
}

/// Decodes Windows-1252 text and drops the trailing end-of-file byte.
fn decode(bytes: &[u8]) -> String {
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    text.trim_end_matches(['\u{1a}', '\r', '\n', ' '])
        .to_string()
}

/// One parsed row: its line number and its fields, `-0-` read as empty.
struct Row {
    line: u64,
    fields: Vec<String>,
}

impl Row {
    fn get(&self, i: usize) -> &str {
        self.fields.get(i).map(String::as_str).unwrap_or("")
    }
}

/// Every row of one file; rows the CSV reader rejects become `bad_record` issues.
fn rows(text: &str, sink: &mut Sink) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = crate::builder::Lines::new(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| lines.line_of(p.byte()));
                // Only trailing space is padding (`-0- `); a comment continuation may start with a space that matters.
                let fields = r
                    .iter()
                    .map(|f| {
                        let f = f.trim_end();
                        if f.trim() == "-0-" {
                            String::new()
                        } else {
                            f.to_string()
                        }
                    })
                    .collect();
                out.push(Row { line, fields });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_of(p.byte()));
                sink.issue(
                    line.to_string(),
                    "bad_record",
                    format!("unreadable CSV record: {e}"),
                );
            }
        }
    }
    out
}

/// The entity type of an SDN_Type cell (empty means an organisation).
fn entity_type(t: &str) -> Option<&'static str> {
    match t.to_ascii_lowercase().as_str() {
        "" => Some("organization"),
        "individual" => Some("person"),
        "vessel" => Some("vessel"),
        "aircraft" => Some("aircraft"),
        _ => None,
    }
}

fn build(flavour: Flavour, files: &[Option<(&str, &[u8])>]) -> ListImport {
    let (list_id, list_name) = flavour.list();
    let names = flavour.files();
    let primary_name = files[0].map_or(names[0], |(n, _)| n);
    let mut sink = Sink::new(flavour.format(), list_id, primary_name);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (role, file) in ROLES.iter().zip(files) {
        let Some((file_name, bytes)) = file else {
            if *role != Role::Primary {
                sink.set_source_file(names[*role as usize]);
                sink.issue(
                    "-",
                    "missing_file",
                    format!(
                        "{} is absent; its facts are missing from the import",
                        names[*role as usize]
                    ),
                );
            }
            continue;
        };
        sink.set_source_file(file_name);
        let text = decode(bytes);
        for row in rows(&text, &mut sink) {
            read_row(*role, &row, &mut sink, &mut drafts, &mut index);
        }
    }
    sink.set_source_file(primary_name);
    for mut d in drafts {
        if let Some(r) = d.remarks.clone() {
            identifiers::from_ofac_remarks(&r, &mut d.ids);
            remark_facts(&r, &mut d);
        }
        sink.push(list_id, list_name, d);
    }
    sink.finish()
}

fn read_row(
    role: Role,
    row: &Row,
    sink: &mut Sink,
    drafts: &mut Vec<Draft>,
    index: &mut HashMap<String, usize>,
) {
    let pos = row.line.to_string();
    let ent = row.get(0).trim();
    if row.fields.iter().all(String::is_empty) {
        return;
    }
    if ent.is_empty() || !ent.bytes().all(|b| b.is_ascii_digit()) {
        sink.issue(
            pos,
            "bad_record",
            format!("ent_num {ent:?} is not a number; row skipped"),
        );
        return;
    }
    let (expected, minimum) = match role {
        Role::Primary => (12, 2),
        Role::Address => (6, 3),
        Role::Alias => (5, 4),
        Role::Comment => (2, 2),
    };
    if row.fields.len() < minimum {
        sink.issue(
            pos,
            "bad_record",
            format!(
                "ent_num {ent}: {} fields, expected {expected}; row skipped",
                row.fields.len()
            ),
        );
        return;
    }
    if row.fields.len() != expected {
        sink.issue(
            &pos,
            "bad_record",
            format!(
                "ent_num {ent}: {} fields, expected {expected}; read what is there",
                row.fields.len()
            ),
        );
    }
    if role == Role::Primary {
        let type_cell = row.get(2);
        let et = entity_type(type_cell).unwrap_or_else(|| {
            sink.issue(
                &pos,
                "unknown_field",
                format!("ent_num {ent}: unknown SDN_Type {type_cell:?}"),
            );
            "unknown"
        });
        let mut d = Draft::new(ent, et, row.get(1), pos);
        for p in row.get(3).split("] [") {
            d.add_programme(p.trim_matches(['[', ']', ' ']));
        }
        d.ids.push("call_sign", row.get(5));
        d.add_country(row.get(9));
        d.add_remark(row.get(11));
        if index.insert(ent.to_string(), drafts.len()).is_some() {
            sink.issue(
                &d.position,
                "duplicate_id",
                format!("ent_num {ent} appears twice in the main file"),
            );
        }
        drafts.push(d);
        return;
    }
    let Some(&i) = index.get(ent) else {
        let (code, what) = match role {
            Role::Address => ("orphan_address", "address"),
            Role::Alias => ("orphan_alias", "alias"),
            _ => ("orphan_comment", "comment"),
        };
        sink.issue(
            pos,
            code,
            format!(
                "{what} row {} of ent_num {ent}, which is not in the main file",
                row.get(1)
            ),
        );
        return;
    };
    let d = &mut drafts[i];
    match role {
        Role::Address => {
            let parts: Vec<&str> = [row.get(2), row.get(3), row.get(4)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            d.add_address(&parts.join(", "));
            d.add_country(row.get(4));
        }
        Role::Alias => {
            let alt_type = row.get(2).to_ascii_lowercase();
            if !matches!(alt_type.as_str(), "aka" | "fka" | "nka") {
                sink.issue(
                    &pos,
                    "unknown_field",
                    format!("ent_num {ent}: unknown alt_type {alt_type:?}, read as alias"),
                );
            }
            d.add_name(row.get(3), kind::ALIAS);
        }
        Role::Comment => {
            // Continuation of the main file's remarks, often cut mid-word.
            let text = row.get(1);
            match &mut d.remarks {
                Some(r) => r.push_str(text),
                None => d.remarks = Some(text.to_string()),
            }
        }
        Role::Primary => unreachable!("handled above"),
    }
}

/// Reads the names and countries OFAC writes only into the remarks.
///
/// Weak aliases are `a.k.a. 'NAME'`, former names `f.k.a. 'NAME'`, and nationality and citizenship countries `nationality Russia`.
fn remark_facts(remarks: &str, d: &mut Draft) {
    for item in remarks.split(';') {
        let item = item.trim().trim_end_matches('.');
        let bare = item.strip_prefix("alt. ").unwrap_or(item);
        if let Some(c) = bare
            .strip_prefix("nationality ")
            .or_else(|| bare.strip_prefix("citizen "))
        {
            d.add_country(c);
            continue;
        }
        let (rest, kind) = if let Some(r) = item.strip_prefix("a.k.a. ") {
            (r, kind::WEAK_ALIAS)
        } else if let Some(r) = item
            .strip_prefix("f.k.a. ")
            .or_else(|| item.strip_prefix("n.k.a. "))
        {
            (r, kind::ALIAS)
        } else {
            continue;
        };
        let name = rest.trim();
        let name = name
            .strip_prefix('\'')
            .and_then(|n| n.strip_suffix('\''))
            .unwrap_or(name);
        d.add_name(name, kind);
    }
}
