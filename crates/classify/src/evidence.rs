//! The named features and their weights, and the list that collects them into a visible confidence.
//!
//! Every decision the classifier makes adds one [`Evidence`] with the words that decided; the confidence is their sum, clamped to 0..=1.
//! Weights are set by hand so that one strong cue (a catalogue model, a drone word) is enough and a weak one (a code alone) gives a low confidence.

use crate::Evidence;

/// A catalogue model spelling found in the model field.
pub const MODEL_FIELD_ALIAS: f64 = 0.6;
/// A catalogue model spelling found in free text.
pub const TEXT_ALIAS: f64 = 0.5;
/// A catalogue model spelling found in any order within a short window.
pub const WINDOW_ALIAS: f64 = 0.4;
/// A short or common model spelling confirmed by its brand.
pub const WEAK_ALIAS: f64 = 0.35;
/// The brand of a drone maker.
pub const DRONE_BRAND: f64 = 0.15;
/// The brand of a look-alike maker or a component maker.
pub const BRAND: f64 = 0.1;
/// A word that names a whole drone, heading the description.
pub const DRONE_WORD: f64 = 0.5;
/// A word that names a drone part.
pub const PART_WORD: f64 = 0.35;
/// Drone context for a part word (for a drone, drone brand, FPV).
pub const PART_CONTEXT: f64 = 0.2;
/// A word that names an electronic component.
pub const COMPONENT_WORD: f64 = 0.45;
/// A word that names a look-alike good.
pub const LOOKALIKE_WORD: f64 = 0.5;
/// A catalogue product that is a look-alike, not a drone good.
pub const HARD_NEGATIVE_PRODUCT: f64 = 0.6;
/// A declared code that agrees with the category.
pub const HS_AGREES: f64 = 0.25;
/// A complete-drone code (88.06) with no text evidence.
pub const HS_DRONE_ONLY: f64 = 0.5;
/// A pre-2022 aircraft code (88.02) with no text evidence.
pub const HS_PRE2022_DRONE_ONLY: f64 = 0.4;
/// A pre-2022 camera code (8525.80) with a vague description and no other evidence.
pub const HS_CAMERA_VAGUE: f64 = 0.3;
/// A drone-part code (88.07) with no text evidence.
pub const HS_PART_ONLY: f64 = 0.45;
/// A component code (85.42, 8526.91, ...) with no text evidence.
pub const HS_COMPONENT_ONLY: f64 = 0.4;
/// A declared code that disagrees with the text (shown, not subtracted: the text wins).
pub const HS_DISAGREES: f64 = 0.0;
/// Nothing points at drone goods.
pub const NO_DRONE_EVIDENCE: f64 = 0.6;
/// Part words with context that is not a drone (phone, laptop, car).
pub const OTHER_DEVICE: f64 = 0.3;

/// The evidence of one line, in the order found.
#[derive(Debug, Default)]
pub struct Ledger {
    items: Vec<Evidence>,
}

impl Ledger {
    /// Adds one piece of evidence.
    pub fn add(&mut self, feature: &'static str, field: &'static str, text: &str, weight: f64) {
        self.items.push(Evidence {
            feature,
            field,
            text: text.trim().to_string(),
            weight,
        });
    }

    /// The confidence: the sum of the weights, clamped to 0..=1.
    pub fn confidence(&self) -> f64 {
        self.items
            .iter()
            .map(|e| e.weight)
            .sum::<f64>()
            .clamp(0.0, 1.0)
    }

    /// The evidence, strongest first.
    pub fn into_vec(mut self) -> Vec<Evidence> {
        self.items.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_is_a_clamped_sum() {
        let mut l = Ledger::default();
        l.add("drone_word", "description", " ДРОН ", DRONE_WORD);
        l.add("model_alias", "model", "MAVIC 3", MODEL_FIELD_ALIAS);
        assert_eq!(l.confidence(), 1.0);
        let v = l.into_vec();
        assert_eq!(v[0].feature, "model_alias");
        assert_eq!(v[1].text, "ДРОН");
    }
}
