//! CEPII BACI on fixtures in the published layout: `BACI_HS92_Y{year}_V{release}.csv` with
//! columns t,i,j,k,v,q (v in thousand USD), and `country_codes_V{release}.csv` to read i and j.

mod common;

use common::{put, read};

const CODES: &str = "country_code,country_name,country_iso2,country_iso3\n76,Brazil,BR,BRA\n156,China,CN,CHN\n999,Nowhere,,\n";

/// A folder with BACI's country codes of `release`, and the BACI folder's path in it.
fn with_codes(release: &str) -> (tempfile::TempDir, &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let baci = "trade/cepii-baci";
    put(
        dir.path(),
        &format!("{baci}/country_codes_V{release}.csv"),
        CODES,
    );
    (dir, baci)
}

#[test]
fn baci_rows_resolve_codes_scale_values_and_name_the_release_in_the_file_name() {
    let (dir, baci) = with_codes("202501");
    put(
        dir.path(),
        &format!("{baci}/BACI_HS92_Y2020_V202501.csv"),
        "t,i,j,k,v,q\n2020,76,156,120190,1234.567,10\n2020,76,777,10121,1.5,\n2020,156,76,854231,x,1\n2020,76,156,1234567,1,1\n",
    );
    let (c, files) = read(dir.path(), "cepii-baci");
    c.assert_balanced();
    let rows = common::products(&c);
    // Hand-computed: 1234.567 thousand USD = 1,234,567 USD; HS codes padded to six digits.
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0].reporter.as_str(), rows[0].partner.as_str()),
        ("BRA", "CHN")
    );
    assert_eq!(rows[0].product, "120190");
    assert_eq!(rows[0].value_usd, 1_234_567.0);
    assert_eq!(rows[0].nomenclature, "HS92");
    // The unresolvable partner code, the value that is not a number and the product code longer
    // than six digits are rejected, by line and column.
    let lines: Vec<(u64, &str)> = (c.rejects.iter())
        .map(|(_, r)| (r.row, r.column.as_str()))
        .collect();
    assert_eq!(lines, vec![(3, "j"), (4, "t/v"), (5, "k")]);
    // The release comes from the file name.
    assert!(
        files.read.iter().all(|f| f.release == "BACI V202501"),
        "{:?}",
        files.read
    );
    assert!(c.batches.iter().all(|(p, _)| &*p.release == "BACI V202501"));
}

#[test]
fn a_newer_baci_release_dropped_in_is_stored_under_its_own_label() {
    // A renamed copy of the same file carrying another release marker: the provenance follows
    // the file, not the code.
    let (dir, baci) = with_codes("202601");
    put(
        dir.path(),
        &format!("{baci}/BACI_HS92_Y2020_V202601.csv"),
        "t,i,j,k,v,q\n2020,76,156,120190,1,1\n",
    );
    let (c, _) = read(dir.path(), "cepii-baci");
    assert_eq!(c.stored(), 1);
    assert!(c.batches.iter().all(|(p, _)| &*p.release == "BACI V202601"));
}

#[test]
fn two_baci_releases_in_one_folder_are_refused_and_an_empty_folder_reads_nothing() {
    // Not unzipped yet: no year file, no error; the survey lists what is missing.
    let (dir, baci) = with_codes("202501");
    let (c, files) = read(dir.path(), "cepii-baci");
    assert_eq!(c.stored(), 0);
    assert!(
        files.missing.contains(&"BACI_*.csv".to_string()),
        "{:?}",
        files.missing
    );
    // Two releases side by side would store every year twice.
    put(
        dir.path(),
        &format!("{baci}/country_codes_V202601.csv"),
        CODES,
    );
    put(
        dir.path(),
        &format!("{baci}/BACI_HS92_Y2020_V202601.csv"),
        "t,i,j,k,v,q\n2020,76,156,120190,1,1\n",
    );
    let mut sink = common::Collected::default();
    let err =
        galeon_sources::survey::read_dataset(dir.path(), "cepii-baci", &mut sink).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("several BACI releases"), "{message}");
    assert!(
        message.contains("country_codes_V202501.csv")
            && message.contains("country_codes_V202601.csv"),
        "{message}"
    );
}

#[test]
fn two_hs_revisions_of_one_release_are_refused() {
    // HS92 and HS17 files share the release's country codes: together, each year would be
    // stored twice, in two nomenclatures.
    let (dir, baci) = with_codes("202501");
    for revision in ["HS92", "HS17"] {
        put(
            dir.path(),
            &format!("{baci}/BACI_{revision}_Y2020_V202501.csv"),
            "t,i,j,k,v,q\n2020,76,156,120190,1,1\n",
        );
    }
    let mut sink = common::Collected::default();
    let err =
        galeon_sources::survey::read_dataset(dir.path(), "cepii-baci", &mut sink).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("several HS revisions"), "{message}");
    assert!(message.contains("HS17, HS92"), "{message}");
    assert_eq!(sink.stored(), 0);
}
