//! One result, several renderers: a table for people, CSV and JSON for pipes.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

/// Output format of every listing command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table sized to the terminal.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON: `{"data": [objects], "provenance": …, "meta": …}` (a JSON array of objects for
    /// the few listings that are not resources).
    Json,
}

/// Rows of text under named columns.
pub struct Rows {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Rows {
    /// Empty rows with these column names.
    pub fn new(header: &[&str]) -> Rows {
        Rows {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; it must have one cell per column.
    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.header.len());
        self.rows.push(row);
    }
}

/// Writes `rows` to standard output in `format`.
pub fn render(rows: &Rows, format: Format) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Table => {
            let mut table = Table::new();
            table
                .load_preset(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic);
            if !table.is_tty() {
                // Piped or redirected: wrap to a readable width instead of one endless line.
                table.set_width(
                    std::env::var("COLUMNS")
                        .ok()
                        .and_then(|c| c.parse().ok())
                        .unwrap_or(140),
                );
            }
            table.set_header(&rows.header);
            for row in &rows.rows {
                table.add_row(row);
            }
            writeln!(out, "{table}")?;
            writeln!(out, "{} rows", rows.rows.len())?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(&rows.header)?;
            for row in &rows.rows {
                writer.write_record(row)?;
            }
            writer.flush()?;
        }
        Format::Json => {
            let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
                .rows
                .iter()
                .map(|row| {
                    rows.header
                        .iter()
                        .cloned()
                        .zip(row.iter().map(|c| serde_json::Value::String(c.clone())))
                        .collect()
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&objects)?)?;
        }
    }
    Ok(())
}

/// Writes a resource's table to standard output in `format`: the terminal table shows numbers
/// to six significant digits; CSV and JSON carry them exactly, JSON as numbers with the
/// table's provenance and notes (`{"data": …, "provenance": …, "meta": …}`, as the API).
pub fn render_table(table: &galeon_observatory::Table, format: Format) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Table => {
            let mut rows = Rows::new(&table.columns.iter().map(String::as_str).collect::<Vec<_>>());
            for row in &table.rows {
                rows.push(row.iter().map(galeon_observatory::Cell::display).collect());
            }
            drop(out);
            render(&rows, format)?;
        }
        Format::Csv => table.write_csv(&mut out)?,
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&table.to_json())?)?,
    }
    Ok(())
}

/// Output format of `galeon sql`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SqlFormat {
    /// A table for people.
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
    /// Parquet (needs --output).
    Parquet,
}

/// Writes a query's result in `format` to `output` or standard output.
pub fn render_result(
    result: &galeon_store::QueryResult,
    format: SqlFormat,
    output: Option<&std::path::Path>,
) -> Result<()> {
    let sink: Box<dyn Write + Send> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::stdout()),
    };
    let format = match format {
        SqlFormat::Table => galeon_store::ResultFormat::Table,
        SqlFormat::Csv => galeon_store::ResultFormat::Csv,
        SqlFormat::Json => galeon_store::ResultFormat::Json,
        SqlFormat::Parquet => galeon_store::ResultFormat::Parquet,
    };
    match result.write(format, sink) {
        // Kept as an I/O error, so that a closed pipe (`galeon sql … | head`) is recognised.
        Err(galeon_store::RenderError::Io(e)) => Err(e.into()),
        other => Ok(other?),
    }
}
