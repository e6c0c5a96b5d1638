//! ICEWS dyad-year counts on fixtures in the published layout: `icews_china_dyads_2002_2014.csv`,
//! the netify slice as CSV with columns i, j, year, id, verbCoop, matlCoop, verbConf, matlConf and
//! the i_/j_ covariates (polity, iso3c, region, GDP, population). Each line holds four quad-class
//! counts, each a row read; countries are named in i and j.

mod common;

use common::{put, read};
use galeon_sources::canonical::{Batch, Event};

const FOLDER: &str = "events/icews-dyad-year";
const FILE: &str = "icews_china_dyads_2002_2014.csv";
const HEADER: &str = "i,j,year,id,verbCoop,matlCoop,verbConf,matlConf,i_year,j_year,i_polity2,j_polity2,i_iso3c,j_iso3c,i_region,j_region,i_gdp,j_gdp,i_log_gdp,j_log_gdp,i_pop,j_pop,i_log_pop,j_log_pop";

/// Invented dyad-years (values are not ICEWS's).
fn fixture() -> String {
    [
        HEADER,
        // line 2: China -> Brazil 2005, four counts.
        "China,Brazil,2005,CHINA_BRAZIL_2005,12.0,3.0,1.0,0.0,CHINA_2005,BRAZIL_2005,-7,8,CHN,BRA,East Asia & Pacific,Latin America & Caribbean,1.0,2.0,0.1,0.2,10.0,20.0,2.3,3.0",
        // line 3: Peru -> China 2006, an all-zero dyad (still four rows).
        "Peru,China,2006,PERU_CHINA_2006,0.0,0.0,0.0,0.0,PERU_2006,CHINA_2006,9,-7,PER,CHN,Latin America & Caribbean,East Asia & Pacific,1.0,2.0,0.1,0.2,10.0,20.0,2.3,3.0",
        // line 4: unknown source country: its four counts are one reject of four rows.
        "Atlantis,China,2007,ATLANTIS_CHINA_2007,5.0,1.0,2.0,1.0,ATLANTIS_2007,CHINA_2007,,-7,,CHN,,East Asia & Pacific,,2.0,,0.2,,20.0,,3.0",
        // line 5: unknown target country, one count missing: one reject of three rows.
        "China,Atlantis,2007,CHINA_ATLANTIS_2007,4.0,,1.0,1.0,CHINA_2007,ATLANTIS_2007,-7,,CHN,,East Asia & Pacific,,2.0,,0.2,,20.0,,3.0,",
        // line 6: a year that is not a year: one reject of four rows.
        "China,Chile,n.d.,CHINA_CHILE_NA,7.0,2.0,0.0,0.0,CHINA_NA,CHILE_NA,-7,10,CHN,CHL,East Asia & Pacific,Latin America & Caribbean,1.0,2.0,0.1,0.2,10.0,20.0,2.3,3.0",
    ]
    .join("\n")
        + "\n"
}

fn value(rows: &[&Event], actor: &str, target: &str, measure: &str) -> f64 {
    let hits: Vec<f64> = rows
        .iter()
        .filter(|e| e.actor == actor && e.target == target && e.measure == measure)
        .map(|e| e.value)
        .collect();
    assert_eq!(hits.len(), 1, "{actor} {target} {measure}: {rows:?}");
    hits[0]
}

#[test]
fn dyad_years_give_four_quad_class_counts_and_bad_lines_reject_all_their_counts() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), &format!("{FOLDER}/{FILE}"), fixture());
    put(dir.path(), &format!("{FOLDER}/SOURCE.md"), "# fixture\n");
    let (c, files) = read(dir.path(), "icews-dyad-year");
    c.assert_balanced();
    let rows = c.rows(|b| match b {
        Batch::Events(r) => Some(r),
        _ => None,
    });
    // Lines 2 and 3 each give four counts: 8 rows; counts are stored as they are (events).
    assert_eq!(rows.len(), 8, "{rows:?}");
    assert_eq!(value(&rows, "CHN", "BRA", "verbal_cooperation"), 12.0);
    assert_eq!(value(&rows, "CHN", "BRA", "material_cooperation"), 3.0);
    assert_eq!(value(&rows, "CHN", "BRA", "verbal_conflict"), 1.0);
    assert_eq!(value(&rows, "CHN", "BRA", "material_conflict"), 0.0);
    assert_eq!(value(&rows, "PER", "CHN", "verbal_cooperation"), 0.0);
    assert!(rows.iter().all(|e| e.person.is_none() && e.date.is_none()));
    assert!(rows
        .iter()
        .all(|e| (e.target == "BRA" && e.year == 2005) || (e.actor == "PER" && e.year == 2006)));
    // Rejects by line and column, each standing for the counts its line held:
    // line 4 (i unknown, 4 counts), line 5 (j unknown, 3 counts: matlCoop blank), line 6 (year, 4).
    let rejects: Vec<(u64, &str, &str, u64)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str(), r.rows))
        .collect();
    assert_eq!(
        rejects,
        vec![
            (4, "i", "Atlantis", 4),
            (5, "j", "Atlantis", 3),
            (6, "year", "n.d.", 4)
        ]
    );
    // 5 data lines: 4 + 4 + 4 + 3 + 4 = 19 counts read = 8 stored + 11 rejected.
    assert_eq!(c.read_total(), 19);
    assert_eq!(c.rejected(), 11);
    // Unstated release: the label names the file's hash.
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
fn a_release_toml_in_the_folder_names_the_icews_release() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), &format!("{FOLDER}/{FILE}"), fixture());
    put(
        dir.path(),
        &format!("{FOLDER}/release.toml"),
        "release = \"netify 1.5.3\"\n",
    );
    let (c, files) = read(dir.path(), "icews-dyad-year");
    assert_eq!(files.read.len(), 1);
    common::assert_release(&c, &files, "netify 1.5.3 (stated in release.toml)");
}
