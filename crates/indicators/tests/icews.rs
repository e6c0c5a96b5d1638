//! The ICEWS share from the coded events, on a yearly event file in ICEWS's published layout (a
//! header of 20 tab-separated columns), built into a store. Every expected value is worked out by
//! hand from the events listed here.

use std::path::Path;

use galeon_indicators::compute;

const HEADER: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";

fn event(id: u32, day: &str, source: &str, code: &str, target: &str) -> String {
    format!("{id}\t{day}\tGovernment ({source})\tGovernment\t{source}\tText\t{code}\t1\tGovernment ({target})\tGovernment\t{target}\t{id}\t1\tXinhua\t\t\t\t\t\t")
}

fn write_sources(root: &Path) {
    let folder = root.join("events/icews-events");
    std::fs::create_dir_all(&folder).unwrap();
    let lines = [
        HEADER.to_string(),
        // Brazil 2018: consult (04, verbal cooperation), aid (07, material cooperation),
        // accuse (11, verbal conflict), both directions: 2 of 3 cooperative.
        event(1, "2018-03-01", "China", "040", "Brazil"),
        event(2, "2018-04-01", "Brazil", "071", "China"),
        event(3, "2018-05-01", "China", "112", "Brazil"),
        // Brazil 2019: one coercive event (17, material conflict): 0 of 1.
        event(4, "2019-01-10", "Brazil", "173", "China"),
        // Venezuela 2018: two cooperative (05 and 06): 2 of 2.
        event(5, "2018-06-01", "Venezuela", "057", "China"),
        event(6, "2018-06-02", "China", "061", "Venezuela"),
        // Not China–LAC: not read, so in no share.
        event(7, "2018-06-02", "China", "190", "United States"),
        event(8, "2018-06-02", "Brazil", "190", "Argentina"),
    ];
    std::fs::write(
        folder.join("events.2018.20200427084805.tab"),
        lines.join("\n") + "\n",
    )
    .unwrap();
}

#[test]
fn the_cooperative_share_of_icews_events_by_hand() {
    let sources = tempfile::tempdir().unwrap();
    write_sources(sources.path());
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    galeon_store::build(&galeon_store::BuildOptions {
        sources: sources.path().to_path_buf(),
        store: store.clone(),
        progress: false,
        force: false,
    })
    .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let got = runtime
        .block_on(compute(&store, &["icews_cooperative_share"]))
        .unwrap()
        .values;
    let mut shape: Vec<(String, i32, f64)> = (got.iter())
        .map(|v| (v.country.clone(), v.year, v.value))
        .collect();
    shape.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    assert_eq!(
        shape,
        vec![
            ("BRA".into(), 2018, 2.0 / 3.0),
            ("BRA".into(), 2019, 0.0),
            ("VEN".into(), 2018, 1.0),
        ]
    );
    assert!(got.iter().all(|v| v.partner.as_deref() == Some("CHN")));
}
