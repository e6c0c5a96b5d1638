//! WTO Stats on fixtures in the published layout: the bulk extract
//! `WtoData_<yyyymmddhhmmss>_manufactures_exports_raw.csv` (Latin-1, every field quoted, 24
//! columns from `Indicator Category` to `Value`, values in million USD, the indicator's dash as
//! the single byte 0x96), whose name states the release, and
//! `wto_merchandise_values_annual_2019_2020.csv` (`Indicator,ReporterCode,ReporterISO3A,Reporter,
//! ProductCode,Product,Year,Value`, Export or Import). WTO economy codes are three digits; a
//! historic economy ("Ethiopia (+ Eritrea)", 230) resolves to the same country as the economy
//! itself (231, ISO3A ETH).

mod common;

use common::{latin1, put, read};
use galeon_sources::canonical::Flow;

const WTO: &str = "trade/wto-product-groups";
const EXTRACT: &str = "WtoData_20200510015454_manufactures_exports_raw.csv";
const MERCHANDISE: &str = "wto_merchandise_values_annual_2019_2020.csv";

const HEADER: &str = r#""Indicator Category","Indicator Code","Indicator","Reporting Economy Code","Reporting Economy ISO3A Code","Reporting Economy","Partner Economy Code","Partner Economy ISO3A Code","Partner Economy","Product/Sector Classification Code","Product/Sector Classification","Product/Sector Code","Product/Sector","Period Code","Period","Frequency Code","Frequency","Unit Code","Unit","Year","Value Flag Code","Value Flag","Text Value","Value""#;

/// One line of the extract: reporter code, ISO3A, name, product code and name, year, value.
fn line(
    code: &str,
    iso: &str,
    name: &str,
    product: (&str, &str),
    year: &str,
    value: &str,
) -> String {
    format!(
        "\"Merchandise trade values\",\"ITS_MTV_AX\",\"Merchandise exports by product group and destination \u{96} annual\",\"{code}\",\"{iso}\",\"{name}\",\"000\",\"\",\"World\",\"SITC3\",\"Merchandise - SITC Revision 3 (aggregates)\",\"{}\",\"{}\",\"A\",\"Annual\",\"A\",\"Annual\",\"USM\",\"Million US dollar\",\"{year}\",\"\",\"\",\"\",\"{value}\"\n",
        product.0, product.1
    )
}

#[test]
fn the_extract_stores_exports_in_usd_keeps_an_economy_over_its_historic_twin_and_names_its_release()
{
    let dir = tempfile::tempdir().unwrap();
    let manufactures = ("MA", "Manufactures");
    let text = [
        HEADER.to_string() + "\n",
        // Line 2
        line("076", "BRA", "Brazil", manufactures, "2019", "1234.5"),
        // Line 3
        line(
            "156",
            "CHN",
            "China",
            ("MACH", "Machinery and transport equipment"),
            "2019",
            "2500",
        ),
        // Line 4: the historic economy, no ISO3A code…
        line(
            "230",
            "",
            "Ethiopia (+ Eritrea)",
            manufactures,
            "1990",
            "15.5",
        ),
        // Line 5: …and Ethiopia under its own code, for the same year, product and flow.
        line("231", "ETH", "Ethiopia", manufactures, "1990", "15.5"),
        // Line 6: a code no registry knows.
        line("777", "", "Atlantis", manufactures, "2019", "3"),
        // Line 7: no value.
        line("032", "ARG", "Argentina", manufactures, "2019", ""),
    ]
    .concat();
    put(dir.path(), &format!("{WTO}/{EXTRACT}"), latin1(&text));
    let (c, files) = read(dir.path(), "wto-product-groups");
    c.assert_balanced();
    let got: Vec<(&str, &str, &str, Flow, i32, f64)> = common::products(&c)
        .iter()
        .map(|r| {
            (
                r.reporter.as_str(),
                r.partner.as_str(),
                r.product.as_str(),
                r.flow,
                r.year,
                r.value_usd,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // 1,234.5 mn USD = 1,234,500,000 USD.
            ("BRA", "WLD", "MA", Flow::Export, 2019, 1_234_500_000.0),
            // 2,500 mn USD = 2,500,000,000 USD.
            ("CHN", "WLD", "MACH", Flow::Export, 2019, 2_500_000_000.0),
            // Line 5 (Ethiopia's own code): 15.5 mn = 15,500,000 USD, stored once, not summed.
            ("ETH", "WLD", "MA", Flow::Export, 1990, 15_500_000.0),
        ]
    );
    assert!(common::products(&c)
        .iter()
        .all(|r| r.nomenclature == "WTO-SITC3"));
    let mut rejects: Vec<(u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    rejects.sort();
    assert_eq!(
        rejects,
        vec![
            (4, "Reporting Economy Code", "230"),
            (6, "Reporting Economy Code", "777"),
            (7, "Year/Value", "2019 / "),
        ]
    );
    let twin = &c.rejects.iter().find(|(_, r)| r.row == 4).unwrap().1.reason;
    assert!(
        twin.contains("line 5") && twin.contains("never summed"),
        "{twin}"
    );
    // 6 lines read = 3 stored + 3 rejected.
    assert_eq!(c.read_total(), 6);
    // The release is in the file name: WtoData_20200510015454 → 2020-05-10.
    common::assert_release(&c, &files, "WTO Stats extract 2020-05-10");
}

#[test]
fn merchandise_values_take_the_flow_from_the_indicator_and_state_no_release_in_their_name() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{WTO}/{MERCHANDISE}"),
        "Indicator,ReporterCode,ReporterISO3A,Reporter,ProductCode,Product,Year,Value\n\
         Import,152,CHL,Chile,AG,Agricultural products,2019,8294\n\
         Export,484,MEX,Mexico,MA,Manufactures,2020,350000.5\n\
         Re-export,484,MEX,Mexico,MA,Manufactures,2020,12\n\
         Export,777,,Atlantis,MA,Manufactures,2020,1\n",
    );
    let (c, files) = read(dir.path(), "wto-product-groups");
    c.assert_balanced();
    let got: Vec<(&str, &str, Flow, i32, f64)> = common::products(&c)
        .iter()
        .map(|r| {
            (
                r.reporter.as_str(),
                r.product.as_str(),
                r.flow,
                r.year,
                r.value_usd,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // 8,294 mn = 8,294,000,000 USD.
            ("CHL", "AG", Flow::Import, 2019, 8_294_000_000.0),
            // 350,000.5 mn = 350,000,500,000 USD.
            ("MEX", "MA", Flow::Export, 2020, 350_000_500_000.0),
        ]
    );
    let rejects: Vec<(u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        rejects,
        vec![(4, "Indicator", "Re-export"), (5, "ReporterCode", "777")]
    );
    // The file name carries no WtoData_ stamp: unknown, or what release.toml states.
    assert!(
        files.read[0]
            .release
            .starts_with("unknown release (sha256 "),
        "{}",
        files.read[0].release
    );
    put(
        dir.path(),
        &format!("{WTO}/release.toml"),
        "release = \"WTO Stats 2021-04\"\n",
    );
    let (_, files) = read(dir.path(), "wto-product-groups");
    assert_eq!(
        files.read[0].release,
        "WTO Stats 2021-04 (stated in release.toml)"
    );
}
