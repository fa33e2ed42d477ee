//! The held-out wording: different templates, orders, transliterations and typo patterns, kept away from tuning for honest evaluation.
//!
//! Nothing here may appear in `tuning.rs`; a test checks the two sets are disjoint.

use super::{Noise, TemplateSet, Typo};
use crate::translit::Scheme;

/// The held-out set.
pub static SET: TemplateSet = TemplateSet {
    name: "holdout",
    ru_ooo: &[
        "{X}, ООО",
        "ООО {X}",
        "Общество с ограниченной ответственностью «{X}»",
    ],
    ru_ao: &["{X}, АО", "АО {X}"],
    ru_ooo_lat: &["OOO \"{X}\"", "{X} LIMITED LIABILITY COMPANY", "{X} OOO"],
    ru_ao_lat: &["JSC \"{X}\"", "{X} AO"],
    kz: &["{X}, ТОО", "ТОО {X}"],
    kz_lat: &["TOO \"{X}\"", "{X} LIMITED LIABILITY PARTNERSHIP"],
    kg: &["{X}, ОсОО", "ОсОО {X}"],
    kg_lat: &["OSOO \"{X}\"", "{X} LIMITED LIABILITY COMPANY"],
    cn_lat: &[
        "{C} {T} {IP} YOUXIAN GONGSI",
        "{C} SHI {T} {I} CO., LIMITED",
        "{T} {IA} ({C}) CO LTD",
        "{C} {T} {I} COMPANY LIMITED",
    ],
    cn_han: &["{TH}{IH}（{CH}）有限公司", "{CH}市{TH}{IH}有限责任公司"],
    hk_lat: &[
        "{T} {I} LIMITED",
        "HK {T} {IA} CO., LTD",
        "{T} {I} (HONG KONG) CO., LIMITED",
    ],
    hk_han: &["{TH}{IH}（香港）有限公司"],
    form_positions: &[2, 4],
    abbreviations: &[
        ("LIMITED", "LTD"),
        ("TECHNOLOGY", "TECHNOLOGIES"),
        ("TRADING", "TRDG"),
        ("ELECTRONICS", "ELECTRONIC"),
    ],
    schemes: &[Scheme::Gost, Scheme::Informal],
    typos: &[Typo::Transpose, Typo::Double],
    noise: &[Noise::TrailingPunct, Noise::TitleCase],
    drone_ru: &[
        "БПЛА {M} ({B}) - {Q} ШТ.",
        "{N}: {B} / {M} / ГРАЖДАНСКОГО НАЗНАЧЕНИЯ",
        "ЛЕТАТЕЛЬНЫЙ АППАРАТ БЕЗ ЭКИПАЖА С ДИСТАНЦИОННЫМ УПРАВЛЕНИЕМ {B} МОД. {M}",
        "КОПТЕР {M} МАРКИ {B} В ЗАВОДСКОЙ УПАКОВКЕ",
        "{B} {M} - {N}, НОВЫЙ, НЕ БЫВШИЙ В УПОТРЕБЛЕНИИ",
    ],
    drone_en: &[
        "UAV {M} BY {B}",
        "{E}, BRAND: {B}, MODEL: {M}",
        "RC {E} {B}-{M} NEW",
    ],
    drone_zh: &["{B}牌{M}型{Z}", "{Z}（{B} {M}）"],
    part_ru: &[
        "КОМПЛЕКТУЮЩИЕ К БЕСПИЛОТНИКАМ - {N} {M} ({B})",
        "{N} МОДЕЛИ {M}, ИЗГОТОВИТЕЛЬ {MF}",
    ],
    part_en: &["{M} {E} ({B}) FOR UAV", "UAV ACCESSORY {B} {M}"],
    component_ru: &["МИКРОСХЕМЫ {M} ({B}) В КАТУШКАХ", "{N} {B}, ПАРТ-НОМЕР {M}"],
    component_en: &["IC CHIP {B} P/N {M}", "ELECTRONIC COMPONENT {M} ({E})"],
    negative_ru: &["{N} МАРКИ {B}, МОД. {M}", "{B} {M} - {N}"],
    negative_en: &["{B} {M} ({E})"],
    vague_ru: &[
        "ЗАПЧАСТИ В АССОРТИМЕНТЕ",
        "ИЗДЕЛИЯ ЭЛЕКТРОТЕХНИЧЕСКИЕ",
        "ТНП, СМ. ДОПОЛНЕНИЕ",
        "ПРОЧИЕ ТОВАРЫ",
    ],
    vague_en: &["SPARE PARTS ASSORTED", "GENERAL MERCHANDISE", "ACCESSORIES"],
    brand_fillers: &["ОТСУТСТВУЕТ", "БЕЗ ТОВАРНОГО ЗНАКА", "НЕТ ДАННЫХ"],
    mutate_models: true,
};
