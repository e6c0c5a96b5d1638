//! `galeon index`: the composite cooperation index from the store's indicators.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use galeon_index::{analyse, Config, Design, Index, Inputs};
use galeon_registry::{Registry, LAC33};

use crate::output::{render, Format, Rows};
use crate::StoreDir;

#[derive(Subcommand)]
pub enum IndexCommand {
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
        /// Only this year (the analysis then covers this year only).
        #[arg(long)]
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
        #[arg(long)]
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
    let panel = crate::runtime()?
        .block_on(galeon_indicators::compute(store, &ids))
        .context("computing the index's indicators")?;
    let countries = countries(config)?;
    let inputs = Inputs::for_config(
        config,
        panel.values.iter().map(|v| {
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

fn fmt(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.3}")).unwrap_or_default()
}

/// Runs `galeon index`.
pub fn run(command: IndexCommand) -> Result<ExitCode> {
    match command {
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
            let Some(e) = index.explain(&code, year) else {
                let years: Vec<String> = index
                    .nominal
                    .years
                    .iter()
                    .map(|y| y.year.to_string())
                    .collect();
                bail!(
                    "{code} has no score in {year}: the index scores {} (years with enough data), \
                     and a country needs data in every pillar",
                    years.join(", ")
                );
            };
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&e)?);
                return Ok(ExitCode::SUCCESS);
            }
            let mut rows = Rows::new(&[
                "pillar",
                "indicator",
                "raw",
                "treated",
                "normalised",
                "weight_in_pillar",
                "effective_weight",
                "used_weight",
                "contribution",
                "treatment",
            ]);
            for r in &e.rows {
                rows.push(vec![
                    r.pillar.clone(),
                    r.indicator.clone(),
                    fmt(r.raw),
                    fmt(r.treated),
                    fmt(r.normalised),
                    format!("{:.4}", r.weight_in_pillar),
                    format!("{:.4}", r.effective_weight),
                    r.used_weight.map(|w| format!("{w:.4}")).unwrap_or_default(),
                    fmt(r.contribution),
                    r.treatment.clone().unwrap_or_default(),
                ]);
            }
            if format == Format::Table {
                let pillars: Vec<String> = e
                    .pillars
                    .iter()
                    .map(|(id, s, w)| format!("{id} {} (weight {w:.2})", fmt(*s)))
                    .collect();
                println!(
                    "{} {}: score {}, rank {} of {}; pillars: {}",
                    e.country,
                    e.year,
                    fmt(e.score),
                    e.rank.map(|r| r.to_string()).unwrap_or_default(),
                    e.countries,
                    pillars.join(", ")
                );
                if e.additive {
                    println!("Contributions (used weight × normalised value) add up to the score.");
                }
            }
            render(&rows, format)?;
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
            if let Some(y) = year {
                if !index.nominal.years.iter().any(|t| t.year == y) {
                    let years: Vec<String> = index
                        .nominal
                        .years
                        .iter()
                        .map(|t| t.year.to_string())
                        .collect();
                    bail!("{y} is not scored: the index scores {}", years.join(", "));
                }
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
            let years: Vec<i32> = year.into_iter().collect();
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
            print_build(&index, analysis.as_ref(), &years, format)?;
            if let (Some(path), Some(a)) = (&sensitivity, &analysis) {
                let mut text = String::from("factor,s1,s1_conf,st,st_conf\n");
                for s in &a.sensitivity {
                    let _ = writeln!(
                        text,
                        "{},{},{},{},{}",
                        s.factor, s.s1, s.s1_conf, s.st, s.st_conf
                    );
                }
                std::fs::write(path, text)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_build(
    index: &Index,
    analysis: Option<&galeon_index::Analysis>,
    years: &[i32],
    format: Format,
) -> Result<()> {
    let pillars: Vec<&str> = index
        .prepared
        .config
        .pillars
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let intervals = analysis.map(|a| a.intervals_by_key()).unwrap_or_default();
    if format == Format::Json {
        let pillars = &pillars;
        let intervals = &intervals;
        let scores: Vec<serde_json::Value> = index
            .nominal
            .years
            .iter()
            .filter(|y| years.is_empty() || years.contains(&y.year))
            .flat_map(|y| {
                (0..y.countries.len()).map(move |c| {
                    let interval = intervals.get(&(y.year, y.countries[c].as_str()));
                    serde_json::json!({
                        "year": y.year,
                        "country": y.countries[c],
                        "score": y.index[c],
                        "rank": y.ranks[c],
                        "pillars": pillars.iter().enumerate().map(|(p, id)| (id.to_string(), y.pillars[c][p])).collect::<std::collections::BTreeMap<_, _>>(),
                        "median_rank": interval.map(|r| r.median),
                        "rank_p05": interval.map(|r| r.p05),
                        "rank_p95": interval.map(|r| r.p95),
                    })
                })
            })
            .collect();
        let value = serde_json::json!({
            "name": index.prepared.config.name,
            "log": index.log,
            "choices": index.nominal.choices,
            "weights": index.weight_table().iter().map(|(p, k, w, pw, e)| serde_json::json!({"pillar": p, "indicator": k, "weight_in_pillar": w, "pillar_weight": pw, "effective_weight": e})).collect::<Vec<_>>(),
            "skipped_years": index.prepared.skipped,
            "scores": scores,
            "uncertainty": analysis.map(|a| serde_json::json!({"base_samples": a.n, "runs": a.runs, "years": a.years, "sensitivity": a.sensitivity})),
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    let mut header: Vec<&str> = vec!["year", "country", "score", "rank"];
    if analysis.is_some() {
        header.extend(["median_rank", "rank_p05", "rank_p95"]);
    }
    header.extend(pillars.iter().copied());
    let mut rows = Rows::new(&header);
    for y in index
        .nominal
        .years
        .iter()
        .filter(|y| years.is_empty() || years.contains(&y.year))
    {
        let mut order: Vec<usize> = (0..y.countries.len()).collect();
        order.sort_by_key(|&c| y.ranks[c].unwrap_or(u32::MAX));
        for c in order {
            let mut row = vec![
                y.year.to_string(),
                y.countries[c].clone(),
                fmt(y.index[c]),
                y.ranks[c].map(|r| r.to_string()).unwrap_or_default(),
            ];
            if analysis.is_some() {
                match intervals.get(&(y.year, y.countries[c].as_str())) {
                    Some(r) => row.extend([
                        format!("{}", r.median),
                        format!("{}", r.p05),
                        format!("{}", r.p95),
                    ]),
                    None => row.extend([String::new(), String::new(), String::new()]),
                }
            }
            row.extend((0..pillars.len()).map(|p| fmt(y.pillars[c][p])));
            rows.push(row);
        }
    }
    render(&rows, format)?;
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
