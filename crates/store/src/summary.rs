//! The first summary of a workspace, printed by `tradetrail stats` and the demo: rows, dates, value by HS chapter, top parties.
//!
//! Every figure is one SQL query over the stored tables; the queries are public so that a user can rerun them.

use arrow::array::{Array, Float64Array, StringArray};
use arrow::compute::cast;
use arrow::datatypes::DataType;
use arrow::record_batch::RecordBatch;
use serde::Serialize;

use crate::Result;
use crate::workspace::Workspace;

/// Value shipped under one HS chapter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ValueByChapter {
    /// Two-digit HS chapter.
    pub chapter: String,
    /// Lines in the chapter.
    pub lines: u64,
    /// Sum of value_usd.
    pub value_usd: f64,
}

/// One party with its shipment count and value.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TopParty {
    /// Name as written in the data (no resolution yet).
    pub name: String,
    /// Lines naming the party.
    pub lines: u64,
    /// Sum of value_usd.
    pub value_usd: f64,
}

/// The first summary of a workspace.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    /// Stored shipment lines.
    pub lines: u64,
    /// Quarantined rows.
    pub quarantined: u64,
    /// Datasets with their line counts.
    pub datasets: Vec<(String, u64)>,
    /// Earliest declaration date (ISO).
    pub first_date: Option<String>,
    /// Latest declaration date (ISO).
    pub last_date: Option<String>,
    /// Sum of value_usd over all lines.
    pub value_usd: f64,
    /// Lines without a value in USD.
    pub lines_without_usd: u64,
    /// Top HS chapters by value.
    pub chapters: Vec<ValueByChapter>,
    /// Top senders by value.
    pub top_shippers: Vec<TopParty>,
    /// Top recipients by value.
    pub top_consignees: Vec<TopParty>,
    /// Quarantined rows by reason.
    pub quarantine_reasons: Vec<(String, u64)>,
}

/// The SQL behind each figure of [`Summary`], in the order they are computed.
pub const SUMMARY_QUERIES: &[(&str, &str)] = &[
    (
        "totals",
        "SELECT COUNT(*) AS lines, CAST(MIN(declaration_date) AS VARCHAR) AS first_date, \
         CAST(MAX(declaration_date) AS VARCHAR) AS last_date, COALESCE(SUM(value_usd), 0) AS value_usd, \
         SUM(CASE WHEN value_usd IS NULL THEN 1 ELSE 0 END) AS lines_without_usd FROM shipments",
    ),
    (
        "datasets",
        "SELECT dataset, COUNT(*) AS lines FROM shipments GROUP BY dataset ORDER BY dataset",
    ),
    (
        "chapters",
        "SELECT substr(hs6, 1, 2) AS chapter, COUNT(*) AS lines, COALESCE(SUM(value_usd), 0) AS value_usd \
         FROM shipments WHERE hs6 IS NOT NULL GROUP BY 1 ORDER BY value_usd DESC, chapter LIMIT 10",
    ),
    (
        "shippers",
        "SELECT sender_name AS name, COUNT(*) AS lines, COALESCE(SUM(value_usd), 0) AS value_usd \
         FROM shipments WHERE sender_name IS NOT NULL GROUP BY 1 ORDER BY value_usd DESC, name LIMIT 10",
    ),
    (
        "consignees",
        "SELECT recipient_name AS name, COUNT(*) AS lines, COALESCE(SUM(value_usd), 0) AS value_usd \
         FROM shipments WHERE recipient_name IS NOT NULL GROUP BY 1 ORDER BY value_usd DESC, name LIMIT 10",
    ),
    (
        "quarantine",
        "SELECT reason_code, COUNT(*) AS n FROM quarantine GROUP BY reason_code ORDER BY n DESC, reason_code",
    ),
];

impl Workspace {
    /// Computes the [`Summary`] with the queries of [`SUMMARY_QUERIES`].
    pub async fn summary(&self) -> Result<Summary> {
        let ctx = self.session().await?;
        let mut results = Vec::new();
        for (_, sql) in SUMMARY_QUERIES {
            results.push(ctx.sql(sql).await?.collect().await?);
        }
        let totals = &results[0];
        let lines = numbers(totals, 0).first().copied().unwrap_or(0.0) as u64;
        let parties = |batches: &[RecordBatch]| -> Vec<TopParty> {
            let names = strings(batches, 0);
            let counts = numbers(batches, 1);
            let values = numbers(batches, 2);
            names
                .into_iter()
                .zip(counts)
                .zip(values)
                .map(|((name, lines), value_usd)| TopParty {
                    name: name.unwrap_or_default(),
                    lines: lines as u64,
                    value_usd,
                })
                .collect()
        };
        let pairs = |batches: &[RecordBatch]| -> Vec<(String, u64)> {
            strings(batches, 0)
                .into_iter()
                .zip(numbers(batches, 1))
                .map(|(name, n)| (name.unwrap_or_default(), n as u64))
                .collect()
        };
        let quarantine_reasons = pairs(&results[5]);
        Ok(Summary {
            lines,
            quarantined: quarantine_reasons.iter().map(|(_, n)| n).sum(),
            datasets: pairs(&results[1]),
            first_date: strings(totals, 1).into_iter().next().flatten(),
            last_date: strings(totals, 2).into_iter().next().flatten(),
            value_usd: numbers(totals, 3).first().copied().unwrap_or(0.0),
            lines_without_usd: numbers(totals, 4).first().copied().unwrap_or(0.0) as u64,
            chapters: parties(&results[2])
                .into_iter()
                .map(|p| ValueByChapter {
                    chapter: p.name,
                    lines: p.lines,
                    value_usd: p.value_usd,
                })
                .collect(),
            top_shippers: parties(&results[3]),
            top_consignees: parties(&results[4]),
            quarantine_reasons,
        })
    }
}

/// Column `index` of every batch as optional strings, whatever its type.
pub(crate) fn strings(batches: &[RecordBatch], index: usize) -> Vec<Option<String>> {
    let mut out = Vec::new();
    for batch in batches {
        let column =
            cast(batch.column(index), &DataType::Utf8).expect("every Arrow type casts to Utf8");
        let column = column
            .as_any()
            .downcast_ref::<StringArray>()
            .expect("cast to Utf8");
        out.extend(
            (0..column.len()).map(|i| column.is_valid(i).then(|| column.value(i).to_owned())),
        );
    }
    out
}

/// Column `index` of every batch as floats (nulls as 0).
pub(crate) fn numbers(batches: &[RecordBatch], index: usize) -> Vec<f64> {
    let mut out = Vec::new();
    for batch in batches {
        let column = cast(batch.column(index), &DataType::Float64).unwrap_or_else(|_| {
            std::sync::Arc::new(Float64Array::from(vec![None::<f64>; batch.num_rows()]))
        });
        let column = column
            .as_any()
            .downcast_ref::<Float64Array>()
            .expect("cast to Float64");
        out.extend((0..column.len()).map(|i| {
            if column.is_valid(i) {
                column.value(i)
            } else {
                0.0
            }
        }));
    }
    out
}
