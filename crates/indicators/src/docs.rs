//! Documentation pages, generated from the catalogue so they cannot drift from the code.

use crate::catalogue::{mentions, standalone_sql, Compute, Indicator, INDICATORS, SHARED};

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
                .filter(|s| mentions(sql, s.name))
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
                "One SQL query over the store (DataFusion){reads}\n\n```sql\n{}\n```\n",
                one_line(&standalone_sql(sql))
            )
        }
        Compute::Derived(kind) => format!("Computed in Rust ({kind:?}) from inputs fetched by SQL; the formula is in `crates/indicators/src/formulas.rs`.\n"),
    };
    format!(
        "# {title}\n\n`{id}` — family: {family}\n\n| | |\n|---|---|\n{unit}{formula}{nomenclature}{side}{denominator}{sources}{coverage}{caveats}{references}\n## How it is computed\n\n{method}\n\
         Get it: `galeon indicators get {id} --country BRA --years 2000..2020`\n",
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

/// The index page (`docs/indicators/README.md`).
pub fn index_page() -> String {
    let mut out = String::from(
        "# Indicators\n\nEvery indicator galeon publishes, with its definition. These pages are generated from the \
         catalogue in `crates/indicators/src/catalogue.rs` by `galeon indicators docs --out docs/indicators`; a test \
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
            .filter(|i| matches!(i.compute, Compute::Sql(sql) if mentions(sql, table.name)))
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
                .filter_map(|i| sql_of(i))
                .any(|sql| mentions(sql, table.name))
            {
                out.push_str(&format!(
                    "-- shared table {}: {}\nCREATE TABLE {} AS {};\n\n",
                    table.name,
                    one_line(table.description),
                    table.name,
                    one_line(table.sql)
                ));
            }
        }
    }
    for indicator in indicators {
        match indicator.compute {
            Compute::Sql(sql) => {
                let sql = if inline {
                    standalone_sql(sql)
                } else {
                    sql.to_string()
                };
                out.push_str(&format!(
                    "-- {}: {} ({})\n{};\n\n",
                    indicator.id,
                    indicator.title,
                    indicator.unit,
                    one_line(&sql)
                ));
            }
            Compute::Derived(kind) => out.push_str(&format!(
                "-- {}: computed in Rust ({kind:?}) from inputs fetched by SQL, not one query (crates/indicators/src/engine.rs)\n\n",
                indicator.id
            )),
        }
    }
    out
}
