//! CEPII BACI bilateral trade by HS6 product, and the 2017 HS4 export table derived from it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use galeon_registry::{CodeScheme, Registry};

use crate::canonical::{Batch, Flow, Iso3, ProductColumns, ProductFlow, Reject, ReportedBy, Sink};
use crate::catalogue::{
    code, csv, file, iso3, read, skipped, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{bad, column, flush, parse_number, resolve, utf8, Context};
use crate::read::{next_record, read_table, ReadError};

/// Exports by country and HS4, 2017.
pub const HS4_EXPORTS_2017: Dataset = Dataset {
    id: "hs4-exports-2017",
    folder: "trade/hs4-exports-2017",
    title: "Exports by country and HS4, 2017",
    publisher: "Open Trade Statistics / CEPII BACI (via the economiccomplexity R package)",
    licence: "Apache-2.0 (package)",
    republish: Republish::Rows,
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
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/hs4-exports-2017.tsv"),
        rest: Some("world_trade_2017_hs4_exports.csv was exported from the package's world_trade_2017.rda as the folder's SOURCE.md describes; put it in the folder by hand"),
    },
};

/// CEPII BACI: bilateral trade by HS6 product, reconciled.
pub const BACI: Dataset = Dataset {
    id: "cepii-baci",
    folder: "trade/cepii-baci",
    title: "CEPII BACI: bilateral trade by HS6 product, reconciled",
    publisher: "CEPII — cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37 (download BACI_HS92_V*.zip, unzip into this folder)",
    licence: "Etalab Open Licence 2.0",
    republish: Republish::Rows,
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
    obtain: Obtain::ByHand("CEPII's terms ask users to download BACI from cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37: take BACI_HS92_V*.zip and unzip it into trade/cepii-baci"),
};

/// Rows per batch when streaming BACI: memory stays flat whatever the number of years.
pub const BACI_BATCH_ROWS: usize = 200_000;

/// CEPII BACI in its published layout: `BACI_HS92_Y1995_V202401b.csv` files with columns
/// `t,i,j,k,v,q` (v in thousand USD, q in tonnes), and `country_codes_V*.csv` to read `i` and `j`.
///
/// A second thread parses the year files in order while this one hands batches to the sink (which
/// encodes them), so parsing and writing overlap and the rows arrive in file order. Each file is
/// streamed in batches of [`BACI_BATCH_ROWS`]: memory does not grow with the number of years.
/// Codes are resolved once, into a table indexed by code; a row is parsed from the CSV's bytes
/// straight into the batch's columns ([`ProductColumns`]), without allocating per row.
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
    let mut years: Vec<&PathBuf> = files
        .iter()
        .filter(|p| name_of(p).starts_with("BACI_") && name_of(p).ends_with(".csv"))
        .collect();
    years.sort();
    if years.is_empty() {
        return Ok(()); // nothing unzipped yet: the manifest lists the year files as missing
    }
    let codes: Vec<&PathBuf> = (files.iter())
        .filter(|p| name_of(p).starts_with("country_codes_"))
        .collect();
    let folder_error = |message: String| ReadError::Io {
        path: cx.root.join(BACI.folder),
        source: std::io::Error::other(message),
    };
    let codes_file = match codes[..] {
        [one] => one,
        [] => {
            return Err(folder_error(
                "BACI's country_codes_V*.csv is missing beside the year files".into(),
            ))
        }
        _ => {
            // Two releases side by side would store every year twice, under two labels.
            let names: Vec<String> = codes.iter().map(|p| name_of(p)).collect();
            return Err(folder_error(format!(
                "several BACI releases in one folder ({}): keep one release's files",
                names.join(", ")
            )));
        }
    };
    // HS92 and HS17 files of one release share its country codes: side by side, each year's
    // trade would be stored twice, in two nomenclatures.
    let mut revisions: Vec<String> = (years.iter())
        .filter_map(|p| name_of(p).split('_').nth(1).map(str::to_string))
        .collect();
    revisions.sort();
    revisions.dedup();
    if revisions.len() > 1 {
        return Err(folder_error(format!(
            "BACI files of several HS revisions in one folder ({}): keep one revision's files",
            revisions.join(", ")
        )));
    }
    let countries = BaciCountries::read(codes_file)?;
    // Two batches in flight: one being parsed, one being written. The receiver lives inside the
    // scope, so that a failed write drops it and the parser, blocked on a full channel, stops.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Result<Parsed, ReadError>>(2);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for (index, path) in years.iter().enumerate() {
                let sent = parse_baci_year(index, path, &countries, &|parsed| {
                    sender.send(Ok(parsed)).is_ok()
                });
                if let Err(e) = sent {
                    let _ = sender.send(Err(e));
                    return;
                }
            }
            drop(sender);
        });
        let receiver = receiver;
        let mut current: Option<&PathBuf> = None;
        for parsed in receiver.iter() {
            let parsed = parsed?;
            let path = years[parsed.file];
            if current != Some(path) {
                progress(path);
                current = Some(path);
            }
            let prov = cx.provenance(path);
            flush(
                sink,
                &prov,
                Batch::ProductColumns(parsed.rows),
                parsed.rejects,
                parsed.read,
            )?;
        }
        Ok(())
    })
}

/// BACI's country codes, resolved once: by the ISO3 code BACI gives, else by the numeric code.
struct BaciCountries {
    /// The resolved economies, in the order of `country_codes`.
    economies: Arc<[Iso3]>,
    /// For each numeric code below its length, the index into `economies` ([`UNKNOWN`] if none).
    by_code: Vec<u16>,
}

const UNKNOWN: u16 = u16::MAX;

impl BaciCountries {
    fn read(codes_file: &Path) -> Result<BaciCountries, ReadError> {
        let codes = read_table(codes_file, utf8())?;
        let (code_col, iso3_col) = (
            column(&codes, codes_file, "country_code")?,
            column(&codes, codes_file, "country_iso3")?,
        );
        let registry = Registry::global();
        let mut economies = Vec::new();
        let mut by_code = Vec::new();
        for (_, c) in &codes.rows {
            let resolved = registry
                .resolve_code(CodeScheme::Iso3, c[iso3_col].trim())
                .or_else(|_| registry.resolve_code(CodeScheme::Comtrade, c[code_col].trim()));
            // Numeric codes are UN M49 (three digits): a table indexed by code stays small.
            let code = c[code_col]
                .trim()
                .parse::<u16>()
                .ok()
                .filter(|&c| c < 10_000);
            if let (Some(code), Ok(entity)) = (code, resolved) {
                let code = usize::from(code);
                if by_code.len() <= code {
                    by_code.resize(code + 1, UNKNOWN);
                }
                by_code[code] = u16::try_from(economies.len()).unwrap_or(UNKNOWN);
                economies.push(entity.iso3);
            }
        }
        Ok(BaciCountries {
            economies: economies.into(),
            by_code,
        })
    }

    /// The index of the economy a code names.
    fn get(&self, code: &[u8]) -> Option<u16> {
        let code = usize::try_from(unsigned(code)?).ok()?;
        self.by_code.get(code).copied().filter(|&i| i != UNKNOWN)
    }
}

/// A plain unsigned decimal from bytes (BACI's years and country codes), without UTF-8 checks.
fn unsigned(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// BACI's value and quantity cells: plain decimals, rarely with thousands separators.
fn number(bytes: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(bytes).ok()?;
    match text.contains(',') {
        false => text.parse::<f64>().ok().filter(|v| v.is_finite()),
        true => parse_number(text),
    }
}

/// Appends one BACI row to `out`, or says why it is rejected (its line left to the caller).
fn baci_row(
    record: &csv::ByteRecord,
    pos: &[usize; 6],
    countries: &BaciCountries,
    out: &mut ProductColumns,
) -> Result<(), Reject> {
    let field = |n: usize| record.get(pos[n]).unwrap_or(b"").trim_ascii();
    let reject = |column: &str, reason: &str, value: &[u8]| Reject {
        sheet: None,
        row: 0,
        column: column.into(),
        reason: reason.into(),
        value: String::from_utf8_lossy(value).into_owned(),
        rows: 1,
    };
    let country = |n: usize, column: &str| {
        countries.get(field(n)).ok_or_else(|| {
            let reason = "BACI country code not in country_codes or not resolvable";
            reject(column, reason, field(n))
        })
    };
    let reporter = country(1, "i")?;
    let partner = country(2, "j")?;
    let year = unsigned(field(0)).and_then(|y| i32::try_from(y).ok());
    let (Some(year), Some(thousands)) = (year, number(field(4))) else {
        let value = [field(0), b" / ", field(4)].concat();
        return Err(reject("t/v", "year or value is not a number", &value));
    };
    // HS6 codes lose their leading zero in some releases (10121 for 010121): pad them back.
    let k = field(3);
    let width = usize::from(out.level);
    if k.is_empty() || k.len() > width || !k.iter().all(u8::is_ascii_alphanumeric) {
        return Err(reject("k", "not a product code of up to six digits", k));
    }
    out.products
        .extend(std::iter::repeat_n(b'0', width - k.len()));
    out.products.extend_from_slice(k);
    out.reporter.push(reporter);
    out.partner.push(partner);
    out.year.push(year);
    out.value_usd.push((thousands * 1000.0).round());
    out.quantity.push(number(field(5)));
    Ok(())
}

/// One batch of a BACI year file.
struct Parsed {
    /// Index of the year file in `years`.
    file: usize,
    rows: ProductColumns,
    rejects: Vec<Reject>,
    read: u64,
}

/// Parses one year file, handing over a batch every [`BACI_BATCH_ROWS`] rows; stops early when
/// `send` says the receiver is gone.
fn parse_baci_year(
    file_index: usize,
    path: &Path,
    countries: &BaciCountries,
    send: &dyn Fn(Parsed) -> bool,
) -> Result<(), ReadError> {
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
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
    let csv_error = |line: u64, message: String| ReadError::Csv {
        path: path.to_path_buf(),
        line,
        message,
    };
    let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut reader =
        csv::ReaderBuilder::new().from_reader(std::io::BufReader::with_capacity(1 << 20, file));
    let header = reader
        .byte_headers()
        .map_err(|e| csv_error(1, e.to_string()))?;
    let mut pos = [0usize; 6];
    for (slot, name) in pos.iter_mut().zip(["t", "i", "j", "k", "v", "q"]) {
        *slot = (header.iter())
            .position(|h| h.trim_ascii() == name.as_bytes())
            .ok_or_else(|| {
                let message = format!("column {name:?} missing; BACI files have t,i,j,k,v,q");
                csv_error(1, message)
            })?;
    }
    let empty = || Parsed {
        file: file_index,
        rows: ProductColumns::with_capacity(
            nomenclature,
            6,
            Flow::Export,
            countries.economies.clone(),
            BACI_BATCH_ROWS,
        ),
        rejects: Vec::new(),
        read: 0,
    };
    let mut batch = empty();
    let mut record = csv::ByteRecord::new();
    while next_record(&mut reader, &mut record, path)? {
        batch.read += 1;
        if let Err(mut reject) = baci_row(&record, &pos, countries, &mut batch.rows) {
            reject.row = record.position().map_or(0, |p| p.line());
            batch.rejects.push(reject);
        }
        if batch.rows.len() == BACI_BATCH_ROWS && !send(std::mem::replace(&mut batch, empty())) {
            return Ok(());
        }
    }
    send(batch);
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
                partner: Iso3::WLD,
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
