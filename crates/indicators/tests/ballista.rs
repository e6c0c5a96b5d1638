//! The whole indicator panel computed on an Apache Ballista cluster — a scheduler and two
//! executors started in this process, reached over gRPC like a remote cluster — equals the panel
//! of the embedded engine, value by value. Built from the real sources in `../shared/data`.
//!
//! Only with `--features ballista` (the test is declared with `required-features`).

use std::collections::BTreeMap;
use std::path::Path;

use galeon_indicators::{compute, Value};
use galeon_store::Engine;

/// Values differ between the engines only by the order floating-point sums are added in
/// (partitions end on different rows), so by a few units in the last place.
const RELATIVE_TOLERANCE: f64 = 1e-9;

type Key = (&'static str, String, Option<String>, Option<String>, i32);

fn keyed(values: Vec<Value>) -> BTreeMap<Key, Value> {
    let mut out = BTreeMap::new();
    for v in values {
        let key = (
            v.indicator,
            v.country.clone(),
            v.partner.clone(),
            v.dimension.clone(),
            v.year,
        );
        assert!(
            out.insert(key.clone(), v).is_none(),
            "two values for {key:?}"
        );
    }
    out
}

fn same(a: &Value, b: &Value) -> bool {
    let close = a.value == b.value
        || (a.value - b.value).abs() <= RELATIVE_TOLERANCE * a.value.abs().max(b.value.abs());
    close
        && a.unit == b.unit
        && a.source == b.source
        && a.provenance == b.provenance
        && a.series_break == b.series_break
}

#[test]
fn the_panel_on_a_ballista_cluster_equals_the_embedded_engines() {
    let Some(sources) = galeon_testkit::shared_data() else {
        return; // said on standard error by shared_data; CI always has the sources
    };
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let options = galeon_store::BuildOptions {
        sources,
        store: store.clone(),
        progress: false,
        force: false,
    };
    galeon_store::build(&options).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // The engine is the process's: this one test sets it, in turn, to each engine.
    let local = panel(&runtime, &store, Engine::Local);
    let cluster = (runtime.block_on(galeon_store::cluster::start_in_process(2, 2))).unwrap();
    let distributed = panel(&runtime, &store, cluster.clone());
    let sql = "SELECT source, count(*) AS n, sum(value_usd) AS total FROM trade_flows GROUP BY source ORDER BY source";
    let on_cluster = rows(&runtime, &store, sql);
    let refused = runtime.block_on(galeon_store::query(
        &store,
        "CREATE TABLE x AS SELECT 1",
        galeon_store::QueryLimits::default(),
    ));
    galeon_store::set_engine(Engine::Local);
    let here = rows(&runtime, &store, sql);

    same_panels(keyed(local), keyed(distributed));
    // `galeon sql`'s path: the same statement gives the same rows; a write is still refused.
    same_rows(&on_cluster, &here);
    assert!(
        matches!(refused, Err(galeon_store::QueryError::NotReadOnly(_))),
        "{refused:?}"
    );
}

/// The same keys on both sides, and the same value, unit, source and provenance for each.
fn same_panels(local: BTreeMap<Key, Value>, distributed: BTreeMap<Key, Value>) {
    let missing: Vec<&Key> = local
        .keys()
        .filter(|k| !distributed.contains_key(*k))
        .collect();
    let extra: Vec<&Key> = distributed
        .keys()
        .filter(|k| !local.contains_key(*k))
        .collect();
    let differing: Vec<(&Value, &Value)> = (local.iter())
        .filter_map(|(k, a)| distributed.get(k).map(|b| (a, b)))
        .filter(|(a, b)| !same(a, b))
        .collect();
    println!(
        "{} values on each engine; {} only local, {} only on the cluster, {} differing",
        local.len(),
        missing.len(),
        extra.len(),
        differing.len()
    );
    assert!(
        missing.is_empty(),
        "missing on the cluster: {:?}",
        &missing[..missing.len().min(5)]
    );
    assert!(
        extra.is_empty(),
        "only on the cluster: {:?}",
        &extra[..extra.len().min(5)]
    );
    assert!(
        differing.is_empty(),
        "differing: {:?}",
        &differing[..differing.len().min(5)]
    );
    // The comparison covers the panel, not a corner of it: at least 50 of the 57 indicators have
    // values from the real folder (those of BACI and of the raw GDELT and ICEWS event files need
    // files it does not hold).
    let indicators: std::collections::BTreeSet<&str> = local.keys().map(|k| k.0).collect();
    assert!(
        indicators.len() >= 50,
        "only {} indicators",
        indicators.len()
    );
}

fn same_rows(on_cluster: &[(String, i32, f64)], here: &[(String, i32, f64)]) {
    assert_eq!(on_cluster.len(), here.len());
    for (a, b) in on_cluster.iter().zip(here) {
        assert_eq!((&a.0, a.1), (&b.0, b.1));
        assert!(
            (a.2 - b.2).abs() <= RELATIVE_TOLERANCE * a.2.abs(),
            "{a:?} {b:?}"
        );
    }
    // Four sources feed trade_flows in the real folder; DOTS with its 2.6 million rows among them.
    assert!(
        here.iter().any(|r| r.0 == "imf-dots" && r.1 > 2_000_000),
        "{here:?}"
    );
}

/// (source, rows, total) of `sql` on the current engine.
fn rows(runtime: &tokio::runtime::Runtime, store: &Path, sql: &str) -> Vec<(String, i32, f64)> {
    let result = runtime
        .block_on(galeon_store::query(
            store,
            sql,
            galeon_store::QueryLimits::default(),
        ))
        .unwrap()
        .rows()
        .unwrap();
    let (source, n, total) = (result.text(0), result.int(1), result.float(2));
    (0..result.len())
        .map(|i| (source[i].clone().unwrap(), n[i].unwrap(), total[i].unwrap()))
        .collect()
}

fn panel(runtime: &tokio::runtime::Runtime, store: &Path, engine: Engine) -> Vec<Value> {
    galeon_store::set_engine(engine.clone());
    let started = std::time::Instant::now();
    let panel = runtime
        .block_on(compute(store, &[]))
        .unwrap_or_else(|e| panic!("the panel on {engine}: {e}"));
    println!(
        "{engine}: {} values in {:.1} s",
        panel.values.len(),
        started.elapsed().as_secs_f64()
    );
    panel.values
}
