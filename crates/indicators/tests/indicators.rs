//! Indicator tests against values computed independently from the raw files in `../shared/data`
//! (read here with calamine and the csv crate, not with galeon's connectors), on one store built
//! once for all tests from the same files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use calamine::{open_workbook_auto, Data, DataType, Reader};
use galeon_indicators::{compute, formulas, Value};
use galeon_registry::{EntityKind, Iso3, Registry};

/// One store for every test in this file, built from the whole sources folder.
fn store() -> Option<&'static Path> {
    static STORE: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let sources = galeon_testkit::shared_data()?;
            let dir = tempfile::tempdir().unwrap();
            let options = galeon_store::BuildOptions {
                sources,
                store: dir.path().join("store"),
                progress: false,
                force: false,
            };
            galeon_store::build(&options).unwrap();
            Some(dir)
        })
        .as_ref()
        .map(|d| d.path().join("store"))
        .map(|p| &*Box::leak(p.into_boxed_path()))
}

fn values(ids: &[&str]) -> Vec<Value> {
    let store = store().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(compute(store, ids)).unwrap().values
}

fn value(values: &[Value], country: &str, year: i32) -> Option<f64> {
    values
        .iter()
        .find(|v| v.country == country && v.year == year)
        .map(|v| v.value)
}

/// A DOTS workbook read raw: reporter name, and (flow, partner name, year) → value in USD millions.
fn raw_dots(path: &Path) -> (String, HashMap<(&'static str, String, String), f64>) {
    let mut workbook = open_workbook_auto(path).unwrap();
    let mut out = HashMap::new();
    let mut reporter = String::new();
    for (sheet, flow) in [("Exports, FOB", "export"), ("Imports, CIF", "import")] {
        let range = workbook.worksheet_range(sheet).unwrap();
        let text = |c: Option<&Data>| match c {
            Some(Data::String(s)) => s.trim().to_string(),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            _ => String::new(),
        };
        let (r0, c0) = range.start().unwrap();
        let at = |r: u32, c: u32| text(range.get_value((r, c)));
        reporter = at(3, 1);
        let years: Vec<(u32, String)> = (c0..c0 + range.width() as u32)
            .map(|c| (c, at(6, c)))
            .filter(|(_, y)| !y.is_empty())
            .collect();
        for r in 7.max(r0)..r0 + range.height() as u32 {
            let partner = at(r, 1);
            if partner.is_empty() {
                continue;
            }
            for (c, year) in &years {
                let cell = at(r, *c);
                // Estimated values are text: "1,001.10 e".
                let number = cell.trim_end_matches('e').trim().replace(',', "");
                if let Ok(v) = number.parse::<f64>() {
                    out.insert((flow, partner.clone(), year.clone()), v);
                }
            }
        }
    }
    (reporter, out)
}

type RawWorkbook = (String, HashMap<(&'static str, String, String), f64>);

/// Every DOTS workbook read raw once, shared by the tests.
fn raw_workbooks() -> &'static [RawWorkbook] {
    static RAW: OnceLock<Vec<RawWorkbook>> = OnceLock::new();
    RAW.get_or_init(|| dots_workbooks().iter().map(|p| raw_dots(p)).collect())
}

fn dots_workbooks() -> Vec<PathBuf> {
    let dir = galeon_testkit::shared_data()
        .unwrap()
        .join("trade/imf-dots/xlsx");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

#[test]
fn in_2020_china_is_the_top_partner_of_brazil_chile_peru_and_uruguay_only() {
    if store().is_none() {
        return;
    }
    let registry = Registry::global();
    // Independent: for every LAC reporter workbook, rank partners by 2020 exports + imports,
    // counting individual economies only (the registry tells aggregates apart).
    let mut independent = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for (reporter, cells) in raw_workbooks() {
        let Ok(entity) = registry.resolve_name(reporter) else {
            continue;
        };
        if !entity.lac || !seen.insert(entity.iso3.to_string()) {
            continue;
        }
        let mut totals: HashMap<String, f64> = HashMap::new();
        for ((_, partner, year), v) in cells {
            let partner_entity = registry.resolve_name(partner).unwrap();
            if year == "2020" && partner_entity.kind != EntityKind::Aggregate {
                *totals.entry(partner_entity.iso3.to_string()).or_default() += v;
            }
        }
        let top = totals
            .iter()
            .max_by(|a, b| a.1.partial_cmp(b.1).unwrap())
            .map(|(k, _)| k.clone());
        if top.as_deref() == Some("CHN") {
            independent.insert(entity.iso3.to_string());
        }
    }
    let expected: BTreeSet<String> = ["BRA", "CHL", "PER", "URY"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(independent, expected, "the raw workbooks");

    let ranks = values(&["china_partner_rank"]);
    let lac: BTreeSet<String> = registry.lac().iter().map(|e| e.iso3.to_string()).collect();
    let galeon: BTreeSet<String> = ranks
        .iter()
        .filter(|v| v.year == 2020 && v.value == 1.0 && lac.contains(&v.country))
        .map(|v| v.country.clone())
        .collect();
    assert_eq!(galeon, expected);
}

#[test]
fn china_and_us_ranks_match_an_independent_ranking_of_every_lac_workbook() {
    if store().is_none() {
        return;
    }
    let registry = Registry::global();
    // Independent: each LAC reporter's raw workbook (a partner named twice in a sheet, as IMF
    // repeats Australia, is read once: the cells are keyed by name), exports + imports per
    // partner economy and year in thousands of dollars as integers so that sums and comparisons
    // are exact; the rank is 1 + the number of partners with strictly more trade. A year is
    // ranked only when the partner economies add up to at least 90 % of the World row.
    let mut expected: BTreeMap<(&str, String, i32), f64> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for (reporter, cells) in raw_workbooks() {
        let Ok(entity) = registry.resolve_name(reporter) else {
            continue;
        };
        if !entity.lac || !seen.insert(entity.iso3.to_string()) {
            continue;
        }
        let mut totals: HashMap<(i32, String), i64> = HashMap::new();
        let mut world: HashMap<i32, i64> = HashMap::new();
        for ((_, partner, year), v) in cells {
            let partner = registry.resolve_name(partner).unwrap();
            let year: i32 = year.parse().unwrap();
            if partner.kind != EntityKind::Aggregate && partner.iso3 != entity.iso3 {
                *totals.entry((year, partner.iso3.to_string())).or_default() +=
                    (v * 1e3).round() as i64;
            } else if partner.iso3 == Iso3::WLD {
                *world.entry(year).or_default() += (v * 1e3).round() as i64;
            }
        }
        let whole = |year: i32| {
            let named: i64 = totals
                .iter()
                .filter(|((y, _), _)| *y == year)
                .map(|(_, t)| t)
                .sum();
            world
                .get(&year)
                .is_some_and(|w| named as f64 >= 0.9 * *w as f64)
        };
        for (code, id) in [("CHN", "china_partner_rank"), ("USA", "us_partner_rank")] {
            for ((year, partner), total) in &totals {
                if partner == code && whole(*year) {
                    let above = totals
                        .iter()
                        .filter(|((y, _), t)| y == year && *t > total)
                        .count();
                    expected.insert((id, entity.iso3.to_string(), *year), 1.0 + above as f64);
                }
            }
        }
    }
    assert!(expected.len() > 2_000, "{} ranks", expected.len());
    let lac: BTreeSet<String> = registry.lac().iter().map(|e| e.iso3.to_string()).collect();
    let galeon: BTreeMap<(&str, String, i32), f64> =
        values(&["china_partner_rank", "us_partner_rank"])
            .into_iter()
            .filter(|v| lac.contains(&v.country))
            .map(|v| ((v.indicator, v.country, v.year), v.value))
            .collect();
    let differ: Vec<_> = expected
        .iter()
        .filter(|(k, v)| galeon.get(*k) != Some(*v))
        .take(10)
        .map(|(k, v)| format!("{k:?}: raw {v}, galeon {:?}", galeon.get(k)))
        .collect();
    assert!(differ.is_empty(), "{differ:#?}");
    assert_eq!(galeon.len(), expected.len());
}

#[test]
fn china_reported_china_lac_trade_in_2002_is_about_18_bn() {
    if store().is_none() {
        return;
    }
    let registry = Registry::global();
    // Independent: China's own workbook, every LAC partner row, exports + imports in 2002.
    let china = &raw_workbooks()
        .iter()
        .find(|(r, _)| r == "China, P.R.: Mainland")
        .unwrap()
        .1;
    let lac_2002 = |flow: &str| -> BTreeMap<String, f64> {
        china
            .iter()
            .filter(|((f, partner, year), _)| {
                *f == flow && year == "2002" && registry.resolve_name(partner).unwrap().lac
            })
            .map(|((_, partner, _), v)| (partner.clone(), *v))
            .collect()
    };
    let (exports, imports) = (lac_2002("export"), lac_2002("import"));
    let all: f64 = (exports.values().sum::<f64>() + imports.values().sum::<f64>()) / 1e3;
    assert!((all - 17.7).abs() < 0.05, "raw {all} bn");
    // The indicator counts a partner-year only when both flows are reported (never half a total).
    let raw_total: f64 = exports
        .iter()
        .filter_map(|(p, x)| imports.get(p).map(|m| x + m))
        .sum::<f64>()
        / 1e3;

    let galeon: f64 = values(&["china_reported_trade_with"])
        .iter()
        .filter(|v| {
            v.year == 2002
                && registry
                    .resolve_code(galeon_registry::CodeScheme::Iso3, &v.country)
                    .unwrap()
                    .lac
        })
        .map(|v| v.value)
        .sum::<f64>()
        / 1e9;
    assert!(
        (galeon - raw_total).abs() < 1e-6,
        "galeon {galeon} vs raw {raw_total}"
    );
}

#[test]
fn partner_rank_of_uruguay_is_a_clean_series() {
    if store().is_none() {
        return;
    }
    let ranks = values(&["china_partner_rank"]);
    let uruguay: BTreeMap<i32, f64> = ranks
        .iter()
        .filter(|v| v.country == "URY" && (2000..=2020).contains(&v.year))
        .map(|v| (v.year, v.value))
        .collect();
    assert_eq!(uruguay.len(), 21);
    assert!(uruguay.values().all(|r| *r >= 1.0 && r.fract() == 0.0));
    assert_eq!(uruguay[&2020], 1.0);
}

#[test]
fn shares_and_asymmetry_match_the_raw_workbooks() {
    if store().is_none() {
        return;
    }
    // Independent: Chile's workbook (China and World rows) and China's (Chile and World rows), 2015.
    let workbooks = raw_workbooks();
    let sum = |reporter: &str, partner: &str, year: &str| -> f64 {
        let cells = &workbooks.iter().find(|(r, _)| r == reporter).unwrap().1;
        ["export", "import"]
            .iter()
            .map(|f| {
                cells
                    .get(&(*f, partner.to_string(), year.to_string()))
                    .copied()
                    .unwrap_or(0.0)
            })
            .sum()
    };
    let s_ij = sum("Chile", "China, P.R.: Mainland", "2015") / sum("Chile", "World", "2015");
    let s_ji = sum("China, P.R.: Mainland", "Chile", "2015")
        / sum("China, P.R.: Mainland", "World", "2015");
    let all = values(&["china_partner_share", "dependence_asymmetry"]);
    let share: Vec<Value> = all
        .iter()
        .filter(|v| v.indicator == "china_partner_share")
        .cloned()
        .collect();
    let asymmetry: Vec<Value> = all
        .iter()
        .filter(|v| v.indicator == "dependence_asymmetry")
        .cloned()
        .collect();
    assert!((value(&share, "CHL", 2015).unwrap() - s_ij).abs() < 1e-9);
    assert!((value(&asymmetry, "CHL", 2015).unwrap() - (s_ij - s_ji)).abs() < 1e-9);
}

#[test]
fn complementarity_matches_a_recomputation_from_the_raw_wto_file() {
    if store().is_none() {
        return;
    }
    // Independent: read the WTO 2019–2020 CSV (Latin-1), build the ten-group partition by hand,
    // shares as fractions, TC = 100 (1 − ½ Σ|m − x|).
    let path = galeon_testkit::shared_data()
        .unwrap()
        .join("trade/wto-product-groups/wto_merchandise_values_annual_2019_2020.csv");
    let bytes = std::fs::read(path).unwrap();
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut v: HashMap<(String, String, String), f64> = HashMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        if &row[6] == "2019" {
            v.insert(
                (row[2].to_string(), row[0].to_string(), row[4].to_string()),
                row[7].parse().unwrap(),
            );
        }
    }
    let groups = |iso: &str, flow: &str| -> Vec<f64> {
        let g = |k: &str| v[&(iso.to_string(), flow.to_string(), k.to_string())];
        let parts = [
            g("AGFO"),
            g("AG") - g("AGFO"),
            g("MIFU"),
            g("MI") - g("MIFU"),
            g("MAIS"),
            g("MACH"),
            g("MAMT"),
            g("MATE"),
            g("MACL"),
            g("MA") - g("MAIS") - g("MACH") - g("MAMT") - g("MATE") - g("MACL"),
        ];
        let total: f64 = parts.iter().sum();
        parts.iter().map(|p| p / total).collect()
    };
    let x = groups("BRA", "Export");
    let m = groups("CHN", "Import");
    let by_hand = 100.0 * (1.0 - x.iter().zip(&m).map(|(a, b)| (a - b).abs()).sum::<f64>() / 2.0);
    let tc = values(&["complementarity_exports_to_china"]);
    let galeon = value(&tc, "BRA", 2019).unwrap();
    assert!(
        (galeon - by_hand).abs() < 1e-6,
        "galeon {galeon} vs {by_hand}"
    );
    assert!((0.0..=100.0).contains(&galeon));
    // Directional: China's exports against Brazil's imports give a different number.
    let reverse = value(&values(&["complementarity_china_to_country"]), "BRA", 2019).unwrap();
    assert!((reverse - galeon).abs() > 1.0);
}

#[test]
fn grubel_lloyd_for_brazil_and_mexico_matches_the_raw_comtrade_rows() {
    if store().is_none() {
        return;
    }
    // Independent: the gzipped Comtrade CSV, HS2 exports Brazil → China and China → Brazil, 2019.
    let path = galeon_testkit::shared_data().unwrap().join("trade/comtrade-top30-hs2-2019-2020/comtrade_top30_reporters_exports_by_partner_hs2_2019_2020.csv.gz");
    // Only the gzip layer is undone with the sources crate's reader; parsing and sums are here.
    let bytes = galeon_sources::read_bytes(&path).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let mut x: BTreeMap<String, f64> = BTreeMap::new();
    let mut m: BTreeMap<String, f64> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        if &row[0] != "2019" || row[8].len() != 2 {
            continue;
        }
        let value: f64 = row[10].parse().unwrap();
        match (&row[4], &row[7]) {
            ("BRA", "CHN") => *x.entry(row[8].to_string()).or_default() += value,
            ("CHN", "BRA") => *m.entry(row[8].to_string()).or_default() += value,
            _ => {}
        }
    }
    let products: BTreeSet<&String> = x.keys().chain(m.keys()).collect();
    let (mut num, mut den) = (0.0, 0.0);
    for k in products {
        let (a, b) = (
            x.get(k).copied().unwrap_or(0.0),
            m.get(k).copied().unwrap_or(0.0),
        );
        num += (a + b) - (a - b).abs();
        den += a + b;
    }
    let by_hand = num / den;
    let gl = values(&["grubel_lloyd_hs2_with_china"]);
    let galeon = value(&gl, "BRA", 2019).unwrap();
    assert!(
        (galeon - by_hand).abs() < 1e-9,
        "galeon {galeon} vs {by_hand}"
    );
    assert!(value(&gl, "MEX", 2020).is_some());
    assert_eq!(formulas::grubel_lloyd(1.0, 1.0), Some(1.0));
}

#[test]
fn political_indicators_follow_the_facts() {
    if store().is_none() {
        return;
    }
    let v = values(&[
        "recognises_beijing",
        "bri_member",
        "partnership_level",
        "fta_in_force",
        "aiib_member",
    ]);
    let of = |id: &str| {
        v.iter()
            .filter(|x| x.indicator == id)
            .cloned()
            .collect::<Vec<_>>()
    };
    let recognition = of("recognises_beijing");
    assert_eq!(value(&recognition, "PAN", 2016), Some(0.0));
    assert_eq!(value(&recognition, "PAN", 2017), Some(1.0));
    assert_eq!(value(&recognition, "PRY", 2020), Some(0.0));
    // By the end of 2022: 21 LAC BRI members (GFDC); 7 comprehensive strategic partners.
    let bri = of("bri_member");
    assert_eq!(
        bri.iter()
            .filter(|x| x.year == 2022 && x.value == 1.0)
            .count(),
        21
    );
    let partnership = of("partnership_level");
    assert_eq!(
        partnership
            .iter()
            .filter(|x| x.year == 2022 && x.value == 2.0)
            .count(),
        7
    );
    let fta = of("fta_in_force");
    assert_eq!(value(&fta, "CHL", 2006), Some(1.0));
    assert_eq!(value(&fta, "CHL", 2005), Some(0.0));
    // AIIB, read by hand from the dated records of data/facts/aiib.toml: Brazil signed in 2015 and
    // deposited on 2 November 2020; Peru was approved on 23 March 2017 and joined in January 2022;
    // at the end of 2021 the members were Ecuador, Brazil, Uruguay, Argentina and Chile, and the
    // states approved but not members Peru, Bolivia and Venezuela.
    let aiib = of("aiib_member");
    assert_eq!(value(&aiib, "BRA", 2019), Some(1.0));
    assert_eq!(value(&aiib, "BRA", 2020), Some(2.0));
    assert_eq!(value(&aiib, "PER", 2016), Some(0.0));
    assert_eq!(value(&aiib, "PER", 2021), Some(1.0));
    assert_eq!(value(&aiib, "PER", 2022), Some(2.0));
    let in_2021 = |level: f64| {
        let mut c: Vec<&str> = (aiib.iter())
            .filter(|x| x.year == 2021 && x.value == level)
            .map(|x| x.country.as_str())
            .collect();
        c.sort();
        c
    };
    assert_eq!(in_2021(2.0), ["ARG", "BRA", "CHL", "ECU", "URY"]);
    assert_eq!(in_2021(1.0), ["BOL", "PER", "VEN"]);
    assert_eq!(aiib.iter().filter(|x| x.year == 2021).count(), 33);
}

#[test]
fn confucius_institutes_are_counted_from_the_raw_list() {
    if store().is_none() {
        return;
    }
    // Independent: count Mexico's rows with an estimated founding year of 2016 or earlier.
    let path = galeon_testkit::shared_data()
        .unwrap()
        .join("culture/confucius-institutes/confucius_institutes.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let mut mexico = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let year = row[3]
            .rsplit('/')
            .next()
            .and_then(|y| y.parse::<u32>().ok());
        if &row[6] == "Mexico" && year.is_some_and(|y| 2000 + y <= 2016) {
            mexico += 1;
        }
    }
    let ci = values(&["confucius_institutes"]);
    assert_eq!(value(&ci, "MEX", 2016), Some(f64::from(mexico)));
}

#[test]
fn leader_visit_days_match_the_raw_china_vitae_records() {
    if store().is_none() {
        return;
    }
    // Independent: the raw CSV (csv crate). A record is a visit when the text says the leader
    // "travelled to" the very country the record is filed under (the name before the first comma);
    // distinct (leader, day) per LAC country (its iso3 column) and year.
    let path = galeon_testkit::shared_data()
        .unwrap()
        .join("diplomacy/chinavitae-elite-engagements/chinavitae_engagements_2003_2018_all.csv");
    let lac: BTreeSet<String> = Registry::global()
        .lac()
        .iter()
        .map(|e| e.iso3.to_string())
        .collect();
    let mut days: BTreeMap<(String, i32), BTreeSet<(String, String)>> = BTreeMap::new();
    let mut reader = csv::Reader::from_path(path).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        let (date, country, leader, text, iso3) = (&row[0], &row[2], &row[3], &row[4], &row[5]);
        let destination = text
            .split_once("travelled to ")
            .map(|(_, rest)| rest.split(',').next().unwrap_or("").trim());
        if destination == Some(country) && lac.contains(iso3) {
            days.entry((iso3.to_string(), date[..4].parse().unwrap()))
                .or_default()
                .insert((leader.to_string(), date.to_string()));
        }
    }
    let expected: BTreeMap<(String, i32), f64> =
        days.into_iter().map(|(k, v)| (k, v.len() as f64)).collect();
    // Peru, 2016: Xi Jinping in Lima on 19, 20 and 21 November (APEC and the state visit).
    assert_eq!(expected.get(&("PER".to_string(), 2016)), Some(&3.0));
    let galeon: BTreeMap<(String, i32), f64> = values(&["leader_visit_days"])
        .into_iter()
        .filter(|v| lac.contains(&v.country))
        .map(|v| ((v.country, v.year), v.value))
        .collect();
    assert_eq!(galeon, expected);
}

#[test]
fn every_indicator_has_its_docs_page_and_the_pages_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/indicators");
    for indicator in galeon_indicators::INDICATORS {
        let path = dir.join(format!("{}.md", indicator.id));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!("{} is missing: run galeon indicators docs", path.display())
        });
        assert_eq!(
            text,
            galeon_indicators::page(indicator),
            "{} is stale: run galeon indicators docs",
            path.display()
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("README.md")).unwrap(),
        galeon_indicators::index_page()
    );
}

#[test]
fn the_splices_page_is_current() {
    let store = store().expect("../shared/data is needed for this test");
    let spliced: Vec<&str> = galeon_indicators::INDICATORS
        .iter()
        .filter(|i| !i.fallback.is_empty())
        .map(|i| i.id)
        .collect();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let panel = runtime.block_on(compute(store, &spliced)).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/indicators/splices.md");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        galeon_indicators::splices_page(&panel.values, &panel.overlaps),
        "{} is stale: run galeon indicators docs --store STORE",
        path.display()
    );
}

#[test]
fn missing_data_stays_missing() {
    if store().is_none() {
        return;
    }
    // No value is NaN; DOTS ends in 2020, and every later value names the later source it comes
    // from, the first of each series flagged as a break.
    let v = values(&["trade_with_china", "china_partner_share"]);
    assert!(v.iter().all(|x| x.value.is_finite()));
    assert!(v.iter().all(|x| x.source != "imf-dots" || x.year <= 2020));
    let later: Vec<&Value> = v.iter().filter(|x| x.year > 2020).collect();
    assert!(!later.is_empty());
    assert!(later
        .iter()
        .all(|x| x.source.starts_with("comtrade-cipf-partner-tables")));
    // A break exactly where the value before in the same series is from another source.
    for x in &later {
        let previous = v
            .iter()
            .filter(|y| y.indicator == x.indicator && y.country == x.country && y.year < x.year)
            .max_by_key(|y| y.year);
        assert_eq!(
            x.series_break,
            previous.is_some_and(|p| p.source != x.source),
            "{x:?}"
        );
    }
}

/// A sheet of a cipf-comtrade partner table read raw: (reporter name, year) → sum of partner_sum.
fn raw_cipf(path: &Path, reporter: &str) -> BTreeMap<i32, f64> {
    let mut workbook = open_workbook_auto(path).unwrap();
    let range = workbook.worksheet_range("Sheet1").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (year, who, partner, sum) = (
        col("refYear"),
        col("reporterDesc"),
        col("partnerDesc"),
        col("partner_sum"),
    );
    let mut out = BTreeMap::new();
    for row in rows {
        if row[who] == reporter && row[partner] == "China" {
            let y = row[year].as_f64().unwrap() as i32;
            *out.entry(y).or_default() += row[sum].as_f64().unwrap();
        }
    }
    out
}

#[test]
fn a_countrys_trade_indicators_change_source_in_the_same_year_and_gaps_stay_gaps() {
    store().expect("../shared/data is needed for this test");
    let ids = [
        "exports_to_china",
        "imports_from_china",
        "trade_with_china",
        "trade_balance_with_china",
        "china_partner_share",
    ];
    let v = values(&ids);
    // For every country, no Comtrade value of any of these indicators is in or before a year
    // with a DOTS value of any of them.
    let mut last_dots: HashMap<&str, i32> = HashMap::new();
    for x in v.iter().filter(|x| x.source == "imf-dots") {
        let e = last_dots.entry(x.country.as_str()).or_insert(x.year);
        *e = (*e).max(x.year);
    }
    for x in v.iter().filter(|x| x.source.starts_with("comtrade")) {
        if let Some(last) = last_dots.get(x.country.as_str()) {
            assert!(x.year > *last, "{x:?} after DOTS's {last}");
        }
    }
    // Paraguay: DOTS has no exports to China after 2015 but imports to 2020; the Comtrade
    // table read raw has Paraguay's exports in 2016–2020, and galeon leaves them out (a gap
    // inside DOTS's years is not filled from another source).
    let shared = galeon_testkit::shared_data().unwrap();
    let raw = raw_cipf(
        &shared.join("trade/comtrade-cipf-partner-tables/China_3.1.1_top_import_partners.xlsx"),
        "Paraguay",
    );
    assert!((2016..=2020).all(|y| raw.contains_key(&y)), "{raw:?}");
    let pry = |id: &str, y: i32| {
        v.iter()
            .any(|x| x.indicator == id && x.country == "PRY" && x.year == y)
    };
    assert!((2016..=2020).all(|y| !pry("exports_to_china", y) && pry("imports_from_china", y)));
    assert!(pry("exports_to_china", 2021));
}

#[test]
fn perus_latest_share_of_trade_with_china_comes_from_comtrade_over_atlas_totals() {
    let store = store().expect("../shared/data is needed for this test");
    let shared = galeon_testkit::shared_data().unwrap();
    // Independent: Peru's reported exports to China (China_3.1.1, flow X) and imports from China
    // (China_2.1.1, flow M) read raw from the workbooks, over Peru's exports + imports in the
    // Atlas CSV read with the csv crate.
    let cipf = shared.join("trade/comtrade-cipf-partner-tables");
    let exports = raw_cipf(&cipf.join("China_3.1.1_top_import_partners.xlsx"), "Peru");
    let imports = raw_cipf(
        &cipf.join("China_2.1.1_top_export_partners_reverse.xlsx"),
        "Peru",
    );
    let mut atlas: BTreeMap<i32, f64> = BTreeMap::new();
    let atlas_csv = shared.join("trade/atlas-country-year/atlas_hs92_country_year_1995_2024.csv");
    for r in csv::Reader::from_path(atlas_csv).unwrap().records() {
        let r = r.unwrap();
        if &r[1] == "PER" && !r[3].is_empty() && !r[4].is_empty() {
            let total = r[3].parse::<f64>().unwrap() + r[4].parse::<f64>().unwrap();
            atlas.insert(r[2].parse().unwrap(), total);
        }
    }
    let latest = *exports
        .keys()
        .filter(|y| imports.contains_key(y) && atlas.contains_key(y))
        .max()
        .unwrap();
    assert!(latest > 2020, "{latest}");
    let expected = (exports[&latest] + imports[&latest]) / atlas[&latest];

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let panel = runtime
        .block_on(compute(store, &["china_partner_share"]))
        .unwrap();
    let per: Vec<&Value> = panel.values.iter().filter(|x| x.country == "PER").collect();
    let newest = galeon_indicators::latest(per.iter().copied());
    assert_eq!(newest.len(), 1);
    let got = newest[0];
    assert_eq!(got.year, latest);
    assert_eq!(
        got.source,
        "comtrade-cipf-partner-tables + atlas-country-year"
    );
    assert!(
        (got.value - expected).abs() < 1e-9,
        "{} vs {expected}",
        got.value
    );
    // The splice: 2020 from DOTS, 2021 from Comtrade flagged as a break.
    let at = |y: i32| per.iter().find(|x| x.year == y).unwrap();
    assert_eq!(at(2020).source, "imf-dots");
    assert!(at(2021).series_break && !at(2020).series_break);
    // The overlap with DOTS is measured, not assumed: 2014–2020, Comtrade's side as computed
    // here from the raw files.
    let overlap = panel
        .overlaps
        .iter()
        .find(|o| o.country == "PER" && o.later.starts_with("comtrade"))
        .unwrap();
    assert_eq!(overlap.earlier, "imf-dots");
    let years: Vec<i32> = overlap.years.iter().map(|y| y.0).collect();
    assert_eq!(years, (2014..=2020).collect::<Vec<i32>>());
    for (year, dots, comtrade) in &overlap.years {
        let raw = (exports[year] + imports[year]) / atlas[year];
        assert!((comtrade - raw).abs() < 1e-9, "{year}");
        // The published value of the year is DOTS's.
        assert_eq!(value(&panel.values, "PER", *year), Some(*dots));
    }
}

#[test]
fn constant_dollars_use_the_annual_average_of_the_raw_monthly_cpi() {
    if store().is_none() {
        return;
    }
    // Independent: the annual averages of the monthly CPI-U in cpiai.csv, 2010 and 2020.
    let path = galeon_testkit::shared_data()
        .unwrap()
        .join("reference/cpi_us_datasets/cpiai.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let mut sums: HashMap<String, (f64, u32)> = HashMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        let e = sums.entry(row[0][..4].to_string()).or_default();
        e.0 += row[1].parse::<f64>().unwrap();
        e.1 += 1;
    }
    let average = |y: &str| sums[y].0 / f64::from(sums[y].1);
    let current = values(&["gcof_commitments_usd_current"]);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (constant, _) = runtime
        .block_on(galeon_indicators::to_constant_dollars(
            store().unwrap(),
            current.clone(),
            2020,
            galeon_indicators::Deflator::UsCpi,
        ))
        .unwrap();
    let before = value(&current, "ECU", 2010).unwrap();
    let after = value(&constant, "ECU", 2010).unwrap();
    assert!(
        (after - before * average("2020") / average("2010")).abs() < 1e-3,
        "{after}"
    );
    assert!(constant
        .iter()
        .all(|v| v.unit == "USD (constant 2020, US CPI-U)"));
}

#[test]
fn cofi_capacity_cumulative_renewable_and_national_share_match_the_raw_files() {
    store().expect("../shared/data is needed for this test");
    // Independent: the COFI sheet read with calamine; Argentina's plants, each counted once
    // (duplicate_power_plant = N), by the year of the debt (else equity) investment.
    let path = galeon_testkit::shared_data().unwrap().join("green/wri-cofi-2.2/China Overseas Finance Inventory Database Version 2.2 - October 2023.xlsx");
    let mut workbook = open_workbook_auto(path).unwrap();
    let range = workbook.worksheet_range("COFI_v2.2").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (iso, dup, mw, debt, equity) = (
        col("country_iso3c"),
        col("duplicate_power_plant"),
        col("installed_capacity"),
        col("debt_investment_year"),
        col("equity_investment_year"),
    );
    let number = |d: &Data| match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let fuel = col("primary_fuel");
    // (all, renewable) capacity by year, for Argentina and Chile; and COFI's last year.
    let mut by_year: BTreeMap<(&str, i32), (f64, f64)> = BTreeMap::new();
    let mut last_year = 0;
    for row in rows {
        let year = number(&row[debt]).or_else(|| number(&row[equity]));
        if let (Some(year), Some(_)) = (year, number(&row[mw])) {
            last_year = last_year.max(year as i32);
        }
        let Some(country) = ["ARG", "CHL"].into_iter().find(|c| row[iso] == *c) else {
            continue;
        };
        if row[dup] != "N" {
            continue;
        }
        if let (Some(year), Some(capacity)) = (year, number(&row[mw])) {
            let f = row[fuel].to_string();
            let green = ["hydro", "geothermal", "biomass"].contains(&f.as_str())
                || f.contains("solar")
                || f.contains("wind");
            let e = by_year.entry((country, year as i32)).or_default();
            e.0 += capacity;
            e.1 += if green { capacity } else { 0.0 };
        }
    }
    assert!(by_year.len() > 5);
    let galeon = values(&["cofi_capacity_mw"]);
    for ((country, year), (capacity, _)) in &by_year {
        if *country == "ARG" {
            let v = value(&galeon, "ARG", *year).unwrap();
            assert!((v - capacity).abs() < 1e-6, "{year}");
        }
    }
    // Cumulative: every year from the first plant to COFI's last, running sums of the above.
    let cumulative = values(&["cofi_cumulative_capacity_mw"]);
    let renewable = values(&["cofi_cumulative_renewable_mw"]);
    for country in ["ARG", "CHL"] {
        let first = by_year
            .keys()
            .filter(|k| k.0 == country)
            .map(|k| k.1)
            .min()
            .unwrap();
        let (mut all, mut green) = (0.0, 0.0);
        for year in first..=last_year {
            if let Some((a, g)) = by_year.get(&(country, year)) {
                all += a;
                green += g;
            }
            let got = value(&cumulative, country, year).unwrap();
            assert!((got - all).abs() < 1e-6, "{country} {year}: {got} vs {all}");
            let got = value(&renewable, country, year).unwrap();
            assert!(
                (got - green).abs() < 1e-6,
                "{country} {year}: {got} vs {green}"
            );
        }
        assert_eq!(value(&cumulative, country, first - 1), None);
    }
    // Share of national capacity: Argentina's cumulative capacity over its GPPD total (GW), read
    // from the summary CSV; zero before its first plant.
    let gppd = galeon_testkit::shared_data()
        .unwrap()
        .join("green/wri-gppd-country-summary/global_power_plant_database_country_summary.csv");
    let mut reader = csv::Reader::from_path(gppd).unwrap();
    let headers = reader.headers().unwrap().clone();
    let total = headers
        .iter()
        .position(|h| h == "total_capacity_gw")
        .unwrap();
    let arg_gw: f64 = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[0] == "ARG")
        .unwrap()[total]
        .parse()
        .unwrap();
    let share = values(&["cofi_share_of_national_capacity"]);
    let first = by_year
        .keys()
        .filter(|k| k.0 == "ARG")
        .map(|k| k.1)
        .min()
        .unwrap();
    assert_eq!(value(&share, "ARG", first - 1), Some(0.0));
    let expected = value(&cumulative, "ARG", last_year).unwrap() / (arg_gw * 1000.0);
    let got = value(&share, "ARG", last_year).unwrap();
    assert!((got - expected).abs() < 1e-12, "{got} vs {expected}");
    // Brazil is outside COFI's coverage (no Belt and Road memorandum by 2023): no row, not zero.
    assert!(share.iter().all(|v| v.country != "BRA"));
}

/// Manufactured exports to the World by WTO product group, read raw from the WTO CSV (bytes:
/// the file is Latin-1): (reporter code, year) → product code → USD millions.
fn raw_wto_manufactures() -> HashMap<(String, i32), HashMap<String, f64>> {
    let path = galeon_testkit::shared_data()
        .unwrap()
        .join("trade/wto-product-groups/WtoData_20200510015454_manufactures_exports_raw.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let mut out: HashMap<(String, i32), HashMap<String, f64>> = HashMap::new();
    for record in reader.byte_records() {
        let r = record.unwrap();
        let text = |i: usize| String::from_utf8_lossy(&r[i]).to_string();
        if text(1) != "ITS_MTV_AX" || text(6) != "000" {
            continue;
        }
        if let (Ok(year), Ok(value)) = (text(19).parse::<i32>(), text(23).parse::<f64>()) {
            out.entry((text(3), year))
                .or_default()
                .insert(text(11), value);
        }
    }
    out
}

#[test]
fn threat_shares_match_a_recomputation_from_the_raw_wto_file() {
    store().expect("../shared/data is needed for this test");
    let raw = raw_wto_manufactures();
    // Nine disjoint groups that add up to manufactures: iron and steel, chemicals, office and
    // telecom, automotive, other transport equipment, other machinery, textiles, clothing, and
    // the rest of manufactures.
    let groups = |c: &str, y: i32| -> Vec<f64> {
        let v = &raw[&(c.to_string(), y)];
        let g = |k: &str| v[k];
        vec![
            g("MAIS"),
            g("MACH"),
            g("MAMTOF"),
            g("MAMTAU"),
            g("MAMTTE") - g("MAMTAU"),
            g("MAMT") - g("MAMTOF") - g("MAMTTE"),
            g("MATE"),
            g("MACL"),
            g("MA") - g("MAIS") - g("MACH") - g("MAMT") - g("MATE") - g("MACL"),
        ]
        .into_iter()
        .map(|x| x.max(0.0))
        .collect()
    };
    // Mexico (484) against China (156) and the World (000), 2005–2010, by hand: direct threat
    // where Mexico's world share falls and China's rises, partial where both rise and China's
    // more.
    let (c0, c1) = (groups("484", 2005), groups("484", 2010));
    let (k0, k1) = (groups("156", 2005), groups("156", 2010));
    let (w0, w1) = (groups("000", 2005), groups("000", 2010));
    let (mut direct, mut partial) = (0.0, 0.0);
    for k in 0..9 {
        let mexico = c1[k] / w1[k] - c0[k] / w0[k];
        let china = k1[k] / w1[k] - k0[k] / w0[k];
        if china > 0.0 && mexico < 0.0 {
            direct += c1[k];
        } else if china > 0.0 && mexico >= 0.0 && china > mexico {
            partial += c1[k];
        }
    }
    let total: f64 = c1.iter().sum();
    let v = values(&[
        "manufactures_threatened_share",
        "manufactures_partial_threat_share",
    ]);
    let got = |id: &str| {
        v.iter()
            .find(|x| x.indicator == id && x.country == "MEX" && x.year == 2010)
            .unwrap()
            .value
    };
    assert!((got("manufactures_threatened_share") - direct / total).abs() < 1e-12);
    assert!((got("manufactures_partial_threat_share") - partial / total).abs() < 1e-12);
    assert!(
        partial > 0.0 && direct > 0.0,
        "both classes occur: {partial} {direct}"
    );
}

#[test]
fn the_one_query_of_each_spliced_indicator_gives_the_engines_values() {
    let store = store().expect("../shared/data is needed for this test");
    // The source precedence written once in SQL (what `galeon indicators sql ID --inline`
    // prints) against the engine's splice in Rust: the same rows, value for value.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let session = runtime
        .block_on(galeon_store::Session::open(store))
        .unwrap();
    for indicator in galeon_indicators::INDICATORS
        .iter()
        .filter(|i| !i.fallback.is_empty())
    {
        let sql = galeon_indicators::precedence_sql(indicator, true).unwrap();
        let rows = runtime.block_on(session.rows(&sql)).unwrap();
        let (c, y, v) = (rows.text(0), rows.int(2), rows.float(3));
        let mut from_sql: Vec<(String, i32, u64)> = Vec::new();
        for i in 0..rows.len() {
            if let (Some(c), Some(y), Some(v)) = (&c[i], y[i], v[i]) {
                if v.is_finite() {
                    from_sql.push((c.clone(), y, v.to_bits()));
                }
            }
        }
        from_sql.sort();
        let mut from_engine: Vec<(String, i32, u64)> = values(&[indicator.id])
            .into_iter()
            .map(|v| (v.country, v.year, v.value.to_bits()))
            .collect();
        from_engine.sort();
        assert!(from_engine.len() > 100, "{}", indicator.id);
        assert_eq!(from_sql, from_engine, "{}", indicator.id);
    }
}

/// The co-movement of China's and the United States' shares, recomputed here for every
/// country-year the indicator gives: Pearson's r written out in the test, over the ten yearly
/// changes of the two shares' IMF DOTS values (the indicator's source). Checked by hand for
/// Brazil 2020 (−0.8018), Peru 2010 (−0.2904) and Mexico 2010 (0.5580) with a separate script.
#[test]
fn share_comovement_is_the_correlation_of_the_two_shares_yearly_changes() {
    use std::collections::HashMap;
    let got = values(&["china_us_share_comovement_10y"]);
    let shares = values(&["china_partner_share", "us_partner_share"]);
    let share: HashMap<(&str, &str, i32), f64> = (shares.iter())
        .filter(|v| v.source == "imf-dots" && v.dimension.is_none())
        .map(|v| ((v.indicator, v.country.as_str(), v.year), v.value))
        .collect();
    assert!(got.len() > 500, "{}", got.len());
    for v in &got {
        let change = |id: &str, y: i32| {
            share[&(id, v.country.as_str(), y)] - share[&(id, v.country.as_str(), y - 1)]
        };
        let years = (v.year - 9)..=v.year;
        let x: Vec<f64> = years
            .clone()
            .map(|y| change("china_partner_share", y))
            .collect();
        let y: Vec<f64> = years.map(|y| change("us_partner_share", y)).collect();
        let (mx, my) = (x.iter().sum::<f64>() / 10.0, y.iter().sum::<f64>() / 10.0);
        let cov: f64 = x.iter().zip(&y).map(|(a, b)| (a - mx) * (b - my)).sum();
        let sx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum::<f64>().sqrt();
        let sy: f64 = y.iter().map(|b| (b - my).powi(2)).sum::<f64>().sqrt();
        let r = cov / (sx * sy);
        assert!(
            (r - v.value).abs() < 1e-9,
            "{} {}: {} vs {r}",
            v.country,
            v.year,
            v.value
        );
    }
    let brazil = value(&got, "BRA", 2020).unwrap();
    assert!((brazil - -0.8018).abs() < 1e-4, "{brazil}");
}

/// The 16 WITS HS-based product groups, as the trade-summary files name them.
const WITS16: [&str; 16] = [
    "Animal",
    "Vegetable",
    "Food Products",
    "Minerals",
    "Fuels",
    "Chemicals",
    "Plastic or Rubber",
    "Hides and Skins",
    "Wood",
    "Textiles and Clothing",
    "Footwear",
    "Stone and Glass",
    "Metals",
    "Mach and Elec",
    "Transportation",
    "Miscellaneous",
];

/// A WITS trade-summary file read raw with the csv crate (Latin-1 names; the numbers are
/// ASCII): exports to the World by the 16 product groups, (year, group) → USD million.
fn raw_wits16(code: &str) -> BTreeMap<(i32, String), f64> {
    let path = galeon_testkit::shared_data().unwrap().join(format!(
        "trade/wits-trade-summary/raw_csv/en_{code}_AllYears_WITS_Trade_Summary.CSV"
    ));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .unwrap();
    let years: Vec<Option<i32>> = (reader.byte_headers().unwrap().iter())
        .map(|h| String::from_utf8_lossy(h).trim().parse().ok())
        .collect();
    let mut out = BTreeMap::new();
    for record in reader.byte_records() {
        let record = record.unwrap();
        let cell = |j: usize| {
            String::from_utf8_lossy(record.get(j).unwrap_or(b""))
                .trim()
                .to_string()
        };
        if cell(1) != "World" || cell(4) != "Export(US$ Mil)" || !WITS16.contains(&cell(2).as_str())
        {
            continue;
        }
        for (j, year) in years.iter().enumerate() {
            if let (Some(year), Ok(v)) = (year, cell(j).parse::<f64>()) {
                out.insert((*year, cell(2)), v);
            }
        }
    }
    out
}

#[test]
fn rca_and_export_hhi_match_a_recomputation_from_the_raw_wits_files() {
    store().expect("../shared/data is needed for this test");
    // Independent: the Chilean, Peruvian, Brazilian and World files read with the csv crate.
    // RCA_k = (x_k / Σx) / (w_k / Σw), sums over the groups the file has that year; the
    // normalised HHI over years with all 16 groups: (Σ s² − 1/16) / (1 − 1/16).
    let world = raw_wits16("Wld");
    let total = |rows: &BTreeMap<(i32, String), f64>, year: i32| -> f64 {
        rows.range((year, String::new())..(year + 1, String::new()))
            .map(|(_, v)| v)
            .sum()
    };
    let rca = values(&["rca_wits16"]);
    let hhi = values(&["export_hhi_wits16"]);
    for (code, iso) in [("CHL", "CHL"), ("PER", "PER"), ("BRA", "BRA")] {
        let raw = raw_wits16(code);
        let mut expected = BTreeMap::new();
        for ((year, group), x) in &raw {
            let Some(w) = world.get(&(*year, group.clone())) else {
                continue;
            };
            let (x_total, w_total) = (total(&raw, *year), total(&world, *year));
            if x_total > 0.0 && *w > 0.0 {
                expected.insert((*year, group.clone()), (x / x_total) / (w / w_total));
            }
        }
        let galeon: BTreeMap<(i32, String), f64> = (rca.iter())
            .filter(|v| v.country == iso)
            .map(|v| ((v.year, v.dimension.clone().unwrap()), v.value))
            .collect();
        assert_eq!(
            galeon.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "{iso}"
        );
        for (key, want) in &expected {
            let got = galeon[key];
            assert!(
                (got - want).abs() <= 1e-9 * want.abs().max(1.0),
                "{iso} {key:?}: {got} vs {want}"
            );
        }
        let years: BTreeSet<i32> = raw.keys().map(|(y, _)| *y).collect();
        let mut checked = 0;
        for year in years {
            let shares: Vec<f64> = WITS16
                .iter()
                .filter_map(|g| raw.get(&(year, g.to_string())))
                .map(|x| x / total(&raw, year))
                .collect();
            let got = value(&hhi, iso, year);
            if shares.len() < 16 {
                assert_eq!(got, None, "{iso} {year}: fewer than 16 groups, no HHI");
                continue;
            }
            let n = 16.0;
            let want = (shares.iter().map(|s| s * s).sum::<f64>() - 1.0 / n) / (1.0 - 1.0 / n);
            assert!(
                (got.unwrap() - want).abs() < 1e-9,
                "{iso} {year}: {got:?} vs {want}"
            );
            checked += 1;
        }
        assert!(checked >= 25, "{iso}: only {checked} years with an HHI");
    }
}

#[test]
fn export_intensity_matches_a_recomputation_from_the_raw_dots_workbooks() {
    store().expect("../shared/data is needed for this test");
    // Independent: the DOTS workbooks of Chile, Peru, China and the World read with calamine.
    // TII = (x_ij / x_iw) / (m_jw / m_ww): the state's exports to China over its exports to the
    // World, against China's imports from the World over the World's imports from the World.
    let workbooks = raw_workbooks();
    let cell = |reporter: &str, flow: &str, partner: &str, year: i32| -> Option<f64> {
        let cells = &workbooks.iter().find(|(r, _)| r == reporter).unwrap().1;
        cells
            .get(&(flow, partner.to_string(), year.to_string()))
            .copied()
    };
    let tii = values(&["export_intensity_with_china"]);
    let mut checked = 0;
    for (reporter, iso) in [("Chile", "CHL"), ("Peru", "PER")] {
        for year in 1990..=2020 {
            let parts = (
                cell(reporter, "export", "China, P.R.: Mainland", year),
                cell(reporter, "export", "World", year),
                cell("China, P.R.: Mainland", "import", "World", year),
                cell("World", "import", "World", year),
            );
            let (Some(x_ij), Some(x_iw), Some(m_jw), Some(m_ww)) = parts else {
                continue;
            };
            let want = (x_ij / x_iw) / (m_jw / m_ww);
            let got = value(&tii, iso, year).unwrap_or_else(|| panic!("{iso} {year}"));
            // DOTS gives millions with two decimals; galeon stores dollars, rounded.
            assert!(
                (got - want).abs() <= 1e-6 * want,
                "{iso} {year}: {got} vs {want}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} state-years checked");
}
