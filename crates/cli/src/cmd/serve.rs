//! `galeon serve`: the HTTP API and the dashboard over a built store.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::common::{runtime, StoreDir};

/// Serve the HTTP API and the bilingual dashboard over a built store.
///
/// Loads the store's indicators, builds the index with its uncertainty analysis and checks
/// the claims, then answers from memory: the dashboard at http://HOST:PORT/, the API under
/// /api (described at /api/openapi.json). Read-only. Every API table is the one the command
/// line prints for the same request (`galeon countries`, `galeon facts`, `galeon indicators`,
/// `galeon index`…), as JSON, CSV or Parquet.
///
/// Examples:
///   galeon serve                          (http://127.0.0.1:8080/)
///   galeon serve --store store --port 3000 --host 0.0.0.0
///   galeon serve --claims claims/ --claims my-claims.toml   (claim files read at start-up)
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
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
    /// A data release written by `galeon release --into DIR`, offered for download at
    /// /release/datapackage.json (and each file it lists); the sources page links to it.
    #[arg(long, value_name = "DIR")]
    release: Option<PathBuf>,
}

/// Runs `galeon serve`.
pub fn run(args: Args) -> Result<ExitCode> {
    let (host, port, store) = (args.host, args.port, args.store.store);
    let release = (args.release.as_deref())
        .map(galeon_server::release::ReleaseDir::open)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--release: {e}"))?;
    let options = galeon_server::Options {
        uncertainty: args.uncertainty,
        claims: args.claims,
        ..Default::default()
    };
    runtime()?.block_on(async {
        let started = std::time::Instant::now();
        eprintln!("loading the store at {}…", store.display());
        let observatory = galeon_server::Observatory::load(&store, options.clone()).await?;
        if let Some(e) = &observatory.index_error {
            eprintln!("galeon: warning: the index could not be built: {e}");
        }
        let live = galeon_server::Live::with_release(std::sync::Arc::new(observatory), release);
        reload_on_hangup(live.clone(), store.clone(), options);
        let listener = tokio::net::TcpListener::bind((host.as_str(), port))
            .await
            .with_context(|| format!("cannot listen on {host}:{port}"))?;
        let dashboard = match galeon_server::has_dashboard() {
            true => "",
            false => " (dashboard not built in: see web/README.md)",
        };
        eprintln!(
            "ready in {:.1} s: dashboard http://{host}:{port}/ · API http://{host}:{port}/api/openapi.json{dashboard}",
            started.elapsed().as_secs_f64(),
        );
        let limits = galeon_server::limits::Limits::default();
        galeon_server::serve(listener, live, limits, stopped())
            .await
            .context("serving")?;
        eprintln!("stopped: every request in flight was answered");
        Ok(ExitCode::SUCCESS)
    })
}

/// Completes on Ctrl-C or SIGTERM (what service managers and `kill` send).
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    eprintln!("stopping: answering the requests in flight…");
}

/// On SIGHUP, loads the store again and serves it from then on; until it is loaded, and if it
/// cannot be, the previous one is served.
fn reload_on_hangup(
    live: std::sync::Arc<galeon_server::Live>,
    store: PathBuf,
    options: galeon_server::Options,
) {
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{signal, SignalKind};
        let Ok(mut hangups) = signal(SignalKind::hangup()) else {
            return;
        };
        while hangups.recv().await.is_some() {
            eprintln!("reloading the store at {}…", store.display());
            match galeon_server::Observatory::load(&store, options.clone()).await {
                Ok(observatory) => {
                    let built = observatory.built_at().to_string();
                    live.replace(observatory);
                    eprintln!("reloaded: serving the store built at {built}");
                }
                Err(e) => eprintln!("galeon: reload failed, still serving the previous store: {e}"),
            }
        }
    });
    #[cfg(not(unix))]
    let _ = (live, store, options);
}
