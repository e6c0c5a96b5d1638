//! Connectors for investment, power plants, events, memberships, culture and the smaller trade,
//! finance and macro files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use super::{
    column, flush, latin1, parse_number, provenance, resolve, resolve_counting, usd_from_millions,
    utf8,
};
use crate::canonical::{
    Batch, Event, FinanceRecord, Flow, Institution, InvestmentDeal, MacroValue, Membership,
    PowerPlant, ProductFlow, Reject, ReportedBy, Sink, TradeFlow,
};
use crate::read::{read_table, Layout, ReadError, Table};

type Progress<'a> = &'a mut dyn FnMut(&Path);

fn sheet_column(table: &Table, path: &Path, sheet: &str, name: &str) -> Result<usize, ReadError> {
    table.column(name).ok_or_else(|| ReadError::Workbook {
        path: path.to_path_buf(),
        sheet: sheet.to_string(),
        message: format!("column {name:?} not found in the header {:?}", table.header),
    })
}

fn bad(sheet: Option<&str>, row: u64, column: &str, reason: &str, value: &str) -> Reject {
    Reject {
        sheet: sheet.map(str::to_string),
        row,
        column: column.to_string(),
        reason: reason.to_string(),
        value: value.to_string(),
        rows: 1,
    }
}

fn year_of(text: &str) -> Option<i32> {
    let t = text.trim();
    t.parse::<i32>().ok().or_else(|| {
        parse_number(t)
            .filter(|v| v.fract() == 0.0)
            .map(|v| v as i32)
    })
}

/// AEI/Heritage China Global Investment Tracker: investments (Dataset 1), construction
/// (Dataset 2) and troubled transactions (Dataset 3). `Dataset 1+2` repeats 1 and 2 and is not read.
pub fn aei_cgit(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
    {
        progress(path);
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0u64;
        for (sheet, header_row, kind, investor_col) in [
            ("Dataset 1", 1, "investment", "Investor"),
            ("Dataset 2", 6, "construction", "Contractor"),
            ("Dataset 3", 6, "troubled", "Chinese Entity"),
        ] {
            let table = read_table(path, Layout::Sheet { sheet, header_row })?;
            let col = |n: &str| sheet_column(&table, path, sheet, n);
            let (year, month, investor, value, party, sector, subsector, country, bri) = (
                col("Year")?,
                col("Month")?,
                col(investor_col)?,
                col("Quantity in Millions")?,
                col("Transaction Party")?,
                col("Sector")?,
                col("Subsector")?,
                col("Country")?,
                col("BRI")?,
            );
            let share = table.column("Share Size");
            let greenfield = table.column("Greenfield");
            let sheet_name = Some(sheet.to_string());
            for (row, c) in &table.rows {
                if c.iter().all(|v| v.trim().is_empty()) {
                    continue;
                }
                read += 1;
                let Some(host) = resolve(
                    c[country].trim(),
                    None,
                    (&sheet_name, *row, "Country"),
                    &mut rejects,
                ) else {
                    continue;
                };
                let (Some(y), Some(millions)) = (year_of(&c[year]), parse_number(&c[value])) else {
                    rejects.push(bad(
                        Some(sheet),
                        *row,
                        "Year/Quantity in Millions",
                        "year or amount is not a number",
                        &c[value],
                    ));
                    continue;
                };
                rows.push(InvestmentDeal {
                    kind,
                    year: y,
                    month: month_number(&c[month]),
                    investor: c[investor].trim().to_string(),
                    value_usd: usd_from_millions(millions),
                    share: share.and_then(|i| parse_number(&c[i])),
                    counterpart: c[party].trim().to_string(),
                    sector: c[sector].trim().to_string(),
                    subsector: c[subsector].trim().to_string(),
                    country: host,
                    bri: c[bri].trim() == "1",
                    greenfield: greenfield.is_some_and(|i| c[i].trim().eq_ignore_ascii_case("G")),
                });
            }
        }
        flush(
            sink,
            &provenance("aei-cgit", root, path),
            Batch::Investment(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

fn month_number(text: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let t = text.trim().to_lowercase();
    MONTHS
        .iter()
        .position(|m| t.starts_with(m))
        .map(|i| i as u8 + 1)
}

/// WRI China Overseas Finance Inventory 2.2: one row per plant and investment.
pub fn wri_cofi(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
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
        );
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
            });
        }
        flush(
            sink,
            &provenance("wri-cofi", root, path),
            Batch::PowerPlants(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// ICEWS dyad-years: four quad-class counts per directed dyad and year.
pub fn icews(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
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
            let present = cols
                .iter()
                .filter(|(i, _)| parse_number(&c[*i]).is_some())
                .count() as u64;
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
            for (col, measure) in &cols {
                if let Some(value) = parse_number(&c[*col]) {
                    rows.push(Event {
                        actor: actor.clone(),
                        target: target.clone(),
                        person: None,
                        year: y,
                        date: None,
                        measure,
                        value,
                    });
                }
            }
        }
        flush(
            sink,
            &provenance("icews-dyad-year", root, path),
            Batch::Events(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// GDELT country graph: the daily China–LAC edge weight (Goldstein-based, undirected).
pub fn gdelt(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
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
                    actor: "CHN".into(),
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
            &provenance("gdelt-country-graph", root, path),
            Batch::Events(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// China Vitae: one engagement per leader, country and day, with the leader's name. A record is a
/// trip (`leader_trip`) when the leader travelled to the country it names ("Xi Jinping travelled
/// to Peru, Lima …" for Peru); meetings during a trip with leaders of other countries ("travelled
/// to Peru … met with … (Colombian President)", filed under Colombia) and meetings at home are
/// engagements (`leader_engagement`).
pub fn chinavitae(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        progress(path);
        let table = read_table(path, utf8())?;
        let (date, country, text) = (
            column(&table, path, "date")?,
            column(&table, path, "country")?,
            column(&table, path, "text")?,
        );
        let leader = table.column("leader");
        let mut destinations: HashMap<String, Option<String>> = HashMap::new();
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(target) = resolve(&c[country], None, (&None, *line, "country"), &mut rejects)
            else {
                continue;
            };
            let Some(year) = c[date].get(..4).and_then(|y| y.parse::<i32>().ok()) else {
                rejects.push(bad(None, *line, "date", "not a date", &c[date]));
                continue;
            };
            // "… travelled to Peru, Lima …": the destination is the name before the first comma.
            let destination = c[text]
                .split_once("travelled to ")
                .and_then(|(_, rest)| rest.split(',').next())
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .and_then(|d| {
                    destinations
                        .entry(d.to_string())
                        .or_insert_with(|| {
                            resolve(d, None, (&None, *line, "text"), &mut Vec::new())
                        })
                        .clone()
                });
            let measure = if destination.as_deref() == Some(target.as_str()) {
                "leader_trip"
            } else {
                "leader_engagement"
            };
            rows.push(Event {
                actor: "CHN".into(),
                target,
                person: leader
                    .map(|i| c[i].trim().to_string())
                    .filter(|p| !p.is_empty()),
                year,
                date: Some(c[date].trim().to_string()),
                measure,
                value: 1.0,
            });
        }
        flush(
            sink,
            &provenance("chinavitae", root, path),
            Batch::Events(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// GFDC: BRI members with their likely dates of joining and exit.
pub fn gfdc_bri(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
    {
        progress(path);
        let sheet = "BRI countries";
        let table = read_table(
            path,
            Layout::Sheet {
                sheet,
                header_row: 1,
            },
        )?;
        let col = |n: &str| sheet_column(&table, path, sheet, n);
        let (code, joined, exited) = (
            col("Country Code")?,
            col("Likely date of joining")?,
            col("Likely date of exit")?,
        );
        let sheet_name = Some(sheet.to_string());
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0;
        for (row, c) in &table.rows {
            if c[code].trim().is_empty() {
                continue;
            }
            read += 1;
            let Some(country) = resolve(
                &c[code],
                Some(CodeScheme::Iso3),
                (&sheet_name, *row, "Country Code"),
                &mut rejects,
            ) else {
                continue;
            };
            let date = |t: &str| {
                Some(t.trim())
                    .filter(|t| t.len() == 10 && t.as_bytes()[4] == b'-')
                    .map(str::to_string)
            };
            rows.push(Membership {
                country,
                organisation: "BRI",
                joined: date(&c[joined]),
                exited: date(&c[exited]),
                note: if date(&c[joined]).is_none() {
                    c[joined].trim().to_string()
                } else {
                    String::new()
                },
            });
        }
        flush(
            sink,
            &provenance("gfdc-bri", root, path),
            Batch::Memberships(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// Confucius Institutes (NC State LAS compilation).
pub fn confucius(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        progress(path);
        let table = read_table(path, utf8())?;
        let col = |n: &str| column(&table, path, n);
        let (name, city, country, date, status) = (
            col("confucius_institute")?,
            col("nearest_city")?,
            col("country")?,
            col("date_est")?,
            col("status")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(host) = resolve(&c[country], None, (&None, *line, "country"), &mut rejects)
            else {
                continue;
            };
            let founded = us_short_date(&c[date]);
            rows.push(Institution {
                country: host,
                kind: "confucius_institute",
                name: c[name].trim().to_string(),
                city: c[city].trim().to_string(),
                year: founded.as_deref().and_then(|d| d[..4].parse().ok()),
                founded,
                status: c[status].trim().to_string(),
            });
        }
        flush(
            sink,
            &provenance("confucius-institutes", root, path),
            Batch::Culture(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// M/D/YY (the compilation's format) to YYYY-MM-DD; two-digit years are 20YY (all are 2004 or later).
fn us_short_date(text: &str) -> Option<String> {
    let parts: Vec<u32> = text
        .trim()
        .split('/')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [m, d, y] if (1..=12).contains(m) && (1..=31).contains(d) => {
            let year = if *y < 100 { 2000 + y } else { *y };
            Some(format!("{year:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

/// UN DESA migrant stock born in China (and in the USA) by destination, 2000–2020.
pub fn un_desa_migrants(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
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
                        country: country.clone(),
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
            &provenance("un-desa-migrant-stock", root, path),
            Batch::Macro(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// WRI Global Power Plant Database country summary: national capacity by fuel (the denominator).
pub fn gppd_summary(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
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
            let present = series
                .iter()
                .filter(|(i, _)| parse_number(&c[*i]).is_some())
                .count() as u64;
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
            for (i, indicator) in &series {
                if let Some(value) = parse_number(&c[*i]) {
                    // GPPD v1.3.0 is a snapshot of about 2019–2020; stored under 2020.
                    rows.push(MacroValue {
                        country: country.clone(),
                        year: 2020,
                        indicator: indicator.clone(),
                        value,
                        unit: "GW",
                    });
                }
            }
        }
        flush(
            sink,
            &provenance("wri-gppd-summary", root, path),
            Batch::Macro(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// Export concentration: Atlas HS4 indices (1995–2023) and the IMF diversification index (wide, Latin-1).
pub fn export_concentration(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
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
                            country: country.clone(),
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
                            country: country.clone(),
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
            &provenance("export-concentration-indices", root, path),
            Batch::Macro(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// Exports by country and HS4 product, 2017 (to the world; values run high: use for shares).
pub fn hs4_exports_2017(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        progress(path);
        let table = read_table(path, utf8())?;
        let (iso, product, value) = (
            column(&table, path, "reporter_iso")?,
            column(&table, path, "product_code")?,
            column(&table, path, "export_value_usd")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let mut read = 0u64;
        for (line, c) in &table.rows {
            // Empty values (NaN in the R data) are absent trade, not a reading.
            let Some(value_usd) = parse_number(&c[value]) else {
                continue;
            };
            read += 1;
            let Some(reporter) = resolve(
                &c[iso],
                Some(CodeScheme::Iso3),
                (&None, *line, "reporter_iso"),
                &mut rejects,
            ) else {
                continue;
            };
            rows.push(ProductFlow {
                reporter,
                partner: "WLD".into(),
                product: format!("{:0>4}", c[product].trim()),
                nomenclature: "HS",
                level: 4,
                flow: Flow::Export,
                year: 2017,
                value_usd,
                quantity: None,
                reported_by: ReportedBy::Reporter,
            });
        }
        flush(
            sink,
            &provenance("hs4-exports-2017", root, path),
            Batch::TradeByProduct(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// Argendata: Argentina's exports and imports by Lall class (or primary/manufactures) and partner.
pub fn argendata(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (flow, partner_col, value_col, class_col, nomenclature) = match name {
            "argentina_exports_by_lall_class_and_destination.csv" => (
                Flow::Export,
                "importer_iso3",
                "expo",
                "clasificacion_lall",
                "LALL",
            ),
            "argentina_imports_by_lall_class_and_origin.csv" => (
                Flow::Import,
                "exporter_iso3",
                "impo",
                "clasificacion_lall",
                "LALL",
            ),
            "argentina_exports_by_primary_manuf_and_destination.csv" => (
                Flow::Export,
                "importer_iso3",
                "expo",
                "tipo_bien",
                "PRIMARY-MANUF",
            ),
            "argentina_imports_by_type_and_origin.csv" => (
                Flow::Import,
                "exporter_iso3",
                "impo",
                "tipo_bien",
                "IMPORT-TYPE",
            ),
            _ => continue,
        };
        progress(path);
        let table = read_table(path, utf8())?;
        let (year, partner, value, class) = (
            column(&table, path, "anio")?,
            column(&table, path, partner_col)?,
            column(&table, path, value_col)?,
            column(&table, path, class_col)?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(partner) = resolve(
                &c[partner],
                Some(CodeScheme::Iso3),
                (&None, *line, partner_col),
                &mut rejects,
            ) else {
                continue;
            };
            match (year_of(&c[year]), parse_number(&c[value])) {
                (Some(y), Some(thousands)) => rows.push(ProductFlow {
                    reporter: "ARG".into(),
                    partner,
                    product: c[class].trim().to_string(),
                    nomenclature,
                    level: 0,
                    flow,
                    year: y,
                    value_usd: (thousands * 1000.0).round(),
                    quantity: None,
                    reported_by: ReportedBy::Reporter,
                }),
                _ => rejects.push(bad(
                    None,
                    *line,
                    value_col,
                    "year or value is not a number",
                    &c[value],
                )),
            }
        }
        flush(
            sink,
            &provenance("argendata-argentina-lall", root, path),
            Batch::TradeByProduct(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// China's imports by partner, top five HS2 chapters, 2014 (GACC via The Guardian).
pub fn guardian(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files.iter().filter(|p| {
        p.file_name()
            .is_some_and(|n| n == "china_imports_top5_hs2_by_partner_2014.csv")
    }) {
        progress(path);
        let table = read_table(path, utf8())?;
        let (iso, hs2, value) = (
            column(&table, path, "iso3")?,
            column(&table, path, "hs2")?,
            column(&table, path, "value_usd")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(partner) = resolve(
                &c[iso],
                Some(CodeScheme::Iso3),
                (&None, *line, "iso3"),
                &mut rejects,
            ) else {
                continue;
            };
            let Some(value_usd) = parse_number(&c[value]) else {
                rejects.push(bad(None, *line, "value_usd", "not a number", &c[value]));
                continue;
            };
            rows.push(ProductFlow {
                reporter: "CHN".into(),
                partner,
                product: format!("{:0>2}", c[hs2].trim()),
                nomenclature: "HS",
                level: 2,
                flow: Flow::Import,
                year: 2014,
                value_usd,
                quantity: None,
                reported_by: ReportedBy::Reporter,
            });
        }
        flush(
            sink,
            &provenance("guardian-china-imports-2014", root, path),
            Batch::TradeByProduct(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// Where each key was first read in a dataset: file, row and value.
type FirstSeen<K> = HashMap<K, (String, u64, f64)>;

/// Records the key's first reading; for a later one, says where the first was and whether the
/// values agree. The CIPF tables overlap (China's exports to Brazil are in Brazil's partner table
/// and in China's table of trade with the Portuguese-speaking countries): a repeat is rejected,
/// naming the reading that is kept, so nothing is summed twice.
fn repeat_of<K: std::hash::Hash + Eq>(
    seen: &mut FirstSeen<K>,
    key: K,
    value: f64,
    file: &str,
    row: u64,
) -> Option<String> {
    match seen.get(&key) {
        Some((first_file, first_row, first_value)) => Some(format!(
            "repeats {first_file} row {first_row} ({}); stored once",
            if *first_value == value {
                "the same value"
            } else {
                "a different value, which is kept"
            }
        )),
        None => {
            seen.insert(key, (file.to_string(), row, value));
            None
        }
    }
}

/// Pushes a trade flow unless the dataset already gave its reporter, partner, flow and year.
fn push_once(
    seen: &mut FirstSeen<(String, String, Flow, i32)>,
    file: &str,
    (sheet, row, column): (&str, u64, &str),
    flow: TradeFlow,
    rows: &mut Vec<TradeFlow>,
    rejects: &mut Vec<Reject>,
) {
    let key = (
        flow.reporter.clone(),
        flow.partner.clone(),
        flow.flow,
        flow.year,
    );
    match repeat_of(seen, key, flow.value_usd, file, row) {
        Some(repeat) => rejects.push(bad(
            Some(sheet),
            row,
            column,
            &format!(
                "{} {} {} {} {repeat}",
                flow.reporter,
                flow.flow.as_str(),
                flow.partner,
                flow.year
            ),
            &flow.value_usd.to_string(),
        )),
        None => rows.push(flow),
    }
}

/// UN Comtrade partner tables: each reporter's own imports from and exports to China (and
/// Brazil), and China's reported trade with the Portuguese-speaking countries.
pub fn comtrade_cipf_partner(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    let mut seen = FirstSeen::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
    {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let sheet = "Sheet1";
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        let sheet_name = Some(sheet.to_string());
        let read;
        if name.contains("_2.1.1_") || name.contains("_3.1.1_") {
            progress(path);
            let table = read_table(
                path,
                Layout::Sheet {
                    sheet,
                    header_row: 1,
                },
            )?;
            let col = |n: &str| sheet_column(&table, path, sheet, n);
            let (year, flow, partner, reporter, value) = (
                col("refYear")?,
                col("flowCode")?,
                col("partnerDesc")?,
                col("reporterDesc")?,
                col("partner_sum")?,
            );
            read = table.rows.len() as u64;
            for (row, c) in &table.rows {
                let Some(rep) = resolve(
                    &c[reporter],
                    None,
                    (&sheet_name, *row, "reporterDesc"),
                    &mut rejects,
                ) else {
                    continue;
                };
                let Some(par) = resolve(
                    &c[partner],
                    None,
                    (&sheet_name, *row, "partnerDesc"),
                    &mut rejects,
                ) else {
                    continue;
                };
                let flow = match c[flow].trim() {
                    "M" => Flow::Import,
                    "X" => Flow::Export,
                    other => {
                        rejects.push(bad(Some(sheet), *row, "flowCode", "neither M nor X", other));
                        continue;
                    }
                };
                match (year_of(&c[year]), parse_number(&c[value])) {
                    (Some(y), Some(value_usd)) => push_once(
                        &mut seen,
                        &name,
                        (sheet, *row, "partner_sum"),
                        TradeFlow {
                            reporter: rep,
                            partner: par,
                            flow,
                            year: y,
                            value_usd,
                            reported_by: ReportedBy::Reporter,
                            estimated: false,
                        },
                        &mut rows,
                        &mut rejects,
                    ),
                    _ => rejects.push(bad(
                        Some(sheet),
                        *row,
                        "refYear/partner_sum",
                        "not a number",
                        &c[value],
                    )),
                }
            }
        } else if name.starts_with("cn_plp_trocas") {
            progress(path);
            let table = read_table(
                path,
                Layout::Sheet {
                    sheet,
                    header_row: 1,
                },
            )?;
            let col = |n: &str| sheet_column(&table, path, sheet, n);
            let (year, partner, exports, imports) = (
                col("refYear")?,
                col("partnerDesc")?,
                col("Exportações")?,
                col("Importações")?,
            );
            let mut count = 0u64;
            for (row, c) in &table.rows {
                let present: Vec<(usize, Flow)> =
                    [(exports, Flow::Export), (imports, Flow::Import)]
                        .into_iter()
                        .filter(|(i, _)| parse_number(&c[*i]).is_some())
                        .collect();
                count += present.len() as u64;
                let Some(par) = resolve_counting(
                    &c[partner],
                    None,
                    (&sheet_name, *row, "partnerDesc"),
                    present.len() as u64,
                    &mut rejects,
                ) else {
                    continue;
                };
                let Some(y) = year_of(&c[year]) else {
                    let mut reject = bad(Some(sheet), *row, "refYear", "not a year", &c[year]);
                    reject.rows = present.len() as u64;
                    rejects.push(reject);
                    continue;
                };
                for (i, flow) in present {
                    let column = if flow == Flow::Export {
                        "Exportações"
                    } else {
                        "Importações"
                    };
                    push_once(
                        &mut seen,
                        &name,
                        (sheet, *row, column),
                        TradeFlow {
                            reporter: "CHN".into(),
                            partner: par.clone(),
                            flow,
                            year: y,
                            value_usd: parse_number(&c[i]).expect("checked"),
                            reported_by: ReportedBy::Reporter,
                            estimated: false,
                        },
                        &mut rows,
                        &mut rejects,
                    );
                }
            }
            read = count;
        } else {
            continue;
        }
        flush(
            sink,
            &provenance("comtrade-cipf-partner-tables", root, path),
            Batch::TradeFlows(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// AidData GCDF 3.0 country-year aggregates (recommended for aggregates, constant 2021 USD).
pub fn gcdf3_aggregates(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files.iter().filter(|p| {
        p.file_name()
            .is_some_and(|n| n == "gcdf3_country_year_recommended_all.csv")
    }) {
        progress(path);
        let table = read_table(path, utf8())?;
        let (code, year, usd, projects) = (
            column(&table, path, "Country Code")?,
            column(&table, path, "year")?,
            column(&table, path, "usd_const_2021")?,
            column(&table, path, "projects")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(country) = resolve(
                &c[code],
                Some(CodeScheme::Iso3),
                (&None, *line, "Country Code"),
                &mut rejects,
            ) else {
                continue;
            };
            match (
                year_of(&c[year]),
                parse_number(&c[usd]),
                parse_number(&c[projects]),
            ) {
                (Some(y), Some(value), Some(n)) => {
                    rows.push(MacroValue {
                        country: country.clone(),
                        year: y,
                        indicator: "gcdf3_commitments_usd_const2021".into(),
                        value,
                        unit: "USD (constant 2021)",
                    });
                    rows.push(MacroValue {
                        country,
                        year: y,
                        indicator: "gcdf3_projects".into(),
                        value: n,
                        unit: "projects",
                    });
                }
                _ => rejects.push(bad(
                    None,
                    *line,
                    "year/usd_const_2021",
                    "not a number",
                    &c[usd],
                )),
            }
        }
        // Each line gives two series, so each line is two rows read.
        let read = 2 * table.rows.len() as u64;
        for r in &mut rejects {
            r.rows = 2;
        }
        flush(
            sink,
            &provenance("aiddata-gcdf-3.0-aggregates", root, path),
            Batch::Macro(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// AidData GCDF 2.0 military and Huawei datasets (project records, constant 2017 USD).
pub fn gcdf2_partial(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
    {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (sheet, flag) = if name.contains("Military") {
            ("Military", "Recommended For Military Aggregates")
        } else if name.contains("Huawei") {
            ("Huawei", "Recommended For Huawei Aggregates")
        } else {
            continue;
        };
        progress(path);
        let table = read_table(
            path,
            Layout::Sheet {
                sheet,
                header_row: 1,
            },
        )?;
        let col = |n: &str| sheet_column(&table, path, sheet, n);
        let (id, rec, umb, recipient, year, agency, sector, flow, class, constant, nominal) = (
            col("AidData TUFF Project ID")?,
            col(flag)?,
            col("Umbrella")?,
            col("Recipient")?,
            col("Commitment Year")?,
            col("Funding Agencies")?,
            col("AidData Sector Name")?,
            col("Flow Type")?,
            col("Flow Class")?,
            col("Amount (Constant USD2017)")?,
            col("Amount (Nominal)")?,
        );
        let sheet_name = Some(sheet.to_string());
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (row, c) in &table.rows {
            let Some(country) = resolve(
                c[recipient].trim(),
                None,
                (&sheet_name, *row, "Recipient"),
                &mut rejects,
            ) else {
                continue;
            };
            let Some(y) = year_of(&c[year]) else {
                rejects.push(bad(
                    Some(sheet),
                    *row,
                    "Commitment Year",
                    "not a year",
                    &c[year],
                ));
                continue;
            };
            rows.push(FinanceRecord {
                record_id: c[id].trim().to_string(),
                lender: c[agency].trim().to_string(),
                recipient: country,
                year: y,
                sector: c[sector].trim().to_string(),
                flow_type: c[flow].trim().to_string(),
                flow_class: c[class].trim().to_string(),
                amount_usd_current: parse_number(&c[nominal]),
                amount_usd_constant: parse_number(&c[constant]),
                constant_base_year: Some(2017),
                recommended: c[rec].trim() == "Yes",
                umbrella: c[umb].trim() == "Yes",
            });
        }
        flush(
            sink,
            &provenance("aiddata-gcdf-2.0-partial", root, path),
            Batch::Finance(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// China-reported trade anchors quoted from public pages: China's exports to and imports from a
/// partner go to `trade_flows`; total trade (exports + imports) to `macro` as
/// `china_reported_trade_with_china_usd` (or `_cny`). Quarterly figures are kept in `rejects`.
pub fn china_anchors(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        progress(path);
        let table = read_table(path, utf8())?;
        let col = |n: &str| column(&table, path, n);
        let (year, partner, measure, value, unit) = (
            col("year")?,
            col("partner")?,
            col("measure")?,
            col("value")?,
            col("unit")?,
        );
        let mut flows = Vec::new();
        let mut macros = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(par) = resolve(&c[partner], None, (&None, *line, "partner"), &mut rejects)
            else {
                continue;
            };
            let Some(y) = year_of(&c[year]) else {
                rejects.push(bad(
                    None,
                    *line,
                    "year",
                    "not a calendar year (quarterly anchors are not stored as annual values)",
                    &c[year],
                ));
                continue;
            };
            let Some(billions) = parse_number(&c[value]) else {
                rejects.push(bad(None, *line, "value", "not a number", &c[value]));
                continue;
            };
            let unit_text = c[unit].trim();
            let amount = (billions * 1e9).round();
            match (
                c[measure].trim(),
                unit_text.starts_with("USD bn"),
                unit_text.starts_with("CNY bn"),
            ) {
                ("china_exports", true, _) | ("china_imports", true, _) => flows.push(TradeFlow {
                    reporter: "CHN".into(),
                    partner: par,
                    flow: if c[measure].trim() == "china_exports" {
                        Flow::Export
                    } else {
                        Flow::Import
                    },
                    year: y,
                    value_usd: amount,
                    reported_by: ReportedBy::Reporter,
                    estimated: unit_text.contains("approx"),
                }),
                ("total_trade", true, _) => macros.push(MacroValue {
                    country: par,
                    year: y,
                    indicator: "china_reported_trade_with_china_usd".into(),
                    value: amount,
                    unit: "USD",
                }),
                ("total_trade", _, true) => macros.push(MacroValue {
                    country: par,
                    year: y,
                    indicator: "china_reported_trade_with_china_cny".into(),
                    value: amount,
                    unit: "CNY",
                }),
                _ => rejects.push(bad(
                    None,
                    *line,
                    "measure/unit",
                    "measure and unit not understood",
                    &format!("{} {}", c[measure], unit_text),
                )),
            }
        }
        let prov = provenance("china-reported-anchors", root, path);
        sink.rows_read(&prov, table.rows.len() as u64);
        for r in rejects {
            sink.reject(&prov, r);
        }
        for batch in [Batch::TradeFlows(flows), Batch::Macro(macros)] {
            if !batch.is_empty() {
                sink.write(&prov, batch).map_err(|m| ReadError::Io {
                    path: path.clone(),
                    source: std::io::Error::other(m),
                })?;
            }
        }
    }
    Ok(())
}

/// The hand-compiled LAC-33 diplomacy table: the date each state's current relations with the
/// PRC began, as `memberships` of `PRC_RELATIONS` (the curated facts hold the full history).
pub fn lac33_diplomacy(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        progress(path);
        let table = read_table(path, utf8())?;
        let col = |n: &str| column(&table, path, n);
        let (iso, date, status, history) = (
            col("iso3")?,
            col("prc_relations_established")?,
            col("recognises_as_of_2023_2025")?,
            col("history_note")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(country) = resolve(
                &c[iso],
                Some(CodeScheme::Iso3),
                (&None, *line, "iso3"),
                &mut rejects,
            ) else {
                continue;
            };
            let joined = Some(c[date].trim().to_string()).filter(|d| !d.is_empty());
            let note = [c[status].trim(), c[history].trim()]
                .iter()
                .filter(|t| !t.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("; ");
            rows.push(Membership {
                country,
                organisation: "PRC_RELATIONS",
                joined,
                exited: None,
                note,
            });
        }
        flush(
            sink,
            &provenance("lac33-diplomacy", root, path),
            Batch::Memberships(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// UN Comtrade product tables (top-N extracts at HS6, and China's top HS2 chapters with the
/// Portuguese-speaking countries). Where a file has no partner column, the partner is the
/// economy its name starts with (`Brazil_3.3_…`: exporters to Brazil).
pub fn comtrade_cipf_products(
    root: &Path,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: Progress,
) -> Result<(), ReadError> {
    let mut seen = FirstSeen::new();
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if name.starts_with("China_3.2_") || !(name.ends_with(".csv") || name.ends_with(".csv.gz"))
        {
            continue;
        }
        progress(path);
        let table = read_table(path, utf8())?;
        let reporter = column(&table, path, "reporterDesc")?;
        let partner = table.column("partnerDesc");
        let (year, flow, cmd) = (
            column(&table, path, "refYear")?,
            column(&table, path, "flowCode").ok(),
            column(&table, path, "cmdCode")?,
        );
        let value = ["primaryValue", "cmd_partner_sum", "partner_cmd_sum"]
            .iter()
            .find_map(|c| table.column(c))
            .ok_or_else(|| ReadError::Csv {
                path: path.clone(),
                line: 1,
                message: "no value column (primaryValue, cmd_partner_sum or partner_cmd_sum)"
                    .into(),
            })?;
        let implied_partner = match name.split('_').next() {
            Some("Brazil") => "BRA",
            _ => "CHN",
        };
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(rep) = resolve(
                &c[reporter],
                None,
                (&None, *line, "reporterDesc"),
                &mut rejects,
            ) else {
                continue;
            };
            let par = match partner {
                Some(i) => {
                    match resolve(&c[i], None, (&None, *line, "partnerDesc"), &mut rejects) {
                        Some(p) => p,
                        None => continue,
                    }
                }
                None => implied_partner.to_string(),
            };
            // Files without flowCode are the alternative-supplier tables: importers' imports.
            let flow = match flow.map(|i| c[i].trim()) {
                Some("X") => Flow::Export,
                Some("M") | None => Flow::Import,
                Some(other) => {
                    rejects.push(bad(None, *line, "flowCode", "neither M nor X", other));
                    continue;
                }
            };
            let code = c[cmd].trim().to_string();
            match (year_of(&c[year]), parse_number(&c[value])) {
                (Some(y), Some(value_usd)) => {
                    let key = (rep.clone(), par.clone(), flow, code.clone(), y);
                    if let Some(repeat) = repeat_of(&mut seen, key, value_usd, &name, *line) {
                        rejects.push(bad(
                            None,
                            *line,
                            &table.header[value],
                            &format!("{rep} {} {par} HS {code} {y} {repeat}", flow.as_str()),
                            &c[value],
                        ));
                        continue;
                    }
                    rows.push(ProductFlow {
                        reporter: rep,
                        partner: par,
                        level: code.len() as u8,
                        product: code,
                        nomenclature: "HS",
                        flow,
                        year: y,
                        value_usd,
                        quantity: None,
                        reported_by: ReportedBy::Reporter,
                    })
                }
                _ => rejects.push(bad(None, *line, "refYear/value", "not a number", &c[value])),
            }
        }
        flush(
            sink,
            &provenance("comtrade-cipf-product-tables", root, path),
            Batch::TradeByProduct(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_us_dates_and_month_names_parse() {
        assert_eq!(us_short_date("2/26/06").as_deref(), Some("2006-02-26"));
        assert_eq!(us_short_date("12/1/2015").as_deref(), Some("2015-12-01"));
        assert_eq!(us_short_date("13/1/15"), None);
        assert_eq!(us_short_date(""), None);
        assert_eq!(month_number("January"), Some(1));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number(""), None);
    }
}
