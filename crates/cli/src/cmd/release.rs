//! `galeon release`: the store as a citable data package.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use galeon_observatory::release::{write, Written};

use crate::common::{runtime, StoreDir};

/// Write the store as a citable data release: every table as CSV and Parquet, with a
/// Frictionless datapackage.json and a README that says how to cite it.
///
/// The package describes each column (type, unit and meaning, from docs/data-dictionary.md),
/// names each table's sources and their terms, and records galeon's version, the store's build
/// date and the hash of its manifest. Rows whose publisher does not let them be republished
/// (AEI's China Global Investment Tracker; datasets that state no licence) are left out, and
/// the package says where to get them. The folder must be new or empty; a release that fails
/// leaves nothing behind. Tables stream from the store to their files: a table larger than
/// --memory is sorted on disk rather than held whole.
///
/// Examples:
///   galeon release --into galeon-release-2026-12
///   frictionless validate galeon-release-2026-12/datapackage.json
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The folder to write (new, or empty).
    #[arg(long, value_name = "DIR")]
    into: PathBuf,
    /// Memory for sorting each table, in MiB (at least 256); a larger table is sorted on disk,
    /// in the temporary folder (TMPDIR), which then needs room for it. The real sources' store
    /// releases in 256.
    #[arg(long, value_name = "MIB", default_value_t = 2048, value_parser = clap::value_parser!(u64).range(256..))]
    memory: u64,
    #[command(flatten)]
    store: StoreDir,
}

/// Runs `galeon release`.
pub fn run(args: Args) -> Result<ExitCode> {
    let mut progress = |w: &Written| eprintln!("  {:<18} {:>10} rows", w.table, w.rows);
    eprintln!("writing the release of {} …", args.store.store.display());
    let memory = usize::try_from(args.memory.saturating_mul(1 << 20)).unwrap_or(usize::MAX);
    let written = write(&args.store.store, &args.into, memory, &mut progress);
    let release = runtime()?.block_on(written)?;
    for l in &release.left_out {
        eprintln!("  left out: {} ({} rows): {}", l.dataset, l.rows, l.why);
    }
    println!("{}", args.into.join("datapackage.json").display());
    Ok(ExitCode::SUCCESS)
}
