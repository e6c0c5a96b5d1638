//! GDELT 2.0: the files named in one of GDELT's lists (`masterfilelist.txt`), one line per file:
//! size in bytes, MD5, URL. The list names every 15-minute file since 2015 of three kinds
//! (events, mentions, knowledge graph); a dataset takes those of its kind from `--since` on.

use std::path::Path;

use galeon_sources::obtain::Host;

use crate::http::{Checked, Checksum};
use crate::Hosts;

/// One file of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// Where to get it (on the configured GDELT host).
    pub url: String,
    /// Its name, as the dataset folder keeps it.
    pub name: String,
    /// Its MD5, from the list.
    pub checksum: Checksum,
}

/// The list's lines, numbered from 1, read as they come: the list names every file since 2015
/// (about a million lines), so it is streamed rather than held whole.
/// A line that cannot be read (not UTF-8) is an error naming it, never the end of the list.
fn numbered_lines(
    path: &Path,
) -> std::io::Result<impl Iterator<Item = Result<(usize, String), String>>> {
    use std::io::BufRead;
    let reader = std::io::BufReader::new(std::fs::File::open(path)?);
    Ok((reader.lines().enumerate()).map(|(n, l)| {
        l.map(|l| (n + 1, l))
            .map_err(|e| format!("line {}: {e}", n + 1))
    }))
}

/// Checks a list: at least one line reads as size, MD5 and URL (an error page is not a list).
pub fn check(path: &Path) -> Result<Checked, String> {
    let lines = numbered_lines(path).map_err(|e| format!("not a GDELT file list: {e}"))?;
    let mut listed = lines
        .filter(|l| !matches!(l, Ok((_, l)) if l.trim().is_empty()))
        .peekable();
    let first = match listed.peek() {
        Some(Ok((_, l))) => Some(line(l).map(|_| ())),
        Some(Err(e)) => Some(Err(e.clone())),
        None => None,
    };
    match first {
        Some(Ok(())) => Ok(Checked {
            note: Some(format!("{} files listed", listed.count())),
            ..Checked::default()
        }),
        Some(Err(e)) => Err(format!("not a GDELT file list: line 1: {e}")),
        None => Err("an empty GDELT file list".into()),
    }
}

/// The files of the list whose name ends with `suffix` and whose time (the name's first 14
/// digits, `YYYYMMDDHHMMSS`) is in `since` or later, at the configured host. GDELT's list has
/// lines that do not read (a cell missing, say): such a line is an error naming it when any of
/// its cells names a file wanted, and passed over otherwise. GDELT's addresses are taken over `http://` or `https://`.
pub fn files(path: &Path, suffix: &str, since: i32, hosts: &Hosts) -> Result<Vec<File>, String> {
    let wanted = |url: &str| {
        let name = url.rsplit('/').next().unwrap_or(url);
        let year = name.get(..4).and_then(|y| y.parse::<i32>().ok());
        name.ends_with(suffix) && year.is_some_and(|y| y >= since)
    };
    let secure = Host::Gdelt
        .default_base()
        .replacen("http://", "https://", 1);
    let mut out = Vec::new();
    for numbered in numbered_lines(path).map_err(|e| e.to_string())? {
        let (n, text) = numbered?;
        let text = text.as_str();
        if text.trim().is_empty() {
            continue;
        }
        let (md5, url) = match line(text) {
            Ok(cells) => cells,
            // Any cell naming a wanted file makes the line wanted (a cell too many, two lines run
            // together), so no wanted file is passed over.
            Err(e) if text.split_whitespace().any(wanted) => {
                return Err(format!("line {n}: {e}: {text:?}"))
            }
            Err(_) => continue,
        };
        if !wanted(url) {
            continue;
        }
        let within = (url.strip_prefix(Host::Gdelt.default_base()))
            .or_else(|| url.strip_prefix(secure.as_str()))
            .ok_or_else(|| format!("line {n}: not a GDELT URL: {url:?}"))?;
        out.push(File {
            url: hosts.url(Host::Gdelt, within),
            name: url.rsplit('/').next().unwrap_or(url).to_string(),
            checksum: Checksum::Md5(md5.to_ascii_lowercase()),
        });
    }
    Ok(out)
}

/// A line's MD5 and URL.
fn line(text: &str) -> Result<(&str, &str), String> {
    let cells: Vec<&str> = text.split_whitespace().collect();
    let [size, md5, url] = cells[..] else {
        return Err(format!("{} cells, not size, MD5 and URL", cells.len()));
    };
    if size.parse::<u64>().is_err() {
        return Err(format!("size {size:?} is not a number"));
    }
    if md5.len() != 32 || !md5.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("{md5:?} is not an MD5"));
    }
    Ok((md5, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_the_kind_and_period_are_taken_at_the_configured_host() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("masterfilelist.txt");
        // Three lines in GDELT's layout (sizes and MD5s invented).
        std::fs::write(
            &list,
            "150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip\n\
             318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/20240301121500.mentions.CSV.zip\n\
             10768 6E4B1D1E8C4A3E7E2F0B8D4C1A9E0F11 http://data.gdeltproject.org/gdeltv2/20240301121500.export.CSV.zip\n",
        )
        .unwrap();
        let hosts = Hosts::mirror("http://127.0.0.1:9");
        let got = files(&list, ".export.CSV.zip", 2016, &hosts).unwrap();
        assert_eq!(
            got,
            vec![File {
                url: "http://127.0.0.1:9/gdelt/gdeltv2/20240301121500.export.CSV.zip".into(),
                name: "20240301121500.export.CSV.zip".into(),
                checksum: Checksum::Md5("6e4b1d1e8c4a3e7e2f0b8d4c1a9e0f11".into()),
            }]
        );
        assert_eq!(
            files(&list, ".export.CSV.zip", 2015, &hosts).unwrap().len(),
            2
        );
        assert!(check(&list).is_ok());
        std::fs::write(&list, "<html>Service unavailable</html>\n").unwrap();
        assert!(check(&list).unwrap_err().contains("line 1"));
        std::fs::write(&list, "1 297a16b493de7cf6ca809a7cc31d0b93 https://example.org/20240301121500.export.CSV.zip\n").unwrap();
        let e = files(&list, ".export.CSV.zip", 2015, &hosts).unwrap_err();
        assert!(e.contains("line 1: not a GDELT URL"), "{e}");
    }

    #[test]
    fn a_broken_line_fails_the_list_only_when_it_names_a_file_wanted() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("masterfilelist.txt");
        let hosts = Hosts::mirror("http://127.0.0.1:9");
        // A mentions line without its MD5 (not wanted: passed over), an export file over
        // https (taken), then an export line without its size (wanted: an error naming it).
        let good = "150383 297a16b493de7cf6ca809a7cc31d0b93 https://data.gdeltproject.org/gdeltv2/20240301121500.export.CSV.zip\n";
        let text = format!(
            " 318084 http://data.gdeltproject.org/gdeltv2/20240301121500.mentions.CSV.zip\n{good}"
        );
        std::fs::write(&list, &text).unwrap();
        let got = files(&list, ".export.CSV.zip", 2024, &hosts).unwrap();
        assert_eq!(
            got.iter().map(|f| f.url.as_str()).collect::<Vec<_>>(),
            ["http://127.0.0.1:9/gdelt/gdeltv2/20240301121500.export.CSV.zip"]
        );
        let broken = format!("{text}bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/20240301123000.export.CSV.zip\n");
        std::fs::write(&list, &broken).unwrap();
        let e = files(&list, ".export.CSV.zip", 2024, &hosts).unwrap_err();
        assert!(e.starts_with("line 3: 2 cells"), "{e}");
        // A cell too many after a wanted file's address still names it.
        let extra = format!("{text}1 bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/20240301123000.export.CSV.zip x\n");
        std::fs::write(&list, extra).unwrap();
        let e = files(&list, ".export.CSV.zip", 2024, &hosts).unwrap_err();
        assert!(e.starts_with("line 3: 4 cells"), "{e}");
        std::fs::write(&list, &broken).unwrap();
        // The same broken line before the year asked is passed over.
        assert_eq!(
            files(&list, ".export.CSV.zip", 2025, &hosts).unwrap(),
            vec![]
        );
    }
}
