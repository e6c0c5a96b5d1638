/*!
Sources: the catalogue of datasets galeon reads and readers for the formats they ship in.

[`DATASETS`] describes every dataset in the published layout of a sources directory (each
publisher's own files): its folder, publisher, licence, and for each file which table holds
economies and in which columns ([`CountryColumn`]). [`read_table`] reads CSV (UTF-8 or Latin-1,
gzipped or not, any delimiter) and xlsx sheets into rows that keep their line or row number, so
every error can name file, sheet, row and column. [`walk`] visits every file of a sources
directory and collects every value that names an economy, for the registry to resolve.

```
use galeon_sources::{classify, DATASETS};
let (dataset, _) = classify("trade/imf-dots/xlsx/DOTS_42.xlsx").unwrap();
assert_eq!(dataset.id, "imf-dots");
assert!(DATASETS.iter().all(|d| !d.publisher.is_empty()));
```
*/
#![deny(missing_docs)]

pub mod canonical;
mod catalogue;
pub mod connectors;
mod read;
mod walk;

pub use catalogue::{
    CountryColumn, Dataset, FileContent, FileSpec, IdKind, TableSpec, BACI, DATASETS,
    TOP_LEVEL_FILES,
};
pub use read::{
    cell_text, column_letter, read_bytes, read_sheet_cells, read_table, Encoding, Layout,
    ReadError, Table,
};
pub use walk::{classify, walk, IdKindKey, Location, Mentions, Walk};
