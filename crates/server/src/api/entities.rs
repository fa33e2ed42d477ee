//! Entities: search by any name in any script, identifiers or country, the entity page (names by script, identifiers, addresses, roles, shipments by month, counterparts, list hits, findings, mentions), and list entries by name.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Json;
use serde::Deserialize;
use serde_json::{Value, json};
use tradetrail_screen::{Options, Query, QueryKind};

use super::{Q, data, page, quote};
use crate::{ApiError, AppState};

/// Parameters of `GET /api/entities`.
#[derive(Debug, Deserialize)]
pub struct EntityQuery {
    /// Words of a name (any script), an identifier value, or an entity id.
    q: String,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Entities whose names, identifiers or id contain `q`, most lines first.
pub async fn find(
    state: &AppState,
    q: &str,
    limit: usize,
    offset: usize,
) -> Result<Value, ApiError> {
    let d = data(state)?;
    let needle = quote(&q.trim().to_uppercase());
    let sql = format!(
        "SELECT entity_id, canonical_name, countries, roles, lines, mentions FROM entities \
         WHERE entity_id = {id} OR strpos(upper(concat(canonical_name, ' ', coalesce(names_latin, ''), ' ', coalesce(names_cyrillic, ''), ' ', \
         coalesce(names_han, ''), ' ', coalesce(names_other, ''), ' ', coalesce(identifiers, ''))), {needle}) > 0 \
         ORDER BY lines DESC, entity_id LIMIT {limit} OFFSET {offset}",
        id = quote(q.trim()),
    );
    let mut rows = d.rows(&sql).await?;
    for r in &mut rows {
        parse_json_fields(r, &["countries", "roles"]);
    }
    let next = (rows.len() == limit).then_some(offset + limit);
    Ok(json!({ "offset": offset, "limit": limit, "next_offset": next, "entities": rows }))
}

/// `GET /api/entities?q=`: entity search, paginated.
pub async fn search(
    State(state): State<Arc<AppState>>,
    Q(p): Q<EntityQuery>,
) -> Result<Json<Value>, ApiError> {
    if p.q.trim().is_empty() {
        return Err(ApiError::BadRequest(
            "q: give words of a name, an identifier or an entity id".into(),
        ));
    }
    let (limit, offset) = page(&state, p.limit, p.offset, 20)?;
    Ok(Json(find(&state, &p.q, limit, offset).await?))
}

/// Replaces JSON-in-text columns by the JSON they hold.
fn parse_json_fields(row: &mut Value, fields: &[&str]) {
    for f in fields {
        if let Some(v) = row.get_mut(*f)
            && let Some(text) = v.as_str()
        {
            *v = serde_json::from_str(text).unwrap_or(Value::Null);
        }
    }
}

fn check_id(id: &str) -> Result<(), ApiError> {
    if id.is_empty()
        || id.len() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ApiError::BadRequest(format!(
            "entity id {id:?}: expected letters, digits, - or _"
        )));
    }
    Ok(())
}

/// `GET /api/entities/{id}`: everything the workspace knows about one entity.
pub async fn page_of(state: &AppState, id: &str) -> Result<Value, ApiError> {
    check_id(id)?;
    let d = data(state)?;
    let eid = quote(id);
    let entity_sql = format!("SELECT * FROM entities WHERE entity_id = {eid}");
    let months_sql = format!(
        "SELECT substr(CAST(s.declaration_date AS VARCHAR), 1, 7) AS month, p.role, COUNT(*) AS lines, SUM(s.value_usd) AS value_usd \
         FROM party_mentions p JOIN shipments s ON s.record_id = p.record_id \
         WHERE p.entity_id = {eid} AND s.declaration_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
    );
    let hits_sql = format!(
        "SELECT entry_id, list_id, list_name, caption, matched_name, score, status, listing_date, lines_after_listing \
         FROM screening_hits WHERE entity_id = {eid} ORDER BY score DESC, entry_id"
    );
    let findings_sql = format!(
        "SELECT finding_id, code, severity, score, summary, first_date, last_date FROM findings \
         WHERE entity_id = {eid} OR subject = {eid} ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, score DESC, finding_id LIMIT 200"
    );
    let recent_sql = format!(
        "SELECT s.record_id, s.declaration_date, p.role, s.sender_name, s.recipient_name, s.description, s.hs_code, s.value_usd, s.dataset, s.source_file, s.source_line \
         FROM party_mentions p JOIN shipments s ON s.record_id = p.record_id WHERE p.entity_id = {eid} \
         ORDER BY s.declaration_date DESC NULLS LAST, s.record_id LIMIT 25"
    );
    let mentions_sql = format!(
        "SELECT mention_key, name, script, role, COUNT(*) AS lines FROM party_mentions WHERE entity_id = {eid} \
         GROUP BY mention_key, name, script, role ORDER BY lines DESC, mention_key, name, role LIMIT 100"
    );
    let (entity, months, hits, findings, recent, mentions) = futures::join!(
        d.rows(&entity_sql),
        d.rows(&months_sql),
        d.rows(&hits_sql),
        d.rows(&findings_sql),
        d.rows(&recent_sql),
        d.rows(&mentions_sql)
    );
    let mut entity = entity?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::NotFound(format!("no entity {id:?} in this workspace")))?;
    parse_json_fields(
        &mut entity,
        &[
            "names_latin",
            "names_cyrillic",
            "names_han",
            "names_other",
            "countries",
            "identifiers",
            "addresses",
            "roles",
        ],
    );
    let counterparts = match d.graph().await {
        Ok(g) => counterparts(&g, id),
        Err(_) => json!({ "out": [], "in": [] }),
    };
    Ok(json!({
        "entity": entity,
        "months": months?,
        "counterparts": counterparts,
        "hits": hits?,
        "findings": findings?,
        "recent_shipments": recent?,
        "mentions": mentions?,
    }))
}

fn counterparts(g: &tradetrail_graph::Graph, id: &str) -> Value {
    let Some(n) = g.node_of(id) else {
        return json!({ "out": [], "in": [] });
    };
    let hood = tradetrail_graph::neighbours(g, n, None);
    let side = |edges: &[&tradetrail_graph::Edge], out: bool| -> Vec<Value> {
        edges
            .iter()
            .take(20)
            .map(|e| {
                let other = if out { e.to } else { e.from };
                json!({
                    "entity_id": g.entity_id(other), "name": g.name(other), "country": g.country(other),
                    "lines": e.lines, "value_usd": e.value_usd,
                    "first": (e.first != i32::MAX).then(|| tradetrail_model::iso_date(e.first)),
                    "last": (e.last != i32::MIN).then(|| tradetrail_model::iso_date(e.last)),
                })
            })
            .collect()
    };
    json!({ "out": side(&hood.out, true), "in": side(&hood.inbound, false) })
}

/// `GET /api/entities/{id}`.
pub async fn show(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(page_of(&state, &id).await?))
}

/// List entries whose names are closest to `q`, from the in-process screening index.
pub fn find_list_entries(state: &AppState, q: &str, limit: usize) -> Result<Vec<Value>, ApiError> {
    let query = Query {
        names: vec![q.to_string()],
        kind: QueryKind::Any,
        ..Query::default()
    };
    let opts = Options {
        limit,
        threshold: 0.3,
        match_threshold: tradetrail_screen::DEFAULT_THRESHOLD,
    };
    let hits = state.index.screen(&query, &opts);
    Ok(hits
        .iter()
        .map(|h| {
            let t = &state.index.targets()[h.target as usize];
            json!({
                "entry_id": t.entry_id, "caption": t.caption, "list_id": t.list_id,
                "programmes": t.programmes, "countries": t.countries,
                "matched_name": h.matched_name, "score": h.score,
            })
        })
        .collect())
}

/// Parameters of `GET /api/list-entries`.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// A name in any script.
    q: String,
    limit: Option<usize>,
}

/// `GET /api/list-entries?q=`: watchlist entries by name.
pub async fn list_entries(
    State(state): State<Arc<AppState>>,
    Q(p): Q<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    if p.q.trim().is_empty() {
        return Err(ApiError::BadRequest("q: give a name to look for".into()));
    }
    let (limit, _) = page(&state, p.limit, None, 20)?;
    let st = state.clone();
    let entries = tokio::task::spawn_blocking(move || find_list_entries(&st, &p.q, limit))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok(Json(json!({ "list_entries": entries })))
}
