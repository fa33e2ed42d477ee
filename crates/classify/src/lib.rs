//! Says what a shipment line is — a drone, a drone part, a controlled electronic component or something else — and shows the words that decided.
//!
//! The classifier reads the structured fields (brand, manufacturer, model) and the free text in Russian, English or Chinese.
//! It is built once from the product catalogue of `tradetrail-refdata` and the control code sets; it does no IO and never panics.
//! Besides the category it names the brand and model, the HS code the goods imply, the CHPL tier, look-alike goods (hard negatives), a misclassified declared code, and how vague the description is.
//!
//! ```
//! use tradetrail_classify::{Category, classify};
//! use tradetrail_model::ShipmentLine;
//!
//! let line = ShipmentLine {
//!     description: Some("КВАДРОКОПТЕР DJI МАВИК 3 КЛАССИК".into()),
//!     hs_code: Some("9503007000".into()),
//!     declaration_date: Some(19_500),
//!     ..Default::default()
//! };
//! let c = classify(&line);
//! assert_eq!(c.category, Category::Drone);
//! assert_eq!(c.model.as_deref(), Some("Mavic 3 Classic"));
//! assert!(c.misclassified.is_some());
//! ```

mod alias;
mod classifier;
pub mod eval;
mod evidence;
mod flags;
mod hs_rules;
mod lexicon;
mod normalize;
mod reading;
mod segment;

use std::sync::LazyLock;

use tradetrail_model::ShipmentLine;

pub use classifier::Classifier;
pub use flags::VAGUE_THRESHOLD;

/// What a line's goods are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// A complete unmanned aircraft (HS 88.06, or its pre-2022 codes).
    Drone,
    /// A part of a drone: propellers, batteries, motors, controllers, payloads.
    DronePart,
    /// An electronic component of the kind the Common High Priority List covers.
    ChplComponent,
    /// Anything else, including look-alike goods.
    Other,
}

impl Category {
    /// The category as the truth files and the product catalogue write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Drone => "drone",
            Category::DronePart => "drone_part",
            Category::ChplComponent => "component",
            Category::Other => "other",
        }
    }
}

/// One piece of evidence: a named feature, the field it was found in, the words that decided, and its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Feature name, e.g. `model_alias` or `drone_word`.
    pub feature: &'static str,
    /// Field: `description`, `description_en`, `brand`, `manufacturer`, `model` or `hs_code`.
    pub field: &'static str,
    /// The words (or code) that decided, as written.
    pub text: String,
    /// Weight added to the confidence (negative when it speaks against the category).
    pub weight: f64,
}

/// A declared code that does not fit the goods the text or model names.
#[derive(Debug, Clone, PartialEq)]
pub struct Misclassification {
    /// The declared six-digit code.
    pub declared: String,
    /// The code the goods imply (six digits, or a four-digit heading when only the heading is implied).
    pub expected: String,
    /// Why, in words.
    pub reason: String,
}

/// The classification of one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    /// What the goods are.
    pub category: Category,
    /// Sum of the evidence weights for the category, clamped to 0..=1.
    pub confidence: f64,
    /// Catalogue product id, when a product was recognised.
    pub product_id: Option<String>,
    /// Catalogue brand name.
    pub brand: Option<String>,
    /// Catalogue model name.
    pub model: Option<String>,
    /// Declared six-digit code.
    pub hs6_declared: Option<String>,
    /// The code the matched product or the wording implies.
    pub hs6_described: Option<String>,
    /// CHPL tier of the declared code, else of the described code.
    pub chpl_tier: Option<String>,
    /// True for look-alike goods that are not drone goods (gimbals, action cameras, toys, phone batteries).
    pub hard_negative: bool,
    /// A declared code outside what the goods imply.
    pub misclassified: Option<Misclassification>,
    /// How vague the description is, 0..=1 (generic words, no brand, model or article); see [`VAGUE_THRESHOLD`].
    pub vague_score: f64,
    /// The evidence, strongest first.
    pub evidence: Vec<Evidence>,
}

static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(Classifier::new);

/// The shared classifier, built on first use.
pub fn classifier() -> &'static Classifier {
    &CLASSIFIER
}

/// Classifies one line with the shared classifier.
pub fn classify(line: &ShipmentLine) -> Classification {
    CLASSIFIER.classify(line)
}
