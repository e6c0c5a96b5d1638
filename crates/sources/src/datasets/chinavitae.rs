//! China Vitae (Carnegie Endowment): Chinese leaders' foreign engagements.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::canonical::{Batch, Event, Iso3, Sink};
use crate::catalogue::{
    csv, file, iso3, name, skipped, Dataset, Obtain, Reader, Release, Republish, DOCS,
};
use crate::connect::{bad, column, flush, resolve, utf8, Context};
use crate::read::{read_table, ReadError};

/// Chinese leaders' foreign engagements, 2003–2018.
pub const ENGAGEMENTS: Dataset = Dataset {
    id: "chinavitae",
    folder: "diplomacy/chinavitae-elite-engagements",
    title: "Chinese leaders' foreign engagements, 2003–2018",
    publisher: "China Vitae (Carnegie Endowment)",
    licence: "research use; cite China Vitae",
    republish: Republish::Rows,
    files: &[
        file(
            "chinavitae_engagements_2003_2018_all.csv",
            &[csv(&[name("country"), iso3("iso3")])],
        ),
        skipped("SOURCE.md", DOCS),
    ],
    release: Release::Unstated,
    reader: Reader::Rows(chinavitae),
    obtain: Obtain::ByHand("converted from ChinaVitae's engagement records as the folder's SOURCE.md describes; put the CSV in the folder by hand"),
};

/// China Vitae: one engagement per leader, country and day, with the leader's name. A record is a
/// trip (`leader_trip`) when the leader travelled to the country it names ("Xi Jinping travelled
/// to Peru, Lima …" for Peru); meetings during a trip with leaders of other countries ("travelled
/// to Peru … met with … (Colombian President)", filed under Colombia) and meetings at home are
/// engagements (`leader_engagement`).
pub fn chinavitae(
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
        let (date, country, text) = (
            column(&table, path, "date")?,
            column(&table, path, "country")?,
            column(&table, path, "text")?,
        );
        let leader = table.column("leader");
        let mut destinations: HashMap<String, Option<Iso3>> = HashMap::new();
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
                    *destinations.entry(d.to_string()).or_insert_with(|| {
                        resolve(d, None, (&None, *line, "text"), &mut Vec::new())
                    })
                });
            let measure = if destination == Some(target) {
                "leader_trip"
            } else {
                "leader_engagement"
            };
            rows.push(Event {
                actor: Iso3::CHN,
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
            &cx.provenance(path),
            Batch::Events(rows),
            rejects,
            table.rows.len() as u64,
        )?;
    }
    Ok(())
}
