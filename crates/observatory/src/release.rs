//! A citable data release: every table of the store as CSV and Parquet, described by a
//! Frictionless `datapackage.json` (schemas with types, units and descriptions from the data
//! dictionary; each resource's sources and their terms; galeon's version and the store's
//! manifest hash) and a README that says how to cite it.
//!
//! Rows whose publisher does not let them be republished (AEI's tracker; datasets that state no
//! licence) are left out, and the package says where to get them. The release is written beside
//! its folder and moved into place when whole, so a failed release leaves nothing half-written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use galeon_sources::{Republish, DATASETS};
use galeon_store::{
    query, query_to_files, ExportLimits, FieldKind, Manifest, QueryError, QueryLimits,
    ResultFormat, TABLES,
};
use serde_json::{json, Value as Json};
use sha2::{Digest, Sha256};

use crate::dictionary::{self, Dictionary};

/// Why a release could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    /// There is no store at the path.
    #[error("no store at {0}: build one with `galeon build --sources DIR --store {0}`")]
    NoStore(String),
    /// The target folder exists and is not empty.
    #[error("{0} exists and is not an empty folder: choose a new folder (a release is never written over another)")]
    Exists(String),
    /// Reading a table failed.
    #[error("reading {table}: {message}")]
    Query {
        /// The table.
        table: String,
        /// What went wrong.
        message: String,
    },
    /// Sorting a table needed more memory than the release was given.
    #[error("sorting {table} needs more than the {mib} MiB given to the release: give it more (galeon release --memory MIB); the engine said: {detail}")]
    Memory {
        /// The table.
        table: String,
        /// The memory given, in MiB.
        mib: usize,
        /// The engine's account.
        detail: String,
    },
    /// Writing a file failed.
    #[error("writing {path}: {message}")]
    Write {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
}

/// One table written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The table.
    pub table: String,
    /// Rows written.
    pub rows: u64,
}

/// A dataset whose rows the release leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Dataset id.
    pub dataset: String,
    /// Rows of the store the release does not carry.
    pub rows: u64,
    /// Why, and where to get them.
    pub why: String,
}

/// What a release holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Release {
    /// Tables written, in the store's order.
    pub written: Vec<Written>,
    /// Datasets left out.
    pub left_out: Vec<LeftOut>,
}

/// Writes the store's release into `into` (which must not exist or be empty), reporting each
/// table as it is written. Tables are streamed from the store to their files, ordered by
/// every column, with the engine kept to `memory` bytes: a table larger than that is sorted on
/// disk, in the machine's temporary folder, rather than held whole.
pub async fn write(
    store: &Path,
    into: &Path,
    memory: usize,
    progress: &mut dyn FnMut(&Written),
) -> Result<Release, ReleaseError> {
    // No build replaces the store while its tables are read one by one.
    let _lock = galeon_store::StoreLock::acquire_for(store, "galeon release")
        .map_err(|e| failed(store, e))?;
    let manifest = galeon_store::read_manifest(store)
        .ok_or_else(|| ReleaseError::NoStore(store.display().to_string()))?;
    let empty_folder = into.is_dir() && into.read_dir().is_ok_and(|mut d| d.next().is_none());
    if into.exists() && !empty_folder {
        return Err(ReleaseError::Exists(into.display().to_string()));
    }
    let staging = staging_dir(into)?;
    let written = write_staged(store, (into, &staging), &manifest, memory, progress).await;
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    written
}

/// Writes the release into `staging`, then moves it to `into`.
async fn write_staged(
    store: &Path,
    (into, staging): (&Path, &Path),
    manifest: &Manifest,
    memory: usize,
    progress: &mut dyn FnMut(&Written),
) -> Result<Release, ReleaseError> {
    let dictionary = dictionary::parse(dictionary::PAGE);
    let left_out = left_out(manifest);
    let mut release = Release {
        left_out: left_out.clone(),
        ..Release::default()
    };
    let mut resources = Vec::new();
    for &table in TABLES {
        if let Some((resource, written)) = write_table(
            store,
            (staging, table),
            manifest,
            &dictionary,
            &left_out,
            memory,
        )
        .await?
        {
            progress(&written);
            release.written.push(written);
            resources.push(resource);
        }
    }
    let package = package(manifest, store, resources, &left_out);
    let text = serde_json::to_string_pretty(&package).expect("JSON values serialise");
    write_file(&staging.join("datapackage.json"), text.as_bytes())?;
    write_file(
        &staging.join("README.md"),
        readme(manifest, &release).as_bytes(),
    )?;
    if into.exists() {
        std::fs::remove_dir(into).map_err(|e| failed(into, e))?;
    }
    std::fs::rename(staging, into).map_err(|e| failed(into, e))?;
    Ok(release)
}

/// The datasets the release leaves out, with the rows they have in the store.
fn left_out(manifest: &Manifest) -> Vec<LeftOut> {
    let mut out = Vec::new();
    for d in DATASETS {
        let Republish::NotRows(why) = d.republish else {
            continue;
        };
        let rows = (manifest.datasets.iter())
            .filter(|e| e.id == d.id)
            .map(|e| e.tables.values().sum::<u64>())
            .sum();
        out.push(LeftOut {
            dataset: d.id.to_string(),
            rows,
            why: why.to_string(),
        });
    }
    out
}

/// Writes one table as CSV and Parquet; `None` when nothing of it may be published.
async fn write_table(
    store: &Path,
    (staging, table): (&Path, &str),
    manifest: &Manifest,
    dictionary: &Dictionary,
    left_out: &[LeftOut],
    memory: usize,
) -> Result<Option<(Json, Written)>, ReleaseError> {
    let read = |e: QueryError| match e {
        QueryError::Write { path, message } => ReleaseError::Write { path, message },
        QueryError::Memory(detail) => ReleaseError::Memory {
            table: table.to_string(),
            mib: memory >> 20,
            detail,
        },
        other => ReleaseError::Query {
            table: table.to_string(),
            message: other.to_string(),
        },
    };
    let timeout = std::time::Duration::from_secs(3600);
    let limits = QueryLimits {
        max_rows: 1 << 40,
        timeout,
    };
    if galeon_store::DERIVED_TABLES.contains(&table) && !store.join(table).is_dir() {
        return Ok(None); // written by `galeon build` after the tables; a store may lack them
    }
    let probe = query(store, &format!("SELECT * FROM {table} LIMIT 0"), limits).await;
    let fields = probe.map_err(read)?.fields();
    let columns: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    // Source rows are filtered by dataset, and links by the datasets they join; the indicator
    // panel's `source` names the datasets a value was computed from, and aggregates are
    // published whatever the rows' terms.
    let filter = match table {
        "indicators" => String::new(),
        _ => excluded_clause(&columns, left_out),
    };
    // Every column in the order key: the same store gives the same files, byte for byte.
    let order: Vec<String> = (1..=columns.len()).map(|i| i.to_string()).collect();
    let sql = format!(
        "SELECT * FROM {table}{filter} ORDER BY {}",
        order.join(", ")
    );
    let csv = staging.join("data").join(format!("{table}.csv"));
    let parquet = staging.join("parquet").join(format!("{table}.parquet"));
    make_folder(&staging.join("data"))?;
    make_folder(&staging.join("parquet"))?;
    let files = [
        (ResultFormat::Csv, csv.clone()),
        (ResultFormat::Parquet, parquet.clone()),
    ];
    let export = ExportLimits { timeout, memory };
    let exported = query_to_files(store, &sql, export, &files).await;
    let exported = exported.map_err(read)?;
    if exported.rows == 0 {
        for path in [&csv, &parquet] {
            std::fs::remove_file(path).map_err(|e| failed(path, e))?;
        }
        return Ok(None);
    }
    let written = Written {
        table: table.to_string(),
        rows: exported.rows,
    };
    let named = named_datasets(store, table, &filter, &columns, limits).await;
    let named = named.map_err(read)?;
    let resource = resource(
        table,
        &exported.fields,
        &csv,
        &written,
        (manifest, left_out, &named),
        dictionary,
    )?;
    Ok(Some((resource, written)))
}

/// The dataset ids the published rows of a table name in their source columns (`source`, or
/// both sides of a link), so that a table computed from others (the panel, the project links)
/// cites them too.
async fn named_datasets(
    store: &Path,
    table: &str,
    filter: &str,
    columns: &[&str],
    limits: QueryLimits,
) -> Result<BTreeSet<String>, galeon_store::QueryError> {
    let mut named = BTreeSet::new();
    for column in ["source", "left_source", "right_source"] {
        if !columns.contains(&column) {
            continue;
        }
        let sql = format!("SELECT DISTINCT {column} FROM {table}{filter}");
        let rows = query(store, &sql, limits).await?.rows()?;
        let values = rows.text(0).into_iter().flatten();
        named.extend(values.flat_map(|v| dataset_ids(&v)));
    }
    Ok(named)
}

/// The dataset ids in a source cell ("imf-dots", or several joined by `+`, `,` or spaces).
fn dataset_ids(cell: &str) -> Vec<String> {
    cell.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
        .filter(|id| DATASETS.iter().any(|d| d.id == *id))
        .map(str::to_string)
        .collect()
}

fn excluded_clause(columns: &[&str], left_out: &[LeftOut]) -> String {
    let ids: Vec<String> = left_out
        .iter()
        .map(|l| format!("'{}'", l.dataset))
        .collect();
    let conditions: Vec<String> = ["source", "left_source", "right_source"]
        .iter()
        .filter(|c| columns.contains(c))
        .map(|c| format!("{c} NOT IN ({})", ids.join(", ")))
        .collect();
    match ids.is_empty() || conditions.is_empty() {
        true => String::new(),
        false => format!(" WHERE {}", conditions.join(" AND ")),
    }
}

/// The resource's entry in `datapackage.json`.
fn resource(
    table: &str,
    fields: &[(String, FieldKind)],
    csv: &Path,
    written: &Written,
    (manifest, left_out, named): (&Manifest, &[LeftOut], &BTreeSet<String>),
    dictionary: &Dictionary,
) -> Result<Json, ReleaseError> {
    // Hashed as it is read: a table's CSV may be larger than memory.
    let mut hash = Sha256::new();
    let mut file = std::fs::File::open(csv).map_err(|e| failed(csv, e))?;
    let bytes = std::io::copy(&mut file, &mut hash).map_err(|e| failed(csv, e))?;
    let schema: Vec<Json> = (fields.iter())
        .map(|(name, kind)| {
            let doc = dictionary.column(table, name);
            let mut field = json!({"name": name, "type": kind.as_str()});
            if let Some(doc) = doc {
                field["description"] = doc.meaning.clone().into();
                if let Some(unit) = &doc.unit {
                    field["unit"] = unit.clone().into();
                }
            }
            field
        })
        .collect();
    let feeding: Vec<&galeon_store::DatasetEntry> = (manifest.datasets.iter())
        .filter(|d| d.tables.get(table).is_some_and(|n| *n > 0) || named.contains(&d.id))
        // A left-out dataset's rows are not here, unless its values are (the panel publishes
        // aggregates whatever the rows' terms, and must cite them).
        .filter(|d| named.contains(&d.id) || !left_out.iter().any(|l| l.dataset == d.id))
        .collect();
    let sources: Vec<Json> = (feeding.iter())
        .map(|d| json!({"title": format!("{} ({}): {}", d.title, d.id, d.publisher)}))
        .collect();
    let licenses: Vec<Json> = (feeding.iter())
        .map(|d| licence(d.id.as_str(), d.licence.as_str()))
        .collect();
    let title = dictionary.tables.get(table).map(|t| t.title.as_str());
    let mut resource = json!({
        "name": table,
        "title": title.filter(|t| !t.is_empty()).unwrap_or(table),
        "path": format!("data/{table}.csv"),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": bytes,
        "hash": format!("sha256:{:x}", hash.finalize()),
        "rows": written.rows,
        "parquet": format!("parquet/{table}.parquet"),
        "schema": {"fields": schema, "missingValues": [""]},
    });
    if !sources.is_empty() {
        resource["sources"] = sources.into();
        resource["licenses"] = licenses.into();
    }
    Ok(resource)
}

/// The whole `datapackage.json`.
fn package(manifest: &Manifest, store: &Path, resources: Vec<Json>, left_out: &[LeftOut]) -> Json {
    let manifest_hash = std::fs::read(store.join(galeon_store::MANIFEST))
        .map(|b| format!("{:x}", Sha256::digest(&b)))
        .unwrap_or_default();
    // The releases of the datasets whose rows are here (labels start with the dataset id).
    let releases: BTreeSet<String> = (crate::observatory::releases(manifest).into_iter())
        .filter(|r| {
            !left_out
                .iter()
                .any(|l| r.starts_with(&format!("{} (", l.dataset)))
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "galeon",
        "title": "galeon: China–Latin America and Caribbean cooperation, a sourced panel",
        "description": "The canonical tables of a galeon store (each row with the dataset, file and release it was read from), the registry, the curated facts and the indicator panel. Numbers are as the publishers state them; see each resource's sources and terms.",
        "version": env!("CARGO_PKG_VERSION"),
        "created": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "homepage": env!("CARGO_PKG_REPOSITORY"),
        "licenses": [{"name": "Apache-2.0", "title": "galeon's code, registry and curated facts; each resource's rows are under their publisher's terms (its licenses)", "path": "https://www.apache.org/licenses/LICENSE-2.0"}],
        "contributors": [{"title": "The galeon contributors", "role": "author"}],
        "keywords": ["China", "Latin America and the Caribbean", "trade", "development finance", "diplomacy"],
        "galeon": {
            "version": env!("CARGO_PKG_VERSION"),
            "store_built_at": manifest.built_at,
            "store_manifest_sha256": manifest_hash,
            "readers": manifest.readers,
            "releases": releases,
            "left_out": left_out.iter().map(|l| json!({"dataset": l.dataset, "rows": l.rows, "why": l.why})).collect::<Vec<_>>(),
        },
        "resources": resources,
    })
}

/// The release's README: what is in it, how to cite it, what is left out.
fn readme(manifest: &Manifest, release: &Release) -> String {
    let mut out = format!(
        "# galeon data release\n\nWritten by galeon {} from a store built at {}. `datapackage.json` describes every \
         table (Frictionless Data Package: columns with types, units and meanings, sources and their terms); each \
         table is in `data/` as CSV and in `parquet/` as Parquet.\n\n## How to cite\n\n> The galeon contributors. \
         galeon: an open observatory of China–Latin America and Caribbean cooperation, version {}, data release of a \
         store built at {}. {}\n\nCite also the publishers of the numbers you use: each row names its dataset \
         (`source`), file and release.\n\n## Tables\n\n| table | rows |\n|---|---|\n",
        env!("CARGO_PKG_VERSION"),
        manifest.built_at,
        env!("CARGO_PKG_VERSION"),
        manifest.built_at,
        env!("CARGO_PKG_REPOSITORY"),
    );
    for w in &release.written {
        out.push_str(&format!("| `{}` | {} |\n", w.table, w.rows));
    }
    out.push_str("\n## Left out\n\nRows whose publisher does not let them be republished:\n\n");
    for l in &release.left_out {
        out.push_str(&format!(
            "- `{}` ({} rows in the store): {}.\n",
            l.dataset, l.rows, l.why
        ));
    }
    out
}

/// A folder beside `into` to write in, empty.
fn staging_dir(into: &Path) -> Result<PathBuf, ReleaseError> {
    let name = into
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("release");
    let parent = into.parent().filter(|p| !p.as_os_str().is_empty());
    let staging = parent
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.partial"));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| failed(&staging, e))?;
    }
    std::fs::create_dir_all(&staging).map_err(|e| failed(&staging, e))?;
    Ok(staging)
}

fn make_folder(dir: &Path) -> Result<(), ReleaseError> {
    std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ReleaseError> {
    std::fs::write(path, bytes).map_err(|e| failed(path, e))
}

fn failed(path: &Path, e: impl std::fmt::Display) -> ReleaseError {
    ReleaseError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Licences of data with a standard id (SPDX) and their text (CC BY-NC-SA is not open: it
/// forbids commercial use, which its id says).
const OPEN_LICENCES: &[(&str, &str, &str)] = &[
    (
        "CC BY 4.0",
        "CC-BY-4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    (
        "CC BY-NC-SA 4.0",
        "CC-BY-NC-SA-4.0",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    ),
    (
        "ODC-By 1.0",
        "ODC-By-1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    (
        "Etalab Open Licence 2.0",
        "etalab-2.0",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ),
];

/// A resource's licence entry: the standard id and text where the publisher's terms are one of
/// [`OPEN_LICENCES`], or one of them with a note on another part (the geometry's ODbL stays in
/// the title); otherwise `other`, the terms in words (terms of use have no id, and a package's
/// licence is not its data's).
fn licence(dataset: &str, terms: &str) -> Json {
    let title = format!("{dataset}: {terms}");
    match OPEN_LICENCES
        .iter()
        .find(|(words, _, _)| terms == *words || terms.starts_with(&format!("{words} (geometry")))
    {
        Some((_, id, path)) => json!({"name": id, "path": path, "title": title}),
        None => json!({"name": "other", "title": title}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_licences_get_their_id_and_terms_of_use_stay_words() {
        let id = |terms: &str| licence("d", terms)["name"].as_str().unwrap().to_string();
        assert_eq!(id("CC BY 4.0"), "CC-BY-4.0");
        assert_eq!(id("ODC-By 1.0 (geometry ODbL)"), "ODC-By-1.0");
        // The package's licence is not its data's.
        assert_eq!(id("Apache-2.0 (package)"), "other");
        assert_eq!(id("CC BY-NC-SA 4.0"), "CC-BY-NC-SA-4.0");
        // Not "CC BY 4.0" just because it starts with "CC BY".
        assert_eq!(id("CC BY-SA 4.0 / ODC-PDDL / Apache-2"), "other");
        assert_eq!(id("IMF terms of use, attribution"), "other");
        let entry = licence("wri-cofi", "CC BY 4.0");
        assert_eq!(entry["title"], "wri-cofi: CC BY 4.0");
        assert_eq!(
            entry["path"],
            "https://creativecommons.org/licenses/by/4.0/"
        );
    }
}
