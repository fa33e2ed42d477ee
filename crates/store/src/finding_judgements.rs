//! Analyst judgements on findings (confirm, dismiss, note, reopen), kept durably in the workspace's SQLite database beside the other analyst state.
//!
//! Findings are derived data that `tradetrail detect` rewrites, but their ids are hashes of code, subject and evidence, so a judgement keyed by finding id survives a re-run that finds the same thing.
//! Every judgement is kept as history with the status before and after it; the newest per finding is the one in force, and each one is audited in the same transaction.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::Result;
use crate::audit::{Change, append};
use crate::judgements::{db_error, open_db};

/// What an analyst did to a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingAction {
    /// The finding is a real red flag.
    Confirm,
    /// The finding is a false positive.
    Dismiss,
    /// A note; the status stays as it was.
    Note,
    /// Back to open.
    Reopen,
}

impl FindingAction {
    /// The stored label.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingAction::Confirm => "confirm",
            FindingAction::Dismiss => "dismiss",
            FindingAction::Note => "note",
            FindingAction::Reopen => "reopen",
        }
    }

    /// The action with this label (`confirmed`, `dismissed`, `clear` are accepted too).
    pub fn parse(text: &str) -> Option<FindingAction> {
        match text.trim().to_ascii_lowercase().as_str() {
            "confirm" | "confirmed" => Some(FindingAction::Confirm),
            "dismiss" | "dismissed" | "clear" | "cleared" => Some(FindingAction::Dismiss),
            "note" => Some(FindingAction::Note),
            "reopen" | "open" => Some(FindingAction::Reopen),
            _ => None,
        }
    }

    /// The status after this action, given the status before.
    pub fn status_after(self, before: &str) -> String {
        match self {
            FindingAction::Confirm => "confirmed".into(),
            FindingAction::Dismiss => "dismissed".into(),
            FindingAction::Reopen => "open".into(),
            FindingAction::Note => before.to_string(),
        }
    }
}

/// One recorded judgement on a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingJudgement {
    /// Sequential id.
    pub id: i64,
    /// The finding judged.
    pub finding_id: String,
    /// What the analyst did.
    pub action: String,
    /// Status before: `open`, `confirmed` or `dismissed`.
    pub before: String,
    /// Status after.
    pub status: String,
    /// Who judged.
    pub who: String,
    /// When, UTC, RFC 3339 (SQLite's clock).
    pub at: String,
    /// Free-text note.
    pub note: Option<String>,
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS finding_judgements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    finding_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('confirm', 'dismiss', 'note', 'reopen')),
    before TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed')),
    who TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    note TEXT
);
CREATE INDEX IF NOT EXISTS finding_judgements_finding ON finding_judgements (finding_id, id);";

const COLUMNS: &str = "id, finding_id, action, before, status, who, at, note";

/// The finding-judgement store of one workspace.
pub struct FindingJudgements {
    conn: Connection,
    path: PathBuf,
}

impl FindingJudgements {
    /// Opens (creating if needed) the finding-judgement table in the workspace at `root`.
    pub fn open(root: &Path) -> Result<FindingJudgements> {
        let (conn, path) = open_db(root, SCHEMA)?;
        Ok(FindingJudgements { conn, path })
    }

    /// Records a judgement and its audit row in one immediate transaction (the status in force is read inside it, so concurrent analysts never lose an update).
    pub fn record(
        &mut self,
        finding_id: &str,
        action: FindingAction,
        who: &str,
        note: Option<&str>,
    ) -> Result<FindingJudgement> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        let before: String = tx
            .query_row(
                "SELECT status FROM finding_judgements WHERE finding_id = ?1 ORDER BY id DESC LIMIT 1",
                params![finding_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| db_error(&path, e))?
            .unwrap_or_else(|| "open".to_string());
        let after = action.status_after(&before);
        tx.execute(
            "INSERT INTO finding_judgements (finding_id, action, before, status, who, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![finding_id, action.as_str(), before, after, who, note],
        )
        .map_err(|e| db_error(&path, e))?;
        let id = tx.last_insert_rowid();
        append(
            &tx,
            &Change {
                who,
                kind: "finding",
                subject: finding_id,
                action: action.as_str(),
                before: &before,
                after: &after,
                note,
            },
        )
        .map_err(|e| db_error(&path, e))?;
        tx.commit().map_err(|e| db_error(&path, e))?;
        self.select(
            &format!("SELECT {COLUMNS} FROM finding_judgements WHERE id = ?1"),
            &[&id],
        )?
        .pop()
        .ok_or_else(|| db_error(&path, rusqlite::Error::QueryReturnedNoRows))
    }

    /// The judgement in force on every judged finding, by finding id.
    pub fn current(&self) -> Result<BTreeMap<String, FindingJudgement>> {
        let rows = self.select(
            &format!(
                "SELECT {COLUMNS} FROM finding_judgements j WHERE id = (SELECT MAX(id) FROM finding_judgements k WHERE k.finding_id = j.finding_id) ORDER BY finding_id"
            ),
            &[],
        )?;
        Ok(rows
            .into_iter()
            .map(|j| (j.finding_id.clone(), j))
            .collect())
    }

    /// Every judgement on one finding, oldest first.
    pub fn history(&self, finding_id: &str) -> Result<Vec<FindingJudgement>> {
        self.select(
            &format!("SELECT {COLUMNS} FROM finding_judgements WHERE finding_id = ?1 ORDER BY id"),
            &[&finding_id],
        )
    }

    fn select(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<FindingJudgement>> {
        let mut stmt = self
            .conn
            .prepare(sql)
            .map_err(|e| db_error(&self.path, e))?;
        let rows = stmt
            .query_map(args, |r| {
                Ok(FindingJudgement {
                    id: r.get(0)?,
                    finding_id: r.get(1)?,
                    action: r.get(2)?,
                    before: r.get(3)?,
                    status: r.get(4)?,
                    who: r.get(5)?,
                    at: r.get(6)?,
                    note: r.get(7)?,
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
    use crate::Audit;

    #[test]
    fn judgements_chain_their_states_and_are_audited() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = FindingJudgements::open(dir.path()).unwrap();
        let a = j.record("f1", FindingAction::Confirm, "ana", None).unwrap();
        assert_eq!(
            (a.before.as_str(), a.status.as_str()),
            ("open", "confirmed")
        );
        let b = j
            .record("f1", FindingAction::Note, "bob", Some("seen in 2023 too"))
            .unwrap();
        assert_eq!(
            (b.before.as_str(), b.status.as_str()),
            ("confirmed", "confirmed")
        );
        let c = j.record("f1", FindingAction::Dismiss, "ana", None).unwrap();
        assert_eq!(c.before, "confirmed");
        drop(j);
        let again = FindingJudgements::open(dir.path()).unwrap();
        assert_eq!(again.current().unwrap()["f1"].status, "dismissed");
        assert_eq!(again.history("f1").unwrap().len(), 3);
        let log = Audit::open(dir.path())
            .unwrap()
            .list(Some("finding"), Some("f1"), 10, 0)
            .unwrap();
        let states: Vec<(&str, &str)> = log
            .iter()
            .map(|e| (e.before.as_str(), e.after.as_str()))
            .collect();
        assert_eq!(
            states,
            [
                ("open", "confirmed"),
                ("confirmed", "confirmed"),
                ("confirmed", "dismissed")
            ]
        );
        assert_eq!(log[1].note.as_deref(), Some("seen in 2023 too"));
    }
}
