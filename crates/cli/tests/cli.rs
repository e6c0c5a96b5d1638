//! End-to-end tests: run the `galeon` binary as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::{build_store, galeon, galeon_ok};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn repo_facts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/facts")
}

#[test]
fn countries_lac_in_spanish_lists_the_33_states_with_spanish_names() {
    let out = galeon(&["countries", "--lac", "--lang", "es", "--format", "csv"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 33, "{text}");
    for name in [
        "Perú",
        "México",
        "Brasil",
        "República Dominicana",
        "Haití",
        "Belice",
    ] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
}

#[test]
fn countries_lac_in_chinese_uses_prc_names() {
    let text = stdout(&galeon(&[
        "countries",
        "--lac",
        "--lang",
        "zh",
        "--format",
        "csv",
    ]));
    for name in ["秘鲁", "墨西哥", "巴西", "玻利维亚", "多米尼加", "多米尼克"] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(!text.contains("中国"), "China is not a LAC state");
}

#[test]
fn an_unknown_country_suggests_close_names() {
    let out = galeon(&["countries", "--resolve", "Brazill"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("unknown country") && err.contains("BRA"),
        "{err}"
    );
}

#[test]
fn taiwan_hong_kong_and_macao_never_resolve_to_china() {
    for name in [
        "Other Asia, nes",
        "China, P.R.: Hong Kong",
        "Macao SAR, China",
        "Chinese Taipei",
    ] {
        let text = stdout(&galeon(&[
            "countries",
            "--resolve",
            name,
            "--format",
            "csv",
        ]));
        assert!(!text.contains("\nCHN,"), "{name} resolved to China: {text}");
    }
}

#[test]
fn facts_for_panama_show_the_2017_switch_and_bri_memorandum_with_sources() {
    let out = galeon(&["facts", "--country", "PAN", "--format", "json"]);
    assert!(out.status.success());
    let facts: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let facts = facts["data"].as_array().unwrap();
    let switch = facts
        .iter()
        .find(|f| f["kind"] == "recognition" && f["value"] == "beijing")
        .expect("recognition of Beijing");
    assert_eq!(switch["date"], "2017-06-13");
    let taipei = facts
        .iter()
        .find(|f| f["kind"] == "recognition" && f["value"] == "taipei")
        .unwrap();
    assert_eq!(taipei["until"], "2017-06-13");
    let bri = facts
        .iter()
        .find(|f| f["kind"] == "bri")
        .expect("BRI memorandum");
    assert!(bri["date"].as_str().unwrap().starts_with("2017"));
    // Each row names its sources: "title — publisher <url>", several joined by " | ".
    for fact in [switch, bri] {
        let sources = fact["sources"].as_str().unwrap();
        assert!(sources.split(" | ").all(|s| s.contains(" — ")), "{sources}");
    }
    // The CSV view (and the table) names the sources too; the country may be given by name.
    let csv = stdout(&galeon(&[
        "facts",
        "--country",
        "Panamá",
        "--format",
        "csv",
    ]));
    assert!(
        csv.contains("2017-06-13") && csv.contains("https://greenfdc.org/"),
        "{csv}"
    );
}

#[test]
fn facts_as_of_the_papers_cut_off_count_21_bri_members_in_lac() {
    // GFDC (May 2025) lists 23 LAC members; Honduras (2023) and Colombia (2025) joined after October 2022.
    let out = galeon(&[
        "facts",
        "--kind",
        "bri",
        "--as-of",
        "2022-10-31",
        "--format",
        "csv",
    ]);
    let text = stdout(&out);
    assert_eq!(text.lines().count() - 1, 21, "{text}");
}

#[test]
fn data_check_passes_on_the_repository_facts() {
    let out = galeon(&[
        "data",
        "check",
        "--facts-dir",
        repo_facts_dir().to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).starts_with("ok: "));
}

#[test]
fn data_check_fails_with_file_and_line_on_a_broken_copy() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(repo_facts_dir()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    // Break one date and one country code in bri.toml.
    let bri = dir.path().join("bri.toml");
    let text = std::fs::read_to_string(&bri).unwrap();
    let broken = text
        .replacen("date = \"2022-02-06\"", "date = \"2022-02-30\"", 1)
        .replacen("country = \"URY\"", "country = \"URU\"", 1);
    assert_ne!(text, broken);
    std::fs::write(&bri, &broken).unwrap();
    let line_of = |needle: &str| {
        let at = broken.find(needle).unwrap();
        let table_start = broken[..at].rfind("[[fact]]").unwrap();
        broken[..table_start].lines().count() + 1
    };
    let out = galeon(&["data", "check", "--facts-dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let file = bri.display().to_string();
    assert!(
        err.contains(&format!("{file}:{}:", line_of("2022-02-30"))),
        "{err}"
    );
    assert!(err.contains("2022-02-30"), "{err}");
    assert!(
        err.contains(&format!("{file}:{}:", line_of("\"URU\""))),
        "{err}"
    );
    assert!(err.contains("URU"), "{err}");
}

#[test]
fn build_then_sql_over_a_small_sources_folder() {
    // A World Bank folder written here in the published layout (Country Name, Country Code,
    // Year, Value, and a datapackage.json per file); the values are made up.
    let sources = tempfile::tempdir().unwrap();
    let folder = sources.path().join("macro/worldbank-gdp-population");
    std::fs::create_dir_all(&folder).unwrap();
    let files = [
        (
            "gdp.csv",
            "Country Name,Country Code,Year,Value\nBrazil,BRA,2019,1873288205186.01\nBrazil,BRA,2020,1476107231194.11\nWorld,WLD,2020,85000000000000\n",
        ),
        (
            "population.csv",
            "Country Name,Country Code,Year,Value\nBrazil,BRA,2019,211782878\nBrazil,BRA,2020,213196304\n",
        ),
        ("gdp_datapackage.json", r#"{"name": "gdp", "last_updated": "2026-02-24"}"#),
        ("population_datapackage.json", r#"{"name": "population", "last_updated": "2023-05-04"}"#),
        ("SOURCE.md", "# World Bank fixture\n"),
    ];
    for (file, text) in files {
        std::fs::write(folder.join(file), text).unwrap();
    }
    let store = sources.path().join("store");
    let out = build_store(sources.path(), &store);
    let summary = stdout(&out);
    assert!(
        summary
            .lines()
            .any(|l| l.starts_with("worldbank-gdp-population,built,")),
        "{summary}"
    );
    assert!(
        summary.lines().any(|l| l.starts_with("imf-dots,missing,")),
        "{summary}"
    );

    // Brazil's population in 2020, straight from population.csv (read here with the csv crate).
    let mut expected = String::new();
    let mut reader = csv::Reader::from_path(folder.join("population.csv")).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        if &row[1] == "BRA" && &row[2] == "2020" {
            expected = row[3].to_string();
        }
    }
    let out = galeon(&[
        "sql",
        "SELECT value FROM macro WHERE country='BRA' AND year=2020 AND indicator='population'",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: f64 = stdout(&out).lines().nth(1).unwrap().parse().unwrap();
    assert_eq!(got, expected.parse::<f64>().unwrap());

    let json = galeon(&[
        "sql",
        "SELECT iso3, name_es FROM countries WHERE lac ORDER BY iso3 LIMIT 2",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(rows[0]["iso3"], "ARG");

    let refused = galeon(&[
        "sql",
        "COPY (SELECT 1) TO '/tmp/galeon-should-not-exist.csv'",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("read-only"));

    // The engine: a name that is none is refused with the two forms; a cluster needs the feature.
    let store_arg = store.to_str().unwrap();
    let unknown = galeon(&["--engine", "spark", "sql", "SELECT 1", "--store", store_arg]);
    assert!(!unknown.status.success());
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(said.contains("ballista://HOST:PORT"), "{said}");
    if cfg!(not(feature = "ballista")) {
        let cluster = ["--engine", "ballista://127.0.0.1:9", "sql", "SELECT 1"];
        let out = galeon(&[&cluster[..], &["--store", store_arg]].concat());
        assert!(!out.status.success());
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("--features ballista"), "{said}");
        let out = galeon(&["cluster", "scheduler"]);
        assert!(String::from_utf8_lossy(&out.stderr).contains("--features ballista"));
    }

    // EXPLAIN ANALYZE runs (its plan stays the root; no row limit is wrapped around it).
    let explained = galeon(&[
        "sql",
        "EXPLAIN ANALYZE SELECT count(*) FROM macro",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let text = stdout(&explained);
    assert!(
        explained.status.success(),
        "{}",
        String::from_utf8_lossy(&explained.stderr)
    );
    assert!(text.contains("Plan with Metrics"), "{text}");

    let parquet = sources.path().join("out.parquet");
    let out = galeon(&[
        "sql",
        "SELECT * FROM countries",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "parquet",
        "--output",
        parquet.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(&std::fs::read(&parquet).unwrap()[..4], b"PAR1");
}

#[test]
fn verify_reports_malformed_claim_files_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(
        &file,
        "[document]\nid = \"x\"\ntitle = \"t\"\nauthors = \"a\"\npublished = \"2024\"\n\n[[claim]]\nid = \"c\"\ntext = \"t\"\nsection = \"1\"\n[[claim.part]]\nwhat = \"w\"\nclaimed = 3\nhedge = \"kind of\"\nnot_checkable = \"x\"\n",
    )
    .unwrap();
    let out = galeon(&["verify", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:11:") && err.contains("kind of"),
        "{err}"
    );
}

#[test]
fn verify_checks_fact_claims_without_a_store_and_says_so() {
    // Facts are built into galeon, so fact-based claims are decided even with no store; the
    // BRI members on 2022-10-31 are counted by hand from data/facts/bri.toml (21).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bri.toml");
    std::fs::write(
        &file,
        r#"[document]
id = "x"
title = "t"
authors = "a"
published = "2024"

[[claim]]
id = "bri"
text = "21 countries"
section = "1"
[[claim.part]]
what = "BRI members"
claimed = 21
[[claim.part.check]]
label = "facts"
facts = "bri"
as_of = "2022-10-31"
measure = "count"

[[claim]]
id = "trade"
text = "trade"
section = "1"
[[claim.part]]
what = "trade"
claimed = 1e9
[[claim.part.check]]
label = "DOTS"
indicator = "china_reported_trade_with"
country = "BRA"
year = 2020
"#,
    )
    .unwrap();
    let store = dir.path().join("no-store");
    let out = galeon(&[
        "verify",
        file.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store at"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims = &json["files"][0]["claims"];
    assert_eq!(claims[0]["verdict"], "supported");
    assert_eq!(claims[1]["verdict"], "not_checkable");
    assert_eq!(json["files"][0]["summary"]["supported"], 1);
}

#[test]
fn verify_reads_a_folder_of_claim_files() {
    // Two files in one folder, each with one fact claim (BRI members on 2022-10-31: 21, counted
    // by hand from data/facts/bri.toml; 20 is therefore contradicted).
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims");
    std::fs::create_dir_all(&claims).unwrap();
    for (name, count) in [("a.toml", 21), ("b.toml", 20)] {
        std::fs::write(
            claims.join(name),
            format!(
                "[document]\nid = \"{name}\"\ntitle = \"t\"\nauthors = \"a\"\npublished = \"2024\"\n\n\
                 [[claim]]\nid = \"bri-{count}\"\ntext = \"t\"\nsection = \"1\"\n[[claim.part]]\nwhat = \"w\"\n\
                 claimed = {count}\n[[claim.part.check]]\nlabel = \"facts\"\nfacts = \"bri\"\n\
                 as_of = \"2022-10-31\"\nmeasure = \"count\"\n"
            ),
        )
        .unwrap();
    }
    let store = dir.path().join("no-store");
    let out = galeon(&[
        "verify",
        claims.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = stdout(&out);
    assert!(
        csv.contains(",bri-21,") && csv.contains(",bri-20,"),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.contains(",bri-20,") && l.contains("contradicted")),
        "{csv}"
    );
}

/// The (year, value) columns of a successful command's CSV output, sorted; values normalised
/// through f64 so that "4" and "4.0" compare equal.
fn year_value_columns(out: &Output, year: usize, value: usize) -> Vec<(String, String)> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut rows: Vec<(String, String)> = stdout(out)
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[year].to_string(),
                f[value].parse::<f64>().unwrap().to_string(),
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn an_indicators_inline_sql_run_by_galeon_sql_gives_the_indicators_values() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return;
    };
    // China's DOTS workbook alone (DOTS_40.xlsx): the United States' rank among China's partners.
    let sources = tempfile::tempdir().unwrap();
    let folder = sources.path().join("trade/imf-dots/xlsx");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(
        shared.join("trade/imf-dots/xlsx/DOTS_40.xlsx"),
        folder.join("DOTS_40.xlsx"),
    )
    .unwrap();
    std::fs::copy(
        shared.join("trade/imf-dots/SOURCE.md"),
        sources.path().join("trade/imf-dots/SOURCE.md"),
    )
    .unwrap();
    let store = sources.path().join("store");
    let store = store.to_str().unwrap();
    let out = galeon(&[
        "build",
        "--sources",
        sources.path().to_str().unwrap(),
        "--store",
        store,
        "--quiet",
        "--no-indicators",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let script = stdout(&galeon(&["indicators", "sql", "us_partner_rank"]));
    assert!(
        script.contains("CREATE TABLE dots_bilateral AS SELECT"),
        "{script}"
    );
    let inline = stdout(&galeon(&[
        "indicators",
        "sql",
        "us_partner_rank",
        "--inline",
    ]));
    assert!(inline.contains("WITH dots_bilateral AS ("), "{inline}");
    assert!(!inline.contains("CREATE"), "{inline}");

    // The query read from standard input, as `galeon indicators sql … --inline | galeon sql -`.
    let mut child = Command::new(env!("CARGO_BIN_EXE_galeon"))
        .args(["sql", "-", "--store", store, "--format", "csv"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(inline.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let from_sql = year_value_columns(&out, 2, 3);

    let out = galeon(&[
        "indicators",
        "get",
        "us_partner_rank",
        "--country",
        "CHN",
        "--store",
        store,
        "--format",
        "csv",
    ]);
    let from_engine = year_value_columns(&out, 4, 5);
    assert!(from_engine.len() > 30, "{from_engine:?}");
    assert_eq!(from_sql, from_engine);
}

/// A World Bank folder and a Confucius Institutes folder, written here in their published
/// layouts (values made up), built into a store beside them.
fn release_fixture() -> (tempfile::TempDir, PathBuf) {
    let sources = tempfile::tempdir().unwrap();
    let wb = sources.path().join("macro/worldbank-gdp-population");
    let ci = sources.path().join("culture/confucius-institutes");
    std::fs::create_dir_all(&wb).unwrap();
    std::fs::create_dir_all(&ci).unwrap();
    let files = [
        (
            wb.join("gdp.csv"),
            "Country Name,Country Code,Year,Value\nBrazil,BRA,2020,1476107231194.11\nPeru,PER,2020,201948000000.5\n",
        ),
        (
            wb.join("population.csv"),
            "Country Name,Country Code,Year,Value\nBrazil,BRA,2020,213196304\nPeru,PER,2020,33304756\nAtlantis,XAT,2020,1\n",
        ),
        (wb.join("gdp_datapackage.json"), r#"{"last_updated": "2026-02-24"}"#),
        (wb.join("population_datapackage.json"), r#"{"last_updated": "2023-05-04"}"#),
        (
            ci.join("confucius_institutes.csv"),
            "confucius_institute,nearest_city,country,date_est,status\n\
             Instituto Confúcio da UnB,Brasília,Brazil,9/15/08,active\n\
             Instituto Confucio PUCP,Lima,Peru,11/20/08,active\n\
             Instituto Confucio de Atlántida,Poseidonia,Atlantis,1/1/09,active\n",
        ),
    ];
    for (path, text) in files {
        std::fs::write(path, text).unwrap();
    }
    let store = sources.path().join("store");
    build_store(sources.path(), &store);
    (sources, store)
}

#[test]
fn a_release_is_a_valid_data_package_without_the_rows_it_may_not_republish() {
    let (dir, store) = release_fixture();
    let into = dir.path().join("release");
    let args = [
        "release",
        "--into",
        into.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ];
    galeon_ok(&args);
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(into.join("datapackage.json")).unwrap()).unwrap();
    let resources = package["resources"].as_array().unwrap();
    let names: Vec<&str> = resources
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    for table in ["macro", "countries", "facts", "rejects"] {
        assert!(names.contains(&table), "{table} missing from {names:?}");
    }
    // The Confucius compilation states no licence: its rows (two stored, one rejected: Atlantis)
    // stay out, and the package says so; the World Bank file's reject (Atlantis too) is there.
    assert!(!names.contains(&"culture"), "{names:?}");
    let left_out = package["galeon"]["left_out"].as_array().unwrap();
    let ci = left_out
        .iter()
        .find(|l| l["dataset"] == "confucius-institutes")
        .unwrap();
    assert_eq!(ci["rows"], 3, "{ci}");
    let rejects = std::fs::read_to_string(into.join("data/rejects.csv")).unwrap();
    assert_eq!(rejects.lines().count(), 2, "{rejects}");
    assert!(
        rejects.contains("XAT") && rejects.contains("worldbank-gdp-population"),
        "{rejects}"
    );
    assert!(!rejects.contains("confucius"), "{rejects}");

    for r in resources {
        let csv_path = into.join(r["path"].as_str().unwrap());
        let bytes = std::fs::read(&csv_path).unwrap();
        assert_eq!(
            r["hash"],
            format!("sha256:{}", galeon_testkit::http::sha256(&bytes))
        );
        let mut reader = csv::Reader::from_reader(&bytes[..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let fields = r["schema"]["fields"].as_array().unwrap();
        let declared: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(header, declared, "{}", r["name"]);
        assert!(
            fields.iter().all(|f| f["description"].is_string()),
            "{}",
            r["name"]
        );
        assert_eq!(reader.records().count() as u64, r["rows"].as_u64().unwrap());
        let parquet = std::fs::read(into.join(r["parquet"].as_str().unwrap())).unwrap();
        assert_eq!(&parquet[..4], b"PAR1");
    }
    // Brazil's 2020 population as the fixture file gives it, with its source and unit.
    let macro_csv = std::fs::read_to_string(into.join("data/macro.csv")).unwrap();
    let row = macro_csv
        .lines()
        .find(|l| l.starts_with("BRA,2020,population,"))
        .unwrap();
    assert!(row.starts_with("BRA,2020,population,213196304"), "{row}");
    assert!(row.contains(",worldbank-gdp-population,"), "{row}");

    // A release is never written over another.
    let again = galeon(&args);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not an empty folder"));

    // The Frictionless validator (Python, from PyPI) must accept the package: CI installs it.
    if let Some(report) = galeon_testkit::frictionless_report(&into.join("datapackage.json")) {
        assert_eq!(report["valid"], true, "{report:#}");
    }
}

/// A store as a reader finds it: the manifest reads, every file's rows read = stored + rejected,
/// and each table holds the rows the manifest says.
fn check_complete(store: &Path) -> Result<(), String> {
    let text = std::fs::read(store.join("manifest.json")).map_err(|e| format!("manifest: {e}"))?;
    let manifest: serde_json::Value =
        serde_json::from_slice(&text).map_err(|e| format!("manifest: {e}"))?;
    for d in manifest["datasets"].as_array().unwrap() {
        for f in d["files"].as_array().unwrap() {
            let n = |k: &str| f[k].as_u64().unwrap();
            if n("rows_read") != n("rows_stored") + n("rows_rejected") {
                return Err(format!("{}: read ≠ stored + rejected", f["path"]));
            }
        }
    }
    for (table, rows) in manifest["tables"].as_object().unwrap() {
        let out = galeon(&[
            "sql",
            &format!("SELECT count(*) FROM {table}"),
            "--store",
            store.to_str().unwrap(),
            "--format",
            "csv",
        ]);
        let counted = stdout(&out).lines().nth(1).map(str::to_string);
        if counted.as_deref() != Some(rows.to_string().as_str()) {
            return Err(format!("{table}: {counted:?} rows, manifest {rows}"));
        }
    }
    Ok(())
}

/// `galeon build --force` killed (SIGKILL) at twenty points spread over a build's run, over a
/// store that holds a complete build: after each kill the store is complete (the previous build
/// or the new one), and the next build leaves nothing of the killed ones behind.
/// scripts/crash_loop.sh does the same on the real sources, with many more trials.
#[test]
fn a_build_killed_anywhere_leaves_a_complete_store() {
    let (dir, store) = release_fixture();
    let sources = dir.path().to_str().unwrap().to_string();
    let args = [
        "build",
        "--sources",
        &sources,
        "--store",
        store.to_str().unwrap(),
        "--quiet",
        "--force",
    ];
    let started = std::time::Instant::now();
    assert!(galeon(&args).status.success());
    let took = started.elapsed();
    for trial in 0..20u32 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_galeon"))
            .args(args)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // From the start to a little past the build's usual end, the final renames included.
        std::thread::sleep(took * trial / 18);
        let _ = child.kill();
        child.wait().unwrap();
        if let Err(e) = check_complete(&store) {
            panic!("killed after {:?}: {e}", took * trial / 18);
        }
    }
    assert!(galeon(&args).status.success());
    check_complete(&store).unwrap();
    let left: Vec<String> = (std::fs::read_dir(dir.path()).unwrap().flatten())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".store."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// GET `path` from a server on loopback; the body, or None while it does not answer.
fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
}

/// `galeon serve` reloads the store on SIGHUP (after a rebuild, the new rows are served) and
/// stops on SIGTERM, saying so and exiting with success.
#[test]
fn serve_reloads_on_hangup_and_stops_on_terminate() {
    let (dir, store) = release_fixture();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let log = dir.path().join("serve.log");
    let mut server = Command::new(env!("CARGO_BIN_EXE_galeon"))
        .args([
            "serve",
            "--store",
            store.to_str().unwrap(),
            "--port",
            &port.to_string(),
        ])
        .args(["--uncertainty", "8"])
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let stored = || -> Option<u64> {
        let body = http_get(port, "/api/sources")?;
        let json: serde_json::Value = serde_json::from_str(&body).ok()?;
        let wb = json["data"]
            .as_array()?
            .iter()
            .find(|d| d["id"] == "worldbank-gdp-population")?;
        wb["rows_stored"].as_u64()
    };
    let wait_for = |want: u64| {
        (0..240).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(500));
            stored() == Some(want)
        })
    };
    // Two GDP and two population rows (the fixture's Atlantis row is rejected).
    assert!(wait_for(4), "{}", std::fs::read_to_string(&log).unwrap());
    let population = dir
        .path()
        .join("macro/worldbank-gdp-population/population.csv");
    let mut text = std::fs::read_to_string(&population).unwrap();
    text.push_str("Chile,CHL,2020,19116209\n");
    std::fs::write(&population, text).unwrap();
    build_store(dir.path(), &store);
    let signal = |name: &str| {
        let sent = Command::new("kill")
            .args([name, &server.id().to_string()])
            .status();
        assert!(sent.unwrap().success());
    };
    signal("-HUP");
    assert!(wait_for(5), "{}", std::fs::read_to_string(&log).unwrap());
    signal("-TERM");
    let status = server.wait().unwrap();
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(status.success(), "{status:?}: {said}");
    assert!(
        said.contains("reloaded") && said.contains("stopped"),
        "{said}"
    );
}
