//! Registry-style facts for synthetic parties: identifiers with valid check digits (INN, OGRN, BIN, USCC) and addresses in Chinese, Hong Kong and Russian formats.
//!
//! Every value is invented; only the formats and check-digit rules are real.

use crate::sample::{self, Rng};
use crate::words::{CN_CITIES, CN_DISTRICTS, CN_STREETS, LATIN_A};

/// A Russian INN of a legal entity (10 digits, valid check digit).
pub fn inn(r: &mut Rng, region: &str) -> String {
    let body = format!(
        "{region}{:02}{}",
        sample::int(r, 1, 51),
        sample::digits(r, 5)
    );
    let w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let s: u32 = body
        .bytes()
        .zip(w)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!("{body}{}", s % 11 % 10)
}

/// A Russian OGRN (13 digits, valid check digit).
pub fn ogrn(r: &mut Rng, region: &str) -> String {
    let body = format!(
        "1{:02}{region}{}",
        sample::int(r, 2, 23),
        sample::digits(r, 7)
    );
    let n: u64 = body.parse().unwrap_or(0);
    format!("{body}{}", n % 11 % 10)
}

/// A Kazakh BIN of a legal entity: registration year and month, `4` for a resident legal entity, six digits and the check digit.
///
/// The check is the official two-pass weighted sum mod 11; a body whose check would be 10 on both passes is never issued,
/// so its last digit is stepped until a check digit exists.
pub fn bin(r: &mut Rng) -> String {
    let mut body: Vec<u32> = format!(
        "{:02}{:02}4{}",
        sample::int(r, 5, 23),
        sample::int(r, 1, 12),
        sample::digits(r, 6)
    )
    .bytes()
    .map(|b| u32::from(b - b'0'))
    .collect();
    let check = loop {
        if let Some(c) = bin_check(&body) {
            break c;
        }
        body[10] = (body[10] + 1) % 10;
    };
    body.push(check);
    body.iter().map(|d| char::from(b'0' + *d as u8)).collect()
}

/// The BIN check digit of 11 digits, `None` when both passes give 10.
fn bin_check(d: &[u32]) -> Option<u32> {
    let sum = |w: [u32; 11]| d.iter().zip(w).map(|(x, w)| x * w).sum::<u32>() % 11;
    let first = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if first != 10 {
        return Some(first);
    }
    let second = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    (second != 10).then_some(second)
}

/// A Chinese unified social credit code (18 characters, valid check character).
pub fn uscc(r: &mut Rng, city: usize) -> String {
    const ALPHA: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let region = [
        "440300", "440100", "350200", "330782", "441900", "330200", "330100", "440500",
    ][city.min(7)];
    let mut code = format!("91{region}");
    for _ in 0..9 {
        code.push(char::from(ALPHA[sample::index(r, ALPHA.len())]));
    }
    let sum: usize = code
        .bytes()
        .zip(W)
        .map(|(b, w)| ALPHA.iter().position(|a| *a == b).unwrap_or(0) * w)
        .sum();
    code.push(char::from(ALPHA[(31 - sum % 31) % 31]));
    code
}

/// A mainland Chinese address in a city.
pub fn cn_address(r: &mut Rng, city: usize) -> String {
    let c = &CN_CITIES[city];
    format!(
        "ROOM {}, NO. {} {} ROAD, {} DISTRICT, {}, {}, CHINA",
        sample::int(r, 101, 2808),
        sample::int(r, 1, 999),
        sample::pick(r, CN_STREETS),
        sample::pick(r, CN_DISTRICTS),
        c.lat,
        c.province
    )
}

/// A Hong Kong address.
pub fn hk_address(r: &mut Rng) -> String {
    format!(
        "FLAT {}, {}/F, {} {} BUILDING, {} {}, HONG KONG",
        sample::int(r, 1, 30),
        sample::int(r, 2, 40),
        sample::pick(r, LATIN_A),
        sample::pick(r, &["COMMERCIAL", "INDUSTRIAL", "TRADE", "CENTRE"]),
        sample::int(r, 1, 300),
        sample::pick(
            r,
            &[
                "NATHAN ROAD, KOWLOON",
                "HENNESSY ROAD, WAN CHAI",
                "DES VOEUX ROAD, SHEUNG WAN",
                "KWAI FUNG CRESCENT, KWAI CHUNG"
            ]
        )
    )
}

/// A Russian (or Belarusian) address for a region code.
pub fn ru_address(r: &mut Rng, region: &str, country: &str) -> String {
    let (zip, city) = match (country, region) {
        ("BY", _) => ("220030", "Г. МИНСК"),
        (_, "78") => ("190000", "Г. САНКТ-ПЕТЕРБУРГ"),
        (_, "25") => ("690091", "Г. ВЛАДИВОСТОК"),
        (_, "54") => ("630099", "Г. НОВОСИБИРСК"),
        (_, "50") => ("141700", "МОСКОВСКАЯ ОБЛ., Г. ДОЛГОПРУДНЫЙ"),
        _ => ("123112", "Г. МОСКВА"),
    };
    let street = sample::pick(
        r,
        &[
            "УЛ. ЛЕНИНА",
            "ПР-Т МИРА",
            "УЛ. СВЕТЛАНСКАЯ",
            "ПРЕСНЕНСКАЯ НАБ.",
            "УЛ. САДОВАЯ",
            "ВАРШАВСКОЕ Ш.",
        ],
    );
    format!(
        "{zip}, {city}, {street}, Д. {}, ОФ. {}",
        sample::int(r, 1, 150),
        sample::int(r, 1, 900)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_are_valid() {
        let mut r = sample::stream(1, "ids");
        for _ in 0..50 {
            let i = inn(&mut r, "77");
            let w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
            let s: u32 = i
                .bytes()
                .take(9)
                .zip(w)
                .map(|(b, w)| u32::from(b - b'0') * w)
                .sum();
            assert_eq!(u32::from(i.as_bytes()[9] - b'0'), s % 11 % 10);
            assert_eq!(uscc(&mut r, 0).len(), 18);
            assert_eq!(ogrn(&mut r, "78").len(), 13);
            let b = bin(&mut r);
            assert_eq!(b.len(), 12);
            assert_eq!(b.as_bytes()[4], b'4', "{b}");
            assert!(tradetrail_resolve::ident::valid_bin(&b), "{b}");
        }
    }
}
