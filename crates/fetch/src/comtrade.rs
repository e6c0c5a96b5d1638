//! UN Comtrade's API v1: China's annual goods trade (all commodities, all modes, all customs
//! procedures) with each of the 33 LAC states and the World, exports and imports as China
//! reports them.
//!
//! With a subscription key (`GALEON_COMTRADE_KEY`, sent as `Ocp-Apim-Subscription-Key`, never
//! logged): `GET {comtrade}/data/v1/get/C/A/HS?reporterCode=156&partnerCode=0,32,…&period=Y1,…,Y12
//! &cmdCode=TOTAL&flowCode=M,X&motCode=0&partner2Code=0&customsCode=C00`, twelve years a query.
//! Without one, the keyless preview `…/public/v1/preview/C/A/HS?…&period=Y`, one year a query and
//! at most 500 records an answer (68 are asked for), which `fetch` says.

use std::path::Path;

use galeon_registry::Registry;
use galeon_sources::obtain::Host;

use crate::http::Checked;
use crate::Hosts;

/// The preview's largest answer: an answer this long may have been cut.
const PREVIEW_LIMIT: u64 = 500;

/// The queries from `since` to last year, as (URL, file name in the dataset folder).
pub fn queries(hosts: &Hosts, since: i32, keyed: bool) -> Vec<(String, String)> {
    let registry = Registry::global();
    let mut partners = vec!["0".to_string()];
    partners.extend(
        (registry.lac().into_iter())
            .filter_map(|e| e.numeric)
            .map(|code| code.to_string()),
    );
    let partners = partners.join(",");
    let last = chrono::Utc::now()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(since)
        - 1;
    let years: Vec<i32> = (since..=last).collect();
    let query = |endpoint: &str, period: &str| {
        format!(
            "{endpoint}/C/A/HS?reporterCode=156&partnerCode={partners}&period={period}&cmdCode=TOTAL&flowCode=M,X&motCode=0&partner2Code=0&customsCode=C00"
        )
    };
    if keyed {
        (years.chunks(12))
            .map(|chunk| {
                let period: Vec<String> = chunk.iter().map(i32::to_string).collect();
                let path = query("data/v1/get", &period.join(","));
                let (first, last) = (chunk[0], chunk[chunk.len() - 1]);
                (
                    hosts.url(Host::Comtrade, &path),
                    format!("chn_{first}_{last}.json"),
                )
            })
            .collect()
    } else {
        (years.iter())
            .map(|year| {
                let path = query("public/v1/preview", &year.to_string());
                (hosts.url(Host::Comtrade, &path), format!("chn_{year}.json"))
            })
            .collect()
    }
}

/// Checks an answer is an API envelope without an error; notes an empty answer, and a preview
/// answer (not `keyed`) that reached the preview's limit.
pub fn check(path: &Path, keyed: bool) -> Result<Checked, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("not JSON: {e}"))?;
    if let Some(error) = value["error"].as_str().filter(|e| !e.is_empty()) {
        return Err(format!(
            "the UN Comtrade API answered with an error: {error}"
        ));
    }
    let records = value["data"]
        .as_array()
        .ok_or("not a UN Comtrade API envelope ({count, data, error})")?
        .len() as u64;
    let note = match records {
        0 => Some("no records in the answer".to_string()),
        n if n >= PREVIEW_LIMIT && !keyed => Some(format!(
            "{n} records: the keyless preview's limit; some may be missing (set GALEON_COMTRADE_KEY)"
        )),
        _ => None,
    };
    Ok(Checked {
        release: None,
        note,
        pages: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(body: &str) -> Result<Checked, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, body).unwrap();
        check(&path, false)
    }

    #[test]
    fn the_error_field_empty_answers_and_the_preview_limit_are_told_apart() {
        let e = checked(
            r#"{"elapsedTime":"0.1 secs","count":0,"data":null,"error":"Invalid reporterCode"}"#,
        )
        .unwrap_err();
        assert!(e.ends_with("Invalid reporterCode"), "{e}");
        // What "no data" looks like (recorded in api-samples): HTTP 200, no records, no error.
        let empty =
            checked(r#"{"elapsedTime":"0.08 secs","count":0,"data":[],"error":""}"#).unwrap();
        assert_eq!(empty.note.as_deref(), Some("no records in the answer"));
        let full = format!(
            r#"{{"count":500,"data":[{}],"error":""}}"#,
            vec!["{}"; 500].join(",")
        );
        assert!(checked(&full)
            .unwrap()
            .note
            .unwrap()
            .contains("GALEON_COMTRADE_KEY"));
        assert!(checked("[]").is_err());
    }

    #[test]
    fn a_key_asks_twelve_years_a_query_and_the_preview_one() {
        let hosts = Hosts::mirror("http://m");
        let keyed = queries(&hosts, 2000, true);
        let preview = queries(&hosts, 2000, false);
        assert_eq!(keyed[0].1, "chn_2000_2011.json");
        assert!(keyed[0]
            .0
            .starts_with("http://m/comtrade/data/v1/get/C/A/HS?reporterCode=156&partnerCode=0,"));
        assert!(keyed[0]
            .0
            .contains("&period=2000,2001,2002,2003,2004,2005,2006,2007,2008,2009,2010,2011&"));
        // From 2000 to last year: one query a year, or one per twelve years with a key.
        let years: usize = chrono::Utc::now()
            .format("%Y")
            .to_string()
            .parse::<usize>()
            .unwrap()
            - 2000;
        assert_eq!((preview.len(), keyed.len()), (years, years.div_ceil(12)));
        assert_eq!(preview[0].1, "chn_2000.json");
        assert!(
            preview[0].0.contains("/public/v1/preview/C/A/HS?")
                && preview[0].0.contains("&period=2000&")
        );
        // 33 LAC partners and the World.
        let partners = preview[0]
            .0
            .split("partnerCode=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap();
        assert_eq!(partners.split(',').count(), 34);
    }
}
