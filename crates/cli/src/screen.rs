//! `tradetrail screen`: screens every resolved entity (or one name) against the loaded sanctions and export-control lists, and records analysts' reviews of the hits.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use futures::StreamExt;
use rayon::prelude::*;
use tradetrail_model::{EntityRow, ListEntry, ListName, ScreeningHit, ScreeningHitBatchBuilder};
use tradetrail_screen::{
    DEFAULT_THRESHOLD, Hit, Index, Options, Query, QueryKind, targets_from_rows,
};
use tradetrail_store::{HitDecision, HitReviews, ImportSpec, Table, Workspace};
use xxhash_rust::xxh3::Xxh3;

/// Arguments of `tradetrail screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    #[command(subcommand)]
    command: Option<ScreenCommand>,
    /// Screen this one name instead of every entity (any script).
    #[arg(long)]
    name: Option<String>,
    /// Country of the named party (ISO code or name), with --name.
    #[arg(long)]
    country: Option<String>,
    /// Identifier of the named party (INN, OGRN, BIN, USCC, registration or IMO number), with --name or alone.
    #[arg(long)]
    id: Option<String>,
    /// FollowTheMoney schema of the named party: Company, Organization, Person, LegalEntity, Vessel, Airplane.
    #[arg(long, default_value = "LegalEntity")]
    schema: String,
    /// Most results per party.
    #[arg(long, default_value_t = 5)]
    limit: usize,
    /// Lowest score shown and the match threshold.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum ScreenCommand {
    /// List the hits of the last batch run with their review status (cleared hits hidden unless --all).
    Hits {
        /// Show cleared hits too.
        #[arg(long)]
        all: bool,
        /// Only hits of this entity.
        #[arg(long)]
        entity: Option<String>,
        /// Print JSON lines instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Record a review of one hit: confirm, clear or reopen.
    Review {
        /// Entity id (from `screen hits`).
        entity: String,
        /// List entry id, e.g. us-ofac-sdn:12345.
        entry: String,
        /// confirm, clear or reopen.
        decision: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
        /// Who reviews (default: $USER).
        #[arg(long, env = "USER", default_value = "analyst")]
        who: String,
    },
}

pub fn run(home: &Path, args: ScreenArgs) -> anyhow::Result<ExitCode> {
    let mut ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    match args.command {
        Some(ScreenCommand::Hits { all, entity, json }) => {
            print_hits(&ws, all, entity.as_deref(), json)
        }
        Some(ScreenCommand::Review {
            entity,
            entry,
            decision,
            note,
            who,
        }) => review(&ws, &entity, &entry, &decision, note.as_deref(), &who),
        None if args.name.is_some() || args.id.is_some() => {
            let index = load_index(&ws)?;
            let query = Query {
                names: args.name.into_iter().collect(),
                kind: QueryKind::from_schema(&args.schema),
                countries: args.country.into_iter().collect(),
                identifiers: args.id.into_iter().collect(),
                ..Query::default()
            };
            let opts = Options {
                limit: args.limit,
                threshold: args.threshold,
                match_threshold: args.threshold,
            };
            let hits = index.screen(&query, &opts);
            if args.json {
                println!("{}", serde_json::to_string_pretty(&hits)?);
            } else {
                print_adhoc(&hits);
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let report = screen_all(&mut ws, args.threshold)?;
            println!("{report}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads every loaded list entry and name and builds the screening index.
pub fn load_index(ws: &Workspace) -> anyhow::Result<Index> {
    let rt = crate::runtime()?;
    let (entries, names) = rt.block_on(async {
        let mut entries = Vec::new();
        for b in ws.query("SELECT * FROM list_entries").await? {
            entries.extend(
                ListEntry::from_batch(&b).context("list_entries has the list-entry schema")?,
            );
        }
        let mut names = Vec::new();
        for b in ws.query("SELECT * FROM list_names").await? {
            names.extend(ListName::from_batch(&b).context("list_names has the list-name schema")?);
        }
        anyhow::Ok((entries, names))
    })?;
    if entries.is_empty() {
        bail!(
            "no list is loaded: import one with `tradetrail lists import` or `tradetrail lists update --from DIR`"
        );
    }
    Ok(Index::build(targets_from_rows(&entries, &names)))
}

fn print_adhoc(hits: &[Hit]) {
    if hits.is_empty() {
        println!("no hit");
    }
    for h in hits {
        println!(
            "{:.3} {} {} [{}] {} ({}){}",
            h.score,
            if h.is_match { "MATCH" } else { "     " },
            h.entry_id,
            h.list_name,
            h.caption,
            h.matched_name,
            h.listing_date
                .as_deref()
                .map(|d| format!(", listed {d}"))
                .unwrap_or_default()
        );
        for f in &h.features {
            if f.contribution != 0.0 {
                println!(
                    "        {:>+7.3}  {:<28} {}",
                    f.contribution, f.name, f.detail
                );
            }
        }
    }
}

fn json_strings(text: Option<&str>) -> Vec<String> {
    text.and_then(|t| serde_json::from_str::<Vec<String>>(t).ok())
        .unwrap_or_default()
}

/// The query screening sends for an entity: its most frequent names in every script, its countries and identifier values.
pub fn entity_query(e: &EntityRow) -> Query {
    let mut names = Vec::new();
    for list in [
        &e.names_latin,
        &e.names_cyrillic,
        &e.names_han,
        &e.names_other,
    ] {
        names.extend(json_strings(list.as_deref()).into_iter().take(3));
    }
    if names.is_empty() {
        names.push(e.canonical_name.clone());
    }
    let identifiers = json_strings(e.identifiers.as_deref())
        .into_iter()
        .map(|s| s.split_once(':').map_or(s.clone(), |(_, v)| v.to_string()))
        .collect();
    Query {
        names,
        kind: QueryKind::Organisation,
        countries: json_strings(e.countries.as_deref()),
        identifiers,
        ..Query::default()
    }
}

/// Hash of what screening reads of an entity: a change in it reopens a cleared hit.
pub fn entity_fingerprint(e: &EntityRow) -> String {
    let mut h = Xxh3::new();
    for part in [
        &e.names_latin,
        &e.names_cyrillic,
        &e.names_han,
        &e.names_other,
        &e.countries,
        &e.identifiers,
    ] {
        h.update(part.as_deref().unwrap_or("").as_bytes());
        h.update(&[0]);
    }
    format!("{:016x}", h.digest())
}

/// Screens every entity against every list and writes `screening_hits`; returns a summary.
pub fn screen_all(ws: &mut Workspace, threshold: f64) -> anyhow::Result<String> {
    let entities_digest = ws
        .manifest()
        .find_import("derived", "entities")
        .map(|i| i.source_digest.clone())
        .context("no entities yet: run `tradetrail entities build` first")?;
    let mut lists: Vec<String> = ws
        .manifest()
        .imports
        .iter()
        .filter(|i| i.kind == "list")
        .map(|i| format!("{}={}", i.name, i.source_digest))
        .collect();
    lists.sort();
    let spec = ImportSpec {
        kind: "derived".into(),
        name: "screening_hits".into(),
        format: "tradetrail-screen".into(),
        source: "entities, list_entries, list_names".into(),
        digest: format!(
            "{entities_digest}+lists-{:016x}+screen-{}+t{threshold}",
            xxhash_rust::xxh3::xxh3_64(lists.join(",").as_bytes()),
            env!("CARGO_PKG_VERSION")
        ),
        version: Some(env!("CARGO_PKG_VERSION").into()),
    };
    let up_to_date = "screening hits are up to date (`tradetrail screen hits` lists them)";
    // Checked before the index is built and the entities are read, which is most of the work.
    if ws
        .manifest()
        .find_import(&spec.kind, &spec.name)
        .is_some_and(|i| i.source_digest == spec.digest)
    {
        return Ok(up_to_date.into());
    }
    let started = std::time::Instant::now();
    let index = load_index(ws)?;
    let built = started.elapsed();
    let rt = crate::runtime()?;
    let entities: Vec<EntityRow> = rt.block_on(async {
        let mut out = Vec::new();
        for b in ws.query("SELECT * FROM entities").await? {
            out.extend(EntityRow::from_batch(&b).context("entities has the entity schema")?);
        }
        anyhow::Ok(out)
    })?;
    let Some(mut txn) = ws.begin_import(spec)? else {
        return Ok(up_to_date.into());
    };
    let opts = Options {
        limit: 5,
        threshold,
        match_threshold: threshold,
    };
    let t0 = std::time::Instant::now();
    let found: Vec<(usize, Vec<Hit>)> = entities
        .par_iter()
        .enumerate()
        .map(|(i, e)| (i, index.screen(&entity_query(e), &opts)))
        .filter(|(_, h)| !h.is_empty())
        .collect();
    let screened = t0.elapsed();
    let hit_entities: HashSet<&str> = found
        .iter()
        .map(|(i, _)| entities[*i].entity_id.as_str())
        .collect();
    let dates = line_dates(ws, &hit_entities)?;
    let reviews: HashMap<(String, String), tradetrail_store::HitReview> =
        HitReviews::open(ws.root())?
            .current()?
            .into_iter()
            .map(|r| ((r.entity_id.clone(), r.entry_id.clone()), r))
            .collect();
    let mut builder = ScreeningHitBatchBuilder::default();
    let (mut n_hits, mut n_open) = (0, 0);
    for (i, hits) in &found {
        let e = &entities[*i];
        let efp = entity_fingerprint(e);
        let days = dates
            .get(e.entity_id.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for h in hits {
            let xfp = format!("{:016x}", h.fingerprint);
            let status = reviews
                .get(&(e.entity_id.clone(), h.entry_id.clone()))
                .map_or("open", |r| r.status(&efp, &xfp));
            n_hits += 1;
            n_open += usize::from(status == "open" || status == "reopened");
            let listed = index.targets()[h.target as usize].listing_date;
            builder.push(&ScreeningHit {
                entity_id: e.entity_id.clone(),
                entity_name: e.canonical_name.clone(),
                entry_id: h.entry_id.clone(),
                list_id: h.list_id.clone(),
                list_name: h.list_name.clone(),
                programmes: Some(h.programmes.clone()).filter(|p| !p.is_empty()),
                caption: h.caption.clone(),
                query_name: Some(h.query_name.clone()).filter(|p| !p.is_empty()),
                matched_name: h.matched_name.clone(),
                score: Some(h.score),
                features: serde_json::to_string(&h.features)?,
                listing_date: listed,
                first_line_date: days.first().copied(),
                last_line_date: days.last().copied(),
                lines_after_listing: listed.map(|l| days.iter().filter(|&&d| d > l).count() as i64),
                status: status.into(),
                entity_fingerprint: efp.clone(),
                entry_fingerprint: xfp,
            });
        }
    }
    txn.write(Table::ScreeningHits, &builder.finish())?;
    txn.commit()?;
    ws.reload()?;
    Ok(format!(
        "screened {} entities against {} list entries ({} names; index built in {:.1}s, screening {:.1}s, {:.0} entities/s): {} hits on {} entities, {} open",
        entities.len(),
        index.targets().len(),
        index.name_count(),
        built.as_secs_f64(),
        screened.as_secs_f64(),
        entities.len() as f64 / screened.as_secs_f64().max(1e-9),
        n_hits,
        found.len(),
        n_open
    ))
}

/// The sorted line dates (days since 1970) of each of these entities.
fn line_dates(
    ws: &Workspace,
    entities: &HashSet<&str>,
) -> anyhow::Result<HashMap<String, Vec<i32>>> {
    let mut out: HashMap<String, Vec<i32>> = HashMap::new();
    if entities.is_empty() {
        return Ok(out);
    }
    let mut ids: Vec<&str> = entities.iter().copied().collect();
    ids.sort_unstable();
    let list = ids
        .iter()
        .map(|s| format!("'{}'", s.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(",");
    let rt = crate::runtime()?;
    rt.block_on(async {
        let ctx = ws.session().await?;
        let df = ctx
            .sql(&format!(
                "SELECT DISTINCT m.entity_id, m.record_id, s.declaration_date FROM party_mentions m JOIN shipments s ON s.record_id = m.record_id WHERE m.entity_id IN ({list}) AND s.declaration_date IS NOT NULL"
            ))
            .await?;
        let mut stream = df.execute_stream().await?;
        while let Some(b) = stream.next().await {
            let b = b?;
            let ids = arrow::compute::cast(b.column(0), &arrow::datatypes::DataType::Utf8)?;
            let ids = arrow::array::AsArray::as_string::<i32>(&ids);
            let days = arrow::compute::cast(b.column(2), &arrow::datatypes::DataType::Int32)?;
            let days = arrow::array::AsArray::as_primitive::<arrow::datatypes::Int32Type>(&days);
            for i in 0..b.num_rows() {
                out.entry(ids.value(i).to_string()).or_default().push(days.value(i));
            }
        }
        anyhow::Ok(())
    })?;
    for v in out.values_mut() {
        v.sort_unstable();
    }
    Ok(out)
}

fn print_hits(
    ws: &Workspace,
    all: bool,
    entity: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let rt = crate::runtime()?;
    let mut hits: Vec<ScreeningHit> = rt.block_on(async {
        let mut out = Vec::new();
        for b in ws
            .query("SELECT * FROM screening_hits ORDER BY score DESC, entity_id, entry_id")
            .await?
        {
            out.extend(ScreeningHit::from_batch(&b).context("screening_hits has the hit schema")?);
        }
        anyhow::Ok(out)
    })?;
    let reviews: HashMap<(String, String), tradetrail_store::HitReview> =
        HitReviews::open(ws.root())?
            .current()?
            .into_iter()
            .map(|r| ((r.entity_id.clone(), r.entry_id.clone()), r))
            .collect();
    for h in &mut hits {
        if let Some(r) = reviews.get(&(h.entity_id.clone(), h.entry_id.clone())) {
            h.status = r.status(&h.entity_fingerprint, &h.entry_fingerprint).into();
        }
    }
    hits.retain(|h| (all || h.status != "cleared") && entity.is_none_or(|e| h.entity_id == e));
    for h in &hits {
        if json {
            println!(
                "{}",
                serde_json::json!({
                    "entity_id": h.entity_id, "entity_name": h.entity_name, "entry_id": h.entry_id,
                    "list_id": h.list_id, "caption": h.caption, "matched_name": h.matched_name,
                    "score": h.score, "status": h.status,
                    "listing_date": h.listing_date.map(tradetrail_model::iso_date),
                    "lines_after_listing": h.lines_after_listing,
                    "features": serde_json::from_str::<serde_json::Value>(&h.features)?,
                })
            );
        } else {
            println!(
                "{:.3} {:<9} {} {:<40} ~ {} {} ({}){}",
                h.score.unwrap_or(0.0),
                h.status,
                h.entity_id,
                h.entity_name,
                h.entry_id,
                h.caption,
                h.list_name,
                match (h.listing_date, h.lines_after_listing) {
                    (Some(d), Some(n)) => format!(
                        ", listed {}, {n} lines after",
                        tradetrail_model::iso_date(d)
                    ),
                    _ => String::new(),
                }
            );
        }
    }
    if !json {
        println!("{} hits", hits.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn review(
    ws: &Workspace,
    entity: &str,
    entry: &str,
    decision: &str,
    note: Option<&str>,
    who: &str,
) -> anyhow::Result<ExitCode> {
    let decision = HitDecision::parse(decision)
        .with_context(|| format!("unknown review {decision:?}: say confirm, clear or reopen"))?;
    let rt = crate::runtime()?;
    let q = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let rows: Vec<ScreeningHit> = rt.block_on(async {
        let mut out = Vec::new();
        for b in ws
            .query(&format!(
                "SELECT * FROM screening_hits WHERE entity_id = {} AND entry_id = {}",
                q(entity),
                q(entry)
            ))
            .await?
        {
            out.extend(ScreeningHit::from_batch(&b).context("screening_hits has the hit schema")?);
        }
        anyhow::Ok(out)
    })?;
    let Some(hit) = rows.first() else {
        bail!(
            "no screening hit of entity {entity} on entry {entry}: run `tradetrail screen`, then pick one from `tradetrail screen hits`"
        );
    };
    let r = HitReviews::open(ws.root())?.record(
        entity,
        entry,
        decision,
        &hit.entity_fingerprint,
        &hit.entry_fingerprint,
        who,
        note,
    )?;
    println!(
        "{} {} ~ {}: {} (before: {})",
        r.id,
        entity,
        entry,
        r.decision.as_str(),
        r.before
    );
    Ok(ExitCode::SUCCESS)
}
