//! Search: shipment lines by full text and filters (the tantivy index, paginated), and one box that searches shipments, entities and list entries at once.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Json;
use serde::Deserialize;
use serde_json::{Value, json};
use tradetrail_search::Filters;

use super::{Q, data, entities, iso_date, page, page_in};
use crate::{ApiError, AppState, Limits};

/// Parameters of `GET /api/shipments`.
#[derive(Debug, Deserialize)]
pub struct ShipmentQuery {
    /// Words in any script; empty ranks every line that passes the filters.
    #[serde(default)]
    q: String,
    since: Option<String>,
    until: Option<String>,
    country: Option<String>,
    hs: Option<String>,
    party: Option<String>,
    category: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

fn filters(p: &ShipmentQuery) -> Result<Filters, ApiError> {
    if let Some(s) = &p.since {
        iso_date(s, "since")?;
    }
    if let Some(u) = &p.until {
        iso_date(u, "until")?;
    }
    if let Some(c) = &p.country
        && (c.len() != 2 || !c.chars().all(|x| x.is_ascii_alphabetic()))
    {
        return Err(ApiError::BadRequest(format!(
            "country={c:?}: expected an ISO alpha-2 code such as CN"
        )));
    }
    if let Some(h) = &p.hs
        && !h.chars().all(|x| x.is_ascii_digit())
    {
        return Err(ApiError::BadRequest(format!(
            "hs={h:?}: expected the digits of an HS code prefix"
        )));
    }
    if let Some(c) = &p.category
        && !matches!(c.as_str(), "drone" | "drone_part" | "chpl" | "other")
    {
        return Err(ApiError::BadRequest(format!(
            "category={c:?}: expected drone, drone_part, chpl or other"
        )));
    }
    let non_empty = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    Ok(Filters {
        since: non_empty(&p.since),
        until: non_empty(&p.until),
        country: non_empty(&p.country).map(|c| c.to_ascii_uppercase()),
        hs_prefix: non_empty(&p.hs),
        party: non_empty(&p.party),
        category: non_empty(&p.category),
    })
}

/// A checked shipment search: the words, the filters and the page.
#[derive(Debug, Clone)]
pub struct ShipmentRequest {
    /// Words in any script.
    pub q: String,
    /// The checked filters.
    pub filters: Filters,
    /// Most lines returned.
    pub limit: usize,
    /// Lines skipped.
    pub offset: usize,
}

/// Decodes and checks the query string of `GET /api/shipments` against the server's limits.
pub fn shipment_request(raw: Option<&str>, limits: &Limits) -> Result<ShipmentRequest, ApiError> {
    let p: ShipmentQuery = crate::body::query(raw)?;
    checked(&p, limits, 20)
}

fn checked(
    p: &ShipmentQuery,
    limits: &Limits,
    default_limit: usize,
) -> Result<ShipmentRequest, ApiError> {
    let (limit, offset) = page_in(limits, p.limit, p.offset, default_limit)?;
    Ok(ShipmentRequest {
        q: p.q.clone(),
        filters: filters(p)?,
        limit,
        offset,
    })
}

/// Shipment lines ranked by BM25, `offset` lines skipped, at most `limit`.
pub async fn shipment_page(state: &AppState, r: ShipmentRequest) -> Result<Value, ApiError> {
    let ShipmentRequest {
        q,
        filters: f,
        limit,
        offset,
    } = r;
    let index = data(state)?.search_index().await?;
    let words = q.clone();
    let results = tokio::task::spawn_blocking(move || index.search(&words, &f, limit + offset))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::BadRequest(format!("q={q:?}: {e}")))?;
    let hits: Vec<Value> = results
        .hits
        .into_iter()
        .skip(offset)
        .map(|h| serde_json::to_value(h).unwrap_or_default())
        .collect();
    let next = (offset + hits.len() < results.total).then_some(offset + hits.len());
    Ok(
        json!({ "total": results.total, "offset": offset, "limit": limit, "next_offset": next, "hits": hits }),
    )
}

/// `GET /api/shipments`: full-text search with filters, paginated by `limit` and `offset`.
pub async fn shipments(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let r = shipment_request(raw.as_deref(), &state.limits)?;
    Ok(Json(shipment_page(&state, r).await?))
}

/// Parameters of `GET /api/search`.
#[derive(Debug, Deserialize)]
pub struct Everything {
    /// Words: a party name, goods, a brand, a list entry's name.
    q: String,
    limit: Option<usize>,
}

/// `GET /api/search?q=`: shipments, entities and list entries that match, the best few of each.
pub async fn everything(
    State(state): State<Arc<AppState>>,
    Q(p): Q<Everything>,
) -> Result<Json<Value>, ApiError> {
    let q = p.q.trim();
    if q.is_empty() {
        return Err(ApiError::BadRequest(
            "q: give some words to search for".into(),
        ));
    }
    let (limit, _) = page(&state, p.limit, None, 10)?;
    let shipment_query = ShipmentQuery {
        q: q.to_string(),
        since: None,
        until: None,
        country: None,
        hs: None,
        party: None,
        category: None,
        limit: Some(limit),
        offset: None,
    };
    let shipment_request = checked(&shipment_query, &state.limits, limit)?;
    let (ships, ents) = futures::join!(
        shipment_page(&state, shipment_request),
        entities::find(&state, q, limit, 0)
    );
    let lists = entities::find_list_entries(&state, q, limit);
    Ok(Json(json!({
        "q": q,
        "shipments": ships?,
        "entities": ents?,
        "list_entries": lists?,
    })))
}
