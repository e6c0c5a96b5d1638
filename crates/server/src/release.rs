//! A data release written by `galeon release`, offered for download as it is: its
//! `datapackage.json`, its README and the files its resources name, nothing else (so no path
//! can reach outside it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// A release folder and the files it may serve.
#[derive(Debug, Clone)]
pub struct ReleaseDir {
    dir: PathBuf,
    files: BTreeSet<String>,
}

impl ReleaseDir {
    /// The release in `dir`, read from its `datapackage.json`.
    pub fn open(dir: &Path) -> Result<ReleaseDir, String> {
        let package = dir.join("datapackage.json");
        let text = std::fs::read_to_string(&package).map_err(|e| {
            format!(
                "{}: {e} (write one with `galeon release --into DIR`)",
                package.display()
            )
        })?;
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not JSON: {e}", package.display()))?;
        let resources = json["resources"]
            .as_array()
            .ok_or_else(|| format!("{}: no resources: not a data package", package.display()))?;
        let mut files: BTreeSet<String> =
            ["datapackage.json", "README.md"].map(String::from).into();
        for path in resources.iter().filter_map(|r| r["path"].as_str()) {
            // Only plain relative names: a package that points outside itself is not served.
            let plain = Path::new(path)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if !plain {
                return Err(format!(
                    "{}: resource path {path:?} leaves the folder",
                    package.display()
                ));
            }
            files.insert(path.to_string());
        }
        Ok(ReleaseDir {
            dir: dir.to_path_buf(),
            files,
        })
    }

    /// The file `name` of the release, streamed from disk, or 404.
    pub async fn file(&self, name: &str) -> Response {
        if !self.files.contains(name) {
            return (
                StatusCode::NOT_FOUND,
                "not in the release: see /release/datapackage.json",
            )
                .into_response();
        }
        let kind = match name.rsplit('.').next() {
            Some("json") => "application/json",
            Some("csv") => "text/csv; charset=utf-8",
            Some("md") => "text/markdown; charset=utf-8",
            Some("parquet") => "application/vnd.apache.parquet",
            _ => "application/octet-stream",
        };
        match tokio::fs::File::open(self.dir.join(name)).await {
            Ok(file) => {
                let body = axum::body::Body::from_stream(tokio_util::io::ReaderStream::new(file));
                ([(header::CONTENT_TYPE, kind)], body).into_response()
            }
            Err(_) => (StatusCode::NOT_FOUND, "the release's file is missing").into_response(),
        }
    }
}
