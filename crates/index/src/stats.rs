//! Small statistics, written out so that the reference implementation can follow them line by
//! line (docs/index.md gives the formulas).

/// Arithmetic mean; `None` for no values.
pub fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Sample standard deviation (n − 1); `None` below two values.
pub fn sd(v: &[f64]) -> Option<f64> {
    if v.len() < 2 {
        return None;
    }
    let m = mean(v)?;
    Some((v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt())
}

/// Sample skewness as COINr computes it: n / ((n−1)(n−2)) Σ ((x − mean)/sd)³; 0 when undefined.
pub fn skewness(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    match (mean(v), sd(v)) {
        (Some(m), Some(s)) if v.len() >= 3 && s > 0.0 => {
            n / ((n - 1.0) * (n - 2.0)) * v.iter().map(|x| ((x - m) / s).powi(3)).sum::<f64>()
        }
        _ => 0.0,
    }
}

/// Sample excess kurtosis as COINr computes it:
/// n(n+1) / ((n−1)(n−2)(n−3)) Σ ((x − mean)/sd)⁴ − 3(n−1)² / ((n−2)(n−3)); 0 when undefined.
pub fn kurtosis(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    match (mean(v), sd(v)) {
        (Some(m), Some(s)) if v.len() >= 4 && s > 0.0 => {
            n * (n + 1.0) / ((n - 1.0) * (n - 2.0) * (n - 3.0))
                * v.iter().map(|x| ((x - m) / s).powi(4)).sum::<f64>()
                - 3.0 * (n - 1.0).powi(2) / ((n - 2.0) * (n - 3.0))
        }
        _ => 0.0,
    }
}

/// Median (the mean of the two middle values for an even count).
pub fn median(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    Some(if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    })
}

/// Rank of each value in ascending order, 1-based; ties share the lowest rank ("min").
pub fn ranks_ascending(v: &[f64]) -> Vec<f64> {
    v.iter()
        .map(|x| 1.0 + v.iter().filter(|y| *y < x).count() as f64)
        .collect()
}

/// Sorted-data quantile at `q`, the observation at or below (`higher = false`) or at or above
/// (`higher = true`) position q·(n−1): numpy's `method="lower"` and `"higher"`.
pub fn quantile_sorted(sorted: &[f64], q: f64, higher: bool) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let i = if higher { pos.ceil() } else { pos.floor() } as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_match_hand_computation() {
        // x = 1, 2, 3, 10: mean 4, deviations -3 -2 -1 6, sample variance 50/3.
        let x = [1.0, 2.0, 3.0, 10.0];
        assert_eq!(mean(&x), Some(4.0));
        let s = (50.0_f64 / 3.0).sqrt();
        assert!((sd(&x).unwrap() - s).abs() < 1e-12);
        // Σz³ = (−27 − 8 − 1 + 216)/s³ = 180/s³; skew = 4/(3·2) · 180/s³.
        let expected = 4.0 / 6.0 * 180.0 / s.powi(3);
        assert!((skewness(&x) - expected).abs() < 1e-12);
        // Σz⁴ = (81 + 16 + 1 + 1296)/s⁴ = 1394/s⁴; kurt = 20/6 · 1394/s⁴ − 3·9/2.
        let expected = 20.0 / 6.0 * 1394.0 / s.powi(4) - 13.5;
        assert!((kurtosis(&x) - expected).abs() < 1e-12);
        assert_eq!(median(&x), Some(2.5));
        assert_eq!(
            ranks_ascending(&[5.0, 1.0, 5.0, 3.0]),
            vec![3.0, 1.0, 3.0, 2.0]
        );
        let sorted = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile_sorted(&sorted, 0.05, false), 1.0);
        assert_eq!(quantile_sorted(&sorted, 0.95, true), 5.0);
        assert_eq!(quantile_sorted(&sorted, 0.5, false), 3.0);
    }
}
