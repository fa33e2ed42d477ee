//! Fitting: logistic regression of the name features by gradient descent, and the F1-maximising threshold.
//!
//! Used by the `fit_weights` example on the tuning split; the fitted numbers are pasted into `weights.rs`, so the product never trains at run time.

/// Fit `bias` and weights of a logistic regression with L2 penalty `l2`; returns (bias, weights).
///
/// `signs[j]` constrains weight `j`: `1` keeps it at or above zero, `-1` at or below, `0` leaves it free (projected gradient descent), `2` fixes it at `init[j]`.
/// Sign constraints keep the explanation honest: more similarity never lowers the score, a conflict never raises it.
pub fn fit_logistic(
    x: &[Vec<f64>],
    y: &[bool],
    signs: &[i8],
    init: &[f64],
    l2: f64,
    iterations: usize,
) -> (f64, Vec<f64>) {
    let d = x.first().map_or(0, Vec::len);
    let mut w: Vec<f64> = (0..d)
        .map(|j| init.get(j).copied().unwrap_or(0.0))
        .collect();
    let mut b = 0.0;
    let n = x.len().max(1) as f64;
    let rate = 0.5;
    for _ in 0..iterations {
        let mut gw = vec![0.0; d];
        let mut gb = 0.0;
        for (xi, yi) in x.iter().zip(y) {
            let z = b + xi.iter().zip(&w).map(|(a, c)| a * c).sum::<f64>();
            let err = 1.0 / (1.0 + (-z).exp()) - f64::from(u8::from(*yi));
            gb += err;
            for (g, a) in gw.iter_mut().zip(xi) {
                *g += err * a;
            }
        }
        b -= rate * gb / n;
        for (j, (wj, g)) in w.iter_mut().zip(&gw).enumerate() {
            if signs.get(j) == Some(&2) {
                continue;
            }
            *wj -= rate * (g / n + l2 * *wj);
            match signs.get(j) {
                Some(1) => *wj = wj.max(0.0),
                Some(-1) => *wj = wj.min(0.0),
                _ => {}
            }
        }
    }
    (b, w)
}

/// The threshold on `p` that maximises F1 on these labels, with that F1; ties go to the middle of the best run.
pub fn best_threshold(p: &[f64], y: &[bool]) -> (f64, f64) {
    let f1_at = |t: f64| {
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        for (pi, yi) in p.iter().zip(y) {
            match (*pi >= t, *yi) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fn_ += 1.0,
                _ => {}
            }
        }
        if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fn_)
        }
    };
    let ts: Vec<f64> = (5..96).map(|i| f64::from(i) / 100.0).collect();
    let f1s: Vec<f64> = ts.iter().map(|t| f1_at(*t)).collect();
    let best = f1s.iter().copied().fold(-1.0, f64::max);
    // The first run of thresholds reaching the best F1, and its middle.
    let start = f1s.iter().position(|f| *f >= best - 1e-9).unwrap_or(0);
    let len = f1s[start..]
        .iter()
        .take_while(|f| **f >= best - 1e-9)
        .count()
        .max(1);
    (ts[start + (len - 1) / 2], best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separable_data_is_fitted() {
        let x: Vec<Vec<f64>> = (0..20).map(|i| vec![f64::from(i) / 20.0]).collect();
        let y: Vec<bool> = (0..20).map(|i| i >= 10).collect();
        let (b, w) = fit_logistic(&x, &y, &[1], &[], 0.0, 2000);
        assert!(w[0] > 0.0 && b < 0.0);
        let p: Vec<f64> = x
            .iter()
            .map(|xi| 1.0 / (1.0 + (-(b + w[0] * xi[0])).exp()))
            .collect();
        assert!(best_threshold(&p, &y).1 > 0.99);
    }
}
