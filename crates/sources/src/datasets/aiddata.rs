//! AidData at William & Mary: Chinese official and development finance (GCOF 1.0, GCDF 2.0 and 3.0).

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, FinanceLocation, FinanceRecord, Iso3, MacroValue, Reject, Sink};
use crate::catalogue::{
    code, csv, file, iso3, name, sheet, skipped, CountryColumn, Dataset, IdKind, Obtain, Reader,
    Release, Republish, DOCS,
};
use crate::connect::{
    bad, column, flush, parse_number, resolve, sheet_column, utf8, year_of, Context,
};
use crate::read::{column_letter, read_table, Layout, ReadError};

/// AidData Global Chinese Official Finance Dataset 1.0.
pub const GCOF_1: Dataset = Dataset {
    id: "aiddata-gcof-1.0",
    folder: "finance/aiddata-gcof-1.0",
    title: "AidData Global Chinese Official Finance Dataset 1.0",
    publisher:
        "AidData at William & Mary — aiddata.org/data/chinese-global-official-finance-dataset",
    licence: "ODC-By 1.0",
    republish: Republish::Rows,
    files: &[
        file(
            "GlobalChineseOfficialFinanceDataset_v1.0.xlsx",
            &[sheet(
                "ChineseOfficialFinance1.0",
                1,
                &[
                    name("donor"),
                    name("recipient_condensed"),
                    CountryColumn {
                        column: "recipient_iso3",
                        kind: IdKind::CodeList(CodeScheme::Iso3),
                    },
                    CountryColumn {
                        column: "recipient_iso2",
                        kind: IdKind::CodeList(CodeScheme::Iso2),
                    },
                    CountryColumn {
                        column: "recipient_un_code",
                        kind: IdKind::CodeList(CodeScheme::Numeric),
                    },
                    CountryColumn {
                        column: "recipient_cow_code",
                        kind: IdKind::CodeList(CodeScheme::Cow),
                    },
                ],
            )],
        ),
        skipped("Readme_GlobalChineseOfficialFinanceDataset_v1.0.pdf", DOCS),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::FileName {
        pattern: r"_v(\d+\.\d+)\.xlsx$",
        label: "GCOF $1",
    },
    reader: Reader::Rows(aiddata_gcof),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/aiddata-gcof-1.0.tsv"),
        rest: None,
    },
};

/// AidData GCDF 3.0, country-year aggregates.
pub const GCDF3_AGGREGATES: Dataset = Dataset {
    id: "aiddata-gcdf-3.0-aggregates",
    folder: "finance/aiddata-gcdf-3.0-aggregates",
    title: "AidData GCDF 3.0, country-year aggregates",
    publisher: "AidData at William & Mary — aiddata.org/data/aiddatas-global-chinese-development-finance-dataset-version-3-0",
    licence: "ODC-By 1.0",
    republish: Republish::Rows,
    files: &[
        file("aiddataviz_gcdf_country_commitments.csv", &[csv(&[name("country_name"), iso3("iso3c")])]),
        skipped("aiddataviz_gcdf_yearly_flows.csv", "global totals, no country"),
        file("gcdf3_country_year_recommended_all.csv", &[csv(&[iso3("Country Code")])]),
        file("gcdf3_cow_year_flowclass_all.csv", &[csv(&[code("ccode", CodeScheme::Cow)])]),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(gcdf3_aggregates),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/aiddata-gcdf-3.0-aggregates.tsv"),
        rest: Some("the aiddataviz_* and gcdf3_cow_* tables were rewritten from their repositories' files as the folder's SOURCE.md describes; put them in the folder by hand"),
    },
};

/// AidData GCDF 3.0, project locations (ADM1 and ADM2).
pub const GCDF3_ADM_LOCATIONS: Dataset = Dataset {
    id: "aiddata-gcdf-3.0-adm-locations",
    folder: "finance/aiddata-gcdf-3.0-adm-locations",
    title: "AidData GCDF 3.0, project locations by ADM1 and ADM2 unit",
    publisher: "AidData at William & Mary — aiddata.org/data/aiddatas-global-chinese-development-finance-dataset-version-3-0 (zip, folder ADM Location Data)",
    licence: "ODC-By 1.0 (geometry attributes from geoBoundaries)",
    republish: Republish::Rows,
    files: &[
        // `shapeGroup` is the unit's ISO3 code, except for geoBoundaries' disputed areas
        // (`shapeID` DIS…, e.g. Aksai Chin, Gaza Strip), whose group is a number: it is not
        // declared as naming economies (numbers would not resolve); the reader rejects those
        // rows, naming the code.
        file("GCDF_3.0_ADM*_Locations.csv", &[csv(&[])]),
        skipped("GCDF3.0 ADM Files README.pdf", DOCS),
        skipped("Field Definitions_GCDF 3.0.pdf", DOCS),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::FileName {
        pattern: r"^GCDF_(\d+\.\d+)_",
        label: "GCDF $1",
    },
    reader: Reader::Rows(gcdf3_adm_locations),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/aiddata-gcdf-3.0-adm-locations.tsv"),
        rest: None,
    },
};

/// AidData GCDF 2.0: military and Huawei datasets, geocoded LAC projects.
pub const GCDF2_PARTIAL: Dataset = Dataset {
    id: "aiddata-gcdf-2.0-partial",
    folder: "finance/aiddata-gcdf-2.0-partial",
    title: "AidData GCDF 2.0: military and Huawei datasets, geocoded LAC projects",
    publisher: "AidData at William & Mary — aiddata.org",
    licence: "ODC-By 1.0 (geometry ODbL)",
    republish: Republish::Rows,
    files: &[
        file(
            "AidDatasGlobalChineseMilitaryFinanceDataset.xlsx",
            &[sheet(
                "Military",
                1,
                &[name("Financier Country"), name("Recipient")],
            )],
        ),
        file(
            "AidDatasGlobalHuaweiFinanceDataset.xlsx",
            &[sheet(
                "Huawei",
                1,
                &[name("Financier Country"), name("Recipient")],
            )],
        ),
        file(
            "gcdf2_geocoded_project_properties_lac.csv",
            &[csv(&[name("Recipient"), iso3("iso3")])],
        ),
        skipped("AIDDATA_2.0release_README.md", DOCS),
        skipped("AIDDATA_LICENSE.md", DOCS),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Workbook {
        label: "AidData workbook written $1",
    },
    reader: Reader::Rows(gcdf2_partial),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/aiddata-gcdf-2.0-partial.tsv"),
        rest: Some("gcdf2_geocoded_project_properties_lac.csv is cut from AidData's GCDF 2.0 project file as the folder's SOURCE.md describes; put it in the folder by hand"),
    },
};

/// AidData GCOF 1.0: one record per project; multi-country records go to the regional aggregate
/// named in `recipient_condensed`.
pub fn aiddata_gcof(
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
        let sheet = "ChineseOfficialFinance1.0";
        let table = read_table(
            path,
            Layout::Sheet {
                sheet,
                header_row: 1,
            },
        )?;
        let idx = |n: &str| {
            table.column(n).ok_or_else(|| ReadError::Workbook {
                path: path.clone(),
                sheet: sheet.into(),
                message: format!("column {n:?} not found"),
            })
        };
        let (id, title, rec, umb, year, agency, recipient, sector, flow, class, current, constant) = (
            idx("project_id")?,
            idx("title")?,
            idx("recommended_for_research")?,
            idx("umbrella")?,
            idx("year")?,
            idx("funding_agency")?,
            idx("recipient_condensed")?,
            idx("crs_sector_name")?,
            idx("flow")?,
            idx("flow_class")?,
            idx("usd_current")?,
            idx("usd_defl_2014")?,
        );
        let sheet_name = Some(sheet.to_string());
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (row, c) in &table.rows {
            let Some(recipient) = resolve(
                c[recipient].trim(),
                None,
                (&sheet_name, *row, "recipient_condensed"),
                &mut rejects,
            ) else {
                continue;
            };
            let Ok(year) = c[year].trim().parse::<i32>() else {
                rejects.push(Reject {
                    sheet: sheet_name.clone(),
                    row: *row,
                    column: format!("year ({})", column_letter(year)),
                    reason: "year is not a number".into(),
                    value: c[year].clone(),
                    rows: 1,
                });
                continue;
            };
            rows.push(FinanceRecord {
                record_id: c[id].clone(),
                title: c[title].trim().to_string(),
                lender: c[agency].clone(),
                recipient,
                year,
                sector: c[sector].clone(),
                flow_type: c[flow].clone(),
                flow_class: c[class].clone(),
                amount_usd_current: parse_number(&c[current]),
                amount_usd_constant: parse_number(&c[constant]),
                constant_base_year: Some(2014),
                recommended: c[rec].trim().eq_ignore_ascii_case("true") && c[umb].trim() != "1",
                umbrella: c[umb].trim() == "1",
            });
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::Finance(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// AidData GCDF 3.0 country-year aggregates (recommended for aggregates, constant 2021 USD).
pub fn gcdf3_aggregates(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
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
                        country,
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
            &cx.provenance(path),
            Batch::Macro(rows),
            rejects,
            read,
        )?;
    }
    Ok(())
}

/// AidData GCDF 2.0 military and Huawei datasets and geocoded LAC development projects
/// (project records, constant 2017 USD).
pub fn gcdf2_partial(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (sheet, flag) = if name == "gcdf2_geocoded_project_properties_lac.csv" {
            progress(path);
            gcdf2_geocoded(cx, path, sink)?;
            continue;
        } else if !name.ends_with(".xlsx") {
            continue;
        } else if name.contains("Military") {
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
        let fields = Gcdf2Columns::find(&col, flag, Some("Amount (Nominal)"))?;
        let recipient = col("Recipient")?;
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
            let Some(y) = year_of(&c[fields.year]) else {
                let year = &c[fields.year];
                rejects.push(bad(
                    Some(sheet),
                    *row,
                    "Commitment Year",
                    "not a year",
                    year,
                ));
                continue;
            };
            rows.push(fields.record(c, country, y));
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::Finance(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}

/// The fields of a GCDF 2.0 record, which its workbooks and the geocoded file name alike, by
/// column: the recommended flag's name differs by dataset, and only the workbooks have nominal
/// amounts.
struct Gcdf2Columns {
    id: usize,
    title: usize,
    recommended: usize,
    umbrella: usize,
    year: usize,
    agency: usize,
    sector: usize,
    flow: usize,
    class: usize,
    constant: usize,
    nominal: Option<usize>,
}

impl Gcdf2Columns {
    fn find(
        col: &dyn Fn(&str) -> Result<usize, ReadError>,
        recommended: &str,
        nominal: Option<&str>,
    ) -> Result<Gcdf2Columns, ReadError> {
        Ok(Gcdf2Columns {
            id: col("AidData TUFF Project ID")?,
            title: col("Title")?,
            recommended: col(recommended)?,
            umbrella: col("Umbrella")?,
            year: col("Commitment Year")?,
            agency: col("Funding Agencies")?,
            sector: col("AidData Sector Name")?,
            flow: col("Flow Type")?,
            class: col("Flow Class")?,
            constant: col("Amount (Constant USD2017)")?,
            nominal: nominal.map(col).transpose()?,
        })
    }

    /// The record of row `c` (constant 2017 US dollars), its recipient and year read already.
    fn record(&self, c: &[String], recipient: Iso3, year: i32) -> FinanceRecord {
        let text = |j: usize| c[j].trim().to_string();
        FinanceRecord {
            record_id: text(self.id),
            title: text(self.title),
            lender: text(self.agency),
            recipient,
            year,
            sector: text(self.sector),
            flow_type: text(self.flow),
            flow_class: text(self.class),
            amount_usd_current: self.nominal.and_then(|j| parse_number(&c[j])),
            amount_usd_constant: parse_number(&c[self.constant]),
            constant_base_year: Some(2017),
            recommended: c[self.recommended].trim() == "Yes",
            umbrella: c[self.umbrella].trim() == "Yes",
        }
    }
}

/// The geocoded GCDF 2.0 projects of LAC: the development finance records only, since the
/// military and Huawei records among them are read from their own workbooks (stored once).
/// The file has no nominal amounts.
fn gcdf2_geocoded(cx: &Context, path: &Path, sink: &mut dyn Sink) -> Result<(), ReadError> {
    let table = read_table(path, utf8())?;
    let col = |n: &str| column(&table, path, n);
    let fields = Gcdf2Columns::find(&col, "Recommended For Aggregates", None)?;
    let (iso3, kind) = (col("iso3")?, col("finance_type")?);
    let mut rows = Vec::new();
    let mut rejects = Vec::new();
    for (line, c) in &table.rows {
        if c[kind].trim() != "development" {
            let reason = "not a development record: military and Huawei records are read from their workbooks";
            rejects.push(bad(None, *line, "finance_type", reason, &c[kind]));
            continue;
        }
        let Some(recipient) = resolve(
            &c[iso3],
            Some(CodeScheme::Iso3),
            (&None, *line, "iso3"),
            &mut rejects,
        ) else {
            continue;
        };
        let Some(y) = year_of(&c[fields.year]) else {
            let year = &c[fields.year];
            rejects.push(bad(None, *line, "Commitment Year", "not a year", year));
            continue;
        };
        rows.push(fields.record(c, recipient, y));
    }
    flush(
        sink,
        &cx.provenance(path),
        Batch::Finance(rows),
        rejects,
        table.rows.len() as u64,
    )
}

/// AidData GCDF 3.0 ADM1 and ADM2 location files: one row per project and administrative unit,
/// the project's commitment (constant 2021 USD) split over its units two ways. Only projects
/// AidData could place on a map are there: never country totals.
pub fn gcdf3_adm_locations(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let level = match name {
            "GCDF_3.0_ADM1_Locations.csv" => 1,
            "GCDF_3.0_ADM2_Locations.csv" => 2,
            _ => continue,
        };
        progress(path);
        let table = read_table(path, utf8())?;
        let col = |n: &str| column(&table, path, n);
        let (id, unit, group, unit_name, inter, even, inter_value, even_value, lon, lat) = (
            col("id")?,
            col("shapeID")?,
            col("shapeGroup")?,
            col("shapeName")?,
            col("intersection_ratio")?,
            col("even_split_ratio")?,
            col("intersection_ratio_commitment_value")?,
            col("even_split_ratio_commitment_value")?,
            col("centroid_longitude")?,
            col("centroid_latitude")?,
        );
        let mut rows = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(country) = resolve(
                &c[group],
                Some(CodeScheme::Iso3),
                (&None, *line, "shapeGroup"),
                &mut rejects,
            ) else {
                continue;
            };
            let ratio = |j: usize, name: &str, rejects: &mut Vec<Reject>| {
                let v = parse_number(&c[j]).filter(|v| (0.0..=1.0).contains(v));
                if v.is_none() {
                    rejects.push(bad(None, *line, name, "not a ratio from 0 to 1", &c[j]));
                }
                v
            };
            let Some(intersection_ratio) = ratio(inter, "intersection_ratio", &mut rejects) else {
                continue;
            };
            let Some(even_split_ratio) = ratio(even, "even_split_ratio", &mut rejects) else {
                continue;
            };
            rows.push(FinanceLocation {
                record_id: c[id].trim().to_string(),
                country,
                level,
                unit_id: c[unit].trim().to_string(),
                unit_name: c[unit_name].trim().to_string(),
                intersection_ratio,
                even_split_ratio,
                value_intersection_usd: parse_number(&c[inter_value]),
                value_even_split_usd: parse_number(&c[even_value]),
                longitude: parse_number(&c[lon]),
                latitude: parse_number(&c[lat]),
            });
        }
        flush(
            sink,
            &cx.provenance(path),
            Batch::FinanceLocations(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}
