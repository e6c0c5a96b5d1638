//! The GDELT event indicators on export files in GDELT's published layout (zipped, 61 tab-separated
//! columns, written by `galeon_testkit::gdelt`), built into a store partitioned by year and month
//! of the event date. Every expected value is worked out by hand from the events listed here.

use std::path::Path;

use galeon_indicators::{compute, Value};
use galeon_testkit::gdelt::{write_export, Event};

fn event<'a>(id: i64, date: &'a str, actor1: &'a str, actor2: &'a str, quad: &'a str) -> String {
    let code = match quad {
        "1" => "036",
        "2" => "061",
        "3" => "111",
        _ => "190",
    };
    Event {
        id,
        date,
        actor1,
        actor2,
        code,
        quad,
        goldstein: "1.0",
        counts: (3, 1, 3),
        added: "20230701000000",
        url: "https://news.example/story",
    }
    .line()
}

/// Four 15-minute files. The third holds events of nine months of 2021; the fourth comes back to
/// January 2021 after them: each month is still one file.
fn write_sources(root: &Path) {
    let folder = root.join("events/gdelt-events");
    write_export(
        &folder,
        "20230615120000.export.CSV.zip",
        &[
            event(1, "20230615", "CHN", "BRA", "1"),
            event(2, "20230614", "BRA", "CHN", "4"),
            event(3, "20220101", "CHN", "BRA", "2"),
            event(4, "20230615", "CHN", "PER", "3"),
            event(5, "20230615", "PER", "CHN", "1"),
            event(6, "20230615", "CHN", "USA", "1"), // stored, not a LAC state
            event(7, "20230615", "ARG", "", "1"),    // stored, one actor only
            event(8, "20230615", "CHN", "CHN", "1"), // stored, China with itself
            event(9, "20230615", "BRA", "ARG", "1"), // stored, no China
            event(10, "20230615", "LAM", "CHN", "1"), // stored, a region
            event(11, "20230615", "USA", "GBR", "1"), // not read
        ],
    );
    write_export(
        &folder,
        "20230701000000.export.CSV.zip",
        &[
            event(12, "20230701", "MEX", "CHN", "2"),
            event(13, "20230702", "CHN", "MEX", "3"),
            event(14, "20230701", "CHN", "BRA", "1"),
        ],
    );
    let months: Vec<String> = (1..=9).map(|m| format!("20210{m}15")).collect();
    let lines: Vec<String> = (months.iter().enumerate())
        .map(|(i, day)| event(20 + i as i64, day, "CHN", "CHL", "1"))
        .collect();
    write_export(&folder, "20230701001500.export.CSV.zip", &lines);
    write_export(
        &folder,
        "20230701003000.export.CSV.zip",
        &[event(40, "20210116", "CHL", "CHN", "3")],
    );
}

fn build(sources: &Path, store: &Path) -> galeon_store::Manifest {
    let options = galeon_store::BuildOptions {
        sources: sources.to_path_buf(),
        store: store.to_path_buf(),
        progress: false,
        force: false,
    };
    galeon_store::build(&options).unwrap()
}

fn values(store: &Path) -> Vec<Value> {
    let ids = ["gdelt_event_count", "gdelt_cooperative_share"];
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(compute(store, &ids)).unwrap().values
}

/// The table's files, relative to its folder, sorted.
fn files(store: &Path) -> Vec<String> {
    let table = store.join("gdelt_events");
    let mut files: Vec<String> = (walkdir::WalkDir::new(&table).into_iter().flatten())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(&table).unwrap().to_string_lossy()).into_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn event_counts_and_cooperative_shares_by_hand_over_a_partitioned_table() {
    let sources = tempfile::tempdir().unwrap();
    write_sources(sources.path());
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let manifest = build(sources.path(), &store);
    // 10 of the first file's 11 rows, the 3 of the second, 9 and 1: 23 rows.
    assert_eq!(manifest.tables.get("gdelt_events"), Some(&23));

    // One folder per month of the event date, one file in each.
    let mut expected: Vec<String> = (1..=9)
        .map(|m| format!("year=2021/month=0{m}/gdelt-events.parquet"))
        .collect();
    expected.extend(
        [
            "year=2022/month=01",
            "year=2023/month=06",
            "year=2023/month=07",
        ]
        .map(|p| format!("{p}/gdelt-events.parquet")),
    );
    expected.sort();
    assert_eq!(files(&store), expected);

    let got = values(&store);
    let get = |id: &str, country: &str, year: i32| {
        (got.iter())
            .find(|v| v.indicator == id && v.country == country && v.year == year)
            .map(|v| v.value)
    };
    // China–Brazil 2023: events 1 (quad 1), 2 (quad 4), 14 (quad 1); 2022: event 3 (quad 2).
    assert_eq!(get("gdelt_event_count", "BRA", 2023), Some(3.0));
    assert_eq!(get("gdelt_cooperative_share", "BRA", 2023), Some(2.0 / 3.0));
    assert_eq!(get("gdelt_event_count", "BRA", 2022), Some(1.0));
    assert_eq!(get("gdelt_cooperative_share", "BRA", 2022), Some(1.0));
    // Peru 2023: events 4 (quad 3) and 5 (quad 1). Mexico 2023: 12 (quad 2) and 13 (quad 3).
    assert_eq!(get("gdelt_event_count", "PER", 2023), Some(2.0));
    assert_eq!(get("gdelt_cooperative_share", "PER", 2023), Some(0.5));
    assert_eq!(get("gdelt_event_count", "MEX", 2023), Some(2.0));
    assert_eq!(get("gdelt_cooperative_share", "MEX", 2023), Some(0.5));
    // Chile 2021: nine cooperative events and one of verbal conflict, two of them in January.
    assert_eq!(get("gdelt_event_count", "CHL", 2021), Some(10.0));
    assert_eq!(get("gdelt_cooperative_share", "CHL", 2021), Some(0.9));
    // Nothing for the USA, Argentina (no China–Argentina event), China or the LAM region.
    assert_eq!(got.len(), 2 * 5, "{got:#?}");
    assert!(got.iter().all(|v| v.partner.as_deref() == Some("CHN")));
    let provenance = &got[0].provenance;
    assert!(
        provenance.contains("GDELT 2.0 export 2023-06-15 12:00 UTC … GDELT 2.0 export 2023-07-01 00:30 UTC (4 releases)"),
        "{provenance}"
    );

    // A second build over the same files carries the dataset over, every partition file with it.
    let again = build(sources.path(), &store);
    let entry = again
        .datasets
        .iter()
        .find(|d| d.id == "gdelt-events")
        .unwrap();
    assert_eq!(entry.status, galeon_store::DatasetStatus::Unchanged);
    assert_eq!(files(&store), expected);
    let second = values(&store);
    let key = |v: &Value| (v.indicator, v.country.clone(), v.year, v.value.to_bits());
    assert_eq!(
        got.iter().map(key).collect::<Vec<_>>(),
        second.iter().map(key).collect::<Vec<_>>()
    );
}

/// The generator's files (GDELT's mix of countries, events dated up to a year back, a third
/// without a second actor) read back: the store holds exactly the events the generator counted in
/// scope, and both indicators equal its own tallies for every country and year. The tallies are
/// counted while writing, independently of galeon's reading. `scripts/gdelt_scale.sh` runs the
/// same comparison on millions of events and records memory.
#[test]
fn generated_exports_read_back_to_the_generators_own_tallies() {
    let sources = tempfile::tempdir().unwrap();
    let folder = sources.path().join("events/gdelt-events");
    let tally = galeon_testkit::gdelt::generate(&folder, 48, 1500, 7);
    assert_eq!(tally.events, 48 * 1500);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let manifest = build(sources.path(), &store);
    assert_eq!(manifest.tables.get("gdelt_events"), Some(&tally.in_scope));
    let entry = manifest
        .datasets
        .iter()
        .find(|d| d.id == "gdelt-events")
        .unwrap();
    assert_eq!(entry.totals(), (tally.in_scope, tally.in_scope, 0));
    let got = values(&store);
    let mut checked = 0;
    for (key, (count, cooperative)) in &tally.china_lac {
        let (country, year) = key.split_once(' ').unwrap();
        let year: i32 = year.parse().unwrap();
        let get = |id: &str| {
            (got.iter())
                .find(|v| v.indicator == id && v.country == country && v.year == year)
                .map(|v| v.value)
        };
        assert_eq!(get("gdelt_event_count"), Some(*count as f64), "{key}");
        let share = *cooperative as f64 / *count as f64;
        let got_share = get("gdelt_cooperative_share").unwrap();
        assert!(
            (got_share - share).abs() < 1e-12,
            "{key}: {got_share} vs {share}"
        );
        checked += 2;
    }
    assert!(
        tally.china_lac.len() > 40,
        "a test over few series would prove little"
    );
    assert_eq!(got.len(), checked, "no value beyond the generator's series");
}
