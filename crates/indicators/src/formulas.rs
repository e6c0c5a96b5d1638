//! The formulas of `shared/docs/methods.md`, as pure functions on plain numbers.
//!
//! Shares are fractions, never percentages, unless a function says otherwise.

/// Growth: g_t = V_t / V_(t−1) − 1. `None` when the earlier value is not positive.
pub fn growth(previous: f64, current: f64) -> Option<f64> {
    (previous > 0.0).then(|| current / previous - 1.0)
}

/// Compound annual growth rate over `years`: (V_t1 / V_t0)^(1/years) − 1.
pub fn cagr(start: f64, end: f64, years: u32) -> Option<f64> {
    (start > 0.0 && end >= 0.0 && years > 0)
        .then(|| (end / start).powf(1.0 / f64::from(years)) - 1.0)
}

/// Pearson's correlation of two equally long series: cov(x, y) / (sd(x) · sd(y)). `None` with
/// fewer than three pairs or a series that does not vary.
///
/// ```
/// use galeon_indicators::formulas::pearson;
/// assert_eq!(pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]), Some(1.0));
/// assert_eq!(pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), Some(-1.0));
/// assert_eq!(pearson(&[1.0, 1.0, 1.0], &[3.0, 2.0, 1.0]), None);
/// ```
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len();
    if n != y.len() || n < 3 {
        return None;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / n as f64;
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Trade complementarity (Michaely 1996, as WITS computes it), from product shares as fractions:
/// TC = 100 · (1 − ½ Σ_k |m_k − x_k|), with `x` the shares of each product in the exporter's
/// exports and `m` the shares in the importer's imports, over the same products.
///
/// ```
/// use galeon_indicators::formulas::complementarity;
/// // Identical structures complement perfectly; disjoint ones not at all.
/// assert_eq!(complementarity(&[0.5, 0.5], &[0.5, 0.5]), 100.0);
/// assert_eq!(complementarity(&[1.0, 0.0], &[0.0, 1.0]), 0.0);
/// ```
pub fn complementarity(export_shares: &[f64], import_shares: &[f64]) -> f64 {
    assert_eq!(
        export_shares.len(),
        import_shares.len(),
        "the same products on both sides"
    );
    let distance: f64 = export_shares
        .iter()
        .zip(import_shares)
        .map(|(x, m)| (m - x).abs())
        .sum();
    100.0 * (1.0 - distance / 2.0)
}

/// Shares of each value in their total (fractions). Empty when the total is not positive.
pub fn shares(values: &[f64]) -> Vec<f64> {
    let total: f64 = values.iter().sum();
    if total > 0.0 {
        values.iter().map(|v| v / total).collect()
    } else {
        Vec::new()
    }
}

/// Grubel-Lloyd index of one product: 1 − |x − m| / (x + m). `None` without trade.
pub fn grubel_lloyd(exports: f64, imports: f64) -> Option<f64> {
    let total = exports + imports;
    (total > 0.0).then(|| 1.0 - (exports - imports).abs() / total)
}

/// Aggregate Grubel-Lloyd over products: Σ (x_k + m_k) GL_k / Σ (x_k + m_k).
pub fn grubel_lloyd_aggregate(pairs: &[(f64, f64)]) -> Option<f64> {
    let total: f64 = pairs.iter().map(|(x, m)| x + m).sum();
    if total <= 0.0 {
        return None;
    }
    let weighted: f64 = pairs
        .iter()
        .filter_map(|(x, m)| grubel_lloyd(*x, *m).map(|gl| (x + m) * gl))
        .sum();
    Some(weighted / total)
}

/// Revealed comparative advantage (Balassa 1965): (x_ik / x_i) / (x_wk / x_w).
pub fn rca(
    country_product: f64,
    country_total: f64,
    world_product: f64,
    world_total: f64,
) -> Option<f64> {
    (country_total > 0.0 && world_product > 0.0 && world_total > 0.0)
        .then(|| (country_product / country_total) / (world_product / world_total))
}

/// Herfindahl-Hirschman index of export concentration: Σ s_k², with s_k = x_k / x.
pub fn hhi(values: &[f64]) -> Option<f64> {
    let s = shares(values);
    (!s.is_empty()).then(|| s.iter().map(|v| v * v).sum())
}

/// Normalised HHI: (HHI − 1/N) / (1 − 1/N), for N products (N > 1).
pub fn hhi_normalised(values: &[f64]) -> Option<f64> {
    let n = values.len() as f64;
    let h = hhi(values)?;
    (n > 1.0).then(|| (h - 1.0 / n) / (1.0 - 1.0 / n))
}

/// Gallagher–Porzecanski threat class of one product between two years, from the change in the
/// country's and China's world market shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreatClass {
    /// The country's share falls while China's rises.
    Direct,
    /// China's share rises, the country's does not fall, and China's rises more.
    Partial,
    /// The country's rises faster, or China's falls.
    None,
}

impl ThreatClass {
    /// `threatened`, `partial_threat`, `no_threat`.
    pub fn as_str(self) -> &'static str {
        match self {
            ThreatClass::Direct => "threatened",
            ThreatClass::Partial => "partial_threat",
            ThreatClass::None => "no_threat",
        }
    }
}

/// Classifies from the changes in world market share (t1 − t0) of the country and of China.
pub fn threat_class(country_change: f64, china_change: f64) -> ThreatClass {
    if china_change > 0.0 && country_change < 0.0 {
        ThreatClass::Direct
    } else if china_change > 0.0 && country_change >= 0.0 && china_change > country_change {
        ThreatClass::Partial
    } else {
        ThreatClass::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_and_cagr() {
        assert_eq!(growth(100.0, 110.0), Some(0.10000000000000009));
        assert_eq!(growth(0.0, 10.0), None);
        // 18 → 449 over 19 years (2002 → 2021): ln(449/18) = 3.21666, / 19 = 0.169298,
        // e^0.169298 = 1.184473, so about 18.45 % a year.
        let rate = cagr(18.0, 449.0, 19).unwrap();
        assert!((rate - 0.184473).abs() < 1e-5, "{rate}");
        assert_eq!(cagr(100.0, 100.0, 5), Some(0.0));
    }

    /// Worked by hand. Exporter shares x = (0.6, 0.3, 0.1); importer shares m = (0.2, 0.5, 0.3).
    /// |m − x| = 0.4 + 0.2 + 0.2 = 0.8; TC = 100 · (1 − 0.8 / 2) = 60.
    /// The common trap (100 − Σ|m − x| / 2 with fractions) would give 99.6.
    #[test]
    fn complementarity_hand_worked_example_uses_fractions() {
        let tc = complementarity(&[0.6, 0.3, 0.1], &[0.2, 0.5, 0.3]);
        assert!((tc - 60.0).abs() < 1e-12, "{tc}");
        // Directional: swapping roles gives the same distance here, but shares come from
        // different flows in practice; the function itself is symmetric in its arguments.
        let x = shares(&[60.0, 30.0, 10.0]);
        let m = shares(&[20.0, 50.0, 30.0]);
        assert!((complementarity(&x, &m) - 60.0).abs() < 1e-12);
    }

    #[test]
    fn grubel_lloyd_balanced_is_one_and_one_way_is_zero() {
        assert_eq!(grubel_lloyd(5.0, 5.0), Some(1.0));
        assert_eq!(grubel_lloyd(5.0, 0.0), Some(0.0));
        assert_eq!(grubel_lloyd(0.0, 7.0), Some(0.0));
        assert_eq!(grubel_lloyd(0.0, 0.0), None);
        // Weighted: products (10, 10) and (10, 0): (20 · 1 + 10 · 0) / 30 = 2/3.
        let gl = grubel_lloyd_aggregate(&[(10.0, 10.0), (10.0, 0.0)]).unwrap();
        assert!((gl - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn rca_and_concentration() {
        // Country exports 50 of 100 in k; world 10 of 1000: RCA = 0.5 / 0.01 = 50.
        assert!((rca(50.0, 100.0, 10.0, 1000.0).unwrap() - 50.0).abs() < 1e-9);
        assert_eq!(hhi(&[1.0, 1.0, 1.0, 1.0]), Some(0.25));
        assert_eq!(hhi_normalised(&[1.0, 1.0, 1.0, 1.0]), Some(0.0));
        assert_eq!(hhi_normalised(&[1.0, 0.0, 0.0, 0.0]), Some(1.0));
    }

    #[test]
    fn threat_classes() {
        assert_eq!(threat_class(-0.01, 0.02), ThreatClass::Direct);
        assert_eq!(threat_class(0.01, 0.02), ThreatClass::Partial);
        assert_eq!(threat_class(0.03, 0.02), ThreatClass::None);
        assert_eq!(threat_class(0.01, -0.02), ThreatClass::None);
    }
}
