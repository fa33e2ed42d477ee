//! Blocking: cheap keys per name so that only names sharing a key are scored, with a cap per block.
//!
//! Keys are hashes of: each core word, each core word's phonetic key, the sorted core (per Latin reading, so Cyrillic and Han names meet their Latin spellings), and the first four letters of the joined core.
//! Latin and Cyrillic names also get their scheme-folded core words and sorted core (`fold.rs`), so `SHETYSUSNAB LLP` meets `ТОО «ЖЕТЫСУСНАБ»` whichever scheme the broker used.
//! A block larger than the cap is treated like a stopword (as nomenklatura does with buckets over 60) and yields no pairs.

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::fold;
use crate::normalise::NormName;
use crate::phonetic;
use crate::text::Script;

const SEED_WORD: u64 = 1;
const SEED_PHONETIC: u64 = 2;
const SEED_SORTED: u64 = 3;
const SEED_PREFIX: u64 = 4;
const SEED_FOLDED_WORD: u64 = 5;
const SEED_FOLDED_SORTED: u64 = 6;

/// The blocking keys of a name, without duplicates.
pub fn blocking_keys(n: &NormName) -> Vec<u64> {
    let mut keys = Vec::with_capacity(16);
    let mut push = |k: u64| {
        if !keys.contains(&k) {
            keys.push(k);
        }
    };
    for v in &n.script_variants {
        for t in &v.core {
            if t.len() >= 2 {
                push(xxh3_64_with_seed(t.as_bytes(), SEED_WORD));
            }
            let p = phonetic::key(t);
            if p.len() >= 2 {
                push(xxh3_64_with_seed(p.as_bytes(), SEED_PHONETIC));
            }
        }
        let joined: String = v.core.concat();
        if joined.len() >= 4 {
            push(xxh3_64_with_seed(&joined.as_bytes()[..4], SEED_PREFIX));
        }
    }
    for s in &n.keys.sorted {
        if !s.is_empty() {
            push(xxh3_64_with_seed(s.as_bytes(), SEED_SORTED));
        }
    }
    if matches!(n.script, Script::Latin | Script::Cyrillic) {
        for v in &n.script_variants {
            let mut folded = fold::fold_words(&v.core);
            for t in &folded {
                if t.len() >= 3 {
                    push(xxh3_64_with_seed(t.as_bytes(), SEED_FOLDED_WORD));
                }
            }
            folded.sort();
            let joined = folded.concat();
            if !joined.is_empty() {
                push(xxh3_64_with_seed(joined.as_bytes(), SEED_FOLDED_SORTED));
            }
        }
    }
    keys
}

/// Candidate-pair generation over a list of mentions.
#[derive(Debug, Clone)]
pub struct Blocker {
    /// Blocks larger than this produce no pairs.
    pub max_block: usize,
    blocks: HashMap<u64, Vec<u32>>,
    len: u32,
}

/// Counts from one blocking run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BlockStats {
    /// Blocks in total.
    pub blocks: usize,
    /// Blocks skipped for being larger than the cap.
    pub oversized: usize,
    /// Distinct candidate pairs.
    pub pairs: usize,
}

impl Blocker {
    /// An empty blocker with a cap per block.
    pub fn new(max_block: usize) -> Blocker {
        Blocker {
            max_block,
            blocks: HashMap::new(),
            len: 0,
        }
    }

    /// Add a mention's keys; returns its index.
    pub fn add(&mut self, keys: &[u64]) -> u32 {
        let id = self.len;
        self.len += 1;
        for k in keys {
            self.blocks.entry(*k).or_default().push(id);
        }
        id
    }

    /// Add a normalised name; returns its index.
    pub fn add_name(&mut self, n: &NormName) -> u32 {
        self.add(&blocking_keys(n))
    }

    /// The members of the block with this key, or nothing when the block is over the cap (or unknown).
    pub fn members(&self, key: u64) -> &[u32] {
        match self.blocks.get(&key) {
            Some(ids) if ids.len() <= self.max_block => ids,
            _ => &[],
        }
    }

    /// Number of blocks, and of blocks over the cap.
    pub fn block_counts(&self) -> (usize, usize) {
        let over = self
            .blocks
            .values()
            .filter(|v| v.len() > self.max_block)
            .count();
        (self.blocks.len(), over)
    }

    /// Every distinct pair `(i, j)`, `i < j`, that shares a block no larger than the cap.
    pub fn pairs(&self) -> (Vec<(u32, u32)>, BlockStats) {
        let mut seen: HashSet<(u32, u32)> = HashSet::new();
        let mut stats = BlockStats {
            blocks: self.blocks.len(),
            ..BlockStats::default()
        };
        for ids in self.blocks.values() {
            if ids.len() > self.max_block {
                stats.oversized += 1;
                continue;
            }
            for (x, &i) in ids.iter().enumerate() {
                for &j in &ids[x + 1..] {
                    if i != j {
                        seen.insert((i.min(j), i.max(j)));
                    }
                }
            }
        }
        let mut pairs: Vec<(u32, u32)> = seen.into_iter().collect();
        pairs.sort_unstable();
        stats.pairs = pairs.len();
        (pairs, stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::normalise;

    #[test]
    fn cross_script_names_share_blocks() {
        let a = blocking_keys(&normalise("SZ DJI TECHNOLOGY CO LTD"));
        let b = blocking_keys(&normalise("深圳市大疆创新科技有限公司"));
        let c = blocking_keys(&normalise("ООО \"ЛЕГИОН\""));
        let d = blocking_keys(&normalise("LEGION LLC"));
        assert!(a.iter().any(|k| b.contains(k)));
        assert!(c.iter().any(|k| d.contains(k)));
        assert!(!a.iter().any(|k| d.contains(k)));
    }

    #[test]
    fn transliterations_under_any_scheme_share_blocks() {
        for (cyr, lat) in [
            ("ТОО «ЖЕТЫСУСНАБ»", "SHETYSUSNAB LLP"),
            ("ТОО «КАЗТЕХ»", "TOO \"KAZTECH\""),
            (
                "ТОО «ЕВРАЗИЯТРЕЙД»",
                "EVRAZIJATREJD LIMITED LIABILITY PARTNERSHIP",
            ),
        ] {
            let a = blocking_keys(&normalise(cyr));
            let b = blocking_keys(&normalise(lat));
            assert!(a.iter().any(|k| b.contains(k)), "{cyr} / {lat}");
        }
    }

    #[test]
    fn cap_drops_big_blocks() {
        let mut bl = Blocker::new(2);
        for _ in 0..3 {
            bl.add(&[7]);
        }
        bl.add(&[9]);
        bl.add(&[9]);
        let (pairs, stats) = bl.pairs();
        assert_eq!(pairs, vec![(3, 4)]);
        assert_eq!(stats.oversized, 1);
    }
}
