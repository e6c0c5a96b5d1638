//! How `galeon fetch` obtains each dataset: part of its declaration, like its files and release.
//!
//! Three ways, from most to least automatic:
//! - **pinned files**: each file at a fixed address (a repository at a commit, a package at a
//!   version, a file inside a publisher's zip) with its size and SHA-256, listed in
//!   `crates/sources/pinned/<id>.tsv`. A download
//!   whose bytes differ is refused, so a fetched folder builds the same store as the folder the
//!   panel was built from;
//! - **an API**: the IMF's SDMX service for IMTS, queried per economy; the World Bank's
//!   Indicators API v2, page by page;
//! - **a publisher's list of its files**: Harvard Dataverse's description of a dataset (each
//!   file's id, name and MD5), GDELT's `masterfilelist.txt` and its translingual twin (size, MD5 and URL of every file);
//!   `fetch` downloads the list, then the files it names, each checked against the list;
//! - **by hand**: the publisher's terms or the file's making need a person; `fetch` says where
//!   the files come from and where they go, and the build lists any that are missing.

/// How a dataset is obtained.
#[derive(Debug, Clone, Copy)]
pub enum Obtain {
    /// Files pinned by checksum; `rest` says how to get any declared file the list lacks
    /// (converted or compiled files).
    Pinned {
        /// The list: the text of `pinned/<id>.tsv`.
        list: &'static str,
        /// Where the files the list lacks come from.
        rest: Option<&'static str>,
    },
    /// Exports and imports of every economy of the panel with every partner, from the IMF's SDMX
    /// 3.0 service (dataflow `IMF.STA:IMTS`) as SDMX-JSON, one file per reporter and flow.
    ImfImts,
    /// Series of the World Bank Indicators API v2 for China and the 33 LAC states, as
    /// (indicator id, file key): each answer page saved as `{key}_p{page}.json`.
    WorldBank {
        /// Indicator ids and the file key of each.
        series: &'static [(&'static str, &'static str)],
    },
    /// UN Comtrade's API v1: China's annual goods trade with each LAC state and the World; with a
    /// subscription key (`GALEON_COMTRADE_KEY`) from `data/v1/get`, twelve years a query,
    /// otherwise from the keyless preview, one year a query (at most 500 records each).
    Comtrade,
    /// Files of a Harvard Dataverse dataset: its description in the native API (the latest
    /// published version, with each file's id, name and checksum), then each file as originally
    /// uploaded, checked against that checksum.
    Dataverse {
        /// The dataset's persistent id (`doi:10.7910/DVN/…`).
        doi: &'static str,
        /// The files of the dataset that are wanted.
        files: Listed,
        /// Fetched only when named, for the files' size (ICEWS: about 1.5 GB).
        only_when_named: bool,
    },
    /// GDELT 2.0 files named in GDELT's file lists (`gdeltv2/masterfilelist.txt` and the
    /// translingual `masterfilelist-translation.txt`: size, MD5 and URL per line), those whose
    /// name ends with `suffix` and whose time is in `--since` or later. Fetched only when named:
    /// since 2015 they are hundreds of thousands of files.
    GdeltList {
        /// The lists' paths on the GDELT host.
        lists: &'static [&'static str],
        /// The end of the names of the files wanted (e.g. `.export.CSV.zip`).
        suffix: &'static str,
    },
    /// Nothing to download automatically: where the files come from and how to put them in place.
    ByHand(&'static str),
}

impl Obtain {
    /// Whether `galeon fetch` leaves the dataset out unless it is named: its files are too many
    /// or too large to fetch along with everything else.
    pub fn only_when_named(&self) -> bool {
        match self {
            Obtain::GdeltList { .. } => true,
            Obtain::Dataverse {
                only_when_named, ..
            } => *only_when_named,
            _ => false,
        }
    }

    /// Whether `galeon fetch` needs `--since` for it: GDELT's lists name every file since 2015.
    pub fn needs_since(&self) -> bool {
        matches!(self, Obtain::GdeltList { .. })
    }

    /// How it is obtained, in a few words (for listings).
    pub fn describe(&self) -> String {
        match self {
            Obtain::Pinned { list, rest } => {
                let n = match pinned_files(list) {
                    Ok(files) => files.len(),
                    Err(e) => return format!("pinned list invalid: {e}"),
                };
                let rest = if rest.is_some() {
                    " (the rest by hand)"
                } else {
                    ""
                };
                let files = if n == 1 { "file" } else { "files" };
                format!("{n} pinned {files}{rest}")
            }
            Obtain::ImfImts => "IMF SDMX API".into(),
            Obtain::WorldBank { .. } => "World Bank API".into(),
            Obtain::Comtrade => "UN Comtrade API".into(),
            Obtain::Dataverse {
                doi,
                only_when_named,
                ..
            } => {
                let named = if *only_when_named {
                    " (only when named)"
                } else {
                    ""
                };
                format!("Harvard Dataverse, {doi}{named}")
            }
            Obtain::GdeltList { .. } => "GDELT's file list (only when named)".into(),
            Obtain::ByHand(_) => "by hand (galeon fetch says how)".into(),
        }
    }
}

/// Which files of a publisher's list of its files a dataset takes.
#[derive(Debug, Clone, Copy)]
pub enum Listed {
    /// These files: (name in the list, saved as in the dataset folder).
    Named(&'static [(&'static str, &'static str)]),
    /// Every file whose name matches this regular expression, saved under that name: a file
    /// the publisher adds later (a new year) is fetched too, with no change to the declaration.
    Matching(&'static str),
}

impl Listed {
    /// The wanted files among the `listed` names, as (position in `listed`, saved as), in the
    /// list's order for a pattern. The error says what is missing: a named file (`no file
    /// "NAME"`), or any file matching the pattern.
    pub fn select(&self, listed: &[String]) -> Result<Vec<(usize, String)>, String> {
        match self {
            Listed::Named(files) => (files.iter())
                .map(
                    |(name, save_as)| match listed.iter().position(|l| l == name) {
                        Some(at) => Ok((at, save_as.to_string())),
                        None => Err(format!("no file {name:?}")),
                    },
                )
                .collect(),
            Listed::Matching(pattern) => {
                let re = regex::Regex::new(pattern)
                    .map_err(|e| format!("the declared pattern {pattern:?} is invalid: {e}"))?;
                let found: Vec<(usize, String)> = (listed.iter().enumerate())
                    .filter(|(_, name)| re.is_match(name))
                    .map(|(at, name)| (at, name.clone()))
                    .collect();
                match found.is_empty() {
                    true => Err(format!("no file matching {pattern:?}")),
                    false => Ok(found),
                }
            }
        }
    }

    /// Whether a file of the dataset's folder is one a pattern takes (never for named files):
    /// such a file that the publisher's latest list no longer names is a former version of one
    /// it does, and would be read twice beside it.
    pub fn takes(&self, name: &str) -> bool {
        match self {
            Listed::Named(_) => false,
            Listed::Matching(pattern) => {
                regex::Regex::new(pattern).is_ok_and(|re| re.is_match(name))
            }
        }
    }
}

/// A host files are fetched from. Each has a default base URL that configuration can replace
/// (a mirror, or a test's local server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Host {
    /// Files of a GitHub repository at a commit.
    GitHub,
    /// Files of an npm package at a version.
    Npm,
    /// The IMF's data services.
    Imf,
    /// The World Bank's APIs.
    WorldBank,
    /// UN Comtrade's API.
    Comtrade,
    /// Harvard Dataverse.
    Dataverse,
    /// The GDELT Project's files.
    Gdelt,
    /// AidData's published datasets (zips on `docs.aiddata.org`).
    AidData,
}

impl Host {
    /// Every host.
    pub const ALL: [Host; 8] = [
        Host::GitHub,
        Host::Npm,
        Host::Imf,
        Host::WorldBank,
        Host::Comtrade,
        Host::Dataverse,
        Host::Gdelt,
        Host::AidData,
    ];

    /// Short name, as written in the pinned lists and in configuration (`GALEON_URL_<NAME>`).
    pub fn name(self) -> &'static str {
        match self {
            Host::GitHub => "github",
            Host::Npm => "npm",
            Host::Imf => "imf",
            Host::WorldBank => "worldbank",
            Host::Comtrade => "comtrade",
            Host::Dataverse => "dataverse",
            Host::Gdelt => "gdelt",
            Host::AidData => "aiddata",
        }
    }

    /// The publisher's base URL.
    pub fn default_base(self) -> &'static str {
        match self {
            Host::GitHub => "https://raw.githubusercontent.com",
            Host::Npm => "https://cdn.jsdelivr.net/npm",
            Host::Imf => "https://api.imf.org",
            Host::WorldBank => "https://api.worldbank.org",
            Host::Comtrade => "https://comtradeapi.un.org",
            Host::Dataverse => "https://dataverse.harvard.edu",
            // GDELT's lists name their files with http:// URLs on this host.
            Host::Gdelt => "http://data.gdeltproject.org",
            Host::AidData => "https://docs.aiddata.org",
        }
    }

    /// The host a short name names.
    pub fn from_name(name: &str) -> Option<Host> {
        Host::ALL.into_iter().find(|h| h.name() == name)
    }
}

/// One file of a pinned list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedFile {
    /// Where it is.
    pub host: Host,
    /// Its path on the host: for a file published inside a zip, the zip's path.
    pub path: &'static str,
    /// For a file published inside a zip (`archive.zip!member` in the list): its name there,
    /// matched as the member's whole path or its end after a `/` (a zip may wrap its files in a
    /// folder of its own name).
    pub member: Option<&'static str>,
    /// Where it goes, relative to the dataset folder.
    pub save_as: &'static str,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256, hex.
    pub sha256: &'static str,
}

/// The files of a pinned list (`#` lines are comments). A malformed line is a defect of the
/// list, caught by the tests that parse every list.
pub fn pinned_files(list: &'static str) -> Result<Vec<PinnedFile>, String> {
    let mut files = Vec::new();
    for (n, line) in list.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |what: &str| format!("pinned list, line {}: {what}: {line:?}", n + 1);
        let cells: Vec<&'static str> = line.split('\t').collect();
        let [host, path, save_as, bytes, sha256] = cells[..] else {
            return Err(bad("expected 5 tab-separated cells"));
        };
        let host = Host::from_name(host).ok_or_else(|| bad("unknown host"))?;
        let (path, member) = match path.split_once('!') {
            Some((archive, member)) if archive.ends_with(".zip") && !member.is_empty() => {
                (archive, Some(member))
            }
            Some(_) => return Err(bad("`!` follows a .zip's path and comes before a member")),
            None => (path, None),
        };
        let bytes = bytes.parse().map_err(|_| bad("bytes is not a number"))?;
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad("not a SHA-256"));
        }
        files.push(PinnedFile {
            host,
            path,
            member,
            save_as,
            bytes,
            sha256,
        });
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_inside_a_zip_is_the_zips_path_then_its_name() {
        let list = "aiddata\tad4/x.zip!A Folder/b.csv\tb.csv\t3\t".to_string() + &"a".repeat(64);
        let list: &'static str = Box::leak(list.into_boxed_str());
        let files = pinned_files(list).unwrap();
        assert_eq!(
            (files[0].host, files[0].path, files[0].member),
            (Host::AidData, "ad4/x.zip", Some("A Folder/b.csv"))
        );
        for bad in ["ad4/x.csv!b.csv", "ad4/x.zip!"] {
            let line = format!("aiddata\t{bad}\tb.csv\t3\t{}", "a".repeat(64));
            let line: &'static str = Box::leak(line.into_boxed_str());
            assert!(pinned_files(line).is_err(), "{bad}");
        }
    }
}
