//! Analyst judgements on pairs of party mentions (same, not same, unsure), kept durably in SQLite beside the tables.
//!
//! Judgements are analyst state, not derived data: they cannot be recomputed, so they live in `judgements.sqlite` with write-ahead journaling and one transaction per write, never in the Parquet tables that `entities build` replaces.
//! They are keyed by stable mention keys, so they survive rebuilds and new data; the newest judgement on a pair is the one in force, and every earlier one stays as history.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::{Error, Result};

/// File name of the judgement database in a workspace.
pub const JUDGEMENTS_FILE: &str = "judgements.sqlite";

/// What an analyst said about two mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// The same party: clustering must link them.
    Same,
    /// Different parties: clustering must keep them apart.
    NotSame,
    /// Looked at, not decided: recorded, no effect on clustering.
    Unsure,
}

impl Decision {
    /// The stored label: `same`, `not-same` or `unsure`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Same => "same",
            Decision::NotSame => "not-same",
            Decision::Unsure => "unsure",
        }
    }

    /// The decision with this label (`not_same` and `different` are accepted too).
    pub fn parse(text: &str) -> Option<Decision> {
        match text.trim().to_ascii_lowercase().as_str() {
            "same" => Some(Decision::Same),
            "not-same" | "not_same" | "notsame" | "different" => Some(Decision::NotSame),
            "unsure" => Some(Decision::Unsure),
            _ => None,
        }
    }
}

/// One recorded judgement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// Sequential id in the database.
    pub id: i64,
    /// The smaller mention key of the pair.
    pub mention_a: String,
    /// The larger mention key of the pair.
    pub mention_b: String,
    /// The decision (the state after the judgement).
    pub decision: Decision,
    /// What was true before: the previous judgement on the pair or what clustering said, in words.
    pub before: String,
    /// Who judged.
    pub who: String,
    /// When, UTC, RFC 3339 (from SQLite's clock).
    pub at: String,
    /// Free-text note.
    pub note: Option<String>,
}

/// The judgement database of one workspace.
pub struct Judgements {
    conn: Connection,
    path: PathBuf,
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS judgements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mention_a TEXT NOT NULL,
    mention_b TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('same', 'not-same', 'unsure')),
    before TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    note TEXT
);
CREATE INDEX IF NOT EXISTS judgements_pair ON judgements (mention_a, mention_b, id);";

/// Opens (creating if needed) the workspace's analyst database at `root` with write-ahead journaling, full sync and a busy timeout, and applies `schema`.
pub(crate) fn open_db(root: &Path, schema: &str) -> Result<(Connection, PathBuf)> {
    fs_err::create_dir_all(root)?;
    let path = root.join(JUDGEMENTS_FILE);
    let conn = Connection::open(&path).map_err(|e| db_error(&path, e))?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .and_then(|_| conn.pragma_update(None, "synchronous", "FULL"))
        .and_then(|_| conn.busy_timeout(std::time::Duration::from_secs(10)))
        .and_then(|_| conn.execute_batch(crate::audit::AUDIT_SCHEMA))
        .and_then(|_| conn.execute_batch(schema))
        .map_err(|e| db_error(&path, e))?;
    Ok((conn, path))
}

pub(crate) fn db_error(path: &Path, source: rusqlite::Error) -> Error {
    Error::Judgements {
        path: path.to_path_buf(),
        source,
    }
}

impl Judgements {
    /// Opens (creating if needed) the judgement database of the workspace at `root`.
    pub fn open(root: &Path) -> Result<Judgements> {
        let (conn, path) = open_db(root, SCHEMA)?;
        Ok(Judgements { conn, path })
    }

    /// Records a judgement on two mentions and its audit row in one transaction and returns it; the pair is stored in key order.
    pub fn record(
        &mut self,
        a: &str,
        b: &str,
        decision: Decision,
        before: &str,
        who: &str,
        note: Option<&str>,
    ) -> Result<Judgement> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| db_error(&path, e))?;
        tx.execute(
            "INSERT INTO judgements (mention_a, mention_b, decision, before, who, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![a, b, decision.as_str(), before, who, note],
        )
        .map_err(|e| db_error(&path, e))?;
        let id = tx.last_insert_rowid();
        crate::audit::append(
            &tx,
            &crate::audit::Change {
                who,
                kind: "pair",
                subject: &format!("{a} {b}"),
                action: decision.as_str(),
                before,
                after: decision.as_str(),
                note,
            },
        )
        .map_err(|e| db_error(&path, e))?;
        tx.commit().map_err(|e| db_error(&path, e))?;
        self.get(id)?
            .ok_or_else(|| db_error(&path, rusqlite::Error::QueryReturnedNoRows))
    }

    /// The judgement with this id.
    pub fn get(&self, id: i64) -> Result<Option<Judgement>> {
        self.conn
            .query_row(
                "SELECT id, mention_a, mention_b, decision, before, who, at, note FROM judgements WHERE id = ?1",
                params![id],
                row,
            )
            .optional()
            .map_err(|e| db_error(&self.path, e))
    }

    /// The judgement in force on every judged pair (the newest per pair), in pair order.
    pub fn current(&self) -> Result<Vec<Judgement>> {
        self.select(
            "SELECT id, mention_a, mention_b, decision, before, who, at, note FROM judgements j \
             WHERE id = (SELECT MAX(id) FROM judgements k WHERE k.mention_a = j.mention_a AND k.mention_b = j.mention_b) \
             ORDER BY mention_a, mention_b",
            &[],
        )
    }

    /// Every judgement that names this mention, oldest first.
    pub fn history(&self, mention: &str) -> Result<Vec<Judgement>> {
        self.select(
            "SELECT id, mention_a, mention_b, decision, before, who, at, note FROM judgements \
             WHERE mention_a = ?1 OR mention_b = ?1 ORDER BY id",
            &[&mention],
        )
    }

    /// A short digest of the database state (count and newest id), so derived tables know when to rebuild.
    pub fn state(&self) -> Result<String> {
        let (n, max): (i64, Option<i64>) = self
            .conn
            .query_row("SELECT COUNT(*), MAX(id) FROM judgements", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| db_error(&self.path, e))?;
        Ok(format!("judgements-{n}-{}", max.unwrap_or(0)))
    }

    fn select(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Judgement>> {
        let mut stmt = self
            .conn
            .prepare(sql)
            .map_err(|e| db_error(&self.path, e))?;
        let rows = stmt
            .query_map(args, row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| db_error(&self.path, e))?;
        Ok(rows)
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Judgement> {
    let decision: String = r.get(3)?;
    Ok(Judgement {
        id: r.get(0)?,
        mention_a: r.get(1)?,
        mention_b: r.get(2)?,
        decision: Decision::parse(&decision).unwrap_or(Decision::Unsure),
        before: r.get(4)?,
        who: r.get(5)?,
        at: r.get(6)?,
        note: r.get(7)?,
    })
}
