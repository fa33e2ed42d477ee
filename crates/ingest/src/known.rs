//! The set of record hashes already stored in a dataset, used to drop exact duplicates across and within files.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// Record hashes are already uniform 64-bit values, so the set uses them as their own hash.
#[derive(Default, Clone, Copy)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Hashes of the records already stored in the dataset (filled by the store from existing `record_id`s).
#[derive(Default, Clone)]
pub struct KnownRecords {
    set: HashSet<u64, BuildHasherDefault<IdentityHasher>>,
}

impl std::fmt::Debug for KnownRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnownRecords")
            .field("len", &self.set.len())
            .finish()
    }
}

impl KnownRecords {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a hash; returns false when it was already known.
    pub fn insert(&mut self, hash: u64) -> bool {
        self.set.insert(hash)
    }

    /// True when the hash is known.
    pub fn contains(&self, hash: u64) -> bool {
        self.set.contains(&hash)
    }

    /// Number of known hashes.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// True when no hash is known.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// The 64-bit hash inside a `record_id` (16 lower- or upper-case hex digits).
pub fn record_hash_from_id(id: &str) -> Option<u64> {
    let id = id.trim();
    (id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| u64::from_str_radix(id, 16).ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_set() {
        assert_eq!(record_hash_from_id("00000000000000ff"), Some(255));
        assert_eq!(record_hash_from_id("ffffffffffffffff"), Some(u64::MAX));
        assert_eq!(record_hash_from_id("fff"), None);
        assert_eq!(record_hash_from_id("gggggggggggggggg"), None);
        let mut k = KnownRecords::new();
        assert!(k.insert(7));
        assert!(!k.insert(7));
        assert!(k.contains(7));
        assert_eq!(k.len(), 1);
    }
}
