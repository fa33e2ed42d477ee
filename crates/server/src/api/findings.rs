//! Findings and screening hits for the review queues: filtered, paginated, each finding with the status its judgements give it, its features and its evidence rows joined to the source lines.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Json;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Q, data, page, quote, sql_date};
use crate::{ApiError, AppState};

/// Parameters of `GET /api/findings`.
#[derive(Debug, Deserialize)]
pub struct FindingQuery {
    /// Detector codes, comma-separated (TT-UNDERVALUE,TT-SHELL).
    code: Option<String>,
    /// This severity or stronger: low, medium or high.
    severity: Option<String>,
    /// An entity id or words of its name.
    entity: Option<String>,
    since: Option<String>,
    until: Option<String>,
    /// open, confirmed or dismissed (analyst judgements).
    status: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

const ORDER: &str =
    "CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, score DESC, finding_id";

fn where_clause(
    p: &FindingQuery,
    judged: &std::collections::BTreeMap<String, String>,
) -> Result<String, ApiError> {
    let mut filters: Vec<String> = Vec::new();
    if let Some(codes) = p.code.as_deref().filter(|c| !c.trim().is_empty()) {
        let mut list = Vec::new();
        for c in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            if !c.chars().all(|x| x.is_ascii_alphanumeric() || x == '-') {
                return Err(ApiError::BadRequest(format!(
                    "code={c:?}: expected a detector code such as TT-UNDERVALUE"
                )));
            }
            list.push(quote(&c.to_ascii_uppercase()));
        }
        filters.push(format!("code IN ({})", list.join(", ")));
    }
    if let Some(s) = p.severity.as_deref().filter(|c| !c.trim().is_empty()) {
        let set = match s.trim().to_ascii_lowercase().as_str() {
            "low" => "'low', 'medium', 'high'",
            "medium" => "'medium', 'high'",
            "high" => "'high'",
            other => {
                return Err(ApiError::BadRequest(format!(
                    "severity={other:?}: expected low, medium or high"
                )));
            }
        };
        filters.push(format!("severity IN ({set})"));
    }
    if let Some(e) = p.entity.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        filters.push(format!(
            "(entity_id = {} OR strpos(upper(entity_name), {}) > 0)",
            quote(e),
            quote(&e.to_uppercase())
        ));
    }
    if let Some(s) = p.since.as_deref().filter(|s| !s.is_empty()) {
        filters.push(format!("last_date >= {}", sql_date(s, "since")?));
    }
    if let Some(u) = p.until.as_deref().filter(|s| !s.is_empty()) {
        filters.push(format!("first_date <= {}", sql_date(u, "until")?));
    }
    if let Some(status) = p.status.as_deref().filter(|s| !s.is_empty()) {
        let status = status.trim().to_ascii_lowercase();
        if !matches!(status.as_str(), "open" | "confirmed" | "dismissed") {
            return Err(ApiError::BadRequest(format!(
                "status={status:?}: expected open, confirmed or dismissed"
            )));
        }
        let ids = |want: &dyn Fn(&str) -> bool| -> String {
            let v: Vec<String> = judged
                .iter()
                .filter(|(_, s)| want(s))
                .map(|(id, _)| quote(id))
                .collect();
            if v.is_empty() {
                "''".into()
            } else {
                v.join(", ")
            }
        };
        if status == "open" {
            filters.push(format!("finding_id NOT IN ({})", ids(&|s| s != "open")));
        } else {
            filters.push(format!("finding_id IN ({})", ids(&|s| s == status)));
        }
    }
    Ok(if filters.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", filters.join(" AND "))
    })
}

/// Parses the JSON-in-text columns of a finding and adds its status.
fn decorate(row: &mut Value, judged: &std::collections::BTreeMap<String, String>) {
    for f in [
        "features",
        "evidence_rows",
        "evidence_list_entries",
        "evidence_paths",
    ] {
        if let Some(v) = row.get_mut(f)
            && let Some(text) = v.as_str()
        {
            *v = serde_json::from_str(text).unwrap_or(Value::Null);
        }
    }
    let id = row
        .get("finding_id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let status = judged.get(&id).cloned().unwrap_or_else(|| "open".into());
    if let Value::Object(o) = row {
        o.insert("status".into(), json!(status));
    }
}

fn statuses(state: &AppState) -> Result<std::collections::BTreeMap<String, String>, ApiError> {
    let d = data(state)?;
    let current = d
        .findings
        .lock()
        .map_err(|_| ApiError::Internal("finding judgements lock poisoned".into()))?
        .current()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(current.into_iter().map(|(k, v)| (k, v.status)).collect())
}

/// `GET /api/findings`: strongest first, filtered, paginated.
pub async fn list(
    State(state): State<Arc<AppState>>,
    Q(p): Q<FindingQuery>,
) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = page(&state, p.limit, p.offset, 25)?;
    let judged = statuses(&state)?;
    let filter = where_clause(&p, &judged)?;
    let d = data(&state)?;
    let total = d
        .rows(&format!("SELECT COUNT(*) AS n FROM findings{filter}"))
        .await?;
    let total = total.first().and_then(|r| r["n"].as_u64()).unwrap_or(0);
    let mut rows = d
        .rows(&format!(
            "SELECT * FROM findings{filter} ORDER BY {ORDER} LIMIT {limit} OFFSET {offset}"
        ))
        .await?;
    for r in &mut rows {
        decorate(r, &judged);
    }
    let next = (offset as u64 + (rows.len() as u64) < total).then_some(offset + rows.len());
    Ok(Json(
        json!({ "total": total, "offset": offset, "limit": limit, "next_offset": next, "findings": rows }),
    ))
}

/// The finding with this id, decorated, or 404.
pub async fn finding(state: &AppState, id: &str) -> Result<Value, ApiError> {
    if id.is_empty()
        || id.len() > 80
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ApiError::BadRequest(format!(
            "finding id {id:?}: expected letters, digits, - or _"
        )));
    }
    let d = data(state)?;
    let mut row = d
        .rows(&format!(
            "SELECT * FROM findings WHERE finding_id = {}",
            quote(id)
        ))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::NotFound(format!("no finding {id:?} in this workspace")))?;
    decorate(&mut row, &statuses(state)?);
    Ok(row)
}

/// `GET /api/findings/{id}`: the finding, its evidence rows joined to the source lines, and its judgement history.
pub async fn one(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let f = finding(&state, &id).await?;
    let ids: Vec<String> = f["evidence_rows"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["record_id"].as_str())
                .take(200)
                .map(quote)
                .collect()
        })
        .unwrap_or_default();
    let d = data(&state)?;
    let evidence = if ids.is_empty() {
        Vec::new()
    } else {
        d.rows(&format!(
            "SELECT record_id, dataset, source_file, source_line, declaration_date, sender_name, recipient_name, description, hs_code, quantity, unit, value_usd \
             FROM shipments WHERE record_id IN ({}) ORDER BY declaration_date, record_id",
            ids.join(", ")
        ))
        .await?
    };
    let history = d
        .findings
        .lock()
        .map_err(|_| ApiError::Internal("finding judgements lock poisoned".into()))?
        .history(&id)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Json(
        json!({ "finding": f, "evidence": evidence, "judgements": history }),
    ))
}

/// Parameters of `GET /api/hits`.
#[derive(Debug, Deserialize)]
pub struct HitQuery {
    /// open, confirmed, cleared or reopened.
    status: Option<String>,
    /// Only hits on this entity.
    entity: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /api/hits`: screening hits, highest score first.
pub async fn hits(
    State(state): State<Arc<AppState>>,
    Q(p): Q<HitQuery>,
) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = page(&state, p.limit, p.offset, 25)?;
    let status = p.status.as_deref().filter(|s| !s.is_empty());
    if let Some(s) = status
        && !matches!(s, "open" | "confirmed" | "cleared" | "reopened")
    {
        return Err(ApiError::BadRequest(format!(
            "status={s:?}: expected open, confirmed, cleared or reopened"
        )));
    }
    let filter = match p.entity.as_deref().filter(|s| !s.is_empty()) {
        Some(e) => format!(" WHERE entity_id = {}", quote(e)),
        None => String::new(),
    };
    let d = data(&state)?;
    // Reviews made since the last `tradetrail screen` are in judgements.sqlite, not yet in the derived table: the status shown is the one they give.
    let reviews: std::collections::BTreeMap<(String, String), tradetrail_store::HitReview> = d
        .reviews
        .lock()
        .map_err(|_| ApiError::Internal("hit reviews lock poisoned".into()))?
        .current()
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .into_iter()
        .map(|r| ((r.entity_id.clone(), r.entry_id.clone()), r))
        .collect();
    let mut rows = d
        .rows(&format!("SELECT * FROM screening_hits{filter} ORDER BY score DESC, entity_id, entry_id LIMIT 100000"))
        .await?;
    for r in &mut rows {
        if let Some(v) = r.get_mut("features")
            && let Some(t) = v.as_str()
        {
            *v = serde_json::from_str(t).unwrap_or(Value::Null);
        }
        let key = (
            r["entity_id"].as_str().unwrap_or_default().to_string(),
            r["entry_id"].as_str().unwrap_or_default().to_string(),
        );
        if let Some(review) = reviews.get(&key) {
            let now = review.status(
                r["entity_fingerprint"].as_str().unwrap_or_default(),
                r["entry_fingerprint"].as_str().unwrap_or_default(),
            );
            r["status"] = json!(now);
        }
    }
    let total = rows
        .iter()
        .filter(|r| status.is_none_or(|s| r["status"] == s))
        .count();
    let rows: Vec<Value> = rows
        .into_iter()
        .filter(|r| status.is_none_or(|s| r["status"] == s))
        .skip(offset)
        .take(limit)
        .collect();
    let next = (offset + rows.len() < total).then_some(offset + rows.len());
    Ok(Json(
        json!({ "total": total, "offset": offset, "limit": limit, "next_offset": next, "hits": rows }),
    ))
}
