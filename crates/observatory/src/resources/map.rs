//! The map: one row per LAC state (missing ones included, with no value) for an indicator or
//! the index, in one year or each state's latest.

use std::collections::{BTreeSet, HashMap};

use galeon_indicators::Value;
use galeon_registry::{Lang, Registry, LAC33};
use serde_json::json;

use crate::params::MapYear;
use crate::{Answer, Error, Observatory, Table};

/// What to map.
#[derive(Debug, Clone)]
pub struct MapQuery {
    /// An indicator id, or `index`.
    pub indicator: String,
    /// Which year.
    pub year: MapYear,
    /// The breakdown, for indicators that have one.
    pub dimension: Option<String>,
}

/// One state's point on the map.
struct Point {
    year: i32,
    value: f64,
    rank: Option<u32>,
    source: Option<(String, bool)>,
}

/// The map table; `meta` has the year shown, the years available, the range and the gaps.
pub fn map(obs: &Observatory, q: &MapQuery) -> Answer {
    let mut t = Table::new(
        format!("map-{}", q.indicator),
        &[
            "country",
            "numeric",
            "name_en",
            "name_es",
            "year",
            "value",
            "rank",
            "source",
            "series_break",
        ],
    );
    let (points, year, available) = match q.indicator.as_str() {
        "index" => index_points(obs, q, &mut t)?,
        id => indicator_points(obs, id, q, &mut t)?,
    };
    let registry = Registry::global();
    for code in LAC33 {
        let e = registry.resolve(code).expect("LAC33 resolve");
        let point = points.get(code);
        let source = point.and_then(|p| p.source.as_ref());
        t.push(vec![
            code.into(),
            e.numeric.map(u32::from).into(),
            e.name(Lang::En).into(),
            e.name(Lang::Es).into(),
            point.map(|p| p.year).into(),
            point.map(|p| p.value).into(),
            point.and_then(|p| p.rank).into(),
            source.map(|s| s.0.clone()).into(),
            source.map(|s| s.1).into(),
        ]);
    }
    let present = points.values().map(|p| p.value);
    t.note("indicator", q.indicator.as_str());
    t.note("year", year);
    t.note("years", available.into_iter().collect::<Vec<_>>());
    t.note("min", present.clone().reduce(f64::min));
    t.note("max", present.reduce(f64::max));
    t.note("missing", LAC33.len() - points.len());
    Ok(t)
}

type Points = (HashMap<String, Point>, i32, BTreeSet<i32>);

fn index_points(obs: &Observatory, q: &MapQuery, t: &mut Table) -> Result<Points, Error> {
    let (index, _) = obs.index()?;
    let available: BTreeSet<i32> = index.nominal.years.iter().map(|y| y.year).collect();
    let year = match q.year {
        MapYear::Year(y) => y,
        MapYear::Usual | MapYear::Latest => *available.last().unwrap_or(&0),
    };
    let mut points = HashMap::new();
    if let Some(y) = index.nominal.years.iter().find(|y| y.year == year) {
        for (c, code) in y.countries.iter().enumerate() {
            if let Some(value) = y.index[c] {
                let rank = y.ranks[c];
                let source = None;
                points.insert(
                    code.clone(),
                    Point {
                        year,
                        value,
                        rank,
                        source,
                    },
                );
            }
        }
    }
    t.note("title", index.prepared.config.name.as_str());
    t.note("unit", "score (1–100)");
    t.sources = obs.releases();
    Ok((points, year, available))
}

fn indicator_points(
    obs: &Observatory,
    id: &str,
    q: &MapQuery,
    t: &mut Table,
) -> Result<Points, Error> {
    let indicator = super::find(id)?;
    let rows: Vec<&Value> = (obs.values.get(indicator.id).into_iter().flatten())
        .filter(|v| LAC33.contains(&v.country.as_str()))
        .filter(|v| (q.dimension.as_ref()).is_none_or(|d| v.dimension.as_ref() == Some(d)))
        .collect();
    let dims: BTreeSet<&str> = rows.iter().filter_map(|v| v.dimension.as_deref()).collect();
    if q.dimension.is_none() && !dims.is_empty() {
        return Err(Error::Invalid(format!(
            "{id} has a breakdown: add dimension (one of {})",
            dims.into_iter().collect::<Vec<_>>().join(", ")
        )));
    }
    let available: BTreeSet<i32> = rows.iter().map(|v| v.year).collect();
    // By default, the latest year at least half the states have a value for: a later year
    // with a handful of states would be a map of gaps.
    let half = |y: &i32| rows.iter().filter(|v| v.year == *y).count() * 2 >= LAC33.len();
    let newest = available.last().copied().unwrap_or(0);
    let year = match q.year {
        MapYear::Year(y) => y,
        MapYear::Latest => newest,
        MapYear::Usual => available
            .iter()
            .rev()
            .find(|y| half(y))
            .copied()
            .unwrap_or(newest),
    };
    let shown: Vec<&Value> = match q.year {
        MapYear::Latest => {
            let latest = galeon_indicators::latest(rows.iter().copied());
            let ends: Vec<serde_json::Value> = (galeon_indicators::years_of(&latest).into_iter())
                .map(|(year, n)| json!({"year": year, "series": n}))
                .collect();
            t.note("latest_years", ends);
            latest
        }
        _ => rows.iter().copied().filter(|v| v.year == year).collect(),
    };
    let mut points = HashMap::new();
    let mut provenance = BTreeSet::new();
    for v in shown {
        let source = Some((v.source.clone(), v.series_break));
        points.insert(
            v.country.clone(),
            Point {
                year: v.year,
                value: v.value,
                rank: None,
                source,
            },
        );
        provenance.insert(v.provenance.clone());
    }
    t.sources = provenance.into_iter().collect();
    t.note("title", indicator.title);
    t.note("unit", indicator.unit);
    Ok((points, year, available))
}
