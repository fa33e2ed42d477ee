//! `TT-CHPL-ROUTE`: a Common High Priority List item bound for Russia that passed through a transshipment-risk country it was not made in.

use tradetrail_refdata::controls::is_transshipment_risk;

use crate::context::{Context, Input};
use crate::detectors::{COALITION, per_line};
use crate::finding::{Feature, Finding, Severity};
use crate::{Detector, Info};

/// CHPL item on a transshipment-risk route.
///
/// **Flags** a line to Russia whose declared code is on the Common High Priority List, whose origin is a country that restricts such exports to Russia (the coalition),
/// and whose country of dispatch or trading country is a named transshipment point (the refdata set) other than the origin: a Western-made item that reached Russia through a third country.
/// The score weights the CHPL tier (1: 1.0, 2: 0.8, 3.A/3.B: 0.6, 4.A/4.B: 0.5) and adds each risk country field.
///
/// **Why it matters:** CHPL items are the components found in Russian weapons that the US, EU, UK and Japan ask exporters to watch most (BIS, "Common High Priority List", 2023-2024);
/// FinCEN and BIS name the countries used to transship them (FIN-2022-Alert003, June 2022; FIN-2023-NCCA-001, May 2023).
///
/// **Known false positives:** regional distribution hubs (Hong Kong, Singapore, UAE) that dispatch genuine stock of Western makers; origin recorded as the dispatch country's neighbour by mistake.
pub struct ChplRoute;

/// The weight of a CHPL tier.
pub fn tier_weight(tier: &str) -> f64 {
    match tier {
        "1" => 1.0,
        "2" => 0.8,
        "3.A" | "3.B" => 0.6,
        _ => 0.5,
    }
}

impl Detector for ChplRoute {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-CHPL-ROUTE",
            title: "Western-made CHPL item routed to Russia through a transshipment-risk country",
            severity: Severity::Medium,
            version: 1,
            needs: &[Input::Classifications],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        per_line(self.info(), ctx, |l| {
            let tier = l.chpl_tier.as_deref()?;
            let origin = l
                .origin_country
                .as_deref()
                .filter(|c| COALITION.contains(c))?;
            if !l.to_russia() {
                return None;
            }
            let risky = |c: &Option<crate::Text>| {
                c.as_deref()
                    .filter(|c| *c != origin && is_transshipment_risk(c))
                    .map(str::to_owned)
            };
            let (dispatch, trading) = (risky(&l.dispatch_country), risky(&l.trading_country));
            if dispatch.is_none() && trading.is_none() {
                return None;
            }
            let w = tier_weight(tier);
            let mut features = vec![Feature::new("chpl_tier_weight", w, w)];
            let mut via = Vec::new();
            for (name, c) in [
                ("dispatch_in_transshipment_country", &dispatch),
                ("trading_in_transshipment_country", &trading),
            ] {
                if let Some(c) = c {
                    features.push(Feature::new(name, 1.0, 0.5));
                    via.push(c.clone());
                }
            }
            via.dedup();
            let summary = format!(
                "CHPL tier {tier} item (HS {}) of origin {origin} via {}",
                l.hs6.as_deref().unwrap_or("?"),
                via.join(", ")
            );
            Some((summary, features))
        })
    }
}
