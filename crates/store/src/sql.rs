//! Read-only SQL over the store with DataFusion.
//!
//! Safety is in independent layers: DataFusion's SQL options refuse DDL (so no `CREATE EXTERNAL
//! TABLE` reading files outside the store), DML (`INSERT`, `COPY … TO`) and other statements
//! (`SET`…); only the store's tables are registered and no file-reading table function is; a row
//! cap marks the result as truncated; and a timeout cancels the query.

use std::path::{Path, PathBuf};
use std::time::Duration;

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::catalog::TableProvider;
use datafusion::common::DFSchema;
use datafusion::datasource::ViewTable;
use datafusion::execution::context::{SQLOptions, SessionContext};
use datafusion::logical_expr::{EmptyRelation, LogicalPlan};
use datafusion::prelude::{ParquetReadOptions, SessionConfig};

use crate::render::ResultFormat;
use crate::tables::TABLES;

/// Limits of one query.
#[derive(Debug, Clone, Copy)]
pub struct QueryLimits {
    /// At most this many rows are returned; `truncated` says whether there were more.
    pub max_rows: usize,
    /// The query is cancelled after this long.
    pub timeout: Duration,
}

impl Default for QueryLimits {
    fn default() -> Self {
        QueryLimits {
            max_rows: 10_000,
            timeout: Duration::from_secs(30),
        }
    }
}

/// The kind of value a column holds, in the terms every table reader knows (Frictionless Table
/// Schema's field types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Text.
    String,
    /// Whole numbers.
    Integer,
    /// Floating-point numbers.
    Number,
    /// Yes or no.
    Boolean,
    /// Dates.
    Date,
    /// Anything else (lists, structs), written as text.
    Any,
}

impl FieldKind {
    fn of(data_type: &datafusion::arrow::datatypes::DataType) -> FieldKind {
        use datafusion::arrow::datatypes::DataType as T;
        match data_type {
            T::Utf8 | T::LargeUtf8 | T::Utf8View => FieldKind::String,
            t if t.is_integer() => FieldKind::Integer,
            t if t.is_floating() => FieldKind::Number,
            T::Boolean => FieldKind::Boolean,
            T::Date32 | T::Date64 => FieldKind::Date,
            T::Dictionary(_, value) => FieldKind::of(value),
            _ => FieldKind::Any,
        }
    }

    /// The Table Schema name: `string`, `integer`, `number`, `boolean`, `date`, `any`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::String => "string",
            FieldKind::Integer => "integer",
            FieldKind::Number => "number",
            FieldKind::Boolean => "boolean",
            FieldKind::Date => "date",
            FieldKind::Any => "any",
        }
    }
}

/// A query's result.
#[derive(Debug)]
pub struct QueryResult {
    /// The rows, as Arrow batches.
    pub(crate) batches: Vec<RecordBatch>,
    /// The result's schema (also when there are no rows).
    pub(crate) schema: SchemaRef,
    /// There were more rows than `max_rows`.
    pub truncated: bool,
}

impl QueryResult {
    /// The rows as typed columns.
    pub fn rows(&self) -> Result<crate::Rows, QueryError> {
        let names = (self.schema.fields().iter())
            .map(|f| f.name().clone())
            .collect();
        crate::Rows::from_batches(names, &self.batches)
    }

    /// The Arrow batches, for the store's own tests (no other crate depends on Arrow: a test of
    /// this crate checks the workspace's manifests).
    #[doc(hidden)]
    pub fn batches(&self) -> &[RecordBatch] {
        &self.batches
    }

    /// Each column's name and kind of value, in order (also when there are no rows).
    pub fn fields(&self) -> Vec<(String, FieldKind)> {
        (self.schema.fields().iter())
            .map(|f| (f.name().clone(), FieldKind::of(f.data_type())))
            .collect()
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Why a query failed.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The store is not there or has no manifest.
    #[error("no store at {0}: build one with `galeon build --sources DIR --store {0}`")]
    NoStore(String),
    /// The statement is not a read-only query.
    #[error("only read-only queries (SELECT, WITH, EXPLAIN, SHOW) run here: {0}")]
    NotReadOnly(String),
    /// The statement is longer than [`MAX_STATEMENT`] bytes.
    #[error("the statement is {0} bytes long; galeon takes statements of up to 64 KiB")]
    TooLong(usize),
    /// The query took longer than the limit.
    #[error("the query was cancelled after {0:?} (raise --timeout, or narrow it)")]
    Timeout(Duration),
    /// The chosen engine is not in this build, or its cluster does not answer.
    #[error("{0}")]
    Engine(String),
    /// DataFusion reported an error (unknown table or column, syntax…).
    #[error("{0}")]
    DataFusion(String),
    /// The query needed more memory than it was given (a sort's merge, which cannot spill).
    #[error("the query needs more memory than it was given: {0}")]
    Memory(String),
    /// A result could not be written to its file (a full disk, a folder that is not there).
    #[error("writing {path}: {message}")]
    Write {
        /// The file.
        path: String,
        /// What failed.
        message: String,
    },
}

/// A session over the store's tables, read-only.
pub async fn session(store: &Path) -> Result<SessionContext, QueryError> {
    session_within(store, None).await
}

/// A session over the store's tables whose local engine keeps to `memory` bytes, if given.
async fn session_within(store: &Path, memory: Option<usize>) -> Result<SessionContext, QueryError> {
    if !store.join(crate::build::MANIFEST).is_file() {
        return Err(QueryError::NoStore(store.display().to_string()));
    }
    let mut config = SessionConfig::new();
    // Trade tables group into almost as many groups as rows (reporter × partner × year keeps
    // over half of DOTS' rows): a partial aggregation before the shuffle then costs more than it
    // saves. DataFusion probes its first rows and skips it above this ratio (default 0.8).
    config
        .options_mut()
        .execution
        .skip_partial_aggregation_probe_ratio_threshold = 0.5;
    // On a cluster, the executors keep their own memory and partitions.
    if let (Some(bytes), crate::Engine::Local) = (memory, crate::engine()) {
        // A sort that spills merges its spilled runs with memory it cannot give back: a
        // quarter of the whole is set aside for that merge, where the engine's 10 MB default
        // ran out on the real store's trade flows (a sort per partition each holding a share).
        // One partition: the merge of partitions' sorted outputs is another merge the
        // engine holds unspillable memory for (it failed at 128 MB on the indicator panel).
        let execution = &mut config.options_mut().execution;
        execution.sort_spill_reservation_bytes = bytes / 4;
        execution.target_partitions = 1;
        // Text read as plain strings rather than views into the Parquet pages: a view's
        // batch is counted with the whole pages it points into, so a sort held to a budget
        // counted many times the rows it held, spilled after a few rows, and its merge of
        // the many runs then ran out (the real store's products table, at 256 MB).
        execution.parquet.schema_force_view_types = false;
    }
    let ctx = crate::engine::context(config, memory).await?;
    for table in TABLES {
        let dir = store.join(table);
        if dir.is_dir()
            && std::fs::read_dir(&dir)
                .map(|mut d| d.next().is_some())
                .unwrap_or(false)
        {
            let path = format!("{}/", dir.display());
            ctx.register_parquet(*table, &path, ParquetReadOptions::default())
                .await
                .map_err(|e| QueryError::DataFusion(e.to_string()))?;
        } else if !crate::tables::DERIVED_TABLES.contains(table) {
            // A canonical table no present dataset feeds is there, empty: queries over it
            // return no rows instead of failing. A view of no rows rather than an in-memory
            // table, because a view's plan travels to a cluster and an in-memory table's does not.
            ctx.register_table(*table, empty_table(table)?)
                .map_err(|e| QueryError::DataFusion(e.to_string()))?;
        }
    }
    Ok(ctx)
}

/// A table of no rows with the canonical table's columns.
fn empty_table(table: &str) -> Result<std::sync::Arc<dyn TableProvider>, QueryError> {
    let schema = DFSchema::try_from(crate::tables::table_schema(table))
        .map_err(|e| QueryError::DataFusion(e.to_string()))?;
    let nothing = LogicalPlan::EmptyRelation(EmptyRelation {
        produce_one_row: false,
        schema: std::sync::Arc::new(schema),
    });
    Ok(std::sync::Arc::new(ViewTable::new(nothing, None)))
}

/// The longest statement [`query`] takes (64 KiB): longer ones are refused before parsing.
pub const MAX_STATEMENT: usize = 64 * 1024;

/// Stack of the threads a query runs on. The engine plans and evaluates expressions by
/// recursion, so `1 + 1 + …` with a thousand terms overflows a default 8 MiB stack and aborts
/// the process; with this room, a statement as long as [`MAX_STATEMENT`] plans or fails in words.
/// It is address space reserved, not memory used.
const QUERY_STACK: usize = 1 << 30;

/// The runtime every query's parallel work runs on, started once with [`QUERY_STACK`] threads.
/// Shared rather than one per query: dropping a runtime per query detached its worker threads
/// while they exited, and a process running many queries once crashed inside that teardown
/// (in `pthread_detach`; stacks this large are unmapped at once rather than cached, so a late
/// touch faults). One runtime for the process's life has no such teardown.
fn query_runtime() -> Result<tokio::runtime::Handle, String> {
    // Not cached when it fails to start (threads short for a moment): the next query tries again.
    static RUNTIME: std::sync::Mutex<Option<tokio::runtime::Runtime>> = std::sync::Mutex::new(None);
    let mut runtime = RUNTIME.lock().unwrap_or_else(|p| p.into_inner());
    if runtime.is_none() {
        let started = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(*QUERY_WORKERS)
            .thread_name("galeon-query-worker")
            .thread_stack_size(QUERY_STACK)
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the query: {e}"))?;
        *runtime = Some(started);
    }
    Ok(runtime.as_ref().expect("started above").handle().clone())
}

/// Worker threads of the query runtime: the machine's cores, at least two, so that queries
/// running at once each get a share.
static QUERY_WORKERS: std::sync::LazyLock<usize> =
    std::sync::LazyLock::new(|| std::thread::available_parallelism().map_or(2, |n| n.get().max(2)));

/// Runs one read-only SQL statement over the store, on threads of its own (see [`QUERY_STACK`]).
pub async fn query(
    store: &Path,
    sql: &str,
    limits: QueryLimits,
) -> Result<QueryResult, QueryError> {
    if sql.len() > MAX_STATEMENT {
        return Err(QueryError::TooLong(sql.len()));
    }
    let (store, sql) = (store.to_path_buf(), sql.to_string());
    on_query_thread(limits.timeout, move || async move {
        run(&store, &sql, limits).await
    })
    .await
}

/// Limits of a query written to files by [`query_to_files`].
#[derive(Debug, Clone, Copy)]
pub struct ExportLimits {
    /// The query is cancelled after this long.
    pub timeout: Duration,
    /// The engine's memory, in bytes: past it, its sorts spill to the temporary folder.
    pub memory: usize,
}

/// What [`query_to_files`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Rows written to each file.
    pub rows: u64,
    /// Each column's name and kind of value, in order.
    pub fields: Vec<(String, FieldKind)>,
}

/// Runs one read-only SQL statement and writes its rows to each file (CSV or Parquet) as the
/// engine produces them, so that a result larger than memory is written whole: the engine keeps
/// to `limits.memory`, and an `ORDER BY` over more rows spills to disk rather than failing or
/// taking the machine's memory. Every row is written (no row cap).
pub async fn query_to_files(
    store: &Path,
    sql: &str,
    limits: ExportLimits,
    files: &[(ResultFormat, PathBuf)],
) -> Result<Exported, QueryError> {
    if sql.len() > MAX_STATEMENT {
        return Err(QueryError::TooLong(sql.len()));
    }
    let (store, sql, files) = (store.to_path_buf(), sql.to_string(), files.to_vec());
    on_query_thread(limits.timeout, move || async move {
        stream_to_files(&store, &sql, limits, &files).await
    })
    .await
}

/// Runs `job` on a thread of its own on the query runtime, and waits for it at most `timeout`
/// (plus a second): the one place queries leave the caller's runtime and stack.
async fn on_query_thread<T, Job, Work>(timeout: Duration, job: Job) -> Result<T, QueryError>
where
    T: Send + 'static,
    Job: FnOnce() -> Work + Send + 'static,
    Work: std::future::Future<Output = Result<T, QueryError>>,
{
    let (answer, answered) = tokio::sync::oneshot::channel();
    let started = std::thread::Builder::new()
        .name("galeon-query".into())
        .stack_size(QUERY_STACK)
        .spawn(move || {
            let mut answer = answer;
            let runtime = match query_runtime() {
                Ok(runtime) => runtime,
                Err(message) => {
                    let _ = answer.send(Err(QueryError::DataFusion(message)));
                    return;
                }
            };
            // The query stops when the asker stops waiting (its own time limit passed).
            let result = runtime.block_on(async {
                tokio::select! {
                    result = job() => Some(result),
                    () = answer.closed() => None,
                }
            });
            if let Some(result) = result {
                let _ = answer.send(result);
            }
        });
    if let Err(e) = started {
        return Err(QueryError::DataFusion(format!(
            "cannot start the query: {e}"
        )));
    }
    // Planning is not interrupted by the time limit inside (it never yields), so the limit is
    // also kept here: past it, the answer is a timeout and the query's threads are left to end.
    let grace = timeout + std::time::Duration::from_secs(1);
    match tokio::time::timeout(grace, answered).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(QueryError::DataFusion(
            "the query stopped without an answer".into(),
        )),
        Err(_) => Err(QueryError::Timeout(timeout)),
    }
}

/// Statements that only read: no DDL, no DML, no `SET`.
fn read_only() -> SQLOptions {
    SQLOptions::new()
        .with_allow_ddl(false)
        .with_allow_dml(false)
        .with_allow_statements(false)
}

async fn stream_to_files(
    store: &Path,
    sql: &str,
    limits: ExportLimits,
    files: &[(ResultFormat, PathBuf)],
) -> Result<Exported, QueryError> {
    use futures::StreamExt;
    let ctx = session_within(store, Some(limits.memory)).await?;
    let engine = engine_error;
    let run = async {
        let frame = ctx
            .sql_with_options(sql, read_only())
            .await
            .map_err(engine)?;
        let schema: SchemaRef = frame.schema().inner().clone();
        let mut writers = Vec::with_capacity(files.len());
        for (format, path) in files {
            writers.push(crate::render::FileWriter::create(
                *format,
                path,
                schema.clone(),
            )?);
        }
        let mut stream = frame.execute_stream().await.map_err(engine)?;
        let mut rows = 0u64;
        while let Some(batch) = stream.next().await {
            let batch = batch.map_err(engine)?;
            for writer in &mut writers {
                writer.write(&batch)?;
            }
            rows += batch.num_rows() as u64;
        }
        for writer in writers {
            writer.finish()?;
        }
        let fields = (schema.fields().iter())
            .map(|f| (f.name().clone(), FieldKind::of(f.data_type())))
            .collect();
        Ok::<_, QueryError>(Exported { rows, fields })
    };
    tokio::time::timeout(limits.timeout, run)
        .await
        .map_err(|_| QueryError::Timeout(limits.timeout))?
}

async fn run(store: &Path, sql: &str, limits: QueryLimits) -> Result<QueryResult, QueryError> {
    let ctx = session(store).await?;
    let run = async {
        let frame = ctx
            .sql_with_options(sql, read_only())
            .await
            .map_err(engine_error)?;
        let schema: SchemaRef = frame.schema().inner().clone();
        // EXPLAIN and EXPLAIN ANALYZE must stay the root of their plan (and print a few rows).
        let explains = matches!(
            frame.logical_plan(),
            LogicalPlan::Explain(_) | LogicalPlan::Analyze(_)
        );
        let frame = match explains {
            true => frame,
            false => frame
                .limit(0, Some(limits.max_rows + 1))
                .map_err(engine_error)?,
        };
        let batches = frame.collect().await.map_err(engine_error)?;
        Ok::<_, QueryError>((schema, batches))
    };
    let (schema, batches) = tokio::time::timeout(limits.timeout, run)
        .await
        .map_err(|_| QueryError::Timeout(limits.timeout))??;
    let total: usize = batches.iter().map(RecordBatch::num_rows).sum();
    let truncated = total > limits.max_rows;
    let batches = if truncated {
        cut(batches, limits.max_rows)
    } else {
        batches
    };
    Ok(QueryResult {
        batches,
        schema,
        truncated,
    })
}

/// The engine's error in galeon's terms. Running out of memory is found by its kind at the
/// root of the error: a sort wraps it in advice about the engine's own settings.
fn engine_error(e: datafusion::error::DataFusionError) -> QueryError {
    match e.find_root() {
        datafusion::error::DataFusionError::ResourcesExhausted(what) => {
            QueryError::Memory(what.lines().next().unwrap_or(what).to_string())
        }
        _ => classify(e.to_string()),
    }
}

fn classify(message: String) -> QueryError {
    let lower = message.to_lowercase();
    if lower.contains("not supported")
        && (lower.contains("ddl") || lower.contains("dml") || lower.contains("statement"))
    {
        QueryError::NotReadOnly(message)
    } else if message.starts_with("This feature is not implemented: SET variant") {
        // The engine's text goes on with its syntax tree; a SET changes the session anyway.
        QueryError::NotReadOnly("SET statements change the session".into())
    } else if let Some(rest) = message.strip_prefix("Internal error: ") {
        // The engine's own wording asks the user to report a bug to the engine's project; the
        // user deserves to know what failed, in galeon's words.
        let what = rest.lines().next().unwrap_or(rest).trim();
        QueryError::DataFusion(format!(
            "galeon could not run this query (the query engine failed: {what}); please report it, with the query, at https://github.com/galeon-observatory/galeon/issues"
        ))
    } else {
        crate::engine::failure(message)
    }
}

fn cut(batches: Vec<RecordBatch>, max_rows: usize) -> Vec<RecordBatch> {
    let mut out = Vec::new();
    let mut left = max_rows;
    for batch in batches {
        if left == 0 {
            break;
        }
        let take = batch.num_rows().min(left);
        out.push(batch.slice(0, take));
        left -= take;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engines_internal_errors_are_told_in_galeons_words() {
        let engine = "Internal error: Unsupported logical plan: Analyze must be root of the plan.\nThis issue was likely caused by a bug in DataFusion's code. Please help us to resolve this by filing a bug report in our issue tracker: https://github.com/apache/datafusion/issues";
        let told = classify(engine.to_string()).to_string();
        assert!(
            told.starts_with("galeon could not run this query"),
            "{told}"
        );
        assert!(told.contains("Analyze must be root of the plan."), "{told}");
        assert!(!told.contains("DataFusion's code"), "{told}");
        // Other errors pass as the engine says them (they name the table or column).
        let unknown = classify("Error during planning: table 'x' not found".into()).to_string();
        assert_eq!(unknown, "Error during planning: table 'x' not found");
    }
}
