//! Turns one row of cells into a canonical [`ShipmentLine`], or says which column made it unusable.
//!
//! The line is written into a reused scratch value so that, on the hot path, filled text fields reuse their allocations.

use std::fmt::Write;

use tradetrail_model::{ShipmentLine, iso_date, reason};

use crate::fields::{Field, N_FIELDS};
use crate::values::number::{Decimal, parse_integer, parse_number};
use crate::values::refs::Lookups;
use crate::values::{date, hs, text};

/// Everything a worker needs to normalise rows of one file; shared read-only between threads.
#[derive(Debug, Clone)]
pub(crate) struct RowCtx {
    pub dataset: String,
    pub ingest_id: String,
    pub source_file: String,
    pub licence: Option<String>,
    pub headers: Vec<String>,
    pub cols: [Option<usize>; N_FIELDS],
    pub fallback: [Option<usize>; N_FIELDS],
    pub nulls: Vec<String>,
    pub decimal: Decimal,
    pub hint: Option<Decimal>,
    pub date_format: Option<String>,
    pub reporting_country: Option<&'static str>,
    pub default_direction: Option<&'static str>,
    pub default_currency: Option<&'static str>,
    /// Column holding a stored `record_id` to keep (canonical re-ingest).
    pub record_id_col: Option<usize>,
    pub max_field_bytes: usize,
    /// Earliest plausible declaration date.
    pub earliest_date: i32,
    /// Latest plausible declaration date, when known.
    pub latest_date: Option<i32>,
}

/// The cells of one row: `text[ends[i-1] + gap..ends[i]]` is cell `i` (the first starts at 0).
///
/// `gap` is 0 when the cells were copied out back to back, and 1 when they are read in place between one-byte delimiters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cells<'a> {
    pub text: &'a str,
    pub ends: &'a [usize],
    pub gap: usize,
}

impl<'a> Cells<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        self.text.get(start..end)
    }
}

/// Why a row could not be stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fault {
    pub code: &'static str,
    pub message: String,
    pub column: Option<String>,
}

impl Fault {
    pub fn new(code: &'static str, message: String, column: Option<String>) -> Self {
        Fault {
            code,
            message,
            column,
        }
    }
}

/// Replaces an optional string, reusing its allocation.
fn set(slot: &mut Option<String>, v: Option<&str>) {
    match (slot.as_mut(), v) {
        (Some(s), Some(v)) => {
            s.clear();
            s.push_str(v);
        }
        (None, Some(v)) => *slot = Some(v.to_owned()),
        (_, None) => *slot = None,
    }
}

fn set_req(slot: &mut String, v: &str) {
    if slot != v {
        slot.clear();
        slot.push_str(v);
    }
}

/// The 64-bit record hash: xxh3 over the dataset and the raw cells, each preceded by 0x1F.
/// The largest plausible value of a quantity, weight or value on one line.
/// A billion units or kilograms, and a trillion in any currency, are beyond every real declaration line yet far above the largest bulk cargo, so only typing errors and overflow reach them.
fn ceiling(field: Field) -> f64 {
    match field {
        Field::Quantity | Field::GrossKg | Field::NetKg => 1e9,
        _ => 1e12,
    }
}

pub(crate) fn record_hash(dataset: &str, cells: &Cells<'_>, scratch: &mut Vec<u8>) -> u64 {
    scratch.clear();
    scratch.extend_from_slice(dataset.as_bytes());
    for i in 0..cells.len() {
        scratch.push(0x1F);
        scratch.extend_from_slice(cells.get(i).unwrap_or("").as_bytes());
    }
    xxhash_rust::xxh3::xxh3_64(scratch)
}

impl RowCtx {
    fn header(&self, col: usize) -> String {
        self.headers
            .get(col)
            .cloned()
            .unwrap_or_else(|| format!("#{}", col + 1))
    }

    /// The cleaned value of a field, `None` when unmapped, missing or a null marker.
    fn value<'a>(&self, cells: &Cells<'a>, field: Field) -> Option<&'a str> {
        let cell = |cols: &[Option<usize>; N_FIELDS]| {
            let raw = cells.get(cols[field as usize]?)?;
            text::clean(raw, &self.nulls)
        };
        let v = cell(&self.cols).or_else(|| cell(&self.fallback))?;
        if field.has_fillers() && text::is_filler(v) {
            None
        } else {
            Some(v)
        }
    }

    /// A quantity, weight or value: a number in a local format, not negative, finite and below the field's ceiling.
    fn number(&self, v: Option<&str>, field: Field) -> Result<Option<f64>, Fault> {
        let Some(v) = v else { return Ok(None) };
        match parse_number(v, self.decimal, self.hint) {
            None => Err(self.bad(reason::BAD_NUMBER, field, v, "is not a number")),
            Some(n) if n < 0.0 => Err(self.bad(reason::NEGATIVE_NUMBER, field, v, "is negative")),
            Some(n) if !n.is_finite() || n > ceiling(field) => Err(self.bad(
                reason::IMPLAUSIBLE_NUMBER,
                field,
                v,
                &format!(
                    "exceeds {:e}, more than any real shipment line",
                    ceiling(field)
                ),
            )),
            Some(n) => Ok(Some(n)),
        }
    }

    fn bad(&self, code: &'static str, field: Field, v: &str, what: &str) -> Fault {
        let col = self.cols[field as usize]
            .map(|c| self.header(c))
            .unwrap_or_default();
        let (shown, _) = text::truncate_at(v, 200);
        Fault::new(
            code,
            format!("column {col:?} ({}): {shown:?} {what}", field.name()),
            Some(col),
        )
    }

    /// Normalises `cells` into `out`; returns the record hash, or the fault that sends the row to quarantine.
    pub fn normalise(
        &self,
        cells: &Cells<'_>,
        line: u64,
        out: &mut ShipmentLine,
        scratch: &mut Vec<u8>,
        cache: &mut Lookups,
    ) -> Result<u64, Fault> {
        use Field::*;
        for i in 0..cells.len() {
            let len = cells.get(i).map_or(0, str::len);
            if len > self.max_field_bytes {
                let col = self.header(i);
                return Err(Fault::new(
                    reason::OVERSIZED_FIELD,
                    format!(
                        "column {col:?}: cell of {len} bytes exceeds the limit of {} bytes",
                        self.max_field_bytes
                    ),
                    Some(col),
                ));
            }
        }
        let vals: [Option<&str>; N_FIELDS] =
            std::array::from_fn(|i| self.value(cells, Field::ALL[i]));
        if vals.iter().all(Option::is_none) {
            return Err(Fault::new(
                reason::EMPTY_ROW,
                "no value in any mapped column".into(),
                None,
            ));
        }
        let v = |f: Field| vals[f as usize];

        // Numbers and dates first: they decide whether the row is stored at all.
        let item_no =
            match v(ItemNo) {
                None => None,
                Some(s) => Some(parse_integer(s, self.decimal, self.hint).ok_or_else(|| {
                    self.bad(reason::BAD_NUMBER, ItemNo, s, "is not a whole number")
                })?),
            };
        let quantity = self.number(v(Quantity), Quantity)?;
        let gross = self.number(v(GrossKg), GrossKg)?;
        let net = self.number(v(NetKg), NetKg)?;
        let invoice = self.number(v(InvoiceValue), InvoiceValue)?;
        let customs = self.number(v(CustomsValue), CustomsValue)?;
        let stat = self.number(v(StatisticalValueUsd), StatisticalValueUsd)?;
        let decl_no = v(DeclarationNumber);
        let decl_date =
            match v(DeclarationDate) {
                Some(s) => Some(date::parse_date(s, self.date_format.as_deref()).ok_or_else(
                    || self.bad(reason::BAD_DATE, DeclarationDate, s, "is not a date"),
                )?),
                None => decl_no.and_then(date::date_from_declaration_number),
            };
        if let Some(d) = decl_date {
            let shown = v(DeclarationDate).or(decl_no).unwrap_or("");
            if d < self.earliest_date {
                let what = format!("is before {}", iso_date(self.earliest_date));
                return Err(self.bad(reason::IMPLAUSIBLE_DATE, DeclarationDate, shown, &what));
            }
            if let Some(latest) = self.latest_date.filter(|&l| d > l) {
                let what = format!("is after {}, the day of the ingest", iso_date(latest));
                return Err(self.bad(reason::IMPLAUSIBLE_DATE, DeclarationDate, shown, &what));
            }
        }

        let hash = match self
            .record_id_col
            .and_then(|c| cells.get(c))
            .and_then(crate::known::record_hash_from_id)
        {
            Some(h) => h,
            None => record_hash(&self.dataset, cells, scratch),
        };
        out.record_id.clear();
        let _ = write!(out.record_id, "{hash:016x}");
        set_req(&mut out.dataset, &self.dataset);
        set_req(&mut out.source_file, &self.source_file);
        out.source_line = line;
        set(&mut out.source_record_id, v(SourceRecordId));
        set(&mut out.licence, self.licence.as_deref());
        set_req(&mut out.ingest_id, &self.ingest_id);

        set(&mut out.declaration_number, decl_no);
        out.declaration_date = decl_date;
        set(&mut out.declaration_date_raw, v(DeclarationDate));
        out.item_no = item_no;
        let dir_raw = v(Direction);
        set(&mut out.direction_raw, dir_raw);
        set(
            &mut out.direction,
            match dir_raw {
                Some(d) => text::normalise_direction(d),
                None => self.default_direction,
            },
        );
        set(&mut out.procedure, v(Procedure));
        set(
            &mut out.reporting_country,
            v(ReportingCountry)
                .and_then(|c| cache.country(c))
                .or(self.reporting_country),
        );

        set(&mut out.sender_name, v(SenderName));
        set(&mut out.sender_name_en, v(SenderNameEn));
        set(&mut out.sender_address, v(SenderAddress));
        set(&mut out.sender_id, v(SenderId));
        set(&mut out.recipient_name, v(RecipientName));
        set(&mut out.recipient_name_en, v(RecipientNameEn));
        set(&mut out.recipient_address, v(RecipientAddress));
        set(&mut out.recipient_id, v(RecipientId));
        set(&mut out.declarant_name, v(DeclarantName));
        set(&mut out.declarant_id, v(DeclarantId));
        for (field, code, raw) in [
            (
                SenderCountry,
                &mut out.sender_country,
                &mut out.sender_country_raw,
            ),
            (
                TradingCountry,
                &mut out.trading_country,
                &mut out.trading_country_raw,
            ),
            (
                DispatchCountry,
                &mut out.dispatch_country,
                &mut out.dispatch_country_raw,
            ),
            (
                OriginCountry,
                &mut out.origin_country,
                &mut out.origin_country_raw,
            ),
            (
                DestinationCountry,
                &mut out.destination_country,
                &mut out.destination_country_raw,
            ),
        ] {
            let r = v(field);
            set(raw, r);
            set(code, r.and_then(|c| cache.country(c)));
        }
        match v(Incoterms) {
            Some(t) if t.bytes().any(|b| b.is_ascii_lowercase()) => {
                set(&mut out.incoterms, Some(&t.to_uppercase()))
            }
            t => set(&mut out.incoterms, t),
        }
        set(&mut out.delivery_place, v(DeliveryPlace));
        set(&mut out.transport_mode, v(TransportMode));
        set(&mut out.customs_office, v(CustomsOffice));
        set(&mut out.description, v(Description));
        set(&mut out.description_en, v(DescriptionEn));
        let hs_raw = v(HsCode);
        set(&mut out.hs_code_raw, hs_raw);
        let code = hs_raw.map(hs::normalise_hs).unwrap_or_default();
        out.hs_code = code.code;
        out.hs6 = code.hs6;
        set(&mut out.brand, v(Brand));
        set(&mut out.manufacturer, v(Manufacturer));
        set(&mut out.model, v(Model));
        set(&mut out.article, v(Article));
        out.quantity = quantity;
        set(&mut out.quantity_raw, v(Quantity));
        set(&mut out.unit, v(Unit));
        out.gross_kg = gross;
        set(&mut out.gross_kg_raw, v(GrossKg));
        out.net_kg = net;
        set(&mut out.net_kg_raw, v(NetKg));
        out.invoice_value = invoice;
        set(&mut out.invoice_value_raw, v(InvoiceValue));
        let cur_raw = v(Currency);
        set(&mut out.currency_raw, cur_raw);
        let currency = match cur_raw {
            Some(c) => cache.currency(c),
            None => self.default_currency,
        };
        set(&mut out.currency, currency);
        out.customs_value = customs;
        set(&mut out.customs_value_raw, v(CustomsValue));
        out.statistical_value_usd = stat;
        set(&mut out.statistical_value_usd_raw, v(StatisticalValueUsd));

        let (value, source, rate) = crate::values::usd::usd_value(
            stat,
            invoice,
            currency,
            customs,
            out.reporting_country.as_deref(),
            decl_date,
        );
        out.value_usd = value;
        set(&mut out.value_usd_source, source);
        out.fx_rate = rate;
        Ok(hash)
    }
}
