//! Computing indicators from a built store: SQL over the canonical tables with DataFusion, and
//! the formulas of [`crate::formulas`] where a definition needs more than SQL.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use galeon_store::{Column, Rows, Session};
use serde::Serialize;

use crate::catalogue::{mentions, Compute, Derived, Indicator, Shared, INDICATORS, SHARED};
use crate::formulas;
use crate::splice::{splice, Coverage, Overlap, Part};

/// One value of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    /// Indicator id.
    pub indicator: &'static str,
    /// The country (galeon code).
    pub country: String,
    /// The partner, for bilateral indicators.
    pub partner: Option<String>,
    /// A breakdown, where the indicator has one: product group, sector, lender, technology.
    pub dimension: Option<String>,
    /// Calendar year.
    pub year: i32,
    /// The value, in the indicator's unit.
    pub value: f64,
    /// The unit.
    pub unit: String,
    /// Canonical tables, source datasets and their releases.
    pub provenance: String,
    /// The datasets this value comes from (one step of the indicator's source precedence).
    pub source: String,
    /// The first value of its series after a change of source: the level may jump here for
    /// reasons of statistics, not of trade (see the indicator's splices).
    pub series_break: bool,
}

/// Why indicators could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum IndicatorError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] galeon_store::QueryError),
    /// A query, or the facts an indicator reads, failed.
    #[error("indicator {id}: {message}")]
    Query {
        /// Indicator id.
        id: &'static str,
        /// What the query engine or the fact files said.
        message: String,
    },
    /// An unknown indicator id.
    #[error("unknown indicator {0:?}: `galeon indicators list` shows the ids")]
    Unknown(String),
}

/// All values of the indicators computed, and how long each took.
#[derive(Debug, Default)]
pub struct Panel {
    /// The values.
    pub values: Vec<Value>,
    /// Time per indicator.
    pub timings: Vec<(&'static str, Duration)>,
    /// Tables prepared once for several indicators (trade_flows in memory, the shared tables),
    /// and the time each took.
    pub prepared: Vec<(&'static str, Duration)>,
    /// Where two sources of an indicator's precedence both have a value: the level difference
    /// at each splice.
    pub overlaps: Vec<Overlap>,
    /// The fingerprint of the store and code the values were computed from (empty without a
    /// manifest): the panel is recorded as current for exactly these inputs.
    pub inputs: String,
    /// Whether every indicator was computed (only a whole panel is written).
    pub whole: bool,
}

/// Computes the given indicators (all when `ids` is empty) from the store.
pub async fn compute(store: &Path, ids: &[&str]) -> Result<Panel, IndicatorError> {
    for id in ids {
        if crate::find(id).is_none() {
            return Err(IndicatorError::Unknown(id.to_string()));
        }
    }
    let selected: Vec<&'static Indicator> = INDICATORS
        .iter()
        .filter(|i| ids.is_empty() || ids.contains(&i.id))
        .collect();
    let mut panel = Panel {
        inputs: (galeon_store::read_manifest(store))
            .map(|m| galeon_store::fingerprint(&m, &panel_code()))
            .unwrap_or_default(),
        whole: ids.is_empty(),
        ..Panel::default()
    };
    let ctx = Session::open(store).await?;
    // How many of the selected indicators' queries read a table.
    let readers = |table: &str| -> usize {
        selected
            .iter()
            .map(|i| {
                statements(i)
                    .iter()
                    .filter(|sql| mentions(sql, table))
                    .count()
            })
            .sum()
    };
    let shared: Vec<&Shared> = SHARED.iter().filter(|s| readers(s.name) > 0).collect();
    // Decode trade_flows once into memory when several queries read it (a shared table built
    // from it counts once); a single query scans the Parquet files directly.
    let flow_readers = readers("trade_flows")
        + shared
            .iter()
            .filter(|s| mentions(&s.sql.text(), "trade_flows"))
            .count();
    if flow_readers >= 2 && ctx.has_table("trade_flows") {
        let started = Instant::now();
        // Only the columns indicator queries read: the per-row file and release strings of
        // 2.6 M rows would be decoded and copied for nothing.
        materialise(
            &ctx,
            "trade_flows",
            "SELECT reporter, partner, flow, year, value_usd, source FROM trade_flows",
            true,
        )
        .await?;
        panel.prepared.push(("trade_flows", started.elapsed()));
    }
    for table in shared {
        let started = Instant::now();
        materialise(
            &ctx,
            table.name,
            &table.sql.text(),
            readers(table.name) >= 2,
        )
        .await?;
        panel.prepared.push((table.name, started.elapsed()));
    }
    let releases = releases(store);
    let coverage = if selected.iter().any(|i| !i.fallback.is_empty()) {
        coverage(&ctx).await?
    } else {
        Coverage::new()
    };
    for indicator in selected {
        let started = Instant::now();
        let rows = match indicator.compute {
            Compute::Sql(sql) => run_sql(&ctx, indicator.id, &sql.text()).await?,
            Compute::Derived(kind) => derived(&ctx, indicator, kind).await?,
        };
        let provenance = provenance_of(indicator, &releases);
        let source = primary_source(indicator, &releases);
        let mut parts = vec![Part {
            dataset: crate::catalogue::primary_dataset(indicator).to_string(),
            source,
            rows,
        }];
        for fallback in indicator.fallback {
            parts.push(Part {
                source: fallback.datasets.join(" + "),
                dataset: fallback.datasets[0].to_string(),
                rows: run_sql(&ctx, indicator.id, &fallback.sql.text()).await?,
            });
        }
        let (values, overlaps) = splice(indicator, &provenance, parts, &coverage);
        panel.values.extend(values);
        panel.overlaps.extend(overlaps);
        panel.timings.push((indicator.id, started.elapsed()));
    }
    Ok(panel)
}

/// The last year each source reports trade between each country and partner
/// ([`crate::catalogue::COVERAGE`]).
async fn coverage(ctx: &Session) -> Result<Coverage, IndicatorError> {
    let mut out = Coverage::new();
    let b = rows(ctx, "coverage", &crate::catalogue::COVERAGE.text()).await?;
    let (source, country, partner, last) = (b.text(0), b.text(1), b.text(2), b.int(3));
    for i in 0..b.len() {
        if let (Some(s), Some(c), Some(p), Some(y)) =
            (&source[i], &country[i], &partner[i], last[i])
        {
            out.insert((s.clone(), c.clone(), p.clone()), y);
        }
    }
    Ok(out)
}

/// Registers `sql` as the table `name` for the session's later queries (in memory when `cache`).
async fn materialise(
    ctx: &Session,
    name: &'static str,
    sql: &str,
    cache: bool,
) -> Result<(), IndicatorError> {
    (ctx.materialise(name, sql, cache).await).map_err(|e| failed(name, e))
}

fn failed(id: &'static str, e: galeon_store::QueryError) -> IndicatorError {
    IndicatorError::Query {
        id,
        message: e.to_string(),
    }
}

/// The SQL statements an indicator runs over the store (for indicators computed in Rust, those
/// that read trade_flows or a shared table; the others read product tables once).
fn statements(indicator: &Indicator) -> Vec<Cow<'static, str>> {
    match indicator.compute {
        Compute::Sql(sql) => std::iter::once(sql)
            .chain(indicator.fallback.iter().map(|f| f.sql))
            .map(|sql| sql.text())
            .collect(),
        Compute::Derived(Derived::ChinaOvertookUs | Derived::ShareComovement) => {
            vec![sql_of("china_partner_share"), sql_of("us_partner_share")]
        }
        Compute::Derived(_) => Vec::new(),
    }
}

/// (dataset id, release) of every dataset the store was built from.
fn releases(store: &Path) -> Vec<(String, String)> {
    galeon_store::read_manifest(store)
        .map(|m| {
            m.datasets
                .into_iter()
                .filter_map(|d| {
                    // The releases whose rows are in the store (a span, for GDELT's thousands of
                    // 15-minute files); a dataset that stored nothing, by its first file's.
                    // Commas between one dataset's releases: semicolons separate datasets.
                    let stored = Some(d.releases_joined(", ")).filter(|r| !r.is_empty());
                    let first = || d.files.first().map(|f| f.release.clone());
                    stored.or_else(first).map(|r| (d.id.clone(), r))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The datasets of the indicator's first source that the store was built from, as values name
/// them (`imf-dots`); the indicator's sources as written when the store lists none of them.
fn primary_source(indicator: &Indicator, releases: &[(String, String)]) -> String {
    let used: Vec<&str> = releases
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| mentions(indicator.sources, id))
        .collect();
    if used.is_empty() {
        indicator.sources.to_string()
    } else {
        used.join(" + ")
    }
}

/// The indicator's sources, followed by the release of each dataset it names (the later sources
/// of its precedence included).
fn provenance_of(indicator: &Indicator, releases: &[(String, String)]) -> String {
    let used: Vec<String> = releases
        .iter()
        .filter(|(id, _)| {
            indicator.sources.contains(id.as_str())
                || indicator
                    .fallback
                    .iter()
                    .any(|f| f.datasets.contains(&id.as_str()))
        })
        .map(|(id, release)| format!("{id} {release}"))
        .collect();
    if used.is_empty() {
        indicator.sources.to_string()
    } else {
        format!("{} — releases: {}", indicator.sources, used.join("; "))
    }
}

/// country, partner, year, value, dimension.
pub(crate) type Row = (String, Option<String>, i32, f64, Option<String>);

async fn rows(ctx: &Session, id: &'static str, sql: &str) -> Result<Rows, IndicatorError> {
    ctx.rows(sql).await.map_err(|e| failed(id, e))
}

/// Runs a query whose columns are `country, partner, year, value`.
async fn run_sql(ctx: &Session, id: &'static str, sql: &str) -> Result<Vec<Row>, IndicatorError> {
    let batch = rows(ctx, id, sql).await?;
    let (c, p, y, v) = (batch.text(0), batch.text(1), batch.int(2), batch.float(3));
    let d = (batch.names().len() > 4).then(|| batch.text(4));
    let mut out = Vec::new();
    for i in 0..batch.len() {
        if let (Some(country), Some(year), Some(value)) = (c[i].clone(), y[i], v[i]) {
            if value.is_finite() {
                let dimension = d.as_ref().and_then(|d| d[i].clone());
                out.push((country, p[i].clone(), year, value, dimension));
            }
        }
    }
    Ok(out)
}

/// Rows of (text, text, int, text, float) from a query: the shape the derived indicators read.
async fn product_rows(
    ctx: &Session,
    id: &'static str,
    sql: &str,
) -> Result<Vec<(String, String, i32, String, f64)>, IndicatorError> {
    let batch = rows(ctx, id, sql).await?;
    let (a, b, y) = (batch.text(0), batch.text(1), batch.int(2));
    let (p, v) = (batch.text(3), batch.float(4));
    let mut out = Vec::new();
    for i in 0..batch.len() {
        if let (Some(a), Some(b), Some(y), Some(p), Some(v)) =
            (a[i].clone(), b[i].clone(), y[i], p[i].clone(), v[i])
        {
            out.push((a, b, y, p, v));
        }
    }
    Ok(out)
}

async fn derived(
    ctx: &Session,
    indicator: &Indicator,
    kind: Derived,
) -> Result<Vec<Row>, IndicatorError> {
    let id = indicator.id;
    Ok(match kind {
        Derived::ChinaOvertookUs => {
            let china = run_sql(ctx, id, &sql_of("china_partner_share")).await?;
            let usa = run_sql(ctx, id, &sql_of("us_partner_share")).await?;
            let us: HashMap<(String, i32), f64> =
                usa.into_iter().map(|(c, _, y, v, _)| ((c, y), v)).collect();
            let mut first: BTreeMap<String, i32> = BTreeMap::new();
            for (country, _, year, share, _) in china {
                if us.get(&(country.clone(), year)).is_some_and(|u| share > *u) {
                    let entry = first.entry(country).or_insert(year);
                    *entry = (*entry).min(year);
                }
            }
            first
                .into_iter()
                .map(|(c, y)| (c, Some("CHN".to_string()), y, f64::from(y), None))
                .collect()
        }
        Derived::ShareComovement => {
            let china = run_sql(ctx, id, &sql_of("china_partner_share")).await?;
            let usa = run_sql(ctx, id, &sql_of("us_partner_share")).await?;
            comovement(&china, &usa, 10)
        }
        Derived::ComplementarityCountryToChina | Derived::ComplementarityChinaToCountry => {
            complementarity(ctx, id, kind == Derived::ComplementarityCountryToChina).await?
        }
        Derived::GrubelLloydHs2 => grubel_lloyd(ctx, id).await?,
        Derived::ExportHhiWits16 => {
            let rows = product_rows(
                ctx,
                id,
                "SELECT reporter, 'WLD', year, product, value_usd FROM trade_by_product \
                 WHERE source = 'wits-trade-summary' AND nomenclature = 'WITS-16' AND flow = 'export'",
            )
            .await?;
            let mut groups: BTreeMap<(String, i32), Vec<f64>> = BTreeMap::new();
            for (reporter, _, year, _, value) in rows {
                groups.entry((reporter, year)).or_default().push(value);
            }
            groups
                .into_iter()
                .filter(|(_, v)| v.len() == 16)
                .filter_map(|((c, y), v)| {
                    formulas::hhi_normalised(&v).map(|h| (c, None, y, h, None))
                })
                .collect()
        }
        Derived::ThreatShare => threat(ctx, id, formulas::ThreatClass::Direct).await?,
        Derived::PartialThreatShare => threat(ctx, id, formulas::ThreatClass::Partial).await?,
        Derived::RecognisesBeijing
        | Derived::YearsSinceRecognition
        | Derived::PartnershipLevel
        | Derived::BriMember
        | Derived::AiibMember
        | Derived::FtaInForce => political(id, kind)?,
    })
}

/// For each country and year t with both shares in every year from t − `window` to t: the
/// correlation of the two shares' yearly changes over the window.
fn comovement(china: &[Row], usa: &[Row], window: i32) -> Vec<Row> {
    let us: HashMap<(&str, i32), f64> = (usa.iter()).map(|r| ((r.0.as_str(), r.2), r.3)).collect();
    let mut both: BTreeMap<&str, BTreeMap<i32, (f64, f64)>> = BTreeMap::new();
    for (country, _, year, share, _) in china {
        if let Some(u) = us.get(&(country.as_str(), *year)) {
            both.entry(country.as_str())
                .or_default()
                .insert(*year, (*share, *u));
        }
    }
    let mut out = Vec::new();
    for (country, years) in both {
        for &t in years.keys() {
            let span: Option<Vec<(f64, f64)>> =
                (t - window..=t).map(|y| years.get(&y).copied()).collect();
            let Some(span) = span else { continue };
            let changes = |pick: fn(&(f64, f64)) -> f64| -> Vec<f64> {
                span.windows(2).map(|w| pick(&w[1]) - pick(&w[0])).collect()
            };
            if let Some(r) = formulas::pearson(&changes(|p| p.0), &changes(|p| p.1)) {
                out.push((country.to_string(), None, t, r, None));
            }
        }
    }
    out
}

fn sql_of(id: &str) -> Cow<'static, str> {
    match crate::find(id).map(|i| i.compute) {
        Some(Compute::Sql(sql)) => sql.text(),
        _ => unreachable!("{id} is a SQL indicator"),
    }
}

/// WTO product groups partitioned into ten disjoint groups that add up to total merchandise.
fn wto_partition(v: &HashMap<String, f64>) -> Option<Vec<f64>> {
    let g = |k: &str| v.get(k).copied();
    let (ag, agfo, mi, mifu, ma) = (g("AG")?, g("AGFO")?, g("MI")?, g("MIFU")?, g("MA")?);
    let (mais, mach, mamt, mate, macl) =
        (g("MAIS")?, g("MACH")?, g("MAMT")?, g("MATE")?, g("MACL")?);
    let parts = vec![
        agfo,
        ag - agfo,
        mifu,
        mi - mifu,
        mais,
        mach,
        mamt,
        mate,
        macl,
        ma - mais - mach - mamt - mate - macl,
    ];
    parts
        .iter()
        .all(|p| *p >= -1.0)
        .then(|| parts.into_iter().map(|p| p.max(0.0)).collect())
}

async fn complementarity(
    ctx: &Session,
    id: &'static str,
    country_exports: bool,
) -> Result<Vec<Row>, IndicatorError> {
    let rows = product_rows(
        ctx,
        id,
        "SELECT reporter, flow, year, product, value_usd FROM trade_by_product \
         WHERE source = 'wto-product-groups' AND file LIKE '%merchandise_values_annual%'",
    )
    .await?;
    let mut by: HashMap<(String, String, i32), HashMap<String, f64>> = HashMap::new();
    for (reporter, flow, year, product, value) in rows {
        by.entry((reporter, flow, year))
            .or_default()
            .insert(product, value);
    }
    let mut out = Vec::new();
    let mut keys: Vec<_> = by.keys().filter(|(r, _, _)| r != "CHN").cloned().collect();
    keys.sort();
    for (reporter, flow, year) in keys {
        let (mine, china_flow) = if country_exports {
            ("export", "import")
        } else {
            ("import", "export")
        };
        if flow != mine {
            continue;
        }
        let (Some(country), Some(china)) = (
            by.get(&(reporter.clone(), flow.clone(), year)),
            by.get(&("CHN".to_string(), china_flow.to_string(), year)),
        ) else {
            continue;
        };
        let (Some(c), Some(k)) = (wto_partition(country), wto_partition(china)) else {
            continue;
        };
        let (c, k) = (formulas::shares(&c), formulas::shares(&k));
        if c.is_empty() || k.is_empty() {
            continue;
        }
        let tc = if country_exports {
            formulas::complementarity(&c, &k)
        } else {
            formulas::complementarity(&k, &c)
        };
        out.push((
            reporter,
            Some("CHN".to_string()),
            year,
            tc,
            Some("WTO 10 groups".to_string()),
        ));
    }
    Ok(out)
}

async fn grubel_lloyd(ctx: &Session, id: &'static str) -> Result<Vec<Row>, IndicatorError> {
    let rows = product_rows(
        ctx,
        id,
        "SELECT reporter, partner, year, product, value_usd FROM trade_by_product \
         WHERE source = 'comtrade-top30-hs2' AND flow = 'export' AND level = 2 \
         AND ((partner = 'CHN' AND reporter <> 'CHN') OR reporter = 'CHN')",
    )
    .await?;
    // (country, year) -> product -> (country's exports to China, China's exports to the country)
    let mut pairs: BTreeMap<(String, i32), BTreeMap<String, (f64, f64)>> = BTreeMap::new();
    let countries: std::collections::BTreeSet<String> = rows
        .iter()
        .filter(|r| r.1 == "CHN" && r.0 != "CHN")
        .map(|r| r.0.clone())
        .collect();
    for (reporter, partner, year, product, value) in rows {
        if reporter != "CHN" {
            pairs
                .entry((reporter, year))
                .or_default()
                .entry(product)
                .or_default()
                .0 += value;
        } else if countries.contains(&partner) {
            pairs
                .entry((partner, year))
                .or_default()
                .entry(product)
                .or_default()
                .1 += value;
        }
    }
    Ok(pairs
        .into_iter()
        .filter(|(_, products)| {
            products.values().any(|(x, _)| *x > 0.0) && products.values().any(|(_, m)| *m > 0.0)
        })
        .filter_map(|((country, year), products)| {
            let list: Vec<(f64, f64)> = products.into_values().collect();
            formulas::grubel_lloyd_aggregate(&list).map(|gl| {
                (
                    country,
                    Some("CHN".to_string()),
                    year,
                    gl,
                    Some("HS2".to_string()),
                )
            })
        })
        .collect())
}

/// WTO manufactures: a partition of MA into eight disjoint groups.
fn manufactures_partition(v: &HashMap<String, f64>) -> Option<Vec<f64>> {
    let g = |k: &str| v.get(k).copied();
    let (ma, mais, mach, mamt, mamtof, mamtte, mamtau, mate, macl) = (
        g("MA")?,
        g("MAIS")?,
        g("MACH")?,
        g("MAMT")?,
        g("MAMTOF")?,
        g("MAMTTE")?,
        g("MAMTAU")?,
        g("MATE")?,
        g("MACL")?,
    );
    let parts = vec![
        mais,
        mach,
        mamtof,
        mamtau,
        mamtte - mamtau,
        mamt - mamtof - mamtte,
        mate,
        macl,
        ma - mais - mach - mamt - mate - macl,
    ];
    Some(parts.into_iter().map(|p| p.max(0.0)).collect())
}

/// The share of the country's manufactured exports (t1 values) in groups of one threat class.
async fn threat(
    ctx: &Session,
    id: &'static str,
    class: formulas::ThreatClass,
) -> Result<Vec<Row>, IndicatorError> {
    let rows = product_rows(
        ctx,
        id,
        "SELECT reporter, flow, year, product, value_usd FROM trade_by_product \
         WHERE source = 'wto-product-groups' AND file LIKE 'trade/wto-product-groups/WtoData_%'",
    )
    .await?;
    let mut by: HashMap<(String, i32), HashMap<String, f64>> = HashMap::new();
    let mut years = std::collections::BTreeSet::new();
    for (reporter, _, year, product, value) in rows {
        years.insert(year);
        by.entry((reporter, year))
            .or_default()
            .insert(product, value);
    }
    let years: Vec<i32> = years.into_iter().collect();
    let part = |c: &str, y: i32| by.get(&(c.to_string(), y)).and_then(manufactures_partition);
    let mut reporters: Vec<String> = by
        .keys()
        .map(|(r, _)| r.clone())
        .filter(|r| r != "CHN" && r != "WLD")
        .collect();
    reporters.sort();
    reporters.dedup();
    let mut out = Vec::new();
    for pair in years.windows(2) {
        let (t0, t1) = (pair[0], pair[1]);
        let (Some(w0), Some(w1), Some(k0), Some(k1)) = (
            part("WLD", t0),
            part("WLD", t1),
            part("CHN", t0),
            part("CHN", t1),
        ) else {
            continue;
        };
        for reporter in &reporters {
            let (Some(c0), Some(c1)) = (part(reporter, t0), part(reporter, t1)) else {
                continue;
            };
            let total: f64 = c1.iter().sum();
            if total <= 0.0 {
                continue;
            }
            let mut threatened = 0.0;
            for k in 0..c1.len() {
                if w0[k] <= 0.0 || w1[k] <= 0.0 {
                    continue;
                }
                let country_change = c1[k] / w1[k] - c0[k] / w0[k];
                let china_change = k1[k] / w1[k] - k0[k] / w0[k];
                if formulas::threat_class(country_change, china_change) == class {
                    threatened += c1[k];
                }
            }
            out.push((
                reporter.clone(),
                Some("CHN".to_string()),
                t1,
                threatened / total,
                Some(format!("{t0}-{t1}")),
            ));
        }
    }
    Ok(out)
}

/// Political indicators from the curated facts, per LAC state and year (state on 31 December).
/// Fact files that do not load are an error, never a panel of zeros.
fn political(id: &'static str, kind: Derived) -> Result<Vec<Row>, IndicatorError> {
    let facts = galeon_facts::load_embedded().map_err(|errors| IndicatorError::Query {
        id,
        message: format!(
            "the curated facts do not load ({}; `galeon data check` lists every problem)",
            errors.first().map_or(String::new(), |e| e.to_string())
        ),
    })?;
    let registry = galeon_registry::Registry::global();
    let mut out = Vec::new();
    for entity in registry.lac() {
        let iso3 = entity.iso3.to_string();
        let mine: Vec<&galeon_facts::Fact> = facts
            .iter()
            .filter(|f| f.used && f.country.as_deref() == Some(iso3.as_str()))
            .collect();
        let (first_year, last_year) = match kind {
            Derived::PartnershipLevel => (1993, 2025),
            Derived::BriMember => (2013, 2025),
            Derived::AiibMember => (2015, 2025),
            Derived::FtaInForce => (2000, 2025),
            _ => (1960, 2025),
        };
        for year in first_year..=last_year {
            let day = chrono::NaiveDate::from_ymd_opt(year, 12, 31).expect("valid date");
            let holding = |k: galeon_facts::FactKind| {
                mine.iter()
                    .find(|f| f.kind == k && f.holds_on(day))
                    .copied()
            };
            let value = match kind {
                Derived::RecognisesBeijing => holding(galeon_facts::FactKind::Recognition)
                    .map(|f| f64::from(u8::from(f.value == "beijing"))),
                Derived::YearsSinceRecognition => holding(galeon_facts::FactKind::Recognition)
                    .filter(|f| f.value == "beijing")
                    .map(|f| f64::from(year - f.date.year())),
                Derived::PartnershipLevel => Some(
                    match holding(galeon_facts::FactKind::Partnership).map(|f| f.value.as_str()) {
                        // China's highest named level sits at the top of the scale.
                        Some("comprehensive_strategic" | "all_weather_strategic") => 2.0,
                        Some("strategic") => 1.0,
                        _ => 0.0,
                    },
                ),
                Derived::BriMember => Some(f64::from(u8::from(
                    holding(galeon_facts::FactKind::Bri).is_some(),
                ))),
                Derived::AiibMember => {
                    let reached = |value: &str| {
                        (mine.iter()).any(|f| {
                            f.kind == galeon_facts::FactKind::Aiib
                                && f.value == value
                                && f.date.first_day() <= day
                        })
                    };
                    Some(if reached("member") {
                        2.0
                    } else if reached("prospective") {
                        1.0
                    } else {
                        0.0
                    })
                }
                Derived::FtaInForce => Some(f64::from(u8::from(mine.iter().any(|f| {
                    f.kind == galeon_facts::FactKind::TradeAgreement
                        && f.value == "in_force"
                        && f.date.first_day() <= day
                })))),
                _ => None,
            };
            if let Some(value) = value {
                out.push((iso3.clone(), None, year, value, None));
            }
        }
    }
    Ok(out)
}

/// The panel's columns, as the store writes them.
pub fn panel_columns(values: &[Value]) -> Vec<(String, Column)> {
    let text = |f: &dyn Fn(&Value) -> Option<String>| Column::Text(values.iter().map(f).collect());
    vec![
        ("indicator".into(), text(&|v| Some(v.indicator.to_string()))),
        ("country".into(), text(&|v| Some(v.country.clone()))),
        ("partner".into(), text(&|v| v.partner.clone())),
        ("dimension".into(), text(&|v| v.dimension.clone())),
        (
            "year".into(),
            Column::Int(values.iter().map(|v| Some(v.year.into())).collect()),
        ),
        (
            "value".into(),
            Column::Float(values.iter().map(|v| Some(v.value)).collect()),
        ),
        ("unit".into(), text(&|v| Some(v.unit.clone()))),
        ("provenance".into(), text(&|v| Some(v.provenance.clone()))),
        ("source".into(), text(&|v| Some(v.source.clone()))),
        (
            "series_break".into(),
            Column::Bool(values.iter().map(|v| Some(v.series_break)).collect()),
        ),
    ]
}

/// The panel's name in the store's manifest, and its file.
const PANEL: (&str, &str) = ("indicators", "indicators/panel.parquet");

/// What the panel is computed by: galeon's version and a fingerprint of the indicator code (SQL,
/// formulas, splices, shared tables) and of the curated facts, taken when galeon was compiled; the
/// store's readers and source files are in the manifest's part of the fingerprint. A panel written
/// by other code or from other inputs is computed again rather than read.
pub fn panel_code() -> String {
    format!(
        "galeon-indicators {} {}",
        env!("CARGO_PKG_VERSION"),
        env!("GALEON_INDICATOR_CODE")
    )
}

/// Reads the panel `galeon build` wrote, if the store's manifest records one computed by this
/// galeon from the store as it is (otherwise `None`: compute it with [`compute`]).
pub async fn read_panel(store: &Path) -> Result<Option<Vec<Value>>, IndicatorError> {
    let Some(rows) = galeon_store::read_derived(store, PANEL.0, &panel_code()).await? else {
        return Ok(None);
    };
    let names = [
        "indicator",
        "country",
        "partner",
        "dimension",
        "year",
        "value",
        "unit",
        "provenance",
        "source",
        "series_break",
    ];
    let Some(at) = names
        .iter()
        .map(|n| rows.position(n))
        .collect::<Option<Vec<usize>>>()
    else {
        return Ok(None);
    };
    let text = |k: usize| rows.text(at[k]);
    let (ind, country, partner, dimension) = (text(0), text(1), text(2), text(3));
    let (year, value, unit, provenance) = (rows.int(at[4]), rows.float(at[5]), text(6), text(7));
    let (source, breaks) = (text(8), rows.bool(at[9]));
    let mut values = Vec::with_capacity(rows.len());
    for i in 0..rows.len() {
        let Some(indicator) = ind[i].as_deref().and_then(crate::find) else {
            return Ok(None);
        };
        values.push(Value {
            indicator: indicator.id,
            country: country[i].clone().unwrap_or_default(),
            partner: partner[i].clone(),
            dimension: dimension[i].clone(),
            year: year[i].unwrap_or_default(),
            value: value[i].unwrap_or(f64::NAN),
            unit: unit[i].clone().unwrap_or_default(),
            provenance: provenance[i].clone().unwrap_or_default(),
            source: source[i].clone().unwrap_or_default(),
            series_break: breaks[i].unwrap_or(false),
        });
    }
    Ok(Some(values))
}

/// Writes the panel to `STORE/indicators/panel.parquet` through the store, which records it in
/// the manifest as current for the inputs it was computed from. Refused for a panel of some
/// indicators only, and when the store changed while it was computed.
pub fn write_panel(
    store: &Path,
    panel: &Panel,
) -> Result<std::path::PathBuf, galeon_store::DerivedError> {
    if !panel.whole {
        return Err(galeon_store::DerivedError::Write(
            "only a panel of every indicator is written (drop --only, or add --no-write)".into(),
        ));
    }
    let columns = panel_columns(&panel.values);
    galeon_store::write_derived(
        store,
        PANEL.0,
        PANEL.1,
        &panel_code(),
        &panel.inputs,
        columns,
    )
}

/// The panel `galeon build` wrote when it is current, else the indicators computed now; only
/// `ids` (every indicator when empty).
pub async fn panel(store: &Path, ids: &[&str]) -> Result<Vec<Value>, IndicatorError> {
    // A panel that cannot be read (a damaged file) is computed again, like a stale one.
    match read_panel(store).await {
        Ok(Some(values)) => Ok(values
            .into_iter()
            .filter(|v| ids.is_empty() || ids.contains(&v.indicator))
            .collect()),
        Ok(None) | Err(_) => Ok(compute(store, ids).await?.values),
    }
}

/// A price index to turn current dollars into constant dollars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deflator {
    /// US CPI-U, annual average (BLS, via the reference tables).
    UsCpi,
    /// US GDP deflator (chained from the year-on-year factors of Open Trade Statistics).
    UsGdpDeflator,
}

impl Deflator {
    /// How the deflator is named in units and provenance.
    pub fn name(self) -> &'static str {
        match self {
            Deflator::UsCpi => "US CPI-U",
            Deflator::UsGdpDeflator => "US GDP deflator",
        }
    }
}

/// Converts values in current US dollars to constant dollars of `base_year` with `deflator`;
/// other values pass unchanged. A year without a deflator value loses its value (it is not
/// guessed) and the count of such values is returned.
pub async fn to_constant_dollars(
    store: &Path,
    values: Vec<Value>,
    base_year: i32,
    deflator: Deflator,
) -> Result<(Vec<Value>, usize), IndicatorError> {
    let ctx = Session::open(store).await?;
    let sql = match deflator {
        Deflator::UsCpi => "SELECT 'USA', 'x', year, value FROM macro WHERE indicator = 'cpi_u_annual_average' AND country = 'USA'",
        Deflator::UsGdpDeflator => "SELECT 'USA', 'x', year, value FROM macro WHERE indicator = 'gdp_deflator_yoy_factor' AND country = 'USA'",
    };
    let rows = run_sql(&ctx, "deflator", sql).await?;
    let mut index: BTreeMap<i32, f64> = BTreeMap::new();
    match deflator {
        Deflator::UsCpi => index.extend(rows.iter().map(|r| (r.2, r.3))),
        Deflator::UsGdpDeflator => {
            // Chain the year-on-year factors into an index (first year = 1).
            let factors: BTreeMap<i32, f64> = rows.iter().map(|r| (r.2, r.3)).collect();
            if let Some(first) = factors.keys().next().map(|y| y - 1) {
                let mut level = 1.0;
                index.insert(first, level);
                for (year, factor) in &factors {
                    level *= factor;
                    index.insert(*year, level);
                }
            }
        }
    }
    let Some(base) = index.get(&base_year).copied() else {
        return Err(IndicatorError::Query {
            id: "deflator",
            message: format!(
                "no {} value for base year {base_year} (available {}–{})",
                deflator.name(),
                index.keys().next().copied().unwrap_or_default(),
                index.keys().last().copied().unwrap_or_default()
            ),
        });
    };
    let mut dropped = 0;
    let unit = format!("USD (constant {base_year}, {})", deflator.name());
    let out = values
        .into_iter()
        .filter_map(|mut v| {
            if !v.unit.starts_with("USD (current)") {
                return Some(v);
            }
            match index.get(&v.year) {
                Some(level) => {
                    v.value *= base / level;
                    v.unit = unit.clone();
                    Some(v)
                }
                None => {
                    dropped += 1;
                    None
                }
            }
        })
        .collect();
    Ok((out, dropped))
}
