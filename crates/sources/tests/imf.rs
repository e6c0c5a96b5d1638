//! IMF Direction of Trade Statistics on fixtures in the published layout: one workbook per
//! reporter, `xlsx/DOTS_<n>.xlsx`, sheets `Exports, FOB` and `Imports, CIF`, the sheet title in
//! B2, the reporter's IMF name in B4, the unit `US Dollars, Millions` in B5, the years as text in
//! row 7 from column C, partners from row 8 in column B with one value per year (numbers, or text
//! such as `1,001.10 e` for IMF estimates). Australia is listed first and again in its
//! alphabetical place; Nicaragua ships twice (a duplicate workbook). The published workbooks
//! carry an empty `docProps/core.xml`, so their release is the zip entry date of the workbook.

mod common;

use std::io::{Read, Write};
use std::path::Path;

use common::{read, xlsx, Cell};
use galeon_sources::canonical::{Flow, TradeFlow};

const DOTS: &str = "trade/imf-dots";

/// The empty core properties the published DOTS workbooks carry.
const EMPTY_CORE: &str = r#"<?xml version="1.0" encoding="utf-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" />"#;

/// One DOTS sheet: title in B2, reporter in B4, unit in B5, years (text) in row 7 from C, and
/// partner rows from row 8 (name in B, then one cell per year).
fn sheet(title: &'static str, reporter: &'static str, partners: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
    use Cell::{Empty, Text};
    let mut rows = vec![
        vec![],
        vec![Empty, Text(title)],
        vec![],
        vec![Empty, Text(reporter)],
        vec![Empty, Text("US Dollars, Millions")],
        vec![],
        vec![Empty, Empty, Text("2019"), Text("2020")],
    ];
    rows.extend(partners.into_iter().map(|mut r| {
        r.insert(0, Empty);
        r
    }));
    rows
}

/// Brazil's workbook: exports with the quirks, imports with one partner.
fn brazil() -> Vec<(&'static str, Vec<Vec<Cell>>)> {
    use Cell::{Empty, Number, Text};
    let exports = sheet(
        "Exports, FOB to Partner Countries",
        "Brazil",
        vec![
            // Row 8: IMF lists Australia first…
            vec![Text("Australia"), Number(1.5), Empty],
            // Row 9
            vec![Text("World"), Number(225_000.25), Number(209_180.2)],
            // Row 10: …and again in its place: 2019 repeats row 8, 2020 is new.
            vec![Text("Australia"), Number(1.5), Number(2.25)],
            // Row 11: an estimate written as text.
            vec![
                Text("China, P.R.: Mainland"),
                Text("1,001.10 e"),
                Number(67_788.5),
            ],
            // Row 12: a partner no registry knows.
            vec![Text("Atlantis"), Number(3.0), Number(4.0)],
            // Row 13: a cell that is not a number.
            vec![Text("Chile"), Text("n.a."), Number(0.0005)],
            // Row 14: blank; row 15: a partner without values.
            vec![],
            vec![Text("Argentina"), Empty, Empty],
        ],
    );
    let imports = sheet(
        "Imports, CIF from Partner Countries",
        "Brazil",
        vec![
            // Row 8
            vec![Text("China, P.R.: Mainland"), Number(35.25), Text("0.10 e")],
        ],
    );
    vec![("Exports, FOB", exports), ("Imports, CIF", imports)]
}

/// Rewrites the workbook at `path` as IMF's files are: an empty `docProps/core.xml` and every
/// zip entry dated `ymd`.
fn restamp(path: &Path, (year, month, day): (u16, u8, u8)) {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let date = zip::DateTime::from_date_and_time(year, month, day, 20, 20, 28).unwrap();
    let options = zip::write::SimpleFileOptions::default().last_modified_time(date);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if name == "docProps/core.xml" {
            content = EMPTY_CORE.as_bytes().to_vec();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&content).unwrap();
    }
    let written = out.finish().unwrap().into_inner();
    std::fs::write(path, written).unwrap();
}

fn find<'a>(rows: &[&'a TradeFlow], partner: &str, flow: Flow, year: i32) -> Vec<&'a TradeFlow> {
    rows.iter()
        .copied()
        .filter(|r| r.partner == partner && r.flow == flow && r.year == year)
        .collect()
}

#[test]
fn dots_workbook_values_are_millions_estimates_are_flagged_and_repeats_are_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = format!("{DOTS}/xlsx/DOTS_2.xlsx");
    xlsx(dir.path(), &path, &brazil());
    restamp(&dir.path().join(&path), (2022, 2, 19));
    let (c, files) = read(dir.path(), "imf-dots");
    c.assert_balanced();
    let rows = common::flows(&c);
    assert!(rows.iter().all(|r| r.reporter == "BRA"), "{rows:?}");
    // Exports: Australia 2019 (row 8) and 2020 (row 10), World 2019 and 2020, China 2019 and
    // 2020, Chile 2020 = 7; imports: China 2019 and 2020 = 2.
    assert_eq!(rows.len(), 9, "{rows:#?}");
    let one = |partner, flow, year| {
        let found = find(&rows, partner, flow, year);
        assert_eq!(found.len(), 1, "{partner} {flow:?} {year}: {found:?}");
        (found[0].value_usd, found[0].estimated)
    };
    // 1.5 mn USD = 1,500,000 USD, stored once although row 10 repeats it.
    assert_eq!(one("AUS", Flow::Export, 2019), (1_500_000.0, false));
    // Row 10's 2020 value is new: 2.25 mn = 2,250,000 USD.
    assert_eq!(one("AUS", Flow::Export, 2020), (2_250_000.0, false));
    // 225,000.25 mn = 225,000,250,000 USD; 209,180.2 mn = 209,180,200,000 USD (rounded to the dollar).
    assert_eq!(one("WLD", Flow::Export, 2019), (225_000_250_000.0, false));
    assert_eq!(one("WLD", Flow::Export, 2020), (209_180_200_000.0, false));
    // "1,001.10 e" = 1,001.10 mn estimated = 1,001,100,000 USD.
    assert_eq!(one("CHN", Flow::Export, 2019), (1_001_100_000.0, true));
    // 67,788.5 mn = 67,788,500,000 USD.
    assert_eq!(one("CHN", Flow::Export, 2020), (67_788_500_000.0, false));
    // 0.0005 mn = 500 USD.
    assert_eq!(one("CHL", Flow::Export, 2020), (500.0, false));
    assert!(find(&rows, "CHL", Flow::Export, 2019).is_empty());
    // Imports: 35.25 mn = 35,250,000 USD; "0.10 e" = 0.1 mn estimated = 100,000 USD.
    assert_eq!(one("CHN", Flow::Import, 2019), (35_250_000.0, false));
    assert_eq!(one("CHN", Flow::Import, 2020), (100_000.0, true));
    assert!(rows.iter().all(|r| r.partner != "ARG"));

    // Rejects, in sheet order: Australia's repeated 2019 (row 10, one value), Atlantis (row 12,
    // both its values), Chile's "n.a." (row 13, column C).
    let rejects: Vec<(Option<&str>, u64, &str, &str, u64)> = c
        .rejects
        .iter()
        .map(|(_, r)| {
            (
                r.sheet.as_deref(),
                r.row,
                r.column.as_str(),
                r.value.as_str(),
                r.rows,
            )
        })
        .collect();
    let exports = Some("Exports, FOB");
    assert_eq!(
        rejects,
        vec![
            (exports, 10, "B", "Australia", 1),
            (exports, 12, "B", "Atlantis", 2),
            (exports, 13, "C", "n.a.", 1),
        ]
    );
    let repeat = &c.rejects[0].1.reason;
    assert!(
        repeat.contains("row 8") && repeat.contains("same values"),
        "{repeat}"
    );
    // Read: 1 + 2 + 2 + 2 + 2 + 2 exports and 2 imports = 13 = 9 stored + 4 rejected.
    assert_eq!(c.read_total(), 13);

    // The release: the date the workbook was written, from its zip entries (core.xml is empty).
    assert_eq!(files.read.len(), 1);
    common::assert_release(&c, &files, "DOTS workbook written 2022-02-19");
}

#[test]
fn a_duplicate_workbook_of_the_same_reporter_is_rejected_whole_naming_the_first_in_numeric_order() {
    let dir = tempfile::tempdir().unwrap();
    // DOTS_10 sorts before DOTS_2 by name, but the files are read in numeric order: DOTS_2 is
    // the first, DOTS_10 its duplicate (as Nicaragua's DOTS_143 and DOTS_144).
    let first = format!("{DOTS}/xlsx/DOTS_2.xlsx");
    let second = format!("{DOTS}/xlsx/DOTS_10.xlsx");
    xlsx(dir.path(), &first, &brazil());
    xlsx(dir.path(), &second, &brazil());
    restamp(&dir.path().join(&first), (2022, 2, 19));
    restamp(&dir.path().join(&second), (2023, 7, 1));
    let (c, files) = read(dir.path(), "imf-dots");
    c.assert_balanced();
    // Only the first workbook's 9 values are stored.
    assert_eq!(c.stored(), 9);
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| p.file.ends_with("DOTS_2.xlsx")));
    // The second's 13 values are one reject, naming the first.
    let dup: Vec<_> = c
        .rejects
        .iter()
        .filter(|(p, _)| p.file.ends_with("DOTS_10.xlsx"))
        .collect();
    assert_eq!(dup.len(), 1, "{dup:#?}");
    let (_, r) = dup[0];
    assert_eq!((r.row, r.rows, r.sheet.as_deref()), (0, 13, None));
    assert!(r.reason.contains("duplicate workbook"), "{}", r.reason);
    assert!(r.reason.contains("DOTS_2.xlsx"), "{}", r.reason);
    assert_eq!(c.read[&format!("{DOTS}/xlsx/DOTS_10.xlsx")], 13);
    // Each file keeps the release its own package states.
    let release = |name: &str| {
        files
            .read
            .iter()
            .find(|f| f.relative.ends_with(name))
            .map(|f| f.release.clone())
            .unwrap()
    };
    assert_eq!(release("DOTS_2.xlsx"), "DOTS workbook written 2022-02-19");
    assert_eq!(release("DOTS_10.xlsx"), "DOTS workbook written 2023-07-01");
}

#[test]
fn a_second_workbook_of_the_same_reporter_with_other_cells_keeps_the_first() {
    use Cell::{Number, Text};
    let dir = tempfile::tempdir().unwrap();
    let first = format!("{DOTS}/xlsx/DOTS_3.xlsx");
    let second = format!("{DOTS}/xlsx/DOTS_4.xlsx");
    xlsx(dir.path(), &first, &brazil());
    // Same reporter, another value: 7 mn instead of 1.5 mn for Australia.
    let other = |title| {
        sheet(
            title,
            "Brazil",
            vec![vec![Text("Australia"), Number(7.0), Number(8.0)]],
        )
    };
    xlsx(
        dir.path(),
        &second,
        &[
            ("Exports, FOB", other("Exports, FOB to Partner Countries")),
            ("Imports, CIF", other("Imports, CIF from Partner Countries")),
        ],
    );
    let (c, _) = read(dir.path(), "imf-dots");
    c.assert_balanced();
    let rows = common::flows(&c);
    // Australia 2019 keeps the first workbook's 1.5 mn = 1,500,000 USD.
    let aus = find(&rows, "AUS", Flow::Export, 2019);
    assert_eq!(aus.len(), 1);
    assert_eq!(aus[0].value_usd, 1_500_000.0);
    let (_, r) = c
        .rejects
        .iter()
        .find(|(p, _)| p.file.ends_with("DOTS_4.xlsx"))
        .expect("the second workbook is rejected");
    // 2 values in each of 2 sheets.
    assert_eq!(r.rows, 4);
    assert!(
        r.reason.contains("different cells") && r.reason.contains("DOTS_3.xlsx"),
        "{}",
        r.reason
    );
}

#[test]
fn a_workbook_whose_core_properties_state_a_date_is_labelled_with_it() {
    // rust_xlsxwriter fills dcterms:modified with the creation time set here; that date wins
    // over the zip entry dates.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DOTS).join("xlsx/DOTS_7.xlsx");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let when = rust_xlsxwriter::ExcelDateTime::from_ymd(2021, 11, 30).unwrap();
    workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&when));
    for (name, title) in [
        ("Exports, FOB", "Exports, FOB to Partner Countries"),
        ("Imports, CIF", "Imports, CIF from Partner Countries"),
    ] {
        let s = workbook.add_worksheet();
        s.set_name(name).unwrap();
        s.write_string(1, 1, title).unwrap();
        s.write_string(3, 1, "Brazil").unwrap();
        s.write_string(4, 1, "US Dollars, Millions").unwrap();
        s.write_string(6, 2, "2019").unwrap();
        s.write_string(7, 1, "Chile").unwrap();
        s.write_number(7, 2, 2.0).unwrap();
    }
    workbook.save(&path).unwrap();
    let (c, files) = read(dir.path(), "imf-dots");
    c.assert_balanced();
    // 2 mn USD = 2,000,000 USD, once per flow.
    let rows = common::flows(&c);
    assert_eq!(rows.len(), 2);
    assert!(rows
        .iter()
        .all(|r| r.partner == "CHL" && r.value_usd == 2_000_000.0));
    assert_eq!(files.read[0].release, "DOTS workbook written 2021-11-30");
}

#[test]
fn an_unresolved_reporter_in_b4_rejects_every_value_of_the_sheet() {
    use Cell::{Number, Text};
    let dir = tempfile::tempdir().unwrap();
    let rows = |title| {
        sheet(
            title,
            "Atlantis",
            vec![
                vec![Text("Chile"), Number(1.0), Number(2.0)],
                vec![Text("World"), Number(3.0), Cell::Empty],
            ],
        )
    };
    xlsx(
        dir.path(),
        &format!("{DOTS}/xlsx/DOTS_5.xlsx"),
        &[
            ("Exports, FOB", rows("Exports, FOB to Partner Countries")),
            ("Imports, CIF", rows("Imports, CIF from Partner Countries")),
        ],
    );
    let (c, _) = read(dir.path(), "imf-dots");
    c.assert_balanced();
    assert_eq!(c.stored(), 0);
    // Per sheet: row 8 stands for 2 values, row 9 for 1; every reject names B4's reporter.
    let got: Vec<(u64, &str, u64)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.rows))
        .collect();
    assert_eq!(
        got,
        vec![(8, "B", 2), (9, "B", 1), (8, "B", 2), (9, "B", 1)]
    );
    assert!(c.rejects.iter().all(|(_, r)| r.reason.contains("Atlantis")));
}
