//! Building the index: select, treat outliers, impute, normalise, weight, aggregate, rank.
//!
//! [`Index`] holds the prepared data, the nominal weights and the nominal build with every
//! intermediate table and the log of choices; [`Index::rebuild`] builds it again with any choice
//! changed, which is what the uncertainty analysis does thousands of times.

use std::collections::HashMap;

use serde::Serialize;

use crate::config::{Aggregation, Config, Imputation, Normalisation, Outliers, Weights};
use crate::stats;

/// Why the index could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// Two values for the same indicator, country and year.
    #[error(
        "{key} has several values for {country} in {year}: name one breakdown with `dimension`"
    )]
    Duplicate {
        /// Indicator key.
        key: String,
        /// Country.
        country: String,
        /// Year.
        year: i32,
    },
    /// No year has enough data.
    #[error("no year has enough data to score {0}")]
    NoYear(String),
}

/// Indicator values, keyed by indicator key (`id` or `id:dimension`), country and year.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    values: HashMap<(String, String, i32), f64>,
}

impl Inputs {
    /// No values.
    pub fn new() -> Inputs {
        Inputs::default()
    }

    /// Adds one value; a second value for the same key, country and year is an error.
    pub fn insert(
        &mut self,
        key: &str,
        country: &str,
        year: i32,
        value: f64,
    ) -> Result<(), IndexError> {
        let k = (key.to_string(), country.to_string(), year);
        if self.values.insert(k, value).is_some() {
            return Err(IndexError::Duplicate {
                key: key.to_string(),
                country: country.to_string(),
                year,
            });
        }
        Ok(())
    }

    /// The value, if any.
    pub fn get(&self, key: &str, country: &str, year: i32) -> Option<f64> {
        self.values
            .get(&(key.to_string(), country.to_string(), year))
            .copied()
    }

    /// The values a configuration needs, from indicator rows (id, dimension, country, year,
    /// value): each column takes the rows of its indicator with exactly its dimension, for the
    /// given countries.
    pub fn for_config<'a>(
        config: &Config,
        rows: impl Iterator<Item = (&'a str, Option<&'a str>, &'a str, i32, f64)>,
        countries: &[String],
    ) -> Result<Inputs, IndexError> {
        let columns: Vec<(String, Option<String>, String)> = config
            .columns()
            .iter()
            .map(|(_, s)| (s.id.clone(), s.dimension.clone(), s.key()))
            .collect();
        let mut inputs = Inputs::new();
        for (id, dimension, country, year, value) in rows {
            if !countries.iter().any(|c| c == country) {
                continue;
            }
            for (cid, cdim, key) in &columns {
                if cid == id && cdim.as_deref() == dimension {
                    inputs.insert(key, country, year, value)?;
                }
            }
        }
        Ok(inputs)
    }

    /// Every year with any value.
    pub fn years(&self) -> Vec<i32> {
        let mut y: Vec<i32> = self.values.keys().map(|k| k.2).collect();
        y.sort_unstable();
        y.dedup();
        y
    }

    /// Every (key, country, year, value), sorted.
    pub fn rows(&self) -> Vec<(String, String, i32, f64)> {
        let mut rows: Vec<_> = self
            .values
            .iter()
            .map(|((k, c, y), v)| (k.clone(), c.clone(), *y, *v))
            .collect();
        rows.sort_by(|a, b| (&a.0, &a.1, a.2).cmp(&(&b.0, &b.1, b.2)));
        rows
    }
}

/// One indicator column of the index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// `id` or `id:dimension`.
    pub key: String,
    /// Index of its pillar.
    pub pillar: usize,
    /// +1 or −1.
    pub direction: f64,
    /// Missing means zero within the indicator's years.
    pub absent_zero: bool,
    /// Worst and best, for goalposts.
    pub goalposts: Option<(f64, f64)>,
    /// Whether outlier treatment applies.
    pub treat_outliers: bool,
}

/// The countries that can be scored in one year, with their raw values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Frame {
    /// The year.
    pub year: i32,
    /// Countries scored, in input order.
    pub countries: Vec<String>,
    /// Raw values [country][column] (after `absent = "zero"`).
    pub raw: Vec<Vec<Option<f64>>>,
}

/// Weights: indicator weights within their pillar, and pillar weights, each summing to 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightSet {
    /// Per column, within its pillar.
    pub indicator: Vec<f64>,
    /// Per pillar.
    pub pillar: Vec<f64>,
}

impl WeightSet {
    /// The weight of each column in the index: its weight within the pillar times the pillar's.
    pub fn effective(&self, columns: &[Column]) -> Vec<f64> {
        columns
            .iter()
            .zip(&self.indicator)
            .map(|(c, w)| w * self.pillar[c.pillar])
            .collect()
    }
}

/// One choice for each step that the uncertainty analysis varies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Choices {
    /// Outlier treatment.
    pub outliers: Outliers,
    /// Imputation.
    pub imputation: Imputation,
    /// Normalisation.
    pub normalisation: Normalisation,
    /// Indicators → pillars.
    pub aggregation: Aggregation,
    /// Pillars → index.
    pub index_aggregation: Aggregation,
}

/// Every table of one year, from raw values to ranks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearTables {
    /// The year.
    pub year: i32,
    /// Countries, in row order.
    pub countries: Vec<String>,
    /// Raw values [country][column].
    pub raw: Vec<Vec<Option<f64>>>,
    /// After outlier treatment.
    pub treated: Vec<Vec<Option<f64>>>,
    /// After imputation.
    pub imputed: Vec<Vec<Option<f64>>>,
    /// Normalised.
    pub normalised: Vec<Vec<Option<f64>>>,
    /// Pillar scores [country][pillar].
    pub pillars: Vec<Vec<Option<f64>>>,
    /// Index scores.
    pub index: Vec<Option<f64>>,
    /// Ranks (1 = highest score; ties share the better rank).
    pub ranks: Vec<Option<u32>>,
    /// What each treatment did to which column ("winsorised 2 points", "log").
    pub treatments: Vec<Option<String>>,
}

/// One build: the choices, the weights and every table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Built {
    /// The choices.
    pub choices: Choices,
    /// The weights.
    pub weights: WeightSet,
    /// One set of tables per year.
    pub years: Vec<YearTables>,
}

/// The data prepared for building: columns and one frame per year with enough data.
#[derive(Debug, Clone, Serialize)]
pub struct Prepared {
    /// The configuration.
    pub config: Config,
    /// Columns in pillar order.
    pub columns: Vec<Column>,
    /// Years with enough data.
    pub frames: Vec<Frame>,
    /// Years left out, with the reason.
    pub skipped: Vec<(i32, String)>,
}

/// The index: prepared data, nominal weights, the nominal build and the log of choices.
#[derive(Debug, Clone, Serialize)]
pub struct Index {
    /// Data and configuration.
    pub prepared: Prepared,
    /// The nominal weights.
    pub weights: WeightSet,
    /// The nominal build.
    pub nominal: Built,
    /// Every choice made, in order, for people.
    pub log: Vec<String>,
}

/// Selects the country-years with enough data. Countries are given in order (`countries`).
pub fn prepare(
    config: &Config,
    inputs: &Inputs,
    countries: &[String],
) -> Result<Prepared, IndexError> {
    let columns: Vec<Column> = config
        .columns()
        .into_iter()
        .map(|(p, spec)| Column {
            key: spec.key(),
            pillar: p,
            direction: spec.direction,
            absent_zero: spec.absent_zero,
            goalposts: spec.goalposts,
            treat_outliers: spec.treat_outliers,
        })
        .collect();
    let n_pillars = config.pillars.len();
    let mut frames = Vec::new();
    let mut skipped = Vec::new();
    // An indicator's span: from the first to the last year any of the countries has a value.
    // Within it, `absent = "zero"` turns a missing value into 0 (the source covers the year and
    // lists nothing); outside it, missing stays missing.
    let all_years = inputs.years();
    let spans: Vec<Option<(i32, i32)>> = columns
        .iter()
        .map(|c| {
            let with: Vec<i32> = all_years
                .iter()
                .copied()
                .filter(|&y| countries.iter().any(|k| inputs.get(&c.key, k, y).is_some()))
                .collect();
            Some((*with.first()?, *with.last()?))
        })
        .collect();
    for year in all_years.iter().copied() {
        let covered: Vec<bool> = spans
            .iter()
            .map(|s| s.is_some_and(|(a, b)| a <= year && year <= b))
            .collect();
        let mut scored = Vec::new();
        let mut raw = Vec::new();
        for country in countries {
            let row: Vec<Option<f64>> = columns
                .iter()
                .zip(&covered)
                .map(|(c, &cov)| match inputs.get(&c.key, country, year) {
                    Some(v) => Some(v),
                    None if c.absent_zero && cov => Some(0.0),
                    None => None,
                })
                .collect();
            let present = row.iter().filter(|v| v.is_some()).count();
            let every_pillar = (0..n_pillars).all(|p| {
                columns
                    .iter()
                    .zip(&row)
                    .any(|(c, v)| c.pillar == p && v.is_some())
            });
            if every_pillar && present as f64 >= config.min_indicator_share * columns.len() as f64 {
                scored.push(country.clone());
                raw.push(row);
            }
        }
        if scored.len() as f64 >= config.min_country_share * countries.len() as f64
            && scored.len() >= 2
        {
            frames.push(Frame {
                year,
                countries: scored,
                raw,
            });
        } else {
            skipped.push((
                year,
                format!(
                    "{} of {} countries have enough data",
                    scored.len(),
                    countries.len()
                ),
            ));
        }
    }
    if frames.is_empty() {
        return Err(IndexError::NoYear(config.name.clone()));
    }
    Ok(Prepared {
        config: config.clone(),
        columns,
        frames,
        skipped,
    })
}

fn column(m: &[Vec<Option<f64>>], j: usize) -> Vec<Option<f64>> {
    m.iter().map(|r| r[j]).collect()
}

fn present(v: &[Option<f64>]) -> Vec<f64> {
    v.iter().flatten().copied().collect()
}

/// log(x − min + (max − min)/100), COINr's "log_CT".
fn log_ct(v: &[Option<f64>]) -> Vec<Option<f64>> {
    let p = present(v);
    let (lo, hi) = p
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(*x), b.max(*x))
        });
    v.iter()
        .map(|x| x.map(|x| (x - lo + (hi - lo) / 100.0).ln()))
        .collect()
}

/// Treats one column; returns the treated values and what was done.
pub fn treat_outliers(
    v: &[Option<f64>],
    method: Outliers,
    winmax: usize,
    skew_max: f64,
    kurt_max: f64,
) -> (Vec<Option<f64>>, Option<String>) {
    let failing = |p: &[f64]| stats::skewness(p).abs() > skew_max && stats::kurtosis(p) > kurt_max;
    let p = present(v);
    if method == Outliers::None || p.len() < 4 || !failing(&p) {
        return (v.to_vec(), None);
    }
    if method == Outliers::Log {
        return (log_ct(v), Some("log".into()));
    }
    let mut w = v.to_vec();
    let mut steps = 0;
    while steps < winmax {
        let p = present(&w);
        if !failing(&p) {
            break;
        }
        let high = stats::skewness(&p) > 0.0;
        let extreme = if high {
            p.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        } else {
            p.iter().copied().fold(f64::INFINITY, f64::min)
        };
        let next = p
            .iter()
            .copied()
            .filter(|x| if high { *x < extreme } else { *x > extreme })
            .fold(None, |acc: Option<f64>, x| {
                Some(match acc {
                    None => x,
                    Some(a) if high => a.max(x),
                    Some(a) => a.min(x),
                })
            });
        let Some(next) = next else { break };
        // Winsorising the last distinct value would leave a constant column, which normalises
        // to nothing (a column of mostly zeros and a few plants): the log transform keeps the
        // order instead.
        if p.iter().all(|x| *x == extreme || *x == next) {
            break;
        }
        for x in w.iter_mut().flatten() {
            if *x == extreme {
                *x = next;
            }
        }
        steps += 1;
    }
    if failing(&present(&w)) {
        (log_ct(v), Some("log (winsorising was not enough)".into()))
    } else {
        (w, Some(format!("winsorised {steps} point(s)")))
    }
}

/// Fills one column's missing values.
pub fn impute(v: &[Option<f64>], method: Imputation) -> Vec<Option<f64>> {
    let p = present(v);
    let fill = match method {
        Imputation::None => None,
        Imputation::Mean => stats::mean(&p),
        Imputation::Median => stats::median(&p),
    };
    v.iter().map(|x| x.or(fill)).collect()
}

/// Normalises one column across the year's countries.
pub fn normalise(
    v: &[Option<f64>],
    method: Normalisation,
    direction: f64,
    range: (f64, f64),
    goalposts: Option<(f64, f64)>,
) -> Vec<Option<f64>> {
    let p = present(v);
    if p.is_empty() {
        return v.to_vec();
    }
    let (lo, hi) = range;
    let min = p.iter().copied().fold(f64::INFINITY, f64::min);
    let max = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let constant = max == min;
    match method {
        Normalisation::Minmax => v
            .iter()
            .map(|x| {
                let x = (*x)?;
                if constant {
                    return None;
                }
                let t = if direction > 0.0 {
                    (x - min) / (max - min)
                } else {
                    (max - x) / (max - min)
                };
                Some(lo + t * (hi - lo))
            })
            .collect(),
        Normalisation::Zscore => {
            let (m, s) = (stats::mean(&p), stats::sd(&p));
            v.iter()
                .map(|x| match (x, m, s) {
                    (Some(x), Some(m), Some(s)) if s > 0.0 => Some(direction * (x - m) / s),
                    _ => None,
                })
                .collect()
        }
        Normalisation::Rank | Normalisation::Percentile => {
            if constant {
                return v.iter().map(|_| None).collect();
            }
            let signed: Vec<f64> = p.iter().map(|x| direction * x).collect();
            let ranks = stats::ranks_ascending(&signed);
            let n = p.len() as f64;
            let mut it = ranks.into_iter();
            v.iter()
                .map(|x| {
                    x.map(|_| {
                        let r = it.next().expect("one rank per value");
                        if method == Normalisation::Rank {
                            r
                        } else {
                            lo + (r - 1.0) / (n - 1.0) * (hi - lo)
                        }
                    })
                })
                .collect()
        }
        Normalisation::DistanceToBest => v
            .iter()
            .map(|x| {
                let x = (*x)?;
                if direction > 0.0 {
                    (max > 0.0 && x >= 0.0).then(|| 100.0 * x / max)
                } else {
                    (min > 0.0 && x > 0.0).then(|| 100.0 * min / x)
                }
            })
            .collect(),
        Normalisation::Goalposts => {
            let (worst, best) = goalposts.expect("validated: goalposts on every indicator");
            v.iter()
                .map(|x| x.map(|x| lo + ((x - worst) / (best - worst)).clamp(0.0, 1.0) * (hi - lo)))
                .collect()
        }
    }
}

/// Aggregates one row with weights, over the values present (weights renormalised over them).
pub fn aggregate_row(
    values: &[Option<f64>],
    weights: &[f64],
    method: Aggregation,
    power: f64,
) -> Option<f64> {
    aggregate_members(values, weights, None, method, power)
}

/// [`aggregate_row`] over the members `members` of `values` (all when `None`), without
/// allocating: sums run in member order, so the result is the same bit for bit.
fn aggregate_members(
    values: &[Option<f64>],
    weights: &[f64],
    members: Option<&[usize]>,
    method: Aggregation,
    power: f64,
) -> Option<f64> {
    let (mut total, mut sum, mut any, mut negative, mut zero) = (0.0, 0.0, false, false, false);
    let mut visit = |v: Option<f64>, w: f64| {
        let Some(v) = v else { return };
        any = true;
        total += w;
        negative |= v < 0.0;
        zero |= v == 0.0;
        sum += match method {
            Aggregation::Arithmetic | Aggregation::Copeland => v * w,
            Aggregation::Geometric => {
                if v > 0.0 {
                    w * v.ln()
                } else {
                    0.0
                }
            }
            Aggregation::Generalised => {
                if v >= 0.0 {
                    w * v.powf(power)
                } else {
                    0.0
                }
            }
        };
    };
    match members {
        Some(m) => m.iter().for_each(|&j| visit(values[j], weights[j])),
        None => values.iter().zip(weights).for_each(|(v, w)| visit(*v, *w)),
    }
    if !any {
        return None;
    }
    match method {
        Aggregation::Arithmetic | Aggregation::Copeland => Some(sum / total),
        Aggregation::Geometric => {
            if negative {
                None
            } else if zero {
                Some(0.0)
            } else {
                Some((sum / total).exp())
            }
        }
        Aggregation::Generalised => {
            if negative {
                None
            } else if power < 0.0 && zero {
                Some(0.0)
            } else {
                Some((sum / total).powf(1.0 / power))
            }
        }
    }
}

/// Copeland scores of every row: for each pair, the row ahead on more (present, shared) weight
/// wins; score = wins − losses. Rows with no value score `None`.
pub fn copeland(rows: &[Vec<Option<f64>>], weights: &[f64]) -> Vec<Option<f64>> {
    (0..rows.len())
        .map(|c| {
            if rows[c].iter().all(Option::is_none) {
                return None;
            }
            let mut score = 0.0;
            for d in 0..rows.len() {
                if d == c || rows[d].iter().all(Option::is_none) {
                    continue;
                }
                let s: f64 = rows[c]
                    .iter()
                    .zip(&rows[d])
                    .zip(weights)
                    .filter_map(|((a, b), w)| match (a, b) {
                        (Some(a), Some(b)) if a > b => Some(*w),
                        (Some(a), Some(b)) if a < b => Some(-*w),
                        _ => None,
                    })
                    .sum();
                if s > 0.0 {
                    score += 1.0;
                } else if s < 0.0 {
                    score -= 1.0;
                }
            }
            Some(score)
        })
        .collect()
}

/// Ranks of scores: 1 for the highest; ties share the better rank.
pub fn rank_scores(scores: &[Option<f64>]) -> Vec<Option<u32>> {
    scores
        .iter()
        .map(|s| s.map(|s| 1 + scores.iter().filter(|o| o.is_some_and(|o| o > s)).count() as u32))
        .collect()
}

fn aggregate_level(
    rows: &[Vec<Option<f64>>],
    groups: &[Vec<usize>],
    weights: &[f64],
    method: Aggregation,
    power: f64,
) -> Vec<Vec<Option<f64>>> {
    // rows [country][member]; groups: for each output, its members' indices.
    let mut out = vec![vec![None; groups.len()]; rows.len()];
    for (g, members) in groups.iter().enumerate() {
        if method == Aggregation::Copeland {
            let sub: Vec<Vec<Option<f64>>> = rows
                .iter()
                .map(|r| members.iter().map(|&j| r[j]).collect())
                .collect();
            let w: Vec<f64> = members.iter().map(|&j| weights[j]).collect();
            for (c, s) in copeland(&sub, &w).into_iter().enumerate() {
                out[c][g] = s;
            }
        } else {
            for (c, r) in rows.iter().enumerate() {
                out[c][g] = aggregate_members(r, weights, Some(members), method, power);
            }
        }
    }
    out
}

/// Pillar scores, index scores and ranks of one year from its normalised table.
#[allow(clippy::type_complexity)]
pub fn score(
    prepared: &Prepared,
    normalised: &[Vec<Option<f64>>],
    choices: &Choices,
    weights: &WeightSet,
) -> (Vec<Vec<Option<f64>>>, Vec<Option<f64>>, Vec<Option<u32>>) {
    let cols = &prepared.columns;
    let power = prepared.config.method.power;
    let n_pillars = prepared.config.pillars.len();
    let pillar_members: Vec<Vec<usize>> = (0..n_pillars)
        .map(|p| (0..cols.len()).filter(|&j| cols[j].pillar == p).collect())
        .collect();
    let pillars = aggregate_level(
        normalised,
        &pillar_members,
        &weights.indicator,
        choices.aggregation,
        power,
    );
    let all: Vec<usize> = (0..n_pillars).collect();
    let index: Vec<Option<f64>> = aggregate_level(
        &pillars,
        &[all],
        &weights.pillar,
        choices.index_aggregation,
        power,
    )
    .into_iter()
    .map(|r| r[0])
    .collect();
    let ranks = rank_scores(&index);
    (pillars, index, ranks)
}

/// Builds every year with the given choices and weights.
pub fn build(prepared: &Prepared, choices: &Choices, weights: &WeightSet) -> Built {
    let m = &prepared.config.method;
    let cols = &prepared.columns;
    let years = prepared
        .frames
        .iter()
        .map(|frame| {
            let n = frame.countries.len();
            let mut treated = vec![vec![None; cols.len()]; n];
            let mut imputed = vec![vec![None; cols.len()]; n];
            let mut normalised = vec![vec![None; cols.len()]; n];
            let mut treatments = vec![None; cols.len()];
            for (j, col) in cols.iter().enumerate() {
                let raw = column(&frame.raw, j);
                let method = if col.treat_outliers {
                    choices.outliers
                } else {
                    Outliers::None
                };
                let (t, what) = treat_outliers(&raw, method, m.winmax, m.skewness, m.kurtosis);
                treatments[j] = what;
                let i = impute(&t, choices.imputation);
                let z = normalise(
                    &i,
                    choices.normalisation,
                    col.direction,
                    m.range,
                    col.goalposts,
                );
                for c in 0..n {
                    treated[c][j] = t[c];
                    imputed[c][j] = i[c];
                    normalised[c][j] = z[c];
                }
            }
            let (pillars, index, ranks) = score(prepared, &normalised, choices, weights);
            YearTables {
                year: frame.year,
                countries: frame.countries.clone(),
                raw: frame.raw.clone(),
                treated,
                imputed,
                normalised,
                pillars,
                index,
                ranks,
                treatments,
            }
        })
        .collect();
    Built {
        choices: *choices,
        weights: weights.clone(),
        years,
    }
}

/// Normalises weights to sum to 1 within each pillar, and pillar weights to sum to 1.
pub fn normalised_weights(columns: &[Column], indicator: &[f64], pillar: &[f64]) -> WeightSet {
    let mut ind = indicator.to_vec();
    for p in 0..pillar.len() {
        let total: f64 = columns
            .iter()
            .zip(indicator)
            .filter(|(c, _)| c.pillar == p)
            .map(|(_, w)| w)
            .sum();
        for (j, c) in columns.iter().enumerate() {
            if c.pillar == p {
                ind[j] = indicator[j] / total;
            }
        }
    }
    let total: f64 = pillar.iter().sum();
    WeightSet {
        indicator: ind,
        pillar: pillar.iter().map(|w| w / total).collect(),
    }
}

/// First principal component of the correlation matrix of `rows` (complete cases), by power
/// iteration: its squared loadings, which sum to 1.
pub fn pca_weights(rows: &[Vec<f64>]) -> Option<Vec<f64>> {
    let k = rows.first()?.len();
    if k == 1 {
        return Some(vec![1.0]);
    }
    if rows.len() < 3 {
        return None;
    }
    let cols: Vec<Vec<f64>> = (0..k)
        .map(|j| rows.iter().map(|r| r[j]).collect())
        .collect();
    let std: Vec<Vec<f64>> = cols
        .iter()
        .map(|c| {
            let m = stats::mean(c).unwrap_or(0.0);
            let s = stats::sd(c).unwrap_or(0.0);
            c.iter()
                .map(|x| if s > 0.0 { (x - m) / s } else { 0.0 })
                .collect()
        })
        .collect();
    let n = rows.len() as f64;
    let corr: Vec<Vec<f64>> = (0..k)
        .map(|a| {
            (0..k)
                .map(|b| std[a].iter().zip(&std[b]).map(|(x, y)| x * y).sum::<f64>() / (n - 1.0))
                .collect()
        })
        .collect();
    let mut v = vec![1.0 / (k as f64).sqrt(); k];
    for _ in 0..1000 {
        let mut next: Vec<f64> = (0..k)
            .map(|a| (0..k).map(|b| corr[a][b] * v[b]).sum())
            .collect();
        let norm = next.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm == 0.0 {
            return None;
        }
        next.iter_mut().for_each(|x| *x /= norm);
        let delta: f64 = next.iter().zip(&v).map(|(a, b)| (a - b).abs()).sum();
        v = next;
        if delta < 1e-12 {
            break;
        }
    }
    Some(v.iter().map(|x| x * x).collect())
}

impl Index {
    /// Prepares the data, sets the nominal weights and builds the nominal index.
    pub fn new(
        config: &Config,
        inputs: &Inputs,
        countries: &[String],
    ) -> Result<Index, IndexError> {
        let prepared = prepare(config, inputs, countries)?;
        let m = &config.method;
        let mut log = vec![format!(
            "data: {} indicators in {} pillars; {} years scored ({}–{}), {} left out",
            prepared.columns.len(),
            config.pillars.len(),
            prepared.frames.len(),
            prepared.frames.first().map(|f| f.year).unwrap_or_default(),
            prepared.frames.last().map(|f| f.year).unwrap_or_default(),
            prepared.skipped.len()
        )];
        let choices = Choices {
            outliers: m.outliers,
            imputation: m.imputation,
            normalisation: m.normalisation,
            aggregation: m.aggregation,
            index_aggregation: m.index_aggregation,
        };
        log.push(format!(
            "outliers: {} (|skewness| > {}, kurtosis > {}, at most {} points)",
            m.outliers, m.skewness, m.kurtosis, m.winmax
        ));
        log.push(format!("imputation: {}", m.imputation));
        log.push(format!(
            "normalisation: {} onto [{}, {}]",
            m.normalisation, m.range.0, m.range.1
        ));
        log.push(format!(
            "aggregation: {} (indicators → pillars), {} (pillars → index)",
            m.aggregation, m.index_aggregation
        ));
        let pillar_w: Vec<f64> = config.pillars.iter().map(|p| p.weight).collect();
        let declared: Vec<f64> = config.columns().iter().map(|(_, s)| s.weight).collect();
        let weights = match m.weights {
            Weights::Equal => {
                log.push("weights: equal within each pillar".into());
                normalised_weights(&prepared.columns, &vec![1.0; declared.len()], &pillar_w)
            }
            Weights::Manual => {
                log.push("weights: as declared".into());
                normalised_weights(&prepared.columns, &declared, &pillar_w)
            }
            Weights::Pca => {
                let equal =
                    normalised_weights(&prepared.columns, &vec![1.0; declared.len()], &pillar_w);
                let base = build(&prepared, &choices, &equal);
                let mut w = vec![0.0; declared.len()];
                for p in 0..config.pillars.len() {
                    let members: Vec<usize> = (0..prepared.columns.len())
                        .filter(|&j| prepared.columns[j].pillar == p)
                        .collect();
                    let rows: Vec<Vec<f64>> = base
                        .years
                        .iter()
                        .flat_map(|y| y.normalised.iter())
                        .filter_map(|r| members.iter().map(|&j| r[j]).collect::<Option<Vec<f64>>>())
                        .collect();
                    match pca_weights(&rows) {
                        Some(pw) => {
                            log.push(format!(
                                "weights ({}): first principal component over {} complete country-years",
                                config.pillars[p].id,
                                rows.len()
                            ));
                            for (k, &j) in members.iter().enumerate() {
                                w[j] = pw[k].max(1e-9);
                            }
                        }
                        None => {
                            log.push(format!(
                                "weights ({}): equal (too few complete country-years for PCA)",
                                config.pillars[p].id
                            ));
                            for &j in &members {
                                w[j] = 1.0;
                            }
                        }
                    }
                }
                normalised_weights(&prepared.columns, &w, &pillar_w)
            }
        };
        let nominal = build(&prepared, &choices, &weights);
        Ok(Index {
            prepared,
            weights,
            nominal,
            log,
        })
    }

    /// The index built again with some choices changed (the rest nominal).
    pub fn rebuild(&self, change: impl FnOnce(&mut Choices)) -> Built {
        let mut choices = self.nominal.choices;
        change(&mut choices);
        build(&self.prepared, &choices, &self.weights)
    }

    /// Nominal and effective weight of each column: (pillar id, indicator key, weight within the
    /// pillar, pillar weight, effective weight).
    pub fn weight_table(&self) -> Vec<(String, String, f64, f64, f64)> {
        let eff = self.weights.effective(&self.prepared.columns);
        self.prepared
            .columns
            .iter()
            .enumerate()
            .map(|(j, c)| {
                (
                    self.prepared.config.pillars[c.pillar].id.clone(),
                    c.key.clone(),
                    self.weights.indicator[j],
                    self.weights.pillar[c.pillar],
                    eff[j],
                )
            })
            .collect()
    }

    /// What drives one country's nominal score in one year.
    pub fn explain(&self, country: &str, year: i32) -> Option<Explanation> {
        let y = self.nominal.years.iter().find(|y| y.year == year)?;
        let c = y.countries.iter().position(|k| k == country)?;
        let cols = &self.prepared.columns;
        let choices = &self.nominal.choices;
        let pillars = &self.prepared.config.pillars;
        // Weights actually used: renormalised over the values present.
        let mut rows = Vec::new();
        for (j, col) in cols.iter().enumerate() {
            let p = col.pillar;
            let members: Vec<usize> = (0..cols.len()).filter(|&k| cols[k].pillar == p).collect();
            let present_w: f64 = members
                .iter()
                .filter(|&&k| y.normalised[c][k].is_some())
                .map(|&k| self.weights.indicator[k])
                .sum();
            let pillars_present: f64 = (0..pillars.len())
                .filter(|&q| y.pillars[c][q].is_some())
                .map(|q| self.weights.pillar[q])
                .sum();
            let used = y.normalised[c][j].map(|_| {
                self.weights.indicator[j] / present_w * self.weights.pillar[p] / pillars_present
            });
            let contribution = match (
                choices.aggregation,
                choices.index_aggregation,
                y.normalised[c][j],
                used,
            ) {
                (Aggregation::Arithmetic, Aggregation::Arithmetic, Some(v), Some(w)) => Some(v * w),
                _ => None,
            };
            rows.push(ExplainRow {
                pillar: pillars[p].id.clone(),
                indicator: col.key.clone(),
                raw: y.raw[c][j],
                treated: y.treated[c][j],
                normalised: y.normalised[c][j],
                weight_in_pillar: self.weights.indicator[j],
                effective_weight: self.weights.indicator[j] * self.weights.pillar[p],
                used_weight: used,
                contribution,
                treatment: y.treatments[j].clone(),
            });
        }
        Some(Explanation {
            country: country.to_string(),
            year,
            score: y.index[c],
            rank: y.ranks[c],
            countries: y.countries.len(),
            pillars: pillars
                .iter()
                .enumerate()
                .map(|(p, pl)| (pl.id.clone(), y.pillars[c][p], self.weights.pillar[p]))
                .collect(),
            rows,
            additive: choices.aggregation == Aggregation::Arithmetic
                && choices.index_aggregation == Aggregation::Arithmetic,
        })
    }
}

/// One indicator's part in a country's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainRow {
    /// Pillar id.
    pub pillar: String,
    /// Indicator key.
    pub indicator: String,
    /// Raw value.
    pub raw: Option<f64>,
    /// After outlier treatment.
    pub treated: Option<f64>,
    /// Normalised value.
    pub normalised: Option<f64>,
    /// Nominal weight within the pillar.
    pub weight_in_pillar: f64,
    /// Nominal weight in the index.
    pub effective_weight: f64,
    /// Weight in this country's score (renormalised over the values it has).
    pub used_weight: Option<f64>,
    /// Points it adds to the score (arithmetic aggregation only).
    pub contribution: Option<f64>,
    /// What outlier treatment did to the indicator that year.
    pub treatment: Option<String>,
}

/// What drives one country's score in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Country.
    pub country: String,
    /// Year.
    pub year: i32,
    /// Index score.
    pub score: Option<f64>,
    /// Rank.
    pub rank: Option<u32>,
    /// Countries ranked that year.
    pub countries: usize,
    /// Pillar id, score and weight.
    pub pillars: Vec<(String, Option<f64>, f64)>,
    /// One row per indicator.
    pub rows: Vec<ExplainRow>,
    /// Whether contributions add up to the score (arithmetic aggregation at both levels).
    pub additive: bool,
}
