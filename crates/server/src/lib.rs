//! tradetrail-server: the HTTP API, served by `tradetrail serve`.
//!
//! Screening speaks the shapes existing clients already send: OpenSanctions yente's `POST /match/{dataset}` and `GET /search/{dataset}` ([`yente`]), and the W3C Reconciliation API that OpenRefine uses ([`reconcile`]).
//! A dataset is `default` (every loaded list) or a list id or prefix (`us-ofac-sdn`, `eu-`).
//! Bad requests get a 400 with a message naming what was wrong; nothing a client sends can panic the server.

pub mod entity;
pub mod reconcile;
pub mod yente;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use tradetrail_screen::Index;

/// What every handler shares.
pub struct AppState {
    /// The screening index over the loaded lists.
    pub index: Index,
    /// Bearer token every request must carry, when the server is reachable beyond this machine.
    pub token: Option<String>,
    /// The URL clients reach the server at, for the reconciliation manifest's links.
    pub base_url: String,
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
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
        };
        let body = serde_json::json!({ "status": status.as_u16(), "detail": self.to_string() });
        (status, Json(body)).into_response()
    }
}

/// Checks the bearer token when one is configured.
async fn authenticate(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    req: Request,
    next: Next,
) -> Response {
    if let Some(token) = &state.token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if given != Some(token.as_str()) {
            let body = serde_json::json!({ "status": 401, "detail": "missing or wrong bearer token (Authorization: Bearer ...)" });
            return (StatusCode::UNAUTHORIZED, Json(body)).into_response();
        }
    }
    next.run(req).await
}

async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

async fn not_found() -> ApiError {
    ApiError::NotFound("no such route; see /match/{dataset}, /search/{dataset}, /entities/{id}, /reconcile/{dataset}".into())
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
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), authenticate))
        .with_state(state)
}

/// Serves the API on a bound listener until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    axum::serve(listener, router(state)).await
}

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
