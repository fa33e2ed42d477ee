//! Places, calendars and money for the world: countries with Russian names and codes, customs offices, dates, exchange rates and number formats.
//!
//! Exchange rates are rounded annual averages written for the synthetic world only (see [`usd_per_unit`]); `world.json` does not repeat them.

use tradetrail_model::{civil_from_days, days_from_civil};

use crate::sample::{self, Rng};

/// A country as the generator writes it: ISO alpha-2, numeric code, Russian and English names.
#[derive(Debug, Clone, Copy)]
pub struct Country {
    /// ISO 3166 alpha-2.
    pub iso2: &'static str,
    /// ISO 3166 numeric, three digits.
    pub num: &'static str,
    /// Russian name in upper case, as in declarations.
    pub ru: &'static str,
    /// English name in upper case.
    pub en: &'static str,
}

/// Every country the world uses.
pub const COUNTRIES: &[Country] = &[
    Country {
        iso2: "CN",
        num: "156",
        ru: "КИТАЙ",
        en: "CHINA",
    },
    Country {
        iso2: "HK",
        num: "344",
        ru: "ГОНКОНГ",
        en: "HONG KONG",
    },
    Country {
        iso2: "RU",
        num: "643",
        ru: "РОССИЯ",
        en: "RUSSIA",
    },
    Country {
        iso2: "KZ",
        num: "398",
        ru: "КАЗАХСТАН",
        en: "KAZAKHSTAN",
    },
    Country {
        iso2: "KG",
        num: "417",
        ru: "КИРГИЗИЯ",
        en: "KYRGYZSTAN",
    },
    Country {
        iso2: "AM",
        num: "051",
        ru: "АРМЕНИЯ",
        en: "ARMENIA",
    },
    Country {
        iso2: "AE",
        num: "784",
        ru: "ОБЪЕДИНЕННЫЕ АРАБСКИЕ ЭМИРАТЫ",
        en: "UNITED ARAB EMIRATES",
    },
    Country {
        iso2: "TR",
        num: "792",
        ru: "ТУРЦИЯ",
        en: "TURKEY",
    },
    Country {
        iso2: "BY",
        num: "112",
        ru: "БЕЛАРУСЬ",
        en: "BELARUS",
    },
    Country {
        iso2: "PK",
        num: "586",
        ru: "ПАКИСТАН",
        en: "PAKISTAN",
    },
    Country {
        iso2: "US",
        num: "840",
        ru: "СОЕДИНЕННЫЕ ШТАТЫ",
        en: "UNITED STATES",
    },
    Country {
        iso2: "JP",
        num: "392",
        ru: "ЯПОНИЯ",
        en: "JAPAN",
    },
    Country {
        iso2: "CH",
        num: "756",
        ru: "ШВЕЙЦАРИЯ",
        en: "SWITZERLAND",
    },
    Country {
        iso2: "DE",
        num: "276",
        ru: "ГЕРМАНИЯ",
        en: "GERMANY",
    },
    Country {
        iso2: "IT",
        num: "380",
        ru: "ИТАЛИЯ",
        en: "ITALY",
    },
    Country {
        iso2: "FR",
        num: "250",
        ru: "ФРАНЦИЯ",
        en: "FRANCE",
    },
    Country {
        iso2: "NL",
        num: "528",
        ru: "НИДЕРЛАНДЫ",
        en: "NETHERLANDS",
    },
    Country {
        iso2: "KR",
        num: "410",
        ru: "КОРЕЯ, РЕСПУБЛИКА",
        en: "KOREA, REPUBLIC OF",
    },
    Country {
        iso2: "IN",
        num: "356",
        ru: "ИНДИЯ",
        en: "INDIA",
    },
    Country {
        iso2: "VN",
        num: "704",
        ru: "ВЬЕТНАМ",
        en: "VIET NAM",
    },
    Country {
        iso2: "PL",
        num: "616",
        ru: "ПОЛЬША",
        en: "POLAND",
    },
    Country {
        iso2: "UZ",
        num: "860",
        ru: "УЗБЕКИСТАН",
        en: "UZBEKISTAN",
    },
];

/// The country with this alpha-2 code.
pub fn country(iso2: &str) -> &'static Country {
    COUNTRIES
        .iter()
        .find(|c| c.iso2 == iso2)
        .unwrap_or(&COUNTRIES[0])
}

/// A country written the Russian-customs way: a Russian name, `156 КИТАЙ`, or the ISO code, mixed; appended to `out`.
pub fn push_country_ru_mixed(r: &mut Rng, iso2: &str, out: &mut String) {
    let c = country(iso2);
    match sample::index(r, 10) {
        0..=4 => out.push_str(c.ru),
        5..=7 => {
            out.push_str(c.num);
            out.push(' ');
            out.push_str(c.ru);
        }
        _ => out.push_str(c.iso2),
    }
}

/// A country written the vendor way: mostly the ISO code, sometimes the English name.
pub fn country_vendor(r: &mut Rng, iso2: &'static str) -> &'static str {
    if sample::chance(r, 0.85) {
        iso2
    } else {
        country(iso2).en
    }
}

/// First day of the world, 2019-01-01.
pub fn start_day() -> i32 {
    days_from_civil(2019, 1, 1)
}

/// Number of months in the world (2019-01 to 2024-12).
pub const MONTHS: usize = 72;

/// The first day of month `m` (0 = 2019-01) and the number of days in it.
pub fn month_span(m: usize) -> (i32, i32) {
    let y = 2019 + (m / 12) as i32;
    let mo = (m % 12) as u32 + 1;
    let first = days_from_civil(y, mo, 1);
    let next = if mo == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, mo + 1, 1)
    };
    (first, next - first)
}

/// The month index (0 = 2019-01) of a day, clamped to the world.
pub fn month_of(day: i32) -> usize {
    let (y, m, _) = civil_from_days(day);
    (((y - 2019) * 12 + m as i32 - 1).clamp(0, MONTHS as i32 - 1)) as usize
}

/// A day given as a civil date.
pub fn day(y: i32, m: u32, d: u32) -> i32 {
    days_from_civil(y, m, d)
}

/// The day Russia's full-scale invasion of Ukraine began, 2022-02-24.
pub fn invasion() -> i32 {
    days_from_civil(2022, 2, 24)
}

/// `yyyy-mm-dd`.
pub fn iso_date(d: i32) -> String {
    let mut s = String::with_capacity(10);
    push_iso_date(d, &mut s);
    s
}

/// `yyyy-mm-dd`, appended to `out`.
pub fn push_iso_date(d: i32, out: &mut String) {
    let (y, m, dd) = civil_from_days(d);
    push_digits(out, y as u32, 4);
    out.push('-');
    push_digits(out, m, 2);
    out.push('-');
    push_digits(out, dd, 2);
}

/// `dd.mm.yyyy`.
pub fn ru_date(d: i32) -> String {
    let mut s = String::with_capacity(10);
    push_ru_date(d, &mut s);
    s
}

/// `dd.mm.yyyy`, appended to `out`.
pub fn push_ru_date(d: i32, out: &mut String) {
    let (y, m, dd) = civil_from_days(d);
    push_digits(out, dd, 2);
    out.push('.');
    push_digits(out, m, 2);
    out.push('.');
    push_digits(out, y as u32, 4);
}

/// Appends `v` zero-padded to at least `width` digits.
pub fn push_digits(out: &mut String, v: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let mut i = buf.len();
    let mut v = v;
    while v > 0 {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    let start = i.min(buf.len() - width.min(buf.len()));
    out.extend(buf[start..].iter().map(|&b| char::from(b)));
}

/// `DDMMYY`, as inside a declaration number.
pub fn ddmmyy(d: i32) -> String {
    let (y, m, dd) = civil_from_days(d);
    format!("{dd:02}{m:02}{:02}", y % 100)
}

/// Russian customs posts: 8-digit code and name (synthetic names on real-looking code ranges).
pub const RU_OFFICES: &[(&str, &str)] = &[
    ("10702070", "ВЛАДИВОСТОКСКИЙ ТАМОЖЕННЫЙ ПОСТ (ЦЭД)"),
    ("10005030", "ЦЕНТРАЛЬНЫЙ ТАМОЖЕННЫЙ ПОСТ (ЦЭД)"),
    ("10013160", "Т/П АЭРОПОРТ ШЕРЕМЕТЬЕВО (ГРУЗОВОЙ)"),
    ("10221010", "САНКТ-ПЕТЕРБУРГСКИЙ ТАМОЖЕННЫЙ ПОСТ (ЦЭД)"),
    ("10609050", "ЗАБАЙКАЛЬСКИЙ ТАМОЖЕННЫЙ ПОСТ"),
    ("10511010", "ОМСКИЙ ТАМОЖЕННЫЙ ПОСТ (ЦЭД)"),
    ("10216170", "БАЛТИЙСКИЙ ТАМОЖЕННЫЙ ПОСТ"),
    ("10714040", "ВЛАДИВОСТОКСКИЙ ТАМОЖЕННЫЙ ПОСТ (МОРСКОЙ)"),
];

/// Kazakh customs offices: 8-digit codes.
pub const KZ_OFFICES: &[&str] = &[
    "55208040", "55201041", "55204031", "55209010", "55202081", "55207051",
];

/// A declaration number `<office>/<DDMMYY>/<7-digit sequence>`.
pub fn declaration_number(office: &str, day: i32, seq: u32) -> String {
    format!("{office}/{}/{seq:07}", ddmmyy(day))
}

/// USD per unit of a currency in a year (rounded annual averages, synthetic-world configuration).
pub fn usd_per_unit(currency: &str, day: i32) -> f64 {
    let (y, _, _) = civil_from_days(day);
    let i = (y - 2019).clamp(0, 5) as usize;
    match currency {
        "USD" => 1.0,
        "RUB" => 1.0 / [64.7, 72.1, 73.7, 68.5, 85.2, 92.6][i],
        "CNY" => 1.0 / [6.91, 6.90, 6.45, 6.73, 7.08, 7.19][i],
        "EUR" => [1.12, 1.14, 1.18, 1.05, 1.08, 1.08][i],
        _ => 1.0,
    }
}

/// A currency as written in the Russian-header file: code, numeric code or Russian name.
pub fn currency_ru_mixed(r: &mut Rng, code: &'static str) -> &'static str {
    let (num, name) = match code {
        "USD" => ("840", "ДОЛЛАР США"),
        "CNY" => ("156", "КИТАЙСКИЙ ЮАНЬ"),
        "EUR" => ("978", "ЕВРО"),
        _ => ("643", "РОССИЙСКИЙ РУБЛЬ"),
    };
    match sample::index(r, 6) {
        0..=3 => code,
        4 => num,
        _ => name,
    }
}

/// A number with a decimal point and `decimals` digits.
pub fn num_point(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}")
}

/// A number with a decimal comma, and a space as thousands separator when `grouped`.
pub fn num_comma(x: f64, decimals: usize, grouped: bool) -> String {
    let mut s = String::new();
    push_num_comma(&mut s, x, decimals, grouped);
    s
}

/// [`num_comma`], appended to `out` without allocating.
pub fn push_num_comma(out: &mut String, x: f64, decimals: usize, grouped: bool) {
    use std::fmt::Write as _;
    let start = out.len();
    let _ = write!(out, "{x:.decimals$}");
    let dot = out[start..].find('.').map(|i| start + i);
    if let Some(dot) = dot {
        out.replace_range(dot..=dot, ",");
    }
    let int_end = dot.unwrap_or(out.len());
    let len = int_end - start;
    if grouped && len > 3 {
        // A space before every digit position i > 0 with (i + 3 - len % 3) % 3 == 0, inserted right to left.
        let head = len % 3;
        for i in (1..len).rev() {
            if (i + 3 - head).is_multiple_of(3) {
                out.insert(start + i, ' ');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(num_comma(1234.5, 2, true), "1 234,50");
        assert_eq!(num_comma(1234567.0, 0, true), "1 234 567");
        assert_eq!(num_comma(123.0, 1, true), "123,0");
        assert_eq!(num_comma(-1234.0, 0, true), "-1 234");
        assert_eq!(num_comma(1234.25, 1, false), "1234,2");
        assert_eq!(iso_date(day(2019, 1, 5)), "2019-01-05");
        assert_eq!(ru_date(day(2023, 4, 12)), "12.04.2023");
        assert_eq!(
            declaration_number("55208040", day(2023, 4, 12), 12345),
            "55208040/120423/0012345"
        );
        assert_eq!(month_of(day(2022, 2, 24)), 37);
        assert_eq!(month_span(0).1, 31);
    }
}
