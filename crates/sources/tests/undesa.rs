//! UN DESA International Migrant Stock on fixtures in the published layout:
//! `chinese_immigration.csv` and `us_immigration.csv`, columns destination_area, 2000, 2005,
//! 2010, 2015, 2020, then the same years for males and females, growth, average, country_id.
//! Empty year cells are absent, not read; a name on two lines (UN DESA's "Micronesia", region
//! and country) is rejected on both lines.

mod common;

use common::{put, read};
use galeon_sources::canonical::Batch;

const FOLDER: &str = "culture/un-desa-chinese-migrant-stock";
const HEADER: &str = "destination_area,2000,2005,2010,2015,2020,2000males,2005males,2010males,2015males,2020males,2000females,2005females,2010females,2015females,2020females,growth,average,country_id\n";

fn fixture(root: &std::path::Path) {
    let china = [
        // line 2: five years; the male/female split and the derived columns are not read.
        "Argentina,100,200,300,400,500,60,110,160,210,260,40,90,140,190,240,1.5,300,15",
        // line 3: 2005 and 2015 empty: three values read.
        "Brazil,10,,30,,50,5,,15,,25,5,,15,,25,0.5,30,16",
        // lines 4 and 5: one name twice (region and country): both lines rejected.
        "Micronesia,1,2,3,4,5,1,1,2,2,3,0,1,1,2,2,0.1,3,24",
        "Micronesia,6,7,8,9,10,3,4,4,5,5,3,3,4,4,5,0.2,8,244",
        // line 6: unknown economy, 2010 empty: four values rejected at once.
        "Atlantis,1,2,,4,5,1,1,,2,3,0,1,,2,2,0.1,3,999",
        // line 7: 2005 is not a number.
        "Chile,7,x,9,10,11,4,x,5,5,6,3,x,4,5,5,0.3,9,40",
    ]
    .join("\n");
    let usa =
        "Mexico,1000,1100,1200,1300,1400,500,550,600,650,700,500,550,600,650,700,0.9,1200,20\n";
    put(
        root,
        &format!("{FOLDER}/chinese_immigration.csv"),
        format!("{HEADER}{china}\n"),
    );
    put(
        root,
        &format!("{FOLDER}/us_immigration.csv"),
        format!("{HEADER}{usa}"),
    );
    put(root, &format!("{FOLDER}/SOURCE.md"), "# source\n");
}

#[test]
fn migrant_stock_by_destination_keeps_present_years_and_rejects_ambiguous_names() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (c, _) = read(dir.path(), "un-desa-migrant-stock");
    c.assert_balanced();
    let rows = c.rows(|b| match b {
        Batch::Macro(r) => Some(r),
        _ => None,
    });
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.country.as_str(),
                r.year,
                r.indicator.as_str(),
                r.value,
                r.unit,
            )
        })
        .collect();
    let china = "migrant_stock_born_in_china";
    let usa = "migrant_stock_born_in_usa";
    assert_eq!(
        got,
        vec![
            // Persons, as published (the total columns only, not males/females).
            ("ARG", 2000, china, 100.0, "persons"),
            ("ARG", 2005, china, 200.0, "persons"),
            ("ARG", 2010, china, 300.0, "persons"),
            ("ARG", 2015, china, 400.0, "persons"),
            ("ARG", 2020, china, 500.0, "persons"),
            // Empty 2005 and 2015 are absent.
            ("BRA", 2000, china, 10.0, "persons"),
            ("BRA", 2010, china, 30.0, "persons"),
            ("BRA", 2020, china, 50.0, "persons"),
            // 2005 ("x") is rejected, the other four are kept.
            ("CHL", 2000, china, 7.0, "persons"),
            ("CHL", 2010, china, 9.0, "persons"),
            ("CHL", 2015, china, 10.0, "persons"),
            ("CHL", 2020, china, 11.0, "persons"),
            ("MEX", 2000, usa, 1000.0, "persons"),
            ("MEX", 2005, usa, 1100.0, "persons"),
            ("MEX", 2010, usa, 1200.0, "persons"),
            ("MEX", 2015, usa, 1300.0, "persons"),
            ("MEX", 2020, usa, 1400.0, "persons"),
        ]
    );
    let rejects: Vec<_> = c
        .rejects
        .iter()
        .map(|(p, r)| {
            (
                p.file.as_str(),
                r.row,
                r.column.as_str(),
                r.value.as_str(),
                r.rows,
            )
        })
        .collect();
    let f = "culture/un-desa-chinese-migrant-stock/chinese_immigration.csv";
    assert_eq!(
        rejects,
        vec![
            // Micronesia on lines 4 and 5: each line's five values go.
            (f, 4, "destination_area", "Micronesia", 5),
            (f, 5, "destination_area", "Micronesia", 5),
            // Atlantis: its four present values (2010 is empty) in one reject.
            (f, 6, "destination_area", "Atlantis", 4),
            (f, 7, "2005", "x", 1),
        ]
    );
    assert!(
        c.rejects[0].1.reason.contains("lines 4, 5"),
        "{}",
        c.rejects[0].1.reason
    );
    // China file: 5 + 3 + 5 + 5 + 4 + 5 = 27 values read = 12 stored + 15 rejected; USA: 5.
    assert_eq!(c.read[f], 27);
    assert_eq!(
        c.read["culture/un-desa-chinese-migrant-stock/us_immigration.csv"],
        5
    );
}

#[test]
fn the_files_state_no_release_unless_release_toml_does() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (_, files) = read(dir.path(), "un-desa-migrant-stock");
    assert_eq!(files.read.len(), 2);
    for f in &files.read {
        let bytes = std::fs::read(&f.path).unwrap();
        let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
        assert_eq!(
            f.release,
            format!("unknown release (sha256 {})", &sha[..12])
        );
    }
    put(
        dir.path(),
        &format!("{FOLDER}/release.toml"),
        "release = \"X\"\n",
    );
    let (c, files) = read(dir.path(), "un-desa-migrant-stock");
    assert!(files
        .read
        .iter()
        .all(|f| f.release == "X (stated in release.toml)"));
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "X (stated in release.toml)"));
}
