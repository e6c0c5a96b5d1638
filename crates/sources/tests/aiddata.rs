//! AidData on fixtures in the published layouts:
//! - GCOF 1.0: `GlobalChineseOfficialFinanceDataset_v1.0.xlsx`, sheet `ChineseOfficialFinance1.0`,
//!   header on row 1 (54 columns), `recommended_for_research` as a boolean cell, `umbrella` 0/1,
//!   blank amounts written as a single space, multi-country records named "Africa, regional";
//!   release from the file name.
//! - GCDF 3.0 aggregates: `gcdf3_country_year_recommended_all.csv` (ISO3 code, year, projects,
//!   constant-2021 USD), each line giving two series; the other CSVs of the folder are listed but
//!   not turned into rows; release unstated.
//! - GCDF 2.0 partial: the Military and Huawei workbooks (sheets `Military` and `Huawei`, 69
//!   columns, Yes/No flags, constant-2017 and nominal USD) beside a geocoded CSV; release from the
//!   date each workbook was written.

mod common;

use std::path::Path;

use common::{put, read};
use galeon_sources::canonical::{Batch, FinanceLocation, FinanceRecord};

/// A cell of the AidData workbooks, which hold booleans as well as text and numbers.
use common::Cell as V;

/// Writes one worksheet at `root/relative`, with the workbook's written date when given.
fn workbook(
    root: &Path,
    relative: &str,
    sheet: &str,
    rows: &[Vec<V>],
    written: Option<(u16, u8, u8)>,
) {
    common::xlsx_written(root, relative, &[(sheet, rows.to_vec())], written);
}

/// A row laid out under `header`: each (column, value) placed at that column, the rest empty.
fn row(header: &[&str], cells: &[(&str, V)]) -> Vec<V> {
    let mut out = vec![V::Empty; header.len()];
    for (name, value) in cells {
        let i = header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        out[i] = value.clone();
    }
    out
}

fn finance(c: &common::Collected) -> Vec<&FinanceRecord> {
    c.rows(|b| match b {
        Batch::Finance(r) => Some(r),
        _ => None,
    })
}

// ---------------------------------------------------------------------------------------------
// GCOF 1.0

const GCOF_HEADER: &[&str] = &[
    "project_id",
    "recommended_for_research",
    "umbrella",
    "year",
    "donor",
    "funding_agency",
    "implementing_agency",
    "recipient_condensed",
    "title",
    "description",
    "status",
    "flow",
    "flow_class",
    "intent",
    "amount",
    "currency",
    "usd_defl_2014",
    "usd_current",
    "crs_sector_code",
    "crs_sector_name",
    "sources",
    "sources_count",
    "cofinancing_agency",
    "recipient_agencies",
    "recipient_agencies_count",
    "deflators_used",
    "exchange_rates_used",
    "start_actual",
    "start_planned",
    "end_actual",
    "end_planned",
    "year_uncertain",
    "all_recipients",
    "recipient_count",
    "recipient_cow_code",
    "recipient_oecd_code",
    "recipient_oecd_name",
    "recipient_iso3",
    "recipient_iso2",
    "recipient_un_code",
    "recipient_imf_code",
    "recipient_region",
    "line_of_credit",
    "is_cofinanced",
    "is_ground_truthing",
    "loan_type",
    "interest_rate",
    "maturity",
    "grace_period",
    "grant_element",
    "location_details",
    "contacts",
    "source_triangulation",
    "field_completeness",
];

const GCOF_FILE: &str = "finance/aiddata-gcof-1.0/GlobalChineseOfficialFinanceDataset_v1.0.xlsx";

fn write_gcof(root: &Path, file: &str) {
    let h = GCOF_HEADER;
    let rows = vec![
        h.iter().copied().map(V::Text).collect(),
        // Row 2: a recommended loan to Ecuador.
        row(
            h,
            &[
                ("project_id", V::Number(101.0)),
                ("recommended_for_research", V::Bool(true)),
                ("umbrella", V::Number(0.0)),
                ("year", V::Number(2012.0)),
                ("donor", V::Text("China")),
                (
                    "funding_agency",
                    V::Text("Fixture Policy Bank, Government Agency"),
                ),
                ("recipient_condensed", V::Text("Ecuador")),
                ("title", V::Text(" Fixture bank loans Ecuador for a dam ")),
                ("flow", V::Text("Loan (excluding debt rescheduling)")),
                ("flow_class", V::Text("OOF-like")),
                ("amount", V::Number(1_000_000.0)),
                ("currency", V::Text("USD")),
                ("usd_defl_2014", V::Number(1_500_000.5)),
                ("usd_current", V::Number(1_250_000.0)),
                ("crs_sector_name", V::Text("Energy Generation and Supply")),
                ("recipient_iso3", V::Text("ECU")),
                ("recipient_iso2", V::Text("EC")),
                ("recipient_un_code", V::Number(218.0)),
                ("recipient_cow_code", V::Number(130.0)),
            ],
        ),
        // Row 3: an umbrella record to several African countries, amounts left as " ".
        row(
            h,
            &[
                ("project_id", V::Number(102.0)),
                ("recommended_for_research", V::Bool(true)),
                ("umbrella", V::Number(1.0)),
                ("year", V::Number(2013.0)),
                ("donor", V::Text("China")),
                (
                    "funding_agency",
                    V::Text("Fixture Ministry, Government Agency"),
                ),
                ("recipient_condensed", V::Text("Africa, regional")),
                ("flow", V::Text("Grant")),
                ("flow_class", V::Text("ODA-like")),
                ("usd_defl_2014", V::Text(" ")),
                ("usd_current", V::Text(" ")),
                ("crs_sector_name", V::Text("Health")),
                ("recipient_iso3", V::Text("AGO; MOZ")),
            ],
        ),
        // Row 4: a recipient no registry knows.
        row(
            h,
            &[
                ("project_id", V::Number(103.0)),
                ("recommended_for_research", V::Bool(false)),
                ("umbrella", V::Number(0.0)),
                ("year", V::Number(2014.0)),
                ("recipient_condensed", V::Text("Atlantis")),
            ],
        ),
        // Row 5: a year that is not a number.
        row(
            h,
            &[
                ("project_id", V::Number(104.0)),
                ("recommended_for_research", V::Bool(true)),
                ("umbrella", V::Number(0.0)),
                ("year", V::Text("unknown")),
                ("recipient_condensed", V::Text("Peru")),
            ],
        ),
    ];
    workbook(root, file, "ChineseOfficialFinance1.0", &rows, None);
}

#[test]
fn gcof_records_resolve_recipients_and_keep_both_amounts() {
    let dir = tempfile::tempdir().unwrap();
    write_gcof(dir.path(), GCOF_FILE);
    let (c, _) = read(dir.path(), "aiddata-gcof-1.0");
    c.assert_balanced();
    assert_eq!(c.read_total(), 4);
    let rows = finance(&c);
    assert_eq!(rows.len(), 2, "{rows:#?}");

    let ecuador = rows[0];
    assert_eq!(ecuador.record_id, "101");
    assert_eq!((ecuador.recipient.as_str(), ecuador.year), ("ECU", 2012));
    assert_eq!(ecuador.lender, "Fixture Policy Bank, Government Agency");
    assert_eq!(ecuador.title, "Fixture bank loans Ecuador for a dam"); // trimmed
    assert_eq!(ecuador.sector, "Energy Generation and Supply");
    assert_eq!(ecuador.flow_type, "Loan (excluding debt rescheduling)");
    assert_eq!(ecuador.flow_class, "OOF-like");
    // Amounts as written: current USD and constant 2014 USD.
    assert_eq!(ecuador.amount_usd_current, Some(1_250_000.0));
    assert_eq!(ecuador.amount_usd_constant, Some(1_500_000.5));
    assert_eq!(ecuador.constant_base_year, Some(2014));
    // Boolean TRUE and umbrella 0: recommended, not an umbrella.
    assert!(ecuador.recommended && !ecuador.umbrella);

    // The multi-country record goes to the regional aggregate; amounts " " are absent, not 0;
    // an umbrella record is never recommended even when flagged TRUE.
    let africa = rows[1];
    assert_eq!((africa.recipient.as_str(), africa.year), ("XRF", 2013));
    assert_eq!(africa.amount_usd_current, None);
    assert_eq!(africa.amount_usd_constant, None);
    assert!(africa.umbrella && !africa.recommended);
}

#[test]
fn gcof_rejects_an_unknown_recipient_and_a_year_that_is_not_a_number() {
    let dir = tempfile::tempdir().unwrap();
    write_gcof(dir.path(), GCOF_FILE);
    let (c, _) = read(dir.path(), "aiddata-gcof-1.0");
    let rejects: Vec<(Option<&str>, u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| {
            (
                r.sheet.as_deref(),
                r.row,
                r.column.as_str(),
                r.value.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rejects,
        vec![
            (
                Some("ChineseOfficialFinance1.0"),
                4,
                "recipient_condensed",
                "Atlantis"
            ),
            // The year column is D.
            (Some("ChineseOfficialFinance1.0"), 5, "year (D)", "unknown"),
        ]
    );
}

#[test]
fn gcof_release_is_the_version_in_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    write_gcof(dir.path(), GCOF_FILE);
    let (c, files) = read(dir.path(), "aiddata-gcof-1.0");
    // "…Dataset_v1.0.xlsx" → "GCOF 1.0".
    assert_eq!(files.read.len(), 1);
    assert_eq!(files.read[0].release, "GCOF 1.0");
    assert!(!c.batches.is_empty());
    assert!(c.batches.iter().all(|(p, _)| &*p.release == "GCOF 1.0"));
}

// ---------------------------------------------------------------------------------------------
// GCDF 3.0 aggregates

const GCDF3: &str = "finance/aiddata-gcdf-3.0-aggregates";

const GCDF3_COUNTRY_YEAR: &str =
    "Country Code,year,projects,usd_const_2021,share_amount_estimated,log1p_usd_const_2021\n\
BRA,2015,3,2500000.5,0.0,14.7\n\
BRA,2016,1,1000,0.0,6.9\n\
ECU,2017,2,,0.0,\n\
ATL,2018,1,5.0,0.0,1.8\n";

fn write_gcdf3(root: &Path) {
    put(
        root,
        &format!("{GCDF3}/gcdf3_country_year_recommended_all.csv"),
        GCDF3_COUNTRY_YEAR,
    );
    put(
        root,
        &format!("{GCDF3}/aiddataviz_gcdf_country_commitments.csv"),
        "country_name,iso3c,total_commitments_bn,weighted_interest_rate,region_name,income_level_name,gdp_usd_bn,population_mn\nBrazil,BRA,1.5,4.0,Latin America & Caribbean,Upper middle income,2000.0,210.0\n",
    );
    put(
        root,
        &format!("{GCDF3}/aiddataviz_gcdf_yearly_flows.csv"),
        "commitment_year,flow_class,commitments_bn\n2015,OOF-like,1.0\n",
    );
    put(
        root,
        &format!("{GCDF3}/gcdf3_cow_year_flowclass_all.csv"),
        "ccode,year,oof_amt,oof_adj,oda_amt,oda_adj,vof_amt,vof_adj\n140,2015,10.0,10.0,0.0,0.0,0.0,0.0\n",
    );
}

#[test]
fn gcdf3_aggregates_give_commitments_and_project_counts_per_country_year() {
    let dir = tempfile::tempdir().unwrap();
    write_gcdf3(dir.path());
    let (c, files) = read(dir.path(), "aiddata-gcdf-3.0-aggregates");
    c.assert_balanced();
    // Four lines, each two series: 8 rows read; Brazil's two lines give 4 rows stored.
    assert_eq!(c.read_total(), 8);
    let rows = c.rows(|b| match b {
        Batch::Macro(r) => Some(r),
        _ => None,
    });
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
    assert_eq!(
        got,
        vec![
            (
                "BRA",
                2015,
                "gcdf3_commitments_usd_const2021",
                2_500_000.5,
                "USD (constant 2021)"
            ),
            ("BRA", 2015, "gcdf3_projects", 3.0, "projects"),
            (
                "BRA",
                2016,
                "gcdf3_commitments_usd_const2021",
                1000.0,
                "USD (constant 2021)"
            ),
            ("BRA", 2016, "gcdf3_projects", 1.0, "projects"),
        ]
    );
    // Line 4 has no amount, line 5 an ISO3 code no registry knows; each stands for two rows.
    let rejects: Vec<(u64, &str, u64)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.rows))
        .collect();
    assert_eq!(
        rejects,
        vec![(4, "year/usd_const_2021", 2), (5, "Country Code", 2)]
    );
    // Only the country-year file gives rows; the commitments and COW files are listed as read,
    // the yearly flows (global totals) as not read.
    assert!(c
        .read
        .keys()
        .all(|f| f.ends_with("gcdf3_country_year_recommended_all.csv")));
    assert_eq!(files.read.len(), 3, "{:?}", files.read);
    assert!(files
        .not_read
        .iter()
        .any(|n| n.path.ends_with("aiddataviz_gcdf_yearly_flows.csv")));
    // The files state no release: unknown, with the file's hash.
    let expected = common::unknown_release(GCDF3_COUNTRY_YEAR.as_bytes());
    assert!(c.batches.iter().all(|(p, _)| *p.release == *expected));
}

#[test]
fn gcdf3_release_toml_names_the_release_the_files_do_not_state() {
    let dir = tempfile::tempdir().unwrap();
    write_gcdf3(dir.path());
    put(
        dir.path(),
        &format!("{GCDF3}/release.toml"),
        "release = \"X\"\n",
    );
    let (c, files) = read(dir.path(), "aiddata-gcdf-3.0-aggregates");
    assert!(files
        .read
        .iter()
        .all(|f| f.release == "X (stated in release.toml)"));
    assert!(!c.batches.is_empty());
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "X (stated in release.toml)"));
}

// ---------------------------------------------------------------------------------------------
// GCDF 2.0 partial

const GCDF2: &str = "finance/aiddata-gcdf-2.0-partial";

/// The 69 columns of both workbooks, the second being the dataset's own recommendation flag.
fn gcdf2_header(flag: &'static str) -> Vec<&'static str> {
    let h = vec![
        "AidData TUFF Project ID",
        flag,
        "Umbrella",
        "Financier Country",
        "Recipient",
        "Recipient Region",
        "Commitment Year",
        "Commitment Year Estimated",
        "Implementation Start Year",
        "Completion Year",
        "Title",
        "Description",
        "Staff Comments",
        "Status",
        "Intent",
        "Flow Type",
        "Concessional",
        "Flow Class",
        "AidData Sector Code",
        "AidData Sector Name",
        "Funding Agencies",
        "Funding Agencies Type",
        "Cofinanced",
        "Cofinancing Agencies",
        "Cofinancing Agencies Type",
        "Cofinancing Agencies Origin",
        "Receiving Agencies",
        "Receiving Agencies Type",
        "Receiving Agencies Origin",
        "Implementing Agencies",
        "Implementing Agencies Type",
        "Implementing Agencies Origin",
        "Accountable Agencies",
        "Accountable Agencies Type",
        "Accountable Agencies Origin",
        "Amount (Original Currency)",
        "Original Currency",
        "Amount (Constant USD2017)",
        "Amount (Nominal)",
        "Planned Implementation Start Date (MM/DD/YYYY)",
        "Planned Completion Date (MM/DD/YYYY)",
        "Actual Implementation Start Date (MM/DD/YYYY)",
        "Actual Completion Date (MM/DD/YYYY)",
        "Loan Type",
        "Maturity",
        "Interest Rate",
        "Grace Period",
        "Management Fee",
        "Commitment Fee",
        "Grant Element",
        "Guarantee Provided",
        "Insurance Provided",
        "Collateralized/Securitized",
        "Collateral",
        "Official Source Count",
        "Unofficial Source Count",
        "Source URLs",
        "Source Titles",
        "Source Publishers",
        "Source Type",
        "Geographic Location",
        "geoJSON URL",
        "Contact Name",
        "Contact Position",
        "ODA Eligible Recipient",
        "Source Quality Score",
        "Data Completeness Score",
        "Project Implementation Score",
        "Loan Detail Score",
    ];
    h
}

/// The geocoded projects' table with its 24 columns: a development record as published (AidData
/// 35552, the Patuca III loan), a military one (read from the Military workbook instead), and
/// a record without a commitment year.
const GCDF2_CSV: &str = "id,feature_count,AidData TUFF Project ID,Recommended For Aggregates,Umbrella,Title,Status,Implementation Start Year,Completion Year,Flow Type,Flow Class,AidData Sector Name,Commitment Year,Funding Agencies,Receiving Agencies,Implementing Agencies,Recipient,Amount (Constant USD2017),Planned Implementation Start Date (MM/DD/YYYY),Planned Completion Date (MM/DD/YYYY),Actual Implementation Start Date (MM/DD/YYYY),Actual Completion Date (MM/DD/YYYY),finance_type,iso3
35552,1,35552,Yes,No,ICBC provides $297.7 million loan for Phase 2 of the 104 MW Patuca III Dam Project,Implementation,2015.0,,Loan,ODA-like,ENERGY,2014,Industrial and Commercial Bank of China (ICBC),Empresa Nacional de Energía Eléctrica (ENEE),Empresa Nacional de Energía Eléctrica (ENEE)|SinoHydro ,Honduras,286927942.925112,,,2015-09-21 00:00:00,,development,HND
9001,1,9001,Yes,No,Fixture military grant,Completion,,,Grant,ODA-like,GOVERNMENT AND CIVIL SOCIETY,2016,Fixture Defence Ministry,,,Venezuela,1234567.89,,,,,military,VEN
36009,1,36009,No,Yes,Fixture scanner,Completion,,,Grant,ODA-like,OTHER,,Fixture Customs,,,Bolivia,,,,,,development,BOL
";

fn write_gcdf2(root: &Path) {
    let h = gcdf2_header("Recommended For Military Aggregates");
    let military = vec![
        h.iter().copied().map(V::Text).collect(),
        // Row 2.
        row(
            &h,
            &[
                ("AidData TUFF Project ID", V::Number(9001.0)),
                ("Recommended For Military Aggregates", V::Text("Yes")),
                ("Umbrella", V::Text("No")),
                ("Financier Country", V::Text("China (People's Republic of)")),
                ("Recipient", V::Text("Venezuela")),
                ("Commitment Year", V::Number(2016.0)),
                ("Flow Type", V::Text("Grant")),
                ("Flow Class", V::Text("ODA-like")),
                (
                    "AidData Sector Name",
                    V::Text("GOVERNMENT AND CIVIL SOCIETY"),
                ),
                ("Funding Agencies", V::Text(" Fixture Defence Ministry ")),
                ("Amount (Constant USD2017)", V::Number(1_234_567.89)),
                ("Amount (Nominal)", V::Number(1_200_000.0)),
            ],
        ),
        // Row 3: a recipient no registry knows.
        row(
            &h,
            &[
                ("AidData TUFF Project ID", V::Number(9002.0)),
                ("Recommended For Military Aggregates", V::Text("Yes")),
                ("Umbrella", V::Text("No")),
                ("Recipient", V::Text("Atlantis")),
                ("Commitment Year", V::Number(2016.0)),
            ],
        ),
    ];
    workbook(
        root,
        &format!("{GCDF2}/AidDatasGlobalChineseMilitaryFinanceDataset.xlsx"),
        "Military",
        &military,
        Some((2021, 8, 26)),
    );
    let h = gcdf2_header("Recommended For Huawei Aggregates");
    let huawei = vec![
        h.iter().copied().map(V::Text).collect(),
        // Row 2: an umbrella record, not recommended, no amounts.
        row(
            &h,
            &[
                ("AidData TUFF Project ID", V::Number(9101.0)),
                ("Recommended For Huawei Aggregates", V::Text("No")),
                ("Umbrella", V::Text("Yes")),
                ("Financier Country", V::Text("China (People's Republic of)")),
                ("Recipient", V::Text("Chile")),
                ("Commitment Year", V::Number(2019.0)),
                ("Flow Type", V::Text("Loan")),
                ("Flow Class", V::Text("OOF-like")),
                ("AidData Sector Name", V::Text("COMMUNICATIONS")),
                ("Funding Agencies", V::Text("Fixture Telecom Co")),
            ],
        ),
        // Row 3: no commitment year.
        row(
            &h,
            &[
                ("AidData TUFF Project ID", V::Number(9102.0)),
                ("Recommended For Huawei Aggregates", V::Text("Yes")),
                ("Umbrella", V::Text("No")),
                ("Recipient", V::Text("Peru")),
            ],
        ),
    ];
    workbook(
        root,
        &format!("{GCDF2}/AidDatasGlobalHuaweiFinanceDataset.xlsx"),
        "Huawei",
        &huawei,
        Some((2021, 9, 3)),
    );
    put(
        root,
        &format!("{GCDF2}/gcdf2_geocoded_project_properties_lac.csv"),
        GCDF2_CSV,
    );
    put(
        root,
        &format!("{GCDF2}/AIDDATA_2.0release_README.md"),
        "# fixture\n",
    );
}

#[test]
fn gcdf2_military_and_huawei_records_keep_flags_and_2017_constant_dollars() {
    let dir = tempfile::tempdir().unwrap();
    write_gcdf2(dir.path());
    let (c, _) = read(dir.path(), "aiddata-gcdf-2.0-partial");
    c.assert_balanced();
    assert_eq!(c.read_total(), 4 + 3);
    let rows = finance(&c);
    assert_eq!(rows.len(), 3, "{rows:#?}");
    // Files are read in name order: Military before Huawei ("AidDatasGlobalC…" < "…H…").
    let venezuela = rows[0];
    assert_eq!(venezuela.record_id, "9001");
    assert_eq!(
        (venezuela.recipient.as_str(), venezuela.year),
        ("VEN", 2016)
    );
    assert_eq!(venezuela.lender, "Fixture Defence Ministry"); // trimmed
    assert_eq!(venezuela.flow_type, "Grant");
    assert_eq!(venezuela.flow_class, "ODA-like");
    assert_eq!(venezuela.sector, "GOVERNMENT AND CIVIL SOCIETY");
    assert_eq!(venezuela.amount_usd_constant, Some(1_234_567.89));
    assert_eq!(venezuela.amount_usd_current, Some(1_200_000.0));
    assert_eq!(venezuela.constant_base_year, Some(2017));
    assert!(venezuela.recommended && !venezuela.umbrella);

    let chile = rows[1];
    assert_eq!((chile.recipient.as_str(), chile.year), ("CHL", 2019));
    assert_eq!(
        (chile.amount_usd_constant, chile.amount_usd_current),
        (None, None)
    );
    assert!(!chile.recommended && chile.umbrella);

    // The geocoded development record, with its title; the file has constant dollars only.
    let honduras = rows[2];
    assert_eq!(honduras.record_id, "35552");
    assert_eq!(
        honduras.title,
        "ICBC provides $297.7 million loan for Phase 2 of the 104 MW Patuca III Dam Project"
    );
    assert_eq!((honduras.recipient.as_str(), honduras.year), ("HND", 2014));
    assert_eq!(
        honduras.lender,
        "Industrial and Commercial Bank of China (ICBC)"
    );
    assert_eq!(honduras.amount_usd_constant, Some(286_927_942.925112));
    assert_eq!(honduras.amount_usd_current, None);
    assert_eq!(honduras.sector, "ENERGY");
    assert!(honduras.recommended && !honduras.umbrella);

    let rejects: Vec<(Option<&str>, u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| {
            (
                r.sheet.as_deref(),
                r.row,
                r.column.as_str(),
                r.value.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rejects,
        vec![
            (Some("Military"), 3, "Recipient", "Atlantis"),
            (Some("Huawei"), 3, "Commitment Year", ""),
            (None, 3, "finance_type", "military"),
            (None, 4, "Commitment Year", ""),
        ]
    );
}

#[test]
fn gcdf2_release_is_the_date_each_workbook_was_written() {
    let dir = tempfile::tempdir().unwrap();
    write_gcdf2(dir.path());
    let (c, files) = read(dir.path(), "aiddata-gcdf-2.0-partial");
    let release = |name: &str| {
        files
            .read
            .iter()
            .find(|f| f.relative.ends_with(name))
            .unwrap_or_else(|| panic!("{name} not read: {:?}", files.read))
            .release
            .clone()
    };
    // dcterms:modified 2021-08-26 → "AidData workbook written 2021-08-26".
    assert_eq!(
        release("MilitaryFinanceDataset.xlsx"),
        "AidData workbook written 2021-08-26"
    );
    assert_eq!(
        release("HuaweiFinanceDataset.xlsx"),
        "AidData workbook written 2021-09-03"
    );
    // The CSV beside them has no workbook date: unknown, with its hash.
    assert_eq!(
        release("gcdf2_geocoded_project_properties_lac.csv"),
        common::unknown_release(GCDF2_CSV.as_bytes())
    );
    let of = |file: &str| {
        c.batches
            .iter()
            .find(|(p, _)| p.file.ends_with(file))
            .map(|(p, _)| p.release.to_string())
    };
    assert_eq!(
        of("MilitaryFinanceDataset.xlsx").as_deref(),
        Some("AidData workbook written 2021-08-26")
    );
    assert_eq!(
        of("HuaweiFinanceDataset.xlsx").as_deref(),
        Some("AidData workbook written 2021-09-03")
    );
}

// ---------------------------------------------------------------------------------------------
// GCDF 3.0 ADM locations

const ADM: &str = "finance/aiddata-gcdf-3.0-adm-locations";
const ADM_HEADER: &str = "id,shapeID,shapeGroup,shapeName,intersection_ratio,even_split_ratio,intersection_ratio_commitment_value,even_split_ratio_commitment_value,centroid_longitude,centroid_latitude";

#[test]
fn gcdf3_locations_keep_each_unit_share_and_reject_disputed_areas_and_bad_ratios() {
    let dir = tempfile::tempdir().unwrap();
    // ADM1: a project in one unit (AidData 35552, Olancho, as published), a project split over
    // two units with no amount, a disputed area (a number for a group), a ratio above one.
    let adm1 = format!(
        "{ADM_HEADER}\n\
         35552,HND-ADM1-3_0_0-B15,HND,Olancho,1.0,1.0,335838968.1,335838968.1,-85.9,14.8\n\
         7,X1,PER,Lima,0.75,0.5,,,-76.9,-12.0\n\
         7,X2,PER,,0.25,0.5,,,-76.0,-11.0\n\
         9,DIS-1,118,Aksai Chin,1.0,1.0,10.0,10.0,79.3,35.2\n\
         10,X3,CHL,Maule,1.5,1.0,10.0,10.0,-71.0,-35.5\n"
    );
    put(
        dir.path(),
        &format!("{ADM}/GCDF_3.0_ADM1_Locations.csv"),
        &adm1,
    );
    let adm2 = format!(
        "{ADM_HEADER}\n35552,HND-ADM2-1,HND,Catacamas,1.0,1.0,335838968.1,335838968.1,-85.8,14.9\n"
    );
    put(
        dir.path(),
        &format!("{ADM}/GCDF_3.0_ADM2_Locations.csv"),
        &adm2,
    );
    put(
        dir.path(),
        &format!("{ADM}/GCDF3.0 ADM Files README.pdf"),
        "%PDF fixture",
    );
    put(
        dir.path(),
        &format!("{ADM}/Field Definitions_GCDF 3.0.pdf"),
        "%PDF fixture",
    );
    let (c, files) = read(dir.path(), "aiddata-gcdf-3.0-adm-locations");
    c.assert_balanced();
    assert_eq!(c.read_total(), 5 + 1);
    let rows: Vec<&FinanceLocation> = c.rows(|b| match b {
        Batch::FinanceLocations(r) => Some(r),
        _ => None,
    });
    assert_eq!(rows.len(), 4, "{rows:#?}");
    let olancho = rows[0];
    assert_eq!(
        (
            olancho.record_id.as_str(),
            olancho.country.as_str(),
            olancho.level
        ),
        ("35552", "HND", 1)
    );
    assert_eq!(
        (olancho.unit_id.as_str(), olancho.unit_name.as_str()),
        ("HND-ADM1-3_0_0-B15", "Olancho")
    );
    assert_eq!(olancho.value_intersection_usd, Some(335_838_968.1));
    assert_eq!(
        (olancho.longitude, olancho.latitude),
        (Some(-85.9), Some(14.8))
    );
    // The split project: two units, ratios as published, no amounts, a unit without a name.
    assert_eq!(
        (rows[1].intersection_ratio, rows[1].even_split_ratio),
        (0.75, 0.5)
    );
    assert_eq!(
        (rows[2].unit_name.as_str(), rows[2].value_even_split_usd),
        ("", None)
    );
    assert_eq!(
        (rows[3].level, rows[3].unit_name.as_str()),
        (2, "Catacamas")
    );
    let rejects: Vec<(u64, &str, &str)> = (c.rejects.iter())
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        rejects,
        vec![(5, "shapeGroup", "118"), (6, "intersection_ratio", "1.5")]
    );
    // The release comes from the file name.
    assert!(
        files.read.iter().all(|f| f.release == "GCDF 3.0"),
        "{:?}",
        files.read
    );
}
