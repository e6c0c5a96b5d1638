//! What one server grants a client at most, so that no client can exhaust it: open connections
//! (past the cap, new ones wait in the kernel's queue until one closes), time without progress
//! on a connection (a client that sends or reads nothing for that long is dropped, which ends
//! slow-loris holds), time from a request's first byte to its answer's (a client that dribbles
//! its request a byte at a time makes progress, but not a request, and is dropped too), time per
//! request, the length of the address and the number of query
//! parameters. Only GET and HEAD are answered: the API reads, it never takes a body.
//! docs/reliability.md gives the figures and how each limit is tested.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{sleep, Instant, Sleep};

/// The limits of one server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once.
    pub connections: usize,
    /// Time a connection may go without reading or writing a byte.
    pub idle: Duration,
    /// Time from the first byte of a request to the first byte of its answer: the whole request
    /// must arrive, and be answered, within it. Longer than [`Limits::request`], which bounds the
    /// answering alone.
    pub answer: Duration,
    /// Time to answer one request.
    pub request: Duration,
    /// Longest path and query, in bytes.
    pub uri_bytes: usize,
    /// Most query parameters.
    pub query_parameters: usize,
    /// Most bytes of request headers, names and values together.
    pub header_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections: 1024,
            idle: Duration::from_secs(30),
            answer: Duration::from_secs(20),
            request: Duration::from_secs(10),
            uri_bytes: 8 * 1024,
            query_parameters: 64,
            header_bytes: 16 * 1024,
        }
    }
}

/// A listener that keeps at most [`Limits::connections`] connections open.
pub struct Capped {
    listener: TcpListener,
    permits: Arc<Semaphore>,
    idle: Duration,
    answer: Duration,
}

impl Capped {
    /// Wraps `listener` with the connection cap and idle time of `limits`.
    pub fn new(listener: TcpListener, limits: &Limits) -> Capped {
        Capped {
            listener,
            permits: Arc::new(Semaphore::new(limits.connections.max(1))),
            idle: limits.idle,
            answer: limits.answer,
        }
    }
}

impl axum::serve::Listener for Capped {
    type Io = Connection;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Connection, Self::Addr) {
        let permit =
            (self.permits.clone().acquire_owned().await).expect("the semaphore is never closed");
        let (stream, addr) = axum::serve::Listener::accept(&mut self.listener).await;
        let connection = Connection {
            stream,
            _permit: permit,
            idle: self.idle,
            deadline: Box::pin(sleep(self.idle)),
            answer: self.answer,
            answer_deadline: None,
        };
        (connection, addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.listener.local_addr()
    }
}

/// An accepted connection: its place under the cap is given back when it closes, and it fails
/// once it has made no progress for the idle time, or once the client has been sending for the
/// answer time without the server having anything to write back.
pub struct Connection {
    stream: TcpStream,
    _permit: OwnedSemaphorePermit,
    idle: Duration,
    deadline: Pin<Box<Sleep>>,
    answer: Duration,
    /// Set by the first byte read since the last written: when an answer must have begun.
    answer_deadline: Option<Pin<Box<Sleep>>>,
}

impl Connection {
    /// What a pending read or write becomes: still pending, or an error once the deadline passes.
    fn waiting<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let timed_out = |why: &str| Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, why)));
        if let Some(answer) = &mut self.answer_deadline {
            if answer.as_mut().poll(cx).is_ready() {
                return timed_out("a request not whole and answered in time");
            }
        }
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => timed_out("no progress on the connection"),
            Poll::Pending => Poll::Pending,
        }
    }

    fn progressed(&mut self) {
        let next = Instant::now() + self.idle;
        self.deadline.as_mut().reset(next);
    }
}

impl AsyncRead for Connection {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.stream).poll_read(cx, buf) {
            Poll::Ready(result) => {
                self.progressed();
                if buf.filled().len() > before && self.answer_deadline.is_none() {
                    self.answer_deadline = Some(Box::pin(sleep(self.answer)));
                }
                // A dribbling client's bytes keep coming: the answer's deadline is checked on
                // each of them, not only while waiting.
                match self.answer_deadline.as_mut().map(|d| d.is_elapsed()) {
                    Some(true) => self.waiting(cx),
                    _ => Poll::Ready(result),
                }
            }
            Poll::Pending => self.waiting(cx),
        }
    }
}

impl AsyncWrite for Connection {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bytes: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.stream).poll_write(cx, bytes) {
            Poll::Ready(result) => {
                self.progressed();
                if matches!(result, Ok(n) if n > 0) {
                    self.answer_deadline = None;
                }
                Poll::Ready(result)
            }
            Poll::Pending => self.waiting(cx),
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// The per-request limits, as a middleware: method, address length, parameter count, time.
pub async fn guard(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    let refuse = |status: StatusCode, message: String| {
        let body = serde_json::json!({"error": message, "status": status.as_u16()}).to_string();
        (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let mut answer = refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{}: galeon answers GET and HEAD only", request.method()),
        );
        let allow = header::HeaderValue::from_static("GET, HEAD");
        answer.headers_mut().insert(header::ALLOW, allow);
        return answer;
    }
    let uri = request.uri();
    let length = uri.path().len() + uri.query().map_or(0, str::len);
    if length > limits.uri_bytes {
        let message = format!(
            "the address is {length} bytes; galeon takes up to {}",
            limits.uri_bytes
        );
        return refuse(StatusCode::URI_TOO_LONG, message);
    }
    let parameters = uri.query().map_or(0, |q| q.split('&').count());
    if parameters > limits.query_parameters {
        let message = format!(
            "{parameters} query parameters; galeon takes up to {}",
            limits.query_parameters
        );
        return refuse(StatusCode::BAD_REQUEST, message);
    }
    if let Some(name) = repeated_parameter(uri.query().unwrap_or("")) {
        let message = format!("{name} is given more than once: give each parameter once");
        return refuse(StatusCode::BAD_REQUEST, message);
    }
    let headers = request.headers();
    let header_bytes: usize = (headers.iter())
        .map(|(n, v)| n.as_str().len() + v.len())
        .sum();
    if header_bytes > limits.header_bytes {
        let message = format!(
            "the headers are {header_bytes} bytes; galeon takes up to {}",
            limits.header_bytes
        );
        return refuse(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, message);
    }
    let has_body = headers.contains_key(header::TRANSFER_ENCODING)
        || (headers.get(header::CONTENT_LENGTH)).is_some_and(|v| v.as_bytes() != b"0");
    if has_body {
        let message = "galeon's requests carry no body".to_string();
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, message);
    }
    match tokio::time::timeout(limits.request, next.run(request)).await {
        Ok(response) => response,
        Err(_) => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("no answer within {:?}; try again", limits.request),
        ),
    }
}

/// The first parameter named twice in a query string (`scope=lac&scope=all` would otherwise mean
/// whichever came last).
fn repeated_parameter(query: &str) -> Option<&str> {
    let mut seen = std::collections::HashSet::new();
    (query.split('&'))
        .map(|pair| pair.split_once('=').map_or(pair, |(name, _)| name))
        .filter(|name| !name.is_empty())
        .find(|name| !seen.insert(*name))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_parameter_named_twice_is_found() {
        assert_eq!(
            super::repeated_parameter("scope=lac&scope=all"),
            Some("scope")
        );
        assert_eq!(super::repeated_parameter("a=1&b=2&&c"), None);
        assert_eq!(super::repeated_parameter(""), None);
    }
}
