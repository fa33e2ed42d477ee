//! The detectors, one per file, and the small helpers several of them share.

pub mod brand_exit;
pub mod chpl_route;
pub mod currency;
pub mod ephemeral;
pub mod line_change;
pub mod listed_near;
pub mod listed_party;
pub mod long_chain;
pub mod misclass;
pub mod pass_through;
pub mod shell;
pub mod structuring;
pub mod triangle;
pub mod undervalue;
pub mod unit_weight;
pub mod vague;

use std::collections::HashMap;

use tradetrail_graph::{Flow, Graph};

use crate::Info;
use crate::context::{Context, Line};
use crate::finding::{Feature, Finding, SubjectKind};

/// Countries that restrict exports of dual-use goods to Russia (EU members, the US, the UK, Japan, Switzerland and others), as ISO alpha-2 codes.
pub const COALITION: &[&str] = &[
    "AT", "AU", "BE", "BG", "CA", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR",
    "HR", "HU", "IE", "IS", "IT", "JP", "KR", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "NZ", "PL",
    "PT", "RO", "SE", "SI", "SK", "TW", "US",
];

/// The sum of the USD values of some lines.
pub(crate) fn total_usd(ctx: &Context, lines: &[u32]) -> f64 {
    lines.iter().filter_map(|&i| ctx.line(i).value_usd).sum()
}

/// The ISO date of a day number, or `?`.
pub(crate) fn day(d: Option<i32>) -> String {
    d.map_or_else(|| "?".into(), tradetrail_model::iso_date)
}

/// The entity's name for a summary, or `?`.
pub(crate) fn name(ctx: &Context, e: Option<u32>) -> String {
    e.map_or_else(|| "?".into(), |e| ctx.entity(e).name.clone())
}

/// A finding about one line, attributed to its sender.
pub(crate) fn line_finding(
    info: &Info,
    ctx: &Context,
    i: u32,
    summary: String,
    features: Vec<Feature>,
) -> Finding {
    let l = ctx.line(i);
    Finding::new(
        info,
        (SubjectKind::Line, l.record_id.to_string()),
        l.sender,
        summary,
        features,
        vec![i],
    )
}

/// One finding per line the judge returns a summary and features for.
pub(crate) fn per_line(
    info: &Info,
    ctx: &Context,
    judge: impl Fn(&Line) -> Option<(String, Vec<Feature>)>,
) -> Vec<Finding> {
    (0..ctx.lines.len() as u32)
        .filter_map(|i| {
            let (summary, features) = judge(ctx.line(i))?;
            Some(line_finding(info, ctx, i, summary, features))
        })
        .collect()
}

/// The context's lines by record id, to turn the graph's flows back into evidence lines.
pub(crate) struct RecordIndex<'a>(HashMap<&'a str, u32>);

impl<'a> RecordIndex<'a> {
    /// Indexes every line of the context.
    pub(crate) fn new(ctx: &'a Context) -> RecordIndex<'a> {
        RecordIndex(ctx.line_index())
    }

    /// The context line a flow of the graph was built from.
    pub(crate) fn line_of(&self, g: &Graph, f: &Flow) -> Option<u32> {
        self.0.get(g.record_id(f.evidence.record)).copied()
    }
}
