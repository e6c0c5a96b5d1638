//! `galeon cluster`: the processes of an Apache Ballista cluster, to run the store's SQL on
//! several machines (or several processes of one).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

/// Run a Ballista scheduler or executor, so that `--engine ballista://HOST:PORT` runs galeon's
/// SQL (`galeon sql`, `galeon indicators build`, the claims' checks) on a cluster.
///
/// A cluster is one scheduler and any number of executors. Every executor, and the command that
/// queries, must see the store at the same path: on one machine that holds already; across
/// machines, mount the store at one path everywhere (NFS, a cluster filesystem). Clients reach
/// the scheduler's port and each executor's Flight port (results come from there); the scheduler
/// reaches each executor's gRPC port (it pushes tasks). Both run until stopped (SIGTERM or
/// Ctrl-C). `scripts/cluster.sh up|down` starts one scheduler and two executors on this machine.
/// Needs a galeon built with `--features ballista`; see docs/cluster.md.
///
/// Examples:
///   galeon cluster scheduler --bind 0.0.0.0:50050                                  # on host1
///   galeon cluster executor --bind 0.0.0.0 --scheduler host1 --external-host host2  # on host2
///   galeon --engine ballista://host1:50050 indicators build --store /shared/store
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(subcommand)]
    command: ClusterCommand,
}

#[derive(Subcommand)]
enum ClusterCommand {
    /// Run the scheduler: it receives queries, plans them into stages and hands the stages'
    /// tasks to the executors.
    Scheduler {
        /// Address and port to listen on (0.0.0.0 for every interface).
        #[arg(long, default_value = "127.0.0.1:50050")]
        bind: SocketAddr,
    },
    /// Run an executor: it registers with the scheduler and runs the tasks it is given.
    Executor {
        /// The scheduler, HOST:PORT.
        #[arg(long, default_value = "127.0.0.1:50050")]
        scheduler: String,
        /// Address its services listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The name other machines reach this executor by (if not given, the address the
        /// scheduler sees it connect from).
        #[arg(long)]
        external_host: Option<String>,
        /// Port of the Arrow Flight service that serves its results.
        #[arg(long, default_value_t = 50051)]
        flight_port: u16,
        /// Port of the gRPC service the scheduler sends tasks to.
        #[arg(long, default_value_t = 50052)]
        grpc_port: u16,
        /// Tasks run at once (the machine's cores by default).
        #[arg(long)]
        concurrent_tasks: Option<usize>,
        /// Where it writes intermediate (shuffle) files; a temporary folder if not given.
        #[arg(long, value_name = "DIR")]
        work_dir: Option<PathBuf>,
    },
}

/// Runs `galeon cluster`.
pub fn run(args: Args) -> Result<ExitCode> {
    serve(args.command)
}

#[cfg(feature = "ballista")]
fn serve(command: ClusterCommand) -> Result<ExitCode> {
    use galeon_store::cluster::{run_executor, run_scheduler, ExecutorOptions};
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Planning recurses over expression trees, as in galeon's own query threads.
        .thread_stack_size(32 << 20)
        .build()?;
    let result = match command {
        ClusterCommand::Scheduler { bind } => {
            let reach = match bind.ip().is_unspecified() {
                true => format!("ballista://THIS-HOST:{}", bind.port()),
                false => galeon_store::Engine::Ballista {
                    host: bind.ip().to_string(),
                    port: bind.port(),
                }
                .to_string(),
            };
            eprintln!(
                "galeon cluster: scheduler listening on {bind}; clients use --engine {reach}"
            );
            runtime.block_on(run_scheduler(bind))
        }
        ClusterCommand::Executor {
            scheduler,
            bind,
            external_host,
            flight_port,
            grpc_port,
            concurrent_tasks,
            work_dir,
        } => {
            let (scheduler_host, scheduler_port) = galeon_store::host_port(&scheduler)
                .map_err(|why| anyhow::anyhow!("--scheduler {scheduler}: {why}"))?;
            let options = ExecutorOptions {
                external_host,
                bind_host: bind,
                flight_port,
                grpc_port,
                scheduler_host,
                scheduler_port,
                concurrent_tasks: concurrent_tasks
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
                work_dir,
            };
            eprintln!(
                "galeon cluster: executor on port {flight_port} (tasks on {grpc_port}), registering with {scheduler}"
            );
            runtime.block_on(run_executor(options))
        }
    };
    result.map_err(anyhow::Error::msg)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "ballista"))]
fn serve(_: ClusterCommand) -> Result<ExitCode> {
    anyhow::bail!(
        "this galeon was built without Ballista: build it with `cargo build --release --features ballista`"
    )
}
