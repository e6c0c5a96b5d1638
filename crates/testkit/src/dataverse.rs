//! Harvard Dataverse's answers in its native API's layout (`GET /api/datasets/:persistentId`),
//! written for tests of `galeon fetch`: a dataset's latest published version with its files.

use serde_json::{json, Value};

/// A file of a Dataverse dataset, as its description gives it.
#[derive(Debug, Clone)]
pub struct File<'a> {
    /// `dataFile.id`.
    pub id: u64,
    /// The name as uploaded.
    pub name: &'a str,
    /// MD5 of the file as uploaded, hex.
    pub md5: &'a str,
    /// Size as uploaded.
    pub bytes: u64,
    /// Ingested as a table by Dataverse (then `filename` is the `.tab` it serves by default).
    pub ingested: bool,
    /// Restricted: only users granted access may download it.
    pub restricted: bool,
}

/// The description of version `major.minor` of dataset `doi` (`doi:10.7910/DVN/…`), released
/// at `released` (RFC 3339), with `files`.
pub fn description(
    doi: &str,
    (major, minor): (u64, u64),
    released: &str,
    files: &[File],
) -> String {
    let (authority, identifier) = doi
        .trim_start_matches("doi:")
        .split_once('/')
        .unwrap_or(("10.7910", doi));
    let files: Vec<Value> = files.iter().map(file).collect();
    let description = json!({
        "status": "OK",
        "data": {
            "id": 3_000_001,
            "identifier": identifier,
            "persistentUrl": format!("https://doi.org/{authority}/{identifier}"),
            "protocol": "doi",
            "authority": authority,
            "publisher": "Harvard Dataverse",
            "publicationDate": "2019-06-04",
            "latestVersion": {
                "id": 400_001,
                "datasetPersistentId": doi,
                "versionNumber": major,
                "versionMinorNumber": minor,
                "versionState": "RELEASED",
                "releaseTime": released,
                "license": {"name": "CC0 1.0", "uri": "http://creativecommons.org/publicdomain/zero/1.0"},
                "fileAccessRequest": false,
                "files": files,
            }
        }
    });
    serde_json::to_string_pretty(&description).unwrap()
}

fn file(f: &File) -> Value {
    let stem = f.name.rsplit_once('.').map_or(f.name, |(s, _)| s);
    let mut data = json!({
        "id": f.id,
        "persistentId": "",
        "filename": f.name,
        "contentType": "text/csv",
        "friendlyType": "Comma Separated Values",
        "filesize": f.bytes,
        "storageIdentifier": format!("s3://dvn-cloud:{:x}", f.id),
        "rootDataFileId": -1,
        "md5": f.md5,
        "checksum": {"type": "MD5", "value": f.md5},
        "tabularData": false,
        "creationDate": "2026-04-22",
        "publicationDate": "2026-04-22",
        "fileAccessRequest": false,
    });
    if f.ingested {
        let extra = json!({
            "filename": format!("{stem}.tab"),
            "contentType": "text/tab-separated-values",
            "friendlyType": "Tab-Delimited",
            "originalFileFormat": "text/csv",
            "originalFormatLabel": "Comma Separated Values",
            "originalFileSize": f.bytes,
            "originalFileName": f.name,
            "tabularData": true,
        });
        for (k, v) in extra.as_object().unwrap() {
            data[k] = v.clone();
        }
    }
    json!({
        "label": if f.ingested { format!("{stem}.tab") } else { f.name.to_string() },
        "restricted": f.restricted,
        "version": 1,
        "datasetVersionId": 400_001,
        "dataFile": data,
    })
}
