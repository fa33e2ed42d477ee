//! Calendar dates as days since 1970-01-01 (Arrow `Date32`) and ISO `YYYY-MM-DD` text, without a clock or a date library.

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD`; `None` when it is not a real date.
pub fn iso_to_days(text: &str) -> Option<i32> {
    let mut parts = text.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1..=9999).contains(&y) {
        return None;
    }
    let y = i32::try_from(y).ok()?;
    Some(tradetrail_model::days_from_civil(y, m, d))
}

/// The ISO date `YYYY-MM-DD` of a day count since 1970-01-01.
pub fn days_to_iso(days: i32) -> String {
    tradetrail_model::iso_date(days)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(iso_to_days("1970-01-01"), Some(0));
        assert_eq!(iso_to_days("2022-02-24"), Some(19_047));
        for d in [-1000, 0, 19_047, 20_000, 2_932_896] {
            assert_eq!(iso_to_days(&days_to_iso(d)), Some(d), "{d}");
        }
        assert_eq!(iso_to_days("2023-02-29"), None);
        assert_eq!(iso_to_days("2023-13-01"), None);
        assert_eq!(iso_to_days("yesterday"), None);
    }
}
