//! Reads the listing dates the sources write (ISO, `24 Feb 2022`, `24.9.2004`, `June 21, 2022`) into Arrow `Date32` day numbers.

use tradetrail_model::days_from_civil;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn day_number(y: i32, m: u32, d: u32) -> Option<i32> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let max = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1000..=2999).contains(&y) && (1..=max).contains(&d)).then(|| days_from_civil(y, m, d))
}

/// The day number of a full date (year, month and day); partial dates (a year alone) give `None`.
pub(crate) fn parse_date(text: &str) -> Option<i32> {
    let t = text.trim();
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    // ISO: 2022-02-24, possibly followed by a time.
    let iso: Vec<&str> = t.get(..10).unwrap_or(t).split('-').collect();
    if iso.len() == 3
        && iso[0].len() == 4
        && let (Ok(y), Ok(m), Ok(d)) = (iso[0].parse(), iso[1].parse(), iso[2].parse())
    {
        return day_number(y, m, d);
    }
    // European: 24.9.2004 or 24/09/2004.
    let eu: Vec<&str> = t.split(['.', '/']).map(str::trim).collect();
    if eu.len() == 3
        && eu[2].len() == 4
        && let (Ok(d), Ok(m), Ok(y)) = (eu[0].parse(), eu[1].parse(), eu[2].parse())
    {
        return day_number(y, m, d);
    }
    // Words: 24 Feb 2022, June 21, 2022.
    let words: Vec<&str> = t.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if words.len() == 3 {
        let y: i32 = words[2].parse().ok()?;
        if let (Ok(d), Some(m)) = (words[0].parse::<u32>(), month(words[1])) {
            return day_number(y, m, d);
        }
        if let (Some(m), Ok(d)) = (month(words[0]), words[1].parse::<u32>()) {
            return day_number(y, m, d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::parse_date;
    use tradetrail_model::days_from_civil;

    #[test]
    fn source_date_forms() {
        let d = days_from_civil(2022, 2, 24);
        for t in [
            "2022-02-24",
            "2022-02-24T00:00:00",
            "24 Feb 2022",
            "24.2.2022",
            "24/02/2022",
            "February 24, 2022",
        ] {
            assert_eq!(parse_date(t), Some(d), "{t}");
        }
        for t in [
            "1971",
            "",
            "31 Feb 2022",
            "2022-13-01",
            "circa 1970",
            "ĀĀĀĀĀĀĀĀĀĀĀ",
        ] {
            assert_eq!(parse_date(t), None, "{t}");
        }
    }
}
