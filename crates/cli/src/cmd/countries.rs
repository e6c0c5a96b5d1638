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
/// By default the 33 CELAC states, as /api/countries; `--scope countries` lists every country,
/// `--scope all` (or `--all`) aggregates and historic states too. The same table as the API's
/// (`--lang es` is `sort=es`).
///
/// Examples:
///   galeon countries --lang es
///   galeon countries --scope countries --format csv
///   galeon countries --lac --lang zh --format csv > lac.csv
///   galeon countries --resolve "Venezuela, Rep. Bolivariana de"
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Which entities: lac (the 33 CELAC states), countries (every country) or all (aggregates
    /// and historic states too: World, Euro Area, "not specified"…).
    #[arg(long, default_value = "lac", value_parser = parse::<Scope>)]
    scope: Scope,
    /// The same as --scope lac (the default).
    #[arg(long, conflicts_with_all = ["scope", "all"])]
    lac: bool,
    /// The same as --scope all.
    #[arg(long, conflicts_with = "scope")]
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
        _ => args.scope,
    };
    let query = CountriesQuery {
        scope,
        sort: args.lang,
        resolve: args.resolve,
    };
    render_table(&countries(&query)?, args.format)?;
    Ok(ExitCode::SUCCESS)
}
