//! `tradetrail lists`: import sanctions and export-control lists in their official formats, show what is loaded, update from the official sources.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use tradetrail_lists::{ListFormat, ListImport};
use tradetrail_model::{ImportIssueBatchBuilder, ListEntryBatchBuilder, ListNameBatchBuilder};
use tradetrail_store::{ImportSpec, Table, Workspace, batches_to_table};

use crate::imports::{TableRows, batches, commit_import, digest_bytes, digest_path, download};

/// Arguments of `tradetrail lists`.
#[derive(Debug, Args)]
pub struct ListsArgs {
    #[command(subcommand)]
    command: Option<ListsCommand>,
}

#[derive(Debug, Subcommand)]
enum ListsCommand {
    /// Import one list file (or folder, for multi-file formats) from a path or URL.
    Import {
        /// ofac-sdn-csv, ofac-cons-csv, ofac-xml, un-xml, csl-csv, us-restricted-json, eu-csv or ftm-json.
        format: String,
        /// Path (file or folder) or http(s) URL.
        source: String,
        /// Name of the import; a later import with the same name replaces it (default: the list id, or format and file name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Show the loaded lists with their versions, dates and counts (the default).
    Show,
    /// Download every list from its official URL (needs network), or read a local mirror with --from.
    Update {
        /// A folder holding the official files under their official names.
        #[arg(long)]
        from: Option<PathBuf>,
    },
}

pub fn run(home: &Path, args: ListsArgs) -> anyhow::Result<ExitCode> {
    let mut ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    match args.command.unwrap_or(ListsCommand::Show) {
        ListsCommand::Import {
            format,
            source,
            name,
        } => {
            let format = parse_format(&format)?;
            import(&mut ws, format, &source, name.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        ListsCommand::Show => {
            show(&ws)?;
            Ok(ExitCode::SUCCESS)
        }
        ListsCommand::Update { from } => update(&mut ws, from.as_deref()),
    }
}

fn parse_format(name: &str) -> anyhow::Result<ListFormat> {
    ListFormat::parse(name).with_context(|| {
        let known: Vec<_> = ListFormat::ALL.iter().map(|f| f.name()).collect();
        format!(
            "unknown list format {name:?}; formats are: {}",
            known.join(", ")
        )
    })
}

/// Imports one list from a path or URL and prints what it holds.
pub fn import(
    ws: &mut Workspace,
    format: ListFormat,
    source: &str,
    name: Option<&str>,
) -> anyhow::Result<()> {
    let (list, digest) = if source.starts_with("http://") || source.starts_with("https://") {
        let bytes = download(source)?;
        let name = source.rsplit('/').next().unwrap_or(source);
        (
            tradetrail_lists::import_bytes(format, name, &bytes)?,
            digest_bytes(&bytes),
        )
    } else {
        let path = Path::new(source);
        (
            tradetrail_lists::import_path(format, path)?,
            digest_path(path)?,
        )
    };
    let mut ids: Vec<&str> = list.lists.iter().map(|m| m.list_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    // The name is the key a later import replaces: the list itself, or the format and file for multi-list files.
    let name = match (name, ids.as_slice()) {
        (Some(name), _) => name.to_owned(),
        (None, [one]) => (*one).to_owned(),
        (None, _) => {
            let file = source
                .trim_end_matches('/')
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(source);
            format!("{}:{file}", format.name())
        }
    };
    let versions: Vec<&str> = list
        .lists
        .iter()
        .filter_map(|m| m.version.as_deref())
        .collect();
    let spec = ImportSpec {
        kind: "list".into(),
        name,
        format: format.name().into(),
        source: source.into(),
        digest,
        version: versions.first().map(|v| (*v).to_owned()),
    };
    let name = spec.name.clone();
    let tables = list_tables(&list);
    match commit_import(ws, spec, tables)? {
        None => println!("{source}: already loaded (same bytes), nothing changed"),
        Some(record) => {
            println!(
                "{source}: {} entries, {} names, {} issues ({}, import {})",
                list.entries.len(),
                list.names.len(),
                list.issues.len(),
                name,
                record.import_id
            );
            for meta in &list.lists {
                println!(
                    "    {:<28} {:>7} entries  version {}",
                    meta.list_id,
                    meta.entries,
                    meta.version.as_deref().unwrap_or("-")
                );
            }
        }
    }
    Ok(())
}

fn list_tables(list: &ListImport) -> Vec<TableRows> {
    vec![
        TableRows {
            table: Table::ListEntries,
            batches: batches(
                &list.entries,
                |b: &mut ListEntryBatchBuilder, r| b.push(r),
                |b| b.finish(),
            ),
        },
        TableRows {
            table: Table::ListNames,
            batches: batches(
                &list.names,
                |b: &mut ListNameBatchBuilder, r| b.push(r),
                |b| b.finish(),
            ),
        },
        TableRows {
            table: Table::ImportIssues,
            batches: batches(
                &list.issues,
                |b: &mut ImportIssueBatchBuilder, r| b.push(r),
                |b| b.finish(),
            ),
        },
    ]
}

fn show(ws: &Workspace) -> anyhow::Result<()> {
    let rt = crate::runtime()?;
    let loaded = rt.block_on(ws.query(
        "SELECT e.list_id, MAX(e.list_name) AS list_name, MAX(e.list_version) AS version, COUNT(*) AS entries, \
         CAST(MIN(e.listing_date) AS VARCHAR) AS first_listed, CAST(MAX(e.listing_date) AS VARCHAR) AS last_listed \
         FROM list_entries e GROUP BY e.list_id ORDER BY e.list_id",
    ))?;
    if loaded.iter().all(|b| b.num_rows() == 0) {
        println!("no lists loaded; import one with: tradetrail lists import FORMAT PATH|URL");
        return Ok(());
    }
    println!("{}", batches_to_table(&loaded));
    let imports = rt.block_on(ws.query(
        "SELECT import_id, name, format, version, issues, source FROM imports WHERE kind = 'list' ORDER BY import_id",
    ))?;
    println!("{}", batches_to_table(&imports));
    Ok(())
}

fn update(ws: &mut Workspace, from: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut failed = 0;
    let sources = tradetrail_lists::official_sources();
    for source in sources {
        let result = match from {
            Some(dir) => {
                let present: Vec<_> = source
                    .files
                    .iter()
                    .map(|f| dir.join(f))
                    .filter(|p| p.exists())
                    .collect();
                match present.as_slice() {
                    [] => {
                        println!(
                            "{}: not in {} (expected {}), skipped",
                            source.list_id,
                            dir.display(),
                            source.files.join(", ")
                        );
                        continue;
                    }
                    [single] if source.files.len() == 1 => {
                        import(ws, source.format, &single.to_string_lossy(), None)
                    }
                    _ => import(ws, source.format, &dir.to_string_lossy(), None),
                }
            }
            None => match source.urls.first() {
                Some(url) => import(ws, source.format, url, None),
                None => {
                    println!("{}: no official URL known", source.list_id);
                    continue;
                }
            },
        };
        if let Err(err) = result {
            failed += 1;
            eprintln!("error: {}: {err:#}", source.list_id);
        }
    }
    if failed == sources.len() && !sources.is_empty() {
        bail!("no list could be updated");
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
