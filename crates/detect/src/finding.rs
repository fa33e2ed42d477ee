//! What a detector returns: a finding with a severity, a score that is the sum of named features, and the evidence it rests on.

use std::fmt;

use serde::Serialize;
use tradetrail_model::Finding as FindingRow;
use xxhash_rust::xxh3::xxh3_64;

use crate::Info;
use crate::context::{Context, Line};

/// How strong a detector's signal is on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look when other flags point the same way.
    Low,
    /// Worth a look on its own.
    Medium,
    /// A pattern regulators name as a strong sign of evasion.
    High,
}

impl Severity {
    /// Every severity, weakest first.
    pub const ALL: [Severity; 3] = [Severity::Low, Severity::Medium, Severity::High];

    /// The lower-case name stored in the `findings` table.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// The severity with this name (any case).
    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One named feature of a finding: the measured value and what it adds to the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feature {
    /// Short name, e.g. `unit_value_to_list_price`.
    pub name: &'static str,
    /// The measured value, e.g. 0.21.
    pub value: f64,
    /// What the feature adds to the score.
    pub contribution: f64,
}

impl Feature {
    /// A feature with its value and contribution, both rounded to four decimals so output is stable.
    pub fn new(name: &'static str, value: f64, contribution: f64) -> Feature {
        Feature {
            name,
            value: round4(value),
            contribution: round4(contribution),
        }
    }
}

fn round4(x: f64) -> f64 {
    if x.is_finite() {
        (x * 10_000.0).round() / 10_000.0
    } else {
        0.0
    }
}

/// What the subject of a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SubjectKind {
    /// One shipment line (the subject is its record id).
    Line,
    /// One resolved entity (the subject is its entity id).
    Entity,
    /// A sender and recipient pair (the subject is `sender > recipient`).
    Lane,
    /// A normalised address or identifier shared by several entities.
    Address,
    /// A chain of entities in the trade graph (the subject is `first > ... > last` entity ids).
    Path,
}

impl SubjectKind {
    /// The lower-case name stored in the `findings` table.
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Line => "line",
            SubjectKind::Entity => "entity",
            SubjectKind::Lane => "lane",
            SubjectKind::Address => "address",
            SubjectKind::Path => "path",
        }
    }
}

/// One red flag, before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Detector code.
    pub code: &'static str,
    /// Detector severity.
    pub severity: Severity,
    /// What the finding is about.
    pub subject_kind: SubjectKind,
    /// Record id, entity id, lane or address.
    pub subject: String,
    /// Index of the entity most concerned, into [`Context::entities`].
    pub entity: Option<u32>,
    /// One sentence with the numbers that decided.
    pub summary: String,
    /// The named features; the score is their sum.
    pub features: Vec<Feature>,
    /// Indexes of the evidence lines into [`Context::lines`], in line order.
    pub lines: Vec<u32>,
    /// Watchlist entry ids, for list-based detectors.
    pub list_entries: Vec<String>,
    /// Graph paths as entity ids, for graph-based detectors.
    pub paths: Vec<Vec<String>>,
}

impl Finding {
    /// A finding with no list entries or paths; evidence lines are sorted and deduplicated.
    pub fn new(
        info: &Info,
        subject: (SubjectKind, String),
        entity: Option<u32>,
        summary: String,
        features: Vec<Feature>,
        mut lines: Vec<u32>,
    ) -> Finding {
        lines.sort_unstable();
        lines.dedup();
        Finding {
            code: info.code,
            severity: info.severity,
            subject_kind: subject.0,
            subject: subject.1,
            entity,
            summary,
            features,
            lines,
            list_entries: Vec::new(),
            paths: Vec::new(),
        }
    }

    /// The score: the sum of the feature contributions.
    pub fn score(&self) -> f64 {
        round4(self.features.iter().map(|f| f.contribution).sum())
    }

    /// The finding with these watchlist entry ids and graph paths as evidence too (sorted and deduplicated, so output is stable).
    pub fn with_evidence(
        mut self,
        mut list_entries: Vec<String>,
        paths: Vec<Vec<String>>,
    ) -> Finding {
        list_entries.sort();
        list_entries.dedup();
        self.list_entries = list_entries;
        self.paths = paths;
        self
    }

    /// The stable id: a hash of the code, the subject and the evidence record ids.
    pub fn id(&self, ctx: &Context) -> String {
        let mut key = format!("{}\u{1f}{}", self.code, self.subject);
        for &i in &self.lines {
            key.push('\u{1f}');
            key.push_str(&ctx.lines[i as usize].record_id);
        }
        format!("f{:016x}", xxh3_64(key.as_bytes()))
    }

    /// The row of the `findings` table.
    pub fn to_row(&self, ctx: &Context) -> FindingRow {
        let evidence: Vec<&Line> = self.lines.iter().map(|&i| ctx.line(i)).collect();
        let rows: Vec<serde_json::Value> = evidence
            .iter()
            .map(|l| {
                serde_json::json!({"record_id": l.record_id, "dataset": l.dataset, "file": l.file, "line": l.line})
            })
            .collect();
        let entity = self.entity.map(|e| ctx.entity(e));
        let json_if = |v: serde_json::Value, empty: bool| (!empty).then(|| v.to_string());
        FindingRow {
            finding_id: self.id(ctx),
            code: self.code.to_owned(),
            severity: self.severity.as_str().to_owned(),
            score: Some(self.score()),
            subject_kind: self.subject_kind.as_str().to_owned(),
            subject: self.subject.clone(),
            entity_id: entity.map(|e| e.id.clone()),
            entity_name: entity.map(|e| e.name.clone()),
            first_date: evidence.iter().filter_map(|l| l.date).min(),
            last_date: evidence.iter().filter_map(|l| l.date).max(),
            summary: self.summary.clone(),
            features: serde_json::to_string(&self.features).unwrap_or_else(|_| "[]".into()),
            evidence_rows: serde_json::Value::from(rows).to_string(),
            evidence_list_entries: json_if(
                serde_json::json!(self.list_entries),
                self.list_entries.is_empty(),
            ),
            evidence_paths: json_if(serde_json::json!(self.paths), self.paths.is_empty()),
        }
    }
}
