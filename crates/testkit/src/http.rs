//! A local HTTP server standing in for the publishers in tests: routes the test gives, answered
//! by closures that can misbehave on purpose (drop the connection mid-file, 429 with Retry-After,
//! 500 then 200…). It listens on loopback only, on a port the system picks, and stops with the
//! test process. No test ever reaches the network.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

/// How a route answers: from the request's headers, a response.
pub type Handler = Arc<dyn Fn(&HeaderMap) -> Response + Send + Sync>;

/// Starts a server answering `routes` (by path, query included), each request on a thread of
/// its own; unknown paths get 404.
/// Returns its base URL.
pub fn serve(routes: HashMap<String, Handler>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let address = listener.local_addr().unwrap();
    let routes = Arc::new(routes);
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let app = axum::Router::new().fallback(move |request: Request| {
                let routes = routes.clone();
                async move {
                    let key = request
                        .uri()
                        .path_and_query()
                        .map_or("/".to_string(), |p| p.to_string());
                    // On a thread of its own: a handler may wait (to hold an answer back), and
                    // the other requests are served meanwhile.
                    match routes.get(&key).cloned() {
                        Some(handler) => {
                            let headers = request.headers().clone();
                            tokio::task::spawn_blocking(move || handler(&headers))
                                .await
                                .unwrap_or_else(|_| {
                                    status(
                                        StatusCode::INTERNAL_SERVER_ERROR,
                                        "the handler panicked",
                                    )
                                })
                        }
                        None => status(StatusCode::NOT_FOUND, "no such route"),
                    }
                }
            });
            axum::serve(listener, app).await.unwrap();
        });
    });
    format!("http://{address}")
}

/// A plain answer.
pub fn status(code: StatusCode, body: &str) -> Response {
    Response::builder()
        .status(code)
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// A file served the way publishers' servers do: whole, or from the offset a `Range: bytes=N-`
/// asks for (206).
pub fn file(bytes: &[u8], headers: &HeaderMap) -> Response {
    let from = headers
        .get("range")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("bytes="))
        .and_then(|v| v.trim_end_matches('-').parse::<usize>().ok());
    match from {
        Some(from) if from < bytes.len() => Response::builder()
            .status(StatusCode::PARTIAL_CONTENT)
            .header(
                "content-range",
                format!("bytes {from}-{}/{}", bytes.len() - 1, bytes.len()),
            )
            .header("content-length", bytes.len() - from)
            .body(Body::from(bytes[from..].to_vec()))
            .unwrap(),
        Some(_) => status(StatusCode::RANGE_NOT_SATISFIABLE, ""),
        None => Response::builder()
            .header("content-length", bytes.len())
            .body(Body::from(bytes.to_vec()))
            .unwrap(),
    }
}

/// The first `cut` bytes of `bytes`, announced whole, then the connection drops (a moment later,
/// so that the bytes sent are on the wire first).
pub fn dropped(bytes: &[u8], cut: usize) -> Response {
    use futures_util::StreamExt;
    let head = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes[..cut].to_vec())]);
    let drop = futures_util::stream::once(async {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        Err(std::io::Error::other("connection dropped by the fixture"))
    });
    Response::builder()
        .header("content-length", bytes.len())
        .body(Body::from_stream(head.chain(drop)))
        .unwrap()
}

/// Deterministic bytes that are not all alike (so a wrong offset shows).
pub fn bytes(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 7 % 251) as u8).collect()
}

/// SHA-256 hex of bytes, computed here independently of the crate under test.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

/// A zip of `files` (name inside the zip, bytes), deflated: a publisher's zip written for a test.
pub fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options).expect("a zip entry");
        zip.write_all(bytes).expect("written in memory");
    }
    zip.finish().expect("a zip in memory").into_inner()
}

/// The name a publisher's zip gives the folder it wraps its files in: the zip's own name
/// (`…/X.zip` → `X`), as AidData's does.
pub fn zip_folder(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".zip").unwrap_or(name)
}
