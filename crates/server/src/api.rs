//! The JSON API. Every handler checks its parameters (unknown or malformed ones are a 400 with
//! a message saying what to write instead), asks the observatory for the resource, and renders
//! it; nothing here computes a view.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use galeon_observatory::params::{Countries, Flag, MapYear, Year, YearRange};
use galeon_observatory::resources::{self as r};
use galeon_observatory::Table;
use galeon_registry::Lang;
use serde_json::json;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::live::Current;
use crate::openapi as doc;
use crate::table::{respond, Format};

type Shared = Current;
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

impl From<galeon_observatory::Error> for ApiError {
    fn from(e: galeon_observatory::Error) -> ApiError {
        match e {
            galeon_observatory::Error::Invalid(m) => ApiError::bad(m),
            galeon_observatory::Error::NotFound(m) => ApiError::not_found(m),
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

/// A request's parameters, checked against the names an endpoint takes.
struct Request<'a> {
    q: &'a HashMap<String, String>,
    format: Format,
}

impl<'a> Request<'a> {
    /// Refuses parameters the endpoint does not take (those `P` documents are the ones it
    /// takes), and reads `format`.
    fn new<P: utoipa::IntoParams>(
        q: &'a HashMap<String, String>,
        parquet: bool,
    ) -> Result<Request<'a>, ApiError> {
        let allowed = doc::names::<P>();
        if let Some(k) = q.keys().find(|k| !allowed.contains(k)) {
            let takes = match allowed.is_empty() {
                true => "no parameters".to_string(),
                false => allowed.join(", "),
            };
            return Err(ApiError::bad(format!(
                "unknown parameter {k:?}: this endpoint takes {takes}"
            )));
        }
        let format = match q.get("format").map(String::as_str) {
            None | Some("json") => Format::Json,
            Some("csv") => Format::Csv,
            Some("parquet") if parquet => Format::Parquet,
            Some(other) => {
                let or_parquet = if parquet { " or parquet" } else { "" };
                return Err(ApiError::bad(format!(
                    "format {other:?}: use json or csv{or_parquet}"
                )));
            }
        };
        Ok(Request { q, format })
    }

    /// A parameter parsed as the command line parses it; the error names the parameter.
    fn get<T: FromStr<Err = String>>(&self, name: &str) -> Result<Option<T>, ApiError> {
        (self.q.get(name))
            .map(|text| {
                text.parse()
                    .map_err(|e| ApiError::bad(format!("{name} {e}")))
            })
            .transpose()
    }

    fn required<T: FromStr<Err = String>>(&self, name: &str, what: &str) -> Result<T, ApiError> {
        self.get(name)?
            .ok_or_else(|| ApiError::bad(format!("{name} is required: {what}")))
    }

    fn answer(&self, table: Table) -> Answer {
        Ok(respond(&table, self.format))
    }
}

/// The API's routes, each documented where it is registered; and the OpenAPI document made
/// from them, served at /api/openapi.json.
pub fn routes() -> Router<Arc<crate::live::Live>> {
    let (router, api) = OpenApiRouter::with_openapi(<doc::ApiDoc as utoipa::OpenApi>::openapi())
        .routes(routes!(health))
        .routes(routes!(countries))
        .routes(routes!(facts))
        .routes(routes!(indicator_list))
        .routes(routes!(indicator_values))
        .routes(routes!(map))
        .routes(routes!(index))
        .routes(routes!(explain))
        .routes(routes!(sensitivity))
        .routes(routes!(whatif))
        .routes(routes!(framework))
        .routes(routes!(profile))
        .routes(routes!(claims))
        .routes(routes!(claim))
        .routes(routes!(sources))
        .split_for_parts();
    let document = api.to_json().unwrap_or_default();
    router.route(
        "/api/openapi.json",
        get(move || async move { ([(header::CONTENT_TYPE, "application/json")], document) }),
    )
}

/// Server status: version, store build time, what is loaded.
#[utoipa::path(get, path = "/api/health", tag = "meta", responses((status = 200, description = "status, version, store build time", body = Object)))]
async fn health(
    axum::extract::State(live): axum::extract::State<Arc<crate::live::Live>>,
    Current(obs): Shared,
) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        json!({
            "status": "ok",
            "galeon": env!("CARGO_PKG_VERSION"),
            "store_built_at": obs.manifest.built_at,
            "indicators": obs.values.len(),
            "index": obs.index.is_some(),
            "dashboard": crate::has_dashboard(),
            "release": live.release.as_ref().map(|_| "/release/datapackage.json"),
        })
        .to_string(),
    )
        .into_response()
}

/// Countries
///
/// The 33 LAC states (or every country, or every entity with aggregates) with codes, UN M49
/// region and names in English, Spanish, Portuguese and Chinese; `galeon countries`.
#[utoipa::path(
    get,
    path = "/api/countries",
    tag = "registry",
    params(doc::Countries),
    responses(doc::TableAnswers)
)]
async fn countries(Query(q): Params) -> Answer {
    let req = Request::new::<doc::Countries>(&q, false)?;
    // `lac=false` is the older spelling of `scope=countries`.
    let scope = match req.get::<Flag>("lac")? {
        Some(Flag(false)) => r::Scope::Countries,
        _ => req.get("scope")?.unwrap_or_default(),
    };
    let query = r::CountriesQuery {
        scope,
        sort: req.get("sort")?,
        resolve: q.get("resolve").cloned(),
    };
    req.answer(r::countries(&query)?)
}

/// Curated facts
///
/// Recognition, partnerships, FTAs, BRI, AIIB, forum, CELAC, policy papers, programmes, China in
/// global health, leaders and their visits, the United States' acts in the region, each with its
/// sources; `galeon facts`.
#[utoipa::path(
    get,
    path = "/api/facts",
    tag = "facts",
    params(doc::Facts),
    responses(doc::TableAnswers)
)]
async fn facts(Current(obs): Shared, Query(q): Params) -> Answer {
    let req = Request::new::<doc::Facts>(&q, false)?;
    let as_of = match q.get("as_of") {
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| ApiError::bad(format!("as_of {d:?}: write a day as YYYY-MM-DD")))?,
        ),
        None => None,
    };
    let query = r::FactsQuery {
        countries: req.get("country")?,
        kind: req.get("kind")?,
        as_of,
        all_versions: req.get::<Flag>("all_versions")?.is_some_and(|f| f.0),
        lang: req.get("lang")?.unwrap_or(Lang::En),
    };
    req.answer(r::facts(&obs.facts, &query)?)
}

/// Indicator catalogue
///
/// Every indicator with its family, unit, sources, and how many values the panel holds from
/// which year to which; `galeon indicators list`.
#[utoipa::path(
    get,
    path = "/api/indicators",
    tag = "indicators",
    params(doc::IndicatorList),
    responses(doc::TableAnswers)
)]
async fn indicator_list(Current(obs): Shared, Query(q): Params) -> Answer {
    let req = Request::new::<doc::IndicatorList>(&q, false)?;
    let lang = req.get("lang")?.unwrap_or(Lang::En);
    req.answer(obs.stamped(r::indicator_list(Some(&obs.values), lang)?))
}

/// Indicator values
///
/// An indicator's values, each naming its source (one step of the indicator's source
/// precedence) and flagged `series_break` where its series changes source;
/// `galeon indicators get`.
#[utoipa::path(get, path = "/api/indicators/{id}", tag = "indicators", params(("id" = String, Path, description = "an indicator id from /api/indicators", example = "china_partner_share"), doc::Values), responses(doc::TableAnswers))]
async fn indicator_values(
    Current(obs): Shared,
    Path(id): Path<String>,
    Query(q): Params,
) -> Answer {
    let req = Request::new::<doc::Values>(&q, true)?;
    let indicator = r::find(&id)?;
    let query = r::ValuesQuery {
        countries: req.get::<Countries>("country")?,
        years: req.get::<YearRange>("years")?,
        dimension: q.get("dimension").cloned(),
        latest: req.get::<Flag>("latest")?.is_some_and(|f| f.0),
    };
    let values = obs.values.get(indicator.id).map_or(&[][..], Vec::as_slice);
    req.answer(obs.stamped(r::indicator_values(indicator, values, &query)?))
}

/// Map payload
///
/// One row per LAC state for an indicator or the index, each with the year of its value
/// (states without data have a null value); `meta` gives min, max, unit and the years.
#[utoipa::path(
    get,
    path = "/api/map",
    tag = "indicators",
    params(doc::Map),
    responses(doc::TableAnswers)
)]
async fn map(Current(obs): Shared, Query(q): Params) -> Answer {
    let req = Request::new::<doc::Map>(&q, true)?;
    let query = r::MapQuery {
        indicator: (q.get("indicator").cloned()).ok_or_else(|| {
            ApiError::bad("indicator is required: an id from /api/indicators, or \"index\"")
        })?,
        year: req.get::<MapYear>("year")?.unwrap_or_default(),
        dimension: q.get("dimension").cloned(),
    };
    req.answer(obs.stamped(r::map(&obs, &query)?))
}

/// Cooperation index
///
/// Score, rank, median rank and 5–95 % rank interval from the uncertainty analysis, and pillar
/// scores, per country-year; `meta` has the configuration's weights and choices; `galeon index build`.
#[utoipa::path(
    get,
    path = "/api/index",
    tag = "index",
    params(doc::Index),
    responses(doc::TableAnswers)
)]
async fn index(Current(obs): Shared, Query(q): Params) -> Answer {
    let req = Request::new::<doc::Index>(&q, true)?;
    let (index, analysis) = obs.index()?;
    let query = r::IndexQuery {
        year: req.get::<Year>("year")?.map(|y| y.0),
        countries: req.get("country")?,
    };
    req.answer(obs.stamped(r::index_scores(index, analysis, &query)?))
}

/// What drives a score
///
/// Each indicator's raw, treated and normalised value, nominal, effective and used weight, and
/// contribution; `galeon index explain`.
#[utoipa::path(
    get,
    path = "/api/index/explain",
    tag = "index",
    params(doc::Explain),
    responses(doc::TableAnswers)
)]
async fn explain(Current(obs): Shared, Query(q): Params) -> Answer {
    let req = Request::new::<doc::Explain>(&q, false)?;
    let (index, _) = obs.index()?;
    let country: Countries = req.required("country", "an ISO alpha-3 code such as BRA")?;
    let year: Year = req.required("year", "a year such as 2020")?;
    let query = r::ExplainQuery {
        country: country.0[0].as_str().to_string(),
        year: year.0,
    };
    req.answer(obs.stamped(r::explain(index, &query)?))
}

/// Sensitivity of the ranks
///
/// First- and total-order Sobol indices of the mean absolute rank shift, per uncertain choice.
#[utoipa::path(
    get,
    path = "/api/index/sensitivity",
    tag = "index",
    params(doc::Plain),
    responses(doc::TableAnswers)
)]
async fn sensitivity(Current(obs): Shared, Query(q): Params) -> Answer {
    let req = Request::new::<doc::Plain>(&q, false)?;
    let analysis =
        (obs.index()?.1).ok_or_else(|| ApiError::not_found("no uncertainty analysis"))?;
    req.answer(obs.stamped(r::sensitivity(analysis)?))
}

/// What if the index were built another way
///
/// The index rebuilt with other pillar weights, normalisation or pillar aggregation — exactly as
/// `galeon index build --config` builds it from a file with the same choices — each country's new
/// rank beside its default rank, with both rank intervals, and the one alternative choice of the
/// uncertainty analysis that moves its rank most.
#[utoipa::path(
    get,
    path = "/api/index/whatif",
    tag = "index",
    params(doc::WhatIf),
    responses(doc::TableAnswers)
)]
async fn whatif(Current(obs): Shared, Query(q): Params) -> Answer {
    let req = Request::new::<doc::WhatIf>(&q, true)?;
    let query = r::WhatIfQuery {
        weights: req.get("weights")?.unwrap_or_default(),
        normalisation: (q.get("normalisation"))
            .map(|n| r::choice("normalisation", n))
            .transpose()?,
        aggregation: (q.get("aggregation"))
            .map(|a| r::choice("aggregation", a))
            .transpose()?,
        uncertainty: match q.get("uncertainty") {
            None => 32,
            Some(n) => n.parse().map_err(|_| {
                ApiError::bad(format!(
                    "uncertainty {n:?}: a number of base samples, 0 to 128"
                ))
            })?,
        },
        year: req.get::<Year>("year")?.map(|y| y.0),
    };
    // Rebuilding the index and its analysis is work for a blocking thread, not the event loop,
    // and at most two what-ifs run at once: a third is told to come back.
    static RUNNING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
    let Ok(permit) = RUNNING.try_acquire() else {
        return Err(ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "two what-ifs are being computed: ask again in a few seconds".into(),
        });
    };
    let table = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let (index, analysis) = obs.index()?;
        r::what_if(&obs.values, (index, analysis), &query).map(|t| obs.stamped(t))
    })
    .await
    .map_err(|e| ApiError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("the what-if stopped: {e}"),
    })??;
    req.answer(table)
}

/// A country through the framework
///
/// For each of the five foundations and four fields of China–LAC cooperation, each observing
/// indicator's latest value and year, its value at an earlier year and the change, and the
/// country's place among the 33 LAC states; `meta.parts` has each part's argument and the
/// country's curated facts of its kinds (docs/framework.md). Without a country, the region:
/// every LAC state's rows, to compare them part by part. `years=2008..2018` reads up to 2018 and
/// compares with 2008; `lang` names parts and countries in es, pt or zh; `galeon framework`.
#[utoipa::path(
    get,
    path = "/api/framework",
    tag = "framework",
    params(doc::Framework),
    responses(doc::TableAnswers)
)]
async fn framework(Current(obs): Shared, Query(q): Params) -> Answer {
    let req = Request::new::<doc::Framework>(&q, true)?;
    let country: Option<Countries> = req.get("country")?;
    let query = r::FrameworkQuery {
        country: country.map(|c| c.0[0].as_str().to_string()),
        since: req.get::<Year>("since")?.map(|y| y.0),
        until: None,
        lang: req.get("lang")?.unwrap_or(Lang::En),
    };
    let query = match req.get::<YearRange>("years")? {
        Some(_) if query.since.is_some() => {
            return Err(ApiError::bad("give since or years, not both"))
        }
        Some(y) => r::FrameworkQuery {
            since: Some(y.first),
            until: Some(y.last),
            ..query
        },
        None => query,
    };
    req.answer(obs.stamped(r::framework_view(&obs.values, &obs.facts, &query)?))
}

/// A country profile
///
/// One LAC state's relation with China: headline figures with years and sources, trade with
/// China and the United States over time, finance and investment by sector, power capacity by
/// fuel, its standing with China, the diplomatic timeline, the index rank with its interval by
/// year, and the claims that concern it; `galeon profile --format json`. The printable page of
/// the same profile is /profile/{country}.
#[utoipa::path(get, path = "/api/profile/{country}", tag = "countries", params(("country" = String, Path, description = "a LAC state: code or name", example = "BRA"), doc::Profile), responses((status = 200, description = "the profile", body = Object), (status = 400, description = "not a LAC state, or a bad parameter", body = doc::ErrorBody)))]
async fn profile(Current(obs): Shared, Path(country): Path<String>, Query(q): Params) -> Answer {
    let query = profile_query(country, &q)?;
    let body = r::profile(&obs.profile_inputs(), &query)?;
    let body = serde_json::to_string(&body).map_err(|e| ApiError::bad(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The profile's query from its path and parameters (the page and the API take the same).
pub fn profile_query(
    country: String,
    q: &HashMap<String, String>,
) -> Result<r::ProfileQuery, ApiError> {
    let req = Request::new::<doc::Profile>(q, false)?;
    Ok(r::ProfileQuery {
        country,
        lang: req.get("lang")?.unwrap_or(Lang::En),
    })
}

/// Claims and verdicts
///
/// Claims from the literature, each with its verdict, reason, claimed and computed values;
/// `meta.documents` has each document's verdict counts.
#[utoipa::path(
    get,
    path = "/api/claims",
    tag = "claims",
    params(doc::Claims),
    responses(doc::TableAnswers)
)]
async fn claims(Current(obs): Shared, Query(q): Params) -> Answer {
    let req = Request::new::<doc::Claims>(&q, false)?;
    let verdict = q.get("verdict").map(|v| r::verdict(v)).transpose()?;
    let lang = req.get("lang")?.unwrap_or(Lang::En);
    let query = r::ClaimsQuery { verdict, lang };
    req.answer(obs.stamped(r::claims(&obs.claims, &query)?))
}

/// One claim with its evidence
///
/// Its parts, checks, evidence and sources, and the SQL that reproduces each number.
#[utoipa::path(get, path = "/api/claims/{id}", tag = "claims", params(("id" = String, Path, description = "a claim id from /api/claims", example = "trade-total-2002-2021"), doc::Language), responses((status = 200, description = "the claim with its document and provenance", body = Object), (status = 404, description = "no such claim", body = doc::ErrorBody)))]
async fn claim(Current(obs): Shared, Path(id): Path<String>, Query(q): Params) -> Answer {
    let req = Request::new::<doc::Language>(&q, false)?;
    let lang = req.get("lang")?.unwrap_or(Lang::En);
    let body = r::claim(&obs.claims, &id, lang, Some(obs.built_at()))?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response())
}

/// Sources
///
/// Every dataset of the store: publisher, licence, status, releases, files, rows read, stored
/// and rejected, tables.
#[utoipa::path(
    get,
    path = "/api/sources",
    tag = "sources",
    params(doc::Plain),
    responses(doc::TableAnswers)
)]
async fn sources(Current(obs): Shared, Query(q): Params) -> Answer {
    let req = Request::new::<doc::Plain>(&q, false)?;
    req.answer(r::store_datasets(&obs.manifest)?)
}
