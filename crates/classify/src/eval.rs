//! Scores classifications against ground truth, such as the `truth/` folder of a synthetic world, and prints worlds side by side.
//!
//! The caller reads the truth files and joins each classified line to its truth row; this module parses and counts, so it stays pure (no IO) and is shared by `tradetrail eval classify`, the example, the tests and the benchmark.
//! Brand and model accuracy are given on all true drone lines and on those whose description names the goods (not planted as vague), since a vague line has no brand to find.

use std::collections::{HashMap, HashSet};

use crate::{Category, Classification, VAGUE_THRESHOLD};

/// The truth about one line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Truth {
    /// `drone`, `drone_part`, `component` or `other`.
    pub category: String,
    /// Catalogue brand name, empty for background goods.
    pub brand: String,
    /// Catalogue model name, empty for background goods.
    pub model: String,
    /// True for look-alike goods.
    pub is_hard_negative: bool,
    /// True when the line carries a `misclassified_hs` anomaly.
    pub misclassified: bool,
    /// True when the line carries a `vague_description` anomaly.
    pub vague: bool,
}

/// Truth rows keyed by (file name, 1-based line), as a synthetic world's `truth/` folder gives them.
pub type TruthTable = HashMap<(String, u64), Truth>;

/// Parses a world's `truth/lines.csv` and `truth/anomalies.csv` (their text) into truth rows keyed by (file name, line).
///
/// The error names the file and the column or row that could not be read.
pub fn parse_truth(lines_csv: &str, anomalies_csv: &str) -> Result<TruthTable, String> {
    fn columns<const N: usize>(
        rd: &mut csv::Reader<&[u8]>,
        file: &str,
        names: [&str; N],
    ) -> Result<[usize; N], String> {
        let h = rd.headers().map_err(|e| format!("{file}: {e}"))?.clone();
        let mut out = [0; N];
        for (slot, n) in out.iter_mut().zip(names) {
            *slot = h
                .iter()
                .position(|x| x == n)
                .ok_or(format!("{file} has no column {n}"))?;
        }
        Ok(out)
    }
    let number = |file: &str, v: &str| -> Result<u64, String> {
        v.parse()
            .map_err(|_| format!("{file}: line {v:?} is not a number"))
    };
    let mut flags: HashSet<(String, u64, String)> = HashSet::new();
    let mut rd = csv::Reader::from_reader(anomalies_csv.as_bytes());
    let [f, l, c] = columns(&mut rd, "anomalies.csv", ["file", "line", "code"])?;
    for rec in rd.records() {
        let rec = rec.map_err(|e| format!("anomalies.csv: {e}"))?;
        flags.insert((
            rec[f].to_string(),
            number("anomalies.csv", &rec[l])?,
            rec[c].to_string(),
        ));
    }
    let mut out = HashMap::new();
    let mut rd = csv::Reader::from_reader(lines_csv.as_bytes());
    let [f, l, cat, b, m, hn] = columns(
        &mut rd,
        "lines.csv",
        [
            "file",
            "line",
            "category",
            "brand",
            "model",
            "is_hard_negative",
        ],
    )?;
    for rec in rd.records() {
        let rec = rec.map_err(|e| format!("lines.csv: {e}"))?;
        let key = (rec[f].to_string(), number("lines.csv", &rec[l])?);
        let has = |code: &str| flags.contains(&(key.0.clone(), key.1, code.to_string()));
        let t = Truth {
            category: rec[cat].to_string(),
            brand: rec[b].to_string(),
            model: rec[m].to_string(),
            is_hard_negative: &rec[hn] == "true",
            misclassified: has("misclassified_hs"),
            vague: has("vague_description"),
        };
        out.insert(key, t);
    }
    Ok(out)
}

/// The four categories in table order.
pub const CATEGORIES: [Category; 4] = [
    Category::Drone,
    Category::DronePart,
    Category::ChplComponent,
    Category::Other,
];

fn index(c: Category) -> usize {
    CATEGORIES.iter().position(|x| *x == c).unwrap_or(3)
}

fn truth_index(c: &str) -> usize {
    match c {
        "drone" => 0,
        "drone_part" => 1,
        "component" => 2,
        _ => 3,
    }
}

/// Counts over one world.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    /// Lines scored.
    pub lines: u64,
    /// confusion[truth][predicted].
    pub confusion: [[u64; 4]; 4],
    /// (correct, total) brand on true drone lines.
    pub brand: (u64, u64),
    /// (correct, total) model on true drone lines.
    pub model: (u64, u64),
    /// (correct, total) brand on true drone lines whose description is not vague.
    pub brand_named: (u64, u64),
    /// (correct, total) model on true drone lines whose description is not vague.
    pub model_named: (u64, u64),
    /// (classified as drone, total) hard negatives.
    pub hard_negatives: (u64, u64),
    /// (true positives, false positives, false negatives) of the misclassification flag.
    pub misclassified: (u64, u64, u64),
    /// (true positives, false positives, false negatives) of the vague flag at the default threshold.
    pub vague: (u64, u64, u64),
    /// (score, is vague) of every line, for the AUC.
    pub vague_scores: Vec<(f64, bool)>,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

fn tally(t: &mut (u64, u64, u64), predicted: bool, actual: bool) {
    match (predicted, actual) {
        (true, true) => t.0 += 1,
        (true, false) => t.1 += 1,
        (false, true) => t.2 += 1,
        _ => {}
    }
}

impl Metrics {
    /// Adds one classified line and its truth.
    pub fn add(&mut self, c: &Classification, t: &Truth) {
        self.lines += 1;
        let ti = truth_index(&t.category);
        self.confusion[ti][index(c.category)] += 1;
        if ti == 0 {
            let b = c.brand.as_deref() == Some(t.brand.as_str());
            let m = c.model.as_deref() == Some(t.model.as_str());
            self.brand = (self.brand.0 + u64::from(b), self.brand.1 + 1);
            self.model = (self.model.0 + u64::from(m), self.model.1 + 1);
            if !t.vague {
                self.brand_named = (self.brand_named.0 + u64::from(b), self.brand_named.1 + 1);
                self.model_named = (self.model_named.0 + u64::from(m), self.model_named.1 + 1);
            }
        }
        if t.is_hard_negative {
            self.hard_negatives = (
                self.hard_negatives.0 + u64::from(c.category == Category::Drone),
                self.hard_negatives.1 + 1,
            );
        }
        tally(
            &mut self.misclassified,
            c.misclassified.is_some(),
            t.misclassified,
        );
        tally(&mut self.vague, c.vague_score >= VAGUE_THRESHOLD, t.vague);
        self.vague_scores.push((c.vague_score, t.vague));
    }

    /// Precision of a category.
    pub fn precision(&self, c: Category) -> f64 {
        let i = index(c);
        ratio(
            self.confusion[i][i],
            (0..4).map(|t| self.confusion[t][i]).sum(),
        )
    }

    /// Recall of a category.
    pub fn recall(&self, c: Category) -> f64 {
        let i = index(c);
        ratio(self.confusion[i][i], self.confusion[i].iter().sum())
    }

    /// Share of true drone lines with the right brand (all, named).
    pub fn brand_accuracy(&self) -> (f64, f64) {
        (
            ratio(self.brand.0, self.brand.1),
            ratio(self.brand_named.0, self.brand_named.1),
        )
    }

    /// Share of true drone lines with the right model (all, named).
    pub fn model_accuracy(&self) -> (f64, f64) {
        (
            ratio(self.model.0, self.model.1),
            ratio(self.model_named.0, self.model_named.1),
        )
    }

    /// Share of hard negatives classified as drones.
    pub fn hard_negative_as_drone(&self) -> f64 {
        ratio(self.hard_negatives.0, self.hard_negatives.1)
    }

    /// (precision, recall) of the misclassification flag.
    pub fn misclassified_pr(&self) -> (f64, f64) {
        let (tp, fp, fnn) = self.misclassified;
        (ratio(tp, tp + fp), ratio(tp, tp + fnn))
    }

    /// (precision, recall) of the vague flag at [`VAGUE_THRESHOLD`].
    pub fn vague_pr(&self) -> (f64, f64) {
        let (tp, fp, fnn) = self.vague;
        (ratio(tp, tp + fp), ratio(tp, tp + fnn))
    }

    /// Area under the ROC curve of the vague score (ties count half).
    pub fn vague_auc(&self) -> f64 {
        let mut v = self.vague_scores.clone();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let pos = v.iter().filter(|x| x.1).count() as f64;
        let neg = v.len() as f64 - pos;
        if pos == 0.0 || neg == 0.0 {
            return f64::NAN;
        }
        let (mut rank_sum, mut i) = (0.0, 0);
        while i < v.len() {
            let mut j = i;
            while j < v.len() && v[j].0 == v[i].0 {
                j += 1;
            }
            let avg = (i + j + 1) as f64 / 2.0;
            rank_sum += avg * v[i..j].iter().filter(|x| x.1).count() as f64;
            i = j;
        }
        (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
    }

    /// The figures as (name, value) rows, in print order.
    pub fn rows(&self) -> Vec<(String, f64)> {
        let mut rows = vec![("lines".to_string(), self.lines as f64)];
        for c in CATEGORIES {
            rows.push((format!("{} precision", c.as_str()), self.precision(c)));
            rows.push((format!("{} recall", c.as_str()), self.recall(c)));
        }
        let (b, bn) = self.brand_accuracy();
        let (m, mn) = self.model_accuracy();
        rows.extend([
            ("drone brand accuracy (all)".to_string(), b),
            ("drone brand accuracy (named)".to_string(), bn),
            ("drone model accuracy (all)".to_string(), m),
            ("drone model accuracy (named)".to_string(), mn),
            (
                "hard negatives as drone".to_string(),
                self.hard_negative_as_drone(),
            ),
            (
                "misclassified_hs precision".to_string(),
                self.misclassified_pr().0,
            ),
            (
                "misclassified_hs recall".to_string(),
                self.misclassified_pr().1,
            ),
            ("vague precision @threshold".to_string(), self.vague_pr().0),
            ("vague recall @threshold".to_string(), self.vague_pr().1),
            ("vague score AUC".to_string(), self.vague_auc()),
        ]);
        rows
    }
}

/// A table of several worlds' figures side by side.
pub fn side_by_side(names: &[&str], worlds: &[&Metrics]) -> String {
    let rows: Vec<Vec<(String, f64)>> = worlds.iter().map(|m| m.rows()).collect();
    let mut out = format!("{:<32}", "metric");
    for n in names {
        out.push_str(&format!("{n:>14}"));
    }
    out.push('\n');
    for (i, (name, _)) in rows
        .first()
        .map(|r| r.as_slice())
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        out.push_str(&format!("{name:<32}"));
        for r in &rows {
            let v = r[i].1;
            if name == "lines" {
                out.push_str(&format!("{v:>14.0}"))
            } else {
                out.push_str(&format!("{v:>14.4}"))
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_of_a_perfect_score_is_one() {
        let mut m = Metrics {
            vague_scores: vec![(0.1, false), (0.2, false), (0.9, true)],
            ..Default::default()
        };
        assert_eq!(m.vague_auc(), 1.0);
        m.vague_scores = vec![(0.5, false), (0.5, true)];
        assert_eq!(m.vague_auc(), 0.5);
    }
}
