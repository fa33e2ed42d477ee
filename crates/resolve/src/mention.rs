//! Party mentions as declarations write them: identifiers read from free text, and the stable key that de-duplicates identical mentions.
//!
//! Real data repeats the same sender on thousands of lines, so resolution works on distinct mentions, not on lines.
//! Two mentions are identical when their folded name, country, identifiers and folded address are equal.
//! The key is a hash of exactly those, so it is the same on every run and on every machine, and analyst judgements can be keyed by it.

use unicode_normalization::UnicodeNormalization;
use xxhash_rust::xxh3::xxh3_64;

use crate::ident::{Identifier, Scheme};
use crate::score::Party;

/// Length of a mention key in hex digits.
pub const KEY_LEN: usize = 16;

/// Reads the identifiers in a declaration's identifier cell, using the party's country to tell a 12-digit INN from a BIN.
///
/// A value no scheme accepts is kept under the scheme its length suggests (it then carries no weight), or dropped when nothing fits.
pub fn parse_identifiers(text: &str, country: Option<&str>) -> Vec<Identifier> {
    let mut out = Vec::new();
    for raw in text.split([',', ';', '/', '|']) {
        let clean: String = raw
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if clean.is_empty() {
            continue;
        }
        let digits = clean.bytes().all(|b| b.is_ascii_digit());
        let candidates: &[Scheme] = match (clean.len(), digits) {
            (18, _) => &[Scheme::Uscc],
            (20, _) => &[Scheme::Lei],
            (13 | 15, true) => &[Scheme::Ogrn],
            (10, true) => &[Scheme::Inn],
            (12, true) => match country {
                Some("KZ") => &[Scheme::Bin, Scheme::Inn],
                _ => &[Scheme::Inn, Scheme::Bin],
            },
            (7 | 8, true) if country == Some("HK") => &[Scheme::HkCr],
            _ => &[],
        };
        let valid = candidates
            .iter()
            .map(|s| Identifier::new(*s, &clean))
            .find(Identifier::is_valid);
        if let Some(id) = valid.or_else(|| candidates.first().map(|s| Identifier::new(*s, &clean)))
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

/// Name or address folded for de-duplication only: NFKC, upper case, quotes and punctuation as spaces, single spaces.
///
/// This is deliberately lighter than [`crate::normalise`]: it merges `ООО «ЛЕГИОН»` with `ООО "ЛЕГИОН"`, not with `LEGION LLC`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfkc().flat_map(char::to_uppercase) {
        if c.is_alphanumeric() || c == '&' {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The stable key of a mention: 16 hex digits of a hash of the folded name, kind, country, sorted identifiers and folded address.
pub fn mention_key(party: &Party) -> String {
    let mut ids: Vec<String> = party
        .identifiers
        .iter()
        .map(|i| format!("{}:{}", i.scheme.label(), i.value))
        .collect();
    ids.sort_unstable();
    let text = format!(
        "{}\u{1f}{:?}\u{1f}{}\u{1f}{}\u{1f}{}",
        fold(&party.name),
        party.kind,
        party.country.as_deref().unwrap_or(""),
        ids.join(","),
        party.address.as_deref().map(fold).unwrap_or_default()
    );
    format!("{:016x}", xxh3_64(text.as_bytes()))
}

/// The stable id of an entity whose smallest mention key is `smallest_key`: `E` and 16 hex digits.
pub fn entity_id(smallest_key: &str) -> String {
    format!(
        "E{:016x}",
        xxh3_64(smallest_key.as_bytes()) ^ 0x5eed_0000_0000_0001
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_from_cells() {
        let ids = parse_identifiers("7707083893", Some("RU"));
        assert_eq!(ids, vec![Identifier::new(Scheme::Inn, "7707083893")]);
        let kz = parse_identifiers("940740000911", Some("KZ"));
        assert_eq!(kz[0].scheme, Scheme::Bin);
        let cn = parse_identifiers("91440300279583285Y", Some("CN"));
        assert_eq!(cn[0].scheme, Scheme::Uscc);
        assert!(parse_identifiers("n/a", None).is_empty());
        assert_eq!(
            parse_identifiers("7707083893; 1027700132195", Some("RU")).len(),
            2
        );
    }

    #[test]
    fn keys_merge_quote_styles_only() {
        let a = mention_key(&Party::org("ООО «ЛЕГИОН»").with_country("RU"));
        let b = mention_key(&Party::org("ООО \"ЛЕГИОН\"").with_country("RU"));
        let c = mention_key(&Party::org("LEGION LLC").with_country("RU"));
        let d = mention_key(&Party::org("ООО «ЛЕГИОН»").with_country("KZ"));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_eq!(a.len(), KEY_LEN);
        assert_eq!(entity_id(&a), entity_id(&b));
    }
}
