//! The quarantine table: every input row that could not be stored as a shipment line, with file, line, raw text and reason.
//!
//! Together with the shipment table it accounts for every row read: `read = stored + quarantined + duplicate`.

use crate::columns::table;

table! {
    /// One input row that was not stored, and why.
    QuarantineRow,
    /// Collects [`QuarantineRow`]s into Arrow record batches.
    QuarantineBatchBuilder,
    /// Every column of the quarantine table, in storage order.
    QUARANTINE_COLUMNS,
    /// The Arrow schema of the quarantine table.
    quarantine_schema;

    dataset: Req = "Dataset the file was ingested into.",
    source_file: Req = "File the row was read from.",
    source_line: Line = "1-based physical line where the row starts.",
    source_line_end: Line = "1-based physical line where the row ends (differs for multi-line cells).",
    reason_code: Req = "Stable reason code, e.g. bad_number, short_row, bad_encoding, oversized_field, broken_quote, duplicate.",
    reason: Req = "What was wrong, naming the column and the value.",
    column_name: Text = "Input column at fault, when one is.",
    raw: Req = "The raw text of the row (invalid bytes replaced by U+FFFD, cut at 1 MiB).",
    raw_truncated: Flag = "True when raw was cut.",
    ingest_id: Req = "Id of the ingest run that quarantined the row.",
}

/// Stable reason codes for quarantined rows.
pub mod reason {
    /// A numeric cell that is not a number in any supported local format.
    pub const BAD_NUMBER: &str = "bad_number";
    /// A date cell that is not a date in any supported format.
    pub const BAD_DATE: &str = "bad_date";
    /// A row with fewer cells than the header.
    pub const SHORT_ROW: &str = "short_row";
    /// A row with more cells than the header.
    pub const LONG_ROW: &str = "long_row";
    /// A cell whose bytes are not valid in the file's encoding.
    pub const BAD_ENCODING: &str = "bad_encoding";
    /// A cell larger than the field-size limit.
    pub const OVERSIZED_FIELD: &str = "oversized_field";
    /// A quoted cell that never closes, detected as a record running over many lines.
    pub const BROKEN_QUOTE: &str = "broken_quote";
    /// A row that is an exact copy of a row already stored in the dataset.
    pub const DUPLICATE: &str = "duplicate";
    /// A row with no value in any mapped column.
    pub const EMPTY_ROW: &str = "empty_row";
    /// A JSON line that is not a JSON object.
    pub const BAD_JSON: &str = "bad_json";
    /// A quantity, weight or value below zero, which no declaration can hold.
    pub const NEGATIVE_NUMBER: &str = "negative_number";
    /// A quantity, weight or value beyond any real shipment line (or not finite), which would swamp every total it entered.
    pub const IMPLAUSIBLE_NUMBER: &str = "implausible_number";
    /// A declaration date before electronic declarations existed or after the day of the ingest.
    pub const IMPLAUSIBLE_DATE: &str = "implausible_date";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarantine_builder_builds() {
        let mut b = QuarantineBatchBuilder::default();
        b.push(&QuarantineRow {
            dataset: "d".into(),
            source_file: "f".into(),
            source_line: 3,
            source_line_end: 3,
            reason_code: reason::SHORT_ROW.into(),
            reason: "row has 3 cells, header has 5".into(),
            raw: "a,b,c".into(),
            ingest_id: "i".into(),
            ..Default::default()
        });
        assert_eq!(b.finish().num_rows(), 1);
        assert_eq!(quarantine_schema().fields().len(), QUARANTINE_COLUMNS.len());
    }
}
