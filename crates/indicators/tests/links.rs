//! Project links on the real sources: known matches and known non-matches, each checked first
//! in the raw files (read here with calamine and the csv crate, not with galeon's connectors),
//! then looked up in the table galeon computes from a store built from the same files.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use galeon_indicators::links::{compute_links, Link, Rule};

const GCOF: &str = "finance/aiddata-gcof-1.0/GlobalChineseOfficialFinanceDataset_v1.0.xlsx";
const GCDF2: &str = "finance/aiddata-gcdf-2.0-partial/gcdf2_geocoded_project_properties_lac.csv";
const GCDF3: &str = "finance/aiddata-gcdf-3.0-adm-locations/GCDF_3.0_ADM1_Locations.csv";
const COFI: &str =
    "green/wri-cofi-2.2/China Overseas Finance Inventory Database Version 2.2 - October 2023.xlsx";
const CGIT: &str =
    "investment/aei-cgit-2022-spring/China-Global-Investment-Tracker-2022-SPRING-final-1.xlsx";

/// The rows of a sheet whose first cell (after the header row `header`) is `key`, as
/// column name → text.
fn sheet_rows(
    path: &Path,
    sheet: &str,
    header: usize,
    key_column: &str,
    key: &str,
) -> Vec<Vec<(String, String)>> {
    let mut workbook = open_workbook_auto(path).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let names: Vec<String> = rows[header - 1].iter().map(|c| c.to_string()).collect();
    let k = names.iter().position(|n| n == key_column).unwrap();
    let text = |c: &Data| match c {
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        other => other.to_string(),
    };
    (rows[header..].iter())
        .filter(|r| text(&r[k]) == key)
        .map(|r| names.iter().cloned().zip(r.iter().map(text)).collect())
        .collect()
}

fn field<'a>(row: &'a [(String, String)], name: &str) -> &'a str {
    &row.iter().find(|(n, _)| n == name).unwrap().1
}

/// The cells of one sheet row (1-based, as a spreadsheet shows it).
fn sheet_row(path: &Path, sheet: &str, row: usize) -> Vec<String> {
    let mut workbook = open_workbook_auto(path).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    let first = range.start().unwrap().0 as usize;
    let cells = range.rows().nth(row - 1 - first).unwrap();
    cells.iter().map(|c| c.to_string()).collect()
}

fn csv_rows(path: &Path, id: &str) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[0] == id)
        .collect()
}

fn find<'a>(links: &'a [Link], left: (&str, &str), right: (&str, &str)) -> Option<&'a Link> {
    links.iter().find(|l| {
        (l.left.source.as_str(), l.left.id.as_str()) == left
            && (l.right.source.as_str(), l.right.id.as_str()) == right
    })
}

#[test]
fn known_matches_are_linked_and_known_mismatches_are_not() {
    let shared = galeon_testkit::shared_data().expect("../shared/data is needed for this test");
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let options = galeon_store::BuildOptions {
        sources: shared.clone(),
        store: store.clone(),
        progress: false,
        force: false,
    };
    galeon_store::build(&options).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let links = runtime.block_on(compute_links(&store)).unwrap().links;

    // 1. The Sopladora dam in Ecuador. Raw files: COFI ECU2021008 "PAUTE-SOPLADORA", debt of
    // 571 USD million from China Eximbank in 2010; GCOF 1.0 record 35818, Ecuador 2010,
    // "China Ex-Im bank loans Ecuador 621.7 million USD to build Sopladora…", 571 mn current USD;
    // the geocoded GCDF 2.0 record 35818 is the same loan.
    let cofi = sheet_rows(
        &shared.join(COFI),
        "COFI_v2.2",
        1,
        "unique_id",
        "ECU2021008",
    );
    assert_eq!(field(&cofi[0], "power_plant_name"), "PAUTE-SOPLADORA");
    assert_eq!(field(&cofi[0], "debt_investment_year"), "2010");
    assert_eq!(field(&cofi[0], "debt_investment_amount"), "571");
    let gcof = sheet_rows(
        &shared.join(GCOF),
        "ChineseOfficialFinance1.0",
        1,
        "project_id",
        "35818",
    );
    assert!(field(&gcof[0], "title").contains("Sopladora"));
    assert_eq!(field(&gcof[0], "recipient_iso3"), "ECU");
    assert_eq!(field(&gcof[0], "year"), "2010");
    let gcdf2 = csv_rows(&shared.join(GCDF2), "35818");
    assert!(gcdf2[0][5].contains("487.8 MW"), "{:?}", &gcdf2[0][5]);
    let loan = find(
        &links,
        ("wri-cofi", "ECU2021008"),
        ("aiddata-gcof-1.0", "35818"),
    )
    .expect("COFI ECU2021008 and GCOF 35818 are one loan");
    assert_eq!((loan.rule, loan.confidence), (Rule::PlantLoan, "high"));
    let same = find(
        &links,
        ("aiddata-gcof-1.0", "35818"),
        ("aiddata-gcdf-2.0-partial", "35818"),
    )
    .expect("GCOF 35818 is GCDF 2.0 35818");
    assert_eq!((same.rule, same.confidence), (Rule::SameId, "certain"));

    // 2. The Patuca III loan in Honduras: GCDF 2.0 35552 is in the GCDF 3.0 ADM file (Olancho).
    let adm = csv_rows(&shared.join(GCDF3), "35552");
    assert_eq!((&adm[0][2], &adm[0][3]), ("HND", "Olancho"));
    let same = find(
        &links,
        ("aiddata-gcdf-2.0-partial", "35552"),
        ("aiddata-gcdf-3.0-adm-locations", "35552"),
    );
    assert_eq!(same.map(|l| l.confidence), Some("certain"));

    // 3. Coca Codo Sinclair: COFI ECU2021001 (debt 2010) and CGIT's construction contract of
    // June 2010, Sinohydro, "CocaSinclair" (Dataset 2, row 276).
    let deal = sheet_row(&shared.join(CGIT), "Dataset 2", 276);
    assert_eq!(deal[..3], ["2010", "June", "Sinohydro"]);
    assert!(deal.iter().any(|c| c == "CocaSinclair"), "{deal:?}");
    let link = find(
        &links,
        ("wri-cofi", "ECU2021001"),
        ("aei-cgit", "Dataset 2 row 276"),
    )
    .expect("the Coca Codo Sinclair plant and Sinohydro's contract are one project");
    assert_eq!(link.rule, Rule::PlantDeal);

    // 4. One loan, two plants: GCOF 38383, Viet Nam 2009, "EXIMbank loans US$178.5 million
    // for phase 2 of power plant project in Uong Bi", 178.5 mn. COFI's UONG BI 8 (VNM2021012,
    // China Eximbank 178.5 mn, 2009) is named in it; QUANG NINH-1-2 (VNM2021008, China Eximbank
    // 176 mn, 2009) only shares the lender, the year and an amount within 2 %. The loan is
    // one project: only the plant it names keeps it.
    let loan = sheet_rows(
        &shared.join(GCOF),
        "ChineseOfficialFinance1.0",
        1,
        "project_id",
        "38383",
    );
    assert!(field(&loan[0], "title").contains("Uong Bi"));
    assert_eq!(
        field(&loan[0], "crs_sector_name"),
        "Energy Generation and Supply"
    );
    let quang_ninh = sheet_rows(
        &shared.join(COFI),
        "COFI_v2.2",
        1,
        "unique_id",
        "VNM2021008",
    );
    assert_eq!(field(&quang_ninh[0], "debt_investment_amount"), "176");
    let gcof = ("aiddata-gcof-1.0", "38383");
    let uong_bi = find(&links, ("wri-cofi", "VNM2021012"), gcof).expect("Uong Bi's loan");
    assert_eq!(uong_bi.confidence, "high");
    assert!(find(&links, ("wri-cofi", "VNM2021008"), gcof).is_none());

    // 5. An id AidData used twice: GCOF 1.0 30410 is in Mali, GCDF 3.0 30410 (ADM2 file) in
    // the Maldives. Linked, but as `low`, saying that the recipients differ.
    let gcof = sheet_rows(
        &shared.join(GCOF),
        "ChineseOfficialFinance1.0",
        1,
        "project_id",
        "30410",
    );
    assert_eq!(field(&gcof[0], "recipient_iso3"), "MLI");
    let adm2 = GCDF3.replace("ADM1", "ADM2");
    assert_eq!(&csv_rows(&shared.join(adm2), "30410")[0][2], "MDV");
    let reused = ("aiddata-gcdf-3.0-adm-locations", "30410");
    let low = find(&links, ("aiddata-gcof-1.0", "30410"), reused).expect("linked by id");
    assert_eq!(low.confidence, "low");
    assert!(
        low.evidence.contains("recipients differ: MLI and MDV"),
        "{}",
        low.evidence
    );
}
