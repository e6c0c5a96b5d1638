/*!
Curated facts: the dated, sourced records galeon keeps itself.

Facts live as TOML files in the repository folder `data/facts`, one `[[fact]]` table per record;
`docs/facts.md` documents the schema. Every record names its country (or none, for region-wide
facts), its [`FactKind`], a value, a [`FactDate`] (year, month or day precision), an optional end,
and at least one [`Source`] with title, publisher, URL where there is one, and the date it was read.
Where sources disagree, every version is kept: one is `used`, the others say why they are not.

[`load_dir`] reads and [`validate`]s a directory of fact files; every problem is reported with its
file and line, and all problems are reported, not only the first.

```
let facts = galeon_facts::load_embedded().unwrap();
let panama: Vec<_> = facts.iter().filter(|f| f.country.as_deref() == Some("PAN")).collect();
assert!(panama.iter().any(|f| f.kind == galeon_facts::FactKind::Bri));
```
*/
#![deny(missing_docs)]

mod date;
mod load;

pub use date::{FactDate, InvalidDate, Precision};
pub use load::{
    load_dir, load_embedded, load_str, validate, Fact, FactError, FactKind, Source, EMBEDDED,
};
