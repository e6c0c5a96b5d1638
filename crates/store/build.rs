//! Fingerprints the code that reads the sources and writes the tables (this crate, the connectors
//! and the registry), so that a dataset is carried over from a previous store only when the same
//! code would have read it: a fix in a connector re-reads its files even if they are unchanged.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let mut all = Vec::new();
    // The registry's data files (aliases, codes) decide how names resolve, as much as its code.
    for dir in [
        "src",
        "../sources/src",
        "../registry/src",
        "../../data/registry",
    ] {
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
    println!("cargo:rustc-env=GALEON_READERS={:016x}", hasher.finish());
}
