//! `TT-LONG-CHAIN`: goods that reach their last recipient through three or more hops of intermediaries, traced by the graph crate.

use std::collections::BTreeSet;

use tradetrail_graph::{Flow, Graph, TraceQuery, trace};

use crate::context::{Context, Input};
use crate::detectors::{RecordIndex, day};
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::{Detector, Info};

/// Long intermediary chain.
///
/// **Flags** a chain of at least [`MIN_HOPS`] hops that carry the same goods (same category, and the same product, model and brand wherever the lines name them)
/// from an entry flow through intermediaries to a last recipient, each flow leaving the previous recipient within [`WINDOW_DAYS`] days of its arrival with a plausible quantity:
/// the paths of [`tradetrail_graph::trace`] from every entry flow, not a second implementation.
/// A chain of two flows counts as three hops when the first line's country of origin is not its sender's country, since the goods reached the sender through a hop the data does not show
/// (the domain notes count hops from the manufacturer); a single flow never does.
/// The evidence is the line of every hop, and the path of entity ids.
/// Score: half a point per flow beyond two, half a point for a hidden hop from the country of origin, a quarter point per country beyond the first along the path, half a point when the hops come from two or more countries' data,
/// and a point when the chain ends in Russia.
///
/// **Why it matters:** the NYT (21 March 2023) reported drones reaching Russia through chains of up to a dozen firms; the domain notes compute the chain length as feature 28
/// (flag three or more hops within 120 days with matching goods, report the full path), and FinCEN and BIS list third-country intermediaries and abnormal routing
/// as red flags (FinCEN-BIS Joint Alert FIN-2022-Alert003, June 2022; BIS red-flag indicators).
///
/// **Known false positives:** ordinary distribution (manufacturer, national distributor, wholesaler, retailer) when the goods are common;
/// a resolution error that merges two firms can join two unrelated flows into one chain.
pub struct LongChain;

/// The fewest flows (hops) of a flagged chain.
pub const MIN_HOPS: usize = 3;
/// Most days between goods arriving at an intermediary and the same goods leaving it (the domain notes' default window).
pub const WINDOW_DAYS: i32 = 120;
/// Most chains reported, the highest-value ones.
pub const LIMIT: usize = 10_000;

fn country(g: &Graph, n: u32, fallback: u32) -> String {
    match g.country(n) {
        "" => g.text(fallback).to_owned(),
        c => c.to_owned(),
    }
}

impl Detector for LongChain {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-LONG-CHAIN",
            title: "goods reach the last recipient through three or more hops of intermediaries",
            severity: Severity::High,
            version: 1,
            needs: &[Input::Classifications, Input::Entities, Input::Graph],
        }
    }

    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let Some(g) = ctx.graph.as_deref() else {
            return Vec::new();
        };
        let query = TraceQuery {
            all_entries: true,
            window_days: WINDOW_DAYS,
            limit: LIMIT,
            ..TraceQuery::default()
        };
        let records = RecordIndex::new(ctx);
        let entities = ctx.entity_index();
        let mut found = Vec::new();
        for p in trace(g, &query).paths {
            let flows: Vec<&Flow> = p.flows.iter().map(|&i| &g.flows[i as usize]).collect();
            // Goods made in another country than the first sender's reached it through a hop the data does not show.
            let first = flows[0];
            let sender_country = country(g, first.from, first.countries.sender);
            let origin = g.text(first.countries.origin);
            let upstream =
                !origin.is_empty() && !sender_country.is_empty() && origin != sender_country;
            if flows.len() + usize::from(upstream) < MIN_HOPS || flows.len() < 2 {
                continue;
            }
            let lines: Vec<u32> = flows.iter().filter_map(|f| records.line_of(g, f)).collect();
            if lines.is_empty() {
                continue;
            }
            let mut path = vec![g.entity_id(flows[0].from).to_owned()];
            path.extend(flows.iter().map(|f| g.entity_id(f.to).to_owned()));
            let mut countries = vec![country(g, flows[0].from, flows[0].countries.sender)];
            countries.extend(flows.iter().map(|f| country(g, f.to, f.countries.reporter)));
            let distinct: BTreeSet<&str> = countries
                .iter()
                .map(String::as_str)
                .filter(|c| !c.is_empty())
                .collect();
            let reporters: BTreeSet<&str> = flows
                .iter()
                .map(|f| g.text(f.countries.reporter))
                .filter(|c| !c.is_empty())
                .collect();
            let hops = flows.len() as f64;
            let mut features = vec![Feature::new("hops", hops, 0.5 * (hops - 2.0))];
            if upstream {
                features.push(Feature::new("upstream_hop_from_origin", 1.0, 0.5));
            }
            features.extend([Feature::new(
                "countries",
                distinct.len() as f64,
                0.25 * (distinct.len() as f64 - 1.0).max(0.0),
            )]);
            if reporters.len() >= 2 {
                features.push(Feature::new(
                    "reporting_countries",
                    reporters.len() as f64,
                    0.5,
                ));
            }
            let last = flows[flows.len() - 1];
            let to_russia = countries.last().is_some_and(|c| c == "RU")
                || records
                    .line_of(g, last)
                    .is_some_and(|i| ctx.line(i).to_russia());
            if to_russia {
                features.push(Feature::new("ends_in_russia", 1.0, 1.0));
            }
            let goods = [last.goods.category.as_str(), g.text(last.goods.brand)]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let recipient = g.entity_id(last.to);
            found.push(
                Finding::new(
                    self.info(),
                    (SubjectKind::Path, path.join(" > ")),
                    entities.get(recipient).copied(),
                    format!(
                        "{goods} passed {} hops{} ({}) from {} to {}, delivered {:.0} USD",
                        flows.len(),
                        if upstream {
                            format!(" after an earlier hop from the country of origin {origin}")
                        } else {
                            String::new()
                        },
                        countries.join(" > "),
                        day(Some(flows[0].date)),
                        day(Some(last.date)),
                        p.delivered_usd
                    ),
                    features,
                    lines,
                )
                .with_evidence(Vec::new(), vec![path]),
            );
        }
        found
    }
}
