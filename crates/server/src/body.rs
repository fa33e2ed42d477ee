//! Request input decoded by pure functions (bytes or a query string in, a typed request or a 400 naming the problem out), and the extractors that feed them, so handlers and the `api_bodies` fuzz target run the same code.
//!
//! Bodies are read through axum's length-limited reader: a body over [`crate::Limits::max_body`] is refused with 413 as soon as the limit is crossed, never buffered whole.
//! JSON is decoded by `serde_json`, after a scan that refuses nesting deeper than [`MAX_DEPTH`] levels with a 400, so nothing recurses on a deeply nested document.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

use crate::{ApiError, AppState};

/// The deepest nesting a JSON body may have; below serde_json's own recursion limit (128), so the scan, not the decoder, always answers.
pub const MAX_DEPTH: usize = 100;

/// Decodes a JSON body into `T`, or says what is wrong with it (nesting, syntax, shape, with the field and position).
pub fn json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if let Some(at) = too_deep(bytes) {
        return Err(ApiError::BadRequest(format!(
            "request body: JSON nested more than {MAX_DEPTH} levels deep (at byte {at})"
        )));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| json_error("request body", &e.path().to_string(), e.inner()))?;
    de.end().map_err(|e| json_error("request body", ".", &e))?;
    Ok(value)
}

/// Decodes a JSON text that arrives inside another field (the reconciliation API's `queries`).
pub fn json_text<T: DeserializeOwned>(what: &str, text: &str) -> Result<T, ApiError> {
    json::<T>(text.as_bytes())
        .map_err(|e| ApiError::BadRequest(e.to_string().replacen("request body", what, 1)))
}

/// The offset of the first bracket that opens level `MAX_DEPTH + 1`, outside strings; a scan before decoding, so the answer names the nesting whatever shape the route expects.
fn too_deep(bytes: &[u8]) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn json_error(what: &str, path: &str, e: &serde_json::Error) -> ApiError {
    let at = format!("line {} column {}", e.line(), e.column());
    let text = e.to_string();
    let what = if path == "." || path.is_empty() {
        what.to_string()
    } else {
        format!("{what}: {path}")
    };
    if text.starts_with("recursion limit exceeded") {
        ApiError::BadRequest(format!(
            "{what}: JSON nested more than {MAX_DEPTH} levels deep (at {at})"
        ))
    } else if e.is_eof() {
        ApiError::BadRequest(format!("{what}: the JSON ends early (at {at})"))
    } else if e.is_syntax() {
        ApiError::BadRequest(format!("{what}: not valid JSON: {text}"))
    } else {
        ApiError::BadRequest(format!("{what}: {text}"))
    }
}

/// Decodes a URL-encoded form body into `T`.
pub fn form<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    urlencoded(bytes).map_err(|e| ApiError::BadRequest(format!("form body: {e}")))
}

/// Decodes a query string (without the `?`; none is the empty one) into `T`.
pub fn query<T: DeserializeOwned>(raw: Option<&str>) -> Result<T, ApiError> {
    urlencoded(raw.unwrap_or("").as_bytes())
        .map_err(|e| ApiError::BadRequest(format!("query string: {e}")))
}

fn urlencoded<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(bytes));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            e.inner().to_string()
        } else {
            format!("{path}: {}", e.inner())
        }
    })
}

/// A request's body, read up to the server's limit (413 beyond it).
pub struct RawBody(pub Bytes);

impl FromRequest<Arc<AppState>> for RawBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &Arc<AppState>) -> Result<Self, Self::Rejection> {
        Bytes::from_request(req, state)
            .await
            .map(RawBody)
            .map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::TooLarge(format!(
                        "request body: larger than the {} bytes this server accepts",
                        state.limits.max_body
                    ))
                } else {
                    ApiError::BadRequest(format!("request body: {}", e.body_text()))
                }
            })
    }
}

/// Fails with 415 unless the request says its body is of this media type.
pub fn require_type(headers: &HeaderMap, want: &str) -> Result<(), ApiError> {
    let given = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = given.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case(want) {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType(format!(
            "request body: send it with Content-Type: {want} (got {:?})",
            given
        )))
    }
}

/// The bytes of a JSON body (`Content-Type: application/json`, else 415), for handlers that decode it with a pure function.
pub struct JsonBody(pub Bytes);

impl FromRequest<Arc<AppState>> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &Arc<AppState>) -> Result<Self, Self::Rejection> {
        require_type(req.headers(), "application/json")?;
        let RawBody(bytes) = RawBody::from_request(req, state).await?;
        Ok(JsonBody(bytes))
    }
}

/// A URL-encoded form body (`Content-Type: application/x-www-form-urlencoded`).
pub struct F<T>(pub T);

impl<T: DeserializeOwned> FromRequest<Arc<AppState>> for F<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &Arc<AppState>) -> Result<Self, Self::Rejection> {
        require_type(req.headers(), "application/x-www-form-urlencoded")?;
        let RawBody(bytes) = RawBody::from_request(req, state).await?;
        form(&bytes).map(F)
    }
}

/// Query-string parameters, answering a 400 that names the bad parameter.
pub struct Q<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        query(parts.uri.query()).map(Q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn deep_nesting_and_bad_json_get_messages_that_name_them() {
        let deep = "[".repeat(100_000);
        let e = json::<Value>(deep.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("nested more than 100 levels"), "{e}");
        let e = json::<Value>(b"{\"a\": ").unwrap_err().to_string();
        assert!(e.contains("ends early"), "{e}");
        let e = json::<Value>(b"{not json").unwrap_err().to_string();
        assert!(e.contains("not valid JSON"), "{e}");
        let ok: Value = json(format!("{}{}", "[".repeat(100), "]".repeat(100)).as_bytes()).unwrap();
        assert!(ok.is_array());
        let e = json::<Value>(format!("{}{}", "{\"a\":".repeat(101), "1").as_bytes())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("nested more than 100 levels deep (at byte 500)"),
            "{e}"
        );
        let quoted: Value =
            json(format!("[\"{}\\\"{}\"]", "[".repeat(500), "{".repeat(500)).as_bytes()).unwrap();
        assert!(quoted.is_array(), "brackets inside strings do not count");
    }

    #[test]
    fn query_strings_and_forms_decode_or_name_the_field() {
        #[derive(serde::Deserialize)]
        struct P {
            limit: Option<usize>,
        }
        assert_eq!(query::<P>(Some("limit=5")).unwrap().limit, Some(5));
        assert_eq!(query::<P>(None).unwrap().limit, None);
        let e = query::<P>(Some("limit=abc")).err().unwrap().to_string();
        assert!(e.contains("limit: invalid digit"), "{e}");
        let e = form::<P>(b"limit=-1").err().unwrap().to_string();
        assert!(e.starts_with("form body"), "{e}");
    }
}
