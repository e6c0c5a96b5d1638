//! Uncertainty and sensitivity analysis.
//!
//! Each uncertain choice is a factor: normalisation, index aggregation, imputation, outlier
//! treatment (their declared alternatives) and weights (one of `weight_sets` noisy weight sets,
//! the first nominal). A Saltelli design of N base samples gives N·(k+2) runs, ordered as SALib
//! orders them: for each base sample, A, then AB₁…AB_k, then B. Every run rebuilds the whole
//! index. For each country-year the ranks over all runs give the median and the 5–95 % interval;
//! the mean absolute rank shift against the nominal ranks is the output whose variance is
//! decomposed into first-order (Saltelli 2010) and total-order (Jansen) Sobol indices, as SALib's
//! `sobol.analyze` computes them, with bootstrap confidence intervals.

use serde::Serialize;

use std::collections::HashMap;

use crate::engine::{build, normalised_weights, score, Choices, Index, WeightSet};

/// A seeded generator (SplitMix64): small, fast and the same on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform integer in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.uniform() * n as f64) as usize).min(n - 1)
    }
}

/// The factors of the analysis, in design-column order.
pub const FACTORS: [&str; 5] = [
    "normalisation",
    "index_aggregation",
    "imputation",
    "outliers",
    "weights",
];

/// A Saltelli design: rows of factor values in [0, 1), N·(k+2) of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// Base samples.
    pub n: usize,
    /// Rows, each with one value per factor.
    pub rows: Vec<Vec<f64>>,
}

impl Design {
    /// A design from two seeded uniform matrices A and B (N × k).
    pub fn saltelli(n: usize, seed: u64) -> Design {
        let k = FACTORS.len();
        let mut rng = Rng::new(seed);
        let a: Vec<Vec<f64>> = (0..n)
            .map(|_| (0..k).map(|_| rng.uniform()).collect())
            .collect();
        let b: Vec<Vec<f64>> = (0..n)
            .map(|_| (0..k).map(|_| rng.uniform()).collect())
            .collect();
        let mut rows = Vec::with_capacity(n * (k + 2));
        for j in 0..n {
            rows.push(a[j].clone());
            for i in 0..k {
                let mut ab = a[j].clone();
                ab[i] = b[j][i];
                rows.push(ab);
            }
            rows.push(b[j].clone());
        }
        Design { n, rows }
    }

    /// A design read from CSV (a header naming the factors, then rows), as SALib writes it.
    pub fn from_csv(text: &str) -> Result<Design, String> {
        let k = FACTORS.len();
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let header: Vec<&str> = lines
            .next()
            .ok_or("the design is empty")?
            .split(',')
            .map(str::trim)
            .collect();
        if header != FACTORS {
            return Err(format!("the design's header must be {}", FACTORS.join(",")));
        }
        let mut rows = Vec::new();
        for (i, line) in lines.enumerate() {
            let row: Result<Vec<f64>, _> =
                line.split(',').map(|c| c.trim().parse::<f64>()).collect();
            let row = row.map_err(|e| format!("design row {}: {e}", i + 2))?;
            if row.len() != k || row.iter().any(|u| !(0.0..=1.0).contains(u)) {
                return Err(format!("design row {}: write {k} values in [0, 1]", i + 2));
            }
            rows.push(row);
        }
        if rows.is_empty() || rows.len() % (k + 2) != 0 {
            return Err(format!(
                "the design has {} rows, not a multiple of {} (k + 2)",
                rows.len(),
                k + 2
            ));
        }
        Ok(Design {
            n: rows.len() / (k + 2),
            rows,
        })
    }
}

/// `weight_sets` weight sets: the nominal one, then nominal weights each multiplied by
/// 1 + u (u uniform in ±noise) and renormalised.
pub fn weight_sets(index: &Index) -> Vec<WeightSet> {
    let u = &index.prepared.config.uncertainty;
    let mut rng = Rng::new(u.seed ^ 0x5745_4947_4854_5321);
    let mut sets = vec![index.weights.clone()];
    for _ in 1..u.weight_sets {
        let mut jitter = |w: &[f64]| -> Vec<f64> {
            w.iter()
                .map(|x| x * (1.0 + u.weight_noise * (2.0 * rng.uniform() - 1.0)))
                .collect()
        };
        let ind = jitter(&index.weights.indicator);
        let pil = jitter(&index.weights.pillar);
        sets.push(normalised_weights(&index.prepared.columns, &ind, &pil));
    }
    sets
}

fn pick<T: Copy>(options: &[T], u: f64) -> T {
    options[((u * options.len() as f64) as usize).min(options.len() - 1)]
}

/// The choices and weight set one design row stands for.
pub fn choices_of(index: &Index, row: &[f64], sets: usize) -> (Choices, usize) {
    let u = &index.prepared.config.uncertainty;
    let choices = Choices {
        normalisation: pick(&u.normalisation, row[0]),
        index_aggregation: pick(&u.index_aggregation, row[1]),
        imputation: pick(&u.imputation, row[2]),
        outliers: pick(&u.outliers, row[3]),
        aggregation: index.nominal.choices.aggregation,
    };
    let w = ((row[4] * sets as f64) as usize).min(sets - 1);
    (choices, w)
}

/// Rank statistics of one country-year over all runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankInterval {
    /// Year.
    pub year: i32,
    /// Country.
    pub country: String,
    /// Nominal score.
    pub score: Option<f64>,
    /// Nominal rank.
    pub nominal: Option<u32>,
    /// Median rank over the runs.
    pub median: f64,
    /// 5th percentile (numpy "lower").
    pub p05: f64,
    /// 95th percentile (numpy "higher").
    pub p95: f64,
}

/// First- and total-order indices of one factor, with 95 % bootstrap half-widths.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// Factor.
    pub factor: String,
    /// First-order index.
    pub s1: f64,
    /// Its confidence half-width.
    pub s1_conf: f64,
    /// Total-order index.
    pub st: f64,
    /// Its confidence half-width.
    pub st_conf: f64,
}

/// The result of the analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Base samples.
    pub n: usize,
    /// Runs (N·(k+2)).
    pub runs: usize,
    /// Years analysed.
    pub years: Vec<i32>,
    /// Rank intervals per country-year.
    pub intervals: Vec<RankInterval>,
    /// Sobol indices of the mean absolute rank shift.
    pub sensitivity: Vec<Sensitivity>,
    /// The output of every run (mean absolute rank shift), in design order.
    pub outputs: Vec<f64>,
}

impl Analysis {
    /// The rank intervals keyed by (year, country), for looking up many rows at once.
    pub fn intervals_by_key(&self) -> HashMap<(i32, &str), &RankInterval> {
        self.intervals
            .iter()
            .map(|r| ((r.year, r.country.as_str()), r))
            .collect()
    }
}

/// Runs the analysis over `design` for `years` (all scored years when empty).
///
/// The normalised tables depend only on outlier treatment, imputation and normalisation, so they
/// are computed once per combination of those choices and reused by every run that shares it
/// (weights and aggregation are applied per run); [`analyse_recomputing`] rebuilds every step in
/// every run instead. Both give the same results.
pub fn analyse(index: &Index, design: &Design, years: &[i32], bootstrap: usize) -> Analysis {
    run_analysis(index, design, years, bootstrap, true)
}

/// [`analyse`], rebuilding every step of the index in every run (as a straightforward
/// implementation, or COINr, does).
pub fn analyse_recomputing(
    index: &Index,
    design: &Design,
    years: &[i32],
    bootstrap: usize,
) -> Analysis {
    run_analysis(index, design, years, bootstrap, false)
}

type Normalised = Vec<Vec<Vec<Option<f64>>>>;

fn run_analysis(
    index: &Index,
    design: &Design,
    years: &[i32],
    bootstrap: usize,
    memoise: bool,
) -> Analysis {
    let sets = weight_sets(index);
    let keep: Vec<usize> = index
        .nominal
        .years
        .iter()
        .enumerate()
        .filter(|(_, y)| years.is_empty() || years.contains(&y.year))
        .map(|(i, _)| i)
        .collect();
    // One slot per country-year with a nominal rank.
    let slots: Vec<(usize, usize)> = keep
        .iter()
        .flat_map(|&yi| {
            let y = &index.nominal.years[yi];
            (0..y.countries.len())
                .filter(move |&c| y.ranks[c].is_some())
                .map(move |c| (yi, c))
        })
        .collect();
    let mut ranks: Vec<Vec<f64>> = vec![Vec::with_capacity(design.rows.len()); slots.len()];
    let mut outputs = Vec::with_capacity(design.rows.len());
    let mut memo: HashMap<(crate::Outliers, crate::Imputation, crate::Normalisation), Normalised> =
        HashMap::new();
    for row in &design.rows {
        let (choices, w) = choices_of(index, row, sets.len());
        let run_ranks: Vec<Vec<Option<u32>>> = if memoise {
            let key = (choices.outliers, choices.imputation, choices.normalisation);
            let normalised = memo.entry(key).or_insert_with(|| {
                build(&index.prepared, &choices, &sets[w])
                    .years
                    .into_iter()
                    .map(|y| y.normalised)
                    .collect()
            });
            normalised
                .iter()
                .map(|n| score(&index.prepared, n, &choices, &sets[w]).2)
                .collect()
        } else {
            build(&index.prepared, &choices, &sets[w])
                .years
                .into_iter()
                .map(|y| y.ranks)
                .collect()
        };
        let mut shift = 0.0;
        for (s, &(yi, c)) in slots.iter().enumerate() {
            let nominal = index.nominal.years[yi].ranks[c].expect("slot has a rank") as f64;
            // A country without a score in this run ranks after every scored country.
            let r = run_ranks[yi][c]
                .map(f64::from)
                .unwrap_or(run_ranks[yi].len() as f64);
            ranks[s].push(r);
            shift += (r - nominal).abs();
        }
        outputs.push(shift / slots.len().max(1) as f64);
    }
    let intervals = slots
        .iter()
        .zip(ranks.iter_mut())
        .map(|(&(yi, c), r)| {
            r.sort_by(f64::total_cmp);
            let y = &index.nominal.years[yi];
            RankInterval {
                year: y.year,
                country: y.countries[c].clone(),
                score: y.index[c],
                nominal: y.ranks[c],
                median: crate::stats::median(r).unwrap_or(f64::NAN),
                p05: crate::stats::quantile_sorted(r, 0.05, false),
                p95: crate::stats::quantile_sorted(r, 0.95, true),
            }
        })
        .collect();
    let sensitivity = sobol(
        &outputs,
        design.n,
        bootstrap,
        index.prepared.config.uncertainty.seed,
    );
    Analysis {
        n: design.n,
        runs: design.rows.len(),
        years: keep.iter().map(|&i| index.nominal.years[i].year).collect(),
        intervals,
        sensitivity,
        outputs,
    }
}

/// z for a 95 % two-sided interval.
const Z95: f64 = 1.959_963_984_540_054;

fn first_order(a: &[f64], ab: &[f64], b: &[f64], var: f64) -> f64 {
    let n = a.len() as f64;
    b.iter()
        .zip(ab)
        .zip(a)
        .map(|((b, ab), a)| b * (ab - a))
        .sum::<f64>()
        / n
        / var
}

fn total_order(a: &[f64], ab: &[f64], var: f64) -> f64 {
    let n = a.len() as f64;
    0.5 * a
        .iter()
        .zip(ab)
        .map(|(a, ab)| (a - ab).powi(2))
        .sum::<f64>()
        / n
        / var
}

fn population_var(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / n
}

/// Sobol indices from outputs in SALib's order (A, AB₁…AB_k, B per base sample), computed as
/// SALib's `sobol.analyze` does: outputs standardised, variance of A and B together.
pub fn sobol(outputs: &[f64], n: usize, bootstrap: usize, seed: u64) -> Vec<Sensitivity> {
    let k = FACTORS.len();
    let m = outputs.iter().sum::<f64>() / outputs.len() as f64;
    let s = population_var(outputs).sqrt();
    let y: Vec<f64> = outputs
        .iter()
        .map(|v| if s > 0.0 { (v - m) / s } else { 0.0 })
        .collect();
    let step = k + 2;
    let a: Vec<f64> = (0..n).map(|j| y[j * step]).collect();
    let b: Vec<f64> = (0..n).map(|j| y[j * step + k + 1]).collect();
    let ab: Vec<Vec<f64>> = (0..k)
        .map(|i| (0..n).map(|j| y[j * step + 1 + i]).collect())
        .collect();
    let var_of = |idx: &[usize]| {
        let both: Vec<f64> = idx
            .iter()
            .map(|&j| a[j])
            .chain(idx.iter().map(|&j| b[j]))
            .collect();
        population_var(&both)
    };
    let all: Vec<usize> = (0..n).collect();
    let var = var_of(&all);
    let mut rng = Rng::new(seed ^ 0x0B00_7575_7472_4150);
    let resamples: Vec<Vec<usize>> = (0..bootstrap)
        .map(|_| (0..n).map(|_| rng.below(n)).collect())
        .collect();
    (0..k)
        .map(|i| {
            let (s1, st) = if var > 0.0 {
                (
                    first_order(&a, &ab[i], &b, var),
                    total_order(&a, &ab[i], var),
                )
            } else {
                (0.0, 0.0)
            };
            let mut s1s = Vec::new();
            let mut sts = Vec::new();
            for r in &resamples {
                let ra: Vec<f64> = r.iter().map(|&j| a[j]).collect();
                let rb: Vec<f64> = r.iter().map(|&j| b[j]).collect();
                let rab: Vec<f64> = r.iter().map(|&j| ab[i][j]).collect();
                let v = var_of(r);
                if v > 0.0 {
                    s1s.push(first_order(&ra, &rab, &rb, v));
                    sts.push(total_order(&ra, &rab, v));
                }
            }
            Sensitivity {
                factor: FACTORS[i].to_string(),
                s1,
                s1_conf: Z95 * crate::stats::sd(&s1s).unwrap_or(0.0),
                st,
                st_conf: Z95 * crate::stats::sd(&sts).unwrap_or(0.0),
            }
        })
        .collect()
}
