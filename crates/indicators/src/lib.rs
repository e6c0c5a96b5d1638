/*!
Indicators: the paper's four fields and five foundations as documented numbers.

[`INDICATORS`] is the catalogue. Each [`Indicator`] carries what its page in `docs/indicators/`
says — formula, unit, nomenclature and level, reporter side, world denominator, sources, coverage,
caveats, references — and how it is computed: one SQL query over the store's canonical tables
(run by DataFusion, so it can later run on a Ballista cluster), or a formula from [`formulas`]
applied to inputs fetched by SQL. [`compute`] returns one long table of [`Value`]s: indicator,
country, partner, year, value, unit and provenance. Missing data stays missing: no indicator fills
gaps with zeros.

```
use galeon_indicators::{find, formulas};
assert_eq!(find("china_partner_rank").unwrap().unit, "rank (1 = top partner)");
assert_eq!(formulas::grubel_lloyd(3.0, 3.0), Some(1.0));
```
*/
#![deny(missing_docs)]

mod catalogue;
mod docs;
mod engine;
pub mod formulas;
mod latest;
pub mod links;
mod splice;

pub use catalogue::{
    find, mentions, precedence_sql, primary_dataset, shared, standalone_sql, Compute, Derived,
    Fallback, Family, Indicator, Shared, INDICATORS, SHARED,
};
pub use docs::{index_page, page, splices_page, sql_script};
pub use engine::{
    compute, panel, panel_code, panel_columns, read_panel, to_constant_dollars, write_panel,
    Deflator, IndicatorError, Panel, Value,
};
pub use latest::{latest, years_of};
pub use splice::Overlap;
