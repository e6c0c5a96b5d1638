//! World Bank: World Development Indicators, GDP and population.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, MacroValue, Reject, Sink};
use crate::catalogue::{
    csv, file, iso3, name, skipped, Dataset, Obtain, Reader, Release, TableSpec, DOCS,
};
use crate::connect::{column, flush, parse_number, resolve, utf8, Context};
use crate::read::{read_table, ReadError};

const WORLD_BANK_NAMES: &[TableSpec] = &[csv(&[name("Country Name"), iso3("Country Code")])];

/// World Bank WDI: GDP (current USD) and population.
pub const GDP_POPULATION: Dataset = Dataset {
    id: "worldbank-gdp-population",
    folder: "macro/worldbank-gdp-population",
    title: "World Bank WDI: GDP (current USD) and population",
    publisher: "World Bank — data.worldbank.org (NY.GDP.MKTP.CD, SP.POP.TOTL)",
    licence: "CC BY 4.0",
    files: &[
        file("gdp.csv", WORLD_BANK_NAMES),
        file("population.csv", WORLD_BANK_NAMES),
        skipped("gdp_datapackage.json", "metadata"),
        skipped("population_datapackage.json", "metadata"),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Json {
        file: "{stem}_datapackage.json",
        pointer: "/last_updated",
        label: "WDI datapackage updated $1",
    },
    reader: Reader::Rows(worldbank_gdp_population),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/worldbank-gdp-population.tsv"),
        rest: None,
    },
};

/// World Bank GDP (current USD) and population.
pub fn worldbank_gdp_population(
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
            &cx.provenance(path),
            Batch::Macro(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}
