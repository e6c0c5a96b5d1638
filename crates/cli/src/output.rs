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
    /// A JSON array of objects.
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

/// Writes Arrow batches in `format` to `output` or standard output.
pub fn render_batches(
    batches: &[galeon_store::datafusion::arrow::array::RecordBatch],
    schema: &galeon_store::datafusion::arrow::datatypes::SchemaRef,
    format: SqlFormat,
    output: Option<&std::path::Path>,
) -> Result<()> {
    use galeon_store::datafusion::arrow;
    let mut sink: Box<dyn Write + Send> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::stdout()),
    };
    match format {
        SqlFormat::Table => {
            let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
            if batches.is_empty() {
                let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
                writeln!(sink, "{}", names.join(" | "))?;
            } else {
                writeln!(
                    sink,
                    "{}",
                    arrow::util::pretty::pretty_format_batches(batches)?
                )?;
            }
            writeln!(sink, "{rows} rows")?;
        }
        SqlFormat::Csv => {
            let mut writer = arrow::csv::WriterBuilder::new()
                .with_header(true)
                .build(sink);
            if batches.is_empty() {
                writer.write(&arrow::array::RecordBatch::new_empty(schema.clone()))?;
            }
            for batch in batches {
                writer.write(batch)?;
            }
        }
        SqlFormat::Json => {
            let mut writer = arrow::json::ArrayWriter::new(&mut sink);
            let refs: Vec<&arrow::array::RecordBatch> = batches.iter().collect();
            writer.write_batches(&refs)?;
            writer.finish()?;
            if batches.iter().all(|b| b.num_rows() == 0) {
                write!(sink, "[]")?;
            }
            writeln!(sink)?;
        }
        SqlFormat::Parquet => {
            let mut writer = galeon_store::datafusion::parquet::arrow::ArrowWriter::try_new(
                sink,
                schema.clone(),
                None,
            )?;
            for batch in batches {
                writer.write(batch)?;
            }
            writer.close()?;
        }
    }
    Ok(())
}
