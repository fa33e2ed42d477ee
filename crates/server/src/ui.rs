//! The web UI: a page and plain JavaScript modules compiled into the binary (no JavaScript build step), Cytoscape.js for the trade graph and the report crate's Apache ECharts for charts.
//!
//! Files are looked up in a fixed table by exact name, never on disk, so no request path can reach outside it.

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use std::sync::Arc;

use crate::AppState;

/// Every UI file: (name under `/ui/`, content type, bytes).
pub const FILES: &[(&str, &str, &str)] = &[
    (
        "index.html",
        "text/html; charset=utf-8",
        include_str!("../assets/ui/index.html"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("../assets/ui/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/ui/app.js"),
    ),
    (
        "search.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/ui/search.js"),
    ),
    (
        "entity.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/ui/entity.js"),
    ),
    (
        "graph.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/ui/graph.js"),
    ),
    (
        "findings.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/ui/findings.js"),
    ),
    (
        "report.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/ui/report.js"),
    ),
    (
        "review.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/ui/review.js"),
    ),
    (
        "vendor/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/vendor/cytoscape/cytoscape.min.js"),
    ),
    (
        "vendor/echarts.min.js",
        "text/javascript; charset=utf-8",
        tradetrail_report::html::ECHARTS_JS,
    ),
];

/// The UI file with this name.
pub fn file(name: &str) -> Option<(&'static str, &'static str)> {
    FILES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, t, b)| (*t, *b))
}

fn serve(name: &str) -> Response {
    match file(name) {
        Some((mime, body)) => (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, "no-cache"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'self'",
                ),
            ],
            body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such UI file").into_response(),
    }
}

async fn index() -> Response {
    serve("index.html")
}

async fn asset(Path(name): Path<String>) -> Response {
    serve(&name)
}

/// `/` and `/ui/{file}`.
pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(index))
        .route("/ui/{*name}", get(asset))
}
