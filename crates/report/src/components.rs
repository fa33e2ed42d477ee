//! US-documented components of the models shipped: each model of the by-model table looked up in the imported components catalogue.
//!
//! It never claims more than the catalogue shows: a model with no documented teardown is reported as undocumented, not as free of US parts.

use serde_json::Value;
use tradetrail_model::Component;
use tradetrail_refdata::components::ComponentsKb;
use tradetrail_store::Workspace;

use crate::table::Table;
use crate::{Error, Query, Scope, Section};

const COLUMNS: &[&str] = &[
    "brand",
    "model",
    "value_usd",
    "platform",
    "components_documented",
    "us_components",
    "us_manufacturers",
    "us_parts",
    "source",
];

const MODELS: &str = "SELECT brand, model, ROUND(SUM(value_usd), 2) AS value_usd FROM lines \
    WHERE model IS NOT NULL GROUP BY brand, model ORDER BY value_usd DESC, brand, model";

/// The section: one row per model shipped that the catalogue documents, with its US-made components.
pub async fn section(ws: &Workspace, scope: &Scope) -> Result<Section, Error> {
    let models_sql = scope.query(&[], MODELS);
    let by_model = crate::build::run(ws, "components", &models_sql).await?;
    let batches = ws
        .query("SELECT * FROM components")
        .await
        .map_err(|source| Error::Query {
            section: "components".into(),
            source,
        })?;
    let mut rows = Vec::new();
    for b in &batches {
        rows.extend(Component::from_batch(b).ok_or_else(|| Error::Rows {
            section: "components".into(),
            message: "the components table does not have the component schema".into(),
        })?);
    }
    let imported = !rows.is_empty();
    let kb = ComponentsKb::new(rows);
    let mut out = Vec::new();
    let mut first_model = None;
    let mut undocumented = 0;
    for r in 0..by_model.rows.len() {
        let (Some(brand), Some(model)) = (by_model.text(r, "brand"), by_model.text(r, "model"))
        else {
            continue;
        };
        let value = by_model.number(r, "value_usd").unwrap_or(0.0);
        let documented = kb
            .find_platforms(&format!("{brand} {model}"))
            .into_iter()
            .chain(kb.find_platforms(&model))
            .find_map(|m| kb.documented(&m.platform_id));
        let row = match documented {
            None => {
                undocumented += 1;
                continue;
            }
            Some(d) => {
                first_model.get_or_insert_with(|| model.clone());
                let us: Vec<_> = d
                    .components
                    .iter()
                    .filter(|c| c.manufacturer_country.as_deref() == Some("US"))
                    .collect();
                let mut makers: Vec<&str> = us
                    .iter()
                    .filter_map(|c| c.manufacturer.as_deref())
                    .collect();
                makers.sort_unstable();
                makers.dedup();
                let mut parts: Vec<&str> = us
                    .iter()
                    .filter_map(|c| c.part_number.as_deref().or(c.name.as_deref()))
                    .collect();
                parts.sort_unstable();
                parts.dedup();
                parts.truncate(12);
                vec![
                    Value::from(brand),
                    Value::from(model),
                    Value::from(value),
                    Value::from(d.platform_name.unwrap_or(d.platform_id)),
                    Value::from(d.components.len()),
                    Value::from(us.len()),
                    Value::from(makers.join("; ")),
                    Value::from(parts.join("; ")),
                    d.components
                        .first()
                        .map_or(Value::Null, |c| Value::from(c.source.clone())),
                ]
            }
        };
        out.push(row);
    }
    let note = if imported {
        format!(
            "Every model shipped, looked up in the imported components catalogue ({} platforms documented): the components its teardowns document and those made by US manufacturers.\n{} of the {} models shipped have a documented teardown; the other {undocumented} are undocumented, which does not mean they are free of US parts.",
            kb.platform_count(),
            out.len(),
            by_model.rows.len()
        )
    } else {
        "No components catalogue is imported in this workspace, so no model can be checked for US parts.\nImport one with `tradetrail reference import components DIR` and rebuild the report.".to_owned()
    };
    Ok(Section {
        id: "components",
        title: "US-documented components of the models shipped".into(),
        note,
        query: Query::Command(format!(
            "tradetrail product \"{}\"  (models shipped: tradetrail query \"{}\")",
            first_model.as_deref().unwrap_or("MODEL"),
            models_sql.replace('"', "\\\"")
        )),
        table: Table::new(COLUMNS, out),
        chart: None,
    })
}
