//! What galeon's tests share. Tests against the publishers' real files find them here:
//! `GALEON_SOURCES`, or `../shared/data` beside the repository. In CI the folder must be there
//! (a test panics otherwise); elsewhere the tests that need it are skipped, and the first of them
//! in each test binary says so on standard error — never silently.

pub mod http;

use std::path::PathBuf;
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
