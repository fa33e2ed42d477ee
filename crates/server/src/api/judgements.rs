//! The analyst's judgements over HTTP: confirm, dismiss, note or reopen a finding; confirm, clear or reopen a screening hit; same, not same or unsure on a pair of mentions; and the audit log of all of them.
//!
//! Writes need an analyst (403 for read-only tokens) and run on a blocking thread in one SQLite transaction each, with the audit row in the same transaction.

use std::sync::Arc;

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Json;
use serde::Deserialize;
use serde_json::{Value, json};
use tradetrail_store::{Decision, FindingAction, HitDecision};

use super::{Q, data, page, quote};
use crate::body::JsonBody;
use crate::{ApiError, AppState, Principal};

const MAX_NOTE: usize = 4000;

fn check_note(note: &Option<String>) -> Result<Option<&str>, ApiError> {
    match note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) if n.chars().count() > MAX_NOTE => Err(ApiError::BadRequest(format!(
            "note: at most {MAX_NOTE} characters"
        ))),
        other => Ok(other),
    }
}

fn store_err(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("analyst database: {e}"))
}

/// `GET /api/whoami`: the caller's name and role, so the UI knows whether to show judgement buttons.
pub async fn whoami(Extension(who): Extension<Principal>) -> Json<Value> {
    Json(json!({ "name": who.name, "role": who.role.as_str() }))
}

/// Body of `POST /api/findings/{id}/judgements`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingBody {
    /// confirm, dismiss, note or reopen.
    action: String,
    /// Free text; required for `note`.
    note: Option<String>,
}

/// Decodes and checks the body of `POST /api/findings/{id}/judgements`: the action and the note, if any.
pub fn finding_judgement(bytes: &[u8]) -> Result<(FindingAction, Option<String>), ApiError> {
    let body: FindingBody = crate::body::json(bytes)?;
    let action = FindingAction::parse(&body.action).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "action={:?}: expected confirm, dismiss, note or reopen",
            body.action
        ))
    })?;
    let note = check_note(&body.note)?.map(str::to_string);
    if action == FindingAction::Note && note.is_none() {
        return Err(ApiError::BadRequest(
            "note: a note judgement needs the note's text".into(),
        ));
    }
    Ok((action, note))
}

/// `POST /api/findings/{id}/judgements`: records a judgement; answers 201 with the judgement (status before and after).
pub async fn judge_finding(
    State(state): State<Arc<AppState>>,
    Extension(who): Extension<Principal>,
    Path(id): Path<String>,
    JsonBody(bytes): JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    who.require_analyst()?;
    let (action, note) = finding_judgement(&bytes)?;
    super::findings::finding(&state, &id).await?;
    let st = state.clone();
    let j = tokio::task::spawn_blocking(move || {
        let d = data(&st)?;
        let mut store = d.findings.lock().map_err(|_| store_err("lock poisoned"))?;
        store
            .record(&id, action, &who.name, note.as_deref())
            .map_err(store_err)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::to_value(j).unwrap_or_default()),
    ))
}

/// Body of `POST /api/hits/{entity_id}/{entry_id}/review`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HitBody {
    /// confirm, clear or reopen.
    decision: String,
    note: Option<String>,
}

/// Decodes and checks the body of `POST /api/hits/{entity_id}/{entry_id}/review`: the decision and the note, if any.
pub fn hit_review(bytes: &[u8]) -> Result<(HitDecision, Option<String>), ApiError> {
    let body: HitBody = crate::body::json(bytes)?;
    let decision = HitDecision::parse(&body.decision).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "decision={:?}: expected confirm, clear or reopen",
            body.decision
        ))
    })?;
    let note = check_note(&body.note)?.map(str::to_string);
    Ok((decision, note))
}

/// `POST /api/hits/{entity_id}/{entry_id}/review`: confirms, clears or reopens a screening hit with the fingerprints screening stored.
pub async fn review_hit(
    State(state): State<Arc<AppState>>,
    Extension(who): Extension<Principal>,
    Path((entity_id, entry_id)): Path<(String, String)>,
    JsonBody(bytes): JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    who.require_analyst()?;
    let (decision, note) = hit_review(&bytes)?;
    let d = data(&state)?;
    let hit = d
        .rows(&format!(
            "SELECT entity_fingerprint, entry_fingerprint FROM screening_hits WHERE entity_id = {} AND entry_id = {}",
            quote(&entity_id),
            quote(&entry_id)
        ))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::NotFound(format!("no screening hit of entity {entity_id:?} on entry {entry_id:?}")))?;
    let (efp, xfp) = (
        hit["entity_fingerprint"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        hit["entry_fingerprint"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    );
    let st = state.clone();
    let r = tokio::task::spawn_blocking(move || {
        let d = data(&st)?;
        let mut store = d.reviews.lock().map_err(|_| store_err("lock poisoned"))?;
        store
            .record(
                &entity_id,
                &entry_id,
                decision,
                &efp,
                &xfp,
                &who.name,
                note.as_deref(),
            )
            .map_err(store_err)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": r.id, "entity_id": r.entity_id, "entry_id": r.entry_id, "decision": r.decision.as_str(),
            "before": r.before, "who": r.who, "at": r.at, "note": r.note,
        })),
    ))
}

fn pair_json(j: &tradetrail_store::Judgement) -> Value {
    json!({
        "id": j.id, "mention_a": j.mention_a, "mention_b": j.mention_b, "decision": j.decision.as_str(),
        "before": j.before, "who": j.who, "at": j.at, "note": j.note,
    })
}

/// `GET /api/judgements/pairs`: the judgement in force on every judged pair of mentions.
pub async fn pairs(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    let d = data(&state)?;
    let current = d
        .pairs
        .lock()
        .map_err(|_| store_err("lock poisoned"))?
        .current()
        .map_err(store_err)?;
    Ok(Json(
        json!({ "pairs": current.iter().map(pair_json).collect::<Vec<_>>() }),
    ))
}

/// Body of `POST /api/judgements/pairs`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairBody {
    /// A mention key (the `party_mentions` table).
    a: String,
    /// Another mention key.
    b: String,
    /// same, not-same or unsure.
    decision: String,
    note: Option<String>,
}

/// A checked pair judgement: two different mention keys, the decision and the note, if any.
#[derive(Debug)]
pub struct PairJudgement {
    /// A mention key.
    pub a: String,
    /// Another mention key.
    pub b: String,
    /// same, not-same or unsure.
    pub decision: Decision,
    /// The analyst's note.
    pub note: Option<String>,
}

/// Decodes and checks the body of `POST /api/judgements/pairs`.
pub fn pair_judgement(bytes: &[u8]) -> Result<PairJudgement, ApiError> {
    let body: PairBody = crate::body::json(bytes)?;
    let decision = Decision::parse(&body.decision).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "decision={:?}: expected same, not-same or unsure",
            body.decision
        ))
    })?;
    if body.a == body.b {
        return Err(ApiError::BadRequest(
            "a and b: a mention is always the same as itself".into(),
        ));
    }
    let note = check_note(&body.note)?.map(str::to_string);
    Ok(PairJudgement {
        a: body.a,
        b: body.b,
        decision,
        note,
    })
}

/// `POST /api/judgements/pairs`: judges two mentions; `tradetrail entities build` applies it.
pub async fn judge_pair(
    State(state): State<Arc<AppState>>,
    Extension(who): Extension<Principal>,
    JsonBody(bytes): JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    who.require_analyst()?;
    let body = pair_judgement(&bytes)?;
    let (decision, note) = (body.decision, body.note.clone());
    let d = data(&state)?;
    let found = d
        .rows(&format!(
            "SELECT DISTINCT mention_key, entity_id FROM party_mentions WHERE mention_key IN ({}, {}) ORDER BY mention_key",
            quote(&body.a),
            quote(&body.b)
        ))
        .await?;
    for key in [&body.a, &body.b] {
        if !found.iter().any(|r| r["mention_key"] == key.as_str()) {
            return Err(ApiError::NotFound(format!(
                "no mention {key:?} in party_mentions"
            )));
        }
    }
    let entity = |k: &str| {
        found
            .iter()
            .find(|r| r["mention_key"] == k)
            .and_then(|r| r["entity_id"].as_str())
            .unwrap_or("")
            .to_string()
    };
    let (ea, eb) = (entity(&body.a), entity(&body.b));
    let st = state.clone();
    let j = tokio::task::spawn_blocking(move || {
        let d = data(&st)?;
        let mut store = d.pairs.lock().map_err(|_| store_err("lock poisoned"))?;
        let (ka, kb) = if body.a <= body.b {
            (&body.a, &body.b)
        } else {
            (&body.b, &body.a)
        };
        let previous = store
            .history(ka)
            .map_err(store_err)?
            .into_iter()
            .rev()
            .find(|j| &j.mention_a == ka && &j.mention_b == kb);
        let before = match previous {
            Some(p) => format!("{} by {} at {}", p.decision.as_str(), p.who, p.at),
            None if ea == eb => "same entity (clustering)".to_string(),
            None => "different entities (clustering)".to_string(),
        };
        store
            .record(
                &body.a,
                &body.b,
                decision,
                &before,
                &who.name,
                note.as_deref(),
            )
            .map_err(store_err)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok((StatusCode::CREATED, Json(pair_json(&j))))
}

/// Parameters of `GET /api/audit`.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    /// pair, hit or finding.
    kind: Option<String>,
    /// A finding id, `entity_id entry_id` or `mention_a mention_b`.
    subject: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /api/audit`: every judgement in commit order with who, when, before and after.
pub async fn audit(
    State(state): State<Arc<AppState>>,
    Q(p): Q<AuditQuery>,
) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = page(&state, p.limit, p.offset, 100)?;
    if let Some(k) = &p.kind
        && !matches!(k.as_str(), "pair" | "hit" | "finding")
    {
        return Err(ApiError::BadRequest(format!(
            "kind={k:?}: expected pair, hit or finding"
        )));
    }
    let d = data(&state)?;
    let rows = d
        .audit
        .lock()
        .map_err(|_| store_err("lock poisoned"))?
        .list(p.kind.as_deref(), p.subject.as_deref(), limit, offset)
        .map_err(store_err)?;
    let next = (rows.len() == limit).then_some(offset + limit);
    Ok(Json(
        json!({ "offset": offset, "limit": limit, "next_offset": next, "entries": rows }),
    ))
}
