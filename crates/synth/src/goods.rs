//! Goods lines: catalogue products with realistic quantities, prices and weights, and a large background of unrelated trade.
//!
//! Drone products are drawn so that value shares follow the reference case (DJI about half, Autel a sizeable share); launch dates are respected.

use tradetrail_refdata::products::{Product, catalogue};

use crate::describe::{self, Desc};
use crate::geo;
use crate::sample::{self, Rng, Table};
use crate::templates::TemplateSet;

/// One goods item before it is written.
#[derive(Debug, Clone)]
pub struct Item {
    /// Product id, or `bg:<class>` for background goods.
    pub class: String,
    /// The catalogue product, when there is one.
    pub product: Option<&'static Product>,
    /// drone, drone_part, component or other.
    pub category: &'static str,
    /// True origin country.
    pub origin: &'static str,
    /// True HS six-digit code in the nomenclature in force on the day.
    pub true_hs6: String,
    /// HS2017 or HS2022.
    pub hs_version: &'static str,
    /// Declared ten-digit code.
    pub declared_hs: String,
    /// Quantity shipped.
    pub qty_true: f64,
    /// Quantity declared.
    pub qty_declared: f64,
    /// Unit as written in Russian (ШТ, КГ, ПАР).
    pub unit: &'static str,
    /// Net weight, kg.
    pub net_kg: f64,
    /// Gross weight, kg.
    pub gross_kg: f64,
    /// True value of one unit, USD.
    pub true_unit_usd: f64,
    /// Declared total value, USD.
    pub declared_usd: f64,
    /// Description and sub-fields.
    pub desc: Desc,
    /// Anomalies planted on this item, as (code, detail).
    pub anomalies: Vec<(&'static str, String)>,
}

/// A background goods class: id, 10-digit code, Russian and English descriptions, unit, kg per unit, USD per unit, median quantity, origins.
type Bg = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    f64,
    &'static [&'static str],
);

const CN: &[&str] = &["CN"];
const CN_TR: &[&str] = &["CN", "TR", "CN", "VN", "IN"];
const EU: &[&str] = &["DE", "IT", "PL", "CN", "KR", "JP"];

/// The background of unrelated trade.
#[rustfmt::skip]
pub const BACKGROUND: &[Bg] = &[
    ("tshirt", "6109100000", "ФУТБОЛКИ ТРИКОТАЖНЫЕ ИЗ ХЛОПКА", "COTTON KNITTED T-SHIRTS", "ШТ", 0.18, 3.5, 800.0, CN_TR),
    ("trousers", "6203423500", "БРЮКИ МУЖСКИЕ ИЗ ДЕНИМА", "MEN'S DENIM TROUSERS", "ШТ", 0.6, 9.0, 500.0, CN_TR),
    ("dress", "6204430000", "ПЛАТЬЯ ЖЕНСКИЕ ИЗ СИНТЕТИЧЕСКИХ НИТЕЙ", "WOMEN'S DRESSES OF SYNTHETIC FIBRES", "ШТ", 0.35, 11.0, 300.0, CN_TR),
    ("shoes", "6402999800", "ОБУВЬ С ВЕРХОМ ИЗ ПОЛИМЕРНЫХ МАТЕРИАЛОВ", "FOOTWEAR WITH PLASTIC UPPERS", "ПАР", 0.7, 8.0, 600.0, CN_TR),
    ("jacket", "6201400000", "КУРТКИ МУЖСКИЕ УТЕПЛЕННЫЕ", "MEN'S PADDED JACKETS", "ШТ", 1.1, 22.0, 300.0, CN_TR),
    ("brakepads", "8708301009", "КОЛОДКИ ТОРМОЗНЫЕ ДЛЯ ЛЕГКОВЫХ АВТОМОБИЛЕЙ", "BRAKE PADS FOR PASSENGER CARS", "ШТ", 1.2, 7.0, 400.0, EU),
    ("autoparts", "8708999709", "ЧАСТИ И ПРИНАДЛЕЖНОСТИ АВТОМОБИЛЕЙ", "PARTS AND ACCESSORIES OF MOTOR VEHICLES", "ШТ", 2.0, 15.0, 200.0, EU),
    ("tyres", "4011100003", "ШИНЫ ПНЕВМАТИЧЕСКИЕ РЕЗИНОВЫЕ НОВЫЕ ДЛЯ ЛЕГКОВЫХ АВТОМОБИЛЕЙ", "NEW PNEUMATIC RUBBER TYRES FOR CARS", "ШТ", 9.0, 45.0, 200.0, &["CN", "KR", "JP", "TR"]),
    ("oilfilter", "8421230000", "ФИЛЬТРЫ МАСЛЯНЫЕ ДЛЯ ДВИГАТЕЛЕЙ", "OIL FILTERS FOR ENGINES", "ШТ", 0.4, 3.0, 1000.0, EU),
    ("valves", "8481808199", "КРАНЫ И КЛАПАНЫ ПРОМЫШЛЕННЫЕ", "INDUSTRIAL TAPS AND VALVES", "ШТ", 3.0, 40.0, 100.0, EU),
    ("pumps", "8413702100", "НАСОСЫ ЦЕНТРОБЕЖНЫЕ", "CENTRIFUGAL PUMPS", "ШТ", 25.0, 350.0, 12.0, EU),
    ("bearings", "8482102009", "ПОДШИПНИКИ ШАРИКОВЫЕ", "BALL BEARINGS", "ШТ", 0.3, 2.5, 2000.0, &["CN", "JP", "DE"]),
    ("excavatorparts", "8431498009", "ЧАСТИ ЭКСКАВАТОРОВ", "PARTS OF EXCAVATORS", "КГ", 1.0, 6.0, 3000.0, CN),
    ("machinetool", "8458119000", "СТАНКИ ТОКАРНЫЕ С ЧПУ", "CNC HORIZONTAL LATHES", "ШТ", 3500.0, 60000.0, 1.0, &["CN", "TR", "DE", "IT"]),
    ("tea", "0902300000", "ЧАЙ ЧЕРНЫЙ ФЕРМЕНТИРОВАННЫЙ", "BLACK FERMENTED TEA", "КГ", 1.0, 4.0, 5000.0, &["CN", "IN"]),
    ("citrus", "0805102200", "АПЕЛЬСИНЫ СВЕЖИЕ", "FRESH ORANGES", "КГ", 1.0, 0.8, 20000.0, &["TR"]),
    ("biscuits", "1905311100", "ПЕЧЕНЬЕ СЛАДКОЕ", "SWEET BISCUITS", "КГ", 1.0, 3.0, 4000.0, &["TR", "DE", "PL"]),
    ("apricots", "0813100000", "АБРИКОСЫ СУШЕНЫЕ", "DRIED APRICOTS", "КГ", 1.0, 3.5, 8000.0, &["TR", "UZ"]),
    ("sofa", "9401610000", "МЕБЕЛЬ ДЛЯ СИДЕНИЯ С ДЕРЕВЯННЫМ КАРКАСОМ, ОБИТАЯ", "UPHOLSTERED SEATS WITH WOODEN FRAMES", "ШТ", 45.0, 180.0, 40.0, &["CN", "IT", "TR"]),
    ("cabinet", "9403608009", "МЕБЕЛЬ ДЕРЕВЯННАЯ КОРПУСНАЯ", "WOODEN FURNITURE", "ШТ", 30.0, 90.0, 60.0, &["CN", "PL", "IT"]),
    ("office_chair", "9401710009", "КРЕСЛА ОФИСНЫЕ НА МЕТАЛЛИЧЕСКОМ КАРКАСЕ", "OFFICE CHAIRS WITH METAL FRAMES", "ШТ", 14.0, 35.0, 150.0, CN),
    ("smartphone", "8517130000", "ТЕЛЕФОНЫ СОТОВЫЕ (СМАРТФОНЫ)", "MOBILE PHONES (SMARTPHONES)", "ШТ", 0.2, 180.0, 300.0, &["CN", "VN", "KR", "IN"]),
    ("laptop", "8471300000", "МАШИНЫ ВЫЧИСЛИТЕЛЬНЫЕ ПОРТАТИВНЫЕ (НОУТБУКИ)", "PORTABLE COMPUTERS (LAPTOPS)", "ШТ", 2.0, 550.0, 80.0, CN),
    ("tv", "8528721000", "ТЕЛЕВИЗОРЫ ЦВЕТНОГО ИЗОБРАЖЕНИЯ ЖК", "LCD COLOUR TELEVISIONS", "ШТ", 12.0, 220.0, 100.0, &["CN", "KR", "TR"]),
    ("microwave", "8516500000", "ПЕЧИ МИКРОВОЛНОВЫЕ БЫТОВЫЕ", "HOUSEHOLD MICROWAVE OVENS", "ШТ", 11.0, 55.0, 200.0, CN),
    ("cables", "8544429009", "ПРОВОДНИКИ ЭЛЕКТРИЧЕСКИЕ С СОЕДИНИТЕЛЯМИ", "ELECTRIC CONDUCTORS WITH CONNECTORS", "КГ", 1.0, 6.0, 800.0, CN),
    ("leds", "9405420039", "СВЕТИЛЬНИКИ СВЕТОДИОДНЫЕ", "LED LUMINAIRES", "ШТ", 0.8, 6.0, 1000.0, CN),
    ("plastic_art", "3926909709", "ИЗДЕЛИЯ ИЗ ПЛАСТМАСС ПРОЧИЕ", "OTHER ARTICLES OF PLASTICS", "КГ", 1.0, 2.5, 2000.0, CN_TR),
    ("toys", "9503007000", "ИГРУШКИ ПЛАСТМАССОВЫЕ (КУКЛЫ, КОНСТРУКТОРЫ)", "PLASTIC TOYS (DOLLS, CONSTRUCTION SETS)", "ШТ", 0.3, 3.0, 1500.0, CN),
    ("cosmetics", "3304990000", "СРЕДСТВА КОСМЕТИЧЕСКИЕ ДЛЯ УХОДА ЗА КОЖЕЙ", "SKIN CARE PREPARATIONS", "КГ", 1.0, 12.0, 500.0, &["KR", "IT", "CN", "TR"]),
    ("drills", "8467210000", "ДРЕЛИ ЭЛЕКТРИЧЕСКИЕ РУЧНЫЕ", "HAND-HELD ELECTRIC DRILLS", "ШТ", 1.8, 18.0, 400.0, CN),
    ("fasteners", "7318158900", "БОЛТЫ И ВИНТЫ ИЗ ЧЕРНЫХ МЕТАЛЛОВ", "SCREWS AND BOLTS OF IRON OR STEEL", "КГ", 1.0, 1.8, 5000.0, &["CN", "IN", "TR"]),
    ("tiles", "6907219000", "ПЛИТКИ КЕРАМИЧЕСКИЕ", "CERAMIC TILES", "КГ", 1.0, 0.6, 20000.0, &["CN", "TR", "IT", "IN"]),
    ("fabric", "5407610000", "ТКАНИ ИЗ ПОЛИЭФИРНЫХ НИТЕЙ", "WOVEN FABRICS OF POLYESTER", "КГ", 1.0, 3.5, 5000.0, CN_TR),
    ("medical", "9018909000", "ИНСТРУМЕНТЫ И АППАРАТЫ МЕДИЦИНСКИЕ", "MEDICAL INSTRUMENTS AND APPLIANCES", "ШТ", 0.5, 25.0, 200.0, EU),
    ("boxes", "4819100000", "КОРОБКИ ИЗ ГОФРИРОВАННОГО КАРТОНА", "CARTONS OF CORRUGATED PAPER", "КГ", 1.0, 1.2, 5000.0, CN),
];

/// Per-category, per-month weighted product tables.
pub struct Goods {
    products: Vec<&'static Product>,
    tables: Vec<Vec<(Vec<usize>, Table)>>,
}

/// The four categories, in table order.
pub const CATEGORIES: [&str; 4] = ["drone", "drone_part", "component", "other"];

fn brand_share(brand: &str) -> f64 {
    match brand {
        "DJI" => 0.48,
        "Autel Robotics" => 0.16,
        "Mugin" => 0.05,
        "XAG" => 0.05,
        _ => 0.26 / 14.0,
    }
}

/// Median quantity of one line by product kind.
pub fn median_qty(kind: &str) -> f64 {
    match kind {
        "camera_quad" => 3.0,
        "enterprise_quad" | "agricultural" | "hexacopter" | "heavy_multirotor"
        | "payload_camera" | "remote_controller" => 1.5,
        "fixed_wing_vtol" => 1.2,
        "fpv_drone" => 10.0,
        "toy_rc" => 60.0,
        "battery" | "vtx" | "fpv_camera" | "gnss_module" | "esc" | "frame" => 20.0,
        "propeller" => 100.0,
        "motor" => 40.0,
        "flight_controller" | "telemetry_radio" | "imu" => 8.0,
        "capacitor" => 20_000.0,
        "microcontroller" | "dsp" | "rf_microcontroller" | "rf_transceiver" | "rf_amplifier"
        | "fpga" => 300.0,
        "battery_phone" | "battery_laptop" => 200.0,
        _ => 8.0,
    }
}

fn launched(p: &Product) -> i32 {
    let y: i32 = p
        .price_date
        .get(0..4)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2019);
    let m: u32 = p
        .price_date
        .get(5..7)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    geo::day(y, m, 1)
}

impl Goods {
    /// Builds the tables from the catalogue.
    pub fn new() -> Self {
        let products: Vec<&'static Product> = catalogue().products.iter().collect();
        let mut tables = Vec::new();
        for cat in CATEGORIES {
            let mut per_month = Vec::with_capacity(geo::MONTHS);
            for m in 0..geo::MONTHS {
                let (first, len) = geo::month_span(m);
                let avail: Vec<usize> = (0..products.len())
                    .filter(|i| {
                        products[*i].category == cat && launched(products[*i]) <= first + len
                    })
                    .collect();
                let weights: Vec<f64> = avail
                    .iter()
                    .map(|i| {
                        let p = products[*i];
                        if cat != "drone" {
                            return 1.0;
                        }
                        let n = avail
                            .iter()
                            .filter(|j| products[**j].brand == p.brand)
                            .count() as f64;
                        brand_share(&p.brand) / n / (p.list_price_usd * median_qty(&p.kind))
                    })
                    .collect();
                per_month.push((avail, Table::new(&weights)));
            }
            tables.push(per_month);
        }
        Self { products, tables }
    }

    /// Draws a product of a category available on a day (falls back to any product of the category).
    pub fn pick(&self, r: &mut Rng, category: &str, day: i32) -> &'static Product {
        let c = CATEGORIES.iter().position(|x| *x == category).unwrap_or(0);
        let (avail, table) = &self.tables[c][geo::month_of(day)];
        if avail.is_empty() {
            let all: Vec<&'static Product> = self
                .products
                .iter()
                .filter(|p| p.category == category)
                .copied()
                .collect();
            return sample::pick::<&'static Product>(r, &all);
        }
        self.products[avail[table.draw(r)]]
    }

    /// Draws a product of one brand and category available on a day.
    pub fn pick_brand(
        &self,
        r: &mut Rng,
        brand: &str,
        category: &str,
        day: i32,
    ) -> Option<&'static Product> {
        let ok: Vec<_> = self
            .products
            .iter()
            .filter(|p| p.brand == brand && p.category == category && launched(p) <= day)
            .copied()
            .collect();
        (!ok.is_empty()).then(|| ok[sample::index(r, ok.len())])
    }
}

impl Default for Goods {
    fn default() -> Self {
        Self::new()
    }
}

/// The true HS six-digit code of a product on a day, and the nomenclature version.
pub fn true_hs(p: &Product, day: i32) -> (String, &'static str) {
    let hs = p.hs6_expected[0].clone();
    if day >= geo::day(2022, 1, 1) {
        return (hs, "HS2022");
    }
    let old = match hs.as_str() {
        "880621" | "880622" | "880691" | "880692" if p.kind != "fixed_wing_vtol" => "852580",
        "880623" | "880624" | "880693" | "880694" if p.kind == "fixed_wing_vtol" => "880220",
        "880623" | "880624" | "880693" | "880694" => "880211",
        "880710" => "880310",
        "880730" => "880330",
        "852589" => "852580",
        h if h.starts_with("8806") => "880220",
        h => h,
    };
    (old.to_string(), "HS2017")
}

/// A ten-digit TN VED code for a six-digit code.
pub fn hs10(hs6: &str) -> String {
    let tail = match hs6.as_bytes().first() {
        Some(b'8') if hs6.starts_with("88") => "0000",
        Some(b'8') => "0009",
        _ => "0000",
    };
    format!("{hs6}{tail}")
}

/// A wrong code for a misclassified line of a category.
pub fn wrong_hs6(r: &mut Rng, category: &str) -> &'static str {
    match category {
        "drone" => sample::pick::<&str>(r, &["950300", "852589", "880730", "847330", "903289"]),
        "drone_part" => sample::pick::<&str>(r, &["847330", "854370", "392690", "950300"]),
        _ => sample::pick::<&str>(r, &["854370", "853890", "847330"]),
    }
}

/// Makes a catalogue goods line of `qty` units; `vague` writes a generic description.
pub fn product_item(
    r: &mut Rng,
    p: &'static Product,
    day: i32,
    qty: f64,
    set: &TemplateSet,
    utf8: bool,
    vague: bool,
) -> Item {
    let (true_hs6, hs_version) = true_hs(p, day);
    let factor = if p.category == "component" {
        sample::lognormal(r, 1.0, 0.25)
    } else {
        sample::lognormal(r, 0.92, 0.08).clamp(0.7, 1.2)
    };
    let unit_usd = p.list_price_usd * factor;
    let net = (qty * p.unit_weight_g / 1000.0).max(0.01);
    let pack = if p.category == "component" {
        1.3
    } else {
        sample::uniform(r, 1.25, 1.7)
    };
    let brand_country = catalogue().brand(&p.brand).map_or("CN", |b| {
        if b.country == "CN" {
            "CN"
        } else {
            geo::country(&b.country).iso2
        }
    });
    Item {
        class: p.id.clone(),
        product: Some(p),
        category: CATEGORIES
            .iter()
            .find(|c| **c == p.category)
            .copied()
            .unwrap_or("other"),
        origin: brand_country,
        declared_hs: hs10(&true_hs6),
        true_hs6,
        hs_version,
        qty_true: qty,
        qty_declared: qty,
        unit: "ШТ",
        net_kg: net,
        gross_kg: net * pack + 0.1,
        true_unit_usd: unit_usd,
        declared_usd: unit_usd * qty,
        desc: describe::describe(r, p, set, qty, vague, utf8),
        anomalies: Vec::new(),
    }
}

/// A quantity for a product line.
pub fn quantity(r: &mut Rng, p: &Product) -> f64 {
    sample::lognormal(r, median_qty(&p.kind), 0.9)
        .round()
        .clamp(1.0, 100_000.0)
}

/// Makes a background goods line.
pub fn background_item(r: &mut Rng, set: &TemplateSet, sender_country: &'static str) -> Item {
    let &(id, hs, ru, en, unit, kg, usd, med, origins) = sample::pick(r, BACKGROUND);
    let qty = sample::lognormal(r, med, 1.0).round().max(1.0);
    let unit_usd = usd * sample::lognormal(r, 1.0, 0.35);
    let origin = if origins.contains(&sender_country) {
        sender_country
    } else {
        origins[0]
    };
    let net = qty * kg * sample::uniform(r, 0.9, 1.1);
    let brand = if sample::chance(r, 0.5) {
        sample::pick(r, set.brand_fillers).to_string()
    } else {
        crate::words::LATIN_A[sample::index(r, 10)].to_string()
    };
    Item {
        class: format!("bg:{id}"),
        product: None,
        category: "other",
        origin,
        true_hs6: hs[..6].to_string(),
        hs_version: "HS2022",
        declared_hs: hs.to_string(),
        qty_true: qty,
        qty_declared: qty,
        unit,
        net_kg: net,
        gross_kg: net * sample::uniform(r, 1.03, 1.2),
        true_unit_usd: unit_usd,
        declared_usd: unit_usd * qty,
        desc: Desc {
            ru: ru.to_string(),
            en: en.to_string(),
            zh: String::new(),
            brand: brand.clone(),
            manufacturer: if sample::chance(r, 0.5) {
                brand
            } else {
                sample::pick(r, set.brand_fillers).to_string()
            },
            model: sample::pick(r, set.brand_fillers).to_string(),
            template: "background".to_string(),
        },
        anomalies: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_respect_launch_dates_and_categories() {
        let g = Goods::new();
        let mut r = sample::stream(1, "g");
        for _ in 0..200 {
            let p = g.pick(&mut r, "drone", geo::day(2023, 6, 1));
            assert_eq!(p.category, "drone");
            assert!(launched(p) <= geo::day(2023, 7, 1));
        }
        let mavic = catalogue().product("dji-mavic-3").unwrap();
        assert_eq!(true_hs(mavic, geo::day(2021, 12, 1)).0, "852580");
        assert_eq!(hs10("880622"), "8806220000");
    }
}
