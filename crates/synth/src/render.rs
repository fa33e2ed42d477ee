//! Renders a declaration's items as rows of its file, in that file's conventions, on the drawing thread.
//!
//! Each row is written cell by cell into one reused [`Line`] and copied out once, so a row costs a handful of allocations.
//! The random draws happen in a fixed order per row, so the bytes depend only on the seed.

use std::fmt::Write as _;

use crate::declarations::{Decl, FileKind};
use crate::entities::{Entity, Population, Style};
use crate::geo;
use crate::goods::Item;
use crate::names::{self, Want};
use crate::sample::{self, Rng};
use crate::templates::TemplateSet;
use crate::writers::{Line, Row};

/// Numbering state of the drawing thread: per-office sequence counters, the vendor record counter and the line buffers.
pub struct Numbering {
    seq: Vec<u32>,
    vendor_rows: u64,
    lines: [Line; 3],
}

impl Default for Numbering {
    fn default() -> Self {
        Self {
            seq: (0..geo::RU_OFFICES.len() + geo::KZ_OFFICES.len())
                .map(|i| 1000 + 137 * i as u32)
                .collect(),
            vendor_rows: 0,
            lines: [
                Line::new(',', true),
                Line::new(';', false),
                Line::new(';', false),
            ],
        }
    }
}

/// Numbers a declaration and renders its rows.
pub fn declaration(
    rng: &mut Rng,
    pop: &Population,
    set: &TemplateSet,
    nb: &mut Numbering,
    d: &Decl,
) -> Vec<Row> {
    let (office_idx, office) = match d.file {
        FileKind::Kz => {
            let i = sample::index(rng, geo::KZ_OFFICES.len());
            (geo::RU_OFFICES.len() + i, geo::KZ_OFFICES[i])
        }
        _ => {
            let i = sample::index(rng, geo::RU_OFFICES.len());
            (i, geo::RU_OFFICES[i].0)
        }
    };
    nb.seq[office_idx] += 1 + sample::index(rng, 40) as u32;
    let number = geo::declaration_number(office, d.date, nb.seq[office_idx] % 10_000_000);
    let mut rows = Vec::with_capacity(d.items.len());
    for (k, it) in d.items.iter().enumerate() {
        if d.file == FileKind::Vendor {
            nb.vendor_rows += 1;
        }
        let record_id = match d.file {
            FileKind::Vendor => format!(
                "RV{:010}",
                nb.vendor_rows.wrapping_mul(2_654_435_761) % 10_000_000_000
            ),
            _ => format!("{number}#{}", k + 1),
        };
        let line = &mut nb.lines[d.file as usize];
        line.clear();
        let head = Head {
            number: &number,
            office,
            item_no: k + 1,
            record_id: &record_id,
        };
        let mentions = match d.file {
            FileKind::Vendor => vendor(rng, pop, set, d, &head, it, line),
            FileKind::Customs => customs(rng, pop, set, d, &head, it, line),
            FileKind::Kz => kz(rng, pop, set, d, &head, it, line),
        };
        rows.push(Row {
            text: line.finish().to_string(),
            mentions,
            record_id,
        });
    }
    rows
}

/// What every row of a declaration shares.
struct Head<'a> {
    number: &'a str,
    office: &'a str,
    item_no: usize,
    record_id: &'a str,
}

fn item_no(line: &mut Line, n: usize) {
    line.with(|s| {
        let _ = write!(s, "{n}");
    });
}

fn point(line: &mut Line, x: f64, decimals: usize) {
    line.with(|s| {
        let _ = write!(s, "{x:.decimals$}");
    });
}

fn comma(line: &mut Line, x: f64, decimals: usize, grouped: bool) {
    line.with(|s| geo::push_num_comma(s, x, decimals, grouped));
}

/// A cell folded to what Windows-1251 can encode.
fn folded(line: &mut Line, text: &str) {
    if crate::translit::cp1251_ok(text) {
        line.cell(text);
    } else {
        line.cell(&crate::translit::fold_cp1251(text));
    }
}

/// Whether the English-header vendor writes this supplier in Latin letters.
///
/// Kazakh and Kyrgyz firms sign their export invoices in Latin (`GELIOS-M LLP`, `TOO "GELIOS-M"`) as often as in Cyrillic, and brokers copy what the invoice says.
/// Half of them, chosen by a hash of the entity id, are written in Latin on every row, so one firm is Cyrillic in the Kazakh import file and Latin here.
fn latin_supplier(e: &Entity) -> bool {
    matches!(e.style, Style::Kz | Style::Kg) && (e.id.wrapping_mul(0x9E37_79B9) >> 16) & 1 == 0
}

/// A row of `ru_vendor.csv`.
fn vendor(
    r: &mut Rng,
    pop: &Population,
    set: &TemplateSet,
    d: &Decl,
    h: &Head,
    it: &Item,
    line: &mut Line,
) -> Vec<(&'static str, &'static str, String, u32)> {
    let s = pop.get(d.sender);
    let rc = pop.get(d.recipient);
    let invoice = it.declared_usd / geo::usd_per_unit(d.currency, d.date);
    let mut sender = names::mention(r, s, Want::Local, false, set);
    if latin_supplier(s) {
        // Drawn from a copy of the stream, so every other cell and row stays byte-identical.
        sender = names::mention(&mut r.clone(), s, Want::Latin, false, set);
    }
    let rec = names::mention(r, rc, Want::Local, false, set);
    let rec_en = names::mention(r, rc, Want::Latin, false, set);
    let desc = match sample::index(r, 20) {
        0 if !it.desc.zh.is_empty() => &it.desc.zh,
        1 => &it.desc.en,
        _ => &it.desc.ru,
    };
    let desc_en = if sample::chance(r, 0.4) {
        it.desc.en.as_str()
    } else {
        ""
    };
    let unit = if it.unit == "ШТ" && sample::chance(r, 0.4) {
        "PCS"
    } else {
        it.unit
    };
    line.cell(h.record_id);
    line.cell(h.number);
    line.with(|s| geo::push_iso_date(d.date, s));
    item_no(line, h.item_no);
    line.cell("40");
    line.cell(&sender);
    line.cell(if sample::chance(r, 0.8) {
        s.address.as_str()
    } else {
        ""
    });
    line.cell(geo::country_vendor(r, s.country));
    line.cell(rc.id_of("INN").unwrap_or(""));
    line.cell(&rec);
    line.cell(&rec_en);
    line.cell(&rc.address);
    line.cell(geo::country_vendor(r, d.trading));
    line.cell(geo::country_vendor(r, d.dispatch));
    line.cell(geo::country_vendor(r, it.origin));
    line.cell(&it.desc.brand);
    line.cell(&it.desc.manufacturer);
    line.cell(&it.desc.model);
    line.cell(&it.declared_hs);
    line.cell(desc);
    line.cell(desc_en);
    point(line, it.qty_declared, 0);
    line.cell(unit);
    point(line, it.gross_kg, 3);
    point(line, it.net_kg, 3);
    point(line, invoice, 2);
    line.cell(d.currency);
    point(line, it.declared_usd, 2);
    line.cell(d.incoterms);
    vec![
        ("sender", "SUPPLIER_NAME", sender, s.id),
        ("recipient", "IMPORTER_NAME", rec, rc.id),
        ("recipient", "IMPORTER_NAME_EN", rec_en, rc.id),
    ]
}

/// A row of `ru_customs.csv` (in UTF-8; the writer encodes it to Windows-1251).
fn customs(
    r: &mut Rng,
    pop: &Population,
    set: &TemplateSet,
    d: &Decl,
    h: &Head,
    it: &Item,
    line: &mut Line,
) -> Vec<(&'static str, &'static str, String, u32)> {
    let s = pop.get(d.sender);
    let rc = pop.get(d.recipient);
    let invoice = it.declared_usd / geo::usd_per_unit(d.currency, d.date);
    let sender = names::mention(r, s, Want::Local, true, set);
    let rec = names::mention(r, rc, Want::Local, true, set);
    let decl = pop.get(d.declarant.unwrap_or(d.recipient));
    let declarant = names::mention(r, decl, Want::Local, true, set);
    let g = sample::chance(r, 0.3);
    let rub = it.declared_usd / geo::usd_per_unit("RUB", d.date) * sample::uniform(r, 1.0, 1.04);
    let unit = match (it.unit, sample::index(r, 3)) {
        ("ШТ", 0) => "796 ШТ",
        (u, _) => u,
    };
    let desc = if sample::chance(r, 0.05) {
        &it.desc.en
    } else {
        &it.desc.ru
    };
    line.cell(h.number);
    line.with(|s| geo::push_ru_date(d.date, s));
    item_no(line, h.item_no);
    line.cell("ИМ");
    line.cell("40");
    line.cell(&sender);
    folded(line, &s.address);
    line.with(|o| geo::push_country_ru_mixed(r, s.country, o));
    line.cell(&rec);
    line.cell(rc.id_of("INN").unwrap_or(""));
    line.cell(&rc.address);
    line.cell(&declarant);
    line.cell(decl.id_of("INN").unwrap_or(""));
    for c in [d.trading, d.dispatch, it.origin, "RU"] {
        line.with(|o| geo::push_country_ru_mixed(r, c, o));
    }
    line.cell(d.incoterms);
    line.cell(d.transport);
    line.cell(h.office);
    line.cell(&it.declared_hs);
    folded(line, desc);
    folded(line, &it.desc.brand);
    folded(line, &it.desc.manufacturer);
    folded(line, &it.desc.model);
    line.cell("");
    comma(line, it.qty_declared, 0, g);
    line.cell(unit);
    comma(line, it.gross_kg, 3, g);
    comma(line, it.net_kg, 3, g);
    comma(line, invoice, 2, g);
    line.cell(geo::currency_ru_mixed(r, d.currency));
    comma(line, rub, 2, g);
    comma(line, it.declared_usd, 2, g);
    vec![
        ("sender", "Отправитель", sender, s.id),
        ("recipient", "Получатель", rec, rc.id),
        ("declarant", "Декларант", declarant, decl.id),
    ]
}

/// A row of `kz_imports.csv`.
fn kz(
    r: &mut Rng,
    pop: &Population,
    set: &TemplateSet,
    d: &Decl,
    h: &Head,
    it: &Item,
    line: &mut Line,
) -> Vec<(&'static str, &'static str, String, u32)> {
    let s = pop.get(d.sender);
    let rc = pop.get(d.recipient);
    let invoice = it.declared_usd / geo::usd_per_unit(d.currency, d.date);
    let sender = names::mention(r, s, Want::Local, false, set);
    let rec = names::mention(r, rc, Want::Local, false, set);
    let g = sample::chance(r, 0.2);
    let country = |r: &mut Rng, c: &'static str| {
        if sample::chance(r, 0.8) {
            geo::country(c).ru
        } else {
            c
        }
    };
    let desc = if !it.desc.zh.is_empty() && sample::chance(r, 0.08) {
        &it.desc.zh
    } else {
        &it.desc.ru
    };
    line.cell(h.number);
    line.with(|s| geo::push_ru_date(d.date, s));
    item_no(line, h.item_no);
    line.cell(&sender);
    line.cell(country(r, s.country));
    line.cell(&rec);
    line.cell(rc.id_of("BIN").unwrap_or(""));
    line.cell(&it.declared_hs);
    line.cell(desc);
    line.cell(&it.desc.brand);
    line.cell(&it.desc.manufacturer);
    for c in [it.origin, d.dispatch, d.trading] {
        line.cell(country(r, c));
    }
    comma(line, it.qty_declared, 0, g);
    if it.unit == "ШТ" {
        line.cell("шт");
    } else {
        line.with(|s| s.extend(it.unit.chars().flat_map(char::to_lowercase)));
    }
    comma(line, it.net_kg, 3, g);
    comma(line, it.gross_kg, 3, g);
    comma(line, invoice, 2, g);
    line.cell(d.currency);
    comma(line, it.declared_usd, 2, g);
    vec![
        ("sender", "Наименование отправителя", sender, s.id),
        ("recipient", "Наименование получателя", rec, rc.id),
    ]
}
