//! The GDELT Project: the daily country graph, and the raw GDELT 2.0 event export files.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::Datelike;
use galeon_registry::CodeScheme;
use rayon::prelude::*;

use crate::canonical::{Batch, Event, EventMonth, GdeltEvent, Iso3, Reject, Sink};
use crate::catalogue::{
    code, csv, file, iso3, read, skipped, Dataset, Obtain, Reader, Release, Republish, TableSpec,
    DOCS,
};
use crate::connect::{bad, column, flush, parse_number, resolve, utf8, Context, Scope};
use crate::read::{next_record, read_table, read_zip_of_one, Encoding, Layout, ReadError};

/// GDELT daily country graph, China–LAC edges.
pub const COUNTRY_GRAPH: Dataset = Dataset {
    id: "gdelt-country-graph",
    folder: "events/gdelt-country-graph",
    title: "GDELT daily country graph, China–LAC edges",
    publisher: "The GDELT Project — gdeltproject.org (graph by gzemo/gdelt-graph-data)",
    licence: "GDELT open; graph GPL-3.0",
    republish: Republish::Rows,
    files: &[
        file(
            "country_codes_clean.csv",
            &[TableSpec {
                layout: Layout::Csv {
                    encoding: Encoding::Utf8,
                    delimiter: b'\t',
                },
                countries: &[
                    iso3("Alpha3_code"),
                    code("Alpha2_code", CodeScheme::Iso2),
                    code("Numeric_code", CodeScheme::Numeric),
                ],
            }],
        ),
        file(
            "gdelt_daily_china_lac_edges_2018_2024.csv",
            &[csv(&[iso3("partner_iso3")])],
        ),
        skipped(
            "gdelt_daily_china_totals_2018_2024.csv",
            "China's totals, no partner",
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(gdelt),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/gdelt-country-graph.tsv"),
        rest: Some("the daily China–LAC tables were cut from the GDELT country graph as the folder's SOURCE.md describes; put them in the folder by hand"),
    },
};

/// GDELT country graph: the daily China–LAC edge weight (Goldstein-based, undirected).
pub fn gdelt(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files.iter().filter(|p| {
        p.file_name().is_some_and(|n| {
            n.to_string_lossy()
                .starts_with("gdelt_daily_china_lac_edges")
        })
    }) {
        progress(path);
        let table = read_table(path, utf8())?;
        let (date, partner, weight) = (
            column(&table, path, "date")?,
            column(&table, path, "partner_iso3")?,
            column(&table, path, "edge_weight")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(target) = resolve(
                &c[partner],
                Some(CodeScheme::Iso3),
                (&None, *line, "partner_iso3"),
                &mut rejects,
            ) else {
                continue;
            };
            match (
                c[date].get(..4).and_then(|y| y.parse::<i32>().ok()),
                parse_number(&c[weight]),
            ) {
                (Some(year), Some(value)) => rows.push(Event {
                    actor: Iso3::CHN,
                    target,
                    person: None,
                    year,
                    date: Some(c[date].trim().to_string()),
                    measure: "goldstein_edge",
                    value,
                }),
                _ => rejects.push(bad(
                    None,
                    *line,
                    "date/edge_weight",
                    "not a date and a number",
                    &c[weight],
                )),
            }
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::Events(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// GDELT 2.0 events in which China or a LAC state acts or is acted upon, from the published
/// 15-minute export files.
pub const EVENTS: Dataset = Dataset {
    id: "gdelt-events",
    folder: "events/gdelt-events",
    title: "GDELT 2.0 events involving China or a LAC state",
    publisher: "The GDELT Project — data.gdeltproject.org/gdeltv2/ (the *.export.CSV.zip files listed in masterfilelist.txt and masterfilelist-translation.txt)",
    licence: "GDELT open: free use, redistribution and derivatives with attribution",
    republish: Republish::Rows,
    files: &[
        read(
            "*.export.CSV.zip",
            "tab-separated events, 61 columns; only events with China or a LAC state as an actor's country are read",
        ),
    ],
    release: Release::FileName {
        // The translingual files (`….translation.export.CSV.zip`) say so in their label.
        pattern: r"^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})\d{2}\.(translation\.)?export\.CSV\.zip$",
        label: "GDELT 2.0 ${6}export $1-$2-$3 $4:$5 UTC",
    },
    reader: Reader::Rows(gdelt_events),
    obtain: Obtain::GdeltList {
        // GDELT's own English-language monitoring, and the translingual one: news in 65 other
        // languages (Spanish, Portuguese and Chinese among them) translated by machine.
        lists: &[
            "gdeltv2/masterfilelist.txt",
            "gdeltv2/masterfilelist-translation.txt",
        ],
        suffix: ".export.CSV.zip",
    },
};

/// Columns of a GDELT 2.0 event export (GDELT Event Codebook V2.0): 61, tab-separated, no header.
const EXPORT_COLUMNS: usize = 61;

/// Positions of the columns galeon keeps, with their codebook names (used in rejects).
mod col {
    pub const EVENT_ID: (usize, &str) = (0, "GLOBALEVENTID");
    pub const SQLDATE: (usize, &str) = (1, "SQLDATE");
    pub const ACTOR1_COUNTRY: (usize, &str) = (7, "Actor1CountryCode");
    pub const ACTOR2_COUNTRY: (usize, &str) = (17, "Actor2CountryCode");
    pub const EVENT_CODE: (usize, &str) = (26, "EventCode");
    pub const ROOT_CODE: (usize, &str) = (28, "EventRootCode");
    pub const QUAD_CLASS: (usize, &str) = (29, "QuadClass");
    pub const GOLDSTEIN: (usize, &str) = (30, "GoldsteinScale");
    pub const MENTIONS: (usize, &str) = (31, "NumMentions");
    pub const SOURCES: (usize, &str) = (32, "NumSources");
    pub const ARTICLES: (usize, &str) = (33, "NumArticles");
    pub const DATE_ADDED: (usize, &str) = (59, "DATEADDED");
    pub const SOURCE_URL: (usize, &str) = (60, "SOURCEURL");
}

/// Export files parsed at once, in parallel, before their rows go to the sink in file order.
fn files_at_once() -> usize {
    rayon::current_num_threads() * 4
}

/// GDELT 2.0 event exports: `YYYYMMDDHHMMSS.export.CSV.zip`, each a zip of one tab-separated
/// file of 61 columns without header. Files are read in the order of their names (time), a few
/// at a time in parallel, each streamed from the zip without unpacking it to disk; a file's
/// events go to the sink one batch per month of their event date, so memory holds a handful of
/// 15-minute files whatever the number of files.
///
/// Only events in which China or a LAC state is an actor's country are read (GDELT codes every
/// country's news: the rest are outside the observatory and are not counted as read). A row
/// with the wrong number of columns is read and rejected, since its countries cannot be trusted.
pub fn gdelt_events(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    let mut exports: Vec<&PathBuf> = (files.iter())
        .filter(|p| p.to_string_lossy().ends_with(".export.CSV.zip"))
        .collect();
    exports.sort();
    let scope = Scope::new();
    for chunk in exports.chunks(files_at_once()) {
        let parsed: Vec<Result<Export, ReadError>> = chunk
            .par_iter()
            .map(|path| read_export(path, &scope))
            .collect();
        for (path, export) in chunk.iter().zip(parsed) {
            progress(path);
            let export = export?;
            let prov = cx.provenance(path);
            let mut months = export.months.into_iter();
            let first = months
                .next()
                .map_or(Batch::Events(Vec::new()), Batch::GdeltEvents);
            flush(sink, &prov, first, export.rejects, export.read)?;
            for month in months {
                flush(sink, &prov, Batch::GdeltEvents(month), Vec::new(), 0)?;
            }
        }
    }
    Ok(())
}

/// One export file's events in scope, by month, with its rejects and the rows read.
struct Export {
    months: Vec<EventMonth>,
    rejects: Vec<Reject>,
    read: u64,
}

/// Reads one zipped export file (CAMEO country codes are ISO 3166-1 alpha-3 for every country
/// in scope).
fn read_export(path: &Path, scope: &Scope) -> Result<Export, ReadError> {
    read_zip_of_one(path, "one tab-separated GDELT export", |entry| {
        read_export_rows(entry, path, scope)
    })
}

/// The rows of an export file, unzipped.
fn read_export_rows(entry: &mut dyn Read, path: &Path, scope: &Scope) -> Result<Export, ReadError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .quoting(false)
        .from_reader(std::io::BufReader::with_capacity(1 << 16, entry));
    let mut export = Export {
        months: Vec::new(),
        rejects: Vec::new(),
        read: 0,
    };
    let mut record = ::csv::ByteRecord::new();
    while next_record(&mut reader, &mut record, path)? {
        let line = record.position().map_or(0, |p| p.line());
        match event_in_scope(&record, scope) {
            Ok(None) => {}
            Ok(Some((year, month, event))) => {
                export.read += 1;
                match (export.months.iter_mut()).find(|m| m.year == year && m.month == month) {
                    Some(m) => m.rows.push(event),
                    None => export.months.push(EventMonth {
                        year,
                        month,
                        rows: vec![event],
                    }),
                }
            }
            Err((column, reason, value)) => {
                export.read += 1;
                export
                    .rejects
                    .push(bad(None, line, column, &reason, &value));
            }
        }
    }
    Ok(export)
}

/// Why a row is rejected: the codebook's column name, the reason and the value.
type Bad = (&'static str, String, String);

/// The event of a row if China or a LAC state is one of its actors' countries (`Ok(None)` if
/// not), with its year and month; or why the row cannot be read.
fn event_in_scope(
    record: &::csv::ByteRecord,
    scope: &Scope,
) -> Result<Option<(i32, u8, GdeltEvent)>, Bad> {
    let field =
        |(n, _): (usize, &str)| std::str::from_utf8(record.get(n).unwrap_or(b"")).map(str::trim);
    let wrong = |(_, name): (usize, &'static str), reason: &str, value: &str| {
        (
            name,
            reason.to_string(),
            value.chars().take(200).collect::<String>(),
        )
    };
    if record.len() != EXPORT_COLUMNS {
        let reason = format!(
            "{} columns; GDELT 2.0 event exports have {EXPORT_COLUMNS} (a GDELT 1.0 file has 57 or 58)",
            record.len()
        );
        let start = String::from_utf8_lossy(record.as_slice())
            .chars()
            .take(80)
            .collect();
        return Err(("row", reason, start));
    }
    let country = |c: (usize, &'static str)| -> Result<Option<Iso3>, Bad> {
        let text = field(c).map_err(|_| wrong(c, "not UTF-8", ""))?;
        match text {
            "" => Ok(None),
            code => Iso3::from_str(code)
                .map(Some)
                .map_err(|_| wrong(c, "not a three-letter CAMEO country code", code)),
        }
    };
    let (actor1, actor2) = (country(col::ACTOR1_COUNTRY), country(col::ACTOR2_COUNTRY));
    let in_scope = |a: &Result<Option<Iso3>, Bad>| a.as_ref().is_ok_and(|c| scope.contains(*c));
    if !in_scope(&actor1) && !in_scope(&actor2) {
        return Ok(None);
    }
    let (actor1_country, actor2_country) = (actor1?, actor2?);
    let text = |c: (usize, &'static str)| field(c).map_err(|_| wrong(c, "not UTF-8", ""));
    let number = |c: (usize, &'static str), reason: &str| -> Result<i64, Bad> {
        let t = text(c)?;
        t.parse::<i64>().map_err(|_| wrong(c, reason, t))
    };
    let count = |c: (usize, &'static str)| -> Result<i32, Bad> {
        let n = number(c, "not a count")?;
        i32::try_from(n)
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| wrong(c, "not a count", &n.to_string()))
    };
    let sqldate = text(col::SQLDATE)?;
    let (year, month, date) =
        day(sqldate).ok_or_else(|| wrong(col::SQLDATE, "not a date YYYYMMDD", sqldate))?;
    let event_code = text(col::EVENT_CODE)?;
    if !(2..=4).contains(&event_code.len()) || !event_code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(wrong(
            col::EVENT_CODE,
            "not a CAMEO event code (two to four digits)",
            event_code,
        ));
    }
    let root = text(col::ROOT_CODE)?;
    if root.len() != 2 || !event_code.starts_with(root) {
        return Err(wrong(
            col::ROOT_CODE,
            "not the event code's first two digits",
            root,
        ));
    }
    let quad = text(col::QUAD_CLASS)?;
    let quad_class = match quad {
        "1" => 1,
        "2" => 2,
        "3" => 3,
        "4" => 4,
        _ => return Err(wrong(col::QUAD_CLASS, "not a quad class 1–4", quad)),
    };
    let g = text(col::GOLDSTEIN)?;
    let goldstein = (g.parse::<f64>().ok())
        .filter(|g| (-10.0..=10.0).contains(g))
        .ok_or_else(|| wrong(col::GOLDSTEIN, "not a Goldstein score from -10 to 10", g))?;
    let added = number(col::DATE_ADDED, "not a time YYYYMMDDHHMMSS")?;
    if !(19_000_101_000_000..=99_991_231_235_959).contains(&added) {
        return Err(wrong(
            col::DATE_ADDED,
            "not a time YYYYMMDDHHMMSS",
            &added.to_string(),
        ));
    }
    let event = GdeltEvent {
        event_id: number(col::EVENT_ID, "not an event id")?,
        date,
        actor1_country,
        actor2_country,
        event_code: event_code.to_string(),
        event_root_code: root.to_string(),
        quad_class,
        goldstein,
        mentions: count(col::MENTIONS)?,
        sources: count(col::SOURCES)?,
        articles: count(col::ARTICLES)?,
        added,
        // A URL is kept even with a byte that is not UTF-8 (a legacy-encoded path): the event
        // is sound, and the replacement character marks the byte.
        source_url: (String::from_utf8_lossy(record.get(col::SOURCE_URL.0).unwrap_or(b"")).trim())
            .to_string(),
    };
    Ok(Some((year, month, event)))
}

/// A day written YYYYMMDD: its year, month, and days since 1970-01-01 (calendar-checked).
fn day(text: &str) -> Option<(i32, u8, i32)> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = chrono::NaiveDate::parse_from_str(text, "%Y%m%d").ok()?;
    // NaiveDate's default is 1970-01-01.
    let days = date
        .signed_duration_since(chrono::NaiveDate::default())
        .num_days();
    Some((date.year(), date.month() as u8, i32::try_from(days).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_the_unix_epoch_and_the_calendar_is_checked() {
        // Known values: 1970-01-01 is day 0; 2000-03-01 is day 11,017; 2024-02-29 is day 19,782.
        assert_eq!(day("19700101"), Some((1970, 1, 0)));
        assert_eq!(day("20000301"), Some((2000, 3, 11_017)));
        assert_eq!(day("20240229"), Some((2024, 2, 19_782)));
        assert_eq!(day("19691231"), Some((1969, 12, -1)));
        for wrong in [
            "20230229", "21000229", "20241301", "20240431", "2024011", "2024-1-1",
        ] {
            assert_eq!(day(wrong), None, "{wrong}");
        }
    }
}
