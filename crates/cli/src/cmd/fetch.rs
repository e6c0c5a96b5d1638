//! `galeon fetch`: every dataset from where its declaration says it is obtained, into a sources
//! folder that `galeon build --sources DIR` reads as it is.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chrono::Datelike;
use galeon_fetch::{Event, Hosts, Options, Policy, Step};
use galeon_sources::{dataset, Dataset, DATASETS};

use crate::output::{render, Format, Rows};

/// Get or refresh the sources from their publishers.
///
/// Each dataset's declaration says how it is obtained:
/// - pinned files (most datasets): every file at a fixed address (a repository at a commit, an
///   npm package at a version, a file inside a publisher's zip) with its SHA-256; a file already in place with that checksum is
///   not downloaded again, and a download with other bytes is refused;
/// - the IMF's SDMX service (imf-imts): exports and imports of China and the 33 LAC states with
///   every partner from --since on, one file per reporter, refreshed on every run;
/// - UN Comtrade's API v1 (comtrade-api): China's exports and imports with each LAC state and the
///   World, annual totals to last year; with GALEON_COMTRADE_KEY (a subscription key, sent as a
///   header and never logged) twelve years a query, otherwise the keyless preview, a year a query;
/// - the World Bank's Indicators API v2 (worldbank-api): GDP and population of the same 34
///   economies from --since on, page by page, refreshed on every run (an error the API answers
///   with HTTP 200 is refused, in the API's words);
/// - Harvard Dataverse (atlas-country-year, icews-events): the dataset's description (latest
///   published version, each file's id and checksum), then the declared files as uploaded, each
///   checked against its MD5 or SHA-256 (a file listed with another checksum is logged as not
///   checked); the version goes into the folder's release.toml; ICEWS's yearly
///   event files, every one the dataset lists (26, about 1.5 GB, in its 2020 version), only when
///   named: galeon fetch icews-events;
/// - GDELT's file lists (gdelt-events): the export files from --since on listed in GDELT's
///   masterfilelist.txt and masterfilelist-translation.txt (news in other languages, translated),
///   each checked against its MD5; only when named, for their number (about 70,000 a year):
///   galeon fetch gdelt-events --since 2026;
/// - by hand (BACI, whose terms ask users to download it themselves, and the files compiled or
///   converted for galeon): fetch says where they come from and where they go, and whether
///   they are in place or which declared files are still missing (so does `galeon build`).
///
/// Downloads go through DIR/.partial/ (never read by a build) and move into place only when
/// whole and verified; an interrupted run resumes them. Failures are retried with backoff
/// (429 and 5xx, honouring Retry-After). DIR/fetched.toml logs every file: URL, time, HTTP
/// status, bytes, SHA-256 and the release as the publisher states it; `galeon build` copies
/// the entries of the files it reads into the store's manifest.
///
/// Publishers' lists (Dataverse's descriptions, GDELT's file list) and zips (AidData's, from
/// which the files declared are taken out and checked) are kept in DIR/.listings/.
///
/// Hosts: GALEON_URL_GITHUB, GALEON_URL_NPM, GALEON_URL_IMF, GALEON_URL_WORLDBANK,
/// GALEON_URL_COMTRADE, GALEON_URL_DATAVERSE, GALEON_URL_GDELT and GALEON_URL_AIDDATA replace a
/// host's address, and
/// --mirror replaces them all. The only key is
/// UN Comtrade's, and it is optional.
///
/// Examples:
///   galeon fetch --dry-run
///   galeon fetch imf-dots imf-imts --since 2015
///   galeon fetch gdelt-events --since 2026
///   galeon fetch icews-events
///   galeon fetch --into ~/galeon-sources && galeon build --sources ~/galeon-sources
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Dataset ids (see `galeon sources`); all when none is given.
    #[arg(value_name = "DATASET")]
    datasets: Vec<String>,
    /// The sources folder to fill [default: $XDG_DATA_HOME/galeon/sources, else ~/.local/share/galeon/sources].
    #[arg(long, value_name = "DIR")]
    into: Option<PathBuf>,
    /// First year asked of APIs [default: 2000], and of GDELT's files (required for them).
    #[arg(long, value_name = "YEAR")]
    since: Option<i32>,
    /// Print what would be fetched (dataset, URL, file) and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Fetch every host from one mirror: URL/github/…, URL/npm/…, URL/imf/…, URL/worldbank/…, URL/comtrade/…, URL/dataverse/…, URL/gdelt/…, URL/aiddata/….
    #[arg(long, value_name = "URL")]
    mirror: Option<String>,
    /// Attempts per file before giving up.
    #[arg(long, default_value_t = 6)]
    attempts: u32,
    /// No progress lines.
    #[arg(long, short)]
    quiet: bool,
    /// Output format of --dry-run's list.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// The default sources folder: the user's data directory (XDG).
pub fn default_sources() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(data.join("galeon/sources"))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let selected = select(&args.datasets)?;
    let since = since_for(args.since, &selected)?;
    let Some(into) = args.into.clone().or_else(default_sources) else {
        bail!("no --into and no home directory to default to");
    };
    let options = options(&args, into.clone(), since);
    if options.comtrade_key.is_none() && selected.iter().any(|d| d.id == "comtrade-api") {
        eprintln!(
            "comtrade-api: no GALEON_COMTRADE_KEY, so UN Comtrade's keyless preview: one year a query, at most 500 records an answer (enough for the 68 asked; a key from comtradedeveloper.un.org asks twelve years a query)"
        );
    }
    let steps = galeon_fetch::plan(&selected, &options)?;
    if args.dry_run {
        return dry_run(&steps, &into, args.format);
    }
    std::fs::create_dir_all(&into)
        .with_context(|| format!("creating the sources folder {}", into.display()))?;
    let total = steps
        .iter()
        .filter(|s| matches!(s, Step::Download(_)))
        .count();
    let mut progress = Progress::new(total, args.quiet);
    let summary = galeon_fetch::run(&steps, &options, &mut |event| progress.report(event))?;
    progress.bar.finish_and_clear();
    Ok(summarise(&summary, &into))
}

/// The datasets named, or every one but those fetched only when named (each said, with how to
/// fetch it).
fn select(named: &[String]) -> Result<Vec<&'static Dataset>> {
    if !named.is_empty() {
        let mut out: Vec<&'static Dataset> = Vec::new();
        for id in named {
            match dataset(id) {
                Some(d) if out.iter().any(|o| o.id == d.id) => {} // named twice: fetched once
                Some(d) => out.push(d),
                None => bail!("unknown dataset {id:?}; `galeon sources` lists them"),
            }
        }
        return Ok(out);
    }
    let (only_named, all): (Vec<&Dataset>, Vec<&Dataset>) =
        DATASETS.iter().partition(|d| d.obtain.only_when_named());
    for d in only_named {
        let since = if d.obtain.needs_since() {
            format!(" --since {}", chrono::Utc::now().year())
        } else {
            String::new()
        };
        eprintln!(
            "{}: fetched only when named, for its size ({}); e.g. galeon fetch {}{since}",
            d.id,
            d.obtain.describe(),
            d.id,
        );
    }
    Ok(all)
}

/// The first year asked: `--since`, required by a dataset whose list goes back to 2015.
fn since_for(since: Option<i32>, selected: &[&'static Dataset]) -> Result<i32> {
    match (since, selected.iter().find(|d| d.obtain.needs_since())) {
        (Some(year), _) => Ok(year),
        (None, Some(d)) => bail!(
            "{} needs --since YEAR: GDELT publishes about 70,000 export files a year since 2015 (English and translingual) (e.g. --since {})",
            d.id,
            chrono::Utc::now().year()
        ),
        (None, None) => Ok(2000),
    }
}

/// How to fetch: the hosts (a mirror, or the publishers with `GALEON_URL_*` applied), the
/// attempts per file and UN Comtrade's key, if any.
fn options(args: &Args, into: PathBuf, since: i32) -> Options {
    let hosts = match &args.mirror {
        Some(url) => Hosts::mirror(url),
        None => Hosts::publishers().with_env(),
    };
    Options {
        into,
        since,
        hosts,
        policy: Policy {
            attempts: args.attempts.max(1),
            ..Policy::default()
        },
        comtrade_key: std::env::var("GALEON_COMTRADE_KEY")
            .ok()
            .filter(|k| !k.trim().is_empty()),
    }
}

/// The run's counts and failures on standard error, the next command on standard output.
fn summarise(summary: &galeon_fetch::Summary, into: &std::path::Path) -> ExitCode {
    eprintln!(
        "{}: {} downloaded, {} already up to date, {} failed, {} to fetch by hand (above), {} fetched by hand in place; log: {}",
        into.display(),
        summary.downloaded,
        summary.up_to_date,
        summary.failed.len(),
        summary.by_hand.len(),
        summary.by_hand_in_place.len(),
        into.join(galeon_sources::fetched::FETCH_LOG).display()
    );
    if !summary.failed.is_empty() {
        for (file, error) in &summary.failed {
            eprintln!("failed: {file}: {error}");
        }
        return ExitCode::FAILURE;
    }
    println!("next: galeon build --sources {}", into.display());
    ExitCode::SUCCESS
}

fn dry_run(steps: &[Step], into: &std::path::Path, format: Format) -> Result<ExitCode> {
    let mut rows = Rows::new(&["dataset", "how", "from", "to"]);
    let row = |d: &galeon_fetch::Download| {
        vec![
            d.dataset.to_string(),
            d.how().to_string(),
            d.url.clone(),
            into.join(&d.save_as).display().to_string(),
        ]
    };
    for step in steps {
        // A publisher's zip, then the files taken out of it.
        if let Step::Download(d) = step {
            rows.push(row(d));
            for file in d.inside() {
                rows.push(row(&file));
            }
            continue;
        }
        rows.push(match step {
            Step::Download(_) => unreachable!("listed above"),
            Step::ByHand { dataset, how } => vec![
                dataset.to_string(),
                "by hand".into(),
                how.to_string(),
                String::new(),
            ],
        });
    }
    render(&rows, format)?;
    Ok(ExitCode::SUCCESS)
}

/// A bar on a terminal (files done, and the bytes of the file under way), and one line per file
/// on standard error either way (standard output stays for what can be piped).
struct Progress {
    bar: indicatif::ProgressBar,
    quiet: bool,
    /// The file under way.
    current: String,
}

impl Progress {
    fn new(total: usize, quiet: bool) -> Progress {
        let bar = match quiet {
            true => indicatif::ProgressBar::hidden(),
            false => indicatif::ProgressBar::new(total as u64),
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template("[{pos}/{len}] {bar:30} {elapsed} {msg}")
                .expect("a valid template"),
        );
        Progress {
            bar,
            quiet,
            current: String::new(),
        }
    }

    fn report(&mut self, event: Event<'_>) {
        let line = |bar: &indicatif::ProgressBar, text: String| match bar.is_hidden() {
            true => eprintln!("{text}"),
            false => bar.println(text),
        };
        match event {
            Event::Start(d) => {
                self.current = d.save_as.clone();
                self.bar.set_message(self.current.clone());
            }
            Event::Progress(file, done, total) => {
                let of = total.map_or(String::new(), |t| format!(" of {}", bytes(t)));
                let message = format!("{file} ({}{of})", bytes(done));
                self.bar.set_message(message);
            }
            Event::Done(d, f) => {
                self.bar.inc(1);
                if !self.quiet {
                    let resumed = if f.status == 206 { ", resumed" } else { "" };
                    line(
                        &self.bar,
                        format!("{} ({}{resumed})", d.save_as, bytes(f.bytes)),
                    );
                }
            }
            Event::UpToDate(d) => {
                self.bar.inc(1);
                if !self.quiet {
                    line(&self.bar, format!("{} up to date", d.save_as));
                }
            }
            Event::Failed(d, e) => {
                self.bar.inc(1);
                line(&self.bar, format!("{} FAILED: {e}", d.save_as));
            }
            Event::ByHand(dataset, how, missing) => match missing {
                [] if self.quiet => {}
                [] => line(&self.bar, format!("by hand: {dataset}: in place")),
                _ => line(
                    &self.bar,
                    format!(
                        "by hand: {dataset}: {how} (missing: {})",
                        missing.join(", ")
                    ),
                ),
            },
            Event::More(n) => self.bar.inc_length(n as u64),
        }
    }
}

/// A size as people read it.
fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / f64::from(1 << 20)),
        n if n >= 1 << 10 => format!("{:.0} KiB", n as f64 / 1024.0),
        n => format!("{n} bytes"),
    }
}
