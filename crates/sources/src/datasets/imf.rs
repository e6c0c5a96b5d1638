//! International Monetary Fund: Direction of Trade Statistics (DOTS), one workbook per reporter.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Flow, Iso3, Reject, ReportedBy, Sink, TradeFlow};
use crate::catalogue::{
    read, skipped, Dataset, FileContent, FileSpec, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{flush, parse_number, resolve, usd_from_millions, Context};
use crate::read::{cell_text, column_letter, ReadError};

/// IMF Direction of Trade Statistics, one workbook per reporter.
pub const DOTS: Dataset = Dataset {
    id: "imf-dots",
    folder: "trade/imf-dots",
    title: "IMF Direction of Trade Statistics, one workbook per reporter",
    publisher: "International Monetary Fund — data.imf.org (DOTS / IMTS)",
    licence: "IMF terms of use, attribution",
    republish: Republish::Rows,
    files: &[
        FileSpec {
            pattern: "xlsx/DOTS_*.xlsx",
            content: FileContent::DotsWorkbook,
        },
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Workbook {
        label: "DOTS workbook written $1",
    },
    reader: Reader::Rows(imf_dots),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/imf-dots.tsv"),
        rest: None,
    },
};

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

/// Where a partner-year was first stored in a sheet: spreadsheet row and the value's bits.
type FirstListed = (u64, u64);

/// One cell of a DOTS row: column, year, the cell, and its value in millions (and whether
/// estimated) when it parses.
type DotsCell<'a> = (u32, i32, &'a calamine::Data, Option<(f64, bool)>);

fn parse_dots(path: &Path) -> Result<DotsWorkbook, ReadError> {
    use calamine::open_workbook_auto;
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
    let mut partners: HashMap<String, Option<Iso3>> = HashMap::new();
    for (sheet, flow) in [
        ("Exports, FOB", Flow::Export),
        ("Imports, CIF", Flow::Import),
    ] {
        let corrupt = |message: String| ReadError::Workbook {
            path: path.to_path_buf(),
            sheet: sheet.to_string(),
            message,
        };
        let range = crate::read::worksheet(&mut workbook, sheet).map_err(corrupt)?;
        let grid = Grid::new(&range);
        let reporter = grid.header(&out.reporter_name).map_err(corrupt)?;
        out.reporter_name = reporter.clone();
        let mut reader = SheetReader {
            grid: &grid,
            sheet: Some(sheet.to_string()),
            flow,
            reporter_code: resolve(
                &reporter,
                None,
                (&Some(sheet.to_string()), 4, "B"),
                &mut Vec::new(),
            ),
            reporter,
            years: grid.years().map_err(corrupt)?,
            listed: HashMap::new(),
            row_names: HashMap::new(),
            rejects: Vec::new(),
        };
        for row in 7.max(grid.first_row)..grid.last_row {
            reader.row(row, &mut partners, &mut out, &mut hasher);
        }
        out.rejects.append(&mut reader.rejects);
    }
    out.fingerprint = hasher.finish();
    Ok(out)
}

/// A sheet's cells by their absolute 0-based (row, column) as the spreadsheet numbers them, less
/// one; empty outside the used range.
struct Grid<'a> {
    range: &'a calamine::Range<calamine::Data>,
    first_row: u32,
    first_col: u32,
    last_row: u32,
    last_col: u32,
}

impl<'a> Grid<'a> {
    fn new(range: &'a calamine::Range<calamine::Data>) -> Grid<'a> {
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        Grid {
            range,
            first_row,
            first_col,
            last_row: first_row + range.height() as u32,
            last_col: first_col + range.width() as u32,
        }
    }

    fn cell(&self, row: u32, col: u32) -> &'a calamine::Data {
        if row < self.first_row || col < self.first_col {
            return &calamine::Data::Empty;
        }
        let at = (
            (row - self.first_row) as usize,
            (col - self.first_col) as usize,
        );
        self.range.get(at).unwrap_or(&calamine::Data::Empty)
    }

    fn text(&self, row: u32, col: u32) -> String {
        match self.cell(row, col) {
            calamine::Data::String(s) => s.trim().to_string(),
            calamine::Data::Empty => String::new(),
            other => cell_text(other),
        }
    }

    /// The reporter named in B4 (the same as the other sheet's, when that was read first), with
    /// the unit in B5 checked.
    fn header(&self, other_sheet: &str) -> Result<String, String> {
        let reporter = self.text(3, 1);
        if reporter.is_empty() {
            return Err("cell B4 (reporter name) is empty: is this an IMF DOTS workbook?".into());
        }
        if !other_sheet.is_empty() && other_sheet != reporter {
            return Err(format!(
                "reporter {reporter:?} differs from the other sheet's {other_sheet:?}"
            ));
        }
        let unit = self.text(4, 1);
        if unit != "US Dollars, Millions" {
            return Err(format!(
                "cell B5 says unit {unit:?}; expected \"US Dollars, Millions\""
            ));
        }
        Ok(reporter)
    }

    /// The years of row 7, with their columns.
    fn years(&self) -> Result<Vec<(u32, i32)>, String> {
        let years: Vec<(u32, i32)> = (2..self.last_col)
            .filter_map(|c| self.text(6, c).parse::<i32>().ok().map(|y| (c, y)))
            .collect();
        match years.is_empty() {
            true => Err("row 7 holds no years".into()),
            false => Ok(years),
        }
    }
}

/// Reading one sheet's partner rows.
struct SheetReader<'a> {
    grid: &'a Grid<'a>,
    sheet: Option<String>,
    flow: Flow,
    reporter: String,
    /// An unresolved reporter is reported on every row below (each reject names it).
    reporter_code: Option<Iso3>,
    years: Vec<(u32, i32)>,
    /// Each partner code's years already read in this sheet, with the row and value: a partner
    /// listed twice (IMF repeats the first partner, Australia, above World; "Malaysia, West"
    /// resolves to Malaysia) is stored once for each year, never summed. Rows that resolve to
    /// one code over different years (Yemen Arab Rep. to 1989, Yemen, Rep. of from 1990) are
    /// both stored.
    listed: HashMap<Iso3, HashMap<i32, FirstListed>>,
    row_names: HashMap<u64, String>,
    rejects: Vec<Reject>,
}

impl SheetReader<'_> {
    /// Reads one partner row: its values stored, or rejected with the reason.
    fn row(
        &mut self,
        row: u32,
        partners: &mut HashMap<String, Option<Iso3>>,
        out: &mut DotsWorkbook,
        hasher: &mut DefaultHasher,
    ) {
        let partner_name = self.grid.text(row, 1);
        if partner_name.is_empty() {
            return;
        }
        partner_name.hash(hasher);
        let values: Vec<(u32, i32, &calamine::Data)> = (self.years.iter())
            .map(|(c, y)| (*c, *y, self.grid.cell(row, *c)))
            .filter(|(_, _, d)| {
                !matches!(d, calamine::Data::Empty)
                    && !matches!(d, calamine::Data::String(s) if s.trim().is_empty())
            })
            .collect();
        if values.is_empty() {
            return;
        }
        let spreadsheet_row = u64::from(row) + 1;
        out.read += values.len() as u64;
        let Some(reporter_code) = self.reporter_code else {
            // The reporter in B4 does not resolve: every value of the sheet is rejected with it.
            self.rejects.push(Reject {
                sheet: self.sheet.clone(),
                row: spreadsheet_row,
                column: "B".into(),
                reason: format!("reporter {:?} in B4 does not resolve", self.reporter),
                value: partner_name,
                rows: values.len() as u64,
            });
            return;
        };
        let at = (&self.sheet, spreadsheet_row, "B");
        let partner = *partners
            .entry(partner_name.clone())
            .or_insert_with(|| resolve(&partner_name, None, at, &mut Vec::new()));
        let Some(partner) = partner else {
            // One reject names the partner and stands for every value on its row.
            let mut scratch = Vec::new();
            resolve(&partner_name, None, at, &mut scratch);
            if let Some(mut reject) = scratch.pop() {
                reject.rows = values.len() as u64;
                self.rejects.push(reject);
            }
            return;
        };
        let parsed: Vec<DotsCell> = (values.into_iter())
            .map(|(col, year, data)| {
                let parsed = match data {
                    calamine::Data::Float(f) => Some((*f, false)),
                    calamine::Data::Int(i) => Some((*i as f64, false)),
                    calamine::Data::String(s) => parse_dots_value(s),
                    _ => None,
                };
                (col, year, data, parsed)
            })
            .collect();
        let parsed = self.first_listing(&partner, &partner_name, spreadsheet_row, parsed);
        for (col, year, data, parsed) in parsed {
            match parsed {
                Some((millions, estimated)) => {
                    millions.to_bits().hash(hasher);
                    out.rows.push(TradeFlow {
                        reporter: reporter_code,
                        partner,
                        flow: self.flow,
                        year,
                        value_usd: usd_from_millions(millions),
                        reported_by: ReportedBy::Reporter,
                        estimated,
                    })
                }
                None => self.rejects.push(Reject {
                    sheet: self.sheet.clone(),
                    row: spreadsheet_row,
                    column: column_letter(col as usize),
                    reason: "not a number (IMF values are numbers, optionally followed by \" e\")"
                        .into(),
                    value: cell_text(data),
                    rows: 1,
                }),
            }
        }
    }

    /// The cells of a row whose partner-year no earlier row of the sheet stored; the others are
    /// rejected in one record saying whether they repeat the same values or differ.
    fn first_listing<'c>(
        &mut self,
        partner: &Iso3,
        partner_name: &str,
        spreadsheet_row: u64,
        parsed: Vec<DotsCell<'c>>,
    ) -> Vec<DotsCell<'c>> {
        let years_of_partner = self.listed.entry(*partner).or_default();
        let (repeated, parsed): (Vec<_>, Vec<_>) =
            (parsed.into_iter()).partition(|(_, year, _, _)| years_of_partner.contains_key(year));
        if let Some((_, first_year, _, _)) = repeated.first() {
            let (first_row, _) = &years_of_partner[first_year];
            let first_name = &self.row_names[first_row];
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
            self.rejects.push(Reject {
                sheet: self.sheet.clone(),
                row: spreadsheet_row,
                column: "B".into(),
                reason,
                value: partner_name.to_string(),
                rows: repeated.len() as u64,
            });
        }
        // Only values that are stored claim their year (a cell that is not a number is
        // rejected and leaves the year to a later row).
        for (_, year, _, p) in &parsed {
            if let Some((v, _)) = p {
                years_of_partner.insert(*year, (spreadsheet_row, v.to_bits()));
            }
        }
        if !parsed.is_empty() {
            self.row_names
                .insert(spreadsheet_row, partner_name.to_string());
        }
        parsed
    }
}

/// IMF DOTS: every workbook, both sheets. A second workbook with the same reporter and the same
/// cells (Nicaragua ships twice) is recorded as a duplicate and not stored again.
pub fn imf_dots(
    cx: &Context,
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
    // Workbooks are parsed on rayon's pool, oldest first (`spawn_fifo`), while this thread writes
    // them in file order as they arrive: parsing and writing overlap from the first workbook to
    // the last, and the store is the same whatever the timing. At most `window` workbooks are
    // parsed ahead of the writer, so memory stays bounded.
    let window = 4 * rayon::current_num_threads();
    let (slots, slot) = std::sync::mpsc::sync_channel::<()>(window);
    let (parsed_tx, parsed_rx) = std::sync::mpsc::channel();
    let owned: Vec<PathBuf> = files.iter().map(|p| (*p).clone()).collect();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for (index, path) in owned.into_iter().enumerate() {
                if slots.send(()).is_err() {
                    return; // the writer stopped on an error
                }
                let parsed_tx = parsed_tx.clone();
                rayon::spawn_fifo(move || {
                    // A panic in a rayon task would abort the process: it becomes this
                    // workbook's error instead, and the build fails naming the file.
                    let parsed =
                        std::panic::catch_unwind(|| parse_dots(&path)).unwrap_or_else(|_| {
                            Err(ReadError::Workbook {
                                path: path.clone(),
                                sheet: "Exports, FOB".into(),
                                message: "the workbook reader failed on this file".into(),
                            })
                        });
                    let _ = parsed_tx.send((index, parsed));
                });
            }
        });
        let written = write_in_order(&parsed_rx, &slot, &files, |index, parsed| {
            write_workbook(cx, files[index], parsed?, &mut seen, sink, progress)
        });
        drop(slot); // unblocks the parsing thread if the writer stopped early
        written
    })
}

/// Receives `(index, item)` for each of `files` in any order and hands them to `write` in index
/// order, taking one slot back for each item written.
fn write_in_order<T>(
    items: &std::sync::mpsc::Receiver<(usize, T)>,
    slot: &std::sync::mpsc::Receiver<()>,
    files: &[&PathBuf],
    mut write: impl FnMut(usize, T) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let count = files.len();
    let mut pending = std::collections::BTreeMap::new();
    let mut next = 0;
    while next < count {
        let Ok((index, item)) = items.recv() else {
            break;
        };
        pending.insert(index, item);
        while let Some(item) = pending.remove(&next) {
            write(next, item)?;
            let _ = slot.recv();
            next += 1;
        }
    }
    match next == count {
        true => Ok(()),
        // Every task answers (panics included), so this is a bug: never a silent gap.
        false => Err(ReadError::Io {
            path: files[next].clone(),
            source: std::io::Error::other("no result came back for this workbook"),
        }),
    }
}

/// Writes one parsed workbook. A second workbook with the same reporter is rejected whole,
/// naming the first.
fn write_workbook(
    cx: &Context,
    path: &Path,
    workbook: DotsWorkbook,
    seen: &mut HashMap<String, (String, u64)>,
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    let prov = cx.provenance(path);
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
        return Ok(());
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
    )
}

// ---------------------------------------------------------------------------------------------
// IMF IMTS: International Trade in Goods by partner country, the successor of DOTS

/// IMF IMTS, as the IMF's SDMX service answers a data query.
pub const IMTS: Dataset = Dataset {
    id: "imf-imts",
    folder: "trade/imf-imts",
    title: "IMF International Trade in Goods by partner country (IMTS), SDMX data messages",
    publisher: "International Monetary Fund — api.imf.org/external/sdmx (dataflow IMF.STA:IMTS, the successor of DOTS)",
    licence: "IMF terms of use, attribution",
    republish: Republish::Rows,
    files: &[
        read(
            "*.json",
            "SDMX-JSON 2.0 data messages, as the SDMX 3.0 service answers (galeon fetch writes these); COUNTRY and COUNTERPART_COUNTRY are ISO3 codes or IMF group codes",
        ),
        read(
            "*.xml",
            "SDMX-ML 2.1 structure-specific data, as the SDMX 2.1 service answers; the same codes",
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Sdmx {
        label: "IMTS message prepared $1",
    },
    reader: Reader::Rows(imf_imts),
    obtain: Obtain::ImfImts,
};

/// IMF group codes galeon reads, with the registry's name for them (the IMF's CL_COUNTRY
/// codelist names the others; they are rejected, naming the code, until mapped here).
const IMF_GROUPS: &[(&str, &str)] = &[("G001", "World")];

/// One `Series` element: its dimensions, and whether its values can be stored.
struct ImtsSeries {
    /// The reporter, or the reject every value of the series gets.
    reporter: Result<Iso3, Reject>,
    /// The partner, or the reject every value of the series gets.
    partner: Result<Iso3, Reject>,
    flow: Result<Flow, String>,
    indicator: String,
    frequency: String,
    annual: bool,
}

/// IMF IMTS data messages (SDMX-JSON 2.0 from the SDMX 3.0 service, or SDMX-ML 2.1
/// structure-specific from the 2.1 service): one series per reporter,
/// indicator, partner and frequency, each with `Obs` per period. Exports FOB (`XG_FOB_USD`) and
/// imports CIF (`MG_CIF_USD`) are stored, annual values only, under their own source id, next to
/// DOTS and never merged with it: IMTS revises old DOTS figures. `OBS_VALUE` is in US dollars
/// although the series say `SCALE="6"` (IMF's service does so: Lao PDR's 2019 exports to China
/// are 1,672,284,904, i.e. USD 1.67 bn, as its own DOTS extract of 2022 put it near 2.0 bn).
pub fn imf_imts(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files {
        progress(path);
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let (rows, rejects, read) = match json {
            true => parse_imts_json(path)?,
            false => parse_imts(path)?,
        };
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

fn parse_imts(path: &Path) -> Result<(Vec<TradeFlow>, Vec<Reject>, u64), ReadError> {
    use quick_xml::events::Event;
    let error = |message: String| ReadError::Xml {
        path: path.to_path_buf(),
        message,
    };
    let mut reader = quick_xml::Reader::from_file(path).map_err(|e| error(e.to_string()))?;
    let (mut rows, mut rejects, mut read) = (Vec::new(), Vec::new(), 0u64);
    let mut series: Option<ImtsSeries> = None;
    // A message is whole when its DataSet closes: a truncated download must fail, not be read
    // in part.
    let mut data_set_closed = false;
    let mut buffer = Vec::new();
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|e| error(format!("byte {position}: {e}")))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Series" => {
                let attributes = attributes_of(&e);
                series = Some(imts_series(&attributes, position));
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Obs" => {
                let Some(series) = &series else {
                    return Err(error(format!("byte {position}: an Obs outside any Series")));
                };
                read += 1;
                let attributes = attributes_of(&e);
                let get = |name: &str| attributes.get(name).map(String::as_str).unwrap_or("");
                let (year, value) = (get("TIME_PERIOD"), get("OBS_VALUE"));
                // An XML message has no rows: the reason says which observation, and where.
                let at = format!("observation {year}, byte {position} of the file");
                imts_observation(series, year, value, &at, &mut rows, &mut rejects);
            }
            Event::End(e) if e.local_name().as_ref() == b"DataSet" => data_set_closed = true,
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    if !data_set_closed {
        return Err(error(
            "no complete SDMX DataSet in this file: is it an IMF data message, and was it downloaded whole?".into(),
        ));
    }
    Ok((rows, rejects, read))
}

/// One observation of a series: its row, or a reject saying why and where (`at`).
fn imts_observation(
    series: &ImtsSeries,
    year: &str,
    value: &str,
    at: &str,
    rows: &mut Vec<TradeFlow>,
    rejects: &mut Vec<Reject>,
) {
    let reject = |column: &str, reason: &str, value: &str| Reject {
        sheet: None,
        row: 0,
        column: column.into(),
        reason: format!("{reason} ({at})"),
        value: value.into(),
        rows: 1,
    };
    match (&series.reporter, &series.partner, &series.flow) {
        (Err(r), _, _) | (_, Err(r), _) => rejects.push(reject(&r.column, &r.reason, &r.value)),
        (_, _, Err(reason)) => rejects.push(reject("INDICATOR", reason, &series.indicator)),
        _ if !series.annual => rejects.push(reject(
            "FREQUENCY",
            "not an annual series: galeon stores annual values",
            &series.frequency,
        )),
        (Ok(reporter), Ok(partner), Ok(flow)) => match (year.parse::<i32>(), parse_number(value)) {
            (Ok(year), Some(value_usd)) => rows.push(TradeFlow {
                reporter: *reporter,
                partner: *partner,
                flow: *flow,
                year,
                value_usd,
                reported_by: ReportedBy::Reporter,
                estimated: false,
            }),
            _ => rejects.push(reject(
                "TIME_PERIOD/OBS_VALUE",
                "period or value is not a number",
                &format!("{year} / {value}"),
            )),
        },
    }
}

/// An IMTS data message in SDMX-JSON 2.0, as the SDMX 3.0 service answers: the same series
/// and observations as the SDMX-ML messages, read through [`crate::sdmx_json`]. A null value is
/// read and rejected (a period the series has no value for).
fn parse_imts_json(path: &Path) -> Result<(Vec<TradeFlow>, Vec<Reject>, u64), ReadError> {
    let error = |message: String| ReadError::Xml {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
    let message = crate::sdmx_json::read(&text).map_err(error)?;
    let (mut rows, mut rejects, mut read) = (Vec::new(), Vec::new(), 0u64);
    for s in &message.series {
        let codes: HashMap<String, String> = s.codes.clone().into_iter().collect();
        let series = imts_series(&codes, 0);
        for (period, value) in &s.observations {
            read += 1;
            let at = format!("observation {period}, series {} of the file", s.key);
            let value = value.as_deref().unwrap_or("");
            imts_observation(&series, period, value, &at, &mut rows, &mut rejects);
        }
    }
    Ok((rows, rejects, read))
}

/// An element's attributes by local name.
fn attributes_of(e: &quick_xml::events::BytesStart) -> HashMap<String, String> {
    e.attributes()
        .flatten()
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
            let raw = String::from_utf8_lossy(&a.value);
            let value = quick_xml::escape::unescape(&raw)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| raw.to_string());
            (key, value)
        })
        .collect()
}

/// Resolves a series' reporter and partner and reads its indicator; a code that does not resolve
/// becomes the reject of each of the series' values.
fn imts_series(attributes: &HashMap<String, String>, position: u64) -> ImtsSeries {
    let get = |name: &str| attributes.get(name).map(String::as_str).unwrap_or("");
    let resolve_code = |code: &str, column: &str| {
        let mut found = Vec::new();
        let at = (&None, position, column);
        let resolved = match IMF_GROUPS.iter().find(|(c, _)| *c == code) {
            Some((_, name)) => resolve(name, None, at, &mut found),
            None => resolve(code, Some(CodeScheme::Iso3), at, &mut found),
        };
        resolved.ok_or_else(|| found.pop().expect("an unresolved code is rejected"))
    };
    let reporter = resolve_code(get("COUNTRY"), "COUNTRY");
    let partner = resolve_code(get("COUNTERPART_COUNTRY"), "COUNTERPART_COUNTRY");
    let flow = match get("INDICATOR") {
        "XG_FOB_USD" => Ok(Flow::Export),
        "MG_CIF_USD" => Ok(Flow::Import),
        other => Err(format!(
            "indicator {other}: galeon stores exports FOB (XG_FOB_USD) and imports CIF (MG_CIF_USD), as DOTS published them"
        )),
    };
    ImtsSeries {
        reporter,
        partner,
        flow,
        indicator: get("INDICATOR").to_string(),
        frequency: get("FREQUENCY").to_string(),
        annual: get("FREQUENCY") == "A",
    }
}
