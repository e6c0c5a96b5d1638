//! The World Bank's Indicators API v2: each series for China and the 33 LAC states in one query,
//! page by page, saved as the API answers it (the `worldbank-api` connector reads the pages).
//!
//! `GET {worldbank}/v2/country/CHN;ARG;…/indicator/{ID}?date={since}:{this year}&format=json&per_page=20000&page={n}`
//!
//! The API answers some mistakes with HTTP 200 and an error body — `[{"message": [{"id": "120",
//! "key": "Invalid value", …}]}]`, or XML `<wb:error>` even when JSON was asked for — which the
//! check refuses with the API's own words.

use std::path::Path;

use galeon_registry::Registry;
use galeon_sources::obtain::Host;

use crate::http::Checked;
use crate::Hosts;

/// Rows per page: the API's largest; one page holds a series for the 34 economies over decades.
const PER_PAGE: u32 = 20_000;

/// Page 1 of each series, as (URL, file name in the dataset folder).
pub fn queries(hosts: &Hosts, since: i32, series: &[(&str, &str)]) -> Vec<(String, String)> {
    let registry = Registry::global();
    let mut codes = vec!["CHN".to_string()];
    codes.extend(registry.lac().into_iter().map(|e| e.iso3.to_string()));
    let countries = codes.join(";");
    let until = chrono::Utc::now().format("%Y");
    series
        .iter()
        .map(|(id, key)| {
            let path = format!(
                "v2/country/{countries}/indicator/{id}?date={since}:{until}&format=json&per_page={PER_PAGE}&page=1"
            );
            (hosts.url(Host::WorldBank, &path), format!("{key}_p1.json"))
        })
        .collect()
}

/// The URL and file of page `page`, from those of page 1.
pub fn page(url: &str, save_as: &str, page: u32) -> (String, String) {
    (
        url.replace("&page=1", &format!("&page={page}")),
        save_as.replace("_p1.json", &format!("_p{page}.json")),
    )
}

/// Checks a page is a page of the indicators API; reads its `lastupdated` and page count.
pub fn check(path: &Path) -> Result<Checked, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    if text.trim_start().starts_with('<') {
        let message = text
            .split_once("<wb:message")
            .and_then(|(_, rest)| rest.split_once('>'))
            .and_then(|(_, rest)| rest.split_once('<'))
            .map_or("an XML error message", |(m, _)| m);
        return Err(format!(
            "the World Bank API answered with an error: {}",
            message.trim()
        ));
    }
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("not JSON: {e}"))?;
    if let Some(messages) = value.pointer("/0/message").and_then(|m| m.as_array()) {
        let said: Vec<String> = messages
            .iter()
            .map(|m| {
                let field = |k: &str| m[k].as_str().unwrap_or("").to_string();
                format!("{} {}: {}", field("id"), field("key"), field("value"))
            })
            .collect();
        return Err(format!(
            "the World Bank API answered with an error (HTTP 200): {}",
            said.join("; ")
        ));
    }
    let meta = value
        .pointer("/0")
        .filter(|m| m.get("page").is_some())
        .ok_or("not a page of the indicators API ([paging, records])")?;
    let number = |k: &str| {
        let v = &meta[k];
        v.as_u64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
    };
    let records = value
        .pointer("/1")
        .and_then(|r| r.as_array())
        .map_or(0, Vec::len);
    Ok(Checked {
        release: meta["lastupdated"]
            .as_str()
            .map(|d| format!("WDI API last updated {d}")),
        note: (records == 0).then(|| "no records in the answer".to_string()),
        pages: number("pages").and_then(|p| u32::try_from(p).ok()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(body: &str) -> Result<Checked, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.json");
        std::fs::write(&path, body).unwrap();
        check(&path)
    }

    #[test]
    fn error_answers_with_status_200_are_refused_in_the_apis_words() {
        // The two shapes the API uses (both recorded in api-samples/worldbank-api-v2-kuznets).
        let json = r#"[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]"#;
        let e = checked(json).unwrap_err();
        assert!(
            e.contains("120 Invalid value: The provided parameter value is not valid"),
            "{e}"
        );
        let xml = r#"<?xml version="1.0" encoding="utf-8"?><wb:error xmlns:wb="http://www.worldbank.org"><wb:message id="160" key="Data not found.">The provided parameter value is not valid or data not found.</wb:message></wb:error>"#;
        let e = checked(xml).unwrap_err();
        assert!(
            e.ends_with("The provided parameter value is not valid or data not found."),
            "{e}"
        );
        assert!(checked(r#"{"page": 1}"#).is_err());
    }

    #[test]
    fn a_page_gives_its_release_and_page_count_and_an_empty_one_a_note() {
        let page = r#"[{"page":1,"pages":3,"per_page":"20000","total":3,"lastupdated":"2031-03-04"},[{"value":1}]]"#;
        let c = checked(page).unwrap();
        assert_eq!(
            c.release.as_deref(),
            Some("WDI API last updated 2031-03-04")
        );
        assert_eq!((c.pages, c.note), (Some(3), None));
        let empty =
            r#"[{"page":1,"pages":1,"per_page":50,"total":0,"lastupdated":"2031-03-04"},null]"#;
        assert_eq!(
            checked(empty).unwrap().note.as_deref(),
            Some("no records in the answer")
        );
    }

    #[test]
    fn later_pages_follow_the_first_ones_url_and_name() {
        let (url, file) = page(
            "http://h/v2/x?format=json&per_page=20000&page=1",
            "gdp_p1.json",
            3,
        );
        assert_eq!(url, "http://h/v2/x?format=json&per_page=20000&page=3");
        assert_eq!(file, "gdp_p3.json");
    }
}
