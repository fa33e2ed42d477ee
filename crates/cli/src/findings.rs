//! `tradetrail findings`: lists the stored findings with filters, strongest first, each with its features and the source rows it rests on.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;
use tradetrail_detect::Severity;
use tradetrail_model::Finding;
use tradetrail_store::Workspace;

/// Arguments of `tradetrail findings`.
#[derive(Debug, Args)]
pub struct FindingsArgs {
    /// Only this detector code (e.g. TT-UNDERVALUE); repeatable.
    #[arg(long)]
    pub code: Vec<String>,
    /// Only findings of this severity or stronger: low, medium or high.
    #[arg(long)]
    pub severity: Option<String>,
    /// Only findings about this entity: its id, or words of its name.
    #[arg(long)]
    pub entity: Option<String>,
    /// Only findings with evidence on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Only findings with evidence on or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Findings to print at most.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// One JSON object per line instead of text.
    #[arg(long)]
    pub json: bool,
}

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn date(text: &str, flag: &str) -> anyhow::Result<String> {
    let ok = text.len() == 10
        && text.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !ok {
        bail!("{flag} {text}: expected a date as YYYY-MM-DD");
    }
    Ok(format!("DATE '{text}'"))
}

/// The SQL that selects the findings the arguments ask for.
pub fn query(args: &FindingsArgs) -> anyhow::Result<String> {
    let mut filters: Vec<String> = Vec::new();
    if !args.code.is_empty() {
        let codes: Vec<String> = args
            .code
            .iter()
            .map(|c| quote(&c.trim().to_ascii_uppercase()))
            .collect();
        filters.push(format!("code IN ({})", codes.join(", ")));
    }
    if let Some(s) = &args.severity {
        let min = Severity::parse(s)
            .with_context(|| format!("--severity {s}: expected low, medium or high"))?;
        let names: Vec<String> = Severity::ALL
            .into_iter()
            .filter(|x| *x >= min)
            .map(|x| quote(x.as_str()))
            .collect();
        filters.push(format!("severity IN ({})", names.join(", ")));
    }
    if let Some(e) = &args.entity {
        filters.push(format!(
            "(entity_id = {} OR strpos(upper(entity_name), {}) > 0)",
            quote(e.trim()),
            quote(&e.trim().to_uppercase())
        ));
    }
    if let Some(s) = &args.since {
        filters.push(format!("last_date >= {}", date(s, "--since")?));
    }
    if let Some(u) = &args.until {
        filters.push(format!("first_date <= {}", date(u, "--until")?));
    }
    let filter = if filters.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", filters.join(" AND "))
    };
    Ok(format!(
        "SELECT * FROM findings{filter} ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, score DESC, finding_id LIMIT {}",
        args.limit
    ))
}

fn as_json(f: &Finding) -> serde_json::Value {
    let parse = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap_or_default();
    serde_json::json!({
        "finding_id": f.finding_id,
        "code": f.code,
        "severity": f.severity,
        "score": f.score,
        "subject_kind": f.subject_kind,
        "subject": f.subject,
        "entity_id": f.entity_id,
        "entity_name": f.entity_name,
        "first_date": f.first_date.map(tradetrail_model::iso_date),
        "last_date": f.last_date.map(tradetrail_model::iso_date),
        "summary": f.summary,
        "features": parse(&f.features),
        "evidence_rows": parse(&f.evidence_rows),
        "evidence_list_entries": f.evidence_list_entries.as_deref().map(parse),
        "evidence_paths": f.evidence_paths.as_deref().map(parse),
    })
}

fn print_text(f: &Finding) {
    let day = |d: Option<i32>| d.map_or_else(|| "?".into(), tradetrail_model::iso_date);
    println!(
        "{} {} [{}] score {:.2}  {} to {}  {}",
        f.finding_id,
        f.code,
        f.severity,
        f.score.unwrap_or(0.0),
        day(f.first_date),
        day(f.last_date),
        f.entity_name.as_deref().unwrap_or("")
    );
    println!("  {}", f.summary);
    let features: Vec<serde_json::Value> = serde_json::from_str(&f.features).unwrap_or_default();
    let parts: Vec<String> = features
        .iter()
        .map(|x| {
            format!(
                "{} {} (+{})",
                x["name"].as_str().unwrap_or("?"),
                x["value"],
                x["contribution"]
            )
        })
        .collect();
    println!("  features: {}", parts.join(", "));
    if let Some(entries) = f.evidence_list_entries.as_deref() {
        let entries: Vec<String> = serde_json::from_str(entries).unwrap_or_default();
        println!("  list entries: {}", entries.join(", "));
    }
    if let Some(paths) = f.evidence_paths.as_deref() {
        let paths: Vec<Vec<String>> = serde_json::from_str(paths).unwrap_or_default();
        for p in paths.iter().take(3) {
            println!("  path: {}", p.join(" > "));
        }
        if paths.len() > 3 {
            println!(
                "  ... and {} more paths (--json lists them all)",
                paths.len() - 3
            );
        }
    }
    let rows: Vec<serde_json::Value> = serde_json::from_str(&f.evidence_rows).unwrap_or_default();
    for r in rows.iter().take(5) {
        println!(
            "  evidence: {} line {} ({}, record {})",
            r["file"].as_str().unwrap_or("?"),
            r["line"],
            r["dataset"].as_str().unwrap_or("?"),
            r["record_id"].as_str().unwrap_or("?")
        );
    }
    if rows.len() > 5 {
        println!(
            "  ... and {} more rows (--json lists them all)",
            rows.len() - 5
        );
    }
}

pub fn run(home: &Path, args: FindingsArgs) -> anyhow::Result<ExitCode> {
    let ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    if ws.manifest().find_import("derived", "findings").is_none() {
        bail!(
            "workspace {} has no findings yet: run `tradetrail detect` first",
            home.display()
        );
    }
    let sql = query(&args)?;
    let rt = crate::runtime()?;
    let batches = rt.block_on(ws.query(&sql))?;
    let mut shown = 0;
    for b in &batches {
        for f in Finding::from_batch(b).context("findings have the findings schema")? {
            if args.json {
                println!("{}", as_json(&f));
            } else {
                print_text(&f);
                println!();
            }
            shown += 1;
        }
    }
    if !args.json {
        println!("{shown} findings shown; query: {sql}");
    }
    Ok(ExitCode::SUCCESS)
}
