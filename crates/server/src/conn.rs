//! The accept loop: HTTP/1.1 connections served by hyper with a timer, so a client that sends its headers slowly, or never, is cut off instead of holding a connection forever.
//!
//! `axum::serve` gives hyper no timer, and hyper's header read timeout only fires with one; this loop is `axum::serve` with the timer set.
//! The header read timeout starts whenever the server waits for a request head: on a new connection, between keep-alive requests and while headers trickle in.
//! A body that trickles in is bounded by the request time limit ([`crate::Limits::timeout`]), which covers reading the body inside the handler.

use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

use crate::{AppState, router};

/// Serves the API on a bound listener until the process ends; every connection gets its own task.
pub async fn serve(listener: TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    let header_timeout = state.limits.header_timeout;
    let app = router(state);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) if is_connection_error(&e) => continue,
            Err(_) => {
                // Out of file descriptors or memory: wait for connections to close rather than spin (what axum::serve does).
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
        };
        stream.set_nodelay(true).ok();
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let conn = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            // A connection that fails (timeout, reset, malformed request) only ends itself.
            conn.await.ok();
        });
    }
}

fn is_connection_error(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}
