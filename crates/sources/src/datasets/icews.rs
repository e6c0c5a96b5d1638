//! ICEWS (Harvard Dataverse): dyad-year event counts, and the coded events themselves.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use galeon_registry::Registry;

use crate::canonical::{Batch, Event, Iso3, Reject, Sink};
use crate::catalogue::{
    csv, file, iso3, name, read, skipped, Dataset, Listed, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{
    bad, column, flush, is_missing, parse_number, resolve, utf8, year_of, Context, Scope,
};
use crate::read::{next_record, read_table, read_zip_of_one, ReadError};

/// ICEWS dyad-year event counts, China's dyads.
pub const DYAD_YEAR: Dataset = Dataset {
    id: "icews-dyad-year",
    folder: "events/icews-dyad-year",
    title: "ICEWS dyad-year event counts, China's dyads",
    publisher: "ICEWS (Harvard Dataverse) via the netify R package",
    licence: "ICEWS Dataverse terms; netify GPL-3",
    republish: Republish::Rows,
    files: &[
        file(
            "icews_china_dyads_2002_2014.csv",
            &[csv(&[
                name("i"),
                name("j"),
                iso3("i_iso3c"),
                iso3("j_iso3c"),
            ])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(icews),
    obtain: Obtain::ByHand("ICEWS dyad-years converted from the netify package's data as the folder's SOURCE.md describes; put the CSV in the folder by hand"),
};

/// ICEWS dyad-years: four quad-class counts per directed dyad and year.
pub fn icews(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    const MEASURES: [(&str, &str); 4] = [
        ("verbCoop", "verbal_cooperation"),
        ("matlCoop", "material_cooperation"),
        ("verbConf", "verbal_conflict"),
        ("matlConf", "material_conflict"),
    ];
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        progress(path);
        let table = read_table(path, utf8())?;
        let (i, j, year) = (
            column(&table, path, "i")?,
            column(&table, path, "j")?,
            column(&table, path, "year")?,
        );
        let cols: Vec<(usize, &'static str)> = MEASURES
            .iter()
            .map(|(c, m)| column(&table, path, c).map(|i| (i, *m)))
            .collect::<Result<_, _>>()?;
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0u64;
        for (line, c) in &table.rows {
            // A dyad-year line holds four counts: each is a row read.
            // A cell is read when it holds anything: an empty or NA cell is no value, a cell that
            // is not a number is read and rejected.
            let present = cols.iter().filter(|(i, _)| !is_missing(&c[*i])).count() as u64;
            read += present;
            let actor = resolve(&c[i], None, (&None, *line, "i"), &mut rejects);
            let target = actor
                .as_ref()
                .and_then(|_| resolve(&c[j], None, (&None, *line, "j"), &mut rejects));
            let (Some(actor), Some(target)) = (actor, target) else {
                if let Some(last) = rejects.last_mut() {
                    last.rows = present;
                }
                continue;
            };
            let Some(y) = year_of(&c[year]) else {
                rejects.push(Reject {
                    rows: present,
                    ..bad(None, *line, "year", "not a year", &c[year])
                });
                continue;
            };
            for (col, measure) in cols.iter().filter(|(i, _)| !is_missing(&c[*i])) {
                let Some(value) = parse_number(&c[*col]) else {
                    rejects.push(bad(
                        None,
                        *line,
                        &table.header[*col],
                        "not a number",
                        &c[*col],
                    ));
                    continue;
                };
                rows.push(Event {
                    actor,
                    target,
                    person: None,
                    year: y,
                    date: None,
                    measure,
                    value,
                });
            }
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::Events(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// The name of a yearly events file: `events.2014.20160121105408.tab`,
/// `Events.2017.20201006.tab.zip` (the year, then the day the file was made).
const EVENT_FILE: &str = r"^[Ee]vents\.(\d{4})\.(\d{4})(\d{2})(\d{2})\d*\.tab(\.zip)?$";

/// ICEWS coded events between China and the LAC states, from the yearly event files of the
/// ICEWS Coded Event Data on Harvard Dataverse.
pub const EVENTS: Dataset = Dataset {
    id: "icews-events",
    folder: "events/icews-events",
    title: "ICEWS coded events between China and the LAC states",
    publisher: "ICEWS Coded Event Data (Boschee et al.) — Harvard Dataverse, doi:10.7910/DVN/28075",
    licence: "ICEWS Dataverse terms of use; cite Boschee et al. (2015)",
    republish: Republish::Rows,
    files: &[
        read(
            "*.tab",
            "tab-separated events with a header, 20 columns; only events between China and a LAC state are read",
        ),
        read(
            "*.tab.zip",
            "a zip of one such tab-separated file",
        ),
    ],
    release: Release::FileName {
        pattern: EVENT_FILE,
        label: "ICEWS events of $1, file of $2-$3-$4",
    },
    reader: Reader::Rows(icews_events),
    obtain: Obtain::Dataverse {
        doi: "doi:10.7910/DVN/28075",
        // 1995–2020 in the 2020 version; the 2014–2016, 2018 and 2019 files are tables Dataverse
        // ingested, fetched as uploaded. A year added later is fetched as well.
        files: Listed::Matching(EVENT_FILE),
        only_when_named: true,
    },
};

/// The columns of an ICEWS event file galeon reads, by their names in the header.
mod col {
    pub const DATE: &str = "Event Date";
    pub const SOURCE_COUNTRY: &str = "Source Country";
    pub const TARGET_COUNTRY: &str = "Target Country";
    pub const CAMEO: &str = "CAMEO Code";
}

/// ICEWS events: each event between China and a LAC state (either acting) is one row of
/// `events`, its measure the CAMEO quad class of its event code and its value 1, so that a sum
/// by dyad and year gives the quad-class counts of the dyad-year tables. Events between other
/// countries are outside the observatory and not counted as read. A file is streamed (a year of
/// ICEWS holds about a million events); a `.tab.zip` is a zip of one such file.
pub fn icews_events(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    let (scope, mut names) = (Scope::new(), Names::default());
    let mut paths: Vec<&PathBuf> = (files.iter())
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".tab") || n.ends_with(".tab.zip")
        })
        .collect();
    paths.sort();
    for path in paths {
        progress(path);
        let (rows, rejects, read) = if path.to_string_lossy().ends_with(".zip") {
            read_zip_of_one(path, "one tab-separated ICEWS event file", |entry| {
                read_events(entry, path, &scope, &mut names)
            })?
        } else {
            let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            read_events(file, path, &scope, &mut names)?
        };
        flush(
            sink,
            &cx.provenance(path),
            Batch::Events(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// Reads one event file: the China–LAC events, the rejects, and the rows read.
fn read_events(
    input: impl Read,
    path: &Path,
    scope: &Scope,
    names: &mut Names,
) -> Result<(Vec<Event>, Vec<Reject>, u64), ReadError> {
    // ICEWS files are not quoted: a quote is part of the text.
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .quoting(false)
        .from_reader(std::io::BufReader::with_capacity(1 << 16, input));
    let header = reader.byte_headers().map_err(|e| ReadError::Csv {
        path: path.to_path_buf(),
        line: 1,
        message: e.to_string(),
    })?;
    let header: Vec<String> = header
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect();
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| ReadError::Csv {
                path: path.to_path_buf(),
                line: 1,
                message: format!("column {name:?} not found in the header {header:?}"),
            })
    };
    let cols = [
        col::DATE,
        col::SOURCE_COUNTRY,
        col::TARGET_COUNTRY,
        col::CAMEO,
    ]
    .map(|c| at(c).map(|i| (i, c)));
    let [date, source, target, cameo] = cols;
    let (date, source, target, cameo) = (date?, source?, target?, cameo?);
    let (mut rows, mut rejects, mut read) = (Vec::new(), Vec::new(), 0u64);
    let mut record = ::csv::ByteRecord::new();
    while next_record(&mut reader, &mut record, path)? {
        let line = record.position().map_or(0, |p| p.line());
        let text = |(i, _): (usize, &str)| String::from_utf8_lossy(record.get(i).unwrap_or(b""));
        let (Some(actor), Some(partner)) =
            (names.country(&text(source)), names.country(&text(target)))
        else {
            continue;
        };
        if !scope.china_with_lac(actor, partner) {
            continue;
        }
        read += 1;
        let day = text(date);
        let Some((year, day)) = event_day(day.trim()) else {
            rejects.push(bad(
                None,
                line,
                date.1,
                "not a calendar day (YYYY-MM-DD or M/D/YYYY)",
                &day,
            ));
            continue;
        };
        let code = text(cameo);
        let Some(measure) = quad_class(code.trim()) else {
            rejects.push(bad(
                None,
                line,
                cameo.1,
                "not a CAMEO event code (two to four digits, root 01–20)",
                &code,
            ));
            continue;
        };
        rows.push(Event {
            actor,
            target: partner,
            person: None,
            year,
            date: Some(day),
            measure,
            value: 1.0,
        });
    }
    Ok((rows, rejects, read))
}

/// Country names as ICEWS writes them, resolved once each (a file repeats a few hundred names
/// a million times).
#[derive(Default)]
struct Names {
    resolved: HashMap<String, Option<Iso3>>,
}

impl Names {
    fn country(&mut self, name: &str) -> Option<Iso3> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        if let Some(known) = self.resolved.get(name) {
            return *known;
        }
        let iso3 = Registry::global().resolve_name(name).ok().map(|e| e.iso3);
        self.resolved.insert(name.to_string(), iso3);
        iso3
    }
}

/// The CAMEO quad class of an event code, by its root (first two digits): 01–05 verbal
/// cooperation, 06–08 material cooperation, 09–13 verbal conflict, 14–20 material conflict.
fn quad_class(code: &str) -> Option<&'static str> {
    if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match code[..2].parse::<u8>().ok()? {
        1..=5 => Some("verbal_cooperation"),
        6..=8 => Some("material_cooperation"),
        9..=13 => Some("verbal_conflict"),
        14..=20 => Some("material_conflict"),
        _ => None,
    }
}

/// An event's day, written YYYY-MM-DD (or M/D/YYYY, as in the 2017 file): its year and the day
/// as YYYY-MM-DD, calendar-checked.
fn event_day(text: &str) -> Option<(i32, String)> {
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%m/%d/%Y"))
        .ok()?;
    use chrono::Datelike;
    Some((date.year(), date.format("%Y-%m-%d").to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_roots_give_the_four_quad_classes() {
        assert_eq!(quad_class("040"), Some("verbal_cooperation"));
        assert_eq!(quad_class("0874"), Some("material_cooperation"));
        assert_eq!(quad_class("057"), Some("verbal_cooperation"));
        assert_eq!(quad_class("061"), Some("material_cooperation"));
        assert_eq!(quad_class("112"), Some("verbal_conflict"));
        assert_eq!(quad_class("1383"), Some("verbal_conflict"));
        assert_eq!(quad_class("145"), Some("material_conflict"));
        assert_eq!(quad_class("20"), Some("material_conflict"));
        for wrong in ["", "0", "00", "21", "99", "04a", "04000", "-40"] {
            assert_eq!(quad_class(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn days_are_read_in_both_layouts_and_checked() {
        assert_eq!(event_day("2018-06-01"), Some((2018, "2018-06-01".into())));
        assert_eq!(event_day("6/1/2017"), Some((2017, "2017-06-01".into())));
        assert_eq!(event_day("2018-02-30"), None);
        assert_eq!(event_day("20180601"), None);
    }
}
