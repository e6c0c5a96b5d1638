//! Source precedence. An indicator's values come from its first source; a later source carries
//! each series on past the last year the sources before it have (or gives a series they lack), and
//! never fills a gap inside their years: missing stays missing. Each value names its source; the
//! first value of a series after a change of source carries a series-break flag. Where an earlier source has the value, a later source's value is not used — but the two
//! are kept side by side as an [`Overlap`], which measures the level difference at the splice.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::catalogue::Indicator;
use crate::engine::{Row, Value};

/// The last year each source (dataset id) reports any trade between a country and a partner.
pub(crate) type Coverage = HashMap<(String, String, String), i32>;

/// The values of one source in an indicator's precedence.
pub(crate) struct Part {
    /// The datasets, as the values name them (`imf-dots`, `comtrade-cipf-partner-tables + atlas-country-year`).
    pub source: String,
    /// The dataset whose coverage bounds the sources after this one (the first of `source`).
    pub dataset: String,
    /// country, partner, year, value, dimension.
    pub rows: Vec<Row>,
}

/// Two sources' values for the same series in the years both have one: the earlier source's value
/// is the one published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlap {
    /// Indicator id.
    pub indicator: &'static str,
    /// The country.
    pub country: String,
    /// The partner, for bilateral indicators.
    pub partner: Option<String>,
    /// The source whose values are published in these years.
    pub earlier: String,
    /// The source that carries the series on after the earlier one's last year.
    pub later: String,
    /// (year, earlier value, later value), by year.
    pub years: Vec<Pair>,
}

impl Overlap {
    /// Mean of later / earlier − 1 over the overlap years where both are non-zero with the same
    /// sign (levels and shares); `None` when there is no such year.
    pub fn mean_relative_difference(&self) -> Option<f64> {
        let ratios: Vec<f64> = self
            .years
            .iter()
            .filter(|(_, e, l)| *e != 0.0 && e.signum() == l.signum())
            .map(|(_, e, l)| l / e - 1.0)
            .collect();
        (!ratios.is_empty()).then(|| ratios.iter().sum::<f64>() / ratios.len() as f64)
    }

    /// Mean of later − earlier over the overlap years, in the indicator's unit.
    pub fn mean_difference(&self) -> f64 {
        let n = self.years.len().max(1) as f64;
        self.years.iter().map(|(_, e, l)| l - e).sum::<f64>() / n
    }
}

/// country, partner, dimension.
type Series = (String, Option<String>, Option<String>);

/// (year, earlier source's value, later source's value).
type Pair = (i32, f64, f64);

/// The published values (by series and year) and the overlaps between sources.
pub(crate) fn splice(
    indicator: &'static Indicator,
    provenance: &str,
    parts: Vec<Part>,
    coverage: &Coverage,
) -> (Vec<Value>, Vec<Overlap>) {
    let mut chosen: BTreeMap<(Series, i32), (usize, f64)> = BTreeMap::new();
    let mut overlaps: BTreeMap<(Series, usize, usize), Vec<Pair>> = BTreeMap::new();
    // The last year of each series in the sources so far: a later source only carries a series
    // forward from there (or gives a series they lack), it never fills a gap inside their years.
    let mut last: HashMap<Series, i32> = HashMap::new();
    for (k, part) in parts.iter().enumerate() {
        let mut reach: HashMap<Series, i32> = HashMap::new();
        for (country, partner, year, value, dimension) in &part.rows {
            let series = (country.clone(), partner.clone(), dimension.clone());
            let covered = partner.as_ref().and_then(|p| {
                parts[..k]
                    .iter()
                    .filter_map(|e| coverage.get(&(e.dataset.clone(), country.clone(), p.clone())))
                    .max()
                    .copied()
            });
            let before = last.get(&series).copied().max(covered);
            match chosen.get(&(series.clone(), *year)) {
                Some(&(earlier, published)) if earlier != k => overlaps
                    .entry((series, earlier, k))
                    .or_default()
                    .push((*year, published, *value)),
                // A source's own repeat: its first value stands, as for any query.
                Some(_) => {}
                // Within the years of the sources before: missing stays missing.
                None if before.is_some_and(|b| *year <= b) => {}
                None => {
                    let r = reach.entry(series.clone()).or_insert(*year);
                    *r = (*r).max(*year);
                    chosen.insert((series, *year), (k, *value));
                }
            }
        }
        for (series, year) in reach {
            let l = last.entry(series).or_insert(year);
            *l = (*l).max(year);
        }
    }
    let mut values = Vec::with_capacity(chosen.len());
    let mut previous: Option<(&Series, usize)> = None;
    for ((series, year), (k, value)) in &chosen {
        let series_break = matches!(previous, Some((s, p)) if s == series && p != *k);
        previous = Some((series, *k));
        values.push(Value {
            indicator: indicator.id,
            country: series.0.clone(),
            partner: series.1.clone(),
            dimension: series.2.clone(),
            year: *year,
            value: *value,
            unit: indicator.unit.to_string(),
            provenance: provenance.to_string(),
            source: parts[*k].source.clone(),
            series_break,
        });
    }
    let overlaps = overlaps
        .into_iter()
        .map(|((series, earlier, later), mut years)| {
            years.sort_by_key(|y| y.0);
            Overlap {
                indicator: indicator.id,
                country: series.0,
                partner: series.1,
                earlier: parts[earlier].source.clone(),
                later: parts[later].source.clone(),
                years,
            }
        })
        .collect();
    (values, overlaps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(country: &str, year: i32, value: f64) -> Row {
        (country.into(), Some("CHN".into()), year, value, None)
    }

    #[test]
    fn later_sources_carry_series_on_past_the_earlier_ones_last_year_and_breaks_are_flagged() {
        let indicator = crate::find("china_partner_share").unwrap();
        let parts = vec![
            Part {
                source: "dots".into(),
                dataset: "dots".into(),
                rows: vec![
                    row("PER", 2019, 0.25),
                    row("PER", 2020, 0.28),
                    row("ARG", 2018, 0.10),
                ],
            },
            Part {
                source: "comtrade".into(),
                dataset: "comtrade".into(),
                rows: vec![
                    // DOTS reports Argentina's trade with China to 2020 (another flow), so its
                    // series waits for 2021 here: 2019 and 2020 stay missing.
                    row("ARG", 2019, 0.11),
                    row("ARG", 2021, 0.12),
                    row("PER", 2020, 0.30), // overlap: DOTS is published, the difference kept
                    row("PER", 2021, 0.31),
                    row("HTI", 2021, 0.05), // a series only the later source has: no break
                ],
            },
            Part {
                source: "third".into(),
                dataset: "third".into(),
                // 2018 lies before Peru's last year so far (2021) and no source before has
                // it: left out, not filled; 2020 overlaps DOTS; 2023 carries Peru on.
                rows: vec![
                    row("PER", 2018, 0.2),
                    row("PER", 2020, 0.27),
                    row("PER", 2023, 0.4),
                ],
            },
        ];
        let coverage: Coverage = [(("dots".into(), "ARG".into(), "CHN".into()), 2020)].into();
        let (values, overlaps) = splice(indicator, "p", parts, &coverage);
        let got: Vec<(&str, i32, f64, &str, bool)> = values
            .iter()
            .map(|v| {
                (
                    v.country.as_str(),
                    v.year,
                    v.value,
                    v.source.as_str(),
                    v.series_break,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("ARG", 2018, 0.10, "dots", false),
                ("ARG", 2021, 0.12, "comtrade", true),
                ("HTI", 2021, 0.05, "comtrade", false),
                ("PER", 2019, 0.25, "dots", false),
                ("PER", 2020, 0.28, "dots", false),
                ("PER", 2021, 0.31, "comtrade", true),
                ("PER", 2023, 0.4, "third", true),
            ]
        );
        assert_eq!(overlaps.len(), 2);
        assert_eq!(overlaps[0].years, vec![(2020, 0.28, 0.30)]);
        // 0.30 / 0.28 − 1, by hand: 0.0714…
        let r = overlaps[0].mean_relative_difference().unwrap();
        assert!((r - (0.30 / 0.28 - 1.0)).abs() < 1e-12);
        assert!((overlaps[0].mean_difference() - 0.02).abs() < 1e-12);
        assert_eq!(overlaps[1].later, "third");
        assert_eq!(overlaps[1].years, vec![(2020, 0.28, 0.27)]);
    }
}
