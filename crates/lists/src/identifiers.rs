//! Company and vessel identifiers (INN, OGRN, USCC, IMO, registration numbers, ...) read from remarks and document fields, kept as a JSON array.
//!
//! Schemes are lower-case machine names, so `Tax ID No. 7701234567 (Russia)` and an EU `innCode` cell both become `inn`.

/// The identifiers of one entry, in order of appearance, without repeats.
#[derive(Debug, Default, Clone)]
pub(crate) struct Ids(Vec<(String, String)>);

impl Ids {
    /// Adds an identifier; empty values and repeats are ignored.
    pub fn push(&mut self, scheme: &str, value: &str) {
        let value = value.trim().trim_end_matches(['.', ',', ';']).trim();
        if value.is_empty() || value == "-0-" {
            return;
        }
        if !self.0.iter().any(|(s, v)| s == scheme && v == value) {
            self.0.push((scheme.to_string(), value.to_string()));
        }
    }

    /// The identifiers as a JSON array of `{"scheme", "value"}` objects, or `None` when there are none.
    pub fn to_json(&self) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let array: Vec<serde_json::Value> = self
            .0
            .iter()
            .map(|(s, v)| serde_json::json!({ "scheme": s, "value": v }))
            .collect();
        Some(serde_json::Value::Array(array).to_string())
    }
}

/// OFAC remark labels (also used as document types in the XML and CSL `ids`), longest first, with their scheme.
const LABELS: &[(&str, &str)] = &[
    ("Unified Social Credit Code (USCC)", "uscc"),
    ("Vessel Registration Identification IMO", "imo"),
    ("Organization Established Date", "established"),
    ("Business Registration Document #", "business_registration"),
    ("Business Registration Number", "business_registration"),
    ("Commercial Registry Number", "commercial_registry"),
    ("Central Registration System Number", "registration_number"),
    ("Economic Register Number (CBLS)", "economic_register"),
    ("Identification Number IMO", "imo"),
    ("Chamber of Commerce Number", "chamber_of_commerce"),
    (
        "Aircraft Manufacturer's Serial Number (MSN)",
        "aircraft_msn",
    ),
    ("Aircraft Tail Number", "aircraft_tail"),
    ("Registration Number", "registration_number"),
    ("Legal Entity Number", "lei"),
    ("Company Number IMO", "imo_company"),
    ("Trade License No.", "trade_license"),
    ("Government Gazette Number", "gazette"),
    ("Registration ID", "registration_number"),
    ("National ID No.", "national_id"),
    ("Folio Mercantil No.", "folio_mercantil"),
    ("Company Number", "company_number"),
    ("Tax ID No.", "tax_id"),
    ("V.A.T. Number", "vat"),
    ("Passport", "passport"),
    ("SWIFT/BIC", "swift_bic"),
    ("BIK (RU)", "bik"),
    ("Cedula No.", "cedula"),
    ("C.U.R.P.", "curp"),
    ("R.F.C.", "rfc"),
    ("MMSI", "mmsi"),
    ("USCC", "uscc"),
    ("OGRN", "ogrn"),
    ("INN", "inn"),
    ("KPP", "kpp"),
    ("OKPO", "okpo"),
    ("IMO", "imo"),
    ("LEI", "lei"),
];

/// Refines a generic scheme with the issuing country where the country gives it a specific name.
fn refine(scheme: &str, country: &str, value: &str) -> String {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let russia = matches!(
        country.to_ascii_lowercase().as_str(),
        "russia" | "ru" | "russian federation"
    );
    match scheme {
        "tax_id" if russia && (digits == 10 || digits == 12) => "inn".into(),
        "registration_number" if russia && (digits == 13 || digits == 15) => "ogrn".into(),
        "registration_number" | "tax_id" | "business_registration"
            if matches!(country.to_ascii_lowercase().as_str(), "china" | "cn")
                && value.len() == 18 =>
        {
            "uscc".into()
        }
        s => s.to_string(),
    }
}

/// The scheme of a document or identifier label, e.g. `Tax ID No.` → `tax_id`; unknown labels become snake case.
pub(crate) fn scheme_for_label(label: &str, country: &str, value: &str) -> String {
    let l = label.trim().trim_end_matches([':', '-', ' ']);
    let known = LABELS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(l))
        .map(|(_, s)| *s);
    match known {
        Some(s) => refine(s, country, value),
        None => {
            let mut out = String::new();
            for c in l.chars() {
                if c.is_alphanumeric() {
                    out.extend(c.to_lowercase());
                } else if !out.ends_with('_') && !out.is_empty() {
                    out.push('_');
                }
            }
            out.trim_end_matches('_').to_string()
        }
    }
}

/// True when the label names an identifier this module knows (not a feature such as `Gender`).
pub(crate) fn is_known_label(label: &str) -> bool {
    let l = label.trim().trim_end_matches([':', '-', ' ']);
    LABELS.iter().any(|(k, _)| k.eq_ignore_ascii_case(l))
}

/// Splits `7701234567 (Russia)` into the value and the country in parentheses at its end.
fn split_country(rest: &str) -> (&str, &str) {
    let rest = rest.trim().trim_end_matches('.');
    if let Some(open) = rest.rfind(" (")
        && rest.ends_with(')')
    {
        return (&rest[..open], &rest[open + 2..rest.len() - 1]);
    }
    (rest, "")
}

/// Reads the identifiers out of OFAC remarks (`; `-separated items such as `Tax ID No. 7701234567 (Russia)`).
pub(crate) fn from_ofac_remarks(remarks: &str, ids: &mut Ids) {
    for item in remarks.split(';') {
        let item = item.trim();
        // "alt." items repeat a label with another value.
        let item = item.strip_prefix("alt. ").unwrap_or(item);
        for (label, scheme) in LABELS {
            if let Some(rest) = strip_label(item, label) {
                let (value, country) = split_country(rest);
                if *scheme == "passport" && value.len() > 40 {
                    break;
                }
                ids.push(&refine(scheme, country, value), value);
                break;
            }
        }
    }
}

/// The text after a label, when `item` starts with the label followed by a space.
fn strip_label<'a>(item: &'a str, label: &str) -> Option<&'a str> {
    let head = item.get(..label.len())?;
    if !head.eq_ignore_ascii_case(label) {
        return None;
    }
    let rest = &item[label.len()..];
    (rest.starts_with(' ') || rest.starts_with(": ")).then(|| rest.trim_start_matches(':').trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ofac_remarks() {
        let mut ids = Ids::default();
        from_ofac_remarks(
            "DOB 01 Jan 1970; Tax ID No. 7701234567 (Russia); Registration Number 1027700167110 (Russia); \
             Unified Social Credit Code (USCC) 9113100033607322XK (China); Vessel Registration Identification IMO 7406784; \
             Organization Established Date 17 Oct 1990; Tax ID No. 71-1053365 (United States); Linked To: X.",
            &mut ids,
        );
        assert_eq!(
            ids.to_json().unwrap(),
            r#"[{"scheme":"inn","value":"7701234567"},{"scheme":"ogrn","value":"1027700167110"},{"scheme":"uscc","value":"9113100033607322XK"},{"scheme":"imo","value":"7406784"},{"scheme":"established","value":"17 Oct 1990"},{"scheme":"tax_id","value":"71-1053365"}]"#
        );
    }

    #[test]
    fn labels() {
        assert_eq!(
            scheme_for_label("Tax ID No.", "Russia", "7702070139"),
            "inn"
        );
        assert_eq!(
            scheme_for_label("National Identification Number", "", "1"),
            "national_identification_number"
        );
        assert_eq!(Ids::default().to_json(), None);
    }
}
