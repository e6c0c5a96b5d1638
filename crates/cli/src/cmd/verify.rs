//! `galeon verify`: claims from the literature, checked against the store and the facts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use galeon_claims::{report, ClaimFile, FileReport, Verdict};

use crate::output::{render, Format, Rows};

/// Output formats of `galeon verify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum VerifyFormat {
    /// One row per claim, sized to the terminal, then the verdict counts.
    Table,
    /// One row per claim and check, for spreadsheets and pipes.
    Csv,
    /// Everything: claims, parts, evidence, sources, series.
    Json,
    /// The audit report in Markdown (charts only with --report).
    Md,
    /// The audit report as one self-contained HTML page with charts.
    Html,
}

/// The claim files and folders to read: the ones given, or the `claims/` folder here.
fn claim_paths(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    let dir = Path::new("claims");
    if !dir.is_dir() {
        bail!(
            "no claim files given and no claims/ folder here: name a file or a folder, e.g. \
             galeon verify claims/lu-2023.toml"
        );
    }
    Ok(vec![dir.to_path_buf()])
}

/// Check claims from the literature against the store and the curated facts.
///
/// Each part of each claim (date, place, kind, count, amount, list…) gets a verdict from
/// independent evidence only: supported, supported at the edge (inside the tolerance, in its
/// outer fifth), partly supported, mischaracterised (right figure, wrong label), internally
/// inconsistent, contradicted, inconclusive (the reason says why) or not checkable, with the
/// computed values, the difference, and the sources and releases used. The document never
/// confirms itself, and a record copied from a dataset the claim queries is not a second
/// source. The claim format and the verdict scale are in docs/claims.md. The audit is written in
/// English; `galeon claims --lang es|pt|zh` gives the same verdicts in Spanish, Portuguese or
/// Chinese.
///
/// Examples:
///   galeon verify                                   (every claim file in ./claims)
///   galeon verify claims/lu-2023.toml my-claims/    (files and folders)
///   galeon verify claims/lu-2023.toml --only bri-count-2022 --format json
///   galeon verify claims/lu-2023.toml --format html > audit.html
///   galeon verify claims/lu-2023.toml --report docs/audit   (Markdown, HTML and charts)
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Claim files (TOML) or folders of them; by default the ./claims folder.
    files: Vec<PathBuf>,
    #[command(flatten)]
    store: crate::common::StoreDir,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = VerifyFormat::Table)]
    format: VerifyFormat,
    /// Also write the audit report (DOCUMENT.md, DOCUMENT.html, charts/) to this folder.
    #[arg(long, value_name = "DIR")]
    report: Option<PathBuf>,
    /// Only these claims (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
}

/// Runs `galeon verify`.
pub fn run(args: Args) -> Result<ExitCode> {
    let (files, store, format, only) = (args.files, &args.store.store, args.format, &args.only);
    let report_dir = args.report.as_deref();
    let mut parsed: Vec<ClaimFile> = match galeon_claims::load_paths(&claim_paths(files)?) {
        Ok(files) => files,
        Err(list) => {
            for e in &list {
                eprintln!("{e}");
            }
            eprintln!(
                "galeon: {} problem(s) in the claim files; nothing was checked",
                list.len()
            );
            return Ok(ExitCode::from(1));
        }
    };
    if !only.is_empty() {
        for f in &mut parsed {
            f.claims.retain(|c| only.contains(&c.id));
        }
    }
    if !only.is_empty() && parsed.iter().all(|f| f.claims.is_empty()) {
        bail!("no claim has the id(s) {}", only.join(", "));
    }
    eprintln!(
        "checking {} claim(s) against the store at {}…",
        parsed.iter().map(|f| f.claims.len()).sum::<usize>(),
        store.display()
    );
    let runtime = crate::common::runtime()?;
    let data = runtime
        .block_on(galeon_claims::Data::fetch(store, &parsed))
        .map_err(anyhow::Error::msg)?;
    if let Some(e) = &data.store_error {
        eprintln!("galeon: warning: {e}; only the curated facts can be checked");
    }
    let reports: Vec<FileReport> = parsed
        .iter()
        .map(|f| galeon_claims::evaluate(f, &data))
        .collect();
    let context = context_line(store);
    match format {
        VerifyFormat::Table => {
            let mut rows = Rows::new(&["claim", "§", "verdict", "claimed", "computed", "reason"]);
            for r in &reports {
                for c in &r.claims {
                    rows.push(vec![
                        c.id.clone(),
                        c.section.clone(),
                        c.verdict.to_string(),
                        c.claimed_summary(),
                        c.computed_summary(),
                        c.reason.to_string(),
                    ]);
                }
            }
            render(&rows, Format::Table)?;
            for r in &reports {
                println!("{}: {}", r.file, summary(r));
            }
        }
        VerifyFormat::Csv => {
            let mut rows = Rows::new(&[
                "file",
                "claim",
                "section",
                "claim_verdict",
                "part",
                "claimed",
                "part_verdict",
                "check",
                "role",
                "computed",
                "difference",
                "coverage",
                "check_verdict",
                "reason",
                "sources",
            ]);
            for r in &reports {
                for c in &r.claims {
                    if c.parts.is_empty() {
                        rows.push(vec![
                            r.file.clone(),
                            c.id.clone(),
                            c.section.clone(),
                            c.verdict.to_string(),
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                            c.reason.to_string(),
                            String::new(),
                        ]);
                    }
                    for p in &c.parts {
                        let checks: Vec<Option<&galeon_claims::Evidence>> = if p.evidence.is_empty()
                        {
                            vec![None]
                        } else {
                            p.evidence.iter().map(Some).collect()
                        };
                        for e in checks {
                            rows.push(vec![
                                r.file.clone(),
                                c.id.clone(),
                                c.section.clone(),
                                c.verdict.to_string(),
                                p.what.to_string(),
                                p.claimed.to_string(),
                                p.verdict.to_string(),
                                e.map(|e| e.label.to_string()).unwrap_or_default(),
                                e.map(|e| e.role.as_str().to_string()).unwrap_or_default(),
                                e.map(|e| e.shown.to_string()).unwrap_or_default(),
                                e.and_then(|e| e.difference.as_ref())
                                    .map(ToString::to_string)
                                    .unwrap_or_default(),
                                e.and_then(|e| e.coverage.as_ref())
                                    .map(ToString::to_string)
                                    .unwrap_or_default(),
                                e.map(|e| e.verdict.to_string()).unwrap_or_default(),
                                e.map(|e| e.reason.to_string())
                                    .unwrap_or_else(|| p.reason.to_string()),
                                e.map(|e| galeon_claims::Said::List(e.sources.clone()).to_string())
                                    .unwrap_or_default(),
                            ]);
                        }
                    }
                }
            }
            render(&rows, Format::Csv)?;
        }
        VerifyFormat::Json => {
            let value = serde_json::json!({
                "context": context,
                "files": reports,
            });
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        VerifyFormat::Md => print!("{}", report::markdown(&reports, &context, &|_| None)),
        VerifyFormat::Html => print!("{}", report::html(&reports, &context)),
    }
    if let Some(dir) = report_dir {
        write_report(dir, &reports, &context)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(r: &FileReport) -> String {
    let total: usize = r.summary.values().sum();
    let counts: Vec<String> = Verdict::ALL
        .iter()
        .map(|v| format!("{} {v}", r.summary.get(v).copied().unwrap_or(0)))
        .collect();
    format!("{total} claims: {}", counts.join(", "))
}

fn context_line(store: &Path) -> String {
    let built = galeon_store::read_manifest(store)
        .map(|m| format!("built {} from {}", m.built_at, m.sources))
        .unwrap_or_else(|| "not found".into());
    format!(
        "Checked by galeon {} on {} against the store at {} ({built}) and galeon's curated facts. \
         Verdicts: {} (docs/claims.md explains each).",
        env!("CARGO_PKG_VERSION"),
        chrono::Utc::now().format("%Y-%m-%d"),
        store.display(),
        Verdict::ALL.map(|v| v.as_str()).join(", ")
    )
}

/// Writes DIR/<document>.md, DIR/<document>.html and DIR/charts/<claim>.svg.
fn write_report(dir: &Path, reports: &[FileReport], context: &str) -> Result<()> {
    let charts = dir.join("charts");
    std::fs::create_dir_all(&charts)
        .with_context(|| format!("cannot create {}", charts.display()))?;
    for r in reports {
        let mut written = std::collections::HashSet::new();
        for c in &r.claims {
            if let Some(svg) = report::chart_of(c) {
                let path = charts.join(format!("{}.svg", c.id));
                std::fs::write(&path, svg)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                written.insert(c.id.clone());
            }
        }
        let one = std::slice::from_ref(r);
        let md = report::markdown(one, context, &|id| {
            written.contains(id).then(|| format!("charts/{id}.svg"))
        });
        let id = &r.document.id;
        for (ext, text) in [("md", md), ("html", report::html(one, context))] {
            let path = dir.join(format!("{id}.{ext}"));
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(())
}
