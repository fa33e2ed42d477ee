//! The classifier: reads every field of a line once, weighs catalogue matches, wording and the declared code, and decides.
//!
//! A recognised catalogue product decides the category, unless a part word heads the text before the model (`АККУМУЛЯТОР ДЛЯ MAVIC 3`).
//! Without a product, the first drone, part, component or look-alike word outside a `с …`/`для …` clause heads the description; part words need drone context.
//! Without any such word, the declared code decides, by its drone role on the declaration date.

use tradetrail_model::ShipmentLine;
use tradetrail_refdata::products::catalogue;

use crate::alias::AliasIndex;
use crate::evidence::{self as w, Ledger};
use crate::flags;
use crate::hs_rules::{self, ChplTable, Hs6};
use crate::lexicon::{Cue, Lexicon, PartKind};
use crate::reading::{Cand, Reading, SCRATCH, Scratch};
use crate::{Category, Classification};

/// The classifier, built once from the catalogue and the control code sets.
#[derive(Debug)]
pub struct Classifier {
    pub(crate) lex: Lexicon,
    pub(crate) ix: AliasIndex,
    pub(crate) chpl: ChplTable,
}

impl Classifier {
    /// Builds the classifier from the embedded catalogue and control code sets.
    pub fn new() -> Self {
        Classifier {
            lex: Lexicon::new(),
            ix: AliasIndex::new(catalogue()),
            chpl: ChplTable::new(),
        }
    }

    /// Classifies one line.
    pub fn classify(&self, line: &ShipmentLine) -> Classification {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.classify_with(line, &mut s),
            Err(_) => self.classify_with(line, &mut Scratch::default()),
        })
    }

    fn classify_with(&self, line: &ShipmentLine, s: &mut Scratch) -> Classification {
        let mut r = Reading::default();
        let fields: [(&'static str, Option<&str>, bool); 5] = [
            ("brand", line.brand.as_deref(), false),
            ("manufacturer", line.manufacturer.as_deref(), false),
            ("model", line.model.as_deref(), false),
            ("description", line.description.as_deref(), true),
            ("description_en", line.description_en.as_deref(), true),
        ];
        for (field, text, free) in fields {
            if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
                self.read(s, field, text, free, &mut r);
            }
        }
        r.has_article = line.article.as_deref().is_some_and(|a| !flags::is_blank(a));
        let day = line.declaration_date;
        let declared = hs_rules::hs6(line.hs6.as_deref(), line.hs_code.as_deref());
        self.decide(&r, declared, day)
    }

    /// Picks the product, brand and category, and builds the classification.
    fn decide(&self, r: &Reading<'_>, declared: Option<Hs6>, day: Option<i32>) -> Classification {
        let mut led = Ledger::default();
        let brand_of = |b: u16| self.ix.brands[b as usize];
        let line_brands: Vec<u16> = r.brands.iter().map(|b| b.0).collect();
        let product = self.pick_product(r, &line_brands);
        let brand = product
            .map(|c| self.ix.product_brand[c.product as usize])
            .or_else(|| first_brand(r));
        let role = declared.as_ref().and_then(|h| hs_rules::role_on(h, day));
        let vague = flags::vague_score(r);
        if let Some(b) = brand
            && let Some(spot) = r.brands.iter().find(|x| x.0 == b).map(|x| x.1)
        {
            let wt = if self.ix.drone_brand[b as usize] {
                w::DRONE_BRAND
            } else {
                w::BRAND
            };
            led.add("brand", spot.0, spot.1, wt);
        }
        let drone_brand = brand.is_some_and(|b| self.ix.drone_brand[b as usize]);
        let mut product = product;
        let mut part_kind = None;
        let category = match (product, r.head) {
            (Some(c), head) => {
                let p = self.ix.products[c.product as usize];
                let wt = match (c.at.0, c.weak, c.contiguous) {
                    (_, true, _) => w::WEAK_ALIAS,
                    ("model", _, _) => w::MODEL_FIELD_ALIAS,
                    (_, _, true) => w::TEXT_ALIAS,
                    _ => w::WINDOW_ALIAS,
                };
                let part_first = head.filter(|(cue, at)| {
                    matches!(cue, Cue::Part(_))
                        && p.category == "drone"
                        && ((at.0 == c.at.0 && at.2 < c.at.2)
                            || (c.at.0 == "model" && !matches!(cue, Cue::Part(PartKind::Generic))))
                });
                if let Some((Cue::Part(k), at)) = part_first {
                    led.add("part_word_before_model", at.0, at.1, w::PART_WORD);
                    led.add("drone_model_context", c.at.0, c.at.1, w::PART_CONTEXT);
                    part_kind = Some(k);
                    product = None;
                    Category::DronePart
                } else {
                    led.add(
                        if p.is_hard_negative() {
                            "lookalike_model"
                        } else {
                            "model_alias"
                        },
                        c.at.0,
                        c.at.1,
                        if p.is_hard_negative() {
                            w::HARD_NEGATIVE_PRODUCT
                        } else {
                            wt
                        },
                    );
                    category_of(&p.category)
                }
            }
            (None, Some((Cue::Drone, at))) => {
                led.add("drone_word", at.0, at.1, w::DRONE_WORD);
                Category::Drone
            }
            (None, Some((Cue::Part(k), at)))
                if !(k == PartKind::Generic && r.drone_context.is_none() && !drone_brand) =>
            {
                let ctx = r
                    .drone_context
                    .map(|c| ("drone_context", c))
                    .or_else(|| drone_brand.then_some(("drone_brand_context", at)));
                match (ctx, r.other_device) {
                    (Some((f, c)), None) => {
                        led.add("part_word", at.0, at.1, w::PART_WORD);
                        led.add(f, c.0, c.1, w::PART_CONTEXT);
                        part_kind = Some(k);
                        Category::DronePart
                    }
                    (_, dev) => {
                        led.add("part_word_without_drone", at.0, at.1, w::PART_WORD * 0.5);
                        if let Some(d) = dev {
                            led.add("other_device", d.0, d.1, w::OTHER_DEVICE);
                        }
                        Category::Other
                    }
                }
            }
            (None, Some((Cue::Component, at))) => {
                led.add("component_word", at.0, at.1, w::COMPONENT_WORD);
                Category::ChplComponent
            }
            (None, Some((Cue::Lookalike, at))) => {
                led.add("lookalike_word", at.0, at.1, w::LOOKALIKE_WORD);
                Category::Other
            }
            (None, _) => self.by_code(declared.as_ref(), role, vague, &mut led),
        };
        let hard_negative = category == Category::Other
            && (product.is_some_and(|c| self.ix.products[c.product as usize].is_hard_negative())
                || (brand.is_some() && matches!(r.head, Some((Cue::Lookalike | Cue::Part(_), _)))));
        let prod = product.map(|c| self.ix.products[c.product as usize]);
        flags::hs_agreement(category, declared.as_ref(), role, &self.chpl, &mut led);
        let described = flags::described(category, prod, part_kind);
        let misclassified =
            flags::misclassification(category, prod, part_kind, declared.as_ref(), role, day);
        if let Some(m) = &misclassified {
            led.add("hs_disagrees", "hs_code", &m.declared, w::HS_DISAGREES);
        }
        let chpl_tier = declared
            .as_ref()
            .and_then(|h| self.chpl.tier(h))
            .or_else(|| {
                described
                    .as_deref()
                    .and_then(|d| hs_rules::hs6(Some(d), None))
                    .and_then(|h| self.chpl.tier(&h))
            });
        Classification {
            category,
            confidence: led.confidence(),
            product_id: prod.map(|p| p.id.clone()),
            brand: brand.map(|b| brand_of(b).name.clone()),
            model: prod.map(|p| p.model.clone()),
            hs6_declared: declared.as_ref().map(|h| hs_rules::as_str(h).to_string()),
            hs6_described: described,
            chpl_tier: chpl_tier.map(str::to_string),
            hard_negative,
            misclassified,
            vague_score: vague,
            evidence: led.into_vec(),
        }
    }

    /// The best product candidate: long, contiguous, in the model field, of a brand the line names.
    fn pick_product<'a>(&self, r: &Reading<'a>, brands: &[u16]) -> Option<Cand<'a>> {
        let mut best: Option<(i32, Cand<'a>)> = None;
        for c in &r.products {
            let pb = self.ix.product_brand[c.product as usize];
            let agrees = brands.contains(&pb);
            let in_model = c.at.0 == "model";
            if c.weak && !(agrees || in_model) {
                continue;
            }
            let mut score = 2 * i32::from(c.weight)
                + if c.contiguous { 3 } else { 0 }
                + if in_model { 6 } else { 0 };
            if agrees {
                score += 8;
            } else if !brands.is_empty() {
                score -= 6;
            }
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, *c));
            }
        }
        best.map(|(_, c)| c)
    }

    /// Decides from the declared code alone, when no word names the goods.
    fn by_code(
        &self,
        declared: Option<&Hs6>,
        role: Option<tradetrail_refdata::controls::DroneRole>,
        vague: f64,
        led: &mut Ledger,
    ) -> Category {
        use tradetrail_refdata::controls::DroneRole as R;
        let code = declared.map_or("", hs_rules::as_str);
        match role {
            Some(R::CompleteDrone) => {
                led.add("hs_complete_drone", "hs_code", code, w::HS_DRONE_ONLY);
                Category::Drone
            }
            Some(R::Pre2022DroneEquivalent) => {
                led.add(
                    "hs_pre2022_aircraft",
                    "hs_code",
                    code,
                    w::HS_PRE2022_DRONE_ONLY,
                );
                Category::Drone
            }
            Some(R::CameraPossibleDrone) if vague >= flags::VAGUE_THRESHOLD => {
                led.add("hs_camera_vague_text", "hs_code", code, w::HS_CAMERA_VAGUE);
                Category::Drone
            }
            Some(R::DronePart | R::Pre2022PartEquivalent) => {
                led.add("hs_drone_part", "hs_code", code, w::HS_PART_ONLY);
                Category::DronePart
            }
            _ if declared.is_some_and(hs_rules::is_component_code) => {
                led.add("hs_component", "hs_code", code, w::HS_COMPONENT_ONLY);
                Category::ChplComponent
            }
            _ => {
                led.add("no_drone_evidence", "description", "", w::NO_DRONE_EVIDENCE);
                Category::Other
            }
        }
    }
}

impl Default for Classifier {
    fn default() -> Self {
        Self::new()
    }
}

/// The category of a catalogue category name.
fn category_of(c: &str) -> Category {
    match c {
        "drone" => Category::Drone,
        "drone_part" => Category::DronePart,
        "component" => Category::ChplComponent,
        _ => Category::Other,
    }
}

/// The first brand found, by field priority (brand, manufacturer, model, description, English description).
fn first_brand(r: &Reading<'_>) -> Option<u16> {
    [
        "brand",
        "manufacturer",
        "model",
        "description",
        "description_en",
    ]
    .iter()
    .find_map(|f| r.brands.iter().find(|b| b.1.0 == *f).map(|b| b.0))
}
