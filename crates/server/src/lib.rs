//! galeon's HTTP API and web dashboard.
//!
//! [`State::load`] reads everything once from the store — the indicator panel, the index with
//! its uncertainty analysis, the verdicts on the claims, the manifest — and [`router`] serves it:
//! JSON under `/api` (every list also as CSV, tables also as Parquet, with `?format=`), the
//! OpenAPI 3 description at `/api/openapi.json`, and the dashboard (assets embedded at build
//! time) at `/`. Nothing is read from disk after start-up, so no request can reach a file.

mod api;
mod openapi;
mod table;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use galeon_claims::FileReport;
use galeon_facts::Fact;
use galeon_index::{Analysis, Index};
use galeon_indicators::Value;
use galeon_registry::LAC33;
use galeon_store::Manifest;

mod assets {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

/// The claim files served (the paper galeon starts from).
pub const CLAIMS: &[(&str, &str)] = &[(
    "claims/lu-2023.toml",
    include_str!("../../../claims/lu-2023.toml"),
)];

/// Everything the server serves, loaded once.
pub struct State {
    /// The store folder.
    pub store: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
    /// Indicator values by indicator id.
    pub values: HashMap<&'static str, Vec<Value>>,
    /// Curated facts.
    pub facts: Vec<Fact>,
    /// The default index, when it could be built.
    pub index: Option<Index>,
    /// Its uncertainty analysis.
    pub analysis: Option<Analysis>,
    /// Why the index is missing, if it is.
    pub index_error: Option<String>,
    /// Verdicts on the claim files.
    pub claims: Vec<FileReport>,
}

/// How much work start-up does.
#[derive(Debug, Clone)]
pub struct Options {
    /// Base samples of the index's uncertainty analysis (N·7 runs).
    pub uncertainty: usize,
    /// Claim files or folders read at start-up instead of the claims built in ([`CLAIMS`]).
    pub claims: Vec<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            uncertainty: 256,
            claims: vec![],
        }
    }
}

impl State {
    /// Loads the store's panel, builds the index and checks the claims.
    pub async fn load(store: &Path, options: Options) -> Result<State, String> {
        let manifest = galeon_store::read_manifest(store).ok_or_else(|| {
            format!(
                "no store at {}: build one with `galeon build --sources DIR --store {}`",
                store.display(),
                store.display()
            )
        })?;
        // The panel `galeon build` wrote, or computed now when there is none (or it is stale).
        let panel = match galeon_indicators::read_panel(store).await {
            Ok(Some(values)) => values,
            _ => {
                galeon_indicators::compute(store, &[])
                    .await
                    .map_err(|e| format!("computing the indicators: {e}"))?
                    .values
            }
        };
        let said = |e: Vec<galeon_claims::ClaimError>| {
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let files: Vec<galeon_claims::ClaimFile> = if options.claims.is_empty() {
            CLAIMS
                .iter()
                .map(|(name, text)| galeon_claims::load_str(name, text).map_err(said))
                .collect::<Result<_, _>>()?
        } else {
            galeon_claims::load_paths(&options.claims).map_err(said)?
        };
        let data = galeon_claims::Data::fetch_with(store, &files, Some(&panel)).await?;
        let facts = data.facts.clone();
        let mut values: HashMap<&'static str, Vec<Value>> = HashMap::new();
        for v in panel {
            values.entry(v.indicator).or_default().push(v);
        }
        let (index, analysis, index_error) = match build_index(&values, &options) {
            Ok((i, a)) => (Some(i), Some(a), None),
            Err(e) => (None, None, Some(e)),
        };
        let claims = files
            .iter()
            .map(|f| galeon_claims::evaluate(f, &data))
            .collect();
        Ok(State {
            store: store.to_path_buf(),
            manifest,
            values,
            facts,
            index,
            analysis,
            index_error,
            claims,
        })
    }

    /// Sources and releases of the store, for provenance.
    pub fn releases(&self) -> Vec<String> {
        self.manifest
            .datasets
            .iter()
            .filter(|d| !d.files.is_empty())
            .map(|d| format!("{} ({})", d.id, d.releases()))
            .collect()
    }
}

fn build_index(
    values: &HashMap<&'static str, Vec<Value>>,
    options: &Options,
) -> Result<(Index, Analysis), String> {
    let config = galeon_index::parse(
        "default index configuration",
        galeon_index::DEFAULT,
        &|id| galeon_indicators::find(id).is_some(),
    )
    .map_err(|e| format!("{e:?}"))?;
    let countries: Vec<String> = LAC33.iter().map(|c| c.to_string()).collect();
    let inputs = galeon_index::Inputs::for_config(
        &config,
        values.values().flatten().map(|v| {
            (
                v.indicator,
                v.dimension.as_deref(),
                v.country.as_str(),
                v.year,
                v.value,
            )
        }),
        &countries,
    )
    .map_err(|e| e.to_string())?;
    let index = Index::new(&config, &inputs, &countries).map_err(|e| e.to_string())?;
    let design =
        galeon_index::Design::saltelli(options.uncertainty.max(2), config.uncertainty.seed);
    let analysis = galeon_index::analyse(&index, &design, &[], 100);
    Ok((index, analysis))
}

/// The routes: the API under `/api`, the dashboard at `/`.
pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .merge(api::routes())
        .route("/", get(|| async { asset("index.html") }))
        .route(
            "/assets/{*path}",
            get(
                |axum::extract::Path(p): axum::extract::Path<String>| async move {
                    asset(&format!("assets/{p}"))
                },
            ),
        )
        .fallback(|uri: axum::http::Uri| async move {
            if uri.path().starts_with("/api") {
                api::ApiError::not_found(format!(
                    "no endpoint {}: see /api/openapi.json",
                    uri.path()
                ))
                .into_response()
            } else {
                (StatusCode::NOT_FOUND, "not found").into_response()
            }
        })
        .with_state(state)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn asset(path: &str) -> Response {
    match assets::ASSETS.iter().find(|(p, _)| *p == path) {
        Some((p, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type(p)),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            *bytes,
        )
            .into_response(),
        None if path == "index.html" => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!doctype html><meta charset=utf-8><title>galeon</title><p>The dashboard was not \
             built into this binary: run <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code>, \
             then rebuild galeon. The API is at <a href=\"/api/openapi.json\">/api/openapi.json</a>.",
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// Whether the dashboard's assets are embedded.
pub fn has_dashboard() -> bool {
    assets::ASSETS.iter().any(|(p, _)| *p == "index.html")
}
