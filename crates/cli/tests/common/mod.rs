//! What the command-line tests share: running the binary, and building a store with it.

#![allow(dead_code)] // each test binary uses part of it

use std::path::Path;
use std::process::{Command, Output};

/// Runs `galeon` with these arguments.
pub fn galeon(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_galeon"))
        .args(args)
        .output()
        .expect("galeon runs")
}

/// `galeon build` of `sources` into `store`, which must succeed; its output has the summary as CSV.
pub fn build_store(sources: &Path, store: &Path) -> Output {
    let out = galeon(&[
        "build",
        "--sources",
        sources.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--quiet",
        "--format",
        "csv",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
