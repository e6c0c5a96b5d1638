//! One download, done the way a user expects of a careful client: streamed into a partial file
//! beside the sources, resumed with HTTP `Range` after a dropped connection, retried with
//! exponential backoff and jitter on 429 and 5xx (honouring `Retry-After`), checked against the
//! publisher's checksum, and moved into place only when complete. A file `galeon build` reads is
//! therefore always whole.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use md5::Md5;
use sha2::{Digest, Sha256};

use crate::FetchError;

/// A checksum a publisher declares for a file, hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checksum {
    /// SHA-256 (galeon's pinned lists).
    Sha256(String),
    /// MD5 (Harvard Dataverse's and GDELT's lists).
    Md5(String),
}

impl Checksum {
    /// The algorithm's name, as people write it.
    pub fn algorithm(&self) -> &'static str {
        match self {
            Checksum::Sha256(_) => "SHA-256",
            Checksum::Md5(_) => "MD5",
        }
    }

    /// The declared value.
    pub fn value(&self) -> &str {
        match self {
            Checksum::Sha256(v) | Checksum::Md5(v) => v,
        }
    }

    /// What a file's hashes give under this algorithm.
    fn of<'h>(&self, hashes: &'h Hashes) -> &'h str {
        match self {
            Checksum::Sha256(_) => &hashes.sha256,
            Checksum::Md5(_) => hashes.md5.as_deref().unwrap_or_default(),
        }
    }

    /// Whether the file with these hashes is the one declared.
    pub fn matches(&self, hashes: &Hashes) -> bool {
        self.value().eq_ignore_ascii_case(self.of(hashes))
    }

    /// Whether the file at `path` is the one declared (false when it cannot be read).
    pub fn matches_file(&self, path: &Path) -> bool {
        hashes(path, Some(self)).is_ok_and(|h| self.matches(&h))
    }
}

/// A file's size and SHA-256 (always: the fetch log records it), and its MD5 when a checksum of
/// that kind is to be checked; all in one reading.
#[derive(Debug, Clone)]
pub struct Hashes {
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256, hex.
    pub sha256: String,
    /// MD5, hex, when asked for.
    pub md5: Option<String>,
}

/// How hard to try.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Attempts per file, the first included.
    pub attempts: u32,
    /// Backoff before the second attempt; doubled each time, with up to as much again of jitter.
    pub backoff: Duration,
    /// The longest wait between attempts, `Retry-After` included.
    pub max_wait: Duration,
    /// Connecting, and then waiting for any byte of the answer.
    pub timeout: Duration,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            attempts: 6,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(60),
            timeout: Duration::from_secs(60),
        }
    }
}

/// What a completed download was.
#[derive(Debug, Clone, PartialEq)]
pub struct Downloaded {
    /// Final HTTP status (200, or 206 when the last attempt resumed).
    pub status: u16,
    /// Bytes of the file.
    pub bytes: u64,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Attempts it took.
    pub attempts: u32,
    /// The publisher's `Last-Modified`, when sent.
    pub last_modified: Option<String>,
    /// The release the file itself states (from the check).
    pub stated_release: Option<String>,
    /// What the check noted (e.g. an answer with no values).
    pub note: Option<String>,
    /// Pages the query has, when the answer says (from the check).
    pub pages: Option<u32>,
}

/// What a check of a complete download found in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    /// The release the file states.
    pub release: Option<String>,
    /// Anything worth a note in the log.
    pub note: Option<String>,
    /// Pages the answer says the query has (an API answering page by page).
    pub pages: Option<u32>,
}

/// Checks a complete download before it is kept: `Err` says why the answer is not the file
/// asked for (an error page with status 200, an SDMX error message).
pub type Check<'a> = &'a dyn Fn(&Path) -> Result<Checked, String>;

/// Progress of one download: bytes so far and the total when the server says it.
pub type Progress<'a> = &'a mut dyn FnMut(u64, Option<u64>);

/// An HTTP client with a retry policy.
pub struct Client {
    agent: ureq::Agent,
    policy: Policy,
}

/// How one attempt ended.
enum Attempt {
    Done {
        status: u16,
        last_modified: Option<String>,
    },
    /// Worth another try after at least this long (a dropped connection, 429, 5xx).
    Retry { wait: Option<Duration>, why: String },
}

impl Client {
    /// A client that answers every status to the caller (none is turned into an error here).
    pub fn new(policy: Policy) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(policy.timeout))
            .timeout_recv_response(Some(policy.timeout))
            // Per read, not for the whole body: a large file on a slow line is not cut off.
            .timeout_per_read(Some(policy.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("galeon/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client { agent, policy }
    }

    /// Downloads `url` to `dest` through `partial` (a file in a folder the build never reads),
    /// with `headers` (e.g. an API key). Verifies the `expected` checksum when given and runs `check` on the
    /// complete file. On error, `dest` is untouched; `partial` keeps what arrived for the next
    /// run to resume, unless the complete file was refused.
    #[allow(clippy::too_many_arguments)]
    pub fn download(
        &self,
        url: &str,
        headers: &[(&str, String)],
        dest: &Path,
        partial: &Path,
        expected: Option<&Checksum>,
        check: Check<'_>,
        progress: Progress<'_>,
    ) -> Result<Downloaded, FetchError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| FetchError::Io { path, source }
        };
        if let Some(dir) = partial.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        if expected.is_none() {
            // Nothing would tell a stale partial answer from an earlier run from a good one.
            let _ = std::fs::remove_file(partial);
        }
        let mut attempt = 0;
        let mut restarted = false;
        let (status, last_modified, hashes) = loop {
            attempt += 1;
            match self.attempt(url, headers, partial, progress)? {
                Attempt::Done {
                    status,
                    last_modified,
                } => {
                    let hashes = hashes(partial, expected).map_err(io(partial))?;
                    let wrong = expected.is_some_and(|e| !e.matches(&hashes));
                    if wrong && status != 200 && !restarted {
                        // Resumed from a partial file that may be of another version: once
                        // more, from the first byte.
                        let _ = std::fs::remove_file(partial);
                        restarted = true;
                        continue;
                    }
                    break (status, last_modified, hashes);
                }
                Attempt::Retry { wait, .. } if attempt < self.policy.attempts => {
                    std::thread::sleep(self.wait(attempt, wait));
                }
                Attempt::Retry { why, .. } => {
                    return Err(FetchError::GaveUp {
                        url: url.to_string(),
                        attempts: attempt,
                        last: why,
                    })
                }
            }
        };
        if let Some(expected) = expected.filter(|e| !e.matches(&hashes)) {
            // A complete file with the wrong bytes: resuming it would only keep them.
            return Err(wrong_bytes(url, partial, expected, &hashes));
        }
        let checked = check(partial).map_err(|message| {
            let _ = std::fs::remove_file(partial);
            FetchError::Invalid {
                url: url.to_string(),
                message,
            }
        })?;
        put_in_place(partial, dest)?;
        Ok(Downloaded {
            status,
            bytes: hashes.bytes,
            sha256: hashes.sha256,
            attempts: attempt,
            last_modified,
            stated_release: checked.release,
            note: checked.note,
            pages: checked.pages,
        })
    }

    /// Backoff before attempt `attempt + 1`: the server's `Retry-After` if it gave one, else
    /// exponential with jitter; never more than the policy's longest wait.
    fn wait(&self, attempt: u32, asked: Option<Duration>) -> Duration {
        let wait = asked.unwrap_or_else(|| {
            let base = self.policy.backoff * 2u32.saturating_pow(attempt - 1);
            base + base.mul_f64(jitter())
        });
        wait.min(self.policy.max_wait)
    }

    fn attempt(
        &self,
        url: &str,
        headers: &[(&str, String)],
        partial: &Path,
        progress: Progress<'_>,
    ) -> Result<Attempt, FetchError> {
        let have = std::fs::metadata(partial).map_or(0, |m| m.len());
        let mut request = self.agent.get(url);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        // The bytes as published: offsets of a compressed transfer would not be file offsets.
        request = request.header("Accept-Encoding", "identity");
        if have > 0 {
            request = request.header("Range", format!("bytes={have}-"));
        }
        let mut response = match request.call() {
            Ok(r) => r,
            Err(e) => {
                return Ok(Attempt::Retry {
                    wait: None,
                    why: e.to_string(),
                })
            }
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            (response.headers().get(name))
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let last_modified = header("last-modified");
        let retry_after = header("retry-after").and_then(|v| v.trim().parse::<u64>().ok());
        let total = header("content-length").and_then(|v| v.parse::<u64>().ok());
        let range = header("content-range");
        let append = match status {
            200 => false,
            // Appended only when the answer starts where the partial file ends.
            206 if range_start(range.as_deref()) == Some(have) => true,
            206 => {
                let _ = std::fs::remove_file(partial);
                let why = format!("206 from another offset than {have}: {range:?}");
                return Ok(Attempt::Retry {
                    wait: Some(Duration::ZERO),
                    why,
                });
            }
            // The partial file is whole already (interrupted before its move): done, and the
            // checksum and check decide. Longer than the file: start again.
            416 if range_total(range.as_deref()) == Some(have) => {
                return Ok(Attempt::Done {
                    status,
                    last_modified,
                })
            }
            416 => {
                let _ = std::fs::remove_file(partial);
                let why = "416 Range Not Satisfiable".to_string();
                return Ok(Attempt::Retry {
                    wait: Some(Duration::ZERO),
                    why,
                });
            }
            204 => return Err(FetchError::NoContent { url: url.into() }),
            429 | 500..=599 => {
                return Ok(Attempt::Retry {
                    wait: retry_after.map(Duration::from_secs),
                    why: format!("HTTP {status}"),
                })
            }
            _ => {
                let mut body = String::new();
                let _ = (response.body_mut().as_reader().take(300)).read_to_string(&mut body);
                return Err(FetchError::Status {
                    url: url.into(),
                    status,
                    body: body.trim().to_string(),
                });
            }
        };
        let mut file = OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(partial)
            .map_err(|source| FetchError::Io {
                path: partial.to_path_buf(),
                source,
            })?;
        let start = if append { have } else { 0 };
        let total = total.map(|t| t + start);
        let mut reader = response.body_mut().as_reader();
        match copy(&mut reader, &mut file, start, total, progress) {
            Ok(()) => Ok(Attempt::Done {
                status,
                last_modified,
            }),
            // A dropped connection: what arrived stays, and the next attempt resumes from it.
            Err(CopyError::Read(e)) => Ok(Attempt::Retry {
                wait: None,
                why: format!("connection lost: {e}"),
            }),
            Err(CopyError::Write(source)) => Err(FetchError::Io {
                path: partial.to_path_buf(),
                source,
            }),
        }
    }
}

enum CopyError {
    Read(std::io::Error),
    Write(std::io::Error),
}

fn copy(
    reader: &mut dyn Read,
    file: &mut File,
    start: u64,
    total: Option<u64>,
    progress: Progress<'_>,
) -> Result<(), CopyError> {
    let mut buffer = vec![0u8; 1 << 16];
    let mut done = start;
    loop {
        let n = reader.read(&mut buffer).map_err(CopyError::Read)?;
        if n == 0 {
            break;
        }
        file.write_all(&buffer[..n]).map_err(CopyError::Write)?;
        done += n as u64;
        progress(done, total);
    }
    file.flush().map_err(CopyError::Write)?;
    // A body shorter than announced is a dropped connection too.
    match total {
        Some(t) if done < t => Err(CopyError::Read(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            format!("{done} of {t} bytes"),
        ))),
        _ => Ok(()),
    }
}

/// The first byte of a `Content-Range: bytes START-END/TOTAL`.
fn range_start(header: Option<&str>) -> Option<u64> {
    let spec = header?.trim().strip_prefix("bytes ")?;
    spec.split_once('-')?.0.trim().parse().ok()
}

/// The total of a `Content-Range: bytes */TOTAL` (or `START-END/TOTAL`).
fn range_total(header: Option<&str>) -> Option<u64> {
    header?.rsplit_once('/')?.1.trim().parse().ok()
}

/// Size, SHA-256 and, when `checksum` is an MD5, MD5 of a file, in one reading.
pub fn hashes(path: &Path, checksum: Option<&Checksum>) -> std::io::Result<Hashes> {
    let mut file = File::open(path)?;
    let mut sha256 = Sha256::new();
    let mut md5 = matches!(checksum, Some(Checksum::Md5(_))).then(Md5::new);
    let mut buffer = vec![0u8; 1 << 16];
    let mut bytes = 0;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        sha256.update(&buffer[..n]);
        if let Some(md5) = &mut md5 {
            md5.update(&buffer[..n]);
        }
        bytes += n as u64;
    }
    Ok(Hashes {
        bytes,
        sha256: format!("{:x}", sha256.finalize()),
        md5: md5.map(|m| format!("{:x}", m.finalize())),
    })
}

/// The error for a whole file whose bytes are not those declared; the file is removed, since
/// resuming it would only keep them.
pub(crate) fn wrong_bytes(
    url: &str,
    partial: &Path,
    expected: &Checksum,
    got: &Hashes,
) -> FetchError {
    let _ = std::fs::remove_file(partial);
    FetchError::Checksum {
        url: url.to_string(),
        algorithm: expected.algorithm(),
        expected: expected.value().to_string(),
        got: expected.of(got).to_string(),
    }
}

/// Moves a whole, verified file from its partial path to where the build reads it, in one
/// rename: a half-written file is never there.
pub(crate) fn put_in_place(partial: &Path, dest: &Path) -> Result<(), FetchError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| FetchError::Io { path, source }
    };
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    std::fs::rename(partial, dest).map_err(io(dest))
}

/// A number in [0, 1) that differs from call to call and process to process: enough to keep
/// clients that failed together from retrying together.
fn jitter() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mixed =
        (u64::from(nanos) ^ u64::from(std::process::id())).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 11) as f64 / (1u64 << 53) as f64
}
