//! The fetch log, `fetched.toml` at the top of a sources folder: for every file `galeon fetch`
//! wrote, the URL, the time, the HTTP status, the size, the SHA-256 and the release as the
//! publisher states it. `galeon fetch` writes it; `galeon build` copies the entries of the files
//! it reads into the manifest, so a stored value traces back to a URL and a download date.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The log's file name, at the top of the sources folder.
pub const FETCH_LOG: &str = "fetched.toml";

/// Partial downloads live under this folder of the sources folder; no dataset folder is in it.
pub const PARTIAL_DIR: &str = ".partial";

/// Publishers' lists of their files (a Dataverse dataset's description, GDELT's file list),
/// from which `galeon fetch` takes URLs and checksums, and publishers' zips until the files
/// declared in them are taken out, live under this folder, one folder per dataset; no dataset
/// folder is in it.
pub const LISTINGS_DIR: &str = ".listings";

/// One downloaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetched {
    /// Dataset id.
    pub dataset: String,
    /// The URL it came from.
    pub url: String,
    /// When the download completed (UTC, RFC 3339).
    pub fetched: String,
    /// HTTP status of the answer that completed it (200, or 206 after a resume).
    pub status: u16,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256, hex.
    pub sha256: String,
    /// The release as the publisher states it (an SDMX message's `Prepared` stamp, a
    /// `Last-Modified` header, a pinned commit or version), when it states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    /// Anything a reader of the log should know (an empty answer, a resumed download).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The whole log: entries by file path relative to the sources folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FetchLog {
    /// The latest download of each file.
    #[serde(default)]
    pub files: BTreeMap<String, Fetched>,
}

impl FetchLog {
    /// Reads the log of a sources folder; an absent log is an empty one.
    pub fn read(root: &Path) -> Result<FetchLog, String> {
        let path = root.join(FETCH_LOG);
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FetchLog::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Writes the log (through a temporary file, so a reader never sees half of it).
    pub fn write(&self, root: &Path) -> Result<(), String> {
        let path = root.join(FETCH_LOG);
        let text = toml::to_string(self).map_err(|e| e.to_string())?;
        let header = "# Written by `galeon fetch`: the latest download of every file, by path.\n";
        let temporary = root.join(format!("{FETCH_LOG}.tmp"));
        std::fs::write(&temporary, format!("{header}{text}"))
            .and_then(|()| std::fs::rename(&temporary, &path))
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}
