//! List entries as FollowTheMoney entities, the form yente returns them in, and `GET /entities/{id}`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Json;
use serde_json::{Value, json};
use tradetrail_screen::{Hit, Target};

use crate::{ApiError, AppState};

/// FollowTheMoney property names of list identifier schemes.
fn id_property(scheme: &str) -> &'static str {
    match scheme.to_ascii_lowercase().as_str() {
        "inn" | "ru_inn" => "innCode",
        "ogrn" | "ru_ogrn" => "ogrnCode",
        "lei" => "leiCode",
        "imo" => "imoNumber",
        "swift" | "swift_bic" | "bic" => "swiftBic",
        "tax_id" | "vat" => "taxNumber",
        "passport" | "national_id" | "cedula" | "id" => "idNumber",
        _ => "registrationNumber",
    }
}

/// A list entry as a FollowTheMoney entity (schema, properties, datasets).
pub fn ftm(t: &Target) -> Value {
    let mut props = serde_json::Map::new();
    let mut push = |k: &str, v: &str| {
        let list = props.entry(k.to_string()).or_insert_with(|| json!([]));
        if let Value::Array(a) = list
            && !a.iter().any(|x| x == v)
        {
            a.push(json!(v));
        }
    };
    for n in &t.names {
        let prop = match n.kind.as_str() {
            "primary" => "name",
            "weak_alias" => "weakAlias",
            _ => "alias",
        };
        push(prop, &n.name);
    }
    for c in &t.countries {
        push("country", &c.to_ascii_lowercase());
    }
    for p in t.programmes.split("; ").filter(|p| !p.is_empty()) {
        push("program", p);
    }
    for (scheme, value) in &t.identifiers {
        push(id_property(scheme), value);
    }
    if let Some(d) = t.listing_date {
        push("createdAt", &tradetrail_model::iso_date(d));
    }
    json!({
        "id": t.entry_id,
        "caption": t.caption,
        "schema": t.entry_type.ftm_schema(),
        "properties": props,
        "datasets": [t.list_id],
        "referents": [],
        "target": true,
        "first_seen": Value::Null,
        "last_seen": Value::Null,
        "last_change": Value::Null,
    })
}

/// A hit as yente returns a match result: the entity, its score, whether it matches, and the features.
pub fn result(index: &tradetrail_screen::Index, h: &Hit) -> Value {
    let mut v = ftm(&index.targets()[h.target as usize]);
    let features: serde_json::Map<String, Value> = h
        .features
        .iter()
        .map(|f| (f.name.clone(), json!(f.value)))
        .collect();
    let explanations: serde_json::Map<String, Value> = h
        .features
        .iter()
        .map(|f| {
            (
                f.name.clone(),
                json!({ "score": f.value, "weight": f.weight, "contribution": f.contribution, "detail": f.detail,
                        "query": h.query_name, "candidate": h.matched_name }),
            )
        })
        .collect();
    if let Value::Object(o) = &mut v {
        o.insert("score".into(), json!(h.score));
        o.insert("match".into(), json!(h.is_match));
        o.insert("features".into(), Value::Object(features));
        o.insert("explanations".into(), Value::Object(explanations));
        o.insert("token".into(), Value::Null);
    }
    v
}

/// `GET /entities/{id}`: one list entry.
pub async fn fetch(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let t = state
        .index
        .targets()
        .binary_search_by(|t| t.entry_id.as_str().cmp(&id))
        .map_err(|_| ApiError::NotFound(format!("no list entry {id:?}")))?;
    Ok(Json(ftm(&state.index.targets()[t])))
}
