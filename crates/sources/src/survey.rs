//! What a sources directory holds, measured against the declarations: for each dataset the files
//! its connector reads (with size, SHA-256 and the release the file states), the files present
//! but not read (with the reason), and the declared files that are missing; and the files that
//! no dataset declares. Nothing is skipped silently: every file under the directory ends up in
//! exactly one of these lists.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::catalogue::{Dataset, FileContent, FileSpec, Reader, TOP_LEVEL_FILES};
use crate::connect::{relative_path, Context};
use crate::datasets::{DATASETS, RECORDED_RESPONSES};
use crate::read::ReadError;
use crate::release::{read_release_toml, release_of, ReleaseToml, RELEASE_TOML};

/// A file a connector reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Full path.
    pub path: PathBuf,
    /// Path relative to the sources directory, with `/`.
    pub relative: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes as shipped.
    pub sha256: String,
    /// The release the file states (or `release.toml`, or unknown with the hash).
    pub release: String,
}

/// A file present but not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NotRead {
    /// Path relative to the sources directory.
    pub path: String,
    /// Why it is not read.
    pub reason: String,
}

/// One dataset's files.
#[derive(Debug, Clone)]
pub struct DatasetFiles {
    /// The declaration.
    pub dataset: &'static Dataset,
    /// Whether the dataset's folder exists (an absent folder is a known gap, not an error).
    pub present: bool,
    /// Files the connector reads, in path order.
    pub read: Vec<SourceFile>,
    /// Files present but not read.
    pub not_read: Vec<NotRead>,
    /// Declared file patterns that matched no file (only for a present folder).
    pub missing: Vec<String>,
}

/// A whole sources directory.
#[derive(Debug, Clone)]
pub struct Survey {
    /// One entry per declared dataset, in declaration order.
    pub datasets: Vec<DatasetFiles>,
    /// Files outside every dataset folder (recorded API responses, unknown folders).
    pub not_read: Vec<NotRead>,
}

/// Why a file under no dataset folder is not read: a recorded response, the folder's README, or
/// a folder no declaration knows.
fn outside_reason(relative: &str) -> String {
    if TOP_LEVEL_FILES.contains(&relative) {
        return "documentation (the sources folder's README)".into();
    }
    if relative == crate::fetched::FETCH_LOG {
        return "the fetch log (its entries for the files read are copied into the manifest)"
            .into();
    }
    if relative.starts_with(&format!("{}/", crate::fetched::PARTIAL_DIR)) {
        return "an interrupted download, never read (`galeon fetch` resumes it)".into();
    }
    if relative.starts_with(&format!("{}/", crate::fetched::LISTINGS_DIR)) {
        return "a publisher's list of its files, from which `galeon fetch` took URLs and checksums, or a publisher's zip whose declared files were not all taken out yet"
            .into();
    }
    for (folder, what) in RECORDED_RESPONSES {
        if relative
            .strip_prefix(folder)
            .is_some_and(|r| r.starts_with('/'))
        {
            return format!("recorded API response, a test fixture: {what}");
        }
    }
    "no dataset declaration covers this folder".into()
}

/// The dataset whose folder holds `relative` (a path relative to the sources directory).
pub fn dataset_of(relative: &str) -> Option<(&'static Dataset, &str)> {
    DATASETS.iter().find_map(|d| {
        let rest = relative.strip_prefix(d.folder)?.strip_prefix('/')?;
        Some((d, rest))
    })
}

/// The declared files of `dataset` (their patterns) that have no file in its folder under
/// `root`; files declared as not read (documentation, metadata) are left aside.
pub fn missing_in(dataset: &Dataset, root: &Path) -> Vec<&'static str> {
    let folder = root.join(dataset.folder);
    let present: Vec<String> = walkdir::WalkDir::new(&folder)
        .follow_links(true)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| relative_path(&folder, e.path()))
        .collect();
    (dataset.files.iter())
        .filter(|spec| !matches!(spec.content, FileContent::NotRead(_)))
        .filter(|spec| !present.iter().any(|p| spec.matches(p)))
        .map(|spec| spec.pattern)
        .collect()
}

/// The declaration entry that matches a path within the dataset folder.
pub fn spec_of<'d>(dataset: &'d Dataset, within: &str) -> Option<&'d FileSpec> {
    dataset.files.iter().find(|f| f.matches(within))
}

/// Every regular file under `root`, sorted, relative paths with `/`.
fn list(root: &Path) -> Result<Vec<(PathBuf, String)>, ReadError> {
    let mut out = Vec::new();
    // Symbolic links are followed: a sources folder may link to datasets kept elsewhere.
    for entry in walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| ReadError::Io {
            path: e.path().unwrap_or(root).to_path_buf(),
            source: e.into(),
        })?;
        if entry.file_type().is_file() {
            let relative = relative_path(root, entry.path());
            out.push((entry.into_path(), relative));
        }
    }
    Ok(out)
}

/// Surveys `root`: lists, classifies and hashes every file (on every core), and reads each
/// file's release.
pub fn survey(root: &Path) -> Result<Survey, ReadError> {
    let files = list(root)?;
    let mut datasets: Vec<DatasetFiles> = DATASETS
        .iter()
        .map(|dataset| DatasetFiles {
            dataset,
            present: root.join(dataset.folder).is_dir(),
            read: Vec::new(),
            not_read: Vec::new(),
            missing: Vec::new(),
        })
        .collect();
    let mut outside = Vec::new();
    let mut to_read: Vec<(usize, PathBuf, String)> = Vec::new();
    for (path, relative) in files {
        let Some((index, within)) = DATASETS.iter().enumerate().find_map(|(i, d)| {
            let rest = relative.strip_prefix(d.folder)?.strip_prefix('/')?;
            Some((i, rest.to_string()))
        }) else {
            outside.push(NotRead {
                reason: outside_reason(&relative),
                path: relative,
            });
            continue;
        };
        let entry = &mut datasets[index];
        let reason = if within == RELEASE_TOML {
            Some("the release statement for the folder".to_string())
        } else {
            match spec_of(entry.dataset, &within).map(|spec| spec.content) {
                None => Some("no declaration of this dataset reads this file".to_string()),
                Some(FileContent::NotRead(reason)) => Some(reason.to_string()),
                Some(_) => match entry.dataset.reader {
                    Reader::NotRead(reason) => Some(reason.to_string()),
                    Reader::Rows(_) => None,
                },
            }
        };
        match reason {
            Some(reason) => entry.not_read.push(NotRead {
                path: relative,
                reason,
            }),
            None => to_read.push((index, path, relative)),
        }
    }
    for entry in datasets.iter_mut().filter(|d| d.present) {
        let folder = entry.dataset.folder;
        for spec in entry.dataset.files {
            let found = |rel: &String| {
                rel.strip_prefix(folder)
                    .and_then(|r| r.strip_prefix('/'))
                    .is_some_and(|r| spec.matches(r))
            };
            let any = to_read.iter().any(|(_, _, rel)| found(rel))
                || entry.not_read.iter().any(|n| found(&n.path));
            if !any {
                entry.missing.push(spec.pattern.to_string());
            }
        }
    }
    let stated: Vec<Option<ReleaseToml>> = datasets
        .iter()
        .map(|d| match d.present {
            true => read_release_toml(&root.join(d.dataset.folder)),
            false => Ok(None),
        })
        .collect::<Result<_, _>>()
        .map_err(|message| ReadError::Io {
            path: root.to_path_buf(),
            source: std::io::Error::other(message),
        })?;
    let hashed: Vec<(usize, SourceFile)> = to_read
        .into_par_iter()
        .map(|(index, path, relative)| {
            let (size, sha256) = sha256_of(&path).map_err(|source| ReadError::Io {
                path: path.clone(),
                source,
            })?;
            let dataset = DATASETS[index];
            let within = &relative[dataset.folder.len() + 1..];
            let folder = root.join(dataset.folder);
            let release = release_of(&dataset, &folder, within, &sha256, stated[index].as_ref());
            Ok((
                index,
                SourceFile {
                    path,
                    relative,
                    size,
                    sha256,
                    release,
                },
            ))
        })
        .collect::<Result<_, ReadError>>()?;
    for (index, file) in hashed {
        datasets[index].read.push(file);
    }
    Ok(Survey {
        datasets,
        not_read: outside,
    })
}

/// Size and SHA-256 (hex) of a file.
pub fn sha256_of(path: &Path) -> std::io::Result<(u64, String)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buffer[..n]);
    }
    Ok((size, format!("{:x}", hasher.finalize())))
}

impl DatasetFiles {
    /// The context a connector is given for these files: the sources directory and each file's
    /// release.
    pub fn context(&self, root: &Path) -> Context {
        Context {
            root: root.to_path_buf(),
            dataset: self.dataset,
            releases: (self.read.iter())
                .map(|f| (f.relative.clone(), f.release.as_str().into()))
                .collect(),
        }
    }
}

/// Reads one dataset of `root` into `sink` exactly as a build would (same files, same releases),
/// without a store: for tests and tools. Returns what the survey found for it.
pub fn read_dataset(
    root: &Path,
    id: &str,
    sink: &mut dyn crate::canonical::Sink,
) -> Result<DatasetFiles, ReadError> {
    let survey = survey(root)?;
    let files = (survey.datasets.into_iter())
        .find(|d| d.dataset.id == id)
        .unwrap_or_else(|| panic!("no dataset {id:?} is declared"));
    if let Reader::Rows(run) = files.dataset.reader {
        let paths: Vec<PathBuf> = files.read.iter().map(|f| f.path.clone()).collect();
        run(&files.context(root), &paths, sink, &mut |_| {})?;
    }
    Ok(files)
}
