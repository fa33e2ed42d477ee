//! Chooses which world parties are listed (end recipients, Chinese and Hong Kong suppliers, pass-through firms, a shell) and which unlisted parties get a look-alike entry.
//!
//! Only parties that shipped or received something are chosen, so every listing can be checked against the declarations.
//! Look-alikes keep the core of a party's name but change its city, legal form or country, and always its identifiers and address.

use std::collections::HashSet;

use crate::chains::Chain;
use crate::entities::{Entity, Population, Style};
use crate::geo;
use crate::names;
use crate::registry::{cn_address, hk_address, inn, ogrn, ru_address, uscc};
use crate::sample::{self, Rng};
use crate::words::CN_CITIES;

use super::{Entry, ListFile, Plan, Relation, filler, scaled, variants};

fn id_of(tag: &str) -> Option<u32> {
    tag.get(1..).and_then(|t| t.parse().ok())
}

fn shipped(spans: &[(i32, i32)], id: u32) -> bool {
    spans.get(id as usize).is_some_and(|(a, b)| a <= b)
}

/// Draws up to `k` distinct items of a pool, in draw order.
fn draw(r: &mut Rng, pool: &[u32], k: usize, out: &mut Vec<u32>) {
    let mut pool: Vec<u32> = pool.iter().copied().filter(|e| !out.contains(e)).collect();
    for _ in 0..k {
        if pool.is_empty() {
            return;
        }
        out.push(pool.swap_remove(sample::index(r, pool.len())));
    }
}

/// The world parties to list: Russian end recipients of chains, Chinese and Hong Kong suppliers, pass-through firms in KZ, AM, AE or KG, and shells.
pub fn targets(
    r: &mut Rng,
    pop: &Population,
    chains: &[Chain],
    spans: &[(i32, i32)],
    lines: u64,
) -> Vec<u32> {
    let (mut ru, mut cn, mut pass) = (Vec::new(), Vec::new(), Vec::new());
    let mut seen = HashSet::new();
    for c in chains {
        let n = c.hops.len();
        for (h, hop) in c.hops.iter().enumerate() {
            for (tag, end) in [(&hop.from_entity, h == 0), (&hop.to_entity, h + 1 == n)] {
                let Some(id) = id_of(tag) else { continue };
                if !shipped(spans, id) || !seen.insert(id) {
                    continue;
                }
                let country = pop.get(id).country;
                match country {
                    "RU" if end => ru.push(id),
                    "CN" | "HK" if end && h == 0 => cn.push(id),
                    "KZ" | "AM" | "AE" | "KG" if !end => pass.push(id),
                    _ => {
                        seen.remove(&id);
                    }
                }
            }
        }
    }
    let shells: Vec<u32> = pop
        .shells
        .iter()
        .flatten()
        .copied()
        .filter(|e| shipped(spans, *e))
        .collect();
    let mut out = Vec::new();
    draw(r, &ru, scaled(lines, 25_000, 3, 16), &mut out);
    draw(r, &cn, scaled(lines, 50_000, 1, 8), &mut out);
    draw(r, &pass, scaled(lines, 50_000, 1, 8), &mut out);
    draw(r, &shells, scaled(lines, 500_000, 1, 4), &mut out);
    out
}

/// A party that looks like `orig` but is another company: same name core, other city, form or country, other identifiers and address.
fn imitate(r: &mut Rng, plan: &mut Plan, orig: &Entity) -> Option<Entity> {
    let mut e = orig.clone();
    e.ids.clear();
    e.shell_group = None;
    e.lookalike_of = None;
    match orig.style {
        Style::Ru => {
            if sample::chance(r, 0.5) {
                e.form = if orig.form == "АО" {
                    "ООО"
                } else {
                    "АО"
                };
            }
            if sample::chance(r, 0.3) {
                e.country = "BY";
                let unp = plan.fresh_id(r, |r| format!("19{}", sample::digits(r, 7)));
                e.ids.push(("UNP", unp));
                e.address = ru_address(r, "19", "BY");
            } else {
                let region = *sample::pick(r, &["78", "25", "54", "50", "66", "16"]);
                e.ids.push(("INN", plan.fresh_id(r, |r| inn(r, region))));
                e.ids.push(("OGRN", plan.fresh_id(r, |r| ogrn(r, region))));
                e.address = ru_address(r, region, "RU");
            }
        }
        Style::Cn | Style::Hk => {
            e.style = Style::Cn;
            e.country = "CN";
            e.city = (orig.city + 1 + sample::index(r, CN_CITIES.len() - 1)) % CN_CITIES.len();
            let city = e.city;
            e.ids.push(("USCC", plan.fresh_id(r, |r| uscc(r, city))));
            e.address = cn_address(r, e.city);
            if orig.style == Style::Cn && sample::chance(r, 0.4) {
                e.style = Style::Hk;
                e.country = "HK";
                e.ids = vec![("HKCR", plan.fresh_id(r, |r| sample::digits(r, 7)))];
                e.address = hk_address(r);
            }
        }
        Style::Latin => {
            let others: Vec<&str> = ["AE", "TR", "AM", "PK"]
                .into_iter()
                .filter(|c| *c != orig.country)
                .collect();
            let c = filler::static_country(others[sample::index(r, others.len())]);
            e.country = c;
            e.form = c;
            e.ids
                .push(("TAX", plan.fresh_id(r, |r| sample::digits(r, 10))));
            e.address = filler::latin_address(r, c);
        }
        Style::Kz | Style::Kg => {
            let kg = orig.style == Style::Kz;
            e.style = if kg { Style::Kg } else { Style::Kz };
            e.country = if kg { "KG" } else { "KZ" };
            e.form = if kg { "ОсОО" } else { "ТОО" };
            let (scheme, id) = filler::kz_id(r, plan, kg);
            e.ids.push((scheme, id));
            e.address = filler::kz_address(r, kg);
        }
        Style::Fixed => return None,
    }
    e.canonical = names::canonical(&e);
    if e.canonical != orig.canonical && plan.names.contains(&e.canonical) {
        return None;
    }
    Some(e)
}

/// Adds `k` look-alike entries, each imitating a different unlisted party that shipped or received goods.
pub fn lookalikes(r: &mut Rng, plan: &mut Plan, spans: &[(i32, i32)], k: usize) {
    let pop = plan.pop;
    let pools: [&[u32]; 3] = [
        &pop.ru_drone_importers,
        &pop.drone_traders,
        &pop.intermediaries,
    ];
    let mut made = 0;
    for attempt in 0..k * 20 {
        if made == k {
            break;
        }
        let pool = pools[attempt % 3];
        let id = pool[sample::index(r, pool.len())];
        let orig = pop.get(id);
        let twin_used = orig.lookalike_of.is_some_and(|o| plan.used.contains(&o))
            || pop
                .entities
                .iter()
                .any(|x| x.lookalike_of == Some(id) && plan.used.contains(&x.id));
        if plan.used.contains(&id) || twin_used || !shipped(spans, id) {
            continue;
        }
        let Some(fake) = imitate(r, plan, orig) else {
            continue;
        };
        plan.used.insert(id);
        let listed = geo::invasion() + sample::int(r, 30, 1000) as i32;
        let established = Some(geo::day(2000, 1, 1) + sample::int(r, 0, 7000) as i32);
        let file = if sample::chance(r, 0.5) {
            ListFile::OfacSdn
        } else {
            ListFile::Ftm
        };
        plan.list_company(
            r,
            &fake,
            file,
            listed,
            established,
            Some(id),
            Relation::Lookalike,
            Vec::new(),
        );
        made += 1;
    }
}

impl Plan<'_> {
    /// Lists a company-like party (a world entity or an invented one) on one file under a name variant.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn list_company(
        &mut self,
        r: &mut Rng,
        e: &Entity,
        file: ListFile,
        listed: i32,
        established: Option<i32>,
        entity: Option<u32>,
        relation: Relation,
        remarks: Vec<String>,
    ) {
        let (name, aliases) = variants::names(r, e, file);
        let programs = match e.country {
            "BY" => vec!["BELARUS-EO14038", "RUSSIA-EO14024"],
            _ if listed < geo::day(2021, 4, 15) => vec!["UKRAINE-EO13662"],
            _ => vec!["RUSSIA-EO14024"],
        };
        let entry = Entry {
            file,
            source_id: String::new(),
            schema: if e.kind == "organization" {
                "Organization"
            } else {
                "Company"
            },
            name,
            aliases,
            country: e.country,
            ids: e.ids.clone(),
            address: (!e.address.is_empty()).then(|| variants::address(e)),
            programs,
            listed,
            established,
            person: None,
            remarks,
            entity,
            relation,
        };
        self.push(entry);
    }
}

/// Which files a listed party goes to: OFAC only, FollowTheMoney only, or both.
pub fn files_for(r: &mut Rng) -> &'static [ListFile] {
    match sample::index(r, 20) {
        0..=8 => &[ListFile::OfacSdn],
        9..=14 => &[ListFile::Ftm],
        _ => &[ListFile::OfacSdn, ListFile::Ftm],
    }
}

/// A blank invented party of a style and country, for look-alikes and fillers.
pub fn blank(country: &'static str, style: Style, kind: &'static str) -> Entity {
    // Invented parties have no place in the population, so no valid id.
    Entity {
        id: u32::MAX,
        ..Entity::blank(kind, country, style)
    }
}
