//! Descriptions of drone goods in Russian vendor style, English and Chinese, with brand, manufacturer and model fields, from the active template set.
//!
//! Model spellings come from the catalogue aliases; the held-out set also mutates them (hyphens, spacing, Cyrillic look-alike letters).

use tradetrail_refdata::products::Product;

use crate::sample::{self, Rng};
use crate::templates::{TemplateSet, fill};
use crate::translit;

/// A rendered description with its structured sub-fields.
#[derive(Debug, Clone, Default)]
pub struct Desc {
    /// Russian description.
    pub ru: String,
    /// English description.
    pub en: String,
    /// Chinese description (UTF-8 files only).
    pub zh: String,
    /// Trademark field.
    pub brand: String,
    /// Manufacturer field.
    pub manufacturer: String,
    /// Model field.
    pub model: String,
    /// Id of the Russian template, `<set>:<list>:<index>`.
    pub template: String,
}

/// Russian, English and Chinese nouns for a product kind.
pub fn nouns(kind: &str) -> (&'static str, &'static str, &'static str) {
    match kind {
        "camera_quad" => ("КВАДРОКОПТЕР", "QUADCOPTER DRONE", "航拍无人机"),
        "enterprise_quad" => (
            "БЕСПИЛОТНЫЙ ЛЕТАТЕЛЬНЫЙ АППАРАТ (КВАДРОКОПТЕР)",
            "INDUSTRIAL DRONE",
            "行业无人机",
        ),
        "agricultural" => (
            "СЕЛЬСКОХОЗЯЙСТВЕННЫЙ ДРОН-ОПРЫСКИВАТЕЛЬ",
            "AGRICULTURAL SPRAYING DRONE",
            "植保无人机",
        ),
        "fixed_wing_vtol" => (
            "БЕСПИЛОТНЫЙ САМОЛЕТ С ВЕРТИКАЛЬНЫМ ВЗЛЕТОМ",
            "FIXED-WING VTOL UAV",
            "垂直起降固定翼无人机",
        ),
        "fpv_drone" => ("FPV ДРОН", "FPV DRONE", "穿越机"),
        "hexacopter" | "heavy_multirotor" => ("МУЛЬТИКОПТЕР", "MULTIROTOR DRONE", "多旋翼无人机"),
        "toy_rc" => ("ИГРУШКА РАДИОУПРАВЛЯЕМАЯ", "RC TOY", "遥控玩具"),
        "payload_camera" => (
            "ПОДВЕСНАЯ КАМЕРА С ТЕПЛОВИЗОРОМ",
            "GIMBAL THERMAL CAMERA",
            "云台相机",
        ),
        "battery" => (
            "АККУМУЛЯТОРНАЯ БАТАРЕЯ ЛИТИЙ-ИОННАЯ",
            "LI-ION BATTERY",
            "锂电池",
        ),
        "propeller" => ("ВОЗДУШНЫЕ ВИНТЫ", "PROPELLERS", "螺旋桨"),
        "remote_controller" => (
            "ПУЛЬТ ДИСТАНЦИОННОГО УПРАВЛЕНИЯ",
            "REMOTE CONTROLLER",
            "遥控器",
        ),
        "motor" => (
            "ЭЛЕКТРОДВИГАТЕЛЬ БЕСКОЛЛЕКТОРНЫЙ",
            "BRUSHLESS MOTOR",
            "无刷电机",
        ),
        "esc" => (
            "РЕГУЛЯТОР ОБОРОТОВ (ESC)",
            "ELECTRONIC SPEED CONTROLLER",
            "电调",
        ),
        "flight_controller" => ("ПОЛЕТНЫЙ КОНТРОЛЛЕР", "FLIGHT CONTROLLER", "飞控"),
        "gnss_module" => ("МОДУЛЬ GPS/ГЛОНАСС", "GNSS MODULE", "GPS模块"),
        "telemetry_radio" => ("РАДИОМОДЕМ ТЕЛЕМЕТРИИ", "TELEMETRY RADIO", "数传电台"),
        "frame" => ("РАМА", "FRAME KIT", "机架"),
        "vtx" => ("ВИДЕОПЕРЕДАТЧИК", "VIDEO TRANSMITTER", "图传"),
        "fpv_camera" => ("ВИДЕОКАМЕРА", "FPV CAMERA", "摄像头"),
        "microcontroller" | "dsp" | "rf_microcontroller" => {
            ("МИКРОКОНТРОЛЛЕР", "MICROCONTROLLER", "微控制器")
        }
        "fpga" => (
            "ПРОГРАММИРУЕМАЯ ЛОГИЧЕСКАЯ ИНТЕГРАЛЬНАЯ СХЕМА",
            "FPGA",
            "可编程逻辑芯片",
        ),
        "imu" => (
            "ИНЕРЦИАЛЬНЫЙ ИЗМЕРИТЕЛЬНЫЙ МОДУЛЬ",
            "INERTIAL MEASUREMENT UNIT",
            "惯性测量单元",
        ),
        "rf_transceiver" => (
            "РАДИОЧАСТОТНЫЙ ПРИЕМОПЕРЕДАТЧИК",
            "RF TRANSCEIVER",
            "射频收发器",
        ),
        "rf_amplifier" => ("УСИЛИТЕЛЬ МОЩНОСТИ ВЧ", "RF POWER AMPLIFIER", "射频放大器"),
        "capacitor" => (
            "КОНДЕНСАТОРЫ КЕРАМИЧЕСКИЕ МНОГОСЛОЙНЫЕ",
            "MULTILAYER CERAMIC CAPACITORS",
            "贴片电容",
        ),
        "gimbal_camera" => (
            "КАРМАННАЯ ВИДЕОКАМЕРА СО СТАБИЛИЗАТОРОМ",
            "POCKET GIMBAL CAMERA",
            "口袋云台相机",
        ),
        "action_camera" => ("ЭКШН-КАМЕРА", "ACTION CAMERA", "运动相机"),
        "gimbal_handheld" => (
            "РУЧНОЙ СТАБИЛИЗАТОР (СТЕДИКАМ)",
            "HANDHELD GIMBAL STABILIZER",
            "手持稳定器",
        ),
        "battery_phone" => (
            "АККУМУЛЯТОР ДЛЯ МОБИЛЬНОГО ТЕЛЕФОНА",
            "MOBILE PHONE BATTERY",
            "手机电池",
        ),
        "battery_laptop" => ("АККУМУЛЯТОР ДЛЯ НОУТБУКА", "LAPTOP BATTERY", "笔记本电池"),
        _ => ("ИЗДЕЛИЕ", "ARTICLE", "产品"),
    }
}

/// A spelling of the product's model; Han aliases only when `han` is allowed.
pub fn model_spelling(r: &mut Rng, p: &Product, set: &TemplateSet, han: bool) -> String {
    let mut m = if sample::chance(r, 0.35) || p.aliases.is_empty() {
        p.model.to_uppercase()
    } else {
        let a = sample::pick(r, &p.aliases);
        if !han && translit::script(a) == "han" {
            p.model.to_uppercase()
        } else {
            a.clone()
        }
    };
    if set.mutate_models && sample::chance(r, 0.5) {
        m = mutate(r, &m);
    }
    m
}

fn mutate(r: &mut Rng, m: &str) -> String {
    match sample::index(r, 3) {
        0 => m.replace(' ', ""),
        1 => {
            let mut out = String::with_capacity(m.len() + 2);
            let mut prev: Option<char> = None;
            for c in m.chars() {
                if let Some(p) = prev
                    && p.is_alphabetic()
                    && c.is_ascii_digit()
                {
                    out.push('-');
                }
                if c != ' ' || prev.is_none_or(|p| !p.is_alphabetic()) {
                    out.push(c);
                }
                prev = Some(c);
            }
            out
        }
        _ => m
            .chars()
            .map(|c| match c {
                'A' => 'А',
                'B' => 'В',
                'E' => 'Е',
                'K' => 'К',
                'M' => 'М',
                'H' => 'Н',
                'O' => 'О',
                'P' => 'Р',
                'C' => 'С',
                'T' => 'Т',
                'X' => 'Х',
                o => o,
            })
            .collect(),
    }
}

/// A spelling of the brand: the name or one of its aliases (no Han unless allowed).
pub fn brand_spelling(
    r: &mut Rng,
    brand: &tradetrail_refdata::products::Brand,
    han: bool,
) -> String {
    if sample::chance(r, 0.6) || brand.aliases.is_empty() {
        return brand.name.to_uppercase();
    }
    let a = sample::pick(r, &brand.aliases);
    if !han && translit::script(a) == "han" {
        brand.name.to_uppercase()
    } else {
        a.clone()
    }
}

/// Describes one product line; `vague` replaces the description by a generic one without brand or model.
pub fn describe(
    r: &mut Rng,
    p: &Product,
    set: &TemplateSet,
    qty: f64,
    vague: bool,
    utf8: bool,
) -> Desc {
    let cat = tradetrail_refdata::products::catalogue();
    let brand = cat
        .brand(&p.brand)
        .expect("catalogue brands exist (tested)");
    if vague {
        let i = sample::index(r, set.vague_ru.len());
        return Desc {
            ru: set.vague_ru[i].to_string(),
            en: sample::pick(r, set.vague_en).to_string(),
            zh: String::new(),
            brand: sample::pick(r, set.brand_fillers).to_string(),
            manufacturer: sample::pick(r, set.brand_fillers).to_string(),
            model: sample::pick(r, set.brand_fillers).to_string(),
            template: format!("{}:vague_ru:{i}", set.name),
        };
    }
    let (n, e, z) = nouns(&p.kind);
    let b = brand_spelling(r, brand, false);
    let m = model_spelling(r, p, set, false);
    let mf = brand
        .owner_names
        .iter()
        .find(|o| translit::script(o) == "latin")
        .cloned()
        .unwrap_or_else(|| brand.name.to_uppercase());
    let q = format!("{}", qty.round() as i64);
    let (ru_list, en_list, list_name) = match p.category.as_str() {
        "drone" => (set.drone_ru, set.drone_en, "drone_ru"),
        "drone_part" => (set.part_ru, set.part_en, "part_ru"),
        "component" => (set.component_ru, set.component_en, "component_ru"),
        _ => (set.negative_ru, set.negative_en, "negative_ru"),
    };
    let i = sample::index(r, ru_list.len());
    let look = |k: &str| match k {
        "N" => Some(n),
        "E" => Some(e),
        "Z" => Some(z),
        "B" => Some(b.as_str()),
        "M" => Some(m.as_str()),
        "MF" => Some(mf.as_str()),
        "Q" => Some(q.as_str()),
        _ => None,
    };
    let ru = fill(ru_list[i], look);
    let en = fill(sample::pick::<&str>(r, en_list), look);
    let zh = if utf8 && p.category == "drone" {
        let mz = model_spelling(r, p, set, true);
        let bz = brand_spelling(r, brand, true);
        fill(sample::pick::<&str>(r, set.drone_zh), |k| match k {
            "Z" => Some(z),
            "B" => Some(bz.as_str()),
            "M" => Some(mz.as_str()),
            _ => None,
        })
    } else {
        String::new()
    };
    let brand_field = if sample::chance(r, 0.1) {
        sample::pick(r, set.brand_fillers).to_string()
    } else {
        b.clone()
    };
    Desc {
        ru,
        en,
        zh,
        brand: brand_field,
        manufacturer: mf,
        model: m,
        template: format!("{}:{list_name}:{i}", set.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    #[test]
    fn descriptions_name_brand_and_model() {
        let p = tradetrail_refdata::products::catalogue()
            .product("dji-mavic-3")
            .unwrap();
        let mut r = sample::stream(1, "d");
        let d = describe(&mut r, p, templates::set(false), 3.0, false, true);
        assert!(d.template.starts_with("tuning:drone_ru:"));
        assert!(!d.ru.is_empty() && !d.zh.is_empty());
        let v = describe(&mut r, p, templates::set(true), 3.0, true, true);
        assert!(v.template.starts_with("holdout:vague_ru:"));
        assert!(mutate(&mut r, "MAVIC 3").len() >= 6);
    }
}
