//! `galeon fetch` end to end against a local server standing in for the publishers: the IMF's
//! SDMX service (answers of every kind it gives), and the pinned files served from the shared
//! data under publisher-like paths — after which a build from the fetched folder gives the same
//! tables, byte for byte, as a build from the shared folder.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use galeon_fetch::{plan, run, Download, Event, Hosts, Options, Policy, Step};
use galeon_sources::fetched::FetchLog;
use galeon_sources::obtain::{pinned_files, Obtain};
use galeon_sources::{dataset, Dataset};
use galeon_testkit::http::{file, serve, status, zip_folder, zip_of, Handler};

fn options(into: &Path, base: &str) -> Options {
    Options {
        into: into.to_path_buf(),
        since: 2020,
        hosts: Hosts::mirror(base),
        policy: Policy {
            attempts: 2,
            backoff: Duration::from_millis(10),
            max_wait: Duration::from_secs(1),
            timeout: Duration::from_secs(10),
        },
        comtrade_key: None,
    }
}

fn downloads(steps: &[Step]) -> Vec<&Download> {
    steps
        .iter()
        .filter_map(|s| match s {
            Step::Download(d) => Some(d),
            Step::ByHand { .. } => None,
        })
        .collect()
}

/// A data message in the IMF SDMX 3.0 service's layout, SDMX-JSON 2.0 (hand-written; values
/// invented): `series` maps index keys to observations over the periods 2023 and 2024.
fn sdmx(prepared: &str, series: &str) -> String {
    format!(
        r#"{{"meta": {{"prepared": "{prepared}"}}, "data": {{"dataSets": [{{"structure": 0, "series": {{{series}}}}}],
        "structures": [{{"dimensions": {{"series": [{{"id": "COUNTRY", "values": [{{"id": "CHN"}}]}},
          {{"id": "INDICATOR", "values": [{{"id": "XG_FOB_USD"}}]}},
          {{"id": "COUNTERPART_COUNTRY", "values": [{{"id": "BRA"}}]}},
          {{"id": "FREQUENCY", "values": [{{"id": "A"}}]}}],
          "observation": [{{"id": "TIME_PERIOD", "values": [{{"value": "2023"}}, {{"value": "2024"}}]}}]}}}}]}}}}"#
    )
}

#[test]
fn imts_is_asked_per_reporter_and_flow_and_every_kind_of_answer_is_handled() {
    let imts: &'static Dataset = dataset("imf-imts").unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Plan first against a placeholder, to learn the queries' paths (China first, then LAC).
    let steps = plan(&[imts], &options(dir.path(), "http://placeholder")).unwrap();
    let paths: Vec<String> = (downloads(&steps).iter())
        .map(|d| d.url.trim_start_matches("http://placeholder").to_string())
        .collect();
    assert_eq!(
        paths.len(),
        68,
        "exports and imports of China and the 33 LAC states"
    );
    assert_eq!(
        paths[0],
        "/imf/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/CHN.XG_FOB_USD.*.A?dimensionAtObservation=TIME_PERIOD&attributes=dsd&measures=all&c%5BTIME_PERIOD%5D=ge%3A2020-A1"
    );
    assert!(paths[1].contains("/CHN.MG_CIF_USD.*.A?"), "{}", paths[1]);
    let with_values = sdmx(
        "2026-11-02T08:00:00Z",
        r#""0:0:0:0": {"observations": {"1": ["73000000000"]}}"#,
    );
    let empty = sdmx("2026-11-02T08:00:01Z", "");
    let error = r#"{"errors": [{"code": 150, "title": "Semantic Error", "detail": "Semantic Error - invalid key"}]}"#;
    let mut routes: HashMap<String, Handler> = HashMap::new();
    for (i, path) in paths.iter().enumerate() {
        let handler: Handler = match i {
            // The query asks for SDMX-JSON; a server answering it gets a message with values.
            0 => {
                let with_values = with_values.clone();
                Arc::new(move |h| {
                    let accept = h.get("accept").and_then(|v| v.to_str().ok());
                    match accept.is_some_and(|a| a.contains("vnd.sdmx.data+json")) {
                        true => file(with_values.as_bytes(), h),
                        false => status(StatusCode::NOT_ACCEPTABLE, "ask for JSON"),
                    }
                })
            }
            1 => Arc::new(|_| status(StatusCode::OK, error)),
            2 => Arc::new(|_| status(StatusCode::NO_CONTENT, "")),
            3 => Arc::new(|_| status(StatusCode::OK, r#"{"data": {"dataSets": ["#)),
            _ => {
                let empty = empty.clone();
                Arc::new(move |h| file(empty.as_bytes(), h))
            }
        };
        routes.insert(path.clone(), handler);
    }
    // China's answer of the SDMX 2.1 service from an earlier fetch: replaced by the new one.
    let folder = dir.path().join("trade/imf-imts");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("imts_CHN.xml"), "<old/>").unwrap();
    let base = serve(routes);
    let options = options(dir.path(), &base);
    let steps = plan(&[imts], &options).unwrap();
    let mut failed = Vec::new();
    let summary = run(&steps, &options, &mut |e| {
        if let Event::Failed(d, e) = e {
            failed.push((d.save_as.clone(), e.to_string()));
        }
    })
    .unwrap();
    assert_eq!((summary.downloaded, failed.len()), (65, 3), "{failed:?}");
    assert!(
        failed[0].1.contains("Semantic Error - invalid key"),
        "{failed:?}"
    );
    assert!(failed[1].1.contains("204"), "{failed:?}");
    assert!(
        failed[2].1.contains("not an SDMX-JSON data message"),
        "{failed:?}"
    );
    // Refused answers leave no file in the dataset folder, and the old answer is gone.
    assert!(!folder.join("imts_CHN.xml").exists());
    let written: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 65);
    for (save_as, _) in &failed {
        assert!(!written.contains(&save_as.rsplit('/').next().unwrap().to_string()));
    }
    // The log names the release the message states, and notes the answers with no value.
    let log = FetchLog::read(dir.path()).unwrap();
    let china = &log.files["trade/imf-imts/imts_CHN_X.json"];
    assert_eq!(
        china.release.as_deref(),
        Some("IMTS message prepared 2026-11-02T08:00:00Z")
    );
    assert_eq!((china.status, china.note.as_deref()), (200, None));
    let empties = log.files.values().filter(|f| f.note.is_some()).count();
    assert_eq!(empties, 64);
    // What was fetched is read: China's exports to Brazil in 2024, in dollars, and nothing else.
    let mut flows = Flows::default();
    galeon_sources::survey::read_dataset(dir.path(), "imf-imts", &mut flows).unwrap();
    assert_eq!(flows.rows, vec![("CHN".into(), "BRA".into(), 2024, 73e9)]);
    assert_eq!(flows.read, 1);
}

/// The trade flows a connector hands over, and the rows it read.
#[derive(Default)]
struct Flows {
    rows: Vec<(String, String, i32, f64)>,
    read: u64,
}

impl galeon_sources::canonical::Sink for Flows {
    fn write(
        &mut self,
        _: &galeon_sources::canonical::Provenance,
        batch: galeon_sources::canonical::Batch,
    ) -> Result<(), String> {
        if let galeon_sources::canonical::Batch::TradeFlows(rows) = batch {
            for r in rows {
                let (reporter, partner) = (r.reporter.to_string(), r.partner.to_string());
                self.rows.push((reporter, partner, r.year, r.value_usd));
            }
        }
        Ok(())
    }
    fn reject(
        &mut self,
        _: &galeon_sources::canonical::Provenance,
        _: galeon_sources::canonical::Reject,
    ) {
    }
    fn rows_read(&mut self, _: &galeon_sources::canonical::Provenance, rows: u64) {
        self.read += rows;
    }
}

/// Every dataset read whole from pinned files (all publishers and formats: xlsx, UTF-8 and
/// Latin-1 CSV, gzip, JSON): fetched from the local server, then built and compared with a build
/// of the same datasets from the shared folder.
fn wholly_pinned() -> Vec<&'static Dataset> {
    (galeon_sources::DATASETS.iter())
        .filter(|d| matches!(d.obtain, Obtain::Pinned { rest: None, .. }))
        .filter(|d| matches!(d.reader, galeon_sources::Reader::Rows(_)))
        .collect()
}

#[test]
fn pinned_files_fetched_from_a_mirror_build_the_same_tables_as_the_shared_folder() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return; // said once by shared_data
    };
    let datasets = wholly_pinned();
    // Counted from the declarations by hand: aei-cgit, aiddata-gcof-1.0,
    // aiddata-gcdf-3.0-adm-locations, argendata, comtrade-cipf-partner-tables, confucius,
    // export-concentration-indices, gfdc-bri, imf-dots, un-desa, wits-trade-summary,
    // worldbank-gdp-population, wri-gppd-summary (the Atlas comes from Dataverse, below).
    assert_eq!(
        datasets.len(),
        13,
        "{:?}",
        datasets.iter().map(|d| d.id).collect::<Vec<_>>()
    );
    // The server answers each pinned path with the shared copy of the file; a file published
    // in a zip, with a zip of the shared copies (in a folder of the zip's name, as AidData's).
    let mut routes: HashMap<String, Handler> = HashMap::new();
    let mut zips: HashMap<String, Vec<(String, Vec<u8>)>> = HashMap::new();
    let mut members = 0;
    for d in &datasets {
        let Obtain::Pinned { list, rest: None } = d.obtain else {
            panic!("{} is not wholly pinned", d.id);
        };
        for f in pinned_files(list).unwrap() {
            let bytes = std::fs::read(shared.join(d.folder).join(f.save_as)).unwrap();
            let route = format!("/{}/{}", f.host.name(), galeon_fetch::encode_path(f.path));
            match f.member {
                Some(member) => {
                    let top = zip_folder(f.path);
                    zips.entry(route)
                        .or_default()
                        .push((format!("{top}/{member}"), bytes));
                    members += 1;
                }
                None => {
                    let bytes = Arc::new(bytes);
                    routes.insert(route, Arc::new(move |h| file(&bytes, h)));
                }
            }
        }
    }
    assert_eq!(
        members, 3,
        "AidData's GCDF 3.0 zip: the field definitions, ADM1 and ADM2"
    );
    for (route, files) in zips {
        let bytes = Arc::new(zip_of(&files));
        routes.insert(route, Arc::new(move |h| file(&bytes, h)));
    }
    let base = serve(routes);
    let fetched = tempfile::tempdir().unwrap();
    let options = options(fetched.path(), &base);
    let steps = plan(&datasets, &options).unwrap();
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    // Every planned download (a zip among them), then each file taken out of the zip.
    assert_eq!(summary.downloaded, downloads(&steps).len() + members);
    // A second run finds every file in place with its checksum and downloads nothing, not even
    // the zip.
    let again = run(&steps, &options, &mut |_| {}).unwrap();
    assert_eq!(
        (again.downloaded, again.up_to_date),
        (0, summary.downloaded)
    );

    // The same datasets straight from the shared folder (linked, as a user may).
    let linked = tempfile::tempdir().unwrap();
    for d in &datasets {
        let to = linked.path().join(d.folder);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(shared.join(d.folder), &to).unwrap();
    }
    let stores = tempfile::tempdir().unwrap();
    let build = |sources: &Path, name: &str| {
        let store = stores.path().join(name);
        galeon_store::build(&galeon_store::BuildOptions {
            sources: sources.to_path_buf(),
            store: store.clone(),
            progress: false,
            force: true,
        })
        .unwrap();
        store
    };
    let (from_fetch, from_shared) = (build(fetched.path(), "a"), build(linked.path(), "b"));
    let mut compared = 0;
    for d in &datasets {
        for entry in walkdir::WalkDir::new(&from_shared) {
            let entry = entry.unwrap().into_path();
            let relative = entry.strip_prefix(&from_shared).unwrap();
            if !relative
                .to_string_lossy()
                .contains(&format!("{}.parquet", d.id))
            {
                continue;
            }
            let other = from_fetch.join(relative);
            assert!(
                std::fs::read(&entry).unwrap() == std::fs::read(&other).unwrap(),
                "{} differs",
                relative.display()
            );
            compared += 1;
        }
    }
    assert!(compared >= datasets.len(), "{compared} tables compared");
    // The fetched store's manifest traces every file read to its URL and download.
    let manifest = galeon_store::read_manifest(&from_fetch).unwrap();
    let read: Vec<_> = (manifest.datasets.iter())
        .filter(|d| datasets.iter().any(|p| p.id == d.id))
        .flat_map(|d| &d.files)
        .collect();
    assert!(!read.is_empty());
    for f in read {
        let fetched = f
            .fetched
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no fetch entry", f.path));
        assert!(fetched.url.starts_with(&base), "{}", fetched.url);
        assert_eq!(fetched.sha256, f.sha256);
    }
}

#[test]
fn world_bank_pages_are_followed_and_an_error_answer_refused() {
    let wb: &'static Dataset = dataset("worldbank-api").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let steps = plan(&[wb], &options(dir.path(), "http://placeholder")).unwrap();
    let paths: Vec<String> = downloads(&steps)
        .iter()
        .map(|d| d.url.trim_start_matches("http://placeholder").to_string())
        .collect();
    assert_eq!(paths.len(), 2, "GDP and population, page 1 each");
    assert!(
        paths[0].starts_with("/worldbank/v2/country/CHN;"),
        "{}",
        paths[0]
    );
    assert!(
        paths[0].contains("/indicator/NY.GDP.MKTP.CD?date=2020:"),
        "{}",
        paths[0]
    );
    let page = |n: u32, pages: u32| {
        format!(
            r#"[{{"page":{n},"pages":{pages},"per_page":1,"total":2,"lastupdated":"2031-03-04"}},[{{"indicator":{{"id":"NY.GDP.MKTP.CD"}},"countryiso3code":"BRA","date":"202{n}","value":{n}}}]]"#
        )
    };
    let (first, second) = (page(1, 2), page(2, 2));
    let error = r#"[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]"#;
    let mut routes: HashMap<String, Handler> = HashMap::new();
    routes.insert(
        paths[0].clone(),
        Arc::new(move |h| file(first.as_bytes(), h)),
    );
    let page_two = paths[0].replace("&page=1", "&page=2");
    routes.insert(page_two, Arc::new(move |h| file(second.as_bytes(), h)));
    routes.insert(
        paths[1].clone(),
        Arc::new(|_| status(StatusCode::OK, error)),
    );
    let base = serve(routes);
    let options = options(dir.path(), &base);
    let steps = plan(&[wb], &options).unwrap();
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    assert_eq!(summary.downloaded, 2, "{:?}", summary.failed);
    assert_eq!(summary.failed.len(), 1);
    assert!(
        summary.failed[0].1.contains("120 Invalid value"),
        "{:?}",
        summary.failed
    );
    let folder = dir.path().join("macro/worldbank-api");
    assert!(folder.join("gdp_p1.json").is_file() && folder.join("gdp_p2.json").is_file());
    assert!(!folder.join("population_p1.json").exists());
    // Both pages read into the store's rows (through the connector, as a build would).
    let mut sink = CountRows::default();
    galeon_sources::survey::read_dataset(dir.path(), "worldbank-api", &mut sink).unwrap();
    assert_eq!(sink.0, 2);
}

/// A sink that counts stored rows.
#[derive(Default)]
struct CountRows(usize);

impl galeon_sources::canonical::Sink for CountRows {
    fn write(
        &mut self,
        _: &galeon_sources::canonical::Provenance,
        batch: galeon_sources::canonical::Batch,
    ) -> Result<(), String> {
        self.0 += batch.len();
        Ok(())
    }
    fn reject(
        &mut self,
        _: &galeon_sources::canonical::Provenance,
        r: galeon_sources::canonical::Reject,
    ) {
        panic!("unexpected reject: {r:?}");
    }
    fn rows_read(&mut self, _: &galeon_sources::canonical::Provenance, _: u64) {}
}

#[test]
fn comtrade_sends_the_key_as_a_header_never_logs_it_and_states_the_retrieval_date() {
    let comtrade: &'static Dataset = dataset("comtrade-api").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let key = "k3y-not-to-be-logged";
    let mut keyed = options(dir.path(), "http://placeholder");
    keyed.since = 2023;
    keyed.comtrade_key = Some(key.into());
    let steps = plan(&[comtrade], &keyed).unwrap();
    let paths: Vec<String> = downloads(&steps)
        .iter()
        .map(|d| d.url.trim_start_matches("http://placeholder").to_string())
        .collect();
    assert_eq!(paths.len(), 1, "2023 to last year fit one keyed query");
    assert!(paths[0].starts_with("/comtrade/data/v1/get/C/A/HS?reporterCode=156&"));
    let body = r#"{"elapsedTime":"0.2 secs","count":1,"data":[{"refYear":2024,"reporterCode":156,"flowCode":"X","partnerCode":604,"partner2Code":0,"cmdCode":"TOTAL","customsCode":"C00","motCode":0,"primaryValue":22500000000.0}],"error":""}"#;
    let mut routes: HashMap<String, Handler> = HashMap::new();
    routes.insert(
        paths[0].clone(),
        Arc::new(move |h| match h.get("ocp-apim-subscription-key") {
            Some(v) if v == key => file(body.as_bytes(), h),
            _ => status(
                StatusCode::UNAUTHORIZED,
                "Access denied due to missing subscription key",
            ),
        }),
    );
    let base = serve(routes);
    keyed.hosts = Hosts::mirror(&base);
    let steps = plan(&[comtrade], &keyed).unwrap();
    let summary = run(&steps, &keyed, &mut |_| {}).unwrap();
    assert_eq!(
        (summary.downloaded, summary.failed.len()),
        (1, 0),
        "{:?}",
        summary.failed
    );
    let log = std::fs::read_to_string(dir.path().join("fetched.toml")).unwrap();
    assert!(!log.contains(key), "the key is in the log:\n{log}");
    let folder = dir.path().join("trade/comtrade-api");
    let release = std::fs::read_to_string(folder.join("release.toml")).unwrap();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(
        release.contains(&format!("UN Comtrade API, retrieved {today}")),
        "{release}"
    );

    // Without the key, the plan asks the keyless preview, a query a year.
    let mut preview = options(dir.path(), &base);
    preview.since = 2023;
    let steps = plan(&[comtrade], &preview).unwrap();
    assert!(downloads(&steps)
        .iter()
        .all(|d| d.url.contains("/public/v1/preview/")));
}

/// The IMF's and the World Bank's queries run at once, each API one query at a time: the IMF's
/// first answer is held until the World Bank has been asked (or 5 s pass), which only a run
/// that does not wait for one API before the other gets past at once.
#[test]
fn each_api_is_asked_one_query_at_a_time_and_the_apis_at_once() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let imts: &'static Dataset = dataset("imf-imts").unwrap();
    let worldbank: &'static Dataset = dataset("worldbank-api").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let steps = plan(
        &[imts, worldbank],
        &options(dir.path(), "http://placeholder"),
    )
    .unwrap();
    let paths: Vec<String> = (downloads(&steps).iter())
        .map(|d| d.url.trim_start_matches("http://placeholder").to_string())
        .collect();
    let asked_world_bank = Arc::new(AtomicBool::new(false));
    let held = Arc::new(std::sync::Mutex::new(None::<Duration>));
    // Queries of one API under way at once, and the most seen.
    let imf_now = Arc::new(AtomicUsize::new(0));
    let imf_most = Arc::new(AtomicUsize::new(0));
    let empty = sdmx("2026-11-02T08:00:01Z", "");
    let mut routes: HashMap<String, Handler> = HashMap::new();
    for path in &paths {
        let handler: Handler = if path.starts_with("/imf/") {
            let (asked, held, empty) = (asked_world_bank.clone(), held.clone(), empty.clone());
            let (now, most) = (imf_now.clone(), imf_most.clone());
            Arc::new(move |h| {
                let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(n, Ordering::SeqCst);
                let mut first = held.lock().unwrap();
                if first.is_none() {
                    let started = std::time::Instant::now();
                    while !asked.load(Ordering::SeqCst)
                        && started.elapsed() < Duration::from_secs(5)
                    {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    *first = Some(started.elapsed());
                }
                drop(first);
                now.fetch_sub(1, Ordering::SeqCst);
                file(empty.as_bytes(), h)
            })
        } else {
            let asked = asked_world_bank.clone();
            Arc::new(move |_| {
                asked.store(true, Ordering::SeqCst);
                status(StatusCode::NOT_FOUND, "not here")
            })
        };
        routes.insert(path.clone(), handler);
    }
    let base = serve(routes);
    let options = options(dir.path(), &base);
    let steps = plan(&[imts, worldbank], &options).unwrap();
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    assert_eq!(summary.downloaded, 68, "every IMF query answered");
    let waited = held.lock().unwrap().expect("the IMF was asked");
    assert!(
        waited < Duration::from_secs(4),
        "the IMF's first answer waited {waited:?}"
    );
    assert_eq!(
        imf_most.load(Ordering::SeqCst),
        1,
        "one IMF query at a time"
    );
}

/// Builds a store from `sources` into `store` (every table, forced) and reads `table`'s rows
/// from `source` but their release; returns the store too.
fn built_rows(
    sources: &Path,
    store: &Path,
    table: &str,
    source: &str,
) -> (std::path::PathBuf, galeon_store::Rows) {
    galeon_store::build(&galeon_store::BuildOptions {
        sources: sources.to_path_buf(),
        store: store.to_path_buf(),
        progress: false,
        force: true,
    })
    .unwrap();
    (store.to_path_buf(), rows_but_release(store, table, source))
}

/// The rows of `table` from `source`, every column but the release, in one order.
fn rows_but_release(store: &Path, table: &str, source: &str) -> galeon_store::Rows {
    let columns: Vec<String> = (galeon_store::table_columns(table).into_iter())
        .filter(|c| c != "release")
        .collect();
    let sql = format!(
        "SELECT {} FROM {table} WHERE source = '{source}' ORDER BY {}",
        columns.join(", "),
        columns.join(", ")
    );
    let limits = galeon_store::QueryLimits {
        max_rows: 1_000_000,
        ..Default::default()
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let result = runtime
        .block_on(galeon_store::query(store, &sql, limits))
        .unwrap();
    assert!(!result.truncated);
    result.rows().unwrap()
}

/// The MD5 of a file by coreutils' md5sum: computed apart from galeon's own hashing.
fn md5sum(path: &Path) -> String {
    let out = std::process::Command::new("md5sum")
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()[..32].to_string()
}

#[test]
fn the_atlas_comes_from_dataverse_checked_by_its_md5_and_builds_the_same_values() {
    use galeon_testkit::dataverse::{description, File};
    let Some(shared) = galeon_testkit::shared_data() else {
        return; // said once by shared_data
    };
    let atlas = dataset("atlas-country-year").unwrap();
    let Obtain::Dataverse { doi, .. } = atlas.obtain else {
        panic!("the Atlas is declared as a Dataverse dataset");
    };
    let csv = shared
        .join(atlas.folder)
        .join("atlas_hs92_country_year_1995_2024.csv");
    let bytes = Arc::new(std::fs::read(&csv).unwrap());
    let md5 = md5sum(&csv);
    // The description Dataverse gives of the Growth Lab's HS92 dataset (the file id is the one
    // the shared copy's manifest records; the data dictionary is a second, unwanted file).
    let files = [
        File {
            id: 13685109,
            name: "hs92_country_year.csv",
            md5: &md5,
            bytes: bytes.len() as u64,
            ingested: false,
            restricted: false,
        },
        File {
            id: 13685101,
            name: "hs92_data_dictionary.csv",
            md5: "0123456789abcdef0123456789abcdef",
            bytes: 10,
            ingested: true,
            restricted: false,
        },
    ];
    let text = Arc::new(description(doi, (8, 0), "2026-04-22T14:01:12Z", &files));
    let mut routes: HashMap<String, Handler> = HashMap::new();
    let t = text.clone();
    routes.insert(
        format!("/dataverse/api/datasets/:persistentId/?persistentId={doi}"),
        Arc::new(move |h| file(t.as_bytes(), h)),
    );
    let b = bytes.clone();
    routes.insert(
        "/dataverse/api/access/datafile/13685109".into(),
        Arc::new(move |h| file(&b, h)),
    );
    let base = serve(routes);
    // A folder that held the former copy keeps its manifest, whose release speaks of that copy:
    // fetch removes it once it states the Dataverse file's release.
    let manifest_name = "geo-SCM_source_manifest.json";
    let former = shared.join(atlas.folder).join(manifest_name);
    let fetched = tempfile::tempdir().unwrap();
    let folder = fetched.path().join(atlas.folder);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(&former, folder.join(manifest_name)).unwrap();
    let options = options(fetched.path(), &base);
    let steps = plan(&[atlas], &options).unwrap();
    assert_eq!(downloads(&steps).len(), 1, "the description first");
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert_eq!(
        summary.downloaded, 2,
        "the description and the one declared file"
    );
    let log = FetchLog::read(fetched.path()).unwrap();
    let entry = &log.files[&format!("{}/atlas_hs92_country_year_1995_2024.csv", atlas.folder)];
    assert_eq!(
        entry.url,
        format!("{base}/dataverse/api/access/datafile/13685109")
    );
    let release =
        "Harvard Dataverse doi:10.7910/DVN/T4CHWJ, version 8.0 released 2026-04-22, file 13685109";
    assert_eq!(entry.release.as_deref(), Some(release));
    assert!(log
        .files
        .contains_key(".listings/atlas-country-year/dataverse-dataset.json"));
    assert!(
        !folder.join(manifest_name).exists(),
        "the former copy's manifest is gone"
    );
    // A second run finds the file in place with its MD5: only the description is asked again.
    let again = run(&steps, &options, &mut |_| {}).unwrap();
    assert_eq!((again.downloaded, again.up_to_date), (1, 1));

    // The same values as from the shared copy; the release now says the Dataverse version.
    let linked = tempfile::tempdir().unwrap();
    let to = linked.path().join(atlas.folder);
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(shared.join(atlas.folder), &to).unwrap();
    let stores = tempfile::tempdir().unwrap();
    let (a, from_fetch) = built_rows(fetched.path(), &stores.path().join("a"), "macro", atlas.id);
    let (_, from_shared) = built_rows(linked.path(), &stores.path().join("b"), "macro", atlas.id);
    assert!(from_shared.len() > 6_000, "{} rows", from_shared.len());
    assert!(from_fetch == from_shared, "the values differ");
    let manifest = galeon_store::read_manifest(&a).unwrap();
    let read = manifest.datasets.iter().find(|d| d.id == atlas.id).unwrap();
    assert_eq!(read.files.len(), 1);
    assert!(
        read.files[0].release.starts_with(release),
        "{}",
        read.files[0].release
    );

    // A file the description does not have is an error naming what it has.
    let served = Arc::new(description(
        doi,
        (9, 0),
        "2026-10-01T00:00:00Z",
        &files[1..],
    ));
    let mut routes: HashMap<String, Handler> = HashMap::new();
    routes.insert(
        format!("/dataverse/api/datasets/:persistentId/?persistentId={doi}"),
        Arc::new(move |h| file(served.as_bytes(), h)),
    );
    let options = Options {
        hosts: Hosts::mirror(&serve(routes)),
        ..options
    };
    let steps = plan(&[atlas], &options).unwrap();
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    let (_, e) = &summary.failed[0];
    assert!(e.contains("no file \"hs92_country_year.csv\" in Harvard Dataverse doi:10.7910/DVN/T4CHWJ, version 9.0"), "{e}");
    assert!(e.contains("hs92_data_dictionary.tab"), "{e}");
}

/// The yearly events files of ICEWS's Dataverse dataset (doi:10.7910/DVN/28075) as its 2020
/// version lists them (1995–2020; the 2014–2016, 2018 and 2019 files are tables Dataverse
/// ingested).
const ICEWS_2020: [&str; 26] = [
    "events.1995.20150313082510.tab.zip",
    "events.1996.20150313082528.tab.zip",
    "events.1997.20150313082554.tab.zip",
    "events.1998.20150313082622.tab.zip",
    "events.1999.20150313082705.tab.zip",
    "events.2000.20150313082808.tab.zip",
    "events.2001.20150313082922.tab.zip",
    "events.2002.20150313083053.tab.zip",
    "events.2003.20150313083228.tab.zip",
    "events.2004.20150313083407.tab.zip",
    "events.2005.20150313083555.tab.zip",
    "events.2006.20150313083752.tab.zip",
    "events.2007.20150313083959.tab.zip",
    "events.2008.20150313084156.tab.zip",
    "events.2009.20150313084349.tab.zip",
    "events.2010.20150313084533.tab.zip",
    "events.2011.20150313084656.tab.zip",
    "events.2012.20150313084811.tab.zip",
    "events.2013.20150313084929.tab.zip",
    "events.2014.20160121105408.tab",
    "events.2015.20180710092545.tab",
    "events.2016.20180710092843.tab",
    "Events.2017.20201006.tab.zip",
    "events.2018.20200427084805.tab",
    "events.2019.20200427085336.tab",
    "events.2020.20200506093336.tab.zip",
];

#[test]
fn icews_event_files_come_from_dataverse_as_uploaded_and_build_one_row_per_event() {
    use galeon_testkit::dataverse::{description, File};
    use std::io::Write;
    let icews = dataset("icews-events").unwrap();
    let Obtain::Dataverse { doi, .. } = icews.obtain else {
        panic!("ICEWS is declared as a Dataverse dataset");
    };
    assert!(icews.obtain.only_when_named(), "1.5 GB: only when named");
    assert!(!icews.obtain.needs_since());
    assert!(!dataset("atlas-country-year")
        .unwrap()
        .obtain
        .only_when_named());
    // The yearly files as the 2020 version of the dataset lists them, and a later year: each as
    // the publisher would hold it, the header of the ICEWS files, one event of China with
    // Brazil dated in the file's year, one of two other states; the `.tab.zip` files zipped,
    // the `.tab` ones ingested by Dataverse (fetched as uploaded). A read-me is not fetched.
    let mut files: Vec<&str> = ICEWS_2020.to_vec();
    files.push("events.2021.20230105.tab");
    let header = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";
    let published = tempfile::tempdir().unwrap();
    let mut listed = Vec::new();
    let mut routes: HashMap<String, Handler> = HashMap::new();
    for (n, name) in files.iter().enumerate() {
        let year = &name[7..11];
        let event = |id: usize, source: &str, target: &str| {
            format!("{id}\t{year}-05-04\tGovernment ({source})\tGovernment\t{source}\tConsult\t040\t1\tGovernment ({target})\tGovernment\t{target}\t1\t1\tXinhua\t\t\t\t\t\t")
        };
        let text = format!(
            "{header}\n{}\n{}\n",
            event(2 * n, "China", "Brazil"),
            event(2 * n + 1, "France", "Germany")
        );
        let path = published.path().join(name);
        match name.strip_suffix(".zip") {
            Some(inner) => {
                let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
                zip.start_file(inner, zip::write::SimpleFileOptions::default())
                    .unwrap();
                zip.write_all(text.as_bytes()).unwrap();
                zip.finish().unwrap();
            }
            None => std::fs::write(&path, &text).unwrap(),
        }
        let bytes = Arc::new(std::fs::read(&path).unwrap());
        let ingested = !name.ends_with(".zip");
        let id = 2_000_000 + n as u64;
        listed.push((id, *name, md5sum(&path), bytes.len() as u64, ingested));
        let query = if ingested { "?format=original" } else { "" };
        routes.insert(
            format!("/dataverse/api/access/datafile/{id}{query}"),
            Arc::new(move |h| file(&bytes, h)),
        );
    }
    let mut described: Vec<File> = (listed.iter())
        .map(|(id, name, md5, bytes, ingested)| File {
            id: *id,
            name,
            md5,
            bytes: *bytes,
            ingested: *ingested,
            restricted: false,
        })
        .collect();
    described.push(File {
        id: 1_999_999,
        name: "ICEWS Coded Event Data Read Me.pdf",
        md5: "900150983cd24fb0d6963f7d28e17f72",
        bytes: 3,
        ingested: false,
        restricted: false,
    });
    // The 2021 file's checksum is given as SHA-1 only, which galeon does not compute: it is
    // fetched unchecked, and the log says so.
    let mut text: serde_json::Value = serde_json::from_str(&description(
        doi,
        (30, 0),
        "2020-05-06T13:33:36Z",
        &described,
    ))
    .unwrap();
    let last = listed.last().unwrap().0;
    let entry = (text["data"]["latestVersion"]["files"]
        .as_array_mut()
        .unwrap())
    .iter_mut()
    .find(|f| f["dataFile"]["id"] == last)
    .unwrap();
    entry["dataFile"]["checksum"]["type"] = "SHA-1".into();
    entry["dataFile"].as_object_mut().unwrap().remove("md5");
    let text = Arc::new(text.to_string());
    routes.insert(
        format!("/dataverse/api/datasets/:persistentId/?persistentId={doi}"),
        Arc::new(move |h| file(text.as_bytes(), h)),
    );
    let base = serve(routes);
    let fetched = tempfile::tempdir().unwrap();
    // A former version of the 1995 file, which the description no longer lists, is in the folder
    // from an earlier fetch: read beside the new one, 1995's events would count twice.
    let folder = fetched.path().join(icews.folder);
    std::fs::create_dir_all(&folder).unwrap();
    let former = folder.join("events.1995.20100101.tab");
    std::fs::write(&former, format!("{header}\n1\t1995-05-04\tGovernment (China)\tGovernment\tChina\tConsult\t040\t1\tGovernment (Brazil)\tGovernment\tBrazil\t1\t1\tXinhua\t\t\t\t\t\t\n")).unwrap();
    let options = options(fetched.path(), &base);
    let steps = plan(&[icews], &options).unwrap();
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert_eq!(
        summary.downloaded, 28,
        "the description and the 27 yearly files, not the read-me"
    );
    assert!(!former.exists(), "the file no longer listed is removed");
    let log = FetchLog::read(fetched.path()).unwrap();
    let entry = &log.files[&format!("{}/events.2014.20160121105408.tab", icews.folder)];
    assert_eq!(
        entry.url,
        format!("{base}/dataverse/api/access/datafile/2000019?format=original")
    );
    assert_eq!(entry.note, None, "checked by its MD5");
    let unchecked = &log.files[&format!("{}/events.2021.20230105.tab", icews.folder)];
    assert_eq!(
        unchecked.note.as_deref(),
        Some(
            "not checked: Dataverse gives a checksum of type SHA-1, which galeon does not compute"
        )
    );

    // One row per China–LAC event, one a year from 1995 to 2021; each release is its file's.
    let stores = tempfile::tempdir().unwrap();
    let (store, rows) = built_rows(fetched.path(), stores.path(), "events", icews.id);
    assert_eq!(rows.len(), 27);
    let years = rows.int(rows.position("year").unwrap());
    let expected: Vec<Option<i32>> = (1995..=2021).map(Some).collect();
    assert_eq!(years, expected);
    let manifest = galeon_store::read_manifest(&store).unwrap();
    let read = manifest.datasets.iter().find(|d| d.id == icews.id).unwrap();
    assert_eq!(read.files.len(), 27);
    let zip_2017 = (read.files.iter())
        .find(|f| f.path.ends_with("Events.2017.20201006.tab.zip"))
        .unwrap();
    assert_eq!(zip_2017.release, "ICEWS events of 2017, file of 2020-10-06");
}

#[test]
fn gdelt_files_come_from_its_lists_checked_by_md5_from_the_year_asked() {
    let gdelt = dataset("gdelt-events").unwrap();
    assert!(gdelt.obtain.only_when_named());
    // Four export files as GDELT publishes them (generated), and a list in GDELT's layout:
    // them, a mentions file and a 2015 export (neither wanted), and one with a wrong MD5; a
    // fifth generated file is a translingual export, named in the translingual list.
    let published = tempfile::tempdir().unwrap();
    galeon_testkit::gdelt::generate(published.path(), 5, 300, 7);
    let mut names: Vec<String> = (std::fs::read_dir(published.path()).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5);
    let translated = names[4].replace(".export.", ".translation.export.");
    std::fs::rename(
        published.path().join(&names[4]),
        published.path().join(&translated),
    )
    .unwrap();
    names[4] = translated;
    let gdelt_url = "http://data.gdeltproject.org/gdeltv2";
    let (mut list, mut translation_list) = (String::new(), String::new());
    let mut routes: HashMap<String, Handler> = HashMap::new();
    for (n, name) in names.iter().enumerate() {
        let path = published.path().join(name);
        let md5 = match n {
            3 => "00000000000000000000000000000000".to_string(),
            _ => md5sum(&path),
        };
        let bytes = Arc::new(std::fs::read(&path).unwrap());
        let line = format!("{} {md5} {gdelt_url}/{name}\n", bytes.len());
        match n {
            4 => translation_list += &line,
            _ => list += &line,
        }
        routes.insert(
            format!("/gdelt/gdeltv2/{name}"),
            Arc::new(move |h| file(&bytes, h)),
        );
        let mentions = name.replace(".export.", ".mentions.");
        list += &format!("10 0123456789abcdef0123456789abcdef {gdelt_url}/{mentions}\n");
    }
    list = format!(
        "150383 297a16b493de7cf6ca809a7cc31d0b93 {gdelt_url}/20150218230000.export.CSV.zip\n{list}"
    );
    for (name, text) in [
        ("masterfilelist.txt", list),
        ("masterfilelist-translation.txt", translation_list),
    ] {
        let text = Arc::new(text);
        routes.insert(
            format!("/gdelt/gdeltv2/{name}"),
            Arc::new(move |h| file(text.as_bytes(), h)),
        );
    }
    let base = serve(routes);
    let fetched = tempfile::tempdir().unwrap();
    let options = options(fetched.path(), &base); // since 2020
    let steps = plan(&[gdelt], &options).unwrap();
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    assert_eq!(summary.downloaded, 6, "the two lists and four files");
    assert_eq!(summary.failed.len(), 1, "{:?}", summary.failed);
    let (file_name, e) = &summary.failed[0];
    assert!(
        file_name.ends_with(&names[3]) && e.contains("MD5"),
        "{file_name}: {e}"
    );
    let folder = fetched.path().join(gdelt.folder);
    for name in names[..3].iter().chain(&names[4..]) {
        assert_eq!(
            std::fs::read(folder.join(name)).unwrap(),
            std::fs::read(published.path().join(name)).unwrap()
        );
    }
    assert!(
        !folder.join(&names[3]).exists(),
        "a file with the wrong MD5 is not kept"
    );
    let listed: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(listed.len(), 4, "no mentions file, no 2015 file");
    // The refused file is not kept for a resume either: its bytes are known to be wrong.
    let partial = fetched.path().join(".partial").join(gdelt.folder);
    assert!(!partial.join(format!("{}.part", names[3])).exists());

    // Built, the fetched files give the same table as the same files put in place by hand.
    let by_hand = tempfile::tempdir().unwrap();
    let to = by_hand.path().join(gdelt.folder);
    std::fs::create_dir_all(&to).unwrap();
    for name in names[..3].iter().chain(&names[4..]) {
        std::fs::copy(published.path().join(name), to.join(name)).unwrap();
    }
    let stores = tempfile::tempdir().unwrap();
    let table = "gdelt_events";
    let (_, from_fetch) = built_rows(fetched.path(), &stores.path().join("a"), table, gdelt.id);
    let (_, from_hand) = built_rows(by_hand.path(), &stores.path().join("b"), table, gdelt.id);
    assert!(from_hand.len() > 50, "{} events", from_hand.len());
    assert!(from_fetch == from_hand, "the events differ");
}

#[test]
fn a_dataset_fetched_by_hand_is_said_missing_until_its_files_are_in_place() {
    // ICEWS is wholly by hand; hs4-exports-2017 is pinned but for one converted file.
    let datasets = [
        dataset("icews-dyad-year").unwrap(),
        dataset("hs4-exports-2017").unwrap(),
    ];
    let into = tempfile::tempdir().unwrap();
    let options = options(into.path(), "http://127.0.0.1:9");
    let by_hand: Vec<Step> = (plan(&datasets, &options).unwrap().into_iter())
        .filter(|s| matches!(s, Step::ByHand { .. }))
        .collect();
    assert_eq!(by_hand.len(), 2);
    let fetch = |into: &Path| {
        let mut said = Vec::new();
        let options = Options {
            into: into.to_path_buf(),
            ..options.clone()
        };
        let summary = run(&by_hand, &options, &mut |e| {
            if let Event::ByHand(id, _, missing) = e {
                said.push((id, missing.to_vec()));
            }
        })
        .unwrap();
        (said, summary.by_hand, summary.by_hand_in_place)
    };
    let (said, missing, in_place) = fetch(into.path());
    assert_eq!(
        said,
        vec![
            ("icews-dyad-year", vec!["icews_china_dyads_2002_2014.csv"]),
            // The pinned .rda is not the person's to fetch; only the converted CSV is.
            ("hs4-exports-2017", vec!["world_trade_2017_hs4_exports.csv"]),
        ]
    );
    assert_eq!((missing.len(), in_place.len()), (2, 0));
    for (d, name) in [
        (datasets[0], "icews_china_dyads_2002_2014.csv"),
        (datasets[1], "world_trade_2017_hs4_exports.csv"),
    ] {
        let folder = into.path().join(d.folder);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(name), "a,b\n").unwrap();
    }
    let (said, missing, in_place) = fetch(into.path());
    assert!(said.iter().all(|(_, m)| m.is_empty()), "{said:?}");
    assert_eq!(missing, Vec::<&str>::new());
    assert_eq!(in_place, vec!["icews-dyad-year", "hs4-exports-2017"]);
}

#[test]
fn files_inside_a_publishers_zip_are_taken_out_checked_and_a_wrong_one_never_kept() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return; // said once by shared_data
    };
    let gcdf: &'static Dataset = dataset("aiddata-gcdf-3.0-adm-locations").unwrap();
    let Obtain::Pinned { list, .. } = gcdf.obtain else {
        panic!("{} is not pinned", gcdf.id)
    };
    let pinned = pinned_files(list).unwrap();
    let copy = |name: &str| std::fs::read(shared.join(gcdf.folder).join(name)).unwrap();
    let top = zip_folder(pinned[0].path);
    let inside = |f: &galeon_sources::obtain::PinnedFile, bytes: Vec<u8>| {
        (format!("{top}/{}", f.member.unwrap()), bytes)
    };
    // What the server answers for the zip, changed between runs.
    let answer = Arc::new(std::sync::Mutex::new(None::<Vec<u8>>));
    let route = format!("/aiddata/{}", galeon_fetch::encode_path(pinned[0].path));
    let serving = answer.clone();
    let handler: Handler = Arc::new(move |h| match &*serving.lock().unwrap() {
        Some(bytes) => file(bytes, h),
        None => status(StatusCode::INTERNAL_SERVER_ERROR, "down"),
    });
    let base = serve(HashMap::from([(route, handler)]));
    let dir = tempfile::tempdir().unwrap();
    let options = options(dir.path(), &base);
    let steps = plan(&[gcdf], &options).unwrap();
    assert_eq!(
        downloads(&steps).len(),
        1,
        "one download of the zip for its three files"
    );
    let in_folder =
        |f: &galeon_sources::obtain::PinnedFile| dir.path().join(gcdf.folder).join(f.save_as);

    // An error page with status 200 is not a zip: nothing is taken out.
    *answer.lock().unwrap() = Some(b"<html>Service unavailable</html>".to_vec());
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    assert_eq!(summary.failed.len(), 1, "{:?}", summary.failed);
    assert!(
        summary.failed[0].1.contains("not a readable zip"),
        "{:?}",
        summary.failed
    );
    assert!(pinned.iter().all(|f| !in_folder(f).exists()));

    // A zip with the ADM1 file at its top (no folder), the ADM2 file with one byte changed and
    // the field definitions one byte too long: the ADM1 file is taken out, the other two fail,
    // and neither is left where the build reads; the zip is kept for the files still out.
    let mut changed = copy(pinned[2].save_as);
    changed[100] ^= 1;
    let mut longer = copy(pinned[0].save_as);
    longer.push(b'\n');
    *answer.lock().unwrap() = Some(zip_of(&[
        (
            pinned[1].member.unwrap().to_string(),
            copy(pinned[1].save_as),
        ),
        inside(&pinned[2], changed),
        inside(&pinned[0], longer),
    ]));
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    let failed: Vec<&str> = summary.failed.iter().map(|(_, e)| e.as_str()).collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed.iter().any(|e| e.contains("SHA-256")), "{failed:?}");
    assert!(
        failed
            .iter()
            .any(|e| e.contains("larger than its declared")),
        "{failed:?}"
    );
    assert_eq!(
        std::fs::read(in_folder(&pinned[1])).unwrap(),
        copy(pinned[1].save_as)
    );
    assert!(!in_folder(&pinned[0]).exists() && !in_folder(&pinned[2]).exists());
    let leftovers: Vec<_> =
        walkdir::WalkDir::new(dir.path().join(galeon_sources::fetched::PARTIAL_DIR))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let kept = dir
        .path()
        .join(galeon_sources::fetched::LISTINGS_DIR)
        .join(gcdf.id)
        .join("AidDatas_Global_Chinese_Development_Finance_Dataset_Version_3_0.zip");
    assert!(kept.is_file());

    // A zip that lacks two of the files: each is named as missing.
    *answer.lock().unwrap() = Some(zip_of(&[inside(&pinned[1], copy(pinned[1].save_as))]));
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    let failed: Vec<&str> = summary.failed.iter().map(|(_, e)| e.as_str()).collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(
        failed.iter().all(|e| e.contains("the zip has no file")),
        "{failed:?}"
    );

    // The zip as published: the other two are taken out, each logged with the zip's address
    // and its name inside it.
    *answer.lock().unwrap() = Some(zip_of(
        &pinned
            .iter()
            .map(|f| inside(f, copy(f.save_as)))
            .collect::<Vec<_>>(),
    ));
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    for f in &pinned {
        assert_eq!(
            std::fs::read(in_folder(f)).unwrap(),
            copy(f.save_as),
            "{}",
            f.save_as
        );
    }
    let log = FetchLog::read(dir.path()).unwrap();
    let adm2 = &log.files[&format!("{}/{}", gcdf.folder, pinned[2].save_as)];
    assert!(adm2.url.starts_with(&base), "{}", adm2.url);
    assert!(
        adm2.url
            .ends_with(".zip!ADM%20Location%20Data/GCDF_3.0_ADM2_Locations.csv"),
        "{}",
        adm2.url
    );
    assert_eq!(
        adm2.release.as_deref(),
        Some("AidDatas_Global_Chinese_Development_Finance_Dataset_Version_3_0.zip")
    );
    // Every file out: the zip is removed.
    assert!(!kept.exists());

    // With every file in place, the zip is not asked for (the server is down): all up to date.
    *answer.lock().unwrap() = None;
    let summary = run(&steps, &options, &mut |_| {}).unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert_eq!((summary.downloaded, summary.up_to_date), (0, 4));
}
