//! GACC via The Guardian on fixtures in the published layout:
//! `china_imports_top5_hs2_by_partner_2014.csv` (iso3, country, rank, hs2, hs2_desc with quoted
//! commas, value_usd in USD written "123.0", rollup, shortdesc) is read; the totals file
//! `china_imports_total_by_partner_2014.csv` is surveyed but stores nothing.

mod common;

use common::{put, read};
use galeon_sources::canonical::Flow;

const FOLDER: &str = "trade/guardian-china-imports-2014";

fn fixture(root: &std::path::Path) {
    put(
        root,
        &format!("{FOLDER}/china_imports_top5_hs2_by_partner_2014.csv"),
        concat!(
            "iso3,country,rank,hs2,hs2_desc,value_usd,rollup,shortdesc\n",
            // line 2
            "BRA,Brazil,1,12,\"Oil seeds, oleaginous fruits\",2500000.0,Food and agriculture,Soy\n",
            // line 3: chapter written with one digit: padded to two.
            "BRA,Brazil,2,2,Meat and edible meat offal,1000.5,Food and agriculture,Meat\n",
            // line 4: lower-case code
            "per,Peru,1,26,\"Ores, slag and ash\",300.0,Primary materials,Ores\n",
            // line 5: unknown code
            "QQQ,Atlantis,1,26,\"Ores, slag and ash\",10.0,Primary materials,Ores\n",
            // line 6: not a number
            "CHL,Chile,1,74,Copper and articles thereof,n/a,Primary materials,Copper\n",
        ),
    );
    put(
        root,
        &format!("{FOLDER}/china_imports_total_by_partner_2014.csv"),
        "iso3,country,continent,china_imports_from_country_usd,gdp_usd,share_of_gdp\nBRA,Brazil,South America,9000.0,100000.0,0.09\n",
    );
    put(root, &format!("{FOLDER}/SOURCE.md"), "# source\n");
}

#[test]
fn china_imports_2014_by_partner_and_chapter() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (c, files) = read(dir.path(), "guardian-china-imports-2014");
    c.assert_balanced();
    let rows = common::products(&c);
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.reporter.as_str(),
                r.partner.as_str(),
                r.product.as_str(),
                r.value_usd,
            )
        })
        .collect();
    // value_usd is already in USD: 2500000.0 → 2,500,000 USD.
    assert_eq!(
        got,
        vec![
            ("CHN", "BRA", "12", 2_500_000.0),
            ("CHN", "BRA", "02", 1000.5),
            ("CHN", "PER", "26", 300.0),
        ]
    );
    assert!(rows.iter().all(|r| r.flow == Flow::Import
        && r.year == 2014
        && r.nomenclature == "HS"
        && r.level == 2
        && r.quantity.is_none()));
    let rejects: Vec<_> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(rejects, vec![(5, "iso3", "QQQ"), (6, "value_usd", "n/a")]);
    // Only the top-5 file's 5 lines are read; the totals file is listed as read but gives none.
    assert_eq!(c.read_total(), 5);
    assert!(c.batches.iter().all(|(p, _)| p
        .file
        .ends_with("china_imports_top5_hs2_by_partner_2014.csv")));
    assert_eq!(files.read.len(), 2);
}

#[test]
fn guardian_states_no_release_unless_release_toml_does() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (_, files) = read(dir.path(), "guardian-china-imports-2014");
    for f in &files.read {
        let bytes = std::fs::read(&f.path).unwrap();
        let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
        assert_eq!(
            f.release,
            format!("unknown release (sha256 {})", &sha[..12])
        );
    }
    put(
        dir.path(),
        &format!("{FOLDER}/release.toml"),
        "release = \"X\"\n",
    );
    let (c, files) = read(dir.path(), "guardian-china-imports-2014");
    assert!(files
        .read
        .iter()
        .all(|f| f.release == "X (stated in release.toml)"));
    assert!(!c.batches.is_empty());
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "X (stated in release.toml)"));
}
