//! Writing a small table of typed columns as one Parquet file, for downloads: the front ends
//! describe their columns with [`Column`] and never touch Arrow themselves.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, BooleanArray, Float64Array, Int64Array, StringArray};
use datafusion::arrow::datatypes::{Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet::arrow::ArrowWriter;

/// One column's values, all of one type; `None` is a null.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Floating-point numbers.
    Float(Vec<Option<f64>>),
    /// Whole numbers.
    Int(Vec<Option<i64>>),
    /// Yes or no.
    Bool(Vec<Option<bool>>),
    /// Text.
    Text(Vec<Option<String>>),
}

/// Why a table could not be written as Parquet.
#[derive(Debug, thiserror::Error)]
#[error("writing Parquet: {0}")]
pub struct ExportError(String);

/// The named columns as the bytes of one Parquet file (columns must have equal lengths).
pub fn parquet_bytes(columns: Vec<(String, Column)>) -> Result<Vec<u8>, ExportError> {
    let batch = batch(columns)?;
    let mut bytes = Vec::new();
    let failed = |e: &dyn std::fmt::Display| ExportError(e.to_string());
    let mut writer =
        ArrowWriter::try_new(&mut bytes, batch.schema(), None).map_err(|e| failed(&e))?;
    writer.write(&batch).map_err(|e| failed(&e))?;
    writer.close().map_err(|e| failed(&e))?;
    Ok(bytes)
}

/// Writes the named columns as a Parquet file at `path`, atomically: into a temporary file
/// beside it, renamed over it once complete.
pub fn write_parquet(
    path: &std::path::Path,
    columns: Vec<(String, Column)>,
) -> Result<(), ExportError> {
    let bytes = parquet_bytes(columns)?;
    let failed = |e: std::io::Error| ExportError(format!("{}: {e}", path.display()));
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir).map_err(failed)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("table");
    let tmp = dir.join(format!(".{name}.{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(failed)?;
    std::fs::rename(&tmp, path).map_err(failed)
}

/// The named columns as one Arrow batch.
pub(crate) fn batch(columns: Vec<(String, Column)>) -> Result<RecordBatch, ExportError> {
    let mut fields = Vec::with_capacity(columns.len());
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(columns.len());
    for (name, column) in columns {
        let array: ArrayRef = match column {
            Column::Float(v) => Arc::new(Float64Array::from(v)),
            Column::Int(v) => Arc::new(Int64Array::from(v)),
            Column::Bool(v) => Arc::new(BooleanArray::from(v)),
            Column::Text(v) => Arc::new(StringArray::from(v)),
        };
        fields.push(Field::new(name, array.data_type().clone(), true));
        arrays.push(array);
    }
    let schema = Arc::new(Schema::new(fields));
    RecordBatch::try_new(schema, arrays).map_err(|e| ExportError(e.to_string()))
}
