//! `TT-TRIANGLE`: origin, dispatch, trading and sender countries that make three or more distinct countries on one line.

use std::collections::BTreeSet;

use tradetrail_refdata::controls::is_transshipment_risk;

use crate::context::Context;
use crate::detectors::{COALITION, per_line};
use crate::finding::{Feature, Finding, Severity};
use crate::{Detector, Info};

/// Origin / dispatch / trading-country triangle.
///
/// **Flags** a line whose countries of origin, dispatch, trading and sender make at least three distinct countries.
/// Extra weight when the origin is a country that restricts exports to Russia (the coalition) and the dispatch country is a named transshipment point.
///
/// **Why it matters:** goods made in a coalition country, invoiced by a firm in a second country and shipped from a third are the classic re-export route;
/// FinCEN and BIS list "transactions involving a third-country intermediary" and mismatched routing as red flags (FIN-2022-Alert003, June 2022),
/// and the domain notes compute it as feature 22.
///
/// **Known false positives:** multinational supply chains (a Japanese part assembled in China and sold by a Singapore distributor), group treasury companies invoicing for affiliates.
pub struct Triangle;

impl Detector for Triangle {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-TRIANGLE",
            title: "three or more distinct countries among origin, dispatch, trading and sender",
            severity: Severity::Medium,
            version: 1,
            needs: &[],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        per_line(self.info(), ctx, |l| {
            let fields = [
                &l.origin_country,
                &l.dispatch_country,
                &l.trading_country,
                &l.sender_country,
            ];
            let distinct: BTreeSet<&str> = fields
                .iter()
                .filter_map(|c| c.as_deref())
                .filter(|c| c.len() == 2)
                .collect();
            if distinct.len() < 3 {
                return None;
            }
            let k = distinct.len() as f64;
            let mut features = vec![Feature::new("distinct_countries", k, 0.5 * (k - 2.0))];
            if l.origin_country
                .as_deref()
                .is_some_and(|c| COALITION.contains(&c))
            {
                features.push(Feature::new("coalition_origin", 1.0, 0.3));
            }
            if l.dispatch_country
                .as_deref()
                .is_some_and(is_transshipment_risk)
            {
                features.push(Feature::new("dispatch_in_transshipment_country", 1.0, 0.3));
            }
            let c = |x: &Option<crate::Text>| x.as_deref().unwrap_or("?").to_owned();
            let summary = format!(
                "origin {}, dispatch {}, trading {}, sender {}",
                c(&l.origin_country),
                c(&l.dispatch_country),
                c(&l.trading_country),
                c(&l.sender_country)
            );
            Some((summary, features))
        })
    }
}
