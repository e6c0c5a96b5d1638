//! `galeon sources`: the datasets galeon reads, and which a sources folder holds.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

use crate::output::{render, render_table, Format, Rows};

/// List the source datasets galeon reads, and which are present in a sources folder; or, with
/// --store, what a built store holds: each dataset's status, releases, files and rows read,
/// stored and rejected (the same table as /api/sources).
///
/// Examples:
///   galeon sources --sources ../shared/data
///   galeon sources --store store --format json
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The sources folder (the publishers' files, in the published layout).
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    sources: PathBuf,
    /// A built store: list what it holds instead.
    #[arg(long, value_name = "DIR", conflicts_with = "sources")]
    store: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `galeon sources`.
pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(store) = &args.store {
        let Some(manifest) = galeon_store::read_manifest(store) else {
            bail!(
                "no store at {}: build one with `galeon build`",
                store.display()
            );
        };
        let table = galeon_observatory::resources::store_datasets(&manifest)?;
        let table = match args.format {
            // The terminal shows the counts; CSV and JSON carry titles, releases and files.
            Format::Table => {
                table.select(&["id", "status", "rows_read", "rows_stored", "rows_rejected"])
            }
            _ => table,
        };
        render_table(&table, args.format)?;
        return Ok(ExitCode::SUCCESS);
    }
    let dir = &args.sources;
    if !dir.is_dir() {
        bail!(
            "sources folder {} not found: pass --sources DIR",
            dir.display()
        );
    }
    let mut rows = Rows::new(&[
        "dataset",
        "folder",
        "present",
        "title",
        "publisher (where to get it)",
        "licence",
        "galeon fetch",
    ]);
    for d in galeon_sources::DATASETS {
        let present = dir.join(d.folder).is_dir();
        rows.push(vec![
            d.id.into(),
            d.folder.into(),
            if present { "yes" } else { "missing" }.into(),
            d.title.into(),
            d.publisher.into(),
            d.licence.into(),
            d.obtain.describe(),
        ]);
    }
    render(&rows, args.format)?;
    Ok(ExitCode::SUCCESS)
}
