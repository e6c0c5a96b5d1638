//! Tables compiled by hand from public pages, with a URL on every row.

use std::path::{Path, PathBuf};

use galeon_registry::CodeScheme;

use crate::canonical::{Batch, Flow, Iso3, MacroValue, Membership, ReportedBy, Sink, TradeFlow};
use crate::catalogue::{
    csv, file, iso3, name, skipped, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{bad, column, flush, parse_number, resolve, utf8, year_of, Context};
use crate::read::{read_table, ReadError};

/// China-reported trade with LAC, text anchors 2021–2024.
pub const CHINA_REPORTED_ANCHORS: Dataset = Dataset {
    id: "china-reported-anchors",
    folder: "trade/china-reported-anchors-2021-2024",
    title: "China-reported trade with LAC, text anchors 2021–2024",
    publisher: "GACC / MOFCOM via news pages (URL per row)",
    licence: "facts, cite",
    republish: Republish::Rows,
    files: &[
        file(
            "china_reported_trade_anchors.csv",
            &[csv(&[name("partner")])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(china_anchors),
    obtain: Obtain::ByHand("compiled for galeon from China's customs releases, one source URL per row; the folder's SOURCE.md lists them"),
};

/// LAC-33 × China diplomacy table (hand-compiled, URL per row).
pub const LAC33_DIPLOMACY: Dataset = Dataset {
    id: "lac33-diplomacy",
    folder: "diplomacy/lac33-diplomacy-compiled",
    title: "LAC-33 × China diplomacy table (hand-compiled, URL per row)",
    publisher: "compiled from public pages (see row URLs)",
    licence: "facts, cite the row sources",
    republish: Republish::Rows,
    files: &[
        file(
            "lac33_china_diplomacy_compiled.csv",
            &[csv(&[iso3("iso3"), name("country")])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(lac33_diplomacy),
    obtain: Obtain::ByHand("compiled for galeon from foreign ministries' and governments' records, one source URL per row"),
};

/// China-reported trade anchors quoted from public pages: China's exports to and imports from a
/// partner go to `trade_flows`; total trade (exports + imports) to `macro` as
/// `china_reported_trade_with_china_usd` (or `_cny`). Quarterly figures are kept in `rejects`.
pub fn china_anchors(
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
                    reporter: Iso3::CHN,
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
        let prov = cx.provenance(path);
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
            &cx.provenance(path),
            Batch::Memberships(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}
