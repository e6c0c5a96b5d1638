//! GDELT 2.0 event exports on fixtures in the published layout: two 15-minute files
//! `YYYYMMDDHHMMSS.export.CSV.zip`, each a zip of one tab-separated file of 61 columns without a
//! header (written by `galeon_testkit::gdelt` in the codebook's column order). Every expected
//! count below is worked out by hand from the rows written here.

mod common;

use common::read;
use galeon_sources::canonical::{Batch, EventMonth};
use galeon_testkit::gdelt::{write_export, Event};

const FOLDER: &str = "events/gdelt-events";
const FIRST: &str = "20240131234500.export.CSV.zip";
const SECOND: &str = "20240201000000.export.CSV.zip";

fn event<'a>(
    id: i64,
    date: &'a str,
    actor1: &'a str,
    actor2: &'a str,
    code: &'a str,
    quad: &'a str,
) -> Event<'a> {
    Event {
        id,
        date,
        actor1,
        actor2,
        code,
        quad,
        goldstein: "3.5",
        counts: (10, 2, 9),
        added: "20240131234500",
        url: "https://news.example/a",
    }
}

fn write_fixture(root: &std::path::Path) {
    let folder = root.join(FOLDER);
    let mut short = event(9, "20240131", "CHN", "BRA", "036", "1").line();
    short.truncate(short.match_indices('\t').nth(57).unwrap().0); // 58 columns: a GDELT 1.0 row
    write_export(
        &folder,
        FIRST,
        &[
            // 1: China → Brazil, in scope, January 2024.
            event(1, "20240131", "CHN", "BRA", "036", "1").line(),
            // 2: neither actor is China or a LAC state: not read.
            event(2, "20240131", "USA", "DEU", "042", "1").line(),
            // 3: Brazil → China, an event of December 2023 reported now: partition 2023-12.
            Event {
                goldstein: "-10",
                counts: (4, 1, 4),
                ..event(3, "20231225", "BRA", "CHN", "190", "4")
            }
            .line(),
            // 4: Argentina with no second actor: in scope (one actor is a LAC state).
            event(4, "20240131", "ARG", "", "042", "1").line(),
            // 5: in scope, but quad class 7 does not exist: rejected.
            event(5, "20240131", "CHN", "BRA", "036", "7").line(),
            // 6: 58 columns: rejected, whatever its countries.
            short,
            // 7: a CAMEO region as actor 1, China as actor 2: in scope.
            event(7, "20240130", "LAM", "CHN", "057", "1").line(),
        ],
    );
    write_export(
        &folder,
        SECOND,
        &[
            // 8: Mexico → China, February 2024, material cooperation.
            Event {
                added: "20240201000000",
                ..event(8, "20240201", "MEX", "CHN", "061", "2")
            }
            .line(),
            // 9: 30 February: rejected.
            event(10, "20240230", "CHN", "PER", "036", "1").line(),
            // 10: out of scope.
            event(11, "20240201", "FRA", "GBR", "036", "1").line(),
            // 11: a four-digit event code, a line ending in CRLF and a cell with trailing spaces.
            format!(
                "{}\r",
                Event {
                    goldstein: "2.8 ",
                    ..event(12, "20240201", "CHN", "CHL", "0874", "2")
                }
                .line()
            ),
            // 12: a double quote inside a name, a URL with a byte that is not UTF-8: stored.
            event(13, "20240201", "CHN", "COL", "042", "1")
                .line()
                .replacen("CHN GOVERNMENT", "CHINA \"MAINLAND\"", 1),
        ],
    );
    // GDELT writes URLs as found: one with a Latin-1 byte (0xE9) in its path.
    let second = folder.join(SECOND);
    let lines = unzip(&second);
    let mut bytes = lines.into_bytes();
    let at = bytes.windows(6).rposition(|w| w == b"news.e").unwrap();
    bytes.splice(at..at, *b"caf\xE9/");
    rezip(&second, &bytes);
}

fn unzip(path: &std::path::Path) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    std::io::read_to_string(archive.by_index(0).unwrap()).unwrap()
}

/// Writes `bytes` back as the export zip at `path` (one file, named as GDELT names it).
fn rezip(path: &std::path::Path, bytes: &[u8]) {
    use std::io::Write;
    let inner = path
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .strip_suffix(".zip")
        .unwrap();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    zip.start_file(inner, zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(bytes).unwrap();
    zip.finish().unwrap();
}

#[test]
fn events_with_china_or_a_lac_state_are_read_by_month_and_bad_rows_rejected() {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path());
    let (c, files) = read(dir.path(), "gdelt-events");
    c.assert_balanced();
    // In scope or malformed: rows 1, 3, 4, 5, 6, 7 of the first file; 8 and 9 of the second.
    assert_eq!(c.read.get(&format!("{FOLDER}/{FIRST}")), Some(&6));
    assert_eq!(c.read.get(&format!("{FOLDER}/{SECOND}")), Some(&4));
    assert_eq!((c.stored(), c.rejected()), (7, 3));
    for (file, read) in &c.read {
        let stored: u64 = (c.batches.iter())
            .filter(|(p, _)| &p.file == file)
            .map(|(_, b)| b.len() as u64)
            .sum();
        let rejected = c.rejects.iter().filter(|(p, _)| &p.file == file).count() as u64;
        assert_eq!(*read, stored + rejected, "{file}: read = stored + rejected");
    }
    let months: Vec<&EventMonth> = (c.batches.iter())
        .filter_map(|(_, b)| match b {
            Batch::GdeltEvents(m) => Some(m),
            _ => None,
        })
        .collect();
    let shape: Vec<(i32, u8, Vec<i64>)> = (months.iter())
        .map(|m| (m.year, m.month, m.rows.iter().map(|e| e.event_id).collect()))
        .collect();
    assert_eq!(
        shape,
        vec![
            (2024, 1, vec![1, 4, 7]),
            (2023, 12, vec![3]),
            (2024, 2, vec![8, 12, 13])
        ],
        "one batch per month of the event date, in file order"
    );
    let three = &months[1].rows[0];
    assert_eq!(three.actor1_country.unwrap().as_str(), "BRA");
    assert_eq!(three.actor2_country.unwrap().as_str(), "CHN");
    assert_eq!(
        (three.event_code.as_str(), three.event_root_code.as_str()),
        ("190", "19")
    );
    assert_eq!((three.quad_class, three.goldstein), (4, -10.0));
    assert_eq!((three.mentions, three.sources, three.articles), (4, 1, 4));
    // 2023-12-25: 2023-01-01 is day 19,358 since 1970-01-01, and 25 December is day 358 of 2023.
    assert_eq!(three.date, 19_358 + 358);
    assert_eq!(three.added, 20_240_131_234_500);
    assert_eq!(three.source_url, "https://news.example/a");
    let four = &months[0].rows[1];
    assert_eq!(
        (
            four.actor1_country.map(|c| c.to_string()),
            four.actor2_country
        ),
        (Some("ARG".into()), None)
    );
    assert_eq!(months[0].rows[2].actor1_country.unwrap().as_str(), "LAM");
    let (twelve, thirteen) = (&months[2].rows[1], &months[2].rows[2]);
    assert_eq!(
        (twelve.event_code.as_str(), twelve.event_root_code.as_str()),
        ("0874", "08")
    );
    assert_eq!(twelve.goldstein, 2.8);
    assert_eq!(
        twelve.source_url, "https://news.example/a",
        "the CR of a CRLF line is not kept"
    );
    assert_eq!(thirteen.source_url, "https://caf\u{FFFD}/news.example/a");
    let reasons: Vec<(&str, &str)> = (c.rejects.iter())
        .map(|(_, r)| (r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(reasons[0], ("QuadClass", "7"));
    assert_eq!(reasons[1].0, "row");
    assert_eq!(reasons[2], ("SQLDATE", "20240230"));
    assert!(
        c.rejects[1].1.reason.contains("58 columns"),
        "{:?}",
        c.rejects[1]
    );
    assert_eq!(c.rejects[0].1.row, 5, "the reject names the file's line");
    // The release is the 15-minute file's time, from its name.
    let releases: Vec<&str> = files.read.iter().map(|f| f.release.as_str()).collect();
    assert_eq!(
        releases,
        [
            "GDELT 2.0 export 2024-01-31 23:45 UTC",
            "GDELT 2.0 export 2024-02-01 00:00 UTC"
        ]
    );
}

#[test]
fn translingual_exports_are_read_and_say_so_in_their_release() {
    let dir = tempfile::tempdir().unwrap();
    let name = "20240201000000.translation.export.CSV.zip";
    let line = event(1, "20240201", "CHN", "BRA", "036", "1").line();
    write_export(&dir.path().join(FOLDER), name, &[line]);
    let (c, files) = read(dir.path(), "gdelt-events");
    c.assert_balanced();
    assert_eq!(c.stored(), 1);
    let release = &files.read[0].release;
    assert_eq!(release, "GDELT 2.0 translation.export 2024-02-01 00:00 UTC");
}

#[test]
fn a_file_that_is_not_a_zip_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    common::put(dir.path(), &format!("{FOLDER}/{FIRST}"), "1\t20240131\n");
    let e = galeon_sources::survey::read_dataset(
        dir.path(),
        "gdelt-events",
        &mut common::Collected::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains(FIRST) && e.contains("not a readable zip"), "{e}");
}
