//! Every API endpoint over a store built from ../shared/data, with good and bad input.

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use galeon_server::{router, Observatory as State, Options};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

/// One store and one loaded state for every test.
fn state() -> Option<Arc<State>> {
    static STATE: OnceLock<Option<(tempfile::TempDir, Arc<State>)>> = OnceLock::new();
    STATE
        .get_or_init(|| {
            let sources = galeon_testkit::shared_data()?;
            let dir = tempfile::tempdir().unwrap();
            let store = dir.path().join("store");
            galeon_store::build(&galeon_store::BuildOptions {
                sources,
                store: store.clone(),
                progress: false,
                force: false,
            })
            .unwrap();
            let state = runtime()
                .block_on(State::load(
                    &store,
                    Options {
                        uncertainty: 8,
                        ..Options::default()
                    },
                ))
                .unwrap();
            Some((dir, Arc::new(state)))
        })
        .as_ref()
        .map(|(_, s)| s.clone())
}

/// A store in `dir/store` built from a World Bank folder written in `dir/sources` in the
/// published layout: Brazil's GDP and population in 2020 (213,196,304 people).
fn world_bank_store(dir: &std::path::Path) -> std::path::PathBuf {
    let folder = dir.join("sources/macro/worldbank-gdp-population");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("gdp.csv"),
        "Country Name,Country Code,Year,Value\nBrazil,BRA,2020,1476107231194.11\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("population.csv"),
        "Country Name,Country Code,Year,Value\nBrazil,BRA,2020,213196304\n",
    )
    .unwrap();
    let store = dir.join("store");
    galeon_store::build(&galeon_store::BuildOptions {
        sources: dir.join("sources"),
        store: store.clone(),
        progress: false,
        force: false,
    })
    .unwrap();
    store
}

/// A store built from a small World Bank folder written here in the published layout, for the
/// tests of behaviour that hold whatever the data: they run with or without the real sources.
fn fixture_state() -> Arc<State> {
    static STATE: OnceLock<(tempfile::TempDir, Arc<State>)> = OnceLock::new();
    let (_, state) = STATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = world_bank_store(dir.path());
        let state = runtime()
            .block_on(State::load(
                &store,
                Options {
                    uncertainty: 8,
                    ..Options::default()
                },
            ))
            .unwrap();
        (dir, Arc::new(state))
    });
    state.clone()
}

struct Reply {
    status: StatusCode,
    content_type: String,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
}

fn get(state: &Arc<State>, uri: &str) -> Reply {
    let app = router(state.clone());
    runtime().block_on(async {
        let response = app
            .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let content_type = headers
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Reply {
            status,
            content_type,
            headers,
            body,
        }
    })
}

fn bad(state: &Arc<State>, uri: &str, status: StatusCode, says: &str) {
    let r = get(state, uri);
    assert_eq!(r.status, status, "{uri}: {}", r.text());
    assert!(r.content_type.starts_with("application/json"), "{uri}");
    let message = r.json()["error"].as_str().unwrap().to_string();
    assert!(message.contains(says), "{uri}: {message}");
}

#[test]
fn health_and_openapi_describe_every_endpoint() {
    let s = fixture_state();
    let h = get(&s, "/api/health");
    assert_eq!(h.status, StatusCode::OK);
    assert_eq!(h.json()["status"], "ok");
    let doc = get(&s, "/api/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/countries",
        "/api/facts",
        "/api/indicators",
        "/api/indicators/{id}",
        "/api/map",
        "/api/index",
        "/api/index/explain",
        "/api/index/sensitivity",
        "/api/index/whatif",
        "/api/claims",
        "/api/claims/{id}",
        "/api/sources",
        "/api/framework",
        "/api/profile/{country}",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    // Indicator titles in the language asked for (i18n/es.json).
    let es = get(&s, "/api/indicators?lang=es").json();
    let share = (es["data"].as_array().unwrap().iter()).find(|r| r["id"] == "china_partner_share");
    assert_eq!(
        share.unwrap()["title"],
        "Participación de China en el comercio del país"
    );
    // Fact texts in the language asked for: Panama's joining of the BRI as data/facts/bri.toml
    // writes it in Portuguese, marked as Portuguese.
    let pt = get(&s, "/api/facts?country=PAN&kind=bri&lang=pt").json();
    let row = &pt["data"][0];
    assert_eq!(row["text_lang"], "pt");
    let written = include_str!("../../../data/facts/bri.toml");
    let line = (written.lines())
        .skip_while(|l| !l.starts_with("id = \"bri-pan"))
        .find(|l| l.starts_with("text_pt = "))
        .unwrap();
    assert_eq!(format!("text_pt = {}", row["text"]), line);
    bad(
        &s,
        "/api/indicators?lang=fr",
        StatusCode::BAD_REQUEST,
        "en, es, pt or zh",
    );
    bad(
        &s,
        "/api/nothing-here",
        StatusCode::NOT_FOUND,
        "no endpoint",
    );
    // The document lists exactly the routes above and /api/health: the paths are collected from
    // the handlers as the router registers them.
    assert_eq!(doc["paths"].as_object().unwrap().len(), 15);
}

/// Every documented path answers, called with its documented examples for the path and the
/// required parameters; and every parameter it documents is one it accepts.
#[test]
fn every_documented_route_answers_with_its_examples() {
    let Some(s) = state() else { return };
    let doc = get(&s, "/api/openapi.json").json();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let params = item["get"]["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let example = |p: &serde_json::Value| p["example"].as_str().unwrap_or_default().to_string();
        let mut uri = path.clone();
        let mut query = Vec::new();
        for p in &params {
            match p["in"].as_str().unwrap() {
                "path" => {
                    uri = uri.replace(&format!("{{{}}}", p["name"].as_str().unwrap()), &example(p))
                }
                _ if p["required"] == true => {
                    query.push(format!("{}={}", p["name"].as_str().unwrap(), example(p)))
                }
                _ => {}
            }
        }
        if !query.is_empty() {
            uri = format!("{uri}?{}", query.join("&"));
        }
        let r = get(&s, &uri.replace(' ', "%20"));
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.text());
        // Each documented query parameter is accepted (with its example, or a harmless value).
        for p in params.iter().filter(|p| p["in"] == "query") {
            let name = p["name"].as_str().unwrap();
            let value = match (name, example(p)) {
                ("format", _) => "json".to_string(),
                (_, e) if !e.is_empty() => e,
                ("lac" | "latest" | "all_versions", _) => "true".to_string(),
                _ => continue,
            };
            let sep = if uri.contains('?') { '&' } else { '?' };
            let one = format!(
                "{uri}{sep}{name}={}",
                value.replace(' ', "%20").replace(',', "%2C")
            );
            let r = get(&s, &one);
            assert!(
                !r.text().contains("unknown parameter"),
                "{one}: {}",
                r.text()
            );
        }
    }
}

#[test]
fn countries_in_json_and_csv() {
    let Some(s) = state() else { return };
    let r = get(&s, "/api/countries");
    let j = r.json();
    assert_eq!(j["data"].as_array().unwrap().len(), 33);
    let peru = j["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "PER")
        .unwrap();
    assert_eq!(peru["name_es"], "Perú");
    assert!(j["provenance"]["sources"].is_array());
    let csv = get(&s, "/api/countries?format=csv");
    assert!(csv.content_type.starts_with("text/csv"));
    assert_eq!(csv.text().lines().count(), 34);
    assert!(csv.headers.get("x-galeon-provenance").is_some());
    assert!(
        get(&s, "/api/countries?lac=false").json()["data"]
            .as_array()
            .unwrap()
            .len()
            > 190
    );
    bad(
        &s,
        "/api/countries?lac=maybe",
        StatusCode::BAD_REQUEST,
        "true or false",
    );
    bad(
        &s,
        "/api/countries?format=xml",
        StatusCode::BAD_REQUEST,
        "format",
    );
    bad(
        &s,
        "/api/countries?colour=red",
        StatusCode::BAD_REQUEST,
        "unknown parameter",
    );
}

#[test]
fn facts_filter_by_country_kind_and_day() {
    let Some(s) = state() else { return };
    let j = get(&s, "/api/facts?country=PAN&kind=bri").json();
    let rows = j["data"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    // The memorandum's signing (data/facts/bri.toml, from EFE), with GFDC's workbook still cited.
    assert_eq!(rows[0]["date"], "2017-11-17");
    let sources = rows[0]["sources"].as_str().unwrap();
    assert!(
        sources.contains("Green Finance") && sources.contains("TVN"),
        "{sources}"
    );
    // BRI members on the paper's cut-off day (21), counted by hand from data/facts/bri.toml.
    let members = get(&s, "/api/facts?kind=bri&as_of=2022-10-31").json();
    assert_eq!(members["data"].as_array().unwrap().len(), 21);
    bad(
        &s,
        "/api/facts?kind=alliance",
        StatusCode::BAD_REQUEST,
        "unknown kind",
    );
    bad(
        &s,
        "/api/facts?as_of=October",
        StatusCode::BAD_REQUEST,
        "YYYY-MM-DD",
    );
    bad(
        &s,
        "/api/facts?country=Atlantis",
        StatusCode::BAD_REQUEST,
        "not a country",
    );
}

#[test]
fn indicator_values_in_three_formats_equal_the_engine() {
    let Some(s) = state() else { return };
    let list = get(&s, "/api/indicators").json();
    assert_eq!(
        list["data"].as_array().unwrap().len(),
        galeon_indicators::INDICATORS.len()
    );
    let j = get(
        &s,
        "/api/indicators/china_partner_share?country=BRA&years=2020",
    )
    .json();
    let rows = j["data"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    // The same value computed directly by the indicators engine over the same store.
    let panel = runtime()
        .block_on(galeon_indicators::compute(
            &s.store,
            &["china_partner_share"],
        ))
        .unwrap();
    let direct = panel
        .values
        .iter()
        .find(|v| v.country == "BRA" && v.year == 2020)
        .unwrap()
        .value;
    assert_eq!(rows[0]["value"].as_f64().unwrap(), direct);
    assert!(rows[0]["provenance"].as_str().unwrap().contains("imf-dots"));
    assert_eq!(j["meta"]["unit"], "fraction");
    // latest=true: each country's last year in the engine's panel, and meta counts the years.
    let j = get(
        &s,
        "/api/indicators/china_partner_share?country=BRA,CHL&latest=true",
    )
    .json();
    let rows = j["data"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for row in rows {
        let country = row["country"].as_str().unwrap();
        let last = (panel.values.iter())
            .filter(|v| v.country == country)
            .map(|v| v.year)
            .max()
            .unwrap();
        assert_eq!(row["year"].as_i64().unwrap(), i64::from(last), "{country}");
    }
    let counted: u64 = (j["meta"]["latest_years"].as_array().unwrap().iter())
        .map(|y| y["series"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 2);
    bad(
        &s,
        "/api/indicators/china_partner_share?latest=maybe",
        StatusCode::BAD_REQUEST,
        "true or false",
    );
    let csv = get(
        &s,
        "/api/indicators/china_partner_share?country=BRA,CHL&years=2019..2020&format=csv",
    );
    assert_eq!(csv.text().lines().count(), 5);
    let parquet = get(
        &s,
        "/api/indicators/china_partner_share?country=BRA&format=parquet",
    );
    assert_eq!(&parquet.body[..4], b"PAR1");
    bad(
        &s,
        "/api/indicators/no_such_thing",
        StatusCode::NOT_FOUND,
        "no indicator",
    );
    bad(
        &s,
        "/api/indicators/china_partner_share?years=2020..2000",
        StatusCode::BAD_REQUEST,
        "first before last",
    );
    bad(
        &s,
        "/api/indicators/china_partner_share?years=soon",
        StatusCode::BAD_REQUEST,
        "year",
    );
    // Nothing outside the store is reachable: a path-like id is just an unknown indicator.
    bad(
        &s,
        "/api/indicators/..%2F..%2Fetc%2Fpasswd",
        StatusCode::NOT_FOUND,
        "no indicator",
    );
}

#[test]
fn the_map_payload_has_every_state_and_says_which_are_missing() {
    let Some(s) = state() else { return };
    let j = get(&s, "/api/map?indicator=confucius_institutes&year=2020").json();
    let rows = j["data"].as_array().unwrap();
    assert_eq!(rows.len(), 33);
    let missing = rows.iter().filter(|r| r["value"].is_null()).count();
    assert_eq!(j["meta"]["missing"].as_u64().unwrap() as usize, missing);
    let index = get(&s, "/api/map?indicator=index&year=2020").json();
    assert!(index["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["rank"].is_number()));
    assert_eq!(
        &get(&s, "/api/map?indicator=index&format=parquet").body[..4],
        b"PAR1"
    );
    bad(
        &s,
        "/api/map",
        StatusCode::BAD_REQUEST,
        "indicator is required",
    );
    bad(
        &s,
        "/api/map?indicator=rca_wits16",
        StatusCode::BAD_REQUEST,
        "add dimension",
    );
    bad(
        &s,
        "/api/map?indicator=china_partner_share&year=twenty",
        StatusCode::BAD_REQUEST,
        "year",
    );
}

#[test]
fn the_map_defaults_to_a_year_most_states_have_and_latest_shows_each_states_year() {
    let Some(s) = state() else { return };
    // UN Comtrade's partner tables give 2025 for a few reporters only: the default map is of the
    // latest year at least half the 33 states have, and every row carries that year.
    let default = get(&s, "/api/map?indicator=exports_to_china").json();
    let year = default["meta"]["year"].as_i64().unwrap();
    let rows = default["data"].as_array().unwrap();
    let with_value = rows.iter().filter(|r| r["value"].is_number()).count();
    assert!(with_value * 2 >= 33, "{year}: {with_value}");
    assert!(rows
        .iter()
        .filter(|r| r["value"].is_number())
        .all(|r| r["year"].as_i64() == Some(year)));
    let years = default["meta"]["years"].as_array().unwrap();
    assert!(
        years.last().unwrap().as_i64().unwrap() > year,
        "a later, thinner year exists"
    );
    // And it is the latest such year: every later year has fewer than half the states.
    for later in years
        .iter()
        .filter_map(|y| y.as_i64())
        .filter(|y| *y > year)
    {
        let j = get(
            &s,
            &format!("/api/map?indicator=exports_to_china&year={later}"),
        )
        .json();
        let n = j["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["value"].is_number())
            .count();
        assert!(n * 2 < 33, "{later}: {n}");
    }
    // Each row names its source.
    assert!(rows
        .iter()
        .filter(|r| r["value"].is_number())
        .all(|r| r["source"].is_string()));
    // year=latest: each state its latest value, its year beside it, and the years counted.
    let latest = get(&s, "/api/map?indicator=exports_to_china&year=latest").json();
    let rows = latest["data"].as_array().unwrap();
    let mut counted: std::collections::BTreeMap<i64, u64> = Default::default();
    for r in rows.iter().filter(|r| r["value"].is_number()) {
        *counted.entry(r["year"].as_i64().unwrap()).or_default() += 1;
    }
    let said: std::collections::BTreeMap<i64, u64> = latest["meta"]["latest_years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["year"].as_i64().unwrap(), e["series"].as_u64().unwrap()))
        .collect();
    assert_eq!(counted, said);
    assert!(
        counted.len() > 1,
        "states end in different years: {counted:?}"
    );
}

#[test]
fn the_index_with_intervals_explanation_and_sensitivity() {
    let Some(s) = state() else { return };
    let j = get(&s, "/api/index?year=2020").json();
    let rows = j["data"].as_array().unwrap();
    assert_eq!(rows.len(), 33);
    for r in rows {
        let (p05, p95) = (
            r["rank_p05"].as_f64().unwrap(),
            r["rank_p95"].as_f64().unwrap(),
        );
        assert!(p05 <= p95);
    }
    let brazil = get(&s, "/api/index?country=BRA").json();
    // 2007–2021: the years the default index scores (see docs/index.md).
    assert_eq!(brazil["data"].as_array().unwrap().len(), 15);
    let e = get(&s, "/api/index/explain?country=BRA&year=2020").json();
    let sum: f64 = e["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["contribution"].as_f64())
        .sum();
    assert!((sum - e["meta"]["score"].as_f64().unwrap()).abs() < 1e-9);
    assert_eq!(
        get(&s, "/api/index/sensitivity").json()["data"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(&get(&s, "/api/index?format=parquet").body[..4], b"PAR1");
    bad(
        &s,
        "/api/index?year=1990",
        StatusCode::BAD_REQUEST,
        "scores",
    );
    bad(
        &s,
        "/api/index/explain?year=2020",
        StatusCode::BAD_REQUEST,
        "country is required",
    );
    bad(
        &s,
        "/api/index/explain?country=BRA",
        StatusCode::BAD_REQUEST,
        "year is required",
    );
}

/// The what-if with the default choices is the default index; other choices are checked.
#[test]
fn a_what_if_with_the_default_choices_is_the_default_index_and_bad_choices_are_refused() {
    let Some(s) = state() else { return };
    let index = get(&s, "/api/index?year=2020").json();
    let same = get(&s, "/api/index/whatif?year=2020&uncertainty=0").json();
    let ranks = |j: &serde_json::Value| {
        let rows = j["data"].as_array().unwrap().iter();
        let mut pairs: Vec<(String, i64)> = rows
            .map(|r| {
                (
                    r["country"].as_str().unwrap().into(),
                    r["rank"].as_i64().unwrap(),
                )
            })
            .collect();
        pairs.sort();
        pairs
    };
    assert_eq!(ranks(&same), ranks(&index));
    assert!(same["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["change"] == 0));
    for (uri, says) in [
        (
            "/api/index/whatif?weights=military:1",
            "no pillar \"military\"",
        ),
        ("/api/index/whatif?weights=economic:-1", "from 0 to 100"),
        ("/api/index/whatif?weights=economic", "PILLAR:WEIGHT"),
        (
            "/api/index/whatif?weights=economic:0,political:0,cultural:0,green:0",
            "above 0",
        ),
        (
            "/api/index/whatif?normalisation=cubic",
            "normalisation \"cubic\"",
        ),
        ("/api/index/whatif?normalisation=goalposts", "goalposts"),
        (
            "/api/index/whatif?aggregation=median",
            "aggregation \"median\"",
        ),
        ("/api/index/whatif?uncertainty=100000", "2 to 128"),
        ("/api/index/whatif?uncertainty=1", "2 to 128"),
        ("/api/index/whatif?uncertainty=lots", "uncertainty \"lots\""),
        ("/api/index/whatif?year=1990", "scores"),
    ] {
        bad(&s, uri, StatusCode::BAD_REQUEST, says);
    }
}

/// A profile is of a LAC state, in a language galeon speaks.
#[test]
fn a_profile_is_of_a_lac_state_in_one_of_four_languages() {
    let Some(s) = state() else { return };
    let p = get(&s, "/api/profile/Per%C3%BA?lang=pt").json();
    assert_eq!(
        (p["country"].as_str(), p["name"].as_str()),
        (Some("PER"), Some("Peru"))
    );
    let page = get(&s, "/profile/PER?lang=zh");
    assert!(page.content_type.starts_with("text/html"));
    assert!(page
        .text()
        .contains("<h1 data-testid=\"profile-name\">秘鲁与中国"));
    bad(
        &s,
        "/api/profile/USA",
        StatusCode::BAD_REQUEST,
        "33 LAC states",
    );
    bad(
        &s,
        "/api/profile/PER?lang=fr",
        StatusCode::BAD_REQUEST,
        "en, es, pt or zh",
    );
    bad(
        &s,
        "/api/profile/PER?year=2020",
        StatusCode::BAD_REQUEST,
        "unknown parameter",
    );
}

#[test]
fn claims_and_sources() {
    let Some(s) = state() else { return };
    let j = get(&s, "/api/claims").json();
    let rows = j["data"].as_array().unwrap();
    assert!(rows.len() >= 35);
    let contradicted = get(&s, "/api/claims?verdict=contradicted").json();
    assert!(contradicted["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["verdict"] == "contradicted"));
    let one = get(&s, "/api/claims/trade-total-2002-2021").json();
    assert_eq!(one["data"]["verdict"], "mischaracterised");
    // Each check carries the SQL that reproduces its number.
    assert!(one["data"]["parts"][0]["evidence"][0]["reproduce"]
        .as_str()
        .is_some_and(|sql| sql.contains("trade_flows")));
    assert!(one["data"]["reason"].as_str().unwrap().contains("2002"));
    // In Spanish: the verifier's words from es.json's said_date_within, the check's label from
    // i18n/claims/lu-2023.toml; the quoted sentence stays as written.
    let es = get(&s, "/api/claims?lang=es").json();
    let paper = (es["data"].as_array().unwrap().iter())
        .find(|c| c["id"] == "policy-paper-2008")
        .unwrap();
    let words: serde_json::Value =
        serde_json::from_str(include_str!("../../../i18n/es.json")).unwrap();
    let table = include_str!("../../../i18n/claims/lu-2023.toml");
    let label = (table.lines())
        .skip_while(|l| *l != "en = \"galeon facts: first policy paper\"")
        .find_map(|l| l.strip_prefix("es = "))
        .unwrap()
        .trim_matches('"');
    let expected = (words["said_date_within"].as_str().unwrap())
        .replace("{label}", label)
        .replace("{got}", "2008-11-05")
        .replace("{claimed}", "2008-11");
    assert_eq!(paper["reason"], expected.as_str());
    let english = (rows.iter())
        .find(|c| c["id"] == "policy-paper-2008")
        .unwrap();
    assert_eq!(paper["text"], english["text"]);
    let zh = get(&s, "/api/claims/policy-paper-2008?lang=zh").json();
    let what = (table.lines())
        .skip_while(|l| *l != "en = \"Date of the first policy paper on LAC\"")
        .find_map(|l| l.strip_prefix("zh = "))
        .unwrap()
        .trim_matches('"');
    assert_eq!(zh["data"]["parts"][0]["what"], what);
    bad(
        &s,
        "/api/claims/no-such-claim",
        StatusCode::NOT_FOUND,
        "no claim",
    );
    bad(
        &s,
        "/api/claims?verdict=maybe",
        StatusCode::BAD_REQUEST,
        "verdict",
    );
    let sources = get(&s, "/api/sources").json();
    let dots = sources["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "imf-dots")
        .unwrap();
    assert_eq!(dots["status"], "built");
    assert!(!dots["licence"].as_str().unwrap().is_empty());
    assert!(get(&s, "/api/sources?format=csv")
        .text()
        .starts_with("id,title,publisher,licence"));
}

#[test]
fn claim_files_given_at_start_up_are_checked_and_served() {
    // `galeon serve --claims DIR`: a second claims file, written here, over a store built from a
    // World Bank folder in the published layout (Brazil's population in 2020: 213,196,304).
    let dir = tempfile::tempdir().unwrap();
    let store = world_bank_store(dir.path());
    let claims = dir.path().join("claims");
    std::fs::create_dir_all(&claims).unwrap();
    std::fs::write(
        claims.join("test-doc.toml"),
        r#"[document]
id = "test-doc"
title = "A test document"
authors = "Tester"
published = "2026"

[[claim]]
id = "brazil-population-2020"
text = "Brazil had about 210 million inhabitants in 2020"
section = "1"

[[claim.part]]
what = "Brazil's population, 2020"
claimed = 210e6
hedge = "about"

[[claim.part.check]]
label = "World Bank population"
sql = "SELECT value FROM macro WHERE country = 'BRA' AND year = 2020 AND indicator = 'population'"
datasets = ["worldbank-gdp-population"]
"#,
    )
    .unwrap();
    let options = Options {
        uncertainty: 8,
        claims: vec![claims],
        ..Options::default()
    };
    let state = Arc::new(runtime().block_on(State::load(&store, options)).unwrap());
    let list = get(&state, "/api/claims").json();
    let ids: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["brazil-population-2020"]);
    // 213.2 m against "about 210 m": 1.5 % over, inside the 10 % of "about".
    let one = get(&state, "/api/claims/brazil-population-2020").json();
    assert_eq!(
        one["data"]["verdict"], "supported",
        "{}",
        one["data"]["reason"]
    );
    assert_eq!(one["document"]["id"], "test-doc");
    // A broken claims folder stops start-up with the file and line.
    let broken = dir.path().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("x.toml"), "[document]\nid = 1\n").unwrap();
    let options = Options {
        uncertainty: 8,
        claims: vec![broken],
        ..Options::default()
    };
    let error = runtime()
        .block_on(State::load(&store, options))
        .err()
        .expect("a broken claims file is an error")
        .to_string();
    assert!(error.contains("x.toml:"), "{error}");
}

#[test]
fn odd_input_never_gives_a_server_error() {
    // On the small fixture store, and on the real one when it is there.
    let stores: Vec<Arc<State>> = std::iter::once(fixture_state()).chain(state()).collect();
    for s in &stores {
        odd_input_on(s);
    }
}

fn odd_input_on(s: &Arc<State>) {
    for uri in [
        "/api/indicators/%00",
        "/api/indicators/x?years=..",
        "/api/map?indicator=index&year=3000",
        "/api/index?country=,,",
        "/api/facts?as_of=2022-02-30",
        "/api/claims/%2e%2e",
        "/assets/../Cargo.toml",
        "/api/index/explain?country=BRA&year=1800",
        "/api/map?indicator=&year=2020",
        "/api/indicators/china_partner_share?dimension=%FF",
    ] {
        let r = get(s, uri);
        assert!(
            r.status.is_client_error() || r.status.is_success(),
            "{uri}: {}",
            r.status
        );
    }
}

/// An answer is rendered once per address and then served from memory: the second request for
/// the same address gets the same bytes and headers; another format of the same resource is
/// another address, rendered on its own.
#[test]
fn answers_are_kept_per_address_and_format() {
    let s = fixture_state();
    let app = router(s.clone());
    let call = |uri: &str| {
        let app = app.clone();
        let uri = uri.to_string();
        runtime().block_on(async move {
            let response = app
                .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let headers = response.headers().clone();
            let body = response.into_body().collect().await.unwrap().to_bytes();
            (headers, body)
        })
    };
    let uri = "/api/countries?scope=lac";
    let (first_headers, first) = call(uri);
    let (again_headers, again) = call(uri);
    assert_eq!(first, again);
    assert_eq!(first_headers, again_headers);
    let (csv_headers, csv) = call("/api/countries?scope=lac&format=csv");
    assert_ne!(csv, first);
    assert!(csv_headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    // Errors are never kept: a bad request stays a bad request, answered each time.
    let (_, bad) = call("/api/countries?scope=moon");
    assert!(String::from_utf8_lossy(&bad).contains("lac, countries or all"));
}

/// A server on a loopback port over the fixture store, with small limits so that tests reach
/// them: eight connections, two seconds without progress.
fn served() -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let limits = galeon_server::limits::Limits {
        connections: 8,
        idle: std::time::Duration::from_secs(2),
        answer: std::time::Duration::from_secs(3),
        ..Default::default()
    };
    let listener = runtime()
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let shutdown = async move {
        let _ = stopped.await;
    };
    runtime().spawn(galeon_server::serve(
        listener,
        galeon_server::Live::new(fixture_state()),
        limits,
        shutdown,
    ));
    (addr, stop)
}

/// Sends raw bytes and reads the answer's status (None if the server closed without one).
fn raw(addr: std::net::SocketAddr, request: &[u8]) -> (Option<u16>, Vec<u8>) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    // The server may answer and close before reading a large request whole.
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let status = std::str::from_utf8(&answer[..answer.len().min(12)])
        .ok()
        .and_then(|line| line.strip_prefix("HTTP/1.1 "))
        .and_then(|code| code.get(..3)?.parse().ok());
    (status, answer)
}

/// The hostile requests: traversal in many spellings, bad encodings, oversized addresses,
/// parameters, headers and bodies, methods galeon does not answer, and malformed HTTP.
fn hostile_requests() -> Vec<(String, Vec<u8>)> {
    let get =
        |target: &str| format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let mut out: Vec<String> = [
        "/assets/../Cargo.toml",
        "/assets/..%2fCargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/assets/..%252f..%252fCargo.toml",
        "/assets/....//....//etc/passwd",
        "/assets/..\\..\\Cargo.toml",
        "/assets/%5c..%5c..%5cCargo.toml",
        "/assets//etc/passwd",
        "/assets/%2fetc%2fpasswd",
        "/assets/%00",
        "/assets/index.html%00.js",
        "/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
        "/./assets/../../Cargo.toml",
        "/../../../../etc/passwd",
        "/api/claims/..%2f..%2fCargo.toml",
        "/api/claims/%2e%2e",
        "/api/indicators/..%2f..%2f..%2fetc%2fpasswd",
        "/api/indicators/%00",
        "/api/indicators/%ZZ",
        "/api/indicators/%",
        "/api/indicators/%FF%FE",
        "/api/countries?scope=%00",
        "/api/countries?scope=lac&scope=all",
        "/api/facts?country=%E2%80%AE",
        "/api/facts?as_of=9999-99-99",
        "/api/indicators/china_partner_share?years=1..999999999999",
        "/api/indicators/china_partner_share?country=",
        "/api/map?indicator=index&year=-1",
        "/api/map?indicator=%27%20OR%201%3D1",
        "/api/index/explain?country=BRA&year=99999999999999999999",
        "/api/openapi.json/../../Cargo.toml",
        "/api/sources?format=xml",
        "/api/countries?format=parquet%00",
    ]
    .iter()
    .map(|t| get(t))
    .collect();
    let params: Vec<String> = (0..5_000).map(|i| format!("p{i}=1")).collect();
    out.push(get(&format!("/api/countries?{}", params.join("&"))));
    out.push(get(&format!(
        "/api/countries?scope={}",
        "a".repeat(100_000)
    )));
    out.push(get(&format!("/assets/{}", "a/".repeat(10_000))));
    out.push(format!(
        "GET /api/countries HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(200_000)
    ));
    let many: String = (0..500).map(|i| format!("X-H{i}: v\r\n")).collect();
    out.push(format!(
        "GET /api/countries HTTP/1.1\r\nHost: x\r\n{many}Connection: close\r\n\r\n"
    ));
    for method in [
        "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "FOO",
    ] {
        out.push(format!("{method} /api/countries HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    }
    out.push(format!("POST /api/countries HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n{}", "a".repeat(100_000)));
    out.push(
        "GET /api/countries HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n"
            .into(),
    );
    out.push("GET /api/countries HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\n".into());
    out.push("GET /api/countries HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZZ\r\n".into());
    out.push("GET /api/countries HTTP/9.9\r\nHost: x\r\n\r\n".into());
    out.push("GET /api/countries HTTP/1.1\r\nNo colon here\r\n\r\n".into());
    out.push("GET\r\n\r\n".into());
    out.push("\u{0}\u{1}\u{2}garbage\r\n\r\n".into());
    out.push(
        "GET /api/countries?scope=lac HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".into(),
    );
    out.into_iter()
        .map(|r| {
            (
                r.chars().take(70).collect::<String>().replace("\r\n", " "),
                r.into_bytes(),
            )
        })
        .collect()
}

/// ≥ 50 hostile requests over TCP: each gets a 4xx (or the connection closed for bytes that are
/// not HTTP), never a 5xx, and no answer carries a file from outside the embedded assets.
#[test]
fn hostile_requests_get_client_errors_never_server_errors_or_files() {
    let (addr, stop) = served();
    let requests = hostile_requests();
    assert!(requests.len() >= 50, "{}", requests.len());
    let workspace =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml")).unwrap();
    let mut wrong = Vec::new();
    for (label, request) in &requests {
        let (status, answer) = raw(addr, request);
        let text = String::from_utf8_lossy(&answer);
        let leaked =
            text.contains("root:x:0:0") || text.contains(workspace.lines().next().unwrap());
        match status {
            _ if leaked => wrong.push(format!("{label}: a file outside the assets")),
            Some(code) if code >= 500 => wrong.push(format!("{label}: {code}")),
            Some(200) if label.contains("scope=lac HTTP") => {}
            Some(code) if (400..500).contains(&code) => {}
            None if answer.is_empty() => {} // closed: not HTTP at all
            other => wrong.push(format!("{label}: {other:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let _ = stop.send(());
}

/// A client that stops sending is dropped after the idle time, so the connections it holds
/// come back; past the cap, a connection waits for a place instead of being served.
#[test]
fn slow_clients_are_dropped_and_connections_capped() {
    use std::io::{Read, Write};
    let (addr, stop) = served();
    // Eight clients hold every place, each having sent half a request.
    let holders: Vec<std::net::TcpStream> = (0..8)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(addr).unwrap();
            s.write_all(b"GET /api/countries HTTP/1.1\r\nHo").unwrap();
            s
        })
        .collect();
    // A ninth connects (the kernel queues it) but gets no answer while they hold every place …
    let mut ninth = std::net::TcpStream::connect(addr).unwrap();
    ninth
        .write_all(b"GET /api/countries?scope=lac HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    ninth
        .set_read_timeout(Some(std::time::Duration::from_millis(500)))
        .unwrap();
    let mut byte = [0u8; 1];
    let early = ninth.read(&mut byte);
    assert!(
        early.is_err(),
        "answered while every place was held: {early:?}"
    );
    // … until the idle time drops the holders: then it is served.
    ninth
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut answer = Vec::new();
    ninth.read_to_end(&mut answer).unwrap();
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    for mut h in holders {
        let mut rest = Vec::new();
        h.set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        let _ = h.read_to_end(&mut rest);
        assert!(
            rest.is_empty() || rest.starts_with(b"HTTP/1.1 4"),
            "{}",
            String::from_utf8_lossy(&rest)
        );
    }
    let _ = stop.send(());
}

#[test]
fn a_client_dribbling_its_request_is_dropped_though_it_is_never_idle() {
    use std::io::{ErrorKind, Read, Write};
    let (addr, stop) = served(); // idle 2 s, answer 3 s
    let mut client = std::net::TcpStream::connect(addr).unwrap();
    client
        .set_read_timeout(Some(std::time::Duration::from_millis(20)))
        .unwrap();
    let request = format!(
        "GET /api/countries HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\n\r\n",
        "a".repeat(60)
    );
    // One byte every half second: never idle for 2 s, but 50 s for the whole request.
    let (mut sent, mut closed) = (0, false);
    for byte in request.bytes() {
        if client.write_all(&[byte]).is_err() {
            closed = true;
            break;
        }
        sent += 1;
        std::thread::sleep(std::time::Duration::from_millis(500));
        let mut answer = [0u8; 64];
        match client.read(&mut answer) {
            Ok(0) => {
                closed = true;
                break;
            }
            Ok(n) => panic!("answered: {}", String::from_utf8_lossy(&answer[..n])),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => {
                closed = true;
                break;
            }
        }
    }
    assert!(
        closed && sent < request.len(),
        "closed: {closed}, {sent} of {} bytes sent",
        request.len()
    );
    // The server goes on answering others.
    let (status, _) = raw(
        addr,
        b"GET /api/countries?scope=lac HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, Some(200));
    let _ = stop.send(());
}

/// A build that replaces the store's files changes nothing served (the observatory is in
/// memory); a reload serves the new store, and answers kept for the old one are not served again.
#[test]
fn a_rebuilt_store_is_served_only_once_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let store = world_bank_store(dir.path());
    let load = |store: &std::path::Path| {
        let options = Options {
            uncertainty: 8,
            check_claims: false,
            ..Options::default()
        };
        runtime().block_on(State::load(store, options)).unwrap()
    };
    let live = galeon_server::Live::new(Arc::new(load(&store)));
    let app = galeon_server::live_router(live.clone());
    let stored = |app: &axum::Router| -> u64 {
        let request = Request::get("/api/sources").body(Body::empty()).unwrap();
        let response = runtime().block_on(app.clone().oneshot(request)).unwrap();
        let body = runtime()
            .block_on(response.into_body().collect())
            .unwrap()
            .to_bytes();
        let json: Value = serde_json::from_slice(&body).unwrap();
        let rows = json["data"].as_array().unwrap().iter();
        let wb = rows.filter(|d| d["id"] == "worldbank-gdp-population");
        wb.map(|d| d["rows_stored"].as_u64().unwrap()).sum()
    };
    assert_eq!(stored(&app), 2); // one GDP and one population row, read by hand from the files
                                 // The store is rebuilt with a third row while serving.
    let population = dir
        .path()
        .join("sources/macro/worldbank-gdp-population/population.csv");
    std::fs::write(
        &population,
        "Country Name,Country Code,Year,Value\nBrazil,BRA,2020,213196304\nPeru,PER,2020,33304756\n",
    )
    .unwrap();
    galeon_store::build(&galeon_store::BuildOptions {
        sources: dir.path().join("sources"),
        store: store.clone(),
        progress: false,
        force: false,
    })
    .unwrap();
    assert_eq!(
        stored(&app),
        2,
        "served from memory, not from the files replaced"
    );
    live.replace(load(&store));
    assert_eq!(
        stored(&app),
        3,
        "the reloaded store, not the answer kept before"
    );
}

/// A release given to the server is served as it is: its package, its README and the files its
/// resources name; nothing else in its folder, and nothing outside it.
#[test]
fn a_data_release_is_offered_for_download_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let package = serde_json::json!({
        "name": "galeon-release",
        "resources": [{"name": "countries", "path": "countries.csv"}, {"name": "panel", "path": "data/panel.parquet"}],
    });
    std::fs::write(dir.path().join("datapackage.json"), package.to_string()).unwrap();
    std::fs::write(dir.path().join("countries.csv"), "code\nBRA\n").unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("data/panel.parquet"), b"PAR1").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not in the package").unwrap();
    let release = galeon_server::release::ReleaseDir::open(dir.path()).unwrap();
    let s = fixture_state();
    let live = galeon_server::Live::with_release(s.clone(), Some(release));
    let app = galeon_server::live_router(live);
    let fetch = |uri: &str| {
        let app = app.clone();
        runtime().block_on(async move {
            let r = app
                .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = r.status();
            let body = r.into_body().collect().await.unwrap().to_bytes().to_vec();
            (status, body)
        })
    };
    assert_eq!(
        fetch("/release/countries.csv"),
        (StatusCode::OK, b"code\nBRA\n".to_vec())
    );
    assert_eq!(
        fetch("/release/data/panel.parquet"),
        (StatusCode::OK, b"PAR1".to_vec())
    );
    assert_eq!(fetch("/release/datapackage.json").0, StatusCode::OK);
    for refused in [
        "/release/notes.txt",
        "/release/../Cargo.toml",
        "/release/data/../notes.txt",
        "/release/%2e%2e/Cargo.toml",
    ] {
        assert_eq!(fetch(refused).0, StatusCode::NOT_FOUND, "{refused}");
    }
    let health: Value = serde_json::from_slice(&fetch("/api/health").1).unwrap();
    assert_eq!(health["release"], "/release/datapackage.json");
    // Without a release, the route says how to serve one; a package that points outside its
    // folder is refused when the server starts.
    assert_eq!(
        get(&s, "/release/datapackage.json").status,
        StatusCode::NOT_FOUND
    );
    let outside = serde_json::json!({"resources": [{"path": "../secret.csv"}]});
    std::fs::write(dir.path().join("datapackage.json"), outside.to_string()).unwrap();
    assert!(galeon_server::release::ReleaseDir::open(dir.path())
        .unwrap_err()
        .contains("leaves the folder"));
}
