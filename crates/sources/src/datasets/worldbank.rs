//! World Bank: World Development Indicators, GDP and population.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Iso3, MacroValue, Reject, Sink};
use crate::catalogue::{
    csv, file, iso3, name, read, skipped, Dataset, Obtain, Reader, Release, Republish, TableSpec,
    DOCS,
};
use crate::connect::{
    bad, column, flush, json_error, json_text, parse_number, read_json, repeat_of, resolve, utf8,
    year_of, Context, FirstSeen,
};
use crate::read::{read_table, ReadError};

const WORLD_BANK_NAMES: &[TableSpec] = &[csv(&[name("Country Name"), iso3("Country Code")])];

/// World Bank WDI: GDP (current USD) and population.
pub const GDP_POPULATION: Dataset = Dataset {
    id: "worldbank-gdp-population",
    folder: "macro/worldbank-gdp-population",
    title: "World Bank WDI: GDP (current USD) and population",
    publisher: "World Bank — data.worldbank.org (NY.GDP.MKTP.CD, SP.POP.TOTL)",
    licence: "CC BY 4.0",
    republish: Republish::Rows,
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

/// The World Bank's indicators galeon reads, by id: the `macro` series and unit each becomes.
const WDI_SERIES: &[(&str, &str, &str)] = &[
    ("NY.GDP.MKTP.CD", "gdp_usd", "USD"),
    ("SP.POP.TOTL", "population", "persons"),
];

/// World Bank Indicators API v2: GDP and population of China and the LAC states, as
/// `galeon fetch` writes the API's answers (one JSON page per file).
pub const API: Dataset = Dataset {
    id: "worldbank-api",
    folder: "macro/worldbank-api",
    title: "World Bank Indicators API v2: GDP (current USD) and population, one JSON page per file",
    publisher: "World Bank — api.worldbank.org/v2 (NY.GDP.MKTP.CD, SP.POP.TOTL)",
    licence: "CC BY 4.0",
    republish: Republish::Rows,
    files: &[read(
        "*.json",
        "pages of the indicators API ([paging, records]); economies as ISO3 codes",
    )],
    release: Release::Json {
        file: "{stem}.json",
        pointer: "/0/lastupdated",
        label: "WDI API last updated $1",
    },
    reader: Reader::Rows(worldbank_api),
    obtain: Obtain::WorldBank {
        series: &[("NY.GDP.MKTP.CD", "gdp"), ("SP.POP.TOTL", "population")],
    },
};

/// Pages of the World Bank Indicators API: `[{page, pages, lastupdated…}, [{indicator: {id},
/// countryiso3code, date, value}, …]]`. A `null` value is no observation (not read); records of
/// other indicators, codes that do not resolve and values that are not numbers are rejected with
/// the record's position (1-based) as the row; so is a value an earlier page of the folder gave.
pub fn worldbank_api(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    let mut seen: FirstSeen<(Iso3, i32, String)> = FirstSeen::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        progress(path);
        let prov = cx.provenance(path);
        let records = api_records(path)?;
        let (mut rows, mut rejects, mut read) = (Vec::new(), Vec::new(), 0u64);
        for (n, record) in records.iter().enumerate() {
            if record["value"].is_null() {
                continue; // no observation
            }
            read += 1;
            let row = n as u64 + 1;
            let Some(value) = wdi_record(record, row, &mut rejects) else {
                continue;
            };
            // Pages of several fetches may overlap (a longer earlier answer's last page).
            let key = (value.country, value.year, value.indicator.clone());
            match repeat_of(&mut seen, key, value.value, &prov.file, row) {
                Some(why) => rejects.push(bad(None, row, "date", &why, &value.year.to_string())),
                None => rows.push(value),
            }
        }
        flush(sink, &prov, Batch::Macro(rows), rejects, read)?;
    }
    Ok(())
}

/// One record with a value as a `macro` value, or its reject.
fn wdi_record(
    record: &serde_json::Value,
    row: u64,
    rejects: &mut Vec<Reject>,
) -> Option<MacroValue> {
    let id = record["indicator"]["id"].as_str().unwrap_or("");
    let Some(&(_, indicator, unit)) = WDI_SERIES.iter().find(|(i, _, _)| *i == id) else {
        let reason = "an indicator galeon does not read";
        rejects.push(bad(None, row, "indicator.id", reason, id));
        return None;
    };
    let value = &record["value"];
    let Some(value) = value.as_f64().filter(|v| v.is_finite()) else {
        rejects.push(bad(None, row, "value", "not a number", &json_text(value)));
        return None;
    };
    let Some(year) = record["date"].as_str().and_then(year_of) else {
        rejects.push(bad(
            None,
            row,
            "date",
            "not a year",
            &json_text(&record["date"]),
        ));
        return None;
    };
    let code = record["countryiso3code"].as_str().unwrap_or("");
    let at = (&None, row, "countryiso3code");
    let country = resolve(code, Some(CodeScheme::Iso3), at, rejects)?;
    Some(MacroValue {
        country,
        year,
        indicator: indicator.to_string(),
        value,
        unit,
    })
}

/// The records of one page; an error answer or another shape is an error naming the file.
fn api_records(path: &Path) -> Result<Vec<serde_json::Value>, ReadError> {
    match read_json(path)? {
        serde_json::Value::Array(mut parts)
            if parts.len() == 2 && parts[0].get("page").is_some() =>
        {
            match parts.swap_remove(1) {
                serde_json::Value::Array(records) => Ok(records),
                serde_json::Value::Null => Ok(Vec::new()),
                other => Err(json_error(path, format!("records are not a list: {other}"))),
            }
        }
        other => {
            let start: String = other.to_string().chars().take(200).collect();
            let message = format!("not a page of the indicators API ([paging, records]): {start}");
            Err(json_error(path, message))
        }
    }
}

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
