//! AEI/Heritage China Global Investment Tracker on a fixture workbook in the published layout:
//! `China-Global-Investment-Tracker-2022-SPRING-final-1.xlsx` with four sheets — `Dataset 1`
//! (investments, header on row 1), `Dataset 2` (construction) and `Dataset 3` (troubled
//! transactions) with three title rows and the header on row 6, and `Dataset 1+2` repeating the
//! first two (not read). Amounts are in millions of USD; months are written as names; blank rows
//! are skipped without being counted.

mod common;

use common::{read, xlsx, Cell, Cell::Empty, Cell::Number as N, Cell::Text as T};
use galeon_sources::canonical::{Batch, InvestmentDeal};

const FILE: &str =
    "investment/aei-cgit-2022-spring/China-Global-Investment-Tracker-2022-SPRING-final-1.xlsx";

/// The three title rows and the blank rows above a header on row 6, as the publisher writes them.
fn titled(title: &'static str, header: &[&'static str], rows: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
    let mut out = vec![
        vec![T("China Global Investment Tracker (fixture)")],
        vec![T("© Data compiled by a fixture, not by the publisher")],
        vec![],
        vec![T(title)],
        vec![],
        header.iter().copied().map(T).collect(),
    ];
    out.extend(rows);
    out
}

fn write_tracker(root: &std::path::Path) {
    let d1_header = [
        "Year",
        "Month",
        "Investor",
        "Quantity in Millions",
        "Share Size",
        "Transaction Party",
        "Sector",
        "Subsector",
        "Country",
        "Region",
        "BRI",
        "Greenfield",
    ];
    let dataset1 = vec![
        d1_header.iter().copied().map(T).collect(),
        // Row 2.
        vec![
            N(2019.0),
            T("March"),
            T("Acme Mining"),
            N(250.5),
            N(0.6),
            T("Andes Copper"),
            T("Metals"),
            T("Copper"),
            T("Peru"),
            T("South America"),
            N(1.0),
            T("G"),
        ],
        // Row 3: blank, skipped and not counted.
        vec![],
        // Row 4: "Sept" is September; no share, no BRI, no greenfield mark.
        vec![
            N(2020.0),
            T("Sept"),
            T("Blue Grid"),
            N(1.2345),
            Empty,
            T("Rio Power"),
            T("Energy"),
            T("Hydro"),
            T("Brazil"),
            T("South America"),
        ],
        // Row 5: a country no registry knows.
        vec![
            N(2020.0),
            T("May"),
            T("Nobody Ltd"),
            N(100.0),
            Empty,
            T("Sunken Co"),
            T("Energy"),
            Empty,
            T("Atlantis"),
            T("Nowhere"),
        ],
    ];
    let dataset2 = titled(
        "Dataset 2 Construction",
        &[
            "Year",
            "Month",
            "Contractor",
            "Quantity in Millions",
            "Share Size",
            "Transaction Party",
            "Sector",
            "Subsector",
            "Country",
            "Region",
            "BRI",
        ],
        vec![
            // Row 7.
            vec![
                N(2018.0),
                T("December"),
                T("Harbour Builders"),
                N(640.0),
                Empty,
                T("Port Authority"),
                T("Transport"),
                T("Shipping"),
                T("Chile"),
                T("South America"),
                N(1.0),
            ],
            // Row 8: the amount is not a number.
            vec![
                N(2018.0),
                T("June"),
                T("Road Makers"),
                T("n/a"),
                Empty,
                Empty,
                T("Transport"),
                T("Autos"),
                T("Ecuador"),
                T("South America"),
            ],
        ],
    );
    let dataset3 = titled(
        "Dataset 3 Troubled Transactions",
        &[
            "Year",
            "Month",
            "Chinese Entity",
            "Quantity in Millions",
            "Transaction Party",
            "Sector",
            "Subsector",
            "Country",
            "Region",
            "Greenfield",
            "BRI",
        ],
        vec![
            // Row 7: no Share Size column in this sheet.
            vec![
                N(2017.0),
                T("July"),
                T("Copper Co"),
                N(3000.0),
                T("Mina Sur"),
                T("Metals"),
                Empty,
                T("Argentina"),
                T("South America"),
                T("G"),
            ],
        ],
    );
    // Dataset 1+2 repeats rows of 1 and 2; were it read, Peru's deal would be stored twice.
    let combined = titled(
        "Dataset 1 and 2 combined",
        &d1_header,
        vec![vec![
            N(2019.0),
            T("March"),
            T("Acme Mining"),
            N(250.5),
            N(0.6),
            T("Andes Copper"),
            T("Metals"),
            T("Copper"),
            T("Peru"),
            T("South America"),
            N(1.0),
            T("G"),
        ]],
    );
    xlsx(
        root,
        FILE,
        &[
            ("Dataset 1", dataset1),
            ("Dataset 2", dataset2),
            ("Dataset 3", dataset3),
            ("Dataset 1+2", combined),
        ],
    );
}

fn deals(c: &common::Collected) -> Vec<&InvestmentDeal> {
    c.rows(|b| match b {
        Batch::Investment(r) => Some(r),
        _ => None,
    })
}

#[test]
fn cgit_reads_investments_construction_and_troubled_deals_in_usd() {
    let dir = tempfile::tempdir().unwrap();
    write_tracker(dir.path());
    let (c, _) = read(dir.path(), "aei-cgit");
    c.assert_balanced();
    // Rows read: Dataset 1 rows 2, 4, 5 (row 3 is blank) + Dataset 2 rows 7, 8 + Dataset 3 row 7.
    assert_eq!(c.read_total(), 6);
    let rows = deals(&c);
    assert_eq!(rows.len(), 4, "{rows:#?}");

    // Dataset 1 row 2: 250.5 mn USD = 250,500,000 USD; March = 3; BRI 1; greenfield "G".
    let peru = rows[0];
    assert_eq!(
        (peru.kind, peru.country.as_str(), peru.year, peru.month),
        ("investment", "PER", 2019, Some(3))
    );
    assert_eq!(peru.value_usd, 250_500_000.0);
    // CGIT gives no ids: the sheet and row stand for one.
    assert_eq!(peru.deal_id, "Dataset 1 row 2");
    assert_eq!(peru.share, Some(0.6));
    assert_eq!(peru.investor, "Acme Mining");
    assert_eq!(peru.counterpart, "Andes Copper");
    assert_eq!(
        (peru.sector.as_str(), peru.subsector.as_str()),
        ("Metals", "Copper")
    );
    assert!(peru.bri && peru.greenfield);

    // Dataset 1 row 4: 1.2345 mn USD = 1,234,500 USD (rounded to the dollar, no binary noise);
    // "Sept" = 9; empty share, BRI and greenfield.
    let brazil = rows[1];
    assert_eq!(
        (
            brazil.kind,
            brazil.country.as_str(),
            brazil.year,
            brazil.month
        ),
        ("investment", "BRA", 2020, Some(9))
    );
    assert_eq!(brazil.value_usd, 1_234_500.0);
    assert_eq!(brazil.share, None);
    assert!(!brazil.bri && !brazil.greenfield);

    // Dataset 2 row 7: 640 mn USD = 640,000,000 USD, the contractor as investor; the sheet has
    // no Greenfield column.
    let chile = rows[2];
    assert_eq!(
        (chile.kind, chile.country.as_str(), chile.year, chile.month),
        ("construction", "CHL", 2018, Some(12))
    );
    assert_eq!(chile.value_usd, 640_000_000.0);
    assert_eq!(chile.deal_id, "Dataset 2 row 7");
    assert_eq!(chile.investor, "Harbour Builders");
    assert!(chile.bri && !chile.greenfield);

    // Dataset 3 row 7: 3,000 mn USD = 3,000,000,000 USD; no Share Size column.
    let argentina = rows[3];
    assert_eq!(
        (argentina.kind, argentina.country.as_str(), argentina.year),
        ("troubled", "ARG", 2017)
    );
    assert_eq!(argentina.value_usd, 3_000_000_000.0);
    assert_eq!(argentina.investor, "Copper Co");
    assert_eq!(argentina.share, None);
    assert!(argentina.greenfield && !argentina.bri);

    // Dataset 1+2 is not read: Peru's deal is stored once.
    assert_eq!(rows.iter().filter(|d| d.country == "PER").count(), 1);
}

#[test]
fn cgit_rejects_an_unknown_country_and_an_amount_that_is_not_a_number_by_sheet_and_row() {
    let dir = tempfile::tempdir().unwrap();
    write_tracker(dir.path());
    let (c, _) = read(dir.path(), "aei-cgit");
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
            (Some("Dataset 1"), 5, "Country", "Atlantis"),
            (Some("Dataset 2"), 8, "Year/Quantity in Millions", "n/a"),
        ]
    );
    assert_eq!(c.rejected(), 2);
}

#[test]
fn cgit_release_is_the_year_and_season_in_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    write_tracker(dir.path());
    let (c, files) = read(dir.path(), "aei-cgit");
    // "…Tracker-2022-SPRING-final-1.xlsx" → "CGIT 2022 SPRING".
    assert_eq!(files.read.len(), 1);
    assert_eq!(files.read[0].release, "CGIT 2022 SPRING");
    assert!(!c.batches.is_empty());
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "CGIT 2022 SPRING"));
}
