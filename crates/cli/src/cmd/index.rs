//! `galeon index`: the composite cooperation index from the store's indicators.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Subcommand;
use galeon_index::{analyse, Config, Design, Index, Inputs};
use galeon_registry::{Registry, LAC33};

use galeon_observatory::resources::{explain, index_scores, ExplainQuery, IndexQuery};
use galeon_observatory::{stamped, Table};

use crate::common::{runtime, StoreDir};
use crate::output::{render_table, Format};

/// The composite China–LAC cooperation index: build it with its uncertainty, explain a score.
///
/// The index is declared in a TOML file (pillars, indicators, directions, weights, outlier
/// treatment, imputation, normalisation, aggregation, and the alternatives the uncertainty
/// analysis samples); `galeon index config` prints the default, explained in docs/index.md.
/// The tables are the API's /api/index and /api/index/explain.
///
/// Examples:
///   galeon index build --year 2020
///   galeon index build --uncertainty 2048 --format csv > index.csv
///   galeon index explain --country BRA --year 2020
///   galeon index config > my-index.toml
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(subcommand)]
    command: IndexCommand,
}

#[derive(Subcommand)]
enum IndexCommand {
    /// Build the index for every year with enough data, optionally with uncertainty analysis.
    ///
    /// Prints each country-year's score, rank and pillar scores. With --uncertainty N, also the
    /// median rank and 5–95 % rank interval over N·(k+2) Monte Carlo runs of a Saltelli design
    /// (k = 5 uncertain choices), and the first- and total-order Sobol indices of the mean
    /// absolute rank shift (on standard error in table format; in the JSON; or --sensitivity FILE).
    ///
    /// Examples:
    ///   galeon index build --year 2020
    ///   galeon index build --uncertainty 2048 --format csv > index.csv
    ///   galeon index build --config my-index.toml --uncertainty 512 --sensitivity sobol.csv
    #[command(verbatim_doc_comment)]
    Build {
        #[command(flatten)]
        store: StoreDir,
        /// The index configuration (TOML); by default galeon's (see `galeon index config`).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Only this year's rows (the uncertainty analysis covers every year, as the API's).
        #[arg(long, value_parser = parse_year)]
        year: Option<i32>,
        /// Run the uncertainty and sensitivity analysis with this many base samples.
        #[arg(long, value_name = "N")]
        uncertainty: Option<usize>,
        /// Use this design (CSV: the factor names, then N·(k+2) rows of values in [0, 1], in
        /// SALib's order) instead of drawing one.
        #[arg(long, value_name = "FILE", conflicts_with = "uncertainty")]
        design: Option<PathBuf>,
        /// Rebuild every step of the index in every run, instead of reusing the normalised tables
        /// across runs that share those choices (slower; the same results).
        #[arg(long)]
        recompute: bool,
        /// Bootstrap resamples for the Sobol confidence intervals.
        #[arg(long, default_value_t = 100)]
        bootstrap: usize,
        /// Write the Sobol indices to this CSV file.
        #[arg(long, value_name = "FILE")]
        sensitivity: Option<PathBuf>,
        /// Write the index's inputs (frames.csv: the scored country-years and raw values;
        /// weights.csv: the nominal and noisy weight sets) to this folder, for other tools.
        #[arg(long, value_name = "DIR")]
        export: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// What drives one country's score: each indicator's raw and normalised value, its nominal,
    /// effective and used weight, and its contribution.
    ///
    /// Example: galeon index explain --country BRA --year 2020
    Explain {
        /// Country (ISO alpha-3, alpha-2 or a name).
        #[arg(long)]
        country: String,
        /// Year.
        #[arg(long, value_parser = parse_year)]
        year: i32,
        #[command(flatten)]
        store: StoreDir,
        /// The index configuration (TOML); by default galeon's.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print galeon's default index configuration, to copy and change.
    Config,
}

/// A year as the API reads one (1900–2100).
fn parse_year(s: &str) -> Result<i32, String> {
    s.parse::<galeon_observatory::params::Year>().map(|y| y.0)
}

fn load_config(path: Option<&Path>) -> Result<Config> {
    let (name, text) = match path {
        Some(p) => (
            p.display().to_string(),
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?,
        ),
        None => (
            "default index configuration".to_string(),
            galeon_index::DEFAULT.to_string(),
        ),
    };
    galeon_index::parse(&name, &text, &|id| galeon_indicators::find(id).is_some()).map_err(
        |errors| {
            anyhow::anyhow!(
                "{}",
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        },
    )
}

fn countries(config: &Config) -> Result<Vec<String>> {
    match &config.countries {
        None => Ok(LAC33.iter().map(|c| c.to_string()).collect()),
        Some(list) => list
            .iter()
            .map(|c| {
                Registry::global()
                    .resolve(c)
                    .map(|e| e.iso3.as_str().to_string())
                    .map_err(|e| anyhow::anyhow!("index.countries: {e}"))
            })
            .collect(),
    }
}

/// Computes the configured indicators from the store and builds the nominal index.
fn load_index(store: &Path, config: &Config) -> Result<Index> {
    let mut ids: Vec<&str> = config
        .columns()
        .iter()
        .map(|(_, s)| s.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let started = Instant::now();
    let panel = runtime()?
        .block_on(galeon_indicators::panel(store, &ids))
        .context("computing the index's indicators")?;
    let countries = countries(config)?;
    let inputs = Inputs::for_config(
        config,
        panel.iter().map(|v| {
            (
                v.indicator,
                v.dimension.as_deref(),
                v.country.as_str(),
                v.year,
                v.value,
            )
        }),
        &countries,
    )?;
    let index = Index::new(config, &inputs, &countries)?;
    eprintln!(
        "{}: {} indicators from the store in {:.1} s; {} years scored",
        config.name,
        ids.len(),
        started.elapsed().as_secs_f64(),
        index.nominal.years.len()
    );
    Ok(index)
}

/// Runs `galeon index`.
pub fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        IndexCommand::Config => {
            print!("{}", galeon_index::DEFAULT);
            Ok(ExitCode::SUCCESS)
        }
        IndexCommand::Explain {
            country,
            year,
            store: StoreDir { store },
            config,
            format,
        } => {
            let config = load_config(config.as_deref())?;
            let code = Registry::global()
                .resolve(&country)
                .map(|e| e.iso3.as_str().to_string())
                .map_err(|e| anyhow::anyhow!("--country: {e}"))?;
            let index = load_index(&store, &config)?;
            let query = ExplainQuery {
                country: code,
                year,
            };
            let table = from_store(explain(&index, &query)?, &store);
            if format == Format::Table {
                print_explained(&table);
            }
            render_table(&table, format)?;
            Ok(ExitCode::SUCCESS)
        }
        IndexCommand::Build {
            store: StoreDir { store },
            config,
            year,
            uncertainty,
            design,
            recompute,
            bootstrap,
            sensitivity,
            export,
            format,
        } => {
            let config = load_config(config.as_deref())?;
            let index = load_index(&store, &config)?;
            // Refused before any analysis runs.
            if year.is_some() {
                let query = IndexQuery {
                    year,
                    countries: None,
                };
                index_scores(&index, None, &query)?;
            }
            if let Some(dir) = &export {
                export_inputs(dir, &index)?;
            }
            let design = match (uncertainty, design) {
                (Some(n), _) => Some(Design::saltelli(n, config.uncertainty.seed)),
                (None, Some(path)) => Some(
                    Design::from_csv(
                        &std::fs::read_to_string(&path)
                            .with_context(|| format!("cannot read {}", path.display()))?,
                    )
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
                ),
                (None, None) => None,
            };
            // Every year, as /api/index: the rank intervals and the Sobol indices do not depend on
            // which rows are printed.
            let years: Vec<i32> = Vec::new();
            let analysis = design.map(|d| {
                eprintln!(
                    "uncertainty analysis: {} runs ({} base samples)…",
                    d.rows.len(),
                    d.n
                );
                let started = Instant::now();
                let a = if recompute {
                    galeon_index::analyse_recomputing(&index, &d, &years, bootstrap)
                } else {
                    analyse(&index, &d, &years, bootstrap)
                };
                eprintln!("…done in {:.2} s", started.elapsed().as_secs_f64());
                a
            });
            print_build(&index, analysis.as_ref(), year, &store, format)?;
            if let (Some(path), Some(a)) = (&sensitivity, &analysis) {
                // The table /api/index/sensitivity serves, as CSV.
                let file = std::fs::File::create(path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                galeon_observatory::resources::sensitivity(a)?
                    .write_csv(std::io::BufWriter::new(file))
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_build(
    index: &Index,
    analysis: Option<&galeon_index::Analysis>,
    year: Option<i32>,
    store: &Path,
    format: Format,
) -> Result<()> {
    let query = IndexQuery {
        year,
        countries: None,
    };
    let mut table = from_store(index_scores(index, analysis, &query)?, store);
    if format == Format::Table && analysis.is_none() {
        let shown: Vec<String> = (table.columns.iter())
            .filter(|c| !["median_rank", "rank_p05", "rank_p95"].contains(&c.as_str()))
            .cloned()
            .collect();
        table = table.select(&shown.iter().map(String::as_str).collect::<Vec<_>>());
    }
    render_table(&table, format)?;
    if let Some(a) = analysis {
        eprintln!("Sensitivity of the mean absolute rank shift ({} runs): first-order S1 and total-order ST, ± 95 % bootstrap", a.runs);
        for s in &a.sensitivity {
            eprintln!(
                "  {:<18} S1 {:>6.3} ± {:.3}   ST {:>6.3} ± {:.3}",
                s.factor, s.s1, s.s1_conf, s.st, s.st_conf
            );
        }
    }
    for line in &index.log {
        eprintln!("  {line}");
    }
    Ok(())
}

/// The line above an explanation: score, rank and pillars.
fn print_explained(table: &Table) {
    let m = &table.meta;
    let num = |v: &serde_json::Value| v.as_f64().map(|v| format!("{v:.3}")).unwrap_or_default();
    let pillars: Vec<String> = (m["pillars"].as_array().into_iter().flatten())
        .map(|p| {
            format!(
                "{} {} (weight {:.2})",
                p["pillar"].as_str().unwrap_or(""),
                num(&p["score"]),
                p["weight"].as_f64().unwrap_or(0.0)
            )
        })
        .collect();
    println!(
        "{} {}: score {}, rank {} of {}; pillars: {}",
        m["country"].as_str().unwrap_or(""),
        m["year"],
        num(&m["score"]),
        m["rank"],
        m["countries"],
        pillars.join(", ")
    );
    if m["additive"] == true {
        println!("Contributions (used weight × normalised value) add up to the score.");
    }
}

/// The table stamped with the store's build, when there is a store.
fn from_store(table: Table, store: &Path) -> Table {
    match galeon_store::read_manifest(store) {
        Some(manifest) => stamped(table, &manifest),
        None => table,
    }
}

/// frames.csv (year, country, then one column per indicator; empty = missing) and weights.csv
/// (set, then the indicator weights, then the pillar weights).
fn export_inputs(dir: &Path, index: &Index) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let cols = &index.prepared.columns;
    let mut frames = String::from("year,country");
    for c in cols {
        frames.push(',');
        frames.push_str(&c.key);
    }
    frames.push('\n');
    for f in &index.prepared.frames {
        for (country, row) in f.countries.iter().zip(&f.raw) {
            let _ = write!(frames, "{},{country}", f.year);
            for v in row {
                frames.push(',');
                if let Some(v) = v {
                    let _ = write!(frames, "{v:?}");
                }
            }
            frames.push('\n');
        }
    }
    let mut weights = String::from("set");
    for c in cols {
        let _ = write!(weights, ",{}", c.key);
    }
    for p in &index.prepared.config.pillars {
        let _ = write!(weights, ",pillar:{}", p.id);
    }
    weights.push('\n');
    for (i, set) in galeon_index::ua::weight_sets(index).iter().enumerate() {
        let _ = write!(weights, "{i}");
        for w in set.indicator.iter().chain(&set.pillar) {
            let _ = write!(weights, ",{w:?}");
        }
        weights.push('\n');
    }
    for (name, text) in [("frames.csv", frames), ("weights.csv", weights)] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!("wrote {}/frames.csv and weights.csv", dir.display());
    Ok(())
}
