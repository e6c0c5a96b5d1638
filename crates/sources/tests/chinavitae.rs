//! China Vitae on fixtures in the published layout: `chinavitae_engagements_2003_2018_all.csv` with
//! columns date, year, country, leader, text, iso3 — one line per leader, country and day, the text
//! quoted when it holds commas ("Xi Jinping travelled to Peru, Lima and met with …"). A line is a
//! trip when the leader travelled to the country it is filed under; otherwise an engagement.

mod common;

use common::{put, read};
use galeon_sources::canonical::Batch;

const FOLDER: &str = "diplomacy/chinavitae-elite-engagements";
const FILE: &str = "chinavitae_engagements_2003_2018_all.csv";

/// Invented engagements (names of leaders and people are made up).
const CSV: &str = "date,year,country,leader,text,iso3\n\
2016-11-20,2016,Peru,Wang Ming,\"Wang Ming travelled to Peru, Lima \",PER\n\
2016-11-21,2016,Colombia,Wang Ming,\"Wang Ming travelled to Peru, Lima and met with the following: Ana Ruiz (Colombian President)\",COL\n\
2016-12-02,2016,Brazil,Wang Ming,Wang Ming was in Beijing Municipality and met with the following:  Joao Lima (Brazilian Foreign Minister),BRA\n\
2017-03-09,2017,Chile,,\"Chinese delegation visits Chile (Chile, Santiago) \",CHL\n\
2017-04-01,2017,Atlantis,Wang Ming,\"Wang Ming travelled to Atlantis, Poseidonia \",\n\
n.d.,,Mexico,Wang Ming,\"Wang Ming travelled to Mexico, Mexico City \",MEX\n";

/// Actor, target, person, year, date, measure, value.
type EventView<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    i32,
    Option<&'a str>,
    &'a str,
    f64,
);

#[test]
fn engagements_are_trips_only_where_the_leader_travelled_to_the_country_filed() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), &format!("{FOLDER}/{FILE}"), CSV);
    put(dir.path(), &format!("{FOLDER}/SOURCE.md"), "# fixture\n");
    let (c, files) = read(dir.path(), "chinavitae");
    c.assert_balanced();
    let rows = c.rows(|b| match b {
        Batch::Events(r) => Some(r),
        _ => None,
    });
    let got: Vec<EventView> = rows
        .iter()
        .map(|e| {
            (
                e.actor.as_str(),
                e.target.as_str(),
                e.person.as_deref(),
                e.year,
                e.date.as_deref(),
                e.measure,
                e.value,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // Line 2: travelled to Peru, filed under Peru: a trip.
            (
                "CHN",
                "PER",
                Some("Wang Ming"),
                2016,
                Some("2016-11-20"),
                "leader_trip",
                1.0
            ),
            // Line 3: travelled to Peru, filed under Colombia (met its president): an engagement.
            (
                "CHN",
                "COL",
                Some("Wang Ming"),
                2016,
                Some("2016-11-21"),
                "leader_engagement",
                1.0
            ),
            // Line 4: a meeting at home: an engagement.
            (
                "CHN",
                "BRA",
                Some("Wang Ming"),
                2016,
                Some("2016-12-02"),
                "leader_engagement",
                1.0
            ),
            // Line 5: no leader named: person None; no "travelled to": an engagement.
            (
                "CHN",
                "CHL",
                None,
                2017,
                Some("2017-03-09"),
                "leader_engagement",
                1.0
            ),
        ]
    );
    // Line 6: unknown country; line 7: a date that is not a date.
    let rejects: Vec<(u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        rejects,
        vec![(6, "country", "Atlantis"), (7, "date", "n.d.")]
    );
    assert_eq!(c.read_total(), 6);
    // Unstated release.
    assert_eq!(files.read.len(), 1, "{:?}", files.read);
    assert!(
        files.read[0]
            .release
            .starts_with("unknown release (sha256 "),
        "{:?}",
        files.read
    );
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| *p.release == files.read[0].release));
}

#[test]
fn a_release_toml_in_the_folder_names_the_china_vitae_release() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), &format!("{FOLDER}/{FILE}"), CSV);
    put(
        dir.path(),
        &format!("{FOLDER}/release.toml"),
        "release = \"scrape 2019\"\n",
    );
    let (c, files) = read(dir.path(), "chinavitae");
    assert_eq!(files.read.len(), 1);
    common::assert_release(&c, &files, "scrape 2019 (stated in release.toml)");
}
