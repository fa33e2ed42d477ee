//! `TT-CURRENCY`: a lane invoiced in one currency before the invasion and in the yuan, rouble or dirham after it.

use std::collections::BTreeMap;

use crate::context::{Context, INVASION, Input};
use crate::detectors::name;
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::{Detector, Info};

/// Currency shift.
///
/// **Flags** a lane (sender entity, recipient entity) that carries controlled goods after 2022-02-24, with declarations on at least three days before and three days after,
/// where the share of lines invoiced in CNY, RUB, AED or HKD rose by more than 50 percentage points.
/// The evidence is the lines after the break in the new currency.
///
/// **Why it matters:** settling in yuan or roubles instead of dollars keeps payments away from US correspondent banks and their screening;
/// the NYT's chip investigation (2024) found exactly this USD-to-RMB shift, and the domain notes compute it as feature 27.
///
/// **Known false positives:** the market-wide move of Russian trade to yuan settlement after 2022 (legitimate lanes too), lanes whose currency field is filled by the vendor from the declaration header.
pub struct CurrencyShift;

/// The currencies a shift goes to.
pub const TARGETS: [&str; 4] = ["CNY", "RUB", "AED", "HKD"];
/// The least rise of the currency's share.
pub const MIN_RISE: f64 = 0.5;
/// The least distinct declaration days on each side of the break.
pub const MIN_DAYS: usize = 3;

fn days(ctx: &Context, lines: &[u32]) -> usize {
    let mut d: Vec<i32> = lines.iter().filter_map(|&i| ctx.line(i).date).collect();
    d.sort_unstable();
    d.dedup();
    d.len()
}

impl Detector for CurrencyShift {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-CURRENCY",
            title: "lane invoiced in CNY, RUB, AED or HKD after the invasion instead of its earlier currency",
            severity: Severity::Medium,
            version: 1,
            needs: &[Input::Classifications, Input::Entities],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let mut found = Vec::new();
        for (lane, lines) in ctx.by_lane() {
            let with: Vec<u32> = lines
                .iter()
                .copied()
                .filter(|&i| ctx.line(i).currency.is_some() && ctx.line(i).date.is_some())
                .collect();
            let (before, after): (Vec<u32>, Vec<u32>) = with
                .iter()
                .partition(|&&i| ctx.line(i).date < Some(INVASION));
            if days(ctx, &before) < MIN_DAYS
                || days(ctx, &after) < MIN_DAYS
                || !after.iter().any(|&i| ctx.line(i).is_controlled_goods())
            {
                continue;
            }
            let share = |set: &[u32], c: &str| {
                set.iter()
                    .filter(|&&i| ctx.line(i).currency.as_deref() == Some(c))
                    .count() as f64
                    / set.len() as f64
            };
            let mut was: BTreeMap<&str, usize> = BTreeMap::new();
            for &i in &before {
                *was.entry(ctx.line(i).currency.as_deref().unwrap_or("?"))
                    .or_default() += 1;
            }
            let old = was
                .iter()
                .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
                .map_or("?", |(c, _)| *c);
            for c in TARGETS {
                let (p, q) = (share(&before, c), share(&after, c));
                if q - p <= MIN_RISE {
                    continue;
                }
                let evidence: Vec<u32> = after
                    .iter()
                    .copied()
                    .filter(|&i| ctx.line(i).currency.as_deref() == Some(c))
                    .collect();
                found.push(Finding::new(
                self.info(),
                    (SubjectKind::Lane, ctx.lane_name(lane)),
                    Some(lane.0),
                    format!(
                        "{} to {}: {:.0}% of {} lines in {c} before the invasion (mostly {old}), {:.0}% of {} after",
                        name(ctx, Some(lane.0)), name(ctx, Some(lane.1)), p * 100.0, before.len(), q * 100.0, after.len()
                    ),
                    vec![
                        Feature::new("currency_share_rise", q - p, q - p),
                        Feature::new("lines_after", after.len() as f64, (after.len() as f64 / 10.0).min(0.5)),
                    ],
                    evidence,
                ));
            }
        }
        found
    }
}
