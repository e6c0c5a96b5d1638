//! China's General Administration of Customs via The Guardian: imports by partner, 2014.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Flow, Iso3, ProductFlow, ReportedBy, Sink};
use crate::catalogue::{
    csv, file, iso3, name, skipped, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{bad, column, flush, parse_number, resolve, utf8, Context};
use crate::read::{read_table, ReadError};

/// China's imports by partner, top HS2 chapters, 2014.
pub const CHINA_IMPORTS_2014: Dataset = Dataset {
    id: "guardian-china-imports-2014",
    folder: "trade/guardian-china-imports-2014",
    title: "China's imports by partner, top HS2 chapters, 2014",
    publisher: "GACC via The Guardian",
    licence: "none stated",
    republish: Republish::NotRows("no licence is stated, so none can be passed on: the table is in The Guardian's datablog (GACC figures, 2014)"),
    files: &[
        file(
            "china_imports_top5_hs2_by_partner_2014.csv",
            &[csv(&[iso3("iso3"), name("country")])],
        ),
        file(
            "china_imports_total_by_partner_2014.csv",
            &[csv(&[iso3("iso3"), name("country")])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(guardian),
    obtain: Obtain::ByHand("converted from The Guardian's published table as the folder's SOURCE.md describes; put the CSVs in the folder by hand"),
};

/// China's imports by partner, top five HS2 chapters, 2014 (GACC via The Guardian).
pub fn guardian(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files.iter().filter(|p| {
        p.file_name()
            .is_some_and(|n| n == "china_imports_top5_hs2_by_partner_2014.csv")
    }) {
        progress(path);
        let table = read_table(path, utf8())?;
        let (iso, hs2, value) = (
            column(&table, path, "iso3")?,
            column(&table, path, "hs2")?,
            column(&table, path, "value_usd")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(partner) = resolve(
                &c[iso],
                Some(CodeScheme::Iso3),
                (&None, *line, "iso3"),
                &mut rejects,
            ) else {
                continue;
            };
            let Some(value_usd) = parse_number(&c[value]) else {
                rejects.push(bad(None, *line, "value_usd", "not a number", &c[value]));
                continue;
            };
            rows.push(ProductFlow {
                reporter: Iso3::CHN,
                partner,
                product: format!("{:0>2}", c[hs2].trim()),
                nomenclature: "HS",
                level: 2,
                flow: Flow::Import,
                year: 2014,
                value_usd,
                quantity: None,
                reported_by: ReportedBy::Reporter,
            });
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::TradeByProduct(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}
