//! galeon over one store built from ../shared/data: the default index (every year with enough data
//! scores all 33 states, the uncertainty analysis gives rank intervals, `explain` adds up), and the
//! dashboard end to end in headless Chromium (web/e2e, run against `galeon serve`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

mod common;

use common::{build_store, galeon, galeon_ok};

/// One store for every test here, built with the indicator panel (as `galeon build` does).
fn store() -> Option<&'static Path> {
    static STORE: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let sources = galeon_testkit::shared_data()?;
            let dir = tempfile::tempdir().unwrap();
            let store = dir.path().join("store");
            build_store(&sources, &store);
            Some(dir)
        })
        .as_ref()
        .map(|d| &*Box::leak(d.path().join("store").into_boxed_path()))
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_default_index_over_the_real_data() {
    let Some(store) = store() else { return };
    let store = store.to_str().unwrap();
    let index = json(&galeon(&[
        "index",
        "build",
        "--store",
        store,
        "--uncertainty",
        "16",
        "--format",
        "json",
    ]));
    let scores = index["data"].as_array().unwrap();
    let mut years: Vec<i64> = scores.iter().map(|s| s["year"].as_i64().unwrap()).collect();
    years.dedup();
    assert_eq!(years, (2007..=2021).collect::<Vec<i64>>());
    for year in &years {
        let this: Vec<&serde_json::Value> = scores.iter().filter(|s| s["year"] == *year).collect();
        // 2021: China's partner share carries on from UN Comtrade's partner tables, which Haiti
        // (and Venezuela, scored on its other indicators) are absent from; three small states
        // lack enough other indicators.
        if *year == 2021 {
            let scored: std::collections::BTreeSet<&str> = this
                .iter()
                .map(|s| s["country"].as_str().unwrap())
                .collect();
            let absent: Vec<&str> = galeon_lac()
                .into_iter()
                .filter(|c| !scored.contains(c))
                .collect();
            assert_eq!(absent, ["HTI", "KNA", "LCA", "VCT"]);
        }
        let n = if *year == 2021 { 29 } else { 33 };
        assert_eq!(this.len(), n, "{year}");
        let mut ranks: Vec<i64> = this.iter().map(|s| s["rank"].as_i64().unwrap()).collect();
        ranks.sort_unstable();
        assert_eq!(ranks[0], 1);
        for s in &this {
            let (p05, med, p95) = (
                s["rank_p05"].as_f64().unwrap(),
                s["median_rank"].as_f64().unwrap(),
                s["rank_p95"].as_f64().unwrap(),
            );
            assert!(
                1.0 <= p05 && p05 <= med && med <= p95 && p95 <= n as f64,
                "{s}"
            );
        }
    }
    let sensitivity = index["meta"]["uncertainty"]["sensitivity"]
        .as_array()
        .unwrap();
    assert_eq!(sensitivity.len(), 5);
    // Effective weights multiply along the tree and sum to 1.
    let weights = index["meta"]["weights"].as_array().unwrap();
    let total: f64 = weights
        .iter()
        .map(|w| w["effective_weight"].as_f64().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 1e-12);

    // Brazil 2020: the contributions add up to the score, and China's partner share is normalised
    // by min-max onto [1, 100] across the 33 states' values, recomputed here from
    // `galeon indicators get` (the indicator itself is checked against the raw DOTS workbooks in
    // crates/indicators/tests).
    let e = json(&galeon(&[
        "index",
        "explain",
        "--store",
        store,
        "--country",
        "BRA",
        "--year",
        "2020",
        "--format",
        "json",
    ]));
    let sum: f64 = e["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["contribution"].as_f64())
        .sum();
    assert!(
        (sum - e["meta"]["score"].as_f64().unwrap()).abs() < 1e-9,
        "{sum} vs {}",
        e["meta"]["score"]
    );
    let out = galeon(&[
        "indicators",
        "get",
        "china_partner_share",
        "--years",
        "2020",
        "--store",
        store,
        "--format",
        "csv",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let lac: Vec<&str> = galeon_lac();
    let mut values = std::collections::HashMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        if lac.contains(&&row[1]) {
            values.insert(row[1].to_string(), row[5].parse::<f64>().unwrap());
        }
    }
    assert_eq!(values.len(), 33);
    let (min, max) = values
        .values()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let expected = 1.0 + (values["BRA"] - min) / (max - min) * 99.0;
    let row = e["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"] == "china_partner_share")
        .unwrap();
    // `indicators get --format csv` writes values exactly, so the recomputation agrees to rounding.
    assert!(
        (row["normalised"].as_f64().unwrap() - expected).abs() < 1e-9,
        "{row} vs {expected}"
    );
}

fn galeon_lac() -> Vec<&'static str> {
    vec![
        "ARG", "ATG", "BHS", "BLZ", "BOL", "BRA", "BRB", "CHL", "COL", "CRI", "CUB", "DMA", "DOM",
        "ECU", "GRD", "GTM", "GUY", "HND", "HTI", "JAM", "KNA", "LCA", "MEX", "NIC", "PAN", "PER",
        "PRY", "SLV", "SUR", "TTO", "URY", "VCT", "VEN",
    ]
}

/// A free port on the loopback interface.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `galeon serve` on the store, on a free loopback port, once it says it is ready.
fn serve(store: &Path) -> (Server, u16) {
    let port = free_port();
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_galeon"))
            .args([
                "serve",
                "--store",
                store.to_str().unwrap(),
                "--port",
                &port.to_string(),
                "--uncertainty",
                "64",
            ])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("galeon serve starts"),
    );
    // Wait for "ready" on standard error.
    let stderr = server.0.stderr.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    loop {
        match lines.next() {
            Some(Ok(line)) if line.starts_with("ready") => break,
            Some(Ok(_)) => {}
            _ => panic!("galeon serve stopped before it was ready"),
        }
    }
    std::thread::spawn(move || for _ in lines {});
    (server, port)
}

/// The body of `GET path` (HTTP/1.0: the server closes the connection after answering).
fn get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    assert!(
        head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"),
        "{path}: {head}"
    );
    body.to_string()
}

/// One data core, two front ends: for each resource both show, the command line's JSON is the
/// API's for the same request, value for value (the CLI computes the indicators afresh from the
/// store; the server reads the panel `galeon build` wrote and builds the index at start-up).
#[test]
fn the_command_line_and_the_api_answer_the_same_request_with_the_same_json() {
    let Some(store) = store() else { return };
    let (server, port) = serve(store);
    let s = store.to_str().unwrap();
    let pairs: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["countries", "--lac", "--lang", "es"],
            "/api/countries?scope=lac&sort=es",
        ),
        (vec!["countries", "--all"], "/api/countries?scope=all"),
        (
            vec!["facts", "--country", "PAN,PER"],
            "/api/facts?country=PAN,PER",
        ),
        (
            vec!["facts", "--kind", "bri", "--as-of", "2022-10-31"],
            "/api/facts?kind=bri&as_of=2022-10-31",
        ),
        (
            vec!["facts", "--country", "BRA", "--lang", "zh"],
            "/api/facts?country=BRA&lang=zh",
        ),
        (
            vec!["claims", "--lang", "pt", "--store", s],
            "/api/claims?lang=pt",
        ),
        (vec!["indicators", "list", "--store", s], "/api/indicators"),
        (
            vec!["indicators", "list", "--lang", "zh", "--store", s],
            "/api/indicators?lang=zh",
        ),
        (
            vec![
                "indicators",
                "get",
                "china_partner_share",
                "--country",
                "BRA",
                "--years",
                "2010..2020",
                "--store",
                s,
            ],
            "/api/indicators/china_partner_share?country=BRA&years=2010..2020",
        ),
        (
            vec![
                "indicators",
                "get",
                "china_partner_rank",
                "--latest",
                "--store",
                s,
            ],
            "/api/indicators/china_partner_rank?latest=true",
        ),
        (
            vec!["index", "build", "--uncertainty", "64", "--store", s],
            "/api/index",
        ),
        (
            vec![
                "framework",
                "--country",
                "PER",
                "--since",
                "2012",
                "--store",
                s,
            ],
            "/api/framework?country=PER&since=2012",
        ),
        (
            vec!["framework", "--since", "2012", "--store", s],
            "/api/framework?since=2012",
        ),
        (
            vec![
                "framework",
                "--country",
                "BRA",
                "--years",
                "2008..2018",
                "--lang",
                "pt",
                "--store",
                s,
            ],
            "/api/framework?country=BRA&years=2008..2018&lang=pt",
        ),
        (
            vec![
                "index",
                "explain",
                "--country",
                "BRA",
                "--year",
                "2020",
                "--store",
                s,
            ],
            "/api/index/explain?country=BRA&year=2020",
        ),
        (
            vec!["map", "china_partner_share", "--year", "2015", "--store", s],
            "/api/map?indicator=china_partner_share&year=2015",
        ),
        (
            vec!["map", "trade_with_china", "--year", "latest", "--store", s],
            "/api/map?indicator=trade_with_china&year=latest",
        ),
        (
            vec!["map", "index", "--store", s],
            "/api/map?indicator=index",
        ),
        (vec!["sources", "--store", s], "/api/sources"),
        (
            vec!["claims", "--verdict", "supported", "--store", s],
            "/api/claims?verdict=supported",
        ),
        (
            vec!["claims", "trade-total-2002-2021", "--store", s],
            "/api/claims/trade-total-2002-2021",
        ),
        (
            vec![
                "claims",
                "trade-total-2002-2021",
                "--lang",
                "zh",
                "--store",
                s,
            ],
            "/api/claims/trade-total-2002-2021?lang=zh",
        ),
    ];
    for (args, path) in pairs {
        let mut args = args;
        args.extend(["--format", "json"]);
        let cli = json(&galeon(&args));
        let api: serde_json::Value = serde_json::from_str(&get(port, path)).unwrap();
        // A table's rows, or one record (a claim in full).
        let rows = cli["data"].as_array().map_or(1, Vec::len);
        assert!(rows > 0 && !cli["data"].is_null(), "{path}: no data");
        if let Some(at) = difference(&cli, &api, String::new()) {
            panic!("galeon {} vs {path}: they differ at {at}", args.join(" "));
        }
    }
    // A country profile is one document, not a table.
    let args = ["profile", "BRA", "--lang", "zh", "--uncertainty", "64"];
    let cli = json(&galeon(
        &[&args[..], &["--format", "json", "--store", s]].concat(),
    ));
    let api: serde_json::Value =
        serde_json::from_str(&get(port, "/api/profile/BRA?lang=zh")).unwrap();
    assert_eq!(cli["name"], "巴西");
    if let Some(at) = difference(&cli, &api, String::new()) {
        panic!("galeon profile BRA vs /api/profile/BRA: they differ at {at}");
    }
    drop(server);
}

/// The dashboard's what-if is the index a configuration file declares: the same pillar weights,
/// normalisation and aggregation written into a copy of the default file and built with
/// `galeon index build --config` give the same score and rank for every state.
#[test]
fn a_what_if_ranks_as_index_build_with_the_same_configuration() {
    let Some(store) = store() else { return };
    let (server, port) = serve(store);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("what-if.toml");
    let text = (galeon_index::DEFAULT)
        .replacen(
            "id = \"economic\"\nname = \"Economic\"\nweight = 1.0",
            "id = \"economic\"\nname = \"Economic\"\nweight = 3.0",
            1,
        )
        .replacen(
            "id = \"green\"\nname = \"Green\"\nweight = 1.0",
            "id = \"green\"\nname = \"Green\"\nweight = 0.5",
            1,
        )
        .replacen(
            "normalisation = \"minmax\"",
            "normalisation = \"percentile\"",
            1,
        )
        .replacen(
            "index_aggregation = \"arithmetic\"",
            "index_aggregation = \"geometric\"",
            1,
        );
    assert_ne!(
        text,
        galeon_index::DEFAULT,
        "the default file changed: update this test"
    );
    std::fs::write(&config, &text).unwrap();
    let s = store.to_str().unwrap();
    let cli = json(&galeon(&[
        "index",
        "build",
        "--config",
        config.to_str().unwrap(),
        "--year",
        "2020",
        "--format",
        "json",
        "--store",
        s,
    ]));
    let path = "/api/index/whatif?weights=economic:3,green:0.5&normalisation=percentile\
                &aggregation=geometric&year=2020&uncertainty=0";
    let api: serde_json::Value = serde_json::from_str(&get(port, path)).unwrap();
    let by_country = |rows: &serde_json::Value| {
        let rows = rows["data"].as_array().unwrap().iter();
        let pairs = rows.map(|r| {
            (
                r["country"].as_str().unwrap().to_string(),
                (r["rank"].clone(), r["score"].as_f64().unwrap()),
            )
        });
        pairs.collect::<std::collections::BTreeMap<_, _>>()
    };
    let (cli, api) = (by_country(&cli), by_country(&api));
    assert_eq!(cli.len(), 33);
    assert_eq!(
        cli.keys().collect::<Vec<_>>(),
        api.keys().collect::<Vec<_>>()
    );
    for (country, (rank, score)) in &cli {
        assert_eq!(&api[country].0, rank, "{country}");
        assert!(
            (api[country].1 - score).abs() < 1e-9,
            "{country}: {score} vs {}",
            api[country].1
        );
    }
    // And the choices did move some ranks, so the comparison is not of the default twice.
    let default = json(&galeon(&[
        "index", "build", "--year", "2020", "--format", "json", "--store", s,
    ]));
    assert_ne!(
        by_country(&default)
            .values()
            .map(|v| v.0.clone())
            .collect::<Vec<_>>(),
        cli.values().map(|v| v.0.clone()).collect::<Vec<_>>()
    );
    drop(server);
}

/// Every LAC state has a profile in each language, and its headline figures are the indicator
/// panel's latest values as `galeon indicators get` prints them (a second path to the same
/// store); the printed page count and the page itself are checked in Chromium (web/e2e).
#[test]
fn every_state_has_a_profile_in_four_languages_with_the_panels_figures() {
    let Some(store) = store() else { return };
    let s = store.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("profiles");
    let args = [
        "profile",
        "--all",
        "--lang",
        "en,es,pt,zh",
        "--format",
        "json",
    ];
    galeon_ok(
        &[
            &args[..],
            &[
                "--uncertainty",
                "16",
                "--out",
                out.to_str().unwrap(),
                "--store",
                s,
            ],
        ]
        .concat(),
    );
    let shares = json(&galeon(&[
        "indicators",
        "get",
        "china_partner_share",
        "--latest",
        "--format",
        "json",
        "--store",
        s,
    ]));
    let countries = json(&galeon(&["countries", "--lac", "--format", "json"]));
    // Chinese development finance is a sum over the years: summed here from the indicator's rows.
    let finance = json(&galeon(&[
        "indicators",
        "get",
        "gcdf3_commitments_usd_const2021",
        "--format",
        "json",
        "--store",
        s,
    ]));
    let mut sums: std::collections::BTreeMap<String, (f64, i64, i64)> = Default::default();
    for r in finance["data"].as_array().unwrap() {
        let year = r["year"].as_i64().unwrap();
        let e = sums
            .entry(r["country"].as_str().unwrap().to_string())
            .or_insert((0.0, year, year));
        *e = (
            e.0 + r["value"].as_f64().unwrap(),
            e.1.min(year),
            e.2.max(year),
        );
    }
    let mut pages = 0;
    for c in countries["data"].as_array().unwrap() {
        let code = c["code"].as_str().unwrap();
        let share = (shares["data"].as_array().unwrap().iter()).find(|r| r["country"] == code);
        for lang in ["en", "es", "pt", "zh"] {
            let path = out.join(format!("{code}.{lang}.json"));
            let p: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(p["name"], c[format!("name_{lang}")], "{}", path.display());
            let figure = (p["headline"].as_array().unwrap().iter())
                .find(|f| f["id"] == "china_partner_share");
            match (share, figure) {
                (Some(s), Some(f)) => {
                    assert_eq!(
                        (&f["value"], &f["year"]),
                        (&s["value"], &s["year"]),
                        "{code}"
                    )
                }
                (None, None) => {}
                (s, f) => panic!("{code} {lang}: panel {s:?}, profile {f:?}"),
            }
            let total = (p["headline"].as_array().unwrap().iter())
                .find(|f| f["id"] == "gcdf3_commitments_usd_const2021");
            match (sums.get(code), total) {
                (Some((sum, first, last)), Some(f)) => {
                    let value = f["value"].as_f64().unwrap();
                    assert!(
                        (value - sum).abs() <= 1e-6 * sum.abs().max(1.0),
                        "{code}: {value} vs {sum}"
                    );
                    let period = match first < last {
                        true => format!("{first}–{last}"),
                        false => last.to_string(),
                    };
                    assert_eq!(f["period"], period.as_str(), "{code}");
                }
                (None, None) => {}
                (s, f) => panic!("{code} {lang}: summed {s:?}, profile {f:?}"),
            }
            pages += 1;
        }
    }
    assert_eq!(pages, 33 * 4);
}

/// Where two JSON values first differ, as a path with both values.
fn difference(a: &serde_json::Value, b: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value::{Array, Null, Object};
    match (a, b) {
        (Object(x), Object(y)) => (x.keys().chain(y.keys()))
            .find_map(|k| {
                difference(
                    x.get(k).unwrap_or(&Null),
                    y.get(k).unwrap_or(&Null),
                    format!("{at}.{k}"),
                )
            })
            .or_else(|| (x.len() != y.len()).then(|| format!("{at}: keys differ"))),
        (Array(x), Array(y)) if x.len() == y.len() => (x.iter().zip(y).enumerate())
            .find_map(|(i, (p, q))| difference(p, q, format!("{at}[{i}]"))),
        _ => (a != b).then(|| format!("{at}: {a} vs {b}")),
    }
}

/// Stops the server when the test ends, however it ends.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_dashboard_end_to_end_in_headless_chromium() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web");
    let ci = std::env::var_os("CI").is_some();
    let ready = web.join("node_modules/playwright-core").is_dir() && galeon_server_has_dashboard();
    if !ready {
        assert!(
            !ci,
            "the dashboard is not built: run `npm ci && npm run build` in web/ before the tests"
        );
        eprintln!("skipping: web/ is not built (npm ci && npm run build in web/)");
        return;
    }
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        assert!(
            !ci,
            "{} not found: install Debian's chromium package",
            chromium.display()
        );
        eprintln!(
            "skipping: no Chromium at {} (apt-get install chromium)",
            chromium.display()
        );
        return;
    }
    let Some(store) = store() else { return };
    let (server, port) = serve(store);
    let mut node = Command::new("node");
    node.args(["--test", "e2e/"])
        .current_dir(&web)
        .env("GALEON_URL", format!("http://127.0.0.1:{port}"));
    if let Some(dir) = std::env::var_os("GALEON_SCREENSHOTS") {
        node.env("GALEON_SCREENSHOTS", dir);
    }
    let out = node.output().expect("node runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("# fail 0"), "{report}");
    drop(server);
}

/// Whether the dashboard is built (web/dist), which the galeon binary embeds when it is compiled.
fn galeon_server_has_dashboard() -> bool {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../web/dist/index.html")
        .is_file()
}

/// The whole store as a data package. Each table's rows are counted from the manifest (what the
/// build stored, per dataset), less the rows of the datasets whose terms do not let them be
/// republished; the indicator panel is counted with `galeon sql`. The Frictionless validator
/// (installed by CI) reads every row of every resource against its schema.
///
/// Written with the least memory `galeon release` takes (256 MiB), under the size of the trade
/// flows' CSV: their sort spills to disk, and the file must still be, byte for byte, what
/// `galeon sql` writes for the same ordered query held whole.
#[test]
fn the_release_of_the_real_store_is_a_valid_data_package_of_every_table() {
    let Some(store) = store() else { return };
    let not_republished = [
        "aei-cgit",
        "confucius-institutes",
        "guardian-china-imports-2014",
    ];
    let into = tempfile::tempdir().unwrap();
    let release = into.path().join("release");
    galeon_ok(&[
        "release",
        "--into",
        release.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--memory",
        "256",
    ]);
    let flows = std::fs::read(release.join("data/trade_flows.csv")).unwrap();
    assert!(flows.len() > 256 << 20, "{} bytes", flows.len());
    let columns = galeon_store::table_columns("trade_flows").len();
    let order: Vec<String> = (1..=columns).map(|i| i.to_string()).collect();
    let excluded = format!("('{}')", not_republished.join("', '"));
    let held = galeon_ok(&[
        "sql",
        &format!(
            "SELECT * FROM trade_flows WHERE source NOT IN {excluded} ORDER BY {}",
            order.join(", ")
        ),
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
        "--max-rows",
        "100000000",
        "--timeout",
        "3600",
    ]);
    assert!(
        flows == held.stdout,
        "the released trade flows differ from the query's"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.join("manifest.json")).unwrap()).unwrap();
    let mut expected: std::collections::BTreeMap<String, u64> = (manifest["tables"].as_object())
        .unwrap()
        .iter()
        .map(|(t, n)| (t.clone(), n.as_u64().unwrap()))
        .collect();
    for d in manifest["datasets"].as_array().unwrap() {
        if not_republished.contains(&d["id"].as_str().unwrap()) {
            for (table, n) in d["tables"].as_object().unwrap() {
                *expected.get_mut(table).unwrap() -= n.as_u64().unwrap();
            }
        }
    }
    expected.retain(|_, n| *n > 0);
    let count = |sql: &str| -> u64 {
        let out = galeon_ok(&[
            "sql",
            sql,
            "--store",
            store.to_str().unwrap(),
            "--format",
            "csv",
        ]);
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines().nth(1).unwrap().parse().unwrap()
    };
    expected.insert(
        "indicators".into(),
        count("SELECT count(*) FROM indicators"),
    );
    // Links are published unless one side is a dataset whose rows may not be.
    let links = count(&format!(
        "SELECT count(*) FROM project_links WHERE left_source NOT IN {excluded} AND right_source NOT IN {excluded}"
    ));
    assert!(links > 2000, "{links} links");
    expected.insert("project_links".into(), links);

    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(release.join("datapackage.json")).unwrap()).unwrap();
    let got: std::collections::BTreeMap<String, u64> = (package["resources"].as_array())
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["rows"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert!(!got.contains_key("investment") && !got.contains_key("culture"));
    // A computed table cites the datasets its rows name: the links cite AidData and COFI, and
    // not CGIT, whose links are left out.
    let links = (package["resources"].as_array().unwrap().iter())
        .find(|r| r["name"] == "project_links")
        .unwrap();
    let cited = links["sources"].to_string();
    assert!(
        cited.contains("(wri-cofi)") && cited.contains("(aiddata-gcof-1.0)"),
        "{cited}"
    );
    assert!(!cited.contains("aei-cgit"), "{cited}");

    let report = galeon_testkit::frictionless_report(&release.join("datapackage.json"));
    if let Some(report) = report {
        assert_eq!(report["valid"], true, "{report:#}");
        let rows: u64 = (report["tasks"].as_array().unwrap().iter())
            .map(|t| t["stats"]["rows"].as_u64().unwrap())
            .sum();
        assert_eq!(
            rows,
            expected.values().sum::<u64>(),
            "rows the validator read"
        );
    }
}
