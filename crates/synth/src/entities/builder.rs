//! Builds the population party by party: names in every script a party is written in, identifiers, addresses, shells and look-alikes.

use crate::geo;
use crate::names;
use crate::registry::{cn_address, hk_address, inn, ogrn, ru_address, uscc};
use crate::sample::{self, Rng};
use crate::words::{CN_CITIES, CN_INDUSTRY, CN_LOOKALIKE, CN_TRADE, KZ_PREFIX, LATIN_A, LATIN_B};
use crate::words::{RU_MODIFIERS, RU_PREFIX, RU_SUFFIX, RU_WORDS};
use std::collections::HashSet;
use tradetrail_refdata::products::catalogue;

use super::{Entity, Population, Style};

pub(super) struct Builder {
    pub(super) pop: Population,
    pub(super) names: HashSet<String>,
    pub(super) cores: HashSet<String>,
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

    pub(super) fn brand_parties(&mut self, r: &mut Rng, all: (i32, i32)) {
        let cat = catalogue();
        for brand in &cat.brands {
            let Some(first) = brand.owner_names.first() else {
                continue;
            };
            if self.names.contains(first) || !["CN", "HK"].contains(&brand.country.as_str()) {
                continue;
            }
            let mut e = Entity::blank("manufacturer", "CN", Style::Fixed);
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
                let mut a = Entity::blank("affiliate", "CN", Style::Fixed);
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

    pub(super) fn cn(
        &mut self,
        r: &mut Rng,
        style: Style,
        industry: usize,
        kind: &'static str,
    ) -> u32 {
        let mut e = Entity::blank(kind, if style == Style::Hk { "HK" } else { "CN" }, style);
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

    pub(super) fn lookalike(&mut self, r: &mut Rng, of: u32) -> Option<u32> {
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

    pub(super) fn ru(&mut self, r: &mut Rng, kind: &'static str) -> u32 {
        self.ru_like(r, kind, "RU")
    }

    pub(super) fn ru_like(
        &mut self,
        r: &mut Rng,
        kind: &'static str,
        country: &'static str,
    ) -> u32 {
        let mut e = Entity::blank(kind, country, Style::Ru);
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

    pub(super) fn kz(&mut self, r: &mut Rng, kind: &'static str, style: Style) -> u32 {
        let country = if style == Style::Kg { "KG" } else { "KZ" };
        let mut e = Entity::blank(kind, country, style);
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
            e.ids.push(("BIN", crate::registry::bin(r)));
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

    pub(super) fn latin(
        &mut self,
        r: &mut Rng,
        country: &'static str,
        form: &'static str,
        kind: &'static str,
    ) -> u32 {
        let mut e = Entity::blank(kind, country, Style::Latin);
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

    pub(super) fn latin_bg(&mut self, r: &mut Rng) -> u32 {
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

    pub(super) fn shells(&mut self, r: &mut Rng, clusters: usize) {
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
