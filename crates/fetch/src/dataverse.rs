//! Harvard Dataverse: a dataset's description from the native API (its latest published
//! version, with each file's id, name and checksum), then each wanted file (named in the
//! declaration, or matching its pattern) as it was uploaded.
//!
//! Dataverse converts tabular files it ingests to tab-separated text; `format=original` asks
//! for the file as the publisher uploaded it, which is what the connectors read and what the
//! description's checksum is of.

use std::path::Path;

use galeon_sources::obtain::{Host, Listed};
use serde_json::Value;

use crate::http::{Checked, Checksum};
use crate::Hosts;

/// The file the description is saved as, in the dataset's listings folder.
pub const DESCRIPTION: &str = "dataverse-dataset.json";

/// The URL of the description of a dataset's latest published version.
pub fn description_url(hosts: &Hosts, doi: &str) -> String {
    hosts.url(
        Host::Dataverse,
        &format!("api/datasets/:persistentId/?persistentId={doi}"),
    )
}

/// One wanted file as the description gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// Where to get it.
    pub url: String,
    /// Where it goes in the dataset folder.
    pub save_as: String,
    /// The checksum Dataverse keeps of it, when of a kind galeon checks.
    pub checksum: Option<Checksum>,
    /// Why the file cannot be checked, when it cannot (for the fetch log).
    pub unchecked: Option<String>,
    /// The dataset version it belongs to, as a release label.
    pub release: String,
}

/// Checks a description: Dataverse's `status` is `OK` and a version is there; the release is
/// the version and its release date.
pub fn check(path: &Path) -> Result<Checked, String> {
    let value = read(path)?;
    Ok(Checked {
        release: Some(version(&value)?),
        ..Checked::default()
    })
}

/// The wanted files of a description, public, each with its checksum. A named file is found by
/// any of its names (as uploaded, as stored, its label); a pattern is matched against the name
/// as uploaded, which is what is fetched.
pub fn files(path: &Path, doi: &str, wanted: &Listed, hosts: &Hosts) -> Result<Vec<File>, String> {
    let value = read(path)?;
    let release = format!("Harvard Dataverse {doi}, {}", version(&value)?);
    let listed = (value.pointer("/data/latestVersion/files"))
        .and_then(Value::as_array)
        .ok_or("the description lists no files (data.latestVersion.files)")?;
    // Each candidate name with the entry it names: every entry's name as uploaded first (a
    // table Dataverse ingested is stored and labelled `.tab`), then, for a named file only, its
    // stored name and its label; so a name as uploaded wins over another entry's label.
    let pointers: &[&str] = match wanted {
        Listed::Named(_) => &["/dataFile/originalFileName", "/dataFile/filename", "/label"],
        Listed::Matching(_) => &["/dataFile/originalFileName", "/dataFile/filename"],
    };
    let name_at = |f: &Value, p: &str| match p {
        // An ingested table's stored name is its label; the name as uploaded is the original's.
        "/dataFile/filename" if f.pointer("/dataFile/originalFileName").is_some() => None,
        _ => f.pointer(p).and_then(Value::as_str).map(str::to_string),
    };
    let candidates: Vec<(usize, String)> = (pointers.iter())
        .flat_map(|p| {
            (listed.iter().enumerate()).filter_map(move |(i, f)| Some((i, name_at(f, p)?)))
        })
        .collect();
    let just_names: Vec<String> = candidates.iter().map(|(_, n)| n.clone()).collect();
    let mut chosen = wanted.select(&just_names).map_err(|e| {
        let labels: Vec<String> = (listed.iter())
            .filter_map(|f| f.pointer("/label").and_then(Value::as_str))
            .map(str::to_string)
            .collect();
        format!("{e} in {release}; it has {}", labels.join(", "))
    })?;
    if let Listed::Matching(_) = wanted {
        chosen.sort_by_key(|(at, _)| candidates[*at].0); // in the description's order
    }
    let mut out = Vec::new();
    for (at, save_as) in chosen {
        let (entry, name) = (&listed[candidates[at].0], &candidates[at].1);
        if entry.pointer("/restricted").and_then(Value::as_bool) == Some(true) {
            return Err(format!(
                "{name:?} is restricted on Dataverse: download it by hand after requesting access"
            ));
        }
        let id = (entry.pointer("/dataFile/id"))
            .and_then(Value::as_u64)
            .ok_or_else(|| format!("{name:?} has no dataFile.id"))?;
        let ingested = entry.pointer("/dataFile/originalFileFormat").is_some();
        let query = if ingested { "?format=original" } else { "" };
        let (checksum, unchecked) = checksum(entry);
        out.push(File {
            url: hosts.url(Host::Dataverse, &format!("api/access/datafile/{id}{query}")),
            save_as,
            checksum,
            unchecked,
            release: format!("{release}, file {id}"),
        });
    }
    Ok(out)
}

/// The file's checksum: `dataFile.checksum` (`MD5` or `SHA-256`), else the older `md5` field;
/// or, when there is none galeon computes, why the file is not checked.
fn checksum(entry: &Value) -> (Option<Checksum>, Option<String>) {
    let field = |p: &str| entry.pointer(p).and_then(Value::as_str).map(str::to_string);
    let kind = field("/dataFile/checksum/type");
    let found = match (kind.clone(), field("/dataFile/checksum/value")) {
        (Some(t), Some(v)) if t.eq_ignore_ascii_case("MD5") => Some(Checksum::Md5(v)),
        (Some(t), Some(v)) if t.eq_ignore_ascii_case("SHA-256") => Some(Checksum::Sha256(v)),
        _ => field("/dataFile/md5").map(Checksum::Md5),
    };
    let computed = |t: &str| t.eq_ignore_ascii_case("MD5") || t.eq_ignore_ascii_case("SHA-256");
    let unchecked = match (&found, kind) {
        (Some(_), _) => None,
        (None, Some(t)) if !computed(&t) => Some(format!(
            "not checked: Dataverse gives a checksum of type {t}, which galeon does not compute"
        )),
        (None, _) => Some("not checked: Dataverse gives no checksum value".into()),
    };
    (found, unchecked)
}

/// A description as JSON, refused unless Dataverse says `OK` (its errors come as
/// `{"status": "ERROR", "message": …}`).
fn read(path: &Path) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| format!("not a Dataverse description (not JSON: {e})"))?;
    match value.pointer("/status").and_then(Value::as_str) {
        Some("OK") => Ok(value),
        Some(status) => {
            let message = value.pointer("/message").and_then(Value::as_str);
            Err(format!(
                "Dataverse says {status}: {}",
                message.unwrap_or("")
            ))
        }
        None => Err("not a Dataverse description (no status)".into()),
    }
}

/// "version 8.0 released 2026-04-22" from the description's latest version.
fn version(value: &Value) -> Result<String, String> {
    let latest = (value.pointer("/data/latestVersion"))
        .ok_or("the description has no data.latestVersion")?;
    let number = |p: &str| latest.pointer(p).and_then(Value::as_u64);
    let (Some(major), minor) = (number("/versionNumber"), number("/versionMinorNumber")) else {
        return Err("the latest version is not published (no versionNumber)".into());
    };
    let released = (latest.pointer("/releaseTime"))
        .and_then(Value::as_str)
        .map_or(String::new(), |t| {
            format!(" released {}", &t[..t.len().min(10)])
        });
    Ok(format!("version {major}.{}{released}", minor.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use galeon_testkit::dataverse::{description, File as Described};

    const DOI: &str = "doi:10.7910/DVN/EXAMPLE";

    fn listed(name: &str, ingested: bool, restricted: bool) -> Described<'_> {
        Described {
            id: 42,
            name,
            md5: "900150983cd24fb0d6963f7d28e17f72",
            bytes: 3,
            ingested,
            restricted,
        }
    }

    fn files_of(text: &str, wanted: Listed) -> Result<Vec<File>, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DESCRIPTION);
        std::fs::write(&path, text).unwrap();
        check(&path)?;
        files(&path, DOI, &wanted, &Hosts::mirror("http://127.0.0.1:9"))
    }

    #[test]
    fn an_ingested_table_is_asked_for_as_uploaded_under_its_uploaded_name() {
        let text = description(
            DOI,
            (2, 1),
            "2025-01-31T10:00:00Z",
            &[listed("t.csv", true, false)],
        );
        let got = files_of(&text, Listed::Named(&[("t.csv", "t.csv")])).unwrap();
        assert_eq!(
            got,
            vec![File {
                url: "http://127.0.0.1:9/dataverse/api/access/datafile/42?format=original".into(),
                save_as: "t.csv".into(),
                checksum: Some(Checksum::Md5("900150983cd24fb0d6963f7d28e17f72".into())),
                unchecked: None,
                release: format!(
                    "Harvard Dataverse {DOI}, version 2.1 released 2025-01-31, file 42"
                ),
            }]
        );
    }

    #[test]
    fn a_pattern_takes_every_file_it_matches_and_no_other_and_says_when_none_matches() {
        let mut year = listed("events.2021.20230102.tab", true, false);
        year.id = 43;
        let text = description(
            DOI,
            (31, 0),
            "2023-02-01T10:00:00Z",
            &[
                listed("events.2020.20210101.tab.zip", false, false),
                listed("ICEWS Codebook.pdf", false, false),
                year,
            ],
        );
        let got = files_of(
            &text,
            Listed::Matching(r"^events\.\d{4}\.\d+\.tab(\.zip)?$"),
        )
        .unwrap();
        let saved: Vec<(&str, &str)> = (got.iter())
            .map(|f| (f.save_as.as_str(), f.url.rsplit('/').next().unwrap()))
            .collect();
        assert_eq!(
            saved,
            [
                ("events.2020.20210101.tab.zip", "42"),
                ("events.2021.20230102.tab", "43?format=original")
            ]
        );
        // A table Dataverse ingested is matched by its name as uploaded, not its `.tab` label.
        let mut table = listed("table.csv", true, false);
        table.id = 44;
        let text_with_table = description(DOI, (31, 0), "2023-02-01T10:00:00Z", &[table]);
        let csv = files_of(&text_with_table, Listed::Matching(r"\.csv$")).unwrap();
        assert_eq!(csv[0].save_as, "table.csv");
        assert!(files_of(&text_with_table, Listed::Matching(r"\.tab$")).is_err());
        let e = files_of(&text, Listed::Matching(r"^Events\.")).unwrap_err();
        assert!(
            e.starts_with("no file matching \"^Events\\\\.\" in Harvard Dataverse"),
            "{e}"
        );
        assert!(e.contains("ICEWS Codebook.pdf"), "{e}");
    }

    #[test]
    fn restricted_files_errors_and_unpublished_versions_are_refused_in_plain_words() {
        let text = description(
            DOI,
            (1, 0),
            "2025-01-31T10:00:00Z",
            &[listed("t.csv", false, true)],
        );
        let e = files_of(&text, Listed::Named(&[("t.csv", "t.csv")])).unwrap_err();
        assert!(e.contains("restricted"), "{e}");
        let error = r#"{"status": "ERROR", "message": "Dataset with Persistent ID doi:10.7910/DVN/EXAMPLE not found."}"#;
        let e = files_of(error, Listed::Named(&[])).unwrap_err();
        assert_eq!(
            e,
            "Dataverse says ERROR: Dataset with Persistent ID doi:10.7910/DVN/EXAMPLE not found."
        );
        let draft = r#"{"status": "OK", "data": {"latestVersion": {"versionState": "DRAFT", "files": []}}}"#;
        assert!(files_of(draft, Listed::Named(&[]))
            .unwrap_err()
            .contains("not published"));
        assert!(files_of("<html>busy</html>", Listed::Named(&[]))
            .unwrap_err()
            .contains("not JSON"));
    }

    #[test]
    fn a_file_whose_checksum_galeon_cannot_compute_says_so() {
        let text = description(
            DOI,
            (2, 1),
            "2025-01-31T10:00:00Z",
            &[listed("t.csv", false, false)],
        );
        let sha1 = (text.replace("\"type\": \"MD5\"", "\"type\": \"SHA-1\""))
            .replace("\"md5\": \"900150983cd24fb0d6963f7d28e17f72\",", "");
        assert!(
            sha1.contains("SHA-1") && !sha1.contains("\"md5\""),
            "{sha1}"
        );
        let got = files_of(&sha1, Listed::Named(&[("t.csv", "t.csv")])).unwrap();
        assert_eq!(got[0].checksum, None);
        assert_eq!(
            got[0].unchecked.as_deref(),
            Some("not checked: Dataverse gives a checksum of type SHA-1, which galeon does not compute")
        );
    }
}
