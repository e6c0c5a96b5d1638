//! `galeon framework`: one country through the five foundations and four fields.

use std::process::ExitCode;

use anyhow::Result;
use galeon_observatory::params::{Countries, Year, YearRange};
use galeon_observatory::resources::{framework_view, FrameworkQuery};
use galeon_observatory::{by_indicator, stamped};
use galeon_registry::Lang;

use crate::common::{parse, runtime, StoreDir};
use crate::output::{render_table, Format};

/// A country through the framework: five foundations and four fields of China–LAC cooperation.
///
/// For each foundation (the two governments' guarantee, China's public goods, LAC's rational
/// choice, the extra-regional power, shared history) and each field (economic, political,
/// cultural, green), each indicator that observes it: its latest value and year, its value at
/// an earlier year and the change, and the country's place among the 33 LAC states that year
/// (median, rank: 1 is the highest value). Which indicators observe which part, and what cannot
/// be observed, is in docs/framework.md. The same table as /api/framework.
///
/// Without --country, the region: every LAC state, part by part, to compare them. --years
/// looks back from a year of the past; --lang gives the names of parts and countries in
/// Spanish, Portuguese or Chinese.
///
/// Examples:
///   galeon framework --country PER
///   galeon framework --country "Perú" --since 2012 --format csv
///   galeon framework --country BRA --years 2008..2018 --lang pt
///   galeon framework --format csv > region.csv        (all 33 states)
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The country: ISO alpha-3, alpha-2 or a name (all 33 LAC states when not given).
    #[arg(long, value_parser = parse::<Countries>)]
    country: Option<Countries>,
    /// Compare with this year (default: ten years before each indicator's latest).
    #[arg(long, value_name = "YEAR", value_parser = parse::<Year>)]
    since: Option<Year>,
    /// Read up to LAST and compare with FIRST, as if in LAST (default: the latest years).
    #[arg(long, value_name = "FIRST..LAST", value_parser = parse::<YearRange>, conflicts_with = "since")]
    years: Option<YearRange>,
    /// The language of the names of parts and countries: en, es, pt or zh.
    #[arg(long, value_parser = parse::<Lang>, default_value = "en")]
    lang: Lang,
    #[command(flatten)]
    store: StoreDir,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `galeon framework`.
pub fn run(args: Args) -> Result<ExitCode> {
    let store = &args.store.store;
    let values = runtime()?.block_on(galeon_indicators::panel(store, &[]))?;
    let facts = galeon_facts::load_embedded().map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        anyhow::anyhow!("the fact files are invalid:\n{}", lines.join("\n"))
    })?;
    let query = FrameworkQuery {
        country: args.country.map(|c| c.0[0].as_str().to_string()),
        since: (args.since.map(|y| y.0)).or(args.years.map(|y| y.first)),
        until: args.years.map(|y| y.last),
        lang: args.lang,
    };
    let mut table = framework_view(&by_indicator(values), &facts, &query)?;
    if let Some(manifest) = galeon_store::read_manifest(store) {
        table = stamped(table, &manifest);
    }
    let table = match args.format {
        // A terminal shows what a reader compares; titles, units and sources are in CSV and JSON.
        Format::Table => table.select(&[
            "country_name",
            "part_name",
            "indicator",
            "latest_year",
            "latest",
            "earlier_year",
            "earlier",
            "change",
            "lac_median",
            "lac_rank",
            "lac_states",
        ]),
        _ => table,
    };
    render_table(&table, args.format)?;
    Ok(ExitCode::SUCCESS)
}
