//! The red flags of a classified line: a declared code outside what the goods imply (domain notes (b) 3) and a vague description (domain notes (b) 4).
//!
//! A code is judged on its declaration date: 8802 aircraft and 8525.80 camera codes fit drones only before 2022-01-01, through `refdata::controls::drone_role_on`.
//! The vague score is a weighted sum of the share of generic words and the absence of brand, model and article.

use tradetrail_refdata::controls::DroneRole;
use tradetrail_refdata::products::Product;

use crate::evidence::{self as w, Ledger};
use crate::hs_rules::{self, ChplTable, Hs6};
use crate::lexicon::PartKind;
use crate::reading::Reading;
use crate::{Category, Misclassification};

/// Vague scores at or above this are reported as vague descriptions.
pub const VAGUE_THRESHOLD: f64 = 0.6;

/// Word counts of the first free-text field, for the vague score.
#[derive(Debug, Default, Clone, Copy)]
pub struct Vague {
    /// True once a free-text field has been counted.
    pub seen: bool,
    /// Words that are not stop words, fillers or numbers.
    pub content: u32,
    /// Content words that are generic (запасные части, goods, equipment).
    pub generic: u32,
    /// Content words that are not generic.
    pub specific: u32,
}

/// True when a text is empty or only punctuation.
pub fn is_blank(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

/// The vague-description score in 0..=1.
pub fn vague_score(r: &Reading<'_>) -> f64 {
    let v = r.vague;
    let words = if v.content == 0 {
        0.6
    } else {
        let share = f64::from(v.generic) / f64::from(v.content);
        if v.specific == 0 {
            0.6 * share
        } else {
            0.6 * share * 0.4
        }
    };
    let missing = 0.15 * f64::from(u8::from(!r.has_brand))
        + 0.15 * f64::from(u8::from(!r.has_model))
        + 0.1 * f64::from(u8::from(!r.has_article));
    (words + missing).clamp(0.0, 1.0)
}

/// Adds evidence when the declared code agrees with the category.
pub fn hs_agreement(
    category: Category,
    declared: Option<&Hs6>,
    role: Option<DroneRole>,
    chpl: &ChplTable,
    led: &mut Ledger,
) {
    let Some(h) = declared else { return };
    let agrees = match category {
        Category::Drone => role.is_some_and(hs_rules::is_drone_role),
        Category::DronePart => role.is_some_and(hs_rules::is_part_role),
        Category::ChplComponent => chpl.tier(h).is_some() || hs_rules::is_component_code(h),
        Category::Other => false,
    };
    if agrees {
        led.add("hs_agrees", "hs_code", hs_rules::as_str(h), w::HS_AGREES);
    }
}

/// The code the product or the wording implies.
pub fn described(
    category: Category,
    product: Option<&Product>,
    part: Option<PartKind>,
) -> Option<String> {
    if let Some(p) = product {
        return p.hs6_expected.first().cloned();
    }
    match (category, part) {
        (Category::Drone, _) => Some("8806".to_string()),
        (Category::DronePart, Some(k)) => hs_rules::part_codes(k).first().map(|c| c.to_string()),
        (Category::DronePart, None) => Some("8807".to_string()),
        _ => None,
    }
}

/// A declared code that does not fit the goods: drone or part wording or model outside the drone family, or a catalogue product outside its expected codes.
pub fn misclassification(
    category: Category,
    product: Option<&Product>,
    part: Option<PartKind>,
    declared: Option<&Hs6>,
    role: Option<DroneRole>,
    day: Option<i32>,
) -> Option<Misclassification> {
    let h = declared?;
    let fits_product = product.is_some_and(|p| hs_rules::fits(h, &p.hs6_expected, day));
    let (ok, expected, what) = match category {
        Category::Drone => (
            fits_product || role.is_some_and(hs_rules::is_drone_role),
            "8806",
            "drone",
        ),
        Category::DronePart => {
            let by_kind = match (product, part) {
                (Some(_), _) => false,
                (None, Some(k)) => {
                    hs_rules::part_codes(k).iter().any(|c| c.as_bytes() == h)
                        || hs_rules::is_any_part_code(h)
                }
                (None, None) => hs_rules::is_any_part_code(h),
            };
            (
                fits_product || by_kind || role.is_some_and(hs_rules::is_part_role),
                "8807",
                "drone part",
            )
        }
        Category::ChplComponent => (product.is_none() || fits_product, "", "component"),
        Category::Other => (true, "", ""),
    };
    if ok {
        return None;
    }
    let expected = product
        .and_then(|p| p.hs6_expected.first().cloned())
        .unwrap_or_else(|| expected.to_string());
    let declared = hs_rules::as_str(h).to_string();
    let in_family = match role {
        Some(r) if hs_rules::is_part_role(r) => " (a part code for a complete drone)",
        Some(r) if hs_rules::is_drone_role(r) => " (a complete-drone code for a part)",
        _ => "",
    };
    let reason = format!(
        "{what} declared under {declared} ({}){in_family}; expected {expected}",
        hs_rules::label(h)
    );
    Some(Misclassification {
        declared,
        expected,
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tradetrail_refdata::products::catalogue;

    #[test]
    fn codes_are_judged_by_date() {
        let mavic = catalogue().product("dji-mavic-3").unwrap();
        let cam = *b"852580";
        let before = Some(hs_rules::HS2022_DAY - 10);
        let after = Some(hs_rules::HS2022_DAY + 10);
        let role = |d| hs_rules::role_on(&cam, d);
        assert!(
            misclassification(
                Category::Drone,
                Some(mavic),
                None,
                Some(&cam),
                role(before),
                before
            )
            .is_none()
        );
        assert!(
            misclassification(
                Category::Drone,
                Some(mavic),
                None,
                Some(&cam),
                role(after),
                after
            )
            .is_some()
        );
        let toy = *b"950300";
        let m = misclassification(Category::Drone, None, None, Some(&toy), None, after).unwrap();
        assert!(m.reason.contains("toys"), "{}", m.reason);
        let part = *b"880730";
        let m = misclassification(
            Category::Drone,
            Some(mavic),
            None,
            Some(&part),
            hs_rules::role_on(&part, after),
            after,
        )
        .unwrap();
        assert!(m.reason.contains("part code"), "{}", m.reason);
    }
}
