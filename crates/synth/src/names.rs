//! How a party's name is written on one row: legal-form variants, transliterations, abbreviations, Han or Latin, typos and surface noise.
//!
//! Canonical names are fixed per entity; mentions vary per row and are recorded in `truth/mentions.csv` exactly as written.

use crate::entities::{Entity, Style};
use crate::sample::{self, Rng};
use crate::templates::{Noise, TemplateSet, Typo, fill};
use crate::translit::{self, Scheme};
use crate::words::{CN_CITIES, CN_INDUSTRY, legal_forms};

/// Which script a column wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// The party's own script (Cyrillic for RU/KZ/KG, Han or Latin for Chinese parties).
    Local,
    /// Latin script only.
    Latin,
}

/// The canonical Latin name of an entity.
pub fn canonical(e: &Entity) -> String {
    match e.style {
        Style::Cn => {
            let c = &CN_CITIES[e.city];
            format!(
                "{} {} {} CO LTD",
                c.lat, e.core_lat, CN_INDUSTRY[e.industry].en
            )
        }
        Style::Hk => format!("{} {} LIMITED", e.core_lat, CN_INDUSTRY[e.industry].en),
        Style::Ru => format!(
            "{} {}",
            e.core_lat,
            if e.form == "АО" { "JSC" } else { "LLC" }
        ),
        Style::Kz => format!("{} LLP", e.core_lat),
        Style::Kg => format!("{} LLC", e.core_lat),
        Style::Latin => format!("{} {}", e.core_lat, legal_forms(e.form)[0]),
        Style::Fixed => e.fixed.first().cloned().unwrap_or_default(),
    }
}

/// The canonical Han name of a Chinese or Hong Kong entity.
pub fn canonical_han(e: &Entity) -> String {
    let ind = CN_INDUSTRY[e.industry].han;
    match e.style {
        Style::Hk => format!("香港{}{ind}有限公司", e.core_local),
        _ => format!("{}市{}{ind}有限公司", CN_CITIES[e.city].han, e.core_local),
    }
}

/// The canonical Cyrillic name of a Russian, Kazakh or Kyrgyz entity.
pub fn canonical_local(e: &Entity) -> String {
    format!("{} «{}»", e.form, e.core_local)
}

/// Writes one mention of an entity.
pub fn mention(r: &mut Rng, e: &Entity, want: Want, cp1251: bool, set: &TemplateSet) -> String {
    let mut name = match e.style {
        Style::Fixed => {
            let ok: Vec<&String> = e
                .fixed
                .iter()
                .filter(|n| !(cp1251 || want == Want::Latin) || translit::script(n) == "latin")
                .collect();
            if ok.is_empty() {
                e.canonical.clone()
            } else {
                (*sample::pick(r, &ok)).clone()
            }
        }
        Style::Cn | Style::Hk => chinese(r, e, want == Want::Local && !cp1251, set),
        Style::Ru | Style::Kz | Style::Kg => cyrillic(r, e, want, set),
        Style::Latin => {
            let forms = legal_forms(e.form);
            let pos = if sample::chance(r, 0.4) {
                0
            } else {
                *sample::pick(r, set.form_positions)
            };
            let form = forms[pos.min(forms.len() - 1)];
            let form = if (cp1251 || want == Want::Latin)
                && !translit::cp1251_ok(form)
                && translit::script(form) != "latin"
            {
                forms[0]
            } else {
                form
            };
            format!("{} {form}", e.core_lat)
        }
    };
    if translit::script(&name) == "latin" && sample::chance(r, 0.15) {
        let (long, short) = *sample::pick(r, set.abbreviations);
        if name.contains(long) {
            name = name.replacen(long, short, 1);
        }
    }
    if sample::chance(r, 0.03) {
        let kind = *sample::pick(r, set.typos);
        name = typo(r, &name, kind);
    }
    if sample::chance(r, 0.08) {
        let kind = *sample::pick(r, set.noise);
        name = noise(r, &name, kind);
    }
    if cp1251 {
        translit::fold_cp1251(&name)
    } else {
        name
    }
}

fn chinese(r: &mut Rng, e: &Entity, han_ok: bool, set: &TemplateSet) -> String {
    let city = &CN_CITIES[e.city];
    let ind = &CN_INDUSTRY[e.industry];
    let hk = e.style == Style::Hk;
    if han_ok && sample::chance(r, 0.35) {
        let t = if hk {
            sample::pick(r, set.hk_han)
        } else {
            sample::pick(r, set.cn_han)
        };
        return fill(t, |k| match k {
            "CH" => Some(city.han),
            "TH" => Some(e.core_local.as_str()),
            "IH" => Some(ind.han),
            _ => None,
        });
    }
    if sample::chance(r, 0.3) {
        return e.canonical.clone();
    }
    let t = if hk {
        sample::pick(r, set.hk_lat)
    } else {
        sample::pick(r, set.cn_lat)
    };
    fill(t, |k| match k {
        "C" => Some(city.lat),
        "CA" => Some(city.abbr),
        "T" => Some(e.core_lat.as_str()),
        "I" => Some(ind.en),
        "IA" => Some(ind.abbr),
        "IP" => Some(ind.pinyin),
        _ => None,
    })
}

fn cyrillic(r: &mut Rng, e: &Entity, want: Want, set: &TemplateSet) -> String {
    let ao = e.form == "АО";
    match want {
        Want::Local => {
            if sample::chance(r, 0.3) {
                return e.local.clone().unwrap_or_default();
            }
            let t = match e.style {
                Style::Kz => sample::pick(r, set.kz),
                Style::Kg => sample::pick(r, set.kg),
                _ if ao => sample::pick(r, set.ru_ao),
                _ => sample::pick(r, set.ru_ooo),
            };
            fill(t, |k| (k == "X").then_some(e.core_local.as_str()))
        }
        Want::Latin => {
            if sample::chance(r, 0.3) {
                return e.canonical.clone();
            }
            let scheme: Scheme = *sample::pick(r, set.schemes);
            let core = translit::transliterate(scheme, &e.core_local);
            let t = match e.style {
                Style::Kz => sample::pick(r, set.kz_lat),
                Style::Kg => sample::pick(r, set.kg_lat),
                _ if ao => sample::pick(r, set.ru_ao_lat),
                _ => sample::pick(r, set.ru_ooo_lat),
            };
            fill(t, |k| (k == "X").then_some(core.as_str()))
        }
    }
}

const ROWS: &[&str] = &[
    "QWERTYUIOP",
    "ASDFGHJKL",
    "ZXCVBNM",
    "ЙЦУКЕНГШЩЗХ",
    "ФЫВАПРОЛДЖЭ",
    "ЯЧСМИТЬБЮ",
];

/// Applies one typo at a random letter.
pub fn typo(r: &mut Rng, name: &str, kind: Typo) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|i| {
            chars[*i].is_alphabetic() && !translit::script(&chars[*i].to_string()).eq("han")
        })
        .collect();
    if letters.len() < 4 {
        return name.to_string();
    }
    let i = letters[sample::index(r, letters.len())];
    match kind {
        Typo::Substitute => {
            for row in ROWS {
                let row: Vec<char> = row.chars().collect();
                if let Some(p) = row.iter().position(|c| *c == chars[i]) {
                    chars[i] = if p + 1 < row.len() {
                        row[p + 1]
                    } else {
                        row[p - 1]
                    };
                    break;
                }
            }
        }
        Typo::Delete => {
            chars.remove(i);
        }
        Typo::Transpose => {
            if i + 1 < chars.len() && chars[i + 1].is_alphabetic() {
                chars.swap(i, i + 1);
            } else if i > 0 {
                chars.swap(i - 1, i);
            }
        }
        Typo::Double => chars.insert(i, chars[i]),
    }
    chars.into_iter().collect()
}

/// Applies one kind of surface noise.
pub fn noise(r: &mut Rng, name: &str, kind: Noise) -> String {
    match kind {
        Noise::ExtraSpace => name.replacen(' ', "  ", 1 + sample::index(r, 2)),
        Noise::TrailingPunct => format!("{name}{}", sample::pick(r, &[",", ".", " ."])),
        Noise::LowerCase => name.to_lowercase(),
        Noise::TitleCase => name
            .split(' ')
            .map(|w| {
                let mut cs = w.chars();
                match cs.next() {
                    Some(f) => f
                        .to_uppercase()
                        .chain(cs.flat_map(char::to_lowercase))
                        .collect::<String>(),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities;
    use crate::templates;

    #[test]
    fn mentions_respect_script_and_charset() {
        let mut r = sample::stream(5, "n");
        let pop = entities::build(&mut r, 5_000);
        for e in &pop.entities {
            for set in [templates::set(false), templates::set(true)] {
                let m = mention(&mut r, e, Want::Latin, true, set);
                assert!(translit::cp1251_ok(&m), "{m}");
                if e.style != Style::Latin {
                    assert!(!["han", "cyrillic"].contains(&translit::script(&m)), "{m}");
                }
                let _ = mention(&mut r, e, Want::Local, false, set);
            }
        }
    }

    #[test]
    fn typos_change_one_place() {
        let mut r = sample::stream(1, "t");
        let t = typo(&mut r, "LEGION LLC", Typo::Delete);
        assert_eq!(t.chars().count(), 9);
        assert_eq!(
            noise(&mut r, "ООО «ЛЕГИОН»", Noise::TitleCase),
            "Ооо «легион»"
        );
    }
}
