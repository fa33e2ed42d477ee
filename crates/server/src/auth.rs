//! Who is asking: bearer tokens with a role (read-only or analyst) and a name, checked on every data route, and the local analyst when the server only listens on loopback without tokens.
//!
//! Tokens are compared in constant time and never logged or echoed; only the token's name appears in the audit log and in messages.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Json, Response};

use crate::{ApiError, AppState};

/// What a caller may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Read every table, page and export; no judgements.
    ReadOnly,
    /// Everything a reader may, plus judgements on pairs, hits and findings.
    Analyst,
}

impl Role {
    /// The role with this name (`read-only`, `readonly`, `reader`, `analyst`).
    pub fn parse(text: &str) -> Option<Role> {
        match text.trim().to_ascii_lowercase().as_str() {
            "read-only" | "readonly" | "read_only" | "reader" | "read" => Some(Role::ReadOnly),
            "analyst" | "write" => Some(Role::Analyst),
            _ => None,
        }
    }

    /// The role's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::ReadOnly => "read-only",
            Role::Analyst => "analyst",
        }
    }
}

/// The caller of one request, put into the request's extensions by [`authenticate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// Name recorded in the audit log.
    pub name: String,
    /// What the caller may do.
    pub role: Role,
}

impl Principal {
    /// Fails with 403 unless the caller is an analyst.
    pub fn require_analyst(&self) -> Result<(), ApiError> {
        if self.role == Role::Analyst {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "{} has a read-only token: judgements need an analyst token",
                self.name
            )))
        }
    }
}

/// The tokens a server accepts, or the local analyst when it accepts none.
#[derive(Clone, Default)]
pub struct Auth {
    tokens: BTreeMap<String, Principal>,
    local: Option<Principal>,
}

/// Shows who may call, never the tokens themselves.
impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("tokens", &self.tokens.values().collect::<Vec<_>>())
            .field("local", &self.local)
            .finish()
    }
}

impl Auth {
    /// No tokens: every request is `local`, an analyst (only allowed on loopback; the binary enforces that).
    pub fn local(name: &str) -> Auth {
        Auth {
            tokens: BTreeMap::new(),
            local: Some(Principal {
                name: name.to_string(),
                role: Role::Analyst,
            }),
        }
    }

    /// Accepts exactly these tokens.
    pub fn tokens(tokens: impl IntoIterator<Item = (String, Principal)>) -> Auth {
        Auth {
            tokens: tokens.into_iter().collect(),
            local: None,
        }
    }

    /// True when requests must carry a token.
    pub fn required(&self) -> bool {
        self.local.is_none()
    }

    /// The caller a bearer token names.
    pub fn check(&self, given: Option<&str>) -> Option<Principal> {
        if let Some(local) = &self.local {
            return Some(local.clone());
        }
        let given = given?;
        // Every token is compared, each in constant time, so the timing says nothing about which one nearly matched.
        let mut found = None;
        for (token, who) in &self.tokens {
            if constant_time_eq(token.as_bytes(), given.as_bytes()) {
                found = Some(who.clone());
            }
        }
        found
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Reads a token file: one `TOKEN ROLE NAME` per line (role `read-only` or `analyst`), `#` comments and blank lines ignored.
///
/// Errors name the line but never repeat the token.
pub fn parse_token_file(text: &str) -> Result<Vec<(String, Principal)>, String> {
    let mut out: Vec<(String, Principal)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(token), Some(role), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("line {}: expected TOKEN ROLE NAME", i + 1));
        };
        let role = Role::parse(role)
            .ok_or_else(|| format!("line {}: role {role:?} is not read-only or analyst", i + 1))?;
        if token.len() < 16 {
            return Err(format!(
                "line {}: the token of {name} is shorter than 16 characters",
                i + 1
            ));
        }
        if out.iter().any(|(t, _)| t == token) {
            return Err(format!("line {}: the token of {name} is used twice", i + 1));
        }
        out.push((
            token.to_string(),
            Principal {
                name: name.to_string(),
                role,
            },
        ));
    }
    Ok(out)
}

/// Paths anyone may fetch: the UI's static files (no data in them) and the health check.
fn public(path: &str) -> bool {
    path == "/" || path == "/healthz" || path == "/favicon.ico" || path.starts_with("/ui/")
}

/// Reads and drops a small declared body (at most 64 KiB, for at most 2 s) before a refusal.
///
/// A socket closed with unread data answers the client with a reset, so a client still sending its body would lose the 401 or 403; a large or undeclared body is never read.
async fn drain_small_body(req: Request) {
    const DRAIN: usize = 64 * 1024;
    let small = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > 0 && n <= DRAIN);
    if small {
        let read = axum::body::to_bytes(req.into_body(), DRAIN);
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), read).await;
    }
}

/// Middleware: finds the caller from the `Authorization: Bearer` header and stores it in the request, or answers 401.
pub async fn authenticate(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    mut req: Request,
    next: Next,
) -> Response {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match state.auth.check(given) {
        Some(who) => {
            req.extensions_mut().insert(who);
            next.run(req).await
        }
        None if public(req.uri().path()) => next.run(req).await,
        None => {
            drain_small_body(req).await;
            let body = serde_json::json!({ "status": 401, "detail": "missing or wrong bearer token (Authorization: Bearer ...)" });
            (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                Json(body),
            )
                .into_response()
        }
    }
}

/// Middleware on writing routes: answers 403 to a read-only caller before the body is read, so the answer is the same whatever it sends.
pub async fn analyst_only(req: Request, next: Next) -> Response {
    match req
        .extensions()
        .get::<Principal>()
        .map(Principal::require_analyst)
    {
        Some(Ok(())) => next.run(req).await,
        Some(Err(e)) => {
            drain_small_body(req).await;
            e.into_response()
        }
        None => {
            drain_small_body(req).await;
            ApiError::Forbidden("judgements need an analyst token".into()).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_files_name_roles_and_errors_never_repeat_a_token() {
        let text = "# comment\n\nreader-0123456789abcdef read-only rita\nanalyst-0123456789abcdef analyst anna\n";
        let tokens = parse_token_file(text).unwrap();
        assert_eq!(tokens.len(), 2);
        let auth = Auth::tokens(tokens);
        assert!(auth.required());
        assert_eq!(
            auth.check(Some("reader-0123456789abcdef")).unwrap().role,
            Role::ReadOnly
        );
        assert_eq!(
            auth.check(Some("analyst-0123456789abcdef")).unwrap().name,
            "anna"
        );
        assert!(auth.check(Some("analyst-0123456789abcdeX")).is_none());
        assert!(auth.check(None).is_none());
        for (bad, words) in [
            ("short analyst x", "shorter than 16"),
            ("secret-0123456789abcdef admin x", "role"),
            ("secret-0123456789abcdef analyst", "TOKEN ROLE NAME"),
            (
                "secret-0123456789abcdef analyst a\nsecret-0123456789abcdef analyst b",
                "twice",
            ),
        ] {
            let e = parse_token_file(bad).unwrap_err();
            assert!(e.contains(words), "{e}");
            assert!(!e.contains("secret-0123456789abcdef"), "{e}");
        }
        let debug = format!("{auth:?}");
        assert!(
            debug.contains("anna") && !debug.contains("0123456789abcdef"),
            "{debug}"
        );
        let local = Auth::local("me");
        assert!(!local.required());
        assert_eq!(local.check(None).unwrap().role, Role::Analyst);
        assert!(
            Principal {
                name: "r".into(),
                role: Role::ReadOnly
            }
            .require_analyst()
            .is_err()
        );
    }
}
