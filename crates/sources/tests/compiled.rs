//! Hand-compiled tables on fixtures in the published layout, a URL on every row:
//! `china_reported_trade_anchors.csv` (year, partner, measure, value, unit, reporter_side,
//! source_url, source_says; values in billions, units "USD bn", "USD bn (approx; …)", "CNY bn
//! (RMB)", quarterly years such as "2025Q1", aggregate partners) and
//! `lac33_china_diplomacy_compiled.csv` (iso3, country, prc_relations_established, history_note,
//! recognises_as_of_2023_2025, …; quoted notes that run over several lines).

mod common;

use common::{put, read};
use galeon_sources::canonical::{Batch, Flow, ReportedBy};

const ANCHORS: &str = "trade/china-reported-anchors-2021-2024";
const ANCHORS_FILE: &str = "china_reported_trade_anchors.csv";

/// Invented anchors (values and URLs are made up).
const ANCHORS_CSV: &str = "year,partner,measure,value,unit,reporter_side,source_url,source_says\n\
2022,Brazil,china_exports,60.5,USD bn,China (GACC),https://example.org/a,\"exports to Brazil were $60.5 billion\"\n\
2022,Brazil,china_imports,110.25,USD bn (approx),China (GACC),https://example.org/b,\"imports about $110.25 billion\"\n\
2023,Latin America and Caribbean (aggregate),total_trade,480,USD bn (approx; 'exceeding 480 billion'),China (GACC),https://example.org/c,\"exceeding 480 billion, per GACC\"\n\
2024,Colombia,total_trade,12.3,CNY bn (RMB),China (GACC),https://example.org/d,\"123亿元\"\n\
2025Q1,Latin America and Caribbean (aggregate),total_trade,118.30,USD bn,China (MOFCOM),https://example.org/e,\"first quarter\"\n\
2022,Atlantis,total_trade,1,USD bn,China (GACC),https://example.org/f,\"\"\n\
2022,Peru,total_trade,n/a,USD bn,China (GACC),https://example.org/g,\"\"\n\
2022,Peru,china_exports,5,CNY bn (RMB),China (GACC),https://example.org/h,\"\"\n";

#[test]
fn anchors_split_into_china_reported_flows_and_total_trade_in_usd_or_cny() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{ANCHORS}/{ANCHORS_FILE}"),
        ANCHORS_CSV,
    );
    put(dir.path(), &format!("{ANCHORS}/SOURCE.md"), "# fixture\n");
    let (c, files) = read(dir.path(), "china-reported-anchors");
    c.assert_balanced();
    let flows = common::flows(&c);
    // Line 2: 60.5 USD bn = 60,500,000,000 USD, China's export to Brazil, not estimated.
    // Line 3: 110.25 USD bn = 110,250,000,000 USD, an import; "approx" in the unit marks it estimated.
    let got: Vec<(&str, &str, Flow, i32, f64, ReportedBy, bool)> = flows
        .iter()
        .map(|f| {
            (
                f.reporter.as_str(),
                f.partner.as_str(),
                f.flow,
                f.year,
                f.value_usd,
                f.reported_by,
                f.estimated,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "CHN",
                "BRA",
                Flow::Export,
                2022,
                60_500_000_000.0,
                ReportedBy::Reporter,
                false
            ),
            (
                "CHN",
                "BRA",
                Flow::Import,
                2022,
                110_250_000_000.0,
                ReportedBy::Reporter,
                true
            ),
        ]
    );
    let macros = c.rows(|b| match b {
        Batch::Macro(r) => Some(r),
        _ => None,
    });
    let got: Vec<(&str, i32, &str, f64, &str)> = macros
        .iter()
        .map(|m| {
            (
                m.country.as_str(),
                m.year,
                m.indicator.as_str(),
                m.value,
                m.unit,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // Line 4: 480 USD bn = 480,000,000,000 USD, for the LAC aggregate (XLC).
            (
                "XLC",
                2023,
                "china_reported_trade_with_china_usd",
                480_000_000_000.0,
                "USD"
            ),
            // Line 5: 12.3 CNY bn = 12,300,000,000 CNY (rounded to the unit).
            (
                "COL",
                2024,
                "china_reported_trade_with_china_cny",
                12_300_000_000.0,
                "CNY"
            ),
        ]
    );
    // Line 6 a quarter, line 7 an unknown partner, line 8 a value that is not a number, line 9 an
    // export in CNY (not understood).
    let rejects: Vec<(u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        rejects,
        vec![
            (6, "year", "2025Q1"),
            (7, "partner", "Atlantis"),
            (8, "value", "n/a"),
            (9, "measure/unit", "china_exports CNY bn (RMB)"),
        ]
    );
    assert_eq!(c.read_total(), 8);
    assert_eq!(files.read.len(), 1, "{:?}", files.read);
    assert!(
        files.read[0]
            .release
            .starts_with("unknown release (sha256 "),
        "{:?}",
        files.read
    );
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| *p.release == files.read[0].release));
}

/// Country, organisation, joined, exited, note.
type MembershipView<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a str);

const LAC33: &str = "diplomacy/lac33-diplomacy-compiled";
const LAC33_FILE: &str = "lac33_china_diplomacy_compiled.csv";

/// Invented rows; the note of line 3 runs over two lines, so GTM starts on line 5 and ZZZ on line 6.
const LAC33_CSV: &str = "iso3,country,prc_relations_established,history_note,recognises_as_of_2023_2025,recognition_source_urls,recognition_caveat,fta_with_china,fta_source_urls,partnership_with_china_seen,partnership_source_urls\n\
ARG,Argentina,1972-02-16,,PRC,https://example.org/arg,,,,,\n\
PAN,Panama,2017-06-13,\"recognised Taipei until 2017,\nthen Beijing\",PRC,https://example.org/pan,,,,strategic,https://example.org/pan2\n\
GTM,Guatemala,,,ROC (Taipei),https://example.org/gtm,,,,,\n\
ZZZ,Atlantis,1990-01-01,,PRC,https://example.org/atl,,,,,\n";

#[test]
fn lac33_rows_give_the_start_of_current_relations_with_the_prc() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), &format!("{LAC33}/{LAC33_FILE}"), LAC33_CSV);
    let (c, files) = read(dir.path(), "lac33-diplomacy");
    c.assert_balanced();
    let rows = c.rows(|b| match b {
        Batch::Memberships(r) => Some(r),
        _ => None,
    });
    let got: Vec<MembershipView> = rows
        .iter()
        .map(|m| {
            (
                m.country.as_str(),
                m.organisation,
                m.joined.as_deref(),
                m.exited.as_deref(),
                m.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // The note is the recognition status, then the history note when there is one.
            ("ARG", "PRC_RELATIONS", Some("1972-02-16"), None, "PRC"),
            (
                "PAN",
                "PRC_RELATIONS",
                Some("2017-06-13"),
                None,
                "PRC; recognised Taipei until 2017,\nthen Beijing"
            ),
            // No date: joined is None.
            ("GTM", "PRC_RELATIONS", None, None, "ROC (Taipei)"),
        ]
    );
    // The unknown code is rejected at the line its record starts on: 6, not 5, after the two-line note.
    let rejects: Vec<(u64, &str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(rejects, vec![(6, "iso3", "ZZZ")]);
    assert_eq!(c.read_total(), 4);
    assert_eq!(files.read.len(), 1, "{:?}", files.read);
    assert!(
        files.read[0]
            .release
            .starts_with("unknown release (sha256 "),
        "{:?}",
        files.read
    );
}

#[test]
fn a_release_toml_in_the_folder_names_the_compiled_tables_release() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), &format!("{LAC33}/{LAC33_FILE}"), LAC33_CSV);
    put(
        dir.path(),
        &format!("{LAC33}/release.toml"),
        "release = \"compiled 2025-06\"\n",
    );
    put(
        dir.path(),
        &format!("{ANCHORS}/{ANCHORS_FILE}"),
        ANCHORS_CSV,
    );
    put(
        dir.path(),
        &format!("{ANCHORS}/release.toml"),
        "release = \"anchors 2025-05\"\n",
    );
    for (id, label) in [
        (
            "lac33-diplomacy",
            "compiled 2025-06 (stated in release.toml)",
        ),
        (
            "china-reported-anchors",
            "anchors 2025-05 (stated in release.toml)",
        ),
    ] {
        let (c, files) = read(dir.path(), id);
        assert_eq!(files.read.len(), 1, "{id}");
        assert_eq!(files.read[0].release, label);
        assert!(!c.batches.is_empty(), "{id}");
        assert!(c.batches.iter().all(|(p, _)| &*p.release == label), "{id}");
    }
}
