//! The `galeon` command: a thin shell over the library crates.

mod fetch;
mod index;
mod output;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use galeon_facts::{Fact, FactKind};
use galeon_registry::{Lang, Registry};

use output::{render, render_batches, Format, Rows, SqlFormat};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// galeon — an open observatory of China–Latin America & Caribbean cooperation.
///
/// Every number galeon shows comes with its source. Start with `galeon countries --lac`
/// to see the 33 states, `galeon facts --country PAN` for a country's diplomatic record,
/// and `galeon data check` to validate the curated fact files.
#[derive(Parser)]
#[command(
    name = "galeon",
    version,
    propagate_version = true,
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List countries and aggregates with their codes, UN M49 region and names.
    ///
    /// Examples:
    ///   galeon countries --lac --lang es
    ///   galeon countries --lac --lang zh --format csv > lac.csv
    ///   galeon countries --resolve "Venezuela, Rep. Bolivariana de"
    #[command(verbatim_doc_comment)]
    Countries {
        /// Only the 33 CELAC states.
        #[arg(long)]
        lac: bool,
        /// Also list historic states and aggregates (World, Euro Area, "not specified"…).
        #[arg(long, conflicts_with = "lac")]
        all: bool,
        /// Language of the names.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Resolve one name or code exactly as galeon does when reading sources, and show it.
        #[arg(long, value_name = "NAME_OR_CODE")]
        resolve: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show curated facts: recognition, partnerships, FTAs, BRI, forum, policy, programmes.
    ///
    /// Each fact carries its sources. Intervals (recognition, partnership, BRI) show their end.
    ///
    /// Examples:
    ///   galeon facts --country PAN
    ///   galeon facts --kind bri --as-of 2022-10-31
    ///   galeon facts --country ARG --all-versions --format json
    #[command(verbatim_doc_comment)]
    Facts {
        /// A country: ISO alpha-3, alpha-2 or a name ("Perú").
        #[arg(long)]
        country: Option<String>,
        /// Only facts of this kind.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<FactKind>,
        /// Only facts that hold on this day (YYYY-MM-DD): intervals that include it, events before it.
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
        /// Also show versions that sources give but galeon does not use (where sources disagree).
        #[arg(long)]
        all_versions: bool,
        /// Read fact files from this folder instead of the ones built into galeon.
        #[arg(long, value_name = "DIR")]
        facts_dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Check galeon's own data files.
    Data {
        #[command(subcommand)]
        command: DataCommand,
    },
    Fetch(fetch::FetchArgs),
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
    ///
    /// Example: galeon build --sources ../shared/data --store store
    Build {
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
        /// Do not compute the indicator panel after the tables.
        #[arg(long)]
        no_indicators: bool,
        /// Output format of the summary.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Run one read-only SQL query over the store (DataFusion SQL).
    ///
    /// Tables: trade_flows, trade_by_product, macro, finance, rejects, countries, facts
    /// (columns in docs/data-dictionary.md). Statements that write or read outside the store
    /// (CREATE, INSERT, COPY, SET…) are refused.
    ///
    /// Examples:
    ///   galeon sql "SELECT year, value_usd FROM trade_flows WHERE reporter='CHN' AND partner='BRA' AND flow='export' ORDER BY year"
    ///   galeon sql "SELECT source, count(*) FROM rejects GROUP BY source" --format csv
    ///   galeon sql "SELECT * FROM macro WHERE indicator='gdp_usd'" --format parquet --output gdp.parquet
    #[command(verbatim_doc_comment)]
    Sql {
        /// The query; `-` reads it from standard input.
        query: String,
        #[command(flatten)]
        store: StoreDir,
        /// Return at most this many rows (a note on standard error says when there were more).
        #[arg(long, default_value_t = 10_000)]
        max_rows: usize,
        /// Cancel the query after this many seconds.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
        /// Output format; parquet needs --output.
        #[arg(long, value_enum, default_value_t = SqlFormat::Table)]
        format: SqlFormat,
        /// Write the result to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Indicators: list them, read their definitions, get their values, build the whole panel.
    ///
    /// Examples:
    ///   galeon indicators list
    ///   galeon indicators show china_partner_rank
    ///   galeon indicators get china_partner_rank --country URY --years 2000..2020
    ///   galeon indicators get china_partner_share --latest --format csv
    ///   galeon indicators build                 (all indicators into STORE/indicators/panel.parquet)
    #[command(verbatim_doc_comment)]
    Indicators {
        #[command(subcommand)]
        command: IndicatorsCommand,
    },
    /// Check claims from the literature against the store and the curated facts.
    ///
    /// Each part of each claim (date, place, kind, count, amount, list…) gets a verdict from
    /// independent evidence only: supported, supported at the edge (inside the tolerance, in its
    /// outer fifth), partly supported, mischaracterised (right figure, wrong label), internally
    /// inconsistent, contradicted, inconclusive (the reason says why) or not checkable, with the
    /// computed values, the difference, and the sources and releases used. The document never
    /// confirms itself, and a record copied from a dataset the claim queries is not a second
    /// source. The claim format and the verdict scale are in docs/claims.md.
    ///
    /// Examples:
    ///   galeon verify                                   (every claim file in ./claims)
    ///   galeon verify claims/lu-2023.toml my-claims/    (files and folders)
    ///   galeon verify claims/lu-2023.toml --only bri-count-2022 --format json
    ///   galeon verify claims/lu-2023.toml --format html > audit.html
    ///   galeon verify claims/lu-2023.toml --report docs/audit   (Markdown, HTML and charts)
    #[command(verbatim_doc_comment)]
    Verify {
        /// Claim files (TOML) or folders of them; by default the ./claims folder.
        files: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreDir,
        /// Output format on standard output.
        #[arg(long, value_enum, default_value_t = verify::VerifyFormat::Table)]
        format: verify::VerifyFormat,
        /// Also write the audit report (DOCUMENT.md, DOCUMENT.html, charts/) to this folder.
        #[arg(long, value_name = "DIR")]
        report: Option<PathBuf>,
        /// Only these claims (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
    },
    /// The composite China–LAC cooperation index: build it with its uncertainty, explain a score.
    ///
    /// The index is declared in a TOML file (pillars, indicators, directions, weights, outlier
    /// treatment, imputation, normalisation, aggregation, and the alternatives the uncertainty
    /// analysis samples); `galeon index config` prints the default, explained in docs/index.md.
    ///
    /// Examples:
    ///   galeon index build --year 2020
    ///   galeon index build --uncertainty 2048 --format csv > index.csv
    ///   galeon index explain --country BRA --year 2020
    ///   galeon index config > my-index.toml
    #[command(verbatim_doc_comment)]
    Index {
        #[command(subcommand)]
        command: index::IndexCommand,
    },
    /// Serve the HTTP API and the bilingual dashboard over a built store.
    ///
    /// Loads the store's indicators, builds the index with its uncertainty analysis and checks
    /// the claims, then answers from memory: the dashboard at http://HOST:PORT/, the API under
    /// /api (described at /api/openapi.json). Read-only.
    ///
    /// Examples:
    ///   galeon serve                          (http://127.0.0.1:8080/)
    ///   galeon serve --store store --port 3000 --host 0.0.0.0
    ///   galeon serve --claims claims/ --claims my-claims.toml   (claim files read at start-up)
    #[command(verbatim_doc_comment)]
    Serve {
        #[command(flatten)]
        store: StoreDir,
        /// Port to listen on.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on (0.0.0.0 to serve other machines).
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Base samples of the index's uncertainty analysis computed at start-up.
        #[arg(long, default_value_t = 256)]
        uncertainty: usize,
        /// Claim files or folders to check and serve, read at start-up (repeatable); by default
        /// the claims built into galeon (claims/lu-2023.toml).
        #[arg(long, value_name = "FILE_OR_DIR")]
        claims: Vec<PathBuf>,
    },
    /// List the source datasets galeon reads, and which are present in a sources folder.
    ///
    /// Example: galeon sources --sources ../shared/data
    Sources {
        /// The sources folder (the publishers' files, in the published layout).
        #[arg(long, value_name = "DIR", default_value = "../shared/data")]
        sources: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// The store folder, as every command that reads or writes the store takes it.
#[derive(clap::Args)]
pub(crate) struct StoreDir {
    /// The store folder (`galeon build` creates or replaces it).
    #[arg(
        long,
        value_name = "DIR",
        env = "GALEON_STORE",
        default_value = "store"
    )]
    pub(crate) store: PathBuf,
}

#[derive(Subcommand)]
enum IndicatorsCommand {
    /// List every indicator with its family and unit.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show an indicator's definition: formula, unit, sources, coverage, caveats.
    Show {
        /// Indicator id (see `galeon indicators list`).
        id: String,
    },
    /// Get an indicator's values, computed from the store.
    Get {
        /// Indicator id.
        id: String,
        /// Only this country (ISO alpha-3, alpha-2 or a name); repeat for several.
        #[arg(long)]
        country: Vec<String>,
        /// Only these years: 2000..2020 (inclusive) or a single year.
        #[arg(long, value_parser = parse_years)]
        years: Option<(i32, i32)>,
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

fn parse_years(s: &str) -> Result<(i32, i32), String> {
    let parse = |t: &str| {
        t.trim()
            .parse::<i32>()
            .map_err(|_| format!("{t:?} is not a year"))
    };
    let (from, to) = match s.split_once("..") {
        Some((a, b)) => (parse(a)?, parse(b.trim_start_matches('='))?),
        None => (parse(s)?, parse(s)?),
    };
    if from > to {
        return Err(format!("{from} is after {to}: write FIRST..LAST"));
    }
    Ok((from, to))
}

#[derive(Subcommand)]
enum DataCommand {
    /// Validate every fact file: schema, known country codes, valid and ordered dates,
    /// no overlapping intervals, a source on every record. Errors name file and line.
    ///
    /// Exits 1 when anything is wrong. Example: galeon data check --facts-dir data/facts
    Check {
        /// Folder of fact files; by default the files built into galeon.
        #[arg(long, value_name = "DIR")]
        facts_dir: Option<PathBuf>,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

fn parse_kind(s: &str) -> Result<FactKind, String> {
    s.parse()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // The reader of the output went away (`galeon … | head`): what it read is what it
        // wanted. Output writers wrap the error (arrow's JSON and CSV writers do), hence the
        // chain; downloads and builds write files, never pipes, and report their own errors.
        Err(error)
            if error.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("galeon: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Countries {
            lac,
            all,
            lang,
            resolve,
            format,
        } => countries(lac, all, lang, resolve, format),
        Command::Facts {
            country,
            kind,
            as_of,
            all_versions,
            facts_dir,
            format,
        } => facts(country, kind, as_of, all_versions, facts_dir, format),
        Command::Data {
            command: DataCommand::Check { facts_dir },
        } => data_check(facts_dir),
        Command::Sources { sources, format } => sources_list(&sources, format),
        Command::Verify {
            files,
            store: StoreDir { store },
            format,
            report,
            only,
        } => verify::verify(files, &store, format, report.as_deref(), &only),
        Command::Indicators { command } => indicators(command),
        Command::Index { command } => index::run(command),
        Command::Serve {
            store: StoreDir { store },
            port,
            host,
            uncertainty,
            claims,
        } => serve(
            &store,
            &host,
            port,
            galeon_server::Options {
                uncertainty,
                claims,
            },
        ),
        Command::Fetch(args) => fetch::run(args),
        Command::Build {
            sources,
            store: StoreDir { store },
            force,
            quiet,
            no_indicators,
            format,
        } => build_store(sources, store, force, quiet, no_indicators, format),
        Command::Sql {
            query,
            store: StoreDir { store },
            max_rows,
            timeout,
            format,
            output,
        } => sql(&query, &store, max_rows, timeout, format, output.as_deref()),
    }
}

fn countries(
    lac: bool,
    all: bool,
    lang: Lang,
    resolve: Option<String>,
    format: Format,
) -> Result<ExitCode> {
    let registry = Registry::global();
    let selected: Vec<&galeon_registry::Entity> = if let Some(text) = resolve {
        vec![registry.resolve(&text)?]
    } else if lac {
        let mut lac = registry.lac();
        if lang != Lang::En {
            lac.sort_by_key(|e| galeon_registry::normalize(e.name(lang)));
        }
        lac
    } else if all {
        registry.entities().iter().collect()
    } else {
        registry
            .entities()
            .iter()
            .filter(|e| e.kind == galeon_registry::EntityKind::Country)
            .collect()
    };
    let mut rows = Rows::new(&[
        "iso3",
        "iso2",
        "numeric",
        "name",
        "kind",
        "region",
        "subregion",
        "lac",
    ]);
    for e in selected {
        rows.push(vec![
            e.iso3.to_string(),
            e.iso2.clone().unwrap_or_default(),
            e.numeric.map(|n| format!("{n:03}")).unwrap_or_default(),
            e.name(lang).to_string(),
            e.kind.to_string(),
            e.m49.region.clone(),
            if e.m49.intermediate.is_empty() {
                e.m49.subregion.clone()
            } else {
                e.m49.intermediate.clone()
            },
            if e.lac { "yes" } else { "" }.to_string(),
        ]);
    }
    render(&rows, format)?;
    Ok(ExitCode::SUCCESS)
}

fn load_facts(dir: Option<&PathBuf>) -> Result<Vec<Fact>, Vec<galeon_facts::FactError>> {
    match dir {
        Some(dir) => galeon_facts::load_dir(dir),
        None => galeon_facts::load_embedded(),
    }
}

fn facts(
    country: Option<String>,
    kind: Option<FactKind>,
    as_of: Option<chrono::NaiveDate>,
    all_versions: bool,
    facts_dir: Option<PathBuf>,
    format: Format,
) -> Result<ExitCode> {
    let country = match country {
        Some(text) => Some(Registry::global().resolve(&text)?.iso3.to_string()),
        None => None,
    };
    let facts = load_facts(facts_dir.as_ref()).map_err(|errors| {
        anyhow::anyhow!(
            "the fact files are invalid (run `galeon data check`):\n{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })?;
    let mut selected: Vec<&Fact> = facts
        .iter()
        .filter(|f| country.is_none() || f.country == country)
        .filter(|f| kind.is_none_or(|k| f.kind == k))
        .filter(|f| all_versions || f.used)
        .filter(|f| as_of.is_none_or(|day| f.holds_on(day)))
        .collect();
    selected.sort_by_key(|f| (f.country.clone(), f.date.first_day(), f.kind));
    if format == Format::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&selected).context("serialising facts")?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = Rows::new(&[
        "country", "kind", "value", "date", "until", "text", "sources", "used",
    ]);
    for f in selected {
        let sources: Vec<String> = f
            .sources
            .iter()
            .map(|s| match &s.url {
                Some(url) => format!("{} — {} <{url}>", s.title, s.publisher),
                None => format!("{} — {}", s.title, s.publisher),
            })
            .collect();
        let mut text = f.text.clone();
        if let Some(amount) = f.amount {
            text = format!("{text} [{amount} {}]", f.unit.clone().unwrap_or_default());
        }
        if let Some(note) = &f.note {
            text = format!("{text} Note: {note}");
        }
        rows.push(vec![
            f.country.clone().unwrap_or_else(|| "LAC".into()),
            f.kind.to_string(),
            f.value.clone(),
            f.date.to_string(),
            f.until.map(|u| u.to_string()).unwrap_or_default(),
            text,
            sources.join("; "),
            if f.used { "yes" } else { "no" }.into(),
        ]);
    }
    render(&rows, format)?;
    Ok(ExitCode::SUCCESS)
}

fn data_check(facts_dir: Option<PathBuf>) -> Result<ExitCode> {
    let label = facts_dir.as_ref().map_or_else(
        || "built-in fact files".to_string(),
        |d| d.display().to_string(),
    );
    match load_facts(facts_dir.as_ref()) {
        Ok(facts) => {
            let mut by_kind = std::collections::BTreeMap::new();
            for f in &facts {
                *by_kind.entry(f.kind.as_str()).or_insert(0) += 1;
            }
            let counts: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
            println!(
                "ok: {} facts in {label} ({})",
                facts.len(),
                counts.join(", ")
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!("{} problem(s) in {label}", errors.len());
            Ok(ExitCode::from(1))
        }
    }
}

/// How `galeon fetch` gets a dataset, in a few words.
fn obtained(obtain: &galeon_sources::obtain::Obtain) -> String {
    use galeon_sources::obtain::{pinned_files, Obtain};
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

fn sources_list(dir: &std::path::Path, format: Format) -> Result<ExitCode> {
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
    render(&rows, format)?;
    Ok(ExitCode::SUCCESS)
}

fn build_store(
    sources: PathBuf,
    store: PathBuf,
    force: bool,
    quiet: bool,
    no_indicators: bool,
    format: Format,
) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let options = galeon_store::BuildOptions {
        sources,
        store: store.clone(),
        progress: !quiet,
        force,
    };
    let manifest = galeon_store::build(&options)?;
    let mut rows = Rows::new(&[
        "dataset",
        "status",
        "files",
        "rows read",
        "stored",
        "rejected",
        "tables",
    ]);
    let (mut read, mut stored, mut rejected) = (0, 0, 0);
    for d in &manifest.datasets {
        let (r, s, j) = d.totals();
        read += r;
        stored += s;
        rejected += j;
        let tables: Vec<String> = d.tables.iter().map(|(t, n)| format!("{t} {n}")).collect();
        rows.push(vec![
            d.id.clone(),
            d.status.to_string(),
            d.files.len().to_string(),
            r.to_string(),
            s.to_string(),
            j.to_string(),
            tables.join(", "),
        ]);
    }
    render(&rows, format)?;
    if format == Format::Table {
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
    if !no_indicators {
        let started = std::time::Instant::now();
        let panel = runtime()?.block_on(galeon_indicators::compute(&store, &[]))?;
        let path = galeon_indicators::write_panel(&store, &panel.values)
            .map_err(|e| anyhow::anyhow!(e))?;
        if format == Format::Table {
            println!(
                "indicators: {} values of {} indicators in {:.1} s → {}",
                panel.values.len(),
                panel.timings.len(),
                started.elapsed().as_secs_f64(),
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

fn sql(
    query: &str,
    store: &std::path::Path,
    max_rows: usize,
    timeout: u64,
    format: SqlFormat,
    output: Option<&std::path::Path>,
) -> Result<ExitCode> {
    if format == SqlFormat::Parquet && output.is_none() {
        bail!("--format parquet writes a file: add --output FILE");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let limits = galeon_store::QueryLimits {
        max_rows,
        timeout: std::time::Duration::from_secs(timeout),
    };
    let stdin;
    let query = if query == "-" {
        stdin = std::io::read_to_string(std::io::stdin())
            .map_err(|e| anyhow::anyhow!("reading the query from standard input: {e}"))?;
        stdin.as_str()
    } else {
        query
    };
    let result = runtime.block_on(galeon_store::query(store, query, limits))?;
    render_batches(&result.batches, &result.schema, format, output)?;
    if result.truncated {
        eprintln!("galeon: result truncated to {max_rows} rows (raise --max-rows to see more)");
    }
    Ok(ExitCode::SUCCESS)
}

fn serve(
    store: &std::path::Path,
    host: &str,
    port: u16,
    options: galeon_server::Options,
) -> Result<ExitCode> {
    let runtime = runtime()?;
    runtime.block_on(async {
        let started = std::time::Instant::now();
        eprintln!("loading the store at {}…", store.display());
        let state = galeon_server::State::load(store, options)
            .await
            .map_err(|e| anyhow::anyhow!(e))?;
        if let Some(e) = &state.index_error {
            eprintln!("galeon: warning: the index could not be built: {e}");
        }
        let app = galeon_server::router(std::sync::Arc::new(state));
        let listener = tokio::net::TcpListener::bind((host, port))
            .await
            .with_context(|| format!("cannot listen on {host}:{port}"))?;
        eprintln!(
            "ready in {:.1} s: dashboard http://{host}:{port}/ · API http://{host}:{port}/api/openapi.json{}",
            started.elapsed().as_secs_f64(),
            if galeon_server::has_dashboard() { "" } else { " (dashboard not built in: see web/README.md)" }
        );
        axum::serve(listener, app).await.context("serving")?;
        Ok(ExitCode::SUCCESS)
    })
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

fn indicators(command: IndicatorsCommand) -> Result<ExitCode> {
    use galeon_indicators::INDICATORS;
    match command {
        IndicatorsCommand::List { format } => {
            let mut rows = Rows::new(&["id", "family", "title", "unit"]);
            for i in INDICATORS {
                rows.push(vec![
                    i.id.into(),
                    i.family.as_str().into(),
                    i.title.into(),
                    i.unit.into(),
                ]);
            }
            render(&rows, format)?;
        }
        IndicatorsCommand::Show { id } => {
            let indicator = galeon_indicators::find(&id).ok_or_else(|| {
                anyhow::anyhow!("unknown indicator {id:?}: `galeon indicators list` shows the ids")
            })?;
            print!("{}", galeon_indicators::page(indicator));
        }
        IndicatorsCommand::Get {
            id,
            country,
            years,
            latest,
            store: StoreDir { store },
            constant,
            deflator,
            format,
        } => {
            let registry = Registry::global();
            let countries: Vec<String> = country
                .iter()
                .map(|c| registry.resolve(c).map(|e| e.iso3.to_string()))
                .collect::<Result<_, _>>()?;
            let runtime = runtime()?;
            let mut panel = runtime.block_on(galeon_indicators::compute(&store, &[id.as_str()]))?;
            if let Some(base) = constant {
                let deflator = match deflator {
                    DeflatorArg::UsCpi => galeon_indicators::Deflator::UsCpi,
                    DeflatorArg::UsGdp => galeon_indicators::Deflator::UsGdpDeflator,
                };
                let values = std::mem::take(&mut panel.values);
                let (values, dropped) = runtime.block_on(
                    galeon_indicators::to_constant_dollars(&store, values, base, deflator),
                )?;
                if dropped > 0 {
                    eprintln!(
                        "galeon: {dropped} values left out: no {} value for their year",
                        deflator.name()
                    );
                }
                panel.values = values;
            }
            let mut values: Vec<&galeon_indicators::Value> = panel
                .values
                .iter()
                .filter(|v| countries.is_empty() || countries.contains(&v.country))
                .filter(|v| years.is_none_or(|(a, b)| v.year >= a && v.year <= b))
                .collect();
            if latest {
                values = galeon_indicators::latest(values);
                let ends: Vec<String> = (galeon_indicators::years_of(&values).iter())
                    .map(|(year, n)| format!("{n} end in {year}"))
                    .collect();
                match ends.is_empty() {
                    true => eprintln!("latest: no values"),
                    false => eprintln!("latest year of each series: {}", ends.join(", ")),
                }
            }
            values.sort_by(|a, b| {
                (&a.country, a.year, &a.dimension).cmp(&(&b.country, b.year, &b.dimension))
            });
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&values)?);
            } else {
                let mut rows = Rows::new(&[
                    "indicator",
                    "country",
                    "partner",
                    "dimension",
                    "year",
                    "value",
                    "unit",
                    "source",
                    "series_break",
                    "provenance",
                ]);
                for v in &values {
                    rows.push(vec![
                        v.indicator.into(),
                        v.country.clone(),
                        v.partner.clone().unwrap_or_default(),
                        v.dimension.clone().unwrap_or_default(),
                        v.year.to_string(),
                        format_value(v.value),
                        v.unit.clone(),
                        v.source.clone(),
                        v.series_break.to_string(),
                        v.provenance.clone(),
                    ]);
                }
                render(&rows, format)?;
            }
            if values.is_empty() {
                eprintln!("galeon: no values for {id} with these filters (coverage: `galeon indicators show {id}`)");
            }
        }
        IndicatorsCommand::Build {
            store: StoreDir { store },
            only,
            no_write,
        } => {
            let started = std::time::Instant::now();
            let ids: Vec<&str> = only.iter().map(String::as_str).collect();
            let panel = runtime()?.block_on(galeon_indicators::compute(&store, &ids))?;
            let path = if no_write {
                std::path::PathBuf::from("(not written)")
            } else {
                galeon_indicators::write_panel(&store, &panel.values)
                    .map_err(|e| anyhow::anyhow!(e))?
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
                let prepared: Vec<String> = panel
                    .prepared
                    .iter()
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
        }
        IndicatorsCommand::Sql { ids, inline } => {
            let selected: Vec<&galeon_indicators::Indicator> = if ids.is_empty() {
                INDICATORS.iter().collect()
            } else {
                ids.iter()
                    .map(|id| {
                        galeon_indicators::find(id).ok_or_else(|| {
                            anyhow::anyhow!(
                                "unknown indicator {id:?}: `galeon indicators list` shows the ids"
                            )
                        })
                    })
                    .collect::<Result<_, _>>()?
            };
            print!("{}", galeon_indicators::sql_script(&selected, inline));
        }
        IndicatorsCommand::Docs { out, store } => {
            std::fs::create_dir_all(&out)?;
            for i in INDICATORS {
                std::fs::write(out.join(format!("{}.md", i.id)), galeon_indicators::page(i))?;
            }
            std::fs::write(out.join("README.md"), galeon_indicators::index_page())?;
            let mut pages = INDICATORS.len() + 1;
            if let Some(store) = store {
                let spliced: Vec<&str> = INDICATORS
                    .iter()
                    .filter(|i| !i.fallback.is_empty())
                    .map(|i| i.id)
                    .collect();
                let panel = runtime()?.block_on(galeon_indicators::compute(&store, &spliced))?;
                let page = galeon_indicators::splices_page(&panel.values, &panel.overlaps);
                std::fs::write(out.join("splices.md"), page)?;
                pages += 1;
            }
            println!("wrote {pages} pages to {}", out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Values as people read them: integers without decimals, others with up to six significant digits.
fn format_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let digits = 6 - (value.abs().log10().floor() as i32 + 1);
        format!("{value:.*}", digits.clamp(0, 6) as usize)
    }
}
