//! Planted intermediary chains: the same goods passing from a Chinese exporter through firms in HK, AE, TR, AM, PK, KG, KZ or BY to a Russian end recipient.
//!
//! Hops follow each other within weeks; a hop is visible only when it ends in Russia (Russian files) or Kazakhstan (the Kazakh file).
//! Invisible hops stay in `truth/chains.jsonl` with no file and line.
//! Truth: a visible hop out of an intermediary, or into one, is a `pass_through` line; every visible hop of a chain of three or more hops is a `long_chain` line.

use serde::Serialize;
use tradetrail_refdata::products::Product;

use crate::declarations::{self, Decl, FileKind};
use crate::entities::Population;
use crate::geo;
use crate::goods::{self, Goods};
use crate::sample::{self, Rng};
use crate::templates::TemplateSet;

/// Chains with more firms than this (three or more hops) are long chains: every visible hop is a `long_chain` anomaly.
pub const LONG_CHAIN_FIRMS: usize = 3;

/// One hop of a chain, as recorded in the truth.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    /// Seller entity id.
    pub from_entity: String,
    /// Buyer entity id.
    pub to_entity: String,
    /// File the hop is visible in, if any.
    pub file: Option<&'static str>,
    /// 1-based physical line of the hop's goods item, if visible.
    pub line: Option<u64>,
    /// Date of the hop, `yyyy-mm-dd`.
    pub date: String,
    /// Quantity passed on.
    pub quantity: f64,
    /// Value of the hop, USD.
    pub value_usd: f64,
}

/// A planted chain.
#[derive(Debug, Clone, Serialize)]
pub struct Chain {
    /// `C00012`.
    pub chain_id: String,
    /// Product id of the goods.
    pub goods: String,
    /// Brand of the goods.
    pub brand: String,
    /// Number of firms (hops + 1).
    pub firms: usize,
    /// The hops in order.
    pub hops: Vec<Hop>,
}

fn rank(country: &str) -> u8 {
    match country {
        "HK" => 0,
        "AE" | "TR" | "PK" => 1,
        "AM" => 2,
        _ => 3,
    }
}

/// Plans `n` chains; returns the chains and the declarations of their visible hops.
pub fn plan(
    r: &mut Rng,
    pop: &Population,
    goods: &Goods,
    set: &TemplateSet,
    n: usize,
) -> (Vec<Chain>, Vec<Decl>) {
    let mut chains = Vec::with_capacity(n);
    let mut decls = Vec::new();
    for c in 0..n {
        let firms_n = [2, 3, 3, 4, 4, 5, 6, 7, 8, 10, 12][sample::index(r, 11)];
        let mut date = geo::invasion() + sample::int(r, 7, 600) as i32;
        let cat = if sample::chance(r, 0.7) {
            "drone"
        } else {
            "drone_part"
        };
        let p: &'static Product = goods.pick(r, cat, date);
        let qty = (goods::quantity(r, p) * sample::uniform(r, 2.0, 5.0))
            .round()
            .max(2.0);
        let mut firms = vec![pop.drone_traders[sample::index(r, pop.drone_traders.len())]];
        let mut middle: Vec<u32> = Vec::new();
        while middle.len() < firms_n - 2 {
            let e = pop.intermediaries[sample::index(r, pop.intermediaries.len())];
            if !middle.contains(&e) {
                middle.push(e);
            }
            if middle.len() >= pop.intermediaries.len() {
                break;
            }
        }
        middle.sort_by_key(|e| (rank(pop.get(*e).country), *e));
        firms.extend(middle);
        let last_country = pop.get(*firms.last().unwrap_or(&0)).country;
        let recipient = if last_country == "KZ" && sample::chance(r, 0.2) {
            pop.kz_drone_importers[sample::index(r, pop.kz_drone_importers.len())]
        } else {
            pop.ru_drone_importers[sample::index(r, pop.ru_drone_importers.len())]
        };
        firms.push(recipient);
        let mut unit = p.list_price_usd * sample::uniform(r, 0.75, 0.9);
        let mut hops = Vec::with_capacity(firms.len() - 1);
        let mut prev_qty = qty;
        for (h, pair) in firms.windows(2).enumerate() {
            let (from, to) = (pair[0], pair[1]);
            let to_c = pop.get(to).country;
            let file = match to_c {
                "RU" => Some(if sample::chance(r, 0.65) {
                    FileKind::Vendor
                } else {
                    FileKind::Customs
                }),
                "KZ" => Some(FileKind::Kz),
                _ => None,
            };
            let hop_qty = if h == 0 {
                qty
            } else {
                (prev_qty * sample::uniform(r, 0.93, 1.0)).round().max(1.0)
            };
            prev_qty = hop_qty;
            if let Some(f) = file {
                let mut d = declarations::header(r, pop, f, date, from, to);
                let mut item = goods::product_item(r, p, date, hop_qty, set, f.utf8(), false);
                item.true_unit_usd = unit;
                item.declared_usd = unit * hop_qty;
                d.dispatch = pop.get(from).country;
                d.trading = d.dispatch;
                if h > 0 {
                    item.anomalies.push((
                        "pass_through",
                        format!("C{c:05} hop {h}: intermediary resells within weeks"),
                    ));
                } else if firms.len() > 2 {
                    item.anomalies.push((
                        "pass_through",
                        format!(
                            "C{c:05} hop 0: goods into an intermediary that resells within weeks"
                        ),
                    ));
                }
                if firms.len() > LONG_CHAIN_FIRMS {
                    item.anomalies.push((
                        "long_chain",
                        format!(
                            "C{c:05} hop {h} of {}: goods pass three or more hops of intermediaries",
                            firms.len() - 1
                        ),
                    ));
                }
                d.items.push(item);
                d.chain = Some((c as u32, h));
                decls.push(d);
            }
            hops.push(Hop {
                from_entity: pop.get(from).tag().to_string(),
                to_entity: pop.get(to).tag().to_string(),
                file: file.map(FileKind::file_name),
                line: None,
                date: geo::iso_date(date),
                quantity: hop_qty,
                value_usd: (unit * hop_qty * 100.0).round() / 100.0,
            });
            date += sample::int(r, 3, 25) as i32;
            unit *= sample::uniform(r, 1.02, 1.12);
        }
        chains.push(Chain {
            chain_id: format!("C{c:05}"),
            goods: p.id.clone(),
            brand: p.brand.clone(),
            firms: firms.len(),
            hops,
        });
    }
    (chains, decls)
}
