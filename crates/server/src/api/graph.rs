//! The trade graph for the UI: an entity's neighbourhood as nodes and edges (goods, date and value filters), the flows between countries for the route Sankey, and chain tracing.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::response::Json;
use serde::Deserialize;
use serde_json::{Value, json};
use tradetrail_graph::{Category, Edge, Graph, NodeId, TraceQuery};
use tradetrail_model::iso_date;

use super::{Q, data, iso_date as check_date, page, page_in};
use crate::{ApiError, AppState, Limits};

fn goods(text: Option<&str>) -> Result<Option<Category>, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty() && *t != "all") {
        None => Ok(None),
        Some(t) => Category::parse(t).map(Some).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "goods={t:?}: expected drone, drone_part, chpl or other"
            ))
        }),
    }
}

fn day(text: Option<&str>, name: &str) -> Result<Option<i32>, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => {
            let t = check_date(t, name)?;
            tradetrail_search::iso_to_days(t)
                .map(Some)
                .ok_or_else(|| ApiError::BadRequest(format!("{name}={t:?}: not a calendar date")))
        }
    }
}

/// Parameters of `GET /api/graph/neighbourhood/{id}`.
#[derive(Debug, Deserialize)]
pub struct HoodQuery {
    /// Only edges that carried these goods: drone, drone_part, chpl or other.
    goods: Option<String>,
    /// Only edges with lines on or after this day.
    since: Option<String>,
    /// Only edges with lines on or before this day.
    until: Option<String>,
    /// Only edges worth at least this many USD.
    min_value: Option<f64>,
    /// Most edges (the highest-value ones).
    limit: Option<usize>,
}

fn node_json(g: &Graph, n: NodeId) -> Value {
    json!({ "id": g.entity_id(n), "name": g.name(n), "country": g.country(n) })
}

fn edge_json(g: &Graph, e: &Edge) -> Value {
    let texts = |syms: &[u32]| -> Vec<&str> { syms.iter().map(|s| g.text(*s)).collect() };
    json!({
        "source": g.entity_id(e.from), "target": g.entity_id(e.to),
        "lines": e.lines, "value_usd": e.value_usd,
        "first": (e.first != i32::MAX).then(|| iso_date(e.first)),
        "last": (e.last != i32::MIN).then(|| iso_date(e.last)),
        "goods": e.categories().map(Category::as_str).collect::<Vec<_>>(),
        "brands": texts(&e.brands), "models": texts(&e.models), "hs6": texts(&e.hs6),
        "evidence": e.evidence.iter().map(|r| g.record_id(*r)).collect::<Vec<_>>(),
    })
}

/// `GET /api/graph/neighbourhood/{id}`: the entity, its counterparts and the edges between them, highest value first.
pub async fn neighbourhood(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Q(p): Q<HoodQuery>,
) -> Result<Json<Value>, ApiError> {
    let (limit, _) = page(&state, p.limit, None, 40)?;
    let category = goods(p.goods.as_deref())?;
    let since = day(p.since.as_deref(), "since")?;
    let until = day(p.until.as_deref(), "until")?;
    if p.min_value.is_some_and(|v| !v.is_finite() || v < 0.0) {
        return Err(ApiError::BadRequest(
            "min_value: expected a non-negative number of USD".into(),
        ));
    }
    let g = data(&state)?.graph().await?;
    let n = g.node_of(&id).ok_or_else(|| {
        ApiError::NotFound(format!(
            "entity {id:?} has no resolved counterpart in the trade graph"
        ))
    })?;
    let hood = tradetrail_graph::neighbours(&g, n, category);
    let keep = |e: &&&Edge| {
        since.is_none_or(|s| e.last >= s)
            && until.is_none_or(|u| e.first <= u)
            && p.min_value.is_none_or(|v| e.value_usd >= v)
    };
    let mut edges: Vec<&Edge> = hood
        .out
        .iter()
        .chain(hood.inbound.iter())
        .filter(keep)
        .copied()
        .collect();
    edges.sort_by(|a, b| {
        b.value_usd
            .total_cmp(&a.value_usd)
            .then((a.from, a.to).cmp(&(b.from, b.to)))
    });
    let total = edges.len();
    edges.truncate(limit);
    let mut nodes: BTreeMap<NodeId, Value> = BTreeMap::new();
    nodes.insert(n, node_json(&g, n));
    for e in &edges {
        for m in [e.from, e.to] {
            nodes.entry(m).or_insert_with(|| node_json(&g, m));
        }
    }
    Ok(Json(json!({
        "center": id,
        "total_edges": total,
        "nodes": nodes.into_values().collect::<Vec<_>>(),
        "edges": edges.iter().map(|e| edge_json(&g, e)).collect::<Vec<_>>(),
    })))
}

/// Parameters of `GET /api/graph/routes`.
#[derive(Debug, Deserialize)]
pub struct RoutesQuery {
    goods: Option<String>,
    limit: Option<usize>,
}

/// `GET /api/graph/routes`: value and lines between the countries of senders and recipients, highest value first.
pub async fn routes(
    State(state): State<Arc<AppState>>,
    Q(p): Q<RoutesQuery>,
) -> Result<Json<Value>, ApiError> {
    let (limit, _) = page(&state, p.limit, None, 30)?;
    let category = goods(p.goods.as_deref())?;
    let g = data(&state)?.graph().await?;
    let flows: Vec<_> = tradetrail_graph::country_flows(&g, category)
        .into_iter()
        .take(limit)
        .collect();
    Ok(Json(json!({ "routes": flows })))
}

/// Parameters of `GET /api/trace`.
#[derive(Debug, Deserialize)]
pub struct TraceParams {
    /// Entity id, name or brand the chains start from; none starts at every entry flow.
    from: Option<String>,
    /// Country of the end recipients (ISO alpha-2).
    to_country: Option<String>,
    goods: Option<String>,
    max_hops: Option<usize>,
    /// Days goods may stay with an intermediary.
    window_days: Option<i32>,
    min_hops: Option<usize>,
    since: Option<String>,
    limit: Option<usize>,
}

/// A checked trace request: the query (sources and brand still to be looked up in the graph) and the name they start from.
#[derive(Debug, Clone)]
pub struct TraceRequest {
    /// The trace query, bounded by the server's limits.
    pub query: TraceQuery,
    /// Entity id, name or brand the chains start from.
    pub from: Option<String>,
}

/// Decodes and checks the query string of `GET /api/trace` against the server's limits.
pub fn trace_request(raw: Option<&str>, limits: &Limits) -> Result<TraceRequest, ApiError> {
    let p: TraceParams = crate::body::query(raw)?;
    let (limit, _) = page_in(limits, p.limit, None, 20)?;
    let max_hops = p.max_hops.unwrap_or(12);
    if max_hops == 0 || max_hops > limits.max_hops {
        return Err(ApiError::BadRequest(format!(
            "max_hops={max_hops}: expected 1 to {}",
            limits.max_hops
        )));
    }
    let window = p.window_days.unwrap_or(120);
    if !(1..=3650).contains(&window) {
        return Err(ApiError::BadRequest(format!(
            "window_days={window}: expected 1 to 3650"
        )));
    }
    if let Some(c) = &p.to_country
        && (c.len() != 2 || !c.chars().all(|x| x.is_ascii_alphabetic()))
    {
        return Err(ApiError::BadRequest(format!(
            "to_country={c:?}: expected an ISO alpha-2 code such as RU"
        )));
    }
    let from = p
        .from
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let query = TraceQuery {
        to_country: p.to_country.map(|c| c.to_ascii_uppercase()),
        category: goods(p.goods.as_deref())?,
        max_hops,
        window_days: window,
        min_hops: p.min_hops.unwrap_or(1).clamp(1, max_hops),
        delivered_since: day(p.since.as_deref(), "since")?,
        limit,
        all_entries: p.from.is_none(),
        budget: 2_000_000,
        ..TraceQuery::default()
    };
    Ok(TraceRequest { query, from })
}

/// `GET /api/trace`: intermediary chains consistent in time, goods and quantity, each hop with its evidence row.
pub async fn trace(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let TraceRequest { query: mut q, from } = trace_request(raw.as_deref(), &state.limits)?;
    let g = data(&state)?.graph().await?;
    if let Some(name) = from.as_deref() {
        q.sources = tradetrail_graph::find_nodes(&g, name);
        q.brand = tradetrail_graph::find_brand(&g, name);
        if q.sources.is_empty() && q.brand.is_none() {
            return Err(ApiError::NotFound(format!(
                "from={name:?}: no entity or brand of that name in the workspace"
            )));
        }
    }
    let g2 = g.clone();
    let r = tokio::task::spawn_blocking(move || tradetrail_graph::trace(&g2, &q))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let paths: Vec<Value> = r
        .paths
        .iter()
        .map(|path| tradetrail_graph::path_json(&g, path))
        .collect();
    Ok(Json(json!({
        "found": r.found, "starts": r.starts, "steps": r.steps, "truncated": r.truncated,
        "paths": paths,
    })))
}
