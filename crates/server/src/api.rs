//! The JSON API. Every handler validates its parameters (unknown or malformed ones are a 400 with
//! a message saying what to write instead) and answers from memory.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use axum::extract::{Path, Query, State as AxState};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use galeon_registry::{Lang, Registry, LAC33};
use serde_json::json;

use crate::table::{Cell, Format, Table};
use crate::State;

type Shared = AxState<Arc<State>>;
type Params = Query<HashMap<String, String>>;

/// An error answered as JSON with its status.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// A 404 with a message.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            json!({"error": self.message, "status": self.status.as_u16()}).to_string(),
        )
            .into_response()
    }
}

type Answer = Result<Response, ApiError>;

/// Checks that only `allowed` parameters are given, and reads `format`.
fn check(q: &HashMap<String, String>, allowed: &[&str], parquet: bool) -> Result<Format, ApiError> {
    for k in q.keys() {
        if k != "format" && !allowed.contains(&k.as_str()) {
            let mut all: Vec<&str> = allowed.to_vec();
            all.push("format");
            return Err(ApiError::bad(format!(
                "unknown parameter {k:?}: this endpoint takes {}",
                all.join(", ")
            )));
        }
    }
    match q.get("format").map(String::as_str) {
        None | Some("json") => Ok(Format::Json),
        Some("csv") => Ok(Format::Csv),
        Some("parquet") if parquet => Ok(Format::Parquet),
        Some(other) => Err(ApiError::bad(format!(
            "format {other:?}: use json or csv{}",
            if parquet { " or parquet" } else { "" }
        ))),
    }
}

fn country_param(q: &HashMap<String, String>) -> Result<Option<Vec<String>>, ApiError> {
    let Some(text) = q.get("country") else {
        return Ok(None);
    };
    let registry = Registry::global();
    text.split(',')
        .map(|c| {
            registry
                .resolve(c.trim())
                .map(|e| e.iso3.as_str().to_string())
                .map_err(|_| ApiError::bad(format!("country {c:?}: not a country galeon knows (write an ISO alpha-3 code such as BRA)")))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn year_of(text: &str, name: &str) -> Result<i32, ApiError> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| ApiError::bad(format!("{name} {text:?}: write a year such as 2020")))
}

fn years_param(q: &HashMap<String, String>) -> Result<Option<(i32, i32)>, ApiError> {
    let Some(text) = q.get("years") else {
        return Ok(None);
    };
    let (a, b) = match text.split_once("..") {
        Some((a, b)) => (year_of(a, "years")?, year_of(b, "years")?),
        None => {
            let y = year_of(text, "years")?;
            (y, y)
        }
    };
    if a > b {
        return Err(ApiError::bad(format!(
            "years {text:?}: write FIRST..LAST, first before last"
        )));
    }
    Ok(Some((a, b)))
}

fn built(state: &State) -> &str {
    &state.manifest.built_at
}

/// The API's routes.
pub fn routes() -> Router<Arc<State>> {
    Router::new()
        .route(
            "/api/openapi.json",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    crate::openapi::document().to_string(),
                )
            }),
        )
        .route("/api/health", get(health))
        .route("/api/countries", get(countries))
        .route("/api/facts", get(facts))
        .route("/api/indicators", get(indicator_list))
        .route("/api/indicators/{id}", get(indicator_values))
        .route("/api/map", get(map))
        .route("/api/index", get(index))
        .route("/api/index/explain", get(explain))
        .route("/api/index/sensitivity", get(sensitivity))
        .route("/api/claims", get(claims))
        .route("/api/claims/{id}", get(claim))
        .route("/api/sources", get(sources))
}

async fn health(AxState(state): Shared) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        json!({
            "status": "ok",
            "galeon": env!("CARGO_PKG_VERSION"),
            "store_built_at": state.manifest.built_at,
            "indicators": state.values.len(),
            "index": state.index.is_some(),
            "dashboard": crate::has_dashboard(),
        })
        .to_string(),
    )
        .into_response()
}

async fn countries(AxState(state): Shared, Query(q): Params) -> Answer {
    let format = check(&q, &["lac"], false)?;
    let lac_only = match q.get("lac").map(String::as_str) {
        None | Some("true") => true,
        Some("false") => false,
        Some(other) => return Err(ApiError::bad(format!("lac {other:?}: write true or false"))),
    };
    let registry = Registry::global();
    let mut t = Table::new(
        "countries",
        &[
            "code",
            "name_en",
            "name_es",
            "name_pt",
            "name_zh",
            "lac",
            "subregion",
            "numeric",
        ],
    );
    for e in registry
        .entities()
        .iter()
        .filter(|e| e.kind.is_economy() && (!lac_only || e.lac))
    {
        t.push(vec![
            e.iso3.as_str().into(),
            e.name(Lang::En).into(),
            e.name(Lang::Es).into(),
            e.name(Lang::Pt).into(),
            e.name(Lang::Zh).into(),
            e.lac.into(),
            e.m49.subregion.clone().into(),
            e.numeric.map_or(Cell::Null, |n| Cell::Int(n.into())),
        ]);
    }
    t.sources
        .push("galeon registry (ISO 3166, UN M49, CLDR names)".into());
    Ok(t.respond(format, built(&state)))
}

async fn facts(AxState(state): Shared, Query(q): Params) -> Answer {
    let format = check(&q, &["country", "kind", "as_of"], false)?;
    let countries = country_param(&q)?;
    let kind = match q.get("kind") {
        Some(k) => Some(k.parse::<galeon_facts::FactKind>().map_err(ApiError::bad)?),
        None => None,
    };
    let as_of = match q.get("as_of") {
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| ApiError::bad(format!("as_of {d:?}: write a day as YYYY-MM-DD")))?,
        ),
        None => None,
    };
    let mut t = Table::new(
        "facts",
        &[
            "id", "country", "kind", "value", "date", "until", "text", "amount", "unit", "sources",
        ],
    );
    let mut sources = BTreeSet::new();
    for f in state.facts.iter().filter(|f| {
        f.used
            && countries
                .as_ref()
                .is_none_or(|c| f.country.as_ref().is_some_and(|fc| c.contains(fc)))
            && kind.is_none_or(|k| f.kind == k)
            && as_of.is_none_or(|d| f.holds_on(d))
    }) {
        let src: Vec<String> = f
            .sources
            .iter()
            .map(|s| match &s.url {
                Some(u) => format!("{} — {} <{u}>", s.title, s.publisher),
                None => format!("{} — {}", s.title, s.publisher),
            })
            .collect();
        sources.extend(src.iter().cloned());
        t.push(vec![
            f.id.clone().into(),
            f.country.clone().into(),
            f.kind.as_str().into(),
            f.value.clone().into(),
            f.date.to_string().into(),
            f.until.map(|d| d.to_string()).into(),
            f.text.clone().into(),
            f.amount.into(),
            f.unit.clone().into(),
            src.join(" | ").into(),
        ]);
    }
    t.sources = sources.into_iter().collect();
    Ok(t.respond(format, built(&state)))
}

async fn indicator_list(AxState(state): Shared, Query(q): Params) -> Answer {
    let format = check(&q, &[], false)?;
    let mut t = Table::new(
        "indicators",
        &[
            "id",
            "family",
            "title",
            "unit",
            "sources",
            "values",
            "first_year",
            "last_year",
        ],
    );
    for i in galeon_indicators::INDICATORS {
        let v = state.values.get(i.id);
        let years: Vec<i32> = v
            .map(|v| v.iter().map(|x| x.year).collect())
            .unwrap_or_default();
        t.push(vec![
            i.id.into(),
            i.family.as_str().into(),
            i.title.into(),
            i.unit.into(),
            i.sources.into(),
            Cell::Int(v.map_or(0, |v| v.len() as i64)),
            years
                .iter()
                .min()
                .map_or(Cell::Null, |y| Cell::Int((*y).into())),
            years
                .iter()
                .max()
                .map_or(Cell::Null, |y| Cell::Int((*y).into())),
        ]);
    }
    t.sources = state.releases();
    Ok(t.respond(format, built(&state)))
}

async fn indicator_values(
    AxState(state): Shared,
    Path(id): Path<String>,
    Query(q): Params,
) -> Answer {
    let format = check(&q, &["country", "years", "dimension", "latest"], true)?;
    let Some(indicator) = galeon_indicators::find(&id) else {
        return Err(ApiError::not_found(format!(
            "no indicator {id:?}: /api/indicators lists them"
        )));
    };
    let countries = country_param(&q)?;
    let years = years_param(&q)?;
    let latest = match q.get("latest").map(String::as_str) {
        None | Some("false") => false,
        Some("true") | Some("") => true,
        Some(other) => {
            return Err(ApiError::bad(format!(
                "latest {other:?}: use true or false"
            )));
        }
    };
    let dimension = q.get("dimension");
    let mut t = Table::new(
        id.to_string(),
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
    let mut provenance = BTreeSet::new();
    let mut values: Vec<&galeon_indicators::Value> = (state.values.get(indicator.id))
        .into_iter()
        .flatten()
        .filter(|v| {
            countries.as_ref().is_none_or(|c| c.contains(&v.country))
                && years.is_none_or(|(a, b)| v.year >= a && v.year <= b)
                && dimension.is_none_or(|d| v.dimension.as_ref() == Some(d))
        })
        .collect();
    if latest {
        // Series end in different years: meta says how many end in which.
        values = galeon_indicators::latest(values);
        let ends: Vec<serde_json::Value> = (galeon_indicators::years_of(&values).into_iter())
            .map(|(year, n)| json!({"year": year, "series": n}))
            .collect();
        t.meta.insert("latest_years".into(), json!(ends));
    }
    for v in values {
        provenance.insert(v.provenance.clone());
        t.push(vec![
            v.indicator.into(),
            v.country.clone().into(),
            v.partner.clone().into(),
            v.dimension.clone().into(),
            v.year.into(),
            v.value.into(),
            v.unit.clone().into(),
            v.source.clone().into(),
            v.series_break.into(),
            v.provenance.clone().into(),
        ]);
    }
    t.sources = provenance.into_iter().collect();
    if t.sources.is_empty() {
        t.sources.push(indicator.sources.to_string());
    }
    t.meta.insert("title".into(), json!(indicator.title));
    t.meta.insert("unit".into(), json!(indicator.unit));
    t.meta
        .insert("family".into(), json!(indicator.family.as_str()));
    Ok(t.respond(format, built(&state)))
}

/// Values for the map: one row per LAC state (missing ones included, with no value).
async fn map(AxState(state): Shared, Query(q): Params) -> Answer {
    let format = check(&q, &["indicator", "year", "dimension"], true)?;
    let id = q.get("indicator").ok_or_else(|| {
        ApiError::bad("indicator is required: an id from /api/indicators, or \"index\"")
    })?;
    let registry = Registry::global();
    let mut t = Table::new(
        format!("map-{id}"),
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
    // Each state's value, the year it is of, its rank, and where it comes from.
    let mut values: HashMap<String, (i32, f64, Option<u32>)> = HashMap::new();
    let mut sources: HashMap<String, (String, bool)> = HashMap::new();
    let mut available: BTreeSet<i32> = BTreeSet::new();
    let year;
    if id == "index" {
        let Some(index) = &state.index else {
            return Err(ApiError::not_found(
                state.index_error.clone().unwrap_or_default(),
            ));
        };
        available.extend(index.nominal.years.iter().map(|y| y.year));
        year = match q.get("year") {
            Some(y) => year_of(y, "year")?,
            None => *available.last().unwrap_or(&0),
        };
        if let Some(y) = index.nominal.years.iter().find(|y| y.year == year) {
            for (c, code) in y.countries.iter().enumerate() {
                if let Some(s) = y.index[c] {
                    values.insert(code.clone(), (year, s, y.ranks[c]));
                }
            }
        }
        t.meta
            .insert("title".into(), json!(index.prepared.config.name));
        t.meta.insert("unit".into(), json!("score (1–100)"));
        t.sources = state.releases();
    } else {
        let Some(indicator) = galeon_indicators::find(id) else {
            return Err(ApiError::not_found(format!(
                "no indicator {id:?}: /api/indicators lists them"
            )));
        };
        let dimension = q.get("dimension");
        let rows: Vec<&galeon_indicators::Value> = state
            .values
            .get(indicator.id)
            .into_iter()
            .flatten()
            .filter(|v| LAC33.contains(&v.country.as_str()))
            .filter(|v| dimension.is_none_or(|d| v.dimension.as_ref() == Some(d)))
            .collect();
        let dims: BTreeSet<&str> = rows.iter().filter_map(|v| v.dimension.as_deref()).collect();
        if dimension.is_none() && !dims.is_empty() {
            return Err(ApiError::bad(format!(
                "{id} has a breakdown: add dimension (one of {})",
                dims.into_iter().collect::<Vec<_>>().join(", ")
            )));
        }
        available.extend(rows.iter().map(|v| v.year));
        // year=latest: each state's latest value, its year beside it (meta.latest_years says
        // how many end in which year). By default, the latest year at least half the states
        // have a value for: a later year with a handful of states would be a map of gaps.
        let latest = q.get("year").is_some_and(|y| y == "latest");
        let half = |y: &i32| rows.iter().filter(|v| v.year == *y).count() * 2 >= LAC33.len();
        year = match q.get("year") {
            Some(_) if latest => *available.last().unwrap_or(&0),
            Some(y) => year_of(y, "year")?,
            None => available
                .iter()
                .rev()
                .find(|y| half(y))
                .or(available.last())
                .copied()
                .unwrap_or(0),
        };
        let shown: Vec<&galeon_indicators::Value> = if latest {
            let newest = galeon_indicators::latest(rows.iter().copied());
            let ends: Vec<serde_json::Value> = (galeon_indicators::years_of(&newest).into_iter())
                .map(|(year, n)| json!({"year": year, "series": n}))
                .collect();
            t.meta.insert("latest_years".into(), json!(ends));
            newest
        } else {
            rows.iter().copied().filter(|v| v.year == year).collect()
        };
        let mut provenance = BTreeSet::new();
        for v in shown {
            values.insert(v.country.clone(), (v.year, v.value, None));
            sources.insert(v.country.clone(), (v.source.clone(), v.series_break));
            provenance.insert(v.provenance.clone());
        }
        t.sources = provenance.into_iter().collect();
        t.meta.insert("title".into(), json!(indicator.title));
        t.meta.insert("unit".into(), json!(indicator.unit));
    }
    for code in LAC33 {
        let e = registry.resolve(code).expect("LAC33 resolve");
        let (at, value, rank) = match values.get(code) {
            Some((y, v, r)) => (Cell::from(*y), Cell::Num(*v), Cell::from(*r)),
            None => (Cell::Null, Cell::Null, Cell::Null),
        };
        let (source, series_break) = match sources.get(code) {
            Some((s, b)) => (Cell::from(s.clone()), Cell::from(*b)),
            None => (Cell::Null, Cell::Null),
        };
        t.push(vec![
            code.into(),
            e.numeric.map_or(Cell::Null, |n| Cell::Int(n.into())),
            e.name(Lang::En).into(),
            e.name(Lang::Es).into(),
            at,
            value,
            rank,
            source,
            series_break,
        ]);
    }
    let present: Vec<f64> = values.values().map(|(_, v, _)| *v).collect();
    t.meta.insert("indicator".into(), json!(id));
    t.meta.insert("year".into(), json!(year));
    t.meta.insert("years".into(), json!(available));
    t.meta.insert(
        "min".into(),
        json!(present
            .iter()
            .copied()
            .fold(None, |a: Option<f64>, v| Some(a.map_or(v, |a| a.min(v))))),
    );
    t.meta.insert(
        "max".into(),
        json!(present
            .iter()
            .copied()
            .fold(None, |a: Option<f64>, v| Some(a.map_or(v, |a| a.max(v))))),
    );
    t.meta
        .insert("missing".into(), json!(LAC33.len() - values.len()));
    Ok(t.respond(format, built(&state)))
}

async fn index(AxState(state): Shared, Query(q): Params) -> Answer {
    let format = check(&q, &["year", "country"], true)?;
    let Some(index) = &state.index else {
        return Err(ApiError::not_found(
            state.index_error.clone().unwrap_or_default(),
        ));
    };
    let year = q.get("year").map(|y| year_of(y, "year")).transpose()?;
    if let Some(y) = year {
        if !index.nominal.years.iter().any(|t| t.year == y) {
            return Err(ApiError::bad(format!(
                "year {y}: the index scores {}–{}",
                index
                    .nominal
                    .years
                    .first()
                    .map(|t| t.year)
                    .unwrap_or_default(),
                index
                    .nominal
                    .years
                    .last()
                    .map(|t| t.year)
                    .unwrap_or_default()
            )));
        }
    }
    let countries = country_param(&q)?;
    let pillars: Vec<&str> = index
        .prepared
        .config
        .pillars
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let mut columns = vec![
        "year",
        "country",
        "score",
        "rank",
        "median_rank",
        "rank_p05",
        "rank_p95",
    ];
    let pillar_cols: Vec<String> = pillars.iter().map(|p| format!("pillar_{p}")).collect();
    columns.extend(pillar_cols.iter().map(String::as_str));
    let mut t = Table::new("index", &columns);
    let intervals = state
        .analysis
        .as_ref()
        .map(|a| a.intervals_by_key())
        .unwrap_or_default();
    for y in index
        .nominal
        .years
        .iter()
        .filter(|t| year.is_none_or(|y| t.year == y))
    {
        for (c, code) in y.countries.iter().enumerate() {
            if countries.as_ref().is_some_and(|cs| !cs.contains(code)) {
                continue;
            }
            let iv = intervals.get(&(y.year, code.as_str()));
            let mut row = vec![
                y.year.into(),
                code.clone().into(),
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
    t.sources = state.releases();
    t.meta
        .insert("name".into(), json!(index.prepared.config.name));
    t.meta.insert("log".into(), json!(index.log));
    if let Some(a) = &state.analysis {
        t.meta.insert(
            "uncertainty".into(),
            json!({"base_samples": a.n, "runs": a.runs}),
        );
    }
    Ok(t.respond(format, built(&state)))
}

async fn explain(AxState(state): Shared, Query(q): Params) -> Answer {
    let format = check(&q, &["country", "year"], false)?;
    let Some(index) = &state.index else {
        return Err(ApiError::not_found(
            state.index_error.clone().unwrap_or_default(),
        ));
    };
    let country = country_param(&q)?
        .and_then(|c| c.into_iter().next())
        .ok_or_else(|| ApiError::bad("country is required (an ISO alpha-3 code such as BRA)"))?;
    let year = year_of(
        q.get("year")
            .ok_or_else(|| ApiError::bad("year is required"))?,
        "year",
    )?;
    let e = index
        .explain(&country, year)
        .ok_or_else(|| ApiError::bad(format!("{country} has no index score in {year}")))?;
    let mut t = Table::new(
        format!("explain-{country}-{year}"),
        &[
            "pillar",
            "indicator",
            "raw",
            "normalised",
            "weight_in_pillar",
            "effective_weight",
            "used_weight",
            "contribution",
        ],
    );
    for r in &e.rows {
        t.push(vec![
            r.pillar.clone().into(),
            r.indicator.clone().into(),
            r.raw.into(),
            r.normalised.into(),
            r.weight_in_pillar.into(),
            r.effective_weight.into(),
            r.used_weight.into(),
            r.contribution.into(),
        ]);
    }
    t.sources = state.releases();
    t.meta.insert("score".into(), json!(e.score));
    t.meta.insert("rank".into(), json!(e.rank));
    t.meta.insert("countries".into(), json!(e.countries));
    t.meta.insert("additive".into(), json!(e.additive));
    Ok(t.respond(format, built(&state)))
}

async fn sensitivity(AxState(state): Shared, Query(q): Params) -> Answer {
    let format = check(&q, &[], false)?;
    let Some(a) = &state.analysis else {
        return Err(ApiError::not_found(
            state.index_error.clone().unwrap_or_default(),
        ));
    };
    let mut t = Table::new("sensitivity", &["factor", "s1", "s1_conf", "st", "st_conf"]);
    for s in &a.sensitivity {
        t.push(vec![
            s.factor.clone().into(),
            s.s1.into(),
            s.s1_conf.into(),
            s.st.into(),
            s.st_conf.into(),
        ]);
    }
    t.meta.insert("base_samples".into(), json!(a.n));
    t.meta.insert("runs".into(), json!(a.runs));
    t.sources = state.releases();
    Ok(t.respond(format, built(&state)))
}

async fn claims(AxState(state): Shared, Query(q): Params) -> Answer {
    let format = check(&q, &["verdict"], false)?;
    let verdict = match q.get("verdict") {
        None => None,
        Some(v) => Some(
            galeon_claims::Verdict::ALL
                .into_iter()
                .find(|x| x.id() == v.as_str())
                .ok_or_else(|| {
                    let ids: Vec<&str> = galeon_claims::Verdict::ALL.map(|x| x.id()).to_vec();
                    ApiError::bad(format!("verdict {v:?}: use one of {}", ids.join(", ")))
                })?,
        ),
    };
    let mut t = Table::new(
        "claims",
        &[
            "document", "id", "section", "text", "verdict", "reason", "claimed", "computed",
        ],
    );
    let mut sources = BTreeSet::new();
    for f in &state.claims {
        for c in f
            .claims
            .iter()
            .filter(|c| verdict.is_none_or(|v| c.verdict == v))
        {
            for p in &c.parts {
                for e in &p.evidence {
                    sources.extend(e.sources.iter().cloned());
                }
            }
            t.push(vec![
                f.document.id.clone().into(),
                c.id.clone().into(),
                c.section.clone().into(),
                c.text.clone().into(),
                c.verdict.id().into(),
                c.reason.clone().into(),
                c.claimed_summary().into(),
                c.computed_summary().into(),
            ]);
        }
    }
    t.sources = sources.into_iter().collect();
    let summary: Vec<_> = state
        .claims
        .iter()
        .map(|f| json!({"document": f.document, "summary": f.summary}))
        .collect();
    t.meta.insert("documents".into(), json!(summary));
    Ok(t.respond(format, built(&state)))
}

async fn claim(AxState(state): Shared, Path(id): Path<String>, Query(q): Params) -> Answer {
    check(&q, &[], false)?;
    for f in &state.claims {
        if let Some(c) = f.claims.iter().find(|c| c.id == id) {
            return Ok((
                [(header::CONTENT_TYPE, "application/json")],
                json!({"data": c, "document": f.document, "provenance": {"store_built_at": state.manifest.built_at, "galeon": env!("CARGO_PKG_VERSION")}}).to_string(),
            )
                .into_response());
        }
    }
    Err(ApiError::not_found(format!(
        "no claim {id:?}: /api/claims lists them"
    )))
}

async fn sources(AxState(state): Shared, Query(q): Params) -> Answer {
    let format = check(&q, &[], false)?;
    let mut t = Table::new(
        "sources",
        &[
            "id",
            "title",
            "publisher",
            "licence",
            "status",
            "releases",
            "files",
            "rows_read",
            "rows_stored",
            "rows_rejected",
        ],
    );
    for d in &state.manifest.datasets {
        let (read, stored, rejected) = d.totals();
        let releases = d.releases();
        t.push(vec![
            d.id.clone().into(),
            d.title.clone().into(),
            d.publisher.clone().into(),
            d.licence.clone().into(),
            d.status.to_string().into(),
            releases.into(),
            Cell::Int(d.files.len() as i64),
            Cell::Int(read as i64),
            Cell::Int(stored as i64),
            Cell::Int(rejected as i64),
        ]);
    }
    t.sources = vec![format!(
        "store manifest, built {} from {}",
        state.manifest.built_at, state.manifest.sources
    )];
    Ok(t.respond(format, built(&state)))
}
