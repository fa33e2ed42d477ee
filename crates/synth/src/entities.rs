//! The parties of the world: manufacturers, small Chinese traders, intermediaries in third countries, Russian and Kazakh importers, brokers and shells.
//!
//! Entities are created once, before any row, from their own random stream; memory is O(entities).
//! Identifiers carry valid check digits where the real scheme has them (INN, OGRN, USCC).

use std::collections::HashSet;

use crate::geo;
use crate::names;
use crate::sample::{self, Rng};
use crate::words::{CN_LOOKALIKE, CN_TRADE};

mod builder;
use builder::Builder;

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
    /// A party with only its kind, country and naming style set; the builders fill in the rest.
    pub fn blank(kind: &'static str, country: &'static str, style: Style) -> Entity {
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
