//! `TT-PASS-THROUGH`: an entity whose outflow of some goods matches its inflow of the same goods within weeks, the graph crate's pass-through candidates as findings.

use tradetrail_graph::{Flow, Graph, PassThrough, PassThroughParams, pass_through};

use crate::context::{Context, Input};
use crate::detectors::{RecordIndex, day, name};
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::{Detector, Info};

/// Pass-through intermediary.
///
/// **Flags** an entity that received and sent goods of one kind (category, brand and model) with outflow over inflow between 0.7 and 1.3,
/// at least half of its inflows followed by a consistent outflow within six weeks, and a median dwell under a month:
/// the flagged rows of [`tradetrail_graph::pass_through`] with its default [`PassThroughParams`], not a second implementation.
/// The evidence is every line of those goods into and out of the entity; the path is supplier > entity > buyer for each buyer.
/// Score: closeness of the ratio to 1, the matched share, the shortness of the dwell, and a point when the goods leave for Russia.
///
/// **Why it matters:** a firm that buys and resells the same goods within weeks, untransformed, is a conduit; the domain notes compute it as feature 29,
/// and FinCEN and BIS name "transactions involving a third-country intermediary" and freight forwarders or trading firms with no apparent business reason as red flags
/// (FinCEN-BIS Joint Alert FIN-2022-Alert003, June 2022; BIS red-flag indicators); the NYT (21 March 2023) followed drones through such resellers.
///
/// **Known false positives:** distributors and wholesalers, whose business is to resell stock quickly; logistics firms declared as buyer and seller.
pub struct PassThroughEntity;

/// Most supplier > entity > buyer paths kept as evidence.
pub const MAX_PATHS: usize = 20;

/// Extra score when the resold goods go to Russia.
pub const TO_RUSSIA: f64 = 1.0;

fn is_russia(g: &Graph, ctx: &Context, records: &RecordIndex, f: &Flow) -> bool {
    g.country(f.to) == "RU"
        || records
            .line_of(g, f)
            .is_some_and(|i| ctx.line(i).to_russia())
}

/// The in and out flows of the goods a pass-through row is about.
fn flows_of<'g>(g: &'g Graph, r: &PassThrough) -> (Vec<&'g Flow>, Vec<&'g Flow>) {
    let same = |f: &Flow| {
        f.goods.category.as_str() == r.category
            && g.text(f.goods.brand) == r.brand
            && g.text(f.goods.model) == r.model
    };
    (
        g.in_flows(r.node).filter(|f| same(f)).collect(),
        g.out_flows(r.node).iter().filter(|f| same(f)).collect(),
    )
}

impl Detector for PassThroughEntity {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-PASS-THROUGH",
            title: "entity resells the goods it receives within weeks (outflow ~ inflow)",
            severity: Severity::High,
            version: 1,
            needs: &[Input::Classifications, Input::Entities, Input::Graph],
        }
    }

    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let Some(g) = ctx.graph.as_deref() else {
            return Vec::new();
        };
        let params = PassThroughParams::default();
        let records = RecordIndex::new(ctx);
        let entities = ctx.entity_index();
        let mut found = Vec::new();
        for r in pass_through(g, &params).into_iter().filter(|r| r.flagged) {
            let (ins, outs) = flows_of(g, &r);
            let lines: Vec<u32> = ins
                .iter()
                .chain(&outs)
                .filter_map(|f| records.line_of(g, f))
                .collect();
            if lines.is_empty() {
                continue;
            }
            let id = g.entity_id(r.node);
            let mut paths: Vec<Vec<String>> = Vec::new();
            for o in &outs {
                for i in ins.iter().filter(|i| i.date <= o.date && i.from != o.to) {
                    let p = vec![
                        g.entity_id(i.from).to_owned(),
                        id.to_owned(),
                        g.entity_id(o.to).to_owned(),
                    ];
                    if !paths.contains(&p) {
                        paths.push(p);
                    }
                }
            }
            paths.sort();
            paths.truncate(MAX_PATHS);
            let dwell = r.dwell_median_days.unwrap_or(params.max_dwell_days);
            let mut features = vec![
                Feature::new("out_over_in", r.ratio, 1.0 - (r.ratio - 1.0).abs()),
                Feature::new("matched_share", r.matched, r.matched),
                Feature::new(
                    "median_dwell_days",
                    f64::from(dwell),
                    0.5 * (1.0 - f64::from(dwell) / f64::from(params.window_days)).max(0.0),
                ),
            ];
            if outs.iter().any(|f| is_russia(g, ctx, &records, f)) {
                features.push(Feature::new("resold_to_russia", 1.0, TO_RUSSIA));
            }
            let entity = entities.get(id).copied();
            let dates = |v: &[&Flow]| {
                (
                    v.iter().map(|f| f.date).min(),
                    v.iter().map(|f| f.date).max(),
                )
            };
            let ((first_in, _), (_, last_out)) = (dates(&ins), dates(&outs));
            let goods = [r.category, r.brand.as_str(), r.model.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            found.push(
                Finding::new(
                    self.info(),
                    (SubjectKind::Entity, id.to_owned()),
                    entity,
                    format!(
                        "{} received {} lines ({:.0} units) and sent {} lines ({:.0} units) of {goods} from {} to {}: out/in {:.2}, {:.0}% of inflows resold within {} days, median dwell {} days",
                        if entity.is_some() { name(ctx, entity) } else { g.name(r.node).to_owned() },
                        r.in_lines,
                        r.in_quantity,
                        r.out_lines,
                        r.out_quantity,
                        day(first_in),
                        day(last_out),
                        r.ratio,
                        r.matched * 100.0,
                        params.window_days,
                        dwell
                    ),
                    features,
                    lines,
                )
                .with_evidence(Vec::new(), paths),
            );
        }
        found
    }
}
