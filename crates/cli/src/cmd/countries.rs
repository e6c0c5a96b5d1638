//! `galeon countries`: the registry's countries and aggregates.

use std::process::ExitCode;

use anyhow::Result;
use galeon_observatory::resources::{countries, CountriesQuery, Scope};
use galeon_registry::Lang;

use crate::common::parse;
use crate::output::{render_table, Format};

/// List countries and aggregates with their codes, UN M49 region and names in English,
/// Spanish, Portuguese and Chinese.
///
/// The same table as the API's /api/countries (`--lac` is `scope=lac`, `--lang es` is
/// `sort=es`).
///
/// Examples:
///   galeon countries --lac --lang es
///   galeon countries --lac --lang zh --format csv > lac.csv
///   galeon countries --resolve "Venezuela, Rep. Bolivariana de"
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Only the 33 CELAC states.
    #[arg(long)]
    lac: bool,
    /// Also list historic states and aggregates (World, Euro Area, "not specified"…).
    #[arg(long, conflicts_with = "lac")]
    all: bool,
    /// Sort by the names in this language (en, es, pt, zh).
    #[arg(long, value_parser = parse::<Lang>)]
    lang: Option<Lang>,
    /// Resolve one name or code exactly as galeon does when reading sources, and show it.
    #[arg(long, value_name = "NAME_OR_CODE")]
    resolve: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `galeon countries`.
pub fn run(args: Args) -> Result<ExitCode> {
    let scope = match (args.lac, args.all) {
        (true, _) => Scope::Lac,
        (_, true) => Scope::All,
        _ => Scope::Countries,
    };
    let query = CountriesQuery {
        scope,
        sort: args.lang,
        resolve: args.resolve,
    };
    render_table(&countries(&query)?, args.format)?;
    Ok(ExitCode::SUCCESS)
}
