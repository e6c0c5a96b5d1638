//! The store's datasets: what was read, from which release, and how many rows.

use galeon_store::Manifest;

use crate::{Answer, Cell, Table};

/// One row per dataset of the store: status, releases, files, rows read = stored + rejected,
/// and the tables it fills.
pub fn store_datasets(manifest: &Manifest) -> Answer {
    let mut t = Table::new(
        "sources",
        &[
            "id",
            "title",
            "publisher",
            "licence",
            "status",
            "releases",
            "files",
            "rows_read",
            "rows_stored",
            "rows_rejected",
            "tables",
        ],
    );
    for d in &manifest.datasets {
        let (read, stored, rejected) = d.totals();
        let tables: Vec<String> = d.tables.iter().map(|(t, n)| format!("{t} {n}")).collect();
        t.push(vec![
            d.id.as_str().into(),
            d.title.as_str().into(),
            d.publisher.as_str().into(),
            d.licence.as_str().into(),
            d.status.to_string().into(),
            d.releases().into(),
            d.files.len().into(),
            Cell::Int(read as i64),
            Cell::Int(stored as i64),
            Cell::Int(rejected as i64),
            tables.join(", ").into(),
        ]);
    }
    t.sources = vec![format!(
        "store manifest, built {} from {}",
        manifest.built_at, manifest.sources
    )];
    t.store_built_at = Some(manifest.built_at.clone());
    Ok(t)
}
