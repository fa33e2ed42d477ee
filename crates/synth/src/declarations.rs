//! Declarations: a header (file, date, parties, countries, currency) with several goods items, drawn at random for the ordinary flow of trade.
//!
//! Drone-related declarations grow after 2022-02-24; random drone items carry the per-line anomalies (under-valuation, understated quantity, misclassification, vague text).

use tradetrail_refdata::products::Product;

use crate::entities::Population;
use crate::geo;
use crate::goods::{self, Goods, Item};
use crate::sample::{self, Rng};
use crate::templates::TemplateSet;

/// The three output files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKind {
    /// `ru_vendor.csv`.
    Vendor,
    /// `ru_customs.csv`.
    Customs,
    /// `kz_imports.csv`.
    Kz,
}

impl FileKind {
    /// File name in the output directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Vendor => "ru_vendor.csv",
            Self::Customs => "ru_customs.csv",
            Self::Kz => "kz_imports.csv",
        }
    }

    /// True for the UTF-8 files.
    pub fn utf8(self) -> bool {
        self != Self::Customs
    }
}

/// One declaration with its items.
#[derive(Debug, Clone)]
pub struct Decl {
    /// File it is written to.
    pub file: FileKind,
    /// Registration day.
    pub date: i32,
    /// Sender entity.
    pub sender: u32,
    /// Recipient entity.
    pub recipient: u32,
    /// Declarant entity (Russian customs file only).
    pub declarant: Option<u32>,
    /// Dispatch country.
    pub dispatch: &'static str,
    /// Trading country.
    pub trading: &'static str,
    /// Invoice currency.
    pub currency: &'static str,
    /// Incoterms rule.
    pub incoterms: &'static str,
    /// Transport mode as written.
    pub transport: &'static str,
    /// Goods items.
    pub items: Vec<Item>,
    /// Chain and hop index, when the declaration is a planted chain hop.
    pub chain: Option<(u32, usize)>,
    /// Anomalies that apply to every item, as (code, detail).
    pub anomalies: Vec<(&'static str, String)>,
}

/// What random declarations are drawn from.
pub struct Ctx<'a> {
    /// The parties.
    pub pop: &'a Population,
    /// The product tables.
    pub goods: &'a Goods,
    /// The wording set.
    pub set: &'a TemplateSet,
}

/// A currency for an ordinary lane on a day.
pub fn currency(r: &mut Rng, day: i32, file: FileKind) -> &'static str {
    let post = day >= geo::invasion();
    let w: [f64; 4] = match (file, post) {
        (FileKind::Kz, false) => [0.6, 0.2, 0.15, 0.05],
        (FileKind::Kz, true) => [0.45, 0.35, 0.1, 0.1],
        (_, false) => [0.55, 0.2, 0.15, 0.1],
        (_, true) => [0.3, 0.45, 0.1, 0.15],
    };
    ["USD", "CNY", "EUR", "RUB"][sample::weighted(r, &w)]
}

/// A new declaration header for a file, with no items yet.
pub fn header(
    r: &mut Rng,
    pop: &Population,
    file: FileKind,
    date: i32,
    sender: u32,
    recipient: u32,
) -> Decl {
    let s = pop.get(sender);
    let declarant = (file == FileKind::Customs).then(|| {
        if sample::chance(r, 0.7) {
            pop.brokers[sample::zipf(r, pop.brokers.len())]
        } else {
            recipient
        }
    });
    Decl {
        file,
        date,
        sender,
        recipient,
        declarant,
        dispatch: s.country,
        trading: s.country,
        currency: currency(r, date, file),
        incoterms: sample::pick::<&str>(r, &["FCA", "EXW", "CPT", "DAP", "CIF", "FOB", "CIP"]),
        transport: sample::pick::<&str>(
            r,
            &[
                "40 ВОЗДУШНЫЙ",
                "30 АВТОМОБИЛЬНЫЙ",
                "30 АВТОМОБИЛЬНЫЙ",
                "20 ЖЕЛЕЗНОДОРОЖНЫЙ",
                "10 МОРСКОЙ",
            ],
        ),
        items: Vec::new(),
        chain: None,
        anomalies: Vec::new(),
    }
}

fn active_pick(r: &mut Rng, pop: &Population, pool: &[u32], day: i32) -> u32 {
    for _ in 0..6 {
        let e = pool[sample::zipf(r, pool.len())];
        let (a, b) = pop.get(e).active;
        if a <= day && day <= b {
            return e;
        }
    }
    pool[0]
}

/// A random file by line share (55 / 25 / 20).
pub fn random_file(r: &mut Rng) -> FileKind {
    match sample::index(r, 20) {
        0..=10 => FileKind::Vendor,
        11..=15 => FileKind::Customs,
        _ => FileKind::Kz,
    }
}

/// Number of goods items in an ordinary declaration.
pub fn item_count(r: &mut Rng) -> usize {
    let mut n = 1;
    while n < 12 && sample::chance(r, 0.55) {
        n += 1;
    }
    n
}

/// A random declaration in month `m`.
pub fn random(r: &mut Rng, ctx: &Ctx, m: usize) -> Decl {
    let file = random_file(r);
    let (first, len) = geo::month_span(m);
    let date = first + sample::index(r, len as usize) as i32;
    let pop = ctx.pop;
    let drone_p = if date >= geo::invasion() { 0.13 } else { 0.04 };
    if sample::chance(r, drone_p) {
        let sender = if sample::chance(r, 0.85) {
            active_pick(r, pop, &pop.drone_traders, date)
        } else {
            let pool: Vec<u32> = pop
                .intermediaries
                .iter()
                .copied()
                .filter(|e| file != FileKind::Kz || pop.get(*e).country != "KZ")
                .collect();
            pool[sample::index(r, pool.len())]
        };
        let pool = if file == FileKind::Kz {
            &pop.kz_drone_importers
        } else {
            &pop.ru_drone_importers
        };
        let recipient = active_pick(r, pop, pool, date);
        let mut d = header(r, pop, file, date, sender, recipient);
        for _ in 0..item_count(r).min(6) {
            let cat = ["drone", "drone_part", "component", "other"]
                [sample::weighted(r, &[0.35, 0.3, 0.15, 0.2])];
            let p = ctx.goods.pick(r, cat, date);
            let item = drone_item(r, ctx.set, p, date, file.utf8(), true);
            d.items.push(item);
        }
        d
    } else {
        let sender = ctx.pop.bg_exporters[sample::zipf(r, ctx.pop.bg_exporters.len())];
        let pool = if file == FileKind::Kz {
            &pop.kz_importers
        } else {
            &pop.ru_importers
        };
        let recipient = pool[sample::zipf(r, pool.len())];
        let mut d = header(r, pop, file, date, sender, recipient);
        let sc = pop.get(sender).country;
        for _ in 0..item_count(r) {
            d.items.push(goods::background_item(r, ctx.set, sc));
        }
        d
    }
}

/// A catalogue goods line; with `anomalies`, drone goods may be under-valued, under-counted, misclassified or vaguely described.
pub fn drone_item(
    r: &mut Rng,
    set: &TemplateSet,
    p: &'static Product,
    date: i32,
    utf8: bool,
    anomalies: bool,
) -> Item {
    let qty = goods::quantity(r, p);
    let risky = anomalies && p.category != "other";
    let vague = risky && sample::chance(r, 0.06);
    let mut item = goods::product_item(r, p, date, qty, set, utf8, vague);
    if vague {
        item.anomalies
            .push(("vague_description", format!("generic text for {}", p.id)));
    }
    if !risky {
        return item;
    }
    if sample::chance(r, 0.04) {
        let f = sample::uniform(r, 0.05, 0.4);
        item.declared_usd = p.list_price_usd * f * item.qty_declared;
        item.anomalies.push((
            "under_declared_value",
            format!("declared unit value {:.2} of list price", f),
        ));
    } else if qty >= 2.0 && sample::chance(r, 0.03) {
        let k = sample::uniform(r, 3.0, 10.0);
        let true_qty = (qty * k).round();
        item.qty_true = true_qty;
        item.net_kg *= true_qty / qty;
        item.gross_kg *= true_qty / qty;
        item.anomalies.push((
            "understated_quantity",
            format!("declared {qty} units, weight implies {true_qty}"),
        ));
    }
    if sample::chance(r, 0.05) {
        let wrong = goods::wrong_hs6(r, p.category.as_str());
        if !p.hs6_expected.iter().any(|h| h == wrong) {
            item.declared_hs = goods::hs10(wrong);
            item.anomalies.push((
                "misclassified_hs",
                format!("declared {wrong}, true {}", item.true_hs6),
            ));
        }
    }
    item
}
