//! The fetch declarations: every pinned list parses, names files its dataset declares, and (with
//! the shared data) lists each file with the size and SHA-256 of the copy the panel is built from,
//! computed here independently.

mod common;

use std::collections::BTreeSet;

use galeon_sources::obtain::{pinned_files, Obtain};
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
        if let Obtain::Dataverse { files, .. } = d.obtain {
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
    assert_eq!(
        saved, 27,
        "the Atlas's country totals and ICEWS's 26 yearly event files"
    );
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
