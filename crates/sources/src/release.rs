//! Releases read from the files. A stored value's provenance names the release of the file it
//! came from, and that label must come from the file — never from galeon's code, or a newer
//! publisher file dropped into the folder would be stored under the old release's name.
//!
//! Each dataset declares where its files state their release ([`Release`]). Where a file states
//! nothing, `release.toml` in the dataset folder may:
//!
//! ```toml
//! release = "cipf-comtrade tables of 2026-03"     # every file of the folder
//!
//! [files]
//! "partner.csv" = "Comtrade reference list of 2026-03"   # one file, by its path in the folder
//! ```
//!
//! Otherwise the label is `unknown release (sha256 …)`, with the first 12 hex digits of the
//! file's SHA-256, so that two different files never share a label.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use crate::catalogue::{Dataset, Release};

/// The file in a dataset folder that states releases the publisher's files do not.
pub const RELEASE_TOML: &str = "release.toml";

/// `release.toml`: a release for the whole folder and per file.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseToml {
    /// The release of every file of the folder that states none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    /// Releases of single files, by path relative to the dataset folder.
    #[serde(default)]
    pub files: BTreeMap<String, String>,
}

/// Reads `release.toml` of a dataset folder, if there is one. A file that does not parse is an
/// error naming it: a release statement that is silently ignored would be a lie.
pub fn read_release_toml(folder: &Path) -> Result<Option<ReleaseToml>, String> {
    let path = folder.join(RELEASE_TOML);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The release of one file of `dataset`: what the file states, else `release.toml`, else
/// unknown with the file's hash. `relative` is the path within the dataset folder.
pub fn release_of(
    dataset: &Dataset,
    folder: &Path,
    relative: &str,
    sha256: &str,
    stated: Option<&ReleaseToml>,
) -> String {
    let path = folder.join(relative);
    if let Some(label) = from_file(dataset.release, &path) {
        return label;
    }
    if let Some(toml) = stated {
        if let Some(label) = toml.files.get(relative).or(toml.release.as_ref()) {
            return format!("{label} (stated in {RELEASE_TOML})");
        }
    }
    format!(
        "unknown release (sha256 {})",
        &sha256[..sha256.len().min(12)]
    )
}

/// What the file itself states under `rule`, if anything.
pub fn from_file(rule: Release, path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let (found, label) = match rule {
        Release::FileName { pattern, label } => {
            let re = regex::Regex::new(pattern).expect("release patterns are valid");
            let caps = re.captures(name)?;
            let mut out = String::new();
            caps.expand(label, &mut out);
            return Some(out);
        }
        Release::Json {
            file,
            pointer,
            label,
        } => {
            let stem = name.split('.').next().unwrap_or(name);
            let meta = path.parent()?.join(file.replace("{stem}", stem));
            let value: serde_json::Value =
                serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
            (value.pointer(pointer)?.as_str()?.trim().to_string(), label)
        }
        Release::Workbook { label } => (workbook_written(path)?, label),
        Release::Sdmx { label } => (sdmx_prepared(path)?, label),
        Release::Unstated => return None,
    };
    (!found.is_empty()).then(|| label.replace("$1", &found))
}

/// The date an xlsx package was written: `dcterms:modified` in `docProps/core.xml` when the
/// writer filled it in, else the zip entry date of `xl/workbook.xml`.
fn workbook_written(path: &Path) -> Option<String> {
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        return None;
    }
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    if let Ok(mut core) = archive.by_name("docProps/core.xml") {
        let mut xml = String::new();
        if core.read_to_string(&mut xml).is_ok() {
            let modified = xml
                .split("<dcterms:modified")
                .nth(1)
                .and_then(|rest| rest.split_once('>'))
                .and_then(|(_, value)| value.split('<').next());
            if let Some(date) = modified.and_then(plausible_date) {
                return Some(date);
            }
        }
    }
    let entry = archive.by_name("xl/workbook.xml").ok()?;
    let t = entry.last_modified()?;
    plausible_date(&format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day()))
}

/// `YYYY-MM-DD` at the start of `text`, when it is a date a workbook could have been written on:
/// writers that leave the zip date at its default (1980-01-01) or the element empty state nothing.
fn plausible_date(text: &str) -> Option<String> {
    let date = text.trim().get(..10)?;
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shaped = digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10);
    (shaped && date[..4].parse::<u32>().is_ok_and(|y| y >= 1990)).then(|| date.to_string())
}

/// When an SDMX answer was prepared: `meta.prepared` in SDMX-JSON, `message:Prepared` in
/// SDMX-ML.
fn sdmx_prepared(path: &Path) -> Option<String> {
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if json {
        let value: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        return Some(
            value
                .pointer("/meta/prepared")?
                .as_str()?
                .trim()
                .to_string(),
        );
    }
    xml_text(path, "Prepared")
}

/// The text of the first element named `element` (local name) in an XML file.
fn xml_text(path: &Path, element: &str) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_file(path).ok()?;
    let mut buffer = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(e) if e.local_name().as_ref() == element.as_bytes() => inside = true,
            Event::Text(t) if inside => return Some(t.unescape().ok()?.trim().to_string()),
            Event::End(_) if inside => return None,
            Event::Eof => return None,
            _ => {}
        }
        buffer.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_patterns_fill_the_label() {
        let rule = Release::FileName {
            pattern: r"_V(\d{6}[a-z]?)\.csv$",
            label: "BACI V$1",
        };
        assert_eq!(
            from_file(rule, Path::new("x/BACI_HS92_Y2000_V202501.csv")).as_deref(),
            Some("BACI V202501")
        );
        assert_eq!(from_file(rule, Path::new("x/BACI_HS92.csv")), None);
    }

    #[test]
    fn only_plausible_workbook_dates_are_read() {
        assert_eq!(
            plausible_date("2022-02-19T20:20:00Z").as_deref(),
            Some("2022-02-19")
        );
        assert_eq!(plausible_date("1980-01-01"), None);
        assert_eq!(plausible_date("</dcterms:m"), None);
        assert_eq!(plausible_date(""), None);
    }

    #[test]
    fn release_toml_states_only_what_the_file_does_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(RELEASE_TOML),
            "release = \"R1\"\n[files]\n\"b.csv\" = \"R2\"\n",
        )
        .unwrap();
        let toml = read_release_toml(dir.path()).unwrap().unwrap();
        let dataset = crate::datasets::reference::REFERENCE;
        let of = |rel| release_of(&dataset, dir.path(), rel, "0123456789abcdef", Some(&toml));
        assert_eq!(of("a.csv"), "R1 (stated in release.toml)");
        assert_eq!(of("b.csv"), "R2 (stated in release.toml)");
        let none = release_of(&dataset, dir.path(), "a.csv", "0123456789abcdef", None);
        assert_eq!(none, "unknown release (sha256 0123456789ab)");
        std::fs::write(dir.path().join(RELEASE_TOML), "relase = 1\n").unwrap();
        let err = read_release_toml(dir.path()).unwrap_err();
        assert!(err.contains("release.toml"), "{err}");
    }
}
