//! galeon's HTTP API and web dashboard.
//!
//! [`Observatory::load`] reads everything once from the store — the indicator panel, the index with
//! its uncertainty analysis, the verdicts on the claims, the manifest — and [`router`] serves it:
//! JSON under `/api` (every list also as CSV, tables also as Parquet, with `?format=`), the
//! OpenAPI 3 description at `/api/openapi.json`, and the dashboard (assets embedded at build
//! time) at `/`. Nothing is read from disk after start-up, so no request can reach a file.

mod api;
mod cache;
pub mod limits;
mod live;
mod openapi;
pub mod release;
mod table;

use std::sync::Arc;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

mod assets {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

pub use galeon_observatory::{Observatory, Options, CLAIMS};
pub use live::Live;

/// The routes over one observatory (see [`live_router`] for one that can be replaced).
pub fn router(state: Arc<Observatory>) -> Router {
    live_router(Live::new(state))
}

/// The routes: the API under `/api`, the dashboard at `/`, answering from the observatory
/// `live` serves when each request starts.
pub fn live_router(live: Arc<Live>) -> Router {
    let cache = live.cache.clone();
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
        .route("/profile/{country}", get(profile_page))
        .route(
            "/release/{*file}",
            get(
                |axum::extract::State(live): axum::extract::State<Arc<Live>>,
                 axum::extract::Path(file): axum::extract::Path<String>| async move {
                    match &live.release {
                        Some(release) => release.file(&file).await,
                        None => (
                            StatusCode::NOT_FOUND,
                            "no data release is served: `galeon serve --release DIR`",
                        )
                            .into_response(),
                    }
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
        .with_state(live)
        .layer(axum::middleware::from_fn_with_state(cache, cache::layer))
}

/// The printable country profile (the same document as /api/profile/{country}).
async fn profile_page(
    live::Current(obs): live::Current,
    axum::extract::Path(country): axum::extract::Path<String>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response, api::ApiError> {
    let query = api::profile_query(country, &q)?;
    let profile = galeon_observatory::resources::profile(&obs.profile_inputs(), &query)?;
    let at = galeon_observatory::render::profile::Where { served: true };
    let html = galeon_observatory::render::profile::page(&profile, at);
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
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

/// Serves the observatory on `listener` within `limits` until `shutdown` completes; requests
/// in flight are answered before it returns, idle connections are closed.
pub async fn serve(
    listener: tokio::net::TcpListener,
    live: Arc<Live>,
    limits: limits::Limits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = live_router(live).layer(axum::middleware::from_fn_with_state(limits, limits::guard));
    axum::serve(limits::Capped::new(listener, &limits), app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Whether the dashboard's assets are embedded.
pub fn has_dashboard() -> bool {
    assets::ASSETS.iter().any(|(p, _)| *p == "index.html")
}
