//! `galeon build`: the store from a sources folder, then the indicator panel and the project
//! links.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use galeon_observatory::resources::store_datasets;

use crate::common::{runtime, StoreDir};
use crate::output::{render_table, Format};

/// Build the store: read every dataset in a sources folder into Parquet tables.
///
/// The build is atomic (a failed or interrupted build leaves the previous store as it was)
/// and incremental (datasets whose files are unchanged are carried over). One build at a
/// time writes a store: a second is refused, naming the first (the lock is STORE.lock).
/// Rows that cannot be read are kept in the `rejects` table with file, sheet, row, column and reason.
///
/// Every file of the folder is accounted for in STORE/manifest.json: read (with size,
/// SHA-256 and the release the file states, or `release.toml` beside it states, else
/// `unknown release (sha256 …)`), not read (with the reason), or missing. The summary lists
/// the files not read, except documentation and recorded API responses, which it counts.
/// The whole table of datasets (titles, publishers, licences, releases) is /api/sources.
///
/// Example: galeon build --sources ../shared/data --store store
#[derive(clap::Args)]
pub struct Args {
    /// The sources folder (the publishers' files, in the published layout).
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    sources: PathBuf,
    #[command(flatten)]
    store: StoreDir,
    /// Re-read every dataset, even those whose files are unchanged.
    #[arg(long)]
    force: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Do not compute the indicator panel and the project links after the tables.
    #[arg(long)]
    no_indicators: bool,
    /// Output format of the summary.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// The summary's columns: what was read, how much, into which tables.
const SUMMARY: &[&str] = &[
    "id",
    "status",
    "files",
    "rows_read",
    "rows_stored",
    "rows_rejected",
    "tables",
];

/// Runs `galeon build`.
pub fn run(args: Args) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let store = args.store.store;
    let options = galeon_store::BuildOptions {
        sources: args.sources,
        store: store.clone(),
        progress: !args.quiet,
        force: args.force,
    };
    let manifest = galeon_store::build(&options)?;
    render_table(&store_datasets(&manifest)?.select(SUMMARY), args.format)?;
    if args.format == Format::Table {
        let (mut read, mut stored, mut rejected) = (0, 0, 0);
        for (r, s, j) in manifest.datasets.iter().map(|d| d.totals()) {
            (read, stored, rejected) = (read + r, stored + s, rejected + j);
        }
        println!(
            "store {}: {read} rows read = {stored} stored + {rejected} rejected, in {:.1} s",
            store.display(),
            started.elapsed().as_secs_f64()
        );
        if rejected > 0 {
            println!("see why: galeon sql \"SELECT source, reason, sum(rows) AS n FROM rejects GROUP BY 1, 2 ORDER BY n DESC\"");
        }
        print_unread(&manifest);
    }
    if !args.no_indicators {
        let started = std::time::Instant::now();
        let runtime = runtime()?;
        let panel = runtime.block_on(galeon_indicators::compute(&store, &[]))?;
        let path = galeon_indicators::write_panel(&store, &panel)?;
        if args.format == Format::Table {
            println!(
                "indicators: {} values of {} indicators in {:.1} s → {}",
                panel.values.len(),
                panel.timings.len(),
                started.elapsed().as_secs_f64(),
                path.display()
            );
        }
        let links = runtime.block_on(galeon_indicators::links::compute_links(&store))?;
        let path = galeon_indicators::links::write_links(&store, &links)?;
        if args.format == Format::Table {
            println!(
                "project links across trackers: {} → {}",
                links.links.len(),
                path.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Says which files were not read and which declared files are missing: nothing is skipped
/// silently. Documentation and the folder's own notes are counted, the rest listed.
fn print_unread(manifest: &galeon_store::Manifest) {
    let mut listed = Vec::new();
    let mut counted = 0;
    let all = (manifest.datasets.iter().flat_map(|d| &d.not_read)).chain(&manifest.not_read);
    for file in all {
        if file.reason.starts_with("documentation")
            || file.reason.starts_with("recorded API response")
        {
            counted += 1;
        } else {
            listed.push(format!("  not read: {} — {}", file.path, file.reason));
        }
    }
    for d in &manifest.datasets {
        for pattern in &d.missing {
            listed.push(format!(
                "  missing: {}/{pattern} (declared by {})",
                d.id, d.id
            ));
        }
    }
    if !listed.is_empty() || counted > 0 {
        println!(
            "files not read: {} listed below, {counted} documentation files and recorded API responses (all in {})",
            listed.len(),
            galeon_store::MANIFEST
        );
        for line in listed {
            println!("{line}");
        }
    }
}
