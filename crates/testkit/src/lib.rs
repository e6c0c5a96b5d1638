//! What galeon's tests share. Tests against the publishers' real files find them here:
//! `GALEON_SOURCES`, or `../shared/data` beside the repository. In CI the folder must be there
//! (a test panics otherwise); elsewhere the tests that need it are skipped, and the first of them
//! in each test binary says so on standard error — never silently.

pub mod dataverse;
pub mod gdelt;
pub mod http;

use std::path::{Path, PathBuf};
use std::sync::Once;

/// The real sources folder, or `None` outside CI when it is absent (said once per test binary).
pub fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("GALEON_SOURCES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "sources directory {} not found (set GALEON_SOURCES): CI runs every real-data test",
            dir.display()
        );
    }
    static SAID: Once = Once::new();
    SAID.call_once(|| {
        eprintln!(
            "note: no sources directory at {} (set GALEON_SOURCES): the tests against the real files are skipped",
            dir.display()
        );
    });
    None
}

/// The Frictionless validator's report on a data package (`frictionless validate --json`), or
/// `None` outside CI when the validator is not installed (said on standard error). CI installs
/// it (`.ci/run`), and there its absence fails the test.
pub fn frictionless_report(datapackage: &Path) -> Option<serde_json::Value> {
    let run = std::process::Command::new("frictionless")
        .args(["validate", "--json"])
        .arg(datapackage)
        .output();
    match run {
        Ok(out) => {
            Some(serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
                panic!("frictionless: {}", String::from_utf8_lossy(&out.stderr))
            }))
        }
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("the Frictionless validator is needed in CI (.ci/run installs it): {e}")
        }
        Err(e) => {
            eprintln!("note: frictionless not found ({e}): the data package was not validated");
            None
        }
    }
}

/// A small deterministic random generator (xorshift64*): the same seed gives the same fuzzing
/// cases and generated files everywhere.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (0 is taken as 1: xorshift never leaves 0).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}
