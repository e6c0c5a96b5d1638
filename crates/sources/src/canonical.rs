//! Canonical rows: the source-independent shape every connector writes.
//!
//! Connectors turn a publisher's file into these rows and hand them to a [`Sink`] one batch per
//! file (or per chunk of a large file), together with the batch's [`Provenance`]. They never see
//! Arrow or Parquet: the store decides how rows are kept. `docs/data-dictionary.md` documents
//! every field.

use std::fmt;

pub use galeon_registry::Iso3;

/// Direction of a trade flow, from the reporter's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flow {
    /// The reporter's exports (FOB as a rule).
    Export,
    /// The reporter's imports (CIF as a rule).
    Import,
}

impl Flow {
    /// `export` or `import`.
    pub fn as_str(self) -> &'static str {
        match self {
            Flow::Export => "export",
            Flow::Import => "import",
        }
    }
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which side of a bilateral flow published the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportedBy {
    /// The reporter published it (its own exports or imports).
    Reporter,
    /// The partner published it (a mirror value).
    Partner,
}

impl ReportedBy {
    /// `reporter` or `partner`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportedBy::Reporter => "reporter",
            ReportedBy::Partner => "partner",
        }
    }
}

/// Where a batch of rows comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// Dataset id from the catalogue, e.g. `imf-dots`.
    pub source: &'static str,
    /// File, relative to the sources directory.
    pub file: String,
    /// Release or vintage, as the dataset states it.
    pub release: std::sync::Arc<str>,
}

/// One bilateral trade value: `trade_flows`.
#[derive(Debug, Clone, PartialEq)]
pub struct TradeFlow {
    /// Reporting economy (galeon code).
    pub reporter: Iso3,
    /// Partner economy (galeon code; may be an aggregate such as `WLD`).
    pub partner: Iso3,
    /// Exports or imports of the reporter.
    pub flow: Flow,
    /// Calendar year.
    pub year: i32,
    /// Value in current US dollars.
    pub value_usd: f64,
    /// Which side published the value.
    pub reported_by: ReportedBy,
    /// The publisher marks the value as estimated (IMF's trailing "e").
    pub estimated: bool,
}

/// One product-level trade value: `trade_by_product`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductFlow {
    /// Reporting economy.
    pub reporter: Iso3,
    /// Partner economy, or `WLD` for trade with the world.
    pub partner: Iso3,
    /// Product code as published (`1201`, `120190`, `Fuels`, `MA`…).
    pub product: String,
    /// Nomenclature and edition: `HS92`, `HS12`, `HS`, `WITS-16`, `UNCTAD-SOP`, `WTO-MTN`, `WTO-SITC3`.
    pub nomenclature: &'static str,
    /// Level: digits for HS (2, 4, 6), 0 for named groups.
    pub level: u8,
    /// Exports or imports of the reporter.
    pub flow: Flow,
    /// Calendar year.
    pub year: i32,
    /// Value in current US dollars.
    pub value_usd: f64,
    /// Quantity where published (tonnes for BACI).
    pub quantity: Option<f64>,
    /// Which side published the value.
    pub reported_by: ReportedBy,
}

/// Product-level trade values column by column, the shape bulk files are read into (BACI holds
/// 10 M rows a year): no `String` per row, and the store turns the columns into Arrow arrays
/// without a pass over row structs. One nomenclature, level, flow and reporting side per batch;
/// economies are indexes into `economies`, product codes are `level` ASCII characters each.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductColumns {
    /// Nomenclature and edition of every product code (`HS92`…).
    pub nomenclature: &'static str,
    /// Digits of every product code, and so the width of each code in `products`.
    pub level: u8,
    /// Exports or imports of the reporter, for every row.
    pub flow: Flow,
    /// Which side published the values, for every row.
    pub reported_by: ReportedBy,
    /// The economies `reporter` and `partner` point into (ISO3 codes or `WLD`).
    pub economies: std::sync::Arc<[Iso3]>,
    /// Reporting economy of each row, as an index into `economies`.
    pub reporter: Vec<u16>,
    /// Partner economy of each row, as an index into `economies`.
    pub partner: Vec<u16>,
    /// Product codes back to back, `level` bytes each, zero-padded on the left.
    pub products: Vec<u8>,
    /// Calendar year of each row.
    pub year: Vec<i32>,
    /// Value in current US dollars of each row.
    pub value_usd: Vec<f64>,
    /// Quantity of each row where published.
    pub quantity: Vec<Option<f64>>,
}

impl ProductColumns {
    /// An empty batch with room for `capacity` rows.
    pub fn with_capacity(
        nomenclature: &'static str,
        level: u8,
        flow: Flow,
        economies: std::sync::Arc<[Iso3]>,
        capacity: usize,
    ) -> ProductColumns {
        ProductColumns {
            nomenclature,
            level,
            flow,
            reported_by: ReportedBy::Reporter,
            economies,
            reporter: Vec::with_capacity(capacity),
            partner: Vec::with_capacity(capacity),
            products: Vec::with_capacity(capacity * usize::from(level)),
            year: Vec::with_capacity(capacity),
            value_usd: Vec::with_capacity(capacity),
            quantity: Vec::with_capacity(capacity),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.year.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.year.is_empty()
    }

    /// The product code of row `i`.
    pub fn product(&self, i: usize) -> &str {
        let width = usize::from(self.level);
        std::str::from_utf8(&self.products[i * width..(i + 1) * width])
            .expect("product codes are ASCII")
    }

    /// The rows one by one, as [`ProductFlow`]s (for tests and small consumers).
    pub fn rows(&self) -> impl Iterator<Item = ProductFlow> + '_ {
        (0..self.len()).map(|i| ProductFlow {
            reporter: self.economies[usize::from(self.reporter[i])],
            partner: self.economies[usize::from(self.partner[i])],
            product: self.product(i).to_string(),
            nomenclature: self.nomenclature,
            level: self.level,
            flow: self.flow,
            year: self.year[i],
            value_usd: self.value_usd[i],
            quantity: self.quantity[i],
            reported_by: self.reported_by,
        })
    }
}

/// One country-year value of a macro or descriptive series: `macro`.
#[derive(Debug, Clone, PartialEq)]
pub struct MacroValue {
    /// Economy (or aggregate).
    pub country: Iso3,
    /// Calendar year.
    pub year: i32,
    /// Series id: `gdp_usd`, `population`, `cpi_u`, `gdp_deflator_factor`, `exports_usd`…
    pub indicator: String,
    /// The value.
    pub value: f64,
    /// Unit: `USD`, `persons`, `index 1982-84=100`…
    pub unit: &'static str,
}

/// One finance record: `finance`.
#[derive(Debug, Clone, PartialEq)]
pub struct FinanceRecord {
    /// The publisher's record id.
    pub record_id: String,
    /// The project's title as published.
    pub title: String,
    /// Lending or funding agency as published.
    pub lender: String,
    /// Recipient economy (galeon code; a regional aggregate for multi-country records).
    pub recipient: Iso3,
    /// Commitment year.
    pub year: i32,
    /// Sector as published.
    pub sector: String,
    /// Flow type as published (loan, grant…).
    pub flow_type: String,
    /// ODA-like, OOF-like, vague.
    pub flow_class: String,
    /// Amount in current US dollars, where known.
    pub amount_usd_current: Option<f64>,
    /// Amount in constant US dollars, where known.
    pub amount_usd_constant: Option<f64>,
    /// Base year of the constant amount.
    pub constant_base_year: Option<i32>,
    /// The publisher's recommended-for-aggregates flag (commitments, no umbrellas, no cancellations).
    pub recommended: bool,
    /// Umbrella agreement whose sub-projects are recorded separately.
    pub umbrella: bool,
}

/// One investment or construction deal (AEI/Heritage CGIT): `investment`.
#[derive(Debug, Clone, PartialEq)]
pub struct InvestmentDeal {
    /// Where the deal is in the workbook (`Dataset 2 row 276`): CGIT gives deals no id.
    pub deal_id: String,
    /// `investment`, `construction` or `troubled`.
    pub kind: &'static str,
    /// Year of the transaction.
    pub year: i32,
    /// Month, where given.
    pub month: Option<u8>,
    /// Chinese investor or contractor.
    pub investor: String,
    /// Value in current US dollars (CGIT publishes US$ millions; deals of US$100 m or more).
    pub value_usd: f64,
    /// Equity share acquired, for investments.
    pub share: Option<f64>,
    /// Local partner or target.
    pub counterpart: String,
    /// Sector as published.
    pub sector: String,
    /// Subsector as published.
    pub subsector: String,
    /// Host economy (galeon code).
    pub country: Iso3,
    /// Marked as a BRI country by AEI.
    pub bri: bool,
    /// Greenfield investment.
    pub greenfield: bool,
}

/// One Chinese-financed power plant investment (WRI COFI): `power_plants`.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerPlant {
    /// COFI's unique id.
    pub plant_id: String,
    /// Plant name.
    pub name: String,
    /// Host economy.
    pub country: Iso3,
    /// Primary fuel as published (hydro, solar pv, onshore wind, coal…).
    pub fuel: String,
    /// Installed capacity, MW.
    pub capacity_mw: Option<f64>,
    /// Commissioning year.
    pub commissioning_year: Option<i32>,
    /// Debt, Equity or Both.
    pub investment_type: String,
    /// Total Chinese investment, US dollars.
    pub investment_usd: Option<f64>,
    /// Year of the debt or equity investment.
    pub investment_year: Option<i32>,
    /// Repeat row for a plant with several investments (count capacity once).
    pub duplicate: bool,
    /// Year of the debt, where there is debt.
    pub debt_year: Option<i32>,
    /// Chinese debt, US dollars.
    pub debt_usd: Option<f64>,
    /// The Chinese lenders with an amount in the row, `; `-separated (COFI's bank columns).
    pub lenders: String,
    /// Year of the equity investment, where there is equity.
    pub equity_year: Option<i32>,
    /// The Chinese equity investors named, `; `-separated.
    pub investors: String,
}

/// One project's share in one administrative unit (AidData GCDF 3.0 ADM files):
/// `finance_locations`.
#[derive(Debug, Clone, PartialEq)]
pub struct FinanceLocation {
    /// AidData record id (the same id in GCOF 1.0, GCDF 2.0 and 3.0).
    pub record_id: String,
    /// The unit's economy.
    pub country: Iso3,
    /// Administrative level: 1 or 2.
    pub level: u8,
    /// geoBoundaries unit id.
    pub unit_id: String,
    /// Unit name (may be empty).
    pub unit_name: String,
    /// Share of the project's area inside the unit (0–1).
    pub intersection_ratio: f64,
    /// One over the number of units the project touches.
    pub even_split_ratio: f64,
    /// The project's commitment times `intersection_ratio`, constant 2021 US dollars.
    pub value_intersection_usd: Option<f64>,
    /// The project's commitment times `even_split_ratio`, constant 2021 US dollars.
    pub value_even_split_usd: Option<f64>,
    /// Longitude of the unit's centroid.
    pub longitude: Option<f64>,
    /// Latitude of the unit's centroid.
    pub latitude: Option<f64>,
}

/// One event count or score between two economies: `events`.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Acting economy (source of the event).
    pub actor: Iso3,
    /// Target economy.
    pub target: Iso3,
    /// The person acting, where the source names one (China Vitae: the Chinese leader).
    pub person: Option<String>,
    /// Calendar year.
    pub year: i32,
    /// Day, where the source is daily (YYYY-MM-DD).
    pub date: Option<String>,
    /// Measure: `verbal_cooperation`, `material_conflict`, `goldstein_edge`, `leader_engagement`…
    pub measure: &'static str,
    /// Count or score.
    pub value: f64,
}

/// One GDELT 2.0 event (a row of an event export file) in which China or a LAC state acts or is
/// acted upon: `gdelt_events`. Actor countries are CAMEO country codes as published (ISO 3166-1
/// alpha-3 for China and the 33 LAC states; regions such as `LAM` or `EUR` for others).
#[derive(Debug, Clone, PartialEq)]
pub struct GdeltEvent {
    /// GDELT's GLOBALEVENTID.
    pub event_id: i64,
    /// The day of the event (SQLDATE), as days since 1970-01-01.
    pub date: i32,
    /// Actor 1's country (Actor1CountryCode), where coded.
    pub actor1_country: Option<Iso3>,
    /// Actor 2's country (Actor2CountryCode), where coded.
    pub actor2_country: Option<Iso3>,
    /// CAMEO event code as published (`0311`, `190`…).
    pub event_code: String,
    /// CAMEO root code: the event code's first two digits (`01`–`20`).
    pub event_root_code: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein scale of the event code, −10 (most conflictual) to +10 (most cooperative).
    pub goldstein: f64,
    /// Mentions of the event in the 15 minutes it was first seen (NumMentions).
    pub mentions: i32,
    /// Information sources mentioning it (NumSources).
    pub sources: i32,
    /// Source documents mentioning it (NumArticles).
    pub articles: i32,
    /// When GDELT added it (DATEADDED, YYYYMMDDHHMMSS UTC).
    pub added: i64,
    /// The first news report's URL (SOURCEURL).
    pub source_url: String,
}

/// GDELT events of one calendar month of their event date: the unit `gdelt_events` is
/// partitioned by (`year=YYYY/month=MM`), so every row of a batch has that year and month.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMonth {
    /// Calendar year of every event.
    pub year: i32,
    /// Month (1–12) of every event.
    pub month: u8,
    /// The events.
    pub rows: Vec<GdeltEvent>,
}

/// Membership of an economy in an initiative or organisation: `memberships`.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    /// The economy.
    pub country: Iso3,
    /// The initiative: `BRI`.
    pub organisation: &'static str,
    /// Date of joining as published (YYYY-MM-DD), or empty where the source says "uncertain".
    pub joined: Option<String>,
    /// Date of exit, where any.
    pub exited: Option<String>,
    /// The source's own wording where it is not a date.
    pub note: String,
}

/// One cultural institution (Confucius Institutes): `culture`.
#[derive(Debug, Clone, PartialEq)]
pub struct Institution {
    /// Host economy.
    pub country: Iso3,
    /// `confucius_institute`.
    pub kind: &'static str,
    /// Name as published.
    pub name: String,
    /// City.
    pub city: String,
    /// Founding date as published (estimated by the compilers), YYYY-MM-DD.
    pub founded: Option<String>,
    /// Founding year.
    pub year: Option<i32>,
    /// Status as published (not a fact: see the dataset's caveats).
    pub status: String,
}

/// A row that could not be stored, with where it was and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    /// Worksheet, for workbooks.
    pub sheet: Option<String>,
    /// Row (spreadsheet row, or CSV line).
    pub row: u64,
    /// Column header or letter.
    pub column: String,
    /// Why it was rejected, and what would fix it.
    pub reason: String,
    /// The offending value.
    pub value: String,
    /// How many input rows this reject stands for (1, or a whole duplicate workbook's values).
    pub rows: u64,
}

/// A batch of canonical rows of one table.
#[derive(Debug, Clone, PartialEq)]
pub enum Batch {
    /// `trade_flows` rows.
    TradeFlows(Vec<TradeFlow>),
    /// `trade_by_product` rows.
    TradeByProduct(Vec<ProductFlow>),
    /// `trade_by_product` rows, column by column.
    ProductColumns(ProductColumns),
    /// `macro` rows.
    Macro(Vec<MacroValue>),
    /// `finance` rows.
    Finance(Vec<FinanceRecord>),
    /// `investment` rows.
    Investment(Vec<InvestmentDeal>),
    /// `power_plants` rows.
    PowerPlants(Vec<PowerPlant>),
    /// `finance_locations` rows.
    FinanceLocations(Vec<FinanceLocation>),
    /// `events` rows.
    Events(Vec<Event>),
    /// `gdelt_events` rows of one month.
    GdeltEvents(EventMonth),
    /// `memberships` rows.
    Memberships(Vec<Membership>),
    /// `culture` rows.
    Culture(Vec<Institution>),
}

impl Batch {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Batch::TradeFlows(r) => r.len(),
            Batch::TradeByProduct(r) => r.len(),
            Batch::ProductColumns(c) => c.len(),
            Batch::Macro(r) => r.len(),
            Batch::Finance(r) => r.len(),
            Batch::Investment(r) => r.len(),
            Batch::PowerPlants(r) => r.len(),
            Batch::FinanceLocations(r) => r.len(),
            Batch::Events(r) => r.len(),
            Batch::GdeltEvents(m) => m.rows.len(),
            Batch::Memberships(r) => r.len(),
            Batch::Culture(r) => r.len(),
        }
    }

    /// Whether the batch is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where connectors write: the store, or a test's vector.
pub trait Sink {
    /// Stores a batch of rows from one file.
    fn write(&mut self, provenance: &Provenance, batch: Batch) -> Result<(), String>;
    /// Keeps a rejected row.
    fn reject(&mut self, provenance: &Provenance, reject: Reject);
    /// Counts rows read from a file (stored + rejected), for the manifest's balance.
    fn rows_read(&mut self, provenance: &Provenance, rows: u64);
}
