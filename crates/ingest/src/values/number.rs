//! Parses the numbers vendors write (`1 234,56`, `1.234,56`, `1,234.56`, `1.2E3`) into `f64` without allocating.
//!
//! The decimal separator is chosen by the file's `decimal` mode.
//! In `auto` mode a number with both separators uses the last one as the decimal mark.
//! A single separator followed by exactly three digits is ambiguous and is settled by a file-level hint.

/// Which character is the decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decimal {
    /// `12,5` is twelve and a half; `.` may group thousands.
    Comma,
    /// `12.5` is twelve and a half; `,` may group thousands.
    Point,
    /// Decided per value, with the file-level hint for ambiguous values.
    #[default]
    Auto,
}

/// Characters that always group thousands.
fn is_group_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '\u{2019}'
    )
}

/// Parses `s` with a fixed decimal mark and a fixed grouping mark (besides spaces and apostrophes).
/// Groups after the first must have exactly three digits.
fn parse_strict(s: &str, dec: char, group: Option<char>) -> Option<f64> {
    let mut buf = [0u8; 96];
    let mut n = 0usize;
    let mut push = |b: u8, n: &mut usize| -> Option<()> {
        *buf.get_mut(*n)? = b;
        *n += 1;
        Some(())
    };
    let mut chars = s.chars().peekable();
    if let Some(&c) = chars.peek()
        && matches!(c, '-' | '+' | '\u{2212}')
    {
        if c != '+' {
            push(b'-', &mut n)?;
        }
        chars.next();
    }
    // Integer part with optional grouping.
    let mut int_digits = 0usize;
    let mut group_len = 0usize;
    let mut grouped = false;
    let mut first_group = 0usize;
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            push(c as u8, &mut n)?;
            int_digits += 1;
            group_len += 1;
            chars.next();
        } else if (Some(c) == group || is_group_space(c)) && c != dec {
            if group_len == 0 {
                return None;
            }
            if grouped {
                if group_len != 3 {
                    return None;
                }
            } else {
                first_group = group_len;
                if first_group > 3 {
                    return None;
                }
            }
            grouped = true;
            group_len = 0;
            chars.next();
        } else {
            break;
        }
    }
    if grouped && group_len != 3 {
        return None;
    }
    let _ = first_group;
    let mut frac_digits = 0usize;
    if chars.peek() == Some(&dec) {
        chars.next();
        push(b'.', &mut n)?;
        while let Some(&c) = chars.peek() {
            if !c.is_ascii_digit() {
                break;
            }
            push(c as u8, &mut n)?;
            frac_digits += 1;
            chars.next();
        }
        if frac_digits == 0 {
            return None;
        }
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if let Some(&c) = chars.peek()
        && (c == 'e' || c == 'E')
    {
        chars.next();
        push(b'e', &mut n)?;
        if let Some(&s) = chars.peek()
            && (s == '-' || s == '+')
        {
            push(s as u8, &mut n)?;
            chars.next();
        }
        let mut exp_digits = 0;
        while let Some(&c) = chars.peek() {
            if !c.is_ascii_digit() {
                break;
            }
            push(c as u8, &mut n)?;
            exp_digits += 1;
            chars.next();
        }
        if exp_digits == 0 {
            return None;
        }
    }
    if chars.next().is_some() {
        return None;
    }
    let text = std::str::from_utf8(buf.get(..n)?).ok()?;
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// True when `s` has exactly one `sep` and exactly three digits after it (and nothing else after).
fn single_sep_three_digits(s: &str, sep: char) -> bool {
    let mut it = s.split(sep);
    let (Some(_), Some(tail), None) = (it.next(), it.next(), it.next()) else {
        return false;
    };
    tail.len() == 3 && tail.bytes().all(|b| b.is_ascii_digit())
}

/// What a value says about the file's decimal mark, when it says anything unambiguous.
pub fn decimal_evidence(s: &str) -> Option<Decimal> {
    let s = s.trim();
    let comma = s.rfind(',');
    let point = s.rfind('.');
    match (comma, point) {
        (Some(c), Some(p)) => Some(if c > p {
            Decimal::Comma
        } else {
            Decimal::Point
        }),
        (Some(_), None) if s.matches(',').count() == 1 && !single_sep_three_digits(s, ',') => {
            Some(Decimal::Comma)
        }
        (None, Some(_))
            if s.matches('.').count() == 1
                && !single_sep_three_digits(s, '.')
                && !s.contains(['e', 'E']) =>
        {
            Some(Decimal::Point)
        }
        _ => None,
    }
}

/// Parses a number written in any supported local format; `hint` settles ambiguous values in `auto` mode.
pub fn parse_number(s: &str, mode: Decimal, hint: Option<Decimal>) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let has_comma = s.contains(',');
    let has_point = s.contains('.');
    let mode = match mode {
        Decimal::Auto => match (has_comma, has_point) {
            (true, true) => {
                if s.rfind(',') > s.rfind('.') {
                    Decimal::Comma
                } else {
                    Decimal::Point
                }
            }
            (true, false) => {
                if s.matches(',').count() > 1 {
                    Decimal::Point
                } else if single_sep_three_digits(s, ',') {
                    hint.unwrap_or(Decimal::Point)
                } else {
                    Decimal::Comma
                }
            }
            (false, true) => {
                if s.matches('.').count() > 1 {
                    Decimal::Comma
                } else if single_sep_three_digits(s, '.') {
                    if hint == Some(Decimal::Comma) {
                        Decimal::Comma
                    } else {
                        Decimal::Point
                    }
                } else {
                    Decimal::Point
                }
            }
            (false, false) => Decimal::Point,
        },
        m => m,
    };
    match mode {
        Decimal::Comma => parse_strict(s, ',', Some('.')).or_else(|| {
            // A comma file may still carry `1234.5` or `1.2E3` from another system.
            (!has_comma).then(|| parse_strict(s, '.', None)).flatten()
        }),
        _ => parse_strict(s, '.', Some(','))
            .or_else(|| (!has_point).then(|| parse_strict(s, ',', None)).flatten()),
    }
}

/// Parses an integer cell (`item_no`): any number that is integral.
pub fn parse_integer(s: &str, mode: Decimal, hint: Option<Decimal>) -> Option<i64> {
    let v = parse_number(s, mode, hint)?;
    (v.fract() == 0.0 && v.abs() < 9.0e15).then_some(v as i64)
}

#[cfg(test)]
mod tests {
    use super::Decimal::{Auto, Comma, Point};
    use super::*;

    #[test]
    fn numbers_table() {
        let cases: &[(&str, Decimal, Option<Decimal>, Option<f64>)] = &[
            ("1 234,56", Auto, None, Some(1234.56)),
            ("1\u{a0}234,56", Comma, None, Some(1234.56)),
            ("1\u{202f}234\u{202f}567", Auto, None, Some(1_234_567.0)),
            ("1'234.5", Auto, None, Some(1234.5)),
            ("1.234,56", Auto, None, Some(1234.56)),
            ("1,234.56", Auto, None, Some(1234.56)),
            ("1234.5", Auto, None, Some(1234.5)),
            ("1234.5", Comma, None, Some(1234.5)),
            ("12,5", Auto, None, Some(12.5)),
            ("12,5", Point, None, Some(12.5)),
            ("-3", Auto, None, Some(-3.0)),
            ("+3", Auto, None, Some(3.0)),
            ("1.2E3", Auto, None, Some(1200.0)),
            ("1,2E3", Comma, None, Some(1200.0)),
            ("1,234", Auto, None, Some(1234.0)),
            ("1,234", Auto, Some(Comma), Some(1.234)),
            ("1,234", Comma, None, Some(1.234)),
            ("1,234", Point, None, Some(1234.0)),
            ("1.234", Auto, None, Some(1.234)),
            ("1.234", Auto, Some(Comma), Some(1234.0)),
            ("1.234.567", Auto, None, Some(1_234_567.0)),
            ("1,234,567.5", Auto, None, Some(1_234_567.5)),
            (" 42 ", Auto, None, Some(42.0)),
            (",5", Comma, None, Some(0.5)),
            ("", Auto, None, None),
            ("abc", Auto, None, None),
            ("12 5", Auto, None, None),
            ("1,23,456", Auto, None, None),
            ("12.", Auto, None, None),
            ("1e", Auto, None, None),
            ("--1", Auto, None, None),
            ("1.2.3", Point, None, None),
            ("12kg", Auto, None, None),
            ("1E999", Auto, None, None),
        ];
        for (input, mode, hint, want) in cases {
            assert_eq!(
                parse_number(input, *mode, *hint),
                *want,
                "{input:?} {mode:?} {hint:?}"
            );
        }
    }

    #[test]
    fn evidence_table() {
        let cases: &[(&str, Option<Decimal>)] = &[
            ("12,5", Some(Comma)),
            ("1 234,56", Some(Comma)),
            ("1,234.56", Some(Point)),
            ("1.234,56", Some(Comma)),
            ("12.5", Some(Point)),
            ("1,234", None),
            ("1.234", None),
            ("1234", None),
            ("1.2E3", None),
        ];
        for (input, want) in cases {
            assert_eq!(decimal_evidence(input), *want, "{input:?}");
        }
    }

    #[test]
    fn integers() {
        assert_eq!(parse_integer("3", Auto, None), Some(3));
        assert_eq!(parse_integer("3,0", Comma, None), Some(3));
        assert_eq!(parse_integer("3,5", Comma, None), None);
        assert_eq!(parse_integer("x", Comma, None), None);
    }
}
