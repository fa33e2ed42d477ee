//! Reference tables: sanctions and export-control list entries with their names, HS nomenclature, and the foreign-components catalogue.
//!
//! These rows are what list importers and reference loaders produce and what the store keeps as Parquet tables.
//! Multi-valued facts that no stage filters on (identifiers, addresses) are JSON arrays in one text column, so every
//! tool that reads Parquet reads them without nested types.

use crate::columns::table;

table! {
    /// One entry of a sanctions or export-control list (an entity, a person, a vessel, ...).
    ListEntry,
    /// Collects [`ListEntry`] rows into Arrow record batches.
    ListEntryBatchBuilder,
    /// Every column of the `list_entries` table.
    LIST_ENTRY_COLUMNS,
    /// The Arrow schema of the `list_entries` table.
    list_entry_schema;

    entry_id: Req = "Stable id: `<list_id>:<source_id>`.",
    list_id: Req = "Machine name of the list, e.g. us-ofac-sdn, un-sc, us-bis-entity-list, eu-833-annex-iv.",
    list_name: Req = "Human name of the list.",
    list_version: Text = "Version or publication date of the list file the entry came from.",
    source_id: Req = "The entry's id in its source (OFAC ent_num, UN DATAID, CSL id, ...).",
    entity_type: Req = "organization, person, vessel, aircraft or unknown.",
    name: Req = "Primary name as listed.",
    programmes: Text = "Sanctions programmes or legal bases, separated by `; `.",
    countries: Text = "ISO 3166 alpha-2 codes of the countries linked to the entry, separated by `; `.",
    listing_date: Date = "Date the entry was first listed, when the source gives it.",
    identifiers: Text = "JSON array of {\"scheme\", \"value\"} objects: INN, OGRN, USCC, IMO, registration numbers, ...",
    addresses: Text = "JSON array of address strings.",
    remarks: Text = "Free-text remarks of the source.",
    source_file: Req = "File the entry was read from.",
    source_position: Req = "Where in the file: a line number, a record index or an element path.",
}

table! {
    /// One name of a list entry: the primary name, an alias or an original-script spelling.
    ListName,
    /// Collects [`ListName`] rows into Arrow record batches.
    ListNameBatchBuilder,
    /// Every column of the `list_names` table.
    LIST_NAME_COLUMNS,
    /// The Arrow schema of the `list_names` table.
    list_name_schema;

    entry_id: Req = "Entry the name belongs to.",
    list_id: Req = "List of the entry.",
    name: Req = "The name as listed.",
    kind: Req = "primary, alias, weak_alias or original_script.",
    script: Req = "Dominant script: latin, cyrillic, han, arabic, other or mixed.",
}

table! {
    /// One problem found while importing a list or a reference file: a record that was malformed, unknown or orphaned.
    ImportIssue,
    /// Collects [`ImportIssue`] rows into Arrow record batches.
    ImportIssueBatchBuilder,
    /// Every column of the `import_issues` table.
    IMPORT_ISSUE_COLUMNS,
    /// The Arrow schema of the `import_issues` table.
    import_issue_schema;

    source_name: Req = "List or reference the file belongs to.",
    source_file: Req = "File the record is in.",
    source_position: Req = "Line number, record index or element path.",
    code: Req = "Stable code, e.g. orphan_alias, orphan_address, bad_record, unknown_field.",
    message: Req = "What was wrong, naming the field and value.",
}

table! {
    /// One six-digit (or two- or four-digit) code of an HS nomenclature vintage.
    HsCode,
    /// Collects [`HsCode`] rows into Arrow record batches.
    HsCodeBatchBuilder,
    /// Every column of the `hs_codes` table.
    HS_CODE_COLUMNS,
    /// The Arrow schema of the `hs_codes` table.
    hs_code_schema;

    vintage: Req = "Nomenclature edition: HS2017 or HS2022.",
    code: Req = "The code, digits only (2, 4 or 6 digits).",
    level: Int = "Number of digits.",
    parent: Text = "Code of the level above.",
    section: Text = "HS section (roman numeral).",
    description: Req = "Official description.",
}

table! {
    /// One pair of the HS2022↔HS2017 correlation: a code of one vintage and a code of the other that covers part of it.
    HsCorrelation,
    /// Collects [`HsCorrelation`] rows into Arrow record batches.
    HsCorrelationBatchBuilder,
    /// Every column of the `hs_correlation` table.
    HS_CORRELATION_COLUMNS,
    /// The Arrow schema of the `hs_correlation` table.
    hs_correlation_schema;

    hs2022: Req = "HS2022 six-digit code.",
    hs2017: Req = "HS2017 six-digit code.",
    relation: Req = "1:1, 1:n, n:1 or n:n, as the correlation table states it.",
    share: Float = "Share of the HS2017 code's trade assumed to map to this HS2022 code, when a split is ambiguous.",
}

table! {
    /// One foreign component documented in one weapon or drone platform, from the components catalogue.
    Component,
    /// Collects [`Component`] rows into Arrow record batches.
    ComponentBatchBuilder,
    /// Every column of the `components` table.
    COMPONENT_COLUMNS,
    /// The Arrow schema of the `components` table.
    component_schema;

    component_id: Req = "Catalogue id of the component.",
    platform_id: Req = "Catalogue id of the platform it was found in.",
    platform_name: Text = "Display name of the platform.",
    name: Text = "Component name or marking.",
    category: Text = "Component category (e.g. microcontroller, gnss, motor).",
    manufacturer: Text = "Manufacturer as documented.",
    manufacturer_country: Text = "Manufacturer's country, ISO alpha-2, as documented.",
    part_number: Text = "Manufacturer part number.",
    sanctions_status: Text = "Sanctions status as documented.",
    source_url: Text = "Page documenting the component.",
    source: Req = "Catalogue and licence, e.g. GUR War&Sanctions via ... (CC BY 4.0).",
    last_verified: Text = "Date the source record was last verified.",
}
