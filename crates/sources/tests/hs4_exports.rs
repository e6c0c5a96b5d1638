//! Exports by country and HS4, 2017 (Open Trade Statistics / CEPII BACI) on fixtures in the
//! published layout: `world_trade_2017_hs4_exports.csv` with columns reporter_iso (lower-case
//! ISO3), product_code (four digits, leading zero kept), export_value_usd (USD, "123.0", empty
//! where the R data held NaN); the `.rda` beside it is not read.

mod common;

use common::{put, read};
use galeon_sources::canonical::Flow;

const FOLDER: &str = "trade/hs4-exports-2017";

fn fixture(root: &std::path::Path) {
    put(
        root,
        &format!("{FOLDER}/world_trade_2017_hs4_exports.csv"),
        concat!(
            "reporter_iso,product_code,export_value_usd\n",
            // line 2: empty value: absent trade, neither read nor rejected.
            "bra,3912,\n",
            // line 3
            "bra,0101,387.0\n",
            // line 4: the code lost its leading zero: padded back to four digits.
            "chn,102,1500000.5\n",
            // line 5: unknown code
            "qqq,0201,10.0\n",
            // line 6
            "arg,1201,42.0\n",
        ),
    );
    put(
        root,
        &format!("{FOLDER}/world_trade_2017.rda"),
        b"RDX3\n\x00\x01",
    );
    put(root, &format!("{FOLDER}/SOURCE.md"), "# source\n");
}

#[test]
fn hs4_exports_to_the_world_skip_empty_values_and_pad_codes() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (c, files) = read(dir.path(), "hs4-exports-2017");
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
    // Values are USD as written: 387.0 → 387 USD.
    assert_eq!(
        got,
        vec![
            ("BRA", "WLD", "0101", 387.0),
            ("CHN", "WLD", "0102", 1_500_000.5),
            ("ARG", "WLD", "1201", 42.0),
        ]
    );
    assert!(rows.iter().all(|r| r.flow == Flow::Export
        && r.year == 2017
        && r.nomenclature == "HS"
        && r.level == 4
        && r.quantity.is_none()));
    let rejects: Vec<_> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.row, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(rejects, vec![(5, "reporter_iso", "qqq")]);
    // Lines with a value: 4 read (line 2 is empty) = 3 stored + 1 rejected.
    assert_eq!(c.read_total(), 4);
    // The file states no release: unknown, with its hash.
    assert_eq!(files.read.len(), 1);
    let f = &files.read[0];
    let sha = format!(
        "{:x}",
        <sha2::Sha256 as sha2::Digest>::digest(std::fs::read(&f.path).unwrap())
    );
    assert_eq!(
        f.release,
        format!("unknown release (sha256 {})", &sha[..12])
    );
    assert!(files
        .not_read
        .iter()
        .any(|n| n.path == format!("{FOLDER}/world_trade_2017.rda")
            && n.reason == "R binary; the CSV beside it holds the same data"));
}

#[test]
fn release_toml_states_the_release_of_the_hs4_table() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    put(
        dir.path(),
        &format!("{FOLDER}/release.toml"),
        "release = \"X\"\n",
    );
    let (c, files) = read(dir.path(), "hs4-exports-2017");
    assert_eq!(files.read[0].release, "X (stated in release.toml)");
    assert_eq!(c.stored(), 3);
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "X (stated in release.toml)"));
}
