//! Tables computed from the store (the indicator panel): written through the store, recorded in
//! its manifest with the fingerprint of their inputs, and read back only while the fingerprint
//! still matches — never judged fresh by a file's modification time.

use std::path::{Path, PathBuf};

use datafusion::prelude::{ParquetReadOptions, SessionContext};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::build::{read_manifest, Manifest, MANIFEST};
use crate::export::{write_parquet, Column};
use crate::rows::Rows;
use crate::sql::QueryError;

/// One derived table, as the manifest records it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Derived {
    /// Its file, relative to the store.
    pub file: String,
    /// Rows written.
    pub rows: u64,
    /// Fingerprint of what it was computed from: the code that computes it, the readers that
    /// wrote the store, and every source file's SHA-256.
    pub inputs: String,
    /// When it was written (UTC, RFC 3339).
    pub written_at: String,
}

/// Why a derived table could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DerivedError {
    /// There is no store to add it to.
    #[error("no store at {0}: build one with `galeon build --sources DIR --store {0}`")]
    NoStore(String),
    /// A build is writing the store.
    #[error(transparent)]
    Locked(#[from] crate::lock::LockError),
    /// Writing the file or the manifest failed, or the table may not be written.
    #[error("{0}")]
    Write(String),
    /// The store changed (a build replaced it) while the table was computed.
    #[error("the store at {0} changed while the table was computed: compute it again")]
    Changed(String),
}

/// The fingerprint of a derived table computed by `code` (a text that changes whenever the
/// computation does) from the store of `manifest`.
pub fn fingerprint(manifest: &Manifest, code: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [code, &manifest.galeon_version, &manifest.readers] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    for d in &manifest.datasets {
        for f in &d.files {
            hasher.update(f.path.as_bytes());
            hasher.update(f.sha256.as_bytes());
        }
    }
    format!("sha256:{:x}", hasher.finalize())
}

/// Writes the table `name` as `STORE/<file>` and records it in the manifest, both atomically
/// (each written beside its place and renamed over it), under the store's lock. `inputs` is the
/// [`fingerprint`] of the store the table was computed from, taken before computing: if the
/// store has changed since, nothing is written.
pub fn write_derived(
    store: &Path,
    name: &str,
    file: &str,
    code: &str,
    inputs: &str,
    columns: Vec<(String, Column)>,
) -> Result<PathBuf, DerivedError> {
    let _lock = crate::lock::StoreLock::acquire_for(store, "writing a derived table")?;
    let mut manifest =
        read_manifest(store).ok_or_else(|| DerivedError::NoStore(store.display().to_string()))?;
    if fingerprint(&manifest, code) != inputs {
        return Err(DerivedError::Changed(store.display().to_string()));
    }
    let rows = columns.first().map_or(0, |(_, c)| c.len()) as u64;
    let path = store.join(file);
    write_parquet(&path, columns).map_err(|e| DerivedError::Write(e.to_string()))?;
    let entry = Derived {
        file: file.to_string(),
        rows,
        inputs: inputs.to_string(),
        written_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    manifest.derived.insert(name.to_string(), entry);
    let text =
        serde_json::to_string_pretty(&manifest).map_err(|e| DerivedError::Write(e.to_string()))?;
    let tmp = store.join(format!(".{MANIFEST}.{}", std::process::id()));
    let failed = |e: std::io::Error| DerivedError::Write(format!("{}: {e}", tmp.display()));
    std::fs::write(&tmp, text).map_err(failed)?;
    std::fs::rename(&tmp, store.join(MANIFEST)).map_err(failed)?;
    Ok(path)
}

/// The table `name` as recorded, if it was computed by `code` from the store as it is now
/// (`None` when it was never written, or its inputs or code have changed since).
pub async fn read_derived(
    store: &Path,
    name: &str,
    code: &str,
) -> Result<Option<Rows>, QueryError> {
    let Some(manifest) = read_manifest(store) else {
        return Err(QueryError::NoStore(store.display().to_string()));
    };
    let Some(entry) = manifest.derived.get(name) else {
        return Ok(None);
    };
    let path = store.join(&entry.file);
    if entry.inputs != fingerprint(&manifest, code) || !path.is_file() {
        return Ok(None);
    }
    let engine = |e: datafusion::error::DataFusionError| QueryError::DataFusion(e.to_string());
    let ctx = SessionContext::new();
    let frame = ctx
        .read_parquet(path.display().to_string(), ParquetReadOptions::default())
        .await
        .map_err(engine)?;
    let names = (frame.schema().fields().iter())
        .map(|f| f.name().clone())
        .collect();
    let batches = frame.collect().await.map_err(engine)?;
    Rows::from_batches(names, &batches).map(Some)
}
