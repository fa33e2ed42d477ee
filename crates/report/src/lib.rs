//! The investigation report: what an investigator publishes about one kind of goods to one country, with every number reproducible.
//!
//! [`build`] runs a fixed set of named SQL queries over a workspace (each over the `lines` view of the [`Scope`]), traces the top chains in the trade graph, and looks up documented components of the models shipped.
//! Every [`Section`] keeps the exact query or command that produced its table, so a reader can rerun it with `tradetrail query` or the command shown.
//! [`html`], [`markdown`] and JSON (serde) render the same [`Report`]; none of them reads a clock, so the same workspace gives the same files.

#![warn(missing_docs)]

mod build;
mod chains;
mod components;
pub mod html;
pub mod markdown;
mod scope;
mod table;

pub use build::{Inputs, build};
pub use scope::{Goods, INVASION, Scope};
pub use table::Table;

use serde::Serialize;

/// What went wrong while building a report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The scope given is not valid.
    #[error("report scope: {0}")]
    Scope(String),
    /// A section's query failed.
    #[error("report section {section}: {source}")]
    Query {
        /// The section whose query failed.
        section: String,
        /// What the store said.
        source: tradetrail_store::Error,
    },
    /// A query's result could not be turned into rows.
    #[error("report section {section}: reading the result: {message}")]
    Rows {
        /// The section.
        section: String,
        /// What failed.
        message: String,
    },
}

/// How a section's numbers are reproduced.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum Query {
    /// A SQL statement for `tradetrail query`.
    Sql(String),
    /// A `tradetrail` command line.
    Command(String),
}

impl Query {
    /// The text of the statement or command.
    pub fn text(&self) -> &str {
        match self {
            Query::Sql(t) | Query::Command(t) => t,
        }
    }
}

/// A chart drawn from a section's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Chart {
    /// Horizontal bars of `value_usd` by the first column.
    Bars,
    /// Stacked monthly bars: columns `month`, `brand_group`, `value_usd`.
    MonthlyStacked,
    /// A Sankey of country routes: columns `origin`, `dispatch`, `value_usd`, ending in the scope's country.
    RouteSankey,
}

/// One part of the report: a title, what it shows, its table and how to reproduce it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Stable id, used as the HTML anchor and the JSON key.
    pub id: &'static str,
    /// Heading.
    pub title: String,
    /// What the table shows and how to read it, one sentence per line.
    pub note: String,
    /// The query or command that reproduces the table.
    pub query: Query,
    /// The result.
    pub table: Table,
    /// The chart drawn from the table, if any.
    pub chart: Option<Chart>,
}

/// The headline numbers, and the sentence the demo prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// Total declared value in USD.
    pub value_usd: f64,
    /// Total declared quantity, in the units declared.
    pub quantity: f64,
    /// Shipment lines counted.
    pub lines: u64,
    /// Distinct exporters (resolved sender entities).
    pub exporters: u64,
    /// Distinct models identified.
    pub models: u64,
    /// Distinct brands, counting lines without a brand as one.
    pub brands: u64,
    /// The brand with the highest value and its share of the total, in percent.
    pub top_brand: Option<(String, f64)>,
    /// The brand second by value: its value in USD and the month of its last shipment.
    pub second_brand: Option<(String, f64, String)>,
    /// "$X by N exporters, M models; DJI P%; Autel $Y, last shipment YYYY-MM".
    pub text: String,
    /// The queries the numbers come from (totals, then brands).
    pub queries: Vec<Query>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Title.
    pub title: String,
    /// What is counted.
    pub scope: Scope,
    /// One sentence saying what is counted.
    pub scope_text: String,
    /// The SQL of the `lines` view every section starts from.
    pub lines_view: String,
    /// The workspace's state the report was built from: its last ingest and manifest generation.
    pub workspace_state: String,
    /// The headline.
    pub headline: Headline,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
    /// What the data cannot show, one paragraph per entry.
    pub limits: Vec<String>,
}

impl Report {
    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

/// `1234567.8` as `$1.2M`, `$12.3k` or `$950`.
pub fn short_usd(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("${:.1}B", v / 1e9)
    } else if a >= 1e6 {
        format!("${:.1}M", v / 1e6)
    } else if a >= 1e3 {
        format!("${:.1}k", v / 1e3)
    } else {
        format!("${v:.0}")
    }
}

/// `1234567.8` as `1,234,568`.
pub fn grouped(v: f64) -> String {
    let neg = v < 0.0;
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if neg { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(short_usd(12_345_678.0), "$12.3M");
        assert_eq!(short_usd(2_194_122.0), "$2.2M");
        assert_eq!(short_usd(950.4), "$950");
        assert_eq!(grouped(1_234_567.8), "1,234,568");
        assert_eq!(grouped(-999.0), "-999");
        assert_eq!(grouped(0.0), "0");
    }
}
