//! Building the store: every dataset through its connector into Parquet, with a manifest,
//! atomically (a failed or killed build leaves the previous store as it was) and incrementally
//! (a dataset whose files are unchanged is carried over, not re-read).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use galeon_sources::canonical::{Batch, Provenance, Reject, Sink};
use galeon_sources::fetched::{FetchLog, Fetched};
use galeon_sources::{survey, DatasetFiles, NotRead, ReadError, Reader, SourceFile};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::{Deserialize, Serialize};

use crate::tables::{
    countries_batch, facts_batch, partition_of, rejects_batch, table_of, to_record_batch,
    TableWriter,
};

/// Fingerprint of the code that reads the sources and writes the tables (see `build.rs`).
pub const READERS: &str = env!("GALEON_READERS");

/// The manifest file name inside a store.
pub const MANIFEST: &str = "manifest.json";

/// What a build found and did, written as `manifest.json` in the store.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// galeon's version that built the store.
    pub galeon_version: String,
    /// Fingerprint of the code that read the sources and wrote the tables: a dataset is carried
    /// over into a new build only from a store whose readers were the same.
    #[serde(default)]
    pub readers: String,
    /// When the build finished (UTC, RFC 3339).
    pub built_at: String,
    /// The sources directory it read.
    pub sources: String,
    /// One entry per declared dataset.
    pub datasets: Vec<DatasetEntry>,
    /// Files of the sources directory outside every dataset folder (recorded API responses, the
    /// folder's README, folders no declaration knows), with the reason each is not read.
    #[serde(default)]
    pub not_read: Vec<NotRead>,
    /// Rows per table.
    pub tables: BTreeMap<String, u64>,
    /// Tables computed from the store after it was built (the indicator panel), each with the
    /// fingerprint of what it was computed from: read back only while that still holds.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub derived: BTreeMap<String, crate::derived::Derived>,
}

/// What happened to one dataset.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DatasetEntry {
    /// Dataset id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Publisher and where to get it.
    pub publisher: String,
    /// Licence or terms.
    pub licence: String,
    /// What the build did with it.
    pub status: DatasetStatus,
    /// Why the dataset is not read, when its status is `not_read`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Files given to the dataset's reader.
    pub files: Vec<FileEntry>,
    /// Files present in the dataset's folder but not read, with the reason.
    #[serde(default)]
    pub not_read: Vec<NotRead>,
    /// Declared files (patterns) not found in a folder that is present.
    #[serde(default)]
    pub missing: Vec<String>,
    /// Rows stored per table.
    pub tables: BTreeMap<String, u64>,
}

/// What a build did with a dataset.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DatasetStatus {
    /// Read into the store by this build.
    Built,
    /// Carried over from the previous store: its files and readers are unchanged.
    Unchanged,
    /// Its folder is absent from the sources directory.
    Missing,
    /// Declared, but no table of the store is read from it (the note says why).
    NotRead,
}

impl DatasetStatus {
    /// Whether the store holds rows of the dataset.
    pub fn in_store(self) -> bool {
        matches!(self, DatasetStatus::Built | DatasetStatus::Unchanged)
    }

    /// The status as the manifest writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DatasetStatus::Built => "built",
            DatasetStatus::Unchanged => "unchanged",
            DatasetStatus::Missing => "missing",
            DatasetStatus::NotRead => "not_read",
        }
    }
}

impl std::fmt::Display for DatasetStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One source file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileEntry {
    /// Path relative to the sources directory.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes as shipped.
    pub sha256: String,
    /// Release or vintage.
    pub release: String,
    /// Rows (values) read.
    pub rows_read: u64,
    /// Rows stored.
    pub rows_stored: u64,
    /// Rows rejected (see the `rejects` table).
    pub rows_rejected: u64,
    /// Where and when `galeon fetch` downloaded it, from the sources folder's fetch log (only
    /// while the file is still the one downloaded: same SHA-256).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<Fetched>,
}

impl DatasetEntry {
    /// The releases of the files whose rows are in the store, distinct and sorted, joined by
    /// "; " (a lookup table the connector reads but stores nothing from is left out).
    pub fn releases(&self) -> String {
        self.releases_joined("; ")
    }

    /// [`Self::releases`] joined by `separator`.
    pub fn releases_joined(&self, separator: &str) -> String {
        let mut releases: Vec<&str> = (self.files.iter())
            .filter(|f| f.rows_stored > 0)
            .map(|f| f.release.as_str())
            .collect();
        releases.sort_unstable();
        releases.dedup();
        match releases[..] {
            // GDELT states a release per 15-minute file: thousands of labels say less than a span.
            [first, .., last] if releases.len() > 3 => {
                format!("{first} … {last} ({} releases)", releases.len())
            }
            _ => releases.join(separator),
        }
    }

    /// Totals over the files: (read, stored, rejected).
    pub fn totals(&self) -> (u64, u64, u64) {
        self.files.iter().fold((0, 0, 0), |(r, s, j), f| {
            (r + f.rows_read, s + f.rows_stored, j + f.rows_rejected)
        })
    }
}

/// Why a build failed. The previous store is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A source file could not be read (the message names file and sheet).
    #[error("dataset {dataset}: {source}")]
    Read {
        /// Dataset id.
        dataset: String,
        /// The read error.
        source: ReadError,
    },
    /// The sources directory could not be surveyed (a file unreadable, `release.toml` invalid).
    #[error("{0}")]
    Survey(ReadError),
    /// Writing the store failed.
    #[error("{0}")]
    Store(String),
    /// Another build holds the store's lock (the message names it).
    #[error("{0}")]
    Locked(String),
}

/// Options of a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The sources directory (publishers' files in the published layout).
    pub sources: PathBuf,
    /// The store directory to create or replace.
    pub store: PathBuf,
    /// Draw progress bars on standard error (when it is a terminal).
    pub progress: bool,
    /// Re-read every dataset even when its files are unchanged.
    pub force: bool,
}

#[derive(Default)]
struct Counts {
    read: u64,
    stored: u64,
    rejected: u64,
}

/// Per-file row counts and per-table rows written, when a dataset's sink is closed.
type Finished = (BTreeMap<String, Counts>, BTreeMap<String, u64>);

/// A table's file of one dataset: the table, and the partition folder for partitioned tables.
type FileKey = (&'static str, Option<String>);

/// Rows a partitioned table's open files may hold in unfinished row groups, together. Batches
/// come in no order of partition (GDELT reports events of past months beside today's), and each
/// file holds its unfinished row group in memory: past this, the fullest group is written out, so
/// memory stays flat whatever the number of files read, and each partition is still one file.
const PARTITION_BUFFER_ROWS: usize = 1 << 18;

struct StoreSink<'a> {
    staging: &'a Path,
    dataset: &'static str,
    writers: BTreeMap<FileKey, TableWriter>,
    rejects: Vec<(Provenance, Reject)>,
    rejects_writer: Option<TableWriter>,
    counts: BTreeMap<String, Counts>,
    error: Option<String>,
}

impl StoreSink<'_> {
    fn writer(&mut self, key: &FileKey) -> Result<&mut TableWriter, String> {
        if !self.writers.contains_key(key) {
            let folder = match &key.1 {
                Some(partition) => self.staging.join(key.0).join(partition),
                None => self.staging.join(key.0),
            };
            let path = folder.join(format!("{}.parquet", self.dataset));
            self.writers
                .insert(key.clone(), TableWriter::create(&path, key.0)?);
        }
        Ok(self.writers.get_mut(key).expect("inserted"))
    }

    /// Writes out the fullest unfinished row groups of `table`'s partition files while together
    /// they hold more than [`PARTITION_BUFFER_ROWS`].
    fn bound_partition_buffers(&mut self, table: &'static str) -> Result<(), String> {
        loop {
            let open = (self.writers.iter_mut()).filter(|((t, p), _)| *t == table && p.is_some());
            let (total, fullest) =
                open.fold((0, None::<&mut TableWriter>), |(total, fullest), (_, w)| {
                    let rows = w.buffered_rows();
                    match fullest {
                        Some(f) if f.buffered_rows() >= rows => (total + rows, Some(f)),
                        _ => (total + rows, Some(w)),
                    }
                });
            match fullest {
                Some(writer) if total > PARTITION_BUFFER_ROWS => writer.finish_row_group()?,
                _ => return Ok(()),
            }
        }
    }

    fn flush_rejects(&mut self) -> Result<(), String> {
        if self.rejects.is_empty() {
            return Ok(());
        }
        if self.rejects_writer.is_none() {
            let path = self
                .staging
                .join("rejects")
                .join(format!("{}.parquet", self.dataset));
            self.rejects_writer = Some(TableWriter::create(&path, "rejects")?);
        }
        let pending = std::mem::take(&mut self.rejects);
        let writer = self.rejects_writer.as_mut().expect("created");
        let mut start = 0;
        while start < pending.len() {
            let prov = &pending[start].0;
            let end = pending[start..]
                .iter()
                .position(|(p, _)| p != prov)
                .map_or(pending.len(), |n| start + n);
            let rows: Vec<Reject> = pending[start..end].iter().map(|(_, r)| r.clone()).collect();
            writer.write_batch(&rejects_batch(&rows, prov)?)?;
            start = end;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Finished, String> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.flush_rejects()?;
        let mut tables: BTreeMap<String, u64> = BTreeMap::new();
        for ((table, _), writer) in std::mem::take(&mut self.writers) {
            *tables.entry(table.to_string()).or_default() += writer.close()?;
        }
        if let Some(writer) = self.rejects_writer.take() {
            tables.insert("rejects".to_string(), writer.close()?);
        }
        Ok((self.counts, tables))
    }
}

impl Sink for StoreSink<'_> {
    fn write(&mut self, provenance: &Provenance, batch: Batch) -> Result<(), String> {
        let key = (table_of(&batch), partition_of(&batch));
        let n = batch.len() as u64;
        let record_batch = to_record_batch(batch, provenance)?;
        self.writer(&key)?.write_batch(&record_batch)?;
        if key.1.is_some() {
            self.bound_partition_buffers(key.0)?;
        }
        self.counts
            .entry(provenance.file.clone())
            .or_default()
            .stored += n;
        Ok(())
    }

    fn reject(&mut self, provenance: &Provenance, reject: Reject) {
        self.counts
            .entry(provenance.file.clone())
            .or_default()
            .rejected += reject.rows;
        self.rejects.push((provenance.clone(), reject));
        if self.rejects.len() >= 50_000 {
            if let Err(e) = self.flush_rejects() {
                self.error.get_or_insert(e);
            }
        }
    }

    fn rows_read(&mut self, provenance: &Provenance, rows: u64) {
        self.counts.entry(provenance.file.clone()).or_default().read += rows;
    }
}

/// Reads the manifest of an existing store.
pub fn read_manifest(store: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(store.join(MANIFEST)).ok()?;
    serde_json::from_str(&text).ok()
}

fn store_err(context: &str, e: impl std::fmt::Display) -> BuildError {
    BuildError::Store(format!("{context}: {e}"))
}

/// Builds the store. On any error the staging folder is removed and the previous store is left
/// exactly as it was; on success the new store replaces it in one rename.
pub fn build(options: &BuildOptions) -> Result<Manifest, BuildError> {
    let store = options.store.clone();
    let parent = store
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    std::fs::create_dir_all(&parent).map_err(|e| store_err(&parent.display().to_string(), e))?;
    // Before anything is touched: a second build would otherwise clear this one's staging folder.
    let _lock = crate::lock::StoreLock::acquire(&store).map_err(|e| match e {
        crate::lock::LockError::Held(message) => BuildError::Locked(message),
        crate::lock::LockError::Io(message) => BuildError::Store(message),
    })?;
    let name = store
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("store")
        .to_string();
    clean_stale_staging(&parent, &name);
    if !options.sources.is_dir() {
        return Err(BuildError::Store(format!(
            "sources directory {} not found: pass --sources DIR (the publishers' files, e.g. ../shared/data)",
            options.sources.display()
        )));
    }
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| store_err(&staging.display().to_string(), e))?;
    let result = build_into(options, &staging);
    match result {
        Ok(manifest) => {
            let old = parent.join(format!(".{name}.previous-{}", std::process::id()));
            if store.exists() {
                std::fs::rename(&store, &old)
                    .map_err(|e| store_err("moving the previous store aside", e))?;
            }
            if let Err(e) = std::fs::rename(&staging, &store) {
                // Put the previous store back before reporting.
                let _ = std::fs::rename(&old, &store);
                let _ = std::fs::remove_dir_all(&staging);
                return Err(store_err("moving the new store into place", e));
            }
            let _ = std::fs::remove_dir_all(&old);
            Ok(manifest)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

/// Clears what killed builds left. It runs with the store's lock held, so no other build of this
/// store is under way and every staging folder or previous store moved aside is a leftover
/// (process ids are not consulted: in a container, the next build may well have the same one). A
/// build killed between its two renames leaves no store but the previous one aside: that one is
/// put back in place, and never removed while it is the only copy.
fn clean_stale_staging(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let store = parent.join(name);
    let (previous, building) = (format!(".{name}.previous-"), format!(".{name}.building-"));
    let mut leftovers: Vec<(bool, PathBuf)> = (entries.flatten())
        .filter_map(|e| {
            let file_name = e.file_name().to_string_lossy().to_string();
            let aside = file_name.starts_with(&previous);
            (aside || file_name.starts_with(&building)).then(|| (aside, e.path()))
        })
        .collect();
    leftovers.sort_by_key(|(aside, _)| !aside); // a previous store first, while none is in place
    for (aside, path) in leftovers {
        if aside && !store.exists() {
            let _ = std::fs::rename(&path, &store); // if that fails, it stays where it is
            continue;
        }
        let _ = std::fs::remove_dir_all(&path);
    }
}

fn build_into(options: &BuildOptions, staging: &Path) -> Result<Manifest, BuildError> {
    let previous = if options.force {
        None
    } else {
        read_manifest(&options.store)
    };
    let survey = survey(&options.sources).map_err(BuildError::Survey)?;
    let total_files: usize = survey.datasets.iter().map(|d| d.read.len()).sum();
    let bar = if options.progress {
        ProgressBar::with_draw_target(Some(total_files as u64), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files  {msg}",
        )
        .expect("valid template"),
    );
    let mut entries = Vec::new();
    for files in &survey.datasets {
        entries.push(build_dataset(
            options,
            staging,
            previous.as_ref(),
            files,
            &bar,
        )?);
    }
    bar.finish_and_clear();
    let log = FetchLog::read(&options.sources).map_err(BuildError::Store)?;
    for file in entries.iter_mut().flat_map(|e| e.files.iter_mut()) {
        file.fetched = (log.files.get(&file.path))
            .filter(|f| f.sha256 == file.sha256)
            .cloned();
    }
    write_reference_tables(staging)?;
    let mut tables: BTreeMap<String, u64> = BTreeMap::new();
    for entry in &entries {
        for (table, rows) in &entry.tables {
            *tables.entry(table.clone()).or_default() += rows;
        }
    }
    tables.insert(
        "countries".into(),
        galeon_registry::Registry::global().entities().len() as u64,
    );
    tables.insert(
        "facts".into(),
        galeon_facts::load_embedded()
            .map(|f| f.len() as u64)
            .unwrap_or(0),
    );
    let manifest = Manifest {
        galeon_version: env!("CARGO_PKG_VERSION").into(),
        readers: READERS.into(),
        built_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        sources: options.sources.display().to_string(),
        datasets: entries,
        not_read: survey.not_read,
        tables,
        derived: BTreeMap::new(),
    };
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| store_err("manifest", e))?;
    std::fs::write(staging.join(MANIFEST), text)
        .map_err(|e| store_err("writing the manifest", e))?;
    Ok(manifest)
}

/// Reads one dataset into the staging store (or carries it over, or records why it is not read).
fn build_dataset(
    options: &BuildOptions,
    staging: &Path,
    previous: Option<&Manifest>,
    files: &DatasetFiles,
    bar: &ProgressBar,
) -> Result<DatasetEntry, BuildError> {
    let dataset = files.dataset;
    let mut entry = DatasetEntry {
        id: dataset.id.into(),
        title: dataset.title.into(),
        publisher: dataset.publisher.into(),
        licence: dataset.licence.into(),
        status: DatasetStatus::Missing,
        note: None,
        files: Vec::new(),
        not_read: files.not_read.clone(),
        missing: files.missing.clone(),
        tables: BTreeMap::new(),
    };
    if !files.present {
        return Ok(entry);
    }
    let run = match dataset.reader {
        Reader::Rows(run) => run,
        Reader::NotRead(reason) => {
            entry.status = DatasetStatus::NotRead;
            entry.note = Some(reason.into());
            return Ok(entry);
        }
    };
    if let Some(reused) = reuse(previous, &options.store, staging, &entry, &files.read)? {
        bar.inc(files.read.len() as u64);
        return Ok(reused);
    }
    bar.set_message(dataset.id.to_string());
    let mut sink = StoreSink {
        staging,
        dataset: dataset.id,
        writers: BTreeMap::new(),
        rejects: Vec::new(),
        rejects_writer: None,
        counts: BTreeMap::new(),
        error: None,
    };
    let mut progress = |path: &Path| {
        bar.inc(1);
        bar.set_message(format!(
            "{}: {}",
            dataset.id,
            path.file_name().and_then(|n| n.to_str()).unwrap_or("")
        ));
    };
    let context = files.context(&options.sources);
    let paths: Vec<PathBuf> = files.read.iter().map(|f| f.path.clone()).collect();
    run(&context, &paths, &mut sink, &mut progress).map_err(|source| BuildError::Read {
        dataset: dataset.id.into(),
        source,
    })?;
    let (counts, tables) = sink.finish().map_err(BuildError::Store)?;
    for file in &files.read {
        let c = counts.get(&file.relative);
        entry.files.push(FileEntry {
            path: file.relative.clone(),
            size: file.size,
            sha256: file.sha256.clone(),
            release: file.release.clone(),
            rows_read: c.map_or(0, |c| c.read),
            rows_stored: c.map_or(0, |c| c.stored),
            rows_rejected: c.map_or(0, |c| c.rejected),
            fetched: None,
        });
    }
    entry.tables = tables;
    entry.status = DatasetStatus::Built;
    Ok(entry)
}

/// Carries a dataset over from the previous store when its files are byte-for-byte the same, state
/// the same releases, and were read by the same readers.
fn reuse(
    previous: Option<&Manifest>,
    store: &Path,
    staging: &Path,
    fresh: &DatasetEntry,
    files: &[SourceFile],
) -> Result<Option<DatasetEntry>, BuildError> {
    let Some(previous) = previous else {
        return Ok(None);
    };
    if previous.galeon_version != env!("CARGO_PKG_VERSION") || previous.readers != READERS {
        return Ok(None);
    }
    let Some(entry) = previous
        .datasets
        .iter()
        .find(|d| d.id == fresh.id && d.status.in_store())
    else {
        return Ok(None);
    };
    let same = entry.files.len() == files.len()
        && entry.files.iter().zip(files).all(|(f, s)| {
            f.path == s.relative
                && f.size == s.size
                && f.sha256 == s.sha256
                && f.release == s.release
        });
    if !same {
        return Ok(None);
    }
    for table in entry.tables.keys() {
        let files = dataset_files(&store.join(table), &fresh.id)?;
        if files.is_empty() {
            return Ok(None);
        }
        for relative in files {
            let (from, to) = (
                store.join(table).join(&relative),
                staging.join(table).join(&relative),
            );
            std::fs::create_dir_all(to.parent().expect("has a parent"))
                .map_err(|e| store_err("staging", e))?;
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to)
                    .map_err(|e| store_err(&format!("copying {}", from.display()), e))?;
            }
        }
    }
    Ok(Some(DatasetEntry {
        status: DatasetStatus::Unchanged,
        files: entry.files.clone(),
        tables: entry.tables.clone(),
        ..fresh.clone()
    }))
}

/// A dataset's files in a table's folder, relative to it: `{id}.parquet`, and in each partition
/// folder of a partitioned table `year=…/month=…/{id}.parquet`.
fn dataset_files(table: &Path, id: &str) -> Result<Vec<PathBuf>, BuildError> {
    let name = format!("{id}.parquet");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(table) {
        let entry = entry.map_err(|e| store_err(&format!("listing {}", table.display()), e))?;
        if entry.file_type().is_file() && entry.file_name().to_str() == Some(name.as_str()) {
            let relative = entry
                .path()
                .strip_prefix(table)
                .expect("walked from the table");
            files.push(relative.to_path_buf());
        }
    }
    Ok(files)
}

fn write_reference_tables(staging: &Path) -> Result<(), BuildError> {
    let mut countries = TableWriter::create(
        &staging.join("countries").join("registry.parquet"),
        "countries",
    )
    .map_err(BuildError::Store)?;
    countries
        .write_batch(&countries_batch().map_err(BuildError::Store)?)
        .map_err(BuildError::Store)?;
    countries.close().map_err(BuildError::Store)?;
    let facts = galeon_facts::load_embedded()
        .map_err(|e| BuildError::Store(format!("the built-in facts are invalid: {}", e[0])))?;
    let mut writer = TableWriter::create(&staging.join("facts").join("curated.parquet"), "facts")
        .map_err(BuildError::Store)?;
    writer
        .write_batch(&facts_batch(&facts).map_err(BuildError::Store)?)
        .map_err(BuildError::Store)?;
    writer.close().map_err(BuildError::Store)?;
    Ok(())
}
