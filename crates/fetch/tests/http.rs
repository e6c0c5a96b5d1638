//! The downloader against a local server that misbehaves on request: every case a publisher
//! can throw at `galeon fetch` (a dropped connection, 500s, 429 with Retry-After, a wrong
//! checksum, 204, an error message with status 200), and in every failure no file appears where
//! a build would read it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use galeon_fetch::http::{Checked, Checksum, Client, Policy};
use galeon_fetch::FetchError;
use galeon_testkit::http::{bytes, dropped, file, serve, sha256, status, Handler};

fn fast() -> Policy {
    Policy {
        attempts: 4,
        backoff: Duration::from_millis(20),
        max_wait: Duration::from_secs(3),
        timeout: Duration::from_secs(10),
    }
}

fn no_check(_: &Path) -> Result<Checked, String> {
    Ok(Checked::default())
}

/// Downloads `route` into `dir/out/file.bin` through `dir/.partial/file.bin.part`.
fn get(
    base: &str,
    route: &str,
    dir: &Path,
    sha: Option<&str>,
) -> Result<galeon_fetch::http::Downloaded, FetchError> {
    Client::new(fast()).download(
        &format!("{base}{route}"),
        &[],
        &dir.join("out/file.bin"),
        &dir.join(".partial/file.bin.part"),
        sha.map(|s| Checksum::Sha256(s.to_string())).as_ref(),
        &no_check,
        &mut |_, _| {},
    )
}

fn routes(list: Vec<(&str, Handler)>) -> String {
    serve(
        list.into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<HashMap<_, _>>(),
    )
}

#[test]
fn a_dropped_connection_is_resumed_with_range_and_the_file_is_whole() {
    let body = Arc::new(bytes(300_000));
    let calls = Arc::new(AtomicUsize::new(0));
    let (b, c) = (body.clone(), calls.clone());
    let base = routes(vec![(
        "/f",
        Arc::new(move |h| match c.fetch_add(1, Ordering::SeqCst) {
            0 => dropped(&b, 120_000),
            _ => file(&b, h),
        }),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let got = get(&base, "/f", dir.path(), Some(&sha256(&body))).unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("out/file.bin")).unwrap(),
        *body
    );
    // The second request asked for the rest only and was answered 206.
    assert_eq!((got.status, got.attempts, got.bytes), (206, 2, 300_000));
    assert!(!dir.path().join(".partial/file.bin.part").exists());
}

#[test]
fn server_errors_are_retried_with_backoff_until_the_file_comes() {
    let body = Arc::new(bytes(10_000));
    let calls = Arc::new(AtomicUsize::new(0));
    let (b, c) = (body.clone(), calls.clone());
    let base = routes(vec![(
        "/f",
        Arc::new(move |h| match c.fetch_add(1, Ordering::SeqCst) {
            0 | 1 => status(StatusCode::INTERNAL_SERVER_ERROR, "busy"),
            _ => file(&b, h),
        }),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let got = get(&base, "/f", dir.path(), None).unwrap();
    assert_eq!((got.status, got.attempts), (200, 3));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    assert_eq!(got.sha256, sha256(&body));
}

#[test]
fn too_many_requests_waits_as_long_as_retry_after_says() {
    let body = Arc::new(bytes(1_000));
    let calls = Arc::new(AtomicUsize::new(0));
    let (b, c) = (body.clone(), calls.clone());
    let base = routes(vec![(
        "/f",
        Arc::new(move |h| match c.fetch_add(1, Ordering::SeqCst) {
            0 => axum::response::Response::builder()
                .status(StatusCode::TOO_MANY_REQUESTS)
                .header("retry-after", "1")
                .body(axum::body::Body::empty())
                .unwrap(),
            _ => file(&b, h),
        }),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let got = get(&base, "/f", dir.path(), None).unwrap();
    // The backoff alone would be 20–40 ms; Retry-After asked for a second.
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(got.attempts, 2);
}

#[test]
fn retries_give_up_and_leave_nothing_where_a_build_reads() {
    let base = routes(vec![(
        "/f",
        Arc::new(|_| status(StatusCode::SERVICE_UNAVAILABLE, "down")),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let e = get(&base, "/f", dir.path(), None).unwrap_err();
    assert!(matches!(e, FetchError::GaveUp { attempts: 4, .. }), "{e}");
    assert!(!dir.path().join("out/file.bin").exists());
}

#[test]
fn a_wrong_checksum_is_refused_and_the_file_not_kept() {
    let body = Arc::new(bytes(5_000));
    let b = body.clone();
    let base = routes(vec![("/f", Arc::new(move |h| file(&b, h)))]);
    let dir = tempfile::tempdir().unwrap();
    let declared = sha256(b"another file");
    let e = get(&base, "/f", dir.path(), Some(&declared)).unwrap_err();
    match e {
        FetchError::Checksum { expected, got, .. } => {
            assert_eq!(expected, declared);
            assert_eq!(got, sha256(&body));
        }
        other => panic!("{other}"),
    }
    assert!(!dir.path().join("out/file.bin").exists());
    // Not kept for a resume either: its bytes are known to be wrong.
    assert!(!dir.path().join(".partial/file.bin.part").exists());
}

#[test]
fn no_content_and_not_found_are_errors_naming_the_url() {
    let base = routes(vec![(
        "/unknown-dataflow",
        Arc::new(|_| status(StatusCode::NO_CONTENT, "")),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let e = get(&base, "/unknown-dataflow", dir.path(), None).unwrap_err();
    assert!(matches!(e, FetchError::NoContent { .. }), "{e}");
    assert!(e.to_string().contains("/unknown-dataflow"), "{e}");
    let e = get(&base, "/nowhere", dir.path(), None).unwrap_err();
    assert!(matches!(e, FetchError::Status { status: 404, .. }), "{e}");
    assert!(!dir.path().join("out/file.bin").exists());
}

#[test]
fn a_server_that_ignores_range_gets_the_file_again_from_the_start() {
    let body = Arc::new(bytes(200_000));
    let calls = Arc::new(AtomicUsize::new(0));
    let (b, c) = (body.clone(), calls.clone());
    let base = routes(vec![(
        "/f",
        Arc::new(move |_| match c.fetch_add(1, Ordering::SeqCst) {
            0 => dropped(&b, 50_000),
            // Whole file, status 200, whatever the Range header said.
            _ => file(&b, &axum::http::HeaderMap::new()),
        }),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let got = get(&base, "/f", dir.path(), Some(&sha256(&body))).unwrap();
    assert_eq!((got.status, got.bytes), (200, 200_000));
    assert_eq!(
        std::fs::read(dir.path().join("out/file.bin")).unwrap(),
        *body
    );
}

#[test]
fn a_partial_file_already_whole_is_finished_on_416_and_checked() {
    let body = bytes(9_000);
    let dir = tempfile::tempdir().unwrap();
    let partial = dir.path().join(".partial/file.bin.part");
    std::fs::create_dir_all(partial.parent().unwrap()).unwrap();
    std::fs::write(&partial, &body).unwrap();
    let total = body.len();
    let base = routes(vec![(
        "/f",
        Arc::new(move |_| {
            axum::response::Response::builder()
                .status(StatusCode::RANGE_NOT_SATISFIABLE)
                .header("content-range", format!("bytes */{total}"))
                .body(axum::body::Body::empty())
                .unwrap()
        }),
    )]);
    let got = get(&base, "/f", dir.path(), Some(&sha256(&body))).unwrap();
    assert_eq!((got.status, got.attempts), (416, 1));
    assert_eq!(
        std::fs::read(dir.path().join("out/file.bin")).unwrap(),
        body
    );
}

#[test]
fn a_partial_file_of_another_version_is_discarded_and_the_file_fetched_whole() {
    // The partial file left by an earlier run holds other bytes; the resumed file fails its
    // checksum, so the download starts once more from the first byte.
    let body = Arc::new(bytes(20_000));
    let dir = tempfile::tempdir().unwrap();
    let partial = dir.path().join(".partial/file.bin.part");
    std::fs::create_dir_all(partial.parent().unwrap()).unwrap();
    std::fs::write(&partial, vec![0u8; 5_000]).unwrap();
    let b = body.clone();
    let base = routes(vec![("/f", Arc::new(move |h| file(&b, h)))]);
    let got = get(&base, "/f", dir.path(), Some(&sha256(&body))).unwrap();
    assert_eq!((got.status, got.attempts), (200, 2));
    assert_eq!(
        std::fs::read(dir.path().join("out/file.bin")).unwrap(),
        *body
    );
}

#[test]
fn an_answer_from_another_offset_is_not_appended() {
    let body = Arc::new(bytes(30_000));
    let calls = Arc::new(AtomicUsize::new(0));
    let (b, c) = (body.clone(), calls.clone());
    let base = routes(vec![(
        "/f",
        Arc::new(move |h| match c.fetch_add(1, Ordering::SeqCst) {
            0 => dropped(&b, 10_000),
            // 206, but from byte 0: appending it would duplicate the first 10,000 bytes.
            1 => axum::response::Response::builder()
                .status(StatusCode::PARTIAL_CONTENT)
                .header(
                    "content-range",
                    format!("bytes 0-{}/{}", b.len() - 1, b.len()),
                )
                .body(axum::body::Body::from(b.to_vec()))
                .unwrap(),
            _ => file(&b, h),
        }),
    )]);
    let dir = tempfile::tempdir().unwrap();
    // No checksum declared: only the offset check keeps the file right.
    let got = get(&base, "/f", dir.path(), None).unwrap();
    assert_eq!(got.bytes, 30_000);
    assert_eq!(
        std::fs::read(dir.path().join("out/file.bin")).unwrap(),
        *body
    );
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[test]
fn an_md5_checksum_is_checked_too() {
    // RFC 1321's test suite: MD5("abc") = 900150983cd24fb0d6963f7d28e17f72.
    let base = routes(vec![("/abc", Arc::new(|h| file(b"abc", h)))]);
    let dir = tempfile::tempdir().unwrap();
    let download = |md5: &str| {
        Client::new(fast()).download(
            &format!("{base}/abc"),
            &[],
            &dir.path().join("out/abc"),
            &dir.path().join(".partial/abc.part"),
            Some(&Checksum::Md5(md5.to_string())),
            &no_check,
            &mut |_, _| {},
        )
    };
    match download("0123456789abcdef0123456789abcdef").unwrap_err() {
        FetchError::Checksum { algorithm, got, .. } => assert_eq!(
            (algorithm, got.as_str()),
            ("MD5", "900150983cd24fb0d6963f7d28e17f72")
        ),
        other => panic!("{other}"),
    }
    assert!(!dir.path().join("out/abc").exists());
    let got = download("900150983CD24FB0D6963F7D28E17F72").unwrap();
    assert_eq!(got.bytes, 3);
    assert!(Checksum::Md5("900150983cd24fb0d6963f7d28e17f72".into())
        .matches_file(&dir.path().join("out/abc")));
}
