//! CEPII BACI bilateral trade by HS6 product, and the 2017 HS4 export table derived from it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use galeon_registry::{CodeScheme, Registry};

use crate::canonical::{Batch, Flow, ProductFlow, Reject, ReportedBy, Sink};
use crate::catalogue::{code, csv, file, iso3, read, skipped, Dataset, Reader, Release, DOCS};
use crate::connect::{bad, column, flush, parse_number, resolve, utf8, Context};
use crate::read::{read_table, ReadError};

/// Exports by country and HS4, 2017.
pub const HS4_EXPORTS_2017: Dataset = Dataset {
    id: "hs4-exports-2017",
    folder: "trade/hs4-exports-2017",
    title: "Exports by country and HS4, 2017",
    publisher: "Open Trade Statistics / CEPII BACI (via the economiccomplexity R package)",
    licence: "Apache-2.0 (package)",
    files: &[
        file(
            "world_trade_2017_hs4_exports.csv",
            &[csv(&[iso3("reporter_iso")])],
        ),
        skipped(
            "world_trade_2017.rda",
            "R binary; the CSV beside it holds the same data",
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(hs4_exports_2017),
};

/// CEPII BACI: bilateral trade by HS6 product, reconciled.
pub const BACI: Dataset = Dataset {
    id: "cepii-baci",
    folder: "trade/cepii-baci",
    title: "CEPII BACI: bilateral trade by HS6 product, reconciled",
    publisher: "CEPII — cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37 (download BACI_HS92_V*.zip, unzip into this folder)",
    licence: "Etalab Open Licence 2.0",
    files: &[
        read("BACI_*.csv", "values keyed by BACI country codes, which country_codes resolves"),
        file("country_codes_*.csv", &[csv(&[code("country_code", CodeScheme::Comtrade), iso3("country_iso3")])]),
        skipped("product_codes_*.csv", "product names"),
        skipped("Readme.txt", DOCS),
    ],
    release: Release::FileName {
        pattern: r"_V(\d{6}[a-z]?)\.csv$",
        label: "BACI V$1",
        },
    reader: Reader::Rows(cepii_baci),
};

/// Rows per batch when streaming BACI: memory stays flat whatever the number of years.
pub const BACI_BATCH_ROWS: usize = 200_000;

/// CEPII BACI in its published layout: `BACI_HS92_Y1995_V202401b.csv` files with columns
/// `t,i,j,k,v,q` (v in thousand USD, q in tonnes), and `country_codes_V*.csv` to read `i` and `j`.
/// Streams each year file in batches, so memory does not grow with the number of years.
pub fn cepii_baci(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    let name_of = |p: &PathBuf| {
        p.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string()
    };
    let codes_file = files
        .iter()
        .find(|p| name_of(p).starts_with("country_codes_"))
        .ok_or_else(|| ReadError::Io {
            path: cx.root.join("trade/cepii-baci"),
            source: std::io::Error::other(
                "BACI's country_codes_V*.csv is missing beside the year files",
            ),
        })?;
    let codes = read_table(codes_file, utf8())?;
    let (code_col, iso3_col) = (
        column(&codes, codes_file, "country_code")?,
        column(&codes, codes_file, "country_iso3")?,
    );
    let mut country_of: HashMap<String, Option<String>> = HashMap::new();
    let registry = Registry::global();
    for (_, c) in &codes.rows {
        let iso3 = c[iso3_col].trim();
        let resolved = registry
            .resolve_code(CodeScheme::Iso3, iso3)
            .or_else(|_| registry.resolve_code(CodeScheme::Comtrade, c[code_col].trim()))
            .ok()
            .map(|e| e.iso3.to_string());
        country_of.insert(c[code_col].trim().to_string(), resolved);
    }
    let mut years: Vec<&PathBuf> = files
        .iter()
        .filter(|p| name_of(p).starts_with("BACI_") && name_of(p).ends_with(".csv"))
        .collect();
    years.sort();
    for path in years {
        progress(path);
        let file_name = name_of(path);
        // BACI_HS92_Y1995_V202401b.csv → nomenclature HS92
        let nomenclature: &'static str = match file_name.split('_').nth(1) {
            Some("HS92") => "HS92",
            Some("HS96") => "HS96",
            Some("HS02") => "HS02",
            Some("HS07") => "HS07",
            Some("HS12") => "HS12",
            Some("HS17") => "HS17",
            Some("HS22") => "HS22",
            _ => "HS",
        };
        let prov = cx.provenance(path);
        let bytes_reader = std::io::BufReader::with_capacity(
            1 << 20,
            std::fs::File::open(path).map_err(|source| ReadError::Io {
                path: path.clone(),
                source,
            })?,
        );
        let mut reader = csv::ReaderBuilder::new().from_reader(bytes_reader);
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| ReadError::Csv {
                path: path.clone(),
                line: 1,
                message: e.to_string(),
            })?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let want = ["t", "i", "j", "k", "v", "q"];
        let pos: Vec<usize> = want
            .iter()
            .map(|w| {
                header
                    .iter()
                    .position(|h| h == w)
                    .ok_or_else(|| ReadError::Csv {
                        path: path.clone(),
                        line: 1,
                        message: format!("column {w:?} missing; BACI files have t,i,j,k,v,q"),
                    })
            })
            .collect::<Result<_, _>>()?;
        let mut rows = Vec::with_capacity(BACI_BATCH_ROWS);
        let mut rejects = Vec::new();
        let mut read = 0u64;
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    return Err(ReadError::Csv {
                        path: path.clone(),
                        line: e.position().map_or(0, |p| p.line()),
                        message: e.to_string(),
                    })
                }
            }
            read += 1;
            let line = record.position().map_or(0, |p| p.line());
            let field = |n: usize| record.get(pos[n]).unwrap_or("").trim();
            let lookup = |code: &str, col: &str, rejects: &mut Vec<Reject>| match country_of
                .get(code)
            {
                Some(Some(iso3)) => Some(iso3.clone()),
                _ => {
                    rejects.push(Reject {
                        sheet: None,
                        row: line,
                        column: col.into(),
                        reason: "BACI country code not in country_codes or not resolvable".into(),
                        value: code.into(),
                        rows: 1,
                    });
                    None
                }
            };
            let Some(reporter) = lookup(field(1), "i", &mut rejects) else {
                continue;
            };
            let Some(partner) = lookup(field(2), "j", &mut rejects) else {
                continue;
            };
            match (field(0).parse::<i32>(), parse_number(field(4))) {
                (Ok(year), Some(thousands)) => rows.push(ProductFlow {
                    reporter,
                    partner,
                    product: format!("{:0>6}", field(3)),
                    nomenclature,
                    level: 6,
                    flow: Flow::Export,
                    year,
                    value_usd: (thousands * 1000.0).round(),
                    quantity: parse_number(field(5)),
                    reported_by: ReportedBy::Reporter,
                }),
                _ => rejects.push(Reject {
                    sheet: None,
                    row: line,
                    column: "t/v".into(),
                    reason: "year or value is not a number".into(),
                    value: format!("{} / {}", field(0), field(4)),
                    rows: 1,
                }),
            }
            if rows.len() == BACI_BATCH_ROWS {
                let batch = std::mem::replace(&mut rows, Vec::with_capacity(BACI_BATCH_ROWS));
                flush(
                    sink,
                    &prov,
                    Batch::TradeByProduct(batch),
                    std::mem::take(&mut rejects),
                    read,
                )?;
                read = 0;
            }
        }
        flush(sink, &prov, Batch::TradeByProduct(rows), rejects, read)?;
    }
    Ok(())
}

/// Exports by country and HS4 product, 2017 (to the world; values run high: use for shares).
pub fn hs4_exports_2017(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        progress(path);
        let table = read_table(path, utf8())?;
        let (iso, product, value) = (
            column(&table, path, "reporter_iso")?,
            column(&table, path, "product_code")?,
            column(&table, path, "export_value_usd")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0u64;
        for (line, c) in &table.rows {
            // Empty values (NaN in the R data) are absent trade, not a reading; anything else
            // that is not a number is read and rejected.
            let text = c[value].trim();
            if matches!(text, "" | "NA" | "NaN") {
                continue;
            }
            read += 1;
            let Some(value_usd) = parse_number(text) else {
                rejects.push(bad(None, *line, "export_value_usd", "not a number", text));
                continue;
            };
            let Some(reporter) = resolve(
                &c[iso],
                Some(CodeScheme::Iso3),
                (&None, *line, "reporter_iso"),
                &mut rejects,
            ) else {
                continue;
            };
            rows.push(ProductFlow {
                reporter,
                partner: "WLD".into(),
                product: format!("{:0>4}", c[product].trim()),
                nomenclature: "HS",
                level: 4,
                flow: Flow::Export,
                year: 2017,
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
            read,
        )?;
    }
    Ok(())
}
