//! The investigation workspace's JSON API under `/api/`: what the CLI answers (search, entities, graph, trace, findings, hits, report, exports) and the analyst's judgements, over one open workspace.
//!
//! Every route is listed in the OpenAPI 3 document at `/api/openapi.json` (a test checks that each one is there).
//! Reads run on a shared DataFusion session with read-only SQL options; pages are bounded by [`crate::Limits`]; judgements need an analyst.

mod entities;
mod export;
mod findings;
mod graph;
mod judgements;
mod report;
mod search;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use arrow::record_batch::RecordBatch;
use axum::Router;
use axum::middleware::from_fn;
use axum::routing::{get, post};
use datafusion::execution::context::SQLOptions;
use datafusion::prelude::SessionContext;
use serde_json::Value;
use tradetrail_store::{Audit, FindingJudgements, HitReviews, Judgements, Workspace};

use crate::auth::analyst_only;
pub use crate::body::Q;
use crate::{ApiError, AppState};

pub use graph::{TraceRequest, trace_request};
pub use judgements::{PairJudgement, finding_judgement, hit_review, pair_judgement};
pub use search::{ShipmentRequest, shipment_request};

/// The OpenAPI 3 document of every route, served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../../assets/openapi.json");

/// One open workspace and what the API derives from it on first use.
pub struct Data {
    /// The workspace (manifest as of `serve`'s start).
    pub ws: Workspace,
    ctx: SessionContext,
    search: OnceCell<Result<Arc<tradetrail_search::SearchIndex>, String>>,
    graph: OnceCell<Result<Arc<tradetrail_graph::Graph>, String>>,
    reports: Mutex<HashMap<String, Arc<tradetrail_report::Report>>>,
    pairs: Mutex<Judgements>,
    reviews: Mutex<HitReviews>,
    findings: Mutex<FindingJudgements>,
    audit: Mutex<Audit>,
}

impl Data {
    /// Opens the workspace's query session and analyst databases; the search index and the graph are loaded on first use.
    pub async fn open(ws: Workspace) -> Result<Data, tradetrail_store::Error> {
        let ctx = ws.session().await?;
        let root = ws.root().to_path_buf();
        Ok(Data {
            ctx,
            search: OnceCell::new(),
            graph: OnceCell::new(),
            reports: Mutex::new(HashMap::new()),
            pairs: Mutex::new(Judgements::open(&root)?),
            reviews: Mutex::new(HitReviews::open(&root)?),
            findings: Mutex::new(FindingJudgements::open(&root)?),
            audit: Mutex::new(Audit::open(&root)?),
            ws,
        })
    }

    /// Runs one read-only SQL statement (no DDL, no DML, no `SET`).
    pub async fn batches(&self, sql: &str) -> Result<Vec<RecordBatch>, ApiError> {
        let options = SQLOptions::new()
            .with_allow_ddl(false)
            .with_allow_dml(false)
            .with_allow_statements(false);
        let df = self
            .ctx
            .sql_with_options(sql, options)
            .await
            .map_err(|e| ApiError::BadRequest(format!("query: {e}")))?;
        df.collect()
            .await
            .map_err(|e| ApiError::Internal(format!("query failed: {e}")))
    }

    /// A DataFrame of a read-only statement, for streaming exports.
    pub(crate) async fn frame(
        &self,
        sql: &str,
    ) -> Result<datafusion::dataframe::DataFrame, ApiError> {
        let options = SQLOptions::new()
            .with_allow_ddl(false)
            .with_allow_dml(false)
            .with_allow_statements(false);
        self.ctx
            .sql_with_options(sql, options)
            .await
            .map_err(|e| ApiError::BadRequest(format!("query: {e}")))
    }

    /// Rows of a read-only statement as JSON objects (nulls kept, dates as ISO text).
    pub async fn rows(&self, sql: &str) -> Result<Vec<Value>, ApiError> {
        batches_json(&self.batches(sql).await?)
    }

    /// The full-text index, built on first use when the workspace has none or an outdated one; concurrent first requests wait for one build.
    pub async fn search_index(&self) -> Result<Arc<tradetrail_search::SearchIndex>, ApiError> {
        let root = self.ws.root().to_path_buf();
        self.search
            .get_or_init(|| async move {
                tokio::task::spawn_blocking(move || {
                    let ws = Workspace::open(&root).map_err(|e| e.to_string())?;
                    tradetrail_search::ensure(&ws, &tradetrail_search::BuildOptions::default())
                        .map(|(i, _)| Arc::new(i))
                        .map_err(|e| format!("search index: {e}"))
                })
                .await
                .unwrap_or_else(|e| Err(format!("search index: {e}")))
            })
            .await
            .clone()
            .map_err(ApiError::Unavailable)
    }

    /// The trade graph, loaded on first use; concurrent first requests wait for one load.
    pub async fn graph(&self) -> Result<Arc<tradetrail_graph::Graph>, ApiError> {
        let root = self.ws.root().to_path_buf();
        self.graph
            .get_or_init(|| async move {
                tokio::task::spawn_blocking(move || {
                    let ws = Workspace::open(&root).map_err(|e| e.to_string())?;
                    tradetrail_graph::load(&ws, tradetrail_graph::GraphOptions::default())
                        .map(Arc::new)
                        .map_err(|e| format!("trade graph: {e}"))
                })
                .await
                .unwrap_or_else(|e| Err(format!("trade graph: {e}")))
            })
            .await
            .clone()
            .map_err(ApiError::Unavailable)
    }
}

/// The workspace of a request's state, or 503 when the server was started without one.
pub fn data(state: &AppState) -> Result<&Data, ApiError> {
    state
        .data
        .as_ref()
        .ok_or_else(|| ApiError::Unavailable("no workspace is open on this server".into()))
}

/// Batches as JSON objects.
pub fn batches_json(batches: &[RecordBatch]) -> Result<Vec<Value>, ApiError> {
    let mut buf = Vec::new();
    {
        let mut w = arrow::json::WriterBuilder::new()
            .with_explicit_nulls(true)
            .build::<_, arrow::json::writer::JsonArray>(&mut buf);
        let refs: Vec<&RecordBatch> = batches.iter().collect();
        w.write_batches(&refs)
            .and_then(|_| w.finish())
            .map_err(|e| ApiError::Internal(format!("encoding rows: {e}")))?;
    }
    if buf.is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_slice(&buf).map_err(|e| ApiError::Internal(format!("encoding rows: {e}")))
}

/// A SQL string literal.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Checks an ISO date (`YYYY-MM-DD`) and returns it as a SQL date literal.
pub fn sql_date(text: &str, name: &str) -> Result<String, ApiError> {
    iso_date(text, name).map(|d| format!("DATE '{d}'"))
}

/// Checks an ISO date (`YYYY-MM-DD`).
pub fn iso_date<'a>(text: &'a str, name: &str) -> Result<&'a str, ApiError> {
    let t = text.trim();
    let ok = t.len() == 10
        && t.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if ok {
        Ok(t)
    } else {
        Err(ApiError::BadRequest(format!(
            "{name}={text:?}: expected a date as YYYY-MM-DD"
        )))
    }
}

/// Limit and offset of a page, checked against the server's limits.
pub fn page(
    state: &AppState,
    limit: Option<usize>,
    offset: Option<usize>,
    default: usize,
) -> Result<(usize, usize), ApiError> {
    page_in(&state.limits, limit, offset, default)
}

/// Limit and offset of a page, checked against these limits.
pub fn page_in(
    limits: &crate::Limits,
    limit: Option<usize>,
    offset: Option<usize>,
    default: usize,
) -> Result<(usize, usize), ApiError> {
    let limit = limit.unwrap_or(default);
    if limit == 0 || limit > limits.max_limit {
        return Err(ApiError::BadRequest(format!(
            "limit={limit}: expected 1 to {}",
            limits.max_limit
        )));
    }
    let offset = offset.unwrap_or(0);
    if offset > 1_000_000 {
        return Err(ApiError::BadRequest(format!(
            "offset={offset}: expected at most 1000000; narrow the filters instead"
        )));
    }
    Ok((limit, offset))
}

async fn openapi() -> ([(axum::http::HeaderName, &'static str); 1], &'static str) {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        OPENAPI,
    )
}

/// Every `/api/` route: (method, path) as the OpenAPI document names it.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/openapi.json"),
    ("get", "/api/whoami"),
    ("get", "/api/search"),
    ("get", "/api/shipments"),
    ("get", "/api/entities"),
    ("get", "/api/entities/{id}"),
    ("get", "/api/list-entries"),
    ("get", "/api/graph/neighbourhood/{id}"),
    ("get", "/api/graph/routes"),
    ("get", "/api/trace"),
    ("get", "/api/findings"),
    ("get", "/api/findings/{id}"),
    ("post", "/api/findings/{id}/judgements"),
    ("get", "/api/hits"),
    ("post", "/api/hits/{entity_id}/{entry_id}/review"),
    ("get", "/api/judgements/pairs"),
    ("post", "/api/judgements/pairs"),
    ("get", "/api/audit"),
    ("get", "/api/query"),
    ("get", "/api/export/{table}"),
    ("get", "/api/export"),
    ("get", "/api/report"),
    ("get", "/api/report.html"),
];

/// The `/api/` routes.
pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/whoami", get(judgements::whoami))
        .route("/api/search", get(search::everything))
        .route("/api/shipments", get(search::shipments))
        .route("/api/entities", get(entities::search))
        .route("/api/entities/{id}", get(entities::show))
        .route("/api/list-entries", get(entities::list_entries))
        .route("/api/graph/neighbourhood/{id}", get(graph::neighbourhood))
        .route("/api/graph/routes", get(graph::routes))
        .route("/api/trace", get(graph::trace))
        .route("/api/findings", get(findings::list))
        .route("/api/findings/{id}", get(findings::one))
        .route(
            "/api/findings/{id}/judgements",
            post(judgements::judge_finding).layer(from_fn(analyst_only)),
        )
        .route("/api/hits", get(findings::hits))
        .route(
            "/api/hits/{entity_id}/{entry_id}/review",
            post(judgements::review_hit).layer(from_fn(analyst_only)),
        )
        .route(
            "/api/judgements/pairs",
            get(judgements::pairs).merge(post(judgements::judge_pair).layer(from_fn(analyst_only))),
        )
        .route("/api/audit", get(judgements::audit))
        .route("/api/query", get(export::query))
        .route("/api/export/{table}", get(export::table))
        .route("/api/export", get(export::sql))
        .route("/api/report", get(report::json))
        .route("/api/report.html", get(report::html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_openapi_document_lists_every_route_and_no_other() {
        let doc: Value = serde_json::from_str(OPENAPI).expect("openapi.json is JSON");
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let paths = doc["paths"].as_object().unwrap();
        for (method, path) in ROUTES {
            assert!(
                paths.get(*path).and_then(|p| p.get(*method)).is_some(),
                "{method} {path} is missing from openapi.json"
            );
        }
        for (path, ops) in paths {
            for method in ops.as_object().unwrap().keys() {
                assert!(
                    ROUTES.contains(&(method.as_str(), path.as_str())),
                    "openapi.json names {method} {path}, which the router does not serve"
                );
            }
        }
    }

    #[test]
    fn the_router_serves_every_listed_route() {
        let source = include_str!("mod.rs");
        let router = &source[source.find("pub fn router()").unwrap()..];
        for (_, path) in ROUTES {
            assert!(
                router.contains(&format!("\"{path}\"")),
                "{path} is listed but not routed"
            );
        }
    }

    #[test]
    fn dates_and_pages_are_checked() {
        assert!(iso_date("2024-02-29", "since").is_ok());
        for bad in ["2024-2-29", "20240229", "2024-02-29T00", "x"] {
            let e = iso_date(bad, "since").unwrap_err().to_string();
            assert!(e.contains("since") && e.contains("YYYY-MM-DD"), "{e}");
        }
        assert_eq!(quote("O'Brien"), "'O''Brien'");
    }
}
