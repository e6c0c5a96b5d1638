//! Indicator tests against values computed independently from the raw files in `../shared/data`
//! (read here with calamine and the csv crate, not with galeon's connectors), on one store built
//! once for all tests from the same files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use calamine::{open_workbook_auto, Data, Reader};
use galeon_indicators::{compute, formulas, Value};
use galeon_registry::{EntityKind, Registry};

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
    // are exact; the rank is 1 + the number of partners with strictly more trade.
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
        for ((_, partner, year), v) in cells {
            let partner = registry.resolve_name(partner).unwrap();
            if partner.kind != EntityKind::Aggregate && partner.iso3 != entity.iso3 {
                *totals
                    .entry((year.parse().unwrap(), partner.iso3.to_string()))
                    .or_default() += (v * 1e3).round() as i64;
            }
        }
        for (code, id) in [("CHN", "china_partner_rank"), ("USA", "us_partner_rank")] {
            for ((year, partner), total) in &totals {
                if partner == code {
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
fn missing_data_stays_missing() {
    if store().is_none() {
        return;
    }
    // DOTS ends in 2020: no trade indicator has a 2021 value, and no value is NaN.
    let v = values(&["trade_with_china", "china_partner_share"]);
    assert!(v.iter().all(|x| x.year <= 2020 && x.value.is_finite()));
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
fn cofi_capacity_matches_the_raw_workbook() {
    if store().is_none() {
        return;
    }
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
    let mut by_year: BTreeMap<i32, f64> = BTreeMap::new();
    for row in rows {
        if row[iso] != "ARG" || row[dup] != "N" {
            continue;
        }
        let year = number(&row[debt]).or_else(|| number(&row[equity]));
        if let (Some(year), Some(capacity)) = (year, number(&row[mw])) {
            *by_year.entry(year as i32).or_default() += capacity;
        }
    }
    assert!(!by_year.is_empty());
    let galeon = values(&["cofi_capacity_mw"]);
    for (year, capacity) in by_year {
        assert!(
            (value(&galeon, "ARG", year).unwrap() - capacity).abs() < 1e-6,
            "{year}"
        );
    }
}
