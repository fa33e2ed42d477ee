//! The three declaration files: one CSV writer per layout, turning a declaration's items into rows in that file's conventions.
//!
//! `ru_vendor.csv` is UTF-8 with commas and `NULL`; `ru_customs.csv` is Windows-1251 with semicolons and decimal commas; `kz_imports.csv` is UTF-8 with semicolons.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::declarations::{Decl, FileKind};
use crate::entities::Population;
use crate::geo;
use crate::goods::Item;
use crate::names::{self, Want};
use crate::sample::{self, Rng};
use crate::templates::TemplateSet;

/// Headers of `ru_vendor.csv` (the `ru-vendor` profile).
pub const VENDOR_HEADERS: &[&str] = &[
    "RECORD_ID",
    "DECLARATION_NUMBER",
    "IMP_DATE",
    "ITEM_NO",
    "CUSTOMS_PROCEDURE_CODE",
    "SUPPLIER_NAME",
    "SUPPLIER_ADDRESS",
    "SUPPLIER_COUNTRY",
    "IMPORTER_CODE",
    "IMPORTER_NAME",
    "IMPORTER_NAME_EN",
    "IMPORTER_ADDRESS",
    "TRADING_COUNTRY",
    "DISPATCH_COUNTRY",
    "ORIGIN_COUNTRY",
    "BRAND",
    "MANUFACTURER",
    "MODEL",
    "HS_CODE",
    "PRODUCT_DESCRIPTION",
    "PRODUCT_DESCRIPTION_EN",
    "QUANTITY",
    "UNIT",
    "GROSS_WEIGHT_KG",
    "NET_WEIGHT_KG",
    "INVOICE_VALUE",
    "CURRENCY",
    "TOTAL_VALUE_USD",
    "INCOTERMS",
];

/// Headers of `ru_customs.csv` (the `ru-customs` profile).
pub const CUSTOMS_HEADERS: &[&str] = &[
    "Номер ДТ",
    "Дата ДТ",
    "Номер товара",
    "Направление",
    "Таможенная процедура",
    "Отправитель",
    "Адрес отправителя",
    "Страна отправителя",
    "Получатель",
    "ИНН получателя",
    "Адрес получателя",
    "Декларант",
    "ИНН декларанта",
    "Торгующая страна",
    "Страна отправления",
    "Страна происхождения",
    "Страна назначения",
    "Условия поставки",
    "Вид транспорта",
    "Таможенный пост",
    "Код ТН ВЭД",
    "Описание товара",
    "Товарный знак",
    "Производитель",
    "Модель",
    "Артикул",
    "Количество",
    "Ед. изм.",
    "Вес брутто, кг",
    "Вес нетто, кг",
    "Фактурная стоимость",
    "Валюта",
    "Таможенная стоимость, руб",
    "Статистическая стоимость, USD",
];

/// Headers of `kz_imports.csv` (no built-in profile; found by auto-detection).
pub const KZ_HEADERS: &[&str] = &[
    "Рег. номер ДТ",
    "Дата регистрации",
    "Номер товара",
    "Наименование отправителя",
    "Страна отправителя",
    "Наименование получателя",
    "БИН получателя",
    "Код товара по ТН ВЭД",
    "Наименование товара",
    "Торговая марка",
    "Производитель",
    "Страна происхождения",
    "Страна отправления",
    "Торгующая страна",
    "Количество",
    "Единица измерения",
    "Вес нетто, кг",
    "Вес брутто, кг",
    "Фактурная стоимость",
    "Валюта",
    "Стоимость, долл. США",
];

/// A CSV file being written row by row.
pub struct Csv {
    out: BufWriter<fs_err::File>,
    delim: char,
    cp1251: bool,
    /// Physical line of the last row written (1 = header).
    pub line: u64,
    buf: String,
}

impl Csv {
    /// Creates the file and writes the header.
    pub fn create(
        path: &Path,
        delim: char,
        cp1251: bool,
        headers: &[&str],
    ) -> std::io::Result<Self> {
        let out = BufWriter::with_capacity(1 << 20, fs_err::File::create(path)?);
        let mut csv = Self {
            out,
            delim,
            cp1251,
            line: 0,
            buf: String::with_capacity(1024),
        };
        csv.row(headers)?;
        Ok(csv)
    }

    /// Writes one row and returns its 1-based physical line.
    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) -> std::io::Result<u64> {
        self.buf.clear();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.buf.push(self.delim);
            }
            let f = f.as_ref();
            let d = self.delim as u8;
            if f.bytes()
                .any(|b| b == d || b == b'"' || b == b'\n' || b == b'\r')
            {
                self.buf.push('"');
                for c in f.chars() {
                    match c {
                        '"' => self.buf.push_str("\"\""),
                        '\n' | '\r' => self.buf.push(' '),
                        c => self.buf.push(c),
                    }
                }
                self.buf.push('"');
            } else {
                self.buf.push_str(f);
            }
        }
        self.buf.push('\n');
        if self.cp1251 {
            let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(&self.buf);
            debug_assert!(!bad, "not encodable in windows-1251: {}", self.buf);
            self.out.write_all(&bytes)?;
        } else {
            self.out.write_all(self.buf.as_bytes())?;
        }
        self.line += 1;
        Ok(self.line)
    }

    /// Flushes the file.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A written mention: role, column, text, entity.
pub type Mention = (&'static str, &'static str, String, u32);

/// The cells of one row and the mentions in it.
pub struct Row {
    /// Cells in header order.
    pub cells: Vec<String>,
    /// Party mentions written in the row.
    pub mentions: Vec<Mention>,
    /// The record id in the file.
    pub record_id: String,
}

fn or_null(s: &str) -> String {
    if s.is_empty() {
        "NULL".into()
    } else {
        s.to_string()
    }
}

/// Renders one item of a declaration in the layout of its file.
#[allow(clippy::too_many_arguments)]
pub fn render(
    r: &mut Rng,
    pop: &Population,
    set: &TemplateSet,
    d: &Decl,
    number: &str,
    office: &str,
    item_no: usize,
    it: &Item,
    record_seq: u64,
) -> Row {
    let s = pop.get(d.sender);
    let rc = pop.get(d.recipient);
    let usd_per = geo::usd_per_unit(d.currency, d.date);
    let invoice = it.declared_usd / usd_per;
    let record_id = match d.file {
        FileKind::Vendor => format!(
            "RV{:010}",
            record_seq.wrapping_mul(2_654_435_761) % 10_000_000_000
        ),
        _ => format!("{number}#{item_no}"),
    };
    match d.file {
        FileKind::Vendor => {
            let sender = names::mention(r, s, Want::Local, false, set);
            let rec = names::mention(r, rc, Want::Local, false, set);
            let rec_en = names::mention(r, rc, Want::Latin, false, set);
            let desc = match sample::index(r, 20) {
                0 if !it.desc.zh.is_empty() => it.desc.zh.clone(),
                1 => it.desc.en.clone(),
                _ => it.desc.ru.clone(),
            };
            let desc_en = if sample::chance(r, 0.4) {
                it.desc.en.clone()
            } else {
                String::new()
            };
            let unit = if it.unit == "ШТ" && sample::chance(r, 0.4) {
                "PCS"
            } else {
                it.unit
            };
            let cells = vec![
                record_id.clone(),
                number.to_string(),
                geo::iso_date(d.date),
                item_no.to_string(),
                "40".into(),
                sender.clone(),
                if sample::chance(r, 0.8) {
                    s.address.clone()
                } else {
                    String::new()
                },
                geo::country_vendor(r, s.country),
                rc.id_of("INN").unwrap_or("").to_string(),
                rec.clone(),
                rec_en.clone(),
                rc.address.clone(),
                geo::country_vendor(r, d.trading),
                geo::country_vendor(r, d.dispatch),
                geo::country_vendor(r, it.origin),
                it.desc.brand.clone(),
                it.desc.manufacturer.clone(),
                it.desc.model.clone(),
                it.declared_hs.clone(),
                desc,
                desc_en,
                geo::num_point(it.qty_declared, 0),
                unit.to_string(),
                geo::num_point(it.gross_kg, 3),
                geo::num_point(it.net_kg, 3),
                geo::num_point(invoice, 2),
                d.currency.to_string(),
                geo::num_point(it.declared_usd, 2),
                d.incoterms.to_string(),
            ];
            let cells = cells.iter().map(|c| or_null(c)).collect();
            let mentions = vec![
                ("sender", "SUPPLIER_NAME", sender, s.id),
                ("recipient", "IMPORTER_NAME", rec, rc.id),
                ("recipient", "IMPORTER_NAME_EN", rec_en, rc.id),
            ];
            Row {
                cells,
                mentions,
                record_id,
            }
        }
        FileKind::Customs => {
            let fold = crate::translit::fold_cp1251;
            let sender = names::mention(r, s, Want::Local, true, set);
            let rec = names::mention(r, rc, Want::Local, true, set);
            let decl = pop.get(d.declarant.unwrap_or(d.recipient));
            let declarant = names::mention(r, decl, Want::Local, true, set);
            let g = sample::chance(r, 0.3);
            let rub =
                it.declared_usd / geo::usd_per_unit("RUB", d.date) * sample::uniform(r, 1.0, 1.04);
            let unit = match (it.unit, sample::index(r, 3)) {
                ("ШТ", 0) => "796 ШТ",
                (u, _) => u,
            };
            let desc = if sample::chance(r, 0.05) {
                fold(&it.desc.en)
            } else {
                fold(&it.desc.ru)
            };
            let cells = vec![
                number.to_string(),
                geo::ru_date(d.date),
                item_no.to_string(),
                "ИМ".into(),
                "40".into(),
                sender.clone(),
                fold(&s.address),
                geo::country_ru_mixed(r, s.country),
                rec.clone(),
                rc.id_of("INN").unwrap_or("").to_string(),
                rc.address.clone(),
                declarant.clone(),
                decl.id_of("INN").unwrap_or("").to_string(),
                geo::country_ru_mixed(r, d.trading),
                geo::country_ru_mixed(r, d.dispatch),
                geo::country_ru_mixed(r, it.origin),
                geo::country_ru_mixed(r, "RU"),
                d.incoterms.to_string(),
                d.transport.to_string(),
                office.to_string(),
                it.declared_hs.clone(),
                desc,
                fold(&it.desc.brand),
                fold(&it.desc.manufacturer),
                fold(&it.desc.model),
                String::new(),
                geo::num_comma(it.qty_declared, 0, g),
                unit.to_string(),
                geo::num_comma(it.gross_kg, 3, g),
                geo::num_comma(it.net_kg, 3, g),
                geo::num_comma(invoice, 2, g),
                geo::currency_ru_mixed(r, d.currency),
                geo::num_comma(rub, 2, g),
                geo::num_comma(it.declared_usd, 2, g),
            ];
            let mentions = vec![
                ("sender", "Отправитель", sender, s.id),
                ("recipient", "Получатель", rec, rc.id),
                ("declarant", "Декларант", declarant, decl.id),
            ];
            Row {
                cells,
                mentions,
                record_id,
            }
        }
        FileKind::Kz => {
            let sender = names::mention(r, s, Want::Local, false, set);
            let rec = names::mention(r, rc, Want::Local, false, set);
            let g = sample::chance(r, 0.2);
            let country = |r: &mut Rng, c: &str| {
                if sample::chance(r, 0.8) {
                    geo::country(c).ru.to_string()
                } else {
                    c.to_string()
                }
            };
            let desc = if !it.desc.zh.is_empty() && sample::chance(r, 0.08) {
                it.desc.zh.clone()
            } else {
                it.desc.ru.clone()
            };
            let cells = vec![
                number.to_string(),
                geo::ru_date(d.date),
                item_no.to_string(),
                sender.clone(),
                country(r, s.country),
                rec.clone(),
                rc.id_of("BIN").unwrap_or("").to_string(),
                it.declared_hs.clone(),
                desc,
                it.desc.brand.clone(),
                it.desc.manufacturer.clone(),
                country(r, it.origin),
                country(r, d.dispatch),
                country(r, d.trading),
                geo::num_comma(it.qty_declared, 0, g),
                if it.unit == "ШТ" {
                    "шт".into()
                } else {
                    it.unit.to_lowercase()
                },
                geo::num_comma(it.net_kg, 3, g),
                geo::num_comma(it.gross_kg, 3, g),
                geo::num_comma(invoice, 2, g),
                d.currency.to_string(),
                geo::num_comma(it.declared_usd, 2, g),
            ];
            let mentions = vec![
                ("sender", "Наименование отправителя", sender, s.id),
                ("recipient", "Наименование получателя", rec, rc.id),
            ];
            Row {
                cells,
                mentions,
                record_id,
            }
        }
    }
}
