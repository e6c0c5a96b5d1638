//! World Bank WITS: the Trade Summary bulk file.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Flow, Iso3, MacroValue, ProductFlow, Reject, ReportedBy, Sink};
use crate::catalogue::{
    file, latin1_csv, name, skipped, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{column, latin1, parse_number, resolve, usd_from_millions, Context};
use crate::read::{read_table, ReadError};

/// World Bank WITS Trade Summary bulk file.
pub const TRADE_SUMMARY: Dataset = Dataset {
    id: "wits-trade-summary",
    folder: "trade/wits-trade-summary",
    title: "World Bank WITS Trade Summary bulk file",
    publisher: "World Bank WITS — wits.worldbank.org/data/public/cp/wits_en_trade_summary_allcountries_allyears.zip",
    licence: "WITS terms of use",
    republish: Republish::Rows,
    files: &[
        file("raw_csv/en_*_AllYears_WITS_Trade_Summary.CSV", &[latin1_csv(&[name("Reporter"), name("Partner")])]),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(wits_trade_summary),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/wits-trade-summary.tsv"),
        rest: None,
    },
};

/// WITS Trade Summary (wide, Latin-1): exports by the 16 WITS product groups and the 4 UNCTAD
/// stage-of-processing groups, imports by stage, and total exports and imports, to the world.
pub fn wits_trade_summary(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    const STAGES: [&str; 4] = [
        "Raw materials",
        "Intermediate goods",
        "Consumer goods",
        "Capital goods",
    ];
    for path in files {
        progress(path);
        let table = read_table(path, latin1())?;
        let (reporter_col, partner_col, product_col, indicator_col) = (
            column(&table, path, "Reporter")?,
            column(&table, path, "Partner")?,
            column(&table, path, "Product categories")?,
            column(&table, path, "Indicator")?,
        );
        let file_code = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("en_"))
            .and_then(|n| n.split('_').next())
            .map(str::to_string);
        let year_cols: Vec<(usize, i32)> = table
            .header
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.trim().parse::<i32>().ok().map(|y| (i, y)))
            .collect();
        let mut rows = Vec::new();
        let mut macros = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0u64;
        for (line, c) in &table.rows {
            let indicator = c[indicator_col].trim();
            let product = c[product_col].trim();
            let partner_name = c[partner_col].trim();
            let kind = match indicator {
                "Export(US$ Mil)" if partner_name == "World" => Some(Flow::Export),
                "Import(US$ Mil)" if partner_name == "World" => Some(Flow::Import),
                "Exports (in US$ Mil)" | "Imports (in US$ Mil)" => None,
                _ => continue,
            };
            let values: Vec<(i32, &String)> = year_cols
                .iter()
                .filter(|(i, _)| !c[*i].trim().is_empty())
                .map(|(i, y)| (*y, &c[*i]))
                .collect();
            read += values.len() as u64;
            // Some bulk files (the regional ones, e.g. en_ECS_…) leave Reporter empty; the file
            // name carries the reporter's WITS code, which is the publisher's own label.
            let resolved = if c[reporter_col].trim().is_empty() {
                match &file_code {
                    Some(code) => resolve(
                        code,
                        Some(CodeScheme::Iso3),
                        (&None, *line, "Reporter (from file name)"),
                        &mut rejects,
                    ),
                    None => resolve("", None, (&None, *line, "Reporter"), &mut rejects),
                }
            } else {
                resolve(
                    c[reporter_col].trim(),
                    None,
                    (&None, *line, "Reporter"),
                    &mut rejects,
                )
            };
            let Some(reporter) = resolved else {
                // One reject per line names the cause and stands for every value on it.
                if let Some(last) = rejects.last_mut() {
                    last.rows = values.len() as u64;
                }
                continue;
            };
            for (year, text) in values {
                let Some(millions) = parse_number(text) else {
                    rejects.push(Reject {
                        sheet: None,
                        row: *line,
                        column: year.to_string(),
                        reason: "not a number".into(),
                        value: text.clone(),
                        rows: 1,
                    });
                    continue;
                };
                let value_usd = usd_from_millions(millions);
                match kind {
                    Some(flow) => {
                        let nomenclature = if STAGES.contains(&product) {
                            "UNCTAD-SOP"
                        } else if product == "All Products" {
                            "TOTAL"
                        } else {
                            "WITS-16"
                        };
                        rows.push(ProductFlow {
                            reporter,
                            partner: Iso3::WLD,
                            product: product.to_string(),
                            nomenclature,
                            level: 0,
                            flow,
                            year,
                            value_usd,
                            quantity: None,
                            reported_by: ReportedBy::Reporter,
                        });
                    }
                    None => macros.push(MacroValue {
                        country: reporter,
                        year,
                        indicator: if indicator.starts_with("Exports") {
                            "wits_exports_usd".into()
                        } else {
                            "wits_imports_usd".into()
                        },
                        value: value_usd,
                        unit: "USD",
                    }),
                }
            }
        }
        let prov = cx.provenance(path);
        let stored_macro = Batch::Macro(macros);
        sink.rows_read(&prov, read);
        for r in rejects {
            sink.reject(&prov, r);
        }
        for batch in [Batch::TradeByProduct(rows), stored_macro] {
            if !batch.is_empty() {
                sink.write(&prov, batch).map_err(|m| ReadError::Io {
                    path: path.clone(),
                    source: std::io::Error::other(m),
                })?;
            }
        }
    }
    Ok(())
}
