//! `galeon sources`: the datasets galeon reads, and which a sources folder holds.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};
use galeon_sources::obtain::{pinned_files, Obtain};

use crate::output::{render, Format, Rows};

/// List the source datasets galeon reads, and which are present in a sources folder.
///
/// (What a built store holds, release by release, is /api/sources and `galeon build`'s summary.)
///
/// Example: galeon sources --sources ../shared/data
#[derive(clap::Args)]
pub struct Args {
    /// The sources folder (the publishers' files, in the published layout).
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    sources: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// How `galeon fetch` gets a dataset, in a few words.
fn obtained(obtain: &Obtain) -> String {
    match obtain {
        Obtain::Pinned { list, rest } => {
            let n = match pinned_files(list) {
                Ok(files) => files.len(),
                Err(e) => return format!("pinned list invalid: {e}"),
            };
            let rest = if rest.is_some() {
                " (the rest by hand)"
            } else {
                ""
            };
            let files = if n == 1 { "file" } else { "files" };
            format!("{n} pinned {files}{rest}")
        }
        Obtain::ImfImts => "IMF SDMX API".into(),
        Obtain::WorldBank { .. } => "World Bank API".into(),
        Obtain::Comtrade => "UN Comtrade API".into(),
        Obtain::ByHand(_) => "by hand (galeon fetch says how)".into(),
    }
}

/// Runs `galeon sources`.
pub fn run(args: Args) -> Result<ExitCode> {
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
            obtained(&d.obtain),
        ]);
    }
    render(&rows, args.format)?;
    Ok(ExitCode::SUCCESS)
}
