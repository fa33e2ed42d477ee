//! yente's screening API: `POST /match/{dataset}` with FollowTheMoney-style query entities, and `GET /search/{dataset}?q=`.
//!
//! Request and response follow yente's shapes (`queries` keyed by the client's ids, `responses` under the same keys, each result an entity with `score`, `match` and `features`), so yente clients work unchanged.
//! Limits are yente's: at most 100 queries per batch and 500 results per query.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Json;
use serde::Deserialize;
use serde_json::{Value, json};
use tradetrail_screen::{DEFAULT_THRESHOLD, Options, Query, QueryKind};

use crate::body::{Q, RawBody};
use crate::entity::result;
use crate::{ApiError, AppState, dataset_lists};

/// Most queries in one `/match` batch (yente's `YENTE_MAX_BATCH`).
pub const MAX_BATCH: usize = 100;
/// Most results per query.
pub const MAX_LIMIT: usize = 500;

const SCHEMAS: [&str; 9] = [
    "Thing",
    "LegalEntity",
    "Company",
    "Organization",
    "PublicBody",
    "Person",
    "Vessel",
    "Airplane",
    "Asset",
];
const NAME_PROPS: [&str; 5] = ["name", "alias", "previousName", "weakAlias", "abbreviation"];
const COUNTRY_PROPS: [&str; 6] = [
    "country",
    "jurisdiction",
    "nationality",
    "citizenship",
    "mainCountry",
    "registrationCountry",
];
const ID_PROPS: [&str; 12] = [
    "registrationNumber",
    "innCode",
    "ogrnCode",
    "taxNumber",
    "leiCode",
    "imoNumber",
    "idNumber",
    "vatCode",
    "okpoCode",
    "swiftBic",
    "uniqueEntityId",
    "npiCode",
];

/// One query entity.
#[derive(Debug, Deserialize)]
pub struct EntityExample {
    /// FollowTheMoney schema.
    pub schema: String,
    /// Properties: each a list of strings (a single string is accepted too).
    #[serde(default)]
    pub properties: BTreeMap<String, Value>,
}

/// The `/match` request body.
#[derive(Debug, Deserialize)]
pub struct MatchRequest {
    /// Query entities keyed by the client's ids.
    pub queries: BTreeMap<String, EntityExample>,
    /// Per-feature weights (accepted for compatibility; the scorer's fitted weights are used).
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Algorithm configuration (accepted for compatibility).
    #[serde(default)]
    pub config: Value,
}

/// `/match` query-string parameters.
#[derive(Debug, Deserialize)]
pub struct MatchParams {
    /// Results per query (default 5, at most 500).
    pub limit: Option<usize>,
    /// Score from which a result is a match (default 0.7).
    pub threshold: Option<f64>,
    /// Lowest score returned (default 0.5 × threshold... yente returns candidates below the threshold with `match: false`).
    pub cutoff: Option<f64>,
    /// Accepted for compatibility: the scorer is always tradetrail's.
    pub algorithm: Option<String>,
    /// Entry ids not to return (comma-separated, or repeated).
    pub exclude_entity_ids: Option<String>,
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Turns a query entity into a screening query, or says what is wrong with it.
pub fn to_query(key: &str, e: &EntityExample) -> Result<Query, ApiError> {
    if !SCHEMAS.contains(&e.schema.as_str()) {
        return Err(ApiError::BadRequest(format!(
            "query {key:?}: unknown or unmatchable schema {:?} (use one of {})",
            e.schema,
            SCHEMAS.join(", ")
        )));
    }
    let collect = |props: &[&str]| -> Vec<String> {
        props
            .iter()
            .flat_map(|p| e.properties.get(*p).map(strings).unwrap_or_default())
            .collect()
    };
    let q = Query {
        names: collect(&NAME_PROPS),
        kind: QueryKind::from_schema(&e.schema),
        countries: collect(&COUNTRY_PROPS),
        identifiers: collect(&ID_PROPS),
        ..Query::default()
    };
    if q.names.is_empty() && q.identifiers.is_empty() {
        return Err(ApiError::BadRequest(format!(
            "query {key:?}: give at least a name (properties.name) or an identifier (e.g. properties.registrationNumber)"
        )));
    }
    Ok(q)
}

fn options(
    limit: Option<usize>,
    threshold: Option<f64>,
    cutoff: Option<f64>,
) -> Result<Options, ApiError> {
    let limit = limit.unwrap_or(5);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::BadRequest(format!(
            "limit must be 1..={MAX_LIMIT}, got {limit}"
        )));
    }
    let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
    let cutoff = cutoff.unwrap_or(threshold * 0.5);
    for (name, v) in [("threshold", threshold), ("cutoff", cutoff)] {
        if !(0.0..=1.0).contains(&v) {
            return Err(ApiError::BadRequest(format!(
                "{name} must be within 0..1, got {v}"
            )));
        }
    }
    Ok(Options {
        limit,
        threshold: cutoff,
        match_threshold: threshold,
    })
}

/// A `/match` batch, decoded and checked: each query entity under the client's key with the screening query it becomes.
#[derive(Debug)]
pub struct MatchBatch {
    /// (client's key, the entity as sent, the screening query).
    pub queries: Vec<(String, EntityExample, Query)>,
}

/// Decodes and checks a `/match` request body: JSON of yente's shape, 1 to [`MAX_BATCH`] queries, each with a known schema and a name or an identifier.
pub fn match_request(bytes: &[u8]) -> Result<MatchBatch, ApiError> {
    let body: MatchRequest = crate::body::json(bytes)?;
    if body.queries.is_empty() {
        return Err(ApiError::BadRequest("queries is empty".into()));
    }
    if body.queries.len() > MAX_BATCH {
        return Err(ApiError::BadRequest(format!(
            "at most {MAX_BATCH} queries per request, got {}",
            body.queries.len()
        )));
    }
    let mut queries = Vec::with_capacity(body.queries.len());
    for (key, e) in body.queries {
        let q = to_query(&key, &e)?;
        queries.push((key, e, q));
    }
    Ok(MatchBatch { queries })
}

/// Checks `/match` query-string parameters: the screening options and the entry ids not to return.
pub fn match_options(p: &MatchParams) -> Result<(Options, Vec<String>), ApiError> {
    let opts = options(p.limit, p.threshold, p.cutoff)?;
    let exclude = p
        .exclude_entity_ids
        .as_deref()
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Ok((opts, exclude))
}

/// `POST /match/{dataset}`.
pub async fn match_entities(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    Q(params): Q<MatchParams>,
    RawBody(bytes): RawBody,
) -> Result<Json<Value>, ApiError> {
    // Any Content-Type, as yente: screening writes nothing, so a cross-site post gains nothing, and `curl -d` works as is.
    let batch = match_request(&bytes)?;
    let lists = dataset_lists(&state.index, &dataset)?;
    let (opts, exclude) = match_options(&params)?;
    let mut queries = Vec::new();
    let mut examples = Vec::new();
    for (key, e, mut q) in batch.queries {
        q.lists = lists.clone();
        q.exclude_entries = exclude.clone();
        queries.push((key.clone(), q));
        examples.push((key, e));
    }
    let state2 = state.clone();
    let responses = tokio::task::spawn_blocking(move || {
        let mut out = serde_json::Map::new();
        for (key, q) in &queries {
            let hits = state2.index.screen(q, &opts);
            let results: Vec<Value> = hits.iter().map(|h| result(&state2.index, h)).collect();
            out.insert(
                key.clone(),
                json!({ "status": 200, "results": results, "total": { "value": hits.len(), "relation": "eq" } }),
            );
        }
        out
    })
    .await
    .map_err(|e| ApiError::BadRequest(format!("screening failed: {e}")))?;
    let mut responses = responses;
    for (key, e) in &examples {
        if let Some(Value::Object(r)) = responses.get_mut(key) {
            r.insert(
                "query".into(),
                json!({ "id": key, "schema": e.schema, "properties": e.properties }),
            );
        }
    }
    Ok(Json(json!({
        "responses": responses,
        "matcher": { "name": "tradetrail", "description": "tradetrail-resolve name scorer with country and identifier terms", "threshold": opts.match_threshold },
        "limit": opts.limit,
    })))
}

/// `GET /search/{dataset}` parameters.
#[derive(Debug, Deserialize)]
pub struct SearchParams {
    /// The name to look for, any script.
    pub q: Option<String>,
    /// Results (default 10, at most 500).
    pub limit: Option<usize>,
    /// FollowTheMoney schema to restrict to (default `Thing`: any).
    pub schema: Option<String>,
    /// Country filter (ISO code).
    pub countries: Option<String>,
}

/// Checks `/search` parameters: the screening query (without its lists) and options.
pub fn search_request(params: SearchParams) -> Result<(Query, Options), ApiError> {
    let q = params.q.unwrap_or_default();
    if q.trim().is_empty() {
        return Err(ApiError::BadRequest(
            "give the text to search for in q=".into(),
        ));
    }
    let opts = options(Some(params.limit.unwrap_or(10)), None, Some(0.2))?;
    let schema = params.schema.unwrap_or_else(|| "Thing".into());
    let example = EntityExample {
        schema,
        properties: BTreeMap::from([("name".to_string(), json!([q]))]),
    };
    let mut query = to_query("q", &example)?;
    query.countries = params.countries.into_iter().collect();
    Ok((query, opts))
}

/// `GET /search/{dataset}?q=`: the list entries whose names are closest to `q`.
pub async fn search(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    Q(params): Q<SearchParams>,
) -> Result<Json<Value>, ApiError> {
    let (mut query, opts) = search_request(params)?;
    let limit = opts.limit;
    query.lists = dataset_lists(&state.index, &dataset)?;
    let state2 = state.clone();
    let hits = tokio::task::spawn_blocking(move || state2.index.screen(&query, &opts))
        .await
        .map_err(|e| ApiError::BadRequest(format!("search failed: {e}")))?;
    let results: Vec<Value> = hits.iter().map(|h| result(&state.index, h)).collect();
    Ok(Json(json!({
        "results": results,
        "total": { "value": results.len(), "relation": "eq" },
        "limit": limit,
        "offset": 0,
        "facets": {},
    })))
}

/// `GET /search?q=`: search every loaded list.
pub async fn search_default(
    state: State<Arc<AppState>>,
    params: Q<SearchParams>,
) -> Result<Json<Value>, ApiError> {
    search(state, Path("default".into()), params).await
}
