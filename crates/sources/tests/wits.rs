//! WITS Trade Summary bulk file on fixtures in the published layout: one Latin-1 CSV per reporter,
//! `raw_csv/en_<CODE>_AllYears_WITS_Trade_Summary.CSV`, columns `Reporter, Partner, Product
//! categories, Indicator Type, Indicator` then one column per year, newest first, values in US$
//! million right-aligned with leading spaces, empty where missing. Regional files leave Reporter
//! empty (the code is in the file name). The files state no release.

mod common;

use common::{latin1, put, read};
use galeon_sources::canonical::{Batch, Flow, MacroValue};

const WITS: &str = "trade/wits-trade-summary/raw_csv";

const HEADER: &str = "Reporter,Partner,Product categories,Indicator Type,Indicator,2019,2018\n";

fn macros(c: &common::Collected) -> Vec<&MacroValue> {
    c.rows(|b| match b {
        Batch::Macro(r) => Some(r),
        _ => None,
    })
}

#[test]
fn trade_summary_stores_exports_by_group_imports_by_stage_and_totals_in_usd() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}\
Brazil,...,...,Development,GDP (current US$ Mil),        1800000.00,        1900000.00\n\
Brazil,World,Fuels,Export,Export(US$ Mil),          12345.67,          11000.50\n\
Brazil,World,Raw materials,Export,Export(US$ Mil),           5000.00,\n\
Brazil,World,Capital goods,Import,Import(US$ Mil),            250.50,               n/a\n\
Brazil,World,All Products,Export,Exports (in US$ Mil),         225383.48,         239887.75\n\
Brazil,World,All Products,Import,Imports (in US$ Mil),         177347.93,\n\
Brazil,World,Fuels,Export,Export Product share(%),             10.00,              9.00\n\
Brazil,China,All Products,Export,Trade (US$ Mil)-Top 5 Export Partner,          63357.52,\n\
Brazil,Curaçao,All Products,Export,Trade (US$ Mil)-Top 5 Export Partner,              1.54,\n"
    );
    put(
        dir.path(),
        &format!("{WITS}/en_BRA_AllYears_WITS_Trade_Summary.CSV"),
        latin1(&text),
    );
    let (c, files) = read(dir.path(), "wits-trade-summary");
    c.assert_balanced();
    let got: Vec<(&str, &str, &str, &str, Flow, i32, f64)> = common::products(&c)
        .iter()
        .map(|r| {
            (
                r.reporter.as_str(),
                r.partner.as_str(),
                r.product.as_str(),
                r.nomenclature,
                r.flow,
                r.year,
                r.value_usd,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // 12,345.67 mn = 12,345,670,000 USD; 11,000.50 mn = 11,000,500,000 USD.
            (
                "BRA",
                "WLD",
                "Fuels",
                "WITS-16",
                Flow::Export,
                2019,
                12_345_670_000.0
            ),
            (
                "BRA",
                "WLD",
                "Fuels",
                "WITS-16",
                Flow::Export,
                2018,
                11_000_500_000.0
            ),
            // 5,000 mn = 5,000,000,000 USD; the empty 2018 cell is not a value.
            (
                "BRA",
                "WLD",
                "Raw materials",
                "UNCTAD-SOP",
                Flow::Export,
                2019,
                5_000_000_000.0
            ),
            // 250.50 mn = 250,500,000 USD.
            (
                "BRA",
                "WLD",
                "Capital goods",
                "UNCTAD-SOP",
                Flow::Import,
                2019,
                250_500_000.0
            ),
        ]
    );
    let totals: Vec<(&str, i32, &str, f64)> = macros(&c)
        .iter()
        .map(|r| (r.country.as_str(), r.year, r.indicator.as_str(), r.value))
        .collect();
    assert_eq!(
        totals,
        vec![
            // 225,383.48 mn = 225,383,480,000 USD; 239,887.75 mn = 239,887,750,000 USD.
            ("BRA", 2019, "wits_exports_usd", 225_383_480_000.0),
            ("BRA", 2018, "wits_exports_usd", 239_887_750_000.0),
            // 177,347.93 mn = 177,347,930,000 USD.
            ("BRA", 2019, "wits_imports_usd", 177_347_930_000.0),
        ]
    );
    assert!(macros(&c).iter().all(|r| r.unit == "USD"));
    // "n/a" in the 2018 column of line 5 (header 1, GDP 2, Fuels 3, Raw materials 4) is rejected by line and year column.
    let rejects: Vec<(u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(rejects, vec![(5, "2018", "               n/a")]);
    // Read: 2 + 1 + 2 + 2 + 1 values of the kept indicators = 8 = 7 stored + 1 rejected; GDP,
    // shares and top-5 partners are not read.
    assert_eq!(c.read_total(), 8);
    // No release in the files.
    assert!(
        files.read[0]
            .release
            .starts_with("unknown release (sha256 "),
        "{}",
        files.read[0].release
    );
}

#[test]
fn latin1_reporter_names_resolve_and_unknown_reporters_reject_their_whole_line() {
    let dir = tempfile::tempdir().unwrap();
    // "Curaçao" with ç as the single Latin-1 byte 0xE7.
    put(
        dir.path(),
        &format!("{WITS}/en_CUW_AllYears_WITS_Trade_Summary.CSV"),
        latin1(&format!(
            "{HEADER}Curaçao,World,Fuels,Export,Export(US$ Mil),              1.25,\n"
        )),
    );
    put(
        dir.path(),
        &format!("{WITS}/en_ATL_AllYears_WITS_Trade_Summary.CSV"),
        latin1(&format!(
            "{HEADER}Atlantis,World,Fuels,Export,Export(US$ Mil),              1.00,              2.00\n"
        )),
    );
    assert_eq!(
        latin1("Curaçao")[4],
        0xE7,
        "the fixture is Latin-1, not UTF-8"
    );
    let (c, _) = read(dir.path(), "wits-trade-summary");
    c.assert_balanced();
    let rows = common::products(&c);
    // 1.25 mn = 1,250,000 USD.
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0].reporter.as_str(), rows[0].value_usd),
        ("CUW", 1_250_000.0)
    );
    // One reject for Atlantis's line 2 stands for both its values.
    assert_eq!(c.rejects.len(), 1);
    let (p, r) = &c.rejects[0];
    assert!(p.file.ends_with("en_ATL_AllYears_WITS_Trade_Summary.CSV"));
    assert_eq!(
        (r.row, r.column.as_str(), r.value.as_str(), r.rows),
        (2, "Reporter", "Atlantis", 2)
    );
}

#[test]
fn a_regional_file_with_an_empty_reporter_takes_the_code_in_its_name_and_release_toml_states_the_release(
) {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{WITS}/en_LCN_AllYears_WITS_Trade_Summary.CSV"),
        latin1(&format!(
            "{HEADER},...,...,Development,GDP (current US$ Mil),       5000000.00,\n\
             ,World,Animal,Export,Export(US$ Mil),          30000.00,          29000.00\n"
        )),
    );
    put(
        dir.path(),
        "trade/wits-trade-summary/release.toml",
        "release = \"WITS bulk 2022-11\"\n",
    );
    let (c, files) = read(dir.path(), "wits-trade-summary");
    c.assert_balanced();
    let rows = common::products(&c);
    // 30,000 mn = 30,000,000,000 USD; 29,000 mn = 29,000,000,000 USD, reporter LCN from the name.
    let got: Vec<(&str, i32, f64)> = rows
        .iter()
        .map(|r| (r.reporter.as_str(), r.year, r.value_usd))
        .collect();
    assert_eq!(
        got,
        vec![
            ("LCN", 2019, 30_000_000_000.0),
            ("LCN", 2018, 29_000_000_000.0)
        ]
    );
    common::assert_release(&c, &files, "WITS bulk 2022-11 (stated in release.toml)");
}
