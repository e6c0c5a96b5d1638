//! The survey of a sources folder: every file in exactly one list, symbolic links followed.

mod common;

use common::put;

#[test]
fn a_dataset_folder_linked_from_elsewhere_is_read() {
    // Users keep large datasets elsewhere and link them into the sources folder.
    let elsewhere = tempfile::tempdir().unwrap();
    put(
        elsewhere.path(),
        "country_codes_V202501.csv",
        "country_code,country_name,country_iso2,country_iso3\n76,Brazil,BR,BRA\n156,China,CN,CHN\n",
    );
    put(
        elsewhere.path(),
        "BACI_HS92_Y2020_V202501.csv",
        "t,i,j,k,v,q\n2020,76,156,120190,1,1\n",
    );
    let sources = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(sources.path().join("trade")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), sources.path().join("trade/cepii-baci")).unwrap();
    let survey = galeon_sources::survey(sources.path()).unwrap();
    let baci = survey
        .datasets
        .iter()
        .find(|d| d.dataset.id == "cepii-baci")
        .unwrap();
    let read: Vec<&str> = baci.read.iter().map(|f| f.relative.as_str()).collect();
    assert_eq!(
        read,
        vec![
            "trade/cepii-baci/BACI_HS92_Y2020_V202501.csv",
            "trade/cepii-baci/country_codes_V202501.csv"
        ]
    );
    // The declared product codes and Readme are missing from this folder, and said to be.
    assert_eq!(baci.missing, vec!["product_codes_*.csv", "Readme.txt"]);
    let (c, _) = common::read(sources.path(), "cepii-baci");
    assert_eq!(c.stored(), 1);
}
