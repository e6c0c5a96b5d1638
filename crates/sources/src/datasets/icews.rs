//! ICEWS (Harvard Dataverse): dyad-year event counts.

use std::path::{Path, PathBuf};

use crate::canonical::{Batch, Event, Reject, Sink};
use crate::catalogue::{
    csv, file, iso3, name, skipped, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{
    bad, column, flush, is_missing, parse_number, resolve, utf8, year_of, Context,
};
use crate::read::{read_table, ReadError};

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
