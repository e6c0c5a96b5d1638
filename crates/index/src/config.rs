//! The index declared as a TOML file (see data/index/default.toml and docs/index.md).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The default configuration, compiled into galeon.
pub const DEFAULT: &str = include_str!("../../../data/index/default.toml");

/// A problem in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ConfigError {
    /// The file.
    pub file: String,
    /// 1-based line (1 when the problem is not tied to a line).
    pub line: usize,
    /// What is wrong and what to do.
    pub message: String,
}

/// How outliers are treated, per indicator and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outliers {
    /// Leave the values as they are.
    None,
    /// COINr's rule: winsorise while |skewness| and kurtosis exceed the thresholds, up to
    /// `winmax` points; if that is not enough, log-transform the original values instead.
    Winsorise,
    /// Log-transform every indicator whose skewness and kurtosis exceed the thresholds.
    Log,
}

/// How missing values are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Imputation {
    /// Not filled: aggregation uses the values there are, reweighting.
    None,
    /// The indicator's mean across the year's countries.
    Mean,
    /// The indicator's median across the year's countries.
    Median,
}

/// How values are brought to a common scale, per indicator and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Normalisation {
    /// Linear onto `range`: the worst country gets its lower end, the best its upper end.
    Minmax,
    /// Standard scores: (x − mean) / standard deviation.
    Zscore,
    /// Rank among the year's countries (1 = worst; ties share the lower rank).
    Rank,
    /// Percentile rank onto `range`.
    Percentile,
    /// Ratio to the best value, in percent (positive values only).
    DistanceToBest,
    /// Linear between declared goalposts onto `range`, clipped.
    Goalposts,
}

/// How values are combined into a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Weighted arithmetic mean (full compensation).
    Arithmetic,
    /// Weighted geometric mean (partial compensation; values must be positive).
    Geometric,
    /// Weighted mean of order `power`.
    Generalised,
    /// Copeland outranking: for each pair of countries, the one ahead on more weight wins;
    /// score = wins − losses.
    Copeland,
}

/// How indicator weights within pillars are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weights {
    /// The same weight for every indicator of a pillar.
    Equal,
    /// Each indicator's declared `weight`, normalised within its pillar.
    Manual,
    /// Squared loadings of the pillar's first principal component (nominal normalised data).
    Pca,
}

/// The method: one choice for each step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Method {
    /// Outlier treatment.
    pub outliers: Outliers,
    /// Points a winsorisation may change, at most.
    pub winmax: usize,
    /// Absolute skewness above which an indicator is treated.
    pub skewness: f64,
    /// Kurtosis above which an indicator is treated.
    pub kurtosis: f64,
    /// Imputation.
    pub imputation: Imputation,
    /// Normalisation.
    pub normalisation: Normalisation,
    /// Target range.
    pub range: (f64, f64),
    /// Indicators → pillars.
    pub aggregation: Aggregation,
    /// Pillars → index.
    pub index_aggregation: Aggregation,
    /// Order of the generalised mean.
    pub power: f64,
    /// Indicator weights.
    pub weights: Weights,
}

/// One indicator of a pillar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorSpec {
    /// galeon indicator id.
    pub id: String,
    /// Only values with this breakdown.
    pub dimension: Option<String>,
    /// +1 when more means more cooperation, −1 when less does.
    pub direction: f64,
    /// Declared weight (for `manual`).
    pub weight: f64,
    /// A missing value means none (0), in the years the indicator has data at all.
    pub absent_zero: bool,
    /// Worst and best values, for `goalposts`.
    pub goalposts: Option<(f64, f64)>,
    /// Whether outlier treatment applies (not to binary or ordinal indicators).
    pub treat_outliers: bool,
}

impl IndicatorSpec {
    /// The key of this indicator's values: `id` or `id:dimension`.
    pub fn key(&self) -> String {
        match &self.dimension {
            Some(d) => format!("{}:{d}", self.id),
            None => self.id.clone(),
        }
    }
}

/// A pillar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pillar {
    /// Short id.
    pub id: String,
    /// Name for people.
    pub name: String,
    /// Declared weight.
    pub weight: f64,
    /// Its indicators.
    pub indicators: Vec<IndicatorSpec>,
}

/// The alternatives the uncertainty analysis samples.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Uncertainty {
    /// Normalisations.
    pub normalisation: Vec<Normalisation>,
    /// Index aggregations.
    pub index_aggregation: Vec<Aggregation>,
    /// Imputations.
    pub imputation: Vec<Imputation>,
    /// Outlier treatments.
    pub outliers: Vec<Outliers>,
    /// Relative noise on every weight.
    pub weight_noise: f64,
    /// Number of weight sets (the first is nominal).
    pub weight_sets: usize,
    /// Seed of the random draws.
    pub seed: u64,
}

/// A whole index configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    /// The index's name.
    pub name: String,
    /// The countries ("LAC33" expanded by the caller when empty).
    pub countries: Option<Vec<String>>,
    /// Minimum share of indicators for a country-year.
    pub min_indicator_share: f64,
    /// Minimum share of countries for a year.
    pub min_country_share: f64,
    /// The nominal method.
    pub method: Method,
    /// The pillars.
    pub pillars: Vec<Pillar>,
    /// The uncertainty analysis.
    pub uncertainty: Uncertainty,
}

impl Config {
    /// All indicators in pillar order, with their pillar's index.
    pub fn columns(&self) -> Vec<(usize, &IndicatorSpec)> {
        self.pillars
            .iter()
            .enumerate()
            .flat_map(|(p, pillar)| pillar.indicators.iter().map(move |i| (p, i)))
            .collect()
    }
}

impl fmt::Display for Normalisation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", serde_plain(self))
    }
}

impl fmt::Display for Aggregation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", serde_plain(self))
    }
}

impl fmt::Display for Imputation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", serde_plain(self))
    }
}

impl fmt::Display for Outliers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", serde_plain(self))
    }
}

fn serde_plain<T: Serialize>(v: &T) -> String {
    toml::Value::try_from(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    index: RawIndex,
    method: RawMethod,
    #[serde(default)]
    pillar: Vec<toml::Spanned<RawPillar>>,
    uncertainty: Option<RawUncertainty>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndex {
    name: String,
    #[serde(default)]
    countries: Option<toml::Value>,
    #[serde(default = "two_thirds")]
    min_indicator_share: f64,
    #[serde(default = "two_thirds")]
    min_country_share: f64,
}

fn two_thirds() -> f64 {
    2.0 / 3.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMethod {
    #[serde(default = "winsorise")]
    outliers: Outliers,
    #[serde(default = "five")]
    winmax: usize,
    #[serde(default = "two")]
    skewness: f64,
    #[serde(default = "three_and_a_half")]
    kurtosis: f64,
    #[serde(default = "no_imputation")]
    imputation: Imputation,
    #[serde(default = "minmax")]
    normalisation: Normalisation,
    #[serde(default = "one_to_hundred")]
    range: [f64; 2],
    #[serde(default = "arithmetic")]
    aggregation: Aggregation,
    #[serde(default = "arithmetic")]
    index_aggregation: Aggregation,
    #[serde(default = "half")]
    power: f64,
    #[serde(default = "equal")]
    weights: Weights,
}

fn winsorise() -> Outliers {
    Outliers::Winsorise
}
fn five() -> usize {
    5
}
fn two() -> f64 {
    2.0
}
fn three_and_a_half() -> f64 {
    3.5
}
fn no_imputation() -> Imputation {
    Imputation::None
}
fn minmax() -> Normalisation {
    Normalisation::Minmax
}
fn one_to_hundred() -> [f64; 2] {
    [1.0, 100.0]
}
fn arithmetic() -> Aggregation {
    Aggregation::Arithmetic
}
fn half() -> f64 {
    0.5
}
fn equal() -> Weights {
    Weights::Equal
}
fn one() -> f64 {
    1.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPillar {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default = "one")]
    weight: f64,
    #[serde(default)]
    indicator: Vec<toml::Spanned<RawIndicator>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    #[serde(default)]
    dimension: Option<String>,
    #[serde(default = "one")]
    direction: f64,
    #[serde(default = "one")]
    weight: f64,
    #[serde(default)]
    absent: Option<String>,
    #[serde(default)]
    goalposts: Option<[f64; 2]>,
    #[serde(default = "yes")]
    treat_outliers: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUncertainty {
    #[serde(default)]
    normalisation: Vec<Normalisation>,
    #[serde(default)]
    index_aggregation: Vec<Aggregation>,
    #[serde(default)]
    imputation: Vec<Imputation>,
    #[serde(default)]
    outliers: Vec<Outliers>,
    #[serde(default)]
    weight_noise: f64,
    #[serde(default = "one_set")]
    weight_sets: usize,
    #[serde(default)]
    seed: u64,
}

fn one_set() -> usize {
    1
}

/// The declared alternatives, or the nominal choice alone when none are declared.
fn or<T: Clone>(v: &[T], nominal: T) -> Vec<T> {
    if v.is_empty() {
        vec![nominal]
    } else {
        v.to_vec()
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Parses and validates a configuration. `known` says whether an indicator id exists (the
/// caller passes galeon's catalogue).
pub fn parse(
    file: &str,
    text: &str,
    known: &dyn Fn(&str) -> bool,
) -> Result<Config, Vec<ConfigError>> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        vec![ConfigError {
            file: file.to_string(),
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        }]
    })?;
    let mut errors = Errors {
        file,
        list: Vec::new(),
    };
    let countries = countries(&raw, &mut errors);
    let method = method(&raw, &mut errors);
    let pillars = pillars(&raw, text, known, &method, &mut errors);
    let uncertainty = uncertainty(&raw, &method, &mut errors);
    positive_means(&method, &uncertainty, &mut errors);
    if errors.list.is_empty() {
        Ok(Config {
            name: raw.index.name,
            countries,
            min_indicator_share: raw.index.min_indicator_share,
            min_country_share: raw.index.min_country_share,
            method,
            pillars,
            uncertainty,
        })
    } else {
        Err(errors.list)
    }
}

/// The errors found so far, each at a line of one file.
struct Errors<'a> {
    file: &'a str,
    list: Vec<ConfigError>,
}

impl Errors<'_> {
    fn at(&mut self, line: usize, message: String) {
        self.list.push(ConfigError {
            file: self.file.to_string(),
            line,
            message,
        });
    }
}

/// `index.countries` (none: the 33 LAC states), and the index's two shares.
fn countries(raw: &RawConfig, errors: &mut Errors) -> Option<Vec<String>> {
    let mut error = |line, message| errors.at(line, message);
    let countries = match &raw.index.countries {
        None => None,
        Some(toml::Value::String(s)) if s == "LAC33" => None,
        Some(toml::Value::Array(a)) => {
            let codes: Vec<String> = a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            if codes.len() != a.len() || codes.len() < 2 {
                error(
                    1,
                    "index.countries: write \"LAC33\" or a list of at least two codes".into(),
                );
            }
            Some(codes)
        }
        Some(_) => {
            error(
                1,
                "index.countries: write \"LAC33\" or a list of codes".into(),
            );
            None
        }
    };
    for (name, v) in [
        ("min_indicator_share", raw.index.min_indicator_share),
        ("min_country_share", raw.index.min_country_share),
    ] {
        if !(0.0..=1.0).contains(&v) {
            error(
                1,
                format!("index.{name} {v}: write a share between 0 and 1"),
            );
        }
    }
    countries
}

/// `[method]`, with its range and power checked.
fn method(raw: &RawConfig, errors: &mut Errors) -> Method {
    let mut error = |line, message| errors.at(line, message);
    let m = &raw.method;
    let method = Method {
        outliers: m.outliers,
        winmax: m.winmax,
        skewness: m.skewness,
        kurtosis: m.kurtosis,
        imputation: m.imputation,
        normalisation: m.normalisation,
        range: (m.range[0], m.range[1]),
        aggregation: m.aggregation,
        index_aggregation: m.index_aggregation,
        power: m.power,
        weights: m.weights,
    };
    if method.range.0 >= method.range.1 {
        error(
            1,
            format!(
                "method.range {:?}: the lower end must be below the upper",
                m.range
            ),
        );
    }
    if method.power == 0.0 || !method.power.is_finite() {
        error(
            1,
            "method.power: write a non-zero number (0 is the geometric mean: use \"geometric\")"
                .into(),
        );
    }
    method
}

/// The pillars and their indicators, each checked where it is written.
fn pillars(
    raw: &RawConfig,
    text: &str,
    known: &dyn Fn(&str) -> bool,
    method: &Method,
    errors: &mut Errors,
) -> Vec<Pillar> {
    let mut error = |line, message| errors.at(line, message);
    let mut pillars = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for sp in &raw.pillar {
        let line = line_of(text, sp.span().start);
        let p = sp.get_ref();
        if !ids.insert(p.id.clone()) {
            error(line, format!("pillar {:?} is declared twice", p.id));
        }
        if !(p.weight > 0.0 && p.weight.is_finite()) {
            error(line, format!("pillar {:?}: weight must be positive", p.id));
        }
        if p.indicator.is_empty() {
            error(
                line,
                format!("pillar {:?} has no [[pillar.indicator]]", p.id),
            );
        }
        let mut indicators = Vec::new();
        for si in &p.indicator {
            let iline = line_of(text, si.span().start);
            let i = si.get_ref();
            if !known(&i.id) {
                error(
                    iline,
                    format!(
                        "indicator {:?} is unknown (see `galeon indicators list`)",
                        i.id
                    ),
                );
            }
            if i.direction != 1.0 && i.direction != -1.0 {
                error(iline, format!("indicator {:?}: direction is 1 or -1", i.id));
            }
            if !(i.weight > 0.0 && i.weight.is_finite()) {
                error(
                    iline,
                    format!("indicator {:?}: weight must be positive", i.id),
                );
            }
            let absent_zero = match i.absent.as_deref() {
                None | Some("missing") => false,
                Some("zero") => true,
                Some(other) => {
                    error(
                        iline,
                        format!("absent {other:?}: write \"zero\" or \"missing\""),
                    );
                    false
                }
            };
            if method.normalisation == Normalisation::Goalposts && i.goalposts.is_none() {
                error(
                    iline,
                    format!(
                        "indicator {:?}: goalposts normalisation needs `goalposts = [worst, best]`",
                        i.id
                    ),
                );
            }
            if let Some([a, b]) = i.goalposts {
                if a == b {
                    error(
                        iline,
                        format!("indicator {:?}: the goalposts must differ", i.id),
                    );
                }
            }
            indicators.push(IndicatorSpec {
                id: i.id.clone(),
                dimension: i.dimension.clone(),
                direction: i.direction,
                weight: i.weight,
                absent_zero,
                goalposts: i.goalposts.map(|[a, b]| (a, b)),
                treat_outliers: i.treat_outliers,
            });
        }
        pillars.push(Pillar {
            id: p.id.clone(),
            name: p.name.clone().unwrap_or_else(|| p.id.clone()),
            weight: p.weight,
            indicators,
        });
    }
    if pillars.is_empty() {
        error(1, "the index has no [[pillar]]".into());
    }
    pillars
}

/// `[uncertainty]`: the alternatives sampled, each list defaulting to the nominal choice.
fn uncertainty(raw: &RawConfig, method: &Method, errors: &mut Errors) -> Uncertainty {
    let mut error = |line, message| errors.at(line, message);
    let u = raw.uncertainty.clone().unwrap_or(RawUncertainty {
        normalisation: vec![],
        index_aggregation: vec![],
        imputation: vec![],
        outliers: vec![],
        weight_noise: 0.0,
        weight_sets: 1,
        seed: 0,
    });
    let uncertainty = Uncertainty {
        normalisation: or(&u.normalisation, method.normalisation),
        index_aggregation: or(&u.index_aggregation, method.index_aggregation),
        imputation: or(&u.imputation, method.imputation),
        outliers: or(&u.outliers, method.outliers),
        weight_noise: u.weight_noise,
        weight_sets: u.weight_sets.max(1),
        seed: u.seed,
    };
    if !(0.0..1.0).contains(&uncertainty.weight_noise) {
        error(
            1,
            "uncertainty.weight_noise: write a fraction in [0, 1)".into(),
        );
    }
    uncertainty
}

/// Means that need positive values cannot follow normalisations that give negatives.
fn positive_means(method: &Method, uncertainty: &Uncertainty, errors: &mut Errors) {
    let mut error = |line, message| errors.at(line, message);
    let needs_positive = |a: Aggregation| {
        matches!(a, Aggregation::Geometric) || (a == Aggregation::Generalised && method.power < 0.0)
    };
    let aggregations: Vec<Aggregation> = std::iter::once(method.aggregation)
        .chain(uncertainty.index_aggregation.iter().copied())
        .chain(std::iter::once(method.index_aggregation))
        .collect();
    let normalisations: Vec<Normalisation> = std::iter::once(method.normalisation)
        .chain(uncertainty.normalisation.iter().copied())
        .collect();
    if aggregations.iter().any(|a| needs_positive(*a)) {
        for n in &normalisations {
            let negative = match n {
                Normalisation::Zscore => true,
                Normalisation::Minmax | Normalisation::Percentile | Normalisation::Goalposts => {
                    method.range.0 < 0.0
                }
                _ => false,
            };
            if negative {
                error(
                    1,
                    format!(
                        "a geometric (or negative-order) mean needs non-negative values, which {n} \
                         normalisation does not give here: use minmax, percentile or rank with a \
                         range starting at 1"
                    ),
                );
            }
        }
    }
}
