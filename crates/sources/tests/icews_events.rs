//! ICEWS coded events on fixtures in the published layout: yearly files of 20 tab-separated
//! columns with a header (the header and the quoting are those of the `events.YYYY.*.tab`
//! files on Harvard Dataverse; the 2017 file writes days as M/D/YYYY), one plain and one a zip
//! of one file. Every count below is worked out by hand from the rows written here.

mod common;

use std::io::Write;
use std::path::Path;

use common::read;
use galeon_sources::canonical::{Batch, Event};

const FOLDER: &str = "events/icews-events";
const PLAIN: &str = "events.2018.20200427084805.tab";
const ZIPPED: &str = "Events.2017.20201006.tab.zip";
const HEADER: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";

/// One event line: id, day, source country, CAMEO code, target country (other cells filled in
/// as ICEWS writes them).
fn line(id: u32, day: &str, source: &str, code: &str, target: &str) -> String {
    format!(
        "{id}\t{day}\tForeign Affairs ({source})\tExecutive,Foreign Ministry,Government\t{source}\tConsult\t{code}\t1\tGovernment ({target})\tGovernment\t{target}\t4740035{id}\t2\tXinhua General News Service\tBeijing\tNA\tBeijing\tChina\t39.9075\t116.397"
    )
}

fn write_fixture(root: &Path) {
    let folder = root.join(FOLDER);
    std::fs::create_dir_all(&folder).unwrap();
    let plain = [
        HEADER.to_string(),
        // 1: China → Brazil, consult (040): verbal cooperation.
        line(1, "2018-06-01", "China", "040", "Brazil"),
        // 2: Venezuela → China, provide economic aid (071): material cooperation.
        line(2, "2018-06-02", "Venezuela", "071", "China"),
        // 3: China → United States: not the observatory's dyad, not read.
        line(3, "2018-06-02", "China", "040", "United States"),
        // 4: Brazil → Argentina: no China, not read.
        line(4, "2018-06-03", "Brazil", "040", "Argentina"),
        // 5: China → Mexico, threaten (138, four digits 1383 here): verbal conflict.
        line(5, "2018-06-04", "China", "1383", "Mexico"),
        // 6: China → Peru, a day that does not exist: read and rejected.
        line(6, "2018-02-30", "China", "040", "Peru"),
        // 7: Chile → China, a code with root 21: read and rejected.
        line(7, "2018-07-01", "Chile", "215", "China"),
        // 8: an actor with no country (empty cell) and China: not read.
        line(8, "2018-07-01", "", "040", "China"),
        // 9: a quote in a name, as ICEWS writes it (the files are not quoted), CRLF line end;
        //    China → Trinidad and Tobago, impose embargo (163): material conflict.
        format!(
            "{}\r",
            line(9, "2018-12-31", "China", "163", "Trinidad and Tobago").replacen(
                "Foreign Affairs (China)",
                "\"Xi\" Jinping",
                1
            )
        ),
    ];
    std::fs::write(folder.join(PLAIN), plain.join("\n") + "\n").unwrap();
    let zipped = [
        HEADER.to_string(),
        // 10: 2017 layout of days: China → Cuba on 3 March 2017, consult: verbal cooperation.
        line(10, "3/3/2017", "China", "040", "Cuba"),
        // 11: Bolivia → China, cooperate economically (061): material cooperation.
        line(11, "12/31/2017", "Bolivia", "061", "China"),
        // 12: Japan → Korea: not read.
        line(12, "1/1/2017", "Japan", "040", "South Korea"),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(folder.join(ZIPPED)).unwrap());
    zip.start_file(
        ZIPPED.strip_suffix(".zip").unwrap(),
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all((zipped.join("\n") + "\n").as_bytes())
        .unwrap();
    zip.finish().unwrap();
}

/// An event as (actor, target, year, day, measure, value).
type Shape<'a> = (&'a str, &'a str, i32, Option<&'a str>, &'a str, f64);

#[test]
fn events_between_china_and_lac_states_are_read_one_row_each_with_their_quad_class() {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path());
    let (c, files) = read(dir.path(), "icews-events");
    c.assert_balanced();
    // In scope: lines 1, 2, 5, 6, 7, 9 of the plain file; 10 and 11 of the zipped one.
    assert_eq!(c.read.get(&format!("{FOLDER}/{PLAIN}")), Some(&6));
    assert_eq!(c.read.get(&format!("{FOLDER}/{ZIPPED}")), Some(&2));
    assert_eq!((c.stored(), c.rejected()), (6, 2));
    let events: Vec<&Event> = c.rows(|b| match b {
        Batch::Events(r) => Some(r),
        _ => None,
    });
    let shape: Vec<Shape> = (events.iter())
        .map(|e| {
            (
                e.actor.as_str(),
                e.target.as_str(),
                e.year,
                e.date.as_deref(),
                e.measure,
                e.value,
            )
        })
        .collect();
    // Files in name order: `Events.2017…` sorts before `events.2018…` (capitals first).
    assert_eq!(
        shape,
        vec![
            (
                "CHN",
                "CUB",
                2017,
                Some("2017-03-03"),
                "verbal_cooperation",
                1.0
            ),
            (
                "BOL",
                "CHN",
                2017,
                Some("2017-12-31"),
                "material_cooperation",
                1.0
            ),
            (
                "CHN",
                "BRA",
                2018,
                Some("2018-06-01"),
                "verbal_cooperation",
                1.0
            ),
            (
                "VEN",
                "CHN",
                2018,
                Some("2018-06-02"),
                "material_cooperation",
                1.0
            ),
            (
                "CHN",
                "MEX",
                2018,
                Some("2018-06-04"),
                "verbal_conflict",
                1.0
            ),
            (
                "CHN",
                "TTO",
                2018,
                Some("2018-12-31"),
                "material_conflict",
                1.0
            ),
        ]
    );
    let reasons: Vec<(&str, &str, u64)> = (c.rejects.iter())
        .map(|(_, r)| (r.column.as_str(), r.value.as_str(), r.row))
        .collect();
    // Lines count the header: event 6 is on line 7, event 7 on line 8.
    assert_eq!(
        reasons,
        vec![("Event Date", "2018-02-30", 7), ("CAMEO Code", "215", 8)]
    );
    // Each file's release is its year and the date in its name.
    let labels: Vec<(&str, &str)> = (files.read.iter())
        .map(|f| (f.relative.as_str(), f.release.as_str()))
        .collect();
    assert!(labels.contains(&(
        &format!("{FOLDER}/{ZIPPED}")[..],
        "ICEWS events of 2017, file of 2020-10-06"
    )));
    assert!(labels.contains(&(
        &format!("{FOLDER}/{PLAIN}")[..],
        "ICEWS events of 2018, file of 2020-04-27"
    )));
}

#[test]
fn a_zip_of_two_files_and_a_file_without_the_columns_stop_the_build_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(FOLDER);
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("events.2020.20200506093336.tab.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for name in ["a.tab", "b.tab"] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(HEADER.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let err = common::read_err(dir.path(), "icews-events");
    assert!(err.contains("events.2020.20200506093336.tab.zip"), "{err}");
    assert!(err.contains("2 files in the zip"), "{err}");

    std::fs::remove_file(&path).unwrap();
    std::fs::write(folder.join(PLAIN), "Event ID\tEvent Date\n1\t2018-06-01\n").unwrap();
    let err = common::read_err(dir.path(), "icews-events");
    assert!(err.contains(PLAIN), "{err}");
    assert!(err.contains("\"Source Country\" not found"), "{err}");
}
