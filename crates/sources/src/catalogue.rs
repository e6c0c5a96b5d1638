//! The shape of a dataset declaration: where its files sit under the sources directory, who
//! publishes it, which columns of which file name economies, how its release is read from the
//! files, and which reader writes its rows. The declarations themselves live one file per
//! publisher in [`crate::datasets`]; this module only gives them their types and the small
//! constructors they are written with.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::Sink;
use crate::connect::Context;
pub(crate) use crate::obtain::{Listed, Obtain};
use crate::read::{Encoding, Layout, ReadError};

/// How a column names an economy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// A name, resolved through the registry's names and aliases.
    Name,
    /// A code in one scheme.
    Code(CodeScheme),
    /// Several codes in one cell, separated by `;` (AidData's multi-country records).
    CodeList(CodeScheme),
}

/// A column that names economies.
#[derive(Debug, Clone, Copy)]
pub struct CountryColumn {
    /// Header text.
    pub column: &'static str,
    /// How the column names economies.
    pub kind: IdKind,
}

/// One table in a file: where it sits and which of its columns name economies.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// Where the table sits.
    pub layout: Layout,
    /// Columns that name economies.
    pub countries: &'static [CountryColumn],
}

/// What a file holds, as far as economies go.
#[derive(Debug, Clone, Copy)]
pub enum FileContent {
    /// Tables with economy columns.
    Tables(&'static [TableSpec]),
    /// An IMF DOTS workbook: reporter name in B4 of each sheet, partner names in column B from row 8.
    DotsWorkbook,
    /// Read by the connector, but it names no economy the walk could check (codes resolved
    /// through another file, or a single economy's series); the reason says which.
    Read(&'static str),
    /// Not read: documentation, metadata, or a table the panel does not use; the reason says
    /// which. A build lists these files as not read, with the reason.
    NotRead(&'static str),
}

/// A file, or a family of files matched by one `*` in the file name.
#[derive(Debug, Clone, Copy)]
pub struct FileSpec {
    /// Path relative to the dataset folder; may contain one `*` in the file name.
    pub pattern: &'static str,
    /// What it holds.
    pub content: FileContent,
}

/// A dataset as its publisher ships it.
#[derive(Debug, Clone, Copy)]
pub struct Dataset {
    /// Stable identifier, e.g. `imf-dots`.
    pub id: &'static str,
    /// Folder under the sources directory.
    pub folder: &'static str,
    /// Title.
    pub title: &'static str,
    /// Who publishes it, and where a user gets it.
    pub publisher: &'static str,
    /// Licence or terms.
    pub licence: &'static str,
    /// Whether galeon's data releases may carry the rows (`galeon release`).
    pub republish: Republish,
    /// The files.
    pub files: &'static [FileSpec],
    /// How the release of each file is read from the files themselves.
    pub release: Release,
    /// What writes the dataset's rows into the store.
    pub reader: Reader,
    /// How `galeon fetch` obtains it.
    pub obtain: Obtain,
}

/// Whether a data release may carry a dataset's rows, as its publisher's terms allow. Derived
/// values (indicators, which aggregate rows) are published either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Republish {
    /// The licence allows redistribution (with attribution).
    Rows,
    /// It does not, or grants nothing: why, and where a user gets the rows.
    NotRows(&'static str),
}

/// A connector: reads the files of one dataset (those its declaration matches, documentation
/// left out) into a sink, calling `progress` once per file.
pub type ConnectorFn =
    fn(&Context, &[PathBuf], &mut dyn Sink, &mut dyn FnMut(&Path)) -> Result<(), ReadError>;

/// What writes a dataset's rows.
#[derive(Debug, Clone, Copy)]
pub enum Reader {
    /// A connector writing canonical rows.
    Rows(ConnectorFn),
    /// Nothing: the files are read elsewhere or not yet; the reason says which.
    NotRead(&'static str),
}

/// Where the release (vintage) of a file is stated. Each rule is tried on the file; where the
/// file states nothing, `release.toml` in the dataset folder may state it (see
/// [`crate::release`]); otherwise the label says the release is unknown and gives the file's
/// SHA-256.
#[derive(Debug, Clone, Copy)]
pub enum Release {
    /// In the file name: `pattern` is a regular expression whose groups fill `$1`, `$2`… of
    /// `label` (BACI's `_V202501.csv`, COFI's `Version 2.2 - October 2023`).
    FileName {
        /// Regular expression matched against the file name.
        pattern: &'static str,
        /// Label with `$1`… for the pattern's groups.
        label: &'static str,
    },
    /// In a JSON metadata file beside the data (a `datapackage.json`): `file` may use `{stem}`
    /// for the data file's name without extension; `pointer` is a JSON pointer to a string.
    Json {
        /// The metadata file, relative to the data file's folder.
        file: &'static str,
        /// JSON pointer (RFC 6901) to the release string.
        pointer: &'static str,
        /// Label with `$1` for the string found.
        label: &'static str,
    },
    /// The date an xlsx workbook was written, as its package records it (`docProps/core.xml`
    /// `dcterms:modified`, else the date of the workbook part in the zip).
    Workbook {
        /// Label with `$1` for the date (YYYY-MM-DD).
        label: &'static str,
    },
    /// When the publisher's SDMX service prepared the answer: `message:Prepared` in an SDMX-ML
    /// message, `meta.prepared` in an SDMX-JSON one.
    Sdmx {
        /// Label with `$1` for the time.
        label: &'static str,
    },
    /// The publisher's files say nothing: `release.toml` or unknown.
    Unstated,
}

pub(crate) const fn csv(countries: &'static [CountryColumn]) -> TableSpec {
    TableSpec {
        layout: Layout::Csv {
            encoding: Encoding::Utf8,
            delimiter: b',',
        },
        countries,
    }
}

pub(crate) const fn latin1_csv(countries: &'static [CountryColumn]) -> TableSpec {
    TableSpec {
        layout: Layout::Csv {
            encoding: Encoding::Latin1,
            delimiter: b',',
        },
        countries,
    }
}

pub(crate) const fn sheet(
    sheet: &'static str,
    header_row: u32,
    countries: &'static [CountryColumn],
) -> TableSpec {
    TableSpec {
        layout: Layout::Sheet { sheet, header_row },
        countries,
    }
}

pub(crate) const fn name(column: &'static str) -> CountryColumn {
    CountryColumn {
        column,
        kind: IdKind::Name,
    }
}

pub(crate) const fn iso3(column: &'static str) -> CountryColumn {
    CountryColumn {
        column,
        kind: IdKind::Code(CodeScheme::Iso3),
    }
}

pub(crate) const fn code(column: &'static str, scheme: CodeScheme) -> CountryColumn {
    CountryColumn {
        column,
        kind: IdKind::Code(scheme),
    }
}

pub(crate) const fn file(pattern: &'static str, tables: &'static [TableSpec]) -> FileSpec {
    FileSpec {
        pattern,
        content: FileContent::Tables(tables),
    }
}

pub(crate) const fn skipped(pattern: &'static str, reason: &'static str) -> FileSpec {
    FileSpec {
        pattern,
        content: FileContent::NotRead(reason),
    }
}

pub(crate) const fn read(pattern: &'static str, reason: &'static str) -> FileSpec {
    FileSpec {
        pattern,
        content: FileContent::Read(reason),
    }
}

/// Why documentation files are not read.
pub(crate) const DOCS: &str = "documentation";

/// Files at the top of the sources directory that belong to no dataset.
pub const TOP_LEVEL_FILES: &[&str] = &["README.md"];

impl FileSpec {
    /// Whether `relative` (a path relative to the dataset folder, with `/`) matches the pattern.
    pub fn matches(&self, relative: &str) -> bool {
        match self.pattern.split_once('*') {
            None => self.pattern == relative,
            Some((prefix, suffix)) => {
                relative.len() >= prefix.len() + suffix.len()
                    && relative.starts_with(prefix)
                    && relative.ends_with(suffix)
                    && !relative[prefix.len()..relative.len() - suffix.len()].contains('/')
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::DATASETS;

    #[test]
    fn patterns_match_one_file_name_segment() {
        let spec = skipped("xlsx/DOTS_*.xlsx", "");
        assert!(spec.matches("xlsx/DOTS_1.xlsx"));
        assert!(spec.matches("xlsx/DOTS_235.xlsx"));
        assert!(!spec.matches("xlsx/DOTS_1.csv"));
        assert!(!spec.matches("xlsx/sub/DOTS_1.xlsx"));
        assert!(skipped("SOURCE.md", "").matches("SOURCE.md"));
        assert!(!skipped("SOURCE.md", "").matches("x/SOURCE.md"));
    }

    #[test]
    fn dataset_ids_are_unique() {
        let mut ids: Vec<&str> = DATASETS.iter().map(|d| d.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), DATASETS.len());
    }
}
