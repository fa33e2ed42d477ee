//! A hit and its explanation: the resolver's name features for the best pair of names, then the country and identifier terms screening adds, all summing to the score.

use serde::Serialize;
use tradetrail_resolve::score::{W_COUNTRY_CONFLICT, W_COUNTRY_MATCH, W_ID_MATCH};
use tradetrail_resolve::{Feature, score_prepared};

use crate::index::{Index, PreparedQuery};
use crate::target::{Target, clean_id};

/// One term of a hit's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HitFeature {
    /// Feature name, e.g. `token_set_similarity`, `country_match`, `identifier_match`.
    pub name: String,
    /// Its value.
    pub value: f64,
    /// Its weight.
    pub weight: f64,
    /// `value × weight`: what it adds to the logit.
    pub contribution: f64,
    /// What was compared.
    pub detail: String,
}

impl From<Feature> for HitFeature {
    fn from(f: Feature) -> HitFeature {
        HitFeature {
            name: f.name.to_string(),
            value: f.value,
            weight: f.weight,
            contribution: f.contribution,
            detail: f.detail,
        }
    }
}

/// A list entry that matched a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Index of the entry in [`Index::targets`].
    #[serde(skip)]
    pub target: u32,
    /// `<list_id>:<source_id>`.
    pub entry_id: String,
    /// Machine name of the list.
    pub list_id: String,
    /// Human name of the list.
    pub list_name: String,
    /// Programmes or legal bases.
    pub programmes: String,
    /// The entry's primary name.
    pub caption: String,
    /// The entry's FollowTheMoney schema.
    pub schema: String,
    /// Listing date, `YYYY-MM-DD`, when the list gives it.
    pub listing_date: Option<String>,
    /// The query name that matched best (empty when only an identifier matched).
    pub query_name: String,
    /// The entry name it matched.
    pub matched_name: String,
    /// Calibrated probability that the query and the entry are the same party.
    pub score: f64,
    /// Whether the score reaches the match threshold.
    pub is_match: bool,
    /// Every term of the score: their contributions sum to the logit of `score` (unless an identifier decided).
    pub features: Vec<HitFeature>,
    /// The entry's content fingerprint, so a cleared hit comes back when the entry changes.
    #[serde(skip)]
    pub fingerprint: u64,
}

/// What the party facts (countries, identifiers) say beyond the names.
pub(crate) enum Decision {
    /// A shared identifier: the same party.
    Same,
    /// Two different valid identifiers of one scheme: not the same party.
    Different,
    /// Terms to add to the name logit.
    Terms(f64),
}

/// Weight of a one-word name that matches only approximately (`LEGION` ~ `REGION`, `GARANT` ~ `GARANTEX`).
pub const W_SINGLE_WORD_INEXACT: f64 = -6.0;
/// Weight of each distinctive word of one name facing a different word in the other (`ATLANT M` ~ `ATLANT S`).
pub const W_MISMATCHED_WORD: f64 = -4.0;

/// Screening's stricter name terms for organisations, on the best pair's core words: `(name, value, weight, detail)`.
///
/// Deduplicating customs mentions forgives a letter here and there (typos are common there); a list entry and a company that merely resembles it are different parties, so for screening a one-word name must match exactly in some Latin reading, and a distinctive word facing a different one counts against the match.
/// An exact match on one distinctive word, with a query city the entry never gives, carries `one_shared_word` (`terms.rs`).
pub fn strict_terms(
    a: &tradetrail_resolve::NormName,
    b: &tradetrail_resolve::NormName,
) -> Vec<(&'static str, f64, f64, String)> {
    strict_terms_of_entry(a, b, std::iter::empty())
}

/// [`strict_terms`] with the entry's other names, which can clear `one_shared_word`.
pub(crate) fn strict_terms_of_entry<'a>(
    a: &tradetrail_resolve::NormName,
    b: &tradetrail_resolve::NormName,
    entry_names: impl Iterator<Item = &'a tradetrail_resolve::NormName>,
) -> Vec<(&'static str, f64, f64, String)> {
    let f = tradetrail_resolve::features::name_features(a, b);
    let mut out = Vec::new();
    if f.core_a.is_empty() || f.core_b.is_empty() {
        return out;
    }
    if f.values[0] > 0.0 {
        out.extend(crate::terms::one_shared_word_of_entry(
            a,
            b,
            &f,
            entry_names,
        ));
        return out;
    }
    if f.core_a.len() == 1 && f.core_b.len() == 1 {
        out.push((
            "single_word_inexact",
            1.0,
            W_SINGLE_WORD_INEXACT,
            format!(
                "{} vs {}: one-word names must agree exactly",
                f.core_a[0], f.core_b[0]
            ),
        ));
        return out;
    }
    let mismatched = f.values[6];
    if mismatched > 0.0 {
        out.push((
            "mismatched_word",
            mismatched,
            W_MISMATCHED_WORD,
            format!(
                "{} vs {}: words with no close counterpart",
                f.core_a.join(" "),
                f.core_b.join(" ")
            ),
        ));
    }
    out
}

/// Whether the stricter organisation terms apply to a query kind and an entry.
pub(crate) fn strict_applies(q: &crate::index::QueryKind, t: &Target) -> bool {
    !matches!(q, crate::index::QueryKind::Person)
        && t.entry_type != crate::target::EntryType::Person
}

fn shared_raw_id<'a>(q: &PreparedQuery, t: &'a Target) -> Option<&'a (String, String)> {
    t.identifiers
        .iter()
        .find(|(_, v)| q.raw_ids.iter().any(|r| *r == clean_id(v)))
}

fn country_term(q: &PreparedQuery, t: &Target) -> Option<(&'static str, f64, String)> {
    if q.countries.is_empty() || t.countries.is_empty() {
        return None;
    }
    let shared = q
        .countries
        .iter()
        .any(|c| t.countries.iter().any(|x| x == c));
    let detail = format!("{} vs {}", q.countries.join("/"), t.countries.join("/"));
    Some(if shared {
        ("country_match", W_COUNTRY_MATCH, detail)
    } else {
        ("country_conflict", W_COUNTRY_CONFLICT, detail)
    })
}

pub(crate) fn party_terms(q: &PreparedQuery, t: &Target) -> Decision {
    match tradetrail_resolve::ident::compare(&q.decisive, &t.decisive) {
        tradetrail_resolve::ident::IdEvidence::Match(..) => return Decision::Same,
        tradetrail_resolve::ident::IdEvidence::Conflict(..) => return Decision::Different,
        tradetrail_resolve::ident::IdEvidence::None => {}
    }
    if shared_raw_id(q, t).is_some() {
        return Decision::Same;
    }
    Decision::Terms(country_term(q, t).map_or(0.0, |c| c.1))
}

/// Builds the explained hit for entry `t` (with name `skip` held out, if any), best matched by query name `qi` and entry name `ni`.
pub(crate) fn hit(
    index: &Index,
    q: &PreparedQuery,
    (t, skip): (u32, Option<u32>),
    qi: usize,
    ni: usize,
    score: f64,
    match_threshold: f64,
) -> Hit {
    let target = &index.targets[t as usize];
    let entry_name = &index.names[ni].prepared;
    let names = q.names_for(target.entry_type);
    let mut features: Vec<HitFeature> = match names.get(qi) {
        Some(qn) => score_prepared(qn, entry_name)
            .features
            .into_iter()
            .map(HitFeature::from)
            .collect(),
        None => Vec::new(),
    };
    if let Some(qn) = names.get(qi)
        && strict_applies(&q.kind, target)
    {
        for (name, value, weight, detail) in
            strict_terms_of_entry(&qn.name, &entry_name.name, index.entry_names(t, skip))
        {
            features.push(HitFeature {
                name: name.into(),
                value,
                weight,
                contribution: value * weight,
                detail,
            });
        }
    }
    if let Some(qn) = names.get(qi)
        && strict_applies(&q.kind, target)
        && let Some((name, value, weight, detail)) = crate::terms::entry_place_conflict(
            &qn.name,
            &entry_name.name,
            index.entry_names(t, skip),
        )
    {
        features.push(HitFeature {
            name: name.into(),
            value,
            weight,
            contribution: value * weight,
            detail,
        });
    }
    if let Some((name, weight, detail)) = country_term(q, target) {
        features.push(HitFeature {
            name: name.into(),
            value: 1.0,
            weight,
            contribution: weight,
            detail,
        });
    }
    let by_validator = tradetrail_resolve::ident::compare(&q.decisive, &target.decisive);
    let id_detail = match by_validator {
        tradetrail_resolve::ident::IdEvidence::Match(s, v) => Some(format!(
            "same valid {} {v}: match whatever the names say",
            s.label()
        )),
        _ => shared_raw_id(q, target)
            .map(|(s, v)| format!("same {s} {v}: match whatever the names say")),
    };
    if let Some(detail) = id_detail {
        features.push(HitFeature {
            name: "identifier_match".into(),
            value: 1.0,
            weight: W_ID_MATCH,
            contribution: W_ID_MATCH,
            detail,
        });
    }
    Hit {
        target: t,
        entry_id: target.entry_id.clone(),
        list_id: target.list_id.clone(),
        list_name: target.list_name.clone(),
        programmes: target.programmes.clone(),
        caption: target.caption.clone(),
        schema: target.entry_type.ftm_schema().into(),
        listing_date: target.listing_date.map(tradetrail_model::iso_date),
        query_name: names
            .get(qi)
            .map(|p| p.party.name.clone())
            .unwrap_or_default(),
        matched_name: entry_name.party.name.clone(),
        score,
        is_match: score >= match_threshold,
        features,
        fingerprint: target.fingerprint,
    }
}
