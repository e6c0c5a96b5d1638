//! Harvard Growth Lab: Atlas of Economic Complexity country totals and export concentration.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, MacroValue, Sink};
use crate::catalogue::{
    code, csv, file, iso3, latin1_csv, name, skipped, Dataset, Listed, Obtain, Reader, Release,
    Republish, DOCS,
};
use crate::connect::{
    bad, column, flush, latin1, parse_number, resolve_counting, utf8, year_of, Context,
};
use crate::read::{read_table, ReadError};

/// Atlas of Economic Complexity, country totals (HS92).
pub const COUNTRY_YEAR: Dataset = Dataset {
    id: "atlas-country-year",
    folder: "trade/atlas-country-year",
    title: "Atlas of Economic Complexity, country totals (HS92)",
    publisher: "Harvard Growth Lab — dataverse.harvard.edu (Atlas of Economic Complexity)",
    licence: "Harvard Dataverse / Growth Lab terms, cite",
    republish: Republish::Rows,
    files: &[
        file(
            "atlas_hs92_country_year_1995_2024.csv",
            &[csv(&[
                code("country_id", CodeScheme::Numeric),
                iso3("country_iso3_code"),
            ])],
        ),
        skipped("geo-SCM_source_manifest.json", "provenance metadata"),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Json {
        file: "geo-SCM_source_manifest.json",
        pointer: "/atlas_sources/0/dv_publication_date",
        label: "Atlas hs92_country_year, Dataverse $1",
    },
    reader: Reader::Rows(atlas_country_year),
    // The Growth Lab's "International Trade Data (HS, 92)"; the latest version's file, saved
    // under the name the shared copy has. Its release is the Dataverse version, stated in
    // release.toml (the shared copy states it in geo-SCM_source_manifest.json).
    obtain: Obtain::Dataverse {
        doi: "doi:10.7910/DVN/T4CHWJ",
        files: Listed::Named(&[(
            "hs92_country_year.csv",
            "atlas_hs92_country_year_1995_2024.csv",
        )]),
        only_when_named: false,
    },
};

/// Export concentration: Atlas HS4 and IMF diversification (Theil).
pub const EXPORT_CONCENTRATION: Dataset = Dataset {
    id: "export-concentration-indices",
    folder: "trade/export-concentration-indices",
    title: "Export concentration: Atlas HS4 and IMF diversification (Theil)",
    publisher: "Harvard Growth Lab; IMF Export Diversification database",
    licence: "see SOURCE.md",
    republish: Republish::Rows,
    files: &[
        file(
            "atlas_hs4_country_year_concentration_1995_2023.csv",
            &[csv(&[iso3("country_code")])],
        ),
        file(
            "imf_export_diversification_index_1962_2010.csv",
            &[latin1_csv(&[name("Countryname"), iso3("ISO")])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(export_concentration),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/export-concentration-indices.tsv"),
        rest: None,
    },
};

/// Atlas of Economic Complexity country totals: exports, imports, ECI.
pub fn atlas_country_year(
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
        let (code, year) = (
            column(&table, path, "country_iso3_code")?,
            column(&table, path, "year")?,
        );
        let series = [
            ("export_value", "atlas_exports_usd", "USD"),
            ("import_value", "atlas_imports_usd", "USD"),
            ("eci", "atlas_eci", "index"),
        ];
        let cols: Vec<(usize, &str, &'static str)> = series
            .iter()
            .map(|(c, id, u)| column(&table, path, c).map(|i| (i, *id, *u)))
            .collect::<Result<_, _>>()?;
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0;
        for (line, c) in &table.rows {
            read += cols
                .iter()
                .filter(|(i, _, _)| !c[*i].trim().is_empty())
                .count() as u64;
            let Some(country) = resolve_counting(
                &c[code],
                Some(CodeScheme::Iso3),
                (&None, *line, "country_iso3_code"),
                cols.iter()
                    .filter(|(i, _, _)| !c[*i].trim().is_empty())
                    .count() as u64,
                &mut rejects,
            ) else {
                continue;
            };
            let filled = cols.iter().filter(|(i, _, _)| !c[*i].trim().is_empty());
            let Ok(year) = c[year].trim().parse::<i32>() else {
                let mut reject = bad(None, *line, "year", "not a year", &c[year]);
                reject.rows = filled.count() as u64;
                rejects.push(reject);
                continue;
            };
            for (i, id, unit) in filled {
                match parse_number(&c[*i]) {
                    Some(value) => rows.push(MacroValue {
                        country,
                        year,
                        indicator: id.to_string(),
                        value,
                        unit,
                    }),
                    None => {
                        rejects.push(bad(None, *line, &table.header[*i], "not a number", &c[*i]))
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

/// Export concentration: Atlas HS4 indices (1995–2023) and the IMF diversification index (wide, Latin-1).
pub fn export_concentration(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        progress(path);
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0u64;
        if name.starts_with("atlas_hs4") {
            let table = read_table(path, utf8())?;
            let (code, year) = (
                column(&table, path, "country_code")?,
                column(&table, path, "year")?,
            );
            let series: Vec<(usize, &str, &'static str)> = [
                ("hhi", "atlas_hs4_export_hhi", "index 0-1"),
                ("entropy", "atlas_hs4_export_entropy", "nats"),
                (
                    "primary_share",
                    "atlas_primary_share_of_exports",
                    "fraction",
                ),
                (
                    "manufacturing_share",
                    "atlas_manufacturing_share_of_exports",
                    "fraction",
                ),
                ("diversity", "atlas_hs4_diversity", "products"),
            ]
            .iter()
            .map(|(c, id, u)| column(&table, path, c).map(|i| (i, *id, *u)))
            .collect::<Result<_, _>>()?;
            for (line, c) in &table.rows {
                let present = series
                    .iter()
                    .filter(|(i, _, _)| parse_number(&c[*i]).is_some())
                    .count() as u64;
                read += present;
                let Some(country) = resolve_counting(
                    &c[code],
                    Some(CodeScheme::Iso3),
                    (&None, *line, "country_code"),
                    present,
                    &mut rejects,
                ) else {
                    continue;
                };
                let Some(y) = year_of(&c[year]) else { continue };
                for (i, id, unit) in &series {
                    if let Some(value) = parse_number(&c[*i]) {
                        rows.push(MacroValue {
                            country,
                            year: y,
                            indicator: id.to_string(),
                            value,
                            unit,
                        });
                    }
                }
            }
        } else if name.starts_with("imf_export_diversification") {
            let table = read_table(path, latin1())?;
            let code = column(&table, path, "ISO")?;
            let years: Vec<(usize, i32)> = table
                .header
                .iter()
                .enumerate()
                .filter_map(|(i, h)| h.trim().parse::<i32>().ok().map(|y| (i, y)))
                .collect();
            for (line, c) in &table.rows {
                let present = years
                    .iter()
                    .filter(|(i, _)| parse_number(&c[*i]).is_some())
                    .count() as u64;
                read += present;
                let Some(country) = resolve_counting(
                    &c[code],
                    Some(CodeScheme::Iso3),
                    (&None, *line, "ISO"),
                    present,
                    &mut rejects,
                ) else {
                    continue;
                };
                for (i, year) in &years {
                    if let Some(value) = parse_number(&c[*i]) {
                        rows.push(MacroValue {
                            country,
                            year: *year,
                            indicator: "imf_export_diversification_theil".into(),
                            value,
                            unit: "index",
                        });
                    }
                }
            }
        } else {
            continue;
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
