//! Fingerprints the code and data that compute the indicators (this crate's SQL files and formulas, and
//! the curated facts the political indicators read), so that a panel written by other indicator
//! code is computed again rather than read: see `panel_code`.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let mut all = Vec::new();
    for dir in ["src", "sql", "../facts/src", "../../data/facts"] {
        let dir = here.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        let found = walkdir::WalkDir::new(&dir).into_iter().flatten();
        all.extend(
            found
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path()),
        );
    }
    all.sort();
    let mut hasher = DefaultHasher::new();
    for path in &all {
        path.strip_prefix(&here).unwrap_or(path).hash(&mut hasher);
        std::fs::read(path).unwrap_or_default().hash(&mut hasher);
    }
    println!(
        "cargo:rustc-env=GALEON_INDICATOR_CODE={:016x}",
        hasher.finish()
    );
}
