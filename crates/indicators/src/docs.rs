//! Documentation pages, generated from the catalogue so they cannot drift from the code.

use crate::catalogue::{Compute, Indicator, INDICATORS};

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
        Compute::Sql(sql) => format!("One SQL query over the store (DataFusion):\n\n```sql\n{}\n```\n", sql.split_whitespace().collect::<Vec<_>>().join(" ")),
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
    out
}
