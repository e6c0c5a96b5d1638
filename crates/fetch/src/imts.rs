//! The IMF's IMTS (the successor of DOTS) from its SDMX 3.0 service: for each reporter of the
//! panel (China, then the 33 LAC states), one query for exports FOB and one for imports CIF with
//! every partner, annual, answered as SDMX-JSON 2.0 — the format the `imf-imts` connector reads
//! (it also reads the SDMX-ML of the older 2.1 service).
//!
//! `GET {imf}/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/{REPORTER}.{INDICATOR}.*.A
//! ?dimensionAtObservation=TIME_PERIOD&attributes=dsd&measures=all&c[TIME_PERIOD]=ge:{since}-A1`
//! (one indicator per query: the key's wildcard `*` is the partner; `+` the latest version).

use std::path::Path;

use galeon_registry::Registry;
use galeon_sources::obtain::Host;

use crate::http::Checked;
use crate::Hosts;

/// The two flows galeon stores, as IMTS indicators, with the letter a file is named by.
const INDICATORS: [(&str, &str); 2] = [("XG_FOB_USD", "X"), ("MG_CIF_USD", "M")];

/// What the queries ask to be answered in.
pub const ACCEPT: &str = "application/vnd.sdmx.data+json;version=2.0.0, application/json;q=0.9";

/// The queries, as (URL, file name in the dataset folder), China first then LAC by name, exports
/// before imports.
pub fn queries(hosts: &Hosts, since: i32) -> Vec<(String, String)> {
    let registry = Registry::global();
    let lac = registry.lac().into_iter().map(|e| e.iso3.to_string());
    let reporters = std::iter::once("CHN".to_string()).chain(lac);
    reporters
        .flat_map(|reporter| {
            INDICATORS.map(|(indicator, letter)| {
                let path = format!(
                    "external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/{reporter}.{indicator}.*.A\
                     ?dimensionAtObservation=TIME_PERIOD&attributes=dsd&measures=all\
                     &c%5BTIME_PERIOD%5D=ge%3A{since}-A1"
                );
                let save_as = format!("imts_{reporter}_{letter}.json");
                (hosts.url(Host::Imf, &path), save_as)
            })
        })
        .collect()
}

/// Checks an answer is an SDMX-JSON data message the connector can read whole, and reads when
/// it was prepared. The service answers some mistakes with HTTP 200 and an `errors` list, and a
/// query that matches nothing with a message without series: the first is refused, the second
/// kept with a note.
pub fn check(path: &Path) -> Result<Checked, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        if let Some(errors) = value.get("errors").and_then(|e| e.as_array()) {
            let said: Vec<String> = (errors.iter())
                .map(|e| {
                    let field = |name: &str| e.get(name).and_then(|v| v.as_str());
                    let text = field("detail").or(field("title")).or(field("message"));
                    text.map_or_else(|| e.to_string(), str::to_string)
                })
                .collect();
            return Err(format!(
                "the service answered with an error: {}",
                said.join("; ")
            ));
        }
    }
    let message = galeon_sources::sdmx_json::read(&text)?;
    let release = (message.prepared.as_deref()).map(|p| format!("IMTS message prepared {p}"));
    let values = (message.series.iter()).any(|s| !s.observations.is_empty());
    let note = (!values).then(|| "no observations in the answer".to_string());
    Ok(Checked {
        release,
        note,
        pages: None,
    })
}
