//! The composite index: scores with their rank intervals, one score explained, and the
//! sensitivity of the ranks to each uncertain choice.

use galeon_index::{Analysis, Index};
use serde_json::json;

use crate::params::Countries;
use crate::{Answer, Cell, Error, Table};

/// Which scores.
#[derive(Debug, Clone, Default)]
pub struct IndexQuery {
    /// Only this year.
    pub year: Option<i32>,
    /// Only these countries.
    pub countries: Option<Countries>,
}

fn scored_years(index: &Index) -> String {
    let years: Vec<String> = (index.nominal.years.iter())
        .map(|y| y.year.to_string())
        .collect();
    years.join(", ")
}

/// Each country-year's score, rank, rank interval (with an analysis) and pillar scores, by
/// year and rank; `meta` has the configuration, weights, log and the analysis's size.
pub fn index_scores(index: &Index, analysis: Option<&Analysis>, q: &IndexQuery) -> Answer {
    if let Some(y) = q.year {
        if !index.nominal.years.iter().any(|t| t.year == y) {
            let scored = scored_years(index);
            return Err(Error::Invalid(format!(
                "year {y} is not scored: the index scores {scored}"
            )));
        }
    }
    let pillars: Vec<String> = (index.prepared.config.pillars.iter())
        .map(|p| format!("pillar_{}", p.id))
        .collect();
    let mut columns = vec!["year", "country", "score", "rank"];
    columns.extend(["median_rank", "rank_p05", "rank_p95"]);
    columns.extend(pillars.iter().map(String::as_str));
    let mut t = Table::new("index", &columns);
    let intervals = analysis.map(|a| a.intervals_by_key()).unwrap_or_default();
    let years = (index.nominal.years.iter()).filter(|t| q.year.is_none_or(|y| t.year == y));
    for y in years {
        let mut order: Vec<usize> = (0..y.countries.len())
            .filter(|&c| (q.countries.as_ref()).is_none_or(|cs| cs.contains(&y.countries[c])))
            .collect();
        order.sort_by_key(|&c| y.ranks[c].unwrap_or(u32::MAX));
        for c in order {
            let iv = intervals.get(&(y.year, y.countries[c].as_str()));
            let mut row = vec![
                y.year.into(),
                y.countries[c].as_str().into(),
                y.index[c].into(),
                y.ranks[c].into(),
                iv.map(|r| r.median).into(),
                iv.map(|r| r.p05).into(),
                iv.map(|r| r.p95).into(),
            ];
            row.extend((0..pillars.len()).map(|p| Cell::from(y.pillars[c][p])));
            t.push(row);
        }
    }
    let weights: Vec<serde_json::Value> = (index.weight_table().iter())
        .map(|(p, k, w, pw, e)| json!({"pillar": p, "indicator": k, "weight_in_pillar": w, "pillar_weight": pw, "effective_weight": e}))
        .collect();
    t.note("name", index.prepared.config.name.as_str());
    t.note("log", index.log.clone());
    t.note("choices", json!(index.nominal.choices));
    t.note("weights", weights);
    t.note("skipped_years", json!(index.prepared.skipped));
    t.note(
        "uncertainty",
        analysis.map(|a| json!({"base_samples": a.n, "runs": a.runs, "years": a.years, "sensitivity": a.sensitivity})),
    );
    Ok(t)
}

/// What drives one score.
#[derive(Debug, Clone)]
pub struct ExplainQuery {
    /// The country (a code).
    pub country: String,
    /// The year.
    pub year: i32,
}

/// Each indicator's raw, treated and normalised value, its nominal, effective and used weight,
/// and its contribution to one country-year's score; `meta` has the score, rank and pillars.
pub fn explain(index: &Index, q: &ExplainQuery) -> Answer {
    let Some(e) = index.explain(&q.country, q.year) else {
        return Err(Error::Invalid(format!(
            "{} has no score in {}: the index scores {} (years with enough data), and a country \
             needs data in every pillar",
            q.country,
            q.year,
            scored_years(index)
        )));
    };
    let mut t = Table::new(
        format!("explain-{}-{}", q.country, q.year),
        &[
            "pillar",
            "indicator",
            "raw",
            "treated",
            "normalised",
            "weight_in_pillar",
            "effective_weight",
            "used_weight",
            "contribution",
            "treatment",
        ],
    );
    for r in &e.rows {
        t.push(vec![
            r.pillar.as_str().into(),
            r.indicator.as_str().into(),
            r.raw.into(),
            r.treated.into(),
            r.normalised.into(),
            r.weight_in_pillar.into(),
            r.effective_weight.into(),
            r.used_weight.into(),
            r.contribution.into(),
            r.treatment.clone().into(),
        ]);
    }
    let pillars: Vec<serde_json::Value> = (e.pillars.iter())
        .map(|(id, score, weight)| json!({"pillar": id, "score": score, "weight": weight}))
        .collect();
    t.note("country", e.country.as_str());
    t.note("year", e.year);
    t.note("score", e.score);
    t.note("rank", e.rank);
    t.note("countries", e.countries);
    t.note("pillars", pillars);
    t.note("additive", e.additive);
    Ok(t)
}

/// First- and total-order Sobol indices of the mean absolute rank shift, with their 95 %
/// bootstrap half-widths.
pub fn sensitivity(analysis: &Analysis) -> Answer {
    let mut t = Table::new("sensitivity", &["factor", "s1", "s1_conf", "st", "st_conf"]);
    for s in &analysis.sensitivity {
        t.push(vec![
            s.factor.as_str().into(),
            s.s1.into(),
            s.s1_conf.into(),
            s.st.into(),
            s.st_conf.into(),
        ]);
    }
    t.note("base_samples", analysis.n);
    t.note("runs", analysis.runs);
    Ok(t)
}
