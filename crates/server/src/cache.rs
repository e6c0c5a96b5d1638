//! Answers kept once rendered: the observatory served changes only when it is reloaded (which
//! drops them all), so an API answer is a function of its address alone (resource, parameters, format). The first request for an
//! address renders it; later ones are served from memory. Bounded in entries and bytes: when full,
//! the kept answers are dropped together and the cache fills again with what is asked next (so
//! many distinct addresses, by chance or on purpose, cost memory up to the bound, never more).
//! Health and the OpenAPI document are not kept (the one is live, the other already in memory).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// At most this many answers…
const MAX_ENTRIES: usize = 4096;
/// …and this many bytes of them.
const MAX_BYTES: usize = 256 << 20;
/// Answers larger than this are not kept (whole-table downloads).
const MAX_ANSWER: usize = 4 << 20;

/// An answer's headers and body.
type Answer = (HeaderMap, Bytes);

/// The kept answers by address, and their bytes in all.
#[derive(Default)]
pub struct Cache {
    answers: RwLock<(HashMap<String, Answer>, usize)>,
    /// Counts the clears: an answer rendered before a clear is not kept after it.
    generation: std::sync::atomic::AtomicU64,
}

impl Cache {
    /// Drops every kept answer (the observatory they were rendered from was replaced).
    pub fn clear(&self) {
        if let Ok(mut answers) = self.answers.write() {
            self.generation
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            *answers = (HashMap::new(), 0);
        }
    }
}

/// Serves a kept answer, or renders it and keeps it (GET requests under /api answered 200).
pub async fn layer(State(cache): State<Arc<Cache>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let cacheable = request.method() == Method::GET
        && path.starts_with("/api/")
        && !matches!(path, "/api/health" | "/api/openapi.json");
    if !cacheable {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    if let Some((headers, body)) = cache
        .answers
        .read()
        .ok()
        .and_then(|a| a.0.get(&key).cloned())
    {
        return (StatusCode::OK, headers, body).into_response();
    }
    // A reload may replace the observatory while this answer is rendered from the old one.
    let generation = cache.generation.load(std::sync::atomic::Ordering::SeqCst);
    let response = next.run(request).await;
    // Only whole answers of a known, keepable size (every answer here is rendered whole, so its
    // size is known; larger ones, such as a whole indicator, pass through as they are).
    let size = response.body().size_hint().exact();
    if response.status() != StatusCode::OK || size.is_none_or(|n| n > MAX_ANSWER as u64) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ANSWER).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the answer could not be read",
        )
            .into_response();
    };
    if let Ok(mut answers) = cache.answers.write() {
        // Checked under the lock a clear takes: an answer from before the last clear is not kept.
        if cache.generation.load(std::sync::atomic::Ordering::SeqCst) != generation {
            return Response::from_parts(parts, Body::from(bytes));
        }
        let (map, used) = &mut *answers;
        if map.len() >= MAX_ENTRIES || *used + bytes.len() > MAX_BYTES {
            map.clear();
            *used = 0;
        }
        // Two requests for one address may both have rendered it: count its bytes once.
        if let std::collections::hash_map::Entry::Vacant(slot) = map.entry(key) {
            *used += bytes.len();
            slot.insert((parts.headers.clone(), bytes.clone()));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
