//! The equality check: the report's SQL sections and a set of queries over tradetrail's functions, run on the embedded engine and on the cluster, compared row by row.
//!
//! Rows are compared as sets in a canonical order (sorted by their cells), so a cluster that returns the same rows in another order still passes;
//! numbers are compared with a relative tolerance of 1e-9, because a sum over partitions may add in another order than a sum on one machine.

use std::cmp::Ordering;

use datafusion::prelude::SessionContext;
use serde_json::Value;
use tradetrail_report::{Inputs, Query as ReportQuery, Scope, Table};
use tradetrail_store::Workspace;

use crate::{Error, Result};

/// One named SQL statement to run on both engines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// A short stable name: the report section's id, or `udf_*`.
    pub id: String,
    /// The statement.
    pub sql: String,
}

/// Queries that exercise every tradetrail function over the store's tables, so both scheduler and executors must know them.
pub fn udf_queries() -> Vec<Query> {
    let q = |id: &str, sql: &str| Query {
        id: id.to_owned(),
        sql: sql.to_owned(),
    };
    vec![
        q(
            "udf_name_script",
            "SELECT script, tt_name_script(name) AS udf_script, COUNT(*) AS mentions \
             FROM party_mentions GROUP BY script, tt_name_script(name) ORDER BY script, udf_script",
        ),
        q(
            "udf_name_key",
            "SELECT tt_name_key(sender_name) AS name_key, COUNT(*) AS lines, COUNT(DISTINCT sender_name) AS spellings \
             FROM shipments WHERE sender_name IS NOT NULL GROUP BY tt_name_key(sender_name) \
             ORDER BY lines DESC, name_key LIMIT 100",
        ),
        q(
            "udf_match_score",
            "SELECT p.mention_key, p.name, e.canonical_name, ROUND(tt_match_score(p.name, e.canonical_name), 9) AS match_score \
             FROM (SELECT DISTINCT mention_key, name, entity_id FROM party_mentions) p \
             JOIN entities e ON e.entity_id = p.entity_id ORDER BY p.mention_key",
        ),
        q(
            "udf_goods_category",
            "SELECT c.category, tt_goods_category(s.description, s.hs_code) AS udf_category, COUNT(*) AS lines \
             FROM shipments s JOIN classifications c ON c.record_id = s.record_id \
             GROUP BY c.category, tt_goods_category(s.description, s.hs_code) ORDER BY c.category, udf_category",
        ),
    ]
}

/// The SQL of every report section for a scope, in report order (sections drawn by a command, such as chains, are left out).
pub async fn report_queries(ws: &Workspace, scope: &Scope) -> Result<Vec<Query>> {
    let report = tradetrail_report::build(ws, scope, Inputs::default()).await?;
    Ok(report
        .sections
        .into_iter()
        .filter_map(|s| match s.query {
            ReportQuery::Sql(sql) => Some(Query {
                id: s.id.to_owned(),
                sql,
            }),
            ReportQuery::Command(_) => None,
        })
        .collect())
}

/// Runs a statement and returns its rows.
pub async fn run(ctx: &SessionContext, query: &Query) -> Result<Table> {
    let failed = |source| Error::Query {
        query: query.id.clone(),
        source,
    };
    let batches = ctx
        .sql(&query.sql)
        .await
        .map_err(failed)?
        .collect()
        .await
        .map_err(failed)?;
    Table::from_batches(&batches).map_err(|message| Error::Rows {
        query: query.id.clone(),
        message,
    })
}

/// What one query gave on each engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The query's id.
    pub id: String,
    /// Rows on the embedded engine.
    pub rows_embedded: usize,
    /// Rows on the cluster.
    pub rows_cluster: usize,
    /// The first difference, or `None` when the results are equal.
    pub difference: Option<String>,
}

impl Outcome {
    /// Whether both engines gave the same rows.
    pub fn equal(&self) -> bool {
        self.difference.is_none()
    }
}

/// Runs a query on both engines and compares the results; a query that fails on either engine is a difference, so one failure does not hide the other queries' outcomes.
pub async fn compare(
    embedded: &SessionContext,
    cluster: &SessionContext,
    query: &Query,
) -> Outcome {
    let (a, b) = (run(embedded, query).await, run(cluster, query).await);
    let rows = |t: &Result<Table>| t.as_ref().map_or(0, |t| t.rows.len());
    let difference = match (&a, &b) {
        (Ok(a), Ok(b)) => difference(a, b),
        (Err(e), _) => Some(format!("embedded: {e}")),
        (_, Err(e)) => Some(format!("cluster: {e}")),
    };
    Outcome {
        id: query.id.clone(),
        rows_embedded: rows(&a),
        rows_cluster: rows(&b),
        difference,
    }
}

/// The first difference between two results, compared in canonical row order; `None` when equal.
pub fn difference(a: &Table, b: &Table) -> Option<String> {
    if a.columns != b.columns && !(a.rows.is_empty() && b.rows.is_empty()) {
        return Some(format!("columns {:?} and {:?}", a.columns, b.columns));
    }
    if a.rows.len() != b.rows.len() {
        return Some(format!("{} rows and {} rows", a.rows.len(), b.rows.len()));
    }
    let (x, y) = (canonical(&a.rows), canonical(&b.rows));
    for (i, (r, s)) in x.iter().zip(&y).enumerate() {
        let same = r.len() == s.len() && r.iter().zip(s.iter()).all(|(u, v)| cells_equal(u, v));
        if !same {
            return Some(format!(
                "row {i} in canonical order: {} and {}",
                Value::Array((*r).clone()),
                Value::Array((*s).clone())
            ));
        }
    }
    None
}

/// The rows sorted by their cells.
fn canonical(rows: &[Vec<Value>]) -> Vec<&Vec<Value>> {
    let mut sorted: Vec<&Vec<Value>> = rows.iter().collect();
    sorted.sort_by(|r, s| {
        r.iter()
            .zip(s.iter())
            .map(|(u, v)| cell_order(u, v))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| r.len().cmp(&s.len()))
    });
    sorted
}

/// Nulls first, then numbers (by value), then text; two numbers equal within the tolerance sort as equal.
fn cell_order(u: &Value, v: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Number(_) => 2,
            _ => 3,
        }
    }
    match (u, v) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
            if close(x, y) {
                Ordering::Equal
            } else {
                x.total_cmp(&y)
            }
        }
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => match rank(u).cmp(&rank(v)) {
            Ordering::Equal => u.to_string().cmp(&v.to_string()),
            other => other,
        },
    }
}

fn cells_equal(u: &Value, v: &Value) -> bool {
    match (u, v) {
        (Value::Number(x), Value::Number(y)) => {
            close(x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0))
        }
        _ => u == v,
    }
}

/// Equal within a relative tolerance of 1e-9 (absolute below 1).
fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn table(rows: Value) -> Table {
        let rows: Vec<Vec<Value>> = serde_json::from_value(rows).unwrap();
        Table {
            columns: vec!["a".into(), "b".into()],
            rows,
        }
    }

    #[test]
    fn row_order_does_not_matter() {
        let a = table(json!([["x", 1], ["y", 2], [null, 3]]));
        let b = table(json!([[null, 3], ["y", 2], ["x", 1]]));
        assert_eq!(difference(&a, &b), None);
    }

    #[test]
    fn sums_added_in_another_order_are_equal_but_other_values_are_not() {
        let a = table(json!([["x", 0.1 + 0.2 + 0.3]]));
        let b = table(json!([["x", 0.3 + 0.2 + 0.1]]));
        assert_eq!(difference(&a, &b), None);
        let c = table(json!([["x", 0.61]]));
        assert!(difference(&a, &c).is_some());
    }

    #[test]
    fn a_missing_row_is_a_difference() {
        let a = table(json!([["x", 1], ["y", 2]]));
        let b = table(json!([["x", 1]]));
        assert_eq!(difference(&a, &b).as_deref(), Some("2 rows and 1 rows"));
    }
}
