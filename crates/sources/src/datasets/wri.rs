//! World Resources Institute: China Overseas Finance Inventory and Global Power Plant Database.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, MacroValue, PowerPlant, Sink};
use crate::catalogue::{
    csv, file, iso3, name, sheet, skipped, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{
    bad, column, flush, is_missing, parse_number, resolve, resolve_counting, sheet_column,
    usd_from_millions, utf8, year_of, Context,
};
use crate::read::{read_table, Layout, ReadError};

/// China Overseas Finance Inventory 2.2.
pub const COFI: Dataset = Dataset {
    id: "wri-cofi",
    folder: "green/wri-cofi-2.2",
    title: "China Overseas Finance Inventory 2.2",
    publisher: "World Resources Institute — wri.org (COFI)",
    licence: "CC BY 4.0",
    republish: Republish::Rows,
    files: &[
        file(
            "China Overseas Finance Inventory Database Version 2.2 - October 2023.xlsx",
            &[sheet(
                "COFI_v2.2",
                1,
                &[name("country"), iso3("country_iso3c")],
            )],
        ),
        skipped("cofi_v2.2_variables.csv", "variable definitions"),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::FileName {
        pattern: r"Version ([0-9.]+) - ([A-Za-z]+ \d{4})",
        label: "COFI $1 ($2)",
    },
    reader: Reader::Rows(wri_cofi),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/wri-cofi.tsv"),
        rest: Some("cofi_v2.2_variables.csv was transcribed from WRI's codebook as the folder's SOURCE.md describes; put it in the folder by hand"),
    },
};

/// Global Power Plant Database, country summary.
pub const GPPD_SUMMARY: Dataset = Dataset {
    id: "wri-gppd-summary",
    folder: "green/wri-gppd-country-summary",
    title: "Global Power Plant Database, country summary",
    publisher: "World Resources Institute — datasets.wri.org (Global Power Plant Database)",
    licence: "CC BY 4.0",
    republish: Republish::Rows,
    files: &[
        file(
            "global_power_plant_database_country_summary.csv",
            &[csv(&[iso3("iso_code"), name("country")])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(gppd_summary),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/wri-gppd-summary.tsv"),
        rest: None,
    },
};

/// COFI's lender columns (each the bank's debt in the row, USD million) and the bank's name.
const COFI_LENDERS: &[(&str, &str)] = &[
    ("bank_of_china", "Bank of China"),
    ("china_development_bank", "China Development Bank"),
    ("export_import_bank_of_china", "Export-Import Bank of China"),
    (
        "industrial_and_commercial_bank_of_china",
        "Industrial and Commercial Bank of China",
    ),
    ("china_construction_bank", "China Construction Bank"),
    ("bank_of_communications", "Bank of Communications"),
    ("agricultural_bank_of_china", "Agricultural Bank of China"),
    ("china_citic_bank_corp", "China CITIC Bank"),
    ("china_merchants_bank", "China Merchants Bank"),
    ("china_minsheng_banking_corp", "China Minsheng Banking Corp"),
    ("china_zheshang_bank", "China Zheshang Bank"),
    ("china_everbright_bank", "China Everbright Bank"),
    ("silk_road_fund", "Silk Road Fund"),
    (
        "china_co-financing_fund_for_latin_america_and_the_caribbean",
        "China Co-financing Fund for Latin America and the Caribbean",
    ),
];

/// WRI China Overseas Finance Inventory 2.2: one row per plant and investment.
pub fn wri_cofi(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
    {
        progress(path);
        let sheet = "COFI_v2.2";
        let table = read_table(
            path,
            Layout::Sheet {
                sheet,
                header_row: 1,
            },
        )?;
        let col = |n: &str| sheet_column(&table, path, sheet, n);
        let (
            id,
            name,
            iso3,
            fuel,
            capacity,
            commissioning,
            kind,
            total,
            duplicate,
            debt_year,
            equity_year,
            debt,
            investor_1,
            investor_2,
        ) = (
            col("unique_id")?,
            col("power_plant_name")?,
            col("country_iso3c")?,
            col("primary_fuel")?,
            col("installed_capacity")?,
            col("commissioning_year")?,
            col("investment_type")?,
            col("total_investment_amount")?,
            col("duplicate_power_plant")?,
            col("debt_investment_year")?,
            col("equity_investment_year")?,
            col("debt_investment_amount")?,
            col("equity_investor_name_1")?,
            col("equity_investor_name_2")?,
        );
        let banks = COFI_LENDERS
            .iter()
            .map(|(column, name)| Ok((col(column)?, *name)))
            .collect::<Result<Vec<_>, ReadError>>()?;
        let sheet_name = Some(sheet.to_string());
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (row, c) in &table.rows {
            let Some(country) = resolve(
                &c[iso3],
                Some(CodeScheme::Iso3),
                (&sheet_name, *row, "country_iso3c"),
                &mut rejects,
            ) else {
                continue;
            };
            rows.push(PowerPlant {
                plant_id: c[id].trim().to_string(),
                name: c[name].trim().to_string(),
                country,
                fuel: c[fuel].trim().to_string(),
                capacity_mw: parse_number(&c[capacity]),
                commissioning_year: year_of(&c[commissioning]),
                investment_type: c[kind].trim().to_string(),
                investment_usd: parse_number(&c[total]).map(usd_from_millions),
                investment_year: year_of(&c[debt_year]).or_else(|| year_of(&c[equity_year])),
                duplicate: c[duplicate].trim() == "Y",
                debt_year: year_of(&c[debt_year]),
                debt_usd: parse_number(&c[debt]).map(usd_from_millions),
                lenders: (banks.iter())
                    .filter(|(j, _)| parse_number(&c[*j]).is_some_and(|v| v > 0.0))
                    .map(|(_, name)| *name)
                    .collect::<Vec<_>>()
                    .join("; "),
                equity_year: year_of(&c[equity_year]),
                investors: [&c[investor_1], &c[investor_2]]
                    .iter()
                    .map(|n| n.trim())
                    .filter(|n| !n.is_empty() && *n != "NA")
                    .collect::<Vec<_>>()
                    .join("; "),
            });
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::PowerPlants(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// WRI Global Power Plant Database country summary: national capacity by fuel (the denominator).
pub fn gppd_summary(
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
        let iso = column(&table, path, "iso_code")?;
        let series: Vec<(usize, String)> = table
            .header
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let h = h.trim();
                if h == "total_capacity_gw" {
                    Some((i, "gppd_capacity_gw_total".to_string()))
                } else {
                    h.strip_prefix("capacity_gw_fuel_")
                        .map(|fuel| (i, format!("gppd_capacity_gw_{fuel}")))
                }
            })
            .collect();
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0u64;
        for (line, c) in &table.rows {
            // A cell is read when it holds anything: an empty or NA cell is no value, a cell that
            // is not a number is read and rejected.
            let present = series.iter().filter(|(i, _)| !is_missing(&c[*i])).count() as u64;
            read += present;
            let Some(country) = resolve_counting(
                &c[iso],
                Some(CodeScheme::Iso3),
                (&None, *line, "iso_code"),
                present,
                &mut rejects,
            ) else {
                continue;
            };
            for (i, indicator) in series.iter().filter(|(i, _)| !is_missing(&c[*i])) {
                let Some(value) = parse_number(&c[*i]) else {
                    rejects.push(bad(None, *line, &table.header[*i], "not a number", &c[*i]));
                    continue;
                };
                // GPPD v1.3.0 is a snapshot of about 2019–2020; stored under 2020.
                rows.push(MacroValue {
                    country,
                    year: 2020,
                    indicator: indicator.clone(),
                    value,
                    unit: "GW",
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
    }
    Ok(())
}
