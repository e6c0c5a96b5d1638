/*!
The store: canonical tables as Parquet, a manifest, and read-only SQL.

[`build`] runs every catalogued dataset's connector over a sources directory and writes each
canonical table (`trade_flows`, `trade_by_product`, `macro`, `finance`, `rejects`, plus the
registry as `countries` and the curated `facts`) as Parquet files, one per dataset, under
`STORE/<table>/`. The [`Manifest`] records, per source file, its size, SHA-256, release and rows
read, stored and rejected. A build writes into a staging folder and replaces the previous store
in one rename, so a failed or killed build leaves the previous store usable; a dataset whose files
are unchanged is carried over, not re-read. One build at a time writes a store: a second one is
refused, naming the first (an advisory lock on `STORE.lock`, which a crash releases).

[`query`] runs one read-only SQL statement with DataFusion over the store, with a row cap and a
timeout. This is the only crate that depends on Arrow, Parquet and DataFusion.

```no_run
# async fn demo() -> Result<(), Box<dyn std::error::Error>> {
use galeon_store::{build, query, BuildOptions, QueryLimits};
let options = BuildOptions { sources: "../shared/data".into(), store: "store".into(), progress: true, force: false };
let manifest = build(&options)?;
println!("{} rows in trade_flows", manifest.tables["trade_flows"]);
let result = query("store".as_ref(), "SELECT count(*) FROM trade_flows", QueryLimits::default()).await?;
# Ok(()) }
```
*/
#![deny(missing_docs)]

mod build;
#[cfg(feature = "ballista")]
pub mod cluster;
mod derived;
mod engine;
mod export;
mod lock;
mod render;
mod rows;
mod session;
mod sql;
mod tables;

pub use build::{
    build, read_manifest, BuildError, BuildOptions, DatasetEntry, DatasetStatus, FileEntry,
    Manifest, MANIFEST, READERS,
};
pub use derived::{fingerprint, read_derived, write_derived, Derived, DerivedError};
pub use engine::{engine, host_port, set_engine, Engine, BALLISTA_PORT};
pub use export::{parquet_bytes, write_parquet, Column, ExportError};
pub use lock::{lock_path, LockError, StoreLock};
pub use render::{RenderError, ResultFormat};
pub use rows::Rows;
pub use session::Session;
pub use sql::{
    query, query_to_files, ExportLimits, Exported, FieldKind, QueryError, QueryLimits, QueryResult,
};
pub use tables::{table_columns, table_schema, DERIVED_TABLES, TABLES};
