//! `TT-UNIT-WEIGHT`: a net weight that does not fit the declared quantity of the model, most often because the quantity is understated.

use tradetrail_refdata::products::catalogue;

use crate::context::{Context, Input};
use crate::detectors::per_line;
use crate::finding::{Feature, Finding, Severity};
use crate::{Detector, Info};

/// Unit weight inconsistent with the declared quantity.
///
/// **Flags** a line whose net weight per declared unit is more than twice the catalogue unit weight of the model the classifier found
/// (and at least 50 g more in total, so rounding of small weights does not fire), or less than half of it.
/// The first is an understated quantity: the weight implies more units than declared.
///
/// **Why it matters:** understated quantities hide volume and lower the declared value without touching the unit price;
/// unit-weight checks against the product's weight catch them, and also drones declared as parts and kits
/// (domain notes, feature 8; WCO, "Guide to Customs Valuation and Transfer Pricing", 2018, on physical-quantity consistency checks).
///
/// **Known false positives:** kits and bundles (extra batteries, cases), packaging counted in the net weight, a wrong model match,
/// quantities declared in sets or pairs rather than pieces.
pub struct UnitWeight;

/// A net weight per unit more than this multiple of the catalogue weight (or less than its inverse) does not fit.
pub const RATIO: f64 = 2.0;
/// The least excess, in kg, for a heavy line to fire.
pub const MIN_EXCESS_KG: f64 = 0.05;

impl Detector for UnitWeight {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-UNIT-WEIGHT",
            title: "net weight does not fit the declared quantity of the model",
            severity: Severity::Medium,
            version: 1,
            needs: &[Input::Classifications],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        per_line(self.info(), ctx, |l| {
            let p = l
                .product_id
                .as_deref()
                .and_then(|id| catalogue().product(id))?;
            let (q, net) = (l.quantity?, l.net_kg?);
            if q <= 0.0 || net <= 0.0 || p.unit_weight_g <= 0.0 {
                return None;
            }
            let expected = q * p.unit_weight_g / 1000.0;
            let ratio = net / expected;
            let heavy = ratio > RATIO && net - expected >= MIN_EXCESS_KG;
            let light = ratio < 1.0 / RATIO && expected - net >= MIN_EXCESS_KG;
            let (feature, what) = match (heavy, light) {
                (true, _) => ("weight_implies_more_units", "understated quantity"),
                (_, true) => ("weight_implies_fewer_units", "overstated quantity or parts"),
                _ => return None,
            };
            let implied = net * 1000.0 / p.unit_weight_g;
            let summary = format!(
                "{what}: {q} units of {} declared at {net} kg net; {:.0} g a unit implies about {implied:.0} units",
                p.model, p.unit_weight_g
            );
            let excess = (ratio.ln().abs() / RATIO.ln() - 1.0).clamp(0.0, 2.0) / 2.0;
            Some((summary, vec![Feature::new(feature, ratio, 0.5 + excess)]))
        })
    }
}
