//! The audit log of analyst state: every judgement on a pair, review of a hit and judgement on a finding, with who, when, the state before and the state after.
//!
//! The log lives in `judgements.sqlite` beside the judgements and is written in the same transaction as the judgement it records, so a judgement is never stored without its audit row.
//! It is append-only: nothing in tradetrail updates or deletes a row.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use crate::Result;
use crate::judgements::{db_error, open_db};

/// The audit table; created by every opener of the analyst database.
pub(crate) const AUDIT_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    who TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    note TEXT
);
CREATE INDEX IF NOT EXISTS audit_subject ON audit (kind, subject, id);";

/// One audited change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Sequential id: the order the changes were committed in.
    pub id: i64,
    /// When, UTC, RFC 3339 (SQLite's clock).
    pub at: String,
    /// Who made the change.
    pub who: String,
    /// What was judged: `pair`, `hit` or `finding`.
    pub kind: String,
    /// The pair (`mention_a mention_b`), the hit (`entity_id entry_id`) or the finding id.
    pub subject: String,
    /// The action asked for (`same`, `confirmed`, `confirm`, `note`, ...).
    pub action: String,
    /// The state before the change.
    pub before: String,
    /// The state after the change.
    pub after: String,
    /// Free-text note.
    pub note: Option<String>,
}

/// Appends one audit row inside the caller's transaction.
pub(crate) struct Change<'a> {
    pub who: &'a str,
    pub kind: &'a str,
    pub subject: &'a str,
    pub action: &'a str,
    pub before: &'a str,
    pub after: &'a str,
    pub note: Option<&'a str>,
}

pub(crate) fn append(tx: &Transaction<'_>, c: &Change<'_>) -> rusqlite::Result<usize> {
    tx.execute(
        "INSERT INTO audit (who, kind, subject, action, before, after, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![c.who, c.kind, c.subject, c.action, c.before, c.after, c.note],
    )
}

/// Read access to the audit log of one workspace.
pub struct Audit {
    conn: Connection,
    path: PathBuf,
}

impl Audit {
    /// Opens (creating if needed) the audit log of the workspace at `root`.
    pub fn open(root: &Path) -> Result<Audit> {
        let (conn, path) = open_db(root, "")?;
        Ok(Audit { conn, path })
    }

    /// Entries in commit order, optionally of one kind and one subject, from `offset`, at most `limit`.
    pub fn list(
        &self,
        kind: Option<&str>,
        subject: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, at, who, kind, subject, action, before, after, note FROM audit \
                 WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR subject = ?2) ORDER BY id LIMIT ?3 OFFSET ?4",
            )
            .map_err(|e| db_error(&self.path, e))?;
        let rows = stmt
            .query_map(params![kind, subject, limit as i64, offset as i64], |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    who: r.get(2)?,
                    kind: r.get(3)?,
                    subject: r.get(4)?,
                    action: r.get(5)?,
                    before: r.get(6)?,
                    after: r.get(7)?,
                    note: r.get(8)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| db_error(&self.path, e))?;
        Ok(rows)
    }
}
