//! What the connector tests share: a sink that keeps everything a connector hands over, and
//! writers for fixture files in the publishers' layouts (CSV as UTF-8 or Latin-1, gzip, xlsx).
//! Fixtures are written by each test into a temporary sources folder; nothing here reads
//! `../shared/data`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use galeon_sources::canonical::{Batch, Provenance, Reject, Sink};
use galeon_sources::DatasetFiles;

/// Everything a connector handed over.
#[derive(Debug, Default)]
pub struct Collected {
    /// Batches with their provenance, in order.
    pub batches: Vec<(Provenance, Batch)>,
    /// Rejects with their provenance, in order.
    pub rejects: Vec<(Provenance, Reject)>,
    /// Rows read per file (relative path).
    pub read: BTreeMap<String, u64>,
}

impl Sink for Collected {
    fn write(&mut self, provenance: &Provenance, batch: Batch) -> Result<(), String> {
        // Column batches are kept as rows, so that tests read every product batch alike.
        let batch = match batch {
            Batch::ProductColumns(c) => Batch::TradeByProduct(c.rows().collect()),
            other => other,
        };
        self.batches.push((provenance.clone(), batch));
        Ok(())
    }
    fn reject(&mut self, provenance: &Provenance, reject: Reject) {
        self.rejects.push((provenance.clone(), reject));
    }
    fn rows_read(&mut self, provenance: &Provenance, rows: u64) {
        *self.read.entry(provenance.file.clone()).or_default() += rows;
    }
}

impl Collected {
    /// Rows stored (over every batch).
    pub fn stored(&self) -> u64 {
        self.batches.iter().map(|(_, b)| b.len() as u64).sum()
    }
    /// Rows rejected (a reject may stand for several rows).
    pub fn rejected(&self) -> u64 {
        self.rejects.iter().map(|(_, r)| r.rows).sum()
    }
    /// Rows read over every file.
    pub fn read_total(&self) -> u64 {
        self.read.values().sum()
    }
    /// Asserts the balance every connector keeps: read = stored + rejected.
    pub fn assert_balanced(&self) {
        assert_eq!(
            self.read_total(),
            self.stored() + self.rejected(),
            "rows read = stored + rejected; rejects: {:#?}",
            self.rejects
        );
    }
    /// The rows of every batch of one variant, e.g. `c.rows(|b| match b { Batch::Macro(r) => Some(r), _ => None })`.
    pub fn rows<'a, T: 'a>(&'a self, pick: impl Fn(&'a Batch) -> Option<&'a Vec<T>>) -> Vec<&'a T> {
        self.batches
            .iter()
            .filter_map(|(_, b)| pick(b))
            .flatten()
            .collect()
    }
}

/// Asserts that every file read and every batch stored carry the release `label`.
pub fn assert_release(c: &Collected, files: &DatasetFiles, label: &str) {
    assert!(!files.read.is_empty(), "no file read");
    for f in &files.read {
        assert_eq!(f.release, label, "{}", f.relative);
    }
    for (p, _) in &c.batches {
        assert_eq!(&*p.release, label, "{}", p.file);
    }
}

/// The `trade_flows` rows of every batch.
pub fn flows(c: &Collected) -> Vec<&galeon_sources::canonical::TradeFlow> {
    c.rows(|b| match b {
        Batch::TradeFlows(r) => Some(r),
        _ => None,
    })
}

/// The `trade_by_product` rows of every batch.
pub fn products(c: &Collected) -> Vec<&galeon_sources::canonical::ProductFlow> {
    c.rows(|b| match b {
        Batch::TradeByProduct(r) => Some(r),
        _ => None,
    })
}

/// Reads dataset `id` from `root` exactly as a build does; panics with the error's message.
pub fn read(root: &Path, id: &str) -> (Collected, DatasetFiles) {
    let mut sink = Collected::default();
    let files = galeon_sources::survey::read_dataset(root, id, &mut sink)
        .unwrap_or_else(|e| panic!("reading {id}: {e}"));
    (sink, files)
}

/// The error that stops reading dataset `id`, as the build would show it.
pub fn read_err(root: &Path, id: &str) -> String {
    let mut sink = Collected::default();
    match galeon_sources::survey::read_dataset(root, id, &mut sink) {
        Ok(_) => panic!("reading {id} was expected to fail"),
        Err(e) => e.to_string(),
    }
}

/// The label of a file that states no release and has no `release.toml`: the first 12 hex
/// digits of the SHA-256 of its bytes, computed here independently of galeon's survey.
pub fn unknown_release(bytes: &[u8]) -> String {
    use sha2::Digest;
    let hex = format!("{:x}", sha2::Sha256::digest(bytes));
    format!("unknown release (sha256 {})", &hex[..12])
}

/// Writes `bytes` at `root/relative`, creating folders.
pub fn put(root: &Path, relative: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Text as Latin-1 bytes (every char must be below U+0100).
pub fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

/// Gzip-compressed bytes.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A cell of an xlsx fixture.
#[derive(Debug, Clone)]
pub enum Cell {
    /// Empty.
    Empty,
    /// Text.
    Text(&'static str),
    /// Owned text.
    String(String),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
}

/// Writes an xlsx workbook at `root/relative`: each sheet a name and rows of cells, from A1.
pub fn xlsx(root: &Path, relative: &str, sheets: &[(&str, Vec<Vec<Cell>>)]) {
    xlsx_written(root, relative, sheets, None);
}

/// As [`xlsx`], with the date the workbook was written (`dcterms:modified`) set to `written`
/// (year, month, day) when given.
pub fn xlsx_written(
    root: &Path,
    relative: &str,
    sheets: &[(&str, Vec<Vec<Cell>>)],
    written: Option<(u16, u8, u8)>,
) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    if let Some((y, m, d)) = written {
        let when = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d)
            .unwrap()
            .and_hms(12, 0, 0)
            .unwrap();
        workbook
            .set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&when));
    }
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, c, *t).unwrap();
                    }
                    Cell::String(t) => {
                        sheet.write_string(r, c, t).unwrap();
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    Cell::Bool(b) => {
                        sheet.write_boolean(r, c, *b).unwrap();
                    }
                }
            }
        }
    }
    workbook.save(&path).unwrap();
}
