//! Arrow schemas of the canonical tables and the writers that turn canonical rows into Parquet.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, BooleanBuilder, Date32Array, Float64Array, Float64Builder, Int32Array, Int32Builder,
    Int64Array, RecordBatch, StringArray, StringBuilder, UInt64Builder, UInt8Array, UInt8Builder,
};
use datafusion::arrow::buffer::{Buffer, OffsetBuffer};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::parquet::arrow::arrow_writer::{
    compute_leaves, ArrowColumnWriter, ArrowRowGroupWriterFactory,
};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::Compression;
use datafusion::parquet::errors::ParquetError;
use datafusion::parquet::file::properties::{EnabledStatistics, WriterProperties};
use datafusion::parquet::file::writer::SerializedFileWriter;
use datafusion::parquet::schema::types::ColumnPath;
use galeon_sources::canonical::{
    Batch, EventMonth, GdeltEvent, Iso3, ProductColumns, Provenance, Reject,
};
use rayon::prelude::*;

/// The canonical tables, by name, in the order the store lists them.
pub const TABLES: &[&str] = &[
    "trade_flows",
    "trade_by_product",
    "macro",
    "finance",
    "investment",
    "power_plants",
    "finance_locations",
    "events",
    "gdelt_events",
    "memberships",
    "culture",
    "rejects",
    "countries",
    "facts",
    "indicators",
    "project_links",
];

/// The tables of [`TABLES`] kept in partition folders (`year=2024/month=03/`), one file per
/// dataset in each: those whose rows number in the hundreds of millions at full size.
pub const PARTITIONED_TABLES: &[&str] = &["gdelt_events"];

/// The tables of [`TABLES`] computed from the others after a build (the indicator panel, the
/// project links): written by `galeon build` unless told not to, so a store may lack them.
pub const DERIVED_TABLES: &[&str] = &["indicators", "project_links"];

fn provenance_fields() -> Vec<Field> {
    vec![
        Field::new("source", DataType::Utf8, false),
        Field::new("file", DataType::Utf8, false),
        Field::new("release", DataType::Utf8, false),
    ]
}

fn schema(fields: Vec<Field>) -> SchemaRef {
    let mut all = fields;
    all.extend(provenance_fields());
    Arc::new(Schema::new(all))
}

/// The column names of a canonical table, in order (see [`table_schema`]).
pub fn table_columns(table: &str) -> Vec<String> {
    (table_schema(table).fields().iter())
        .map(|f| f.name().clone())
        .collect()
}

/// The Arrow schema of a canonical table (`countries` and `facts` included; panics on a name
/// not in [`TABLES`] but the derived `indicators`).
pub fn table_schema(table: &str) -> SchemaRef {
    let f = |name: &str, t: DataType, nullable: bool| Field::new(name, t, nullable);
    match table {
        "trade_flows" => schema(vec![
            f("reporter", DataType::Utf8, false),
            f("partner", DataType::Utf8, false),
            f("flow", DataType::Utf8, false),
            f("year", DataType::Int32, false),
            f("value_usd", DataType::Float64, false),
            f("reported_by", DataType::Utf8, false),
            f("estimated", DataType::Boolean, false),
        ]),
        "trade_by_product" => schema(vec![
            f("reporter", DataType::Utf8, false),
            f("partner", DataType::Utf8, false),
            f("product", DataType::Utf8, false),
            f("nomenclature", DataType::Utf8, false),
            f("level", DataType::UInt8, false),
            f("flow", DataType::Utf8, false),
            f("year", DataType::Int32, false),
            f("value_usd", DataType::Float64, false),
            f("quantity", DataType::Float64, true),
            f("reported_by", DataType::Utf8, false),
        ]),
        "macro" => schema(vec![
            f("country", DataType::Utf8, false),
            f("year", DataType::Int32, false),
            f("indicator", DataType::Utf8, false),
            f("value", DataType::Float64, false),
            f("unit", DataType::Utf8, false),
        ]),
        "finance" => schema(vec![
            f("record_id", DataType::Utf8, false),
            f("title", DataType::Utf8, false),
            f("lender", DataType::Utf8, false),
            f("recipient", DataType::Utf8, false),
            f("year", DataType::Int32, false),
            f("sector", DataType::Utf8, false),
            f("flow_type", DataType::Utf8, false),
            f("flow_class", DataType::Utf8, false),
            f("amount_usd_current", DataType::Float64, true),
            f("amount_usd_constant", DataType::Float64, true),
            f("constant_base_year", DataType::Int32, true),
            f("recommended", DataType::Boolean, false),
            f("umbrella", DataType::Boolean, false),
        ]),
        "investment" => schema(vec![
            f("deal_id", DataType::Utf8, false),
            f("kind", DataType::Utf8, false),
            f("year", DataType::Int32, false),
            f("month", DataType::UInt8, true),
            f("investor", DataType::Utf8, false),
            f("value_usd", DataType::Float64, false),
            f("share", DataType::Float64, true),
            f("counterpart", DataType::Utf8, false),
            f("sector", DataType::Utf8, false),
            f("subsector", DataType::Utf8, false),
            f("country", DataType::Utf8, false),
            f("bri", DataType::Boolean, false),
            f("greenfield", DataType::Boolean, false),
        ]),
        "power_plants" => schema(vec![
            f("plant_id", DataType::Utf8, false),
            f("name", DataType::Utf8, false),
            f("country", DataType::Utf8, false),
            f("fuel", DataType::Utf8, false),
            f("capacity_mw", DataType::Float64, true),
            f("commissioning_year", DataType::Int32, true),
            f("investment_type", DataType::Utf8, false),
            f("investment_usd", DataType::Float64, true),
            f("investment_year", DataType::Int32, true),
            f("duplicate", DataType::Boolean, false),
            f("debt_year", DataType::Int32, true),
            f("debt_usd", DataType::Float64, true),
            f("lenders", DataType::Utf8, false),
            f("equity_year", DataType::Int32, true),
            f("investors", DataType::Utf8, false),
        ]),
        "finance_locations" => schema(vec![
            f("record_id", DataType::Utf8, false),
            f("country", DataType::Utf8, false),
            f("level", DataType::UInt8, false),
            f("unit_id", DataType::Utf8, false),
            f("unit_name", DataType::Utf8, false),
            f("intersection_ratio", DataType::Float64, false),
            f("even_split_ratio", DataType::Float64, false),
            f("value_intersection_usd", DataType::Float64, true),
            f("value_even_split_usd", DataType::Float64, true),
            f("longitude", DataType::Float64, true),
            f("latitude", DataType::Float64, true),
        ]),
        "events" => schema(vec![
            f("actor", DataType::Utf8, false),
            f("target", DataType::Utf8, false),
            f("person", DataType::Utf8, true),
            f("year", DataType::Int32, false),
            f("date", DataType::Utf8, true),
            f("measure", DataType::Utf8, false),
            f("value", DataType::Float64, false),
        ]),
        "gdelt_events" => schema(vec![
            f("event_id", DataType::Int64, false),
            f("date", DataType::Date32, false),
            f("year", DataType::Int32, false),
            f("month", DataType::Int32, false),
            f("actor1_country", DataType::Utf8, true),
            f("actor2_country", DataType::Utf8, true),
            f("event_code", DataType::Utf8, false),
            f("event_root_code", DataType::Utf8, false),
            f("quad_class", DataType::Int32, false),
            f("goldstein", DataType::Float64, false),
            f("mentions", DataType::Int32, false),
            f("sources", DataType::Int32, false),
            f("articles", DataType::Int32, false),
            f("added", DataType::Int64, false),
            f("source_url", DataType::Utf8, false),
        ]),
        "memberships" => schema(vec![
            f("country", DataType::Utf8, false),
            f("organisation", DataType::Utf8, false),
            f("joined", DataType::Utf8, true),
            f("exited", DataType::Utf8, true),
            f("note", DataType::Utf8, false),
        ]),
        "culture" => schema(vec![
            f("country", DataType::Utf8, false),
            f("kind", DataType::Utf8, false),
            f("name", DataType::Utf8, false),
            f("city", DataType::Utf8, false),
            f("founded", DataType::Utf8, true),
            f("year", DataType::Int32, true),
            f("status", DataType::Utf8, false),
        ]),
        "rejects" => schema(vec![
            f("sheet", DataType::Utf8, true),
            f("row", DataType::UInt64, false),
            f("column", DataType::Utf8, false),
            f("reason", DataType::Utf8, false),
            f("value", DataType::Utf8, false),
            f("rows", DataType::UInt64, false),
        ]),
        "countries" => Arc::new(Schema::new(vec![
            f("iso3", DataType::Utf8, false),
            f("iso2", DataType::Utf8, true),
            f("numeric", DataType::Int32, true),
            f("kind", DataType::Utf8, false),
            f("is_economy", DataType::Boolean, false),
            f("lac", DataType::Boolean, false),
            f("region", DataType::Utf8, false),
            f("subregion", DataType::Utf8, false),
            f("intermediate_region", DataType::Utf8, false),
            f("name_en", DataType::Utf8, false),
            f("name_es", DataType::Utf8, false),
            f("name_pt", DataType::Utf8, false),
            f("name_zh", DataType::Utf8, false),
            f("valid_from", DataType::Int32, true),
            f("valid_to", DataType::Int32, true),
        ])),
        "facts" => Arc::new(Schema::new(vec![
            f("id", DataType::Utf8, false),
            f("kind", DataType::Utf8, false),
            f("country", DataType::Utf8, true),
            f("value", DataType::Utf8, false),
            f("date", DataType::Utf8, false),
            f("date_first_day", DataType::Utf8, false),
            f("until", DataType::Utf8, true),
            f("text", DataType::Utf8, false),
            f("amount", DataType::Float64, true),
            f("unit", DataType::Utf8, true),
            f("used", DataType::Boolean, false),
            f("sources", DataType::Utf8, false),
        ])),
        other => panic!("unknown table {other}"),
    }
}

/// Rows per row group of the partitioned tables. A build holds each open partition's row group
/// in memory until it fills: with several partitions open at once, smaller groups keep that
/// memory small (and a month of China–LAC events still fills a few groups).
const PARTITIONED_GROUP_ROWS: usize = 1 << 17;

/// (table, column) of the columns whose values are nearly all distinct.
const UNIQUE_COLUMNS: &[(&str, &str)] = &[
    ("gdelt_events", "event_id"),
    ("gdelt_events", "added"),
    ("gdelt_events", "source_url"),
];

fn properties(table: &str) -> WriterProperties {
    // The provenance columns repeat one value per source file: dictionary encoding stores each
    // once, and min/max statistics over them would only cost string comparisons on every row.
    // LZ4 (raw): several times faster to write than ZSTD at a modest cost in size; every Parquet
    // reader galeon's users meet (DataFusion, DuckDB, Arrow, pandas) reads it.
    let mut builder = WriterProperties::builder()
        .set_compression(Compression::LZ4_RAW)
        .set_dictionary_enabled(true);
    for column in ["source", "file", "release"] {
        builder = builder
            .set_column_statistics_enabled(ColumnPath::from(column), EnabledStatistics::None);
    }
    if PARTITIONED_TABLES.contains(&table) {
        builder = builder.set_max_row_group_row_count(Some(PARTITIONED_GROUP_ROWS));
    }
    // Columns of (nearly) one value per row: a dictionary would only grow, up to its page limit,
    // in every partition's open row group, and memory with it.
    for column in UNIQUE_COLUMNS.iter().filter(|(t, _)| *t == table) {
        builder = builder.set_column_dictionary_enabled(ColumnPath::from(column.1), false);
    }
    builder.build()
}

/// Writes one Parquet file of one table, batch by batch, encoding the columns of large batches
/// in parallel.
///
/// `ArrowWriter` encodes a batch's columns one after another on the calling thread; at BACI's
/// scale (10 M rows a year, ten string columns each dictionary-encoded) that single thread is
/// the build's bottleneck. Here each row group's column writers encode on rayon's pool, the
/// way the parquet crate documents for parallel encoding, and the file is the same: same schema
/// and Arrow metadata, same properties, row groups of the same size.
pub struct TableWriter {
    file: SerializedFileWriter<File>,
    factory: ArrowRowGroupWriterFactory,
    schema: SchemaRef,
    /// Column writers of the row group being filled, and its rows so far.
    group: Option<(Vec<ArrowColumnWriter>, usize)>,
    groups_written: usize,
    group_rows: usize,
    /// Rows written so far.
    pub rows: u64,
    /// The file.
    pub path: PathBuf,
}

/// Batches smaller than this encode on the calling thread: handing them to the pool would cost
/// more than it saves (and the pool may be busy parsing workbooks).
const PARALLEL_ROWS: usize = 50_000;

impl TableWriter {
    /// Creates `path` (and its folder) for `table`.
    pub fn create(path: &Path, table: &str) -> Result<TableWriter, String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let file = File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let props = properties(table);
        let group_rows = props.max_row_group_row_count().unwrap_or(usize::MAX);
        let schema = table_schema(table);
        let (file, factory) = ArrowWriter::try_new(file, schema.clone(), Some(props))
            .and_then(ArrowWriter::into_serialized_writer)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(TableWriter {
            file,
            factory,
            schema,
            group: None,
            groups_written: 0,
            group_rows,
            rows: 0,
            path: path.to_path_buf(),
        })
    }

    /// Writes a record batch in the table's schema.
    pub fn write_batch(&mut self, batch: &RecordBatch) -> Result<(), String> {
        self.write_rows(batch)
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }

    /// Rows written to the row group not yet finished: held in memory until it is.
    pub fn buffered_rows(&self) -> usize {
        self.group.as_ref().map_or(0, |(_, rows)| *rows)
    }

    /// Finishes the row group being filled (a smaller one), writing it to the file.
    pub fn finish_row_group(&mut self) -> Result<(), String> {
        self.close_group()
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }

    /// Finishes the file.
    pub fn close(mut self) -> Result<u64, String> {
        (self
            .close_group()
            .and_then(|()| self.file.close().map(drop)))
        .map_err(|e| format!("{}: {e}", self.path.display()))?;
        Ok(self.rows)
    }

    /// Fills row groups of `group_rows` rows, closing each as it fills.
    fn write_rows(&mut self, batch: &RecordBatch) -> Result<(), ParquetError> {
        let mut offset = 0;
        while offset < batch.num_rows() {
            if self.group.is_none() {
                let writers = self.factory.create_column_writers(self.groups_written)?;
                self.group = Some((writers, 0));
            }
            let (writers, filled) = self.group.as_mut().expect("opened above");
            let take = (self.group_rows - *filled).min(batch.num_rows() - offset);
            encode(writers, &self.schema, &batch.slice(offset, take))?;
            *filled += take;
            offset += take;
            self.rows += take as u64;
            if *filled == self.group_rows {
                self.close_group()?;
            }
        }
        Ok(())
    }

    fn close_group(&mut self) -> Result<(), ParquetError> {
        let Some((writers, _)) = self.group.take() else {
            return Ok(());
        };
        let mut group = self.file.next_row_group()?;
        for writer in writers {
            writer.close()?.append_to_row_group(&mut group)?;
        }
        group.close()?;
        self.groups_written += 1;
        Ok(())
    }
}

/// Encodes a batch into its row group's column writers: in parallel when the batch is large.
fn encode(
    writers: &mut [ArrowColumnWriter],
    schema: &SchemaRef,
    batch: &RecordBatch,
) -> Result<(), ParquetError> {
    let mut leaves = Vec::with_capacity(writers.len());
    for (field, column) in schema.fields().iter().zip(batch.columns()) {
        leaves.extend(compute_leaves(field, column)?);
    }
    if leaves.len() != writers.len() {
        return Err(ParquetError::General(format!(
            "{} columns for {} column writers",
            leaves.len(),
            writers.len()
        )));
    }
    if batch.num_rows() < PARALLEL_ROWS {
        return (writers.iter_mut().zip(&leaves)).try_for_each(|(w, leaf)| w.write(leaf));
    }
    (writers.par_iter_mut().zip(leaves.par_iter())).try_for_each(|(w, leaf)| w.write(leaf))
}

fn repeat(n: usize, value: &str) -> ArrayRef {
    // The bytes laid down in one pass: a builder would grow and check its buffers row by row,
    // and provenance columns repeat one value over every row of a batch.
    let offsets = OffsetBuffer::from_lengths(std::iter::repeat_n(value.len(), n));
    let values = Buffer::from_vec(value.as_bytes().repeat(n));
    Arc::new(StringArray::new(offsets, values, None))
}

fn strings<'a>(values: impl ExactSizeIterator<Item = &'a str>) -> ArrayRef {
    // Sized once: codes and names are short, so eight bytes a value is rarely outgrown, and the
    // builder does not copy its buffer over and over as a batch of 200,000 rows fills it.
    let mut b = StringBuilder::with_capacity(values.len(), values.len() * 8);
    for v in values {
        b.append_value(v);
    }
    Arc::new(b.finish())
}

fn opt_strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let mut b = StringBuilder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

fn floats(values: impl Iterator<Item = Option<f64>>) -> ArrayRef {
    let mut b = Float64Builder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

fn ints(values: impl Iterator<Item = Option<i32>>) -> ArrayRef {
    let mut b = Int32Builder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

fn bools(values: impl Iterator<Item = bool>) -> ArrayRef {
    let mut b = BooleanBuilder::new();
    for v in values {
        b.append_value(v);
    }
    Arc::new(b.finish())
}

fn with_provenance(mut columns: Vec<ArrayRef>, n: usize, prov: &Provenance) -> Vec<ArrayRef> {
    columns.push(repeat(n, prov.source));
    columns.push(repeat(n, &prov.file));
    columns.push(repeat(n, &prov.release));
    columns
}

/// The `trade_by_product` columns of a column batch: economies looked up by index, product codes
/// taken as they are (fixed width, back to back), the batch-wide fields repeated.
fn product_columns(c: ProductColumns) -> Result<Vec<ArrayRef>, String> {
    let n = c.len();
    let width = usize::from(c.level);
    let lengths = [
        c.reporter.len(),
        c.partner.len(),
        c.value_usd.len(),
        c.quantity.len(),
    ];
    if lengths.iter().any(|&l| l != n) || c.products.len() != n * width {
        return Err(format!(
            "a product column batch of {n} rows has columns of other lengths ({lengths:?}, {} product bytes for codes of {width})",
            c.products.len()
        ));
    }
    let names = |index: &[u16]| {
        (index.iter())
            .map(|&i| c.economies.get(usize::from(i)).map(Iso3::as_str))
            .collect::<Option<Vec<&str>>>()
            .ok_or_else(|| {
                format!(
                    "an economy index beyond the {} economies",
                    c.economies.len()
                )
            })
    };
    let (reporters, partners) = (names(&c.reporter)?, names(&c.partner)?);
    let width = usize::from(c.level);
    let offsets = OffsetBuffer::from_lengths(std::iter::repeat_n(width, n));
    let products = StringArray::try_new(offsets, Buffer::from_vec(c.products), None)
        .map_err(|e| format!("product codes of {} rows: {e}", n))?;
    let level = UInt8Array::from_value(c.level, n);
    Ok(vec![
        strings(reporters.into_iter()),
        strings(partners.into_iter()),
        Arc::new(products),
        repeat(n, c.nomenclature),
        Arc::new(level),
        repeat(n, c.flow.as_str()),
        Arc::new(Int32Array::from(c.year)),
        Arc::new(Float64Array::from(c.value_usd)),
        Arc::new(Float64Array::from(c.quantity)),
        repeat(n, c.reported_by.as_str()),
    ])
}

/// The columns of a month of GDELT events.
fn gdelt_columns(m: EventMonth) -> Vec<ArrayRef> {
    let rows = &m.rows;
    let int64 = |f: fn(&GdeltEvent) -> i64| -> ArrayRef {
        Arc::new(Int64Array::from_iter_values(rows.iter().map(f)))
    };
    let country = |c: &Option<Iso3>| c.as_ref().map(|c| c.as_str().to_string());
    vec![
        int64(|r| r.event_id),
        Arc::new(Date32Array::from_iter_values(rows.iter().map(|r| r.date))),
        repeat_int(rows.len(), m.year),
        repeat_int(rows.len(), i32::from(m.month)),
        Arc::new(StringArray::from_iter(
            rows.iter().map(|r| country(&r.actor1_country)),
        )),
        Arc::new(StringArray::from_iter(
            rows.iter().map(|r| country(&r.actor2_country)),
        )),
        strings(rows.iter().map(|r| r.event_code.as_str())),
        strings(rows.iter().map(|r| r.event_root_code.as_str())),
        ints(rows.iter().map(|r| Some(i32::from(r.quad_class)))),
        floats(rows.iter().map(|r| Some(r.goldstein))),
        ints(rows.iter().map(|r| Some(r.mentions))),
        ints(rows.iter().map(|r| Some(r.sources))),
        ints(rows.iter().map(|r| Some(r.articles))),
        int64(|r| r.added),
        strings(rows.iter().map(|r| r.source_url.as_str())),
    ]
}

fn repeat_int(n: usize, value: i32) -> ArrayRef {
    Arc::new(Int32Array::from_value(value, n))
}

/// The folder of a partitioned table a batch goes to, relative to the table's folder
/// (`year=2024/month=03`), or `None` for the tables kept whole.
pub fn partition_of(batch: &Batch) -> Option<String> {
    match batch {
        Batch::GdeltEvents(m) => Some(format!("year={}/month={:02}", m.year, m.month)),
        _ => None,
    }
}

/// The table a batch belongs to.
pub fn table_of(batch: &Batch) -> &'static str {
    match batch {
        Batch::TradeFlows(_) => "trade_flows",
        Batch::TradeByProduct(_) | Batch::ProductColumns(_) => "trade_by_product",
        Batch::Macro(_) => "macro",
        Batch::Finance(_) => "finance",
        Batch::Investment(_) => "investment",
        Batch::PowerPlants(_) => "power_plants",
        Batch::FinanceLocations(_) => "finance_locations",
        Batch::Events(_) => "events",
        Batch::GdeltEvents(_) => "gdelt_events",
        Batch::Memberships(_) => "memberships",
        Batch::Culture(_) => "culture",
    }
}

/// Converts canonical rows to an Arrow record batch of their table (column batches move their
/// vectors into the arrays, uncopied).
pub fn to_record_batch(batch: Batch, prov: &Provenance) -> Result<RecordBatch, String> {
    let (n, schema) = (batch.len(), table_schema(table_of(&batch)));
    let columns: Vec<ArrayRef> = match batch {
        Batch::TradeFlows(rows) => vec![
            strings(rows.iter().map(|r| r.reporter.as_str())),
            strings(rows.iter().map(|r| r.partner.as_str())),
            strings(rows.iter().map(|r| r.flow.as_str())),
            ints(rows.iter().map(|r| Some(r.year))),
            floats(rows.iter().map(|r| Some(r.value_usd))),
            strings(rows.iter().map(|r| r.reported_by.as_str())),
            bools(rows.iter().map(|r| r.estimated)),
        ],
        Batch::TradeByProduct(rows) => {
            let mut level = UInt8Builder::with_capacity(n);
            for r in &rows {
                level.append_value(r.level);
            }
            vec![
                strings(rows.iter().map(|r| r.reporter.as_str())),
                strings(rows.iter().map(|r| r.partner.as_str())),
                strings(rows.iter().map(|r| r.product.as_str())),
                strings(rows.iter().map(|r| r.nomenclature)),
                Arc::new(level.finish()),
                strings(rows.iter().map(|r| r.flow.as_str())),
                ints(rows.iter().map(|r| Some(r.year))),
                floats(rows.iter().map(|r| Some(r.value_usd))),
                floats(rows.iter().map(|r| r.quantity)),
                strings(rows.iter().map(|r| r.reported_by.as_str())),
            ]
        }
        Batch::ProductColumns(c) => product_columns(c)?,
        Batch::Macro(rows) => vec![
            strings(rows.iter().map(|r| r.country.as_str())),
            ints(rows.iter().map(|r| Some(r.year))),
            strings(rows.iter().map(|r| r.indicator.as_str())),
            floats(rows.iter().map(|r| Some(r.value))),
            strings(rows.iter().map(|r| r.unit)),
        ],
        Batch::Finance(rows) => vec![
            strings(rows.iter().map(|r| r.record_id.as_str())),
            strings(rows.iter().map(|r| r.title.as_str())),
            strings(rows.iter().map(|r| r.lender.as_str())),
            strings(rows.iter().map(|r| r.recipient.as_str())),
            ints(rows.iter().map(|r| Some(r.year))),
            strings(rows.iter().map(|r| r.sector.as_str())),
            strings(rows.iter().map(|r| r.flow_type.as_str())),
            strings(rows.iter().map(|r| r.flow_class.as_str())),
            floats(rows.iter().map(|r| r.amount_usd_current)),
            floats(rows.iter().map(|r| r.amount_usd_constant)),
            ints(rows.iter().map(|r| r.constant_base_year)),
            bools(rows.iter().map(|r| r.recommended)),
            bools(rows.iter().map(|r| r.umbrella)),
        ],
        Batch::Investment(rows) => {
            let mut month = UInt8Builder::with_capacity(n);
            for r in &rows {
                month.append_option(r.month);
            }
            vec![
                strings(rows.iter().map(|r| r.deal_id.as_str())),
                strings(rows.iter().map(|r| r.kind)),
                ints(rows.iter().map(|r| Some(r.year))),
                Arc::new(month.finish()),
                strings(rows.iter().map(|r| r.investor.as_str())),
                floats(rows.iter().map(|r| Some(r.value_usd))),
                floats(rows.iter().map(|r| r.share)),
                strings(rows.iter().map(|r| r.counterpart.as_str())),
                strings(rows.iter().map(|r| r.sector.as_str())),
                strings(rows.iter().map(|r| r.subsector.as_str())),
                strings(rows.iter().map(|r| r.country.as_str())),
                bools(rows.iter().map(|r| r.bri)),
                bools(rows.iter().map(|r| r.greenfield)),
            ]
        }
        Batch::PowerPlants(rows) => vec![
            strings(rows.iter().map(|r| r.plant_id.as_str())),
            strings(rows.iter().map(|r| r.name.as_str())),
            strings(rows.iter().map(|r| r.country.as_str())),
            strings(rows.iter().map(|r| r.fuel.as_str())),
            floats(rows.iter().map(|r| r.capacity_mw)),
            ints(rows.iter().map(|r| r.commissioning_year)),
            strings(rows.iter().map(|r| r.investment_type.as_str())),
            floats(rows.iter().map(|r| r.investment_usd)),
            ints(rows.iter().map(|r| r.investment_year)),
            bools(rows.iter().map(|r| r.duplicate)),
            ints(rows.iter().map(|r| r.debt_year)),
            floats(rows.iter().map(|r| r.debt_usd)),
            strings(rows.iter().map(|r| r.lenders.as_str())),
            ints(rows.iter().map(|r| r.equity_year)),
            strings(rows.iter().map(|r| r.investors.as_str())),
        ],
        Batch::FinanceLocations(rows) => {
            let mut level = UInt8Builder::with_capacity(n);
            for r in &rows {
                level.append_value(r.level);
            }
            vec![
                strings(rows.iter().map(|r| r.record_id.as_str())),
                strings(rows.iter().map(|r| r.country.as_str())),
                Arc::new(level.finish()),
                strings(rows.iter().map(|r| r.unit_id.as_str())),
                strings(rows.iter().map(|r| r.unit_name.as_str())),
                floats(rows.iter().map(|r| Some(r.intersection_ratio))),
                floats(rows.iter().map(|r| Some(r.even_split_ratio))),
                floats(rows.iter().map(|r| r.value_intersection_usd)),
                floats(rows.iter().map(|r| r.value_even_split_usd)),
                floats(rows.iter().map(|r| r.longitude)),
                floats(rows.iter().map(|r| r.latitude)),
            ]
        }
        Batch::Events(rows) => vec![
            strings(rows.iter().map(|r| r.actor.as_str())),
            strings(rows.iter().map(|r| r.target.as_str())),
            opt_strings(rows.iter().map(|r| r.person.as_deref())),
            ints(rows.iter().map(|r| Some(r.year))),
            opt_strings(rows.iter().map(|r| r.date.as_deref())),
            strings(rows.iter().map(|r| r.measure)),
            floats(rows.iter().map(|r| Some(r.value))),
        ],
        Batch::GdeltEvents(m) => gdelt_columns(m),
        Batch::Memberships(rows) => vec![
            strings(rows.iter().map(|r| r.country.as_str())),
            strings(rows.iter().map(|r| r.organisation)),
            opt_strings(rows.iter().map(|r| r.joined.as_deref())),
            opt_strings(rows.iter().map(|r| r.exited.as_deref())),
            strings(rows.iter().map(|r| r.note.as_str())),
        ],
        Batch::Culture(rows) => vec![
            strings(rows.iter().map(|r| r.country.as_str())),
            strings(rows.iter().map(|r| r.kind)),
            strings(rows.iter().map(|r| r.name.as_str())),
            strings(rows.iter().map(|r| r.city.as_str())),
            opt_strings(rows.iter().map(|r| r.founded.as_deref())),
            ints(rows.iter().map(|r| r.year)),
            strings(rows.iter().map(|r| r.status.as_str())),
        ],
    };
    RecordBatch::try_new(schema, with_provenance(columns, n, prov)).map_err(|e| e.to_string())
}

/// Converts rejects to a record batch of `rejects`.
pub fn rejects_batch(rejects: &[Reject], prov: &Provenance) -> Result<RecordBatch, String> {
    let n = rejects.len();
    let mut rows = UInt64Builder::with_capacity(n);
    let mut count = UInt64Builder::with_capacity(n);
    for r in rejects {
        rows.append_value(r.row);
        count.append_value(r.rows);
    }
    let columns = vec![
        opt_strings(rejects.iter().map(|r| r.sheet.as_deref())),
        Arc::new(rows.finish()) as ArrayRef,
        strings(rejects.iter().map(|r| r.column.as_str())),
        strings(rejects.iter().map(|r| r.reason.as_str())),
        strings(rejects.iter().map(|r| r.value.as_str())),
        Arc::new(count.finish()) as ArrayRef,
    ];
    RecordBatch::try_new(table_schema("rejects"), with_provenance(columns, n, prov))
        .map_err(|e| e.to_string())
}

/// The registry as a table, so SQL can join codes to names, kinds and regions.
pub fn countries_batch() -> Result<RecordBatch, String> {
    let entities = galeon_registry::Registry::global().entities();
    let columns: Vec<ArrayRef> = vec![
        strings(entities.iter().map(|e| e.iso3.as_str())),
        opt_strings(entities.iter().map(|e| e.iso2.as_deref())),
        ints(entities.iter().map(|e| e.numeric.map(i32::from))),
        opt_strings(entities.iter().map(|e| Some(kind_name(e.kind)))),
        bools(entities.iter().map(|e| e.kind.is_economy())),
        bools(entities.iter().map(|e| e.lac)),
        strings(entities.iter().map(|e| e.m49.region.as_str())),
        strings(entities.iter().map(|e| e.m49.subregion.as_str())),
        strings(entities.iter().map(|e| e.m49.intermediate.as_str())),
        strings(entities.iter().map(|e| e.names.en.as_str())),
        strings(entities.iter().map(|e| e.names.es.as_str())),
        strings(entities.iter().map(|e| e.names.pt.as_str())),
        strings(entities.iter().map(|e| e.names.zh.as_str())),
        ints(entities.iter().map(|e| e.valid_from)),
        ints(entities.iter().map(|e| e.valid_to)),
    ];
    RecordBatch::try_new(table_schema("countries"), columns).map_err(|e| e.to_string())
}

fn kind_name(kind: galeon_registry::EntityKind) -> &'static str {
    match kind {
        galeon_registry::EntityKind::Country => "country",
        galeon_registry::EntityKind::OtherEconomy => "other_economy",
        galeon_registry::EntityKind::Historic => "historic",
        galeon_registry::EntityKind::Aggregate => "aggregate",
    }
}

/// The curated facts as a table (sources as JSON text).
pub fn facts_batch(facts: &[galeon_facts::Fact]) -> Result<RecordBatch, String> {
    let dates: Vec<String> = facts.iter().map(|f| f.date.to_string()).collect();
    let first: Vec<String> = facts
        .iter()
        .map(|f| f.date.first_day().to_string())
        .collect();
    let until: Vec<Option<String>> = facts
        .iter()
        .map(|f| f.until.map(|u| u.to_string()))
        .collect();
    let sources: Vec<String> = facts
        .iter()
        .map(|f| serde_json::to_string(&f.sources).unwrap_or_default())
        .collect();
    let columns: Vec<ArrayRef> = vec![
        strings(facts.iter().map(|f| f.id.as_str())),
        strings(facts.iter().map(|f| f.kind.as_str())),
        opt_strings(facts.iter().map(|f| f.country.as_deref())),
        strings(facts.iter().map(|f| f.value.as_str())),
        strings(dates.iter().map(String::as_str)),
        strings(first.iter().map(String::as_str)),
        opt_strings(until.iter().map(|u| u.as_deref())),
        strings(facts.iter().map(|f| f.text.as_str())),
        floats(facts.iter().map(|f| f.amount)),
        opt_strings(facts.iter().map(|f| f.unit.as_deref())),
        bools(facts.iter().map(|f| f.used)),
        strings(sources.iter().map(String::as_str)),
    ];
    RecordBatch::try_new(table_schema("facts"), columns).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{Array, AsArray};
    use datafusion::arrow::datatypes::{Float64Type, Int32Type};
    use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use galeon_sources::canonical::{Flow, ProductColumns};

    /// `n` rows whose values follow from their position, so the check below recomputes them.
    fn columns(n: usize, first: usize) -> ProductColumns {
        let economies: Arc<[Iso3]> = vec![Iso3::known("BRA"), Iso3::CHN].into();
        let mut c = ProductColumns::with_capacity("HS92", 6, Flow::Export, economies, n);
        for i in first..first + n {
            c.reporter.push((i % 2) as u16);
            c.partner.push(((i + 1) % 2) as u16);
            c.products
                .extend_from_slice(format!("{:06}", i % 1_000_000).as_bytes());
            c.year.push(2000 + (i % 7) as i32);
            c.value_usd.push(i as f64 * 1.5);
            c.quantity.push((i % 3 != 0).then_some(i as f64));
        }
        c
    }

    #[test]
    fn row_groups_fill_across_batches_small_and_large_alike() {
        // Row groups of 60,000 rows: a small batch (encoded inline), a large one (on the pool),
        // then one that closes the first group inline (8,500 rows), fills the second on the pool
        // (60,000) and starts a third (1,500).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        let mut writer = TableWriter::create(&path, "trade_by_product").unwrap();
        writer.group_rows = 60_000;
        let prov = Provenance {
            source: "cepii-baci",
            file: "trade/cepii-baci/BACI_HS92_Y2000_V1.csv".into(),
            release: "BACI V1".into(),
        };
        let sizes = [600, PARALLEL_ROWS + 900, PARALLEL_ROWS + 20_000];
        let mut first = 0;
        for n in sizes {
            let batch = Batch::ProductColumns(columns(n, first));
            writer
                .write_batch(&to_record_batch(batch, &prov).unwrap())
                .unwrap();
            first += n;
        }
        let total = first;
        assert_eq!(writer.close().unwrap(), total as u64);

        let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&path).unwrap()).unwrap();
        let groups: Vec<i64> = (reader.metadata().row_groups().iter())
            .map(|g| g.num_rows())
            .collect();
        // 121,500 rows in groups of 60,000.
        assert_eq!(groups, vec![60_000, 60_000, 1_500]);
        let mut i = 0;
        for batch in reader.build().unwrap() {
            let batch = batch.unwrap();
            let reporter = batch.column(0).as_string::<i32>();
            let product = batch.column(2).as_string::<i32>();
            let year = batch.column(6).as_primitive::<Int32Type>();
            let value = batch.column(7).as_primitive::<Float64Type>();
            let quantity = batch.column(8).as_primitive::<Float64Type>();
            let file = batch.column(11).as_string::<i32>();
            for row in 0..batch.num_rows() {
                assert_eq!(reporter.value(row), ["BRA", "CHN"][i % 2]);
                assert_eq!(product.value(row), format!("{:06}", i % 1_000_000));
                assert_eq!(year.value(row), 2000 + (i % 7) as i32);
                assert_eq!(value.value(row), i as f64 * 1.5);
                assert_eq!(quantity.is_null(row), i % 3 == 0);
                assert_eq!(file.value(row), prov.file);
                i += 1;
            }
        }
        assert_eq!(i, total);
    }

    #[test]
    fn a_column_batch_whose_columns_disagree_is_refused_not_written() {
        let prov = Provenance {
            source: "cepii-baci",
            file: "f.csv".into(),
            release: "r".into(),
        };
        let mut short = columns(3, 0);
        short.products.truncate(12); // two codes' bytes for three rows
        let e = to_record_batch(Batch::ProductColumns(short), &prov).unwrap_err();
        assert!(e.contains("12 product bytes"), "{e}");
        let mut stray = columns(3, 0);
        stray.partner[1] = 7; // two economies
        let e = to_record_batch(Batch::ProductColumns(stray), &prov).unwrap_err();
        assert!(e.contains("beyond the 2 economies"), "{e}");
    }
}
