//! WRI on fixtures in the published layouts: the COFI workbook
//! `China Overseas Finance Inventory Database Version 2.2 - October 2023.xlsx` (sheet `COFI_v2.2`
//! with its 58 columns, header on row 1, amounts in USD million, one row per plant and investment
//! with `duplicate_power_plant` = Y on repeat rows; a `variables` sheet) beside the skipped
//! `cofi_v2.2_variables.csv`, and the GPPD `global_power_plant_database_country_summary.csv`
//! (one line per country, `total_capacity_gw` and `capacity_gw_fuel_*` among count columns,
//! zeros written out).

mod common;

use common::{put, read, xlsx, Cell};
use galeon_sources::canonical::Batch;

const COFI: &str = "green/wri-cofi-2.2";
const COFI_FILE: &str = "China Overseas Finance Inventory Database Version 2.2 - October 2023.xlsx";
const COFI_HEADER: [&str; 58] = [
    "unique_id",
    "power_plant_name",
    "country",
    "country_iso3c",
    "bri_country",
    "region",
    "subregion",
    "province",
    "city",
    "installed_capacity",
    "commissioning_year",
    "primary_fuel",
    "latitude",
    "longitude",
    "duplicate_power_plant",
    "investment_type",
    "investment_cofinanced_bu",
    "debt_investment_averaged",
    "debt_investment_weighted",
    "equity_investment_weighted",
    "total_investment_amount",
    "equity_investor_name_1",
    "equity_investor_amount_1",
    "equity_investor_name_2",
    "equity_investor_amount_2",
    "equity_investment_type",
    "equity_investment_year",
    "parent_company_of_investor",
    "SOE_or_POE",
    "debt_investment_year",
    "debt_investment_amount",
    "number_of_lenders",
    "bank_of_china",
    "china_development_bank",
    "export_import_bank_of_china",
    "industrial_and_commercial_bank_of_china",
    "china_construction_bank",
    "bank_of_communications",
    "agricultural_bank_of_china",
    "china_citic_bank_corp",
    "china_merchants_bank",
    "china_minsheng_banking_corp",
    "china_zheshang_bank",
    "china_everbright_bank",
    "silk_road_fund",
    "china_co-financing_fund_for_latin_america_and_the_caribbean",
    "compid",
    "unit_id",
    "location_id.x",
    "gppd_id",
    "fdi_id",
    "rma_id",
    "bu_id",
    "sais_id",
    "iad_id",
    "r_id",
    "ij_id",
    "cgp_id",
];

/// One COFI row: the given columns set, every other cell empty (as in the published sheet).
fn cofi_row(cells: &[(&str, Cell)]) -> Vec<Cell> {
    for (name, _) in cells {
        assert!(COFI_HEADER.contains(name), "{name} is a COFI column");
    }
    COFI_HEADER
        .iter()
        .map(|h| {
            cells
                .iter()
                .find(|(n, _)| n == h)
                .map_or(Cell::Empty, |(_, c)| c.clone())
        })
        .collect()
}

fn write_cofi(root: &std::path::Path) {
    use Cell::{Number as N, Text as T};
    let mut rows = vec![COFI_HEADER.iter().map(|h| T(h)).collect::<Vec<_>>()];
    // Row 2: a debt-financed wind farm in Argentina (invented).
    rows.push(cofi_row(&[
        ("unique_id", T("ARG2021901")),
        ("power_plant_name", T("PARQUE EOLICO UNO")),
        ("country", T("Argentina")),
        ("country_iso3c", T("ARG")),
        ("bri_country", T("Y")),
        ("region", T("Americas")),
        ("installed_capacity", N(120.5)),
        ("commissioning_year", N(2019.0)),
        ("primary_fuel", T("onshore wind")),
        ("duplicate_power_plant", T("N")),
        ("investment_type", T("Debt")),
        ("total_investment_amount", N(250.75)),
        ("debt_investment_year", N(2017.0)),
        ("debt_investment_amount", N(250.75)),
        ("china_development_bank", N(250.75)),
    ]));
    // Row 3: the same plant's equity investment, a repeat row (duplicate_power_plant = Y).
    rows.push(cofi_row(&[
        ("unique_id", T("ARG2021902")),
        ("power_plant_name", T("PARQUE EOLICO UNO")),
        ("country", T("Argentina")),
        ("country_iso3c", T("ARG")),
        ("bri_country", T("Y")),
        ("installed_capacity", N(120.5)),
        ("commissioning_year", N(2019.0)),
        ("primary_fuel", T("onshore wind")),
        ("duplicate_power_plant", T("Y")),
        ("investment_type", T("Equity")),
        ("total_investment_amount", N(40.0)),
        ("equity_investor_name_1", T("Invented Power Co")),
        ("equity_investor_amount_1", N(40.0)),
        ("equity_investment_year", N(2018.0)),
    ]));
    // Row 4: a hydro plant in Peru without commissioning year, amount or investment year.
    rows.push(cofi_row(&[
        ("unique_id", T("PER2021901")),
        ("power_plant_name", T("CENTRAL HIDRO DOS")),
        ("country", T("Peru")),
        ("country_iso3c", T("PER")),
        ("bri_country", T("Y")),
        ("installed_capacity", N(36.0)),
        ("primary_fuel", T("hydro")),
        ("duplicate_power_plant", T("N")),
        ("investment_type", T("Debt")),
    ]));
    // Row 5: an unknown country code.
    rows.push(cofi_row(&[
        ("unique_id", T("ZZZ2021901")),
        ("power_plant_name", T("NOWHERE SOLAR")),
        ("country", T("Atlantis")),
        ("country_iso3c", T("ZZZ")),
        ("installed_capacity", N(10.0)),
        ("primary_fuel", T("solar pv")),
        ("duplicate_power_plant", T("N")),
        ("investment_type", T("Debt")),
        ("total_investment_amount", N(5.0)),
    ]));
    let variables = vec![
        vec![
            T("Variable Name"),
            T("Unit"),
            T("Unit Type"),
            T(" Variable Descriptions"),
            T("Original or Added by Authors"),
        ],
        vec![
            T("unique_id"),
            Cell::Empty,
            T("Character"),
            T("An id"),
            T("Added"),
        ],
    ];
    xlsx(
        root,
        &format!("{COFI}/{COFI_FILE}"),
        &[("COFI_v2.2", rows), ("variables", variables)],
    );
    put(
        root,
        &format!("{COFI}/cofi_v2.2_variables.csv"),
        "Variable Name,Unit,Unit Type, Variable Descriptions,Original or Added by Authors\nunique_id,,Character,An id,Added\n",
    );
}

#[test]
fn cofi_rows_are_plants_with_investments_in_usd_and_the_release_from_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    write_cofi(dir.path());
    let (c, files) = read(dir.path(), "wri-cofi");
    c.assert_balanced();
    let rows = c.rows(|b| match b {
        Batch::PowerPlants(r) => Some(r),
        _ => None,
    });
    assert_eq!(rows.len(), 3, "{rows:?}");
    // Row 2: 250.75 USD million = 250,750,000 USD; the debt year 2017.
    let r = rows[0];
    assert_eq!(
        (
            r.plant_id.as_str(),
            r.name.as_str(),
            r.country.as_str(),
            r.fuel.as_str()
        ),
        ("ARG2021901", "PARQUE EOLICO UNO", "ARG", "onshore wind")
    );
    assert_eq!(r.capacity_mw, Some(120.5));
    assert_eq!(r.commissioning_year, Some(2019));
    assert_eq!(r.investment_type, "Debt");
    assert_eq!(r.investment_usd, Some(250_750_000.0));
    assert_eq!(r.investment_year, Some(2017));
    assert!(!r.duplicate);
    // The debt: its year, amount and the bank whose column holds an amount.
    assert_eq!((r.debt_year, r.debt_usd), (Some(2017), Some(250_750_000.0)));
    assert_eq!(r.lenders, "China Development Bank");
    assert_eq!((r.equity_year, r.investors.as_str()), (None, ""));
    // Row 3: the repeat row is kept and flagged; 40 USD million = 40,000,000 USD; no debt year,
    // so the equity year 2018.
    let r = rows[1];
    assert_eq!(
        (r.plant_id.as_str(), r.country.as_str()),
        ("ARG2021902", "ARG")
    );
    assert_eq!(r.investment_type, "Equity");
    assert_eq!(r.investment_usd, Some(40_000_000.0));
    assert_eq!(r.investment_year, Some(2018));
    assert!(r.duplicate);
    assert_eq!(
        (r.equity_year, r.investors.as_str()),
        (Some(2018), "Invented Power Co")
    );
    assert_eq!(
        (r.debt_year, r.debt_usd, r.lenders.as_str()),
        (None, None, "")
    );
    // Row 4: blanks give None.
    let r = rows[2];
    assert_eq!(
        (r.plant_id.as_str(), r.country.as_str()),
        ("PER2021901", "PER")
    );
    assert_eq!(r.capacity_mw, Some(36.0));
    assert_eq!(
        (r.commissioning_year, r.investment_usd, r.investment_year),
        (None, None, None)
    );
    assert!(!r.duplicate);
    // Row 5: the unknown code is rejected on its sheet, row and column.
    let rejects: Vec<(Option<&str>, u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| {
            (
                r.sheet.as_deref(),
                r.row,
                r.column.as_str(),
                r.value.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rejects,
        vec![(Some("COFI_v2.2"), 5, "country_iso3c", "ZZZ")]
    );
    assert_eq!(c.read_total(), 4);
    // The release is read from the workbook's file name; the variables CSV is not read.
    assert_eq!(files.read.len(), 1, "{:?}", files.read);
    assert_eq!(files.read[0].release, "COFI 2.2 (October 2023)");
    assert!(files
        .not_read
        .iter()
        .any(|n| n.path.ends_with("cofi_v2.2_variables.csv")));
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "COFI 2.2 (October 2023)"));
}

const GPPD: &str = "green/wri-gppd-country-summary";
const GPPD_FILE: &str = "global_power_plant_database_country_summary.csv";
const GPPD_HEADER: &str = "iso_code,country,count,total_capacity_gw,max_capacity_mw,count_distinct_fuel,count_distinct_name,count_distinct_owner,count_distinct_source,count_fuel_coal,capacity_gw_fuel_coal,count_fuel_gas,capacity_gw_fuel_gas,count_fuel_oil,capacity_gw_fuel_oil,count_fuel_petcoke,capacity_gw_fuel_petcoke,count_fuel_hydro,capacity_gw_fuel_hydro,count_fuel_nuclear,capacity_gw_fuel_nuclear,count_fuel_wind,capacity_gw_fuel_wind,count_fuel_solar,capacity_gw_fuel_solar,count_fuel_geothermal,capacity_gw_fuel_geothermal,count_fuel_biomass,capacity_gw_fuel_biomass,count_fuel_cogeneration,capacity_gw_fuel_cogeneration,count_fuel_waste,capacity_gw_fuel_waste,count_fuel_wave_and_tidal,capacity_gw_fuel_wave_and_tidal,count_fuel_storage,capacity_gw_fuel_storage,count_fuel_other,capacity_gw_fuel_other,count_null_name,count_null_gppd_idnr,count_null_capacity_mw,count_null_year_of_capacity_data,count_null_owner,count_null_source,count_null_url,count_null_latitude,count_null_longitude,count_null_fuel,count_wepp_id,capacity_gw_wepp_id,count_null_generation_gwh_all,count_generation_gwh_2013,count_generation_gwh_2014,count_generation_gwh_2015,count_generation_gwh_2016,count_generation_gwh_2017,count_generation_gwh_2018,count_generation_gwh_2019,count_generation_data_source,count_estimated_generation_gwh";

/// One summary line: the given columns set, every other column 0 as in the published file.
fn gppd_line(cells: &[(&str, &str)]) -> String {
    let header: Vec<&str> = GPPD_HEADER.split(',').collect();
    for (name, _) in cells {
        assert!(header.contains(name), "{name} is a GPPD column");
    }
    header
        .iter()
        .map(|h| cells.iter().find(|(n, _)| n == h).map_or("0", |(_, v)| v))
        .collect::<Vec<_>>()
        .join(",")
}

fn gppd_csv() -> String {
    let brazil = gppd_line(&[
        ("iso_code", "BRA"),
        ("country", "Brazil"),
        ("count", "3"),
        ("total_capacity_gw", "2.5"),
        ("max_capacity_mw", "1500.0"),
        ("count_fuel_hydro", "2"),
        ("capacity_gw_fuel_hydro", "1.75"),
        ("count_fuel_wind", "1"),
        ("capacity_gw_fuel_wind", "0.75"),
        ("capacity_gw_wepp_id", "9.9"),
    ]);
    let atlantis = gppd_line(&[
        ("iso_code", "ZZZ"),
        ("country", "Atlantis"),
        ("total_capacity_gw", "1.0"),
        ("capacity_gw_fuel_solar", "1.0"),
    ]);
    format!("{GPPD_HEADER}\n{brazil}\n{atlantis}\n")
}

#[test]
fn gppd_summary_gives_total_and_per_fuel_capacity_in_gw_for_2020() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), &format!("{GPPD}/{GPPD_FILE}"), gppd_csv());
    let (c, files) = read(dir.path(), "wri-gppd-summary");
    c.assert_balanced();
    let rows = c.rows(|b| match b {
        Batch::Macro(r) => Some(r),
        _ => None,
    });
    // One total plus 15 capacity_gw_fuel_* columns, every one a number (zeros included): 16 rows.
    // capacity_gw_wepp_id is not a fuel and is not stored.
    assert_eq!(rows.len(), 16, "{rows:?}");
    assert!(rows
        .iter()
        .all(|m| m.country == "BRA" && m.year == 2020 && m.unit == "GW"));
    let value = |indicator: &str| {
        let hits: Vec<f64> = rows
            .iter()
            .filter(|m| m.indicator == indicator)
            .map(|m| m.value)
            .collect();
        assert_eq!(hits.len(), 1, "{indicator}: {rows:?}");
        hits[0]
    };
    assert_eq!(value("gppd_capacity_gw_total"), 2.5);
    assert_eq!(value("gppd_capacity_gw_hydro"), 1.75);
    assert_eq!(value("gppd_capacity_gw_wind"), 0.75);
    assert_eq!(value("gppd_capacity_gw_coal"), 0.0);
    assert_eq!(value("gppd_capacity_gw_wave_and_tidal"), 0.0);
    assert!(!rows.iter().any(|m| m.indicator.contains("wepp")));
    // Line 3: the unknown code rejects the line's 16 values at once.
    let rejects: Vec<(u64, &str, &str, u64)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str(), r.rows))
        .collect();
    assert_eq!(rejects, vec![(3, "iso_code", "ZZZ", 16)]);
    assert_eq!(c.read_total(), 32);
    // Unstated release.
    assert_eq!(files.read.len(), 1, "{:?}", files.read);
    assert!(
        files.read[0]
            .release
            .starts_with("unknown release (sha256 "),
        "{:?}",
        files.read
    );
}

#[test]
fn a_release_toml_in_the_folder_names_the_gppd_release() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), &format!("{GPPD}/{GPPD_FILE}"), gppd_csv());
    put(
        dir.path(),
        &format!("{GPPD}/release.toml"),
        "release = \"GPPD 1.3.0\"\n",
    );
    let (c, files) = read(dir.path(), "wri-gppd-summary");
    assert_eq!(files.read.len(), 1);
    assert_eq!(files.read[0].release, "GPPD 1.3.0 (stated in release.toml)");
    assert!(!c.batches.is_empty());
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "GPPD 1.3.0 (stated in release.toml)"));
}
