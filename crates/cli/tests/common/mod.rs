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

/// Runs `galeon` with these arguments, which must succeed (else its standard error is shown).
pub fn galeon_ok(args: &[&str]) -> Output {
    let out = galeon(args);
    assert!(
        out.status.success(),
        "galeon {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `galeon build` of `sources` into `store`, which must succeed; its output has the summary as CSV.
pub fn build_store(sources: &Path, store: &Path) -> Output {
    let (sources, store) = (sources.to_str().unwrap(), store.to_str().unwrap());
    galeon_ok(&[
        "build",
        "--sources",
        sources,
        "--store",
        store,
        "--quiet",
        "--format",
        "csv",
    ])
}
