//! One country seen through the framework: for each foundation and field, each observing
//! indicator's latest value and year, its value at an earlier year and the change, and where the
//! country stands among the 33 LAC states that year; with the country's curated facts of each
//! part's kinds.

use std::collections::HashMap;

use galeon_facts::Fact;
use galeon_indicators::Value;
use galeon_registry::{Lang, Registry, LAC33};
use serde_json::json;

use crate::framework::framework;
use crate::{Answer, Cell, Error, Table};

/// Whose framework view, compared with which year.
#[derive(Debug, Clone)]
pub struct FrameworkQuery {
    /// The country (a code).
    pub country: String,
    /// The earlier year to compare with (default: ten years before each indicator's latest).
    pub since: Option<i32>,
}

/// The partner an indicator's series are with: China where the indicator has values with China
/// (the observatory's subject), else the partner most of its values name (the United States for
/// `us_partner_share`), else none.
fn partner_of(values: &[Value]) -> Option<&str> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for p in values.iter().filter_map(|v| v.partner.as_deref()) {
        *counts.entry(p).or_default() += 1;
    }
    if counts.contains_key("CHN") {
        return Some("CHN");
    }
    (counts.into_iter())
        .max_by_key(|(p, n)| (*n, std::cmp::Reverse(*p)))
        .map(|(p, _)| p)
}

/// A country's series of one indicator: no breakdown, with the indicator's partner.
fn series<'a>(values: &'a [Value], country: &str, partner: Option<&str>) -> Vec<&'a Value> {
    let mut s: Vec<&Value> = (values.iter())
        .filter(|v| v.country == country && v.dimension.is_none())
        .filter(|v| v.partner.as_deref() == partner)
        .collect();
    s.sort_by_key(|v| v.year);
    s
}

/// The median of some numbers (the mean of the middle two for an even count).
fn median(mut xs: Vec<f64>) -> Option<f64> {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(xs[n / 2]),
        _ => Some((xs[n / 2 - 1] + xs[n / 2]) / 2.0),
    }
}

/// The framework view of one country.
pub fn framework_view(
    panel: &HashMap<&'static str, Vec<Value>>,
    facts: &[Fact],
    q: &FrameworkQuery,
) -> Answer {
    let entity = Registry::global()
        .resolve(&q.country)
        .map_err(|e| Error::Invalid(e.to_string()))?;
    let code = entity.iso3.as_str();
    if !LAC33.contains(&code) {
        return Err(Error::Invalid(format!(
            "{code}: the framework view is of the 33 LAC states (it places each among them)"
        )));
    }
    let mut t = Table::new(
        format!("framework-{code}"),
        &[
            "part",
            "kind",
            "indicator",
            "title",
            "unit",
            "latest_year",
            "latest",
            "earlier_year",
            "earlier",
            "change",
            "lac_median",
            "lac_rank",
            "lac_states",
            "source",
        ],
    );
    let mut sources = std::collections::BTreeSet::new();
    let mut parts = Vec::new();
    for part in &framework().parts {
        for id in &part.indicators {
            let indicator = galeon_indicators::find(id).expect("validated");
            let all = panel.get(indicator.id).map_or(&[][..], Vec::as_slice);
            let partner = partner_of(all);
            let mine = series(all, code, partner);
            let latest = mine.last();
            // The last value at or before the year compared with (none at or after the latest).
            let target = latest.map(|l| q.since.unwrap_or(l.year - 10));
            let earlier = (latest.zip(target))
                .filter(|(l, t)| *t < l.year)
                .and_then(|(_, t)| mine.iter().rev().find(|v| v.year <= t));
            // Where the country stands among the LAC states in its latest year.
            let peers: Vec<f64> = match latest {
                Some(l) => (LAC33.iter())
                    .filter_map(|c| {
                        series(all, c, partner)
                            .into_iter()
                            .find(|v| v.year == l.year)
                    })
                    .map(|v| v.value)
                    .collect(),
                None => vec![],
            };
            // 1 is the highest value; for ranks among partners and for years, the lowest (the top
            // partner, the earliest year).
            let lowest_first = indicator.unit.starts_with("rank") || indicator.unit == "year";
            let ahead = |p: f64, mine: f64| if lowest_first { p < mine } else { p > mine };
            let rank = latest.map(|l| 1 + peers.iter().filter(|p| ahead(**p, l.value)).count());
            if let Some(l) = latest {
                sources.insert(l.provenance.clone());
            }
            t.push(vec![
                part.id.as_str().into(),
                part.kind.as_str().into(),
                indicator.id.into(),
                indicator.title.into(),
                indicator.unit.into(),
                latest.map(|v| v.year).into(),
                latest.map(|v| v.value).into(),
                earlier.map(|v| v.year).into(),
                earlier.map(|v| v.value).into(),
                (latest.zip(earlier)).map(|(l, e)| l.value - e.value).into(),
                median(peers.clone()).into(),
                rank.into(),
                Cell::from(peers.len()),
                latest.map(|v| v.source.clone()).into(),
            ]);
        }
        let kinds = part.fact_kinds();
        let records: Vec<serde_json::Value> = (facts.iter())
            .filter(|f| f.used && f.country.as_deref() == Some(code) && kinds.contains(&f.kind))
            .map(|f| json!({"id": f.id, "kind": f.kind.as_str(), "value": f.value, "date": f.date.to_string(), "until": f.until.map(|d| d.to_string()), "text": f.text}))
            .collect();
        parts.push(json!({"id": part.id, "kind": part.kind, "name": part.name, "argument": part.argument, "facts": records}));
    }
    t.sources = sources.into_iter().collect();
    let source = &framework().source;
    t.note("country", code);
    t.note("name_en", entity.name(Lang::En));
    t.note("name_es", entity.name(Lang::Es));
    t.note("framework", json!(source));
    t.note("parts", parts);
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(
        country: &str,
        partner: Option<&str>,
        dimension: Option<&str>,
        year: i32,
        value: f64,
    ) -> Value {
        Value {
            indicator: "china_partner_share",
            country: country.into(),
            partner: partner.map(str::to_string),
            dimension: dimension.map(str::to_string),
            year,
            value,
            unit: "fraction".into(),
            provenance: "test".into(),
            source: "imf-dots".into(),
            series_break: false,
        }
    }

    /// Values worked by hand: Peru's share 0.1 in 2010 and 0.3 in 2020; Brazil 0.2 and Chile 0.4
    /// in 2020. A breakdown row and a row with another partner are not the series.
    #[test]
    fn a_country_s_latest_value_its_change_and_its_place_among_the_lac_states() {
        let panel: HashMap<&'static str, Vec<Value>> = HashMap::from([(
            "china_partner_share",
            vec![
                value("PER", Some("CHN"), None, 2010, 0.1),
                value("PER", Some("CHN"), None, 2020, 0.3),
                value("PER", Some("CHN"), Some("HS2"), 2021, 0.9),
                value("PER", Some("USA"), None, 2021, 0.8),
                value("BRA", Some("CHN"), None, 2020, 0.2),
                value("CHL", Some("CHN"), None, 2020, 0.4),
            ],
        )]);
        let q = FrameworkQuery {
            country: "Perú".into(),
            since: None,
        };
        let t = framework_view(&panel, &[], &q).unwrap();
        let json = t.to_json();
        let rows = json["data"].as_array().unwrap();
        let row = rows
            .iter()
            .find(|r| r["part"] == "economic" && r["indicator"] == "china_partner_share")
            .unwrap();
        assert_eq!(row["latest_year"], 2020);
        assert_eq!(row["latest"], 0.3);
        assert_eq!(row["earlier_year"], 2010);
        assert_eq!(row["earlier"], 0.1);
        assert!((row["change"].as_f64().unwrap() - 0.2).abs() < 1e-12);
        assert_eq!(row["lac_median"], 0.3);
        assert_eq!(row["lac_rank"], 2);
        assert_eq!(row["lac_states"], 3);
        // The same indicator observes F3 and F4 too: one row per part it observes.
        let parts: Vec<&str> = (rows.iter())
            .filter(|r| r["indicator"] == "china_partner_share")
            .map(|r| r["part"].as_str().unwrap())
            .collect();
        assert_eq!(
            parts,
            ["f3_rational_choice", "f4_extra_regional", "economic"]
        );
        // An indicator without values for Peru is there, empty, not left out.
        let empty = rows
            .iter()
            .find(|r| r["indicator"] == "bri_member")
            .unwrap();
        assert!(empty["latest"].is_null() && empty["lac_states"] == 0);
        assert_eq!(json["meta"]["country"], "PER");
        // Since a given year: compared with the last value at or before it (2010 for 2015).
        let q = FrameworkQuery {
            country: "PER".into(),
            since: Some(2015),
        };
        let t = framework_view(&panel, &[], &q).unwrap().to_json();
        let row = &t["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["indicator"] == "china_partner_share")
            .unwrap()
            .clone();
        assert_eq!(
            (row["earlier_year"].as_i64(), row["earlier"].as_f64()),
            (Some(2010), Some(0.1))
        );
        // Since the latest year or later: nothing earlier to compare with.
        let q = FrameworkQuery {
            country: "PER".into(),
            since: Some(2020),
        };
        let t = framework_view(&panel, &[], &q).unwrap().to_json();
        let row = t["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["indicator"] == "china_partner_share")
            .unwrap()
            .clone();
        assert!(row["earlier"].is_null() && row["change"].is_null());
        // A state outside LAC cannot be placed among the LAC states.
        let q = FrameworkQuery {
            country: "USA".into(),
            since: None,
        };
        assert!(framework_view(&panel, &[], &q)
            .unwrap_err()
            .to_string()
            .contains("33 LAC states"));
    }

    /// Ranks among partners count from the lowest (1 = top partner): a state whose China rank is
    /// 1 is first among the LAC states, not last.
    #[test]
    fn ranks_and_years_are_placed_from_the_lowest_value() {
        let rank = |country: &str, v: f64| Value {
            indicator: "china_partner_rank",
            ..value(country, Some("CHN"), None, 2020, v)
        };
        let panel: HashMap<&'static str, Vec<Value>> = HashMap::from([(
            "china_partner_rank",
            vec![
                rank("PER", 1.0),
                rank("BRA", 1.0),
                rank("MEX", 2.0),
                rank("CHL", 1.0),
            ],
        )]);
        let q = FrameworkQuery {
            country: "MEX".into(),
            since: None,
        };
        let t = framework_view(&panel, &[], &q).unwrap().to_json();
        let row = t["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["indicator"] == "china_partner_rank")
            .unwrap()
            .clone();
        assert_eq!(row["lac_rank"], 4);
    }
}
