//! The tuning wording: the templates later stages may be developed and tuned against.
//!
//! Nothing here may appear in `holdout.rs`; a test checks the two sets are disjoint.

use super::{Noise, TemplateSet, Typo};
use crate::translit::Scheme;

/// The tuning set.
pub static SET: TemplateSet = TemplateSet {
    name: "tuning",
    ru_ooo: &[
        "ООО \"{X}\"",
        "ООО «{X}»",
        "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"{X}\"",
    ],
    ru_ao: &["АО \"{X}\"", "АКЦИОНЕРНОЕ ОБЩЕСТВО «{X}»"],
    ru_ooo_lat: &["{X} LLC", "OOO {X}", "LLC \"{X}\""],
    ru_ao_lat: &["{X} JSC", "AO {X}"],
    kz: &[
        "ТОО \"{X}\"",
        "ТОО «{X}»",
        "ТОВАРИЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"{X}\"",
    ],
    kz_lat: &["{X} LLP", "TOO {X}"],
    kg: &["ОсОО \"{X}\"", "ОСОО «{X}»"],
    kg_lat: &["{X} LLC", "OSOO {X}"],
    cn_lat: &[
        "{C} {T} {I} CO LTD",
        "{C} {T} {I} CO.,LTD.",
        "{CA} {T} {IA} CO LTD",
        "{T} {I} ({C}) CO LTD",
    ],
    cn_han: &["{CH}市{TH}{IH}有限公司", "{CH}{TH}{IH}有限公司"],
    hk_lat: &[
        "{T} {I} (HK) LIMITED",
        "{T} {IA} (HK) LTD",
        "HONG KONG {T} {I} CO LIMITED",
    ],
    hk_han: &["香港{TH}{IH}有限公司"],
    form_positions: &[1, 3],
    abbreviations: &[
        ("TECHNOLOGY", "TECH"),
        ("INTERNATIONAL", "INTL"),
        ("COMPANY", "CO"),
        ("IMPORT AND EXPORT", "IMP & EXP"),
    ],
    schemes: &[Scheme::Icao, Scheme::Bgn],
    typos: &[Typo::Substitute, Typo::Delete],
    noise: &[Noise::ExtraSpace, Noise::LowerCase],
    drone_ru: &[
        "БЕСПИЛОТНЫЙ ЛЕТАТЕЛЬНЫЙ АППАРАТ ({N}), ТОВАРНЫЙ ЗНАК {B}, МОДЕЛЬ {M}, НЕ ВОЕННОГО НАЗНАЧЕНИЯ",
        "{N} {B} {M}",
        "{N} {B} {M}, С ПУЛЬТОМ ДИСТАНЦИОННОГО УПРАВЛЕНИЯ, В КОМПЛЕКТЕ, {Q} ШТ",
        "{N} С ЦИФРОВОЙ КАМЕРОЙ, ПРОИЗВОДИТЕЛЬ {MF}, МАРКА {B}, МОДЕЛЬ {M}",
        "ДРОН {B} {M} ДЛЯ АЭРОФОТОСЪЕМКИ",
    ],
    drone_en: &[
        "{E} {B} {M}",
        "UNMANNED AERIAL VEHICLE {B} {M}",
        "{B} {M} {E} WITH REMOTE CONTROLLER",
    ],
    drone_zh: &["{B} {M} {Z}", "{Z} {B}{M}"],
    part_ru: &[
        "{N} ДЛЯ БПЛА {B}, АРТ. {M}",
        "ЗАПАСНЫЕ ЧАСТИ ДЛЯ КВАДРОКОПТЕРА: {N} {B} {M}",
        "{N} {B} {M} ДЛЯ БЕСПИЛОТНЫХ ЛЕТАТЕЛЬНЫХ АППАРАТОВ",
    ],
    part_en: &["{E} FOR DRONE {B} {M}", "DRONE SPARE PARTS: {E} {M}"],
    component_ru: &[
        "ИНТЕГРАЛЬНАЯ СХЕМА {M}, ПРОИЗВОДИТЕЛЬ {MF}",
        "ЭЛЕКТРОННЫЕ КОМПОНЕНТЫ: {N} {M} {B}",
    ],
    component_en: &["INTEGRATED CIRCUIT {M} {B}", "{E} {M}"],
    negative_ru: &["{N} {B} {M}", "{N}, ТОВАРНЫЙ ЗНАК {B}, МОДЕЛЬ {M}"],
    negative_en: &["{E} {B} {M}"],
    vague_ru: &[
        "ЗАПАСНЫЕ ЧАСТИ",
        "ЭЛЕКТРОННОЕ ОБОРУДОВАНИЕ",
        "ТОВАРЫ НАРОДНОГО ПОТРЕБЛЕНИЯ",
        "КОМПЛЕКТУЮЩИЕ",
    ],
    vague_en: &["PARTS", "ELECTRONIC EQUIPMENT", "CONSUMER GOODS"],
    brand_fillers: &["ОТСУТСТВУЕТ", "НЕ ОБОЗНАЧЕН"],
    mutate_models: false,
};
