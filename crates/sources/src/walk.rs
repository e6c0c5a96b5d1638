//! Walking a sources directory: every file matched to its catalogue entry, and every cell that
//! names an economy, with its file, sheet, row and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::catalogue::{Dataset, FileContent, FileSpec, IdKind, DATASETS, TOP_LEVEL_FILES};
use crate::read::{column_letter, read_sheet_cells, read_table, ReadError};

/// Where a value was seen: file, sheet, row (line for CSV) and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub file: PathBuf,
    /// The worksheet, for workbooks.
    pub sheet: Option<String>,
    /// 1-based row (spreadsheet row, or CSV line).
    pub row: u64,
    /// Column header (and letter, for workbooks).
    pub column: String,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {sheet:?}")?;
        }
        write!(f, ", row {}, column {}", self.row, self.column)
    }
}

/// Every distinct (kind, value) naming an economy, with where it was first seen and how often.
pub type Mentions = BTreeMap<(IdKindKey, String), (Location, usize)>;

/// A sortable form of [`IdKind`] for use as a map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IdKindKey(u8, u8);

impl IdKindKey {
    /// Converts back.
    pub fn kind(self) -> IdKind {
        use galeon_registry::CodeScheme as S;
        let scheme = match self.1 {
            0 => S::Iso3,
            1 => S::Iso2,
            2 => S::Numeric,
            3 => S::Comtrade,
            4 => S::Cow,
            _ => S::Wto,
        };
        match self.0 {
            0 => IdKind::Name,
            1 => IdKind::Code(scheme),
            _ => IdKind::CodeList(scheme),
        }
    }

    fn of(kind: IdKind) -> IdKindKey {
        use galeon_registry::CodeScheme as S;
        let scheme = |s: S| match s {
            S::Iso3 => 0,
            S::Iso2 => 1,
            S::Numeric => 2,
            S::Comtrade => 3,
            S::Cow => 4,
            S::Wto => 5,
        };
        match kind {
            IdKind::Name => IdKindKey(0, 0),
            IdKind::Code(s) => IdKindKey(1, scheme(s)),
            IdKind::CodeList(s) => IdKindKey(2, scheme(s)),
        }
    }
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Distinct values naming economies.
    pub mentions: Mentions,
    /// Files present under the directory that no catalogue entry describes.
    pub uncatalogued: Vec<PathBuf>,
    /// Catalogued file patterns that matched no file.
    pub missing: Vec<(String, String)>,
    /// Files walked.
    pub files_read: usize,
    /// Columns the catalogue names but a file lacks.
    pub missing_columns: Vec<(PathBuf, String)>,
}

/// Cells that mean "no economy here": empty, or a placeholder.
fn is_blank(value: &str) -> bool {
    matches!(value, "" | "..." | "NA" | "nan" | "NaN" | "None")
}

fn list_files(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Finds the dataset and file entry for a path relative to the sources root.
pub fn classify(relative: &str) -> Option<(&'static Dataset, &'static FileSpec)> {
    DATASETS.iter().find_map(|dataset| {
        let rest = relative.strip_prefix(dataset.folder)?.strip_prefix('/')?;
        dataset
            .files
            .iter()
            .find(|f| f.matches(rest))
            .map(|f| (dataset, f))
    })
}

/// Walks every file under `root`, reading every column the catalogue says names economies.
pub fn walk(root: &Path) -> Result<Walk, ReadError> {
    let io = |source| ReadError::Io {
        path: root.to_path_buf(),
        source,
    };
    let mut walk = Walk::default();
    let files = list_files(root).map_err(io)?;
    let relative_of = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    };
    // Datasets whose folder is absent are known gaps (`galeon sources` lists them); within a
    // dataset that is present, every catalogued file must be there.
    for dataset in DATASETS.iter().filter(|d| root.join(d.folder).is_dir()) {
        for spec in dataset.files {
            let any = files.iter().any(|f| {
                relative_of(f)
                    .strip_prefix(dataset.folder)
                    .and_then(|r| r.strip_prefix('/'))
                    .is_some_and(|r| spec.matches(r))
            });
            if !any {
                walk.missing
                    .push((dataset.id.to_string(), spec.pattern.to_string()));
            }
        }
    }
    for path in files {
        let relative = relative_of(&path);
        if TOP_LEVEL_FILES.contains(&relative.as_str()) {
            continue;
        }
        let Some((_, spec)) = classify(&relative) else {
            walk.uncatalogued.push(path);
            continue;
        };
        match spec.content {
            FileContent::Skipped(_) => {}
            FileContent::DotsWorkbook => {
                walk.files_read += 1;
                for sheet in ["Exports, FOB", "Imports, CIF"] {
                    for (row, cells) in read_sheet_cells(&path, sheet)? {
                        let value = cells.get(1).map(|s| s.trim()).unwrap_or("");
                        if (row == 4 || row >= 8) && !is_blank(value) {
                            let location = Location {
                                file: path.clone(),
                                sheet: Some(sheet.into()),
                                row,
                                column: "B".into(),
                            };
                            record(&mut walk.mentions, IdKind::Name, value, location);
                        }
                    }
                }
            }
            FileContent::Tables(tables) => {
                walk.files_read += 1;
                for table_spec in tables {
                    let table = read_table(&path, table_spec.layout)?;
                    let sheet = match table_spec.layout {
                        crate::read::Layout::Sheet { sheet, .. } => Some(sheet.to_string()),
                        crate::read::Layout::Csv { .. } => None,
                    };
                    for column in table_spec.countries {
                        let Some(index) = table.column(column.column) else {
                            walk.missing_columns
                                .push((path.clone(), column.column.to_string()));
                            continue;
                        };
                        let label = match &sheet {
                            Some(_) => format!("{} ({})", column.column, column_letter(index)),
                            None => column.column.to_string(),
                        };
                        for (row, cells) in &table.rows {
                            let value = cells.get(index).map(|s| s.trim()).unwrap_or("");
                            if is_blank(value) {
                                continue;
                            }
                            let location = Location {
                                file: path.clone(),
                                sheet: sheet.clone(),
                                row: *row,
                                column: label.clone(),
                            };
                            match column.kind {
                                IdKind::CodeList(scheme) => {
                                    for part in
                                        value.split(';').map(str::trim).filter(|p| !is_blank(p))
                                    {
                                        record(
                                            &mut walk.mentions,
                                            IdKind::Code(scheme),
                                            part,
                                            location.clone(),
                                        );
                                    }
                                }
                                kind => record(&mut walk.mentions, kind, value, location),
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(walk)
}

fn record(mentions: &mut Mentions, kind: IdKind, value: &str, location: Location) {
    mentions
        .entry((IdKindKey::of(kind), value.to_string()))
        .and_modify(|(_, n)| *n += 1)
        .or_insert((location, 1));
}
