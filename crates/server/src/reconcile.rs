//! The W3C Reconciliation Service API (version 0.2, the one OpenRefine speaks), as yente offers it: a service manifest, batched reconciliation queries and entity suggestions.
//!
//! OpenRefine sends `queries` as a form field of a POST (or a GET parameter): a JSON object of `{"q0": {"query": "...", "type": "Company", "limit": 5, "properties": [{"pid": "country", "v": "RU"}]}}`.
//! The answer is `{"q0": {"result": [{"id", "name", "score", "match", "type": [{"id", "name"}], "description"}]}}`, with scores from 0 to 100.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Json;
use serde::Deserialize;
use serde_json::{Value, json};
use tradetrail_screen::{DEFAULT_THRESHOLD, Options, Query, QueryKind};

use crate::body::{F, Q};
use crate::{ApiError, AppState, dataset_lists};

/// The `queries` field (absent for a manifest request).
#[derive(Debug, Deserialize)]
pub struct ReconcileForm {
    /// JSON object of reconciliation queries.
    pub queries: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PropertyValue {
    pid: String,
    v: Value,
}

#[derive(Debug, Deserialize)]
struct ReconQuery {
    query: String,
    #[serde(rename = "type")]
    kind: Option<Value>,
    limit: Option<usize>,
    #[serde(default)]
    properties: Vec<PropertyValue>,
}

const TYPES: [(&str, &str); 5] = [
    ("LegalEntity", "Legal entity"),
    ("Company", "Company"),
    ("Organization", "Organization"),
    ("Person", "Person"),
    ("Vessel", "Vessel"),
];

fn manifest(state: &AppState, dataset: &str) -> Value {
    let base = state.base_url.trim_end_matches('/');
    json!({
        "versions": ["0.2"],
        "name": format!("tradetrail screening ({dataset})"),
        "identifierSpace": format!("{base}/entities/"),
        "schemaSpace": "https://followthemoney.tech/explorer/schemata/",
        "defaultTypes": TYPES.iter().map(|(id, name)| json!({ "id": id, "name": name })).collect::<Vec<_>>(),
        "view": { "url": format!("{base}/entities/{{{{id}}}}") },
        "suggest": {
            "entity": { "service_url": base, "service_path": format!("/reconcile/{dataset}/suggest/entity") },
        },
    })
}

fn texts(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().flat_map(texts).collect(),
        Value::Number(n) => vec![n.to_string()],
        Value::Object(o) => o
            .get("id")
            .or_else(|| o.get("name"))
            .map(texts)
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Decodes and checks the `queries` of a reconciliation request: a JSON object of at most [`crate::yente::MAX_BATCH`] queries, each turned into a screening query (without its lists) and options.
pub fn reconcile_queries(queries: &str) -> Result<Vec<(String, Query, Options)>, ApiError> {
    let parsed: BTreeMap<String, ReconQuery> = crate::body::json_text("queries", queries)?;
    if parsed.len() > crate::yente::MAX_BATCH {
        return Err(ApiError::BadRequest(format!(
            "queries: at most {} queries per request, got {}",
            crate::yente::MAX_BATCH,
            parsed.len()
        )));
    }
    let mut out = Vec::with_capacity(parsed.len());
    for (key, rq) in parsed {
        let schema = rq
            .kind
            .as_ref()
            .map(texts)
            .and_then(|t| t.into_iter().next())
            .unwrap_or_else(|| "LegalEntity".into());
        let mut q = Query {
            names: vec![rq.query.clone()],
            kind: QueryKind::from_schema(&schema),
            ..Query::default()
        };
        for p in &rq.properties {
            match p.pid.as_str() {
                "country" | "jurisdiction" | "nationality" => q.countries.extend(texts(&p.v)),
                "registrationNumber" | "innCode" | "ogrnCode" | "taxNumber" | "leiCode"
                | "imoNumber" | "idNumber" => q.identifiers.extend(texts(&p.v)),
                "alias" | "name" => q.names.extend(texts(&p.v)),
                _ => {}
            }
        }
        let opts = Options {
            limit: rq.limit.unwrap_or(5).clamp(1, crate::yente::MAX_LIMIT),
            threshold: DEFAULT_THRESHOLD * 0.5,
            match_threshold: DEFAULT_THRESHOLD,
        };
        out.push((key, q, opts));
    }
    Ok(out)
}

fn reconcile(state: &AppState, dataset: &str, queries: &str) -> Result<Value, ApiError> {
    let lists = dataset_lists(&state.index, dataset)?;
    let mut out = serde_json::Map::new();
    for (key, mut q, opts) in reconcile_queries(queries)? {
        q.lists = lists.clone();
        let result: Vec<Value> = state
            .index
            .screen(&q, &opts)
            .iter()
            .map(|h| {
                json!({
                    "id": h.entry_id,
                    "name": h.caption,
                    "score": (h.score * 100.0 * 10.0).round() / 10.0,
                    "match": h.is_match,
                    "type": [{ "id": h.schema, "name": h.schema }],
                    "description": format!("{} ({})", h.list_name, h.programmes),
                })
            })
            .collect();
        out.insert(key, json!({ "result": result }));
    }
    Ok(Value::Object(out))
}

fn answer(
    state: &AppState,
    dataset: &str,
    queries: Option<String>,
) -> Result<Json<Value>, ApiError> {
    match queries {
        Some(q) => reconcile(state, dataset, &q).map(Json),
        None => {
            dataset_lists(&state.index, dataset)?;
            Ok(Json(manifest(state, dataset)))
        }
    }
}

/// `GET /reconcile/{dataset}`: the manifest, or the answers to `?queries=`.
pub async fn get(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    Q(f): Q<ReconcileForm>,
) -> Result<Json<Value>, ApiError> {
    tokio::task::spawn_blocking(move || answer(&state, &dataset, f.queries))
        .await
        .map_err(|e| ApiError::BadRequest(format!("reconciliation failed: {e}")))?
}

/// `POST /reconcile/{dataset}` with a form field `queries`.
pub async fn post(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    F(f): F<ReconcileForm>,
) -> Result<Json<Value>, ApiError> {
    tokio::task::spawn_blocking(move || answer(&state, &dataset, f.queries))
        .await
        .map_err(|e| ApiError::BadRequest(format!("reconciliation failed: {e}")))?
}

/// `GET /reconcile`: every loaded list.
pub async fn get_default(
    state: State<Arc<AppState>>,
    f: Q<ReconcileForm>,
) -> Result<Json<Value>, ApiError> {
    get(state, Path("default".into()), f).await
}

/// `POST /reconcile`: every loaded list.
pub async fn post_default(
    state: State<Arc<AppState>>,
    f: F<ReconcileForm>,
) -> Result<Json<Value>, ApiError> {
    post(state, Path("default".into()), f).await
}

/// `prefix` of a suggest request.
#[derive(Debug, Deserialize)]
pub struct SuggestParams {
    /// What the user typed so far.
    pub prefix: Option<String>,
}

/// `GET /reconcile/{dataset}/suggest/entity?prefix=`: entries whose names are close to what was typed.
pub async fn suggest_entity(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    Q(p): Q<SuggestParams>,
) -> Result<Json<Value>, ApiError> {
    let prefix = p.prefix.unwrap_or_default();
    if prefix.trim().is_empty() {
        return Err(ApiError::BadRequest(
            "give what was typed in prefix=".into(),
        ));
    }
    let q = Query {
        names: vec![prefix],
        kind: QueryKind::Any,
        lists: dataset_lists(&state.index, &dataset)?,
        ..Query::default()
    };
    let opts = Options {
        limit: 10,
        threshold: 0.2,
        match_threshold: DEFAULT_THRESHOLD,
    };
    let result: Vec<Value> = state
        .index
        .screen(&q, &opts)
        .iter()
        .map(|h| json!({ "id": h.entry_id, "name": h.caption, "description": h.list_name }))
        .collect();
    Ok(Json(json!({ "result": result })))
}
