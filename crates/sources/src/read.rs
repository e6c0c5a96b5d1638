//! Readers for the formats sources ship in: CSV (UTF-8 or Latin-1, optionally gzipped, any
//! delimiter) and xlsx sheets, as rows of strings with their position in the file.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Cell, Data, DataRef, Range, Reader, Sheets};

/// Text encoding of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark is skipped).
    Utf8,
    /// ISO 8859-1, as the WITS bulk files and the IMF diversification file are written.
    Latin1,
}

/// Where a table sits in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A delimited text file whose first line is the header.
    Csv {
        /// Text encoding.
        encoding: Encoding,
        /// Field delimiter.
        delimiter: u8,
    },
    /// A worksheet whose header is on row `header_row` (1-based, as a spreadsheet shows it).
    Sheet {
        /// Worksheet name.
        sheet: &'static str,
        /// Row of the header, 1-based.
        header_row: u32,
    },
}

/// An error reading a source file, naming the file and, where it applies, the sheet.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The CSV parser failed.
    #[error("{path}: line {line}: {message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What went wrong.
        message: String,
    },
    /// A JSON answer could not be read (not well formed, or not the expected shape).
    #[error("{path}: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// An XML message could not be read (not well formed, truncated, not the expected kind).
    #[error("{path}: {message}")]
    Xml {
        /// The file.
        path: PathBuf,
        /// What went wrong, with the byte offset where it applies.
        message: String,
    },
    /// The workbook could not be opened or the sheet read.
    #[error("{path}: sheet {sheet:?}: {message}")]
    Workbook {
        /// The file.
        path: PathBuf,
        /// The sheet.
        sheet: String,
        /// What went wrong.
        message: String,
    },
}

/// A table read whole: the header and the rows, each row with its 1-based line or row number.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Rows as (line or spreadsheet row number, cells).
    pub rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// Index of the column named `name` (exact, after trimming spaces and a byte-order mark).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').trim().trim_matches('"') == name)
    }
}

/// The widest table read: a spreadsheet's 16,384 columns.
pub const MAX_COLUMNS: usize = 16_384;

/// Reads a table from `path` in `layout`; every row has at least as many cells as the header.
pub fn read_table(path: &Path, layout: Layout) -> Result<Table, ReadError> {
    let mut table = match layout {
        Layout::Csv {
            encoding,
            delimiter,
        } => read_csv(path, encoding, delimiter)?,
        Layout::Sheet { sheet, header_row } => read_sheet(path, sheet, header_row)?,
    };
    // No publisher's table is wider than a spreadsheet (16,384 columns); a line that is, is a
    // damaged file, and readers that look columns up by name would take quadratic time over it.
    let widest = std::iter::once((1, &table.header)).chain(table.rows.iter().map(|(l, c)| (*l, c)));
    if let Some((line, cells)) = widest.into_iter().find(|(_, c)| c.len() > MAX_COLUMNS) {
        return Err(ReadError::Csv {
            path: path.to_path_buf(),
            line,
            message: format!(
                "{} cells on one line; galeon reads tables of up to {MAX_COLUMNS} columns",
                cells.len()
            ),
        });
    }
    // A row cut short (a file truncated, a line that lost its last cells) has empty cells where
    // the header has columns, which connectors read as missing values: they never index past a
    // row's end, and the row is stored or rejected like any other.
    let width = table.header.len();
    for (_, cells) in &mut table.rows {
        if cells.len() < width {
            cells.resize(width, String::new());
        }
    }
    Ok(table)
}

/// Reads the next record of a CSV streamed from `path` into `record`: `false` at the end, and a
/// parse error naming the file and the line.
pub(crate) fn next_record<R: Read>(
    reader: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    path: &Path,
) -> Result<bool, ReadError> {
    reader.read_byte_record(record).map_err(|e| ReadError::Csv {
        path: path.to_path_buf(),
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    })
}

/// Reads the one file inside the zip at `path` with `read` — publishers that zip a table (GDELT's
/// exports, ICEWS's yearly events) zip it alone, so a zip of none or several files is an error
/// naming the zip and saying what it should hold (`holds`, e.g. "one tab-separated file").
pub(crate) fn read_zip_of_one<T>(
    path: &Path,
    holds: &str,
    read: impl FnOnce(&mut dyn Read) -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    let error = |message: String| ReadError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(message),
    };
    let file = File::open(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| error(format!("not a readable zip: {e}")))?;
    if archive.len() != 1 {
        let n = archive.len();
        return Err(error(format!(
            "{n} files in the zip; it should hold {holds}"
        )));
    }
    let mut entry = archive
        .by_index(0)
        .map_err(|e| error(format!("the zip's file cannot be read: {e}")))?;
    read(&mut entry)
}

/// Reads the bytes of a file, decompressing it when its name ends in `.gz`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    let file = File::open(path).map_err(io)?;
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        let mut file = file;
        file.read_to_end(&mut bytes).map_err(io)?;
    }
    Ok(bytes)
}

/// Decodes ISO 8859-1: every byte is the code point of the same value.
fn latin1_to_string(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

fn read_csv(path: &Path, encoding: Encoding, delimiter: u8) -> Result<Table, ReadError> {
    let bytes = read_bytes(path)?;
    let text = match encoding {
        Encoding::Utf8 => String::from_utf8(bytes).map_err(|e| ReadError::Csv {
            path: path.to_path_buf(),
            line: 0,
            message: format!("not UTF-8 ({e}); is the file Latin-1?"),
        })?,
        Encoding::Latin1 => latin1_to_string(&bytes),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| ReadError::Csv {
        path: path.to_path_buf(),
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    };
    let header = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line());
        rows.push((line, record.iter().map(str::to_string).collect()));
    }
    Ok(Table { header, rows })
}

/// Formats a cell as text the way a person reading the sheet would see it.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map_or_else(|| d.to_string(), |t| t.date().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The most cells a worksheet's used area may span (rows × columns), empty ones included: the
/// reader lays the area out whole, so two cells far apart in a damaged workbook (found by
/// scripts/fuzz.sh: 151 GB asked for) would take more memory than any machine has, and an
/// allocation that fails ends the process rather than the file.
pub const MAX_SHEET_CELLS: u64 = 20_000_000;

/// A worksheet's cells as a range, refused when their used area spans more than
/// [`MAX_SHEET_CELLS`]. An xlsx sheet is read cell by cell, as the xlsx reader itself does (empty
/// cells skipped), and its extent measured before the range is laid out; other formats are
/// read by the reader directly.
pub fn worksheet<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Sheets<RS>,
    sheet: &str,
) -> Result<Range<Data>, String> {
    let Sheets::Xlsx(xlsx) = workbook else {
        return workbook.worksheet_range(sheet).map_err(|e| e.to_string());
    };
    let mut reader = xlsx
        .worksheet_cells_reader(sheet)
        .map_err(|e| e.to_string())?;
    let mut cells = Vec::new();
    let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0, u32::MAX, 0);
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        (top, bottom) = (top.min(row), bottom.max(row));
        (left, right) = (left.min(col), right.max(col));
        cells.push(Cell::new((row, col), Data::from(cell.get_value().clone())));
    }
    if let Some(rows) = bottom.checked_sub(top) {
        let (rows, cols) = (u64::from(rows) + 1, u64::from(right - left) + 1);
        if rows * cols > MAX_SHEET_CELLS {
            return Err(format!(
                "its cells span {rows} rows by {cols} columns ({} cells), more than the {MAX_SHEET_CELLS} galeon reads in a sheet: the workbook is damaged, or not the one published",
                rows * cols
            ));
        }
    }
    Ok(Range::from_sparse(cells))
}

/// Reads the cells of one worksheet as text, with 1-based row numbers.
pub fn read_sheet_cells(path: &Path, sheet: &str) -> Result<Vec<(u64, Vec<String>)>, ReadError> {
    let workbook_error = |message: String| ReadError::Workbook {
        path: path.to_path_buf(),
        sheet: sheet.to_string(),
        message,
    };
    // The xlsx reader can panic on a malformed workbook (found by scripts/fuzz.sh: an index out
    // of bounds, an overflow); that is this file's error, naming it, not the end of the build.
    let opened = std::panic::catch_unwind(|| {
        let mut workbook = open_workbook_auto(path).map_err(|e| e.to_string())?;
        worksheet(&mut workbook, sheet)
    });
    let range = match opened {
        Ok(range) => range.map_err(workbook_error)?,
        Err(_) => {
            return Err(workbook_error(
                "the workbook is malformed: the xlsx reader failed on it".into(),
            ))
        }
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for (offset, row) in range.rows().enumerate() {
        let mut cells = vec![String::new(); first_col as usize];
        cells.extend(row.iter().map(cell_text));
        rows.push((u64::from(first_row) + offset as u64 + 1, cells));
    }
    Ok(rows)
}

fn read_sheet(path: &Path, sheet: &str, header_row: u32) -> Result<Table, ReadError> {
    let cells = read_sheet_cells(path, sheet)?;
    let mut table = Table::default();
    for (row_number, row) in cells {
        match row_number.cmp(&u64::from(header_row)) {
            std::cmp::Ordering::Less => {}
            std::cmp::Ordering::Equal => table.header = row,
            std::cmp::Ordering::Greater => table.rows.push((row_number, row)),
        }
    }
    Ok(table)
}

/// The spreadsheet name of a 0-based column index: 0 → A, 27 → AB.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Regressions found by scripts/fuzz.sh (fixtures written here in the same shape).

    #[test]
    fn a_row_cut_short_is_padded_to_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, "Country Name,Country Code,Year,Value\nBrazil,BRA\n").unwrap();
        let table = read_table(
            &path,
            Layout::Csv {
                encoding: Encoding::Utf8,
                delimiter: b',',
            },
        )
        .unwrap();
        assert_eq!(table.rows[0].1, ["Brazil", "BRA", "", ""]);
    }

    #[test]
    fn a_line_wider_than_a_spreadsheet_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let wide = ",".repeat(MAX_COLUMNS + 1);
        std::fs::write(&path, format!("a,b\n1,2\n{wide}\n")).unwrap();
        let e = read_table(
            &path,
            Layout::Csv {
                encoding: Encoding::Utf8,
                delimiter: b',',
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("16384 columns"), "{e}");
        assert!(matches!(e, ReadError::Csv { line: 3, .. }), "{e:?}");
    }

    /// An xlsx whose cell points past the end of the shared strings made the xlsx reader panic
    /// (an index out of bounds): it is the file's error now.
    #[test]
    fn a_workbook_the_xlsx_reader_panics_on_is_an_error_naming_it() {
        use std::io::{Read, Write};
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet()
            .set_name("Data")
            .unwrap()
            .write_string(0, 0, "Brazil")
            .unwrap();
        book.save(&good).unwrap();
        // Copy the package, with the cell's shared-string index 0 made 99 (there is one string).
        let bad = dir.path().join("bad.xlsx");
        let mut from = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
        let mut to = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
        for i in 0..from.len() {
            let mut part = from.by_index(i).unwrap();
            let mut text = Vec::new();
            part.read_to_end(&mut text).unwrap();
            if part.name() == "xl/worksheets/sheet1.xml" {
                let xml = String::from_utf8(text).unwrap();
                assert!(xml.contains("<v>0</v>"), "{xml}");
                text = xml.replace("<v>0</v>", "<v>99</v>").into_bytes();
            }
            to.start_file(part.name(), zip::write::SimpleFileOptions::default())
                .unwrap();
            to.write_all(&text).unwrap();
        }
        to.finish().unwrap();
        assert_eq!(read_sheet_cells(&good, "Data").unwrap()[0].1, ["Brazil"]);
        let e = read_sheet_cells(&bad, "Data").unwrap_err();
        assert!(e.to_string().contains("malformed"), "{e}");
        assert!(e.to_string().contains("bad.xlsx"), "{e}");
    }

    /// A fuzzed GCOF workbook with two cells far apart made the xlsx reader ask for 151 GB to lay
    /// its sheet out, and the failed allocation ended the process: the sheet is an error now.
    #[test]
    fn a_sheet_spanning_more_cells_than_galeon_reads_is_an_error_not_an_abort() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wide.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("Data").unwrap();
        sheet.write_string(0, 0, "Brazil").unwrap();
        // The last cell of a spreadsheet: 1,048,576 rows by 16,384 columns with the first.
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
        book.save(&path).unwrap();
        let e = read_sheet_cells(&path, "Data").unwrap_err().to_string();
        assert!(e.contains("1048576 rows by 16384 columns"), "{e}");
        assert!(e.contains("wide.xlsx") && e.contains("Data"), "{e}");
        // The same two cells closer together are read, each where it is.
        let near = dir.path().join("near.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("Data").unwrap();
        sheet.write_string(0, 0, "Brazil").unwrap();
        sheet.write_string(2, 3, "x").unwrap();
        book.save(&near).unwrap();
        let rows = read_sheet_cells(&near, "Data").unwrap();
        assert_eq!(
            rows[0],
            (1, vec!["Brazil".into(), "".into(), "".into(), "".into()])
        );
        assert_eq!(
            rows[2],
            (3, vec!["".into(), "".into(), "".into(), "x".into()])
        );
    }

    #[test]
    fn column_letters_follow_spreadsheet_names() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(1), "B");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn latin1_bytes_map_to_the_same_code_points() {
        assert_eq!(latin1_to_string(b"C\xf4te d'Ivoire"), "Côte d'Ivoire");
        assert_eq!(latin1_to_string(b"Cura\xe7ao"), "Curaçao");
    }
}
