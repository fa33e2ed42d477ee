//! The report as Markdown: the same sections as the HTML page, tables as pipe tables and each query in a code block, for newsrooms' editors and wikis.

use serde_json::Value;

use crate::table::cell_text;
use crate::{Query, Report, Section, grouped};

/// Rows shown per table; the JSON report carries them all.
const MAX_ROWS: usize = 50;

/// The document.
pub fn render(r: &Report) -> String {
    let mut out = format!("# {}\n\n", r.title);
    out.push_str(&format!("Counted: {}.\n", r.scope_text));
    out.push_str(&format!(
        "Built from workspace state: {}.\n\n",
        r.workspace_state
    ));
    out.push_str(&format!("**{}**\n\n", r.headline.text));
    for s in &r.sections {
        section(&mut out, s);
    }
    out.push_str("## What the data cannot show\n\n");
    for p in &r.limits {
        out.push_str(p);
        out.push_str("\n\n");
    }
    out.push_str("## The lines counted\n\nEvery query above starts from this view:\n\n```sql\nWITH lines AS (");
    out.push_str(&r.lines_view);
    out.push_str(")\n```\n");
    out
}

fn section(out: &mut String, s: &Section) {
    out.push_str(&format!("## {}\n\n", s.title));
    for line in s.note.lines() {
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    if s.table.rows.is_empty() {
        out.push_str("_No rows._\n\n");
    } else {
        let cols: Vec<&str> = s.table.columns.iter().map(String::as_str).collect();
        out.push_str(&format!("| {} |\n", cols.join(" | ")));
        let align: Vec<&str> = s
            .table
            .rows
            .first()
            .map(|row| {
                row.iter()
                    .map(|v| if v.is_number() { "---:" } else { "---" })
                    .collect()
            })
            .unwrap_or_default();
        out.push_str(&format!("| {} |\n", align.join(" | ")));
        for row in s.table.rows.iter().take(MAX_ROWS) {
            let cells: Vec<String> = cols.iter().zip(row).map(|(c, v)| cell(c, v)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        if s.table.rows.len() > MAX_ROWS {
            out.push_str(&format!(
                "\n{} more rows in the JSON report.\n",
                s.table.rows.len() - MAX_ROWS
            ));
        }
        out.push('\n');
    }
    match &s.query {
        Query::Sql(sql) => out.push_str(&format!("```sql\n{sql}\n```\n\n")),
        Query::Command(c) => out.push_str(&format!("```sh\n{c}\n```\n\n")),
    }
}

fn cell(column: &str, v: &Value) -> String {
    let text = match v {
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            if column.ends_with("_usd") {
                format!("${}", grouped(x))
            } else if column.ends_with("_pct") {
                format!("{x:.1}%")
            } else if n.is_f64() && x.fract() != 0.0 {
                format!("{x:.3}")
            } else {
                grouped(x)
            }
        }
        Value::String(s) if column == "evidence_rows" => {
            let rows: Vec<serde_json::Map<String, Value>> =
                serde_json::from_str(s).unwrap_or_default();
            rows.iter()
                .take(3)
                .map(|r| {
                    let file = r.get("file").and_then(cell_text).unwrap_or_default();
                    let line = r.get("line").and_then(cell_text).unwrap_or_default();
                    let file = file.rsplit(['/', '\\']).next().unwrap_or(&file).to_owned();
                    format!("{file}:{line}")
                })
                .collect::<Vec<_>>()
                .join(", ")
                + &if rows.len() > 3 {
                    format!(" (+{})", rows.len() - 3)
                } else {
                    String::new()
                }
        }
        other => cell_text(other).unwrap_or_default(),
    };
    text.replace('|', "\\|").replace('\n', " ")
}
