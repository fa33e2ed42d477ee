//! The parties of the world: manufacturers, small Chinese traders, intermediaries in third countries, Russian and Kazakh importers, brokers and shells.
//!
//! Entities are created once, before any row, from their own random stream; memory is O(entities).
//! Identifiers carry valid check digits where the real scheme has them (INN, OGRN, USCC).

use std::collections::HashSet;

use tradetrail_refdata::products::catalogue;

use crate::geo;
use crate::names;
use crate::registry::{cn_address, hk_address, inn, ogrn, ru_address, uscc};
use crate::sample::{self, Rng};
use crate::words::{CN_CITIES, CN_INDUSTRY, CN_LOOKALIKE, CN_TRADE, KZ_PREFIX, LATIN_A, LATIN_B};
use crate::words::{RU_MODIFIERS, RU_PREFIX, RU_SUFFIX, RU_WORDS};

/// How an entity's name is built and varied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Mainland Chinese company: city, trade name, line of business, form; Han and Latin.
    Cn,
    /// Hong Kong company: Latin name with a Han twin.
    Hk,
    /// Russian ООО/АО: Cyrillic core, transliterated.
    Ru,
    /// Kazakh ТОО.
    Kz,
    /// Kyrgyz ОсОО.
    Kg,
    /// Latin-script company with a country legal form (UAE, Türkiye, Armenia, Pakistan, Europe, Asia).
    Latin,
    /// A real brand owner or affiliate with fixed legal names from the catalogue.
    Fixed,
}

/// One party of the world.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Index in [`Population::entities`].
    pub id: u32,
    /// The id as written, `E000123`.
    pub tag: String,
    /// What the party is: manufacturer, affiliate, exporter, trader, intermediary, importer, broker.
    pub kind: &'static str,
    /// ISO alpha-2 country.
    pub country: &'static str,
    /// Name style.
    pub style: Style,
    /// Core of the name in Latin (pinyin, transliteration or Latin words).
    pub core_lat: String,
    /// Core of the name in the local script (hanzi or Cyrillic); equals `core_lat` for Latin names.
    pub core_local: String,
    /// City index for Chinese names.
    pub city: usize,
    /// Line-of-business index for Chinese names.
    pub industry: usize,
    /// Legal-form key: `ООО`, `АО`, or a country code for [`crate::words::legal_forms`].
    pub form: &'static str,
    /// Canonical Latin name.
    pub canonical: String,
    /// Canonical local-script name, when the party has one.
    pub local: Option<String>,
    /// Fixed legal names (brand owners only).
    pub fixed: Vec<String>,
    /// Identifiers as (scheme, value).
    pub ids: Vec<(&'static str, String)>,
    /// Address.
    pub address: String,
    /// Phone number.
    pub phone: String,
    /// Role tags, e.g. `drone_trader`, `chain`, `ephemeral`.
    pub roles: Vec<&'static str>,
    /// Shell cluster, when the party is one of several sharing an address and phone.
    pub shell_group: Option<u32>,
    /// First and last day the party may trade.
    pub active: (i32, i32),
    /// Brand the party owns or is affiliated with.
    pub brand: Option<&'static str>,
    /// The distinct party this one was made to look like.
    pub lookalike_of: Option<u32>,
}

impl Entity {
    /// The id as written in the truth files, `E000123`.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The identifier of one scheme.
    pub fn id_of(&self, scheme: &str) -> Option<&str> {
        self.ids
            .iter()
            .find(|(s, _)| *s == scheme)
            .map(|(_, v)| v.as_str())
    }
}

/// Every party, with the pools the declarations draw from.
#[derive(Debug, Default)]
pub struct Population {
    /// All entities, indexed by id.
    pub entities: Vec<Entity>,
    /// Exporters of background goods (China and elsewhere).
    pub bg_exporters: Vec<u32>,
    /// Russian importers of background goods.
    pub ru_importers: Vec<u32>,
    /// Kazakh importers of background goods.
    pub kz_importers: Vec<u32>,
    /// Small Chinese and Hong Kong traders of drone goods (including look-alike pairs).
    pub drone_traders: Vec<u32>,
    /// Russian buyers of drone goods.
    pub ru_drone_importers: Vec<u32>,
    /// Kazakh buyers of drone goods.
    pub kz_drone_importers: Vec<u32>,
    /// Intermediaries in third countries (HK, KZ, KG, AM, AE, TR, PK, BY).
    pub intermediaries: Vec<u32>,
    /// Russian customs brokers (declarants).
    pub brokers: Vec<u32>,
    /// Shell clusters: parties sharing one address and phone.
    pub shells: Vec<Vec<u32>>,
    /// Exporters active for a few weeks only.
    pub ephemeral: Vec<u32>,
    /// Brand owners and affiliates as (brand, entity).
    pub brand_parties: Vec<(&'static str, u32)>,
}

impl Population {
    /// The entity with this id.
    pub fn get(&self, id: u32) -> &Entity {
        &self.entities[id as usize]
    }

    /// The owner entity of a brand, when the world has one.
    pub fn brand_owner(&self, brand: &str) -> Option<u32> {
        self.brand_parties
            .iter()
            .find(|(b, e)| *b == brand && self.get(*e).kind == "manufacturer")
            .map(|(_, e)| *e)
    }
}

fn scaled(lines: u64, per: u64, lo: usize, hi: usize) -> usize {
    ((lines / per) as usize).clamp(lo, hi)
}

/// Builds the population for a world of `lines` rows.
pub fn build(r: &mut Rng, lines: u64) -> Population {
    let mut b = Builder {
        pop: Population::default(),
        names: HashSet::new(),
        cores: HashSet::new(),
    };
    let all = (geo::start_day(), geo::day(2024, 12, 31));
    b.brand_parties(r, all);
    for _ in 0..scaled(lines, 250, 30, 20_000) {
        let ind = 6 + sample::index(r, 8);
        let e = if sample::chance(r, 0.6) {
            b.cn(r, Style::Cn, ind, "exporter")
        } else {
            b.latin_bg(r)
        };
        b.pop.bg_exporters.push(e);
    }
    for _ in 0..scaled(lines, 200, 30, 25_000) {
        let e = b.ru(r, "importer");
        b.pop.ru_importers.push(e);
    }
    for _ in 0..scaled(lines, 500, 15, 10_000) {
        let e = b.kz(r, "importer", Style::Kz);
        b.pop.kz_importers.push(e);
    }
    for i in 0..scaled(lines, 1000, 25, 3_000) {
        let style = if sample::chance(r, 0.3) {
            Style::Hk
        } else {
            Style::Cn
        };
        let ind = sample::index(r, 5);
        let e = b.cn(r, style, ind, "trader");
        if i < 4 {
            // Guarantee a few look-alike traps in every world: give the first traders a trade name that has a twin.
            let (h, p) = CN_TRADE[CN_LOOKALIKE[i].0];
            let mut ent = b.pop.entities[e as usize].clone();
            (ent.core_local, ent.core_lat) = (h.to_string(), p.to_string());
            ent.canonical = names::canonical(&ent);
            if !b.names.contains(&ent.canonical) {
                ent.local = Some(names::canonical_han(&ent));
                b.names.insert(ent.canonical.clone());
                b.pop.entities[e as usize] = ent;
            }
        }
        b.pop.entities[e as usize].roles.push("drone_trader");
        b.pop.drone_traders.push(e);
        let want_twin = i < 4 || sample::chance(r, 0.12);
        if want_twin && let Some(twin) = b.lookalike(r, e) {
            b.pop.drone_traders.push(twin);
        }
    }
    for _ in 0..scaled(lines, 1200, 20, 3_000) {
        let e = b.ru(r, "importer");
        let ent = &mut b.pop.entities[e as usize];
        ent.roles.push("drone_importer");
        if sample::chance(r, 0.5) {
            ent.active.0 = geo::invasion() + sample::int(r, 10, 500) as i32;
            ent.roles.push("new_entrant");
        }
        b.pop.ru_drone_importers.push(e);
    }
    for _ in 0..scaled(lines, 3000, 8, 1_000) {
        let e = b.kz(r, "importer", Style::Kz);
        b.pop.entities[e as usize].roles.push("drone_importer");
        b.pop.kz_drone_importers.push(e);
    }
    let countries = [
        "HK", "KZ", "KG", "AM", "AE", "TR", "PK", "BY", "KZ", "AE", "HK", "TR",
    ];
    for i in 0..scaled(lines, 1500, 24, 2_000) {
        let c = countries[i % countries.len()];
        let e = match c {
            "HK" => {
                let ind = 2 + sample::index(r, 2);
                b.cn(r, Style::Hk, ind, "intermediary")
            }
            "KZ" => b.kz(r, "intermediary", Style::Kz),
            "KG" => b.kz(r, "intermediary", Style::Kg),
            "BY" => b.ru_like(r, "intermediary", "BY"),
            _ => b.latin(r, c, c, "intermediary"),
        };
        b.pop.entities[e as usize].roles.push("intermediary");
        b.pop.intermediaries.push(e);
    }
    for _ in 0..scaled(lines, 5000, 5, 300) {
        let e = b.ru(r, "broker");
        b.pop.brokers.push(e);
    }
    b.shells(r, scaled(lines, 25_000, 2, 200));
    for _ in 0..scaled(lines, 20_000, 3, 300) {
        let style = if sample::chance(r, 0.5) {
            Style::Hk
        } else {
            Style::Cn
        };
        let ind = sample::index(r, 5);
        let e = b.cn(r, style, ind, "exporter");
        let start = geo::day(2022, 5, 1) + sample::int(r, 0, 870) as i32;
        let ent = &mut b.pop.entities[e as usize];
        ent.active = (start, start + sample::int(r, 14, 42) as i32);
        ent.roles.push("ephemeral");
        b.pop.ephemeral.push(e);
    }
    b.pop
}

struct Builder {
    pop: Population,
    names: HashSet<String>,
    cores: HashSet<String>,
}

impl Builder {
    fn push(&mut self, mut e: Entity) -> u32 {
        let id = self.pop.entities.len() as u32;
        e.id = id;
        e.tag = format!("E{id:06}");
        self.names.insert(e.canonical.clone());
        self.pop.entities.push(e);
        id
    }

    fn blank(kind: &'static str, country: &'static str, style: Style) -> Entity {
        Entity {
            id: 0,
            tag: String::new(),
            kind,
            country,
            style,
            core_lat: String::new(),
            core_local: String::new(),
            city: 0,
            industry: 0,
            form: "",
            canonical: String::new(),
            local: None,
            fixed: Vec::new(),
            ids: Vec::new(),
            address: String::new(),
            phone: String::new(),
            roles: Vec::new(),
            shell_group: None,
            active: (geo::start_day(), geo::day(2024, 12, 31)),
            brand: None,
            lookalike_of: None,
        }
    }

    fn brand_parties(&mut self, r: &mut Rng, all: (i32, i32)) {
        let cat = catalogue();
        for brand in &cat.brands {
            let Some(first) = brand.owner_names.first() else {
                continue;
            };
            if self.names.contains(first) || !["CN", "HK"].contains(&brand.country.as_str()) {
                continue;
            }
            let mut e = Self::blank("manufacturer", "CN", Style::Fixed);
            e.canonical = first.clone();
            e.local = brand
                .owner_names
                .iter()
                .find(|n| crate::translit::script(n) == "han")
                .cloned();
            e.fixed = brand.owner_names.clone();
            e.brand = Some(brand.name.as_str());
            e.active = all;
            e.city = if brand.name == "Mugin" { 2 } else { 0 };
            e.ids.push(("USCC", uscc(r, e.city)));
            e.address = cn_address(r, e.city);
            e.phone = format!(
                "+86 {} {}",
                ["755", "20", "592"][e.city.min(2)],
                sample::digits(r, 8)
            );
            e.roles.push("brand_owner");
            let id = self.push(e);
            self.pop.brand_parties.push((brand.name.as_str(), id));
            for aff in &brand.affiliates {
                if self.names.contains(&aff.name) || aff.country != "CN" {
                    continue;
                }
                let mut a = Self::blank("affiliate", "CN", Style::Fixed);
                a.canonical = aff.name.clone();
                a.fixed = vec![aff.name.clone()];
                a.brand = Some(brand.name.as_str());
                a.address = cn_address(r, 0);
                a.phone = format!("+86 755 {}", sample::digits(r, 8));
                a.roles.push("brand_affiliate");
                let aid = self.push(a);
                self.pop.brand_parties.push((brand.name.as_str(), aid));
            }
        }
    }

    fn cn(&mut self, r: &mut Rng, style: Style, industry: usize, kind: &'static str) -> u32 {
        let mut e = Self::blank(kind, if style == Style::Hk { "HK" } else { "CN" }, style);
        e.city = sample::index(r, CN_CITIES.len());
        e.industry = industry.min(CN_INDUSTRY.len() - 1);
        e.form = e.country;
        for attempt in 0..40 {
            let (h, p) = CN_TRADE[sample::index(r, CN_TRADE.len())];
            if attempt < 20 {
                (e.core_local, e.core_lat) = (h.into(), p.into());
            } else {
                let (h2, p2) = CN_TRADE[sample::index(r, CN_TRADE.len())];
                (e.core_local, e.core_lat) = (format!("{h}{h2}"), format!("{p}{p2}"));
            }
            e.canonical = names::canonical(&e);
            if !self.names.contains(&e.canonical) {
                break;
            }
            e.city = sample::index(r, CN_CITIES.len());
        }
        self.finish_cn(r, e)
    }

    fn finish_cn(&mut self, r: &mut Rng, mut e: Entity) -> u32 {
        e.local = Some(names::canonical_han(&e));
        if e.style == Style::Hk {
            e.ids.push(("HKCR", sample::digits(r, 7)));
            e.address = hk_address(r);
            e.phone = format!("+852 {}", sample::digits(r, 8));
        } else {
            if sample::chance(r, 0.6) {
                e.ids.push(("USCC", uscc(r, e.city)));
            }
            e.address = cn_address(r, e.city);
            e.phone = format!("+86 1{}", sample::digits(r, 10));
        }
        self.push(e)
    }

    fn lookalike(&mut self, r: &mut Rng, of: u32) -> Option<u32> {
        let orig = self.pop.get(of).clone();
        let &(_, h, p) = CN_LOOKALIKE
            .iter()
            .find(|(i, _, _)| CN_TRADE[*i].1 == orig.core_lat)?;
        let mut e = orig.clone();
        (e.core_local, e.core_lat) = (h.into(), p.into());
        e.ids.clear();
        e.canonical = names::canonical(&e);
        if self.names.contains(&e.canonical) && e.core_lat != orig.core_lat {
            return None;
        }
        e.lookalike_of = Some(of);
        e.roles = vec!["drone_trader", "lookalike"];
        Some(self.finish_cn(r, e))
    }

    fn ru_core(&mut self, r: &mut Rng, prefixes: &[&str]) -> String {
        for attempt in 0..60 {
            let base = if sample::chance(r, 0.3) {
                RU_WORDS[sample::index(r, RU_WORDS.len())].to_string()
            } else {
                format!(
                    "{}{}",
                    sample::pick(r, prefixes),
                    sample::pick(r, RU_SUFFIX)
                )
            };
            let m = if attempt < 30 {
                *sample::pick(r, RU_MODIFIERS)
            } else {
                ""
            };
            let core = if attempt >= 50 {
                format!("{base}-{}", sample::int(r, 1, 999))
            } else {
                format!("{base}{m}")
            };
            if attempt >= 55 || self.cores.insert(core.clone()) {
                return core;
            }
        }
        unreachable!("the last attempts always return")
    }

    fn ru(&mut self, r: &mut Rng, kind: &'static str) -> u32 {
        self.ru_like(r, kind, "RU")
    }

    fn ru_like(&mut self, r: &mut Rng, kind: &'static str, country: &'static str) -> u32 {
        let mut e = Self::blank(kind, country, Style::Ru);
        e.core_local = self.ru_core(r, RU_PREFIX);
        e.form = if sample::chance(r, 0.88) {
            "ООО"
        } else {
            "АО"
        };
        e.core_lat = crate::translit::transliterate(crate::translit::Scheme::Icao, &e.core_local);
        e.canonical = names::canonical(&e);
        e.local = Some(names::canonical_local(&e));
        let region = if country == "BY" {
            "19"
        } else {
            *sample::pick(r, &["77", "77", "78", "25", "50", "54"])
        };
        if country == "RU" {
            e.ids.push(("INN", inn(r, region)));
            if sample::chance(r, 0.5) {
                e.ids.push(("OGRN", ogrn(r, region)));
            }
        } else {
            e.ids.push(("UNP", sample::digits(r, 9)));
        }
        e.address = ru_address(r, region, country);
        e.phone = format!(
            "+7 {} {}",
            ["495", "812", "423", "383"][sample::index(r, 4)],
            sample::digits(r, 7)
        );
        self.push(e)
    }

    fn kz(&mut self, r: &mut Rng, kind: &'static str, style: Style) -> u32 {
        let country = if style == Style::Kg { "KG" } else { "KZ" };
        let mut e = Self::blank(kind, country, style);
        e.core_local = self.ru_core(r, KZ_PREFIX);
        e.form = if style == Style::Kg {
            "ОсОО"
        } else {
            "ТОО"
        };
        e.core_lat = crate::translit::transliterate(crate::translit::Scheme::Icao, &e.core_local);
        e.canonical = names::canonical(&e);
        e.local = Some(names::canonical_local(&e));
        if style == Style::Kg {
            e.ids.push(("INN_KG", sample::digits(r, 14)));
            e.address = format!(
                "720000, Г. БИШКЕК, УЛ. {}, Д. {}",
                sample::pick(r, &["КИЕВСКАЯ", "ТОКТОГУЛА", "ИБРАИМОВА"]),
                sample::int(r, 1, 200)
            );
        } else {
            e.ids.push((
                "BIN",
                format!(
                    "{:02}{:02}4{}",
                    sample::int(r, 5, 23),
                    sample::int(r, 1, 12),
                    sample::digits(r, 7)
                ),
            ));
            let city = if sample::chance(r, 0.6) {
                "050000, Г. АЛМАТЫ"
            } else {
                "010000, Г. АСТАНА"
            };
            e.address = format!(
                "{city}, {} {}, Д. {}",
                sample::pick(r, &["ПР.", "УЛ."]),
                sample::pick(
                    r,
                    &["АБАЯ", "ДОСТЫК", "ТОЛЕ БИ", "КАБАНБАЙ БАТЫРА", "СЕЙФУЛЛИНА"]
                ),
                sample::int(r, 1, 300)
            );
        }
        e.phone = format!("+7 7{} {}", sample::int(r, 0, 9), sample::digits(r, 8));
        self.push(e)
    }

    fn latin(
        &mut self,
        r: &mut Rng,
        country: &'static str,
        form: &'static str,
        kind: &'static str,
    ) -> u32 {
        let mut e = Self::blank(kind, country, Style::Latin);
        e.form = form;
        for attempt in 0..40 {
            e.core_lat = format!("{} {}", sample::pick(r, LATIN_A), sample::pick(r, LATIN_B));
            if attempt > 30 {
                e.core_lat = format!("{} {}", e.core_lat, sample::int(r, 2, 99));
            }
            e.core_local = e.core_lat.clone();
            e.canonical = names::canonical(&e);
            if !self.names.contains(&e.canonical) {
                break;
            }
        }
        e.ids.push(("TAX", sample::digits(r, 10)));
        let city = match country {
            "AE" => "DUBAI",
            "TR" => "ISTANBUL",
            "AM" => "YEREVAN",
            "PK" => "KARACHI",
            "DE" => "HAMBURG",
            "IT" => "MILANO",
            "IN" => "MUMBAI",
            "PL" => "WARSZAWA",
            "KR" => "SEOUL",
            "JP" => "OSAKA",
            _ => "HO CHI MINH CITY",
        };
        e.address = format!(
            "{} {} STREET, {city}, {}",
            sample::int(r, 1, 400),
            sample::pick(r, LATIN_A),
            geo::country(country).en
        );
        e.phone = format!("+{} {}", sample::int(r, 30, 999), sample::digits(r, 9));
        self.push(e)
    }

    fn latin_bg(&mut self, r: &mut Rng) -> u32 {
        let c = *sample::pick(
            r,
            &[
                "TR", "DE", "IT", "KR", "JP", "IN", "PL", "VN", "TR", "DE", "BY",
            ],
        );
        match c {
            "BY" => self.ru_like(r, "exporter", "BY"),
            "TR" if sample::chance(r, 0.3) => self.latin(r, "TR", "TR2", "exporter"),
            "KR" | "JP" | "VN" => self.latin(r, c, "CN", "exporter"),
            _ => self.latin(r, c, c, "exporter"),
        }
    }

    fn shells(&mut self, r: &mut Rng, clusters: usize) {
        for g in 0..clusters {
            let n = sample::int(r, 3, 6) as usize;
            let address = if g % 2 == 0 {
                hk_address(r)
            } else {
                cn_address(r, 0)
            };
            let phone = format!("+852 {}", sample::digits(r, 8));
            let mut members = Vec::new();
            for _ in 0..n {
                let ind = sample::index(r, 4);
                let e = self.cn(
                    r,
                    if g % 2 == 0 { Style::Hk } else { Style::Cn },
                    ind,
                    "trader",
                );
                let ent = &mut self.pop.entities[e as usize];
                ent.address = address.clone();
                ent.phone = phone.clone();
                ent.shell_group = Some(g as u32);
                ent.roles.push("shell");
                ent.active.0 = geo::invasion() + sample::int(r, 0, 300) as i32;
                members.push(e);
            }
            self.pop.shells.push(members);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn population_has_every_pool() {
        let p = build(&mut sample::stream(1, "e"), 5_000);
        assert!(p.brand_owner("DJI").is_some() && p.brand_owner("Autel Robotics").is_some());
        assert!(!p.shells.is_empty() && !p.ephemeral.is_empty() && !p.intermediaries.is_empty());
        assert!(p.entities.iter().any(|e| e.lookalike_of.is_some()));
        let names: HashSet<_> = p.entities.iter().map(|e| e.canonical.clone()).collect();
        assert!(names.len() + 20 >= p.entities.len());
    }
}
