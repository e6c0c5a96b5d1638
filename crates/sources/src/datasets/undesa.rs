//! UN DESA Population Division: International Migrant Stock.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::canonical::{Batch, MacroValue, Sink};
use crate::catalogue::{
    csv, file, name, skipped, Dataset, Obtain, Reader, Release, Republish, TableSpec, DOCS,
};
use crate::connect::{bad, column, flush, parse_number, resolve_counting, utf8, Context};
use crate::read::{read_table, ReadError};

const DESTINATION: &[TableSpec] = &[csv(&[name("destination_area")])];

/// Migrant stock born in China (and the USA) by destination.
pub const MIGRANT_STOCK: Dataset = Dataset {
    id: "un-desa-migrant-stock",
    folder: "culture/un-desa-chinese-migrant-stock",
    title: "Migrant stock born in China (and the USA) by destination",
    publisher: "UN DESA Population Division — un.org/development/desa/pd (International Migrant Stock 2020)",
    licence: "UN DESA terms, attribution",
    republish: Republish::Rows,
    files: &[
        file("chinese_immigration.csv", DESTINATION),
        file("us_immigration.csv", DESTINATION),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(un_desa_migrants),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/un-desa-migrant-stock.tsv"),
        rest: None,
    },
};

/// UN DESA migrant stock born in China (and in the USA) by destination, 2000–2020.
pub fn un_desa_migrants(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        let indicator = match path.file_name().and_then(|n| n.to_str()) {
            Some("chinese_immigration.csv") => "migrant_stock_born_in_china",
            Some("us_immigration.csv") => "migrant_stock_born_in_usa",
            _ => continue,
        };
        progress(path);
        let table = read_table(path, utf8())?;
        let dest = column(&table, path, "destination_area")?;
        let years: Vec<(usize, i32)> = [2000, 2005, 2010, 2015, 2020]
            .iter()
            .map(|y| column(&table, path, &y.to_string()).map(|i| (i, *y)))
            .collect::<Result<_, _>>()?;
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0u64;
        // UN DESA names a region and a country alike ("Micronesia"): a name on several lines
        // cannot be told apart, so none of its lines is stored.
        let mut lines_of: HashMap<&str, Vec<u64>> = HashMap::new();
        for (line, c) in &table.rows {
            lines_of.entry(c[dest].trim()).or_default().push(*line);
        }
        for (line, c) in &table.rows {
            let present = years
                .iter()
                .filter(|(i, _)| !c[*i].trim().is_empty())
                .count() as u64;
            read += present;
            let lines = &lines_of[c[dest].trim()];
            if lines.len() > 1 {
                let mut reject = bad(
                    None,
                    *line,
                    "destination_area",
                    &format!(
                        "the same name is on lines {}: a region and a country share it, so which is which cannot be told and none is stored",
                        lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
                    ),
                    &c[dest],
                );
                reject.rows = present;
                rejects.push(reject);
                continue;
            }
            let Some(country) = resolve_counting(
                &c[dest],
                None,
                (&None, *line, "destination_area"),
                present,
                &mut rejects,
            ) else {
                continue;
            };
            for (i, year) in &years {
                if c[*i].trim().is_empty() {
                    continue;
                }
                match parse_number(&c[*i]) {
                    Some(value) => rows.push(MacroValue {
                        country,
                        year: *year,
                        indicator: indicator.into(),
                        value,
                        unit: "persons",
                    }),
                    None => {
                        rejects.push(bad(None, *line, &year.to_string(), "not a number", &c[*i]))
                    }
                }
            }
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::Macro(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}
