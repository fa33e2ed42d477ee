//! The investigation report over HTTP: the same `tradetrail_report::build` the `report` command runs, as JSON and as the self-contained HTML page, cached per scope for the life of the server.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tradetrail_report::{Goods, INVASION, Inputs, Report, Scope};

use super::{Q, data, iso_date};
use crate::{ApiError, AppState};

/// Parameters of the report routes; the defaults are the demo's scope (drones and drone parts to RU since the invasion).
#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    /// drones, drone, drone_part, chpl or all.
    goods: Option<String>,
    /// Destination country (ISO alpha-2).
    to: Option<String>,
    since: Option<String>,
    until: Option<String>,
}

async fn report(state: &AppState, p: &ReportQuery) -> Result<Arc<Report>, ApiError> {
    let goods = Goods::parse(p.goods.as_deref().unwrap_or("drones"))
        .map_err(|e| ApiError::BadRequest(format!("goods: {e}")))?;
    let to = p.to.as_deref().unwrap_or("RU");
    let since = match p.since.as_deref() {
        None => Some(INVASION),
        Some("") => None,
        Some(s) => Some(iso_date(s, "since")?),
    };
    let until = p
        .until
        .as_deref()
        .filter(|u| !u.is_empty())
        .map(|u| iso_date(u, "until"))
        .transpose()?;
    let scope =
        Scope::new(goods, to, since, until).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let key = format!("{goods:?}|{to}|{since:?}|{until:?}");
    let d = data(state)?;
    if let Some(r) = d
        .reports
        .lock()
        .map_err(|_| ApiError::Internal("report cache lock poisoned".into()))?
        .get(&key)
    {
        return Ok(r.clone());
    }
    let graph = d.graph().await.ok();
    let built = tradetrail_report::build(
        &d.ws,
        &scope,
        Inputs {
            graph: graph.as_deref(),
        },
    )
    .await
    .map_err(|e| ApiError::Internal(format!("building the report: {e}")))?;
    let built = Arc::new(built);
    d.reports
        .lock()
        .map_err(|_| ApiError::Internal("report cache lock poisoned".into()))?
        .insert(key, built.clone());
    Ok(built)
}

/// `GET /api/report`: the report as JSON (every section with the query that reproduces it).
pub async fn json(
    State(state): State<Arc<AppState>>,
    Q(p): Q<ReportQuery>,
) -> Result<Response, ApiError> {
    let r = report(&state, &p).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], r.to_json()).into_response())
}

/// `GET /api/report.html`: the report as the self-contained HTML page `tradetrail report` writes.
pub async fn html(
    State(state): State<Arc<AppState>>,
    Q(p): Q<ReportQuery>,
) -> Result<Response, ApiError> {
    let r = report(&state, &p).await?;
    Ok((
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        tradetrail_report::html::render(&r),
    )
        .into_response())
}
