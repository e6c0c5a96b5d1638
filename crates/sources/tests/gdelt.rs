//! GDELT country graph on fixtures in the published layout: `gdelt_daily_china_lac_edges_2018_2024.csv`
//! (date, partner_iso3, edge_weight; one line per day and LAC partner, many zero weights), beside
//! the tab-separated `country_codes_clean.csv` (with its trailing-space cells) and China's totals,
//! which declare codes or are skipped and give no rows.

mod common;

use common::{put, read};
use galeon_sources::canonical::Batch;

const FOLDER: &str = "events/gdelt-country-graph";
const EDGES: &str = "gdelt_daily_china_lac_edges_2018_2024.csv";

fn write_fixture(root: &std::path::Path) {
    put(
        root,
        &format!("{FOLDER}/country_codes_clean.csv"),
        "Country_name\tOfficial_state_name\tSovereignty\tAlpha2_code\tAlpha3_code\tNumeric_code\tSubdivision_code_links\tInternet_ccTLD\n\
         Brazil Brazil \tThe Federative Republic of Brazil \tUN member state \tBR \tBRA\t76.0\tISO 3166-2:BR \t.br\n",
    );
    put(
        root,
        &format!("{FOLDER}/gdelt_daily_china_totals_2018_2024.csv"),
        "date,china_all_partners_sum,china_self_loop,usa_lac33_sum\n2019-03-01,100.5,0.0,20.25\n",
    );
    put(
        root,
        &format!("{FOLDER}/{EDGES}"),
        // Invented weights. Line 2 and 3: stored; line 4 a zero weight, stored as 0;
        // line 5 an unknown partner code; line 6 a weight that is not a number.
        "date,partner_iso3,edge_weight\n\
         2019-03-01,BRA,12.5\n\
         2019-03-01,PER,-3.25\n\
         2020-07-15,ATG,0.0\n\
         2020-07-15,ZZZ,4.0\n\
         2020-07-16,ARG,n/a\n",
    );
}

/// Actor, target, year, date, measure, value.
type EventView<'a> = (&'a str, &'a str, i32, Option<&'a str>, &'a str, f64);

#[test]
fn edges_are_china_to_partner_events_dated_by_day_and_bad_lines_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path());
    let (c, files) = read(dir.path(), "gdelt-country-graph");
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
                e.year,
                e.date.as_deref(),
                e.measure,
                e.value,
            )
        })
        .collect();
    // The year is the date's first four digits; the weight is stored as published.
    assert_eq!(
        got,
        vec![
            (
                "CHN",
                "BRA",
                2019,
                Some("2019-03-01"),
                "goldstein_edge",
                12.5
            ),
            (
                "CHN",
                "PER",
                2019,
                Some("2019-03-01"),
                "goldstein_edge",
                -3.25
            ),
            (
                "CHN",
                "ATG",
                2020,
                Some("2020-07-15"),
                "goldstein_edge",
                0.0
            ),
        ]
    );
    let rejects: Vec<(u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        rejects,
        vec![(5, "partner_iso3", "ZZZ"), (6, "date/edge_weight", "n/a")]
    );
    // Only the edges file is read as rows: 5 lines = 3 stored + 2 rejected.
    assert_eq!(
        c.read.keys().collect::<Vec<_>>(),
        vec![&format!("{FOLDER}/{EDGES}")]
    );
    assert_eq!(c.read_total(), 5);
    // The totals file is declared as skipped; the edges file has an unknown release (Unstated).
    assert!(files
        .not_read
        .iter()
        .any(|n| n.path.ends_with("gdelt_daily_china_totals_2018_2024.csv")));
    let edges = files
        .read
        .iter()
        .find(|f| f.relative.ends_with(EDGES))
        .expect("the edges file is read");
    assert!(
        edges.release.starts_with("unknown release (sha256 "),
        "{:?}",
        files.read
    );
    assert!(c.batches.iter().all(|(p, _)| *p.release == edges.release));
}

#[test]
fn a_release_toml_in_the_folder_names_the_gdelt_release() {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path());
    put(
        dir.path(),
        &format!("{FOLDER}/release.toml"),
        "release = \"gdelt-graph 2024 snapshot\"\n",
    );
    let (c, files) = read(dir.path(), "gdelt-country-graph");
    assert!(!files.read.is_empty());
    assert!(files
        .read
        .iter()
        .all(|f| f.release == "gdelt-graph 2024 snapshot (stated in release.toml)"));
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "gdelt-graph 2024 snapshot (stated in release.toml)"));
}
