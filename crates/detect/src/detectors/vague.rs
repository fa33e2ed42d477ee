//! `TT-VAGUE`: controlled goods described in words so generic that the goods cannot be told from the text.

use tradetrail_classify::VAGUE_THRESHOLD;
use tradetrail_refdata::controls::drone_role;
use tradetrail_refdata::products::catalogue;

use crate::context::{Context, Input};
use crate::detectors::per_line;
use crate::finding::{Feature, Finding, Severity};
use crate::{Detector, Info};

/// Vague description.
///
/// **Flags** a line of drone goods, drone parts or CHPL components (by the classifier's category, or a drone-family or CHPL code, or a code under which the catalogue's drone goods and components are declared) whose description scores at least
/// the classifier's vagueness threshold: generic words ("запасные части", "комплектующие", "parts", "accessories"), no brand, model or article.
///
/// **Why it matters:** vague descriptions hide what the goods are; the NYT drone investigation (2023-03-21) named "vague product descriptions within export data"
/// as what made US components hard to trace, and FinCEN/BIS list "vague or inconsistent descriptions of goods" among red flags (FIN-2022-Alert003, June 2022).
///
/// **Known false positives:** small brokers' consolidated lines, legitimately generic spare-part shipments, vendors that drop the box 31 sub-fields.
pub struct Vague;

/// True for a drone-family code, or a code the catalogue expects for one of its drones, drone parts or components.
pub fn is_drone_goods_code(hs6: &str) -> bool {
    static CODES: std::sync::LazyLock<std::collections::BTreeSet<&'static str>> =
        std::sync::LazyLock::new(|| {
            catalogue()
                .products
                .iter()
                .filter(|p| p.category != "other")
                .flat_map(|p| p.hs6_expected.iter().map(String::as_str))
                .collect()
        });
    drone_role(hs6).is_some() || CODES.contains(hs6)
}

impl Detector for Vague {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-VAGUE",
            title: "controlled goods described in generic words",
            severity: Severity::Low,
            version: 1,
            needs: &[Input::Classifications],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        per_line(self.info(), ctx, |l| {
            let score = l.vague_score.filter(|s| *s >= VAGUE_THRESHOLD)?;
            let controlled_code =
                l.chpl_tier.is_some() || l.hs6.as_deref().is_some_and(is_drone_goods_code);
            if !l.is_controlled_goods() && !controlled_code {
                return None;
            }
            let summary = format!(
                "{} goods under HS {} described vaguely (score {score:.2})",
                l.category.as_deref().unwrap_or("controlled"),
                l.hs6.as_deref().unwrap_or("?")
            );
            let code = f64::from(u8::from(controlled_code));
            Some((
                summary,
                vec![
                    Feature::new("vague_score", score, score),
                    Feature::new("controlled_code", code, code * 0.25),
                ],
            ))
        })
    }
}
