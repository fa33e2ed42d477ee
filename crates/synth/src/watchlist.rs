//! Plants synthetic parties on synthetic watchlists in official formats (OFAC SDN legacy CSV, FollowTheMoney JSON lines), so screening can be shown on a fresh machine without any real list.
//!
//! A handful of the world's own parties are listed under a name variant with their identifiers; look-alike entries resemble unlisted parties but are other companies; filler entries appear nowhere in the declarations.
//! Everything is invented and labelled synthetic; `truth/watchlist.csv` says which entry is which.
//! All draws come from the `watchlist` stream, after the declarations are written, so the declaration files do not change.

mod filler;
mod ftm;
mod ofac;
mod people;
mod pick;
mod variants;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::chains::Chain;
use crate::entities::Population;
use crate::geo;
use crate::sample::{self, Rng};
use crate::writers::Csv;

pub use variants::latin;

/// Folder of the OFAC files inside the output directory.
pub const OFAC_DIR: &str = "watchlist/ofac-sdn";
/// Path of the FollowTheMoney file inside the output directory.
pub const FTM_FILE: &str = "watchlist/synthetic.ftm.jsonl";
/// Dataset name of the FollowTheMoney entries.
pub const FTM_DATASET: &str = "synthetic_watchlist";
/// First `ent_num` of the synthetic OFAC entries, far above OFAC's own numbers.
pub const FIRST_ENT_NUM: u32 = 900_001;

/// Which list file an entry is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ListFile {
    /// `watchlist/ofac-sdn/sdn.csv` with its add, alt and comments files.
    OfacSdn,
    /// `watchlist/synthetic.ftm.jsonl`.
    Ftm,
}

impl ListFile {
    /// The file's path inside the output directory, as written in the truth.
    pub fn path(self) -> &'static str {
        match self {
            ListFile::OfacSdn => "watchlist/ofac-sdn/sdn.csv",
            ListFile::Ftm => FTM_FILE,
        }
    }

    /// The list id an importer gives the file's entries (`<list id>:<source id>` is the truth's `entry_id`).
    pub fn list_id(self) -> &'static str {
        match self {
            ListFile::OfacSdn => "us-ofac-sdn",
            ListFile::Ftm => FTM_DATASET,
        }
    }
}

/// How a listed entry relates to the world.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The world entity is the listed party.
    SameEntity,
    /// The entry resembles the world entity but is another party.
    Lookalike,
    /// The entry has nothing to do with the world.
    Filler,
}

impl Relation {
    /// The truth label.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::SameEntity => "same_entity",
            Relation::Lookalike => "lookalike",
            Relation::Filler => "filler",
        }
    }
}

/// An address as OFAC splits it, with the full original text for FollowTheMoney.
#[derive(Debug, Clone, Default)]
pub struct Address {
    /// Street part in Latin, or empty.
    pub street: String,
    /// City with postcode or province, in Latin.
    pub city: String,
    /// The address as the party writes it.
    pub full: String,
}

/// A listed person.
#[derive(Debug, Clone)]
pub struct Person {
    /// Given name, patronymic and surname in the person's own script.
    pub local: [String; 3],
    /// Given name, patronymic and surname in Latin.
    pub latin: [String; 3],
    /// Date of birth.
    pub dob: i32,
    /// Place of birth in Latin, `Moscow, Russia`.
    pub pob: String,
    /// `Male` or `Female`.
    pub gender: &'static str,
}

/// One entry of one list file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file it is written to.
    pub file: ListFile,
    /// `ent_num` or FollowTheMoney id.
    pub source_id: String,
    /// FollowTheMoney schema: `Company`, `Organization` or `Person`.
    pub schema: &'static str,
    /// Primary name as listed.
    pub name: String,
    /// Aliases as (`aka` or `fka`, name).
    pub aliases: Vec<(&'static str, String)>,
    /// ISO alpha-2 country.
    pub country: &'static str,
    /// Identifiers as (scheme, value), schemes as in `truth/entities.csv`.
    pub ids: Vec<(&'static str, String)>,
    /// Address, when listed.
    pub address: Option<Address>,
    /// Sanctions programmes, `RUSSIA-EO14024`.
    pub programs: Vec<&'static str>,
    /// Listing date.
    pub listed: i32,
    /// Date the organisation was established, when known.
    pub established: Option<i32>,
    /// Facts of a listed person.
    pub person: Option<Person>,
    /// Further remark items in OFAC's wording (directives, links).
    pub remarks: Vec<String>,
    /// The world entity the entry is or resembles.
    pub entity: Option<u32>,
    /// How the entry relates to the world.
    pub relation: Relation,
}

/// What was written, for `world.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    /// Entries over both files.
    pub entries: u64,
    /// Entries listing a world entity (`same_entity`).
    pub planted: u64,
    /// Look-alike entries.
    pub lookalikes: u64,
    /// Filler entries.
    pub filler: u64,
    /// Entries per file path.
    pub by_file: BTreeMap<String, u64>,
    /// World entities listed (`same_entity`) with their earliest listing date, for the `listed_party` anomalies.
    pub listed_parties: BTreeMap<u32, i32>,
}

/// The planning state: the world, what is taken, and the entries so far.
pub(crate) struct Plan<'a> {
    pop: &'a Population,
    /// Names of the world and of the entries so far, so fillers never copy one.
    names: HashSet<String>,
    /// Identifier values of the world and of the entries so far.
    ids: HashSet<String>,
    /// World entities already listed or imitated.
    used: HashSet<u32>,
    next_ent: u32,
    entries: Vec<Entry>,
}

impl<'a> Plan<'a> {
    fn new(pop: &'a Population) -> Self {
        let mut names = HashSet::new();
        let mut ids = HashSet::new();
        for e in &pop.entities {
            names.insert(e.canonical.clone());
            names.insert(e.core_lat.clone());
            names.insert(e.core_local.clone());
            ids.extend(e.ids.iter().map(|(_, v)| v.clone()));
        }
        Self {
            pop,
            names,
            ids,
            used: HashSet::new(),
            next_ent: FIRST_ENT_NUM,
            entries: Vec::new(),
        }
    }

    /// A fresh identifier value from `draw`, distinct from every identifier of the world and the lists.
    fn fresh_id(&mut self, r: &mut Rng, draw: impl Fn(&mut Rng) -> String) -> String {
        let mut v = draw(r);
        for _ in 0..50 {
            if !self.ids.contains(&v) {
                break;
            }
            v = draw(r);
        }
        self.ids.insert(v.clone());
        v
    }

    /// Adds an entry; it is numbered later by [`Plan::number`].
    fn push(&mut self, e: Entry) {
        self.names.insert(e.name.clone());
        self.entries.push(e);
    }

    /// Shuffles the entries so their numbers say nothing about how they were planted, then numbers them in their files.
    fn number(&mut self, r: &mut Rng) {
        for i in (1..self.entries.len()).rev() {
            let j = sample::index(r, i + 1);
            self.entries.swap(i, j);
        }
        let mut taken = HashSet::new();
        for e in &mut self.entries {
            e.source_id = match e.file {
                ListFile::OfacSdn => {
                    let n = self.next_ent;
                    self.next_ent += 1 + sample::index(r, 3) as u32;
                    n.to_string()
                }
                ListFile::Ftm => loop {
                    let id = format!("synth-{:012x}", sample::int(r, 0, 0xffff_ffff_ffff));
                    if taken.insert(id.clone()) {
                        break id;
                    }
                },
            };
        }
        // OpenSanctions exports are sorted by id; OFAC's files by ent_num, which the shuffle already gives.
        self.entries.sort_by(|a, b| {
            let key = |e: &Entry| match e.file {
                ListFile::OfacSdn => (0, e.source_id.len(), e.source_id.clone()),
                ListFile::Ftm => (1, 0, e.source_id.clone()),
            };
            key(a).cmp(&key(b))
        });
    }
}

fn scaled(n: u64, per: u64, lo: usize, hi: usize) -> usize {
    ((n / per) as usize).clamp(lo, hi)
}

/// Plans and writes the watchlists into `out_dir/watchlist/` and their truth into `out_dir/truth/watchlist.csv`.
///
/// `spans` holds the first and last shipment day of every entity (first > last when it never shipped).
pub fn generate(
    seed: u64,
    lines: u64,
    pop: &Population,
    chains: &[Chain],
    spans: &[(i32, i32)],
    out_dir: &Path,
) -> Result<Counts, crate::Error> {
    let mut r = sample::stream(seed, "watchlist");
    let mut plan = Plan::new(pop);
    let targets = pick::targets(&mut r, pop, chains, spans, lines);
    for (k, id) in targets.into_iter().enumerate() {
        let e = pop.get(id);
        let (first, last) = spans[id as usize];
        // Even targets are designated while still shipping (or just before), odd ones after their last shipment.
        let from = first.max(geo::invasion() + 14);
        let listed = if k % 2 == 0 && last - from >= 30 {
            from + ((last - from) as f64 * sample::uniform(&mut r, 0.1, 0.7)) as i32
        } else if k % 2 == 0 {
            first - sample::int(&mut r, 15, 120) as i32
        } else {
            last + sample::int(&mut r, 20, 150) as i32
        };
        // Latest listing date: half a year after the world's last declaration.
        let listed = listed.min(geo::day(2025, 6, 30));
        let established = Some(if e.active.0 > geo::start_day() {
            e.active.0 - sample::int(&mut r, 5, 60) as i32
        } else {
            geo::day(1998, 1, 1) + sample::int(&mut r, 0, 7600) as i32
        });
        plan.used.insert(id);
        for &file in pick::files_for(&mut r) {
            plan.list_company(
                &mut r,
                e,
                file,
                listed,
                established,
                Some(id),
                Relation::SameEntity,
                Vec::new(),
            );
        }
    }
    pick::lookalikes(&mut r, &mut plan, spans, scaled(lines, 25_000, 2, 20));
    filler::add(&mut r, &mut plan, scaled(lines, 1_000, 30, 220));
    plan.number(&mut r);

    let dir = out_dir.join(OFAC_DIR);
    fs_err::create_dir_all(&dir)?;
    let ofac: Vec<&Entry> = plan
        .entries
        .iter()
        .filter(|e| e.file == ListFile::OfacSdn)
        .collect();
    ofac::write(&dir, &ofac)?;
    let ftm: Vec<&Entry> = plan
        .entries
        .iter()
        .filter(|e| e.file == ListFile::Ftm)
        .collect();
    ftm::write(&out_dir.join(FTM_FILE), &ftm)?;
    write_truth(&out_dir.join("truth"), pop, &plan.entries)
}

/// Writes `truth/watchlist.csv`, OFAC entries first, and counts the entries.
fn write_truth(dir: &Path, pop: &Population, entries: &[Entry]) -> Result<Counts, crate::Error> {
    let mut csv = Csv::create(
        &dir.join("watchlist.csv"),
        ',',
        false,
        &[
            "list_file",
            "entry_id",
            "source_id",
            "entity_id",
            "listed_name",
            "relation",
            "listing_date",
        ],
    )?;
    let mut counts = Counts::default();
    for file in [ListFile::OfacSdn, ListFile::Ftm] {
        for e in entries.iter().filter(|e| e.file == file) {
            csv.row(&[
                file.path(),
                &format!("{}:{}", file.list_id(), e.source_id),
                &e.source_id,
                e.entity.map_or("", |id| pop.get(id).tag()),
                &e.name,
                e.relation.as_str(),
                &geo::iso_date(e.listed),
            ])?;
            counts.entries += 1;
            *counts.by_file.entry(file.path().to_string()).or_default() += 1;
            if let (Relation::SameEntity, Some(id)) = (e.relation, e.entity) {
                let d = counts.listed_parties.entry(id).or_insert(e.listed);
                *d = (*d).min(e.listed);
            }
            match e.relation {
                Relation::SameEntity => counts.planted += 1,
                Relation::Lookalike => counts.lookalikes += 1,
                Relation::Filler => counts.filler += 1,
            }
        }
    }
    csv.finish()?;
    Ok(counts)
}
