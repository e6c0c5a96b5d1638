//! The `galeon` command: a thin shell over the library crates, one file per command in `cmd/`.

mod cmd;
mod common;
mod output;

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use cmd::*;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How to cite galeon (CITATION.cff has the same in a machine-readable form).
const CITE: &str = concat!(
    "How to cite: galeon ",
    env!("CARGO_PKG_VERSION"),
    ", an open observatory of China–Latin America and Caribbean cooperation \
     (Apache-2.0; CITATION.cff), with the date the store was built (store_built_at in any \
     --format json answer) and the source each number names."
);

/// galeon — an open observatory of China–Latin America & Caribbean cooperation.
///
/// Every number galeon shows comes with its source. Start with `galeon countries --lac`
/// to see the 33 states, `galeon facts --country PAN` for a country's diplomatic record,
/// and `galeon data check` to validate the curated fact files. Every listing prints as a
/// table, CSV or JSON (`--format`); the JSON is what the HTTP API (`galeon serve`) answers.
#[derive(Parser)]
#[command(
    name = "galeon",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = CITE
)]
struct Cli {
    /// Where SQL over the store runs: `local` (DataFusion, in this process) or
    /// `ballista://HOST:PORT`, a Ballista cluster's scheduler (see `galeon cluster`), whose
    /// executors must see the store at the same path. Every command that computes from the store
    /// uses it: sql, indicators, claims, verify, the panel of build, serve, index, framework….
    #[arg(
        long,
        global = true,
        value_name = "ENGINE",
        env = "GALEON_ENGINE",
        default_value = "local",
        value_parser = common::parse::<galeon_store::Engine>
    )]
    engine: galeon_store::Engine,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Countries(countries::Args),
    Facts(facts::Args),
    /// Check galeon's own data files.
    Data {
        #[command(subcommand)]
        command: facts::DataCommand,
    },
    Fetch(fetch::Args),
    Build(build::Args),
    Sql(sql::Args),
    Indicators(indicators::Args),
    Verify(verify::Args),
    Index(index::Args),
    Framework(framework::Args),
    Map(map::Args),
    Profile(profile::Args),
    Claims(claims::Args),
    Release(release::Args),
    Serve(serve::Args),
    Sources(sources::Args),
    Cluster(cluster::Args),
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
    galeon_store::set_engine(cli.engine);
    match cli.command {
        Command::Countries(args) => countries::run(args),
        Command::Facts(args) => facts::run(args),
        Command::Data { command } => facts::check(command),
        Command::Fetch(args) => fetch::run(args),
        Command::Build(args) => build::run(args),
        Command::Sql(args) => sql::run(args),
        Command::Indicators(args) => indicators::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Index(args) => index::run(args),
        Command::Framework(args) => framework::run(args),
        Command::Map(args) => map::run(args),
        Command::Profile(args) => profile::run(args),
        Command::Claims(args) => claims::run(args),
        Command::Release(args) => release::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Sources(args) => sources::run(args),
        Command::Cluster(args) => cluster::run(args),
    }
}
