//! Reads the US restricted-party JSON extractions (`{list_id, source_file, extracted, count, entities: [...]}`), one list per file.
//!
//! A folder is read file by file, with `lists.json` giving the human list names.
//! The list id is `us-<list_id>-<year extracted>`, e.g. `us-bis-entity-list-2026`, so it never collides with the official feeds.
//! A file whose `count` differs from its number of entities gets a `count_mismatch` issue.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::builder::{Draft, Sink, kind};
use crate::identifiers::from_ofac_remarks;
use crate::{Error, ListFormat, ListImport, dates, read_file};

/// Imports a folder of list files (with an optional lists.json) or one list file.
pub(crate) fn import_path(path: &Path) -> Result<ListImport, Error> {
    if !path.is_dir() {
        let bytes = read_file(path)?;
        let names = path.parent().map(list_names).unwrap_or_default();
        return import_file(&path.to_string_lossy(), &bytes, Some(&names));
    }
    let names = list_names(path);
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .filter(|p| p.file_name().is_some_and(|f| f != "lists.json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::MissingFile {
            path: path.to_path_buf(),
            file: "*.json".into(),
        });
    }
    let mut out = ListImport::default();
    for f in files {
        let bytes = read_file(&f)?;
        out.extend(import_file(&f.to_string_lossy(), &bytes, Some(&names))?);
    }
    Ok(out)
}

/// The short names of lists.json by list id; empty when the file is absent or unreadable.
fn list_names(dir: &Path) -> HashMap<String, String> {
    let Ok(bytes) = std::fs::read(dir.join("lists.json")) else {
        return HashMap::new();
    };
    let v: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    v.get("lists")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| {
            Some((
                l.get("id")?.as_str()?.to_string(),
                l.get("short_name")?.as_str()?.to_string(),
            ))
        })
        .collect()
}

fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Imports one list file.
pub(crate) fn import_file(
    name: &str,
    bytes: &[u8],
    names: Option<&HashMap<String, String>>,
) -> Result<ListImport, Error> {
    let not_json = |message: String| Error::NotJson {
        path: PathBuf::from(name),
        message,
    };
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| not_json(e.to_string()))?;
    let Some(entities) = doc.get("entities").and_then(Value::as_array) else {
        return Err(not_json("no `entities` array".into()));
    };
    let raw_id = text(&doc, "list_id");
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().replace('_', "-"))
        .unwrap_or_default();
    let raw_id = if raw_id.is_empty() { stem } else { raw_id };
    let extracted = text(&doc, "extracted");
    let year = extracted
        .get(..4)
        .filter(|y| y.chars().all(|c| c.is_ascii_digit()));
    let list_id = match year {
        Some(y) => format!("us-{raw_id}-{y}"),
        None => format!("us-{raw_id}"),
    };
    let list_name = names
        .and_then(|n| n.get(&raw_id))
        .cloned()
        .unwrap_or_else(|| raw_id.clone());
    let mut sink = Sink::new(ListFormat::UsRestrictedJson, &list_id, name);
    sink.set_version(Some(extracted.clone()));
    if let Some(count) = doc.get("count").and_then(Value::as_u64)
        && count != entities.len() as u64
    {
        sink.issue(
            "count",
            "count_mismatch",
            format!(
                "file states count {count} but holds {} entities",
                entities.len()
            ),
        );
    }
    for (i, e) in entities.iter().enumerate() {
        let pos = format!("entities[{i}]");
        if !e.is_object() {
            sink.issue(&pos, "bad_record", "entity is not a JSON object; skipped");
            continue;
        }
        let mut d = Draft::new(i.to_string(), "unknown", &text(e, "name"), pos.clone());
        for a in e
            .get("aliases")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            match a.as_str() {
                Some(a) => d.add_name(a, kind::ALIAS),
                None => sink.issue(&pos, "bad_value", format!("alias {a} is not a string")),
            }
        }
        for c in text(e, "country").split(';') {
            d.add_country(c);
        }
        d.add_address(&text(e, "address"));
        let date = text(e, "effective_date");
        d.listing_date = dates::parse_date(&date);
        if !date.is_empty() && d.listing_date.is_none() {
            sink.issue(
                &pos,
                "bad_value",
                format!("effective_date {date:?} is not a date"),
            );
        }
        let notes = text(e, "notes");
        from_ofac_remarks(&notes, &mut d.ids);
        d.add_remark(&notes);
        let status = text(e, "status");
        if !status.is_empty() {
            d.add_remark(&format!("Status: {status}"));
        }
        d.add_programme(&text(e, "federal_register"));
        sink.push(&list_id, &list_name, d);
    }
    Ok(sink.finish())
}
