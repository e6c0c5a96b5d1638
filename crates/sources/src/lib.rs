/*!
Sources: every dataset galeon reads, declared once, and the readers for the formats they ship in.

The flow of this crate is one-way:

- [`datasets`] — one file per publisher. Each declares its datasets ([`Dataset`]): folder,
  publisher, licence, files and their layout, the columns that name economies, where the files
  state their release ([`Release`]), and the connector that writes canonical rows.
- [`obtain`] — how `galeon fetch` gets each dataset: files pinned by checksum, an API, or by hand.
- [`survey`] — a sources directory measured against the declarations: the files each connector
  reads (size, SHA-256, release), the files present but not read (with the reason), the declared
  files that are missing.
- [`connect`] — what connectors share: the [`Context`] (provenance with the file's release),
  economy resolution that rejects with file, sheet, row and column, batching to the [`canonical::Sink`].
- [`read_table`] reads CSV (UTF-8 or Latin-1, gzipped or not, any delimiter) and xlsx sheets
  into rows that keep their line or row number; [`walk`] visits every cell that names an
  economy, for the registry to resolve.

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
pub mod connect;
pub mod datasets;
pub mod fetched;
pub mod obtain;
mod read;
pub mod release;
pub mod sdmx_json;
pub mod survey;
mod walk;

pub use catalogue::{
    ConnectorFn, CountryColumn, Dataset, FileContent, FileSpec, IdKind, Reader, Release, Republish,
    TableSpec, TOP_LEVEL_FILES,
};
pub use connect::Context;
pub use datasets::{dataset, DATASETS, RECORDED_RESPONSES};
pub use read::{
    cell_text, column_letter, read_bytes, read_sheet_cells, read_table, Encoding, Layout,
    ReadError, Table,
};
pub use survey::{missing_in, survey, DatasetFiles, NotRead, SourceFile, Survey};
pub use walk::{classify, walk, IdKindKey, Location, Mentions, Walk};
