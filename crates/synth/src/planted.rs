//! Planted structures other than chains: brand exit, direct brand-owner sales, structuring, ephemeral exporters, shells, currency shift and country triangles.
//!
//! Each structure is a handful of declarations with its anomaly codes attached, scheduled into its month before the random flow is drawn.

use tradetrail_refdata::products::catalogue;

use crate::declarations::{self, Decl, FileKind};
use crate::entities::Population;
use crate::geo;
use crate::goods::{self, Goods};
use crate::sample::{self, Rng};
use crate::templates::TemplateSet;

/// Everything the planting needs.
pub struct Planter<'a> {
    /// The parties.
    pub pop: &'a Population,
    /// The product tables.
    pub goods: &'a Goods,
    /// The wording set.
    pub set: &'a TemplateSet,
    /// Declarations planted so far.
    pub out: Vec<Decl>,
}

fn ru_file(r: &mut Rng) -> FileKind {
    if sample::chance(r, 0.65) {
        FileKind::Vendor
    } else {
        FileKind::Customs
    }
}

impl Planter<'_> {
    fn ru_buyer(&self, r: &mut Rng, day: i32) -> u32 {
        let pool = &self.pop.ru_drone_importers;
        for _ in 0..8 {
            let e = pool[sample::index(r, pool.len())];
            if self.pop.get(e).active.0 <= day {
                return e;
            }
        }
        pool[0]
    }

    #[allow(clippy::too_many_arguments)]
    fn one(
        &mut self,
        r: &mut Rng,
        file: FileKind,
        date: i32,
        sender: u32,
        recipient: u32,
        brand: Option<&str>,
        cat: &str,
        code: Option<(&'static str, String)>,
    ) {
        let mut d = declarations::header(r, self.pop, file, date, sender, recipient);
        for _ in 0..sample::int(r, 1, 3) {
            let p = brand
                .and_then(|b| self.goods.pick_brand(r, b, cat, date))
                .unwrap_or_else(|| self.goods.pick(r, cat, date));
            let item = declarations::drone_item(r, self.set, p, date, file.utf8(), false);
            d.items.push(item);
        }
        if let Some(c) = code {
            d.anomalies.push(c);
        }
        self.out.push(d);
    }

    /// DJI's own companies shipping to Russia before and (planted) after the exit statement; Autel's direct sales ending in February 2023; Mugin direct.
    pub fn brand_owners(&mut self, r: &mut Rng, scale: usize) {
        let dji: Vec<u32> = self
            .pop
            .brand_parties
            .iter()
            .filter(|(b, _)| *b == "DJI")
            .map(|(_, e)| *e)
            .collect();
        let exit = catalogue()
            .brand("DJI")
            .and_then(|b| b.statements.iter().find(|s| s.kind == "exit_russia"))
            .map(|s| s.date.clone())
            .unwrap_or_default();
        for i in 0..(3 + scale) {
            let date = geo::day(2021, 3, 1) + sample::int(r, 0, 400) as i32;
            let date = date.min(geo::day(2022, 4, 15));
            let s = dji[i % dji.len()];
            let f = ru_file(r);
            let buyer = self.ru_buyer(r, date);
            self.one(r, f, date, s, buyer, Some("DJI"), "drone", None);
        }
        for i in 0..(3 + scale / 2) {
            let date = geo::day(2022, 5, 1) + sample::int(r, 0, 600) as i32;
            let s = dji[i % dji.len()];
            let f = ru_file(r);
            let buyer = self.ru_buyer(r, date);
            let detail = format!(
                "{} ships to RU after the exit statement of {exit}",
                self.pop.get(s).canonical
            );
            self.one(
                r,
                f,
                date,
                s,
                buyer,
                Some("DJI"),
                "drone",
                Some(("brand_exit", detail)),
            );
        }
        if let Some(autel) = self.pop.brand_owner("Autel Robotics") {
            let last = geo::day(2023, 2, 1) + sample::int(r, 0, 27) as i32;
            for i in 0..(4 + scale) {
                let date = if i == 0 {
                    last
                } else {
                    geo::day(2021, 6, 1)
                        + sample::int(r, 0, (last - geo::day(2021, 6, 1)) as i64) as i32
                };
                let f = ru_file(r);
                let buyer = self.ru_buyer(r, date);
                self.one(
                    r,
                    f,
                    date,
                    autel,
                    buyer,
                    Some("Autel Robotics"),
                    "drone",
                    None,
                );
            }
        }
        if let Some(mugin) = self.pop.brand_owner("Mugin") {
            for _ in 0..(2 + scale / 2) {
                let date = geo::day(2022, 6, 1) + sample::int(r, 0, 500) as i32;
                let (f, buyer) = if sample::chance(r, 0.3) {
                    (
                        FileKind::Kz,
                        self.pop.kz_drone_importers
                            [sample::index(r, self.pop.kz_drone_importers.len())],
                    )
                } else {
                    (ru_file(r), self.ru_buyer(r, date))
                };
                self.one(r, f, date, mugin, buyer, Some("Mugin"), "drone", None);
            }
        }
    }

    /// One consignment split into many lines just below 10,000 USD each.
    pub fn structuring(&mut self, r: &mut Rng, n: usize) {
        for k in 0..n {
            let date = geo::invasion() + sample::int(r, 30, 1000) as i32;
            let sender = self.pop.drone_traders[sample::index(r, self.pop.drone_traders.len())];
            let buyer = self.ru_buyer(r, date);
            let p = self
                .goods
                .pick_brand(r, "DJI", "drone", date)
                .filter(|p| p.list_price_usd < 4000.0)
                .unwrap_or_else(|| self.goods.pick(r, "drone_part", date));
            let f = ru_file(r);
            let lines = sample::int(r, 8, 20) as usize;
            let per_decl = lines.div_ceil(2);
            for chunk in 0..2 {
                let mut d = declarations::header(r, self.pop, f, date + chunk, sender, buyer);
                for _ in 0..per_decl {
                    let unit = p.list_price_usd * sample::uniform(r, 0.8, 0.95);
                    let qty = (sample::uniform(r, 9000.0, 9990.0) / unit).floor().max(1.0);
                    let mut item = goods::product_item(r, p, date, qty, self.set, f.utf8(), false);
                    item.true_unit_usd = unit;
                    item.declared_usd = unit * qty;
                    d.items.push(item);
                }
                d.anomalies.push((
                    "structuring",
                    format!("S{k:04}: {lines} lines below 10,000 USD on one lane within two days"),
                ));
                self.out.push(d);
            }
        }
    }

    /// Exporters active for a few weeks, shipping drone goods in a burst.
    pub fn ephemeral(&mut self, r: &mut Rng) {
        for &e in &self.pop.ephemeral.clone() {
            let (a, b) = self.pop.get(e).active;
            for _ in 0..sample::int(r, 4, 10) {
                let date = a + sample::int(r, 0, i64::from(b - a)) as i32;
                let f = ru_file(r);
                let buyer = self.ru_buyer(r, date);
                let detail = format!(
                    "{} active {} to {}",
                    self.pop.get(e).tag(),
                    geo::iso_date(a),
                    geo::iso_date(b)
                );
                self.one(
                    r,
                    f,
                    date,
                    e,
                    buyer,
                    None,
                    "drone",
                    Some(("ephemeral_exporter", detail)),
                );
            }
        }
    }

    /// Shell clusters sharing one address and phone, each member shipping drone goods.
    pub fn shells(&mut self, r: &mut Rng) {
        for (g, members) in self.pop.shells.clone().iter().enumerate() {
            for &e in members {
                for _ in 0..sample::int(r, 2, 4) {
                    let date = (self.pop.get(e).active.0 + sample::int(r, 0, 700) as i32)
                        .min(geo::day(2024, 12, 20));
                    let f = ru_file(r);
                    let buyer = self.ru_buyer(r, date);
                    let cat = if sample::chance(r, 0.5) {
                        "drone"
                    } else {
                        "drone_part"
                    };
                    let detail = format!(
                        "shell group {g}: {} parties at {}",
                        members.len(),
                        self.pop.get(e).address
                    );
                    self.one(
                        r,
                        f,
                        date,
                        e,
                        buyer,
                        None,
                        cat,
                        Some(("shell_address", detail)),
                    );
                }
            }
        }
    }

    /// Lanes invoiced in USD before the invasion and in CNY after it.
    pub fn currency_shift(&mut self, r: &mut Rng, n: usize) {
        for _ in 0..n {
            let sender = self.pop.drone_traders[sample::index(r, self.pop.drone_traders.len())];
            let buyer = self
                .pop
                .ru_drone_importers
                .iter()
                .copied()
                .find(|e| {
                    self.pop.get(*e).active.0 <= geo::day(2020, 1, 1) && sample::chance(r, 0.3)
                })
                .unwrap_or(self.pop.ru_drone_importers[0]);
            let f = ru_file(r);
            let mut date = geo::day(2020, 1, 1) + sample::int(r, 0, 60) as i32;
            while date < geo::day(2024, 10, 1) {
                let post = date >= geo::invasion();
                let code = post.then(|| {
                    (
                        "currency_shift",
                        format!(
                            "lane {}→{} invoiced in USD before 2022-02-24, CNY after",
                            self.pop.get(sender).tag(),
                            self.pop.get(buyer).tag()
                        ),
                    )
                });
                self.one(r, f, date, sender, buyer, None, "drone_part", code);
                if let Some(d) = self.out.last_mut() {
                    d.currency = if post { "CNY" } else { "USD" };
                }
                date += sample::int(r, 45, 100) as i32;
            }
        }
    }

    /// Components of US, Japanese or Swiss origin dispatched from HK, AE or TR, with a third trading country.
    pub fn triangles(&mut self, r: &mut Rng, n: usize) {
        let senders: Vec<u32> = self
            .pop
            .intermediaries
            .iter()
            .copied()
            .filter(|e| ["HK", "AE", "TR"].contains(&self.pop.get(*e).country))
            .collect();
        let comps: Vec<_> = catalogue()
            .products
            .iter()
            .filter(|p| p.category == "component")
            .collect();
        for _ in 0..n {
            let date = geo::day(2022, 3, 1) + sample::int(r, 0, 1000) as i32;
            let sender = senders[sample::index(r, senders.len())];
            let f = ru_file(r);
            let buyer = self.ru_buyer(r, date);
            let mut d = declarations::header(r, self.pop, f, date, sender, buyer);
            let dispatch = self.pop.get(sender).country;
            d.dispatch = dispatch;
            d.trading = *sample::pick(
                r,
                &["HK", "AE", "TR", "CN"]
                    .iter()
                    .filter(|c| **c != dispatch)
                    .copied()
                    .collect::<Vec<_>>(),
            );
            for _ in 0..sample::int(r, 1, 4) {
                let p = *sample::pick(r, &comps);
                let qty = goods::quantity(r, p);
                let item = goods::product_item(r, p, date, qty, self.set, f.utf8(), false);
                d.items.push(item);
            }
            let detail = format!(
                "origin {}, dispatch {dispatch}, trading {}",
                d.items[0].origin, d.trading
            );
            d.anomalies.push(("country_triangle", detail));
            self.out.push(d);
        }
    }
}
