//! NC State Laboratory for Analytic Sciences: Confucius Institutes worldwide.

use std::path::{Path, PathBuf};

use crate::canonical::{Batch, Institution, Sink};
use crate::catalogue::{
    csv, file, name, skipped, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{column, flush, resolve, utf8, Context};
use crate::read::{read_table, ReadError};

/// Confucius Institutes worldwide.
pub const INSTITUTES: Dataset = Dataset {
    id: "confucius-institutes",
    folder: "culture/confucius-institutes",
    title: "Confucius Institutes worldwide",
    publisher: "NC State Laboratory for Analytic Sciences (bridash)",
    licence: "no licence stated",
    republish: Republish::NotRows("no licence is stated, so none can be passed on: the compilation is on GitHub (bridash, NC State Laboratory for Analytic Sciences)"),
    files: &[
        file("confucius_institutes.csv", &[csv(&[name("country")])]),
        skipped("ConfuciusInstituteGuide.md", DOCS),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(confucius),
    obtain: Obtain::Pinned {
        list: include_str!("../../pinned/confucius-institutes.tsv"),
        rest: None,
    },
};

/// Confucius Institutes (NC State LAS compilation).
pub fn confucius(
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
            &cx.provenance(path),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_us_dates_parse() {
        assert_eq!(us_short_date("2/26/06").as_deref(), Some("2006-02-26"));
        assert_eq!(us_short_date("12/1/2015").as_deref(), Some("2015-12-01"));
        assert_eq!(us_short_date("13/1/15"), None);
        assert_eq!(us_short_date(""), None);
    }
}
