//! Turns the country texts of the lists (`Russia`, `RU`, `China (mainland)`, `Korea, North`) into ISO 3166 alpha-2 codes.
//!
//! The refdata table answers codes and common names.
//! The few spellings the lists use that it does not know are mapped here, so every list speaks alpha-2.

use tradetrail_refdata::countries;

/// List spellings the refdata table does not resolve, with their alpha-2 code.
const LIST_SPELLINGS: &[(&str, &str)] = &[
    ("russia", "RU"),
    ("russian federation", "RU"),
    ("korea, north", "KP"),
    ("north korea", "KP"),
    ("democratic people's republic of korea", "KP"),
    ("korea, south", "KR"),
    ("south korea", "KR"),
    ("iran", "IR"),
    ("iran (islamic republic of)", "IR"),
    ("syria", "SY"),
    ("syrian arab republic", "SY"),
    ("burma", "MM"),
    ("turkey", "TR"),
    ("türkiye", "TR"),
    ("turkiye", "TR"),
    ("china (mainland)", "CN"),
    ("hong kong", "HK"),
    ("hong kong sar", "HK"),
    ("macau", "MO"),
    ("macao", "MO"),
    ("taiwan", "TW"),
    ("vietnam", "VN"),
    ("viet nam", "VN"),
    ("laos", "LA"),
    ("lao people's democratic republic", "LA"),
    ("bolivia", "BO"),
    ("venezuela", "VE"),
    ("tanzania", "TZ"),
    ("united republic of tanzania", "TZ"),
    ("moldova", "MD"),
    ("republic of moldova", "MD"),
    ("congo, democratic republic of the", "CD"),
    ("democratic republic of the congo", "CD"),
    ("congo", "CG"),
    ("republic of the congo", "CG"),
    ("cote d'ivoire", "CI"),
    ("côte d'ivoire", "CI"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("united kingdom", "GB"),
    ("uk", "GB"),
    ("united states", "US"),
    ("usa", "US"),
    ("united arab emirates", "AE"),
    ("uae", "AE"),
    ("kyrgyzstan", "KG"),
    ("palestinian", "PS"),
    ("west bank", "PS"),
    ("gaza", "PS"),
    ("the gambia", "GM"),
    ("gambia", "GM"),
    ("the bahamas", "BS"),
    ("bahamas, the", "BS"),
    ("brunei", "BN"),
    ("micronesia, federated states of", "FM"),
    ("kosovo", "XK"),
    ("netherlands antilles", "AN"),
    ("curacao", "CW"),
    ("sint maarten", "SX"),
    ("belarus", "BY"),
    ("crimea", "UA"),
    ("russian", "RU"),
    ("belarusian", "BY"),
    ("ukrainian", "UA"),
    ("chinese", "CN"),
    ("iranian", "IR"),
    ("syrian", "SY"),
    ("north korean", "KP"),
    ("kazakh", "KZ"),
    ("uzbek", "UZ"),
    ("armenian", "AM"),
    ("georgian", "GE"),
    ("moldovan", "MD"),
    ("latvian", "LV"),
    ("lithuanian", "LT"),
    ("estonian", "EE"),
    ("israeli", "IL"),
    ("turkish", "TR"),
    ("cypriot", "CY"),
    ("emirati", "AE"),
    ("indian", "IN"),
];

/// The alpha-2 code of a country text, or `None` when the text names no country.
pub(crate) fn alpha2(text: &str) -> Option<&'static str> {
    let t = text.trim().trim_end_matches('.');
    if t.is_empty() || t.len() > 120 {
        return None;
    }
    if t.eq_ignore_ascii_case("XK") {
        return Some("XK");
    }
    let lower = t.to_lowercase();
    if let Some((_, code)) = LIST_SPELLINGS.iter().find(|(s, _)| *s == lower) {
        return Some(code);
    }
    countries::lookup(t).map(|c| c.alpha2)
}

#[cfg(test)]
mod tests {
    use super::alpha2;

    #[test]
    fn list_spellings() {
        assert_eq!(alpha2("Russia"), Some("RU"));
        assert_eq!(alpha2("RU"), Some("RU"));
        assert_eq!(alpha2("China"), Some("CN"));
        assert_eq!(alpha2("Korea, North"), Some("KP"));
        assert_eq!(alpha2("Democratic Republic of the Congo"), Some("CD"));
        assert_eq!(alpha2("Germany"), Some("DE"));
        assert_eq!(alpha2("Region: Northern Mali"), None);
    }
}
