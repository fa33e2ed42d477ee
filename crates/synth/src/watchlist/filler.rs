//! Filler entries: invented companies, organisations and persons that appear nowhere in the declarations, so a screening hit on them is always a false alarm.
//!
//! Their name words come from vocabularies the world's parties do not use, and their identifiers never repeat one of the world's.

use crate::entities::{Entity, Style};
use crate::geo;
use crate::names;
use crate::registry::{cn_address, hk_address, inn, ogrn, ru_address, uscc};
use crate::sample::{self, Rng};
use crate::words::{CN_CITIES, CN_INDUSTRY, CN_TRADE, LATIN_A, LATIN_B, RU_WORDS};

use super::pick::blank;
use super::variants;
use super::{Entry, ListFile, Plan, Relation};

const RU_A: &[&str] = &[
    "ПОЛЮС",
    "КРИСТАЛЛ",
    "ИМПУЛЬС",
    "СИГНАЛ",
    "КВАНТ",
    "ГРАНИТ",
    "АЛМАЗ",
    "ЗЕНИТ",
    "РУБИН",
    "ТИТАН",
    "АРСЕНАЛ",
    "ФОТОН",
    "ЭНЕРГИЯ",
    "СОКОЛ",
    "БЕРКУТ",
    "ГЕЛИОС",
];
const RU_B: &[&str] = &[
    "ОПТИКА",
    "ПРИБОР",
    "ЭЛЕКТРОНИКА",
    "МИКРОСИСТЕМЫ",
    "СПЕЦТЕХНИКА",
    "РАДИО",
    "МАШ",
    "КОМПЛЕКТ",
    "АВИА",
    "ЛАЗЕР",
];
const CN_FILL: &[(&str, &str)] = &[
    ("华芯", "HUAXIN"),
    ("瀚海", "HANHAI"),
    ("腾龙", "TENGLONG"),
    ("九州", "JIUZHOU"),
    ("天穹", "TIANQIONG"),
    ("擎宇", "QINGYU"),
    ("昊天", "HAOTIAN"),
    ("凌云", "LINGYUN"),
    ("玄武", "XUANWU"),
    ("赤霄", "CHIXIAO"),
    ("磐石", "PANSHI"),
    ("雷霆", "LEITING"),
    ("锐芯", "RUIXIN"),
    ("微纳", "WEINA"),
];
const LAT_A: &[&str] = &[
    "ZENITH", "POLARIS", "MERIDIAN", "VEGA", "ARCTURUS", "HALCYON", "CORVUS", "ALTAIR", "SIRIUS",
    "ORBITAL",
];
const LAT_B: &[&str] = &[
    "AVIATION",
    "SYSTEMS",
    "DYNAMICS",
    "COMPONENTS",
    "ENGINEERING",
    "TECHNOLOGIES",
    "SUPPLY",
];
/// A country code as a `'static` string, for the few countries fillers and look-alikes use.
pub fn static_country(c: &str) -> &'static str {
    ["AE", "TR", "AM", "PK", "KZ", "KG", "CN", "HK", "RU", "BY"]
        .into_iter()
        .find(|x| *x == c)
        .unwrap_or("AE")
}

/// A street address in a Latin-script country.
pub fn latin_address(r: &mut Rng, country: &str) -> String {
    let city = match country {
        "AE" => "DUBAI",
        "TR" => "ISTANBUL",
        "AM" => "YEREVAN",
        _ => "KARACHI",
    };
    format!(
        "{} {} STREET, {city}, {}",
        sample::int(r, 1, 400),
        sample::pick(r, LAT_A),
        geo::country(country).en
    )
}

/// A Kazakh BIN or Kyrgyz INN not used elsewhere.
pub fn kz_id(r: &mut Rng, plan: &mut Plan, kg: bool) -> (&'static str, String) {
    if kg {
        ("INN_KG", plan.fresh_id(r, |r| sample::digits(r, 14)))
    } else {
        let id = plan.fresh_id(r, |r| {
            format!(
                "{:02}{:02}4{}",
                sample::int(r, 5, 23),
                sample::int(r, 1, 12),
                sample::digits(r, 7)
            )
        });
        ("BIN", id)
    }
}

/// A Kazakh or Kyrgyz address in the declarations' style.
pub fn kz_address(r: &mut Rng, kg: bool) -> String {
    if kg {
        format!("720000, Г. БИШКЕК, УЛ. ЧУЙ, Д. {}", sample::int(r, 1, 200))
    } else {
        format!("050000, Г. АЛМАТЫ, УЛ. АБАЯ, Д. {}", sample::int(r, 1, 300))
    }
}

/// A name core no world party uses: `{a}-{b}` or `{a}{b}` from the vocabularies, free words only.
fn core(r: &mut Rng, plan: &Plan, a: &[&str], b: &[&str], sep: &str) -> String {
    let free: Vec<&str> = a
        .iter()
        .copied()
        .filter(|w| !RU_WORDS.contains(w) && !LATIN_A.contains(w) && !LATIN_B.contains(w))
        .collect();
    let mut c = String::new();
    for attempt in 0..60 {
        c = format!("{}{sep}{}", sample::pick(r, &free), sample::pick(r, b));
        if attempt > 40 {
            c = format!("{c}-{}", sample::int(r, 2, 99));
        }
        if !plan.names.contains(&c) {
            break;
        }
    }
    c
}

/// An invented company of a random country with identifiers and an address.
fn company(r: &mut Rng, plan: &mut Plan) -> Entity {
    let country = *sample::pick(
        r,
        &[
            "RU", "RU", "RU", "RU", "RU", "RU", "RU", "RU", "RU", "CN", "CN", "CN", "CN", "HK",
            "HK", "BY", "AE", "TR", "AM", "KZ",
        ],
    );
    let mut e = match country {
        "RU" | "BY" => {
            let org = country == "RU" && sample::chance(r, 0.15);
            let mut e = blank(
                country,
                Style::Ru,
                if org { "organization" } else { "company" },
            );
            e.core_local = core(r, plan, RU_A, RU_B, "-");
            e.form = if sample::chance(r, 0.7) {
                "ООО"
            } else {
                "АО"
            };
            let region = if country == "BY" {
                "19"
            } else {
                *sample::pick(r, &["77", "78", "50", "66", "52", "63"])
            };
            if country == "BY" {
                e.ids.push((
                    "UNP",
                    plan.fresh_id(r, |r| format!("19{}", sample::digits(r, 7))),
                ));
            } else {
                e.ids.push(("INN", plan.fresh_id(r, |r| inn(r, region))));
                e.ids.push(("OGRN", plan.fresh_id(r, |r| ogrn(r, region))));
            }
            e.address = ru_address(r, region, country);
            e
        }
        "CN" | "HK" => {
            let hk = country == "HK";
            let mut e = blank(country, if hk { Style::Hk } else { Style::Cn }, "company");
            let free: Vec<&(&str, &str)> = CN_FILL
                .iter()
                .filter(|(h, p)| !CN_TRADE.iter().any(|(h2, p2)| h2 == h || p2 == p))
                .collect();
            let &&(h, p) = sample::pick(r, &free);
            (e.core_local, e.core_lat) = (h.into(), p.into());
            e.city = sample::index(r, CN_CITIES.len());
            e.industry = sample::index(r, CN_INDUSTRY.len().min(5));
            let city = e.city;
            if hk {
                e.ids
                    .push(("HKCR", plan.fresh_id(r, |r| sample::digits(r, 7))));
                e.address = hk_address(r);
            } else {
                e.ids.push(("USCC", plan.fresh_id(r, |r| uscc(r, city))));
                e.address = cn_address(r, city);
            }
            e
        }
        "KZ" => {
            let mut e = blank("KZ", Style::Kz, "company");
            e.core_local = core(r, plan, RU_A, RU_B, " ");
            e.form = "ТОО";
            let (s, v) = kz_id(r, plan, false);
            e.ids.push((s, v));
            e.address = kz_address(r, false);
            e
        }
        c => {
            let mut e = blank(c, Style::Latin, "company");
            e.core_lat = core(r, plan, LAT_A, LAT_B, " ");
            e.core_local = e.core_lat.clone();
            e.form = c;
            e.ids
                .push(("TAX", plan.fresh_id(r, |r| sample::digits(r, 10))));
            e.address = latin_address(r, c);
            e
        }
    };
    if e.style == Style::Ru || e.style == Style::Kz {
        e.core_lat = crate::translit::transliterate(crate::translit::Scheme::Icao, &e.core_local);
    }
    e.canonical = names::canonical(&e);
    e
}

/// The directive remarks OFAC attaches to sanctioned Russian financial institutions; long enough to spill into `sdn_comments.csv`.
fn directives(listed: i32) -> Vec<String> {
    let mut v = Vec::new();
    v.push("Target Type Financial Institution".into());
    for (n, what) in [
        (
            1,
            "Prohibitions Related to Correspondent or Payable-Through Accounts and Processing of Transactions Involving Foreign Financial Institutions",
        ),
        (
            2,
            "Prohibitions Related to New Debt and Equity of Certain Russia-related Entities",
        ),
        (
            3,
            "Prohibitions Related to Transactions Involving the Central Bank of the Russian Federation",
        ),
    ] {
        v.push(format!(
            "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: {what} Directive {n} under Executive Order 14024"
        ));
        v.push(format!(
            "Listing Date (EO 14024 Directive {n}): {}",
            variants::ofac_date(listed)
        ));
        v.push(format!(
            "Effective Date (EO 14024 Directive {n}): {}",
            variants::ofac_date(listed + 30)
        ));
    }
    v.push("For more information on directives, please visit the following link: https://ofac.treasury.gov/sanctions-programs-and-country-information/ukraine-russia-related-sanctions#directives".into());
    v
}

/// Adds `n` filler entries, about 70% companies and organisations and 30% persons, 60% on OFAC.
pub fn add(r: &mut Rng, plan: &mut Plan, n: usize) {
    for i in 0..n {
        let file = if sample::chance(r, 0.6) {
            ListFile::OfacSdn
        } else {
            ListFile::Ftm
        };
        let listed = if sample::chance(r, 0.12) {
            geo::day(2014, 7, 1) + sample::int(r, 0, 2400) as i32
        } else {
            geo::invasion() + sample::int(r, 0, 1030) as i32
        };
        if i > 0 && sample::chance(r, 0.3) {
            let (p, country, ids) = super::people::person(r, plan);
            let name = match (file, country) {
                (ListFile::OfacSdn, _) => {
                    let given = [p.latin[0].as_str(), p.latin[1].as_str()].join(" ");
                    format!("{}, {}", p.latin[2].to_uppercase(), given.trim())
                }
                (ListFile::Ftm, "CN") => format!("{}{}", p.local[2], p.local[0]),
                (ListFile::Ftm, _) => format!("{} {} {}", p.local[2], p.local[0], p.local[1]),
            };
            let alias = if file == ListFile::Ftm {
                vec![(
                    "aka",
                    format!(
                        "{} {} {}",
                        p.latin[0],
                        p.latin[1],
                        p.latin[2].to_uppercase()
                    )
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                )]
            } else {
                Vec::new()
            };
            let address = Some(super::Address {
                street: String::new(),
                city: p.pob.split(", ").next().unwrap_or("").to_string(),
                full: p.pob.clone(),
            });
            let entry = Entry {
                file,
                source_id: String::new(),
                schema: "Person",
                name,
                aliases: alias,
                country,
                ids,
                address,
                programs: vec!["RUSSIA-EO14024"],
                listed,
                established: None,
                person: Some(p),
                remarks: Vec::new(),
                entity: None,
                relation: Relation::Filler,
            };
            plan.push(entry);
            continue;
        }
        let mut e = company(r, plan);
        let mut remarks = Vec::new();
        let mut file = file;
        let mut listed = listed;
        if i == 0 {
            // One Russian bank under the EO 14024 directives, as OFAC writes them.
            e = blank("RU", Style::Ru, "company");
            e.core_local = core(r, plan, RU_A, &["БАНК", "КРЕДИТБАНК", "ИНВЕСТБАНК"], " ");
            e.core_lat =
                crate::translit::transliterate(crate::translit::Scheme::Icao, &e.core_local);
            e.form = "АО";
            e.ids.push(("INN", plan.fresh_id(r, |r| inn(r, "77"))));
            e.ids.push(("OGRN", plan.fresh_id(r, |r| ogrn(r, "77"))));
            e.address = ru_address(r, "77", "RU");
            e.canonical = names::canonical(&e);
            (file, listed) = (ListFile::OfacSdn, geo::invasion());
            remarks = directives(listed);
        } else if sample::chance(r, 0.15) && !plan.entries.is_empty() {
            let k = sample::index(r, plan.entries.len());
            let other = &plan.entries[k];
            if other.relation == Relation::Filler && other.name.is_ascii() {
                remarks.push(format!("Linked To: {}", other.name));
            }
        }
        let established = Some(geo::day(1996, 1, 1) + sample::int(r, 0, 9000) as i32);
        plan.list_company(
            r,
            &e,
            file,
            listed,
            established,
            None,
            Relation::Filler,
            remarks,
        );
    }
}
