//! Robust statistics the detectors share: median, median absolute deviation, robust z-scores, percentiles and the Jensen-Shannon divergence.

use std::collections::BTreeMap;

/// The median of the values (NaNs ignored), or `None` when there are none.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// A peer group's centre and spread: median and 1.4826 × MAD (the normal-consistent scale).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Robust {
    /// Members of the group.
    pub n: usize,
    /// Median.
    pub median: f64,
    /// 1.4826 × median absolute deviation, floored so a group of identical values still has a scale.
    pub scale: f64,
}

impl Robust {
    /// The robust centre and scale of the values, with `floor` as the least scale.
    pub fn of(values: &[f64], floor: f64) -> Option<Robust> {
        let m = median(values)?;
        let dev: Vec<f64> = values.iter().map(|x| (x - m).abs()).collect();
        let mad = median(&dev)?;
        Some(Robust {
            n: values.len(),
            median: m,
            scale: (1.4826 * mad).max(floor),
        })
    }

    /// The robust z-score of a value.
    pub fn z(&self, x: f64) -> f64 {
        (x - self.median) / self.scale
    }
}

/// The `p`-th percentile (0 to 100, nearest rank) of the values, or `None` when there are none.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    Some(v[rank.clamp(1, v.len()) - 1])
}

/// The shares of each key in a weighted tally.
pub fn shares<K: Ord + Clone>(tally: &BTreeMap<K, f64>) -> BTreeMap<K, f64> {
    let total: f64 = tally.values().sum();
    tally
        .iter()
        .map(|(k, v)| (k.clone(), if total > 0.0 { v / total } else { 0.0 }))
        .collect()
}

/// The Jensen-Shannon divergence (base 2, so 0 to 1) between two distributions given as shares.
pub fn jensen_shannon<K: Ord>(p: &BTreeMap<K, f64>, q: &BTreeMap<K, f64>) -> f64 {
    let kl = |a: f64, m: f64| if a > 0.0 { a * (a / m).log2() } else { 0.0 };
    let mut d = 0.0;
    for k in p.keys().chain(q.keys().filter(|k| !p.contains_key(k))) {
        let a = p.get(k).copied().unwrap_or(0.0);
        let b = q.get(k).copied().unwrap_or(0.0);
        let m = (a + b) / 2.0;
        if m > 0.0 {
            d += 0.5 * kl(a, m) + 0.5 * kl(b, m);
        }
    }
    d.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robust_statistics() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        let r = Robust::of(&[1.0, 2.0, 3.0, 4.0, 100.0], 0.01).unwrap();
        assert_eq!(r.median, 3.0);
        assert!((r.scale - 1.4826).abs() < 1e-9);
        assert!(r.z(100.0) > 60.0);
        assert_eq!(
            percentile(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 90.0),
            Some(9.0)
        );
    }

    #[test]
    fn divergence_bounds() {
        let a: BTreeMap<&str, f64> = [("61", 1.0)].into();
        let b: BTreeMap<&str, f64> = [("85", 1.0)].into();
        assert!((jensen_shannon(&a, &b) - 1.0).abs() < 1e-9);
        assert_eq!(jensen_shannon(&a, &a), 0.0);
    }
}
