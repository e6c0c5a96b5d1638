//! `galeon map`: one value per LAC state for an indicator or the index, as the dashboard maps it.

use std::process::ExitCode;

use anyhow::Result;
use galeon_observatory::params::MapYear;
use galeon_observatory::resources::{map, MapQuery};
use galeon_observatory::{Observatory, Options};

use crate::common::{parse, runtime, StoreDir};
use crate::output::{render_table, Format};

/// One row per LAC state for an indicator or the index: the table behind the dashboard's map.
///
/// All 33 states are listed, those without a value too (their value is empty), with the year,
/// the value, the rank (for the index) and the source each value came from. By default the
/// year is the latest one at least half the states have a value for; --year latest gives each
/// state its own latest year, shown on its row. The same table as /api/map.
///
/// Examples:
///   galeon map china_partner_share
///   galeon map china_partner_share --year 2015 --format csv > shares-2015.csv
///   galeon map trade_with_china --year latest
///   galeon map index
///   galeon map cofi_capacity_by_fuel_mw --dimension hydro
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// An indicator id (`galeon indicators list`), or `index` for the composite index.
    indicator: String,
    /// A year, or `latest` for each state's latest value (default: the latest year at least
    /// half the states have).
    #[arg(long, value_name = "YEAR|latest", value_parser = parse::<MapYear>)]
    year: Option<MapYear>,
    /// The breakdown to map, for indicators that have one (the error lists them).
    #[arg(long)]
    dimension: Option<String>,
    #[command(flatten)]
    store: StoreDir,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `galeon map`.
pub fn run(args: Args) -> Result<ExitCode> {
    let options = Options {
        check_claims: false,
        ..Options::default()
    };
    let obs = runtime()?.block_on(Observatory::load(&args.store.store, options))?;
    let query = MapQuery {
        indicator: args.indicator,
        year: args.year.unwrap_or_default(),
        dimension: args.dimension,
    };
    let table = obs.stamped(map(&obs, &query)?);
    let table = match args.format {
        // The terminal shows one name; CSV and JSON carry both names and the numeric code.
        Format::Table => table.select(&["country", "name_en", "year", "value", "rank", "source"]),
        _ => table,
    };
    render_table(&table, args.format)?;
    Ok(ExitCode::SUCCESS)
}
