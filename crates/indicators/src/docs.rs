//! Documentation pages, generated from the catalogue so they cannot drift from the code.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalogue::{standalone_sql, Compute, Indicator, Sql, INDICATORS, SHARED};
use crate::splice::Overlap;
use crate::Value;

/// The Markdown page of one indicator (`docs/indicators/<id>.md`).
pub fn page(indicator: &Indicator) -> String {
    let field = |name: &str, value: &str| {
        if value.is_empty() {
            String::new()
        } else {
            format!("| {name} | {value} |\n")
        }
    };
    let method = match indicator.compute {
        Compute::Sql(sql) => {
            let shared: Vec<String> = SHARED
                .iter()
                .filter(|s| sql.mentions(s.name))
                .map(|s| format!("`{}` ({})", s.name, lower_first(s.description.trim_end_matches('.'))))
                .collect();
            let reads = if shared.is_empty() {
                ":".to_string()
            } else {
                format!(
                    ". It reads the shared table {}, computed once when several indicators read it and written out below as `WITH`, so that the query runs on its own (`galeon indicators sql {} --inline`):",
                    shared.join(" and "),
                    indicator.id
                )
            };
            format!(
                "One SQL query over the store (DataFusion), {}{reads}\n\n```sql\n{}\n```\n",
                written_in(&sql),
                one_line(&standalone_sql(&sql.text()))
            )
        }
        Compute::Derived(kind) if kind.reads_facts() => format!("Computed in Rust ({kind:?}) from galeon's curated facts (`data/facts`), the state on 31 December of each year; see `crates/indicators/src/engine.rs`.\n"),
        Compute::Derived(kind) => format!("Computed in Rust ({kind:?}) from inputs fetched by SQL; the formula is in `crates/indicators/src/formulas.rs`.\n"),
    };
    format!(
        "# {title}\n\n`{id}` — family: {family}\n\n| | |\n|---|---|\n{unit}{formula}{nomenclature}{side}{denominator}{sources}{coverage}{caveats}{references}\n## How it is computed\n\n{method}\n{precedence}\
         Get it: `galeon indicators get {id} --country BRA --years 2000..2020`, or `--latest` for each country's latest year\n",
        precedence = precedence(indicator),
        title = indicator.title,
        id = indicator.id,
        family = indicator.family.as_str(),
        unit = field("unit", indicator.unit),
        formula = field("definition", indicator.formula),
        nomenclature = field("nomenclature and level", indicator.nomenclature),
        side = field("reporter side", indicator.reporter_side),
        denominator = field("world denominator", indicator.denominator),
        sources = field("sources", indicator.sources),
        coverage = field("coverage", indicator.coverage),
        caveats = field("caveats", indicator.caveats),
        references = field("references", indicator.references),
    )
}

/// The sources after the first, in order, with their queries; empty for single-source indicators.
fn precedence(indicator: &Indicator) -> String {
    if indicator.fallback.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "## Sources, in order of precedence\n\n\
         A later source carries a country's series on past the last year the sources before it report any trade \
         between the country and the partner (so all trade indicators of a country change source in the same year), \
         and never fills a gap inside their years. Each value names its source (`source`); the first value of a \
         series after a change of source is flagged `series_break`. Where two sources overlap, the earlier one's value \
         is published and the difference is measured: see [splices](splices.md#{id}). \
         `galeon indicators sql {id} --inline` writes all of it as one query.\n\n1. {first} — the query above.\n",
        id = indicator.id,
        first = indicator.sources
    );
    for (n, f) in indicator.fallback.iter().enumerate() {
        out.push_str(&format!(
            "{}. `{}`: {} The query is {}:\n\n   ```sql\n   {}\n   ```\n",
            n + 2,
            f.datasets.join(" + "),
            one_line(f.note),
            written_in(&f.sql),
            one_line(&standalone_sql(&f.sql.text()))
        ));
    }
    out.push('\n');
    out
}

/// The index page (`docs/indicators/README.md`).
pub fn index_page() -> String {
    let mut out = String::from(
        "# Indicators\n\nEvery indicator galeon publishes, with its definition. These pages are generated from the \
         catalogue in `crates/indicators/src/catalogue.rs` and the queries in `crates/indicators/sql/` by `galeon indicators docs --out docs/indicators`; a test \
         fails when they drift.\n\n| id | family | title | unit |\n|---|---|---|---|\n",
    );
    for i in INDICATORS {
        out.push_str(&format!(
            "| [`{id}`]({id}.md) | {} | {} | {} |\n",
            i.family.as_str(),
            i.title,
            i.unit,
            id = i.id
        ));
    }
    out.push_str(
        "\n## Shared tables\n\nSome indicators read a table defined once in SQL over the canonical tables; galeon computes it \
         once per run when several selected indicators read it. `galeon indicators sql ID…` prints the SQL as a script \
         (shared tables as `CREATE TABLE`, for DuckDB or another engine over the store's Parquet files), \
         `--inline` as self-contained queries for `galeon sql -`.\n\n| table | holds | read by |\n|---|---|---|\n",
    );
    for table in SHARED {
        let readers: Vec<String> = INDICATORS
            .iter()
            .filter(|i| {
                matches!(i.compute, Compute::Sql(sql) if sql.mentions(table.name))
                    || i.fallback.iter().any(|f| f.sql.mentions(table.name))
            })
            .map(|i| format!("[`{id}`]({id}.md)", id = i.id))
            .collect();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            table.name,
            one_line(table.description),
            readers.join(", ")
        ));
    }
    out
}

/// Where a query is written, linked from `docs/indicators/`, with the values its parameters take.
fn written_in(sql: &Sql) -> String {
    let file = format!("[`sql/{0}`](../../crates/indicators/sql/{0})", sql.file);
    let bound: Vec<String> = sql
        .parameters()
        .iter()
        .map(|(name, value)| format!("`{name}` = `{value}`"))
        .collect();
    if bound.is_empty() {
        format!("written in {file}")
    } else {
        format!("written in {file} with {}", bound.join(", "))
    }
}

fn one_line(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The SQL that computes these indicators. A script by default: each shared table they read as
/// `CREATE TABLE … AS`, then one statement per indicator, each ending with `;`. With `inline`, each
/// statement stands alone (shared tables written as `WITH`). Indicators computed in Rust are
/// listed as comments.
pub fn sql_script(indicators: &[&Indicator], inline: bool) -> String {
    let mut out = String::from(
        "-- galeon indicators as SQL over the store's tables (columns: docs/data-dictionary.md).\n\
         -- Each query returns country, partner, year, value[, dimension]; galeon keeps the rows whose value is a finite number.\n\n",
    );
    let sql_of = |i: &Indicator| match i.compute {
        Compute::Sql(sql) => Some(sql),
        Compute::Derived(_) => None,
    };
    if !inline {
        for table in SHARED {
            if indicators
                .iter()
                .filter_map(|i| sql_of(i).map(|sql| (i, sql)))
                .any(|(i, sql)| {
                    sql.mentions(table.name)
                        || i.fallback.iter().any(|f| f.sql.mentions(table.name))
                })
            {
                out.push_str(&format!(
                    "-- shared table {}: {}\nCREATE TABLE {} AS {};\n\n",
                    table.name,
                    one_line(table.description),
                    table.name,
                    one_line(&table.sql.text())
                ));
            }
        }
    }
    for indicator in indicators {
        match indicator.compute {
            Compute::Sql(_) => {
                let sources = match indicator.fallback {
                    [] => String::new(),
                    later => format!(
                        "; then, past the last year of the sources before, {}",
                        later
                            .iter()
                            .map(|f| f.datasets.join(" + "))
                            .collect::<Vec<_>>()
                            .join(", then ")
                    ),
                };
                let sql = crate::catalogue::precedence_sql(indicator, inline).unwrap_or_default();
                out.push_str(&format!(
                    "-- {}: {} ({}){sources}\n{};\n\n",
                    indicator.id,
                    indicator.title,
                    indicator.unit,
                    one_line(&sql)
                ));
            }
            Compute::Derived(kind) => out.push_str(&format!(
                "-- {}: computed in Rust ({kind:?}) from {}, not one query (crates/indicators/src/engine.rs)\n\n",
                indicator.id,
                if kind.reads_facts() { "the curated facts (data/facts)" } else { "inputs fetched by SQL" }
            )),
        }
    }
    out
}

/// The measured splices of every indicator with more than one source (`docs/indicators/splices.md`):
/// per indicator, the values each source gives, where series change source, and the level
/// difference between sources in the years both have, from the panel of one store.
pub fn splices_page(values: &[Value], overlaps: &[Overlap]) -> String {
    let mut out = String::from(
        "# Splices\n\nWhere an indicator has more than one source, a later source in its order of precedence carries a \
         country's series on past the last year the sources before it report any trade between the country and the \
         partner; it never fills a gap inside their years. Each value names its source; the first value of a series after \
         a change of source is flagged `series_break`. This page measures the joins on the store built from the shared data folder (`galeon indicators \
         docs --store STORE` writes it; a test fails when it drifts). The difference in an overlap year is the later \
         source's value over the earlier one's, minus 1: the earlier one's is the value published.\n",
    );
    for indicator in INDICATORS.iter().filter(|i| !i.fallback.is_empty()) {
        let mine: Vec<&Value> = values
            .iter()
            .filter(|v| v.indicator == indicator.id)
            .collect();
        out.push_str(&format!(
            "\n## {id}\n\n[{title}]({id}.md)\n\n| source | series | values | years |\n|---|---|---|---|\n",
            id = indicator.id,
            title = indicator.title
        ));
        let mut by_source: BTreeMap<&str, (BTreeSet<&str>, usize, i32, i32)> = BTreeMap::new();
        for v in &mine {
            let e =
                by_source
                    .entry(v.source.as_str())
                    .or_insert((BTreeSet::new(), 0, v.year, v.year));
            e.0.insert(v.country.as_str());
            e.1 += 1;
            e.2 = e.2.min(v.year);
            e.3 = e.3.max(v.year);
        }
        for (source, (series, n, from, to)) in &by_source {
            out.push_str(&format!(
                "| `{source}` | {} | {n} | {from}–{to} |\n",
                series.len()
            ));
        }
        out.push_str(&splice_points(&mine));
        out.push_str(&overlap_table(indicator.id, overlaps));
    }
    out
}

/// Where series change source, grouped by year and the two sources.
fn splice_points(values: &[&Value]) -> String {
    let mut points: BTreeMap<(i32, &str, &str), Vec<&str>> = BTreeMap::new();
    for (previous, v) in values.iter().zip(values.iter().skip(1)) {
        if v.series_break && previous.country == v.country && previous.partner == v.partner {
            points
                .entry((v.year, previous.source.as_str(), v.source.as_str()))
                .or_default()
                .push(v.country.as_str());
        }
    }
    if points.is_empty() {
        return "\nNo series changes source in this store.\n".to_string();
    }
    let mut out = String::from("\nSplice points (year: from → to: countries):\n\n");
    for ((year, from, to), countries) in points {
        out.push_str(&format!(
            "- {year}: `{from}` → `{to}`: {}\n",
            countries.join(", ")
        ));
    }
    out
}

/// The overlap years of each country, and the mean difference between the sources there.
fn overlap_table(id: &str, overlaps: &[Overlap]) -> String {
    let mine: Vec<&Overlap> = overlaps.iter().filter(|o| o.indicator == id).collect();
    if mine.is_empty() {
        return "\nNo two sources have a value for the same country and year in this store.\n"
            .to_string();
    }
    let mut relative: Vec<f64> = mine
        .iter()
        .filter_map(|o| o.mean_relative_difference())
        .collect();
    relative.sort_by(f64::total_cmp);
    let n = relative.len();
    let median = match n {
        0 => None,
        _ if n % 2 == 1 => Some(relative[n / 2]),
        _ => Some((relative[n / 2 - 1] + relative[n / 2]) / 2.0),
    };
    let mut out = format!(
        "\nOverlap: {} series of every reporter; median over series of the mean difference (later / earlier − 1): {}. \
         The LAC states, one by one:\n\n\
         | country | earlier | later | years | mean difference, later / earlier − 1 | mean difference, later − earlier |\n|---|---|---|---|---|---|\n",
        mine.len(),
        median.map_or("—".to_string(), percent)
    );
    let lac = |code: &str| {
        galeon_registry::Registry::global()
            .resolve(code)
            .is_ok_and(|e| e.lac)
    };
    for o in mine.into_iter().filter(|o| lac(&o.country)) {
        let (first, last) = (o.years[0].0, o.years[o.years.len() - 1].0);
        out.push_str(&format!(
            "| {} | `{}` | `{}` | {first}–{last} ({}) | {} | {} |\n",
            o.country,
            o.earlier,
            o.later,
            o.years.len(),
            o.mean_relative_difference()
                .map_or("—".to_string(), percent),
            match o.mean_difference() {
                d if d.abs() >= 1000.0 => format!("{d:.0}"),
                d => format!("{d:.4}"),
            }
        ));
    }
    out
}

fn percent(x: f64) -> String {
    format!("{:+.1} %", x * 100.0)
}
