//! Where the store's SQL runs: in this process (DataFusion), or on an Apache Ballista cluster
//! built on the same DataFusion, which plans and executes the very same statements.
//!
//! The engine is a choice for the whole process, like its thread pool: `galeon --engine …` sets
//! it once, and every query over the store (`galeon sql`, the indicators, the claims' checks)
//! then runs there, with no second code path per query.

use std::fmt;
use std::str::FromStr;
use std::sync::RwLock;

use datafusion::execution::context::SessionContext;
use datafusion::prelude::SessionConfig;

use crate::sql::QueryError;

/// Where queries run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Engine {
    /// DataFusion, embedded in this process (the default).
    #[default]
    Local,
    /// A Ballista scheduler at this host and port; its executors read the store's Parquet files
    /// from the same path, so the store must be on storage they share.
    Ballista {
        /// The scheduler's host name or address.
        host: String,
        /// The scheduler's gRPC port (Ballista's default is 50050).
        port: u16,
    },
}

/// Ballista's default scheduler port.
pub const BALLISTA_PORT: u16 = 50050;

impl FromStr for Engine {
    type Err = String;

    /// `local`, or `ballista://HOST[:PORT]`.
    fn from_str(text: &str) -> Result<Engine, String> {
        if text == "local" {
            return Ok(Engine::Local);
        }
        let Some(address) = text.strip_prefix("ballista://") else {
            return Err(format!(
                "unknown engine `{text}`: use `local` or `ballista://HOST:PORT` (a Ballista scheduler)"
            ));
        };
        let (host, port) =
            host_port(address.trim_end_matches('/')).map_err(|why| format!("`{text}`: {why}"))?;
        Ok(Engine::Ballista { host, port })
    }
}

/// Reads `HOST[:PORT]` (an IPv6 address in brackets: `[::1]:50050`), with Ballista's port when
/// none is given.
pub fn host_port(address: &str) -> Result<(String, u16), String> {
    let (host, port) = match address.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((host, "")) => (host, None),
            Some((host, port)) => (host, Some(port.strip_prefix(':').unwrap_or(port))),
            None => return Err(format!("`{address}` has no closing bracket")),
        },
        None => match address.split_once(':') {
            Some((_, port)) if port.contains(':') => {
                return Err(format!(
                    "write an IPv6 address in brackets, as in [{address}]:{BALLISTA_PORT}"
                ))
            }
            Some((host, port)) => (host, Some(port)),
            None => (address, None),
        },
    };
    let port = match port {
        None => BALLISTA_PORT,
        Some(port) => match port.parse::<u16>() {
            Ok(port) if port > 0 => port,
            _ => return Err(format!("`{port}` is not a port number (1–65535)")),
        },
    };
    if host.is_empty() {
        return Err("no host: write HOST:PORT, e.g. 127.0.0.1:50050".into());
    }
    Ok((host.to_string(), port))
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Engine::Local => f.write_str("local"),
            Engine::Ballista { host, port } if host.contains(':') => {
                write!(f, "ballista://[{host}]:{port}")
            }
            Engine::Ballista { host, port } => write!(f, "ballista://{host}:{port}"),
        }
    }
}

static ENGINE: RwLock<Engine> = RwLock::new(Engine::Local);

/// Sets where this process's queries over the store run from now on.
pub fn set_engine(engine: Engine) {
    *ENGINE.write().unwrap_or_else(|p| p.into_inner()) = engine;
}

/// Where this process's queries over the store run.
pub fn engine() -> Engine {
    ENGINE.read().unwrap_or_else(|p| p.into_inner()).clone()
}

/// A session on the current engine with this configuration, with no table registered yet.
/// With `memory`, a local engine holds its operators to that many bytes, and its sorts spill
/// to the machine's temporary folder past it (a cluster's executors keep their own limits).
pub(crate) async fn context(
    config: SessionConfig,
    memory: Option<usize>,
) -> Result<SessionContext, QueryError> {
    match (engine(), memory) {
        (Engine::Local, None) => Ok(SessionContext::new_with_config(config)),
        (Engine::Local, Some(bytes)) => {
            // Shared fairly between the plan's sorts (one per partition), so that none takes
            // the whole and leaves the merge of the others without room.
            let pool = datafusion::execution::memory_pool::FairSpillPool::new(bytes);
            let runtime = datafusion::execution::runtime_env::RuntimeEnvBuilder::new()
                .with_memory_pool(std::sync::Arc::new(pool))
                .build_arc()
                .map_err(|e| QueryError::DataFusion(e.to_string()))?;
            Ok(SessionContext::new_with_config_rt(config, runtime))
        }
        (cluster @ Engine::Ballista { .. }, _) => remote(&cluster, config).await,
    }
}

/// The engine's error, saying so when the cause is a cluster that cannot be reached (the client
/// first connects when a query runs, so this shows as the query's error).
pub(crate) fn failure(message: String) -> QueryError {
    let engine = engine();
    let unreachable = ["transport error", "tcp connect error", "Connection refused"]
        .iter()
        .any(|cause| message.contains(cause));
    match engine {
        Engine::Ballista { .. } if unreachable => QueryError::Engine(format!(
            "no Ballista scheduler answers at {engine}: start one (`galeon cluster scheduler`, or `scripts/cluster.sh up`) or correct --engine ({})",
            message.lines().next().unwrap_or_default()
        )),
        _ => QueryError::DataFusion(message),
    }
}

#[cfg(feature = "ballista")]
async fn remote(cluster: &Engine, config: SessionConfig) -> Result<SessionContext, QueryError> {
    use ballista::prelude::{SessionConfigExt, SessionContextExt};
    use datafusion::execution::SessionStateBuilder;
    // Ballista 55's adaptive planner re-plans some of the indicators' queries over and over (a
    // job grew past 15,000 stages of empty outputs and never ended); its static planner runs
    // every query of the panel.
    let config = config
        .upgrade_for_ballista()
        .with_ballista_adaptive_query_planner(false);
    let state = SessionStateBuilder::new()
        .with_config(config)
        .with_default_features()
        .build();
    // `ballista://HOST:PORT` is what Ballista's own client parses (any scheme will do).
    SessionContext::remote_with_state(&cluster.to_string(), state)
        .await
        .map_err(|e| QueryError::Engine(format!("{cluster}: {e}")))
}

#[cfg(not(feature = "ballista"))]
async fn remote(cluster: &Engine, _: SessionConfig) -> Result<SessionContext, QueryError> {
    Err(QueryError::Engine(format!(
        "this galeon was built without Ballista, so it cannot use {cluster}: build it with `cargo build --release --features ballista`"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_are_read_from_their_names() {
        assert_eq!("local".parse(), Ok(Engine::Local));
        let cluster = Engine::Ballista {
            host: "127.0.0.1".into(),
            port: 50050,
        };
        assert_eq!("ballista://127.0.0.1:50050".parse(), Ok(cluster.clone()));
        assert_eq!("ballista://127.0.0.1".parse(), Ok(cluster.clone()));
        assert_eq!(cluster.to_string(), "ballista://127.0.0.1:50050");
        for wrong in [
            "",
            "remote",
            "ballista://",
            "ballista://host:http",
            "ballista://h:0",
        ] {
            assert!(wrong.parse::<Engine>().is_err(), "{wrong}");
        }
    }
}
