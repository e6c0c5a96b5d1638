//! Derived tables (the indicator panel) are fresh or stale by what the manifest records — the
//! fingerprint of the store's source files, its readers and the computing code — never by a file's
//! modification time.

use std::path::Path;

use galeon_store::{fingerprint, read_derived, read_manifest, write_derived, Column, DerivedError};

/// A store with one dataset of one file, as a build records it (only the manifest matters here).
fn store(dir: &Path, sha256: &str) -> std::path::PathBuf {
    let store = dir.join("store");
    std::fs::create_dir_all(&store).unwrap();
    let manifest = serde_json::json!({
        "galeon_version": "0.1.0",
        "readers": "readers-1",
        "built_at": "2026-12-01T00:00:00Z",
        "sources": "sources",
        "datasets": [{
            "id": "imf-dots", "title": "t", "publisher": "p", "licence": "l", "status": "built",
            "files": [{"path": "trade/imf-dots/a.xlsx", "size": 1, "sha256": sha256, "release": "r",
                       "rows_read": 1, "rows_stored": 1, "rows_rejected": 0}],
            "tables": {"trade_flows": 1}
        }],
        "tables": {"trade_flows": 1}
    });
    std::fs::write(store.join("manifest.json"), manifest.to_string()).unwrap();
    store
}

fn columns() -> Vec<(String, Column)> {
    vec![
        (
            "country".into(),
            Column::Text(vec![Some("BRA".into()), Some("PER".into())]),
        ),
        ("value".into(), Column::Float(vec![Some(1.5), None])),
    ]
}

fn read(store: &Path, code: &str) -> Option<galeon_store::Rows> {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime
        .block_on(read_derived(store, "panel", code))
        .unwrap()
}

#[test]
fn a_derived_table_is_read_back_while_its_inputs_and_code_are_those_it_was_computed_from() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path(), "aaa");
    assert!(read(&store, "code-1").is_none(), "nothing written yet");
    // The fingerprint of the store as the table's computation found it.
    let inputs = fingerprint(&read_manifest(&store).unwrap(), "code-1");
    let path = write_derived(
        &store,
        "panel",
        "derived/panel.parquet",
        "code-1",
        &inputs,
        columns(),
    )
    .unwrap();
    let entry = read_manifest(&store).unwrap().derived["panel"].clone();
    assert_eq!(
        (entry.file.as_str(), entry.rows),
        ("derived/panel.parquet", 2)
    );
    let rows = read(&store, "code-1").expect("fresh");
    assert_eq!(
        rows.text(0),
        vec![Some("BRA".to_string()), Some("PER".to_string())]
    );
    assert_eq!(rows.float(1), vec![Some(1.5), None]);

    // Touching the file, or the manifest, changes nothing: times are not evidence.
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::UNIX_EPOCH)
        .unwrap();
    let manifest = std::fs::File::options()
        .write(true)
        .open(store.join("manifest.json"))
        .unwrap();
    manifest
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(3600))
        .unwrap();
    assert!(
        read(&store, "code-1").is_some(),
        "an old file time does not make it stale"
    );

    // Other code: stale. Another source file (a rebuild from a new release): stale.
    assert!(read(&store, "code-2").is_none());
    let text = std::fs::read_to_string(store.join("manifest.json")).unwrap();
    std::fs::write(
        store.join("manifest.json"),
        text.replace("\"aaa\"", "\"bbb\""),
    )
    .unwrap();
    assert!(read(&store, "code-1").is_none(), "new inputs make it stale");

    // A table computed from the store as it was before is not recorded for the store as it is.
    let stale = write_derived(
        &store,
        "panel",
        "derived/panel.parquet",
        "code-1",
        &inputs,
        columns(),
    );
    assert!(matches!(stale, Err(DerivedError::Changed(_))), "{stale:?}");
}
