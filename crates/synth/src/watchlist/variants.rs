//! How a party is written on a watchlist: a name variant of the declared name (legal-form spelling, transliteration, Han vs Latin), aliases, address and identifier labels.
//!
//! The OFAC file takes Latin text only; the FollowTheMoney file takes the party's own script with Latin aliases, so cross-script screening can be shown.
//! Variants never repeat the canonical name the declarations use most, so screening has to match a variant, not a copy.

use crate::entities::{Entity, Style};
use crate::geo;
use crate::sample::{self, Rng};
use crate::translit::{self, Scheme};
use crate::words::{CN_CITIES, CN_INDUSTRY, legal_forms};

use super::{Address, ListFile};

/// Latin text OFAC can carry: Cyrillic transliterated (BGN), Turkish letters folded, anything else outside ASCII dropped.
pub fn latin(text: &str) -> String {
    let t = translit::transliterate(Scheme::Bgn, &translit::fold_cp1251(text));
    let t: String = t
        .chars()
        .filter(|c| c.is_ascii() && *c != '"' && *c != '?')
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Upper-case words to OFAC's mixed case (`UL. LENINA` → `Ul. Lenina`).
pub fn title(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut out = String::with_capacity(w.len());
            let mut first = true;
            for c in w.chars() {
                if first && c.is_alphabetic() {
                    out.extend(c.to_uppercase());
                    first = false;
                } else {
                    out.extend(c.to_lowercase());
                    if !c.is_alphanumeric() && c != '\'' {
                        first = true;
                    }
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The English country name as OFAC writes it (`Russia`, `Hong Kong`, `United Arab Emirates`).
pub fn country_name(iso2: &str) -> String {
    match iso2 {
        "CN" => "China".into(),
        "IR" => "Iran".into(),
        _ => title(geo::country(iso2).en),
    }
}

/// Picks `n` distinct items of a non-empty list in random order.
fn several<'a>(r: &mut Rng, items: &[&'a str], n: usize) -> Vec<&'a str> {
    let mut pool = items.to_vec();
    let mut out = Vec::new();
    while out.len() < n && !pool.is_empty() {
        out.push(pool.swap_remove(sample::index(r, pool.len())));
    }
    out
}

/// Latin name templates of a party; `{X}` is the core, the first entry is never the declared canonical form.
fn latin_templates(e: &Entity) -> Vec<String> {
    let core = translit::transliterate(Scheme::Bgn, &e.core_local);
    let fill = |ts: &[&str]| ts.iter().map(|t| t.replace("{X}", &core)).collect();
    match e.style {
        Style::Ru if e.form == "АО" => fill(&[
            "AKTSIONERNOE OBSHCHESTVO {X}",
            "JOINT STOCK COMPANY {X}",
            "AO {X}",
        ]),
        Style::Ru => fill(&[
            "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU {X}",
            "LIMITED LIABILITY COMPANY {X}",
            "OOO {X}",
            "{X}, OOO",
        ]),
        Style::Kz => fill(&[
            "TOVARISHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU {X}",
            "LIMITED LIABILITY PARTNERSHIP {X}",
            "TOO {X}",
        ]),
        Style::Kg => fill(&[
            "OSOO {X}",
            "LIMITED LIABILITY COMPANY {X}",
            "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU {X}",
        ]),
        Style::Cn => {
            let (c, i) = (&CN_CITIES[e.city], &CN_INDUSTRY[e.industry]);
            let t = &e.core_lat;
            vec![
                format!("{} {t} {} CO., LTD.", c.lat, i.en),
                format!("{} {t} {} COMPANY LIMITED", c.lat, i.en),
                format!("{t} {} CO., LTD.", i.en),
                format!("{} {t} {} YOUXIAN GONGSI", c.lat, i.pinyin),
            ]
        }
        Style::Hk => {
            let i = &CN_INDUSTRY[e.industry];
            let t = &e.core_lat;
            vec![
                format!("{t} {} CO., LIMITED", i.en),
                format!("{t} {} (HK) LIMITED", i.en),
                format!("{t} {} (HONG KONG) CO., LTD.", i.en),
            ]
        }
        Style::Latin | Style::Fixed => {
            let mut v: Vec<String> = legal_forms(e.form)
                .iter()
                .skip(1)
                .filter(|f| f.is_ascii())
                .map(|f| format!("{} {f}", e.core_lat))
                .collect();
            v.push(e.core_lat.clone());
            v
        }
    }
}

/// Local-script name templates (Cyrillic or Han); empty for Latin-only parties.
fn local_templates(e: &Entity) -> Vec<String> {
    let x = &e.core_local;
    match e.style {
        Style::Ru if e.form == "АО" => vec![
            format!("АКЦИОНЕРНОЕ ОБЩЕСТВО \"{x}\""),
            format!("АО \"{x}\""),
        ],
        Style::Ru | Style::Kg => vec![
            format!("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"{x}\""),
            format!("{} \"{x}\"", e.form),
        ],
        Style::Kz => vec![
            format!("ТОВАРИЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"{x}\""),
            format!("ТОО \"{x}\""),
        ],
        Style::Cn => {
            let (c, i) = (&CN_CITIES[e.city], &CN_INDUSTRY[e.industry]);
            vec![
                format!("{}{x}{}有限公司", c.han, i.han),
                format!("{}市{x}{}有限责任公司", c.han, i.han),
            ]
        }
        Style::Hk => {
            let i = &CN_INDUSTRY[e.industry];
            vec![
                format!("{x}{}有限公司", i.han),
                format!("香港{x}{}有限公司", i.han),
            ]
        }
        Style::Latin | Style::Fixed => Vec::new(),
    }
}

/// The listed name and aliases (`aka`, sometimes a former name as `fka`) of a party on one list.
pub fn names(r: &mut Rng, e: &Entity, file: ListFile) -> (String, Vec<(&'static str, String)>) {
    let lat = latin_templates(e);
    let lat: Vec<&str> = lat
        .iter()
        .map(String::as_str)
        .filter(|n| *n != e.canonical)
        .collect();
    let local = local_templates(e);
    let local: Vec<&str> = local.iter().map(String::as_str).collect();
    let (primary, aka) = if file == ListFile::Ftm && !local.is_empty() {
        let p = *sample::pick(r, &local);
        let k = 1 + sample::index(r, 2);
        (p.to_string(), several(r, &lat, k))
    } else {
        let k = 1 + sample::index(r, 3);
        let mut v = several(r, &lat, k);
        if v.is_empty() {
            (e.canonical.clone(), v)
        } else {
            let p = v.remove(0);
            (p.to_string(), v)
        }
    };
    let mut out: Vec<(&'static str, String)> = aka
        .into_iter()
        .map(|a| {
            (
                "aka",
                if file == ListFile::Ftm {
                    a.to_string()
                } else {
                    latin(a)
                },
            )
        })
        .collect();
    if matches!(e.style, Style::Ru | Style::Kz) && sample::chance(r, 0.3) {
        // A former name under the other Russian legal form.
        let core = translit::transliterate(Scheme::Bgn, &e.core_local);
        let old = if e.form == "АО" { "OOO" } else { "ZAO" };
        out.push(("fka", format!("{old} {core}")));
    }
    let primary = if file == ListFile::OfacSdn {
        latin(&primary)
    } else {
        primary
    };
    out.retain(|(_, a)| *a != primary);
    (primary, out)
}

/// The party's address split OFAC's way (street, city with postcode), keeping the full original text for FollowTheMoney.
pub fn address(e: &Entity) -> Address {
    let parts: Vec<&str> = e.address.split(", ").collect();
    let (street, city) = match e.style {
        Style::Ru | Style::Kz | Style::Kg if parts.len() >= 3 => {
            let zip = parts[0];
            let city = parts[1..parts.len() - 1]
                .iter()
                .filter(|p| p.starts_with("Г. ") || p.contains("ОБЛ."))
                .map(|p| title(&latin(p.trim_start_matches("Г. "))))
                .collect::<Vec<_>>()
                .join(", ");
            let street: Vec<&str> = parts[1..]
                .iter()
                .filter(|p| !p.starts_with("Г. ") && !p.contains("ОБЛ."))
                .copied()
                .collect();
            let city = match city.as_str() {
                "Moskva" => "Moscow".to_string(),
                "Sankt-Peterburg" => "Saint Petersburg".to_string(),
                _ => city,
            };
            (title(&latin(&street.join(", "))), format!("{city} {zip}"))
        }
        _ if parts.len() >= 3 => {
            let n = parts.len();
            // Drop the country at the end: OFAC writes it in its own column.
            let (street, city) = if e.style == Style::Cn {
                (parts[..n - 3].join(", "), parts[n - 3..n - 1].join(", "))
            } else {
                (parts[..n - 2].join(", "), parts[n - 2].to_string())
            };
            (title(&latin(&street)), title(&latin(&city)))
        }
        _ => (title(&latin(&e.address)), String::new()),
    };
    Address {
        street,
        city,
        full: e.address.clone(),
    }
}

/// OFAC's remark label and country of one identifier scheme.
pub fn id_label(scheme: &str, country: &str) -> (&'static str, String) {
    let c = country_name(country);
    match scheme {
        "INN" | "INN_KG" | "UNP" | "TAX" => ("Tax ID No.", c),
        "OGRN" | "BIN" => ("Registration Number", c),
        "USCC" => ("Unified Social Credit Code (USCC)", c),
        "HKCR" => ("Company Number", c),
        "CNID" => ("Identification Number", c),
        _ => ("Registration ID", c),
    }
}

/// `12 Mar 2019`, OFAC's date style.
pub fn ofac_date(day: i32) -> String {
    const MON: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let iso = geo::iso_date(day);
    let m: usize = iso[5..7].parse().unwrap_or(1);
    format!("{} {} {}", &iso[8..10], MON[(m - 1).min(11)], &iso[..4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_title_fold_to_ofac_text() {
        assert_eq!(latin("ООО «ЛЕГИОН»"), "OOO LEGION");
        assert_eq!(latin("NOVA DIŞ TİCARET"), "NOVA DIS TICARET");
        assert_eq!(title("UL. LENINA, D. 5"), "Ul. Lenina, D. 5");
        assert_eq!(country_name("AE"), "United Arab Emirates");
        assert_eq!(ofac_date(geo::day(2019, 3, 12)), "12 Mar 2019");
    }
}
