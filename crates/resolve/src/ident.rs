//! Company and person identifiers with their check-digit validators: INN, OGRN, BIN, USCC and others.
//!
//! Identifiers decide before names do: the same valid identifier in the same scheme is a match, two different valid ones are a non-match.
//! Invalid identifiers (wrong length or check digit) are kept but carry no weight.

/// An identifier scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Russian taxpayer number: 10 digits (companies) or 12 (persons), check digits.
    Inn,
    /// Russian state registration number: 13 digits (OGRN) or 15 (OGRNIP), check digit.
    Ogrn,
    /// Kazakh business identification number: 12 digits, check digit.
    Bin,
    /// Chinese unified social credit code: 18 characters, check character.
    Uscc,
    /// Hong Kong company registration number: 7 or 8 digits, no check digit.
    HkCr,
    /// Legal entity identifier (ISO 17442): 20 characters, ISO 7064 mod 97.
    Lei,
    /// Any other scheme: valid when not empty.
    Other,
}

impl Scheme {
    /// Scheme label, e.g. `inn`.
    pub fn label(self) -> &'static str {
        match self {
            Scheme::Inn => "inn",
            Scheme::Ogrn => "ogrn",
            Scheme::Bin => "bin",
            Scheme::Uscc => "uscc",
            Scheme::HkCr => "hk_cr",
            Scheme::Lei => "lei",
            Scheme::Other => "other",
        }
    }
}

/// An identifier: scheme and value with spaces, dashes and dots removed, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identifier {
    /// The scheme.
    pub scheme: Scheme,
    /// The cleaned value.
    pub value: String,
}

impl Identifier {
    /// An identifier with its value cleaned.
    pub fn new(scheme: Scheme, value: &str) -> Identifier {
        let value = value
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        Identifier { scheme, value }
    }

    /// Whether the value passes its scheme's length and check-digit rules.
    pub fn is_valid(&self) -> bool {
        let v = self.value.as_str();
        match self.scheme {
            Scheme::Inn => valid_inn(v),
            Scheme::Ogrn => valid_ogrn(v),
            Scheme::Bin => valid_bin(v),
            Scheme::Uscc => valid_uscc(v),
            Scheme::HkCr => (7..=8).contains(&v.len()) && all_digits(v),
            Scheme::Lei => valid_lei(v),
            Scheme::Other => !v.is_empty(),
        }
    }
}

fn all_digits(v: &str) -> bool {
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())
}

fn digits(v: &str) -> Vec<u32> {
    v.bytes().map(|b| u32::from(b - b'0')).collect()
}

fn weighted(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum()
}

/// INN: 10 digits with one check digit, or 12 digits with two.
pub fn valid_inn(v: &str) -> bool {
    if !all_digits(v) {
        return false;
    }
    let d = digits(v);
    match d.len() {
        10 => weighted(&d, &[2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10 == d[9],
        12 => {
            weighted(&d, &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10 == d[10]
                && weighted(&d, &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11 % 10 == d[11]
        }
        _ => false,
    }
}

/// OGRN (13 digits, mod 11) or OGRNIP (15 digits, mod 13).
pub fn valid_ogrn(v: &str) -> bool {
    if !all_digits(v) {
        return false;
    }
    let (body, check) = match v.len() {
        13 => (&v[..12], 11u64),
        15 => (&v[..14], 13u64),
        _ => return false,
    };
    let n: u64 = body.parse().unwrap_or(0);
    n % check % 10 == u64::from(v.as_bytes()[v.len() - 1] - b'0')
}

/// Kazakh BIN/IIN: 12 digits, two-pass weighted mod 11 check.
pub fn valid_bin(v: &str) -> bool {
    if v.len() != 12 || !all_digits(v) {
        return false;
    }
    let d = digits(v);
    let mut c = weighted(&d, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
    if c == 10 {
        c = weighted(&d, &[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
        if c == 10 {
            return false;
        }
    }
    c == d[11]
}

const USCC_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Chinese USCC (GB 32100-2015): 18 characters from a 31-letter alphabet, mod 31 check character.
pub fn valid_uscc(v: &str) -> bool {
    if v.len() != 18 {
        return false;
    }
    let mut vals = Vec::with_capacity(18);
    for b in v.bytes() {
        match USCC_CHARS.iter().position(|c| *c == b) {
            Some(p) => vals.push(p as u32),
            None => return false,
        }
    }
    const W: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let check = (31 - weighted(&vals, &W) % 31) % 31;
    check == vals[17]
}

/// LEI: 20 alphanumerics, ISO 7064 mod 97-10 equals 1.
pub fn valid_lei(v: &str) -> bool {
    if v.len() != 20 || !v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let mut rem: u64 = 0;
    for b in v.bytes() {
        let n = if b.is_ascii_digit() {
            u64::from(b - b'0')
        } else {
            u64::from(b - b'A') + 10
        };
        rem = if n >= 10 {
            (rem * 100 + n) % 97
        } else {
            (rem * 10 + n) % 97
        };
    }
    rem == 1
}

/// What two identifier lists say about each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdEvidence {
    /// No scheme is valid on both sides.
    None,
    /// The same valid value in one scheme.
    Match(Scheme, String),
    /// Different valid values in one scheme, and no shared value.
    Conflict(Scheme, String, String),
}

/// Compare two identifier lists: a shared valid value wins over a conflict.
pub fn compare(a: &[Identifier], b: &[Identifier]) -> IdEvidence {
    let mut conflict = IdEvidence::None;
    for x in a.iter().filter(|x| x.is_valid()) {
        for y in b.iter().filter(|y| y.is_valid() && y.scheme == x.scheme) {
            if x.value == y.value {
                return IdEvidence::Match(x.scheme, x.value.clone());
            }
            if conflict == IdEvidence::None {
                conflict = IdEvidence::Conflict(x.scheme, x.value.clone(), y.value.clone());
            }
        }
    }
    conflict
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        assert!(valid_inn("7707083893"));
        assert!(!valid_inn("7707083894"));
        assert!(valid_inn("500100732259"));
        assert!(valid_ogrn("1027700132195"));
        assert!(!valid_ogrn("1027700132196"));
        assert!(valid_uscc("91440300279583285Y"));
        assert!(!valid_uscc("91440300279583285X"));
        assert!(valid_bin("940740000911"));
        assert!(valid_lei("529900T8BM49AURSDO55"));
    }

    #[test]
    fn evidence() {
        let a = [Identifier::new(Scheme::Inn, "7707 083 893")];
        let b = [Identifier::new(Scheme::Inn, "7707083893")];
        assert!(matches!(compare(&a, &b), IdEvidence::Match(Scheme::Inn, _)));
        let c = [Identifier::new(Scheme::Inn, "500100732259")];
        assert!(matches!(compare(&a, &c), IdEvidence::Conflict(..)));
        let bad = [Identifier::new(Scheme::Inn, "123")];
        assert_eq!(compare(&a, &bad), IdEvidence::None);
    }
}
