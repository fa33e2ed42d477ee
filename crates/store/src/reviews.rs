//! Analyst reviews of screening hits (confirmed, cleared, reopened), kept durably in the workspace's SQLite database beside the judgements on mentions.
//!
//! A review names the entity and the list entry and records the fingerprints of both as they were reviewed.
//! A cleared hit stays cleared only while both fingerprints are unchanged: a new name, identifier or country on either side brings it back.
//! Every review is kept as history; the newest per hit is the one in force.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use crate::Result;
use crate::judgements::{db_error, open_db};

/// What an analyst said about a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitDecision {
    /// The entity is the listed party.
    Confirmed,
    /// The entity is not the listed party (a false positive).
    Cleared,
    /// Back to open: the earlier review no longer holds.
    Reopened,
}

impl HitDecision {
    /// The stored label.
    pub fn as_str(self) -> &'static str {
        match self {
            HitDecision::Confirmed => "confirmed",
            HitDecision::Cleared => "cleared",
            HitDecision::Reopened => "reopened",
        }
    }

    /// The decision with this label (`confirm`, `clear`, `dismiss`, `reopen` are accepted too).
    pub fn parse(text: &str) -> Option<HitDecision> {
        match text.trim().to_ascii_lowercase().as_str() {
            "confirmed" | "confirm" => Some(HitDecision::Confirmed),
            "cleared" | "clear" | "dismiss" | "dismissed" | "false-positive" => {
                Some(HitDecision::Cleared)
            }
            "reopened" | "reopen" | "open" => Some(HitDecision::Reopened),
            _ => None,
        }
    }
}

/// One recorded review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HitReview {
    /// Sequential id.
    pub id: i64,
    /// Entity reviewed.
    pub entity_id: String,
    /// List entry reviewed.
    pub entry_id: String,
    /// The decision.
    pub decision: HitDecision,
    /// The entity's fingerprint when reviewed.
    pub entity_fingerprint: String,
    /// The entry's fingerprint when reviewed.
    pub entry_fingerprint: String,
    /// The review in force before this one, in words.
    pub before: String,
    /// Who reviewed.
    pub who: String,
    /// When, UTC, RFC 3339 (SQLite's clock).
    pub at: String,
    /// Free-text note.
    pub note: Option<String>,
}

impl HitReview {
    /// The hit's status now, given the fingerprints screening computed today: `confirmed`, `cleared`, `open`, or `reopened` when it was cleared for content that has since changed.
    pub fn status(&self, entity_fingerprint: &str, entry_fingerprint: &str) -> &'static str {
        let unchanged = self.entity_fingerprint == entity_fingerprint
            && self.entry_fingerprint == entry_fingerprint;
        match (self.decision, unchanged) {
            (HitDecision::Confirmed, _) => "confirmed",
            (HitDecision::Cleared, true) => "cleared",
            (HitDecision::Cleared, false) => "reopened",
            (HitDecision::Reopened, _) => "open",
        }
    }
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS hit_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'cleared', 'reopened')),
    entity_fingerprint TEXT NOT NULL,
    entry_fingerprint TEXT NOT NULL,
    before TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    note TEXT
);
CREATE INDEX IF NOT EXISTS hit_reviews_hit ON hit_reviews (entity_id, entry_id, id);";

const COLUMNS: &str = "id, entity_id, entry_id, decision, entity_fingerprint, entry_fingerprint, before, who, at, note";

/// The hit-review store of one workspace.
pub struct HitReviews {
    conn: Connection,
    path: PathBuf,
}

impl HitReviews {
    /// Opens (creating if needed) the review table in the workspace at `root`.
    pub fn open(root: &Path) -> Result<HitReviews> {
        let (conn, path) = open_db(root, SCHEMA)?;
        Ok(HitReviews { conn, path })
    }

    /// Records a review and its audit row in one transaction (reading the review in force inside it, so concurrent reviewers never lose an update) and returns it.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        entity_id: &str,
        entry_id: &str,
        decision: HitDecision,
        entity_fingerprint: &str,
        entry_fingerprint: &str,
        who: &str,
        note: Option<&str>,
    ) -> Result<HitReview> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        let before: String = tx
            .query_row(
                "SELECT decision || ' by ' || who || ' at ' || at FROM hit_reviews WHERE entity_id = ?1 AND entry_id = ?2 ORDER BY id DESC LIMIT 1",
                params![entity_id, entry_id],
                |r| r.get(0),
            )
            .unwrap_or_else(|_| "open (never reviewed)".to_string());
        tx.execute(
            "INSERT INTO hit_reviews (entity_id, entry_id, decision, entity_fingerprint, entry_fingerprint, before, who, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![entity_id, entry_id, decision.as_str(), entity_fingerprint, entry_fingerprint, before, who, note],
        )
        .map_err(|e| db_error(&path, e))?;
        let id = tx.last_insert_rowid();
        crate::audit::append(
            &tx,
            &crate::audit::Change {
                who,
                kind: "hit",
                subject: &format!("{entity_id} {entry_id}"),
                action: decision.as_str(),
                before: &before,
                after: decision.as_str(),
                note,
            },
        )
        .map_err(|e| db_error(&path, e))?;
        tx.commit().map_err(|e| db_error(&path, e))?;
        let mut got = self.select(
            &format!("SELECT {COLUMNS} FROM hit_reviews WHERE id = ?1"),
            &[&id],
        )?;
        got.pop()
            .ok_or_else(|| db_error(&path, rusqlite::Error::QueryReturnedNoRows))
    }

    /// The review in force on every reviewed hit (the newest per entity and entry), in that order.
    pub fn current(&self) -> Result<Vec<HitReview>> {
        self.select(
            &format!(
                "SELECT {COLUMNS} FROM hit_reviews r WHERE id = (SELECT MAX(id) FROM hit_reviews k \
                 WHERE k.entity_id = r.entity_id AND k.entry_id = r.entry_id) ORDER BY entity_id, entry_id"
            ),
            &[],
        )
    }

    /// Every review of one hit, oldest first.
    pub fn history(&self, entity_id: &str, entry_id: &str) -> Result<Vec<HitReview>> {
        self.select(
            &format!(
                "SELECT {COLUMNS} FROM hit_reviews WHERE entity_id = ?1 AND entry_id = ?2 ORDER BY id"
            ),
            &[&entity_id, &entry_id],
        )
    }

    /// A short digest of the review state, so derived hit tables know when to rebuild.
    pub fn state(&self) -> Result<String> {
        let (n, max): (i64, Option<i64>) = self
            .conn
            .query_row("SELECT COUNT(*), MAX(id) FROM hit_reviews", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| db_error(&self.path, e))?;
        Ok(format!("reviews-{n}-{}", max.unwrap_or(0)))
    }

    fn select(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<HitReview>> {
        let mut stmt = self
            .conn
            .prepare(sql)
            .map_err(|e| db_error(&self.path, e))?;
        let rows = stmt
            .query_map(args, |r| {
                let d: String = r.get(3)?;
                Ok(HitReview {
                    id: r.get(0)?,
                    entity_id: r.get(1)?,
                    entry_id: r.get(2)?,
                    decision: HitDecision::parse(&d).unwrap_or(HitDecision::Reopened),
                    entity_fingerprint: r.get(4)?,
                    entry_fingerprint: r.get(5)?,
                    before: r.get(6)?,
                    who: r.get(7)?,
                    at: r.get(8)?,
                    note: r.get(9)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| db_error(&self.path, e))?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleared_hits_come_back_when_either_side_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = HitReviews::open(dir.path()).unwrap();
        let first = r
            .record(
                "ent-1",
                "us-ofac-sdn:1",
                HitDecision::Cleared,
                "e1",
                "x1",
                "analyst",
                Some("other city"),
            )
            .unwrap();
        assert_eq!(first.before, "open (never reviewed)");
        assert_eq!(first.status("e1", "x1"), "cleared");
        assert_eq!(first.status("e2", "x1"), "reopened");
        assert_eq!(first.status("e1", "x2"), "reopened");
        let second = r
            .record(
                "ent-1",
                "us-ofac-sdn:1",
                HitDecision::Confirmed,
                "e1",
                "x1",
                "lead",
                None,
            )
            .unwrap();
        assert!(
            second.before.starts_with("cleared by analyst"),
            "{}",
            second.before
        );
        let current = r.current().unwrap();
        assert_eq!(current.len(), 1);
        assert_eq!(current[0].decision, HitDecision::Confirmed);
        assert_eq!(r.history("ent-1", "us-ofac-sdn:1").unwrap().len(), 2);
        assert_eq!(r.state().unwrap(), "reviews-2-2");
        drop(r);
        let again = HitReviews::open(dir.path()).unwrap();
        assert_eq!(again.current().unwrap()[0].status("e9", "x9"), "confirmed");
    }
}
