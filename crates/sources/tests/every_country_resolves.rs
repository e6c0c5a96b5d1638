//! Walks every file of the real sources directory (`../shared/data` beside the repository, or
//! `GALEON_SOURCES`) and resolves every value that names an economy through the registry.
//! Fails listing every value that does not resolve, with the file, sheet, row and column
//! where it was first seen. Aggregates in the sources must resolve to aggregates.

use galeon_registry::{EntityKind, Registry};
use galeon_sources::{walk, IdKind};

/// Words that only group names carry ("World", "Areas, nes", "Euro Area", "IDA only"…):
/// a name with one of them must resolve to an aggregate.
fn looks_like_aggregate(value: &str) -> bool {
    const GROUP_WORDS: &[&str] = &[
        "world",
        "total",
        "areas",
        "area",
        "regional",
        "economies",
        "countries",
        "nes",
        "specified",
        "categories",
        "zones",
        "bunkers",
        "hemisphere",
        "income",
        "members",
        "ida",
        "ibrd",
        "dividend",
        "aggregate",
        "traders",
    ];
    galeon_registry::normalize(value)
        .split(' ')
        .any(|w| GROUP_WORDS.contains(&w))
}

#[test]
fn every_country_name_and_code_in_the_sources_resolves() {
    let Some(dir) = galeon_testkit::shared_data() else {
        return;
    };
    let registry = Registry::global();
    let walk = walk(&dir).expect("every source file is readable");
    assert!(walk.files_read > 400, "only {} files read", walk.files_read);
    assert!(
        walk.uncatalogued.is_empty(),
        "files no catalogue entry describes: {:#?}",
        walk.uncatalogued
    );
    assert!(
        walk.missing.is_empty(),
        "catalogued files not found: {:#?}",
        walk.missing
    );
    assert!(
        walk.missing_columns.is_empty(),
        "catalogued columns not found: {:#?}",
        walk.missing_columns
    );

    let mut failures = Vec::new();
    for ((kind, value), (location, count)) in &walk.mentions {
        let resolved = match kind.kind() {
            IdKind::Name => registry.resolve_name(value),
            IdKind::Code(scheme) | IdKind::CodeList(scheme) => registry.resolve_code(scheme, value),
        };
        match resolved {
            Err(e) => failures.push(format!("{e} — {count}× , first at {location}")),
            Ok(entity) => {
                if matches!(kind.kind(), IdKind::Name)
                    && looks_like_aggregate(value)
                    && entity.kind != EntityKind::Aggregate
                    && !AGGREGATE_LOOKALIKES.contains(&value.as_str())
                {
                    failures.push(format!(
                        "{value:?} looks like a group but resolves to {} ({}) — first at {location}",
                        entity.iso3, entity.kind
                    ));
                }
            }
        }
    }
    eprintln!(
        "{} distinct names and codes in {} files",
        walk.mentions.len(),
        walk.files_read
    );
    assert!(
        failures.is_empty(),
        "{} values do not resolve:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Names that contain a group-like word but are single economies.
/// "Other Asia, nes" is how UN Comtrade names Taiwan.
const AGGREGATE_LOOKALIKES: &[&str] = &["Other Asia, nes", "Palestinian Adm. Areas"];
