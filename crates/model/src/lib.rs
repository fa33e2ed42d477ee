//! The vocabulary every stage of tradetrail shares: shipment lines, quarantined rows, list entries and reference rows, with their Arrow schemas.
//!
//! A [`ShipmentLine`] is one goods item of one customs declaration, with the header facts of its declaration repeated on it.
//! Every normalised value keeps the raw text it came from in a `*_raw` column, and every line keeps where it came from
//! (dataset, source file, line number, licence).
//! A [`QuarantineRow`] is an input row that could not be stored, with the reason.
//!
//! The crate is plain data: no IO, no errors.
//! [`ShipmentBatchBuilder`] and [`QuarantineBatchBuilder`] turn rows into Arrow record batches for the store.

#![warn(missing_docs)]

mod columns;
mod derived;
mod quarantine;
mod reference;
mod shipment;

pub use columns::{ColumnKind, ColumnSpec};
pub use derived::{
    ENTITY_COLUMNS, EntityBatchBuilder, EntityRow, FINDING_COLUMNS, Finding, FindingBatchBuilder,
    LINE_CLASS_COLUMNS, LineClass, LineClassBatchBuilder, PARTY_MENTION_COLUMNS, PartyMention,
    PartyMentionBatchBuilder, SCREENING_HIT_COLUMNS, ScreeningHit, ScreeningHitBatchBuilder,
    entity_schema, finding_schema, line_class_schema, party_mention_schema, screening_hit_schema,
};
pub use quarantine::{
    QUARANTINE_COLUMNS, QuarantineBatchBuilder, QuarantineRow, quarantine_schema, reason,
};
pub use reference::{
    COMPONENT_COLUMNS, Component, ComponentBatchBuilder, HS_CODE_COLUMNS, HS_CORRELATION_COLUMNS,
    HsCode, HsCodeBatchBuilder, HsCorrelation, HsCorrelationBatchBuilder, IMPORT_ISSUE_COLUMNS,
    ImportIssue, ImportIssueBatchBuilder, LIST_ENTRY_COLUMNS, LIST_NAME_COLUMNS, ListEntry,
    ListEntryBatchBuilder, ListName, ListNameBatchBuilder, component_schema, hs_code_schema,
    hs_correlation_schema, import_issue_schema, list_entry_schema, list_name_schema,
};
pub use shipment::{SHIPMENT_COLUMNS, ShipmentBatchBuilder, ShipmentLine, shipment_schema};

/// Direction of a declaration, normalised from `ИМ`/`ЭК`, `IM`/`EX`, `import`/`export` and the like.
pub mod direction {
    /// Goods entering the reporting country.
    pub const IMPORT: &str = "import";
    /// Goods leaving the reporting country.
    pub const EXPORT: &str = "export";
    /// Goods crossing the reporting country under transit.
    pub const TRANSIT: &str = "transit";
    /// Goods leaving again after an earlier import.
    pub const REEXPORT: &str = "reexport";
}

/// Where `value_usd` came from, stored in `value_usd_source`.
pub mod value_source {
    /// The statistical value in USD (ДТ box 46) as declared.
    pub const STATISTICAL: &str = "statistical_usd";
    /// The invoice value, declared in USD.
    pub const INVOICE_USD: &str = "invoice_usd";
    /// The invoice value converted from another currency with a documented rate; the rate is in `fx_rate`.
    pub const INVOICE_FX: &str = "invoice_fx";
    /// The customs value in local currency converted with a documented rate.
    pub const CUSTOMS_FX: &str = "customs_fx";
}

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian), the representation of Arrow `Date32`.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    // Howard Hinnant's algorithm, exact for every date in range.
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a `Date32` day number.
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The ISO text `YYYY-MM-DD` of a `Date32` day number.
pub fn iso_date(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(iso_date(19_047), "2022-02-24");
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2022, 2, 24), 19_047);
        for d in [-800_000, -1, 0, 1, 19_047, 60_000, 2_000_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }
}
