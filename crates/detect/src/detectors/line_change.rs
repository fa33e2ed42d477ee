//! `TT-LINE-CHANGE`: a sender whose goods changed from an unrelated trade to electronics, aircraft or instruments after the invasion.

use std::collections::BTreeMap;

use crate::context::{Context, INVASION, Input};
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::stats::{jensen_shannon, shares};
use crate::{Detector, Info};

/// Business-line change.
///
/// **Flags** a sender entity with at least three lines before 2022-02-24 and three after, whose value mix over HS chapters diverges (Jensen-Shannon divergence above 0.5)
/// and whose share of chapters 85 (electrical machinery), 88 (aircraft, drones) and 90 (instruments) rises by more than 50 percentage points.
///
/// **Why it matters:** a textile or food trader turned electronics supplier after sanctions is a pattern of procurement networks
/// (domain notes, feature 11; FinCEN and BIS, FIN-2023-NCCA-001, "a change in business line or customers").
///
/// **Known false positives:** general traders that follow demand, an entity merged with an electronics firm by resolution, distributors that add a product line.
pub struct LineChange;

/// The least divergence of the chapter mix.
pub const MIN_DIVERGENCE: f64 = 0.5;
/// The least rise of the share of chapters 85, 88 and 90.
pub const MIN_RISE: f64 = 0.5;
/// The least lines on each side of the break.
pub const MIN_LINES: usize = 3;

const SENSITIVE: [&str; 3] = ["85", "88", "90"];

impl Detector for LineChange {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-LINE-CHANGE",
            title: "sender's goods switched to electronics, aircraft or instruments after the invasion",
            severity: Severity::Medium,
            version: 1,
            needs: &[Input::Entities],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let mut found = Vec::new();
        for (e, lines) in ctx.by_sender() {
            let (before, after): (Vec<u32>, Vec<u32>) = lines
                .iter()
                .filter(|&&i| ctx.line(i).date.is_some() && ctx.line(i).hs6.is_some())
                .partition(|&&i| ctx.line(i).date < Some(INVASION));
            if before.len() < MIN_LINES || after.len() < MIN_LINES {
                continue;
            }
            let mix = |set: &[u32]| {
                let mut t: BTreeMap<String, f64> = BTreeMap::new();
                for &i in set {
                    let l = ctx.line(i);
                    let ch = l.hs6.as_deref().unwrap_or("").chars().take(2).collect();
                    *t.entry(ch).or_default() += l.value_usd.unwrap_or(0.0).max(1.0);
                }
                shares(&t)
            };
            let (p, q) = (mix(&before), mix(&after));
            let sensitive = |m: &BTreeMap<String, f64>| {
                SENSITIVE
                    .iter()
                    .map(|c| m.get(*c).copied().unwrap_or(0.0))
                    .sum::<f64>()
            };
            let (js, rise) = (jensen_shannon(&p, &q), sensitive(&q) - sensitive(&p));
            if js <= MIN_DIVERGENCE || rise <= MIN_RISE {
                continue;
            }
            let evidence: Vec<u32> = after
                .iter()
                .copied()
                .filter(|&i| {
                    SENSITIVE
                        .iter()
                        .any(|c| ctx.line(i).hs6.as_deref().is_some_and(|h| h.starts_with(c)))
                })
                .collect();
            let top = |m: &BTreeMap<String, f64>| {
                m.iter()
                    .max_by(|a, b| a.1.total_cmp(b.1))
                    .map_or("?".into(), |(k, _)| k.clone())
            };
            found.push(Finding::new(
                self.info(),
                (SubjectKind::Entity, ctx.entity(e).id.clone()),
                Some(e),
                format!(
                    "{}: mostly HS chapter {} before the invasion, {} after; chapters 85/88/90 rose by {:.0} points",
                    ctx.entity(e).name, top(&p), top(&q), rise * 100.0
                ),
                vec![
                    Feature::new("chapter_mix_divergence", js, js),
                    Feature::new("sensitive_share_rise", rise, rise),
                ],
                evidence,
            ));
        }
        found
    }
}
