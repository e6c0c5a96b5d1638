//! The framework view: for each foundation and field, each observing indicator's latest value and
//! year, its value at an earlier year and the change, and where the country stands among the 33
//! LAC states that year; for one state (with its curated facts of each part's kinds and its
//! series, for trend charts) or for all of them, the region, to compare them part by part.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use galeon_facts::Fact;
use galeon_indicators::Value;
use galeon_registry::{Lang, Registry, LAC33};
use serde_json::json;

use crate::framework::{framework, Part};
use crate::{Answer, Cell, Error, Table};

/// Whose framework view, over which years, in which language.
#[derive(Debug, Clone)]
pub struct FrameworkQuery {
    /// The country (a code or a name); none for the region: every LAC state, part by part.
    pub country: Option<String>,
    /// The earlier year to compare with (default: ten years before each indicator's latest).
    pub since: Option<i32>,
    /// The last year read (default: each indicator's latest).
    pub until: Option<i32>,
    /// The language of the names of parts and countries.
    pub lang: Lang,
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

/// One indicator as the view reads it: each state's series (no breakdown, the indicator's
/// partner, up to the last year read), in year order.
struct Observed<'a> {
    partner: Option<&'a str>,
    series: HashMap<&'a str, Vec<&'a Value>>,
}

impl<'a> Observed<'a> {
    fn new(values: &'a [Value], until: Option<i32>) -> Observed<'a> {
        let partner = partner_of(values);
        let mut series: HashMap<&str, Vec<&Value>> = HashMap::new();
        for v in values {
            if v.dimension.is_none()
                && v.partner.as_deref() == partner
                && until.is_none_or(|u| v.year <= u)
            {
                series.entry(v.country.as_str()).or_default().push(v);
            }
        }
        for s in series.values_mut() {
            s.sort_by_key(|v| v.year);
        }
        Observed { partner, series }
    }

    fn of(&self, country: &str) -> &[&'a Value] {
        self.series.get(country).map_or(&[], Vec::as_slice)
    }
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

/// The states the query names: one LAC state, or all 33.
fn states(q: &FrameworkQuery) -> Result<Vec<&'static str>, Error> {
    let Some(text) = &q.country else {
        return Ok(LAC33.to_vec());
    };
    let why = "the framework view is of the 33 LAC states (it places each among them)";
    Ok(vec![crate::params::lac_state(text, why)?])
}

/// The framework view of one LAC state, or of all 33 (the region) when none is named.
pub fn framework_view(
    panel: &HashMap<&'static str, Vec<Value>>,
    facts: &[Fact],
    q: &FrameworkQuery,
) -> Answer {
    if let (Some(since), Some(until)) = (q.since, q.until) {
        if since >= until {
            return Err(Error::Invalid(format!(
                "years {since}..{until}: the earlier year must come before the last"
            )));
        }
    }
    let registry = Registry::global();
    let countries = states(q)?;
    let name = match countries.as_slice() {
        [one] => format!("framework-{one}"),
        _ => "framework-lac".to_string(),
    };
    let mut t = Table::new(
        name,
        &[
            "country",
            "country_name",
            "part",
            "part_name",
            "kind",
            "indicator",
            "title",
            "unit",
            "partner",
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
    // Each indicator read once, whichever parts and states it is shown for.
    let ids: BTreeSet<&str> = (framework().parts.iter())
        .flat_map(|p| p.indicators.iter().map(String::as_str))
        .collect();
    let observed: HashMap<&str, Observed> = (ids.into_iter())
        .map(|id| {
            let values = panel.get(id).map_or(&[][..], Vec::as_slice);
            (id, Observed::new(values, q.until))
        })
        .collect();
    let mut sources = BTreeSet::new();
    for code in &countries {
        let country_name = registry.resolve(code).expect("LAC33 resolve").name(q.lang);
        for part in &framework().parts {
            for id in &part.indicators {
                let row = Row::new(&observed[id.as_str()], code, q.since);
                sources.extend(row.latest.map(|v| v.provenance.clone()));
                t.push(row.cells(code, country_name, part, id, q.lang));
            }
        }
    }
    t.sources = sources.into_iter().collect();
    let parts: Vec<serde_json::Value> = (framework().parts.iter())
        .map(|part| {
            json!({
                "id": part.id,
                "kind": part.kind,
                "name": part.name.get(q.lang),
                "argument": part.argument.get(q.lang),
                "facts": match countries.as_slice() {
                    [code] => facts_of(facts, part, code, q.until, q.lang),
                    // The region's would be every record: /api/facts has them.
                    _ => vec![],
                },
            })
        })
        .collect();
    if let [code] = countries.as_slice() {
        let entity = registry.resolve(code).expect("LAC33 resolve");
        t.note("country", *code);
        t.note("name", entity.name(q.lang));
        t.note("trends", trends(&observed, code));
    }
    t.note("lang", q.lang.tag());
    t.note("framework", json!(framework().source));
    t.note("parts", parts);
    Ok(t)
}

/// A state's curated facts of a part's kinds, those dated up to the last year read.
fn facts_of(
    facts: &[Fact],
    part: &Part,
    code: &str,
    until: Option<i32>,
    lang: Lang,
) -> Vec<serde_json::Value> {
    let kinds = part.fact_kinds();
    (facts.iter())
        .filter(|f| f.used && f.country.as_deref() == Some(code))
        .filter(|f| kinds.contains(&f.kind))
        .filter(|f| until.is_none_or(|u| f.date.year() <= u))
        .map(|f| {
            let (text, text_lang) = f.text_in(lang);
            json!({"id": f.id, "kind": f.kind.as_str(), "value": f.value, "date": f.date.to_string(),
                "until": f.until.map(|d| d.to_string()), "text": text, "text_lang": text_lang.tag()})
        })
        .collect()
}

/// A state's series of each indicator the view shows, `[year, value]` pairs: the trend charts.
fn trends(observed: &HashMap<&str, Observed>, code: &str) -> serde_json::Value {
    let by_id: BTreeMap<&str, Vec<(i32, f64)>> = (observed.iter())
        .map(|(id, o)| (*id, o.of(code).iter().map(|v| (v.year, v.value)).collect()))
        .collect();
    json!(by_id)
}

/// One indicator of one part for one state: its latest value, the last value at or before the
/// earlier year, and its place among the LAC states in its latest year.
struct Row<'a> {
    observed: &'a Observed<'a>,
    latest: Option<&'a Value>,
    earlier: Option<&'a Value>,
    peers: Vec<f64>,
}

impl<'a> Row<'a> {
    fn new(observed: &'a Observed<'a>, code: &str, since: Option<i32>) -> Row<'a> {
        let mine = observed.of(code);
        let latest = mine.last().copied();
        // The last value at or before the year compared with (none at or after the latest).
        let earlier = latest.and_then(|l| {
            let target = since.unwrap_or(l.year - 10);
            (target < l.year)
                .then(|| mine.iter().rev().find(|v| v.year <= target).copied())
                .flatten()
        });
        let peers = match latest {
            Some(l) => (LAC33.iter())
                .filter_map(|c| observed.of(c).iter().find(|v| v.year == l.year))
                .map(|v| v.value)
                .collect(),
            None => vec![],
        };
        Row {
            observed,
            latest,
            earlier,
            peers,
        }
    }

    fn cells(
        &self,
        code: &str,
        country_name: &str,
        part: &Part,
        id: &str,
        lang: Lang,
    ) -> Vec<Cell> {
        let indicator = galeon_indicators::find(id).expect("validated");
        // 1 is the highest value; for ranks among partners and for years, the lowest (the top
        // partner, the earliest year).
        let lowest_first = indicator.unit.starts_with("rank") || indicator.unit == "year";
        let ahead = |p: f64, mine: f64| if lowest_first { p < mine } else { p > mine };
        let (latest, earlier) = (self.latest, self.earlier);
        let rank = latest.map(|l| 1 + self.peers.iter().filter(|p| ahead(**p, l.value)).count());
        vec![
            code.into(),
            country_name.into(),
            part.id.as_str().into(),
            part.name.get(lang).into(),
            part.kind.as_str().into(),
            indicator.id.into(),
            indicator.title.into(),
            indicator.unit.into(),
            self.observed.partner.into(),
            latest.map(|v| v.year).into(),
            latest.map(|v| v.value).into(),
            earlier.map(|v| v.year).into(),
            earlier.map(|v| v.value).into(),
            (latest.zip(earlier)).map(|(l, e)| l.value - e.value).into(),
            median(self.peers.clone()).into(),
            rank.into(),
            Cell::from(self.peers.len()),
            latest.map(|v| v.source.clone()).into(),
        ]
    }
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

    /// A query for one state (or the region), in English, up to the latest year.
    fn query(country: Option<&str>, since: Option<i32>) -> FrameworkQuery {
        FrameworkQuery {
            country: country.map(str::to_string),
            since,
            until: None,
            lang: Lang::En,
        }
    }

    /// The first row of an indicator in an answer.
    fn row_of(answer: &serde_json::Value, indicator: &str) -> serde_json::Value {
        (answer["data"].as_array().unwrap().iter())
            .find(|r| r["indicator"] == indicator)
            .unwrap()
            .clone()
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
        let q = query(Some("Perú"), None);
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
        let q = query(Some("PER"), Some(2015));
        let t = framework_view(&panel, &[], &q).unwrap().to_json();
        let row = row_of(&t, "china_partner_share");
        assert_eq!(
            (row["earlier_year"].as_i64(), row["earlier"].as_f64()),
            (Some(2010), Some(0.1))
        );
        // Since the latest year or later: nothing earlier to compare with.
        let q = query(Some("PER"), Some(2020));
        let t = framework_view(&panel, &[], &q).unwrap().to_json();
        let row = row_of(&t, "china_partner_share");
        assert!(row["earlier"].is_null() && row["change"].is_null());
        // A state outside LAC cannot be placed among the LAC states.
        let q = query(Some("USA"), None);
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
        let q = query(Some("MEX"), None);
        let t = framework_view(&panel, &[], &q).unwrap().to_json();
        let row = row_of(&t, "china_partner_rank");
        assert_eq!(row["lac_rank"], 4);
    }

    /// The region: every LAC state, part by part, each row the one its own view has.
    #[test]
    fn the_region_is_every_state_s_view_together() {
        let panel: HashMap<&'static str, Vec<Value>> = HashMap::from([(
            "china_partner_share",
            vec![
                value("PER", Some("CHN"), None, 2020, 0.3),
                value("BRA", Some("CHN"), None, 2020, 0.2),
            ],
        )]);
        let all = query(None, None);
        let region = framework_view(&panel, &[], &all).unwrap().to_json();
        let rows = region["data"].as_array().unwrap();
        // One row per indicator shown in each part, for each of the 33 states.
        let per_state: usize = (framework().parts.iter()).map(|p| p.indicators.len()).sum();
        assert_eq!(rows.len(), per_state * LAC33.len());
        let peru = query(Some("PER"), None);
        let alone = framework_view(&panel, &[], &peru).unwrap().to_json();
        let of_peru: Vec<&serde_json::Value> =
            rows.iter().filter(|r| r["country"] == "PER").collect();
        assert_eq!(of_peru.len(), alone["data"].as_array().unwrap().len());
        for (a, b) in of_peru.iter().zip(alone["data"].as_array().unwrap()) {
            assert_eq!(*a, b);
        }
    }

    /// Up to a year, in a language: the latest value is the last at or before that year, the
    /// names are in the language asked for, and the trend is the state's series up to it.
    #[test]
    fn until_a_year_in_a_language() {
        let panel: HashMap<&'static str, Vec<Value>> = HashMap::from([(
            "china_partner_share",
            vec![
                value("PER", Some("CHN"), None, 2005, 0.05),
                value("PER", Some("CHN"), None, 2010, 0.1),
                value("PER", Some("CHN"), None, 2020, 0.3),
                value("BRA", Some("CHN"), None, 2010, 0.2),
            ],
        )]);
        let q = FrameworkQuery {
            country: Some("PER".into()),
            since: Some(2005),
            until: Some(2015),
            lang: Lang::Es,
        };
        let t = framework_view(&panel, &[], &q).unwrap().to_json();
        let row = (t["data"].as_array().unwrap().iter())
            .find(|r| r["part"] == "economic" && r["indicator"] == "china_partner_share")
            .unwrap()
            .clone();
        assert_eq!(
            (row["latest_year"].clone(), row["latest"].clone()),
            (json!(2010), json!(0.1))
        );
        assert_eq!(row["earlier_year"], 2005);
        // Brazil's 0.2 in 2010 is ahead of Peru's 0.1.
        assert_eq!(
            (row["lac_rank"].clone(), row["lac_states"].clone()),
            (json!(2), json!(2))
        );
        assert_eq!(row["country_name"], "Perú");
        assert_eq!(row["part_name"], "Económico");
        assert_eq!(row["partner"], "CHN");
        assert_eq!(
            t["meta"]["trends"]["china_partner_share"],
            json!([[2005, 0.05], [2010, 0.1]])
        );
        let f3 = &t["meta"]["parts"].as_array().unwrap()[2];
        assert_eq!(f3["name"], "La elección racional de ALC");
        // Peru's dated facts of F3 up to 2015, read from the shipped records: none dated later
        // (it joined the Belt and Road in 2019 and the AIIB in 2022), and the FTA of 2009-10.
        let facts = galeon_facts::load_embedded().unwrap();
        let up_to = |until: Option<i32>| {
            let q = FrameworkQuery { until, ..q.clone() };
            let t = framework_view(&panel, &facts, &q).unwrap().to_json();
            let f3 = t["meta"]["parts"][2]["facts"].as_array().unwrap().clone();
            f3.iter()
                .map(|f| f["id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        let early = up_to(Some(2015));
        assert!(
            early.iter().any(|id| id.starts_with("fta-per")),
            "{early:?}"
        );
        assert!(!early
            .iter()
            .any(|id| id.starts_with("aiib-") || id.starts_with("bri-")));
        let all = up_to(None);
        assert!(all.contains(&"aiib-per-member-2022".to_string()), "{all:?}");
        // An earlier year at or after the last is refused.
        let q = FrameworkQuery {
            since: Some(2015),
            ..q
        };
        assert!(framework_view(&panel, &[], &q).is_err());
    }
}
