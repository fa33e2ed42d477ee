//! `TT-BRAND-EXIT`: a brand owner's own companies still shipping to Russia after the brand announced it stopped.

use tradetrail_refdata::products::{Brand, catalogue};
use tradetrail_resolve::score::name_probability;
use tradetrail_resolve::{Kind, NormName, normalise};

use crate::context::{Context, Input};
use crate::detectors::{day, total_usd};
use crate::finding::{Feature, Finding, Severity, SubjectKind};
use crate::{Detector, Info};

/// Brand-exit inconsistency.
///
/// **Flags** lines to Russia dated after a brand's exit statement (the catalogue's `exit_russia` or `last_direct_sale_russia` statement, whichever is earlier)
/// whose sender entity bears the name of the brand owner or of an affiliate the catalogue lists (name match probability at least 0.9, any script).
/// One finding per brand and sender.
///
/// **Why it matters:** a maker that says it stopped selling to Russia while its own companies keep shipping is either misinformed or misleading;
/// the NYT (2023-03-21) reported DJI goods sold through iFlight, described as a DJI subsidiary, after DJI said it had no direct sales after 16 April 2022.
/// Parallel imports by third parties are common and legal in Russia and are not flagged (domain notes, feature 31).
///
/// **Known false positives:** affiliates the catalogue lists on a press description (marked unverified), name look-alikes above the match threshold, goods shipped under contracts signed before the exit.
pub struct BrandExit;

/// The least name-match probability between a sender and a brand party.
pub const MIN_MATCH: f64 = 0.9;

/// A brand's exit date and the statement behind it.
fn exit_of(brand: &Brand) -> Option<(&str, &str)> {
    brand
        .statements
        .iter()
        .filter(|s| s.kind == "exit_russia" || s.kind == "last_direct_sale_russia")
        .map(|s| (s.date.as_str(), s.text.as_str()))
        .min()
}

fn parse_day(iso: &str) -> Option<i32> {
    let mut it = iso.split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    Some(tradetrail_model::days_from_civil(y as i32, m, d))
}

impl Detector for BrandExit {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-BRAND-EXIT",
            title: "brand owner's own companies shipping to Russia after the brand's exit statement",
            severity: Severity::High,
            version: 1,
            needs: &[Input::Entities],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        let mut found = Vec::new();
        for brand in &catalogue().brands {
            let Some((date, text)) = exit_of(brand) else {
                continue;
            };
            let Some(exit) = parse_day(date) else {
                continue;
            };
            let parties: Vec<NormName> = brand
                .owner_names
                .iter()
                .chain(brand.affiliates.iter().map(|a| &a.name))
                .map(|n| normalise(n))
                .collect();
            let after = ctx.group_by(|l| {
                (l.to_russia() && l.date.is_some_and(|d| d > exit)).then_some(l.sender?)
            });
            for (e, lines) in after {
                let best = ctx
                    .entity(e)
                    .names
                    .iter()
                    .chain(std::iter::once(&ctx.entity(e).name))
                    .map(|n| normalise(n))
                    .flat_map(|n| {
                        parties
                            .iter()
                            .map(move |p| name_probability(&n, p, Kind::Organisation))
                    })
                    .fold(0.0f64, f64::max);
                if best < MIN_MATCH {
                    continue;
                }
                found.push(Finding::new(
                self.info(),
                    (SubjectKind::Entity, format!("{} {}", brand.name, ctx.entity(e).id)),
                    Some(e),
                    format!(
                        "{} ({} company) shipped {} lines worth {:.0} USD to Russia from {} after {}: \"{text}\"",
                        ctx.entity(e).name,
                        brand.name,
                        lines.len(),
                        total_usd(ctx, &lines),
                        day(ctx.line(lines[0]).date),
                        date
                    ),
                    vec![
                        Feature::new("brand_party_name_match", best, best),
                        Feature::new("lines_after_exit", lines.len() as f64, (lines.len() as f64).ln_1p() / 2.0),
                    ],
                    lines,
                ));
            }
        }
        found
    }
}
