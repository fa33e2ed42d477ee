//! Case files: `tests/cases/<code>.toml` holds entities and lines; a line whose id starts with `fire` must be in the evidence of the detector's findings, one starting with `quiet` must not.
//!
//! A case's `[defaults]` table fills every line's missing fields, so each line states only what makes it fire or stay quiet.
//! `[[hit]]` rows are screening hits of the case's entities; the trade graph is built from the case's lines with the graph crate's builder, so graph detectors run on a real graph.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use std::sync::Arc;

use serde::Deserialize;
use tradetrail_detect::{Context, Entity, Input, Line, ListHit};
use tradetrail_graph::{Category, GraphBuilder, GraphOptions, LineFacts};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseEntity {
    id: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    addresses: Vec<String>,
    #[serde(default)]
    identifiers: Vec<String>,
    #[serde(default)]
    country: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseHit {
    entity: String,
    entry_id: String,
    #[serde(default)]
    list_name: String,
    programmes: Option<String>,
    score: f64,
    listing_date: Option<String>,
    #[serde(default = "open")]
    status: String,
}

fn open() -> String {
    "open".into()
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct CaseLine {
    id: String,
    note: Option<String>,
    file: Option<String>,
    line: Option<u64>,
    date: Option<String>,
    reporting_country: Option<String>,
    sender_country: Option<String>,
    dispatch_country: Option<String>,
    origin_country: Option<String>,
    trading_country: Option<String>,
    destination_country: Option<String>,
    hs6: Option<String>,
    quantity: Option<f64>,
    net_kg: Option<f64>,
    value_usd: Option<f64>,
    currency: Option<String>,
    category: Option<String>,
    product_id: Option<String>,
    brand: Option<String>,
    chpl_tier: Option<String>,
    misclassified: Option<String>,
    vague_score: Option<f64>,
    sender: Option<String>,
    recipient: Option<String>,
}

fn day(iso: &str) -> i32 {
    let p: Vec<u32> = iso
        .split('-')
        .map(|x| x.parse().expect("YYYY-MM-DD"))
        .collect();
    tradetrail_model::days_from_civil(p[0] as i32, p[1], p[2])
}

/// Reads a case file into a context with every input present.
fn load(path: &Path) -> Context {
    let text = std::fs::read_to_string(path).expect("case file");
    let doc: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let defaults = doc
        .get("defaults")
        .and_then(|d| d.as_table())
        .cloned()
        .unwrap_or_default();
    let entities: Vec<CaseEntity> = doc
        .get("entity")
        .map(|v| v.clone().try_into().expect("[[entity]] rows"))
        .unwrap_or_default();
    let hits: Vec<CaseHit> = doc
        .get("hit")
        .map(|v| v.clone().try_into().expect("[[hit]] rows"))
        .unwrap_or_default();
    let mut ctx = Context {
        inputs: vec![
            Input::Classifications,
            Input::Entities,
            Input::Screening,
            Input::Graph,
        ],
        ..Context::default()
    };
    let index: BTreeMap<String, u32> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i as u32))
        .collect();
    let countries: Vec<String> = entities.iter().map(|e| e.country.clone()).collect();
    ctx.entities = entities
        .into_iter()
        .map(|e| Entity {
            id: e.id,
            name: e.name,
            names: e.names,
            addresses: e.addresses,
            identifiers: e.identifiers,
        })
        .collect();
    let lines = doc
        .get("line")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    for (n, raw) in lines.into_iter().enumerate() {
        let mut t = defaults.clone();
        t.extend(raw.as_table().expect("[[line]] is a table").clone());
        let c: CaseLine = toml::Value::Table(t)
            .try_into()
            .unwrap_or_else(|e| panic!("{} line {n}: {e}", path.display()));
        let entity = |id: &Option<String>| {
            id.as_ref().map(|id| {
                *index
                    .get(id)
                    .unwrap_or_else(|| panic!("unknown entity {id}"))
            })
        };
        let _ = c.note;
        ctx.lines.push(Line {
            record_id: c.id.as_str().into(),
            dataset: "case".into(),
            file: c.file.as_deref().unwrap_or("case.csv").into(),
            line: c.line.unwrap_or(n as u64 + 2),
            date: c.date.as_deref().map(day),
            reporting_country: c.reporting_country.map(Into::into),
            sender_country: c.sender_country.map(Into::into),
            dispatch_country: c.dispatch_country.map(Into::into),
            origin_country: c.origin_country.map(Into::into),
            trading_country: c.trading_country.map(Into::into),
            destination_country: c.destination_country.map(Into::into),
            hs6: c.hs6.map(Into::into),
            quantity: c.quantity,
            net_kg: c.net_kg,
            value_usd: c.value_usd,
            currency: c.currency.map(Into::into),
            category: c.category.map(Into::into),
            product_id: c.product_id.map(Into::into),
            brand: c.brand.map(Into::into),
            chpl_tier: c.chpl_tier.map(Into::into),
            misclassified: c.misclassified.map(Into::into),
            vague_score: c.vague_score,
            sender: entity(&c.sender),
            recipient: entity(&c.recipient),
        });
    }
    ctx.hits = hits
        .into_iter()
        .map(|h| ListHit {
            entity: index[&h.entity],
            list_id: h.entry_id.split(':').next().unwrap_or("").to_owned(),
            entry_id: h.entry_id,
            list_name: h.list_name,
            programmes: h.programmes,
            score: h.score,
            listing_date: h.listing_date.as_deref().map(day),
            status: h.status,
        })
        .collect();
    ctx.graph = Some(Arc::new(graph(&ctx, &countries)));
    ctx
}

/// The trade graph of a case's lines and entities, built as the store loader builds it.
fn graph(ctx: &Context, countries: &[String]) -> tradetrail_graph::Graph {
    let mut b = GraphBuilder::new(GraphOptions::default());
    for (e, country) in ctx.entities.iter().zip(countries) {
        b.add_node(&e.id, &e.name, country);
    }
    fn s(x: &Option<tradetrail_detect::Text>) -> &str {
        x.as_deref().unwrap_or("")
    }
    for l in &ctx.lines {
        b.add_line(&LineFacts {
            record_id: &l.record_id,
            dataset: &l.dataset,
            file: &l.file,
            line: l.line,
            date: l.date,
            sender: l.sender.map(|e| ctx.entity(e).id.as_str()),
            recipient: l.recipient.map(|e| ctx.entity(e).id.as_str()),
            hs6: s(&l.hs6),
            category: l.category.as_deref().and_then(Category::parse),
            brand: s(&l.brand),
            model: "",
            product: s(&l.product_id),
            quantity: l.quantity,
            value_usd: l.value_usd,
            origin: s(&l.origin_country),
            dispatch: s(&l.dispatch_country),
            trading: s(&l.trading_country),
            sender_country: s(&l.sender_country),
            reporter: s(&l.reporting_country),
        });
    }
    b.finish()
}

fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_detector_has_a_case_file() {
    let have: BTreeSet<String> = case_files()
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for d in tradetrail_detect::registry() {
        assert!(have.contains(d.code()), "no tests/cases/{}.toml", d.code());
    }
}

#[test]
fn case_files_fire_where_they_must_and_nowhere_else() {
    for path in case_files() {
        let code = path.file_stem().unwrap().to_string_lossy().into_owned();
        let detector = tradetrail_detect::detector(&code)
            .unwrap_or_else(|| panic!("{}: no detector {code}", path.display()));
        let ctx = load(&path);
        let findings = detector.run(&ctx);
        let flagged: BTreeSet<&str> = findings
            .iter()
            .flat_map(|f| f.lines.iter().map(|&i| ctx.line(i).record_id.as_ref()))
            .collect();
        let (mut fire, mut quiet) = (0, 0);
        for l in &ctx.lines {
            if l.record_id.starts_with("fire") {
                fire += 1;
                assert!(
                    flagged.contains(l.record_id.as_ref()),
                    "{code}: {} must fire",
                    l.record_id
                );
            } else if l.record_id.starts_with("quiet") {
                quiet += 1;
                assert!(
                    !flagged.contains(l.record_id.as_ref()),
                    "{code}: {} must not fire",
                    l.record_id
                );
            }
        }
        assert!(
            fire > 0 && quiet > 0,
            "{code}: a case needs lines that fire and lines that stay quiet"
        );
        for f in &findings {
            let sum: f64 = f.features.iter().map(|x| x.contribution).sum();
            assert!(
                (f.score() - sum).abs() < 1e-3,
                "{code}: the score is the sum of the features"
            );
            assert_eq!(f.code, code);
        }
    }
}

#[test]
fn findings_of_every_case() {
    for path in case_files() {
        let code = path.file_stem().unwrap().to_string_lossy().into_owned();
        let ctx = load(&path);
        let outcome = tradetrail_detect::run(&ctx);
        let rows: Vec<serde_json::Value> = outcome
            .findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| {
                let r = f.to_row(&ctx);
                let mut row = serde_json::json!({
                    "id": r.finding_id, "severity": r.severity, "score": r.score, "subject": r.subject,
                    "summary": r.summary, "features": serde_json::from_str::<serde_json::Value>(&r.features).unwrap(),
                    "evidence": f.lines.iter().map(|&i| ctx.line(i).record_id.clone()).collect::<Vec<_>>(),
                });
                // List entries and graph paths appear only for the detectors that give them, so other snapshots stay as they were.
                for (key, text) in [
                    ("list_entries", &r.evidence_list_entries),
                    ("paths", &r.evidence_paths),
                ] {
                    if let Some(t) = text {
                        row[key] = serde_json::from_str(t).unwrap();
                    }
                }
                row
            })
            .collect();
        insta::assert_yaml_snapshot!(code, rows);
    }
}
