//! Derived tables: what the stages compute from the stored lines, rebuilt on every run and keyed by the line's record id.
//!
//! Derived rows never replace input rows; they can always be recomputed from the shipments and the reference data.

use crate::columns::table;

table! {
    /// How one shipment line was classified, with the evidence that decided.
    LineClass,
    /// Collects [`LineClass`] rows into Arrow record batches.
    LineClassBatchBuilder,
    /// Every column of the `classifications` table.
    LINE_CLASS_COLUMNS,
    /// The Arrow schema of the `classifications` table.
    line_class_schema;

    record_id: Req = "Record id of the shipment line.",
    category: Req = "drone, drone_part, chpl_component or other.",
    confidence: Float = "Sum of the evidence weights, clamped to [0, 1].",
    product_id: Text = "Product catalogue id of the matched product.",
    brand: Text = "Brand of the matched product, or the brand the text names.",
    model: Text = "Model of the matched product.",
    hs6_declared: Text = "HS6 as declared.",
    hs6_described: Text = "HS6 (or heading) the description or matched product implies.",
    chpl_tier: Text = "Common High Priority List tier of the declared code.",
    hard_negative: Flag = "True for look-alike goods that are not drones (gimbals, action cameras, toys, other batteries).",
    misclassified: Text = "Why the declared code does not fit the goods, when it does not.",
    vague_score: Float = "How generic the description is, 0 to 1.",
    evidence: Req = "JSON array of {feature, field, text, weight}: the words in which fields that decided.",
}
