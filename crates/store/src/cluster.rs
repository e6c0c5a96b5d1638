//! The two kinds of process of an Apache Ballista cluster — one scheduler, any number of
//! executors — as `galeon cluster scheduler|executor` runs them, and the same pair started inside
//! one process for tests. A cluster needs no galeon code of its own: the scheduler receives
//! DataFusion plans and the executors read the store's Parquet files by path, so they must see the
//! store at the same path as the client (one machine, or a shared filesystem).

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ballista_executor::executor_process::{start_executor_process, ExecutorProcessConfig};
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_process::start_server;

use crate::engine::Engine;

/// Runs a scheduler listening at `bind` until the process ends.
pub async fn run_scheduler(bind: SocketAddr) -> Result<(), String> {
    let config = SchedulerConfig {
        bind_host: bind.ip().to_string(),
        bind_port: bind.port(),
        ..SchedulerConfig::default()
    };
    let cluster = (BallistaCluster::new_from_config(&config).await)
        .map_err(|e| format!("the scheduler could not start: {e}"))?;
    (start_server(cluster, bind, Arc::new(config)).await)
        .map_err(|e| format!("the scheduler at {bind} stopped: {e}"))
}

/// One executor's addresses and resources.
#[derive(Debug, Clone)]
pub struct ExecutorOptions {
    /// The address its services listen on.
    pub bind_host: String,
    /// The host name the scheduler and other executors reach it by (when `None`, the address the
    /// scheduler sees its registration come from).
    pub external_host: Option<String>,
    /// Port of its Arrow Flight service, from which other executors and clients fetch results.
    pub flight_port: u16,
    /// Port of its gRPC service, to which the scheduler pushes tasks.
    pub grpc_port: u16,
    /// The scheduler's host.
    pub scheduler_host: String,
    /// The scheduler's port.
    pub scheduler_port: u16,
    /// How many tasks it runs at once (its cores, by default).
    pub concurrent_tasks: usize,
    /// Where it writes shuffle files (a temporary folder when `None`).
    pub work_dir: Option<PathBuf>,
}

/// Runs an executor until the process ends; it registers with the scheduler, retrying for a minute
/// while the scheduler starts.
pub async fn run_executor(options: ExecutorOptions) -> Result<(), String> {
    let config = ExecutorProcessConfig {
        bind_host: options.bind_host.clone(),
        external_host: options.external_host.clone(),
        port: options.flight_port,
        grpc_port: options.grpc_port,
        scheduler_host: options.scheduler_host.clone(),
        scheduler_port: options.scheduler_port,
        scheduler_connect_timeout_seconds: 60,
        vcores: options.concurrent_tasks.max(1),
        work_dir: (options.work_dir.as_ref()).map(|d| d.display().to_string()),
        // Ballista's executor prints every thread's id in its log lines by default.
        print_thread_info: false,
        ..ExecutorProcessConfig::default()
    };
    (start_executor_process(Arc::new(config)).await)
        .map_err(|e| format!("the executor on port {} stopped: {e}", options.flight_port))
}

/// Starts a scheduler and `executors` executors, each with `concurrent_tasks` task slots, on the
/// current runtime, on free loopback ports, and returns the engine that reaches them once every
/// one of them accepts connections. They run as long as the runtime does.
pub async fn start_in_process(executors: usize, concurrent_tasks: usize) -> Result<Engine, String> {
    let host = Ipv4Addr::LOCALHOST;
    let ports = free_ports(1 + 2 * executors)?;
    let scheduler = SocketAddr::from((host, ports[0]));
    tokio::spawn(async move {
        if let Err(e) = run_scheduler(scheduler).await {
            eprintln!("{e}");
        }
    });
    wait_for(scheduler).await?;
    for slot in ports[1..].chunks(2) {
        let options = ExecutorOptions {
            bind_host: host.to_string(),
            external_host: Some(host.to_string()),
            flight_port: slot[0],
            grpc_port: slot[1],
            scheduler_host: host.to_string(),
            scheduler_port: scheduler.port(),
            concurrent_tasks,
            work_dir: None,
        };
        tokio::spawn(async move {
            if let Err(e) = run_executor(options).await {
                eprintln!("{e}");
            }
        });
        wait_for(SocketAddr::from((host, slot[0]))).await?;
    }
    Ok(Engine::Ballista {
        host: host.to_string(),
        port: scheduler.port(),
    })
}

/// `n` distinct ports free on loopback now: all held open until all are chosen, so none is given
/// twice (another process could still take one before it is used: tests only).
fn free_ports(n: usize) -> Result<Vec<u16>, String> {
    let held: Vec<TcpListener> = (0..n)
        .map(|_| TcpListener::bind((Ipv4Addr::LOCALHOST, 0)))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("no free port: {e}"))?;
    (held.iter())
        .map(|l| l.local_addr().map(|a| a.port()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("no free port: {e}"))
}

/// Waits up to a minute for something to accept connections at `address`.
async fn wait_for(address: SocketAddr) -> Result<(), String> {
    let started = Instant::now();
    while tokio::net::TcpStream::connect(address).await.is_err() {
        if started.elapsed() > Duration::from_secs(60) {
            return Err(format!("nothing listens at {address} after a minute"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}
