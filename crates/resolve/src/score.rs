//! The pair score: a logistic over a sum of named, weighted features, with identifiers overriding names.
//!
//! `probability = 1 / (1 + e^-(bias + Σ weight·value))`, and every term of the sum is returned as a [`Feature`] with a readable detail.
//! Name weights are fitted on the tuning half of the labelled pairs (see `weights.rs`); country, address and identifier weights are set by hand.
//! The same valid identifier in one scheme forces a match, two different ones force a non-match, and the explanation says so.

use crate::abbrev::Tag;
use crate::features::{self, N_NAME, NAME_FEATURES};
use crate::ident::{self, IdEvidence, Identifier};
use crate::normalise::{NormName, normalise};
use crate::weights::{self, Weights};

/// What kind of party a name belongs to; persons and organisations have their own weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    /// A company, organisation or other legal entity (the default, as in customs declarations).
    #[default]
    Organisation,
    /// A natural person.
    Person,
}

/// A party as a declaration or a list names it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Party {
    /// Name as written.
    pub name: String,
    /// Person or organisation.
    pub kind: Kind,
    /// ISO 3166 alpha-2 country code (other country spellings are read with refdata's lookup).
    pub country: Option<String>,
    /// Identifiers (INN, OGRN, BIN, USCC, ...).
    pub identifiers: Vec<Identifier>,
    /// Address as written.
    pub address: Option<String>,
}

impl Party {
    /// An organisation with only a name.
    pub fn org(name: &str) -> Party {
        Party {
            name: name.to_string(),
            ..Party::default()
        }
    }

    /// A person with only a name.
    pub fn person(name: &str) -> Party {
        Party {
            name: name.to_string(),
            kind: Kind::Person,
            ..Party::default()
        }
    }

    /// The same party with a country.
    pub fn with_country(mut self, country: &str) -> Party {
        self.country = Some(country.to_string());
        self
    }

    /// The same party with one more identifier.
    pub fn with_id(mut self, id: Identifier) -> Party {
        self.identifiers.push(id);
        self
    }

    /// The same party with an address.
    pub fn with_address(mut self, address: &str) -> Party {
        self.address = Some(address.to_string());
        self
    }
}

/// A party with its name and address normalised once, for scoring many pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The party.
    pub party: Party,
    /// Its normalised name.
    pub name: NormName,
    /// Its normalised address, if any.
    pub address: Option<NormName>,
    /// Its country as an alpha-2 code, if readable.
    pub country: Option<&'static str>,
}

impl Prepared {
    /// Normalise a party's name, address and country.
    pub fn new(party: Party) -> Prepared {
        let name = normalise(&party.name);
        let address = party.address.as_deref().map(normalise);
        let country = party
            .country
            .as_deref()
            .and_then(tradetrail_refdata::countries::lookup)
            .map(|c| c.alpha2);
        Prepared {
            party,
            name,
            address,
            country,
        }
    }
}

/// The decision a score supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// At or above the match threshold.
    Match,
    /// Between half the threshold and the threshold: for a person to look at.
    Unsure,
    /// Below half the threshold.
    NoMatch,
}

/// One term of the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// Feature name, e.g. `token_set_similarity`.
    pub name: &'static str,
    /// Its value, mostly in [0, 1].
    pub value: f64,
    /// Its weight.
    pub weight: f64,
    /// `value × weight`, the term added to the score.
    pub contribution: f64,
    /// What was compared, in words.
    pub detail: String,
}

/// A pair score with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Calibrated probability that both names denote the same party.
    pub probability: f64,
    /// Decision at the fitted threshold.
    pub verdict: Verdict,
    /// The bias term first, then every feature.
    pub features: Vec<Feature>,
}

/// Logistic function.
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Hand-set weights of the party features (public so that screening adds the same terms for list entries with several countries).
pub const W_COUNTRY_MATCH: f64 = 0.4;
/// Weight of two different countries.
pub const W_COUNTRY_CONFLICT: f64 = -3.5;
const W_ADDRESS: f64 = 2.0;
/// Weight of a shared valid identifier.
pub const W_ID_MATCH: f64 = 12.0;
/// Weight of two different valid identifiers of one scheme.
pub const W_ID_CONFLICT: f64 = -12.0;
const W_PLACE_CONFLICT: f64 = -12.0;

/// Provinces and countries: too coarse to tell two companies apart (a Shenzhen company is also a Guangdong one).
const COARSE_PLACES: [&str; 12] = [
    "GUANGDONG",
    "ZHEJIANG",
    "JIANGSU",
    "FUJIAN",
    "SHANDONG",
    "HEILONGJIANG",
    "XINJIANG",
    "CHINA",
    "SICHUAN",
    "HUBEI",
    "HENAN",
    "LIAONING",
];

/// The city words of a name (place prefixes such as SHENZHEN, or `(XIAMEN)`), provinces left out.
pub fn cities(n: &NormName) -> Vec<&str> {
    let Some(v) = n.script_variants.first() else {
        return Vec::new();
    };
    v.tokens
        .iter()
        .zip(&v.tags)
        .filter(|(t, g)| **g == Tag::Admin && !COARSE_PLACES.contains(&t.as_str()))
        .map(|(t, _)| t.as_str())
        .collect()
}

/// Both names carry a city and they share none: Chinese company names are registered per city, so `NINGBO ZHUOYUE` is not `GUANGZHOU ZHUOYUE`.
pub fn place_conflict<'a>(
    a: &'a NormName,
    b: &'a NormName,
) -> Option<(Vec<&'a str>, Vec<&'a str>)> {
    let (x, y) = (cities(a), cities(b));
    (!x.is_empty() && !y.is_empty() && !x.iter().any(|c| y.contains(c))).then_some((x, y))
}

/// Score two parties (normalising both).
pub fn score(a: &Party, b: &Party) -> Score {
    score_prepared(&Prepared::new(a.clone()), &Prepared::new(b.clone()))
}

/// The name-only probability of two normalised names, without building the explanation: the fast path for bulk work.
pub fn name_probability(a: &NormName, b: &NormName, kind: Kind) -> f64 {
    let w = weights::for_kind(kind);
    let v = features::name_features(a, b).values;
    sigmoid(w.bias + v.iter().zip(&w.name).map(|(x, k)| x * k).sum::<f64>())
}

/// The logit of every term but the address, or the identifiers' decision (`Err(true)` same, `Err(false)` different) when they decide.
fn logit_before_address(a: &Prepared, b: &Prepared) -> Result<f64, bool> {
    match ident::compare(&a.party.identifiers, &b.party.identifiers) {
        IdEvidence::Match(..) => return Err(true),
        IdEvidence::Conflict(..) => return Err(false),
        IdEvidence::None => {}
    }
    let w: &Weights = weights::for_kind(a.party.kind);
    let v = features::name_features(&a.name, &b.name).values;
    let mut total = w.bias + v.iter().zip(&w.name).map(|(x, k)| x * k).sum::<f64>();
    if let (Some(x), Some(y)) = (a.country, b.country) {
        total += if x == y {
            W_COUNTRY_MATCH
        } else {
            W_COUNTRY_CONFLICT
        };
    }
    if place_conflict(&a.name, &b.name).is_some() {
        total += W_PLACE_CONFLICT;
    }
    Ok(total)
}

/// The address term, in [-W/2, +W/2], when both sides have an address.
fn address_term(a: &Prepared, b: &Prepared) -> Option<f64> {
    let (x, y) = (a.address.as_ref()?, b.address.as_ref()?);
    Some(W_ADDRESS * (features::name_features(x, y).values[1] - 0.5))
}

/// The probability [`score_prepared`] gives, without building the explanation: the fast path for clustering.
///
/// Identifier evidence decides first, as in the full score: a shared valid identifier gives 1, a conflict gives 0, and the names are then not compared.
pub fn fast_probability(a: &Prepared, b: &Prepared) -> f64 {
    match fast_logit(a, b) {
        Ok(total) => sigmoid(total),
        Err(same) => f64::from(u8::from(same)),
    }
}

/// The logit that [`fast_probability`] takes the logistic of (the sum of every feature's contribution), or the identifiers' decision (`Err(true)` same, `Err(false)` different).
pub fn fast_logit(a: &Prepared, b: &Prepared) -> Result<f64, bool> {
    logit_before_address(a, b).map(|total| total + address_term(a, b).unwrap_or(0.0))
}

/// [`fast_probability`] when it reaches `threshold`, else `None`; the address, the dearest term, is compared only when it can change that.
pub fn probability_at_least(a: &Prepared, b: &Prepared, threshold: f64) -> Option<f64> {
    let mut total = match logit_before_address(a, b) {
        Ok(total) => total,
        Err(same) => return same.then_some(1.0),
    };
    if a.address.is_some() && b.address.is_some() {
        // The address term lies in [-W/2, +W/2]: skip it when it cannot move the pair across the threshold.
        if sigmoid(total + W_ADDRESS / 2.0) < threshold {
            return None;
        }
        total += address_term(a, b).unwrap_or(0.0);
    }
    let p = sigmoid(total);
    (p >= threshold).then_some(p)
}

/// Score two prepared parties; the kind of `a` picks the weights.
pub fn score_prepared(a: &Prepared, b: &Prepared) -> Score {
    let w: &Weights = weights::for_kind(a.party.kind);
    let nf = features::name_features(&a.name, &b.name);
    let mut out = Vec::with_capacity(N_NAME + 6);
    out.push(Feature {
        name: "bias",
        value: 1.0,
        weight: w.bias,
        contribution: w.bias,
        detail: format!("{:?} prior", a.party.kind),
    });
    let names = format!("{} ~ {}", nf.core_a.join(" "), nf.core_b.join(" "));
    for (i, (&value, &weight)) in nf.values.iter().zip(w.name.iter()).enumerate().take(N_NAME) {
        let detail = match i {
            0 | 1 | 2 | 3 | 4 | 8 | 12 | 17 => names.clone(),
            10 => format!("{:?} vs {:?}", a.name.numbers, b.name.numbers),
            11 => format!("{:?} vs {:?}", a.name.legal_form, b.name.legal_form),
            7 => format!("{} vs {}", a.name.script.label(), b.name.script.label()),
            16 => format!("{} vs {}", nf.industry_a.join(" "), nf.industry_b.join(" ")),
            _ => String::new(),
        };
        out.push(Feature {
            name: NAME_FEATURES[i],
            value,
            weight,
            contribution: value * weight,
            detail,
        });
    }
    if let (Some(x), Some(y)) = (a.country, b.country) {
        let (name, weight) = if x == y {
            ("country_match", W_COUNTRY_MATCH)
        } else {
            ("country_conflict", W_COUNTRY_CONFLICT)
        };
        out.push(Feature {
            name,
            value: 1.0,
            weight,
            contribution: weight,
            detail: format!("{x} vs {y}"),
        });
    }
    if let Some((x, y)) = place_conflict(&a.name, &b.name) {
        out.push(Feature {
            name: "place_conflict",
            value: 1.0,
            weight: W_PLACE_CONFLICT,
            contribution: W_PLACE_CONFLICT,
            detail: format!("{} vs {}: different cities", x.join(" "), y.join(" ")),
        });
    }
    if let (Some(x), Some(y)) = (&a.address, &b.address) {
        let sim = features::name_features(x, y).values[1];
        out.push(Feature {
            name: "address_similarity",
            value: sim,
            weight: W_ADDRESS,
            contribution: W_ADDRESS * (sim - 0.5),
            detail: format!(
                "centred at 0.5: {} ~ {}",
                x.tokens.join(" "),
                y.tokens.join(" ")
            ),
        });
    }
    let mut forced = None;
    match ident::compare(&a.party.identifiers, &b.party.identifiers) {
        IdEvidence::Match(s, v) => {
            out.push(Feature {
                name: "identifier_match",
                value: 1.0,
                weight: W_ID_MATCH,
                contribution: W_ID_MATCH,
                detail: format!("same valid {} {v}: match whatever the names say", s.label()),
            });
            forced = Some(Verdict::Match);
        }
        IdEvidence::Conflict(s, x, y) => {
            out.push(Feature {
                name: "identifier_conflict",
                value: 1.0,
                weight: W_ID_CONFLICT,
                contribution: W_ID_CONFLICT,
                detail: format!(
                    "different valid {} {x} vs {y}: no match whatever the names say",
                    s.label()
                ),
            });
            forced = Some(Verdict::NoMatch);
        }
        IdEvidence::None => {}
    }
    let total: f64 = out.iter().map(|f| f.contribution).sum();
    let probability = sigmoid(total);
    let verdict = forced.unwrap_or(if probability >= w.threshold {
        Verdict::Match
    } else if probability >= w.threshold / 2.0 {
        Verdict::Unsure
    } else {
        Verdict::NoMatch
    });
    let probability = match forced {
        Some(Verdict::Match) => probability.max(w.threshold),
        Some(_) => probability.min(w.threshold / 2.0 - 1e-9).max(0.0),
        None => probability,
    };
    Score {
        probability,
        verdict,
        features: out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ident::Scheme;

    #[test]
    fn score_is_a_sum_of_features() {
        let s = score(
            &Party::org("SZ DJI TECHNOLOGY CO LTD"),
            &Party::org("深圳市大疆创新科技有限公司"),
        );
        let total: f64 = s.features.iter().map(|f| f.contribution).sum();
        assert!((sigmoid(total) - s.probability).abs() < 1e-12);
        assert_eq!(s.verdict, Verdict::Match, "{s:#?}");
    }

    #[test]
    fn fast_path_agrees_with_the_explained_score() {
        let pairs = [
            (
                Party::org("SZ DJI TECHNOLOGY CO LTD").with_country("CN"),
                Party::org("深圳市大疆创新科技有限公司"),
            ),
            (
                Party::org("ООО \"ЛЕГИОН\"").with_address("МОСКВА, УЛ. ЛЕНИНА 1"),
                Party::org("LEGION LLC").with_address("MOSCOW LENINA 1"),
            ),
            (
                Party::org("ALPHA TRADE LLC").with_country("RU"),
                Party::org("OMEGA SYSTEMS LTD").with_country("CN"),
            ),
        ];
        for (a, b) in pairs {
            let (pa, pb) = (Prepared::new(a), Prepared::new(b));
            let full = score_prepared(&pa, &pb).probability;
            assert!((fast_probability(&pa, &pb) - full).abs() < 1e-12);
            for t in [0.1, 0.49, 0.9] {
                let bounded = probability_at_least(&pa, &pb, t);
                assert_eq!(bounded.is_some(), full >= t, "{full} vs {t}");
            }
        }
    }

    #[test]
    fn identifiers_override_names() {
        let a = Party::org("SHENZHEN XINGHE TECHNOLOGY CO LTD")
            .with_id(Identifier::new(Scheme::Uscc, "91440300279583285Y"));
        let b = Party::org("SHENZHEN XINHE TECHNOLOGY CO LTD")
            .with_id(Identifier::new(Scheme::Uscc, "914403007084678371"));
        let b_ok = if b.identifiers[0].is_valid() {
            b
        } else {
            Party::org("SHENZHEN XINHE TECHNOLOGY CO LTD")
                .with_id(Identifier::new(Scheme::Uscc, "914403007084678371"))
        };
        let s = score(&a, &b_ok);
        if b_ok.identifiers[0].is_valid() {
            assert_eq!(s.verdict, Verdict::NoMatch);
            assert!(s.features.iter().any(|f| f.name == "identifier_conflict"));
        }
    }
}
