//! UN Comtrade: partner and product tables, legacy-API extracts, LAC exporters to China.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Flow, Iso3, ProductFlow, Reject, ReportedBy, Sink, TradeFlow};
use crate::catalogue::{
    code, csv, file, iso3, name, read, sheet, skipped, Dataset, Obtain, Reader, Release, Republish,
    TableSpec, DOCS,
};
use crate::connect::{
    bad, column, flush, json_error, json_text, parse_number, push_once, read_json, repeat_of,
    resolve, resolve_counting, sheet_column, utf8, year_of, Context, FirstSeen,
};
use crate::read::{read_table, Layout, ReadError};

/// Comtrade product tables: reporter and partner names.
const COMTRADE_NAMES: &[TableSpec] = &[csv(&[name("reporterDesc"), name("partnerDesc")])];

const COMTRADE_REPORTER_NAMES: &[TableSpec] = &[csv(&[name("reporterDesc")])];

const COMTRADE_PARTNER_SHEET: &[TableSpec] = &[sheet(
    "Sheet1",
    1,
    &[name("reporterDesc"), name("partnerDesc")],
)];

/// UN Comtrade partner tables for China and Brazil.
pub const CIPF_PARTNER_TABLES: Dataset = Dataset {
    id: "comtrade-cipf-partner-tables",
    folder: "trade/comtrade-cipf-partner-tables",
    title: "UN Comtrade partner tables for China and Brazil",
    publisher: "UN Comtrade — comtradeplus.un.org (tables by the cipf-comtrade project)",
    licence: "UN Comtrade terms of use",
    republish: Republish::Rows,
    files: &[
        skipped(
            "Brazil_1.1_trade_balance_2003-2025.xlsx",
            "Brazil's totals only",
        ),
        skipped(
            "China_1.1_trade_balance_2014-2025.xlsx",
            "China's totals only",
        ),
        file(
            "Brazil_2.1.1_top_export_partners_reverse.xlsx",
            COMTRADE_PARTNER_SHEET,
        ),
        file(
            "Brazil_3.1.1_top_import_partners.xlsx",
            COMTRADE_PARTNER_SHEET,
        ),
        file(
            "China_2.1.1_top_export_partners_reverse.xlsx",
            COMTRADE_PARTNER_SHEET,
        ),
        file(
            "China_3.1.1_top_import_partners.xlsx",
            COMTRADE_PARTNER_SHEET,
        ),
        file(
            "cn_plp_trocas_2003-2024.xlsx",
            &[sheet("Sheet1", 1, &[name("partnerDesc")])],
        ),
        file(
            "partner.csv",
            &[csv(&[
                name("text"),
                name("PartnerDesc"),
                code("PartnerCode", CodeScheme::Comtrade),
                iso3("PartnerCodeIsoAlpha3"),
            ])],
        ),
        file(
            "reporter.csv",
            &[csv(&[
                name("text"),
                name("reporterDesc"),
                code("reporterCode", CodeScheme::Comtrade),
                iso3("reporterCodeIsoAlpha3"),
            ])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Workbook {
        label: "cipf-comtrade workbook written $1",
    },
    reader: Reader::Rows(comtrade_cipf_partner),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/comtrade-cipf-partner-tables.tsv"),
        rest: None,
    },
};

/// UN Comtrade HS6 product tables for China and Brazil.
pub const CIPF_PRODUCT_TABLES: Dataset = Dataset {
    id: "comtrade-cipf-product-tables",
    folder: "trade/comtrade-cipf-product-tables",
    title: "UN Comtrade HS6 product tables for China and Brazil",
    publisher: "UN Comtrade — comtradeplus.un.org (tables by the cipf-comtrade project)",
    licence: "UN Comtrade terms of use",
    republish: Republish::Rows,
    files: &[
        file("Brazil_2.3_*.csv", COMTRADE_NAMES),
        file("Brazil_2.4_*.csv", COMTRADE_NAMES),
        file("Brazil_2.5.1_*.csv.gz", COMTRADE_NAMES),
        file("Brazil_3.3_*.csv", COMTRADE_REPORTER_NAMES),
        file("Brazil_3.4_*.csv", COMTRADE_REPORTER_NAMES),
        file("Brazil_3.5.1_*.csv.gz", COMTRADE_NAMES),
        file("China_2.3_*.csv", COMTRADE_NAMES),
        file("China_2.4_*.csv", COMTRADE_NAMES),
        file("China_2.5.1_*.csv.gz", COMTRADE_NAMES),
        skipped(
            "China_3.2_imports_products_HS-AG6-2014-2025.csv",
            "China's top products, no partner",
        ),
        file("China_3.3_*.csv", COMTRADE_REPORTER_NAMES),
        file("China_3.4_*.csv", COMTRADE_REPORTER_NAMES),
        file("China_3.5.1_*.csv", COMTRADE_NAMES),
        file("China_PLP_tops_2003-2024_M_X.csv", COMTRADE_NAMES),
        file("china_plp_tops_1992-2022_M_X.csv", COMTRADE_NAMES),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(comtrade_cipf_products),
    obtain: Obtain::ByHand("converted from the cipf-comtrade repository's tables as the folder's SOURCE.md describes; put them in the folder by hand"),
};

/// UN Comtrade legacy-API exports by partner and HS2, 30 reporters, 2019–2020.
pub const TOP30_HS2: Dataset = Dataset {
    id: "comtrade-top30-hs2",
    folder: "trade/comtrade-top30-hs2-2019-2020",
    title: "UN Comtrade legacy-API exports by partner and HS2, 30 reporters, 2019–2020",
    publisher: "UN Comtrade — comtradeplus.un.org",
    licence: "UN Comtrade terms of use",
    republish: Republish::Rows,
    files: &[
        file(
            "comtrade_top30_reporters_exports_by_partner_hs2_2019_2020.csv.gz",
            &[csv(&[
                name("rtTitle"),
                iso3("rt3ISO"),
                code("rtCode", CodeScheme::Comtrade),
                name("ptTitle"),
                iso3("pt3ISO"),
                code("ptCode", CodeScheme::Comtrade),
            ])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(comtrade_top30),
    obtain: Obtain::ByHand("converted from a UN Comtrade extract as the folder's SOURCE.md describes; put it in the folder by hand"),
};

/// UN Comtrade: exports of 10 LAC countries to China.
pub const LATAM10: Dataset = Dataset {
    id: "comtrade-latam10",
    folder: "trade/comtrade-latam10-exports-to-china",
    title: "UN Comtrade: exports of 10 LAC countries to China",
    publisher: "UN Comtrade — comtradeplus.un.org",
    licence: "UN Comtrade terms of use",
    republish: Republish::Rows,
    files: &[
        file(
            "latam10_exports_to_chn_2000_2025.csv",
            &[csv(&[iso3("exporter"), iso3("importer")])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(comtrade_latam10),
    obtain: Obtain::ByHand(
        "compiled for galeon from UN Comtrade as the folder's SOURCE.md describes",
    ),
};

/// Comtrade: 10 LAC exporters' exports to China, reporter side.
pub fn comtrade_latam10(
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
        let (exporter, importer, year, value) = (
            column(&table, path, "exporter")?,
            column(&table, path, "importer")?,
            column(&table, path, "year")?,
            column(&table, path, "value_usd")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(reporter) = resolve(
                &c[exporter],
                Some(CodeScheme::Iso3),
                (&None, *line, "exporter"),
                &mut rejects,
            ) else {
                continue;
            };
            let Some(partner) = resolve(
                &c[importer],
                Some(CodeScheme::Iso3),
                (&None, *line, "importer"),
                &mut rejects,
            ) else {
                continue;
            };
            match (c[year].parse::<i32>(), parse_number(&c[value])) {
                (Ok(year), Some(value_usd)) => rows.push(TradeFlow {
                    reporter,
                    partner,
                    flow: Flow::Export,
                    year,
                    value_usd,
                    reported_by: ReportedBy::Reporter,
                    estimated: false,
                }),
                _ => rejects.push(Reject {
                    sheet: None,
                    row: *line,
                    column: "year/value_usd".into(),
                    reason: "not a number".into(),
                    value: format!("{} / {}", c[year], c[value]),
                    rows: 1,
                }),
            }
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::TradeFlows(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// Comtrade legacy-API rows: exports by partner and HS2 chapter.
pub fn comtrade_top30(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".csv.gz"))
    {
        progress(path);
        let table = read_table(path, utf8())?;
        let idx = |n: &str| column(&table, path, n);
        let (yr, rg, rt, pt, cmd, value) = (
            idx("yr")?,
            idx("rgDesc")?,
            idx("rtCode")?,
            idx("ptCode")?,
            idx("cmdCode")?,
            idx("TradeValue")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(reporter) = resolve(
                &c[rt],
                Some(CodeScheme::Comtrade),
                (&None, *line, "rtCode"),
                &mut rejects,
            ) else {
                continue;
            };
            let Some(partner) = resolve(
                &c[pt],
                Some(CodeScheme::Comtrade),
                (&None, *line, "ptCode"),
                &mut rejects,
            ) else {
                continue;
            };
            let flow = match c[rg].as_str() {
                "Export" => Flow::Export,
                "Import" => Flow::Import,
                other => {
                    rejects.push(Reject {
                        sheet: None,
                        row: *line,
                        column: "rgDesc".into(),
                        reason: "flow is neither Export nor Import".into(),
                        value: other.into(),
                        rows: 1,
                    });
                    continue;
                }
            };
            match (c[yr].parse::<i32>(), parse_number(&c[value])) {
                (Ok(year), Some(value_usd)) => rows.push(ProductFlow {
                    reporter,
                    partner,
                    product: c[cmd].clone(),
                    nomenclature: "HS17",
                    level: c[cmd].len() as u8,
                    flow,
                    year,
                    value_usd,
                    quantity: None,
                    reported_by: ReportedBy::Reporter,
                }),
                _ => rejects.push(Reject {
                    sheet: None,
                    row: *line,
                    column: "yr/TradeValue".into(),
                    reason: "not a number".into(),
                    value: format!("{} / {}", c[yr], c[value]),
                    rows: 1,
                }),
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

/// UN Comtrade partner tables: each reporter's own imports from and exports to China (and
/// Brazil), and China's reported trade with the Portuguese-speaking countries.
pub fn comtrade_cipf_partner(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    let mut seen = FirstSeen::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
    {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let sheet = "Sheet1";
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let sheet_name = Some(sheet.to_string());
        let read;
        if name.contains("_2.1.1_") || name.contains("_3.1.1_") {
            progress(path);
            let table = read_table(
                path,
                Layout::Sheet {
                    sheet,
                    header_row: 1,
                },
            )?;
            let col = |n: &str| sheet_column(&table, path, sheet, n);
            let (year, flow, partner, reporter, value) = (
                col("refYear")?,
                col("flowCode")?,
                col("partnerDesc")?,
                col("reporterDesc")?,
                col("partner_sum")?,
            );
            read = table.rows.len() as u64;
            for (row, c) in &table.rows {
                let Some(rep) = resolve(
                    &c[reporter],
                    None,
                    (&sheet_name, *row, "reporterDesc"),
                    &mut rejects,
                ) else {
                    continue;
                };
                let Some(par) = resolve(
                    &c[partner],
                    None,
                    (&sheet_name, *row, "partnerDesc"),
                    &mut rejects,
                ) else {
                    continue;
                };
                let flow = match c[flow].trim() {
                    "M" => Flow::Import,
                    "X" => Flow::Export,
                    other => {
                        rejects.push(bad(Some(sheet), *row, "flowCode", "neither M nor X", other));
                        continue;
                    }
                };
                match (year_of(&c[year]), parse_number(&c[value])) {
                    (Some(y), Some(value_usd)) => push_once(
                        &mut seen,
                        &name,
                        (Some(sheet), *row, "partner_sum"),
                        TradeFlow {
                            reporter: rep,
                            partner: par,
                            flow,
                            year: y,
                            value_usd,
                            reported_by: ReportedBy::Reporter,
                            estimated: false,
                        },
                        &mut rows,
                        &mut rejects,
                    ),
                    _ => rejects.push(bad(
                        Some(sheet),
                        *row,
                        "refYear/partner_sum",
                        "not a number",
                        &c[value],
                    )),
                }
            }
        } else if name.starts_with("cn_plp_trocas") {
            progress(path);
            let table = read_table(
                path,
                Layout::Sheet {
                    sheet,
                    header_row: 1,
                },
            )?;
            let col = |n: &str| sheet_column(&table, path, sheet, n);
            let (year, partner, exports, imports) = (
                col("refYear")?,
                col("partnerDesc")?,
                col("Exportações")?,
                col("Importações")?,
            );
            let mut count = 0u64;
            for (row, c) in &table.rows {
                let present: Vec<(usize, Flow)> =
                    [(exports, Flow::Export), (imports, Flow::Import)]
                        .into_iter()
                        .filter(|(i, _)| parse_number(&c[*i]).is_some())
                        .collect();
                count += present.len() as u64;
                let Some(par) = resolve_counting(
                    &c[partner],
                    None,
                    (&sheet_name, *row, "partnerDesc"),
                    present.len() as u64,
                    &mut rejects,
                ) else {
                    continue;
                };
                let Some(y) = year_of(&c[year]) else {
                    let mut reject = bad(Some(sheet), *row, "refYear", "not a year", &c[year]);
                    reject.rows = present.len() as u64;
                    rejects.push(reject);
                    continue;
                };
                for (i, flow) in present {
                    let column = if flow == Flow::Export {
                        "Exportações"
                    } else {
                        "Importações"
                    };
                    push_once(
                        &mut seen,
                        &name,
                        (Some(sheet), *row, column),
                        TradeFlow {
                            reporter: Iso3::CHN,
                            partner: par,
                            flow,
                            year: y,
                            value_usd: parse_number(&c[i]).expect("checked"),
                            reported_by: ReportedBy::Reporter,
                            estimated: false,
                        },
                        &mut rows,
                        &mut rejects,
                    );
                }
            }
            read = count;
        } else {
            continue;
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::TradeFlows(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// UN Comtrade product tables (top-N extracts at HS6, and China's top HS2 chapters with the
/// Portuguese-speaking countries). Where a file has no partner column, the partner is the
/// economy its name starts with (`Brazil_3.3_…`: exporters to Brazil).
pub fn comtrade_cipf_products(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    let mut seen = FirstSeen::new();
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if name.starts_with("China_3.2_") || !(name.ends_with(".csv") || name.ends_with(".csv.gz"))
        {
            continue;
        }
        progress(path);
        let table = read_table(path, utf8())?;
        let reporter = column(&table, path, "reporterDesc")?;
        let partner = table.column("partnerDesc");
        let (year, flow, cmd) = (
            column(&table, path, "refYear")?,
            column(&table, path, "flowCode").ok(),
            column(&table, path, "cmdCode")?,
        );
        let value = ["primaryValue", "cmd_partner_sum", "partner_cmd_sum"]
            .iter()
            .find_map(|c| table.column(c))
            .ok_or_else(|| ReadError::Csv {
                path: path.clone(),
                line: 1,
                message: "no value column (primaryValue, cmd_partner_sum or partner_cmd_sum)"
                    .into(),
            })?;
        let implied_partner = match name.split('_').next() {
            Some("Brazil") => Iso3::known("BRA"),
            _ => Iso3::CHN,
        };
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(rep) = resolve(
                &c[reporter],
                None,
                (&None, *line, "reporterDesc"),
                &mut rejects,
            ) else {
                continue;
            };
            let par = match partner {
                Some(i) => {
                    match resolve(&c[i], None, (&None, *line, "partnerDesc"), &mut rejects) {
                        Some(p) => p,
                        None => continue,
                    }
                }
                None => implied_partner,
            };
            // Files without flowCode are the alternative-supplier tables: importers' imports.
            let flow = match flow.map(|i| c[i].trim()) {
                Some("X") => Flow::Export,
                Some("M") | None => Flow::Import,
                Some(other) => {
                    rejects.push(bad(None, *line, "flowCode", "neither M nor X", other));
                    continue;
                }
            };
            let code = hs_code(c[cmd].trim());
            match (year_of(&c[year]), parse_number(&c[value])) {
                (Some(y), Some(value_usd)) => {
                    let key = (rep, par, flow, code.clone(), y);
                    if let Some(repeat) = repeat_of(&mut seen, key, value_usd, &name, *line) {
                        rejects.push(bad(
                            None,
                            *line,
                            &table.header[value],
                            &format!("{rep} {} {par} HS {code} {y} {repeat}", flow.as_str()),
                            &c[value],
                        ));
                        continue;
                    }
                    rows.push(ProductFlow {
                        reporter: rep,
                        partner: par,
                        level: code.len() as u8,
                        product: code,
                        nomenclature: "HS",
                        flow,
                        year: y,
                        value_usd,
                        quantity: None,
                        reported_by: ReportedBy::Reporter,
                    })
                }
                _ => rejects.push(bad(None, *line, "refYear/value", "not a number", &c[value])),
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

/// An HS code as the nomenclature writes it. The CIPF product tables were saved through a
/// spreadsheet that read codes as numbers, so chapters 01–09 lost their leading zero ("70320"
/// for 070320, garlic): HS codes have an even number of digits (2, 4, 6), so an all-digit code of
/// odd length gets its zero back.
pub(crate) fn hs_code(text: &str) -> String {
    if text.len() % 2 == 1 && text.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{text}")
    } else {
        text.to_string()
    }
}

/// UN Comtrade API v1: China's goods trade with each LAC state and the World, annual totals, as
/// `galeon fetch` writes the API's answers (one JSON envelope per file).
pub const API: Dataset = Dataset {
    id: "comtrade-api",
    folder: "trade/comtrade-api",
    title: "UN Comtrade API v1: China's goods trade with the LAC states and the World, annual totals",
    publisher: "United Nations Statistics Division — comtradeapi.un.org (data/v1/get, or the keyless public/v1/preview)",
    licence: "UN Comtrade terms of use, attribution",
    republish: Republish::Rows,
    files: &[
        read(
            "*.json",
            "API envelopes {count, data, error}; reporters and partners as Comtrade codes",
        ),
        skipped("release.toml", "the retrieval date of each answer, written by galeon fetch"),
    ],
    // The answers state no release: `galeon fetch` records the retrieval date in release.toml.
    release: Release::Unstated,
    reader: Reader::Rows(comtrade_api),
    obtain: Obtain::Comtrade,
};

/// UN Comtrade API envelopes: `{"count", "data": [records], "error"}`. Each record of annual
/// totals (`cmdCode` TOTAL, `partner2Code` 0, `motCode` 0, `customsCode` C00) becomes a
/// `trade_flows` row: `flowCode` X or M, `primaryValue` in US dollars (FOB for exports, CIF for
/// imports), partner 0 = World. Other records are rejected with the reason, and so is a value an
/// earlier file of the folder already gave; a non-empty `error` is an error naming the file.
pub fn comtrade_api(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    let mut seen: FirstSeen<(Iso3, Iso3, Flow, i32)> = FirstSeen::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        progress(path);
        let prov = cx.provenance(path);
        let records = comtrade_records(path)?;
        let (mut rows, mut rejects) = (Vec::new(), Vec::new());
        for (n, r) in records.iter().enumerate() {
            let row = n as u64 + 1;
            if let Some(flow) = comtrade_record(r, row, &mut rejects) {
                // Answers of several fetches may overlap (a preview year, then a keyed span).
                let at = (None, row, "refYear");
                push_once(&mut seen, &prov.file, at, flow, &mut rows, &mut rejects);
            }
        }
        let read = records.len() as u64;
        flush(sink, &prov, Batch::TradeFlows(rows), rejects, read)?;
    }
    Ok(())
}

/// One record as a trade flow, or its reject (`row` is the record's 1-based position).
fn comtrade_record(
    r: &serde_json::Value,
    row: u64,
    rejects: &mut Vec<Reject>,
) -> Option<TradeFlow> {
    let text = |k: &str| json_text(&r[k]);
    let mut refuse = |column: &str, reason: &str| {
        rejects.push(bad(None, row, column, reason, &text(column)));
        None
    };
    let totals = [
        ("cmdCode", "TOTAL"),
        ("partner2Code", "0"),
        ("motCode", "0"),
        ("customsCode", "C00"),
    ];
    if let Some((key, _)) = totals.iter().find(|(k, v)| text(k) != *v) {
        return refuse(
            key,
            "not an annual total (galeon reads all goods, all modes, all customs procedures)",
        );
    }
    let flow = match text("flowCode").as_str() {
        "X" => Flow::Export,
        "M" => Flow::Import,
        _ => {
            return refuse(
                "flowCode",
                "a flow galeon does not read (re-exports, re-imports)",
            )
        }
    };
    let Some(value_usd) = r["primaryValue"].as_f64().filter(|v| v.is_finite()) else {
        return refuse("primaryValue", "not a number");
    };
    let Some(year) = r["refYear"].as_i64().and_then(|y| i32::try_from(y).ok()) else {
        return refuse("refYear", "not a year");
    };
    let reporter = resolve(
        &text("reporterCode"),
        Some(CodeScheme::Comtrade),
        (&None, row, "reporterCode"),
        rejects,
    )?;
    let partner = match text("partnerCode").as_str() {
        "0" => Iso3::WLD,
        code => resolve(
            code,
            Some(CodeScheme::Comtrade),
            (&None, row, "partnerCode"),
            rejects,
        )?,
    };
    Some(TradeFlow {
        reporter,
        partner,
        flow,
        year,
        value_usd,
        reported_by: ReportedBy::Reporter,
        estimated: false,
    })
}

/// The records of one envelope; an error the API states, or another shape, is an error naming
/// the file.
fn comtrade_records(path: &Path) -> Result<Vec<serde_json::Value>, ReadError> {
    let mut value = read_json(path)?;
    if let Some(error) = value["error"].as_str().filter(|e| !e.is_empty()) {
        let message = format!("the API answered with an error: {error}");
        return Err(json_error(path, message));
    }
    match value.get_mut("data").map(serde_json::Value::take) {
        Some(serde_json::Value::Array(records)) => Ok(records),
        _ => {
            let message = "not a UN Comtrade API envelope ({count, data, error})";
            Err(json_error(path, message.into()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::hs_code;

    #[test]
    fn hs_codes_that_lost_their_leading_zero_get_it_back() {
        assert_eq!(hs_code("70320"), "070320"); // garlic, chapter 07
        assert_eq!(hs_code("120190"), "120190");
        assert_eq!(hs_code("101"), "0101");
        assert_eq!(hs_code("1"), "01");
        assert_eq!(hs_code("TOTAL"), "TOTAL");
    }
}
