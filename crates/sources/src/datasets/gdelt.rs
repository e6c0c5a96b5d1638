//! The GDELT Project: the daily country graph.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Event, Iso3, Sink};
use crate::catalogue::{
    code, csv, file, iso3, skipped, Dataset, Obtain, Reader, Release, Republish, TableSpec, DOCS,
};
use crate::connect::{bad, column, flush, parse_number, resolve, utf8, Context};
use crate::read::{read_table, Encoding, Layout, ReadError};

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
