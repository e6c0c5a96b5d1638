//! `galeon profile`: a printable brief of one LAC state's relation with China.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use galeon_observatory::params::Countries;
use galeon_observatory::render::profile::{page, Where};
use galeon_observatory::resources::{profile, ProfileQuery};
use galeon_observatory::{Observatory, Options};
use galeon_registry::{Lang, LAC33};

use crate::common::{parse, runtime, StoreDir};

/// A country profile: one state's relation with China on two to four printed pages.
///
/// Headline figures with their years and sources (China's and the United States' shares of its
/// trade, trade with China, Chinese finance and investment, power capacity, the cooperation
/// index rank with its 5–95 % interval), the state's standing with China today, trade over time,
/// finance and investment by sector, power plants by fuel, the index rank over time, the
/// diplomatic timeline, and the claims from the literature that concern the state.
///
/// The page is one HTML file with no script and no outside resource: open it in a browser and
/// print it, or "Save as PDF". `galeon serve` shows the same page at /profile/CODE, and
/// /api/profile/CODE gives its figures as JSON (as does --format json here).
///
/// Examples:
///   galeon profile BRA --lang es --out brasil.html
///   galeon profile "Perú" --format json | jq .headline
///   galeon profile --all --lang en,es,pt,zh --out profiles/    (132 pages: CODE.LANG.html)
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The states: ISO alpha-3, alpha-2 or names, comma-separated.
    #[arg(value_parser = parse::<Countries>, required_unless_present = "all")]
    country: Option<Countries>,
    /// Every one of the 33 LAC states (--out is then a folder).
    #[arg(long, conflicts_with = "country")]
    all: bool,
    /// Languages, comma-separated: en, es, pt, zh (several need --out to be a folder).
    #[arg(long, value_parser = parse::<Lang>, value_delimiter = ',', default_value = "en")]
    lang: Vec<Lang>,
    /// Where to write: a file for one page, a folder for several; standard output when absent.
    #[arg(long, value_name = "FILE|DIR")]
    out: Option<PathBuf>,
    /// html (the printable page) or json (its figures, as /api/profile/CODE).
    #[arg(long, value_parser = ["html", "json"], default_value = "html")]
    format: String,
    /// Base samples of the index's uncertainty analysis behind the rank interval (as
    /// `galeon serve --uncertainty`: the same number gives the same interval).
    #[arg(long, default_value_t = 256)]
    uncertainty: usize,
    #[command(flatten)]
    store: StoreDir,
}

/// Runs `galeon profile`.
pub fn run(args: Args) -> Result<ExitCode> {
    let codes: Vec<String> = match &args.country {
        Some(c) => c.0.iter().map(|code| code.as_str().to_string()).collect(),
        None => LAC33.iter().map(|c| c.to_string()).collect(),
    };
    let pages = codes.len() * args.lang.len();
    if pages > 1 && args.out.as_deref().is_none_or(|p| p.is_file()) {
        bail!("{pages} pages need a folder: give --out DIR");
    }
    let options = Options {
        uncertainty: args.uncertainty,
        ..Options::default()
    };
    let obs = runtime()?.block_on(Observatory::load(&args.store.store, options))?;
    let inputs = obs.profile_inputs();
    for code in &codes {
        for lang in &args.lang {
            let query = ProfileQuery {
                country: code.clone(),
                lang: *lang,
            };
            let p = profile(&inputs, &query)?;
            let (text, ext) = match args.format.as_str() {
                "json" => (serde_json::to_string_pretty(&p)? + "\n", "json"),
                _ => (page(&p, Where::default()), "html"),
            };
            let name = format!("{}.{}.{ext}", p.country, p.lang);
            write(args.out.as_deref(), pages > 1, &name, &text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes one page to standard output, to `out`, or into the folder `out` as `name`.
fn write(out: Option<&Path>, folder: bool, name: &str, text: &str) -> Result<()> {
    let path = match out {
        None => {
            use std::io::Write;
            std::io::stdout().write_all(text.as_bytes())?;
            return Ok(());
        }
        Some(dir) if folder || dir.is_dir() => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            dir.join(name)
        }
        Some(file) => file.to_path_buf(),
    };
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
