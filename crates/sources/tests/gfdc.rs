//! GFDC "Countries of the Belt and Road Initiative" on fixtures in the published layout:
//! `<yy>_<mm>_BRI-countries-public.xlsx` (the name states the edition) with a `copyright` sheet
//! first and a `BRI countries` sheet whose header in row 1 is `Country, Country Code, Region,
//! IncomeGroup, Likely date of joining, Likely date of exit`. Dates are Excel date serials in the
//! built-in date format (number format 14); where GFDC cannot date a membership the joining cell
//! is the text "uncertain".

mod common;

use common::read;
use galeon_sources::canonical::{Batch, Membership};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const GFDC: &str = "diplomacy/gfdc-bri-countries";

/// A cell of the `BRI countries` sheet.
enum Value {
    Text(&'static str),
    Date(u16, u8, u8),
    None,
}

/// Writes the workbook at `name` in the dataset folder: the copyright sheet and the members.
fn workbook(root: &std::path::Path, name: &str, members: &[[Value; 6]]) {
    let path = root.join(GFDC).join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut book = Workbook::new();
    let copyright = book.add_worksheet();
    copyright.set_name("copyright").unwrap();
    copyright.write_string(0, 0, "Please cite as ").unwrap();
    copyright
        .write_string(1, 0, "Someone (2025): \"Invented fixture\"; a test")
        .unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("BRI countries").unwrap();
    let header = [
        "Country",
        "Country Code",
        "Region",
        "IncomeGroup",
        "Likely date of joining",
        "Likely date of exit",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // Number format 14: the built-in date format GFDC's date cells use.
    let date = Format::new().set_num_format_index(14);
    for (r, row) in members.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match value {
                Value::Text(t) => {
                    sheet.write_string(r, c, *t).unwrap();
                }
                Value::Date(y, m, d) => {
                    let when = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &when, &date)
                        .unwrap();
                }
                Value::None => {}
            }
        }
    }
    book.save(&path).unwrap();
}

/// A stored membership as (country, organisation, joined, exited, note).
type Row<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a str);

fn memberships(c: &common::Collected) -> Vec<&Membership> {
    c.rows(|b| match b {
        Batch::Memberships(r) => Some(r),
        _ => None,
    })
}

#[test]
fn bri_members_keep_their_dates_or_wording_and_the_edition_comes_from_the_file_name() {
    use Value::{Date, None, Text};
    let dir = tempfile::tempdir().unwrap();
    let lac = Text("Latin America & Caribbean");
    let members = [
        // Row 2
        [
            Text("Chile"),
            Text("CHL"),
            lac,
            Text("High income"),
            Date(2018, 11, 6),
            None,
        ],
        // Row 3: joined and left.
        [
            Text("Panama"),
            Text("PAN"),
            Text("Latin America & Caribbean"),
            Text("High income"),
            Date(2017, 6, 1),
            Date(2025, 5, 4),
        ],
        // Row 4: GFDC cannot date it.
        [
            Text("Austria"),
            Text("AUT"),
            Text("Europe & Central Asia"),
            Text("High income"),
            Text("uncertain"),
            None,
        ],
        // Row 5: a code no registry knows.
        [
            Text("Atlantis"),
            Text("ATL"),
            Text("Sub-Saharan Africa"),
            Text("Low income"),
            Date(2019, 1, 1),
            None,
        ],
        // Row 6: blank.
        [None, None, None, None, None, None],
        // Row 7
        [
            Text("Peru"),
            Text("PER"),
            Text("Latin America & Caribbean"),
            Text("Upper middle income"),
            Date(2019, 5, 1),
            None,
        ],
    ];
    workbook(dir.path(), "25_05_BRI-countries-public.xlsx", &members);
    let (c, files) = read(dir.path(), "gfdc-bri");
    c.assert_balanced();
    let got: Vec<Row> = memberships(&c)
        .iter()
        .map(|m| {
            (
                m.country.as_str(),
                m.organisation,
                m.joined.as_deref(),
                m.exited.as_deref(),
                m.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("CHL", "BRI", Some("2018-11-06"), Option::None, ""),
            ("PAN", "BRI", Some("2017-06-01"), Some("2025-05-04"), ""),
            // No date: the wording is kept as the note.
            ("AUT", "BRI", Option::None, Option::None, "uncertain"),
            ("PER", "BRI", Some("2019-05-01"), Option::None, ""),
        ]
    );
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
        vec![(Some("BRI countries"), 5, "Country Code", "ATL")]
    );
    // 5 rows with a code read (the blank row 6 is not) = 4 stored + 1 rejected.
    assert_eq!(c.read_total(), 5);
    // "25_05_" → May 2025.
    common::assert_release(&c, &files, "GFDC 2025-05");
}
