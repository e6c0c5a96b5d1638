//! Store tests: builds over real source files (from `../shared/data`, or `GALEON_SOURCES`)
//! copied into temporary folders, and over BACI fixtures written in BACI's published layout.

use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Float64Type, UInt64Type};
use galeon_store::{build, query, BuildError, BuildOptions, QueryError, QueryLimits};

/// A sources folder holding only the given DOTS workbooks, copied from the real data.
fn dots_sources(shared: &Path, workbooks: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("trade/imf-dots/xlsx");
    std::fs::create_dir_all(&xlsx).unwrap();
    for name in workbooks {
        std::fs::copy(
            shared.join("trade/imf-dots/xlsx").join(name),
            xlsx.join(name),
        )
        .unwrap();
    }
    std::fs::copy(
        shared.join("trade/imf-dots/SOURCE.md"),
        dir.path().join("trade/imf-dots/SOURCE.md"),
    )
    .unwrap();
    dir
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn sql(store: &Path, text: &str) -> Result<Vec<RecordBatch>, QueryError> {
    runtime()
        .block_on(query(store, text, QueryLimits::default()))
        .map(|r| r.batches().to_vec())
}

fn options(sources: &Path, store: &Path) -> BuildOptions {
    BuildOptions {
        sources: sources.to_path_buf(),
        store: store.to_path_buf(),
        progress: false,
        force: false,
    }
}

/// Reads one DOTS sheet straight from the workbook with calamine, without galeon's connector:
/// the reporter (cell B4) and the value in the first row whose column B is `partner` and the
/// column whose row-7 header is `year`.
fn raw_dots_value(path: &Path, sheet: &str, partner: &str, year: &str) -> (String, String) {
    let (reporter, rows) = raw_dots_rows(path, sheet, partner);
    let (_, values) = rows
        .first()
        .unwrap_or_else(|| panic!("partner {partner} not found in {sheet}"));
    let value = values
        .iter()
        .find(|(y, _)| y == year)
        .map(|(_, v)| v.clone())
        .expect("year in row 7");
    (reporter, value)
}

/// A column as strings, whatever string layout DataFusion returns (Utf8 or Utf8View).
fn string_column(batches: &[RecordBatch], col: usize) -> Vec<String> {
    use datafusion::arrow::compute::cast;
    use datafusion::arrow::datatypes::DataType;
    batches
        .iter()
        .flat_map(|b| {
            let utf8 = cast(b.column(col), &DataType::Utf8).unwrap();
            let array = utf8.as_string::<i32>();
            (0..array.len())
                .map(|i| array.value(i).to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn f64_column(batches: &[RecordBatch], col: usize) -> Vec<f64> {
    batches
        .iter()
        .flat_map(|b| {
            b.column(col)
                .as_primitive::<Float64Type>()
                .values()
                .to_vec()
        })
        .collect()
}

/// Builds a store from `sources` in a new temporary folder and checks that DOTS balances
/// (rows read = rows stored + rows rejected). The folder lives as long as the returned guard.
fn build_balanced_dots_store(sources: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let manifest = build(&options(sources, &store)).unwrap();
    let dots = manifest
        .datasets
        .iter()
        .find(|d| d.id == "imf-dots")
        .unwrap();
    let (read, stored, rejected) = dots.totals();
    assert_eq!(read, stored + rejected);
    (dir, store)
}

#[test]
fn china_brazil_2020_matches_the_raw_dots_workbook_exactly() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return;
    };
    // DOTS_40.xlsx is China's workbook (checked below from cell B4).
    let sources = dots_sources(&shared, &["DOTS_40.xlsx"]);
    let (_dir, store) = build_balanced_dots_store(sources.path());

    for (sheet, flow) in [("Exports, FOB", "export"), ("Imports, CIF", "import")] {
        let (reporter, raw) = raw_dots_value(
            &sources.path().join("trade/imf-dots/xlsx/DOTS_40.xlsx"),
            sheet,
            "Brazil",
            "2020",
        );
        assert_eq!(reporter, "China, P.R.: Mainland");
        let millions: f64 = raw.trim().trim_end_matches('e').trim().parse().unwrap();
        let batches = sql(
            &store,
            &format!(
                "SELECT value_usd FROM trade_flows WHERE reporter='CHN' AND partner='BRA' AND year=2020 AND flow='{flow}'"
            ),
        )
        .unwrap();
        let values = f64_column(&batches, 0);
        assert_eq!(values.len(), 1, "{flow}");
        // The store keeps US dollars; the workbook, millions to the thousand dollars.
        assert_eq!(values[0], (millions * 1e6).round(), "{flow}: raw {raw}");
    }
    // SOURCE.md's check: China-reported China–Brazil 2020 = 35.0 + 84.0 = 119.0 bn.
    let total = f64_column(
        &sql(&store, "SELECT sum(value_usd) FROM trade_flows WHERE reporter='CHN' AND partner='BRA' AND year=2020").unwrap(),
        0,
    )[0];
    assert!((total / 1e9 - 119.0).abs() < 0.1, "{total}");
}

#[test]
fn the_duplicate_nicaragua_workbook_is_not_counted_twice() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return;
    };
    let sources = dots_sources(&shared, &["DOTS_143.xlsx", "DOTS_144.xlsx"]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let manifest = build(&options(sources.path(), &store)).unwrap();
    let dots = manifest
        .datasets
        .iter()
        .find(|d| d.id == "imf-dots")
        .unwrap();
    let second = dots
        .files
        .iter()
        .find(|f| f.path.ends_with("DOTS_144.xlsx"))
        .unwrap();
    assert_eq!(second.rows_stored, 0);
    assert_eq!(second.rows_read, second.rows_rejected);
    let first = dots
        .files
        .iter()
        .find(|f| f.path.ends_with("DOTS_143.xlsx"))
        .unwrap();
    assert_eq!(first.rows_stored + first.rows_rejected, first.rows_read);
    assert_eq!(first.rows_read, second.rows_read);
    let files = sql(
        &store,
        "SELECT count(DISTINCT file) FROM trade_flows WHERE reporter='NIC'",
    )
    .unwrap();
    assert_eq!(
        files[0]
            .column(0)
            .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
            .value(0),
        1
    );
    let reason = sql(
        &store,
        "SELECT reason FROM rejects WHERE file LIKE '%DOTS_144.xlsx'",
    )
    .unwrap();
    assert!(string_column(&reason, 0)[0].contains("DOTS_143.xlsx"));
}

#[test]
fn a_corrupted_workbook_fails_the_build_naming_file_and_sheet_and_keeps_the_previous_store() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return;
    };
    let sources = dots_sources(&shared, &["DOTS_40.xlsx", "DOTS_9.xlsx"]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let first = build(&options(sources.path(), &store)).unwrap();
    let before = std::fs::read_to_string(store.join("manifest.json")).unwrap();

    // Corrupt one workbook: keep its first half only.
    let victim = sources.path().join("trade/imf-dots/xlsx/DOTS_9.xlsx");
    let bytes = std::fs::read(&victim).unwrap();
    std::fs::write(&victim, &bytes[..bytes.len() / 2]).unwrap();
    let error = build(&options(sources.path(), &store)).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, BuildError::Read { .. }), "{message}");
    assert!(message.contains("DOTS_9.xlsx"), "{message}");
    assert!(message.contains("sheet \"Exports, FOB\""), "{message}");

    // The previous store is still there, unchanged and readable; no staging folder is left.
    assert_eq!(
        std::fs::read_to_string(store.join("manifest.json")).unwrap(),
        before
    );
    let rows = sql(&store, "SELECT count(*) FROM trade_flows").unwrap();
    let count = rows[0]
        .column(0)
        .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
        .value(0);
    assert_eq!(count as u64, first.tables["trade_flows"]);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".building-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn an_unchanged_dataset_is_carried_over_and_a_changed_one_rebuilt() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return;
    };
    let sources = dots_sources(&shared, &["DOTS_40.xlsx"]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let first = build(&options(sources.path(), &store)).unwrap();
    let second = build(&options(sources.path(), &store)).unwrap();
    let status = |m: &galeon_store::Manifest| {
        m.datasets
            .iter()
            .find(|d| d.id == "imf-dots")
            .unwrap()
            .status
            .as_str()
    };
    assert_eq!(status(&first), "built");
    assert_eq!(status(&second), "unchanged");
    assert_eq!(first.tables, second.tables);
    std::fs::copy(
        shared.join("trade/imf-dots/xlsx/DOTS_9.xlsx"),
        sources.path().join("trade/imf-dots/xlsx/DOTS_9.xlsx"),
    )
    .unwrap();
    let third = build(&options(sources.path(), &store)).unwrap();
    assert_eq!(status(&third), "built");
    assert!(third.tables["trade_flows"] > first.tables["trade_flows"]);
    // A store written by other readers (an older connector) is re-read, even with the same files.
    assert_eq!(third.readers, galeon_store::READERS);
    let path = store.join(galeon_store::MANIFEST);
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    manifest["readers"] = serde_json::Value::String("older readers".into());
    std::fs::write(&path, manifest.to_string()).unwrap();
    let fourth = build(&options(sources.path(), &store)).unwrap();
    assert_eq!(status(&fourth), "built");
    assert_eq!(fourth.tables, third.tables);
}

fn baci_sources() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let baci = dir.path().join("trade/cepii-baci");
    std::fs::create_dir_all(&baci).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/baci");
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, baci.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn baci_fixtures_in_the_published_layout_are_read_and_balanced() {
    let sources = baci_sources();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let manifest = build(&options(sources.path(), &store)).unwrap();
    let baci = manifest
        .datasets
        .iter()
        .find(|d| d.id == "cepii-baci")
        .unwrap();
    assert_eq!(baci.status, galeon_store::DatasetStatus::Built);
    let (read, stored, rejected) = baci.totals();
    // 7 + 3 data lines; one (exporter code 999) is not in country_codes.
    assert_eq!((read, stored, rejected), (10, 9, 1));

    let batches = sql(
        &store,
        "SELECT value_usd, quantity FROM trade_by_product WHERE source='cepii-baci' AND reporter='BRA' AND partner='CHN' \
         AND product='120100' AND year=2020",
    )
    .unwrap();
    // v is in thousand USD: 24,905,123.456 thousand = 24,905,123,456 USD.
    assert_eq!(f64_column(&batches, 0), vec![24_905_123_456.0]);
    assert_eq!(f64_column(&batches, 1), vec![64_200_000.5]);

    // BACI code 490 ("Other Asia, nes") is Taiwan; 842 the United States; 251 France.
    let partners = sql(
        &store,
        "SELECT reporter, partner FROM trade_by_product WHERE source='cepii-baci' AND product='851712' AND year=2020 ORDER BY reporter",
    )
    .unwrap();
    let pairs: Vec<(String, String)> = string_column(&partners, 0)
        .into_iter()
        .zip(string_column(&partners, 1))
        .collect();
    assert_eq!(
        pairs,
        vec![("CHN".into(), "BRA".into()), ("TWN".into(), "USA".into())]
    );
    let missing_quantity = sql(
        &store,
        "SELECT count(*) FROM trade_by_product WHERE source='cepii-baci' AND quantity IS NULL",
    )
    .unwrap();
    assert_eq!(
        missing_quantity[0]
            .column(0)
            .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
            .value(0),
        2
    );
    let reject = sql(
        &store,
        "SELECT \"column\", value, rows FROM rejects WHERE source='cepii-baci'",
    )
    .unwrap();
    assert_eq!(string_column(&reject, 1), vec!["999".to_string()]);
    assert_eq!(reject[0].column(2).as_primitive::<UInt64Type>().value(0), 1);
}

/// A sink that records the largest batch it receives: BACI must arrive in bounded batches.
struct LargestBatch(usize, u64);

impl galeon_sources::canonical::Sink for LargestBatch {
    fn write(
        &mut self,
        _: &galeon_sources::canonical::Provenance,
        batch: galeon_sources::canonical::Batch,
    ) -> Result<(), String> {
        self.0 = self.0.max(batch.len());
        self.1 += batch.len() as u64;
        Ok(())
    }
    fn reject(
        &mut self,
        _: &galeon_sources::canonical::Provenance,
        _: galeon_sources::canonical::Reject,
    ) {
    }
    fn rows_read(&mut self, _: &galeon_sources::canonical::Provenance, _: u64) {}
}

/// The BACI fixtures and a 2019 file of more than two of the connector's batches (and how many
/// rows that file has).
fn baci_sources_with_a_large_year() -> (tempfile::TempDir, usize) {
    let dir = baci_sources();
    let baci = dir.path().join("trade/cepii-baci");
    let rows = galeon_sources::datasets::cepii::BACI_BATCH_ROWS * 2 + 17;
    let mut text = String::from("t,i,j,k,v,q\n");
    for n in 0..rows {
        text.push_str(&format!("2019,76,156,{:06},{}.5,1\n", 100000 + n % 5000, n));
    }
    std::fs::write(baci.join("BACI_HS92_Y2019_V202401b.csv"), text).unwrap();
    (dir, rows)
}

#[test]
fn baci_streams_in_bounded_batches_whatever_the_file_size() {
    // One year file larger than a batch: the connector must hand it over in pieces.
    let (dir, rows) = baci_sources_with_a_large_year();
    let mut sink = LargestBatch(0, 0);
    galeon_sources::survey::read_dataset(dir.path(), "cepii-baci", &mut sink).unwrap();
    assert!(sink.0 <= galeon_sources::datasets::cepii::BACI_BATCH_ROWS);
    assert_eq!(sink.1, rows as u64 + 9);
}

#[test]
fn statements_that_write_or_read_outside_the_store_are_refused() {
    let sources = baci_sources();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build(&options(sources.path(), &store)).unwrap();
    let outside = dir.path().join("outside.csv");
    std::fs::write(&outside, "a,b\n1,2\n").unwrap();
    let written = dir.path().join("written.parquet");
    let refused = [
        format!(
            "CREATE EXTERNAL TABLE t STORED AS CSV LOCATION '{}'",
            outside.display()
        ),
        format!("COPY (SELECT 1) TO '{}'", written.display()),
        "CREATE TABLE t AS SELECT 1".to_string(),
        "CREATE VIEW v AS SELECT 1".to_string(),
        "INSERT INTO countries SELECT * FROM countries".to_string(),
        "DROP TABLE countries".to_string(),
        "SET datafusion.execution.batch_size = 1".to_string(),
    ];
    for statement in &refused {
        match sql(&store, statement) {
            Err(QueryError::NotReadOnly(_)) => {}
            other => panic!("{statement:?} was not refused as a write: {other:?}"),
        }
    }
    assert!(!written.exists());
    // Files outside the store cannot be read as tables or through table functions.
    for statement in [
        format!("SELECT * FROM '{}'", outside.display()),
        format!("SELECT * FROM read_csv('{}')", outside.display()),
        format!("SELECT * FROM read_parquet('{}')", outside.display()),
    ] {
        assert!(sql(&store, &statement).is_err(), "{statement:?} ran");
    }
    // A read-only query runs, and the row cap marks truncation.
    let result = runtime()
        .block_on(query(
            &store,
            "SELECT * FROM countries",
            QueryLimits {
                max_rows: 5,
                ..QueryLimits::default()
            },
        ))
        .unwrap();
    assert!(result.truncated);
    assert_eq!(
        result.batches().iter().map(|b| b.num_rows()).sum::<usize>(),
        5
    );
}

#[test]
fn a_query_on_a_missing_store_says_how_to_build_one() {
    let dir = tempfile::tempdir().unwrap();
    let err = sql(&dir.path().join("nothing"), "SELECT 1").unwrap_err();
    assert!(err.to_string().contains("galeon build"), "{err}");
}

/// Rows of a DOTS sheet: (spreadsheet row, (year, value) pairs).
type RawRows = Vec<(u32, Vec<(String, String)>)>;

/// The reporter (cell B4) and every row of a DOTS sheet whose column B is `partner`, as
/// (spreadsheet row, values by year), read with calamine without galeon's connector.
fn raw_dots_rows(path: &Path, sheet: &str, partner: &str) -> (String, RawRows) {
    let mut workbook = open_workbook_auto(path).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    let (start_row, start_col) = range.start().unwrap();
    let text = |c: &Data| match c {
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        _ => String::new(),
    };
    let cell = |r: u32, c: u32| range.get_value((r, c)).map(text).unwrap_or_default();
    let end_col = start_col + range.width() as u32;
    let rows = (start_row..start_row + range.height() as u32)
        .filter(|r| cell(*r, 1) == partner)
        .map(|r| {
            let values = (2..end_col)
                .map(|c| (cell(6, c), cell(r, c)))
                .filter(|(year, value)| !year.is_empty() && !value.is_empty())
                .collect();
            (r + 1, values)
        })
        .collect();
    (cell(3, 1), rows)
}

#[test]
fn a_partner_listed_twice_in_a_dots_sheet_is_stored_once_and_the_repeat_counted() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return;
    };
    // IMF's sheets repeat their first partner, Australia, above the World row. Checked here from
    // the raw workbook (China's, DOTS_40.xlsx) with calamine: two rows with the same values.
    let sources = dots_sources(&shared, &["DOTS_40.xlsx"]);
    let path = sources.path().join("trade/imf-dots/xlsx/DOTS_40.xlsx");
    let (_, raw) = raw_dots_rows(&path, "Exports, FOB", "Australia");
    assert_eq!(raw.len(), 2, "Australia is listed twice in the raw sheet");
    assert_eq!(raw[0].1, raw[1].1, "with the same values");
    let (_dir, store) = build_balanced_dots_store(sources.path());
    let years = sql(
        &store,
        "SELECT year, count(*) AS n, min(value_usd) FROM trade_flows WHERE reporter = 'CHN' AND partner = 'AUS' AND flow = 'export' GROUP BY year ORDER BY year",
    )
    .unwrap();
    let counts: Vec<i64> = years
        .iter()
        .flat_map(|b| {
            b.column(1)
                .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
                .values()
                .to_vec()
        })
        .collect();
    assert_eq!(
        counts.len(),
        raw[0].1.len(),
        "one stored value per year of the raw row"
    );
    assert!(counts.iter().all(|n| *n == 1), "never twice: {counts:?}");
    let (year, millions) = &raw[0].1[raw[0].1.len() - 1];
    let stored_last = f64_column(&years, 2)[counts.len() - 1];
    let millions: f64 = millions.trim_end_matches('e').trim().parse().unwrap();
    assert_eq!(stored_last, (millions * 1e6).round(), "{year}");
    // The repeated row is a reject naming sheet, row and column, standing for its values.
    let rejects = sql(
        &store,
        "SELECT sheet, row, \"column\", rows, reason FROM rejects WHERE value = 'Australia' AND sheet = 'Exports, FOB'",
    )
    .unwrap();
    assert_eq!(rejects.iter().map(|b| b.num_rows()).sum::<usize>(), 1);
    let row = rejects[0]
        .column(1)
        .as_primitive::<datafusion::arrow::datatypes::UInt64Type>()
        .value(0);
    assert_eq!(row, u64::from(raw[1].0));
    assert_eq!(string_column(&rejects, 2), vec!["B".to_string()]);
    let rows = rejects[0]
        .column(3)
        .as_primitive::<datafusion::arrow::datatypes::UInt64Type>()
        .value(0);
    assert_eq!(rows, raw[1].1.len() as u64);
    assert!(string_column(&rejects, 4)[0].contains(&format!("row {}", raw[0].0)));
}

#[test]
fn full_build_over_the_shared_data_balances_every_file() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let manifest = build(&options(&shared, &store)).unwrap();
    for dataset in &manifest.datasets {
        for file in &dataset.files {
            assert_eq!(
                file.rows_read,
                file.rows_stored + file.rows_rejected,
                "{}: {}",
                dataset.id,
                file.path
            );
            assert_eq!(file.sha256.len(), 64);
        }
        if dataset.status == galeon_store::DatasetStatus::Built {
            assert!(dataset.totals().1 > 0, "{} stored nothing", dataset.id);
        }
    }
    // Every reject has a reason.
    let empty = sql(&store, "SELECT count(*) FROM rejects WHERE reason = ''").unwrap();
    assert_eq!(
        empty[0]
            .column(0)
            .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
            .value(0),
        0
    );
    assert!(manifest.tables["trade_flows"] > 2_500_000);
    // No value is stored twice: within a source, each key has one row (a repeat in the files,
    // such as DOTS listing Australia twice or overlapping CIPF tables, is a counted reject).
    for (table, key) in [
        ("trade_flows", "source, reporter, partner, flow, year"),
        (
            "trade_by_product",
            "source, reporter, partner, flow, nomenclature, product, year",
        ),
        ("macro", "source, country, indicator, year"),
    ] {
        let repeated = sql(
            &store,
            &format!("SELECT count(*) FROM (SELECT {key} FROM {table} GROUP BY {key} HAVING count(*) > 1)"),
        )
        .unwrap();
        assert_eq!(
            repeated[0]
                .column(0)
                .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
                .value(0),
            0,
            "{table}: keys stored twice"
        );
    }
    let nulls = sql(
        &store,
        "SELECT count(*) FROM trade_flows WHERE reporter IS NULL OR partner IS NULL",
    )
    .unwrap();
    assert_eq!(
        nulls[0]
            .column(0)
            .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
            .value(0),
        0
    );
}

/// The first column of a query's rows, as text.
fn texts(store: &Path, query: &str) -> Vec<String> {
    let batches = sql(store, query).unwrap();
    let mut out = Vec::new();
    for batch in &batches {
        let column = datafusion::arrow::compute::cast(batch.column(0), &DataType::Utf8).unwrap();
        let column = column.as_string::<i32>();
        out.extend((0..column.len()).map(|i| column.value(i).to_string()));
    }
    out
}

#[test]
fn a_renamed_newer_release_is_stored_under_the_release_its_file_names() {
    // The same BACI files renamed to another release marker (V202601): the stored provenance
    // follows the file names, not anything compiled into galeon.
    let sources = baci_sources();
    let baci = sources.path().join("trade/cepii-baci");
    for entry in std::fs::read_dir(&baci).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.contains("V202401b") {
            std::fs::rename(&path, baci.join(name.replace("V202401b", "V202601"))).unwrap();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let manifest = build(&options(sources.path(), &store)).unwrap();
    let releases = texts(
        &store,
        "SELECT DISTINCT release FROM trade_by_product WHERE source = 'cepii-baci'",
    );
    assert_eq!(releases, vec!["BACI V202601".to_string()]);
    let entry = manifest
        .datasets
        .iter()
        .find(|d| d.id == "cepii-baci")
        .unwrap();
    assert!(entry.files.iter().all(|f| f.release == "BACI V202601"));
}

#[test]
fn files_not_read_and_files_missing_are_in_the_manifest_with_the_reason() {
    let sources = baci_sources();
    let root = sources.path();
    // A file no declaration reads, a declared file removed, a folder no dataset declares, the
    // sources README, and a recorded API response.
    std::fs::write(root.join("trade/cepii-baci/notes.txt"), "mine").unwrap();
    std::fs::remove_file(root.join("trade/cepii-baci/Readme.txt")).unwrap();
    std::fs::create_dir_all(root.join("trade/unknown-publisher")).unwrap();
    std::fs::write(root.join("trade/unknown-publisher/data.csv"), "a,b\n1,2\n").unwrap();
    std::fs::write(root.join("README.md"), "# sources\n").unwrap();
    std::fs::create_dir_all(root.join("api-samples/imf-sdmx3-imfp")).unwrap();
    std::fs::write(root.join("api-samples/imf-sdmx3-imfp/x.json"), "{}").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let manifest = build(&options(root, &store)).unwrap();
    let baci = manifest
        .datasets
        .iter()
        .find(|d| d.id == "cepii-baci")
        .unwrap();
    let reasons: Vec<(&str, &str)> = baci
        .not_read
        .iter()
        .map(|n| (n.path.as_str(), n.reason.as_str()))
        .collect();
    assert!(reasons.contains(&(
        "trade/cepii-baci/notes.txt",
        "no declaration of this dataset reads this file"
    )));
    assert!(reasons.contains(&(
        "trade/cepii-baci/product_codes_HS92_V202401b.csv",
        "product names"
    )));
    assert_eq!(baci.missing, vec!["Readme.txt".to_string()]);
    let outside: Vec<(&str, &str)> = manifest
        .not_read
        .iter()
        .map(|n| (n.path.as_str(), n.reason.split(':').next().unwrap()))
        .collect();
    assert_eq!(
        outside,
        vec![
            ("README.md", "documentation (the sources folder's README)"),
            (
                "api-samples/imf-sdmx3-imfp/x.json",
                "recorded API response, a test fixture"
            ),
            (
                "trade/unknown-publisher/data.csv",
                "no dataset declaration covers this folder"
            ),
        ]
    );
    // The manifest on disk says the same.
    let written = galeon_store::read_manifest(&store).unwrap();
    assert_eq!(written.not_read, manifest.not_read);
    // Every file of the sources folder is in exactly one list.
    let listed = manifest.not_read.len()
        + manifest
            .datasets
            .iter()
            .map(|d| d.not_read.len() + d.files.len())
            .sum::<usize>();
    let on_disk = walkdir_count(root);
    assert_eq!(listed, on_disk);
}

fn walkdir_count(root: &Path) -> usize {
    let mut n = 0;
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn a_second_build_of_the_same_store_is_refused_naming_the_first_and_the_store_kept() {
    let sources = baci_sources();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build(&options(sources.path(), &store)).unwrap();
    let before = std::fs::read(store.join("manifest.json")).unwrap();
    // A build under way holds the lock (taken here as a build takes it).
    let held = galeon_store::StoreLock::acquire(&store).unwrap();
    let e = build(&options(sources.path(), &store)).unwrap_err();
    assert!(matches!(e, galeon_store::BuildError::Locked(_)), "{e}");
    let message = e.to_string();
    assert!(
        message.contains(&format!("pid {}", std::process::id())),
        "{message}"
    );
    assert_eq!(std::fs::read(store.join("manifest.json")).unwrap(), before);
    // Once the first build ends (or dies: the system releases its lock), the next one runs.
    drop(held);
    build(&options(sources.path(), &store)).unwrap();
    assert!(galeon_store::lock_path(&store).ends_with("store.lock"));
}

/// A build killed between its two renames (the previous store moved aside, the new one not yet in
/// place) leaves no store. The next build puts the previous one back before anything else, so
/// that even when it fails (here: its sources folder is gone) the store is the previous one.
#[test]
fn a_build_killed_between_its_renames_gets_the_previous_store_back() {
    let sources = baci_sources();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build(&options(sources.path(), &store)).unwrap();
    let before = std::fs::read(store.join("manifest.json")).unwrap();
    // What the kill leaves: the store aside under a process id that is gone, and the staging
    // folder of the new one.
    let gone = u32::MAX - 7;
    assert!(!Path::new(&format!("/proc/{gone}")).exists());
    std::fs::rename(&store, dir.path().join(format!(".store.previous-{gone}"))).unwrap();
    std::fs::create_dir_all(dir.path().join(format!(".store.building-{gone}"))).unwrap();
    let missing = dir.path().join("no-sources");
    assert!(build(&options(&missing, &store)).is_err());
    assert_eq!(std::fs::read(store.join("manifest.json")).unwrap(), before);
    let left: Vec<String> = (std::fs::read_dir(dir.path()).unwrap().flatten())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".store."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The store is the only crate that depends on Arrow, Parquet or DataFusion: every other crate
/// reads query results as typed columns (`Rows`) and writes tables through the store. Checked on
/// each crate's manifest (a dependency in any section counts).
#[test]
fn no_crate_but_the_store_depends_on_the_query_engine() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut offenders = Vec::new();
    for entry in std::fs::read_dir(&crates).unwrap() {
        let dir = entry.unwrap().path();
        let manifest = dir.join("Cargo.toml");
        if dir.file_name().unwrap() == "store" || !manifest.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&manifest).unwrap();
        let value: toml::Value = toml::from_str(&text).unwrap();
        for section in ["dependencies", "dev-dependencies", "build-dependencies"] {
            for name in value
                .get(section)
                .and_then(|d| d.as_table())
                .into_iter()
                .flatten()
            {
                let name = name.0.as_str();
                if ["datafusion", "arrow", "parquet"]
                    .iter()
                    .any(|e| name == *e || name.starts_with(&format!("{e}-")))
                {
                    offenders.push(format!("{}: {section}.{name}", manifest.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
    // And the crates were found (the check ran over the workspace, not an empty folder).
    assert!(crates.join("indicators/Cargo.toml").is_file());
}

/// The engine's wording for its own bugs, which must never reach a user.
const INTERNAL: [&str; 4] = [
    "This issue was likely caused by a bug",
    "Internal error",
    "panicked",
    "DataFusion's code",
];

/// One statement of the hostile SQL corpus, and what it must give.
fn judge(store: &Path, outcome: &str, statement: &str) -> Result<(), String> {
    let limits = QueryLimits {
        max_rows: 1_000,
        timeout: std::time::Duration::from_secs(3),
    };
    let started = std::time::Instant::now();
    let result = runtime().block_on(query(store, statement, limits));
    if started.elapsed() > std::time::Duration::from_secs(20) {
        return Err(format!("took {:?}, past the time limit", started.elapsed()));
    }
    if let Err(e) = &result {
        if let Some(said) = INTERNAL.iter().find(|s| e.to_string().contains(*s)) {
            return Err(format!(
                "the message shows the engine's own text ({said:?}): {e}"
            ));
        }
    }
    match (outcome, &result) {
        ("refuse", Err(QueryError::NotReadOnly(_))) => Ok(()),
        (
            "error",
            Err(QueryError::NotReadOnly(_) | QueryError::DataFusion(_) | QueryError::TooLong(_)),
        ) => Ok(()),
        ("limit", Ok(r)) if r.truncated => Ok(()),
        ("limit", Err(QueryError::Timeout(_))) => Ok(()),
        ("any", _) => Ok(()),
        (_, Ok(r)) => Err(format!(
            "ran ({} rows, truncated: {})",
            r.len(),
            r.truncated
        )),
        (_, Err(e)) => Err(format!("gave {e:?}")),
    }
}

/// ≥ 50 hostile statements (tests/abuse/sql.txt), then the ones too long to write on a line:
/// each is refused, fails with a plain message, or is limited in rows or time; none writes a file
/// or changes the store.
#[test]
fn the_hostile_sql_corpus_is_refused_or_limited_in_galeons_words() {
    let sources = baci_sources();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build(&options(sources.path(), &store)).unwrap();
    let manifest = std::fs::read(store.join("manifest.json")).unwrap();
    let outside = dir.path().join("outside.csv");
    std::fs::write(&outside, "a,b\n1,2\n").unwrap();
    let corpus = include_str!("abuse/sql.txt");
    let mut cases: Vec<(String, String)> = (corpus.lines())
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (outcome, statement) = l.split_once(" | ").expect("outcome | statement");
            let statement = statement.replace("{outside}", &outside.display().to_string());
            (outcome.to_string(), statement)
        })
        .collect();
    assert!(cases.len() >= 50, "only {} statements", cases.len());
    // Deep nesting (the parser's recursion limit), a thousand terms (planned by recursion: it
    // once overflowed the stack and aborted), a statement of a megabyte (refused before it is
    // parsed) and a thousand columns.
    let nested = format!("SELECT {}1{}", "(".repeat(5_000), ")".repeat(5_000));
    let deep = format!("SELECT 1{}", " + 1".repeat(1_000));
    let long = format!("SELECT 1{}", " + 1".repeat(250_000));
    let wide: Vec<String> = (0..1_000).map(|i| format!("{i} AS c{i}")).collect();
    cases.push(("error".into(), nested));
    cases.push(("any".into(), deep));
    cases.push(("error".into(), long));
    cases.push(("any".into(), format!("SELECT {}", wide.join(", "))));
    let failures: Vec<String> = (cases.iter())
        .filter_map(|(outcome, statement)| {
            let shown: String = statement.chars().take(80).collect();
            judge(&store, outcome, statement)
                .err()
                .map(|why| format!("{outcome} | {shown}: {why}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let written = std::fs::read_dir(dir.path()).unwrap().flatten();
    let names: Vec<String> = written
        .map(|e| e.file_name().to_string_lossy().into())
        .collect();
    assert!(!names.iter().any(|n| n.contains("written")), "{names:?}");
    assert_eq!(
        std::fs::read(store.join("manifest.json")).unwrap(),
        manifest
    );
    let countries = sql(&store, "SELECT count(*) FROM countries").unwrap();
    assert_eq!(
        countries[0]
            .column(0)
            .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
            .value(0),
        413
    );
}

/// Many queries at once, a third of them cancelled by a time limit too short to finish: the
/// process stays up (a test process once crashed while a query's threads were torn down; this
/// does not reproduce that crash on demand, it keeps the churn exercised) and every query that
/// finishes gives the same count as the first one run alone.
#[test]
fn hundreds_of_concurrent_and_cancelled_queries_leave_the_process_standing() {
    let sources = baci_sources();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build(&options(sources.path(), &store)).unwrap();
    // The fixtures store 9 BACI rows (see the test above), so the self-join has 9 × 9.
    let statement = "SELECT count(*) AS n FROM trade_by_product t JOIN trade_by_product u \
                     ON t.source = u.source";
    let count = |batches: &[RecordBatch]| -> u64 {
        batches[0]
            .column(0)
            .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
            .value(0) as u64
    };
    let alone = count(&sql(&store, statement).unwrap());
    assert_eq!(alone, 81);
    let (mut finished, mut cancelled) = (0, 0);
    runtime().block_on(async {
        for round in 0..40 {
            let mut queries = tokio::task::JoinSet::new();
            for i in 0..8 {
                let store = store.clone();
                let timeout = if (round + i) % 3 == 0 {
                    std::time::Duration::from_millis(1)
                } else {
                    std::time::Duration::from_secs(30)
                };
                let limits = QueryLimits {
                    max_rows: 10,
                    timeout,
                };
                queries.spawn(async move { query(&store, statement, limits).await });
            }
            while let Some(result) = queries.join_next().await {
                match result.unwrap() {
                    Ok(r) => {
                        assert_eq!(count(r.batches()), alone);
                        finished += 1;
                    }
                    Err(QueryError::Timeout(_)) => cancelled += 1,
                    Err(e) => panic!("{e}"),
                }
            }
        }
    });
    assert_eq!(finished + cancelled, 320);
    assert!(finished >= 200, "only {finished} of 320 finished");
}

/// A result written to files as the engine streams it (`query_to_files`, used by releases) has
/// the same rows, in the same order, as the same query held whole and written by `QueryResult`:
/// the CSVs are compared byte for byte, and the Parquet file is read back (with the Parquet
/// reader, not galeon) and compared with the held result's CSV. The products table spans
/// several batches (a BACI year written larger than the connector's batch).
#[test]
fn a_result_streamed_to_files_is_the_result_held_whole() {
    use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use galeon_store::{query_to_files, ExportLimits, ResultFormat};
    let (sources, rows) = baci_sources_with_a_large_year();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    build(&options(sources.path(), &store)).unwrap();
    let columns = galeon_store::table_columns("trade_by_product").len();
    let order: Vec<String> = (1..=columns).map(|i| i.to_string()).collect();
    let statement = format!(
        "SELECT * FROM trade_by_product ORDER BY {}",
        order.join(", ")
    );

    let limits = QueryLimits {
        max_rows: 1 << 40,
        timeout: std::time::Duration::from_secs(600),
    };
    let held = runtime()
        .block_on(query(&store, &statement, limits))
        .unwrap();
    assert!(held.len() > rows, "{} rows", held.len());
    let mut held_csv = Vec::new();
    held.write(ResultFormat::Csv, &mut held_csv).unwrap();

    let (csv, parquet) = (dir.path().join("t.csv"), dir.path().join("t.parquet"));
    let files = [
        (ResultFormat::Csv, csv.clone()),
        (ResultFormat::Parquet, parquet.clone()),
    ];
    let export = ExportLimits {
        timeout: std::time::Duration::from_secs(600),
        memory: 256 << 20,
    };
    let written = runtime()
        .block_on(query_to_files(&store, &statement, export, &files))
        .unwrap();
    assert_eq!(written.rows, held.len() as u64);
    assert_eq!(written.fields, held.fields());
    assert!(std::fs::read(&csv).unwrap() == held_csv, "the CSVs differ");

    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&parquet).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut from_parquet = Vec::new();
    {
        let mut writer = datafusion::arrow::csv::WriterBuilder::new()
            .with_header(true)
            .build(&mut from_parquet);
        for batch in reader {
            writer.write(&batch.unwrap()).unwrap();
        }
    }
    assert!(from_parquet == held_csv, "the Parquet file's rows differ");

    // A file that cannot be written is the query's error, naming it.
    let nowhere = dir.path().join("no-such-folder").join("t.csv");
    let refused = runtime().block_on(query_to_files(
        &store,
        &statement,
        export,
        &[(ResultFormat::Csv, nowhere.clone())],
    ));
    match refused {
        Err(QueryError::Write { path, .. }) => assert_eq!(path, nowhere.display().to_string()),
        other => panic!("{other:?}"),
    }

    // A budget far too small for the sort is galeon's memory error (which the release turns
    // into "raise --memory"), however the engine wraps it.
    let tiny = ExportLimits {
        memory: 1 << 20,
        ..export
    };
    match runtime().block_on(query_to_files(&store, &statement, tiny, &files)) {
        Err(QueryError::Memory(what)) => assert!(!what.is_empty()),
        other => panic!("{other:?}"),
    }
}
