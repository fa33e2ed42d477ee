//! The index schema and how one shipment row (with its category) becomes one tantivy document.
//!
//! Searched text: `text` (stemmed) and `fold` (folded Latin) over description, English description, brand, manufacturer, model and article.
//! Filters: `date` (days, range), `country` (origin, dispatch, trading, destination and sender country), `hs_prefix` (every prefix of the code, 2 digits up), `party` (sender, recipient and declarant names, folded) and `category`.
//! Stored for display: record id, date, description, HS code, sender, recipient, declarant, category, value in USD.

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::{DataType, Date32Type, Float64Type};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis;
use crate::{Error, Result};

/// Bumped whenever the schema or the analyzers change, so older indexes are rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

/// The goods text columns, searched by the query words.
pub const GOODS_COLUMNS: [&str; 6] = [
    "description",
    "description_en",
    "brand",
    "manufacturer",
    "model",
    "article",
];
/// The party name columns, searched by `--party`.
pub const PARTY_COLUMNS: [&str; 5] = [
    "sender_name",
    "sender_name_en",
    "recipient_name",
    "recipient_name_en",
    "declarant_name",
];
/// The country columns, any of which `--country` matches.
pub const COUNTRY_COLUMNS: [&str; 5] = [
    "origin_country",
    "dispatch_country",
    "trading_country",
    "destination_country",
    "sender_country",
];

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub record_id: Field,
    pub rid_hash: Field,
    pub text: Field,
    pub fold: Field,
    pub party: Field,
    pub country: Field,
    pub hs_prefix: Field,
    pub category: Field,
    pub date: Field,
    pub description: Field,
    pub hs_code: Field,
    pub sender: Field,
    pub recipient: Field,
    pub declarant: Field,
    pub value_usd: Field,
}

fn analyzed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

/// The schema and its fields.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        record_id: b.add_text_field("record_id", STRING | STORED),
        rid_hash: b.add_u64_field("rid_hash", FAST),
        text: b.add_text_field("text", analyzed(analysis::TEXT)),
        fold: b.add_text_field("fold", analyzed(analysis::FOLD)),
        party: b.add_text_field("party", analyzed(analysis::FOLD)),
        country: b.add_text_field("country", STRING),
        hs_prefix: b.add_text_field("hs_prefix", STRING),
        category: b.add_text_field("category", STRING | STORED),
        date: b.add_i64_field("date", INDEXED | FAST | STORED),
        description: b.add_text_field("description", STORED),
        hs_code: b.add_text_field("hs_code", STORED),
        sender: b.add_text_field("sender", STORED),
        recipient: b.add_text_field("recipient", STORED),
        declarant: b.add_text_field("declarant", STORED),
        value_usd: b.add_f64_field("value_usd", STORED),
    };
    (b.build(), fields)
}

/// The columns the index reads from `shipments`, as a SQL select list.
pub fn select_list() -> String {
    let mut cols = vec!["record_id", "declaration_date", "hs_code", "value_usd"];
    cols.extend(GOODS_COLUMNS);
    cols.extend(PARTY_COLUMNS);
    cols.extend(COUNTRY_COLUMNS);
    cols.join(", ")
}

/// Stable 64-bit hash of a record id, used to break score ties and to join categories.
pub fn rid_hash(record_id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(record_id.as_bytes())
}

/// A batch's columns, read by name with string columns cast to plain UTF-8.
pub struct Columns {
    text: Vec<(&'static str, arrow::array::ArrayRef)>,
    date: Option<arrow::array::ArrayRef>,
    value: Option<arrow::array::ArrayRef>,
}

impl Columns {
    /// Reads the columns of [`select_list`] from a batch.
    pub fn new(batch: &RecordBatch) -> Result<Columns> {
        let cast = |name: &'static str, to: &DataType| -> Result<arrow::array::ArrayRef> {
            let col = batch.column_by_name(name).ok_or_else(|| Error::Table {
                table: "shipments",
                message: format!("no column {name}"),
            })?;
            arrow::compute::cast(col, to).map_err(|e| Error::Table {
                table: "shipments",
                message: format!("column {name}: {e}"),
            })
        };
        let mut text = Vec::new();
        for name in ["record_id", "hs_code"]
            .into_iter()
            .chain(GOODS_COLUMNS)
            .chain(PARTY_COLUMNS)
            .chain(COUNTRY_COLUMNS)
        {
            text.push((name, cast(name, &DataType::Utf8)?));
        }
        Ok(Columns {
            text,
            date: Some(cast("declaration_date", &DataType::Date32)?),
            value: Some(cast("value_usd", &DataType::Float64)?),
        })
    }

    fn str(&self, name: &str, row: usize) -> Option<&str> {
        let (_, col) = self.text.iter().find(|(n, _)| *n == name)?;
        let col = col.as_string::<i32>();
        (col.is_valid(row) && !col.value(row).is_empty()).then(|| col.value(row))
    }

    /// The record id of a row ("" when missing, which the schema forbids).
    pub fn record_id(&self, row: usize) -> &str {
        self.str("record_id", row).unwrap_or_default()
    }

    /// The document for one row, with its category when known.
    pub fn document(&self, f: &Fields, row: usize, category: Option<&str>) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        let rid = self.record_id(row);
        doc.add_text(f.record_id, rid);
        doc.add_u64(f.rid_hash, rid_hash(rid));
        let goods: Vec<&str> = GOODS_COLUMNS
            .iter()
            .filter_map(|c| self.str(c, row))
            .collect();
        let goods = goods.join(" \n ");
        doc.add_text(f.text, &goods);
        doc.add_text(f.fold, &goods);
        for c in PARTY_COLUMNS {
            if let Some(v) = self.str(c, row) {
                doc.add_text(f.party, v);
            }
        }
        let mut countries: Vec<String> = COUNTRY_COLUMNS
            .iter()
            .filter_map(|c| self.str(c, row))
            .map(|v| v.trim().to_ascii_uppercase())
            .collect();
        countries.sort();
        countries.dedup();
        for c in countries {
            doc.add_text(f.country, c);
        }
        if let Some(hs) = self.str("hs_code", row) {
            let digits: String = hs.chars().filter(char::is_ascii_digit).collect();
            for n in 2..=digits.len().min(10) {
                doc.add_text(f.hs_prefix, &digits[..n]);
            }
            doc.add_text(f.hs_code, hs);
        }
        if let Some(c) = category {
            doc.add_text(f.category, c);
        }
        if let Some(d) = self.date.as_ref().map(|a| a.as_primitive::<Date32Type>())
            && d.is_valid(row)
        {
            doc.add_i64(f.date, i64::from(d.value(row)));
        }
        if let Some(v) = self.value.as_ref().map(|a| a.as_primitive::<Float64Type>())
            && v.is_valid(row)
        {
            doc.add_f64(f.value_usd, v.value(row));
        }
        let description = self.str("description", row);
        let description = description.or_else(|| self.str("description_en", row));
        doc.add_text(f.description, description.unwrap_or_default());
        for (field, col) in [
            (f.sender, "sender_name"),
            (f.recipient, "recipient_name"),
            (f.declarant, "declarant_name"),
        ] {
            if let Some(v) = self.str(col, row) {
                doc.add_text(field, v);
            }
        }
        doc
    }
}
