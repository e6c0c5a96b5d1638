//! Harvard Growth Lab Atlas on fixtures in the published layouts:
//! - `atlas-country-year`: `atlas_hs92_country_year_1995_2024.csv` with columns
//!   `country_id,country_iso3_code,year,export_value,import_value,eci,coi,diversity,growth_proj`
//!   (values in USD), beside `geo-SCM_source_manifest.json` whose
//!   `atlas_sources[0].dv_publication_date` states the release;
//! - `export-concentration-indices`: `atlas_hs4_country_year_concentration_1995_2023.csv` (UTF-8
//!   with a byte-order mark, every header and field quoted) and
//!   `imf_export_diversification_index_1962_2010.csv` (Latin-1, wide: `Countryname,ISO,WEO
//!   Country Code,Indicator,Units,Frequency` then one column per year). They state no release.

mod common;

use common::{latin1, put, read};
use galeon_sources::canonical::{Batch, MacroValue};

const COUNTRY_YEAR: &str = "trade/atlas-country-year";
const CONCENTRATION: &str = "trade/export-concentration-indices";

const MANIFEST: &str = r#"{
 "atlas_sources": [
  {
   "table_name": "hs92_country_year",
   "out_file": "data/raw/atlas_hs92_country_year.csv",
   "dv_file_id": 1,
   "dv_file_name": "hs92_country_year.csv",
   "dv_publication_date": "2031-03-09",
   "year_min": 1995,
   "year_max": 2024,
   "repo": "hs92"
  },
  {
   "table_name": "hs92_country_country_year",
   "dv_publication_date": "2029-01-01",
   "repo": "hs92"
  }
 ],
 "year_window": {"requested_start_year": 2012}
}"#;

const COUNTRY_YEAR_HEADER: &str =
    "country_id,country_iso3_code,year,export_value,import_value,eci,coi,diversity,growth_proj\n";

fn macros(c: &common::Collected) -> Vec<(&str, i32, &str, f64, &str)> {
    c.rows(|b| match b {
        Batch::Macro(r) => Some(r),
        _ => None,
    })
    .into_iter()
    .map(|r: &MacroValue| {
        (
            r.country.as_str(),
            r.year,
            r.indicator.as_str(),
            r.value,
            r.unit,
        )
    })
    .collect()
}

#[test]
fn country_year_stores_exports_imports_and_eci_and_names_the_dataverse_release() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{COUNTRY_YEAR}/atlas_hs92_country_year_1995_2024.csv"),
        format!(
            "{COUNTRY_YEAR_HEADER}\
             76,BRA,2019,225000000000,177000000000,-0.15,0.2,800,\n\
             999,ATL,2019,5,6,0.1,,,\n\
             32,ARG,2019,60000000000,,-0.3,,,0.02\n"
        ),
    );
    put(
        dir.path(),
        &format!("{COUNTRY_YEAR}/geo-SCM_source_manifest.json"),
        MANIFEST,
    );
    let (c, files) = read(dir.path(), "atlas-country-year");
    c.assert_balanced();
    // Values as published: USD and the ECI index; coi, diversity and growth_proj are not read.
    assert_eq!(
        macros(&c),
        vec![
            ("BRA", 2019, "atlas_exports_usd", 225_000_000_000.0, "USD"),
            ("BRA", 2019, "atlas_imports_usd", 177_000_000_000.0, "USD"),
            ("BRA", 2019, "atlas_eci", -0.15, "index"),
            ("ARG", 2019, "atlas_exports_usd", 60_000_000_000.0, "USD"),
            ("ARG", 2019, "atlas_eci", -0.3, "index"),
        ]
    );
    // The unknown code ATL on line 3 is one reject standing for its 3 values.
    let rejects: Vec<(u64, &str, &str, u64)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str(), r.rows))
        .collect();
    assert_eq!(rejects, vec![(3, "country_iso3_code", "ATL", 3)]);
    // Read: 3 + 3 + 2 non-empty values = 8 = 5 stored + 3 rejected.
    assert_eq!(c.read_total(), 8);
    // The release is the first Atlas source's Dataverse publication date in the manifest.
    assert_eq!(files.read.len(), 1, "the manifest itself is not read");
    common::assert_release(&c, &files, "Atlas hs92_country_year, Dataverse 2031-03-09");
}

#[test]
fn country_year_rejects_a_value_that_is_not_a_number() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{COUNTRY_YEAR}/atlas_hs92_country_year_1995_2024.csv"),
        format!("{COUNTRY_YEAR_HEADER}76,BRA,2019,n/a,177000000000,-0.15,,,\n"),
    );
    let (c, _) = read(dir.path(), "atlas-country-year");
    // 3 values read, 2 stored: "n/a" must be a reject (line 2, export_value).
    assert_eq!(c.stored(), 2);
    c.assert_balanced();
    assert_eq!(c.rejects[0].1.row, 2);
}

#[test]
fn atlas_hs4_concentration_reads_a_quoted_header_after_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{CONCENTRATION}/atlas_hs4_country_year_concentration_1995_2023.csv"),
        "\u{feff}\"country_code\",\"year\",\"region\",\"export_value\",\"import_value\",\"diversity\",\"diversity_075\",\"hhi\",\"entropy\",\"primary_share\",\"manufacturing_share\",\"eci\",\"diversity_complexity\"\n\
         \"BRA\",\"2019\",\"Latin America\",\"225000000000\",\"177000000000\",\"900\",\"850\",\"0.05\",\"4.2\",\"0.6\",\"0.35\",\"-0.1\",\"900\"\n\
         \"ATL\",\"2019\",\"Rest of world\",\"5\",\"6\",\"7\",\"7\",\"0.9\",\"0.3\",\"1\",\"0\",\"0.1\",\"7\"\n\
         \"CHL\",\"2019\",\"Latin America\",\"70000000000\",\"69000000000\",\"400\",\"380\",\"\",\"3.1\",\"0.8\",\"0.15\",\"-0.2\",\"400\"\n",
    );
    let (c, files) = read(dir.path(), "export-concentration-indices");
    c.assert_balanced();
    assert_eq!(
        macros(&c),
        vec![
            ("BRA", 2019, "atlas_hs4_export_hhi", 0.05, "index 0-1"),
            ("BRA", 2019, "atlas_hs4_export_entropy", 4.2, "nats"),
            (
                "BRA",
                2019,
                "atlas_primary_share_of_exports",
                0.6,
                "fraction"
            ),
            (
                "BRA",
                2019,
                "atlas_manufacturing_share_of_exports",
                0.35,
                "fraction"
            ),
            ("BRA", 2019, "atlas_hs4_diversity", 900.0, "products"),
            // Chile's empty hhi is no value: 4 series.
            ("CHL", 2019, "atlas_hs4_export_entropy", 3.1, "nats"),
            (
                "CHL",
                2019,
                "atlas_primary_share_of_exports",
                0.8,
                "fraction"
            ),
            (
                "CHL",
                2019,
                "atlas_manufacturing_share_of_exports",
                0.15,
                "fraction"
            ),
            ("CHL", 2019, "atlas_hs4_diversity", 400.0, "products"),
        ]
    );
    // ATL on line 3: one reject for its 5 series values.
    let rejects: Vec<(u64, &str, &str, u64)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str(), r.rows))
        .collect();
    assert_eq!(rejects, vec![(3, "country_code", "ATL", 5)]);
    assert!(
        files.read[0]
            .release
            .starts_with("unknown release (sha256 "),
        "{}",
        files.read[0].release
    );
}

#[test]
fn imf_diversification_is_latin1_and_wide_and_release_toml_states_the_release() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Countryname,ISO,WEO Country Code,Indicator,Units,Frequency,2009,2010\n\
                Côte d'Ivoire,CIV,662,Export Diversification Index,Index,Annual,4.5,4.25\n\
                Atlantis,ATL,999,Export Diversification Index,Index,Annual,1.5,2.5\n\
                Brazil,BRA,223,Export Diversification Index,Index,Annual,,2.75\n";
    put(
        dir.path(),
        &format!("{CONCENTRATION}/imf_export_diversification_index_1962_2010.csv"),
        latin1(text),
    );
    let (c, files) = read(dir.path(), "export-concentration-indices");
    c.assert_balanced();
    let theil = "imf_export_diversification_theil";
    assert_eq!(
        macros(&c),
        vec![
            ("CIV", 2009, theil, 4.5, "index"),
            ("CIV", 2010, theil, 4.25, "index"),
            // Brazil's empty 2009 is no value.
            ("BRA", 2010, theil, 2.75, "index"),
        ]
    );
    let rejects: Vec<(u64, &str, &str, u64)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str(), r.rows))
        .collect();
    assert_eq!(rejects, vec![(3, "ISO", "ATL", 2)]);
    // Read: 2 + 2 + 1 = 5 = 3 stored + 2 rejected.
    assert_eq!(c.read_total(), 5);
    assert!(files.read[0]
        .release
        .starts_with("unknown release (sha256 "));
    put(
        dir.path(),
        &format!("{CONCENTRATION}/release.toml"),
        "release = \"IMF diversification 2014\"\n",
    );
    let (c, files) = read(dir.path(), "export-concentration-indices");
    common::assert_release(
        &c,
        &files,
        "IMF diversification 2014 (stated in release.toml)",
    );
}
