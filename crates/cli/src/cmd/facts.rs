//! `galeon facts` and `galeon data check`: the curated facts.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use galeon_facts::{Fact, FactError, FactKind};
use galeon_observatory::params::Countries;
use galeon_observatory::resources::{facts, FactsQuery};
use galeon_registry::Lang;

use crate::common::parse;
use crate::output::{render_table, Format};

/// Show curated facts: recognition, partnerships, FTAs, BRI, AIIB, forum, CELAC, policy, programmes,
/// health, leaders, US policy.
///
/// Each fact carries its sources. Intervals (recognition, partnership, BRI) show their end.
/// The same table as the API's /api/facts. With --lang, the texts are in that language
/// (`text_lang` says "en" where one is not translated yet).
///
/// Examples:
///   galeon facts --country PAN
///   galeon facts --country BRA --lang pt
///   galeon facts --kind bri --as-of 2022-10-31
///   galeon facts --country ARG --all-versions --format json
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Countries: ISO alpha-3, alpha-2 or a name ("Perú"), comma-separated or repeated.
    #[arg(long, value_parser = parse::<Countries>)]
    country: Vec<Countries>,
    /// Only facts of this kind.
    #[arg(long, value_parser = parse::<FactKind>)]
    kind: Option<FactKind>,
    /// Only facts that hold on this day (YYYY-MM-DD): intervals that include it, events before it.
    #[arg(long, value_name = "DATE")]
    as_of: Option<chrono::NaiveDate>,
    /// Also show versions that sources give but galeon does not use (where sources disagree).
    #[arg(long)]
    all_versions: bool,
    /// The language of the texts: en, es, pt or zh.
    #[arg(long, default_value = "en", value_parser = parse::<Lang>)]
    lang: Lang,
    /// Read fact files from this folder instead of the ones built into galeon.
    #[arg(long, value_name = "DIR")]
    facts_dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// The fact files of `dir`, or those built in.
fn load(dir: Option<&PathBuf>) -> Result<Vec<Fact>, Vec<FactError>> {
    match dir {
        Some(dir) => galeon_facts::load_dir(dir),
        None => galeon_facts::load_embedded(),
    }
}

/// Runs `galeon facts`.
pub fn run(args: Args) -> Result<ExitCode> {
    let all = load(args.facts_dir.as_ref()).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        anyhow::anyhow!(
            "the fact files are invalid (run `galeon data check`):\n{}",
            lines.join("\n")
        )
    })?;
    let countries = args.country.into_iter().reduce(|mut a, b| {
        a.extend(b);
        a
    });
    let query = FactsQuery {
        countries,
        kind: args.kind,
        as_of: args.as_of,
        all_versions: args.all_versions,
        lang: args.lang,
    };
    let table = facts(&all, &query)?;
    let table = match args.format {
        // A terminal is narrow: ids, amounts and notes are in CSV and JSON.
        Format::Table if args.all_versions => table.select(&TERMINAL_VERSIONS),
        Format::Table => table.select(&TERMINAL_VERSIONS[..7]),
        _ => table,
    };
    render_table(&table, args.format)?;
    Ok(ExitCode::SUCCESS)
}

/// The columns a terminal shows (`used` only with --all-versions).
const TERMINAL_VERSIONS: [&str; 8] = [
    "country", "kind", "value", "date", "until", "text", "sources", "used",
];

/// Check galeon's own data files.
#[derive(clap::Subcommand)]
pub enum DataCommand {
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

/// Runs `galeon data check`.
pub fn check(command: DataCommand) -> Result<ExitCode> {
    let DataCommand::Check { facts_dir } = command;
    let label = facts_dir.as_ref().map_or_else(
        || "built-in fact files".to_string(),
        |d| d.display().to_string(),
    );
    match load(facts_dir.as_ref()) {
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
