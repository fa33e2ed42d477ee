//! `TT-LISTED-PARTY`: a party that matches a sanctions or export-control list entry is the sender or the recipient of lines, above all lines dated after its listing.

use std::collections::BTreeMap;

use crate::context::{Context, Input, ListHit};
use crate::detectors::day;
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::{Detector, Info};

/// Listed party trading.
///
/// **Flags** a resolved entity with a screening hit (at or above screening's default threshold, not cleared by an analyst) that is the sender or the recipient of shipment lines.
/// The evidence is every line of the entity and the list entries it matched.
/// Score: the best hit's score, a point when an analyst confirmed a hit, up to a point for lines dated after the listing (a tenth per line),
/// and half a point when it ships controlled goods.
///
/// **Why it matters:** trading with a listed party is what the lists forbid; the domain notes compute it as feature 16 (keep the date basis so "exported after designation" can be tested),
/// and BIS names a customer "similar to a party on the denied-persons lists" as its first red flag (BIS red-flag indicators).
/// Lines after the listing date are the ones that matter to an enforcement case; lines before it show the network the listing aimed at.
///
/// **Known false positives:** an unconfirmed hit on a similar name (screening's score is a probability, not an identity); lines before the listing date, which were lawful then;
/// a list entry that names a different branch of a group.
pub struct ListedParty;

/// What an analyst's confirmation adds to the score.
pub const CONFIRMED: f64 = 1.0;
/// What each line after the listing date adds, up to a point.
pub const PER_LINE_AFTER: f64 = 0.1;

/// The hits that count (see [`ListHit::counts`]) of each entity, in entity order, best first.
pub(crate) fn hits_by_entity(ctx: &Context) -> BTreeMap<u32, Vec<&ListHit>> {
    let mut by: BTreeMap<u32, Vec<&ListHit>> = BTreeMap::new();
    for h in ctx.hits.iter().filter(|h| h.counts()) {
        by.entry(h.entity).or_default().push(h);
    }
    for v in by.values_mut() {
        v.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.entry_id.cmp(&b.entry_id))
        });
    }
    by
}

impl Detector for ListedParty {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-LISTED-PARTY",
            title: "a party matching a sanctions or export-control list entry sends or receives goods",
            severity: Severity::High,
            version: 1,
            needs: &[Input::Entities, Input::Screening],
        }
    }

    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let hits = hits_by_entity(ctx);
        if hits.is_empty() {
            return Vec::new();
        }
        let mut lines_of: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (i, l) in ctx.lines.iter().enumerate() {
            let mut parties = [l.sender, l.recipient];
            if parties[0] == parties[1] {
                parties[1] = None;
            }
            for e in parties.into_iter().flatten() {
                if hits.contains_key(&e) {
                    lines_of.entry(e).or_default().push(i as u32);
                }
            }
        }
        let mut found = Vec::new();
        for (e, hs) in &hits {
            let Some(lines) = lines_of.remove(e) else {
                continue;
            };
            let best = hs[0];
            // The earliest listing date of the entries hit: every line after it was after a designation.
            let listed = hs.iter().filter_map(|h| h.listing_date).min();
            let after = listed.map_or(0, |d| {
                lines
                    .iter()
                    .filter(|&&i| ctx.line(i).date.is_some_and(|x| x > d))
                    .count()
            });
            let controlled = lines
                .iter()
                .filter(|&&i| ctx.line(i).is_controlled_goods())
                .count();
            let confirmed = hs.iter().any(|h| h.confirmed());
            let mut features = vec![Feature::new("hit_score", best.score, best.score)];
            if confirmed {
                features.push(Feature::new("confirmed_by_analyst", 1.0, CONFIRMED));
            }
            if listed.is_some() {
                features.push(Feature::new(
                    "lines_after_listing",
                    after as f64,
                    (after as f64 * PER_LINE_AFTER).min(1.0),
                ));
            }
            if controlled > 0 {
                features.push(Feature::new(
                    "controlled_goods_lines",
                    controlled as f64,
                    0.5,
                ));
            }
            let entity = ctx.entity(*e);
            let summary = format!(
                "{} matches {} on {} ({}, score {:.2}{}{}): {} lines, {} after the listing, {} of controlled goods",
                entity.name,
                best.entry_id,
                best.list_name,
                best.programmes.as_deref().unwrap_or("no programme given"),
                best.score,
                if confirmed { ", confirmed" } else { "" },
                listed.map_or_else(String::new, |d| format!(", listed {}", day(Some(d)))),
                lines.len(),
                after,
                controlled
            );
            found.push(
                Finding::new(
                    self.info(),
                    (SubjectKind::Entity, entity.id.clone()),
                    Some(*e),
                    summary,
                    features,
                    lines,
                )
                .with_evidence(hs.iter().map(|h| h.entry_id.clone()).collect(), Vec::new()),
            );
        }
        found
    }
}
