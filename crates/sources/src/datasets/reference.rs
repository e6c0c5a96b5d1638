//! Reference tables (ISO 3166, HS, prices, deflators) and the map geometry packages.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Iso3, MacroValue, Reject, Sink};
use crate::catalogue::{
    code, csv, file, iso3, name, read, skipped, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{column, flush, parse_number, resolve, utf8, Context};
use crate::read::{read_table, ReadError};

/// Reference tables: ISO 3166, HS nomenclature, US CPI, GDP deflators.
pub const REFERENCE: Dataset = Dataset {
    id: "reference",
    folder: "reference",
    title: "Reference tables: ISO 3166, HS nomenclature, US CPI, GDP deflators",
    publisher: "lukes/ISO-3166-Countries-with-Regional-Codes; datasets/harmonized-system; BLS CPI-U; Open Trade Statistics",
    licence: "CC BY-SA 4.0 / ODC-PDDL / Apache-2",
    republish: Republish::Rows,
    files: &[
        file(
            "iso3166_lukes/all.csv",
            &[csv(&[
                name("name"),
                code("alpha-2", CodeScheme::Iso2),
                iso3("alpha-3"),
                code("country-code", CodeScheme::Numeric),
            ])],
        ),
        skipped("iso3166_lukes/LICENSE.md", DOCS),
        file("tradestatistics_ots/ots_gdp_deflator.csv", &[csv(&[iso3("country_iso")])]),
        skipped("tradestatistics_ots/ots_countries.json", "JSON country list; its codes are those of ots_gdp_deflator.csv"),
        skipped("tradestatistics_ots/ots_commodities.json", "products"),
        skipped("tradestatistics_ots/ots_commodities_short.json", "products"),
        skipped("tradestatistics_ots/ots_sections.json", "products"),
        skipped("hs_datasets/*", "products"),
        read("cpi_us_datasets/cpiai.csv", "United States consumer prices: one economy, no country column"),
        skipped("cpi_us_datasets/datapackage.json", "metadata"),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(reference),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/reference.tsv"),
        rest: Some("tradestatistics_ots/ots_gdp_deflator.csv was converted from the package's data as the folder's SOURCE.md describes; put it in the folder by hand"),
    },
};

/// Natural Earth geometry and country names (npm packages).
pub const GEO: Dataset = Dataset {
    id: "geo",
    folder: "geo",
    title: "Natural Earth geometry and country names (npm packages)",
    publisher: "npm: world-atlas, world-countries, i18n-iso-countries",
    licence: "ISC / ODbL / MIT",
    republish: Republish::Rows,
    files: &[
        file(
            "world-countries/countries.csv",
            &[csv(&[
                name("name.common"),
                iso3("cca3"),
                code("cca2", CodeScheme::Iso2),
                code("ccn3", CodeScheme::Numeric),
            ])],
        ),
        skipped("world-countries/countries.json", "the same records as countries.csv"),
        skipped("world-countries/LICENSE", DOCS),
        skipped("world-atlas/*", "map geometry, joined by ISO numeric code in the web dashboard"),
        skipped("i18n-iso-countries/*", "names by ISO alpha-2; compared with the registry's names in its tests"),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::NotRead("map geometry and name lists: the dashboard and the registry's tests read them; not a table of the panel"),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/geo.tsv"),
        rest: None,
    },
};

/// Reference series: US CPI-U (annual average of the monthly index) and the GDP deflator factors.
pub fn reference(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files {
        let rel = path
            .strip_prefix(&cx.root)
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
                        country: Iso3::USA,
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
                &cx.provenance(path),
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
                &cx.provenance(path),
                Batch::Macro(rows),
                rejects,
                table.rows.len() as u64,
            )?;
        }
    }
    Ok(())
}
