//! The alias index: every brand and model spelling of the product catalogue, folded to token runs and found in any field.
//!
//! An alias matches where its tokens follow each other, or, for aliases of two or more distinctive tokens, where they all stand within a short window in any order (`PRO MAVIC 3`).
//! Short or common-word aliases (`M3`, `T30`, `MINI 3`, `FPV`) are weak: they count only in the model field or next to their own brand.

use std::collections::HashMap;

use tradetrail_refdata::products::{Brand, Catalogue, Product};

use crate::normalize::{Kind, Tokens, fold_tokens};
pub use crate::segment::Piece;

/// Token id for a token no alias uses.
pub(crate) const NONE: u32 = u32::MAX;

/// Letter tokens too common to identify a product on their own.
const COMMON: &[&str] = &[
    "PRO",
    "MINI",
    "AIR",
    "ACTION",
    "POCKET",
    "MOBILE",
    "RC",
    "MARK",
    "ATOM",
    "SE",
    "TANK",
    "GREAT",
    "SHARK",
    "FRAME",
    "BATTERY",
    "RADIO",
    "TELEMETRY",
    "PLUS",
    "MAX",
    "LITE",
    "DUAL",
    "COMBO",
    "CLASSIC",
    "THERMAL",
    "ENTERPRISE",
    "BLACK",
    "ONE",
    "PROPELLERS",
    "FLIGHT",
    "INTELLIGENT",
    "GPS",
    "NEO",
    "FPV",
    "MAH",
    "KV",
    "VTX",
    "ESC",
    "IN",
    "V",
    "S",
    "T",
    "M",
    "H",
    "E",
    "C",
    "F",
    "P",
    "A",
    "B",
    "D",
    "R",
    "G",
    "L",
    "K",
    "X",
    "Y",
    "W",
    "Z",
    "N",
    "I",
    "O",
    "U",
    "J",
    "Q",
    "PLATINUM",
];

/// Brand aliases too short or common to trust outside the brand and manufacturer fields.
const WEAK_BRANDS: &[&str] = &["RUSH", "AMD", "STM", "ADI", "MI", "TI", "ST", "SKY", "ONE"];

/// What an alias names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A product, by index in the catalogue.
    Product(u16),
    /// A brand, by index in the catalogue.
    Brand(u16),
}

/// One alias: its target and folded token ids.
#[derive(Debug, Clone)]
pub struct Alias {
    /// What it names.
    pub target: Target,
    /// Token ids in order.
    pub toks: Vec<u32>,
    /// Characters without spaces (Han characters count twice): a measure of how specific it is.
    pub weight: u16,
    /// True when the alias only counts in the model field or beside its own brand.
    pub weak: bool,
}

/// A match of an alias in one field.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    /// Alias index.
    pub alias: u32,
    /// First token covered.
    pub start: u16,
    /// One past the last token covered.
    pub end: u16,
    /// True when the tokens follow each other in order.
    pub contiguous: bool,
}

/// The compiled alias index over the catalogue.
#[derive(Debug)]
pub struct AliasIndex {
    pub(crate) ids: HashMap<String, u32>,
    pub(crate) prefixes: std::collections::HashSet<String>,
    starts: Vec<Vec<u32>>,
    window_posts: Vec<Vec<(u32, u8)>>,
    /// Every alias.
    pub aliases: Vec<Alias>,
    /// Catalogue products, by index.
    pub products: Vec<&'static Product>,
    /// Catalogue brands, by index.
    pub brands: Vec<&'static Brand>,
    /// Brand index of each product.
    pub product_brand: Vec<u16>,
    /// True for brands that make drones or drone parts.
    pub drone_brand: Vec<bool>,
}

impl AliasIndex {
    /// Builds the index from a catalogue.
    pub fn new(cat: &'static Catalogue) -> Self {
        let mut ix = AliasIndex {
            ids: HashMap::new(),
            prefixes: std::collections::HashSet::new(),
            starts: Vec::new(),
            window_posts: Vec::new(),
            aliases: Vec::new(),
            products: cat.products.iter().collect(),
            brands: cat.brands.iter().collect(),
            product_brand: Vec::new(),
            drone_brand: vec![false; cat.brands.len()],
        };
        let mut seen = std::collections::HashSet::new();
        for (bi, b) in cat.brands.iter().enumerate() {
            let names = std::iter::once(&b.name)
                .chain(&b.aliases)
                .chain(&b.owner_names);
            for n in names {
                let words = fold_tokens(n);
                let flat: String = words.concat();
                let weak = weight_of(&words) <= 2 || WEAK_BRANDS.contains(&flat.as_str());
                ix.add(
                    Target::Brand(bi as u16),
                    &words,
                    weight_of(&words),
                    weak,
                    false,
                    &mut seen,
                );
            }
        }
        for (pi, p) in cat.products.iter().enumerate() {
            let bi = cat
                .brands
                .iter()
                .position(|b| b.name == p.brand)
                .unwrap_or(0);
            ix.product_brand.push(bi as u16);
            if p.category == "drone" || p.category == "drone_part" {
                ix.drone_brand[bi] = true;
            }
            let brand_words: Vec<String> = cat.brands[bi]
                .aliases
                .iter()
                .chain(std::iter::once(&cat.brands[bi].name))
                .flat_map(|a| fold_tokens(a))
                .collect();
            for n in std::iter::once(&p.model).chain(&p.aliases) {
                let words = fold_tokens(n);
                let own: Vec<String> = words
                    .iter()
                    .filter(|w| !brand_words.contains(w))
                    .cloned()
                    .collect();
                let weight = weight_of(&own);
                let letters_common = words
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_ascii_digit()) || COMMON.contains(&w.as_str()));
                let weak = weight < 5 || letters_common;
                let window = !weak
                    && words.len() >= 2
                    && words
                        .iter()
                        .all(|w| w.chars().count() >= 2 || w.chars().all(|c| c.is_ascii_digit()));
                ix.add(
                    Target::Product(pi as u16),
                    &words,
                    weight,
                    weak,
                    window,
                    &mut seen,
                );
            }
        }
        ix.prefixes = ix
            .ids
            .keys()
            .filter(|k| k.chars().count() >= 2)
            .map(|k| k.chars().take(2).collect())
            .collect();
        ix
    }

    fn id(&mut self, w: &str) -> u32 {
        let n = self.ids.len() as u32;
        let id = *self.ids.entry(w.to_string()).or_insert(n);
        if id as usize >= self.starts.len() {
            self.starts.push(Vec::new());
            self.window_posts.push(Vec::new());
        }
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        target: Target,
        words: &[String],
        weight: u16,
        weak: bool,
        window: bool,
        seen: &mut std::collections::HashSet<(u16, bool, Vec<String>)>,
    ) {
        if words.is_empty() || words.len() > 16 {
            return;
        }
        let key = match target {
            Target::Product(i) => (i, true, words.to_vec()),
            Target::Brand(i) => (i, false, words.to_vec()),
        };
        if !seen.insert(key) {
            return;
        }
        let toks: Vec<u32> = words.iter().map(|w| self.id(w)).collect();
        let a = self.aliases.len() as u32;
        self.starts[toks[0] as usize].push(a);
        if window {
            for (j, t) in toks.iter().enumerate() {
                self.window_posts[*t as usize].push((a, j as u8));
            }
        }
        self.aliases.push(Alias {
            target,
            weight,
            toks,
            weak,
        });
    }

    /// Finds every alias in `toks`; `seq` and `hits` are scratch space.
    pub fn find(
        &self,
        toks: &Tokens,
        seq: &mut Vec<Piece>,
        hits: &mut Vec<(u32, u8, u16)>,
        out: &mut Vec<Found>,
    ) {
        seq.clear();
        for i in 0..toks.len() {
            let t = toks.text(i);
            match self.ids.get(t) {
                Some(id) => seq.push(Piece {
                    id: *id,
                    tok: i as u16,
                }),
                None => {
                    if !(toks.toks[i].kind == Kind::Letter && self.segment(t, i as u16, seq)) {
                        seq.push(Piece {
                            id: NONE,
                            tok: i as u16,
                        });
                    }
                }
            }
        }
        let glued = |k: usize| seq[k].tok != seq[k + 1].tok && glued(toks, seq[k].tok as usize);
        hits.clear();
        for i in 0..seq.len() {
            let id = seq[i].id;
            if id == NONE {
                continue;
            }
            for &a in &self.starts[id as usize] {
                let al = &self.aliases[a as usize];
                let end = i + al.toks.len();
                if end <= seq.len()
                    && seq[i..end].iter().zip(&al.toks).all(|(p, t)| p.id == *t)
                    && !(end < seq.len() && glued(end - 1))
                    && !(i > 0 && glued(i - 1))
                {
                    out.push(Found {
                        alias: a,
                        start: seq[i].tok,
                        end: seq[end - 1].tok + 1,
                        contiguous: true,
                    });
                }
            }
            for &(a, j) in &self.window_posts[id as usize] {
                hits.push((a, j, i as u16));
            }
        }
        if hits.is_empty() {
            return;
        }
        hits.sort_unstable();
        let mut k = 0;
        while k < hits.len() {
            let a = hits[k].0;
            let (mut mask, mut lo, mut hi) = (0u32, u16::MAX, 0u16);
            while k < hits.len() && hits[k].0 == a {
                let (_, j, p) = hits[k];
                if mask & (1 << j) == 0 {
                    mask |= 1 << j;
                    lo = lo.min(p);
                    hi = hi.max(p);
                }
                k += 1;
            }
            let n = self.aliases[a as usize].toks.len();
            let full = mask.count_ones() as usize == n;
            if full && ((hi - lo) as usize) <= n + 1 && !out.iter().any(|f| f.alias == a) {
                let (s, e) = (seq[lo as usize].tok, seq[hi as usize].tok + 1);
                out.push(Found {
                    alias: a,
                    start: s,
                    end: e,
                    contiguous: false,
                });
            }
        }
    }
}

/// True when tokens `i` and `i + 1` touch and neither is Han.
fn glued(toks: &Tokens, i: usize) -> bool {
    let (a, b) = (toks.toks[i], toks.toks[i + 1]);
    a.src_end == b.src_start && a.kind != Kind::Han && b.kind != Kind::Han
}

/// Characters without spaces, Han characters counting twice.
fn weight_of(words: &[String]) -> u16 {
    words
        .iter()
        .flat_map(|w| w.chars())
        .map(|c| {
            if c.is_ascii() {
                1
            } else if ('\u{3400}'..='\u{9FFF}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum::<u16>()
}
