//! `tradetrail entities`: build, search and show resolved parties, and record an analyst's merge, split and same/not-same judgements.
//!
//! Merge, split and judge are stored as judgements on stable mention keys and applied by rebuilding, so they survive every later `entities build`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use arrow::array::{Array, AsArray};
use clap::{Args, Subcommand};
use tradetrail_resolve::{Kind, blocking_keys, normalise, score::name_probability};
use tradetrail_store::{Decision, Judgements, Workspace, batches_to_table};

use crate::entities_build::{Built, build};

/// Arguments of `tradetrail entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    #[command(subcommand)]
    command: EntitiesCommand,
}

#[derive(Debug, Subcommand)]
enum EntitiesCommand {
    /// Resolve every party mention of every stored line into entities (tables party_mentions and entities).
    Build,
    /// Find entities by any of their names, in any script.
    Search {
        /// Name to look for.
        name: String,
        /// Entities to print at most.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Print an entity: names by script, countries, identifiers, mentions and the judgements on them.
    Show {
        /// Entity id (E and 16 hex digits).
        id: String,
    },
    /// Say two entities are one party (a same judgement between their main mentions), then rebuild.
    Merge {
        a: String,
        b: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Take a mention out of an entity (a not-same judgement against the entity's main mention), then rebuild.
    Split {
        /// Entity id.
        id: String,
        /// Mention key to take out.
        #[arg(long)]
        mention: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Judge two mentions (by mention key): same, not-same or unsure, then rebuild.
    Judge {
        a: String,
        b: String,
        /// same, not-same or unsure.
        decision: String,
        #[arg(long)]
        note: Option<String>,
    },
}

fn analyst() -> String {
    std::env::var("TRADETRAIL_ANALYST")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "analyst".into())
}

/// Prints what a build did.
pub fn print_built(built: &Option<Built>) {
    match built {
        Some(b) => println!(
            "resolved {} party mentions ({} distinct) into {} entities: {} candidate pairs, {} match edges, {} identifier links, {} merges refused (identifiers {}, judgements {}, representatives {})",
            b.line_mentions,
            b.distinct,
            b.entities,
            b.stats.candidate_pairs,
            b.stats.match_edges,
            b.stats.identifier_edges,
            b.stats.refused_identifiers
                + b.stats.refused_judgements
                + b.stats.refused_representatives,
            b.stats.refused_identifiers,
            b.stats.refused_judgements,
            b.stats.refused_representatives
        ),
        None => println!("entities are up to date"),
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn strings(batches: &[arrow::record_batch::RecordBatch], col: usize) -> Vec<String> {
    let mut out = Vec::new();
    for b in batches {
        let a = b.column(col);
        let a = arrow::compute::cast(a, &arrow::datatypes::DataType::Utf8).expect("cast to text");
        let s = a.as_string::<i32>();
        out.extend((0..s.len()).map(|i| {
            if s.is_null(i) {
                String::new()
            } else {
                s.value(i).to_string()
            }
        }));
    }
    out
}

/// The entity of a mention and the entity's main mention (most lines, then smallest key).
fn main_mention(ws: &Workspace, entity: &str) -> anyhow::Result<String> {
    let rt = crate::runtime()?;
    let b = rt.block_on(ws.query(&format!(
        "SELECT mention_key, COUNT(*) AS n FROM party_mentions WHERE entity_id = {} GROUP BY mention_key ORDER BY n DESC, mention_key LIMIT 1",
        quote(entity)
    )))?;
    strings(&b, 0).into_iter().next().with_context(|| {
        format!("no entity {entity}; run `tradetrail entities build` or `entities search NAME`")
    })
}

fn entity_of(ws: &Workspace, mention: &str) -> anyhow::Result<Option<String>> {
    let rt = crate::runtime()?;
    let b = rt.block_on(ws.query(&format!(
        "SELECT DISTINCT entity_id FROM party_mentions WHERE mention_key = {}",
        quote(mention)
    )))?;
    Ok(strings(&b, 0).into_iter().next())
}

fn judge(
    ws: &mut Workspace,
    a: &str,
    b: &str,
    decision: Decision,
    note: Option<&str>,
) -> anyhow::Result<()> {
    let (ea, eb) = (entity_of(ws, a)?, entity_of(ws, b)?);
    if ea.is_none() || eb.is_none() {
        bail!(
            "unknown mention key {}; `tradetrail entities show ID` lists them",
            if ea.is_none() { a } else { b }
        );
    }
    let before = if ea == eb {
        format!("same entity {}", ea.unwrap_or_default())
    } else {
        format!(
            "entities {} and {}",
            ea.unwrap_or_default(),
            eb.unwrap_or_default()
        )
    };
    let mut j = Judgements::open(ws.root())?;
    let rec = j.record(a, b, decision, &before, &analyst(), note)?;
    println!(
        "judgement {}: {} {} {} by {} at {} (before: {})",
        rec.id,
        rec.mention_a,
        rec.decision.as_str(),
        rec.mention_b,
        rec.who,
        rec.at,
        rec.before
    );
    print_built(&build(ws)?);
    let (ea, eb) = (entity_of(ws, a)?, entity_of(ws, b)?);
    println!(
        "now: {a} in {}, {b} in {}",
        ea.unwrap_or_default(),
        eb.unwrap_or_default()
    );
    Ok(())
}

fn search(ws: &Workspace, query: &str, limit: usize) -> anyhow::Result<()> {
    let rt = crate::runtime()?;
    let b = rt.block_on(
        ws.query("SELECT DISTINCT name, entity_id FROM party_mentions ORDER BY name, entity_id"),
    )?;
    let (names, ids) = (strings(&b, 0), strings(&b, 1));
    let q = normalise(query);
    let qkeys = blocking_keys(&q);
    let folded = tradetrail_resolve::mention::fold(query);
    let mut best: std::collections::BTreeMap<&str, (f64, &str)> = Default::default();
    for (name, id) in names.iter().zip(&ids) {
        let substring =
            !folded.is_empty() && tradetrail_resolve::mention::fold(name).contains(&folded);
        let n = normalise(name);
        if !substring && !blocking_keys(&n).iter().any(|k| qkeys.contains(k)) {
            continue;
        }
        let p = name_probability(&q, &n, Kind::Organisation).max(if substring { 0.5 } else { 0.0 });
        let e = best.entry(id.as_str()).or_insert((p, name.as_str()));
        if p > e.0 {
            *e = (p, name.as_str());
        }
    }
    let mut hits: Vec<(&str, f64, &str)> = best
        .into_iter()
        .filter(|(_, (p, _))| *p >= 0.1)
        .map(|(id, (p, n))| (id, p, n))
        .collect();
    hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    if hits.is_empty() {
        println!("no entity has a name like {query:?}");
    }
    for (id, p, name) in hits.into_iter().take(limit) {
        let row = rt.block_on(ws.query(&format!(
            "SELECT canonical_name, roles, lines FROM entities WHERE entity_id = {}",
            quote(id)
        )))?;
        let canon = strings(&row, 0).pop().unwrap_or_default();
        let lines = strings(&row, 2).pop().unwrap_or_default();
        println!("{id}  p={p:.2}  {canon}  (matched name: {name}; {lines} lines)");
    }
    Ok(())
}

fn show(ws: &Workspace, id: &str) -> anyhow::Result<()> {
    let rt = crate::runtime()?;
    let row = rt.block_on(ws.query(&format!(
        "SELECT * FROM entities WHERE entity_id = {}",
        quote(id)
    )))?;
    if row.iter().map(|b| b.num_rows()).sum::<usize>() == 0 {
        bail!("no entity {id}; `tradetrail entities search NAME` finds ids");
    }
    let schema = row[0].schema();
    let batch = row.iter().find(|b| b.num_rows() > 0).expect("one row");
    for (i, f) in schema.fields().iter().enumerate() {
        let v = strings(std::slice::from_ref(batch), i)
            .pop()
            .unwrap_or_default();
        println!("{:<16} {v}", f.name());
    }
    let mentions = rt.block_on(ws.query(&format!(
        "SELECT mention_key, name, role, COUNT(*) AS lines FROM party_mentions WHERE entity_id = {} GROUP BY mention_key, name, role ORDER BY lines DESC, mention_key, name LIMIT 50",
        quote(id)
    )))?;
    println!("\nmentions (first 50):\n{}", batches_to_table(&mentions));
    let keys: std::collections::BTreeSet<String> = strings(&mentions, 0).into_iter().collect();
    let j = Judgements::open(ws.root())?;
    let mut seen = std::collections::BTreeSet::new();
    for k in &keys {
        for h in j.history(k)? {
            if seen.insert(h.id) {
                println!(
                    "judgement {}: {} {} {} by {} at {} (before: {}){}",
                    h.id,
                    h.mention_a,
                    h.decision.as_str(),
                    h.mention_b,
                    h.who,
                    h.at,
                    h.before,
                    h.note.map(|n| format!(" note: {n}")).unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}

pub fn run(home: &Path, args: EntitiesArgs) -> anyhow::Result<ExitCode> {
    let mut ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    match args.command {
        EntitiesCommand::Build => print_built(&build(&mut ws)?),
        EntitiesCommand::Search { name, limit } => search(&ws, &name, limit)?,
        EntitiesCommand::Show { id } => show(&ws, &id)?,
        EntitiesCommand::Merge { a, b, note } => {
            let (ma, mb) = (main_mention(&ws, &a)?, main_mention(&ws, &b)?);
            judge(&mut ws, &ma, &mb, Decision::Same, note.as_deref())?;
        }
        EntitiesCommand::Split { id, mention, note } => {
            let main = main_mention(&ws, &id)?;
            let main = if main == mention {
                // Splitting the main mention off: judge it against the next one.
                let rt = crate::runtime()?;
                let b = rt.block_on(ws.query(&format!(
                    "SELECT mention_key, COUNT(*) AS n FROM party_mentions WHERE entity_id = {} AND mention_key <> {} GROUP BY mention_key ORDER BY n DESC, mention_key LIMIT 1",
                    quote(&id), quote(&mention)
                )))?;
                strings(&b, 0)
                    .into_iter()
                    .next()
                    .with_context(|| format!("entity {id} has only the one mention"))?
            } else {
                main
            };
            judge(&mut ws, &mention, &main, Decision::NotSame, note.as_deref())?;
        }
        EntitiesCommand::Judge {
            a,
            b,
            decision,
            note,
        } => {
            let d = Decision::parse(&decision)
                .with_context(|| format!("decision {decision:?}: say same, not-same or unsure"))?;
            judge(&mut ws, &a, &b, d, note.as_deref())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
