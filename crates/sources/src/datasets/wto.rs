//! World Trade Organization: merchandise trade by product group.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Flow, Iso3, ProductFlow, Reject, ReportedBy, Sink};
use crate::catalogue::{
    code, csv, file, iso3, latin1_csv, name, skipped, Dataset, Obtain, Reader, Release, Republish,
    DOCS,
};
use crate::connect::{column, flush, latin1, parse_number, resolve, usd_from_millions, Context};
use crate::read::{read_table, ReadError};

/// WTO merchandise trade by product group.
pub const PRODUCT_GROUPS: Dataset = Dataset {
    id: "wto-product-groups",
    folder: "trade/wto-product-groups",
    title: "WTO merchandise trade by product group",
    publisher: "WTO Stats — stats.wto.org",
    licence: "WTO terms, attribution",
    republish: Republish::Rows,
    files: &[
        file(
            "WtoData_20200510015454_manufactures_exports_raw.csv",
            &[latin1_csv(&[
                code("Reporting Economy Code", CodeScheme::Wto),
                iso3("Reporting Economy ISO3A Code"),
                name("Reporting Economy"),
                code("Partner Economy Code", CodeScheme::Wto),
                iso3("Partner Economy ISO3A Code"),
                name("Partner Economy"),
            ])],
        ),
        file(
            "WtoMetadata_20200510015455.csv",
            &[csv(&[
                code("Reporting Economy Code", CodeScheme::Wto),
                iso3("Reporting Economy ISO3A Code"),
                name("Reporting Economy"),
            ])],
        ),
        file(
            "wto_imports_by_mtn_category_2015_98reporters.csv",
            &[csv(&[iso3("country")])],
        ),
        file(
            "wto_merchandise_values_annual_2019_2020.csv",
            &[csv(&[
                code("ReporterCode", CodeScheme::Wto),
                iso3("ReporterISO3A"),
                name("Reporter"),
            ])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::FileName {
        pattern: r"^WtoData_(\d{4})(\d{2})(\d{2})",
        label: "WTO Stats extract $1-$2-$3",
    },
    reader: Reader::Rows(wto_product_groups),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/wto-product-groups.tsv"),
        rest: Some("wto_imports_by_mtn_category_2015_98reporters.csv was converted as the folder's SOURCE.md describes; put it in the folder by hand"),
    },
};

/// Where several WTO economies resolve to one country for the same year, product and flow
/// ("Ethiopia (+ Eritrea)" and "Ethiopia", "Germany, Federal Republic of" and "Germany" in 1990),
/// keeps the row WTO files under the country's own ISO code and rejects the others; when no row
/// or several rows have it, all are rejected. Nothing is summed.
fn one_economy_per_country(
    rows: Vec<ProductFlow>,
    lines: &[(u64, String, bool)],
    column: &str,
    rejects: &mut Vec<Reject>,
) -> Vec<ProductFlow> {
    let mut groups: HashMap<(Iso3, String, Flow, i32), Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        groups
            .entry((row.reporter, row.product.clone(), row.flow, row.year))
            .or_default()
            .push(i);
    }
    let mut keep = vec![true; rows.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        let own: Vec<usize> = members.iter().copied().filter(|i| lines[*i].2).collect();
        let kept = (own.len() == 1).then(|| own[0]);
        for &i in members {
            if Some(i) == kept {
                continue;
            }
            keep[i] = false;
            let (line, code, _) = &lines[i];
            let reason = match kept {
                Some(k) => format!(
                    "WTO economy {code} resolves to {}, which line {} reports under its own code for the same year, product and flow: that line is kept, this one is not stored (never summed)",
                    rows[i].reporter, lines[k].0
                ),
                None => format!(
                    "WTO economies {} all resolve to {} for {} {} {}: which one is the country cannot be told, so none is stored",
                    members.iter().map(|m| lines[*m].1.as_str()).collect::<Vec<_>>().join(", "),
                    rows[i].reporter,
                    rows[i].year,
                    rows[i].product,
                    rows[i].flow.as_str()
                ),
            };
            rejects.push(Reject {
                sheet: None,
                row: *line,
                column: column.into(),
                reason,
                value: code.clone(),
                rows: 1,
            });
        }
    }
    rows.into_iter()
        .zip(keep)
        .filter_map(|(row, keep)| keep.then_some(row))
        .collect()
}

/// WTO: manufactures exports by product group (SITC Rev.3 groups) and the 2019–2020 merchandise file.
pub fn wto_product_groups(
    cx: &Context,
    files: &[PathBuf],
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Path),
) -> Result<(), ReadError> {
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (layout, reporter, product, year, value, indicator, flow_fixed) =
            if name.starts_with("WtoData_") {
                (
                    latin1(),
                    "Reporting Economy Code",
                    "Product/Sector Code",
                    "Year",
                    "Value",
                    None,
                    Some(Flow::Export),
                )
            } else if name.starts_with("wto_merchandise_values") {
                (
                    latin1(),
                    "ReporterCode",
                    "ProductCode",
                    "Year",
                    "Value",
                    Some("Indicator"),
                    None,
                )
            } else {
                continue;
            };
        progress(path);
        let table = read_table(path, layout)?;
        let (r, p, y, v) = (
            column(&table, path, reporter)?,
            column(&table, path, product)?,
            column(&table, path, year)?,
            column(&table, path, value)?,
        );
        let ind = indicator.map(|i| column(&table, path, i)).transpose()?;
        // The ISO code WTO gives the reporter, where the file has the column: it tells the
        // economy itself from a historic one that resolves to the same country.
        let iso = table.column("Reporting Economy ISO3A Code");
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        let mut rejects = Vec::new();
        for (line, c) in &table.rows {
            let Some(country) = resolve(
                &c[r],
                Some(CodeScheme::Wto),
                (&None, *line, reporter),
                &mut rejects,
            ) else {
                continue;
            };
            let flow = match (flow_fixed, ind.map(|i| c[i].as_str())) {
                (Some(f), _) => f,
                (None, Some("Export")) => Flow::Export,
                (None, Some("Import")) => Flow::Import,
                (None, other) => {
                    rejects.push(Reject {
                        sheet: None,
                        row: *line,
                        column: "Indicator".into(),
                        reason: "neither Export nor Import".into(),
                        value: other.unwrap_or("").into(),
                        rows: 1,
                    });
                    continue;
                }
            };
            match (c[y].trim().parse::<i32>(), parse_number(&c[v])) {
                (Ok(year), Some(millions)) => {
                    let own_code = iso.is_some_and(|i| country == c[i].trim());
                    lines.push((*line, c[r].trim().to_string(), own_code));
                    rows.push(ProductFlow {
                        reporter: country,
                        partner: Iso3::WLD,
                        product: c[p].trim().to_string(),
                        nomenclature: "WTO-SITC3",
                        level: 0,
                        flow,
                        year,
                        value_usd: usd_from_millions(millions),
                        quantity: None,
                        reported_by: ReportedBy::Reporter,
                    })
                }
                _ => rejects.push(Reject {
                    sheet: None,
                    row: *line,
                    column: format!("{year}/{value}"),
                    reason: "not a number".into(),
                    value: format!("{} / {}", c[y], c[v]),
                    rows: 1,
                }),
            }
        }
        let rows = one_economy_per_country(rows, &lines, reporter, &mut rejects);
        flush(
            sink,
            &cx.provenance(path),
            Batch::TradeByProduct(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}
