//! `galeon sql`: one read-only query over the store.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

use crate::common::{runtime, StoreDir};
use crate::output::{render_result, SqlFormat};

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
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
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
}

/// Runs `galeon sql`.
pub fn run(args: Args) -> Result<ExitCode> {
    if args.format == SqlFormat::Parquet && args.output.is_none() {
        bail!("--format parquet writes a file: add --output FILE");
    }
    let limits = galeon_store::QueryLimits {
        max_rows: args.max_rows,
        timeout: std::time::Duration::from_secs(args.timeout),
    };
    let query = match args.query.as_str() {
        "-" => std::io::read_to_string(std::io::stdin())
            .map_err(|e| anyhow::anyhow!("reading the query from standard input: {e}"))?,
        _ => args.query,
    };
    let result = runtime()?.block_on(galeon_store::query(&args.store.store, &query, limits))?;
    render_result(&result, args.format, args.output.as_deref())?;
    if result.truncated {
        eprintln!(
            "galeon: result truncated to {} rows (raise --max-rows to see more)",
            args.max_rows
        );
    }
    Ok(ExitCode::SUCCESS)
}
