//! `galeon claims`: the claims from the literature with their verdicts, or one in full.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use galeon_observatory::resources::{claim, claims, verdict, ClaimsQuery};
use galeon_observatory::{Observatory, Options};
use galeon_registry::Lang;

use crate::common::{parse, runtime, StoreDir};
use crate::output::{render_table, Format};

/// The claims from the literature, each with its verdict, reason, and the claimed and computed
/// values; or, with an id, one claim in full as JSON (its parts, checks, evidence with sources,
/// and the SQL that reproduces each number).
///
/// The same answers as /api/claims and /api/claims/ID. `galeon verify` checks claim files and
/// writes reports (Markdown, HTML); this command shows the verdicts as the API serves them.
///
/// Examples:
///   galeon claims
///   galeon claims --verdict contradicted
///   galeon claims trade-total-2002-2021
///   galeon claims --claims my-claims/ --format csv
///   galeon claims --lang es --format csv      (reasons and labels in Spanish)
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// One claim's id: show it in full, as JSON.
    id: Option<String>,
    /// Only claims with this verdict: supported, supported_at_edge, partly_supported,
    /// mischaracterised, internally_inconsistent, contradicted, inconclusive, not_checkable.
    #[arg(long, conflicts_with = "id")]
    verdict: Option<String>,
    /// The language of the reasons, labels and notes: en, es, pt or zh (the quoted sentences
    /// stay as written).
    #[arg(long, default_value = "en", value_parser = parse::<Lang>)]
    lang: Lang,
    /// Claim files or folders read instead of the claims built into galeon.
    #[arg(long, value_name = "FILE|DIR")]
    claims: Vec<PathBuf>,
    #[command(flatten)]
    store: StoreDir,
    /// Output format of the list (one claim is always JSON).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `galeon claims`.
pub fn run(args: Args) -> Result<ExitCode> {
    let verdict = args.verdict.as_deref().map(verdict).transpose()?;
    let options = Options {
        claims: args.claims,
        ..Options::default()
    };
    let obs = runtime()?.block_on(Observatory::load(&args.store.store, options))?;
    if let Some(id) = args.id {
        let body = claim(&obs.claims, &id, args.lang, Some(obs.built_at()))?;
        println!("{}", serde_json::to_string_pretty(&body)?);
        return Ok(ExitCode::SUCCESS);
    }
    let query = ClaimsQuery {
        verdict,
        lang: args.lang,
    };
    let table = obs.stamped(claims(&obs.claims, &query)?);
    let table = match args.format {
        // A terminal has no room for the sentences; CSV and JSON carry them.
        Format::Table => table.select(&["id", "section", "verdict", "claimed", "computed"]),
        _ => table,
    };
    render_table(&table, args.format)?;
    Ok(ExitCode::SUCCESS)
}
