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
                        arrow::util::pretty::pretty_format_batches(batches).map_err(arrow_error)?;
                    writeln!(sink, "{table}")?;
                }
                writeln!(sink, "{} rows", self.len())?;
            }
            ResultFormat::Csv | ResultFormat::Parquet => {
                let mut writer = BatchWriter::new(format, &mut sink, self.schema.clone())?;
                for batch in batches {
                    writer.write(batch)?;
                }
                writer.finish()?;
            }
            ResultFormat::Json => {
                let mut writer = arrow::json::ArrayWriter::new(&mut sink);
                let refs: Vec<&RecordBatch> = batches.iter().collect();
                writer.write_batches(&refs).map_err(arrow_error)?;
                writer.finish().map_err(arrow_error)?;
                if self.is_empty() {
                    write!(sink, "[]")?;
                }
                writeln!(sink)?;
            }
        }
        // A full disk shows here, not in a silently short file.
        sink.flush()?;
        Ok(())
    }
}

/// Writes a result's batches as they come, in a format that can be written that way (CSV,
/// Parquet): one mechanism for results held whole and results streamed to files.
pub(crate) enum BatchWriter<W: Write + Send> {
    /// CSV with a header row; `wrote` says whether the header went out with a batch yet.
    Csv {
        writer: arrow::csv::Writer<W>,
        schema: arrow::datatypes::SchemaRef,
        wrote: bool,
    },
    /// Parquet, row groups as the writer fills them.
    Parquet(datafusion::parquet::arrow::ArrowWriter<W>),
}

impl<W: Write + Send> BatchWriter<W> {
    /// A writer of `format` into `sink`; a table for people or JSON are not written this way.
    pub(crate) fn new(
        format: ResultFormat,
        sink: W,
        schema: arrow::datatypes::SchemaRef,
    ) -> Result<BatchWriter<W>, RenderError> {
        match format {
            ResultFormat::Csv => Ok(BatchWriter::Csv {
                writer: arrow::csv::WriterBuilder::new()
                    .with_header(true)
                    .build(sink),
                schema,
                wrote: false,
            }),
            ResultFormat::Parquet => {
                let writer = datafusion::parquet::arrow::ArrowWriter::try_new(sink, schema, None);
                Ok(BatchWriter::Parquet(writer.map_err(parquet_error)?))
            }
            ResultFormat::Table | ResultFormat::Json => Err(RenderError::Encode(format!(
                "{format:?} is written from a whole result, not batch by batch"
            ))),
        }
    }

    /// Writes one batch.
    pub(crate) fn write(&mut self, batch: &RecordBatch) -> Result<(), RenderError> {
        match self {
            BatchWriter::Csv { writer, wrote, .. } => {
                *wrote = true;
                writer.write(batch).map_err(arrow_error)
            }
            BatchWriter::Parquet(writer) => writer.write(batch).map_err(parquet_error),
        }
    }

    /// Ends the output (a CSV of no rows still has its header; Parquet its footer) and
    /// flushes it: a full disk shows here, not in a silently short file.
    pub(crate) fn finish(self) -> Result<(), RenderError> {
        match self {
            BatchWriter::Csv {
                mut writer,
                schema,
                wrote,
            } => {
                if !wrote {
                    let empty = RecordBatch::new_empty(schema);
                    writer.write(&empty).map_err(arrow_error)?;
                }
                writer.into_inner().flush()?;
            }
            BatchWriter::Parquet(mut writer) => {
                writer.finish().map_err(parquet_error)?;
                writer.inner_mut().flush()?;
            }
        }
        Ok(())
    }
}

/// A [`BatchWriter`] into a new file, whose errors name the file.
pub(crate) struct FileWriter {
    path: std::path::PathBuf,
    writer: BatchWriter<std::io::BufWriter<std::fs::File>>,
}

impl FileWriter {
    /// Creates the file (replacing one there) and a writer of `format` into it.
    pub(crate) fn create(
        format: ResultFormat,
        path: &std::path::Path,
        schema: arrow::datatypes::SchemaRef,
    ) -> Result<FileWriter, crate::QueryError> {
        let file = std::fs::File::create(path).map_err(|e| write_error(path, e))?;
        let writer = BatchWriter::new(format, std::io::BufWriter::new(file), schema)
            .map_err(|e| write_error(path, e))?;
        Ok(FileWriter {
            path: path.to_path_buf(),
            writer,
        })
    }

    /// Writes one batch.
    pub(crate) fn write(&mut self, batch: &RecordBatch) -> Result<(), crate::QueryError> {
        (self.writer.write(batch)).map_err(|e| write_error(&self.path, e))
    }

    /// Ends and flushes the file.
    pub(crate) fn finish(self) -> Result<(), crate::QueryError> {
        let path = self.path;
        self.writer.finish().map_err(|e| write_error(&path, e))
    }
}

fn write_error(path: &std::path::Path, e: impl std::fmt::Display) -> crate::QueryError {
    crate::QueryError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

fn arrow_error(e: arrow::error::ArrowError) -> RenderError {
    match e {
        arrow::error::ArrowError::IoError(_, io) => RenderError::Io(io),
        other => RenderError::Encode(other.to_string()),
    }
}

fn parquet_error(e: datafusion::parquet::errors::ParquetError) -> RenderError {
    match e {
        datafusion::parquet::errors::ParquetError::External(e) => {
            RenderError::Encode(e.to_string())
        }
        other => RenderError::Encode(other.to_string()),
    }
}
