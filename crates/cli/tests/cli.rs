//! End-to-end tests: run the `galeon` binary as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn galeon(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_galeon"))
        .args(args)
        .output()
        .expect("galeon runs")
}

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
    let out = galeon(&[
        "build",
        "--sources",
        sources.path().to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--quiet",
        "--format",
        "csv",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
