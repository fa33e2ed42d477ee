//! Evaluation on labelled name pairs: a deterministic tuning/held-out split, precision, recall and F1 overall, by kind and by script pair.
//!
//! The labelled set is read from text the caller supplies (the crate does no IO); the split is by a hash of the two names, so it never changes.
//! Weights are fitted and thresholds chosen on the tuning half only; the held-out half is for reporting.

use std::collections::BTreeMap;

use crate::score::{Kind, Party, Verdict, score};
use crate::text::{Script, dominant_script};

/// One labelled pair of names.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledPair {
    /// Source group, e.g. `nk_checks`.
    pub group: String,
    /// FollowTheMoney schema: Person, Company, Organization, LegalEntity, Vessel.
    pub schema: String,
    /// First name.
    pub name1: String,
    /// Second name.
    pub name2: String,
    /// Whether the names denote the same party.
    pub is_match: bool,
    /// Evidence tier: STRONG, MEDIUM or WEAK.
    pub quality: String,
}

/// Parse the name-bench CSV (`case_group,schema,name1,name2,is_match,quality,category,notes`); bad rows are skipped.
pub fn parse_pairs(csv_text: &str) -> Vec<LabelledPair> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    rdr.records()
        .filter_map(Result::ok)
        .filter(|r| r.len() >= 6)
        .map(|r| LabelledPair {
            group: r[0].to_string(),
            schema: r[1].to_string(),
            name1: r[2].to_string(),
            name2: r[3].to_string(),
            is_match: r[4].trim().eq_ignore_ascii_case("true"),
            quality: r[5].to_string(),
        })
        .collect()
}

/// The party kind of a schema: Person is a person, everything else an organisation.
pub fn kind_of_schema(schema: &str) -> Kind {
    if schema == "Person" {
        Kind::Person
    } else {
        Kind::Organisation
    }
}

/// Whether a schema counts as a company in reports (Company, Organization, LegalEntity).
pub fn is_company_schema(schema: &str) -> bool {
    matches!(schema, "Company" | "Organization" | "LegalEntity")
}

/// Whether a pair is in the tuning half (else held-out): a hash of both names, stable across runs and platforms.
pub fn is_tuning(p: &LabelledPair) -> bool {
    let key = format!("{}\u{1f}{}", p.name1, p.name2);
    xxhash_rust::xxh3::xxh3_64(key.as_bytes()).is_multiple_of(2)
}

/// The script pair of two names, as reported: `same script`, `latin-cyrillic`, `latin-han`, `cyrillic-han` or `other`.
pub fn script_pair(a: &str, b: &str) -> &'static str {
    let (x, y) = (dominant_script(a), dominant_script(b));
    let (x, y) = if x <= y { (x, y) } else { (y, x) };
    match (x, y) {
        _ if x == y => "same script",
        (Script::Latin, Script::Cyrillic) => "latin-cyrillic",
        (Script::Latin, Script::Han) => "latin-han",
        (Script::Cyrillic, Script::Han) => "cyrillic-han",
        _ => "other",
    }
}

/// Confusion counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// True negatives.
    pub tn: usize,
}

impl Counts {
    /// Add one outcome.
    pub fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    /// Recall (1 when nothing was to be found).
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }

    /// F1, the harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Number of pairs.
    pub fn n(&self) -> usize {
        self.tp + self.fp + self.fn_ + self.tn
    }

    /// One report line: `label n P R F1`.
    pub fn line(&self, label: &str) -> String {
        format!(
            "{label:<16} n={:<4} P={:.3} R={:.3} F1={:.3}",
            self.n(),
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}

/// Results of one evaluation.
#[derive(Debug, Clone, Default)]
pub struct EvalReport {
    /// Every pair.
    pub overall: Counts,
    /// Company, Organization and LegalEntity pairs.
    pub companies: Counts,
    /// Person pairs.
    pub persons: Counts,
    /// By script pair.
    pub by_script: BTreeMap<&'static str, Counts>,
    /// Misjudged pairs with their probability.
    pub errors: Vec<(LabelledPair, f64)>,
}

impl EvalReport {
    /// The report as printable lines.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![
            self.overall.line("overall"),
            self.companies.line("companies"),
            self.persons.line("persons"),
        ];
        for (k, c) in &self.by_script {
            out.push(c.line(k));
        }
        out
    }
}

/// Score every pair with [`score`] (name only, kind from the schema) and count a match verdict as a positive.
pub fn eval_pairs(pairs: &[&LabelledPair]) -> EvalReport {
    let mut r = EvalReport::default();
    for p in pairs {
        let kind = kind_of_schema(&p.schema);
        let a = Party {
            name: p.name1.clone(),
            kind,
            ..Party::default()
        };
        let b = Party {
            name: p.name2.clone(),
            kind,
            ..Party::default()
        };
        let s = score(&a, &b);
        let predicted = s.verdict == Verdict::Match;
        r.overall.add(predicted, p.is_match);
        if is_company_schema(&p.schema) {
            r.companies.add(predicted, p.is_match);
        }
        if kind == Kind::Person {
            r.persons.add(predicted, p.is_match);
        }
        r.by_script
            .entry(script_pair(&p.name1, &p.name2))
            .or_default()
            .add(predicted, p.is_match);
        if predicted != p.is_match {
            r.errors.push(((*p).clone(), s.probability));
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_pairs() {
        let mut c = Counts::default();
        c.add(true, true);
        c.add(true, false);
        c.add(false, true);
        assert!((c.f1() - 0.5).abs() < 1e-12);
        assert_eq!(script_pair("LEGION", "ЛЕГИОН"), "latin-cyrillic");
        assert_eq!(script_pair("大疆", "ДЖИ"), "cyrillic-han");
        let ps = parse_pairs(
            "case_group,schema,name1,name2,is_match,quality,category,notes\ng,Person,A,B,true,STRONG,,\n",
        );
        assert_eq!(ps.len(), 1);
        assert!(ps[0].is_match);
    }
}
