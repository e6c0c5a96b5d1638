//! Walking a sources directory: every file matched to its declaration, and every cell that
//! names an economy, with its file, sheet, row and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::catalogue::{Dataset, FileContent, FileSpec, IdKind};
use crate::read::{column_letter, read_sheet_cells, read_table, ReadError};
use crate::survey::{dataset_of, spec_of, survey, NotRead};

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
    /// Files present under the directory that no declaration describes.
    pub uncatalogued: Vec<PathBuf>,
    /// Declared file patterns that matched no file: (dataset id, pattern).
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

/// Finds the dataset and file entry for a path relative to the sources root.
pub fn classify(relative: &str) -> Option<(&'static Dataset, &'static FileSpec)> {
    let (dataset, within) = dataset_of(relative)?;
    spec_of(dataset, within).map(|spec| (dataset, spec))
}

/// Walks every file under `root` (through [`survey`]), reading every column the declarations
/// say names economies — in the files galeon reads and in those it keeps for other uses (map
/// names, project locations).
pub fn walk(root: &Path) -> Result<Walk, ReadError> {
    let survey = survey(root)?;
    let mut walk = Walk::default();
    let undeclared = |n: &NotRead| {
        n.reason.starts_with("no declaration") || n.reason.starts_with("no dataset declaration")
    };
    walk.uncatalogued = (survey.not_read.iter())
        .chain(survey.datasets.iter().flat_map(|d| &d.not_read))
        .filter(|n| undeclared(n))
        .map(|n| root.join(&n.path))
        .collect();
    let mut paths = Vec::new();
    for entry in &survey.datasets {
        for pattern in &entry.missing {
            walk.missing
                .push((entry.dataset.id.to_string(), pattern.clone()));
        }
        let listed = entry.read.iter().map(|f| f.relative.clone());
        let kept = entry.not_read.iter().map(|n| n.path.clone());
        paths.extend(listed.chain(kept));
    }
    paths.sort();
    for relative in paths {
        let Some((_, spec)) = classify(&relative) else {
            continue;
        };
        let path = root.join(&relative);
        match spec.content {
            FileContent::Read(_) | FileContent::NotRead(_) => {}
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
