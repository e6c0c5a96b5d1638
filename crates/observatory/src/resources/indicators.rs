//! Indicators: the catalogue with each one's coverage, and one indicator's values.

use std::collections::{BTreeSet, HashMap};

use galeon_indicators::{Indicator, Value, INDICATORS};
use galeon_registry::Lang;
use serde_json::json;

use crate::params::{Countries, YearRange};
use crate::{Answer, Cell, Error, Table};

/// Every indicator with its family, unit and sources, its title, unit and definition in `lang`
/// (i18n's `ind_<id>`, `unit_*` and `def_<id>`; `unit` stays the catalogue's, which formats
/// values); with a panel,
/// how many values it has and their first and last years (empty without one).
pub fn indicator_list(panel: Option<&HashMap<&'static str, Vec<Value>>>, lang: Lang) -> Answer {
    let texts = crate::texts::Texts::of(lang);
    let mut t = Table::new(
        "indicators",
        &[
            "id",
            "family",
            "title",
            "unit",
            "unit_label",
            "definition",
            "sources",
            "values",
            "first_year",
            "last_year",
            "dimensions",
        ],
    );
    for i in INDICATORS {
        let values = panel.map(|p| p.get(i.id).map_or(&[][..], Vec::as_slice));
        let years = values.map(|v| v.iter().map(|x| x.year));
        // The breakdowns its values have, if any (a map needs one chosen).
        let dimensions: Option<String> = values.and_then(|v| {
            let set: BTreeSet<&str> = v.iter().filter_map(|x| x.dimension.as_deref()).collect();
            (!set.is_empty()).then(|| set.into_iter().collect::<Vec<_>>().join(","))
        });
        t.push(vec![
            i.id.into(),
            i.family.as_str().into(),
            texts.get(&format!("ind_{}", i.id)).to_string().into(),
            i.unit.into(),
            texts.unit(i.unit).to_string().into(),
            texts.get(&format!("def_{}", i.id)).to_string().into(),
            i.sources.into(),
            values.map(<[Value]>::len).into(),
            years.clone().and_then(Iterator::min).into(),
            years.and_then(Iterator::max).into(),
            dimensions.into(),
        ]);
    }
    Ok(t)
}

/// Which values of an indicator.
#[derive(Debug, Clone, Default)]
pub struct ValuesQuery {
    /// Only these countries.
    pub countries: Option<Countries>,
    /// Only these years.
    pub years: Option<YearRange>,
    /// Only this breakdown (product group, sector, lender, technology).
    pub dimension: Option<String>,
    /// Only the latest year with a value of each series (country, partner, dimension), within
    /// `years`; `meta.latest_years` says how many series end in which year.
    pub latest: bool,
}

/// The indicator with this id, or a message saying where the ids are listed.
pub fn find(id: &str) -> Result<&'static Indicator, Error> {
    galeon_indicators::find(id).ok_or_else(|| {
        Error::NotFound(format!(
            "no indicator {id:?}: /api/indicators or `galeon indicators list` lists them"
        ))
    })
}

/// An indicator's values, by country, year and dimension, each naming its source.
pub fn indicator_values(indicator: &Indicator, values: &[Value], q: &ValuesQuery) -> Answer {
    let mut t = Table::new(
        indicator.id,
        &[
            "indicator",
            "country",
            "partner",
            "dimension",
            "year",
            "value",
            "unit",
            "source",
            "series_break",
            "provenance",
        ],
    );
    let mut selected: Vec<&Value> = (values.iter())
        .filter(|v| v.indicator == indicator.id)
        .filter(|v| q.countries.as_ref().is_none_or(|c| c.contains(&v.country)))
        .filter(|v| q.years.is_none_or(|r| r.contains(v.year)))
        .filter(|v| (q.dimension.as_ref()).is_none_or(|d| v.dimension.as_ref() == Some(d)))
        .collect();
    if q.latest {
        // Series end in different years: meta says how many end in which.
        selected = galeon_indicators::latest(selected);
        let ends: Vec<serde_json::Value> = (galeon_indicators::years_of(&selected).into_iter())
            .map(|(year, n)| json!({"year": year, "series": n}))
            .collect();
        t.note("latest_years", ends);
    }
    selected.sort_by(|a, b| {
        let key = |v: &Value| {
            (
                v.country.clone(),
                v.year,
                v.partner.clone(),
                v.dimension.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let mut provenance = BTreeSet::new();
    for v in selected {
        provenance.insert(v.provenance.clone());
        t.push(vec![
            v.indicator.into(),
            v.country.as_str().into(),
            v.partner.clone().into(),
            v.dimension.clone().into(),
            v.year.into(),
            Cell::Num(v.value),
            v.unit.as_str().into(),
            v.source.as_str().into(),
            v.series_break.into(),
            v.provenance.as_str().into(),
        ]);
    }
    t.sources = provenance.into_iter().collect();
    if t.sources.is_empty() {
        t.sources.push(indicator.sources.to_string());
    }
    t.note("title", indicator.title);
    t.note("unit", indicator.unit);
    t.note("family", indicator.family.as_str());
    Ok(t)
}
