//! Connectors: one per publisher format. Each reads its dataset's files as shipped and writes
//! canonical rows to a [`Sink`]; a row it cannot read or whose economy does not resolve is
//! rejected with file, sheet, row, column and reason, never guessed.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use galeon_registry::{CodeScheme, Registry};

use crate::canonical::{
    Batch, FinanceRecord, Flow, MacroValue, ProductFlow, Provenance, Reject, ReportedBy, Sink,
    TradeFlow,
};
use crate::catalogue::Dataset;
use crate::read::{
    cell_text, column_letter, read_bytes, read_table, Encoding, Layout, ReadError, Table,
};

mod more;
pub use more::*;

/// A connector: reads the files of one dataset (already matched by the catalogue) into a sink.
pub type ConnectorFn =
    fn(&Path, &[PathBuf], &mut dyn Sink, &mut dyn FnMut(&Path)) -> Result<(), ReadError>;

/// The connector for a dataset id, if galeon has one.
pub fn connector(dataset_id: &str) -> Option<ConnectorFn> {
    CONNECTORS
        .iter()
        .find(|(id, _)| *id == dataset_id)
        .map(|(_, f)| *f)
}

/// Dataset ids with a connector, and the function.
pub const CONNECTORS: &[(&str, ConnectorFn)] = &[
    ("imf-dots", imf_dots),
    ("worldbank-gdp-population", worldbank_gdp_population),
    ("comtrade-latam10", comtrade_latam10),
    ("comtrade-top30-hs2", comtrade_top30),
    ("wits-trade-summary", wits_trade_summary),
    ("wto-product-groups", wto_product_groups),
    ("atlas-country-year", atlas_country_year),
    ("aiddata-gcof-1.0", aiddata_gcof),
    ("reference", reference),
    ("cepii-baci", cepii_baci),
    ("aei-cgit", aei_cgit),
    ("wri-cofi", wri_cofi),
    ("icews-dyad-year", icews),
    ("gdelt-country-graph", gdelt),
    ("chinavitae", chinavitae),
    ("gfdc-bri", gfdc_bri),
    ("confucius-institutes", confucius),
    ("un-desa-migrant-stock", un_desa_migrants),
    ("wri-gppd-summary", gppd_summary),
    ("export-concentration-indices", export_concentration),
    ("hs4-exports-2017", hs4_exports_2017),
    ("argendata-argentina-lall", argendata),
    ("guardian-china-imports-2014", guardian),
    ("comtrade-cipf-partner-tables", comtrade_cipf_partner),
    ("aiddata-gcdf-3.0-aggregates", gcdf3_aggregates),
    ("aiddata-gcdf-2.0-partial", gcdf2_partial),
    ("china-reported-anchors", china_anchors),
    ("lac33-diplomacy", lac33_diplomacy),
    ("comtrade-cipf-product-tables", comtrade_cipf_products),
];

/// Releases, as the datasets state them (see each SOURCE.md).
pub fn release_of(dataset: &str) -> &'static str {
    match dataset {
        "imf-dots" => "DOTS extract 2022-02 (1960-2020)",
        "worldbank-gdp-population" => "WDI via datasets/gdp 2026-03, datasets/population 2026-03",
        "comtrade-latam10" => "Comtrade API extract (latam-trade-network)",
        "comtrade-top30-hs2" => "Comtrade legacy API, H5, 2019-2020",
        "wits-trade-summary" => "WITS Trade Summary bulk file 2022-11",
        "wto-product-groups" => "WTO Stats 2020-05 (ITS_MTV_AX)",
        "atlas-country-year" => "Atlas hs92_country_year, Dataverse 2026-04-22",
        "aiddata-gcof-1.0" => "GCOF 1.0 (2017-10-11)",
        "reference" => "reference tables (see SOURCE.md)",
        "cepii-baci" => "BACI (release in file names)",
        "aei-cgit" => "CGIT 2022 Spring",
        "wri-cofi" => "COFI 2.2 (October 2023)",
        "icews-dyad-year" => "netify 1.5.3 ICEWS slice (2002-2014)",
        "gdelt-country-graph" => "gdelt-graph-data 2024-02-23",
        "chinavitae" => "China Vitae scrape 2018-12",
        "gfdc-bri" => "GFDC May 2025",
        "confucius-institutes" => "bridash 2022-10 (status 2022-04)",
        "un-desa-migrant-stock" => "UN DESA IMS 2020 (via bridash)",
        "wri-gppd-summary" => "GPPD 1.3.0",
        "export-concentration-indices" => "Atlas HS4 1995-2023; IMF diversification 1962-2010",
        "hs4-exports-2017" => "economiccomplexity world_trade_2017",
        "argendata-argentina-lall" => "Argendata INDUST 2026-01",
        "guardian-china-imports-2014" => "Guardian interactive (2014 inferred)",
        "comtrade-cipf-partner-tables" => "cipf-comtrade 2026-03",
        "aiddata-gcdf-3.0-aggregates" => "GCDF 3.0 aggregates (third-party, 2025-2026)",
        "aiddata-gcdf-2.0-partial" => "GCDF 2.0 (2021-09-29)",
        "china-reported-anchors" => "news pages quoting GACC/MOFCOM, 2021-2025",
        "lac33-diplomacy" => "hand-compiled 2026 (URL per row)",
        "comtrade-cipf-product-tables" => "cipf-comtrade 2026-03",
        _ => "unknown",
    }
}

pub(crate) fn provenance(dataset: &'static str, root: &Path, path: &Path) -> Provenance {
    Provenance {
        source: dataset,
        file: path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/"),
        release: release_of(dataset),
    }
}

/// Resolves an economy or rejects the row, naming where it was.
pub(crate) fn resolve(
    name_or_code: &str,
    scheme: Option<CodeScheme>,
    at: (&Option<String>, u64, &str),
    rejects: &mut Vec<Reject>,
) -> Option<String> {
    let registry = Registry::global();
    let result = match scheme {
        None => registry.resolve_name(name_or_code),
        Some(scheme) => registry.resolve_code(scheme, name_or_code),
    };
    match result {
        Ok(entity) => Some(entity.iso3.to_string()),
        Err(e) => {
            rejects.push(Reject {
                sheet: at.0.clone(),
                row: at.1,
                column: at.2.to_string(),
                reason: format!(
                    "{e} (add it to data/registry/aliases.csv if it is a real spelling)"
                ),
                value: name_or_code.to_string(),
                rows: 1,
            });
            None
        }
    }
}

/// As [`resolve`], for a line that holds `rows` values: the reject, if any, stands for all of them.
pub(crate) fn resolve_counting(
    name_or_code: &str,
    scheme: Option<CodeScheme>,
    at: (&Option<String>, u64, &str),
    rows: u64,
    rejects: &mut Vec<Reject>,
) -> Option<String> {
    let resolved = resolve(name_or_code, scheme, at, rejects);
    if resolved.is_none() {
        if let Some(last) = rejects.last_mut() {
            last.rows = rows;
        }
    }
    resolved
}

pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().replace(',', "");
    if t.is_empty() {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

pub(crate) fn flush(
    sink: &mut dyn Sink,
    prov: &Provenance,
    batch: Batch,
    rejects: Vec<Reject>,
    read: u64,
) -> Result<(), ReadError> {
    sink.rows_read(prov, read);
    for r in rejects {
        sink.reject(prov, r);
    }
    if !batch.is_empty() {
        sink.write(prov, batch).map_err(|message| ReadError::Io {
            path: PathBuf::from(&prov.file),
            source: std::io::Error::other(message),
        })?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// IMF DOTS

/// One parsed DOTS workbook.
struct DotsWorkbook {
    reporter_name: String,
    rows: Vec<TradeFlow>,
    rejects: Vec<Reject>,
    read: u64,
    fingerprint: u64,
}

/// Parses a DOTS value: a number, or a number with IMF's trailing ` e` (estimated).
pub fn parse_dots_value(text: &str) -> Option<(f64, bool)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let (number, estimated) = match t.strip_suffix('e') {
        Some(rest) => (rest.trim(), true),
        None => (t, false),
    };
    parse_number(number).map(|v| (v, estimated))
}

/// US dollars from IMF's millions, rounded to the dollar: DOTS publishes to the thousand dollars,
/// so rounding keeps every published digit and removes binary noise from the multiplication.
pub fn usd_from_millions(millions: f64) -> f64 {
    (millions * 1e6).round()
}

/// Where a partner-year was first stored in a sheet: spreadsheet row and the value's bits.
type FirstListed = (u64, u64);

/// One cell of a DOTS row: column, year, the cell, and its value in millions (and whether
/// estimated) when it parses.
type DotsCell<'a> = (u32, i32, &'a calamine::Data, Option<(f64, bool)>);

fn parse_dots(path: &Path) -> Result<DotsWorkbook, ReadError> {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut out = DotsWorkbook {
        reporter_name: String::new(),
        rows: Vec::new(),
        rejects: Vec::new(),
        read: 0,
        fingerprint: 0,
    };
    let mut hasher = DefaultHasher::new();
    // The workbook is opened once for both sheets; cells are read as calamine gives them, so
    // numbers are never formatted to text and parsed back.
    let mut workbook = open_workbook_auto(path).map_err(|e| ReadError::Workbook {
        path: path.to_path_buf(),
        sheet: "Exports, FOB".into(),
        message: e.to_string(),
    })?;
    let mut partners: HashMap<String, Option<String>> = HashMap::new();
    for (sheet, flow) in [
        ("Exports, FOB", Flow::Export),
        ("Imports, CIF", Flow::Import),
    ] {
        let corrupt = |message: String| ReadError::Workbook {
            path: path.to_path_buf(),
            sheet: sheet.to_string(),
            message,
        };
        let range = workbook
            .worksheet_range(sheet)
            .map_err(|e| corrupt(e.to_string()))?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        // Absolute 0-based (row, column) as the spreadsheet numbers them, less one.
        let cell = |row: u32, col: u32| -> &Data {
            if row < first_row || col < first_col {
                return &Data::Empty;
            }
            range
                .get(((row - first_row) as usize, (col - first_col) as usize))
                .unwrap_or(&Data::Empty)
        };
        let text = |d: &Data| match d {
            Data::String(s) => s.trim().to_string(),
            Data::Empty => String::new(),
            other => cell_text(other),
        };
        let reporter = text(cell(3, 1));
        if reporter.is_empty() {
            return Err(corrupt(
                "cell B4 (reporter name) is empty: is this an IMF DOTS workbook?".into(),
            ));
        }
        if !out.reporter_name.is_empty() && out.reporter_name != reporter {
            return Err(corrupt(format!(
                "reporter {reporter:?} differs from the other sheet's {:?}",
                out.reporter_name
            )));
        }
        out.reporter_name = reporter.clone();
        let unit = text(cell(4, 1));
        if unit != "US Dollars, Millions" {
            return Err(corrupt(format!(
                "cell B5 says unit {unit:?}; expected \"US Dollars, Millions\""
            )));
        }
        let last_col = first_col + range.width() as u32;
        let last_row = first_row + range.height() as u32;
        let years: Vec<(u32, i32)> = (2..last_col)
            .filter_map(|c| text(cell(6, c)).parse::<i32>().ok().map(|y| (c, y)))
            .collect();
        if years.is_empty() {
            return Err(corrupt("row 7 holds no years".into()));
        }
        let sheet_name = Some(sheet.to_string());
        let mut rejects = Vec::new();
        // Each partner code's years already read in this sheet, with the row, name and value: a
        // partner listed twice (IMF repeats the first partner, Australia, above World; "Malaysia,
        // West" resolves to Malaysia) is stored once for each year, never summed. Rows that
        // resolve to one code over different years (Yemen Arab Rep. to 1989, Yemen, Rep. of from
        // 1990) are both stored.
        let mut listed: HashMap<String, HashMap<i32, FirstListed>> = HashMap::new();
        let mut row_names: HashMap<u64, String> = HashMap::new();
        // An unresolved reporter is reported on every row below (each reject names it).
        let reporter_code = resolve(&reporter, None, (&sheet_name, 4, "B"), &mut Vec::new());
        for row in 7.max(first_row)..last_row {
            let partner_name = text(cell(row, 1));
            if partner_name.is_empty() {
                continue;
            }
            partner_name.hash(&mut hasher);
            let values: Vec<(u32, i32, &Data)> = years
                .iter()
                .map(|(c, y)| (*c, *y, cell(row, *c)))
                .filter(|(_, _, d)| {
                    !matches!(d, Data::Empty)
                        && !matches!(d, Data::String(s) if s.trim().is_empty())
                })
                .collect();
            if values.is_empty() {
                continue;
            }
            let spreadsheet_row = u64::from(row) + 1;
            out.read += values.len() as u64;
            let Some(reporter_code) = &reporter_code else {
                // The reporter in B4 does not resolve: every value of the sheet is rejected with it.
                rejects.push(Reject {
                    sheet: sheet_name.clone(),
                    row: spreadsheet_row,
                    column: "B".into(),
                    reason: format!("reporter {reporter:?} in B4 does not resolve"),
                    value: partner_name,
                    rows: values.len() as u64,
                });
                continue;
            };
            let partner = partners
                .entry(partner_name.clone())
                .or_insert_with(|| {
                    let mut scratch = Vec::new();
                    resolve(
                        &partner_name,
                        None,
                        (&sheet_name, spreadsheet_row, "B"),
                        &mut scratch,
                    )
                })
                .clone();
            let Some(partner) = partner else {
                // One reject names the partner and stands for every value on its row.
                let mut scratch = Vec::new();
                resolve(
                    &partner_name,
                    None,
                    (&sheet_name, spreadsheet_row, "B"),
                    &mut scratch,
                );
                if let Some(mut reject) = scratch.pop() {
                    reject.rows = values.len() as u64;
                    rejects.push(reject);
                }
                continue;
            };
            let parsed: Vec<DotsCell> = values
                .into_iter()
                .map(|(col, year, data)| {
                    let parsed = match data {
                        Data::Float(f) => Some((*f, false)),
                        Data::Int(i) => Some((*i as f64, false)),
                        Data::String(s) => parse_dots_value(s),
                        _ => None,
                    };
                    (col, year, data, parsed)
                })
                .collect();
            let years_of_partner = listed.entry(partner.clone()).or_default();
            let (repeated, parsed): (Vec<_>, Vec<_>) = parsed
                .into_iter()
                .partition(|(_, year, _, _)| years_of_partner.contains_key(year));
            if let Some((_, first_year, _, _)) = repeated.first() {
                let (first_row, _) = &years_of_partner[first_year];
                let first_name = &row_names[first_row];
                let same = repeated.iter().all(|(_, year, _, p)| {
                    p.map(|(v, _)| v.to_bits()) == Some(years_of_partner[year].1)
                });
                let years = match (repeated.first(), repeated.last()) {
                    (Some(a), Some(b)) if a.1 != b.1 => format!("{}–{}", a.1, b.1),
                    _ => first_year.to_string(),
                };
                let reason = if same {
                    format!(
                        "{partner_name:?} repeats {partner} of row {first_row} ({first_name:?}) for {} years ({years}) with the same values; stored once",
                        repeated.len()
                    )
                } else {
                    format!(
                        "{partner_name:?} resolves to {partner} like row {first_row} ({first_name:?}) for {} years ({years}) with different values; row {first_row}'s are kept, these are not stored (never summed)",
                        repeated.len()
                    )
                };
                rejects.push(Reject {
                    sheet: sheet_name.clone(),
                    row: spreadsheet_row,
                    column: "B".into(),
                    reason,
                    value: partner_name.clone(),
                    rows: repeated.len() as u64,
                });
            }
            // Only values that are stored claim their year (a cell that is not a number is
            // rejected below and leaves the year to a later row).
            for (_, year, _, p) in &parsed {
                if let Some((v, _)) = p {
                    years_of_partner.insert(*year, (spreadsheet_row, v.to_bits()));
                }
            }
            if !parsed.is_empty() {
                row_names.insert(spreadsheet_row, partner_name.clone());
            }
            for (col, year, data, parsed) in parsed {
                match parsed {
                    Some((millions, estimated)) => {
                        millions.to_bits().hash(&mut hasher);
                        out.rows.push(TradeFlow {
                            reporter: reporter_code.clone(),
                            partner: partner.clone(),
                            flow,
                            year,
                            value_usd: usd_from_millions(millions),
                            reported_by: ReportedBy::Reporter,
                            estimated,
                        })
                    }
                    None => rejects.push(Reject {
                        sheet: sheet_name.clone(),
                        row: spreadsheet_row,
                        column: column_letter(col as usize),
                        reason:
                            "not a number (IMF values are numbers, optionally followed by \" e\")"
                                .into(),
                        value: cell_text(data),
                        rows: 1,
                    }),
                }
            }
        }
        out.rejects.append(&mut rejects);
    }
    out.fingerprint = hasher.finish();
    Ok(out)
}

/// IMF DOTS: every workbook, both sheets. A second workbook with the same reporter and the same
/// cells (Nicaragua ships twice) is recorded as a duplicate and not stored again.
pub fn imf_dots(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    let mut files: Vec<&PathBuf> = files.iter().collect();
    // DOTS_1 … DOTS_235 in numeric order, so "the first of two duplicates" is stable.
    files.sort_by_key(|p| {
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        (
            stem.trim_start_matches("DOTS_")
                .parse::<u32>()
                .unwrap_or(u32::MAX),
            stem.to_string(),
        )
    });
    let mut seen: HashMap<String, (String, u64)> = HashMap::new();
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    // Workers parse workbooks in any order; this thread writes them in file order as they
    // arrive, so parsing and writing overlap and the store is the same whatever the timing.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, receiver) =
        std::sync::mpsc::sync_channel::<(usize, Result<DotsWorkbook, ReadError>)>(workers * 2);
    std::thread::scope(|scope| -> Result<(), ReadError> {
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, files) = (&next, &files);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                if sender.send((i, parse_dots(path))).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        let mut pending: std::collections::BTreeMap<usize, Result<DotsWorkbook, ReadError>> =
            Default::default();
        let mut expected = 0;
        for (i, parsed) in receiver.iter() {
            pending.insert(i, parsed);
            while let Some(parsed) = pending.remove(&expected) {
                let path = files[expected];
                expected += 1;
                let workbook = match parsed {
                    Ok(w) => w,
                    Err(e) => {
                        // Stop the workers early: the build fails on this file.
                        next.store(usize::MAX / 2, std::sync::atomic::Ordering::Relaxed);
                        return Err(e);
                    }
                };
                let prov = provenance("imf-dots", root, path);
                progress(path);
                if let Some((first, fingerprint)) = seen.get(&workbook.reporter_name) {
                    let reason = if *fingerprint == workbook.fingerprint {
                        format!("duplicate workbook: same reporter and cells as {first}; not stored twice")
                    } else {
                        format!(
                            "second workbook for reporter {:?} (first: {first}) with different cells; the first is kept",
                            workbook.reporter_name
                        )
                    };
                    sink.rows_read(&prov, workbook.read);
                    sink.reject(
                        &prov,
                        Reject {
                            sheet: None,
                            row: 0,
                            column: String::new(),
                            reason,
                            value: format!("{} values", workbook.read),
                            rows: workbook.read,
                        },
                    );
                    continue;
                }
                seen.insert(
                    workbook.reporter_name.clone(),
                    (prov.file.clone(), workbook.fingerprint),
                );
                let read = workbook.read;
                flush(
                    sink,
                    &prov,
                    Batch::TradeFlows(workbook.rows),
                    workbook.rejects,
                    read,
                )?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Simple CSV connectors

pub(crate) fn column(table: &Table, path: &Path, name: &str) -> Result<usize, ReadError> {
    table.column(name).ok_or_else(|| ReadError::Csv {
        path: path.to_path_buf(),
        line: 1,
        message: format!("column {name:?} not found in the header {:?}", table.header),
    })
}

pub(crate) fn utf8() -> Layout {
    Layout::Csv {
        encoding: Encoding::Utf8,
        delimiter: b',',
    }
}

pub(crate) fn latin1() -> Layout {
    Layout::Csv {
        encoding: Encoding::Latin1,
        delimiter: b',',
    }
}

/// World Bank GDP (current USD) and population.
pub fn worldbank_gdp_population(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        progress(path);
        let (indicator, unit) = match path.file_stem().and_then(|s| s.to_str()) {
            Some("gdp") => ("gdp_usd", "USD"),
            Some("population") => ("population", "persons"),
            _ => continue,
        };
        let table = read_table(path, utf8())?;
        let (code, year, value) = (
            column(&table, path, "Country Code")?,
            column(&table, path, "Year")?,
            column(&table, path, "Value")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, cells) in &table.rows {
            let Some(country) = resolve(
                &cells[code],
                Some(CodeScheme::Iso3),
                (&None, *line, "Country Code"),
                &mut rejects,
            ) else {
                continue;
            };
            match (
                cells[year].trim().parse::<i32>(),
                parse_number(&cells[value]),
            ) {
                (Ok(year), Some(value)) => rows.push(MacroValue {
                    country,
                    year,
                    indicator: indicator.into(),
                    value,
                    unit,
                }),
                _ => rejects.push(Reject {
                    sheet: None,
                    row: *line,
                    column: "Year/Value".into(),
                    reason: "year or value is not a number".into(),
                    value: format!("{} / {}", cells[year], cells[value]),
                    rows: 1,
                }),
            }
        }
        flush(
            sink,
            &provenance("worldbank-gdp-population", root, path),
            Batch::Macro(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// Comtrade: 10 LAC exporters' exports to China, reporter side.
pub fn comtrade_latam10(
    root: &Path,
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
            &provenance("comtrade-latam10", root, path),
            Batch::TradeFlows(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// Comtrade legacy-API rows: exports by partner and HS2 chapter.
pub fn comtrade_top30(
    root: &Path,
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
            &provenance("comtrade-top30-hs2", root, path),
            Batch::TradeByProduct(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// WITS Trade Summary (wide, Latin-1): exports by the 16 WITS product groups and the 4 UNCTAD
/// stage-of-processing groups, imports by stage, and total exports and imports, to the world.
pub fn wits_trade_summary(
    root: &Path,
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
                            reporter: reporter.clone(),
                            partner: "WLD".into(),
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
                        country: reporter.clone(),
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
        let prov = provenance("wits-trade-summary", root, path);
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

/// Where several WTO economies resolve to one country for the same year, product and flow
/// ("Ethiopia (+ Eritrea)" and "Ethiopia", "Germany, Federal Republic of" and "Germany" in 1990),
/// keeps the row WTO files under the country's own ISO code and rejects the others; when no row
/// or several rows have it, all are rejected. Nothing is summed.
fn one_economy_per_country(
    rows: Vec<ProductFlow>,
    lines: &[(u64, String, bool)],
    column: &str,
    rejects: &mut Vec<Reject>,
) -> Vec<ProductFlow> {
    let mut groups: HashMap<(String, String, Flow, i32), Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        groups
            .entry((
                row.reporter.clone(),
                row.product.clone(),
                row.flow,
                row.year,
            ))
            .or_default()
            .push(i);
    }
    let mut keep = vec![true; rows.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        let own: Vec<usize> = members.iter().copied().filter(|i| lines[*i].2).collect();
        let kept = (own.len() == 1).then(|| own[0]);
        for &i in members {
            if Some(i) == kept {
                continue;
            }
            keep[i] = false;
            let (line, code, _) = &lines[i];
            let reason = match kept {
                Some(k) => format!(
                    "WTO economy {code} resolves to {}, which line {} reports under its own code for the same year, product and flow: that line is kept, this one is not stored (never summed)",
                    rows[i].reporter, lines[k].0
                ),
                None => format!(
                    "WTO economies {} all resolve to {} for {} {} {}: which one is the country cannot be told, so none is stored",
                    members.iter().map(|m| lines[*m].1.as_str()).collect::<Vec<_>>().join(", "),
                    rows[i].reporter,
                    rows[i].year,
                    rows[i].product,
                    rows[i].flow.as_str()
                ),
            };
            rejects.push(Reject {
                sheet: None,
                row: *line,
                column: column.into(),
                reason,
                value: code.clone(),
                rows: 1,
            });
        }
    }
    rows.into_iter()
        .zip(keep)
        .filter_map(|(row, keep)| keep.then_some(row))
        .collect()
}

/// WTO: manufactures exports by product group (SITC Rev.3 groups) and the 2019–2020 merchandise file.
pub fn wto_product_groups(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (layout, reporter, product, year, value, indicator, flow_fixed) =
            if name.starts_with("WtoData_") {
                (
                    latin1(),
                    "Reporting Economy Code",
                    "Product/Sector Code",
                    "Year",
                    "Value",
                    None,
                    Some(Flow::Export),
                )
            } else if name.starts_with("wto_merchandise_values") {
                (
                    latin1(),
                    "ReporterCode",
                    "ProductCode",
                    "Year",
                    "Value",
                    Some("Indicator"),
                    None,
                )
            } else {
                continue;
            };
        progress(path);
        let table = read_table(path, layout)?;
        let (r, p, y, v) = (
            column(&table, path, reporter)?,
            column(&table, path, product)?,
            column(&table, path, year)?,
            column(&table, path, value)?,
        );
        let ind = indicator.map(|i| column(&table, path, i)).transpose()?;
        // The ISO code WTO gives the reporter, where the file has the column: it tells the
        // economy itself from a historic one that resolves to the same country.
        let iso = table.column("Reporting Economy ISO3A Code");
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(country) = resolve(
                &c[r],
                Some(CodeScheme::Wto),
                (&None, *line, reporter),
                &mut rejects,
            ) else {
                continue;
            };
            let flow = match (flow_fixed, ind.map(|i| c[i].as_str())) {
                (Some(f), _) => f,
                (None, Some("Export")) => Flow::Export,
                (None, Some("Import")) => Flow::Import,
                (None, other) => {
                    rejects.push(Reject {
                        sheet: None,
                        row: *line,
                        column: "Indicator".into(),
                        reason: "neither Export nor Import".into(),
                        value: other.unwrap_or("").into(),
                        rows: 1,
                    });
                    continue;
                }
            };
            match (c[y].trim().parse::<i32>(), parse_number(&c[v])) {
                (Ok(year), Some(millions)) => {
                    let own_code = iso.is_some_and(|i| c[i].trim() == country);
                    lines.push((*line, c[r].trim().to_string(), own_code));
                    rows.push(ProductFlow {
                        reporter: country,
                        partner: "WLD".into(),
                        product: c[p].trim().to_string(),
                        nomenclature: "WTO-SITC3",
                        level: 0,
                        flow,
                        year,
                        value_usd: usd_from_millions(millions),
                        quantity: None,
                        reported_by: ReportedBy::Reporter,
                    })
                }
                _ => rejects.push(Reject {
                    sheet: None,
                    row: *line,
                    column: format!("{year}/{value}"),
                    reason: "not a number".into(),
                    value: format!("{} / {}", c[y], c[v]),
                    rows: 1,
                }),
            }
        }
        let rows = one_economy_per_country(rows, &lines, reporter, &mut rejects);
        flush(
            sink,
            &provenance("wto-product-groups", root, path),
            Batch::TradeByProduct(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// Atlas of Economic Complexity country totals: exports, imports, ECI.
pub fn atlas_country_year(
    root: &Path,
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
        let (code, year) = (
            column(&table, path, "country_iso3_code")?,
            column(&table, path, "year")?,
        );
        let series = [
            ("export_value", "atlas_exports_usd", "USD"),
            ("import_value", "atlas_imports_usd", "USD"),
            ("eci", "atlas_eci", "index"),
        ];
        let cols: Vec<(usize, &str, &'static str)> = series
            .iter()
            .map(|(c, id, u)| column(&table, path, c).map(|i| (i, *id, *u)))
            .collect::<Result<_, _>>()?;
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0;
        for (line, c) in &table.rows {
            read += cols
                .iter()
                .filter(|(i, _, _)| !c[*i].trim().is_empty())
                .count() as u64;
            let Some(country) = resolve_counting(
                &c[code],
                Some(CodeScheme::Iso3),
                (&None, *line, "country_iso3_code"),
                cols.iter()
                    .filter(|(i, _, _)| !c[*i].trim().is_empty())
                    .count() as u64,
                &mut rejects,
            ) else {
                continue;
            };
            let Ok(year) = c[year].parse::<i32>() else {
                continue;
            };
            for (i, id, unit) in &cols {
                if let Some(value) = parse_number(&c[*i]) {
                    rows.push(MacroValue {
                        country: country.clone(),
                        year,
                        indicator: id.to_string(),
                        value,
                        unit,
                    });
                }
            }
        }
        flush(
            sink,
            &provenance("atlas-country-year", root, path),
            Batch::Macro(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// AidData GCOF 1.0: one record per project; multi-country records go to the regional aggregate
/// named in `recipient_condensed`.
pub fn aiddata_gcof(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
    {
        progress(path);
        let sheet = "ChineseOfficialFinance1.0";
        let table = read_table(
            path,
            Layout::Sheet {
                sheet,
                header_row: 1,
            },
        )?;
        let idx = |n: &str| {
            table.column(n).ok_or_else(|| ReadError::Workbook {
                path: path.clone(),
                sheet: sheet.into(),
                message: format!("column {n:?} not found"),
            })
        };
        let (id, rec, umb, year, agency, recipient, sector, flow, class, current, constant) = (
            idx("project_id")?,
            idx("recommended_for_research")?,
            idx("umbrella")?,
            idx("year")?,
            idx("funding_agency")?,
            idx("recipient_condensed")?,
            idx("crs_sector_name")?,
            idx("flow")?,
            idx("flow_class")?,
            idx("usd_current")?,
            idx("usd_defl_2014")?,
        );
        let sheet_name = Some(sheet.to_string());
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (row, c) in &table.rows {
            let Some(recipient) = resolve(
                c[recipient].trim(),
                None,
                (&sheet_name, *row, "recipient_condensed"),
                &mut rejects,
            ) else {
                continue;
            };
            let Ok(year) = c[year].trim().parse::<i32>() else {
                rejects.push(Reject {
                    sheet: sheet_name.clone(),
                    row: *row,
                    column: format!("year ({})", column_letter(year)),
                    reason: "year is not a number".into(),
                    value: c[year].clone(),
                    rows: 1,
                });
                continue;
            };
            rows.push(FinanceRecord {
                record_id: c[id].clone(),
                lender: c[agency].clone(),
                recipient,
                year,
                sector: c[sector].clone(),
                flow_type: c[flow].clone(),
                flow_class: c[class].clone(),
                amount_usd_current: parse_number(&c[current]),
                amount_usd_constant: parse_number(&c[constant]),
                constant_base_year: Some(2014),
                recommended: c[rec].trim().eq_ignore_ascii_case("true") && c[umb].trim() != "1",
                umbrella: c[umb].trim() == "1",
            });
        }
        flush(
            sink,
            &provenance("aiddata-gcof-1.0", root, path),
            Batch::Finance(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// Reference series: US CPI-U (annual average of the monthly index) and the GDP deflator factors.
pub fn reference(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with("cpi_us_datasets/cpiai.csv") {
            progress(path);
            let table = read_table(path, utf8())?;
            let (date, index) = (
                column(&table, path, "Date")?,
                column(&table, path, "Index")?,
            );
            let mut by_year: std::collections::BTreeMap<i32, (f64, u32)> =
                std::collections::BTreeMap::new();
            let mut rejects = Vec::new();
            for (line, c) in &table.rows {
                match (
                    c[date].get(..4).and_then(|y| y.parse::<i32>().ok()),
                    parse_number(&c[index]),
                ) {
                    (Some(y), Some(v)) => {
                        let e = by_year.entry(y).or_insert((0.0, 0));
                        e.0 += v;
                        e.1 += 1;
                    }
                    _ => rejects.push(Reject {
                        sheet: None,
                        row: *line,
                        column: "Date/Index".into(),
                        reason: "not a date and a number".into(),
                        value: format!("{} / {}", c[date], c[index]),
                        rows: 1,
                    }),
                }
            }
            // The monthly index is averaged per calendar year, so rows read counts years (plus
            // unreadable lines). Only complete years are kept: an average of fewer than 12 months
            // is not CPI-U's annual average.
            let read = (by_year.len() + rejects.len()) as u64;
            let mut rows = Vec::new();
            for (year, (sum, n)) in by_year {
                if n == 12 {
                    rows.push(MacroValue {
                        country: "USA".into(),
                        year,
                        indicator: "cpi_u_annual_average".into(),
                        value: sum / f64::from(n),
                        unit: "index 1982-84=100",
                    });
                } else {
                    rejects.push(Reject {
                        sheet: None,
                        row: 0,
                        column: "Date".into(),
                        reason: format!("only {n} of 12 months of {year}: no annual average"),
                        value: year.to_string(),
                        rows: 1,
                    });
                }
            }
            flush(
                sink,
                &provenance("reference", root, path),
                Batch::Macro(rows),
                rejects,
                read,
            )?;
        } else if rel.ends_with("tradestatistics_ots/ots_gdp_deflator.csv") {
            progress(path);
            let table = read_table(path, utf8())?;
            let (from, to, iso, factor) = (
                column(&table, path, "year_from")?,
                column(&table, path, "year_to")?,
                column(&table, path, "country_iso")?,
                column(&table, path, "gdp_deflator")?,
            );
            let mut rows = Vec::new();
            let mut rejects = Vec::new();
            for (line, c) in &table.rows {
                let Some(country) = resolve(
                    &c[iso],
                    Some(CodeScheme::Iso3),
                    (&None, *line, "country_iso"),
                    &mut rejects,
                ) else {
                    continue;
                };
                match (
                    c[from].parse::<i32>(),
                    c[to].parse::<i32>(),
                    parse_number(&c[factor]),
                ) {
                    // Factors are year-on-year; they are stored under the later year.
                    (Ok(f), Ok(t), Some(v)) if t == f + 1 => rows.push(MacroValue {
                        country,
                        year: t,
                        indicator: "gdp_deflator_yoy_factor".into(),
                        value: v,
                        unit: "ratio to previous year",
                    }),
                    _ => rejects.push(Reject {
                        sheet: None,
                        row: *line,
                        column: "year_from/year_to/gdp_deflator".into(),
                        reason: "not consecutive years and a number".into(),
                        value: format!("{}→{} {}", c[from], c[to], c[factor]),
                        rows: 1,
                    }),
                }
            }
            flush(
                sink,
                &provenance("reference", root, path),
                Batch::Macro(rows),
                rejects,
                table.rows.len() as u64,
            )?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// CEPII BACI

/// Rows per batch when streaming BACI: memory stays flat whatever the number of years.
pub const BACI_BATCH_ROWS: usize = 200_000;

/// CEPII BACI in its published layout: `BACI_HS92_Y1995_V202401b.csv` files with columns
/// `t,i,j,k,v,q` (v in thousand USD, q in tonnes), and `country_codes_V*.csv` to read `i` and `j`.
/// Streams each year file in batches, so memory does not grow with the number of years.
pub fn cepii_baci(
    root: &Path,
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
            path: root.join("trade/cepii-baci"),
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
        let prov = provenance("cepii-baci", root, path);
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

/// Reads the raw bytes of a file (decompressing `.gz`), for hashing.
pub fn file_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_bytes(path)
}

/// The files of a dataset present under `root`, as the catalogue matches them (documentation skipped).
pub fn dataset_files(root: &Path, dataset: &Dataset) -> Vec<PathBuf> {
    let folder = root.join(dataset.folder);
    let mut out = Vec::new();
    let mut stack = vec![folder.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(&folder) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                if dataset.files.iter().any(|f| f.matches(&rel) && !matches!(f.content, crate::FileContent::Skipped(r) if r == "documentation")) {
                    out.push(path);
                }
            }
        }
    }
    out.sort();
    out
}
