//! Random sampling helpers on the one seeded generator, so every draw is reproducible from the seed.
//!
//! Only `rand_chacha::ChaCha8Rng` is used; no draw depends on the clock, the thread or hash-map order.

use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The generator type used everywhere in the crate.
pub type Rng = ChaCha8Rng;

/// A generator for one independent part of the world, derived from the seed and a stream name.
pub fn stream(seed: u64, name: &str) -> Rng {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    ChaCha8Rng::seed_from_u64(seed ^ h.rotate_left(17))
}

/// A uniform float in `[0, 1)`.
pub fn unit(r: &mut Rng) -> f64 {
    r.random::<f64>()
}

/// True with probability `p`.
pub fn chance(r: &mut Rng, p: f64) -> bool {
    unit(r) < p
}

/// A uniform integer in `lo..=hi`.
pub fn int(r: &mut Rng, lo: i64, hi: i64) -> i64 {
    r.random_range(lo..=hi)
}

/// A uniform index below `n` (n > 0).
pub fn index(r: &mut Rng, n: usize) -> usize {
    r.random_range(0..n)
}

/// A uniform float in `[lo, hi)`.
pub fn uniform(r: &mut Rng, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * unit(r)
}

/// One element of a non-empty slice.
pub fn pick<'a, T>(r: &mut Rng, items: &'a [T]) -> &'a T {
    &items[index(r, items.len())]
}

/// A standard normal draw (Box–Muller).
pub fn normal(r: &mut Rng) -> f64 {
    let u1 = unit(r).max(1e-12);
    let u2 = unit(r);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A lognormal draw with the given median and log-scale sigma.
pub fn lognormal(r: &mut Rng, median: f64, sigma: f64) -> f64 {
    median * (sigma * normal(r)).exp()
}

/// An index drawn with probability proportional to its weight (weights not all zero).
pub fn weighted(r: &mut Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = unit(r) * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// A heavy-tailed index below `n`: small indices are drawn much more often (about Zipf with exponent 1).
pub fn zipf(r: &mut Rng, n: usize) -> usize {
    let n = n.max(1) as f64;
    let x = (unit(r) * (n + 1.0).ln()).exp() - 1.0;
    (x as usize).min(n as usize - 1)
}

/// A string of `n` random decimal digits.
pub fn digits(r: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + index(r, 10) as u8))
        .collect()
}

/// Cumulative-weight table for fast repeated weighted draws.
#[derive(Debug, Clone)]
pub struct Table {
    cumulative: Vec<f64>,
}

impl Table {
    /// Builds a table from non-negative weights, not all zero.
    pub fn new(weights: &[f64]) -> Self {
        let mut acc = 0.0;
        let cumulative = weights
            .iter()
            .map(|w| {
                acc += w;
                acc
            })
            .collect();
        Self { cumulative }
    }

    /// Draws an index.
    pub fn draw(&self, r: &mut Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&0.0);
        let x = unit(r) * total;
        self.cumulative
            .partition_point(|c| *c <= x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a = unit(&mut stream(1, "x"));
        assert_eq!(a, unit(&mut stream(1, "x")));
        assert_ne!(a, unit(&mut stream(1, "y")));
        assert_ne!(a, unit(&mut stream(2, "x")));
    }

    #[test]
    fn table_and_zipf_stay_in_range() {
        let mut r = stream(3, "t");
        let t = Table::new(&[0.0, 1.0, 3.0]);
        for _ in 0..1000 {
            assert_ne!(t.draw(&mut r), 0);
            assert!(zipf(&mut r, 7) < 7);
        }
    }
}
