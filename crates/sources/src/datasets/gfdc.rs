//! Green Finance & Development Center (Fudan): Belt and Road Initiative members.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Membership, Sink};
use crate::catalogue::{
    file, iso3, name, sheet, skipped, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{flush, resolve, sheet_column, Context};
use crate::read::{read_table, Layout, ReadError};

/// Countries of the Belt and Road Initiative.
pub const BRI_COUNTRIES: Dataset = Dataset {
    id: "gfdc-bri",
    folder: "diplomacy/gfdc-bri-countries",
    title: "Countries of the Belt and Road Initiative",
    publisher: "Green Finance & Development Center, FISF Fudan University — greenfdc.org",
    licence: "cite GFDC",
    republish: Republish::Rows,
    files: &[
        file(
            "25_05_BRI-countries-public.xlsx",
            &[sheet(
                "BRI countries",
                1,
                &[name("Country"), iso3("Country Code")],
            )],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::FileName {
        pattern: r"^(\d{2})_(\d{2})_BRI",
        label: "GFDC 20$1-$2",
    },
    reader: Reader::Rows(gfdc_bri),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/gfdc-bri.tsv"),
        rest: None,
    },
};

/// GFDC: BRI members with their likely dates of joining and exit.
pub fn gfdc_bri(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
    {
        progress(path);
        let sheet = "BRI countries";
        let table = read_table(
            path,
            Layout::Sheet {
                sheet,
                header_row: 1,
            },
        )?;
        let col = |n: &str| sheet_column(&table, path, sheet, n);
        let (code, joined, exited) = (
            col("Country Code")?,
            col("Likely date of joining")?,
            col("Likely date of exit")?,
        );
        let sheet_name = Some(sheet.to_string());
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0;
        for (row, c) in &table.rows {
            if c[code].trim().is_empty() {
                continue;
            }
            read += 1;
            let Some(country) = resolve(
                &c[code],
                Some(CodeScheme::Iso3),
                (&sheet_name, *row, "Country Code"),
                &mut rejects,
            ) else {
                continue;
            };
            let date = |t: &str| {
                Some(t.trim())
                    .filter(|t| t.len() == 10 && t.as_bytes()[4] == b'-')
                    .map(str::to_string)
            };
            rows.push(Membership {
                country,
                organisation: "BRI",
                joined: date(&c[joined]),
                exited: date(&c[exited]),
                note: if date(&c[joined]).is_none() {
                    c[joined].trim().to_string()
                } else {
                    String::new()
                },
            });
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::Memberships(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}
