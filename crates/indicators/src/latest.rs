//! The latest year with a value, series by series: what a reader asking "what share of Peru's
//! trade is with China?" wants, with the year beside the value, because series end in different
//! years (a map of "latest" values may mix 2020 and 2024, and says so).

use std::collections::BTreeMap;

use crate::Value;

/// A series: indicator, country, partner, dimension.
type Series<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>);

/// For each series (indicator, country, partner, dimension), its value of the latest year, in
/// the order the series first appear.
pub fn latest<'a>(values: impl IntoIterator<Item = &'a Value>) -> Vec<&'a Value> {
    let mut best: Vec<&'a Value> = Vec::new();
    let mut at: BTreeMap<Series<'a>, usize> = BTreeMap::new();
    for v in values {
        let key = (
            v.indicator,
            v.country.as_str(),
            v.partner.as_deref(),
            v.dimension.as_deref(),
        );
        match at.get(&key) {
            Some(&i) if best[i].year >= v.year => {}
            Some(&i) => best[i] = v,
            None => {
                at.insert(key, best.len());
                best.push(v);
            }
        }
    }
    best
}

/// How many series end in each year, latest first: `[(2024, 30), (2020, 3)]`.
pub fn years_of(values: &[&Value]) -> Vec<(i32, usize)> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v.year).or_default() += 1;
    }
    counts.into_iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(country: &str, partner: Option<&str>, year: i32, v: f64) -> Value {
        Value {
            indicator: "china_trade_share",
            country: country.into(),
            partner: partner.map(Into::into),
            dimension: None,
            year,
            value: v,
            unit: "share".into(),
            provenance: "fixture".into(),
            source: "fixture".into(),
            series_break: false,
        }
    }

    #[test]
    fn each_series_keeps_its_own_latest_year() {
        let values = [
            value("PER", None, 2019, 0.25),
            value("PER", None, 2020, 0.28),
            value("ARG", None, 2024, 0.10),
            value("PER", Some("USA"), 2018, 0.5), // another series: another partner
            value("ARG", None, 2023, 0.09),
        ];
        let got: Vec<(&str, Option<&str>, i32, f64)> = latest(&values)
            .iter()
            .map(|v| (v.country.as_str(), v.partner.as_deref(), v.year, v.value))
            .collect();
        assert_eq!(
            got,
            vec![
                ("PER", None, 2020, 0.28),
                ("ARG", None, 2024, 0.10),
                ("PER", Some("USA"), 2018, 0.5),
            ]
        );
        assert_eq!(
            years_of(&latest(&values)),
            vec![(2024, 1), (2020, 1), (2018, 1)]
        );
    }
}
