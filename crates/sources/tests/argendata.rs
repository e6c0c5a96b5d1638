//! Fundar / Argendata on fixtures in the published layout: four quoted CSVs (UTF-8, Spanish
//! partner names with accents), exports keyed by `importer_iso3` with `expo`, imports by
//! `exporter_iso3` with `impo`, both in thousand USD; the Lall files class by
//! `clasificacion_lall`, the other two by `tipo_bien`. The import Lall file has its own column
//! order (value before the name).

mod common;

use common::{put, read};
use galeon_sources::canonical::Flow;

const FOLDER: &str = "trade/argendata-argentina-lall";

fn fixture(root: &std::path::Path) {
    put(
        root,
        &format!("{FOLDER}/argentina_exports_by_lall_class_and_destination.csv"),
        concat!(
            "\"anio\",\"importer_iso3\",\"geonombreFundar\",\"clasificacion_lall\",\"expo\",\"prop\"\n",
            // line 2
            "\"2010\",\"CHN\",\"China\",\"Productos primarios\",\"1234.5\",\"80\"\n",
            // line 3: a code the registry does not know
            "\"2010\",\"QQQ\",\"Atlántida\",\"Productos primarios\",\"10\",\"100\"\n",
            // line 4: value not a number
            "\"2010\",\"BRA\",\"Brasil\",\"Manufacturas de alta tecnología\",\"n/d\",\"5\"\n",
        ),
    );
    put(
        root,
        &format!("{FOLDER}/argentina_exports_by_primary_manuf_and_destination.csv"),
        concat!(
            "\"anio\",\"importer_iso3\",\"geonombreFundar\",\"tipo_bien\",\"expo\",\"prop\"\n",
            "\"2011\",\"CHL\",\"Chile\",\"Manufacturas\",\"0.25\",\"0.1\"\n",
        ),
    );
    put(
        root,
        &format!("{FOLDER}/argentina_imports_by_lall_class_and_origin.csv"),
        concat!(
            "\"anio\",\"exporter_iso3\",\"clasificacion_lall\",\"impo\",\"geonombreFundar\",\"prop\"\n",
            "\"2012\",\"CHN\",\"Manufacturas de media o alta tecnología\",\"2000\",\"China\",\"60\"\n",
            // line 3: year not a number
            "\"20x2\",\"CHN\",\"Manufacturas de baja tecnología\",\"5\",\"China\",\"40\"\n",
        ),
    );
    put(
        root,
        &format!("{FOLDER}/argentina_imports_by_type_and_origin.csv"),
        concat!(
            "\"anio\",\"exporter_iso3\",\"geonombreFundar\",\"tipo_bien\",\"impo\",\"prop\"\n",
            "\"2013\",\"DEU\",\"Alemania\",\"Primarios\",\"7.0016\",\"0.2\"\n",
        ),
    );
    put(root, &format!("{FOLDER}/SOURCE.md"), "# source\n");
}

#[test]
fn argentina_trade_by_class_converts_thousands_and_sets_flow_by_file() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (c, _) = read(dir.path(), "argendata-argentina-lall");
    c.assert_balanced();
    let rows = common::products(&c);
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.reporter.as_str(),
                r.partner.as_str(),
                r.flow,
                r.year,
                r.product.as_str(),
                r.nomenclature,
                r.value_usd,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // 1234.5 thousand USD = 1,234,500 USD.
            (
                "ARG",
                "CHN",
                Flow::Export,
                2010,
                "Productos primarios",
                "LALL",
                1_234_500.0
            ),
            // 0.25 thousand USD = 250 USD.
            (
                "ARG",
                "CHL",
                Flow::Export,
                2011,
                "Manufacturas",
                "PRIMARY-MANUF",
                250.0
            ),
            // 2000 thousand USD = 2,000,000 USD (impo sits before geonombreFundar here).
            (
                "ARG",
                "CHN",
                Flow::Import,
                2012,
                "Manufacturas de media o alta tecnología",
                "LALL",
                2_000_000.0
            ),
            // 7.0016 thousand USD = 7,001.6 USD, rounded to the dollar: 7,002 USD.
            (
                "ARG",
                "DEU",
                Flow::Import,
                2013,
                "Primarios",
                "IMPORT-TYPE",
                7002.0
            ),
        ]
    );
    assert!(rows.iter().all(|r| r.level == 0 && r.quantity.is_none()));
    let rejects: Vec<_> = c
        .rejects
        .iter()
        .map(|(p, r)| {
            (
                p.file.rsplit('/').next().unwrap(),
                r.row,
                r.column.as_str(),
                r.value.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rejects,
        vec![
            (
                "argentina_exports_by_lall_class_and_destination.csv",
                3,
                "importer_iso3",
                "QQQ"
            ),
            (
                "argentina_exports_by_lall_class_and_destination.csv",
                4,
                "expo",
                "n/d"
            ),
            // A bad year is reported under the year column, with the year as written.
            (
                "argentina_imports_by_lall_class_and_origin.csv",
                3,
                "anio",
                "20x2"
            ),
        ]
    );
    // 3 + 1 + 2 + 1 lines read = 4 stored + 3 rejected.
    assert_eq!(c.read_total(), 7);
}

#[test]
fn argendata_states_no_release_unless_release_toml_does() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (c, files) = read(dir.path(), "argendata-argentina-lall");
    assert_eq!(files.read.len(), 4);
    for f in &files.read {
        let bytes = std::fs::read(&f.path).unwrap();
        let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
        assert_eq!(
            f.release,
            format!("unknown release (sha256 {})", &sha[..12])
        );
    }
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| p.release.starts_with("unknown release (sha256 ")));
    put(
        dir.path(),
        &format!("{FOLDER}/release.toml"),
        "release = \"X\"\n",
    );
    let (c, files) = read(dir.path(), "argendata-argentina-lall");
    assert!(files
        .read
        .iter()
        .all(|f| f.release == "X (stated in release.toml)"));
    assert_eq!(c.batches.len(), 4);
    assert!(c
        .batches
        .iter()
        .all(|(p, _)| &*p.release == "X (stated in release.toml)"));
}
