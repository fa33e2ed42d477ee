//! The HS nomenclature in two vintages and the mapping of any declared code (HS2017, HS2022, 8-10-digit national) to HS2022 subheadings.
//!
//! Declarations filed before 2022-01-01 use HS2017 codes (drones under 8802.11/8802.20 or 8525.80); later ones use HS2022 (heading 8806).
//! [`Nomenclature`] holds both vintages and the UNSD correlation, so that every line can be compared on HS2022.
//! The parsers live in [`parse`] and take text; the binary reads the files.

pub mod parse;

use std::collections::{BTreeMap, HashMap, HashSet};

use tradetrail_model::{HsCode, HsCorrelation};

pub use parse::{parse_correlation, parse_nomenclature};

/// The date HS2022 entered into force (WCO; the EAEU TN VED and the US HTS followed on the same day).
pub const HS2022_IN_FORCE: &str = "2022-01-01";

/// An edition of the Harmonized System.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Vintage {
    /// HS 2017, in force 2017-01-01 to 2021-12-31.
    Hs2017,
    /// HS 2022, in force from 2022-01-01.
    Hs2022,
}

impl Vintage {
    /// `HS2017` or `HS2022`.
    pub fn as_str(self) -> &'static str {
        match self {
            Vintage::Hs2017 => "HS2017",
            Vintage::Hs2022 => "HS2022",
        }
    }

    /// Reads `HS2017`, `hs 2022`, `2022` and the like.
    pub fn parse(text: &str) -> Option<Vintage> {
        let t: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        match t.to_ascii_uppercase().trim_start_matches("HS") {
            "2017" | "17" => Some(Vintage::Hs2017),
            "2022" | "22" => Some(Vintage::Hs2022),
            _ => None,
        }
    }

    /// The vintage in force on an ISO date (`YYYY-MM-DD`): HS2017 before 2022-01-01, HS2022 from then.
    pub fn in_force_on(date: &str) -> Vintage {
        if date.trim() < HS2022_IN_FORCE {
            Vintage::Hs2017
        } else {
            Vintage::Hs2022
        }
    }
}

/// The digits of a code as written (`8806.22`, `8806 22 000 0`), or `None` when it holds anything but digits, dots, spaces and dashes.
pub fn digits_only(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.len() > 40 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => out.push(c),
            '.' | ' ' | '-' | '\u{a0}' => {}
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The HS6 subheading of a declared code: six digits as they are, 8-10-digit national codes (EAEU TN VED, US HTS, EU CN) cut to six.
///
/// Five- and nine-digit codes are taken to have lost a leading zero in a spreadsheet and get it back.
/// Anything shorter than six digits, or longer than ten, is not a subheading and gives `None`.
pub fn hs6_of(code: &str) -> Option<String> {
    let mut digits = digits_only(code)?;
    if matches!(digits.len(), 5 | 9) {
        digits.insert(0, '0');
    }
    (6..=10)
        .contains(&digits.len())
        .then(|| digits[..6].to_owned())
}

/// One HS2022 subheading a declared code may correspond to.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// HS2022 six-digit code.
    pub hs6: String,
    /// Share of the declared code's trade assumed to fall under this subheading; the shares of one answer sum to 1.
    pub share: f64,
    /// Why: one of the `BASIS_*` constants.
    pub basis: &'static str,
}

/// The code is a valid HS2022 subheading and maps to itself.
pub const BASIS_SAME: &str = "valid HS2022 subheading; maps to itself";
/// The HS2017 code corresponds to exactly one HS2022 subheading in the UNSD correlation.
pub const BASIS_ONE: &str = "UNSD HS2022-HS2017 correlation: one HS2022 subheading";
/// The HS2017 code was split; every HS2022 subheading gets an equal share because the table gives no weights.
pub const BASIS_SPLIT_EQUAL: &str = "UNSD HS2022-HS2017 correlation: HS2017 code split over several HS2022 subheadings; equal shares (the table gives no trade weights)";
/// The HS2017 code was split and the correlation rows carried weights, which are used.
pub const BASIS_SPLIT_WEIGHTED: &str =
    "HS2022-HS2017 correlation: HS2017 code split; shares as the correlation rows give them";

/// Both HS vintages and the HS2017→HS2022 correlation, for descriptions and for mapping declared codes to HS2022.
#[derive(Debug, Clone, Default)]
pub struct Nomenclature {
    /// Descriptions by vintage and code.
    codes: HashMap<(Vintage, String), String>,
    /// HS2022 codes of each HS2017 six-digit code, with the share a row gave, sorted by code.
    forward: HashMap<String, Vec<(String, Option<f64>)>>,
    /// Every HS2022 six-digit code known from the nomenclature or the correlation.
    hs2022: HashSet<String>,
    /// Number of codes per vintage and level.
    counts: BTreeMap<(Vintage, i64), usize>,
}

impl Nomenclature {
    /// Builds the look-up from nomenclature rows of either vintage and correlation rows.
    ///
    /// Rows with an unknown vintage are ignored; the parsers never produce them.
    pub fn new(codes: &[HsCode], correlation: &[HsCorrelation]) -> Nomenclature {
        let mut n = Nomenclature::default();
        for c in codes {
            let Some(v) = Vintage::parse(&c.vintage) else {
                continue;
            };
            if n.codes
                .insert((v, c.code.clone()), c.description.clone())
                .is_none()
            {
                let level = c.level.unwrap_or(c.code.len() as i64);
                *n.counts.entry((v, level)).or_default() += 1;
            }
            if v == Vintage::Hs2022 && c.code.len() == 6 {
                n.hs2022.insert(c.code.clone());
            }
        }
        for r in correlation {
            n.hs2022.insert(r.hs2022.clone());
            let list = n.forward.entry(r.hs2017.clone()).or_default();
            if !list.iter().any(|(c, _)| *c == r.hs2022) {
                list.push((r.hs2022.clone(), r.share));
            }
        }
        for list in n.forward.values_mut() {
            list.sort_by(|a, b| a.0.cmp(&b.0));
        }
        n
    }

    /// The official description of a code (2, 4 or 6 digits, dots allowed) in one vintage.
    pub fn description(&self, vintage: Vintage, code: &str) -> Option<&str> {
        let digits = digits_only(code)?;
        self.codes.get(&(vintage, digits)).map(String::as_str)
    }

    /// True when the code (2, 4 or 6 digits) exists in the vintage.
    pub fn contains(&self, vintage: Vintage, code: &str) -> bool {
        self.description(vintage, code).is_some()
    }

    /// Number of codes of one vintage at one level (2, 4 or 6).
    pub fn count(&self, vintage: Vintage, level: i64) -> usize {
        self.counts.get(&(vintage, level)).copied().unwrap_or(0)
    }

    /// True when the six-digit code is an HS2022 subheading, by the nomenclature or, failing that, by the correlation.
    fn is_hs2022(&self, hs6: &str) -> bool {
        self.hs2022.contains(hs6)
    }

    /// Maps a declared code of unknown vintage to HS2022 candidates.
    ///
    /// A code that is a valid HS2022 subheading maps to itself with share 1, even if HS2017 used the same digits for more goods.
    /// Any other code is read as HS2017 (see [`Nomenclature::to_hs2022_from`]).
    /// 8-10-digit national codes are cut to their first six digits; unknown codes give an empty list.
    /// When the declaration date is known, [`Nomenclature::to_hs2022_on`] is more exact.
    pub fn to_hs2022(&self, code: &str) -> Vec<Candidate> {
        let Some(hs6) = hs6_of(code) else {
            return Vec::new();
        };
        if self.is_hs2022(&hs6) {
            return vec![Candidate {
                hs6,
                share: 1.0,
                basis: BASIS_SAME,
            }];
        }
        self.to_hs2022_from(Vintage::Hs2017, &hs6)
    }

    /// Maps a code declared on an ISO date to HS2022 candidates, reading it in the vintage in force that day.
    pub fn to_hs2022_on(&self, code: &str, date: &str) -> Vec<Candidate> {
        self.to_hs2022_from(Vintage::in_force_on(date), code)
    }

    /// Maps a code of a known vintage to HS2022 candidates.
    ///
    /// HS2022 codes map to themselves when valid.
    /// HS2017 codes follow the correlation: one HS2022 code with share 1, or several with equal shares unless the rows carry weights.
    /// An HS2017 code absent from the correlation but present in both vintages maps to itself.
    pub fn to_hs2022_from(&self, vintage: Vintage, code: &str) -> Vec<Candidate> {
        let Some(hs6) = hs6_of(code) else {
            return Vec::new();
        };
        if vintage == Vintage::Hs2022 {
            return if self.is_hs2022(&hs6) {
                vec![Candidate {
                    hs6,
                    share: 1.0,
                    basis: BASIS_SAME,
                }]
            } else {
                Vec::new()
            };
        }
        match self.forward.get(&hs6).map(Vec::as_slice) {
            Some([(only, _)]) => vec![Candidate {
                hs6: only.clone(),
                share: 1.0,
                basis: BASIS_ONE,
            }],
            Some(list) if !list.is_empty() => split(list),
            _ if self.is_hs2022(&hs6) && self.contains(Vintage::Hs2017, &hs6) => {
                vec![Candidate {
                    hs6,
                    share: 1.0,
                    basis: BASIS_SAME,
                }]
            }
            _ => Vec::new(),
        }
    }
}

/// Candidates of a split HS2017 code: the rows' weights when all of them carry a positive one, equal shares otherwise.
fn split(list: &[(String, Option<f64>)]) -> Vec<Candidate> {
    let weights: Option<Vec<f64>> = list
        .iter()
        .map(|(_, s)| s.filter(|w| w.is_finite() && *w > 0.0))
        .collect();
    let total: f64 = weights.as_ref().map_or(0.0, |w| w.iter().sum());
    match weights {
        Some(w) if total > 0.0 => list
            .iter()
            .zip(w)
            .map(|((c, _), w)| Candidate {
                hs6: c.clone(),
                share: w / total,
                basis: BASIS_SPLIT_WEIGHTED,
            })
            .collect(),
        _ => {
            let share = 1.0 / list.len() as f64;
            list.iter()
                .map(|(c, _)| Candidate {
                    hs6: c.clone(),
                    share,
                    basis: BASIS_SPLIT_EQUAL,
                })
                .collect()
        }
    }
}
