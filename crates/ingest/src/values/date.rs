//! Parses the dates vendors write (`31.03.2025`, `2025-03-31T00:00:00`, `март 2023`, `20230331`, Excel serials) into `Date32` days.
//!
//! Day-first is assumed for `dd.mm.yyyy` and `dd/mm/yyyy`, as in every Russian and Kazakh export.
//! Two-digit years pivot at 90: `90`..`99` are 19YY, the rest 20YY, independent of today's date.
//! Month-only dates become the first of the month.

use tradetrail_model::{civil_from_days, days_from_civil};

/// Days in a month of a (proleptic Gregorian) year.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The `Date32` day of a validated civil date.
pub fn ymd(year: i32, month: u32, day: u32) -> Option<i32> {
    ((1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && (1800..=2200).contains(&year))
    .then(|| days_from_civil(year, month, day))
}

/// Expands a two-digit year with the fixed pivot.
pub fn pivot_year(yy: i32) -> i32 {
    if yy >= 90 { 1900 + yy } else { 2000 + yy }
}

/// Parses an all-digit slice as a number.
fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
}

/// Month names in English and Russian (nominative, genitive and short forms), matched by prefix.
fn month_from_name(word: &str) -> Option<u32> {
    const NAMES: &[(&str, u32)] = &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("янв", 1),
        ("фев", 2),
        ("мар", 3),
        ("апр", 4),
        ("мая", 5),
        ("май", 5),
        ("июн", 6),
        ("июл", 7),
        ("авг", 8),
        ("сен", 9),
        ("окт", 10),
        ("ноя", 11),
        ("дек", 12),
    ];
    let lower = word.trim_end_matches('.').to_lowercase();
    if lower.chars().count() < 3 {
        return None;
    }
    NAMES
        .iter()
        .find(|(p, _)| lower.starts_with(p))
        .map(|&(_, m)| m)
}

/// Parses a date with day, month and year separated by `sep`, day first.
fn dmy(s: &str, sep: char) -> Option<i32> {
    let mut it = s.split(sep);
    let (d, m, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let year = match y.len() {
        4 => num(y)? as i32,
        2 => pivot_year(num(y)? as i32),
        _ => return None,
    };
    ymd(year, num(m)?, num(d)?)
}

/// Parses `yyyy-mm-dd`, `yyyy/mm/dd`, `yyyy.mm.dd` and the month-only `yyyy-mm`.
fn ymd_text(s: &str, sep: char) -> Option<i32> {
    let mut it = s.split(sep);
    let (y, m) = (it.next()?, it.next()?);
    if y.len() != 4 || m.len() > 2 {
        return None;
    }
    let d = match it.next() {
        Some(d) if d.len() <= 2 => num(d)?,
        Some(_) => return None,
        None => 1,
    };
    if it.next().is_some() {
        return None;
    }
    ymd(num(y)? as i32, num(m)?, d)
}

/// A user date format in strftime style, restricted to `%d %m %Y %y` and literal characters.
pub fn parse_with_format(s: &str, format: &str) -> Option<i32> {
    let (mut d, mut m, mut y) = (None, None, None);
    let mut rest = s;
    let mut fmt = format.chars();
    while let Some(c) = fmt.next() {
        if c == '%' {
            let spec = fmt.next()?;
            let width = match spec {
                'd' | 'm' | 'y' => 2,
                'Y' => 4,
                _ => return None,
            };
            let digits = rest
                .bytes()
                .take(width)
                .take_while(u8::is_ascii_digit)
                .count();
            if digits == 0 {
                return None;
            }
            let v = num(&rest[..digits])?;
            rest = &rest[digits..];
            match spec {
                'd' => d = Some(v),
                'm' => m = Some(v),
                'y' => y = Some(pivot_year(v as i32)),
                _ => y = Some(v as i32),
            }
        } else {
            rest = rest.strip_prefix(c)?;
        }
    }
    ymd(y?, m?, d.unwrap_or(1))
}

/// Parses a date cell in any supported format, trying the user's `date_format` first.
pub fn parse_date(s: &str, format: Option<&str>) -> Option<i32> {
    let s = s.trim();
    if let Some(f) = format
        && let Some(d) = parse_with_format(s, f)
    {
        return Some(d);
    }
    // Drop a time part: `2025-03-31T10:00:00Z`, `31.03.2025 0:00:00`.
    let date = s.split(['T', ' ']).next().unwrap_or(s);
    let has_time = date.len() < s.len();
    if date.len() == 8 && !has_time && date.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(num(&date[..4])? as i32, num(&date[4..6])?, num(&date[6..])?);
    }
    for sep in ['.', '/', '-'] {
        if date.matches(sep).count() == 2 {
            let head = date.split(sep).next().unwrap_or("");
            return if head.len() == 4 {
                ymd_text(date, sep)
            } else {
                dmy(date, sep)
            };
        }
    }
    if date.matches('-').count() == 1 && !has_time {
        return ymd_text(date, '-');
    }
    // `Mar 2023`, `March 2023`, `март 2023`, `03.2023`.
    let mut words = s.split_whitespace();
    if let (Some(a), Some(b), None) = (words.next(), words.next(), words.next())
        && b.len() == 4
    {
        let year = num(b)? as i32;
        return ymd(year, month_from_name(a)?, 1);
    }
    if let Some((m, y)) = s.split_once(['.', '/'])
        && y.len() == 4
        && m.len() <= 2
    {
        return ymd(num(y)? as i32, num(m)?, 1);
    }
    None
}

/// The date inside a declaration number `<8-digit office>/<DDMMYY>/<7-digit sequence>`.
pub fn date_from_declaration_number(s: &str) -> Option<i32> {
    let mut it = s.trim().split('/');
    let (office, date, seq) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || office.len() != 8 || date.len() != 6 || seq.is_empty() {
        return None;
    }
    if !office
        .bytes()
        .chain(date.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    ymd(
        pivot_year(num(&date[4..])? as i32),
        num(&date[2..4])?,
        num(&date[..2])?,
    )
}

/// Converts an Excel 1900-system serial (days since 1899-12-30) into `yyyy-mm-dd` text.
pub fn excel_serial_to_iso(serial: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i32 - 25_569;
    let (y, m, d) = civil_from_days(days);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_table() {
        let d = |y, m, dd| Some(days_from_civil(y, m, dd));
        let cases: &[(&str, Option<i32>)] = &[
            ("31.03.2025", d(2025, 3, 31)),
            ("1.3.2025", d(2025, 3, 1)),
            ("31.03.25", d(2025, 3, 31)),
            ("31.03.95", d(1995, 3, 31)),
            ("31/03/2025", d(2025, 3, 31)),
            ("2025-03-31", d(2025, 3, 31)),
            ("2025-03-31T10:11:12Z", d(2025, 3, 31)),
            ("2025-03-31 10:11:12", d(2025, 3, 31)),
            ("31.03.2025 0:00:00", d(2025, 3, 31)),
            ("Mar 2023", d(2023, 3, 1)),
            ("March 2023", d(2023, 3, 1)),
            ("март 2023", d(2023, 3, 1)),
            ("Май 2023", d(2023, 5, 1)),
            ("2023-03", d(2023, 3, 1)),
            ("03.2023", d(2023, 3, 1)),
            ("20230331", d(2023, 3, 31)),
            ("29.02.2024", d(2024, 2, 29)),
            ("29.02.2023", None),
            ("31.04.2025", None),
            ("32.01.2025", None),
            ("01.13.2025", None),
            ("2025-13-01", None),
            ("yesterday", None),
            ("", None),
            ("31.03", None),
            ("12345678", None),
            ("Foo 2023", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input, None), *want, "{input:?}");
        }
    }

    #[test]
    fn user_formats() {
        assert_eq!(parse_date("03/31/2025", Some("%m/%d/%Y")), ymd(2025, 3, 31));
        assert_eq!(parse_date("31.03.2025", Some("%m/%d/%Y")), ymd(2025, 3, 31));
        assert_eq!(parse_with_format("2025|03", "%Y|%m"), ymd(2025, 3, 1));
    }

    #[test]
    fn declaration_numbers() {
        let cases: &[(&str, Option<i32>)] = &[
            ("10012020/310325/5016594", ymd(2025, 3, 31)),
            ("10702070/210219/0033729", ymd(2019, 2, 21)),
            ("10702070/210299/0033729", ymd(1999, 2, 21)),
            ("10702070/320319/0033729", None),
            ("1070207/210219/0033729", None),
            ("garbage", None),
        ];
        for (input, want) in cases {
            assert_eq!(date_from_declaration_number(input), *want, "{input:?}");
        }
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_serial_to_iso(45747.0).as_deref(), Some("2025-03-31"));
        assert_eq!(excel_serial_to_iso(45747.5).as_deref(), Some("2025-03-31"));
        assert_eq!(excel_serial_to_iso(-1.0), None);
    }
}
