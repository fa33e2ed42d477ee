//! `TT-UNDERVALUE`: a unit value far below the model's list price, confirmed against the unit values of the same model's other lines.

use std::collections::BTreeMap;

use tradetrail_refdata::products::catalogue;

use crate::context::{Context, Input};
use crate::detectors::line_finding;
use crate::finding::{Feature, Finding, Severity};
use crate::stats::Robust;
use crate::{Detector, Info};

/// Under-declared value.
///
/// **Flags** a line whose unit value (`value_usd / quantity`) is below half the catalogue list price of the model the classifier found,
/// unless the model's other lines are as cheap (the line's robust z-score of log unit value within the model's peer group must be below −2 when the group has five lines or more).
/// Lines without a model (controlled goods only) are flagged when their robust z-score within the HS6 × year peer group of at least 20 lines is below −3.5.
///
/// **Why it matters:** under-valuation lowers duties and hides the true volume of controlled goods; abnormal unit prices against a reference price and against peers are the core of abnormal-pricing profiling
/// (Zdanowicz, "Trade-based money laundering and terrorist financing", Review of Law & Economics 5(2), 2009; FATF, "Trade-Based Money Laundering: Risk Indicators", 2021, indicator "significant discrepancies between the value of goods and their fair market value").
///
/// **Known false positives:** refurbished or used goods, bulk discounts, a wrong model match (a cheap look-alike read as an expensive model), list prices out of date, invoice currency converted with an annual rate.
pub struct Undervalue;

/// A unit value below this share of the list price is under-declared.
pub const RATIO_MAX: f64 = 0.5;
/// The peer z-score a model-anchored line must stay below when its peer group is large enough.
pub const PEER_Z_MAX: f64 = -2.0;
/// The z-score a line without a model must stay below.
pub const FALLBACK_Z_MAX: f64 = -3.5;

/// The line's USD value per declared unit.
fn unit_value(ctx: &Context, i: u32) -> Option<f64> {
    let l = ctx.line(i);
    let (v, q) = (l.value_usd?, l.quantity?);
    (v > 0.0 && q > 0.0).then(|| v / q)
}

/// Each member line of each group with the robust centre and scale of its group's log unit values.
fn peers<K>(ctx: &Context, groups: &BTreeMap<K, Vec<u32>>) -> Vec<(u32, Robust)> {
    let mut out = Vec::new();
    for members in groups.values() {
        let logs: Vec<f64> = members
            .iter()
            .filter_map(|&i| unit_value(ctx, i))
            .map(f64::ln)
            .collect();
        if let Some(r) = Robust::of(&logs, 0.05) {
            out.extend(members.iter().map(|&i| (i, r)));
        }
    }
    out
}

impl Detector for Undervalue {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-UNDERVALUE",
            title: "unit value far below the model's list price and its peers",
            severity: Severity::High,
            version: 1,
            needs: &[Input::Classifications],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let uv = |i: u32| unit_value(ctx, i);
        let by_model = ctx.group_by(|l| l.product_id.clone());
        let by_hs = ctx.group_by(|l| {
            (l.product_id.is_none() && l.is_controlled_goods())
                .then(|| Some((l.hs6.clone()?, tradetrail_model::civil_from_days(l.date?).0)))
                .flatten()
        });
        let mut found = Vec::new();
        for (i, peer) in peers(ctx, &by_model) {
            let l = ctx.line(i);
            let (Some(unit), Some(p)) = (
                uv(i),
                l.product_id
                    .as_deref()
                    .and_then(|id| catalogue().product(id)),
            ) else {
                continue;
            };
            let ratio = unit / p.list_price_usd;
            let z = peer.z(unit.ln());
            if ratio >= RATIO_MAX || (peer.n >= 5 && z >= PEER_Z_MAX) {
                continue;
            }
            found.push(line_finding(
                self.info(),
                ctx,
                i,
                format!(
                    "{} declared at {unit:.2} USD a unit, {:.0}% of its list price {:.0} USD; robust z {z:.1} among {} lines of the model",
                    p.model, ratio * 100.0, p.list_price_usd, peer.n
                ),
                vec![
                    Feature::new("unit_value_to_list_price", ratio, 2.0 * (RATIO_MAX - ratio)),
                    Feature::new("peer_robust_z", z, (-z / 4.0).clamp(0.0, 1.0) * 0.5),
                ],
            ));
        }
        for (i, peer) in peers(ctx, &by_hs) {
            let l = ctx.line(i);
            let Some(unit) = uv(i) else { continue };
            let z = peer.z(unit.ln());
            if peer.n < 20 || z >= FALLBACK_Z_MAX {
                continue;
            }
            found.push(line_finding(
                self.info(),
                ctx,
                i,
                format!(
                    "HS {} declared at {unit:.2} USD a unit, robust z {z:.1} among {} lines of the same HS6 and year (median {:.2})",
                    l.hs6.as_deref().unwrap_or("?"), peer.n, peer.median.exp()
                ),
                vec![Feature::new("peer_robust_z", z, (-z / 4.0).clamp(0.0, 1.5))],
            ));
        }
        found
    }
}
