//! `galeon indicators`: the catalogue, definitions, values, the panel, the SQL and the docs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use galeon_indicators::{Indicator, INDICATORS};
use galeon_observatory::params::{Countries, YearRange};
use galeon_observatory::resources::{find, indicator_list, indicator_values, ValuesQuery};
use galeon_observatory::{by_indicator, stamped};
use galeon_registry::Lang;

use crate::common::{parse, runtime, StoreDir};
use crate::output::{render, render_table, Format, Rows};

/// Indicators: list them, read their definitions, get their values, build the whole panel.
///
/// Examples:
///   galeon indicators list
///   galeon indicators list --lang es          (titles in Spanish; pt, zh)
///   galeon indicators show china_partner_rank
///   galeon indicators get china_partner_rank --country URY --years 2000..2020
///   galeon indicators get china_partner_share --latest --format csv
///   galeon indicators build                 (all indicators into STORE/indicators/panel.parquet)
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(subcommand)]
    command: IndicatorsCommand,
}

#[derive(Subcommand)]
enum IndicatorsCommand {
    /// List every indicator with its family and unit, and (from the store's panel, where there
    /// is one) how many values it has and their first and last years. /api/indicators.
    List {
        /// The language of the titles: en, es, pt or zh.
        #[arg(long, value_parser = parse::<Lang>, default_value = "en")]
        lang: Lang,
        #[command(flatten)]
        store: StoreDir,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show an indicator's definition: formula, unit, sources, coverage, caveats.
    Show {
        /// Indicator id (see `galeon indicators list`).
        id: String,
    },
    /// Get an indicator's values: from the panel `galeon build` wrote while the store's manifest
    /// says it is current, else computed from the store now. /api/indicators/ID.
    Get {
        /// Indicator id.
        id: String,
        /// Countries (ISO alpha-3, alpha-2 or a name), comma-separated or repeated.
        #[arg(long, value_parser = parse::<Countries>)]
        country: Vec<Countries>,
        /// Only these years: 2000..2020 (inclusive) or a single year.
        #[arg(long, value_parser = parse::<YearRange>)]
        years: Option<YearRange>,
        /// Only this breakdown (product group, sector, lender, technology).
        #[arg(long)]
        dimension: Option<String>,
        /// Only the latest year with a value of each series (country, partner, dimension),
        /// within --years if given; the year is in its column, and standard error says how
        /// many series end in which year.
        #[arg(long)]
        latest: bool,
        #[command(flatten)]
        store: StoreDir,
        /// Express current-dollar values in constant dollars of this base year.
        #[arg(long, value_name = "YEAR")]
        constant: Option<i32>,
        /// The price index for --constant: us-cpi (CPI-U) or us-gdp (GDP deflator).
        #[arg(long, value_enum, default_value_t = DeflatorArg::UsCpi)]
        deflator: DeflatorArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Compute every indicator and write the panel to STORE/indicators/panel.parquet.
    Build {
        #[command(flatten)]
        store: StoreDir,
        /// Only these indicators (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
        /// Compute and report, but do not write the panel (for timing).
        #[arg(long)]
        no_write: bool,
    },
    /// Print the SQL that computes indicators, to run it elsewhere or read it.
    ///
    /// By default a script: each shared table the queries read (such as dots_bilateral, DOTS
    /// trade summed over both flows) as `CREATE TABLE … AS`, then one SELECT per indicator, each
    /// ending with `;`. It runs as is in DuckDB over views of the store's Parquet files named like
    /// its tables. With --inline every query stands alone (shared tables written as `WITH`), and
    /// runs in `galeon sql`. Indicators computed in Rust are listed as comments.
    ///
    /// Examples:
    ///   galeon indicators sql china_partner_rank --inline | galeon sql -
    ///   galeon indicators sql china_partner_rank china_partner_share us_partner_rank > family.sql
    #[command(verbatim_doc_comment)]
    Sql {
        /// Indicator ids; every indicator when none are given.
        ids: Vec<String>,
        /// One self-contained query per indicator instead of a script with shared tables.
        #[arg(long)]
        inline: bool,
    },
    /// Write the documentation pages (one per indicator, and an index) to a folder; with
    /// --store, also splices.md: where series change source, and the difference between
    /// sources in the years both have, measured on that store.
    Docs {
        /// Output folder.
        #[arg(long, value_name = "DIR", default_value = "docs/indicators")]
        out: PathBuf,
        /// The store to measure the splices on.
        #[arg(long, value_name = "DIR")]
        store: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DeflatorArg {
    /// US CPI-U, annual average.
    UsCpi,
    /// US GDP deflator.
    UsGdp,
}

/// Runs `galeon indicators`.
pub fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        IndicatorsCommand::List {
            store,
            format,
            lang,
        } => list(&store.store, format, lang),
        IndicatorsCommand::Show { id } => {
            print!("{}", galeon_indicators::page(find(&id)?));
            Ok(ExitCode::SUCCESS)
        }
        IndicatorsCommand::Get {
            id,
            country,
            years,
            dimension,
            latest,
            store,
            constant,
            deflator,
            format,
        } => {
            let countries = country.into_iter().reduce(|mut a, b| {
                a.extend(b);
                a
            });
            let query = ValuesQuery {
                countries,
                years,
                dimension,
                latest,
            };
            get(
                find(&id)?,
                &query,
                &store.store,
                constant.map(|y| (y, deflator)),
                format,
            )
        }
        IndicatorsCommand::Build {
            store,
            only,
            no_write,
        } => build(&store.store, &only, no_write),
        IndicatorsCommand::Sql { ids, inline } => {
            let selected: Vec<&Indicator> = if ids.is_empty() {
                INDICATORS.iter().collect()
            } else {
                ids.iter().map(|id| find(id)).collect::<Result<_, _>>()?
            };
            print!("{}", galeon_indicators::sql_script(&selected, inline));
            Ok(ExitCode::SUCCESS)
        }
        IndicatorsCommand::Docs { out, store } => docs(&out, store.as_deref()),
    }
}

/// The catalogue, with the panel's coverage when the store has one.
fn list(store: &Path, format: Format, lang: Lang) -> Result<ExitCode> {
    // As /api/indicators: the panel `galeon build` wrote while it is current, else computed now.
    let table = match galeon_store::read_manifest(store) {
        Some(manifest) => {
            let values = runtime()?.block_on(galeon_indicators::panel(store, &[]))?;
            stamped(
                indicator_list(Some(&by_indicator(values)), lang)?,
                &manifest,
            )
        }
        None => indicator_list(None, lang)?,
    };
    let table = match format {
        // The sources column is long: a terminal shows it with `galeon indicators show ID`.
        Format::Table => table.select(&[
            "id",
            "family",
            "title",
            "unit_label",
            "values",
            "first_year",
            "last_year",
        ]),
        _ => table,
    };
    render_table(&table, format)?;
    Ok(ExitCode::SUCCESS)
}

fn get(
    indicator: &'static Indicator,
    query: &ValuesQuery,
    store: &Path,
    constant: Option<(i32, DeflatorArg)>,
    format: Format,
) -> Result<ExitCode> {
    let runtime = runtime()?;
    // The panel `galeon build` wrote while it is current (the store's manifest says), else now.
    let mut values = runtime.block_on(galeon_indicators::panel(store, &[indicator.id]))?;
    if let Some((base, deflator)) = constant {
        let deflator = match deflator {
            DeflatorArg::UsCpi => galeon_indicators::Deflator::UsCpi,
            DeflatorArg::UsGdp => galeon_indicators::Deflator::UsGdpDeflator,
        };
        let (deflated, dropped) = runtime.block_on(galeon_indicators::to_constant_dollars(
            store, values, base, deflator,
        ))?;
        if dropped > 0 {
            eprintln!(
                "galeon: {dropped} values left out: no {} value for their year",
                deflator.name()
            );
        }
        values = deflated;
    }
    let mut table = indicator_values(indicator, &values, query)?;
    if let Some(manifest) = galeon_store::read_manifest(store) {
        table = stamped(table, &manifest);
    }
    if let Some(ends) = table.meta.get("latest_years").and_then(|e| e.as_array()) {
        let said: Vec<String> = (ends.iter())
            .map(|e| format!("{} end in {}", e["series"], e["year"]))
            .collect();
        match said.is_empty() {
            true => eprintln!("latest: no values"),
            false => eprintln!("latest year of each series: {}", said.join(", ")),
        }
    }
    render_table(&table, format)?;
    if table.rows.is_empty() {
        let id = indicator.id;
        eprintln!(
            "galeon: no values for {id} with these filters (coverage: `galeon indicators show {id}`)"
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn build(store: &Path, only: &[String], no_write: bool) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let ids: Vec<&str> = only.iter().map(String::as_str).collect();
    let panel = runtime()?.block_on(galeon_indicators::compute(store, &ids))?;
    let path = if no_write {
        PathBuf::from("(not written)")
    } else {
        galeon_indicators::write_panel(store, &panel)?
    };
    let mut rows = Rows::new(&["indicator", "values", "seconds"]);
    for (id, took) in &panel.timings {
        let n = panel.values.iter().filter(|v| v.indicator == *id).count();
        rows.push(vec![
            id.to_string(),
            n.to_string(),
            format!("{:.2}", took.as_secs_f64()),
        ]);
    }
    render(&rows, Format::Table)?;
    if !panel.prepared.is_empty() {
        let prepared: Vec<String> = (panel.prepared.iter())
            .map(|(table, took)| format!("{table} {:.2} s", took.as_secs_f64()))
            .collect();
        println!("read once for several indicators: {}", prepared.join(", "));
    }
    println!(
        "{} values of {} indicators in {:.2} s → {}",
        panel.values.len(),
        panel.timings.len(),
        started.elapsed().as_secs_f64(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn docs(out: &Path, store: Option<&Path>) -> Result<ExitCode> {
    std::fs::create_dir_all(out)?;
    for i in INDICATORS {
        std::fs::write(out.join(format!("{}.md", i.id)), galeon_indicators::page(i))?;
    }
    std::fs::write(out.join("README.md"), galeon_indicators::index_page())?;
    let mut pages = INDICATORS.len() + 1;
    if let Some(store) = store {
        let spliced: Vec<&str> = (INDICATORS.iter())
            .filter(|i| !i.fallback.is_empty())
            .map(|i| i.id)
            .collect();
        let panel = runtime()?.block_on(galeon_indicators::compute(store, &spliced))?;
        let page = galeon_indicators::splices_page(&panel.values, &panel.overlaps);
        std::fs::write(out.join("splices.md"), page)?;
        pages += 1;
    }
    println!("wrote {pages} pages to {}", out.display());
    Ok(ExitCode::SUCCESS)
}
