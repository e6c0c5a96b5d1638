//! The fetch declarations: every pinned list parses, names files its dataset declares, and (with
//! the shared data) lists each file with the size and SHA-256 of the copy the panel is built from,
//! computed here independently.

mod common;

use std::collections::BTreeSet;

use galeon_sources::obtain::{pinned_files, Listed, Obtain};
use galeon_sources::DATASETS;
use sha2::Digest;

#[test]
fn every_pinned_list_parses_and_names_declared_files_once() {
    let mut pinned = 0;
    for d in DATASETS {
        let Obtain::Pinned { list, .. } = d.obtain else {
            continue;
        };
        let files = pinned_files(list).unwrap_or_else(|e| panic!("{}: {e}", d.id));
        assert!(!files.is_empty(), "{}: empty pinned list", d.id);
        let mut seen = BTreeSet::new();
        for f in &files {
            assert!(seen.insert(f.save_as), "{}: {} twice", d.id, f.save_as);
            assert!(
                d.files.iter().any(|spec| spec.matches(f.save_as)),
                "{}: {} is not a file the dataset declares",
                d.id,
                f.save_as
            );
        }
        pinned += files.len();
    }
    // 508 files of the shared data are unchanged copies of a file of a repository at a commit or
    // of a package at a version (counted by hand from the folders' SOURCE.md files); two of them,
    // the Atlas's table and its manifest, are no longer pinned: the table is fetched from Harvard
    // Dataverse, which has no such manifest.
    assert_eq!(pinned, 506);
}

#[test]
fn dataverse_files_are_saved_as_files_their_dataset_declares() {
    let mut saved = 0;
    for d in DATASETS {
        if let Obtain::Dataverse {
            files: Listed::Named(files),
            ..
        } = d.obtain
        {
            for (_, save_as) in files {
                assert!(
                    d.files.iter().any(|spec| spec.matches(save_as)),
                    "{}: {save_as}",
                    d.id
                );
                saved += 1;
            }
        }
    }
    assert_eq!(saved, 1, "the Atlas's country totals");
}

#[test]
fn icews_takes_every_yearly_events_file_of_its_dataverse_dataset_and_reads_each() {
    let icews = galeon_sources::dataset("icews-events").unwrap();
    let Obtain::Dataverse {
        files: files @ Listed::Matching(_),
        ..
    } = icews.obtain
    else {
        panic!("ICEWS's files are chosen by a pattern");
    };
    // Names as the 2020 version of doi:10.7910/DVN/28075 lists them (zipped, ingested, and the
    // capitalised 2017 file), a later year, and files that are not events.
    let listed: Vec<String> = [
        "events.1995.20150313082510.tab.zip",
        "events.2014.20160121105408.tab",
        "Events.2017.20201006.tab.zip",
        "events.2021.20230105.tab",
        "ICEWS Coded Event Data Read Me.pdf",
        "CAMEO.Manual.1.1b3.pdf",
        "events.2019.tab.zip.md5",
    ]
    .map(String::from)
    .to_vec();
    let chosen: Vec<String> = (files.select(&listed).unwrap().into_iter())
        .map(|(at, save_as)| {
            let name = listed[at].clone();
            assert_eq!(name, save_as, "saved under its own name");
            assert!(
                icews.files.iter().any(|spec| spec.matches(&save_as)),
                "{save_as} is a file the dataset reads"
            );
            name
        })
        .collect();
    assert_eq!(chosen, listed[..4]);
}

#[test]
fn pinned_files_match_the_shared_copies_byte_for_byte() {
    let Some(root) = galeon_testkit::shared_data() else {
        return; // said once by shared_data
    };
    for d in DATASETS {
        let Obtain::Pinned { list, .. } = d.obtain else {
            continue;
        };
        for f in pinned_files(list).unwrap() {
            let path = root.join(d.folder).join(f.save_as);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(bytes.len() as u64, f.bytes, "{}", path.display());
            let digest = format!("{:x}", sha2::Sha256::digest(&bytes));
            assert_eq!(digest, f.sha256, "{}", path.display());
        }
    }
}
