//! What if the index were built another way: other pillar weights, another normalisation or
//! another way of combining the pillars. The index is rebuilt with those choices (exactly as
//! `galeon index build --config` builds it from a file that says the same), next to the default
//! ranks, each with its rank interval; and, per country, the one alternative choice of the
//! uncertainty analysis that moves its rank most.

use std::collections::HashMap;
use std::str::FromStr;

use galeon_index::{Aggregation, Analysis, Config, Design, Index, Normalisation};
use galeon_indicators::Value;
use serde_json::json;

use crate::observatory::index_with;
use crate::{Answer, Error, Table};

/// The most base samples a what-if's uncertainty analysis may take (N·7 runs).
pub const MAX_UNCERTAINTY: usize = 128;

/// Pillar weights as `economic:2,political:1`: the pillars not named keep their weight.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PillarWeights(pub Vec<(String, f64)>);

impl FromStr for PillarWeights {
    type Err = String;
    fn from_str(s: &str) -> Result<PillarWeights, String> {
        let pair = |item: &str| {
            let (id, w) = item.split_once(':').ok_or_else(|| {
                format!("{item:?}: write PILLAR:WEIGHT, e.g. economic:2,political:1")
            })?;
            match w.trim().parse::<f64>() {
                Ok(w) if (0.0..=100.0).contains(&w) => Ok((id.trim().to_string(), w)),
                _ => Err(format!("{item:?}: a weight is a number from 0 to 100")),
            }
        };
        let pairs: Vec<(String, f64)> = (s.split(',').filter(|i| !i.trim().is_empty()))
            .map(pair)
            .collect::<Result<_, _>>()?;
        for (i, (id, _)) in pairs.iter().enumerate() {
            if pairs[..i].iter().any(|(other, _)| other == id) {
                return Err(format!("{id:?} is given twice: give each pillar once"));
            }
        }
        Ok(PillarWeights(pairs))
    }
}

/// A what-if: the choices that differ from the default index.
#[derive(Debug, Clone, Default)]
pub struct WhatIfQuery {
    /// Pillar weights.
    pub weights: PillarWeights,
    /// How each indicator is normalised.
    pub normalisation: Option<Normalisation>,
    /// How the pillars are combined into the index.
    pub aggregation: Option<Aggregation>,
    /// Base samples of the uncertainty analysis of the new index (0: none).
    pub uncertainty: usize,
    /// The year (default: the latest scored).
    pub year: Option<i32>,
}

/// A choice written as the configuration file writes it (`minmax`, `geometric`…).
pub fn choice<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, Error> {
    serde_json::from_value(json!(text)).map_err(|_| {
        Error::Invalid(format!(
            "{what} {text:?}: write it as the index configuration does (see `galeon index config`)"
        ))
    })
}

/// The default configuration with the query's choices.
pub fn configured(default: &Config, q: &WhatIfQuery) -> Result<Config, Error> {
    let mut config = default.clone();
    for (id, w) in &q.weights.0 {
        let pillar = (config.pillars.iter_mut().find(|p| &p.id == id)).ok_or_else(|| {
            let ids: Vec<&str> = default.pillars.iter().map(|p| p.id.as_str()).collect();
            Error::Invalid(format!(
                "no pillar {id:?}: the pillars are {}",
                ids.join(", ")
            ))
        })?;
        pillar.weight = *w;
    }
    if config.pillars.iter().all(|p| p.weight == 0.0) {
        return Err(Error::Invalid(
            "at least one pillar needs a weight above 0".into(),
        ));
    }
    if let Some(n) = q.normalisation {
        if n == Normalisation::Goalposts {
            return Err(Error::Invalid(
                "goalposts need one per indicator: write a configuration file".into(),
            ));
        }
        config.method.normalisation = n;
        // The uncertainty analysis samples the chosen method beside the default alternatives.
        if !config.uncertainty.normalisation.contains(&n) {
            config.uncertainty.normalisation.insert(0, n);
        }
    }
    if let Some(a) = q.aggregation {
        config.method.index_aggregation = a;
        if !config.uncertainty.index_aggregation.contains(&a) {
            config.uncertainty.index_aggregation.insert(0, a);
        }
    }
    Ok(config)
}

/// Each country's rank under the query's choices next to its default rank, with both rank
/// intervals from the same number of runs where analysed (the chosen method is among the
/// alternatives sampled), and the alternative choice that moves it most.
pub fn what_if(
    values: &HashMap<&'static str, Vec<Value>>,
    (default, default_analysis): (&Index, Option<&Analysis>),
    q: &WhatIfQuery,
) -> Answer {
    if q.uncertainty == 1 || q.uncertainty > MAX_UNCERTAINTY {
        return Err(Error::Invalid(format!(
            "uncertainty {}: 0 (none), or 2 to {MAX_UNCERTAINTY} base samples here (galeon index \
             build --config takes more)",
            q.uncertainty
        )));
    }
    let config = configured(&default.prepared.config, q)?;
    let index = index_with(values, &config).map_err(Error::Invalid)?;
    let year = pick_year(&index, q.year)?;
    // Both intervals from the same number of runs: the default's again when the server's
    // analysis took another number.
    let design =
        (q.uncertainty > 0).then(|| Design::saltelli(q.uncertainty, config.uncertainty.seed));
    let analysis = (design.as_ref()).map(|d| galeon_index::analyse(&index, d, &[year], 100));
    let default_analysis: Option<std::borrow::Cow<Analysis>> = match (&design, default_analysis) {
        (Some(d), Some(a)) if a.n == d.n => Some(std::borrow::Cow::Borrowed(a)),
        (Some(d), _) => Some(std::borrow::Cow::Owned(galeon_index::analyse(
            default,
            d,
            &[year],
            100,
        ))),
        (None, _) => None,
    };
    let moves = most_moving(values, &config, &index, year);
    let mut t = Table::new(
        "whatif",
        &[
            "year",
            "country",
            "score",
            "rank",
            "rank_p05",
            "rank_p95",
            "default_rank",
            "default_p05",
            "default_p95",
            "change",
            "moved_most_by",
            "moved_most",
        ],
    );
    let ranks = |i: &Index| rank_map(i, year);
    let (new, old) = (ranks(&index), ranks(default));
    let iv_new = analysis
        .as_ref()
        .map(|a| a.intervals_by_key())
        .unwrap_or_default();
    let iv_old = (default_analysis.as_ref().map(|a| a.intervals_by_key())).unwrap_or_default();
    let mut rows: Vec<&(String, u32, f64)> = new.iter().collect();
    rows.sort_by_key(|(_, rank, _)| *rank);
    for (country, rank, score) in rows {
        let before = old.iter().find(|(c, ..)| c == country).map(|r| r.1);
        let (a, b) = (
            iv_new.get(&(year, country.as_str())),
            iv_old.get(&(year, country.as_str())),
        );
        let moved = moves.get(country.as_str());
        t.push(vec![
            year.into(),
            country.as_str().into(),
            (*score).into(),
            (*rank).into(),
            a.map(|r| r.p05).into(),
            a.map(|r| r.p95).into(),
            before.into(),
            b.map(|r| r.p05).into(),
            b.map(|r| r.p95).into(),
            before.map(|b| i64::from(b) - i64::from(*rank)).into(),
            moved.map(|m| m.0.as_str()).into(),
            moved.map(|m| m.1).into(),
        ]);
    }
    let weights: Vec<_> = (config.pillars.iter())
        .map(|p| json!({"pillar": p.id, "weight": p.weight}))
        .collect();
    t.note("pillar_weights", weights);
    t.note("normalisation", json!(config.method.normalisation));
    t.note("aggregation", json!(config.method.index_aggregation));
    t.note("uncertainty", q.uncertainty);
    t.note(
        "limits",
        json!({"max_uncertainty": MAX_UNCERTAINTY, "max_weight": 100}),
    );
    Ok(t)
}

fn pick_year(index: &Index, asked: Option<i32>) -> Result<i32, Error> {
    let years: Vec<i32> = index.nominal.years.iter().map(|y| y.year).collect();
    match asked {
        Some(y) if years.contains(&y) => Ok(y),
        None if !years.is_empty() => Ok(years[years.len() - 1]),
        _ => Err(Error::Invalid(format!(
            "year {}: with these choices the index scores {:?}",
            asked.map_or("(latest)".to_string(), |y| y.to_string()),
            years
        ))),
    }
}

/// (country, rank, score) of a year.
fn rank_map(index: &Index, year: i32) -> Vec<(String, u32, f64)> {
    let Some(y) = index.nominal.years.iter().find(|t| t.year == year) else {
        return Vec::new();
    };
    (0..y.countries.len())
        .filter_map(|c| Some((y.countries[c].clone(), y.ranks[c]?, y.index[c]?)))
        .collect()
}

/// For each country, the alternative of the uncertainty analysis (one choice changed at a time
/// from `config`) that moves its rank in `year` most, and by how much (positive = up).
fn most_moving(
    values: &HashMap<&'static str, Vec<Value>>,
    config: &Config,
    nominal: &Index,
    year: i32,
) -> HashMap<String, (String, i64)> {
    let base = rank_map(nominal, year);
    let mut best: HashMap<String, (String, i64)> = HashMap::new();
    for (label, alternative) in alternatives(config) {
        let Ok(index) = index_with(values, &alternative) else {
            continue;
        };
        for (country, rank, _) in rank_map(&index, year) {
            let Some(before) = base.iter().find(|(c, ..)| *c == country).map(|r| r.1) else {
                continue;
            };
            let shift = i64::from(before) - i64::from(rank);
            let entry = best.entry(country).or_insert((String::new(), 0));
            if shift.abs() > entry.1.abs() {
                *entry = (label.clone(), shift);
            }
        }
    }
    best
}

/// Each alternative the uncertainty analysis samples, one at a time.
fn alternatives(config: &Config) -> Vec<(String, Config)> {
    let u = &config.uncertainty;
    let m = &config.method;
    let mut out = Vec::new();
    let mut push = |label: String, change: &dyn Fn(&mut Config)| {
        let mut c = config.clone();
        change(&mut c);
        out.push((label, c));
    };
    for n in u.normalisation.iter().filter(|n| **n != m.normalisation) {
        push(
            format!("normalisation={}", json!(n).as_str().unwrap_or("")),
            &|c| c.method.normalisation = *n,
        );
    }
    for a in u
        .index_aggregation
        .iter()
        .filter(|a| **a != m.index_aggregation)
    {
        push(
            format!("aggregation={}", json!(a).as_str().unwrap_or("")),
            &|c| c.method.index_aggregation = *a,
        );
    }
    for i in u.imputation.iter().filter(|i| **i != m.imputation) {
        push(
            format!("imputation={}", json!(i).as_str().unwrap_or("")),
            &|c| c.method.imputation = *i,
        );
    }
    for o in u.outliers.iter().filter(|o| **o != m.outliers) {
        push(
            format!("outliers={}", json!(o).as_str().unwrap_or("")),
            &|c| c.method.outliers = *o,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pillar_weights_are_read_and_checked() {
        let w: PillarWeights = "economic:2, political:0.5".parse().unwrap();
        assert_eq!(
            w.0,
            [
                ("economic".to_string(), 2.0),
                ("political".to_string(), 0.5)
            ]
        );
        assert!("economic=2".parse::<PillarWeights>().is_err());
        assert!("economic:-1".parse::<PillarWeights>().is_err());
        assert!("economic:NaN".parse::<PillarWeights>().is_err());
        assert!("economic:1,economic:2".parse::<PillarWeights>().is_err());
    }

    #[test]
    fn choices_change_the_default_configuration_and_nothing_else() {
        let default = galeon_index::parse("default", galeon_index::DEFAULT, &|_| true).unwrap();
        let q = WhatIfQuery {
            weights: "green:3".parse().unwrap(),
            normalisation: Some(choice("normalisation", "percentile").unwrap()),
            aggregation: Some(choice("aggregation", "geometric").unwrap()),
            ..WhatIfQuery::default()
        };
        let c = configured(&default, &q).unwrap();
        assert_eq!(
            c.pillars.iter().find(|p| p.id == "green").unwrap().weight,
            3.0
        );
        assert_eq!(c.method.normalisation, Normalisation::Percentile);
        assert_eq!(c.method.index_aggregation, Aggregation::Geometric);
        assert_eq!(c.method.aggregation, default.method.aggregation);
        assert_eq!(c.uncertainty.imputation, default.uncertainty.imputation);
        // The chosen methods are sampled too: already there, or added.
        assert!(c
            .uncertainty
            .normalisation
            .contains(&Normalisation::Percentile));
        let z = WhatIfQuery {
            normalisation: Some(Normalisation::Zscore),
            ..WhatIfQuery::default()
        };
        let cz = configured(&default, &z).unwrap();
        assert_eq!(cz.uncertainty.normalisation[0], Normalisation::Zscore);
        assert_eq!(
            &cz.uncertainty.normalisation[1..],
            &default.uncertainty.normalisation[..]
        );
        let zero = WhatIfQuery {
            weights: "economic:0,political:0,cultural:0,green:0".parse().unwrap(),
            ..WhatIfQuery::default()
        };
        assert!(configured(&default, &zero).is_err());
        assert!(choice::<Normalisation>("normalisation", "cubic").is_err());
        let unknown = WhatIfQuery {
            weights: "military:1".parse().unwrap(),
            ..WhatIfQuery::default()
        };
        assert!(configured(&default, &unknown).is_err());
    }
}
