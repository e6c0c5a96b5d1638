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

/// A page of the Indicators API v2 in its layout: `[paging, records]`, newest year first.
fn api_page(records: &str) -> String {
    format!(
        r#"[{{"page":1,"pages":1,"per_page":20000,"total":5,"sourceid":"2","lastupdated":"2031-03-04"}},[{records}]]"#
    )
}

fn record(indicator: &str, iso3: &str, date: &str, value: &str) -> String {
    format!(
        r#"{{"indicator":{{"id":"{indicator}","value":"x"}},"country":{{"id":"XX","value":"x"}},"countryiso3code":"{iso3}","date":"{date}","value":{value},"unit":"","obs_status":"","decimal":0}}"#
    )
}

#[test]
fn api_pages_give_gdp_and_population_and_reject_what_they_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let records = [
        record("NY.GDP.MKTP.CD", "BRA", "2024", "2171656016130.5"),
        record("NY.GDP.MKTP.CD", "CHN", "2024", "null"), // no observation: not read
        record("SP.POP.TOTL", "PER", "2023", "34352719"),
        record("NY.GDP.PCAP.CD", "PER", "2023", "7907.4"), // an indicator galeon does not read
        record("SP.POP.TOTL", "XYZ", "2023", "1"),         // no such economy
    ]
    .join(",");
    put(
        dir.path(),
        "macro/worldbank-api/gdp_p1.json",
        api_page(&records),
    );
    let (c, files) = read(dir.path(), "worldbank-api");
    c.assert_balanced();
    let got: Vec<(&str, i32, &str, f64, &str)> = macros(&c)
        .iter()
        .map(|m| {
            (
                m.country.as_str(),
                m.year,
                m.indicator.as_str(),
                m.value,
                m.unit,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("BRA", 2024, "gdp_usd", 2_171_656_016_130.5, "USD"),
            ("PER", 2023, "population", 34_352_719.0, "persons"),
        ]
    );
    // Rejects by record position (1-based) and field.
    let rejects: Vec<(u64, &str)> = (c.rejects.iter())
        .map(|(_, r)| (r.row, r.column.as_str()))
        .collect();
    assert_eq!(rejects, vec![(4, "indicator.id"), (5, "countryiso3code")]);
    common::assert_release(&c, &files, "WDI API last updated 2031-03-04");
}

#[test]
fn an_api_error_answer_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // What the API answers with HTTP 200 for an unknown indicator (recorded in api-samples).
    let error = r#"[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]"#;
    put(dir.path(), "macro/worldbank-api/gdp_p1.json", error);
    let mut sink = common::Collected::default();
    let e = galeon_sources::survey::read_dataset(dir.path(), "worldbank-api", &mut sink)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("gdp_p1.json") && e.contains("not a page of the indicators API"),
        "{e}"
    );
}

#[test]
fn the_recorded_api_answer_reads_with_every_record_accounted_for() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return; // said once by shared_data
    };
    // Japan's GDP per capita 2000–2004 (NY.GDP.PCAP.CD), as the live API answered: galeon reads
    // GDP and population only, so the five records are read and rejected, naming the indicator.
    let recorded = shared.join("api-samples/worldbank-api-v2-kuznets/wb/country_jp_gdp.json");
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "macro/worldbank-api/gdp_p1.json",
        std::fs::read(recorded).unwrap(),
    );
    let (c, files) = read(dir.path(), "worldbank-api");
    c.assert_balanced();
    assert_eq!((c.stored(), c.rejected()), (0, 5));
    assert!(c.rejects.iter().all(|(_, r)| r.value == "NY.GDP.PCAP.CD"));
    common::assert_release(&c, &files, "WDI API last updated 2026-10-08");
}

#[test]
fn api_pages_that_overlap_store_each_value_once() {
    let dir = tempfile::tempdir().unwrap();
    let brazil = record("NY.GDP.MKTP.CD", "BRA", "2024", "2171656016130.5");
    let peru = record("NY.GDP.MKTP.CD", "PER", "2024", "289222000000");
    put(
        dir.path(),
        "macro/worldbank-api/gdp_p1.json",
        api_page(&brazil),
    );
    // A page left by an earlier, longer answer repeats Brazil.
    put(
        dir.path(),
        "macro/worldbank-api/gdp_p2.json",
        api_page(&format!("{brazil},{peru}")),
    );
    let (c, _) = read(dir.path(), "worldbank-api");
    c.assert_balanced();
    assert_eq!((c.stored(), c.rejected()), (2, 1));
    assert!(c.rejects[0]
        .1
        .reason
        .contains("repeats macro/worldbank-api/gdp_p1.json row 1"));
}
