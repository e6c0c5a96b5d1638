//! `galeon fetch` and `./run`'s choice of sources, as a user meets them, against a local server
//! standing in for the publishers (addresses given through `GALEON_URL_*`, as a user would).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use galeon_sources::obtain::{pinned_files, Listed, Obtain};
use galeon_sources::{dataset, DATASETS};
use galeon_testkit::http::{file, serve, zip_folder, zip_of, Handler};

const GALEON: &str = env!("CARGO_BIN_EXE_galeon");

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A data message in the layout of the IMF's SDMX 3.0 service, SDMX-JSON 2.0 (hand-written,
/// values invented): `series` maps index keys to observations of 2024.
fn sdmx(series: &str) -> String {
    format!(
        r#"{{"meta": {{"prepared": "2026-11-02T08:00:00Z"}}, "data": {{"dataSets": [{{"structure": 0, "series": {{{series}}}}}],
        "structures": [{{"dimensions": {{"series": [{{"id": "COUNTRY", "values": [{{"id": "CHN"}}]}},
          {{"id": "INDICATOR", "values": [{{"id": "XG_FOB_USD"}}]}},
          {{"id": "COUNTERPART_COUNTRY", "values": [{{"id": "PER"}}]}},
          {{"id": "FREQUENCY", "values": [{{"id": "A"}}]}}],
          "observation": [{{"id": "TIME_PERIOD", "values": [{{"value": "2024"}}]}}]}}}}]}}}}"#
    )
}

/// Routes for the APIs' queries from `since`, as `galeon fetch --dry-run` lists them: the IMF's
/// for China answers one value, every other reporter's none; the World Bank's and UN Comtrade's
/// answer without records. Returns how many files the APIs answer.
fn api_routes(routes: &mut HashMap<String, Handler>, since: &str) -> usize {
    let dry = Command::new(GALEON)
        .args([
            "fetch",
            "imf-imts",
            "worldbank-api",
            "comtrade-api",
            "--dry-run",
        ])
        .args([
            "--format",
            "csv",
            "--since",
            since,
            "--mirror",
            "http://mirror",
        ])
        .env_remove("GALEON_COMTRADE_KEY")
        .output()
        .unwrap();
    assert!(dry.status.success());
    let text = String::from_utf8(dry.stdout).unwrap();
    let china = sdmx(r#""0:0:0:0": {"observations": {"0": ["22500000000"]}}"#);
    let empty = sdmx("");
    let no_records =
        r#"[{"page":1,"pages":1,"per_page":20000,"total":0,"lastupdated":"2026-11-20"},null]"#;
    let no_data = r#"{"elapsedTime":"0.08 secs","count":0,"data":[],"error":""}"#;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for row in reader.records() {
        let row = row.unwrap();
        let (path, body) = if let Some(path) = row[2].strip_prefix("http://mirror/imf") {
            let body = if path.contains("/CHN.XG_FOB_USD.") {
                &china
            } else {
                &empty
            };
            (path.to_string(), body.clone())
        } else if let Some(path) = row[2].strip_prefix("http://mirror/worldbank") {
            (path.to_string(), no_records.to_string())
        } else {
            let path = row[2].strip_prefix("http://mirror/comtrade").unwrap();
            (path.to_string(), no_data.to_string())
        };
        routes.insert(path, Arc::new(move |h| file(body.as_bytes(), h)));
    }
    // 68 IMF queries (exports and imports of China and the LAC states), 2 World Bank pages, a
    // Comtrade preview a year.
    let files = text.lines().count() - 1;
    assert!(files > 70, "{text}");
    files
}

fn env_for(command: &mut Command, base: &str) {
    command
        .env("GALEON_URL_GITHUB", format!("{base}/github"))
        .env("GALEON_URL_NPM", format!("{base}/npm"))
        .env("GALEON_URL_IMF", base)
        .env("GALEON_URL_WORLDBANK", base)
        .env("GALEON_URL_COMTRADE", base)
        .env("GALEON_URL_DATAVERSE", format!("{base}/dataverse"))
        .env("GALEON_URL_GDELT", format!("{base}/gdelt"))
        .env("GALEON_URL_AIDDATA", format!("{base}/aiddata"))
        .env_remove("GALEON_COMTRADE_KEY");
}

#[test]
fn fetch_then_build_stores_imts_under_its_own_source_and_release() {
    let mut routes = HashMap::new();
    api_routes(&mut routes, "2020");
    let base = serve(routes);
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources");
    let mut fetch = Command::new(GALEON);
    fetch
        .args(["fetch", "imf-imts", "--since", "2020", "--into"])
        .arg(&sources);
    env_for(&mut fetch, &base);
    let out = fetch.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("68 downloaded, 0 already up to date, 0 failed"),
        "{stderr}"
    );

    let store = dir.path().join("store");
    let build = Command::new(GALEON)
        .args([
            "build",
            "--quiet",
            "--no-indicators",
            "--format",
            "csv",
            "--sources",
        ])
        .arg(&sources)
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let sql = Command::new(GALEON)
        .args(["sql", "--format", "csv", "--store"])
        .arg(&store)
        .arg("SELECT reporter, partner, flow, year, value_usd, source, release FROM trade_flows")
        .output()
        .unwrap();
    let text = String::from_utf8(sql.stdout).unwrap();
    // The one value served, in dollars as the IMF states them, under IMTS's own source and release.
    assert_eq!(
        text.lines().nth(1),
        Some(
            "CHN,PER,export,2024,22500000000.0,imf-imts,IMTS message prepared 2026-11-02T08:00:00Z"
        ),
        "{text}"
    );
    assert_eq!(text.lines().count(), 2, "{text}");
    // The indicator defined on DOTS takes the value from IMTS, the next source in its
    // precedence, and names it (no DOTS here, so no series break).
    let get = Command::new(GALEON)
        .args(["indicators", "get", "china_exports_to", "--country", "PER"])
        .args(["--format", "csv", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let text = String::from_utf8(get.stdout).unwrap();
    let row: Vec<&str> = text.lines().nth(1).unwrap_or_default().split(',').collect();
    assert_eq!(
        row[..9],
        [
            "china_exports_to",
            "PER",
            "CHN",
            "",
            "2024",
            "22500000000",
            "USD (current)",
            "imf-imts",
            "false"
        ],
        "{text}"
    );
    // The manifest traces the file to its URL.
    let manifest = std::fs::read_to_string(store.join("manifest.json")).unwrap();
    assert!(manifest.contains(&format!(
        "{base}/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/CHN.XG_FOB_USD."
    )));
}

#[test]
fn run_reads_the_shared_folder_when_there_is_one_and_fetches_when_there_is_none() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return; // said once by shared_data
    };
    // Every pinned file served from the shared copy, and the IMF's answers.
    let mut routes: HashMap<String, Handler> = HashMap::new();
    let api_files = api_routes(&mut routes, "2000");
    // A file published inside a zip is served in a zip of the shared copies (one download of
    // the zip, then its files).
    let mut pinned = 0;
    let mut zips: HashMap<String, Vec<(String, Vec<u8>)>> = HashMap::new();
    for d in DATASETS {
        if let Obtain::Pinned { list, .. } = d.obtain {
            for f in pinned_files(list).unwrap() {
                let bytes = std::fs::read(shared.join(d.folder).join(f.save_as)).unwrap();
                let route = format!("/{}/{}", f.host.name(), galeon_fetch::encode_path(f.path));
                match f.member {
                    Some(member) => zips
                        .entry(route)
                        .or_default()
                        .push((format!("{}/{member}", zip_folder(f.path)), bytes)),
                    None => {
                        let bytes = Arc::new(bytes);
                        routes.insert(route, Arc::new(move |h| file(&bytes, h)));
                    }
                }
                pinned += 1;
            }
        }
    }
    let archives = zips.len();
    for (route, files) in zips {
        let bytes = Arc::new(zip_of(&files));
        routes.insert(route, Arc::new(move |h| file(&bytes, h)));
    }
    // The Atlas from Dataverse: its description, then its file (checked by its MD5).
    let atlas = dataset("atlas-country-year").unwrap();
    let Obtain::Dataverse {
        doi,
        files: Listed::Named(files),
        ..
    } = atlas.obtain
    else {
        panic!("the Atlas comes from Dataverse, one named file");
    };
    let path = shared.join(atlas.folder).join(files[0].1);
    let bytes = Arc::new(std::fs::read(&path).unwrap());
    let md5 = Command::new("md5sum").arg(&path).output().unwrap().stdout;
    let md5 = String::from_utf8(md5).unwrap()[..32].to_string();
    let listed = galeon_testkit::dataverse::File {
        id: 13685109,
        name: files[0].0,
        md5: &md5,
        bytes: bytes.len() as u64,
        ingested: false,
        restricted: false,
    };
    let description =
        galeon_testkit::dataverse::description(doi, (8, 0), "2026-04-22T14:01:12Z", &[listed]);
    routes.insert(
        format!("/dataverse/api/datasets/:persistentId/?persistentId={doi}"),
        Arc::new(move |h| file(description.as_bytes(), h)),
    );
    routes.insert(
        "/dataverse/api/access/datafile/13685109".into(),
        Arc::new(move |h| file(&bytes, h)),
    );
    let dataverse_files = 2;
    let base = serve(routes);
    let sources_sh = repo().join("scripts/sources.sh");

    // With the shared folder: it is used, nothing is fetched.
    let data = tempfile::tempdir().unwrap();
    let mut with = Command::new("bash");
    with.arg(&sources_sh)
        .arg(GALEON)
        .env("GALEON_SHARED", &shared);
    with.env("XDG_DATA_HOME", data.path())
        .env_remove("GALEON_SOURCES");
    env_for(&mut with, &base);
    let out = with.output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        shared.to_str().unwrap()
    );
    assert!(!data.path().join("galeon").exists(), "nothing fetched");

    // Without it: fetched into the user's data folder, which is then the sources folder.
    let mut without = Command::new("bash");
    without
        .arg(&sources_sh)
        .arg(GALEON)
        .env("GALEON_SHARED", data.path().join("absent"));
    without
        .env("XDG_DATA_HOME", data.path())
        .env_remove("GALEON_SOURCES");
    env_for(&mut without, &base);
    let out = without.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let folder = data.path().join("galeon/sources");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        folder.to_str().unwrap()
    );
    assert!(stderr.contains("galeon fetch --into"), "{stderr}");
    let expected = format!(
        "{} downloaded, 0 already up to date, 0 failed",
        pinned + archives + api_files + dataverse_files
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(
        stderr.contains("gdelt-events: fetched only when named"),
        "{stderr}"
    );
    // ICEWS's yearly files (1.5 GB) too, and they need no --since.
    let icews = (stderr.lines())
        .find(|l| l.starts_with("icews-events: fetched only when named"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(icews.ends_with("e.g. galeon fetch icews-events"), "{icews}");
    let log = galeon_sources::fetched::FetchLog::read(&folder).unwrap();
    assert_eq!(
        log.files.len(),
        pinned + archives + api_files + dataverse_files
    );
    assert!(dataset("imf-dots")
        .is_some_and(|d| folder.join(d.folder).join("xlsx/DOTS_1.xlsx").is_file()));
}

#[test]
fn gdelt_files_are_fetched_only_from_a_year_asked() {
    // Without --since the export files since 2015 would be hundreds of thousands: refused.
    let out = Command::new(GALEON)
        .args([
            "fetch",
            "gdelt-events",
            "--dry-run",
            "--mirror",
            "http://127.0.0.1:9",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gdelt-events needs --since YEAR"), "{err}");
    // With it, the plan is GDELT's list, whose files follow once it is read.
    let out = Command::new(GALEON)
        .args([
            "fetch",
            "gdelt-events",
            "--dry-run",
            "--since",
            "2026",
            "--format",
            "csv",
        ])
        .args(["--mirror", "http://127.0.0.1:9"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for list in ["masterfilelist.txt", "masterfilelist-translation.txt"] {
        assert!(
            text.contains(&format!("http://127.0.0.1:9/gdelt/gdeltv2/{list}")),
            "{text}"
        );
    }
}
