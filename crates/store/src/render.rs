//! A query's result written for people or programs: a table, CSV, JSON or Parquet.

use std::io::Write;

use datafusion::arrow;
use datafusion::arrow::array::RecordBatch;

use crate::sql::QueryResult;

/// How to write a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    /// A table for people, then the row count.
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
    /// Parquet.
    Parquet,
}

/// Why a result could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// Writing failed (a closed pipe included: callers may treat that as the reader being done).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The result could not be encoded.
    #[error("writing the result: {0}")]
    Encode(String),
}

impl QueryResult {
    /// Writes the result in `format` to `sink`.
    pub fn write(
        &self,
        format: ResultFormat,
        mut sink: impl Write + Send,
    ) -> Result<(), RenderError> {
        let encode = |e: arrow::error::ArrowError| match e {
            arrow::error::ArrowError::IoError(_, io) => RenderError::Io(io),
            other => RenderError::Encode(other.to_string()),
        };
        let batches = &self.batches;
        match format {
            ResultFormat::Table => {
                if batches.is_empty() {
                    let names: Vec<&str> = (self.schema.fields().iter())
                        .map(|f| f.name().as_str())
                        .collect();
                    writeln!(sink, "{}", names.join(" | "))?;
                } else {
                    let table =
                        arrow::util::pretty::pretty_format_batches(batches).map_err(encode)?;
                    writeln!(sink, "{table}")?;
                }
                writeln!(sink, "{} rows", self.len())?;
            }
            ResultFormat::Csv => {
                let mut writer = arrow::csv::WriterBuilder::new()
                    .with_header(true)
                    .build(&mut sink);
                if batches.is_empty() {
                    writer
                        .write(&RecordBatch::new_empty(self.schema.clone()))
                        .map_err(encode)?;
                }
                for batch in batches {
                    writer.write(batch).map_err(encode)?;
                }
            }
            ResultFormat::Json => {
                let mut writer = arrow::json::ArrayWriter::new(&mut sink);
                let refs: Vec<&RecordBatch> = batches.iter().collect();
                writer.write_batches(&refs).map_err(encode)?;
                writer.finish().map_err(encode)?;
                if self.is_empty() {
                    write!(sink, "[]")?;
                }
                writeln!(sink)?;
            }
            ResultFormat::Parquet => {
                let parquet = |e: datafusion::parquet::errors::ParquetError| match e {
                    datafusion::parquet::errors::ParquetError::External(e) => {
                        RenderError::Encode(e.to_string())
                    }
                    other => RenderError::Encode(other.to_string()),
                };
                let mut writer = datafusion::parquet::arrow::ArrowWriter::try_new(
                    &mut sink,
                    self.schema.clone(),
                    None,
                )
                .map_err(parquet)?;
                for batch in batches {
                    writer.write(batch).map_err(parquet)?;
                }
                writer.close().map_err(parquet)?;
            }
        }
        // A full disk shows here, not in a silently short file.
        sink.flush()?;
        Ok(())
    }
}
