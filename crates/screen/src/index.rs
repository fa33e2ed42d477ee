//! The in-process screening index: every list name prepared once, an inverted index from name keys and identifier values to names, and the query that scores candidates with the resolution scorer.
//!
//! A query gathers candidates whose names share keys with its names (each key weighted by its rarity, keys held by more than a tenth of all names skipped like stopwords), keeps the best-placed entries, and scores each of them by the best pair of names.
//! Countries and identifiers are then added as named terms, so a hit's score is still the sum of the features it shows.

use std::cell::RefCell;
use std::collections::HashMap;

use rayon::prelude::*;
use tradetrail_resolve::{Identifier, Kind, Party, Prepared, fast_logit, sigmoid};

use crate::explain::{self, Hit};
use crate::keys::{id_key, name_keys};
use crate::target::{EntryType, Target, clean_id};

/// What kind of party a query names; it decides which entries can match and which weights score the names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryKind {
    /// A company or organisation: matches organisations and entries of unknown type.
    #[default]
    Organisation,
    /// A natural person: matches persons and entries of unknown type.
    Person,
    /// Any legal entity (FollowTheMoney `LegalEntity`): organisations, persons and unknown.
    Any,
    /// A ship.
    Vessel,
    /// An aircraft.
    Aircraft,
}

impl QueryKind {
    /// The query kind of a FollowTheMoney schema name (`Company`, `Organization`, `Person`, `LegalEntity`, `Vessel`, `Airplane`, ...).
    pub fn from_schema(schema: &str) -> QueryKind {
        match schema {
            "Person" => QueryKind::Person,
            "Company" | "Organization" | "PublicBody" => QueryKind::Organisation,
            "Vessel" => QueryKind::Vessel,
            "Airplane" => QueryKind::Aircraft,
            _ => QueryKind::Any,
        }
    }

    fn admits(self, t: EntryType) -> bool {
        matches!(
            (self, t),
            (_, EntryType::Unknown)
                | (
                    QueryKind::Organisation | QueryKind::Any,
                    EntryType::Organisation
                )
                | (QueryKind::Person | QueryKind::Any, EntryType::Person)
                | (QueryKind::Vessel, EntryType::Vessel)
                | (QueryKind::Aircraft, EntryType::Aircraft)
        )
    }
}

/// A party to screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// Names in any script (at least one for a name search; identifiers alone also find entries).
    pub names: Vec<String>,
    /// What kind of party it is.
    pub kind: QueryKind,
    /// Countries (ISO codes or names in English, Russian or Chinese).
    pub countries: Vec<String>,
    /// Identifier values as written (INN, OGRN, BIN, USCC, registration or IMO numbers, ...).
    pub identifiers: Vec<String>,
    /// Only entries of these lists (exact list ids or prefixes such as `us-`); empty for all.
    pub lists: Vec<String>,
    /// Entry ids never to return (hits an analyst cleared, for instance).
    pub exclude_entries: Vec<String>,
}

/// How many results and from which score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Most results returned.
    pub limit: usize,
    /// Lowest score returned (0 returns every scored candidate).
    pub threshold: f64,
    /// Score at or above which a result is a match.
    pub match_threshold: f64,
}

/// The default match threshold, the same as yente's: chosen on the tuning world for at most 5 false hits per 1,000 innocent parties.
pub const DEFAULT_THRESHOLD: f64 = 0.7;

impl Default for Options {
    fn default() -> Options {
        Options {
            limit: 5,
            threshold: DEFAULT_THRESHOLD,
            match_threshold: DEFAULT_THRESHOLD,
        }
    }
}

pub(crate) struct IndexedName {
    pub(crate) target: u32,
    pub(crate) prepared: Prepared,
}

/// The screening index over a set of list entries.
pub struct Index {
    pub(crate) targets: Vec<Target>,
    pub(crate) names: Vec<IndexedName>,
    postings: HashMap<u64, Vec<u32>>,
    ids: HashMap<u64, Vec<u32>>,
    max_df: usize,
}

/// A query with its names normalised and its countries and identifiers read.
pub(crate) struct PreparedQuery {
    pub(crate) kind: QueryKind,
    pub(crate) names: Vec<Prepared>,
    /// The names again with person weights, for a query of any kind meeting a listed person.
    pub(crate) person_names: Option<Vec<Prepared>>,
    pub(crate) keys: Vec<u64>,
    pub(crate) countries: Vec<&'static str>,
    pub(crate) decisive: Vec<Identifier>,
    pub(crate) raw_ids: Vec<String>,
}

impl PreparedQuery {
    /// The query names with the weights for this kind of entry.
    pub(crate) fn names_for(&self, t: EntryType) -> &[Prepared] {
        match (&self.person_names, t) {
            (Some(p), EntryType::Person) => p,
            _ => &self.names,
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<(Vec<f32>, Vec<u32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

fn prepare(name: &str, kind: Kind) -> Prepared {
    Prepared::new(Party {
        name: name.to_string(),
        kind,
        ..Party::default()
    })
}

impl Index {
    /// Builds the index (names are prepared in parallel).
    pub fn build(targets: Vec<Target>) -> Index {
        let flat: Vec<(u32, &str, Kind)> = targets
            .iter()
            .enumerate()
            .flat_map(|(t, target)| {
                let kind = match target.entry_type {
                    EntryType::Person => Kind::Person,
                    _ => Kind::Organisation,
                };
                target
                    .names
                    .iter()
                    .map(move |n| (t as u32, n.name.as_str(), kind))
            })
            .collect();
        let prepared: Vec<(IndexedName, Vec<u64>)> = flat
            .par_iter()
            .map(|&(target, name, kind)| {
                let prepared = prepare(name, kind);
                let keys = name_keys(&prepared.name);
                (IndexedName { target, prepared }, keys)
            })
            .collect();
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut names = Vec::with_capacity(prepared.len());
        for (i, (name, keys)) in prepared.into_iter().enumerate() {
            for k in keys {
                postings.entry(k).or_default().push(i as u32);
            }
            names.push(name);
        }
        for p in postings.values_mut() {
            p.shrink_to_fit();
        }
        let mut ids: HashMap<u64, Vec<u32>> = HashMap::new();
        for (t, target) in targets.iter().enumerate() {
            for (_, value) in &target.identifiers {
                let clean = clean_id(value);
                if clean.len() >= 5 && clean.bytes().any(|b| b.is_ascii_digit()) {
                    let list = ids.entry(id_key(&clean)).or_default();
                    if list.last() != Some(&(t as u32)) {
                        list.push(t as u32);
                    }
                }
            }
        }
        let max_df = (names.len() / 10).max(50);
        Index {
            targets,
            names,
            postings,
            ids,
            max_df,
        }
    }

    /// The indexed entries, in entry-id order.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// Number of indexed names.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    pub(crate) fn prepare_query(&self, q: &Query) -> PreparedQuery {
        let kind = match q.kind {
            QueryKind::Person => Kind::Person,
            _ => Kind::Organisation,
        };
        let names: Vec<Prepared> = q
            .names
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| prepare(n, kind))
            .collect();
        let person_names = (q.kind == QueryKind::Any).then(|| {
            names
                .iter()
                .map(|p| {
                    let mut p = p.clone();
                    p.party.kind = Kind::Person;
                    p
                })
                .collect()
        });
        let mut keys: Vec<u64> = names.iter().flat_map(|p| name_keys(&p.name)).collect();
        keys.sort_unstable();
        keys.dedup();
        let countries = q
            .countries
            .iter()
            .filter_map(|c| tradetrail_refdata::countries::lookup(c).map(|c| c.alpha2))
            .collect();
        let country = q.countries.first().map(String::as_str);
        let mut decisive = Vec::new();
        let mut raw_ids = Vec::new();
        for text in &q.identifiers {
            decisive.extend(tradetrail_resolve::parse_identifiers(text, country));
            let clean = clean_id(text);
            if clean.len() >= 5 {
                raw_ids.push(clean);
            }
        }
        decisive.retain(Identifier::is_valid);
        PreparedQuery {
            kind: q.kind,
            names,
            person_names,
            keys,
            countries,
            decisive,
            raw_ids,
        }
    }

    fn admitted(&self, q: &Query, t: u32) -> bool {
        let target = &self.targets[t as usize];
        q.kind.admits(target.entry_type)
            && (q.lists.is_empty() || q.lists.iter().any(|l| target.list_id.starts_with(l)))
            && !q.exclude_entries.contains(&target.entry_id)
    }

    /// The best-placed candidate entries of a query by summed key rarity, at most `n`, best first.
    fn candidates(&self, q: &Query, pq: &PreparedQuery, n: usize, skip: Option<u32>) -> Vec<u32> {
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let (acc, touched) = &mut *guard;
            if acc.len() < self.targets.len() {
                acc.resize(self.targets.len(), 0.0);
            }
            let total = self.names.len().max(1) as f32;
            for k in &pq.keys {
                let Some(list) = self.postings.get(k) else {
                    continue;
                };
                if list.len() > self.max_df {
                    continue;
                }
                let w = (1.0 + total / list.len() as f32).ln();
                let mut last = u32::MAX;
                for &name in list {
                    if Some(name) == skip {
                        continue;
                    }
                    let t = self.names[name as usize].target;
                    if t == last {
                        continue;
                    }
                    last = t;
                    if acc[t as usize] == 0.0 {
                        touched.push(t);
                    }
                    acc[t as usize] += w;
                }
            }
            for v in &pq.raw_ids {
                for &t in self.ids.get(&id_key(v)).map(Vec::as_slice).unwrap_or(&[]) {
                    if acc[t as usize] == 0.0 {
                        touched.push(t);
                    }
                    acc[t as usize] += 1000.0;
                }
            }
            let mut scored: Vec<(f32, u32)> = touched
                .iter()
                .filter(|&&t| self.admitted(q, t))
                .map(|&t| (acc[t as usize], t))
                .collect();
            for &t in touched.iter() {
                acc[t as usize] = 0.0;
            }
            touched.clear();
            if scored.len() > n {
                scored
                    .select_nth_unstable_by(n - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                scored.truncate(n);
            }
            scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.into_iter().map(|(_, t)| t).collect()
        })
    }

    /// The entries a query would score, best-placed first (at most `n`): what the scorer sees, exposed for benchmarks that score the same candidates with another matcher.
    pub fn candidate_entries(&self, q: &Query, n: usize) -> Vec<&Target> {
        let pq = self.prepare_query(q);
        self.candidates(q, &pq, n, None)
            .into_iter()
            .map(|t| &self.targets[t as usize])
            .collect()
    }

    /// Screens one party: the entries scoring at least `opts.threshold`, best first, at most `opts.limit`, each explained.
    pub fn screen(&self, q: &Query, opts: &Options) -> Vec<Hit> {
        self.screen_excluding(q, opts, None)
    }

    /// [`Index::screen`] as if the name with this index had never been indexed (the held-out-alias evaluation).
    pub fn screen_excluding(&self, q: &Query, opts: &Options, skip: Option<u32>) -> Vec<Hit> {
        let pq = self.prepare_query(q);
        let n = (opts.limit * 10).clamp(30, 200);
        let mut scored: Vec<(f64, u32, usize, usize)> = self
            .candidates(q, &pq, n, skip)
            .into_iter()
            .filter_map(|t| {
                let (logit, qi, ni) = self.best_pair(&pq, t, skip)?;
                let target = &self.targets[t as usize];
                let p = match explain::party_terms(&pq, target) {
                    explain::Decision::Same => 1.0,
                    explain::Decision::Different => return None,
                    explain::Decision::Terms(extra) => {
                        let strict: f64 = match pq.names_for(target.entry_type).get(qi) {
                            Some(qn) if explain::strict_applies(&pq.kind, target) => {
                                let best = &self.names[ni].prepared.name;
                                explain::strict_terms_of_entry(
                                    &qn.name,
                                    best,
                                    self.entry_names(t, skip),
                                )
                                .iter()
                                .chain(&crate::terms::entry_place_conflict(
                                    &qn.name,
                                    best,
                                    self.entry_names(t, skip),
                                ))
                                .map(|t| t.1 * t.2)
                                .sum()
                            }
                            _ => 0.0,
                        };
                        sigmoid(logit + extra + strict)
                    }
                };
                (p >= opts.threshold).then_some((p, t, qi, ni))
            })
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then_with(|| {
                self.targets[a.1 as usize]
                    .entry_id
                    .cmp(&self.targets[b.1 as usize].entry_id)
            })
        });
        scored.truncate(opts.limit);
        scored
            .into_iter()
            .map(|(p, t, qi, ni)| {
                explain::hit(self, &pq, (t, skip), qi, ni, p, opts.match_threshold)
            })
            .collect()
    }

    /// The best (query name, entry name) pair of one entry by name logit: (logit, query name index, name index).
    fn best_pair(
        &self,
        pq: &PreparedQuery,
        t: u32,
        skip: Option<u32>,
    ) -> Option<(f64, usize, usize)> {
        let names = self.name_range(t);
        let mut best: Option<(f64, usize, usize)> = None;
        for (qi, qn) in pq
            .names_for(self.targets[t as usize].entry_type)
            .iter()
            .enumerate()
        {
            for ni in names.clone() {
                if Some(ni as u32) == skip {
                    continue;
                }
                let tn = &self.names[ni].prepared;
                let logit = fast_logit(qn, tn).unwrap_or(f64::NEG_INFINITY);
                if best.is_none_or(|b| logit > b.0) {
                    best = Some((logit, qi, ni));
                }
            }
        }
        if best.is_none() && !pq.raw_ids.is_empty() {
            // Found by identifier only (a query without names).
            return Some((0.0, usize::MAX, names.start));
        }
        best
    }

    /// The name indexes of one entry (its names are stored next to each other).
    pub(crate) fn name_range(&self, t: u32) -> std::ops::Range<usize> {
        let start = self.names.partition_point(|n| n.target < t);
        let end = self.names.partition_point(|n| n.target <= t);
        start..end
    }

    /// The normalised names of one entry, the held-out one (`skip`) left out.
    pub(crate) fn entry_names(
        &self,
        t: u32,
        skip: Option<u32>,
    ) -> impl Iterator<Item = &tradetrail_resolve::NormName> {
        self.name_range(t)
            .filter(move |&i| Some(i as u32) != skip)
            .map(|i| &self.names[i].prepared.name)
    }

    /// The entry of an indexed name.
    pub fn name_target(&self, name: u32) -> u32 {
        self.names[name as usize].target
    }
}
