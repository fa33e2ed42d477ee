//! tradetrail-server: the HTTP API and the web UI, served by `tradetrail serve`.
//!
//! Screening speaks the shapes existing clients already send: OpenSanctions yente's `POST /match/{dataset}` and `GET /search/{dataset}` ([`yente`]), and the W3C Reconciliation API that OpenRefine uses ([`reconcile`]).
//! A dataset is `default` (every loaded list) or a list id or prefix (`us-ofac-sdn`, `eu-`).
//! The investigation workspace is a JSON API under `/api/` ([`api`], described by `/api/openapi.json`) and a web UI at `/` ([`ui`]) over the workspace's tables, search index, trade graph, report and analyst state.
//! Callers are authenticated by [`auth`]: bearer tokens with a read-only or analyst role, or the local analyst on loopback.
//! Bad requests get a 400 with a message naming what was wrong; nothing a client sends can panic the server.

pub mod api;
pub mod auth;
pub mod body;
mod conn;
pub mod entity;
pub mod reconcile;
pub mod ui;
pub mod yente;

use std::sync::Arc;

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use tradetrail_screen::Index;

pub use auth::{Auth, Principal, Role};

/// What every handler shares.
pub struct AppState {
    /// The screening index over the loaded lists.
    pub index: Index,
    /// Who may call, with which role.
    pub auth: Auth,
    /// The URL clients reach the server at, for the reconciliation manifest's links.
    pub base_url: String,
    /// The workspace the `/api/` routes read, when one is open.
    pub data: Option<api::Data>,
    /// Bounds on what one request may cost.
    pub limits: Limits,
}

/// Bounds on what one request may cost.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Most bytes in a request body.
    pub max_body: usize,
    /// Most rows one page may ask for.
    pub max_limit: usize,
    /// Most hops a trace may ask for.
    pub max_hops: usize,
    /// Longest a request may run before it is answered 503, reading its body included.
    pub timeout: Duration,
    /// Longest the server waits for a request's headers (on a new or an idle keep-alive connection) before closing it.
    pub header_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 256 * 1024,
            max_limit: 1000,
            max_hops: 12,
            timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
        }
    }
}

/// A JSON error with its status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed or asks for something impossible (400).
    #[error("{0}")]
    BadRequest(String),
    /// The dataset or entity does not exist (404).
    #[error("{0}")]
    NotFound(String),
    /// The request body is larger than the server accepts (413).
    #[error("{0}")]
    TooLarge(String),
    /// The request body is not of the media type the route reads (415).
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The caller may read but not judge (403).
    #[error("{0}")]
    Forbidden(String),
    /// The workspace lacks what the route reads, or a stage failed (503 or 500).
    #[error("{0}")]
    Unavailable(String),
    /// Something failed on the server's side (500); the message names what.
    #[error("{0}")]
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let body = serde_json::json!({ "status": status.as_u16(), "detail": self.to_string() });
        (status, Json(body)).into_response()
    }
}

/// Answers 503 when a request runs longer than the configured timeout.
async fn time_limit(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(state.limits.timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::Unavailable(format!(
            "the request ran longer than {} s and was stopped; narrow it (filters, a smaller limit)",
            state.limits.timeout.as_secs()
        ))
        .into_response(),
    }
}

async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

async fn not_found() -> ApiError {
    ApiError::NotFound("no such route; see /api/openapi.json, /match/{dataset}, /search/{dataset}, /entities/{id}, /reconcile/{dataset}".into())
}

/// The API's routes over a shared state.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/match/{dataset}",
            axum::routing::post(yente::match_entities),
        )
        .route("/search", get(yente::search_default))
        .route("/search/{dataset}", get(yente::search))
        .route("/entities/{id}", get(entity::fetch))
        .route(
            "/reconcile",
            get(reconcile::get_default).post(reconcile::post_default),
        )
        .route(
            "/reconcile/{dataset}",
            get(reconcile::get).post(reconcile::post),
        )
        .route(
            "/reconcile/{dataset}/suggest/entity",
            get(reconcile::suggest_entity),
        )
        .merge(api::router())
        .merge(ui::router())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), time_limit))
        .layer(DefaultBodyLimit::max(state.limits.max_body))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .with_state(state)
}

pub use conn::serve;

/// The list-id prefixes a dataset name selects: none for `default` (every list).
pub fn dataset_lists(index: &Index, dataset: &str) -> Result<Vec<String>, ApiError> {
    if matches!(dataset, "default" | "all" | "sanctions") {
        return Ok(Vec::new());
    }
    if index
        .targets()
        .iter()
        .any(|t| t.list_id.starts_with(dataset))
    {
        Ok(vec![dataset.to_string()])
    } else {
        Err(ApiError::NotFound(format!(
            "dataset {dataset:?} is not loaded: use `default` or a loaded list id (or prefix)"
        )))
    }
}
