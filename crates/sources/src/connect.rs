//! What every connector shares: the [`Context`] it is given (where the sources are, the release
//! of each file), economy resolution that turns an unknown name into a reject naming file,
//! sheet, row and column, number parsing, and the hand-over of rows, rejects and counts to the
//! [`Sink`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use galeon_registry::{CodeScheme, Iso3, Registry};

use crate::canonical::{Batch, Flow, Provenance, Reject, Sink, TradeFlow};
use crate::catalogue::Dataset;
use crate::read::{Encoding, Layout, ReadError, Table};

/// What a connector is given besides its files: the sources directory, its dataset, and the
/// release of each file as the files state it (see [`crate::release`]).
#[derive(Debug, Clone)]
pub struct Context {
    /// The sources directory.
    pub root: PathBuf,
    /// The dataset being read.
    pub dataset: &'static Dataset,
    /// Release label per file, by path relative to `root`.
    pub releases: HashMap<String, Arc<str>>,
}

impl Context {
    /// The provenance of rows read from `path`: dataset, file relative to the sources
    /// directory, and the file's release.
    pub fn provenance(&self, path: &Path) -> Provenance {
        let file = relative_path(&self.root, path);
        let release = self
            .releases
            .get(&file)
            .cloned()
            .unwrap_or_else(|| Arc::from("unknown release"));
        Provenance {
            source: self.dataset.id,
            file,
            release,
        }
    }
}

/// `path` relative to `root`, with `/` as separator.
pub fn relative_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// China and the 33 LAC states: the observatory's scope, for the event readers that see every
/// country's events and keep those that touch it.
pub(crate) struct Scope {
    lac: Vec<Iso3>,
}

impl Scope {
    pub(crate) fn new() -> Scope {
        let lac = Registry::global().lac().iter().map(|e| e.iso3).collect();
        Scope { lac }
    }

    /// Whether `code` is China or a LAC state.
    pub(crate) fn contains(&self, code: Option<Iso3>) -> bool {
        code.is_some_and(|c| c == Iso3::CHN || self.lac.contains(&c))
    }

    /// Whether one side is China and the other a LAC state.
    pub(crate) fn china_with_lac(&self, a: Iso3, b: Iso3) -> bool {
        (a == Iso3::CHN && self.lac.contains(&b)) || (b == Iso3::CHN && self.lac.contains(&a))
    }
}

/// Resolves an economy or rejects the row, naming where it was.
pub(crate) fn resolve(
    name_or_code: &str,
    scheme: Option<CodeScheme>,
    at: (&Option<String>, u64, &str),
    rejects: &mut Vec<Reject>,
) -> Option<Iso3> {
    let registry = Registry::global();
    let result = match scheme {
        None => registry.resolve_name(name_or_code),
        Some(scheme) => registry.resolve_code(scheme, name_or_code),
    };
    match result {
        Ok(entity) => Some(entity.iso3),
        Err(e) => {
            rejects.push(Reject {
                sheet: at.0.clone(),
                row: at.1,
                column: at.2.to_string(),
                reason: format!(
                    "{e} (add it to data/registry/aliases.csv if it is a real spelling)"
                ),
                value: name_or_code.to_string(),
                rows: 1,
            });
            None
        }
    }
}

/// As [`resolve`], for a line that holds `rows` values: the reject, if any, stands for all of them.
pub(crate) fn resolve_counting(
    name_or_code: &str,
    scheme: Option<CodeScheme>,
    at: (&Option<String>, u64, &str),
    rows: u64,
    rejects: &mut Vec<Reject>,
) -> Option<Iso3> {
    let resolved = resolve(name_or_code, scheme, at, rejects);
    if resolved.is_none() {
        if let Some(last) = rejects.last_mut() {
            last.rows = rows;
        }
    }
    resolved
}

/// Whether a cell holds no value at all: empty, or the NA/NaN that R and pandas write.
pub(crate) fn is_missing(text: &str) -> bool {
    matches!(text.trim(), "" | "NA" | "NaN" | "nan")
}

pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().replace(',', "");
    if t.is_empty() {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

pub(crate) fn flush(
    sink: &mut dyn Sink,
    prov: &Provenance,
    batch: Batch,
    rejects: Vec<Reject>,
    read: u64,
) -> Result<(), ReadError> {
    sink.rows_read(prov, read);
    for r in rejects {
        sink.reject(prov, r);
    }
    if !batch.is_empty() {
        sink.write(prov, batch).map_err(|message| ReadError::Io {
            path: PathBuf::from(&prov.file),
            source: std::io::Error::other(message),
        })?;
    }
    Ok(())
}

/// US dollars from IMF's millions, rounded to the dollar: DOTS publishes to the thousand dollars,
/// so rounding keeps every published digit and removes binary noise from the multiplication.
pub fn usd_from_millions(millions: f64) -> f64 {
    (millions * 1e6).round()
}

pub(crate) fn column(table: &Table, path: &Path, name: &str) -> Result<usize, ReadError> {
    table.column(name).ok_or_else(|| ReadError::Csv {
        path: path.to_path_buf(),
        line: 1,
        message: format!("column {name:?} not found in the header {:?}", table.header),
    })
}

pub(crate) fn utf8() -> Layout {
    Layout::Csv {
        encoding: Encoding::Utf8,
        delimiter: b',',
    }
}

pub(crate) fn latin1() -> Layout {
    Layout::Csv {
        encoding: Encoding::Latin1,
        delimiter: b',',
    }
}

pub(crate) fn sheet_column(
    table: &Table,
    path: &Path,
    sheet: &str,
    name: &str,
) -> Result<usize, ReadError> {
    table.column(name).ok_or_else(|| ReadError::Workbook {
        path: path.to_path_buf(),
        sheet: sheet.to_string(),
        message: format!("column {name:?} not found in the header {:?}", table.header),
    })
}

pub(crate) fn bad(
    sheet: Option<&str>,
    row: u64,
    column: &str,
    reason: &str,
    value: &str,
) -> Reject {
    Reject {
        sheet: sheet.map(str::to_string),
        row,
        column: column.to_string(),
        reason: reason.to_string(),
        value: value.to_string(),
        rows: 1,
    }
}

pub(crate) fn year_of(text: &str) -> Option<i32> {
    let t = text.trim();
    t.parse::<i32>().ok().or_else(|| {
        parse_number(t)
            .filter(|v| v.fract() == 0.0)
            .map(|v| v as i32)
    })
}

/// Where each key was first read in a dataset: file, row and value.
pub(crate) type FirstSeen<K> = HashMap<K, (String, u64, f64)>;

/// Records the key's first reading; for a later one, says where the first was and whether the
/// values agree. The CIPF tables overlap (China's exports to Brazil are in Brazil's partner table
/// and in China's table of trade with the Portuguese-speaking countries): a repeat is rejected,
/// naming the reading that is kept, so nothing is summed twice.
pub(crate) fn repeat_of<K: std::hash::Hash + Eq>(
    seen: &mut FirstSeen<K>,
    key: K,
    value: f64,
    file: &str,
    row: u64,
) -> Option<String> {
    match seen.get(&key) {
        Some((first_file, first_row, first_value)) => Some(format!(
            "repeats {first_file} row {first_row} ({}); stored once",
            if *first_value == value {
                "the same value"
            } else {
                "a different value, which is kept"
            }
        )),
        None => {
            seen.insert(key, (file.to_string(), row, value));
            None
        }
    }
}

/// Pushes a trade flow unless the dataset already gave its reporter, partner, flow and year.
pub(crate) fn push_once(
    seen: &mut FirstSeen<(Iso3, Iso3, Flow, i32)>,
    file: &str,
    (sheet, row, column): (Option<&str>, u64, &str),
    flow: TradeFlow,
    rows: &mut Vec<TradeFlow>,
    rejects: &mut Vec<Reject>,
) {
    let key = (flow.reporter, flow.partner, flow.flow, flow.year);
    match repeat_of(seen, key, flow.value_usd, file, row) {
        Some(repeat) => rejects.push(bad(
            sheet,
            row,
            column,
            &format!(
                "{} {} {} {} {repeat}",
                flow.reporter,
                flow.flow.as_str(),
                flow.partner,
                flow.year
            ),
            &flow.value_usd.to_string(),
        )),
        None => rows.push(flow),
    }
}

/// A JSON answer a publisher's API wrote, parsed; an unreadable file or one that is not JSON is
/// an error naming it.
pub(crate) fn read_json(path: &Path) -> Result<serde_json::Value, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|e| json_error(path, format!("not JSON: {e}")))
}

/// An error about the JSON answer at `path`.
pub(crate) fn json_error(path: &Path, message: String) -> ReadError {
    ReadError::Json {
        path: path.to_path_buf(),
        message,
    }
}

/// A JSON value as a reject shows it: strings without quotes, `null` as nothing.
pub(crate) fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
