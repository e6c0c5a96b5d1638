//! World Bank WDI (datasets/gdp and datasets/population data packages) on fixtures in the
//! published layout: `gdp.csv` and `population.csv` with columns `Country Name,Country Code,Year,
//! Value` (GDP in current USD with full float digits, population in persons), each beside its
//! `<stem>_datapackage.json` whose `last_updated` states the release.

mod common;

use common::{put, read};
use galeon_sources::canonical::{Batch, MacroValue};

const WB: &str = "macro/worldbank-gdp-population";

const GDP_PACKAGE: &str = r#"{
  "description": "Country, regional and world GDP in current US Dollars ($).",
  "keywords": ["GDP", "World"],
  "last_updated": "2031-01-15",
  "name": "gdp",
  "resources": [{"name": "gdp", "path": "data/gdp.csv", "format": "csv"}]
}"#;

const POPULATION_PACKAGE: &str = r#"{
  "description": "Population figures for countries, regions and the world.",
  "last_updated": "2030-06-02",
  "name": "population",
  "resources": [{"name": "population", "path": "data/population.csv", "format": "csv"}]
}"#;

fn macros(c: &common::Collected) -> Vec<&MacroValue> {
    c.rows(|b| match b {
        Batch::Macro(r) => Some(r),
        _ => None,
    })
}

#[test]
fn gdp_and_population_rows_resolve_codes_and_take_their_release_from_each_datapackage() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{WB}/gdp.csv"),
        "Country Name,Country Code,Year,Value\n\
         Brazil,BRA,2019,1873288263001.4375\n\
         China,CHN,2019,14279937500000.0\n\
         Atlantis,ATL,2019,5\n\
         Chile,CHL,2019,..\n\
         Chile,CHL,20x9,1\n",
    );
    put(
        dir.path(),
        &format!("{WB}/gdp_datapackage.json"),
        GDP_PACKAGE,
    );
    put(
        dir.path(),
        &format!("{WB}/population.csv"),
        "Country Name,Country Code,Year,Value\nBrazil,BRA,2020,212559409\nMexico,MEX,2020,128932753\n",
    );
    put(
        dir.path(),
        &format!("{WB}/population_datapackage.json"),
        POPULATION_PACKAGE,
    );
    let (c, files) = read(dir.path(), "worldbank-gdp-population");
    c.assert_balanced();
    let rows = macros(&c);
    let got: Vec<(&str, i32, &str, f64, &str)> = rows
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
    // Values are stored as published: GDP in USD, population in persons.
    assert_eq!(
        got,
        vec![
            ("BRA", 2019, "gdp_usd", 1_873_288_263_001.437_5, "USD"),
            ("CHN", 2019, "gdp_usd", 14_279_937_500_000.0, "USD"),
            ("BRA", 2020, "population", 212_559_409.0, "persons"),
            ("MEX", 2020, "population", 128_932_753.0, "persons"),
        ]
    );
    // gdp.csv: the unknown code ATL on line 4, the value ".." on line 5, the year "20x9" on line 6.
    let rejects: Vec<(&str, u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(p, r)| (p.file.as_str(), r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    let gdp = format!("{WB}/gdp.csv");
    assert_eq!(
        rejects,
        vec![
            (gdp.as_str(), 4, "Country Code", "ATL"),
            (gdp.as_str(), 5, "Year/Value", "2019 / .."),
            (gdp.as_str(), 6, "Year/Value", "20x9 / 1"),
        ]
    );
    // 5 lines of gdp.csv + 2 of population.csv = 7 read = 4 stored + 3 rejected.
    assert_eq!(c.read_total(), 7);
    // Each CSV's release is its own datapackage's last_updated; the JSON files are not read.
    let release = |name: &str| {
        files
            .read
            .iter()
            .find(|f| f.relative.ends_with(name))
            .map(|f| f.release.clone())
    };
    assert_eq!(files.read.len(), 2, "{:?}", files.read);
    assert_eq!(
        release("/gdp.csv").as_deref(),
        Some("WDI datapackage updated 2031-01-15")
    );
    assert_eq!(
        release("/population.csv").as_deref(),
        Some("WDI datapackage updated 2030-06-02")
    );
    for (p, _) in &c.batches {
        let expected = if p.file.ends_with("gdp.csv") {
            "WDI datapackage updated 2031-01-15"
        } else {
            "WDI datapackage updated 2030-06-02"
        };
        assert_eq!(&*p.release, expected);
    }
}

#[test]
fn without_its_datapackage_a_csv_falls_back_to_release_toml_then_to_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "Country Name,Country Code,Year,Value\nPeru,PER,2018,32510453\n";
    put(dir.path(), &format!("{WB}/population.csv"), csv);
    let (c, files) = read(dir.path(), "worldbank-gdp-population");
    c.assert_balanced();
    assert_eq!(macros(&c)[0].country, "PER");
    assert!(
        files.read[0]
            .release
            .starts_with("unknown release (sha256 "),
        "{}",
        files.read[0].release
    );
    put(
        dir.path(),
        &format!("{WB}/release.toml"),
        "release = \"WDI 2030-06\"\n",
    );
    let (_, files) = read(dir.path(), "worldbank-gdp-population");
    assert_eq!(
        files.read[0].release,
        "WDI 2030-06 (stated in release.toml)"
    );
}
