//! What several commands share: the store folder argument and the async runtime.

use std::path::PathBuf;

use anyhow::Result;

/// The store folder, as every command that reads or writes the store takes it.
#[derive(clap::Args, Debug, Clone)]
pub struct StoreDir {
    /// The store folder (`galeon build` creates or replaces it).
    #[arg(
        long,
        value_name = "DIR",
        env = "GALEON_STORE",
        default_value = "store"
    )]
    pub store: PathBuf,
}

/// A two-thread runtime for the commands that query the store (the machines have two cores).
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

/// Reads a value the way the API reads it (one parser for both front ends).
pub fn parse<T: std::str::FromStr<Err = String>>(s: &str) -> Result<T, String> {
    s.parse()
}
