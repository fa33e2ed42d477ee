//! The shipment-line table: one goods item of one declaration, header facts repeated, raw text beside every normalised value.
//!
//! The column list follows the canonical schema of the domain notes (ShipmentHeader + ShipmentLine, denormalised),
//! which maps onto the boxes of the EAEU declaration for goods (ДТ) and onto FollowTheMoney's `EconomicActivity`.

use crate::columns::table;

table! {
    /// One goods item of one customs declaration.
    ///
    /// Text fields hold the value as read, trimmed, with vendor fillers such as `NULL` turned into `None`.
    /// Fields with a `_raw` twin hold the normalised value, and the twin holds the text it was read from.
    ShipmentLine,
    /// Collects [`ShipmentLine`]s into Arrow record batches.
    ShipmentBatchBuilder,
    /// Every column of the shipment table, in storage order.
    SHIPMENT_COLUMNS,
    /// The Arrow schema of the shipment table.
    shipment_schema;

    // Provenance.
    record_id: Req = "Stable id of the line: a hash of the dataset and the raw cells, so re-ingesting the same row yields the same id.",
    dataset: Req = "Dataset the line was ingested into (`--dataset`).",
    source_file: Req = "File the line was read from, as given on the command line.",
    source_line: Line = "1-based physical line (or sheet row, or Parquet row) where the record starts.",
    source_record_id: Text = "The vendor's own record id, when the file has one (e.g. RECORD_ID).",
    licence: Text = "Licence or terms the source data is held under.",
    ingest_id: Req = "Id of the ingest run that stored the line.",
    // Declaration header.
    declaration_number: Text = "Registration number of the declaration (ДТ box A), e.g. 10012020/310325/5016594.",
    declaration_date: Date = "Date of the declaration; from the date column, else from the number.",
    declaration_date_raw: Text = "Date text as read.",
    item_no: Int = "Goods item number within the declaration (box 32).",
    direction: Text = "import, export, transit or reexport (box 1).",
    direction_raw: Text = "Direction text as read, e.g. ИМ or ЭК.",
    procedure: Text = "Customs procedure code, e.g. 40 for release for domestic consumption.",
    reporting_country: Text = "ISO 3166 alpha-2 code of the country whose customs produced the record.",
    sender_name: Text = "Sender or exporter (box 2).",
    sender_name_en: Text = "Sender name in Latin script when the vendor gives a second version.",
    sender_address: Text = "Sender address.",
    sender_country: Text = "Sender country, ISO alpha-2.",
    sender_country_raw: Text = "Sender country as read.",
    sender_id: Text = "Sender identifier (tax or registration number) as read.",
    recipient_name: Text = "Recipient or importer (box 8).",
    recipient_name_en: Text = "Recipient name in Latin script when the vendor gives a second version.",
    recipient_address: Text = "Recipient address.",
    recipient_id: Text = "Recipient identifier, usually the Russian INN or Kazakh BIN.",
    declarant_name: Text = "Declarant, often a customs broker (box 14).",
    declarant_id: Text = "Declarant identifier (INN).",
    trading_country: Text = "Trading country, ISO alpha-2 (box 11).",
    trading_country_raw: Text = "Trading country as read.",
    dispatch_country: Text = "Country of dispatch, ISO alpha-2 (box 15).",
    dispatch_country_raw: Text = "Country of dispatch as read.",
    origin_country: Text = "Country of origin, ISO alpha-2 (box 16/34).",
    origin_country_raw: Text = "Country of origin as read.",
    destination_country: Text = "Country of destination, ISO alpha-2 (box 17).",
    destination_country_raw: Text = "Country of destination as read.",
    incoterms: Text = "Incoterms rule, upper case (box 20), e.g. FCA.",
    delivery_place: Text = "Place named with the Incoterms rule.",
    transport_mode: Text = "Mode of transport at the border (box 25), as read.",
    customs_office: Text = "Customs office or post (box 29/30).",
    // Goods item.
    description: Text = "Description of goods (box 31), as declared.",
    description_en: Text = "English description when the vendor gives one.",
    hs_code_raw: Text = "Commodity code as read (6 to 10 digits, any punctuation).",
    hs_code: Text = "Commodity code, digits only.",
    hs6: Text = "First six digits of the commodity code (the international HS subheading).",
    brand: Text = "Trademark (box 31 sub-field), fillers such as ОТСУТСТВУЕТ removed.",
    manufacturer: Text = "Manufacturer (box 31 sub-field).",
    model: Text = "Model (box 31 sub-field).",
    article: Text = "Article or part number (box 31 sub-field).",
    quantity: Float = "Quantity in the supplementary unit (box 41).",
    quantity_raw: Text = "Quantity as read.",
    unit: Text = "Unit of the quantity as read, e.g. ШТ or PCS.",
    gross_kg: Float = "Gross weight in kg (box 35).",
    gross_kg_raw: Text = "Gross weight as read.",
    net_kg: Float = "Net weight in kg (box 38).",
    net_kg_raw: Text = "Net weight as read.",
    invoice_value: Float = "Item price in the invoice currency (box 42).",
    invoice_value_raw: Text = "Invoice value as read.",
    currency: Text = "Invoice currency, ISO 4217 (box 22).",
    currency_raw: Text = "Currency as read (code, number or name).",
    customs_value: Float = "Customs value in the reporting country's currency (box 45).",
    customs_value_raw: Text = "Customs value as read.",
    statistical_value_usd: Float = "Statistical value in USD (box 46).",
    statistical_value_usd_raw: Text = "Statistical value as read.",
    value_usd: Float = "Value in USD used for every total: the statistical value, else the invoice value converted.",
    value_usd_source: Text = "Where value_usd came from: statistical_usd, invoice_usd, invoice_fx or customs_fx.",
    fx_rate: Float = "Units of USD per unit of the source currency, when value_usd was converted.",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_and_columns_agree() {
        let schema = shipment_schema();
        assert_eq!(schema.fields().len(), SHIPMENT_COLUMNS.len());
        for (field, spec) in schema.fields().iter().zip(SHIPMENT_COLUMNS) {
            assert_eq!(field.name(), spec.name);
        }
    }

    #[test]
    fn builder_round_trips_values() {
        let mut b = ShipmentBatchBuilder::default();
        let line = ShipmentLine {
            record_id: "r1".into(),
            dataset: "d".into(),
            source_file: "f.csv".into(),
            source_line: 2,
            ingest_id: "i".into(),
            declaration_date: Some(19_047),
            quantity: Some(3.0),
            description: Some("КВАДРОКОПТЕР".into()),
            ..Default::default()
        };
        b.push(&line);
        b.push(&line);
        assert_eq!(b.len(), 2);
        let batch = b.finish();
        assert_eq!(batch.num_rows(), 2);
        assert!(b.is_empty());
        assert_eq!(
            ShipmentLine::from_batch(&batch),
            Some(vec![line.clone(), line])
        );
    }
}
