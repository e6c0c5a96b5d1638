//! NC State LAS Confucius Institutes on fixtures in the published layout:
//! `confucius_institutes.csv` with columns id, confucius_institute, partner_uni, date_est
//! (M/D/YY, often empty), location_name, nearest_city, country (a name), status, ci_webpage,
//! sources, gl3_id, country_id; the guide and SOURCE.md beside it are documentation.

mod common;

use common::{put, read};
use galeon_sources::canonical::Batch;

const FOLDER: &str = "culture/confucius-institutes";
const HEADER: &str = "id,confucius_institute,partner_uni,date_est,location_name,nearest_city,country,status,ci_webpage,sources,gl3_id,country_id\n";

fn fixture(root: &std::path::Path) {
    let body = [
        // line 2: a full record, short US date.
        "1,Confucius Institute at Universidade Alfa,Beta University,2/26/06,Universidade Alfa,Porto Alegre,Brazil,Active,http://example.org/alfa,,11,1",
        // line 3: no founding date (as many records), quoted name with a comma.
        "2,\"Confucius Institute at Gamma, Delta University\",,,Gamma University,Lima,Peru,Closed,,,12,2",
        // line 4: an economy the registry does not know.
        "3,Confucius Institute at Sunken University,,3/1/10,Sunken University,Poseidonia,Atlantis,Active,,,13,3",
        // line 5: a four-digit year, padded spaces around the name and city.
        "4, Confucius Institute at Epsilon University ,,12/1/2015,Epsilon University, Santiago ,Chile,Active,,,14,4",
        // line 6: a date that is not M/D/YY (month 13): the row is kept, with no date.
        "5,Confucius Institute at Zeta University,,13/1/15,Zeta University,Quito,Ecuador,Active,,,15,5",
    ]
    .join("\n");
    put(
        root,
        &format!("{FOLDER}/confucius_institutes.csv"),
        format!("{HEADER}{body}\n"),
    );
    put(
        root,
        &format!("{FOLDER}/ConfuciusInstituteGuide.md"),
        "# guide\n",
    );
    put(root, &format!("{FOLDER}/SOURCE.md"), "# source\n");
}

#[test]
fn institutes_resolve_host_names_and_read_short_us_dates() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (c, files) = read(dir.path(), "confucius-institutes");
    c.assert_balanced();
    let rows = c.rows(|b| match b {
        Batch::Culture(r) => Some(r),
        _ => None,
    });
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.country.as_str(),
                r.kind,
                r.name.as_str(),
                r.city.as_str(),
                r.founded.as_deref(),
                r.year,
                r.status.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // 2/26/06 → 2006-02-26 (two-digit years are 20YY).
            (
                "BRA",
                "confucius_institute",
                "Confucius Institute at Universidade Alfa",
                "Porto Alegre",
                Some("2006-02-26"),
                Some(2006),
                "Active"
            ),
            // Empty date_est → no date, no year.
            (
                "PER",
                "confucius_institute",
                "Confucius Institute at Gamma, Delta University",
                "Lima",
                None,
                None,
                "Closed"
            ),
            // 12/1/2015 → 2015-12-01; name and city trimmed.
            (
                "CHL",
                "confucius_institute",
                "Confucius Institute at Epsilon University",
                "Santiago",
                Some("2015-12-01"),
                Some(2015),
                "Active"
            ),
            // 13/1/15 is no date: the institute is kept without one.
            (
                "ECU",
                "confucius_institute",
                "Confucius Institute at Zeta University",
                "Quito",
                None,
                None,
                "Active"
            ),
        ]
    );
    // Atlantis is rejected on line 4, column country; 5 lines read = 4 stored + 1 rejected.
    assert_eq!(c.rejects.len(), 1, "{:#?}", c.rejects);
    let r = &c.rejects[0].1;
    assert_eq!(
        (r.row, r.column.as_str(), r.value.as_str()),
        (4, "country", "Atlantis")
    );
    assert_eq!(c.read_total(), 5);
    // Only the CSV is read; the guide and SOURCE.md are documentation.
    assert_eq!(files.read.len(), 1);
    assert_eq!(
        files.read[0].relative,
        format!("{FOLDER}/confucius_institutes.csv")
    );
    let mut not_read: Vec<_> = files
        .not_read
        .iter()
        .map(|n| (n.path.as_str(), n.reason.as_str()))
        .collect();
    not_read.sort();
    assert_eq!(
        not_read,
        vec![
            (
                "culture/confucius-institutes/ConfuciusInstituteGuide.md",
                "documentation"
            ),
            ("culture/confucius-institutes/SOURCE.md", "documentation"),
        ]
    );
}

#[test]
fn the_compilation_states_no_release_so_the_label_is_unknown_with_the_hash() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (c, files) = read(dir.path(), "confucius-institutes");
    let f = &files.read[0];
    // The label carries the first 12 hex digits of the file's SHA-256, computed here afresh.
    let bytes = std::fs::read(dir.path().join(FOLDER).join("confucius_institutes.csv")).unwrap();
    let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
    assert_eq!(f.sha256, sha);
    let label = format!("unknown release (sha256 {})", &sha[..12]);
    assert_eq!(f.release, label);
    assert!(c.batches.iter().all(|(p, _)| *p.release == *label));
    assert!(c.rejects.iter().all(|(p, _)| *p.release == *label));
}

#[test]
fn release_toml_in_the_folder_states_the_release() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    put(
        dir.path(),
        &format!("{FOLDER}/release.toml"),
        "release = \"X\"\n",
    );
    let (c, files) = read(dir.path(), "confucius-institutes");
    assert_eq!(files.read.len(), 1);
    common::assert_release(&c, &files, "X (stated in release.toml)");
    assert!(files
        .not_read
        .iter()
        .any(|n| n.path == format!("{FOLDER}/release.toml")));
}
