//! Candidate keys of a name: the resolver's blocking keys (words, phonetic keys, sorted core, prefix) plus character trigrams of the joined core, so that typos and word splits still meet.
//!
//! Every Latin reading of a name yields keys, so Cyrillic and Chinese names meet their Latin spellings through the transliteration and pinyin the normaliser produced.

use tradetrail_resolve::{NormName, blocking_keys};
use xxhash_rust::xxh3::xxh3_64_with_seed;

const SEED_TRIGRAM: u64 = 11;
const SEED_ID: u64 = 12;

/// Every candidate key of a normalised name, without duplicates.
pub fn name_keys(n: &NormName) -> Vec<u64> {
    let mut keys = blocking_keys(n);
    for v in &n.script_variants {
        let joined: Vec<u8> = v.core.concat().into_bytes();
        if joined.len() < 3 {
            continue;
        }
        // Padded so that the first and last letters weigh like the others.
        let mut padded = Vec::with_capacity(joined.len() + 2);
        padded.push(b' ');
        padded.extend_from_slice(&joined);
        padded.push(b' ');
        for w in padded.windows(3) {
            let k = xxh3_64_with_seed(w, SEED_TRIGRAM);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// The key of an identifier value (cleaned: upper-case letters and digits).
pub fn id_key(clean_value: &str) -> u64 {
    xxh3_64_with_seed(clean_value.as_bytes(), SEED_ID)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tradetrail_resolve::normalise;

    fn shared(a: &str, b: &str) -> usize {
        let (x, y) = (name_keys(&normalise(a)), name_keys(&normalise(b)));
        x.iter().filter(|k| y.contains(k)).count()
    }

    #[test]
    fn scripts_and_typos_share_keys() {
        assert!(shared("SZ DJI TECHNOLOGY CO LTD", "深圳市大疆创新科技有限公司") > 0);
        assert!(shared("ООО \"ЛЕГИОН\"", "LEGION LLC") > 0);
        assert!(shared("ROSOBORONEXPORT", "ROSOBORONEKSPORT OAO") > 3);
        assert_eq!(shared("ALPHA", "OMEGA"), 0);
    }
}
