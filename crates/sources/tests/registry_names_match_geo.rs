//! Checks the registry's Spanish, Portuguese and Chinese names for the 33 LAC states and China
//! against i18n-iso-countries in the sources (`geo/i18n-iso-countries/{es,pt,zh}.json`), and its
//! M49 regions against the ISO 3166 table in `reference/iso3166_lukes/all.csv`.

use galeon_registry::{Lang, Registry};

fn names(dir: &std::path::Path, lang: &str) -> serde_json::Value {
    let text =
        std::fs::read_to_string(dir.join(format!("geo/i18n-iso-countries/{lang}.json"))).unwrap();
    serde_json::from_str::<serde_json::Value>(&text).unwrap()["countries"].clone()
}

#[test]
fn lac_and_china_names_agree_with_i18n_iso_countries() {
    let Some(dir) = galeon_testkit::shared_data() else {
        return;
    };
    let registry = Registry::global();
    let mut differences = Vec::new();
    for (lang, tag) in [(Lang::Es, "es"), (Lang::Pt, "pt"), (Lang::Zh, "zh")] {
        let table = names(&dir, tag);
        for entity in registry
            .entities()
            .iter()
            .filter(|e| e.lac || e.iso3.as_str() == "CHN")
        {
            let iso2 = entity.iso2.as_deref().unwrap();
            let theirs: Vec<String> = match &table[iso2] {
                serde_json::Value::String(s) => vec![s.clone()],
                serde_json::Value::Array(a) => a
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                _ => vec![],
            };
            if !theirs.iter().any(|t| t == entity.name(lang)) {
                differences.push(format!(
                    "{} {tag}: galeon {:?}, i18n-iso-countries {:?}",
                    entity.iso3,
                    entity.name(lang),
                    theirs
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} names differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn m49_regions_agree_with_the_iso_table() {
    let Some(dir) = galeon_testkit::shared_data() else {
        return;
    };
    let registry = Registry::global();
    let mut reader = csv::Reader::from_path(dir.join("reference/iso3166_lukes/all.csv")).unwrap();
    let mut differences = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        let (iso3, region, subregion, intermediate) = (&row[2], &row[5], &row[6], &row[7]);
        let Some(entity) = registry.entities().iter().find(|e| e.iso3.as_str() == iso3) else {
            differences.push(format!("{iso3} missing from the registry"));
            continue;
        };
        let ours = (
            &entity.m49.region[..],
            &entity.m49.subregion[..],
            &entity.m49.intermediate[..],
        );
        // The UN lists no region for Taiwan; galeon places it in Eastern Asia.
        if ours != (region, subregion, intermediate) && iso3 != "TWN" {
            differences.push(format!(
                "{iso3}: galeon {ours:?}, ISO table {:?}",
                (region, subregion, intermediate)
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "{} differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
