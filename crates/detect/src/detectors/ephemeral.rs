//! `TT-NEW-EXPORTER`: an exporter that appears after the invasion, ships controlled goods in a short burst of high volume and disappears.

use crate::context::{Context, INVASION, Input};
use crate::detectors::{day, total_usd};
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::stats::percentile;
use crate::{Detector, Info};

/// New or ephemeral exporter.
///
/// **Flags** a sender entity that first appears in the data after 2022-02-24 (the new-entrant proxy when the incorporation date is unknown),
/// ships controlled goods (drones, drone parts, CHPL components) on at least three days but for fewer than 180 days in all,
/// and whose volume per 30 active days is at least the 90th percentile of the senders of controlled goods (a burst, not a trickle).
///
/// **Why it matters:** front companies set up after sanctions, used for a few consignments and dropped before they draw attention, are a pattern the BIS and FinCEN alerts describe
/// ("newly formed entities", FIN-2022-Alert003, June 2022) and that the domain notes compute as features 10 and 12.
///
/// **Known false positives:** new legitimate distributors in their first months (the data ends before they do), one-off project purchases, an entity split in two by resolution.
pub struct Ephemeral;

/// The longest active span, in days, of an ephemeral exporter.
pub const MAX_SPAN_DAYS: i32 = 180;
/// The percentile of volume per 30 active days among senders of controlled goods an ephemeral exporter must reach.
pub const VOLUME_PERCENTILE: f64 = 90.0;
/// The least distinct shipping days.
pub const MIN_DAYS: usize = 3;

/// First and last date, distinct days and USD per 30 active days (spans under 30 days count as 30) of some lines.
fn activity(ctx: &Context, lines: &[u32]) -> Option<(i32, i32, usize, f64)> {
    let mut dates: Vec<i32> = lines.iter().filter_map(|&i| ctx.line(i).date).collect();
    dates.sort_unstable();
    dates.dedup();
    let (first, last) = (*dates.first()?, *dates.last()?);
    let rate = total_usd(ctx, lines) * 30.0 / f64::from((last - first).max(30));
    Some((first, last, dates.len(), rate))
}

impl Detector for Ephemeral {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-NEW-EXPORTER",
            title: "exporter new after the invasion, active for a short burst of high volume",
            severity: Severity::Medium,
            version: 1,
            needs: &[Input::Classifications, Input::Entities],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let senders: Vec<(u32, Vec<u32>)> = ctx
            .by_sender()
            .into_iter()
            .filter(|(_, lines)| lines.iter().any(|&i| ctx.line(i).is_controlled_goods()))
            .collect();
        let rates: Vec<f64> = senders
            .iter()
            .filter_map(|(_, l)| activity(ctx, l))
            .map(|a| a.3)
            .collect();
        let Some(p90) = percentile(&rates, VOLUME_PERCENTILE) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for (e, lines) in &senders {
            let Some((first, last, days, rate)) = activity(ctx, lines) else {
                continue;
            };
            let span = last - first;
            if first < INVASION
                || span >= MAX_SPAN_DAYS
                || days < MIN_DAYS
                || rate < p90
                || p90 <= 0.0
            {
                continue;
            }
            let volume = total_usd(ctx, lines);
            found.push(Finding::new(
                self.info(),
                (SubjectKind::Entity, ctx.entity(*e).id.clone()),
                Some(*e),
                format!(
                    "{} shipped {volume:.0} USD in {} lines on {days} days from {} to {} ({span} days), first seen after the invasion; {rate:.0} USD per 30 days against a 90th percentile of {p90:.0} among senders of controlled goods",
                    ctx.entity(*e).name, lines.len(), day(Some(first)), day(Some(last))
                ),
                vec![
                    Feature::new("first_seen_after_invasion", 1.0, 0.5),
                    Feature::new("active_span_days", f64::from(span), f64::from(MAX_SPAN_DAYS - span) / f64::from(MAX_SPAN_DAYS)),
                    Feature::new("rate_to_p90", rate / p90, (rate / p90).min(3.0) / 6.0),
                ],
                lines.clone(),
            ));
        }
        found
    }
}
