//! Fundar / Argendata: Argentina's trade by technology class and partner.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Flow, Iso3, ProductFlow, ReportedBy, Sink};
use crate::catalogue::{
    csv, file, iso3, name, skipped, Dataset, Obtain, Reader, Release, Republish, TableSpec, DOCS,
};
use crate::connect::{bad, column, flush, parse_number, resolve, utf8, year_of, Context};
use crate::read::{read_table, ReadError};

const ARGENDATA_EXPORTS: &[TableSpec] = &[csv(&[iso3("importer_iso3"), name("geonombreFundar")])];

const ARGENDATA_IMPORTS: &[TableSpec] = &[csv(&[iso3("exporter_iso3"), name("geonombreFundar")])];

/// Argentina's trade by Lall technology class and partner.
pub const ARGENTINA_LALL: Dataset = Dataset {
    id: "argendata-argentina-lall",
    folder: "trade/argendata-argentina-lall",
    title: "Argentina's trade by Lall technology class and partner",
    publisher: "Fundar / Argendata — argendata.fund.ar",
    licence: "CC BY-NC-SA 4.0",
    republish: Republish::Rows,
    files: &[
        file(
            "argentina_exports_by_lall_class_and_destination.csv",
            ARGENDATA_EXPORTS,
        ),
        file(
            "argentina_exports_by_primary_manuf_and_destination.csv",
            ARGENDATA_EXPORTS,
        ),
        file(
            "argentina_imports_by_lall_class_and_origin.csv",
            ARGENDATA_IMPORTS,
        ),
        file(
            "argentina_imports_by_type_and_origin.csv",
            ARGENDATA_IMPORTS,
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(argendata),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/argendata-argentina-lall.tsv"),
        rest: None,
    },
};

/// Argendata: Argentina's exports and imports by Lall class (or primary/manufactures) and partner.
pub fn argendata(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (flow, partner_col, value_col, class_col, nomenclature) = match name {
            "argentina_exports_by_lall_class_and_destination.csv" => (
                Flow::Export,
                "importer_iso3",
                "expo",
                "clasificacion_lall",
                "LALL",
            ),
            "argentina_imports_by_lall_class_and_origin.csv" => (
                Flow::Import,
                "exporter_iso3",
                "impo",
                "clasificacion_lall",
                "LALL",
            ),
            "argentina_exports_by_primary_manuf_and_destination.csv" => (
                Flow::Export,
                "importer_iso3",
                "expo",
                "tipo_bien",
                "PRIMARY-MANUF",
            ),
            "argentina_imports_by_type_and_origin.csv" => (
                Flow::Import,
                "exporter_iso3",
                "impo",
                "tipo_bien",
                "IMPORT-TYPE",
            ),
            _ => continue,
        };
        progress(path);
        let table = read_table(path, utf8())?;
        let (year, partner, value, class) = (
            column(&table, path, "anio")?,
            column(&table, path, partner_col)?,
            column(&table, path, value_col)?,
            column(&table, path, class_col)?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(partner) = resolve(
                &c[partner],
                Some(CodeScheme::Iso3),
                (&None, *line, partner_col),
                &mut rejects,
            ) else {
                continue;
            };
            match (year_of(&c[year]), parse_number(&c[value])) {
                (Some(y), Some(thousands)) => rows.push(ProductFlow {
                    reporter: Iso3::known("ARG"),
                    partner,
                    product: c[class].trim().to_string(),
                    nomenclature,
                    level: 0,
                    flow,
                    year: y,
                    value_usd: (thousands * 1000.0).round(),
                    quantity: None,
                    reported_by: ReportedBy::Reporter,
                }),
                (None, _) => rejects.push(bad(
                    None,
                    *line,
                    &table.header[year],
                    "not a year",
                    &c[year],
                )),
                (Some(_), None) => {
                    rejects.push(bad(None, *line, value_col, "not a number", &c[value]))
                }
            }
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
