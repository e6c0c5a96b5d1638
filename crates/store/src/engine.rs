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
        let address = address.trim_end_matches('/');
        let (host, port) = match address.rsplit_once(':') {
            Some((host, port)) => {
                let port = port
                    .parse::<u16>()
                    .map_err(|_| format!("`{port}` in `{text}` is not a port number (1–65535)"))?;
                (host, port)
            }
            None => (address, BALLISTA_PORT),
        };
        if host.is_empty() || port == 0 {
            return Err(format!(
                "`{text}` names no scheduler: write `ballista://HOST:PORT`, e.g. ballista://127.0.0.1:50050"
            ));
        }
        Ok(Engine::Ballista {
            host: host.to_string(),
            port,
        })
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Engine::Local => f.write_str("local"),
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
pub(crate) async fn context(config: SessionConfig) -> Result<SessionContext, QueryError> {
    match engine() {
        Engine::Local => Ok(SessionContext::new_with_config(config)),
        Engine::Ballista { host, port } => remote(&host, port, config).await,
    }
}

#[cfg(feature = "ballista")]
async fn remote(
    host: &str,
    port: u16,
    config: SessionConfig,
) -> Result<SessionContext, QueryError> {
    use ballista::prelude::{SessionConfigExt, SessionContextExt};
    use datafusion::execution::SessionStateBuilder;
    // Ballista 55's adaptive planner re-plans some of the indicators' queries over and over (a
    // job grew past 15,000 stages of empty outputs and never ended); its static planner runs
    // every query of the panel.
    let config = config
        .upgrade_for_ballista()
        .set_bool("ballista.planner.adaptive.enabled", false);
    let state = SessionStateBuilder::new()
        .with_config(config)
        .with_default_features()
        .build();
    SessionContext::remote_with_state(&format!("df://{host}:{port}"), state)
        .await
        .map_err(|e| QueryError::Engine(format!("the Ballista scheduler at {host}:{port}: {e}")))
}

#[cfg(not(feature = "ballista"))]
async fn remote(host: &str, port: u16, _: SessionConfig) -> Result<SessionContext, QueryError> {
    Err(QueryError::Engine(format!(
        "this galeon was built without Ballista, so it cannot use the scheduler at {host}:{port}: build it with `cargo build --release --features ballista`"
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
