//! American Enterprise Institute and The Heritage Foundation: China Global Investment Tracker.

use std::path::{Path, PathBuf};

use crate::canonical::{Batch, InvestmentDeal, Sink};
use crate::catalogue::{
    file, name, sheet, skipped, CountryColumn, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{
    bad, flush, parse_number, resolve, sheet_column, usd_from_millions, year_of, Context,
};
use crate::read::{read_table, Layout, ReadError};

const CGIT_COUNTRY: &[CountryColumn] = &[name("Country")];

/// China Global Investment Tracker.
pub const CGIT: Dataset = Dataset {
    id: "aei-cgit",
    folder: "investment/aei-cgit-2022-spring",
    title: "China Global Investment Tracker",
    publisher: "American Enterprise Institute and The Heritage Foundation — aei.org/china-global-investment-tracker",
    licence: "© AEI/Heritage; use with citation, do not republish rows",
    republish: Republish::NotRows("AEI and Heritage ask users not to republish rows: download the tracker from aei.org/china-global-investment-tracker"),
    files: &[
        file(
            "China-Global-Investment-Tracker-2022-SPRING-final-1.xlsx",
            &[
                sheet("Dataset 1", 1, CGIT_COUNTRY),
                sheet("Dataset 2", 6, CGIT_COUNTRY),
                sheet("Dataset 3", 6, CGIT_COUNTRY),
                sheet("Dataset 1+2", 6, CGIT_COUNTRY),
            ],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::FileName {
        pattern: r"Tracker-(\d{4})-([A-Za-z]+)",
        label: "CGIT $1 $2",
    },
    reader: Reader::Rows(aei_cgit),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/aei-cgit.tsv"),
        rest: None,
    },
};

/// AEI/Heritage China Global Investment Tracker: investments (Dataset 1), construction
/// (Dataset 2) and troubled transactions (Dataset 3). `Dataset 1+2` repeats 1 and 2 and is not read.
pub fn aei_cgit(
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
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0u64;
        for (sheet, header_row, kind, investor_col) in [
            ("Dataset 1", 1, "investment", "Investor"),
            ("Dataset 2", 6, "construction", "Contractor"),
            ("Dataset 3", 6, "troubled", "Chinese Entity"),
        ] {
            let table = read_table(path, Layout::Sheet { sheet, header_row })?;
            let col = |n: &str| sheet_column(&table, path, sheet, n);
            let (year, month, investor, value, party, sector, subsector, country, bri) = (
                col("Year")?,
                col("Month")?,
                col(investor_col)?,
                col("Quantity in Millions")?,
                col("Transaction Party")?,
                col("Sector")?,
                col("Subsector")?,
                col("Country")?,
                col("BRI")?,
            );
            let share = table.column("Share Size");
            let greenfield = table.column("Greenfield");
            let sheet_name = Some(sheet.to_string());
            for (row, c) in &table.rows {
                if c.iter().all(|v| v.trim().is_empty()) {
                    continue;
                }
                read += 1;
                let Some(host) = resolve(
                    c[country].trim(),
                    None,
                    (&sheet_name, *row, "Country"),
                    &mut rejects,
                ) else {
                    continue;
                };
                let (Some(y), Some(millions)) = (year_of(&c[year]), parse_number(&c[value])) else {
                    rejects.push(bad(
                        Some(sheet),
                        *row,
                        "Year/Quantity in Millions",
                        "year or amount is not a number",
                        &c[value],
                    ));
                    continue;
                };
                rows.push(InvestmentDeal {
                    deal_id: format!("{sheet} row {row}"),
                    kind,
                    year: y,
                    month: month_number(&c[month]),
                    investor: c[investor].trim().to_string(),
                    value_usd: usd_from_millions(millions),
                    share: share.and_then(|i| parse_number(&c[i])),
                    counterpart: c[party].trim().to_string(),
                    sector: c[sector].trim().to_string(),
                    subsector: c[subsector].trim().to_string(),
                    country: host,
                    bri: c[bri].trim() == "1",
                    greenfield: greenfield.is_some_and(|i| c[i].trim().eq_ignore_ascii_case("G")),
                });
            }
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::Investment(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

fn month_number(text: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let t = text.trim().to_lowercase();
    MONTHS
        .iter()
        .position(|m| t.starts_with(m))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_parse() {
        assert_eq!(month_number("January"), Some(1));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number(""), None);
    }
}
