//! Product-level indicators from CEPII BACI on a generated fixture in BACI's published layout
//! (`BACI_HS92_Y{year}_V{release}.csv` with t,i,j,k,v,q, v in thousand USD, beside
//! `country_codes_V{release}.csv`), with every expected value worked out by hand below.

use galeon_indicators::{compute, Value};

const CODES: &str = "country_code,country_name,country_iso2,country_iso3\n\
    76,Brazil,BR,BRA\n156,China,CN,CHN\n604,Peru,PE,PER\n842,USA,US,USA\n";

/// Thousand USD. Brazil exports soy (120190), iron ore (260111) and transformers (850440) to
/// China, iron ore to the USA and live horses (010121, a heading with a leading zero) to Peru;
/// China exports transformers to Brazil and the USA; Peru copper ore (260300) to China; the USA
/// soy to Brazil.
const YEAR_2020: &str = "t,i,j,k,v,q\n\
    2020,76,156,120190,100,1\n\
    2020,76,156,260111,50,1\n\
    2020,76,156,850440,10,1\n\
    2020,76,842,260111,20,1\n\
    2020,76,604,10121,15,1\n\
    2020,156,76,850440,30,1\n\
    2020,156,842,850440,200,1\n\
    2020,604,156,260300,80,1\n\
    2020,842,76,120190,5,1\n";

fn panel(ids: &[&str]) -> Vec<Value> {
    let sources = tempfile::tempdir().unwrap();
    let baci = sources.path().join("trade/cepii-baci");
    std::fs::create_dir_all(&baci).unwrap();
    std::fs::write(baci.join("country_codes_V202501.csv"), CODES).unwrap();
    std::fs::write(baci.join("BACI_HS92_Y2020_V202501.csv"), YEAR_2020).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let options = galeon_store::BuildOptions {
        sources: sources.path().to_path_buf(),
        store: store.clone(),
        progress: false,
        force: false,
    };
    galeon_store::build(&options).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(compute(&store, ids)).unwrap().values
}

#[test]
fn grubel_lloyd_at_hs6_with_china_by_hand() {
    let values = panel(&["grubel_lloyd_hs6_with_china_baci"]);
    let get = |c: &str| values.iter().find(|v| v.country == c).map(|v| v.value);
    // Brazil–China, by product (x exports to China, m China's exports to Brazil):
    // 120190 x 100 m 0 → x+m−|x−m| = 0; 260111 x 50 m 0 → 0; 850440 x 10 m 30 → 40 − 20 = 20.
    // GL = 20 / (100 + 50 + 40) = 20 / 190.
    let brazil = get("BRA").unwrap();
    assert!((brazil - 20.0 / 190.0).abs() < 1e-12, "{brazil}");
    // Peru–China: copper ore one way only → 0.
    assert_eq!(get("PER"), Some(0.0));
    // Only LAC states, and only with China: not the USA, not China itself.
    assert_eq!(values.len(), 2, "{values:?}");
    assert!(values
        .iter()
        .all(|v| v.partner.as_deref() == Some("CHN") && v.year == 2020));
}

#[test]
fn rca_at_hs4_over_every_exporter_by_hand() {
    let values = panel(&["rca_hs4_baci"]);
    let get = |c: &str, hs4: &str| {
        (values.iter())
            .find(|v| v.country == c && v.dimension.as_deref() == Some(hs4))
            .map(|v| v.value)
    };
    // Exports by HS4 (thousand USD): Brazil 0101 15, 1201 100, 2601 50 + 20 = 70, 8504 10
    // (total 195); Peru 2603 80; China 8504 230; USA 1201 5. World: 0101 15, 1201 105, 2601 70,
    // 2603 80, 8504 240; total 510.
    let cases = [
        ("BRA", "0101", (15.0 / 195.0) / (15.0 / 510.0)),
        ("BRA", "1201", (100.0 / 195.0) / (105.0 / 510.0)),
        ("BRA", "2601", (70.0 / 195.0) / (70.0 / 510.0)),
        ("BRA", "8504", (10.0 / 195.0) / (240.0 / 510.0)),
        ("PER", "2603", (80.0 / 80.0) / (80.0 / 510.0)),
    ];
    for (country, hs4, want) in cases {
        let got = get(country, hs4).unwrap_or_else(|| panic!("{country} {hs4}"));
        assert!(
            (got - want).abs() < 1e-12,
            "{country} {hs4}: {got} vs {want}"
        );
    }
    // LAC states only (China and the USA count in the world, not in the panel), and headings a
    // state does not export have no value: five values in all.
    assert_eq!(values.len(), 5, "{values:?}");
    assert_eq!(get("BRA", "2603"), None);
}
