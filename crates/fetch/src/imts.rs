//! The IMF's IMTS (the successor of DOTS) from its SDMX 2.1 service: one query per reporter of
//! the panel (the 33 LAC states and China) for exports FOB and imports CIF with every partner,
//! annual, as structure-specific SDMX-ML — the format the `imf-imts` connector reads.
//!
//! `GET {imf}/external/sdmx/2.1/data/IMF.STA,IMTS,1.0.0/{REPORTER}.XG_FOB_USD+MG_CIF_USD..A
//! ?startPeriod={since}&format=structurespecificdata`

use std::path::Path;

use galeon_registry::Registry;
use galeon_sources::obtain::Host;

use crate::http::Checked;
use crate::Hosts;

/// The queries, as (URL, file name in the dataset folder), China first then LAC by name.
pub fn queries(hosts: &Hosts, since: i32) -> Vec<(String, String)> {
    let registry = Registry::global();
    let lac = registry.lac().into_iter().map(|e| e.iso3.to_string());
    std::iter::once("CHN".to_string())
        .chain(lac)
        .map(|reporter| {
            let path = format!(
                "external/sdmx/2.1/data/IMF.STA,IMTS,1.0.0/{reporter}.XG_FOB_USD+MG_CIF_USD..A?startPeriod={since}&format=structurespecificdata"
            );
            (hosts.url(Host::Imf, &path), format!("imts_{reporter}.xml"))
        })
        .collect()
}

/// Checks an answer is an SDMX structure-specific data message, and reads its `Prepared` stamp.
/// The service answers some mistakes with HTTP 200 and an error message, or with a document
/// without observations (a key in the wrong order, a wildcarded indicator): the first is
/// refused, the second kept with a note.
pub fn check(path: &Path) -> Result<Checked, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    if text.contains(":Error") && text.contains("ErrorMessage") {
        let message = between(&text, "<common:Text", "</common:Text>")
            .and_then(|t| t.split_once('>').map(|(_, m)| m.trim().to_string()))
            .unwrap_or_else(|| "an SDMX error message".into());
        return Err(format!("the service answered with an error: {message}"));
    }
    if !text.contains("StructureSpecificData") {
        let start: String = text.chars().take(120).collect();
        return Err(format!(
            "not an SDMX structure-specific data message (starts {start:?})"
        ));
    }
    let release = between(&text, "<message:Prepared>", "</message:Prepared>")
        .map(|p| format!("IMTS message prepared {}", p.trim()));
    let note = (!text.contains("<Obs ")).then(|| "no observations in the answer".to_string());
    Ok(Checked {
        release,
        note,
        pages: None,
    })
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}
