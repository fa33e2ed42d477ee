//! Normalises commodity codes (HS / ТН ВЭД) while keeping the evidence: wrong codes are stored, not quarantined.

/// A commodity code as digits, and its six-digit HS subheading when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HsCode {
    /// Digits only, left-padded with one zero when the length is 5, 7 or 9 (a leading zero lost by a spreadsheet).
    pub code: Option<String>,
    /// The first six digits, when the code has at least six.
    pub hs6: Option<String>,
}

/// Keeps the digits of `raw`, restores a lost leading zero and cuts the HS6 subheading.
pub fn normalise_hs(raw: &str) -> HsCode {
    let mut digits = String::with_capacity(raw.len() + 1);
    digits.extend(raw.chars().filter(char::is_ascii_digit));
    if digits.is_empty() {
        return HsCode::default();
    }
    if matches!(digits.len(), 5 | 7 | 9) {
        digits.insert(0, '0');
    }
    let hs6 = (digits.len() >= 6).then(|| digits[..6].to_owned());
    HsCode {
        code: Some(digits),
        hs6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hs_table() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("8806221000", Some("8806221000"), Some("880622")),
            ("8806.22.10.00", Some("8806221000"), Some("880622")),
            ("8806 22 100 0", Some("8806221000"), Some("880622")),
            ("850760", Some("850760"), Some("850760")),
            ("85076", Some("085076"), Some("085076")),
            ("852589100", Some("0852589100"), Some("085258")),
            ("8525891", Some("08525891"), Some("085258")),
            ("8806", Some("8806"), None),
            ("88", Some("88"), None),
            ("n/a", None, None),
            ("", None, None),
        ];
        for (input, code, hs6) in cases {
            let got = normalise_hs(input);
            assert_eq!(got.code.as_deref(), *code, "{input:?}");
            assert_eq!(got.hs6.as_deref(), *hs6, "{input:?}");
        }
    }
}
