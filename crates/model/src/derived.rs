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

table! {
    /// One party named on one shipment line, with the entity resolution gave it.
    PartyMention,
    /// Collects [`PartyMention`] rows into Arrow record batches.
    PartyMentionBatchBuilder,
    /// Every column of the `party_mentions` table.
    PARTY_MENTION_COLUMNS,
    /// The Arrow schema of the `party_mentions` table.
    party_mention_schema;

    record_id: Req = "Record id of the shipment line.",
    role: Req = "sender, recipient or declarant.",
    source_column: Req = "Shipment column the name was read from, e.g. recipient_name_en.",
    mention_key: Req = "Stable key of the distinct mention (folded name, country, identifiers, address); analyst judgements refer to it.",
    entity_id: Req = "Stable id of the resolved entity, derived from its smallest mention key.",
    name: Req = "Name as written.",
    script: Req = "Script most letters of the name are written in: latin, cyrillic, han or other.",
}

table! {
    /// One resolved party: every name, country, identifier, address and role seen for it.
    EntityRow,
    /// Collects [`EntityRow`] rows into Arrow record batches.
    EntityBatchBuilder,
    /// Every column of the `entities` table.
    ENTITY_COLUMNS,
    /// The Arrow schema of the `entities` table.
    entity_schema;

    entity_id: Req = "Stable id of the entity, derived from its smallest mention key.",
    canonical_name: Req = "The most frequent Latin-script name, else the most frequent name.",
    names_latin: Text = "JSON array of the distinct Latin-script names, most frequent first.",
    names_cyrillic: Text = "JSON array of the distinct Cyrillic names, most frequent first.",
    names_han: Text = "JSON array of the distinct Chinese names, most frequent first.",
    names_other: Text = "JSON array of names in other scripts.",
    countries: Text = "JSON array of ISO alpha-2 countries seen with the entity.",
    identifiers: Text = "JSON array of scheme:value identifiers seen with the entity (valid ones first).",
    addresses: Text = "JSON array of distinct addresses as written.",
    roles: Req = "JSON array of the roles the entity appears in (sender, recipient, declarant).",
    mentions: Int = "Distinct mentions (name, country, identifiers, address) resolved to the entity.",
    lines: Int = "Shipment-line mentions resolved to the entity.",
}

table! {
    /// One screening hit: a resolved entity that matched a list entry, with the score's features and the analyst's review state.
    ScreeningHit,
    /// Collects [`ScreeningHit`] rows into Arrow record batches.
    ScreeningHitBatchBuilder,
    /// Every column of the `screening_hits` table.
    SCREENING_HIT_COLUMNS,
    /// The Arrow schema of the `screening_hits` table.
    screening_hit_schema;

    entity_id: Req = "Resolved entity screened (the `entities` table).",
    entity_name: Req = "The entity's canonical name.",
    entry_id: Req = "List entry hit: `<list_id>:<source_id>`.",
    list_id: Req = "List of the entry.",
    list_name: Req = "Human name of the list.",
    programmes: Text = "Programmes or legal bases of the entry.",
    caption: Req = "The entry's primary name.",
    query_name: Text = "The entity's name that matched best.",
    matched_name: Req = "The entry's name it matched.",
    score: Float = "Calibrated probability that entity and entry are the same party.",
    features: Req = "JSON array of the score's terms: name, value, weight, contribution, detail.",
    listing_date: Date = "Date the entry was listed, when the list gives it.",
    first_line_date: Date = "Date of the entity's first shipment line.",
    last_line_date: Date = "Date of the entity's last shipment line.",
    lines_after_listing: Int = "The entity's shipment lines dated after the listing date (empty when the list gives no date).",
    status: Req = "open, confirmed or cleared (an analyst's review of the same entity and entry content), or reopened when the entity or entry changed after a clearing.",
    entity_fingerprint: Req = "Hash of the entity's names, countries and identifiers when screened.",
    entry_fingerprint: Req = "Hash of the entry's content when screened.",
}

table! {
    /// One red flag raised by a detector, with the score's features and the evidence behind it.
    Finding,
    /// Collects [`Finding`] rows into Arrow record batches.
    FindingBatchBuilder,
    /// Every column of the `findings` table.
    FINDING_COLUMNS,
    /// The Arrow schema of the `findings` table.
    finding_schema;

    finding_id: Req = "Stable id of the finding: a hash of the detector code, the subject and the evidence rows.",
    code: Req = "Stable code of the detector that raised it, e.g. TT-UNDERVALUE.",
    severity: Req = "high, medium or low: how strong the detector's signal is on its own.",
    score: Float = "Sum of the feature contributions listed in `features`.",
    subject_kind: Req = "What the finding is about: line, entity, lane, address or path (a chain of entities).",
    subject: Req = "The record id, entity id, lane (sender entity > recipient entity), address or path (entity ids joined by >) the finding is about.",
    entity_id: Text = "The entity most concerned (usually the sender), for filtering.",
    entity_name: Text = "Canonical name of that entity.",
    first_date: Date = "Date of the earliest evidence line.",
    last_date: Date = "Date of the latest evidence line.",
    summary: Req = "One sentence saying what was found, with the numbers that decided.",
    features: Req = "JSON array of {name, value, contribution}: the named features whose contributions sum to the score.",
    evidence_rows: Req = "JSON array of {record_id, dataset, file, line}: the source rows the finding rests on.",
    evidence_list_entries: Text = "JSON array of watchlist entry ids the finding rests on, for list-based detectors.",
    evidence_paths: Text = "JSON array of graph paths (arrays of entity ids) the finding rests on, for graph-based detectors.",
}
