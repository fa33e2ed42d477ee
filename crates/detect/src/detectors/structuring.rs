//! `TT-STRUCTURING`: one lane's consignment split into many lines just below a value threshold within a few days.

use crate::context::{Context, Input};
use crate::detectors::{day, name, total_usd};
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::{Detector, Info};

/// Structuring (split shipments).
///
/// **Flags** at least six lines of one HS6 on one lane (sender entity, recipient entity) within 14 days, each valued between 80% and 100% of 10,000 USD,
/// together worth at least three times the threshold.
/// Score: the count of sub-threshold lines over six, plus how tightly they sit under the threshold.
///
/// **Why it matters:** splitting a consignment below a reporting or licensing threshold is the customs form of structuring; the domain notes compute it as feature 30,
/// and FinCEN/BIS list "transactions structured to avoid thresholds" among evasion indicators (FIN-2022-Alert003, June 2022).
///
/// **Known false positives:** regular deliveries of one product at a stable price just under the threshold, price lists that happen to sit there, multi-item declarations of similar goods.
pub struct Structuring;

/// The value threshold, USD.
pub const THRESHOLD_USD: f64 = 10_000.0;
/// Lines valued from this share of the threshold up to it count as sub-threshold.
pub const BAND: f64 = 0.8;
/// The window, in days.
pub const WINDOW_DAYS: i32 = 14;
/// The least sub-threshold lines in a window.
pub const MIN_LINES: usize = 6;

impl Detector for Structuring {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-STRUCTURING",
            title: "many lines of one lane just below 10,000 USD within 14 days",
            severity: Severity::High,
            version: 1,
            needs: &[Input::Entities],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let groups = ctx.group_by(|l| {
            let v = l.value_usd?;
            (l.date.is_some() && (BAND * THRESHOLD_USD..THRESHOLD_USD).contains(&v))
                .then(|| Some((l.sender?, l.recipient?, l.hs6.clone()?)))
                .flatten()
        });
        let mut found = Vec::new();
        for ((s, r, hs6), lines) in groups {
            let date = |i: u32| ctx.line(i).date.unwrap_or(0);
            let mut start = 0;
            while start < lines.len() {
                let mut end = start;
                while end < lines.len() && date(lines[end]) - date(lines[start]) <= WINDOW_DAYS {
                    end += 1;
                }
                let window = &lines[start..end];
                let sum = total_usd(ctx, window);
                if window.len() < MIN_LINES || sum < 3.0 * THRESHOLD_USD {
                    start += 1;
                    continue;
                }
                let mean = sum / window.len() as f64;
                found.push(Finding::new(
                self.info(),
                    (SubjectKind::Lane, format!("{} {hs6}", ctx.lane_name((s, r)))),
                    Some(s),
                    format!(
                        "{} lines of HS {hs6} from {} to {} between {} and {}, each below {THRESHOLD_USD:.0} USD, {sum:.0} USD in all",
                        window.len(), name(ctx, Some(s)), name(ctx, Some(r)), day(Some(date(window[0]))), day(Some(date(window[window.len() - 1])))
                    ),
                    vec![
                        Feature::new("sub_threshold_lines", window.len() as f64, window.len() as f64 / MIN_LINES as f64),
                        Feature::new("mean_to_threshold", mean / THRESHOLD_USD, (mean / THRESHOLD_USD - BAND) / (1.0 - BAND)),
                    ],
                    window.to_vec(),
                ));
                start = end;
            }
        }
        found
    }
}
