//! A resource's table as an HTTP response: JSON, CSV or Parquet.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use galeon_observatory::Table;

/// Output format of a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `{"data": [...], "provenance": {...}, "meta": {...}}`.
    Json,
    /// Comma-separated values with a header; provenance in the `X-Galeon-Provenance` header.
    Csv,
    /// One Parquet file.
    Parquet,
}

/// The table as an HTTP response in `format`.
pub fn respond(table: &Table, format: Format) -> Response {
    let attachment = |ext: &str| format!("attachment; filename=\"{}.{ext}\"", table.name);
    let (content_type, disposition, body) = match format {
        Format::Json => {
            let body = serde_json::to_vec(&table.to_json()).unwrap_or_default();
            return ([(header::CONTENT_TYPE, "application/json")], body).into_response();
        }
        Format::Csv => {
            let mut body = Vec::new();
            if let Err(e) = table.write_csv(&mut body) {
                return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response();
            }
            ("text/csv; charset=utf-8", attachment("csv"), body)
        }
        Format::Parquet => match table.to_parquet() {
            Ok(body) => (
                "application/vnd.apache.parquet",
                attachment("parquet"),
                body,
            ),
            Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        },
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response();
    // Header values must be visible ASCII: escape the rest as JSON does.
    let ascii: String = (table.provenance().to_string().chars())
        .flat_map(|c| match c.is_ascii() && !c.is_ascii_control() {
            true => vec![c],
            false => format!("\\u{:04x}", c as u32).chars().collect(),
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&ascii) {
        response.headers_mut().insert("x-galeon-provenance", v);
    }
    response
}
