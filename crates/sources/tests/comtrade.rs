//! UN Comtrade on fixtures in the published layouts:
//! - latam10: `latam10_exports_to_chn_2000_2025.csv` (exporter, importer as ISO3, year,
//!   value_usd); release unstated.
//! - top30-hs2: the gzipped legacy-API extract
//!   `comtrade_top30_reporters_exports_by_partner_hs2_2019_2020.csv.gz` (Comtrade numeric codes,
//!   HS2 chapters with their leading zero, a quoted `source_path` holding commas); release unstated.
//! - CIPF partner tables: `Sheet1` workbooks with an unnamed index column A and the header on
//!   row 1 (`*_2.1.1_*`, `*_3.1.1_*`, and China's `cn_plp_trocas_*` with Portuguese column
//!   names and gaps); readings repeated across tables are stored once; release from the date
//!   each workbook was written.
//! - CIPF product tables: HS6 CSVs, some gzipped, with differing column orders, value columns
//!   and no partner column where the partner is the economy the file name starts with; repeats
//!   across tables stored once; release unstated.

mod common;

use std::path::Path;

use common::{gzip, put, read, Cell, Cell::Empty, Cell::Number as N, Cell::Text as T};
use galeon_sources::canonical::{Flow, ReportedBy};

fn rejects(c: &common::Collected) -> Vec<(String, Option<&str>, u64, &str, u64)> {
    c.rejects
        .iter()
        .map(|(p, r)| {
            let file = p.file.rsplit('/').next().unwrap_or("").to_string();
            (file, r.sheet.as_deref(), r.row, r.column.as_str(), r.rows)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// latam10

const LATAM10: &str = "trade/comtrade-latam10-exports-to-china";
const LATAM10_CSV: &str = "exporter,importer,year,value_usd\n\
ARG,CHN,2010,1500.0\n\
BRA,CHN,2011,2500000.5\n\
XXX,CHN,2012,1.0\n\
PER,CHN,2013,n/a\n";

#[test]
fn latam10_exports_to_china_resolve_iso3_and_reject_unknown_codes_and_non_numbers() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{LATAM10}/latam10_exports_to_chn_2000_2025.csv"),
        LATAM10_CSV,
    );
    let (c, files) = read(dir.path(), "comtrade-latam10");
    c.assert_balanced();
    assert_eq!(c.read_total(), 4);
    let got: Vec<(&str, &str, Flow, i32, f64, ReportedBy, bool)> = common::flows(&c)
        .iter()
        .map(|f| {
            (
                f.reporter.as_str(),
                f.partner.as_str(),
                f.flow,
                f.year,
                f.value_usd,
                f.reported_by,
                f.estimated,
            )
        })
        .collect();
    // Values are already in USD.
    assert_eq!(
        got,
        vec![
            (
                "ARG",
                "CHN",
                Flow::Export,
                2010,
                1500.0,
                ReportedBy::Reporter,
                false
            ),
            (
                "BRA",
                "CHN",
                Flow::Export,
                2011,
                2_500_000.5,
                ReportedBy::Reporter,
                false
            ),
        ]
    );
    let file = "latam10_exports_to_chn_2000_2025.csv".to_string();
    assert_eq!(
        rejects(&c),
        vec![
            (file.clone(), None, 4, "exporter", 1),
            (file, None, 5, "year/value_usd", 1),
        ]
    );
    // No release in the file: unknown, with the file's hash.
    assert_eq!(
        files.read[0].release,
        common::unknown_release(LATAM10_CSV.as_bytes())
    );
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| *p.release == *common::unknown_release(LATAM10_CSV.as_bytes())));
}

#[test]
fn latam10_release_toml_names_the_release_the_file_does_not_state() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{LATAM10}/latam10_exports_to_chn_2000_2025.csv"),
        LATAM10_CSV,
    );
    put(
        dir.path(),
        &format!("{LATAM10}/release.toml"),
        "release = \"X\"\n",
    );
    let (c, files) = read(dir.path(), "comtrade-latam10");
    assert_eq!(files.read.len(), 1);
    assert_eq!(files.read[0].release, "X (stated in release.toml)");
    assert!(!c.batches.is_empty());
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "X (stated in release.toml)"));
}

// ---------------------------------------------------------------------------------------------
// top30-hs2

const TOP30: &str = "trade/comtrade-top30-hs2-2019-2020/comtrade_top30_reporters_exports_by_partner_hs2_2019_2020.csv.gz";
const TOP30_CSV: &str = "yr,rgDesc,rtCode,rtTitle,rt3ISO,ptCode,ptTitle,pt3ISO,cmdCode,cmdDescE,TradeValue,NetWeight,source_path\n\
2020,Export,76,Brazil,BRA,156,China,CHN,01,Animals; live,146595,0.0,\"rawdata/top30/2020/Brazil_to_Chile,China_2020.csv\"\n\
2019,Import,156,China,CHN,76,Brazil,BRA,26,\"Ores, slag and ash\",1000.5,2.0,\"rawdata/top30/2019/China_to_Brazil,Chile_2019.csv\"\n\
2020,Re-export,76,Brazil,BRA,156,China,CHN,02,Meat,10,0.0,rawdata/x.csv\n\
2020,Export,76,Brazil,BRA,9999,Nowhere,,03,Fish,10,0.0,rawdata/x.csv\n\
2020,Export,76,Brazil,BRA,156,China,CHN,04,Dairy,abc,0.0,rawdata/x.csv\n";

#[test]
fn top30_gzipped_extract_reads_comtrade_codes_and_hs2_chapters() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), TOP30, gzip(TOP30_CSV.as_bytes()));
    let (c, files) = read(dir.path(), "comtrade-top30-hs2");
    c.assert_balanced();
    assert_eq!(c.read_total(), 5);
    let rows = common::products(&c);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    // Line 2: Comtrade 76 = BRA, 156 = CHN; chapter "01" keeps its leading zero, level 2.
    type Line<'a> = (&'a str, &'a str, Flow, &'a str, u8, &'a str, i32, f64);
    let got: Vec<Line> = rows
        .iter()
        .map(|r| {
            (
                r.reporter.as_str(),
                r.partner.as_str(),
                r.flow,
                r.product.as_str(),
                r.level,
                r.nomenclature,
                r.year,
                r.value_usd,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("BRA", "CHN", Flow::Export, "01", 2, "HS17", 2020, 146_595.0),
            ("CHN", "BRA", Flow::Import, "26", 2, "HS17", 2019, 1000.5),
        ]
    );
    assert!(rows.iter().all(|r| r.quantity.is_none()));
    // Line 4: a flow neither Export nor Import; line 5: an unknown partner code; line 6: a
    // value that is not a number.
    let file = "comtrade_top30_reporters_exports_by_partner_hs2_2019_2020.csv.gz".to_string();
    assert_eq!(
        rejects(&c),
        vec![
            (file.clone(), None, 4, "rgDesc", 1),
            (file.clone(), None, 5, "ptCode", 1),
            (file, None, 6, "yr/TradeValue", 1),
        ]
    );
    // The release is unknown; the hash is of the gzip file as shipped.
    let shipped = std::fs::read(dir.path().join(TOP30)).unwrap();
    assert_eq!(files.read[0].release, common::unknown_release(&shipped));
}

// ---------------------------------------------------------------------------------------------
// CIPF partner tables

const PARTNERS: &str = "trade/comtrade-cipf-partner-tables";

/// Writes `Sheet1` at `root/relative` with the workbook's written date (dcterms:modified).
fn sheet1_written(root: &Path, relative: &str, rows: &[Vec<Cell>], written: (u16, u8, u8)) {
    common::xlsx_written(root, relative, &[("Sheet1", rows.to_vec())], Some(written));
}

fn write_partner_tables(root: &Path) {
    // Brazil's partners "reverse": each reporter's imports from Brazil (flowCode M). Column A is
    // the publisher's unnamed index.
    sheet1_written(
        root,
        &format!("{PARTNERS}/Brazil_2.1.1_top_export_partners_reverse.xlsx"),
        &[
            vec![
                Empty,
                T("refYear"),
                T("flowCode"),
                T("partnerDesc"),
                T("partner_rank"),
                T("reporterDesc"),
                T("cmdCode"),
                T("partner_sum"),
                T("partner_perc"),
                T("partner_upper_sum"),
            ],
            // Row 2: China's imports from Brazil, 2019.
            vec![
                N(7.0),
                N(2019.0),
                T("M"),
                T("Brazil"),
                N(1.0),
                T("China"),
                T("TOTAL"),
                N(5_000_000.0),
                N(0.5),
                N(10_000_000.0),
            ],
            // Row 3: a reporter no registry knows.
            vec![
                N(3.0),
                N(2019.0),
                T("M"),
                T("Brazil"),
                N(2.0),
                T("Atlantis"),
                T("TOTAL"),
                N(1_000.0),
                N(0.1),
                N(10_000_000.0),
            ],
        ],
        (2026, 3, 4),
    );
    // China's import partners: each reporter's exports to China (flowCode X); no cmdCode column.
    sheet1_written(
        root,
        &format!("{PARTNERS}/China_3.1.1_top_import_partners.xlsx"),
        &[
            vec![
                Empty,
                T("refYear"),
                T("flowCode"),
                T("partnerDesc"),
                T("partner_rank"),
                T("reporterDesc"),
                T("partner_sum"),
                T("partner_perc"),
                T("partner_upper_perc"),
            ],
            // Row 2: Korea's exports to China, 2019.
            vec![
                N(1.0),
                N(2019.0),
                T("X"),
                T("China"),
                N(1.0),
                T("Rep. of Korea"),
                N(7_000_000.0),
                N(0.2),
                N(0.2),
            ],
            // Row 3: a flow code that is neither M nor X.
            vec![
                N(2.0),
                N(2019.0),
                T("R"),
                T("China"),
                N(2.0),
                T("Japan"),
                N(6_000_000.0),
                N(0.1),
                N(0.3),
            ],
        ],
        (2026, 3, 3),
    );
    // China's trade with the Portuguese-speaking countries, Portuguese headers, gaps left empty.
    sheet1_written(
        root,
        &format!("{PARTNERS}/cn_plp_trocas_2003-2024.xlsx"),
        &[
            vec![
                T("refYear"),
                T("partnerDesc"),
                T("Trocas"),
                T("Exportações"),
                T("Importações"),
                T("Saldo"),
            ],
            // Row 2: exports 3,000,000 stored; imports 5,000,000 repeat Brazil_2.1.1 row 2.
            vec![
                N(2019.0),
                T("Brazil"),
                N(8_000_000.0),
                N(3_000_000.0),
                N(5_000_000.0),
                N(-2_000_000.0),
            ],
            // Row 3: exports only.
            vec![
                N(2019.0),
                T("Guinea-Bissau"),
                Empty,
                N(12_000.0),
                Empty,
                Empty,
            ],
            // Row 4: an unknown partner with two values: one reject standing for two rows.
            vec![N(2019.0), T("Atlantis"), N(3.0), N(1.0), N(2.0), N(-1.0)],
        ],
        (2026, 3, 2),
    );
    // A table of Brazil's totals only: present, not read.
    sheet1_written(
        root,
        &format!("{PARTNERS}/Brazil_1.1_trade_balance_2003-2025.xlsx"),
        &[vec![T("refYear"), T("X")], vec![N(2019.0), N(1.0)]],
        (2026, 3, 1),
    );
}

#[test]
fn cipf_partner_tables_store_each_reading_once_and_count_cells_of_the_plp_table() {
    let dir = tempfile::tempdir().unwrap();
    write_partner_tables(dir.path());
    let (c, files) = read(dir.path(), "comtrade-cipf-partner-tables");
    c.assert_balanced();
    // Rows read: 2 + 2 in the partner tables, and 5 values present in cn_plp (2 + 1 + 2).
    assert_eq!(c.read_total(), 9);
    let got: Vec<(&str, &str, Flow, i32, f64)> = common::flows(&c)
        .iter()
        .map(|f| {
            (
                f.reporter.as_str(),
                f.partner.as_str(),
                f.flow,
                f.year,
                f.value_usd,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("CHN", "BRA", Flow::Import, 2019, 5_000_000.0),
            ("KOR", "CHN", Flow::Export, 2019, 7_000_000.0),
            // cn_plp: China is the reporter.
            ("CHN", "BRA", Flow::Export, 2019, 3_000_000.0),
            ("CHN", "GNB", Flow::Export, 2019, 12_000.0),
        ]
    );
    let sheet = Some("Sheet1");
    assert_eq!(
        rejects(&c),
        vec![
            (
                "Brazil_2.1.1_top_export_partners_reverse.xlsx".into(),
                sheet,
                3,
                "reporterDesc",
                1
            ),
            (
                "China_3.1.1_top_import_partners.xlsx".into(),
                sheet,
                3,
                "flowCode",
                1
            ),
            (
                "cn_plp_trocas_2003-2024.xlsx".into(),
                sheet,
                2,
                "Importações",
                1
            ),
            (
                "cn_plp_trocas_2003-2024.xlsx".into(),
                sheet,
                4,
                "partnerDesc",
                2
            ),
        ]
    );
    // The repeat names the reading kept and says the values agree.
    let repeat = &c.rejects[2].1.reason;
    assert!(
        repeat.contains("repeats Brazil_2.1.1_top_export_partners_reverse.xlsx row 2")
            && repeat.contains("the same value"),
        "{repeat}"
    );
    assert!(files
        .not_read
        .iter()
        .any(|n| n.path.ends_with("Brazil_1.1_trade_balance_2003-2025.xlsx")));
}

#[test]
fn cipf_partner_tables_release_is_the_date_each_workbook_was_written() {
    let dir = tempfile::tempdir().unwrap();
    write_partner_tables(dir.path());
    let (c, files) = read(dir.path(), "comtrade-cipf-partner-tables");
    let of = |name: &str| {
        files
            .read
            .iter()
            .find(|f| f.relative.ends_with(name))
            .unwrap_or_else(|| panic!("{name} not read: {:?}", files.read))
            .release
            .clone()
    };
    assert_eq!(
        of("Brazil_2.1.1_top_export_partners_reverse.xlsx"),
        "cipf-comtrade workbook written 2026-03-04"
    );
    assert_eq!(
        of("China_3.1.1_top_import_partners.xlsx"),
        "cipf-comtrade workbook written 2026-03-03"
    );
    assert_eq!(
        of("cn_plp_trocas_2003-2024.xlsx"),
        "cipf-comtrade workbook written 2026-03-02"
    );
    for (p, _) in &c.batches {
        let expected = of(p.file.rsplit('/').next().unwrap());
        assert_eq!(*p.release, *expected);
    }
    assert_eq!(c.batches.len(), 3);
}

// ---------------------------------------------------------------------------------------------
// CIPF product tables

const PRODUCTS: &str = "trade/comtrade-cipf-product-tables";
const CHINA_2_3: &str = "refYear,partnerDesc,flowCode,cmdCode,cmdDesc,reporterDesc,cmd_partner_rank,cmd_partner_sum,cmd_partner_perc,cmd_partner_upper_sum\n\
2020,China,M,120190,\"Soya beans; other than seed, whether or not broken\",Brazil,1,8000000.0,0.5,16000000.0\n\
2020,China,M,120190,\"Soya beans; other than seed, whether or not broken\",Atlantis,2,10.0,0.1,16000000.0\n";
const CHINA_2_5_1: &str = "reporterDesc,flowCode,refYear,cmdCode,cmdDesc,cmd_partner_rank,partnerDesc,primaryValue,cmd_partner_perc,cmd_partner_upper_sum\n\
Brazil,M,2020,120190,\"Soya beans; other than seed, whether or not broken\",1,China,8000000.0,1.0,8000000.0\n\
Argentina,M,2020,260300,\"Copper ores and concentrates\",1,China,4500.25,1.0,4500.25\n";
const BRAZIL_3_3: &str = "refYear,flowCode,cmdDesc,cmdCode,reporterDesc,cmd_partner_rank,cmd_partner_sum,cmd_partner_perc,cmd_partner_upper_sum\n\
2021,X,\"Oils; petroleum oils, crude\",270900,Angola,1,300.5,0.5,601.0\n\
2021,X,\"Oils; petroleum oils, crude\",270900,Nigeria,2,abc,0.5,601.0\n";
const BRAZIL_3_5_1: &str = "reporterDesc,cmdCode,cmdDesc,refYear,partnerDesc,cmd_partner_rank,primaryValue,cmd_partner_perc,cmd_partner_upper_sum\n\
Chile,847130,\"Machines; portable computers\",2022,China,1,900.0,0.9,1000.0\n";

fn write_product_tables(root: &Path) {
    put(
        root,
        &format!("{PRODUCTS}/China_2.3_exports_products_partners_HS-AG6-2014-2025_reverse.csv"),
        CHINA_2_3,
    );
    put(
        root,
        &format!("{PRODUCTS}/China_2.5.1_export_partners_alternative_reverse.csv.gz"),
        gzip(CHINA_2_5_1.as_bytes()),
    );
    put(
        root,
        &format!("{PRODUCTS}/Brazil_3.3_imports_products_partners_HS-AG6-2003-2025.csv"),
        BRAZIL_3_3,
    );
    put(
        root,
        &format!("{PRODUCTS}/Brazil_3.5.1_import_partners_alternative.csv.gz"),
        gzip(BRAZIL_3_5_1.as_bytes()),
    );
    // China's top products without a partner: present, not read.
    put(
        root,
        &format!("{PRODUCTS}/China_3.2_imports_products_HS-AG6-2014-2025.csv"),
        "refYear,flowCode,product_rank,cmdCode,cmdDesc,product_sum\n2020,X,1,270900,Oil,5.0\n",
    );
}

#[test]
fn cipf_product_tables_read_csv_and_gzip_with_implied_partners_and_repeats_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    write_product_tables(dir.path());
    let (c, files) = read(dir.path(), "comtrade-cipf-product-tables");
    c.assert_balanced();
    assert_eq!(c.read_total(), 7);
    let got: Vec<(&str, &str, Flow, &str, u8, i32, f64)> = common::products(&c)
        .iter()
        .map(|r| {
            (
                r.reporter.as_str(),
                r.partner.as_str(),
                r.flow,
                r.product.as_str(),
                r.level,
                r.year,
                r.value_usd,
            )
        })
        .collect();
    // Files in name order: Brazil_3.3, Brazil_3.5.1.gz, China_2.3, China_2.5.1.gz.
    assert_eq!(
        got,
        vec![
            // Brazil_3.3 has no partner column: the partner is Brazil, from the file name.
            ("AGO", "BRA", Flow::Export, "270900", 6, 2021, 300.5),
            // Brazil_3.5.1 has no flowCode: the importer's imports.
            ("CHL", "CHN", Flow::Import, "847130", 6, 2022, 900.0),
            ("BRA", "CHN", Flow::Import, "120190", 6, 2020, 8_000_000.0),
            // China_2.5.1 (gzip): Brazil's line repeats China_2.3 and is rejected; Argentina's kept.
            ("ARG", "CHN", Flow::Import, "260300", 6, 2020, 4500.25),
        ]
    );
    assert!(common::products(&c).iter().all(|r| r.nomenclature == "HS"));
    assert_eq!(
        rejects(&c),
        vec![
            (
                "Brazil_3.3_imports_products_partners_HS-AG6-2003-2025.csv".into(),
                None,
                3,
                "refYear/value",
                1
            ),
            (
                "China_2.3_exports_products_partners_HS-AG6-2014-2025_reverse.csv".into(),
                None,
                3,
                "reporterDesc",
                1
            ),
            (
                "China_2.5.1_export_partners_alternative_reverse.csv.gz".into(),
                None,
                2,
                "primaryValue",
                1
            ),
        ]
    );
    let repeat = &c.rejects[2].1.reason;
    assert!(
        repeat.contains(
            "repeats China_2.3_exports_products_partners_HS-AG6-2014-2025_reverse.csv row 2"
        ) && repeat.contains("the same value"),
        "{repeat}"
    );
    assert!(files.not_read.iter().any(|n| n
        .path
        .ends_with("China_3.2_imports_products_HS-AG6-2014-2025.csv")));
    // No release stated: unknown, with the hash of each file as shipped (gzip bytes for .gz).
    for f in &files.read {
        let shipped = std::fs::read(&f.path).unwrap();
        assert_eq!(
            f.release,
            common::unknown_release(&shipped),
            "{}",
            f.relative
        );
    }
    assert_eq!(files.read.len(), 4);
}

/// An envelope of UN Comtrade's API v1 in its layout, with records of the fields galeon reads.
fn envelope(records: &[String]) -> String {
    format!(
        r#"{{"elapsedTime":"0.2 secs","count":{},"data":[{}],"error":""}}"#,
        records.len(),
        records.join(",")
    )
}

fn api_record(flow: &str, partner: u32, cmd: &str, value: &str) -> String {
    format!(
        r#"{{"typeCode":"C","freqCode":"A","refYear":2024,"reporterCode":156,"reporterISO":"CHN","flowCode":"{flow}","partnerCode":{partner},"partner2Code":0,"cmdCode":"{cmd}","customsCode":"C00","motCode":0,"primaryValue":{value}}}"#
    )
}

#[test]
fn api_envelopes_give_annual_totals_and_reject_the_rest_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let records = [
        api_record("X", 604, "TOTAL", "22500000000.0"), // exports to Peru
        api_record("M", 0, "TOTAL", "2587000000000"),   // imports from the World
        api_record("RX", 604, "TOTAL", "1"),            // re-exports: not read
        api_record("X", 604, "27", "5"),                // one chapter, not the total
        api_record("X", 123, "TOTAL", "1"),             // no such partner code
    ];
    put(
        dir.path(),
        "trade/comtrade-api/chn_2024.json",
        envelope(&records),
    );
    put(
        dir.path(),
        "trade/comtrade-api/release.toml",
        "[files]\n\"chn_2024.json\" = \"UN Comtrade API, retrieved 2026-11-30\"\n",
    );
    let (c, files) = read(dir.path(), "comtrade-api");
    c.assert_balanced();
    let rows: Vec<(&str, &str, Flow, i32, f64)> = common::flows(&c)
        .iter()
        .map(|r| {
            (
                r.reporter.as_str(),
                r.partner.as_str(),
                r.flow,
                r.year,
                r.value_usd,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("CHN", "PER", Flow::Export, 2024, 22_500_000_000.0),
            ("CHN", "WLD", Flow::Import, 2024, 2_587_000_000_000.0),
        ]
    );
    let rejects: Vec<(u64, &str)> = (c.rejects.iter())
        .map(|(_, r)| (r.row, r.column.as_str()))
        .collect();
    assert_eq!(
        rejects,
        vec![(3, "flowCode"), (4, "cmdCode"), (5, "partnerCode")]
    );
    common::assert_release(
        &c,
        &files,
        "UN Comtrade API, retrieved 2026-11-30 (stated in release.toml)",
    );
}

#[test]
fn an_api_error_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "trade/comtrade-api/chn_2024.json",
        r#"{"elapsedTime":"0.1 secs","count":0,"data":null,"error":"Invalid reporterCode"}"#,
    );
    let mut sink = common::Collected::default();
    let e = galeon_sources::survey::read_dataset(dir.path(), "comtrade-api", &mut sink)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("chn_2024.json") && e.contains("Invalid reporterCode"),
        "{e}"
    );
}

#[test]
fn the_recorded_api_answer_gives_chinas_2010_trade_with_argentina_and_germany() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return; // said once by shared_data
    };
    let recorded =
        shared.join("api-samples/comtrade-api-v1-comtradr/data_v1_get_C_A_HS-60a6ad.json");
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "trade/comtrade-api/chn_2010.json",
        std::fs::read(recorded).unwrap(),
    );
    let (c, _) = read(dir.path(), "comtrade-api");
    c.assert_balanced();
    let mut rows: Vec<(&str, Flow, f64)> = common::flows(&c)
        .iter()
        .map(|r| (r.partner.as_str(), r.flow, r.value_usd))
        .collect();
    rows.sort_by_key(|(partner, flow, _)| (partner.to_string(), flow.as_str()));
    // primaryValue of the four records, read from the file's text (its SOURCE.md lists them).
    assert_eq!(
        rows,
        vec![
            ("ARG", Flow::Export, 6_115_764_185.0),
            ("ARG", Flow::Import, 6_804_128_143.0),
            ("DEU", Flow::Export, 68_047_133_397.0),
            ("DEU", Flow::Import, 74_251_272_075.0),
        ]
    );
}

#[test]
fn api_answers_that_overlap_store_each_value_once() {
    // A preview answer for 2024, then a keyed span 2024–2024 with the same record: one row.
    let dir = tempfile::tempdir().unwrap();
    let record = api_record("X", 604, "TOTAL", "22500000000.0");
    put(
        dir.path(),
        "trade/comtrade-api/chn_2024.json",
        envelope(std::slice::from_ref(&record)),
    );
    put(
        dir.path(),
        "trade/comtrade-api/chn_2024_2024.json",
        envelope(&[record]),
    );
    let (c, _) = read(dir.path(), "comtrade-api");
    c.assert_balanced();
    assert_eq!((c.stored(), c.rejected()), (1, 1));
    let (prov, reject) = &c.rejects[0];
    assert_eq!(prov.file, "trade/comtrade-api/chn_2024_2024.json");
    assert!(
        reject
            .reason
            .contains("repeats trade/comtrade-api/chn_2024.json row 1"),
        "{}",
        reject.reason
    );
}
