//! One response shape for every list: a table of typed cells, rendered as JSON, CSV or Parquet.

use std::sync::Arc;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use galeon_store::datafusion::arrow::array::{
    ArrayRef, BooleanArray, Float64Array, Int64Array, StringArray,
};
use galeon_store::datafusion::arrow::datatypes::{DataType, Field, Schema};
use galeon_store::datafusion::arrow::record_batch::RecordBatch;
use serde_json::{Map, Value as Json};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value.
    Null,
    /// A number.
    Num(f64),
    /// A whole number.
    Int(i64),
    /// Text.
    Text(String),
    /// Yes or no.
    Bool(bool),
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        v.map_or(Cell::Null, Cell::Num)
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Cell {
        Cell::Num(v)
    }
}

impl From<i32> for Cell {
    fn from(v: i32) -> Cell {
        Cell::Int(v.into())
    }
}

impl From<Option<u32>> for Cell {
    fn from(v: Option<u32>) -> Cell {
        v.map_or(Cell::Null, |v| Cell::Int(v.into()))
    }
}

impl From<&str> for Cell {
    fn from(v: &str) -> Cell {
        Cell::Text(v.to_string())
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Cell {
        Cell::Text(v)
    }
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Cell {
        v.map_or(Cell::Null, Cell::Text)
    }
}

impl From<bool> for Cell {
    fn from(v: bool) -> Cell {
        Cell::Bool(v)
    }
}

impl Cell {
    fn json(&self) -> Json {
        match self {
            Cell::Null => Json::Null,
            Cell::Num(v) if v.is_finite() => Json::from(*v),
            Cell::Num(_) => Json::Null,
            Cell::Int(v) => Json::from(*v),
            Cell::Text(v) => Json::from(v.as_str()),
            Cell::Bool(v) => Json::from(*v),
        }
    }

    fn text(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Num(v) => format!("{v}"),
            Cell::Int(v) => v.to_string(),
            Cell::Text(v) => v.clone(),
            Cell::Bool(v) => v.to_string(),
        }
    }
}

/// Output format of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `{"data": [...], "provenance": {...}, "meta": {...}}`.
    Json,
    /// Comma-separated values with a header; provenance in the `X-Galeon-Provenance` header.
    Csv,
    /// One Parquet file.
    Parquet,
}

/// A table and where it comes from.
#[derive(Debug, Clone)]
pub struct Table {
    /// File name stem for downloads.
    pub name: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
    /// Sources and releases.
    pub sources: Vec<String>,
    /// Anything else worth saying (units, years available, counts).
    pub meta: Map<String, Json>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(name: impl Into<String>, columns: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
            sources: Vec::new(),
            meta: Map::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    fn provenance(&self, store_built: &str) -> Json {
        serde_json::json!({
            "sources": self.sources,
            "store_built_at": store_built,
            "galeon": env!("CARGO_PKG_VERSION"),
        })
    }

    /// The table as an HTTP response in `format`.
    pub fn respond(&self, format: Format, store_built: &str) -> Response {
        match format {
            Format::Json => {
                let data: Vec<Json> = self
                    .rows
                    .iter()
                    .map(|r| {
                        Json::Object(
                            self.columns
                                .iter()
                                .zip(r)
                                .map(|(c, v)| (c.clone(), v.json()))
                                .collect(),
                        )
                    })
                    .collect();
                let body = serde_json::json!({
                    "data": data,
                    "provenance": self.provenance(store_built),
                    "meta": self.meta,
                });
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    serde_json::to_vec(&body).unwrap_or_default(),
                )
                    .into_response()
            }
            Format::Csv => {
                let mut out = String::new();
                let esc = |s: &str| {
                    if s.contains([',', '"', '\n']) {
                        format!("\"{}\"", s.replace('"', "\"\""))
                    } else {
                        s.to_string()
                    }
                };
                out.push_str(
                    &self
                        .columns
                        .iter()
                        .map(|c| esc(c))
                        .collect::<Vec<_>>()
                        .join(","),
                );
                out.push('\n');
                for r in &self.rows {
                    out.push_str(
                        &r.iter()
                            .map(|c| esc(&c.text()))
                            .collect::<Vec<_>>()
                            .join(","),
                    );
                    out.push('\n');
                }
                let mut response = (
                    [
                        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                        (
                            header::CONTENT_DISPOSITION,
                            format!("attachment; filename=\"{}.csv\"", self.name),
                        ),
                    ],
                    out,
                )
                    .into_response();
                self.provenance_header(&mut response, store_built);
                response
            }
            Format::Parquet => match self.parquet() {
                Ok(bytes) => {
                    let mut response = (
                        [
                            (
                                header::CONTENT_TYPE,
                                "application/vnd.apache.parquet".to_string(),
                            ),
                            (
                                header::CONTENT_DISPOSITION,
                                format!("attachment; filename=\"{}.parquet\"", self.name),
                            ),
                        ],
                        bytes,
                    )
                        .into_response();
                    self.provenance_header(&mut response, store_built);
                    response
                }
                Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
            },
        }
    }

    fn provenance_header(&self, response: &mut Response, store_built: &str) {
        let text = self.provenance(store_built).to_string();
        // Header values must be visible ASCII: escape the rest as JSON does.
        let ascii: String = text
            .chars()
            .flat_map(|c| {
                if c.is_ascii() && !c.is_ascii_control() {
                    vec![c]
                } else {
                    format!("\\u{:04x}", c as u32).chars().collect()
                }
            })
            .collect();
        if let Ok(v) = HeaderValue::from_str(&ascii) {
            response.headers_mut().insert("x-galeon-provenance", v);
        }
    }

    fn parquet(&self) -> Result<Vec<u8>, String> {
        let mut fields = Vec::new();
        let mut arrays: Vec<ArrayRef> = Vec::new();
        for (j, name) in self.columns.iter().enumerate() {
            let cells: Vec<&Cell> = self.rows.iter().map(|r| &r[j]).collect();
            let kind = cells.iter().find(|c| !matches!(c, Cell::Null));
            let (dt, array): (DataType, ArrayRef) = match kind {
                Some(Cell::Num(_)) => (
                    DataType::Float64,
                    Arc::new(Float64Array::from(
                        cells
                            .iter()
                            .map(|c| match c {
                                Cell::Num(v) => Some(*v),
                                Cell::Int(v) => Some(*v as f64),
                                _ => None,
                            })
                            .collect::<Vec<_>>(),
                    )),
                ),
                Some(Cell::Int(_)) => (
                    DataType::Int64,
                    Arc::new(Int64Array::from(
                        cells
                            .iter()
                            .map(|c| match c {
                                Cell::Int(v) => Some(*v),
                                _ => None,
                            })
                            .collect::<Vec<_>>(),
                    )),
                ),
                Some(Cell::Bool(_)) => (
                    DataType::Boolean,
                    Arc::new(BooleanArray::from(
                        cells
                            .iter()
                            .map(|c| match c {
                                Cell::Bool(v) => Some(*v),
                                _ => None,
                            })
                            .collect::<Vec<_>>(),
                    )),
                ),
                _ => (
                    DataType::Utf8,
                    Arc::new(StringArray::from(
                        cells
                            .iter()
                            .map(|c| match c {
                                Cell::Null => None,
                                other => Some(other.text()),
                            })
                            .collect::<Vec<_>>(),
                    )),
                ),
            };
            fields.push(Field::new(name.as_str(), dt, true));
            arrays.push(array);
        }
        let schema = Arc::new(Schema::new(fields));
        let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(|e| e.to_string())?;
        let mut bytes = Vec::new();
        let mut writer = galeon_store::datafusion::parquet::arrow::ArrowWriter::try_new(
            &mut bytes, schema, None,
        )
        .map_err(|e| e.to_string())?;
        writer.write(&batch).map_err(|e| e.to_string())?;
        writer.close().map_err(|e| e.to_string())?;
        Ok(bytes)
    }
}
