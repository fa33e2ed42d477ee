//! Invented persons for the filler entries: Russian names with patronymics in Cyrillic and Latin, Chinese names in Han and pinyin, with birth facts and an identifier.
//!
//! OFAC writes them `SURNAME, Given Patronymic` in Latin; the FollowTheMoney file keeps the person's own script with a Latin alias.

use crate::geo;
use crate::sample::{self, Rng};
use crate::words::CN_CITIES;

use super::variants::{self, title};
use super::{Person, Plan};

const RU_SURNAMES: &[&str] = &[
    "ВОЛКОВ",
    "МОРОЗОВ",
    "ЛЕБЕДЕВ",
    "СОКОЛОВ",
    "ПАВЛОВ",
    "СЕМЕНОВ",
    "ГОЛУБЕВ",
    "ВИНОГРАДОВ",
    "БЕЛОВ",
    "ТАРАСОВ",
    "ЖУКОВ",
    "КОМАРОВ",
    "ОРЛОВ",
    "КИСЕЛЕВ",
    "ЗАХАРОВ",
    "НИКИТИН",
];
const RU_MALE: &[&str] = &[
    "АЛЕКСАНДР",
    "СЕРГЕЙ",
    "ДМИТРИЙ",
    "АНДРЕЙ",
    "АЛЕКСЕЙ",
    "МАКСИМ",
    "ЕВГЕНИЙ",
    "ИГОРЬ",
    "ВЛАДИМИР",
    "НИКОЛАЙ",
    "ЮРИЙ",
    "ОЛЕГ",
];
const RU_FEMALE: &[&str] = &[
    "ЕЛЕНА",
    "ОЛЬГА",
    "ТАТЬЯНА",
    "НАТАЛЬЯ",
    "ИРИНА",
    "СВЕТЛАНА",
    "МАРИНА",
    "ЮЛИЯ",
];
const RU_PATRONYMIC: &[(&str, &str)] = &[
    ("ПЕТРОВИЧ", "ПЕТРОВНА"),
    ("ИВАНОВИЧ", "ИВАНОВНА"),
    ("НИКОЛАЕВИЧ", "НИКОЛАЕВНА"),
    ("ВИКТОРОВИЧ", "ВИКТОРОВНА"),
    ("ЮРЬЕВИЧ", "ЮРЬЕВНА"),
    ("СЕРГЕЕВИЧ", "СЕРГЕЕВНА"),
    ("ВЛАДИМИРОВИЧ", "ВЛАДИМИРОВНА"),
];
const RU_CITIES: &[&str] = &["Moscow", "Saint Petersburg", "Novosibirsk", "Yekaterinburg"];
const CN_SURNAMES: &[(&str, &str)] = &[
    ("李", "LI"),
    ("王", "WANG"),
    ("张", "ZHANG"),
    ("刘", "LIU"),
    ("陈", "CHEN"),
    ("杨", "YANG"),
    ("黄", "HUANG"),
    ("赵", "ZHAO"),
    ("周", "ZHOU"),
    ("吴", "WU"),
];
const CN_GIVEN: &[(&str, &str, bool)] = &[
    ("伟", "Wei", false),
    ("芳", "Fang", true),
    ("军", "Jun", false),
    ("静", "Jing", true),
    ("磊", "Lei", false),
    ("海峰", "Haifeng", false),
    ("建国", "Jianguo", false),
    ("晓明", "Xiaoming", false),
    ("丽娜", "Lina", true),
    ("文斌", "Wenbin", false),
];

/// An invented person, Russian or Chinese.
pub fn person(r: &mut Rng, plan: &mut Plan) -> (Person, &'static str, Vec<(&'static str, String)>) {
    let dob = geo::day(1955, 1, 1) + sample::int(r, 0, 12_800) as i32;
    if sample::chance(r, 0.75) {
        let female = sample::chance(r, 0.25);
        let last = sample::pick(r, RU_SURNAMES).to_string() + if female { "А" } else { "" };
        let first = sample::pick(r, if female { RU_FEMALE } else { RU_MALE }).to_string();
        let (pm, pf) = *sample::pick(r, RU_PATRONYMIC);
        let local = [first, (if female { pf } else { pm }).to_string(), last].map(|s| title(&s));
        let latin = local.clone().map(|s| title(&variants::latin(&s)));
        let inn = plan.fresh_id(r, |r| format!("77{}", sample::digits(r, 10)));
        let p = Person {
            local,
            latin,
            dob,
            pob: format!("{}, Russia", sample::pick(r, RU_CITIES)),
            gender: if female { "Female" } else { "Male" },
        };
        (p, "RU", vec![("INN", inn)])
    } else {
        let (sh, sp) = *sample::pick(r, CN_SURNAMES);
        let (gh, gp, female) = *sample::pick(r, CN_GIVEN);
        let city = &CN_CITIES[sample::index(r, CN_CITIES.len())];
        let id = plan.fresh_id(r, |r| cn_resident_id(r, dob));
        let p = Person {
            local: [gh.into(), String::new(), sh.into()],
            latin: [gp.into(), String::new(), sp.into()],
            dob,
            pob: format!("{}, {}, China", title(city.lat), city.province),
            gender: if female { "Female" } else { "Male" },
        };
        (p, "CN", vec![("CNID", id)])
    }
}

/// A Chinese resident identity number (18 characters, valid check character) for a birth day.
fn cn_resident_id(r: &mut Rng, dob: i32) -> String {
    let body = format!(
        "440301{}{}",
        geo::iso_date(dob).replace('-', ""),
        sample::digits(r, 3)
    );
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let s: u32 = body
        .bytes()
        .zip(W)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = b"10X98765432"[(s % 11) as usize] as char;
    format!("{body}{check}")
}
