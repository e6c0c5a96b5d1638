//! Reference tables on fixtures in the published layout: BLS CPI-U as
//! `cpi_us_datasets/cpiai.csv` (Date YYYY-MM-01, Index, Inflation; monthly, averaged per
//! complete year) and Open Trade Statistics `tradestatistics_ots/ots_gdp_deflator.csv`
//! (year_from, year_to, country_iso in lower case, gdp_deflator). The geo dataset is declared
//! but not read: its files are listed as not read, with the reason.

mod common;

use common::{put, read};
use galeon_sources::canonical::Batch;

fn fixture(root: &std::path::Path) {
    // 2001: twelve months, indices 100, 101, …, 111 (sum 1266, average 105.5).
    // 2002: only three months (not a complete year).
    // line 17 (after the 12 + 3 months and the header): not a date and a number.
    let mut cpi = String::from("Date,Index,Inflation\n");
    for m in 1..=12 {
        let inflation = if m == 1 { String::new() } else { "1.0".into() };
        cpi.push_str(&format!("2001-{m:02}-01,{},{inflation}\n", 99 + m));
    }
    for m in 1..=3 {
        cpi.push_str(&format!("2002-{m:02}-01,200.0,0.5\n"));
    }
    cpi.push_str("n.a.,abc,\n");
    put(root, "reference/cpi_us_datasets/cpiai.csv", cpi);
    put(root, "reference/cpi_us_datasets/datapackage.json", "{}");
    put(
        root,
        "reference/tradestatistics_ots/ots_gdp_deflator.csv",
        concat!(
            "year_from,year_to,country_iso,gdp_deflator\n",
            // line 2
            "2009,2010,bra,1.0825\n",
            // line 3
            "2010,2011,chn,0.98\n",
            // line 4: unknown code
            "2010,2011,qqq,1.01\n",
            // line 5: not consecutive years
            "2010,2012,arg,1.2\n",
            // line 6: factor not a number
            "2011,2012,arg,NA\n",
        ),
    );
    put(
        root,
        "reference/tradestatistics_ots/ots_countries.json",
        "[]",
    );
    put(
        root,
        "reference/iso3166_lukes/all.csv",
        "name,alpha-2,alpha-3,country-code,iso_3166-2,region,sub-region,intermediate-region,region-code,sub-region-code,intermediate-region-code\nBrazil,BR,BRA,076,ISO 3166-2:BR,Americas,Latin America and the Caribbean,South America,019,419,005\n",
    );
    put(
        root,
        "reference/hs_datasets/sections.csv",
        "section,name\nI,Animals\n",
    );
    put(root, "reference/SOURCE.md", "# source\n");
}

#[test]
fn us_cpi_is_averaged_over_complete_years_and_deflators_sit_under_the_later_year() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (c, files) = read(dir.path(), "reference");
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
    assert_eq!(
        got,
        vec![
            // (100 + 101 + … + 111) / 12 = 1266 / 12 = 105.5; 2002 has 3 months only.
            (
                "USA",
                2001,
                "cpi_u_annual_average",
                105.5,
                "index 1982-84=100"
            ),
            // 2009→2010 stored under 2010; lower-case codes resolve.
            (
                "BRA",
                2010,
                "gdp_deflator_yoy_factor",
                1.0825,
                "ratio to previous year"
            ),
            (
                "CHN",
                2011,
                "gdp_deflator_yoy_factor",
                0.98,
                "ratio to previous year"
            ),
        ]
    );
    let rejects: Vec<_> = c
        .rejects
        .iter()
        .map(|(p, r)| {
            (
                p.file.rsplit('/').next().unwrap(),
                r.row,
                r.column.as_str(),
                r.value.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rejects,
        vec![
            ("cpiai.csv", 17, "Date/Index", "n.a. / abc"),
            // The incomplete year has no line of its own: row 0, the year as value.
            ("cpiai.csv", 0, "Date", "2002"),
            ("ots_gdp_deflator.csv", 4, "country_iso", "qqq"),
            (
                "ots_gdp_deflator.csv",
                5,
                "year_from/year_to/gdp_deflator",
                "2010→2012 1.2"
            ),
            (
                "ots_gdp_deflator.csv",
                6,
                "year_from/year_to/gdp_deflator",
                "2011→2012 NA"
            ),
        ]
    );
    assert!(c.rejects[1]
        .1
        .reason
        .contains("only 3 of 12 months of 2002"));
    // CPI: rows read count years (2001, 2002) plus the unreadable line: 3 = 1 stored + 2
    // rejected. Deflators: 5 lines = 2 stored + 3 rejected.
    assert_eq!(c.read["reference/cpi_us_datasets/cpiai.csv"], 3);
    assert_eq!(
        c.read["reference/tradestatistics_ots/ots_gdp_deflator.csv"],
        5
    );
    // Reference files state no release: unknown, with the file's hash.
    for f in &files.read {
        let bytes = std::fs::read(&f.path).unwrap();
        let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
        assert_eq!(
            f.release,
            format!("unknown release (sha256 {})", &sha[..12])
        );
    }
    let mut read_files: Vec<_> = files.read.iter().map(|f| f.relative.as_str()).collect();
    read_files.sort();
    assert_eq!(
        read_files,
        vec![
            "reference/cpi_us_datasets/cpiai.csv",
            "reference/iso3166_lukes/all.csv",
            "reference/tradestatistics_ots/ots_gdp_deflator.csv",
        ]
    );
    let reason = |path: &str| {
        files
            .not_read
            .iter()
            .find(|n| n.path == path)
            .map(|n| n.reason.clone())
    };
    assert_eq!(
        reason("reference/hs_datasets/sections.csv").as_deref(),
        Some("products")
    );
    assert_eq!(
        reason("reference/cpi_us_datasets/datapackage.json").as_deref(),
        Some("metadata")
    );
}

#[test]
fn release_toml_states_the_release_of_the_reference_tables() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    put(dir.path(), "reference/release.toml", "release = \"X\"\n");
    let (c, files) = read(dir.path(), "reference");
    assert!(files
        .read
        .iter()
        .all(|f| f.release == "X (stated in release.toml)"));
    assert_eq!(c.stored(), 3);
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "X (stated in release.toml)"));
}

#[test]
fn geo_files_are_listed_as_not_read_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "geo/world-countries/countries.csv",
        "\"name.common\",\"name.official\",\"tld\",\"cca2\",\"ccn3\",\"cca3\"\n\"Brazil\",\"Federative Republic of Brazil\",\".br\",\"BR\",\"076\",\"BRA\"\n",
    );
    put(dir.path(), "geo/world-countries/countries.json", "[]");
    put(dir.path(), "geo/world-atlas/countries-110m.json", "{}");
    put(dir.path(), "geo/i18n-iso-countries/en.json", "{}");
    put(dir.path(), "geo/SOURCE.md", "# source\n");
    let (c, files) = read(dir.path(), "geo");
    assert!(files.present);
    assert!(files.read.is_empty(), "{:?}", files.read);
    assert!(c.batches.is_empty() && c.rejects.is_empty() && c.read.is_empty());
    let mut not_read: Vec<_> = files
        .not_read
        .iter()
        .map(|n| (n.path.as_str(), n.reason.as_str()))
        .collect();
    not_read.sort();
    assert_eq!(
        not_read,
        vec![
            ("geo/SOURCE.md", "documentation"),
            ("geo/i18n-iso-countries/en.json", "names by ISO alpha-2; compared with the registry's names in its tests"),
            ("geo/world-atlas/countries-110m.json", "map geometry, joined by ISO numeric code in the web dashboard"),
            // A declared table of a dataset nobody reads gets the reader's reason.
            ("geo/world-countries/countries.csv", "map geometry and name lists: the dashboard and the registry's tests read them; not a table of the panel"),
            ("geo/world-countries/countries.json", "the same records as countries.csv"),
        ]
    );
}
