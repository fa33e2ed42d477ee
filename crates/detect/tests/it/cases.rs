//! Case files: `tests/cases/<code>.toml` holds entities and lines; a line whose id starts with `fire` must be in the evidence of the detector's findings, one starting with `quiet` must not.
//!
//! A case's `[defaults]` table fills every line's missing fields, so each line states only what makes it fire or stay quiet.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tradetrail_detect::{Context, Entity, Input, Line};

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
    let mut ctx = Context {
        inputs: vec![Input::Classifications, Input::Entities],
        ..Context::default()
    };
    let index: BTreeMap<String, u32> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i as u32))
        .collect();
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
            record_id: c.id.clone(),
            dataset: "case".into(),
            file: c.file.clone().unwrap_or_else(|| "case.csv".into()),
            line: c.line.unwrap_or(n as u64 + 2),
            date: c.date.as_deref().map(day),
            reporting_country: c.reporting_country,
            sender_country: c.sender_country,
            dispatch_country: c.dispatch_country,
            origin_country: c.origin_country,
            trading_country: c.trading_country,
            destination_country: c.destination_country,
            hs6: c.hs6,
            quantity: c.quantity,
            net_kg: c.net_kg,
            value_usd: c.value_usd,
            currency: c.currency,
            category: c.category,
            product_id: c.product_id,
            brand: c.brand,
            chpl_tier: c.chpl_tier,
            misclassified: c.misclassified,
            vague_score: c.vague_score,
            sender: entity(&c.sender),
            recipient: entity(&c.recipient),
        });
    }
    ctx
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
            .flat_map(|f| f.lines.iter().map(|&i| ctx.line(i).record_id.as_str()))
            .collect();
        let (mut fire, mut quiet) = (0, 0);
        for l in &ctx.lines {
            if l.record_id.starts_with("fire") {
                fire += 1;
                assert!(
                    flagged.contains(l.record_id.as_str()),
                    "{code}: {} must fire",
                    l.record_id
                );
            } else if l.record_id.starts_with("quiet") {
                quiet += 1;
                assert!(
                    !flagged.contains(l.record_id.as_str()),
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
                serde_json::json!({
                    "id": r.finding_id, "severity": r.severity, "score": r.score, "subject": r.subject,
                    "summary": r.summary, "features": serde_json::from_str::<serde_json::Value>(&r.features).unwrap(),
                    "evidence": f.lines.iter().map(|&i| ctx.line(i).record_id.clone()).collect::<Vec<_>>(),
                })
            })
            .collect();
        insta::assert_yaml_snapshot!(code, rows);
    }
}
